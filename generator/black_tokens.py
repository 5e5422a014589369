"""Whether each token, and the space in front of it, is as black writes it: the part of
generator/black_layout.py's check that looks within a line.

Conservative like the rest of that check: a pair of tokens it has no rule for is a no, and
the piece goes to black. The rules are black's (linegen.py's `whitespace()` and the string and
number normalisations) for the shapes generated code has: calls, subscripts without slices,
displays, annotations, keyword arguments and defaults, unary and binary operators other than
`**` and `@`, double-quoted strings and decimal numbers.
"""

from __future__ import annotations

import keyword
import re
import tokenize
from dataclasses import dataclass

OPENING = frozenset("([{")
CLOSING = frozenset(")]}")
_UNARY = frozenset({"-", "+", "~", "*", "**"})
_BINARY = frozenset(
    {"+", "-", "*", "/", "//", "%", "|", "&", "^", "<<", ">>"}
    | {"<", ">", "<=", ">=", "==", "!=", ":=", "->"}
    | {"+=", "-=", "*=", "/=", "//=", "%=", "|=", "&=", "^=", "<<=", ">>="}
)
_UNARY_AFTER = frozenset(
    {"return", "in", "not", "and", "or", "if", "elif", "else", "while", "yield"}
    | {"await", "lambda", "assert", "del", "raise", "for", "is", "with"}
)
"""Words after which `-x` or `*x` is unary (and a bracket opens an expression)."""
_BRACKET_AFTER_WORD = frozenset(_UNARY_AFTER | {"import", "from", "as", "except"})
_NUMBER = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?(e-?[0-9]+)?")
_COMMENT = re.compile(r"#( .*)?")
_PREFIXES = frozenset({"", "f", "r", "b", "rb", "fr"})


@dataclass(frozen=True)
class Place:
    """Where a token stands: what the innermost open bracket is, if any."""

    bracket: str = ""
    """The innermost open bracket, "" at the top level of a statement."""
    names_something: bool = False
    """It calls or subscripts something (`f(`, `x[`)."""
    parameters: bool = False
    """It is a def's parameter list."""
    annotated: bool = False
    """In a parameter list: the parameter being read has an annotation."""
    after_first: bool = False
    """The token before opens its statement (a decorator's `@`, say)."""
    statement: str = ""
    """The statement's first word (`from`, `def`, ...)."""


def gap_is_blacks(
    before: tokenize.TokenInfo | None,
    tok: tokenize.TokenInfo,
    place: Place,
    before_is_unary: bool = False,
) -> bool:
    """Whether the space between `before` (the previous token on the same line, None at a
    line's start) and `tok` is black's; `before_is_unary` says `before` is a unary operator
    (`is_unary` of the token before it). Comments and the tokens themselves are judged by
    `token_is_blacks`."""
    if before is None:
        return True
    gap = tok.start[1] - before.end[1]
    if tok.type == tokenize.COMMENT:
        return gap == 2
    if before_is_unary:
        return gap == 0
    wanted = _wanted_gap(before, tok, place)
    return wanted is not None and gap == wanted


def is_unary(operator: tokenize.TokenInfo, before: tokenize.TokenInfo | None) -> bool:
    """Whether `operator`, after `before` (on any line), is unary: `-x`, `*args`."""
    return operator.string in _UNARY and not (
        before is not None and _ends_operand(before)
    )


def token_is_blacks(tok: tokenize.TokenInfo) -> bool:
    """Strings, numbers and comments as black normalises them."""
    if tok.type == tokenize.STRING:
        return string_is_blacks(tok.string)
    if tok.type == tokenize.NUMBER:
        return _NUMBER.fullmatch(tok.string) is not None
    if tok.type == tokenize.COMMENT:
        return _COMMENT.fullmatch(tok.string) is not None
    if tok.type == tokenize.OP:
        return tok.string not in (";", "\\")
    return True


def string_is_blacks(text: str) -> bool:
    """A string literal black leaves as it is: a lower-case prefix, double quotes unless
    single ones need fewer escapes, no needless escapes."""
    quote_at = min(
        (at for at in (text.find('"'), text.find("'")) if at >= 0), default=-1
    )
    if quote_at < 0:
        return False
    prefix, literal = text[:quote_at], text[quote_at:]
    if prefix not in _PREFIXES:
        return False
    if literal.startswith('"""'):
        return True
    if literal.startswith("'''"):
        return False
    body = literal[1:-1]
    if "f" in prefix or "r" in prefix:
        return literal[0] == '"' and not any(mark in body for mark in "'\"\\")
    if literal[0] == '"':
        return "\\'" not in body and body.count('\\"') <= body.count("'")
    return '\\"' not in body and body.count('"') > body.count("\\'")


