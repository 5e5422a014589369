"""A spec's `pattern` as the Python regular expression the generated client runs.

Swagger patterns are ECMA-262 regular expressions; the generated `_require_text` runs a path
parameter's with Python's `re` (`re.search`, `re.ASCII`) on every call. `python_pattern` gives
the Python pattern that means the same, or refuses the pattern with the reason:

- Translated, where the meaning is certain: named groups `(?<n>...)` become `(?P<n>...)`; `.`
  becomes `[^\\n\\r\\u2028\\u2029]` and `\\s`/`\\S` ECMA's whitespace class (Python's, under
  re.ASCII, lacks U+00A0, U+2028 and the like). `\\d`, `\\w` and `\\b` are ASCII in both. `$` is
  kept: `_require_text` refuses control characters, a trailing newline among them, before
  matching, so Python's `$` before a final newline never differs from ECMA's; and empty values,
  the one argument on which Python's `\\B` differs.
- Refused, as Python would fail or read it otherwise: what `re` cannot compile (variable-width
  lookbehind, `\\u{...}`), backreferences, letter escapes whose meanings differ (`\\A`, `\\Z`,
  `\\a`, `\\cX`...), inline flags, atomic groups and conditionals (`(?i)`, `(?>`, `(?(`),
  possessive quantifiers (`a*+`), `{,n}`, an empty class `[]` or `[^]`, `--` in a class.
- Refused, as a long argument could take seconds to check: see model/backtracking.py.

Characters outside the Basic Multilingual Plane are matched as one code point, as ECMA-262 does
with the `u` flag; without it ECMA-262 sees two UTF-16 code units.
"""

from __future__ import annotations

import functools
import re
import warnings

from generator.model.backtracking import PatternError, check_backtracking, parse

MAX_PATTERN_LENGTH = 1000

_ECMA_SPACE = (
    "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a"
    "\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
"""ECMA-262's WhiteSpace and LineTerminator, as the inside of a Python character class."""
_ECMA_DOT = "[^\\n\\r\\u2028\\u2029]"
_ECMA_NOT_SPACE = (
    "\\x00-\\x08\\x0e-\\x1f\\x21-\\x9f\\xa1-\\u167f\\u1681-\\u1fff\\u200b-\\u2027"
    "\\u202a-\\u202e\\u2030-\\u205e\\u2060-\\u2fff\\u3001-\\ufefe\\uff00-\\U0010ffff"
)
"""The complement of _ECMA_SPACE, for `\\S` inside a class."""
_ECMA_LETTER_ESCAPES = frozenset("dDwWsSbBfnrtvxu0")
_QUANTIFIER = re.compile(r"\{(\d+)(,\d*)?\}")


@functools.lru_cache(maxsize=256)
def python_pattern(pattern: str) -> str:
    """The pattern for Python's `re.search(..., re.ASCII)` that matches what the ECMA-262
    `pattern` matches, and cannot backtrack for long; PatternError says why not."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"it is longer than {MAX_PATTERN_LENGTH} characters")
    translated = _translate(pattern)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(translated, re.ASCII)
            tree = parse(translated)
        except (re.error, Warning) as error:
            raise PatternError(f"Python's re cannot compile it: {error}") from None
    check_backtracking(tree)
    return translated


# --- ECMA-262 to Python ----------------------------------------------------------------------


def _translate(pattern: str) -> str:
    out: list[str] = []
    in_class = False
    class_start = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(_escape(pattern, index, in_class))
            index += 2
            continue
        if in_class:
            if char == "]" and index == class_start:
                raise PatternError(
                    "an empty class [] or [^] means something else to Python"
                )
            if char == "]":
                in_class = False
            elif char == "^" and index == class_start and pattern[index - 1] == "[":
                class_start += 1
            elif char == "[":
                char = "\\["  # a literal in ECMA-262, a nested set to come in Python
            elif pattern.startswith("--", index):
                raise PatternError(
                    "'--' in a class reads differently in Python: escape it"
                )
            elif char in "&~|" and pattern.startswith(char * 2, index):
                char += "\\"
            out.append(char)
            index += 1
            continue
        quantifier = None
        if char == "[":
            in_class, class_start = True, index + 1
        elif char == ".":
            char = _ECMA_DOT
        elif char == "(" and pattern.startswith("(?", index):
            char, skip = _group_opening(pattern, index)
            out.append(char)
            index += skip
            continue
        elif char == "{":
            if pattern.startswith("{,", index):
                raise PatternError(
                    "'{,n}' is a literal in ECMA-262 but a quantifier in Python"
                )
            quantifier = _QUANTIFIER.match(pattern, index)
            if quantifier is not None:
                char = quantifier.group()
                index = quantifier.end() - 1
        if (quantifier or char in ("*", "+", "?")) and pattern.startswith(
            "+", index + 1
        ):
            raise PatternError("possessive quantifiers (a*+) are not ECMA-262")
        out.append(char)
        index += 1
    return "".join(out)


def _escape(pattern: str, index: int, in_class: bool) -> str:
    if index + 1 == len(pattern):
        raise PatternError("it ends with a lone backslash")
    escaped = pattern[index + 1]
    if not (escaped.isascii() and escaped.isalnum()):
        return "\\" + escaped  # an identity escape in both
    if escaped in "123456789" or escaped == "k":
        raise PatternError("backreferences are not supported")
    if escaped not in _ECMA_LETTER_ESCAPES:
        raise PatternError(
            f"the escape \\{escaped} is not supported: ECMA-262 and Python read it differently"
        )
    if escaped == "s":
        return _ECMA_SPACE if in_class else f"[{_ECMA_SPACE}]"
    if escaped == "S":
        return _ECMA_NOT_SPACE if in_class else f"[^{_ECMA_SPACE}]"
    return "\\" + escaped


def _group_opening(pattern: str, index: int) -> tuple[str, int]:
    """The Python text for `(?...` at `index`, and how many characters it replaces."""
    for opening in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if pattern.startswith(opening, index):
            return opening, len(opening)
    if pattern.startswith("(?<", index):
        return "(?P<", 3
    raise PatternError(
        f"{pattern[index:index + 3]!r} is not ECMA-262 (inline flags, atomic groups or"
        " conditionals)"
    )


__all__ = ["MAX_PATTERN_LENGTH", "PatternError", "python_pattern"]
