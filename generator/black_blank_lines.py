"""Whether the blank lines between statements are black's: the part of
generator/black_layout.py's check that looks between lines.

black decides most blank lines itself (two around a top-level def or class, one around a
nested one, none after a decorator or at a block's start, one after imports and after a module
or class docstring) and keeps the writer's own count elsewhere, up to two at the top level and
one within a block. These rules cover what generated code has; what they do not know (a
comment right above a def, a blank line opening a block) is a no.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    DECORATOR = "decorator"
    DEFINITION = "definition"
    """A `def`, `async def` or `class` line."""
    IMPORT = "import"
    COMMENT = "comment"
    STRING = "string"
    """A string standing alone: a docstring, or the string under a field."""
    OTHER = "other"
    UNKNOWN = "unknown"
    """A statement black might rewrite (a docstring in single quotes, say)."""


@dataclass
class Statement:
    row: int
    """Its first line (1-based)."""
    depth: int
    """Its block depth."""
    kind: Kind
    opens_block: bool = False
    """It ends with `:`."""
    is_class: bool = False


def blank_lines_are_blacks(
    statements: Sequence[Statement], lines: Sequence[str]
) -> bool:
    """Whether each statement has as many blank lines above it as black gives it."""
    if statements and statements[0].kind is Kind.UNKNOWN:
        return False
    open_blocks: list[Statement] = []
    for position, statement in enumerate(statements):
        closed_definition = False
        while open_blocks and open_blocks[-1].depth >= statement.depth:
            closed_definition |= open_blocks.pop().kind is Kind.DEFINITION
        if position:
            wanted = _wanted(statements, position, closed_definition)
            above = _blank_lines_above(statement.row, lines)
            if wanted is None:
                return False
            if wanted == _KEPT:
                if above > (2 if statement.depth == 0 else 1):
                    return False
            elif above != wanted:
                return False
        if statement.opens_block:
            open_blocks.append(statement)
    return True


_KEPT = -1
"""black keeps the writer's count (within its limits)."""


def _wanted(
    statements: Sequence[Statement], position: int, closed_definition: bool
) -> int | None:
    """How many blank lines black puts above the statement, _KEPT, or None: not known."""
    statement, previous = statements[position], statements[position - 1]
    if Kind.UNKNOWN in (statement.kind, previous.kind):
        return None
    top = statement.depth == 0
    if previous.opens_block:
        return 0
    if previous.kind is Kind.DECORATOR:
        return 0 if statement.kind in (Kind.DECORATOR, Kind.DEFINITION) else None
    if statement.kind in (Kind.DECORATOR, Kind.DEFINITION):
        if previous.kind is Kind.COMMENT:
            return None  # black ties a comment to the def below it
        return 2 if top else 1
    if closed_definition:
        return 2 if top else 1
    if previous.kind is Kind.IMPORT and previous.depth == statement.depth:
        return _KEPT if statement.kind is Kind.IMPORT else 1
    if previous.kind is Kind.STRING and _is_docstring(statements, position - 1):
        return 1
    return _KEPT


def _is_docstring(statements: Sequence[Statement], position: int) -> bool:
    """A module's docstring (after nothing but comments) or a class's: black puts exactly
    one blank line after either (a function's keeps the writer's count)."""
    if statements[position].depth == 0:
        return all(s.kind is Kind.COMMENT for s in statements[:position])
    opener = statements[position - 1] if position else None
    return opener is not None and opener.opens_block and opener.is_class


def _blank_lines_above(row: int, lines: Sequence[str]) -> int:
    count = 0
    while row - 2 - count >= 0 and not lines[row - 2 - count]:
        count += 1
    return count


__all__ = ["Kind", "Statement", "blank_lines_are_blacks"]
