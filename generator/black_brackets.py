"""How a bracket that spans lines may close: the part of generator/black_layout.py's check
that knows black's layouts of a split bracket's items (one a line with a magic comma, one
line of them, a lone item split inside, a conditional expression, a value in parentheses, an
annotation in parentheses), and what may follow it.

`BracketJudge.closes_well` is asked when a split bracket closes, with what the reader has
counted about it (`Bracket`). Like the rest of the check it says no to what it has no rule for.
"""

from __future__ import annotations

import tokenize
from dataclasses import dataclass

from generator.black_tokens import breakable

LINE_LENGTH = 88
INDENT = "    "
_ATOMS = (tokenize.NAME, tokenize.NUMBER, tokenize.STRING)
_BREAKS = (tokenize.NL, tokenize.NEWLINE)


@dataclass
class Bracket:
    opening: tokenize.TokenInfo
    at: int
    """The opening bracket's index among the piece's tokens."""
    line_indent: int
    """The indentation of the line the bracket opens on."""
    follows_name: bool
    """A call or a subscript (`f(`, `x[`), not a display or a parenthesised expression."""
    parameters: bool = False
    """A def's parameter list."""
    in_parameters: bool = False
    """Opened within a def's parameter list."""
    annotation: bool = False
    """Parentheses around a parameter's annotation (`name: (`), which black adds when the
    parameter's line is too long."""
    maybe_redundant: bool = False
    """Parentheses black may drop (`return (x)`), unless they hold a tuple."""
    annotated: bool = False
    """In a parameter list: the parameter being read has an annotation."""
    split: bool = False
    lone_split_item: tuple[int, int] | None = None
    """The rows the last split bracket within this one opened and closed on."""
    lone_item_magic: bool = False
    """That bracket held one item a line, with a magic trailing comma."""
    commas: int = 0
    ternary_breaks: int = 0
    """Line breaks before the `if` and the `else` of a conditional expression."""
    breaks_inside: int = 0
    """Line breaks between the first and the last line of items."""
    commas_then_break: int = 0
    commas_on_a_line: int = 0
    last_before_closing: str = ""


