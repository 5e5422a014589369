"""The only ways spec text enters generated files. Each is also a Jinja filter.

Spec text (descriptions, names, paths, values) reaches templates wrapped as `SpecText`; the
template environment refuses to print a SpecText that did not pass through one of these.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any


class SpecText(str):
    """Text from a spec: untrusted, printable only through an escaping filter."""

    __slots__ = ()


def python_literal(value: Any) -> str:
    """A Python literal for a JSON value, ASCII only: quotes, backslashes, control characters
    and all non-ASCII text (bidi overrides, look-alike letters) come out as escapes."""
    if isinstance(value, float):
        return repr(value).replace("e+", "e")  # black's spelling of an exponent
    if value is None or isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, str):
        return _string_literal(str(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (
            f"{python_literal(str(k))}: {python_literal(v)}" for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def _string_literal(text: str) -> str:
    """`ascii(text)` in black's own quoting, so that black leaves it as it is: double quotes,
    unless single quotes need fewer escapes (the text has more `"` than `'`)."""
    quoted = ascii(text)
    body = quoted[1:-1]
    if quoted[0] == "'":  # (Python quotes with `"` only text that holds `'` and no `"`)
        body = body.replace("\\'", "'").replace('"', '\\"')
    if text.count('"') > text.count("'"):
        return "'" + body.replace('\\"', '"').replace("'", "\\'") + "'"
    return f'"{body}"'


def _escape_unprintable(text: str, keep: str = "") -> str:
    return "".join(
        (
            ch
            if ch.isprintable() or ch in keep
            else ch.encode("unicode_escape").decode("ascii")
        )
        for ch in text
    )


def _escape_for_source(text: str) -> str:
    """Backslashes doubled, then every non-ASCII or unprintable character (but newline) as an
    escape: `\\N{EN DASH}`. Python source stays ASCII; the docstring's text is unchanged.
    """
    doubled = text.replace("\\", "\\\\")
    if doubled.isascii() and doubled.replace("\n", "").isprintable():
        return doubled  # the usual case, without a look at every character
    return "".join(
        ch if (ch.isascii() and ch.isprintable()) or ch == "\n" else _named_escape(ch)
        for ch in doubled
    )


def _named_escape(ch: str) -> str:
    name = unicodedata.name(ch, "") if ch.isprintable() else ""
    if not name:
        return ch.encode("unicode_escape").decode("ascii")
    return "\\N{" + name.replace(" ", _UNBREAKABLE_SPACE) + "}"


_UNBREAKABLE_SPACE = "\ue000"
"""Stands for a space inside `\\N{...}` while text is wrapped, so no line breaks there."""


_QUOTE_RUN = re.compile(r'"(?=")|(?<=")"|"$')
"""Quotes next to another quote or at the end could close the docstring; lone ones cannot."""


def docstring(text: str, indent: int = 0, width: int = 88) -> str:
    """A complete triple-quoted docstring whose content cannot end it or escape from it, in
    the layout black gives a docstring (the first statement of a module, class or function).

    Paragraphs (split on blank lines) are re-wrapped to fit `width` with the quotes; lines
    starting with ':' are field lists and get a hanging indent.
    """
    lines = _docstring_lines(text, indent, width)
    if not lines:
        return '""""""'
    if lines[0].startswith('"'):  # black pads a quote next to the opening quotes
        lines[0] = f" {lines[0]}"
    if len(lines) == 1:  # black keeps one line whole, even a long one
        return f'"""{lines[0]} """' if lines[0].endswith('"') else f'"""{lines[0]}"""'
    return _triple_quoted(lines, indent)


def attribute_docstring(text: str, indent: int = 0, width: int = 88) -> str:
    """`docstring` for the string under a field: black takes it for an expression, not a
    docstring, and leaves its text as it is, so its closing quotes stay where they fit.
    """
    lines = _docstring_lines(text, indent, width)
    if not lines:
        return '""""""'
    if len(lines) == 1 and len(lines[0]) + indent + 6 <= width:
        return f'"""{lines[0]}"""'
    return _triple_quoted(lines, indent)


def _docstring_lines(text: str, indent: int, width: int) -> list[str]:
    escaped = _QUOTE_RUN.sub(
        r'\\"', _escape_for_source(text.replace("\r\n", "\n").strip())
    )
    lines: list[str] = []
    for paragraph in _paragraphs(escaped):
        if lines:
            lines.append("")
        for entry in _entries(paragraph):
            hanging = "    " if entry.startswith(":") else ""
            lines.extend(_wrap(entry, max(width - indent - 3, 40), hanging))
    return [line.replace(_UNBREAKABLE_SPACE, " ") for line in lines]


def _wrap(entry: str, width: int, hanging: str) -> list[str]:
    """`textwrap.wrap(entry, width, subsequent_indent=hanging, break_long_words=False,
    break_on_hyphens=False)` for text whose words are one space apart (`_entries` makes
    them so), as a plain greedy fill: the same lines, at a fraction of the cost."""
    lines: list[str] = []
    words: list[str] = []
    length = 0
    limit = width
    for word in entry.split(" "):
        if not word:
            continue
        if words and length + 1 + len(word) > limit:
            lines.append(("" if not lines else hanging) + " ".join(words))
            words, length, limit = [], 0, width - len(hanging)
        length += len(word) + (1 if words else 0)
        words.append(word)
    if words:
        lines.append(("" if not lines else hanging) + " ".join(words))
    return lines or [""]


def _triple_quoted(lines: list[str], indent: int) -> str:
    pad = " " * indent
    body = "\n".join(pad + line if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{pad}"""' if body else f'"""{lines[0]}\n{pad}"""'


