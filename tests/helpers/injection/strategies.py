"""The hypothesis strategies of the injection tests: attack strings, fragments, names, and
valid specs with the baseline's shape only."""

from __future__ import annotations

import ast
import keyword
import sys
from dataclasses import fields
from functools import cache
from typing import Any

from hypothesis import strategies as st

from generator.model import Api
from generator.naming import pascal_case

if sys.version_info >= (3, 11):
    pass
else:  # black, a dependency, brings tomli on Python 3.10
    pass
from tests.helpers.injection.checks import (
    derived_names,
)
from tests.helpers.injection.python import (
    scope_occurrences,
)
from tests.helpers.injection.spec import (
    Slots,
    baseline,
)

# --- strategies -------------------------------------------------------------------------------

ATTACKS = [
    '"); import os; os.system("x") #',
    "'); import os; os.system('x') #",
    "__import__('os').system('x')",
    "exec(",
    "'+str(exec('import os;os.system(\"id\")'))+'",
    '"""; import os; """',
    "'''; import os; '''",
    "\\",
    "\\N{BULLET}",
    "\\u0041",
    "\\x41",
    "\\'",
    '\\"',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{# #}",
    "{% raw %}",
    "${jndi:ldap://x}",
    "*/ eval(1) /*",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "| a | b |",
    "](javascript:alert(1))",
    "```",
    "~~~",
    "[tool.evil]",
    '"\n[tool.evil]\nx = "',
]
FRAGMENTS = [
    *ATTACKS,
    "'",
    '"',
    "'''",
    '"""',
    "`",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200b",
    "\ufeff",
    "{{",
    "}}",
    "{%",
    "%}",
    "#",
    "# ",
    "- ",
    "> ",
    "= ",
    "*",
    "_",
    "|",
    "<",
    ">",
    "&amp;",
    "&lt;",
    ";",
    "(",
    ")",
    ":",
    ",",
    ".",
    "é",
    "e\u0301",
    "日本語",
    "İ",
    "ß",
    "Ω",
    "\U0001f680",
    *keyword.kwlist,
    *keyword.softkwlist,
    "self",
    "kwargs",
    "cls",
    "__class__",
    "__init__",
    "from_dict",
    "to_dict",
    "polling",
    "continuation_token",
]
WORDS = ["widget", "Gadget", "gizmo", "Sprocket", "x", "ID", "2nd", "vm", "VMs"]


def _join(parts: list[str]) -> str:
    return "".join(parts)


piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(WORDS),
    st.text(max_size=6),
)
nasty = st.one_of(
    st.lists(piece, max_size=6).map(_join),
    st.builds(
        lambda text, count: text * count, st.sampled_from(ATTACKS), st.integers(10, 80)
    ),
)
"""Any text: quotes, backslashes, control and bidi characters, template syntax, Markdown,
keywords, non-ASCII, attack strings, and now and then a very long string."""

name = st.lists(piece, min_size=1, max_size=4).map(_join).filter(bool)
"""A spec name (parameter, property, definition, enum, header): nasty, but never empty."""

path_name = name.filter(
    lambda text: not set(text) & set("{}:![")
    and text.strip()
    and text != "subscriptionId"
)
"""A path parameter: the placeholder of a path template cannot hold braces, ':', '!' or '['
(openapi-spec-validator parses it as a format field), nor be blank."""

literal_segment = nasty.filter(lambda text: not set(text) & set("{}"))
"""A literal path segment: any text but braces, which would make it a placeholder."""

sentinel_name = st.one_of(
    st.sampled_from(["ALL_THINGS", "EVERYTHING", "ALL", "A_1", "NONE_OF_THEM"]),
    st.from_regex(r"[A-Z][A-Z0-9]{0,8}(_[A-Z0-9]{1,5}){0,3}", fullmatch=True),
).filter(lambda text: pascal_case(text.lower()) != text)
"""x-armgen-omit-sentinel.name must be UPPER_SNAKE_CASE and differ from its class's name (`T`,
`A1` are refused); other names are refused (tests/unit/test_model*.py)."""