def docstring_is_blacks(tok: tokenize.TokenInfo) -> bool:
    """A string standing alone (a docstring, or the string under a field) as black leaves
    it: in triple double quotes, no space at either end of its text (but the one black adds
    next to a quote), no backslash at a line's end, and its later lines indented as its
    first, or deeper (black re-indents a docstring by its least indented later line)."""
    text = tok.string
    if not text.startswith('"""') or not text.endswith('"""') or len(text) < 6:
        return False
    body = text[3:-3]
    if re.search(r"\\\s*\n", body):
        return False
    first, *rest = body.split("\n")
    if first[:1].isspace() and first[1:2] != '"':
        return False
    indent = tok.start[1]
    later = [line for line in rest if line.strip()]
    if later and min(len(line) - len(line.lstrip(" ")) for line in later) != indent:
        return False
    last = rest[-1] if rest else first
    if rest and last.strip() == "":
        return last == " " * indent
    return not last[-1:].isspace() or last[-2:-1] == '"'


def _wanted_gap(
    before: tokenize.TokenInfo, tok: tokenize.TokenInfo, place: Place
) -> int | None:
    left, right = before.string, tok.string
    if right in CLOSING or right == ",":
        return 0
    if left in OPENING:
        return 0
    if left == ",":
        return 1
    if place.statement == "from" and (right in (".", "...") or left in (".", "...")):
        return 1 if left == "from" or right == "import" else 0
    if right == "." or left == ".":
        return _gap_at_dot(before, tok)
    if left == "@" and place.after_first:
        return 0
    if left == "=":
        return _gap_at_equals(place)
    if right in OPENING:
        return _gap_before_bracket(before, tok)
    if right == ":" or left == ":":
        return _gap_at_colon(left, right, place)
    if right == "=" or left == "=":
        return _gap_at_equals(place)
    if (_is_atom(before) or left in CLOSING) and _is_atom(tok):
        return 1
    if tok.type == tokenize.OP:
        return _gap_before_operator(before, tok)
    if before.type == tokenize.OP:
        return _gap_after_operator(before)
    return None


def _gap_at_dot(before: tokenize.TokenInfo, tok: tokenize.TokenInfo) -> int | None:
    """`a.b` (an import's dots are the caller's)."""
    if before.type == tokenize.NUMBER:
        return None
    return 0


def _gap_before_bracket(
    before: tokenize.TokenInfo, tok: tokenize.TokenInfo
) -> int | None:
    if names_something(before):
        return 0
    if before.type == tokenize.NAME and before.string in _BRACKET_AFTER_WORD:
        return 1
    if before.type == tokenize.OP and (
        before.string in _BINARY or before.string in ("=", ":", "->")
    ):
        return 1
    return None


def _gap_at_colon(left: str, right: str, place: Place) -> int | None:
    """`x: T`, `{k: v}`, `lambda: x`, a block's `:`; never a slice (black spaces complex
    ones)."""
    if place.bracket == "[" and place.names_something:
        return None
    return 0 if right == ":" else 1


def _gap_at_equals(place: Place) -> int | None:
    """`=` is spaced in an assignment and before an annotated parameter's default, and
    hugged in a keyword argument and an unannotated default."""
    if not place.bracket:
        return 1
    if place.parameters:
        return 1 if place.annotated else 0
    if place.bracket == "(" and place.names_something:
        return 0
    return None


def _gap_before_operator(
    before: tokenize.TokenInfo, tok: tokenize.TokenInfo
) -> int | None:
    if tok.string in ("**", "@"):
        return None  # black hugs `**` around simple operands; `@` is a decorator's only
    if tok.string in _BINARY and _ends_operand(before):
        return 1
    if tok.string in _UNARY and not _ends_operand(before):
        return _gap_after_operator(before)
    return None


def _gap_after_operator(before: tokenize.TokenInfo) -> int | None:
    """After a binary operator (a unary one was handled by the caller) or a word."""
    if before.type == tokenize.NAME or before.string in _BINARY:
        return 1
    return None


def _ends_operand(tok: tokenize.TokenInfo) -> bool:
    if tok.type == tokenize.NAME:
        return tok.string not in _BRACKET_AFTER_WORD
    return _is_atom(tok) or tok.string in CLOSING


def _is_atom(tok: tokenize.TokenInfo) -> bool:
    if tok.type in (tokenize.STRING, tokenize.NUMBER):
        return True
    if tok.type == tokenize.OP:
        return tok.string == "..."
    return tok.type == tokenize.NAME


_BREAKABLE_WORDS = frozenset(
    {"and", "or", "not", "in", "is", "if", "else", "lambda", "for", "async"}
)


def breakable(tok: tokenize.TokenInfo) -> bool:
    """An operator or word black may break a line at (before or after it)."""
    if tok.type == tokenize.NAME:
        return tok.string in _BREAKABLE_WORDS
    return tok.type == tokenize.OP and (tok.string in _BINARY or tok.string in "**@~")


def names_something(before: tokenize.TokenInfo | None) -> bool:
    """Whether a bracket right after `before` calls or subscripts it."""
    if before is None:
        return False
    if before.type == tokenize.NAME:
        return not keyword.iskeyword(before.string) or before.string in (
            "None",
            "True",
            "False",
        )
    return before.type == tokenize.OP and before.string in CLOSING


__all__ = [
    "CLOSING",
    "OPENING",
    "Place",
    "breakable",
    "docstring_is_blacks",
    "gap_is_blacks",
    "is_unary",
    "names_something",
    "string_is_blacks",
    "token_is_blacks",
]
