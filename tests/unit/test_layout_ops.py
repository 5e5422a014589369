"""generator/render/layout.py lays out nested calls as black does, for any lengths."""

from __future__ import annotations

import keyword

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.format import black_mode
from generator.render.layout import Brackets, assigned, chosen, nested

_NAMES = st.from_regex(r"[a-z][a-z_0-9]{0,24}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)
_LEAVES = st.one_of(
    _NAMES,
    _NAMES.map(lambda name: f"{name}={name}"),
    _NAMES.map(lambda name: f'"{name}"'),
    _NAMES.map(lambda name: f"self.{name}"),
)


def _calls(children: st.SearchStrategy[str | Brackets]) -> st.SearchStrategy[Brackets]:
    return st.builds(
        Brackets,
        st.one_of(
            _NAMES.map(lambda name: f"{name}("),
            _NAMES.map(lambda name: f"_shared.{name}("),
            _NAMES.map(lambda name: f"{name}={name}("),
        ),
        st.lists(children, min_size=1, max_size=4),
        st.sampled_from([")", ").to_dict()"]),
    )


_TREES = st.recursive(_LEAVES, _calls, max_leaves=12).filter(
    lambda tree: isinstance(tree, Brackets)
)


def _in_function(depth: int, statement: str) -> str:
    opening = "".join(f"{' ' * level}def f{level}():\n" for level in range(0, depth, 4))
    return f"{opening}{' ' * depth}{statement}\n"


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from([4, 8, 12, 16]),
    st.sampled_from(["", "return ", "await "]),
    _TREES,
)
def test_nested_calls_are_blacks_layout(
    depth: int, prefix: str, tree: Brackets
) -> None:
    head = tree.head.split("=", 1)[-1]
    call = Brackets(prefix + head, tree.items, tree.tail)
    source = _in_function(depth, nested(depth, call))
    assert black.format_str(source, mode=black_mode()) == source


_TARGETS = st.one_of(
    _NAMES, _NAMES.map(lambda name: f"{name}: Annotated[{name.title()}, Xyz]")
)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from([4, 8, 12]), _TARGETS, _TREES)
def test_assignments_are_blacks_layout(depth: int, target: str, tree: Brackets) -> None:
    value = Brackets(tree.head.split("=", 1)[-1], tree.items, tree.tail)
    source = _in_function(depth, assigned(depth, target, value))
    if not all(len(line) <= 88 for line in source.splitlines()[: depth // 4 + 1]):
        return  # a target too long for its line: black splits it, assigned() does not
    assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=500, deadline=None)
@given(st.sampled_from([4, 8, 12]), _NAMES, _NAMES, _TREES)
def test_conditional_assignments_are_blacks_layout(
    depth: int, target: str, name: str, tree: Brackets
) -> None:
    other = Brackets(tree.head.split("=", 1)[-1], tree.items, tree.tail)
    statement = chosen(depth, target, "None", f"{name} is None", other)
    source = _in_function(depth, statement)
    assert black.format_str(source, mode=black_mode()) == source