class BracketJudge:
    """Black's rules for a split bracket's close, over one piece's tokens and lines."""

    def __init__(self, tokens: list[tokenize.TokenInfo], lines: list[str]) -> None:
        self.tokens = tokens
        self.lines = lines

    def parenthesised_value(
        self, bracket: Bracket, index: int, statement_first: int
    ) -> bool:
        """`target = (` NL `value` NL `)`: black keeps these parentheses, rather than split
        inside the value, when the value has nothing to break at outside its own brackets
        and ends with a bracketed list, and `target = ` with the value up to that list's
        opening bracket would not fit on a line (while `target = (` does); or when the
        value is one name, number or string after `name: T = ` (`_parenthesised_default`).
        """
        opening_row, closing_row = bracket.opening.start[0], self.tokens[index].start[0]
        if bracket.ternary_breaks:
            return self._conditional(bracket, opening_row, closing_row)
        one_line = closing_row - opening_row == 2
        if not bracket.split or not (
            one_line or bracket.lone_split_item == (opening_row + 1, closing_row - 1)
        ):
            return False
        target = self.tokens[statement_first : bracket.at - 1]
        equals = self.tokens[bracket.at - 1]
        if equals.string != "=":
            return False
        value = self._value(bracket, index)
        if len(value) == 1 and value[0].type in _ATOMS and one_line:
            return self._parenthesised_default(bracket, target, closing_row)
        value = [
            tok
            for tok in self.tokens[bracket.at + 1 : index]
            if tok.type not in (tokenize.NL, tokenize.COMMENT)
        ]
        head = _head_through_last_bracket(value)
        if head is None:
            return False
        line = self.lines[opening_row - 1]
        target_text = line[target[0].start[1] : equals.end[1]]
        first_row = self.lines[opening_row]
        head_text = first_row[value[0].start[1] : head.end[1]]
        return (
            len(line) <= LINE_LENGTH - 1
            and bracket.line_indent + len(target_text) + 1 + len(head_text)
            > LINE_LENGTH
        )

    def _conditional(
        self, bracket: Bracket, opening_row: int, closing_row: int
    ) -> bool:
        """`target = (` NL `a` NL `if c` NL `else b` NL `)`: black's layout of a conditional
        expression that fits neither on the target's line nor on a line of its own."""
        rows = [self.lines[row - 1] for row in range(opening_row + 1, closing_row)]
        inner = " " * (bracket.line_indent + len(INDENT))
        own = [
            row.strip().split(" ", 1)[0]
            for row in rows
            if indentation(row) == len(inner)
        ]
        if bracket.ternary_breaks != 2 or bracket.commas or len(rows) < 3:
            return False
        if own[1:3] != ["if", "else"] or not rows[1].startswith(inner + "if "):
            return False
        flat = " ".join(row.strip() for row in rows)  # no longer than black's own
        head = self.lines[opening_row - 1].rstrip()
        return (
            bracket.line_indent + len(INDENT) + len(flat) > LINE_LENGTH
            and len(head[:-1]) + len(flat) > LINE_LENGTH
        )

    def _value(self, bracket: Bracket, index: int) -> list[tokenize.TokenInfo]:
        return [
            tok
            for tok in self.tokens[bracket.at + 1 : index]
            if tok.type not in (tokenize.NL, tokenize.COMMENT)
        ]

    def _parenthesised_default(
        self, bracket: Bracket, target: list[tokenize.TokenInfo], closing_row: int
    ) -> bool:
        """`name: T = (` NL `None` NL `)`: black's when the declaration does not fit on a
        line and `name: T = (` does (else it wraps the annotation instead)."""
        if len(target) < 3 or target[1].string != ":":
            return False
        opening_row = bracket.opening.start[0]
        head = self.lines[opening_row - 1]
        flat = head[:-1] + self.lines[opening_row].strip()
        return len(head) <= LINE_LENGTH < len(flat) and closing_row == opening_row + 2

    def closes_well(
        self,
        bracket: Bracket,
        previous: tokenize.TokenInfo | None,
        index: int,
        keyword: str,
    ) -> bool:
        """A split bracket closes at the start of its own line (its indentation was checked
        with the other lines'), followed only by what black keeps there, and holds items in
        one of black's two layouts."""
        if previous is None or previous.type != tokenize.NL:
            return False
        if not self._tail_is_plain(index, bracket, keyword):
            return False
        if bracket.ternary_breaks:
            opening_row = bracket.opening.start[0]
            return self._conditional(bracket, opening_row, self.tokens[index].start[0])
        if bracket.last_before_closing == ",":
            return self._magic(bracket, keyword)
        return self._one_line_of_items(bracket, index, keyword)

    def _magic(self, bracket: Bracket, keyword: str) -> bool:
        """One item a line, each with its comma: black keeps this layout for a magic
        trailing comma, which a subscript's or a one-tuple's comma is not (an import's
        always is)."""
        if bracket.commas_on_a_line:
            return False
        if bracket.opening.string == "[" and bracket.follows_name:
            return False
        if bracket.opening.string == "(" and not bracket.follows_name:
            return bracket.commas > 1 or keyword == "from"
        return True

    def _one_line_of_items(self, bracket: Bracket, index: int, keyword: str) -> bool:
        """`head(\\n    a, b\\n)tail`: black's only when the joined line would not fit, for
        a def only with more than one parameter (black adds a comma to a lone one), never
        for an import (black puts one name a line)."""
        if bracket.breaks_inside or bracket.commas_then_break:
            return False
        opening_row, closing_row = bracket.opening.start[0], self.tokens[index].start[0]
        if bracket.lone_split_item == (opening_row + 1, closing_row - 1):
            # black splits inside a lone item (`f(` NL `g(` NL ...), when it must split
            flat = "".join(
                self.lines[row - 1].strip()
                for row in range(opening_row, closing_row + 1)
            )
            return not bracket.commas and (
                bracket.lone_item_magic or bracket.line_indent + len(flat) > LINE_LENGTH
            )
        if closing_row - opening_row != 2:
            return False
        if keyword in ("from", "import") or (bracket.parameters and not bracket.commas):
            return False
        head = self.lines[opening_row - 1].rstrip()
        body = self.lines[opening_row].strip()
        tail = self.lines[closing_row - 1].strip()
        if bracket.annotation:  # the parentheses are black's own, not in the joined
            flat = f"{head[:-1]}{body}{tail[1:]}"
            if bracket.commas or len(flat) <= LINE_LENGTH:
                return False
            # a declaration's default goes in parentheses instead when `name: T = (` fits
            return bracket.in_parameters or len(f"{head[:-1]}{body} = (") > LINE_LENGTH
        return len(head + body + tail) > LINE_LENGTH

    def _tail_is_plain(self, index: int, bracket: Bracket, keyword: str) -> bool:
        """After a split bracket closes, its line holds only `:`, `,`, a def's `-> T:`, a
        raise's `from name`, or a parameter's default after its annotation (`) = None,`).
        """
        row = self.tokens[index].start[0]
        rest = []
        for tok in self.tokens[index + 1 :]:
            if tok.start[0] != row or tok.type in _BREAKS:
                break
            rest.append(tok)
        while _empty_call(rest):  # `.to_dict()`: black skips empty brackets
            rest = rest[4:]
        if not rest:
            return True
        if rest[0].string == "->":
            return keyword == "def" and rest[-1].string == ":"
        if bracket.annotation and rest[0].string == "=":
            return (
                len(rest) == (3 if bracket.in_parameters else 2)
                and rest[1].type in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING)
                and (not bracket.in_parameters or rest[2].string == ",")
            )
        if rest[0].string == "from" and keyword == "raise":
            return len(rest) == 2 and rest[1].type == tokenize.NAME
        return len(rest) == 1 and rest[0].string in (":", ",")

    def before_break(self, index: int) -> tokenize.TokenInfo:
        position = index - 1
        while self.tokens[position].type in (tokenize.NL, tokenize.COMMENT):
            position -= 1
        return self.tokens[position]


