"""Whether a piece of generated code is already in black's layout, judged without black.

Running black was most of a big client's generation time, and the render stage writes black's
layout itself (templates/, generator/render/layout.py, generator/escape.py). This check is
conservative: it says yes only for shapes whose outcome in black it knows, and no to anything
else, which format.py then hands to black. A no costs time; a wrong yes would be output that
`black --check` rejects, which the tests look for: a hypothesis property against black
(tests/unit/test_black_layout.py) and `black --check` on every corpus package.

It says yes when (the rules are black 26.10.1's; format.py uses them with that version only):
- every line is ASCII, without tabs or trailing spaces, and at most 88 columns (but the rows of
  a string standing alone before its last); no backslash continues a line; no comment sits in
  brackets; statements start at their block's indentation;
- every token and the space before it are black's (black_tokens.py): quotes, numbers, comments,
  docstrings, the spaces around operators, `=` and `:`;
- the blank lines between statements are black's (black_blank_lines.py);
- every bracket that spans lines opens at the end of its line, with nothing else left open from
  that line, has no operator black could break at before it on that line, closes at the start
  of its own line, and holds its items in one of black's layouts (black_brackets.py): one a
  line with a magic trailing comma; one line of them when the whole would not fit; a lone
  item split inside; strings one a line; a conditional expression one part a line; a value
  or a default in parentheses after `=`; a parameter's or a declaration's annotation in
  parentheses.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from generator.black_blank_lines import Kind, Statement, blank_lines_are_blacks
from generator.black_brackets import (
    Bracket,
    BracketJudge,
    comma_closes_on_one_line,
    indentation,
)
from generator.black_tokens import (
    Place,
    breakable,
    docstring_is_blacks,
    gap_is_blacks,
    is_unary,
    names_something,
    token_is_blacks,
)

LINE_LENGTH = 88
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())
_BREAKS = (tokenize.NL, tokenize.NEWLINE)
_REDUNDANT_AFTER = frozenset(
    {"return", "in", "for", "if", "elif", "while", "assert", "del", "else", "await"}
)
"""Words after which black drops parentheses around a lone expression."""


@dataclass
class _Statement:
    """The logical line being read: how it starts (black splits defs and imports its own
    way) and where its tokens begin."""

    first: int
    keyword: str = ""


def black_stable(text: str) -> bool:
    """True only when black would leave `text` as it is (see the module's docstring)."""
    lines = text.split("\n")
    if not all(_line_is_clean(line) for line in lines) or not _blank_runs_fit(lines):
        return False
    try:
        tokens = list(
            _whole_strings(tokenize.generate_tokens(io.StringIO(text).readline))
        )
    except (tokenize.TokenError, SyntaxError, ValueError):
        return False
    free = _rows_black_does_not_measure(tokens)
    if any(
        len(line) > LINE_LENGTH and row not in free
        for row, line in enumerate(lines, start=1)
    ):
        return False
    return _Reader(tokens, lines).breaks_are_blacks()


def _rows_black_does_not_measure(tokens: list[tokenize.TokenInfo]) -> set[int]:
    """The rows of a string that is a statement of its own (a docstring, or the string under
    a field): black never breaks such a string, and of its rows only the last one of several
    matters to it (where a docstring's closing quotes go)."""
    rows: set[int] = set()
    for index, tok in enumerate(tokens[:-1]):
        before = tokens[index - 1] if index else None
        if (
            tok.type == tokenize.STRING
            and (before is None or before.type in _STATEMENT_STARTS)
            and tokens[index + 1].type == tokenize.NEWLINE
        ):
            last = tok.end[0] if tok.end[0] == tok.start[0] else tok.end[0] - 1
            rows.update(range(tok.start[0], last + 1))
    return rows


_STATEMENT_STARTS = (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT)


_FSTRING_START = getattr(tokenize, "FSTRING_START", None)
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)


def _whole_strings(
    tokens: Iterator[tokenize.TokenInfo],
) -> Iterator[tokenize.TokenInfo]:
    """The tokens, with an f-string as one STRING token as before Python 3.12 (which splits
    it into parts); one across lines is refused (ValueError)."""
    for tok in tokens:
        if _FSTRING_START is None or tok.type != _FSTRING_START:
            yield tok
            continue
        depth, end = 1, tok
        while depth:
            end = next(tokens)
            depth += (end.type == _FSTRING_START) - (end.type == _FSTRING_END)
        if end.end[0] != tok.start[0]:
            raise ValueError("an f-string across lines")
        text = tok.line[tok.start[1] : end.end[1]]
        yield tokenize.TokenInfo(tokenize.STRING, text, tok.start, end.end, tok.line)


