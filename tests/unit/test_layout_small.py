"""layout.py's displays, class lines and values after a target are black's layout, any length."""

from __future__ import annotations

import keyword

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escape import python_literal
from generator.format import black_mode
from generator.render.layout import class_declaration, display, value_after
from generator.render.models import table_row

_NAMES = st.from_regex(r"[a-z][a-z_0-9]{0,30}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)
_KEYS = st.from_regex(r"[a-z][a-zA-Z0-9]{8,40}", fullmatch=True)
_CLASSES = st.from_regex(r"[A-Z][A-Za-z0-9]{0,60}", fullmatch=True)


def _blacked(source: str) -> str:
    return black.format_str(source, mode=black_mode())


def _quoted(names: list[str]) -> list[str]:
    return [f'"{name}"' for name in names]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([0, 4, 8]),
    st.sampled_from(["value = (", "_subtypes = [", "x: set[str] = {"]),
    st.lists(_NAMES, min_size=2, max_size=6),
)
def test_display_is_blacks_layout(depth: int, head: str, items: list[str]) -> None:
    closing = {"(": ")", "[": "]", "{": "}"}[head[-1]]
    pad = " " * depth
    opening = "".join(f"{' ' * level}def f{level}():\n" for level in range(0, depth, 4))
    source = f"{opening}{pad}{display(depth, head, _quoted(items), closing)}\n"
    assert _blacked(source) == source


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_NAMES, min_size=1, max_size=5), min_size=1, max_size=4))
def test_displays_in_an_exploded_call_are_blacks_layout(rows: list[list[str]]) -> None:
    body = "".join(f"    {display(4, '[', _quoted(row), '],')}\n" for row in rows)
    source = f"table = fields(\n{body})\n"
    assert _blacked(source) == source


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_NAMES, st.lists(_KEYS, min_size=1, max_size=3), _NAMES),
        min_size=1,
        max_size=4,
    )
)
def test_rows_with_nested_keys_are_blacks_layout(
    rows: list[tuple[str, list[str], str]],
) -> None:
    lines = [
        table_row(f'"{name}"', _quoted(keys), f'"{kind}"', [])
        for name, keys, kind in rows
    ]
    body = "".join(f"        {line}\n" for line in lines)
    source = f"class A:\n    _fields = fields(\n{body}    )\n"
    assert _blacked(source) == source


@settings(max_examples=300, deadline=None)
@given(_CLASSES, st.lists(_CLASSES, min_size=1, max_size=4))
def test_class_declaration_is_blacks_layout(name: str, bases: list[str]) -> None:
    source = f"class {class_declaration(name, bases)}\n    pass\n"
    assert _blacked(source) == source


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([0, 4, 8]),
    st.from_regex(r"[A-Z][A-Z_0-9]{0,40}", fullmatch=True),
    st.sampled_from(["", ": Final", ": dict[str, int]"]),
    st.integers(0, 100).flatmap(
        lambda size: st.text(alphabet="abc {}/._-'\"\\", min_size=size, max_size=size)
    ),
)
def test_value_after_is_blacks_layout(
    depth: int, target: str, annotation: str, text: str
) -> None:
    head = f"{target}{annotation} = "
    value = value_after(depth, head, python_literal(text), annotated=bool(annotation))
    pad = " " * depth
    opening = "".join(f"{' ' * level}def f{level}():\n" for level in range(0, depth, 4))
    source = f"{opening}{pad}{head}{value}\n"
    assert _blacked(source) == source