def _head_through_last_bracket(
    value: list[tokenize.TokenInfo],
) -> tokenize.TokenInfo | None:
    """The opening bracket of the bracketed list `value` ends with, when nothing before it
    is a bracket or a place black could break at (it then splits there, or nowhere); else
    None."""
    if not value or value[-1].string not in ")]}":
        return None
    depth = 0
    for position in range(len(value) - 1, -1, -1):
        tok = value[position]
        if tok.string in ")]}":
            depth += 1
        elif tok.string in "([{":
            depth -= 1
            if depth == 0:
                before = value[:position]
                if any(
                    other.string in "()[]{}," or breakable(other) for other in before
                ):
                    return None
                return tok
    return None


def comma_closes_on_one_line(
    bracket: Bracket, previous: tokenize.TokenInfo | None, closing: tokenize.TokenInfo
) -> bool:
    """`f(a, b,)`: a magic trailing comma black explodes (but a one-tuple's `(a,)`)."""
    if (
        previous is None
        or previous.string != ","
        or previous.end[0] != closing.start[0]
    ):
        return False
    return not (
        bracket.opening.string == "("
        and not bracket.follows_name
        and bracket.commas == 1
    )


def _empty_call(tokens: list[tokenize.TokenInfo]) -> bool:
    """Whether the tokens start with `.name()`."""
    return (
        len(tokens) >= 4
        and [tok.string for tok in tokens[:4:2]] == [".", "("]
        and tokens[1].type == tokenize.NAME
        and tokens[3].string == ")"
    )


def indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


__all__ = ["Bracket", "BracketJudge", "comma_closes_on_one_line", "indentation"]