_NAMED_SLOTS = frozenset(
    {
        "post_id",
        "get_id",
        "path_param",
        "literal",
        "query_name",
        "query_values",
        "query_default",
        "query_enum_name",
        "header_name",
        "body_name",
        "sentinel_name",
        "body_model",
        "body_property",
        "client_name",
        "location_header",
        "final_state",
        "result_model",
        "result_property",
        "enum_property",
        "property_values",
        "property_enum_name",
    }
)
_FREE_TEXT = frozenset(field.name for field in fields(Slots)) - _NAMED_SLOTS
"""Descriptions, summaries, title and version: any text at all."""


@st.composite
def slots_strategy(draw: st.DrawFn) -> Slots:
    values: dict[str, Any] = {
        field.name: draw(nasty) for field in fields(Slots) if field.name in _FREE_TEXT
    }
    body_model, result_model = draw(
        st.lists(name, min_size=2, max_size=2, unique=True).filter(
            lambda pair: not {"CloudError", "ApiError"} & set(pair)
        )
    )
    result_property, enum_property = draw(
        st.lists(name, min_size=2, max_size=2, unique=True)
    )
    post_id, get_id = draw(st.lists(name, min_size=2, max_size=2, unique=True))
    # One x-ms-enum name for both would be one class, as intended: another shape.
    enum_names = draw(st.lists(name, min_size=2, max_size=2, unique=True))
    values.update(
        post_id=post_id,
        get_id=get_id,
        path_param=draw(path_name),
        literal=draw(literal_segment),
        query_name=draw(name.filter(lambda text: text != "api-version")),
        query_values=tuple(draw(st.lists(name, min_size=2, max_size=2, unique=True))),
        query_default=draw(st.integers(0, 1)),
        query_enum_name=enum_names[0],
        header_name=draw(name),
        body_name=draw(name),
        sentinel_name=draw(sentinel_name),
        body_model=body_model,
        body_property=draw(name),
        client_name=draw(name),
        location_header=draw(name),
        final_state=draw(name),
        result_model=result_model,
        result_property=result_property,
        enum_property=enum_property,
        property_values=tuple(
            draw(st.lists(name, min_size=2, max_size=2, unique=True))
        ),
        property_enum_name=enum_names[1],
    )
    return Slots(**values)


def same_shape_as_baseline(api: Api) -> bool:
    """True unless spec names collide in a way that changes the shape of the output.

    Model, enum and method names are unique, and class names are never the client's or a
    template's; a sentinel that would collide is refused. Two enums sharing one x-ms-enum name
    are one class, as intended, and another shape: the strategy draws two names.
    """
    class_names = [model.class_name for model in api.models]
    enum_classes = {
        api.enum_class(type_ref)
        for type_ref in [
            *(p.type for m in api.models for p in m.properties),
            *(p.type for op in api.operations for p in op.parameters),
        ]
    } - {None}
    sentinels = [
        name
        for op in api.operations
        if op.body is not None and op.body.omit_sentinel is not None
        for name in (op.body.omit_sentinel.name, op.body.omit_sentinel.class_name)
    ]
    exported = [
        api.client_name,
        *class_names,
        *sorted(n for n in enum_classes if n),
        *sentinels,
    ]
    template_names = template_module_names()
    return (
        len(enum_classes) == 2
        and len(set(exported)) == len(exported)
        and not set(exported) & template_names
    )


@cache
def template_module_names() -> frozenset[str]:
    """Module-level names bound by the templates (not by the baseline's spec)."""
    reference = baseline()
    spec_names = derived_names(reference.api)
    bound: set[str] = set()
    for path, text in reference.files.items():
        if path.suffix == ".py":
            bound |= set(scope_occurrences(ast.parse(text))[("module",)])
    return frozenset(bound - spec_names)
