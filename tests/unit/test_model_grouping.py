"""Stage 3: `x-ms-parameter-grouping`, as AutoRest groups parameters into one argument."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import GroupArgument, GroupField, Kind, ParameterGroup, TypeRef
from tests.helpers.model_specs import (
    THING_PATH,
    act_spec,
    assert_error,
    body,
    build,
    build_error,
    operation,
    spec_document,
)

ACT = "/paths/~1subscriptions~1{subscriptionId}~1things~1{thingName}~1act/post"


def query(name: str, grouping: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "type": "string",
        "x-ms-parameter-grouping": grouping,
        **extra,
    }


@pytest.mark.parametrize(
    ("grouping", "class_name", "argument"),
    [
        ({}, "ThingsActParameters", "things_act_parameters"),
        (
            {"postfix": "extra-options"},
            "ThingsActExtraOptions",
            "things_act_extra_options",
        ),
        (
            {"name": "first-parameter-group"},
            "FirstParameterGroup",
            "first_parameter_group",
        ),
    ],
)
def test_the_group_is_named_as_autorest_names_it(
    tmp_path: Path, grouping: dict[str, Any], class_name: str, argument: str
) -> None:
    api = build(tmp_path, act_spec([query("top", grouping), query("skip", grouping)]))
    (op,) = api.operations
    assert op.group_arguments == (
        GroupArgument(class_name, argument, False, (("top", "top"), ("skip", "skip"))),
    )
    assert {p.wire_name for p in op.parameters if p.grouped} == {"top", "skip"}
    assert not {"top", "skip"} & {p.wire_name for p in op.method_parameters}
    string = TypeRef(Kind.STRING)
    assert api.parameter_groups == (
        ParameterGroup(
            class_name,
            (
                GroupField("top", string, False, ""),
                GroupField("skip", string, False, ""),
            ),
        ),
    )


def test_a_required_member_makes_the_group_required(tmp_path: Path) -> None:
    grouping = {"name": "options"}
    api = build(
        tmp_path,
        act_spec([query("top", grouping, required=True), query("skip", grouping)]),
    )
    (group,) = api.operations[0].group_arguments
    assert group.required


def test_operations_sharing_a_group_share_its_class_with_every_field(
    tmp_path: Path,
) -> None:
    grouping = {"name": "shared"}
    document = spec_document(
        {
            f"{THING_PATH}/a": {"post": operation("Things_A", [query("x", grouping)])},
            f"{THING_PATH}/b": {"post": operation("Things_B", [query("y", grouping)])},
        }
    )
    api = build(tmp_path, document)
    (group,) = api.parameter_groups
    assert group.class_name == "Shared"
    assert [f.python_name for f in group.fields] == ["x", "y"]


def test_a_grouped_body_is_no_argument_of_its_own(tmp_path: Path) -> None:
    document = act_spec(
        [body("Thing", required=True, **{"x-ms-parameter-grouping": {}})],
        definitions={"Thing": {"properties": {"size": {"type": "integer"}}}},
    )
    op = build(tmp_path, document).operations[0]
    assert op.body is not None and op.body.grouped
    (group,) = op.group_arguments
    assert group.required and group.members == (("parameters", "parameters"),)


def test_a_flattened_grouped_body_gives_the_group_its_properties(
    tmp_path: Path,
) -> None:
    """model-flattening.json's putSimpleProductWithGrouping: AutoRest's group holds the
    flattened properties beside the grouped path parameter."""
    grouping = {"x-ms-parameter-grouping": {"name": "flatten-group"}}
    document = act_spec(
        [
            body("Thing", **grouping, **{"x-ms-client-flatten": True}),
            query("top", grouping["x-ms-parameter-grouping"], required=True),
        ],
        definitions={
            "Thing": {
                "properties": {"size": {"type": "integer"}, "kind": {"type": "string"}},
                "required": ["size"],
            }
        },
    )
    api = build(tmp_path, document)
    op = api.operations[0]
    assert op.body is not None and op.body.grouped
    (group,) = op.group_arguments
    assert group.required and group.class_name == "FlattenGroup"
    assert group.members == (("top", "top"), ("size", "size"), ("kind", "kind"))
    assert [(f.python_name, f.required) for f in api.parameter_groups[0].fields] == [
        ("top", True),
        ("size", True),
        ("kind", False),
    ]


def test_a_group_class_that_is_a_models_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [query("top", {"name": "thing"}), body("Thing")],
        definitions={"Thing": {"properties": {"size": {"type": "integer"}}}},
    )
    error = build_error(tmp_path, document)
    assert_error(error, f"{ACT}/parameters/3", "'Thing'", "a model")


def test_a_grouping_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    document = act_spec([query("top", {})])
    document["paths"][f"{THING_PATH}/act"]["post"]["parameters"][3][
        "x-ms-parameter-grouping"
    ] = "options"
    error = build_error(tmp_path, document)
    assert_error(
        error, f"{ACT}/parameters/3/x-ms-parameter-grouping", "must be a mapping"
    )


def test_constants_and_client_parameters_are_never_grouped(tmp_path: Path) -> None:
    grouping = {"name": "options"}
    api = build(
        tmp_path,
        act_spec([query("fixed", grouping, required=True, enum=["on"])]),
    )
    op = api.operations[0]
    assert op.group_arguments == () and api.parameter_groups == ()
    (fixed,) = (p for p in op.parameters if p.wire_name == "fixed")
    assert fixed.constant and not fixed.grouped
