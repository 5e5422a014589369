"""generator/render/layout.py lays out bracketed lists as black does, for any lengths."""

from __future__ import annotations

import keyword

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.format import black_mode
from generator.render.layout import bracketed, declaration, parameter

_NAMES = st.from_regex(r"[a-z][a-z_0-9]{0,30}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([0, 4, 8, 12]),
    st.sampled_from(["value = call(", "return call(", "call(", "self.target.method("]),
    st.lists(_NAMES, min_size=1, max_size=6),
    st.booleans(),
)
def test_bracketed_is_blacks_layout(
    depth: int, head: str, items: list[str], explode: bool
) -> None:
    pad = " " * depth
    opening = "".join(f"{' ' * level}def f{level}():\n" for level in range(0, depth, 4))
    source = f"{opening}{pad}{bracketed(depth, head, items, ')', explode=explode)}\n"
    assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_NAMES, min_size=1, max_size=4), min_size=1, max_size=4))
def test_tuples_in_an_exploded_list_are_blacks_layout(rows: list[list[str]]) -> None:
    entries = [bracketed(4, "(", [f'"{name}"' for name in row], "),") for row in rows]
    body = "".join(f"    {entry}\n" for entry in entries)
    source = f"table = [\n{body}]\n"
    assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=300, deadline=None)
@given(
    _NAMES,
    st.lists(_NAMES, min_size=1, max_size=3),
    st.sampled_from([None, "None", "DEFAULT_POLLING_INTERVAL"]),
)
def test_a_parameter_is_blacks_layout(
    name: str, types: list[str], default: str | None
) -> None:
    entry = parameter(8, name, " | ".join(types), default)
    signature = f"    def method(\n        self,\n        {entry}\n    ) -> None:\n"
    source = f"class C:\n{signature}        pass\n"
    if max(map(len, source.splitlines())) <= 88:  # else it is left for black to split
        assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=300, deadline=None)
@given(
    _NAMES,
    st.lists(_NAMES, min_size=1, max_size=3),
    st.sampled_from([None, "None", "True", '"text"']),
    st.booleans(),
)
def test_a_declaration_is_blacks_layout(
    name: str, types: list[str], default: str | None, listed: bool
) -> None:
    annotation = " | ".join(types)
    if listed:
        annotation = f"list[{annotation}] | None"
    line = declaration(4, name, annotation, default)
    source = f'class C:\n    """Doc."""\n\n    {line}\n'
    if max(map(len, source.splitlines())) <= 88:  # else it is left for black to split
        assert black.format_str(source, mode=black_mode()) == source
