"""Black's layout for the few constructs whose length depends on the spec, worked out here.

A template lays out what it controls (indentation, blank lines, fixed code) as black would;
where a line's length depends on names from the spec, the render stage decides the layout
with these helpers and hands the template a ready string. generator/format.py then finds
black has nothing to change and need not run (see `black_stable` there); a piece these rules
get wrong is only slower, never different: format.py hands whatever it cannot vouch for to
black.
"""

from __future__ import annotations

from collections.abc import Sequence

LINE_LENGTH = 88
INDENT = "    "


def bracketed(
    indent: int, head: str, items: Sequence[str], tail: str, *, explode: bool = False
) -> str:
    """`head` + the items, comma-separated + `tail` (`head` ends with the opening bracket,
    `tail` starts with the closing one), as black lays it out at `indent` spaces: on one line
    when it fits; else the items on one line of their own, when they fit; else one item a
    line, each with a comma. `explode` asks for one item a line whatever the length (black
    keeps that layout: the last comma is a magic trailing comma). Continuation lines carry
    their indentation; the first line does not (the template places it)."""
    joined = ", ".join(items)
    if not explode and fits(indent, f"{head}{joined}{tail}"):
        return f"{head}{joined}{tail}"
    pad = " " * indent
    inner = pad + INDENT
    if not explode and items and fits(indent + len(INDENT), joined):
        return f"{head}\n{inner}{joined}\n{pad}{tail}"
    lines = "".join(f"{inner}{item},\n" for item in items)
    return f"{head}\n{lines}{pad}{tail}"


def fits(indent: int, text: str) -> bool:
    return indent + len(text) <= LINE_LENGTH


def display(indent: int, head: str, items: Sequence[str], tail: str) -> str:
    """A tuple, list, set or dict display (`head` ends with its opening bracket, `tail`
    starts with the closing one, and carries what follows it on the line, a comma say) as
    black lays it out: on one line when it fits, else one item a line, each with a comma.
    Unlike a call's arguments, black never puts a display's items on one line of their own.
    """
    one_line = f"{head}{', '.join(items)}{tail}"
    return bracketed(indent, head, items, tail, explode=not fits(indent, one_line))


def class_declaration(name: str, bases: Sequence[str]) -> str:
    """`name(bases):` as black lays out a top-level `class` line (the `class ` before it is
    the template's): one line when it fits, else the bases on a line of their own, else one
    a line; like a call's arguments, not a display's items."""
    keyword = "class "
    return bracketed(0, f"{keyword}{name}(", bases, "):").removeprefix(keyword)


def value_after(indent: int, head: str, value: str, *, annotated: bool = False) -> str:
    """`value`, one expression black does not split (a string, a name), as black lays it
    out after `head` (the target and ` = `, which the template writes; only the value is
    returned): on the same line
    when it fits; else in parentheses on a line of its own. A plain assignment keeps the
    line as it is when the value does not fit on a line of its own either (black leaves a
    line it cannot shorten); an `annotated` one (`NAME: Final = `, a short annotation)
    takes the parentheses all the same."""
    if fits(indent, head + value):
        return value
    if not annotated and not fits(indent + len(INDENT), value):
        return value
    return f"(\n{' ' * indent}{INDENT}{value}\n{' ' * indent})"


class Brackets:
    """An expression ending in one bracketed list, whose items may be such expressions
    themselves: `head` ends with the opening bracket, `tail` starts with the closing one (and
    may go on with trailers, `).to_dict()`)."""

    __slots__ = ("head", "items", "tail")

    def __init__(self, head: str, items: Sequence[str | Brackets], tail: str) -> None:
        self.head = head
        self.items = tuple(items)
        self.tail = tail

    def __str__(self) -> str:
        return f"{self.head}{', '.join(str(item) for item in self.items)}{self.tail}"


