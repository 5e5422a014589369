"""What escape.py writes is already in black's layout, so black has nothing to change in it.

generator/format.py skips black for pieces whose layout it can vouch for (`black_stable`);
that is only sound if the spec text in them, which no template controls, comes out as black
would write it. These properties check exactly that, against the pinned black itself.
"""

from __future__ import annotations

import ast
import textwrap

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escape import _wrap, attribute_docstring, docstring, python_literal
from generator.format import black_mode

_AWKWARD = st.sampled_from(list("ab '\"\\\n\t\r\x00\x7f\u00e9\u2013\u202e\U0001f600:"))
_TEXT = st.text(alphabet=_AWKWARD, max_size=30) | st.text(max_size=30)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_string_literals_are_in_blacks_quoting(text: str) -> None:
    literal = python_literal(text)
    source = f"value = {literal}\n"
    assert ast.literal_eval(literal) == text
    if len(source) <= 89:  # a longer line is black's to wrap, and format.py lets it
        assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=4), st.dictionaries(_TEXT, _TEXT, max_size=3))
def test_list_and_dict_literals_are_in_blacks_layout(
    items: list[str], mapping: dict[str, str]
) -> None:
    for value in (items, mapping):
        source = f"value = {python_literal(value)}\n"
        if max(len(line) for line in source.splitlines()) <= 88:
            assert black.format_str(source, mode=black_mode()) == source


_DOC_TEXT = st.text(
    alphabet=st.sampled_from(list("ab :\n\"'\\-\u2013")), max_size=300
) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(_DOC_TEXT, st.sampled_from([0, 4, 8]))
def test_docstrings_are_in_blacks_layout(text: str, depth: int) -> None:
    source = f"{_opening(depth)}{' ' * depth}{docstring(text, indent=depth)}\n"
    assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=300, deadline=None)
@given(_DOC_TEXT, st.sampled_from([4, 8]))
def test_attribute_docstrings_are_in_blacks_layout(text: str, depth: int) -> None:
    pad = " " * depth
    field = f"{pad}value: int\n{pad}{attribute_docstring(text, indent=depth)}\n"
    source = f'{_opening(depth)}{pad}"""Doc."""\n\n{field}'
    assert black.format_str(source, mode=black_mode()) == source


def _opening(depth: int) -> str:
    return "".join(f"{' ' * level}class C{level}:\n" for level in range(0, depth, 4))


@settings(max_examples=300, deadline=None)
@given(st.integers() | st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_are_in_blacks_spelling(number: float) -> None:
    source = f"value = {python_literal(number)}\n"
    assert ast.literal_eval(python_literal(number)) == number
    if len(source) <= 89:
        assert black.format_str(source, mode=black_mode()) == source


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text(alphabet="ab:-x", min_size=1, max_size=15), max_size=30),
    st.integers(40, 90),
    st.sampled_from(["", "    "]),
)
def test_docstring_wrapping_is_textwraps(
    words: list[str], width: int, hanging: str
) -> None:
    entry = " ".join(words)
    expected = textwrap.wrap(
        entry,
        width=width,
        subsequent_indent=hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert _wrap(entry, width, hanging) == (expected or [""])
