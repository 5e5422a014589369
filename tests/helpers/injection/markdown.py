"""Comparing a generated README with the baseline's: block markers, unescaped specials, table
cells and code tokens."""

from __future__ import annotations

import io
import re
import string
import sys
import tokenize

if sys.version_info >= (3, 11):
    pass
else:  # black, a dependency, brings tomli on Python 3.10
    pass


# --- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_SPECIALS = frozenset("`*_[]<>|~")
_PUNCTUATION = frozenset(string.punctuation)
"""What a backslash escapes in CommonMark."""
_BLOCK_MARKER = re.compile(
    r" {0,3}(?P<marker>#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|>|```|~~~|<|"
    r"=+\s*$|-+\s*$|\|)"
)


def block_marker(line: str) -> str:
    """What a line starts in Markdown: a heading, list item, quote, fence, table row..."""
    match = _BLOCK_MARKER.match(line)
    if match:
        marker = match["marker"]
        return "ordered-list" if marker[0].isdigit() else marker[0]
    return "paragraph" if line.strip() else "blank"


def inline_skeleton(line: str) -> list[str]:
    """The unescaped Markdown specials of a line, code spans as `C` (with any pipe inside
    them, which GitHub tables split on), escaped characters and intraword `_` left out.
    """
    out: list[str] = []
    position = 0
    while position < len(line):
        char = line[position]
        if char == "\\" and line[position + 1 : position + 2] in _PUNCTUATION:
            position += 2
            continue
        if char == "`":
            end = position
            while end < len(line) and line[end] == "`":
                end += 1
            run = end - position
            closing = next(
                (
                    match.start()
                    for match in re.finditer(r"`+", line[end:])
                    if len(match.group()) == run
                ),
                None,
            )
            if closing is None and run == 2:
                # escape.markdown_code("") is a lone ``: shown as is, it closes nothing.
                out.append("C")
                position = end
                continue
            if closing is None:
                out.append("`" * run)
                position = end
                continue
            inner = line[end : end + closing]
            out.append("C")
            out += [
                "|"
                for i, c in enumerate(inner)
                if c == "|" and inner[i - 1 : i] != "\\"
            ]
            position = end + closing + run
            continue
        intraword = (
            char == "_"
            and line[position - 1 : position].isalnum()
            and line[position + 1 : position + 2].isalnum()
        )
        if char in _MARKDOWN_SPECIALS and not intraword:
            out.append(char)
        position += 1
    return out


def code_tokens(lines: list[str]) -> list[str]:
    """A code block's tokens with names, strings and numbers as placeholders."""
    text = "\n".join(lines) + "\n"
    kinds = {tokenize.NAME: "N", tokenize.STRING: "S", tokenize.NUMBER: "0"}
    return [
        kinds.get(token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]


def split_markdown(text: str) -> tuple[list[list[str]], list[str]]:
    """The fenced code blocks, in order, and every line outside them."""
    blocks: list[list[str]] = []
    outside: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("```"):
            outside.append(line)
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
        else:
            outside.append(line)
    assert current is None, "an unclosed code fence"
    return blocks, outside


def line_skeleton(line: str) -> tuple[str, tuple[str, ...]]:
    marker = block_marker(line)
    return (
        "text" if marker in ("paragraph", "blank") else marker,
        tuple(inline_skeleton(line)),
    )


def table_problems(text: str) -> list[str]:
    """Rows whose cell count differs from their table's header, as GitHub splits cells: at
    every pipe not escaped with a backslash, inside code spans too."""
    problems: list[str] = []
    header_cells: int | None = None
    for line in split_markdown(text)[1]:
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if header_cells is None:
            header_cells = cells
        elif cells != header_cells:
            problems.append(f"{cells} cells, header has {header_cells}: {line[:200]!r}")
    return problems


def markdown_differences(text: str, reference: str) -> list[str]:
    """How the Markdown structure of `text` differs from the reference's.

    Code blocks are compared in order, token by token with names and strings erased. Other
    lines are compared as a multiset of (block marker, unescaped specials) skeletons, since
    model sections come in the order of their (spec-controlled) names.
    """
    blocks, outside = split_markdown(text)
    reference_blocks, reference_outside = split_markdown(reference)
    problems: list[str] = []
    if len(outside) != len(reference_outside):
        problems.append(
            f"{len(outside)} lines outside code, baseline {len(reference_outside)}"
        )
    if [code_tokens(b) for b in blocks] != [code_tokens(b) for b in reference_blocks]:
        problems.append("the code blocks differ")
    expected: dict[tuple[str, tuple[str, ...]], int] = {}
    for line in reference_outside:
        key = line_skeleton(line)
        expected[key] = expected.get(key, 0) + 1
    for line in outside:
        key = line_skeleton(line)
        if expected.get(key, 0) == 0:
            problems.append(
                f"{key[0]} with specials {''.join(key[1])!r}: {line[:200]!r}"
            )
        else:
            expected[key] -= 1
    return problems