def _blank_runs_fit(lines: list[str]) -> bool:
    """At most two blank lines in a row at the top level and one within a block, as black
    allows (where black wants fewer, the templates write fewer)."""
    run = 0
    for line in lines:
        if not line:
            run += 1
            continue
        if run > (2 if not line.startswith(" ") else 1):
            return False
        run = 0
    return True


def _line_is_clean(line: str) -> bool:
    return line.isascii() and "\t" not in line and line == line.rstrip()


class _Reader:
    """One pass over the tokens, keeping the open brackets and the block depth."""

    def __init__(self, tokens: list[tokenize.TokenInfo], lines: list[str]) -> None:
        self.tokens = tokens
        self.lines = lines
        self.judge = BracketJudge(tokens, lines)
        self.stack: list[Bracket] = []
        self.statement = _Statement(0)
        self.depth = 0
        self.block_opened = False
        """The last statement ended with `:` (a block follows)."""
        self.last_code: tokenize.TokenInfo | None = None
        self.statements: list[Statement] = []
        self.strings: list[tokenize.TokenInfo] = []
        """The strings of an item split one a line (`"a"` NL `"b"`), while it is read."""

    def breaks_are_blacks(self) -> bool:
        previous: tokenize.TokenInfo | None = None
        """The token before, on any line, not counting INDENT and DEDENT."""
        comma_of: Bracket | None = None
        unary = False
        for index, tok in enumerate(self.tokens):
            if tok.type in (tokenize.INDENT, tokenize.DEDENT):
                self.depth += 1 if tok.type == tokenize.INDENT else -1
                if self.statement.first == index:
                    self.statement = _Statement(index + 1)
                continue
            if previous is not None and _continues_with_backslash(previous, tok):
                return False
            if self.strings and tok.type != tokenize.NL:
                if (
                    tok.type == tokenize.STRING
                    and previous
                    and previous.type == tokenize.NL
                ):
                    self.strings.append(tok)
                elif not self._strings_are_blacks(tok):
                    return False
                else:
                    self.strings = []
            if comma_of is not None:
                if tok.type == tokenize.NL:
                    comma_of.commas_then_break += 1
                else:
                    comma_of.commas_on_a_line += 1
                comma_of = None
            if index == self.statement.first:
                if not self._starts_statement(tok, previous):
                    return False
                if tok.type == tokenize.NAME:
                    self.statement.keyword = self._keyword(index)
                if tok.type not in (tokenize.NL, tokenize.ENDMARKER):
                    self.statements.append(self._statement(tok, index))
            if not self._within_line(tok, previous, index, unary):
                return False
            if not self._accepts(tok, previous, index):
                return False
            unary = tok.type == tokenize.OP and is_unary(tok, previous)
            if tok.type == tokenize.NEWLINE:
                self.block_opened = bool(
                    self.last_code and self.last_code.string == ":"
                )
                self.statements[-1].opens_block = self.block_opened
            elif tok.type not in (tokenize.NL, tokenize.COMMENT):
                self.last_code = tok
            if tok.type == tokenize.OP and tok.string == "," and self.stack:
                self.stack[-1].commas += 1
                self.stack[-1].annotated = False
                comma_of = self.stack[-1]
            if tok.type == tokenize.OP and tok.string == ":" and self.stack:
                self.stack[-1].annotated = True
            if not self.stack and (
                tok.type in _BREAKS
                or (tok.type == tokenize.COMMENT and index == self.statement.first)
            ):
                self.statement = _Statement(index + 1)
            previous = tok
        return not self.stack and blank_lines_are_blacks(self.statements, self.lines)

    def _statement(self, tok: tokenize.TokenInfo, index: int) -> Statement:
        following = self._next(index) or tok
        keyword = self.statement.keyword
        if tok.type == tokenize.COMMENT:
            kind = Kind.COMMENT
        elif tok.string == "@":
            kind = Kind.DECORATOR
        elif keyword in ("def", "class"):
            kind = Kind.DEFINITION
        elif keyword in ("import", "from"):
            kind = Kind.IMPORT
        elif tok.type == tokenize.STRING and following.type == tokenize.NEWLINE:
            kind = Kind.STRING if docstring_is_blacks(tok) else Kind.UNKNOWN
        elif tok.string == "..." and following.type == tokenize.NEWLINE:
            kind = Kind.UNKNOWN  # black puts a body of `...` on its def's line
        else:
            kind = Kind.OTHER
        return Statement(tok.start[0], self.depth, kind, is_class=keyword == "class")

    def _starts_statement(
        self, tok: tokenize.TokenInfo, previous: tokenize.TokenInfo | None
    ) -> bool:
        """A statement (or a comment line) starts at its block's indentation, and a block
        does not start with a blank line (black removes it)."""
        if tok.type in (tokenize.NL, tokenize.ENDMARKER):
            return not (
                tok.type == tokenize.NL
                and previous is not None
                and previous.type == tokenize.NEWLINE
                and self.block_opened
            )
        if tok.type == tokenize.COMMENT and self.block_opened:
            return tok.start[1] == 4 * (self.depth + 1)  # before its block's INDENT
        return tok.start[1] == 4 * self.depth

    def _within_line(
        self,
        tok: tokenize.TokenInfo,
        previous: tokenize.TokenInfo | None,
        index: int,
        unary: bool,
    ) -> bool:
        """The token as black writes it, and the space before it."""
        if tok.type in (*_BREAKS, tokenize.ENDMARKER):
            return True
        if not token_is_blacks(tok):
            return False
        same_line = (
            previous
            if previous is not None
            and previous.type not in _BREAKS
            and previous.end[0] == tok.start[0]
            else None
        )
        top = self.stack[-1] if self.stack else None
        place = Place(
            bracket=top.opening.string if top else "",
            names_something=bool(top and top.follows_name),
            parameters=bool(top and top.parameters),
            annotated=bool(top and top.annotated),
            after_first=index - 1 == self.statement.first,
            statement=self.statement.keyword,
        )
        return gap_is_blacks(same_line, tok, place, unary)

    def _keyword(self, index: int) -> str:
        word = self.tokens[index].string
        if word == "async" and index + 1 < len(self.tokens):
            return self.tokens[index + 1].string
        return word

    def _accepts(
        self, tok: tokenize.TokenInfo, previous: tokenize.TokenInfo | None, index: int
    ) -> bool:
        stack = self.stack
        if tok.type == tokenize.COMMENT:
            return not stack
        if tok.type == tokenize.NL and stack:
            return self._break_inside(previous, index)
        if previous is not None and previous.type == tokenize.NL and stack:
            top = stack[-1]
            closing = tok.type == tokenize.OP and tok.string in _CLOSING
            want = top.line_indent if closing else top.line_indent + 4
            if tok.start[1] != want:
                return False
        if tok.type == tokenize.OP and tok.string in _OPENING:
            stack.append(self._opened(tok, previous, index))
        elif tok.type == tokenize.OP and tok.string in _CLOSING:
            if not stack:
                return False
            bracket = stack.pop()
            if (
                bracket.maybe_redundant
                and not bracket.commas
                and not self.judge.parenthesised_value(
                    bracket, index, self.statement.first
                )
            ):
                return False
            if comma_closes_on_one_line(bracket, previous, tok):
                return False
            if previous is not None and previous.type != tokenize.NL:
                bracket.last_before_closing = previous.string
            elif bracket.split:
                before = self.judge.before_break(index)
                bracket.last_before_closing = before.string
            if bracket.split and not self.judge.closes_well(
                bracket, previous, index, self.statement.keyword
            ):
                return False
            if bracket.split and stack:
                stack[-1].lone_split_item = (bracket.opening.start[0], tok.start[0])
                stack[-1].lone_item_magic = bracket.last_before_closing == ","
        return True

    def _opened(
        self, tok: tokenize.TokenInfo, previous: tokenize.TokenInfo | None, index: int
    ) -> Bracket:
        follows_name = names_something(previous)
        two_before = self.tokens[index - 2] if index >= 2 else None
        in_parameters = bool(self.stack and self.stack[-1].parameters)
        return Bracket(
            tok,
            index,
            indentation(self.lines[tok.start[0] - 1]),
            follows_name,
            parameters=tok.string == "("
            and follows_name
            and two_before is not None
            and two_before.string == "def",
            in_parameters=in_parameters,
            annotation=tok.string == "("
            and (in_parameters or self._declares(index))
            and previous is not None
            and previous.string == ":",
            maybe_redundant=tok.string == "("
            and not follows_name
            and previous is not None
            and (
                previous.string in _REDUNDANT_AFTER
                or (previous.string == "=" and not self.stack)
            ),
        )

    def _break_inside(self, previous: tokenize.TokenInfo | None, index: int) -> bool:
        """A line break inside brackets: right after the innermost one opened (which makes
        it a split bracket), or after a comma between items of a split bracket."""
        top = self.stack[-1]
        if previous is None or previous.type == tokenize.NL:
            return False  # a blank line inside brackets: black removes it
        if previous is top.opening:
            if any(not below.split for below in self.stack[:-1]):
                return False  # another bracket is still open from this line
            if not self._head_is_plain(index - 1):
                return False
            top.split = True
            return True
        if not top.split:
            return False
        following = self._next(index)
        if following is not None and following.string in ("if", "else"):
            top.ternary_breaks += 1
            return True
        if (
            previous.type == tokenize.STRING
            and following is not None
            and following.type == tokenize.STRING
        ):
            if not self.strings:  # the item's first string must start its line
                if self.tokens[index - 2].type != tokenize.NL:
                    return False
                self.strings = [previous]
            return True
        if not (previous.type == tokenize.OP and previous.string == ","):
            return self._last_break_before_closing(index, top)
        top.breaks_inside += 1
        return True

    def _next(self, index: int) -> tokenize.TokenInfo | None:
        return self.tokens[index + 1] if index + 1 < len(self.tokens) else None

    def _strings_are_blacks(self, following: tokenize.TokenInfo) -> bool:
        """Strings joined without `+`, one a line, as one item of a split bracket: black's
        layout when they would not fit on one line (with the item's comma)."""
        joined = " ".join(tok.string for tok in self.strings)
        comma = 1 if following.string == "," else 0
        return self.strings[0].start[1] + len(joined) + comma > LINE_LENGTH

    def _last_break_before_closing(self, index: int, top: Bracket) -> bool:
        """The break after a one-line body: the next token closes the bracket."""
        following = self._next(index)
        return (
            following is not None
            and following.type == tokenize.OP
            and following.string == _OPENING[top.opening.string]
        )

    def _declares(self, index: int) -> bool:
        """`name: (` opening the statement: an annotated assignment's annotation."""
        first = self.statement.first
        return (
            not self.stack
            and index == first + 2
            and self.tokens[first].type == tokenize.NAME
            and self.tokens[first + 1].string == ":"
        )

    def _is_declaration(self) -> bool:
        """The statement is `name: annotation = ...`."""
        first = self.statement.first
        return (
            not self.stack[:-1]
            and self.tokens[first].type == tokenize.NAME
            and self.tokens[first + 1].string == ":"
        )

    def _split_before(self, tok: tokenize.TokenInfo) -> bool:
        """`if`/`else` starting a row of a conditional expression split in its bracket."""
        return (
            tok.string in ("if", "else")
            and len(self.stack) >= 2
            and self.stack[-2].ternary_breaks > 0
            and tok.start[1] == self.stack[-2].line_indent + 4
        )

    def _head_is_plain(self, opening_index: int) -> bool:
        """No place before the opening bracket, on its line and at its depth, where black
        could break instead: an operator, a boolean word, a comma, or an attribute after a
        call."""
        row = self.tokens[opening_index].start[0]
        if self.tokens[opening_index - 1].string == "=" and self._is_declaration():
            return True  # `name: T = (`: the annotation is not where black breaks first
        depth = 0
        after_closing = False
        for tok in reversed(self.tokens[self.statement.first : opening_index]):
            if tok.start[0] != row:
                break
            if tok.type == tokenize.OP and tok.string in _CLOSING:
                depth += 1
            elif tok.type == tokenize.OP and tok.string in _OPENING:
                if depth == 0:
                    break  # the bracket this line is an item of
                depth -= 1
            elif depth == 0 and (breakable(tok) or tok.string == ","):
                if tok.string == "async" and tok is self.tokens[self.statement.first]:
                    continue  # `async def`, `async with`: no place to break
                if self._split_before(tok):
                    continue  # `else f(`: black split at the `else` already
                return False
            if tok.type == tokenize.OP and tok.string == "." and after_closing:
                return False
            after_closing = tok.type == tokenize.OP and tok.string in _CLOSING
        return True


def _continues_with_backslash(
    previous: tokenize.TokenInfo, tok: tokenize.TokenInfo
) -> bool:
    """A token on a later line than the one before it, with no line break between."""
    return (
        tok.start[0] > previous.end[0]
        and previous.type not in (*_BREAKS, tokenize.COMMENT)
        and tok.type != tokenize.ENDMARKER
    )


__all__ = ["LINE_LENGTH", "black_stable"]