def nested(indent: int, expression: str | Brackets, suffix: str = "") -> str:
    """`expression` + `suffix` as black lays it out at `indent` spaces, splitting at the
    outermost bracket first: on one line when it fits; else the items on one line of their
    own, when they fit; else one item a line, each with a comma, each laid out the same way
    (a lone item keeps no comma: black splits inside it instead). Plain text is never split.
    Continuation lines carry their indentation; the first line does not."""
    flat = f"{expression}{suffix}"
    if isinstance(expression, str) or fits(indent, flat):
        return flat
    pad = " " * indent
    inner = indent + len(INDENT)
    joined = ", ".join(str(item) for item in expression.items)
    if not expression.items:
        return flat
    if fits(inner, joined):
        body = joined
    elif len(expression.items) == 1:
        body = nested(inner, expression.items[0])
    else:
        body = f"\n{' ' * inner}".join(
            nested(inner, item, ",") for item in expression.items
        )
    return f"{expression.head}\n{' ' * inner}{body}\n{pad}{expression.tail}{suffix}"


def assigned(indent: int, target: str, value: str | Brackets) -> str:
    """`target = value` as black lays it out at `indent` spaces: on one line when it fits;
    else split inside the value's brackets when the line up to them fits; else the value
    in parentheses of its own, laid out one level deeper."""
    if isinstance(value, str) or fits(indent, f"{target} = {value}"):
        return f"{target} = {value}"
    if fits(indent, f"{target} = {value.head}"):
        return nested(
            indent, Brackets(f"{target} = {value.head}", value.items, value.tail)
        )
    inner = indent + len(INDENT)
    return f"{target} = (\n{' ' * inner}{nested(inner, value)}\n{' ' * indent})"


def chosen(
    indent: int, target: str, value: str, condition: str, other: str | Brackets
) -> str:
    """`target = value if condition else other` as black lays it out at `indent` spaces: on
    one line when it fits; else in parentheses, on one line of its own when that fits, else
    one part a line, `other` laid out one level deeper."""
    flat = f"{value} if {condition} else {other}"
    if fits(indent, f"{target} = {flat}"):
        return f"{target} = {flat}"
    inner = indent + len(INDENT)
    pad = " " * inner
    if fits(inner, flat):
        body = flat
    else:
        last: str | Brackets = (
            f"else {other}"
            if isinstance(other, str)
            else Brackets(f"else {other.head}", other.items, other.tail)
        )
        body = f"{value}\n{pad}if {condition}\n{pad}{nested(inner, last)}"
    return f"{target} = (\n{pad}{body}\n{' ' * indent})"


def parameter(indent: int, name: str, annotation: str, default: str | None) -> str:
    """`name: annotation = default,` as a parameter a line of its own, as black lays it out:
    on one line when it fits; else, for an annotation without brackets that fits on a line
    of its own, in parentheses of its own (black adds them); else as it is, black's to
    split."""
    tail = f" = {default}," if default else ","
    line = f"{name}: {annotation}{tail}"
    if fits(indent, line) or any(mark in annotation for mark in "([{"):
        return line
    if not fits(indent + len(INDENT), annotation):
        return line
    pad = " " * indent
    return f"{name}: (\n{pad}{INDENT}{annotation}\n{pad}){tail}"


def declaration(indent: int, name: str, annotation: str, default: str | None) -> str:
    """`name: annotation = default` as a statement of its own, as black lays it out: on
    one line when it fits; else, for a default without brackets, the default in
    parentheses of its own when `name: annotation = (` fits (black measures it before
    its parenthesis shows),
    else the annotation in parentheses of its own; else as it is, black's to split."""
    line = f"{name}: {annotation}" + (f" = {default}" if default else "")
    if fits(indent, line) or not default:
        return line
    if any(mark in default for mark in "([{"):
        return line
    pad = " " * indent
    head = f"{name}: {annotation} = ("
    if fits(indent, head) and fits(indent + len(INDENT), default):
        return f"{head}\n{pad}{INDENT}{default}\n{pad})"
    if fits(indent + len(INDENT), annotation):
        return f"{name}: (\n{pad}{INDENT}{annotation}\n{pad}) = {default}"
    return line