def _paragraphs(text: str) -> list[str]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def _entries(paragraph: str) -> list[str]:
    """Split a paragraph into field-list entries (each starting with ':') or one flowing text."""
    entries: list[str] = []
    for line in paragraph.split("\n"):
        words = " ".join(line.split())
        if words.startswith(":") or not entries:
            entries.append(words)
        else:
            entries[-1] = f"{entries[-1]} {words}".strip()
    return entries


def comment(text: str) -> str:
    """Text for a `#` comment: one line, ASCII, nothing unprintable."""
    flat = " ".join(_escape_unprintable(text).split())
    return flat.encode("ascii", "backslashreplace").decode("ascii")


_MARKDOWN_SPECIAL = "\\`*_[]<>|~"


def markdown(text: str) -> str:
    """Inline Markdown text: special characters escaped, HTML neutralised, one paragraph."""
    flat = " ".join(_escape_unprintable(text, keep="\n").split())
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in flat)
    escaped = escaped.replace("&", "&amp;")
    escaped = _ORDERED_LIST_START.sub(r"\1\\\2", escaped)
    return "\\" + escaped if escaped[:1] in ("#", "+", "-", "=") else escaped


_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])")
"""`1. text` at the start of a line would begin a numbered list: escape the dot."""


def markdown_code(text: str) -> str:
    """An inline code span that the text cannot close, whatever backticks it holds."""
    flat = " ".join(_escape_unprintable(text).split()).replace("|", "\\|")
    longest = 0
    current = 0
    for ch in flat:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def identifiers(names: Any) -> str:
    """Python identifiers, comma-separated; anything else (spec text included) is refused."""
    items = list(names)
    for item in items:
        if isinstance(item, SpecText) or not (
            isinstance(item, str) and item.isidentifier()
        ):
            raise ValueError(f"not a Python identifier: {item!r}")
    return ", ".join(items)


def import_names(names: Any) -> str:
    """Names for `from module import ...`: identifiers, each perhaps `name as alias`."""
    items = list(names)
    for item in items:
        parts = item.split(" as ") if isinstance(item, str) else []
        if isinstance(item, SpecText) or not (
            len(parts) in (1, 2) and all(part.isidentifier() for part in parts)
        ):
            raise ValueError(f"not an importable name: {item!r}")
    return ", ".join(items)


_MODULE = re.compile(r"\.*(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)?")


def module(name: Any) -> str:
    """A module for an import statement: dotted identifiers, perhaps relative (`..models`,
    `.`); anything else (spec text included) is refused."""
    if isinstance(name, SpecText) or not isinstance(name, str) or not name:
        raise ValueError(f"not a module name: {name!r}")
    if not _MODULE.fullmatch(name):
        raise ValueError(f"not a module name: {name!r}")
    return name


def toml_string(text: str) -> str:
    """A TOML basic string, ASCII only: `\\uXXXX` and `\\UXXXXXXXX`, never surrogate pairs."""
    escaped = []
    for character in str(text):
        code = ord(character)
        if character in ('"', "\\"):
            escaped.append("\\" + character)
        elif 0x20 <= code < 0x7F:
            escaped.append(character)
        elif code <= 0xFFFF:
            escaped.append(f"\\u{code:04X}")
        else:
            escaped.append(f"\\U{code:08X}")
    return '"' + "".join(escaped) + '"'


FILTERS = {
    "toml": toml_string,
    "identifiers": identifiers,
    "module": module,
    "import_names": import_names,
    "py": python_literal,
    "docstring": docstring,
    "attribute_docstring": attribute_docstring,
    "comment": comment,
    "md": markdown,
    "md_code": markdown_code,
}
