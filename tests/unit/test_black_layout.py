"""generator/black_layout.py: a piece it vouches for is one black leaves as it is.

The property that matters is one way: `black_stable(text)` implies `black(text) == text`
(a wrong yes would write code that `black --check` rejects). Hypothesis builds code of the
shapes generated modules have, with names of every length, lines split or not, trailing
commas or not and now and then a wrong space, and checks the property against the pinned
black. The examples below pin down what it must accept (generated code's own shapes, so that
black is skipped at all) and a few things it must refuse.
"""

from __future__ import annotations

import ast
import keyword

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.black_layout import black_stable
from generator.format import black_mode


def _black(text: str) -> str:
    return black.format_str(text, mode=black_mode())


ACCEPTED = [
    """\
from __future__ import annotations

from ..aio._client import Client
from . import _codec
""",
    '''\
@dataclass(kw_only=True)
class Sku(_Model):
    """A SKU."""

    name: str | None = None
    """The name."""
''',
    """\
_fields = _codec.fields(
    ("name", "name", "str"),
    ("capacity", "capacity", "int"),
)
""",
    """\
def deallocate(
    self,
    resource_group_name: str,
    *,
    hibernate: bool | None = None,
    **kwargs: Any,
) -> LROPoller[None]:
    return self._begin(resource_group_name, hibernate=hibernate, **kwargs)
""",
    """\
response = self._client.send_request_with_a_long_name_that_does_not_fit_here(
    request, stream=False, timeout_seconds_for_the_whole_call=-1
)
""",
    """value = {"a": [1, 2.5, -3], "b": (x, y), 'say "hi"': not ready}\n""",
    """\
def deallocate(
    self,
    vm_scale_set_vm_reimage_input_with_a_long_name: (
        VirtualMachineScaleSetVMReimageParameters | None
    ) = None,
) -> None:
    url = self._client.format_url(
        "/subscriptions/{subscription_id}/resourceGroups/{resource_group_name}"
        "/providers/Microsoft.Compute/virtualMachineScaleSets/{vm_scale_set_name}",
        vm_scale_set_name=_shared.path_segment(
            vm_scale_set_name_that_is_long_enough_to_wrap_the_line_here
        ),
    )
    body = (
        None
        if vm_scale_set_vm_reimage_input_with_a_long_name is None
        else vm_scale_set_vm_reimage_input_with_a_long_name.to_dict()
    )
    pipeline_response: PipelineResponse[HttpRequest, AsyncHttpResponse] = (
        await self._client._pipeline.run(
            HttpRequest("GET", url, params=query, headers=headers),
            stream=False,
            **kwargs,
        )
    )
""",
    """\
class LinuxVMGuestPatchAutomaticByPlatformSettings(_Model):
    \"\"\"Settings.\"\"\"

    reboot_setting: LinuxVMGuestPatchAutomaticByPlatformRebootSetting | str | None = (
        None
    )
    automatic_by_platform_settings_with_a_longer_name: (
        LinuxVMGuestPatchAutomaticByPlatformSettings | None
    ) = None
""",
    """\
def check(answer):
    if not answer.ok:
        raise unusable_answer(
            answer,
            "the reason",
            error=True,
        ) from None
""",
]

REFUSED = [
    "x=1\n",  # spacing
    "value = 'text'\n",  # quotes
    "value = call(\n    a, b\n)\n",  # fits on one line: black joins it
    "value = call(a, b,)\n",  # a magic trailing comma: black explodes it
    "if ready:\n\n    go()\n",  # a blank line opening a block
    "value = (a)\n",  # redundant parentheses
    "value = 1e+20\n",  # black drops the plus
    "total = first + call(\n    argument_one,\n)\n",  # black may break at the +
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_generated_shapes_are_vouched_for(text: str) -> None:
    assert _black(text) == text
    assert black_stable(text)


@pytest.mark.parametrize("text", REFUSED)
def test_what_black_might_change_is_refused(text: str) -> None:
    assert not black_stable(text)


_NAME = st.from_regex(r"[a-z_][a-z0-9_]{0,40}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name)
)
_STRING = st.sampled_from(['"a"', "'b'", '"it\'s"', "'say \"x\"'", '""', 'f"{x}"'])
_ATOM = _NAME | _STRING | st.sampled_from(["1", "2.5", "-1", "None", "1e-05", "..."])


@st.composite
def _expression(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 2 or draw(st.booleans()):
        return draw(_ATOM)
    kind = draw(st.sampled_from(["call", "attribute", "binary", "list", "dict", "not"]))
    if kind == "attribute":
        return f"{draw(_NAME)}.{draw(_NAME)}"
    if kind == "binary":
        operator = draw(st.sampled_from(["+", "|", "==", "and", "if"]))
        left, right = draw(_expression(depth + 1)), draw(_expression(depth + 1))
        if operator == "if":
            return f"{left} if {right} else {draw(_ATOM)}"
        return f"{left} {operator} {right}"
    if kind == "not":
        return f"not {draw(_expression(depth + 1))}"
    items = draw(st.lists(_expression(depth + 1) | _strings(), max_size=4))
    if kind == "dict":
        items = [f"{draw(_STRING)}: {item}" for item in items]
    opening, closing = {"call": (f"{draw(_NAME)}(", ")"), "list": ("[", "]")}.get(
        kind, ("{", "}")
    )
    return _laid_out(draw, opening, items, closing, depth)


def _laid_out(
    draw: st.DrawFn, opening: str, items: list[str], closing: str, depth: int
) -> str:
    """The items one of the ways a generator might lay them out; continuation lines are
    indented later by the statement."""
    style = draw(
        st.sampled_from(["line", "body", "exploded", "exploded-no-comma", "lone"])
    )
    if style == "line" or not items or depth > 1:
        return f"{opening}{', '.join(items)}{closing}"
    if style == "body":
        return f"{opening}\n    {', '.join(items)}\n{closing}"
    if style == "lone":
        return f"{opening}\n{_indented(items[0], 4)}\n{closing}"
    comma = "," if style == "exploded" else ""
    body = ",\n".join(_indented(item, 4) for item in items)
    return f"{opening}\n{body}{comma}\n{closing}"


@st.composite
def _strings(draw: st.DrawFn) -> str:
    """Strings joined without `+`, on one line or one a line."""
    parts = draw(
        st.lists(st.from_regex(r'"[a-z/{}_]{0,30}"', fullmatch=True), min_size=2)
    )
    return ("\n" if draw(st.booleans()) else " ").join(parts)


@st.composite
def _parameters(draw: st.DrawFn) -> list[str]:
    """Parameters with long annotations, their parentheses (black's) or not."""
    names = draw(st.lists(_NAME, min_size=1, max_size=3, unique=True))
    parameters = []
    for name in names:
        annotation = f"{draw(_NAME)} | None"
        if draw(st.booleans()):
            annotation = f"(\n    {annotation}\n)"
        default = draw(st.sampled_from(["", " = None"]))
        parameters.append(f"{name}: {annotation}{default}")
    return parameters


@st.composite
def _statement(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            [
                "assign",
                "annotated",
                "return",
                "def",
                "call",
                "import",
                "class",
                "comment",
                "parenthesised",
                "annotations",
                "conditional",
                "declaration",
            ]
        )
    )
    value = draw(_expression())
    if kind == "assign":
        return f"{draw(_NAME)} = {value}"
    if kind == "annotated":
        return f"{draw(_NAME)}: {draw(_NAME)} | None = {value}"
    if kind == "return":
        return f"return {value}"
    if kind == "call":
        return value
    if kind == "import":
        return draw(st.sampled_from(["import os", "from . import _codec"]))
    if kind == "comment":
        return "# a comment"
    if kind == "class":
        decorator = draw(
            st.sampled_from(["", "@dataclass\n", "@dataclass(kw_only=True)\n"])
        )
        gap = "\n" * draw(st.integers(0, 2))
        return f'{decorator}class {draw(_NAME)}:\n    """Doc."""\n{gap}    x: int = {value}'
    if kind == "parenthesised":
        target = draw(
            st.sampled_from(
                [
                    f"{draw(_NAME)}: {draw(_NAME)}[{draw(_NAME)}, {draw(_NAME)}]",
                    f"self.{draw(_NAME)}",
                    draw(_NAME),
                ]
            )
        )
        value = (
            f"{draw(st.sampled_from(['await ', '']))}{draw(_NAME)}({draw(_NAME)}, x)"
        )
        if draw(st.booleans()):
            return f"{target} = (\n    {value}\n)"
        return f"{target} = {value}"
    if kind == "declaration":
        name, annotation = draw(_NAME), f"{draw(_NAME)} | {draw(_NAME)} | None"
        default = draw(st.sampled_from(["None", "True", '"text"']))
        return draw(
            st.sampled_from(
                [
                    f"{name}: {annotation} = {default}",
                    f"{name}: {annotation} = (\n    {default}\n)",
                    f"{name}: (\n    {annotation}\n) = {default}",
                ]
            )
        )
    if kind == "conditional":
        other = f"{draw(_NAME)}({draw(_NAME)})"
        if draw(st.booleans()):
            other = f"{draw(_NAME)}(\n    {draw(_NAME)}={draw(_NAME)},\n).to_dict()"
        parts = [draw(_ATOM), f"if {draw(_NAME)} is None", f"else {other}"]
        if draw(st.booleans()):
            body = "\n".join(_indented(part, 4) for part in parts)
            return f"{draw(_NAME)} = (\n{body}\n)"
        return f"{draw(_NAME)} = {' '.join(parts)}"
    if kind == "annotations":
        signature = _laid_out(draw, f"def {draw(_NAME)}(", draw(_parameters()), ")", 0)
        return f"{signature} -> None:\n    pass"
    parameters = draw(st.lists(_NAME, min_size=1, max_size=4, unique=True))
    signature = _laid_out(
        draw, f"def {draw(_NAME)}(", [f"{p}: int" for p in parameters], ")", 0
    )
    return f"{signature} -> {draw(_NAME)}:\n    return {value}"


def _indented(text: str, depth: int) -> str:
    pad = " " * depth
    return "".join(f"{pad}{line}" if line else line for line in text.splitlines(True))


@st.composite
def _module(draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([0, 4, 8]))
    opening = "".join(f"{' ' * level}def f{level}():\n" for level in range(0, depth, 4))
    statements = draw(st.lists(_statement(), min_size=1, max_size=3))
    gaps = draw(st.lists(st.integers(0, 3), min_size=3, max_size=3))
    body = "".join(
        "\n" * gap * bool(at) + f"{_indented(statement, depth)}\n"
        for at, (statement, gap) in enumerate(zip(statements, gaps, strict=False))
    )
    text = f"{opening}{body}"
    if draw(st.integers(0, 9)) == 0:  # now and then a wrong space
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + " " + text[at:]
    return text


@settings(
    max_examples=int(__import__("os").environ.get("LAYOUT_EXAMPLES", "1500")),
    deadline=None,
)
@given(_module())
def test_a_vouched_for_piece_is_what_black_writes(text: str) -> None:
    try:
        formatted = _black(text)
    except black.InvalidInput:  # not Python: format.py's compile() says so, after this
        with pytest.raises(SyntaxError):
            ast.parse(text)
        return
    if black_stable(text):
        assert formatted == text
