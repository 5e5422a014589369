"""Stage 3: x-armgen-omit-sentinel on small inline specs (each is loaded and validated first)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator.model import (
    Body,
    Kind,
    OmitSentinel,
)
from tests.helpers.model_specs import (
    ACT_POINTER,
    act_spec,
    assert_error,
    body,
    build,
    build_error,
    only_operation,
)

# --- x-armgen-omit-sentinel -------------------------------------------------------------------

INSTANCE_IDS = {
    "type": "object",
    "properties": {"instanceIds": {"type": "array", "items": {"type": "string"}}},
}


def sentinel_body(sentinel: Any, required: bool = False) -> dict[str, Any]:
    return body(
        "InstanceIds",
        name="vmInstanceIDs",
        required=required,
        **{"x-ms-client-flatten": True, "x-armgen-omit-sentinel": sentinel},
    )


def test_omit_sentinel(tmp_path: Path) -> None:
    document = act_spec(
        [
            sentinel_body(
                {"name": "ALL_INSTANCES", "description": "Act on every instance."}
            )
        ],
        definitions={"InstanceIds": INSTANCE_IDS},
    )
    op = only_operation(build(tmp_path, document))
    assert isinstance(op.body, Body)
    assert op.body.omit_sentinel == OmitSentinel(
        name="ALL_INSTANCES",
        class_name="AllInstances",
        description="Act on every instance.",
    )
    assert not op.body.required
    assert [p.python_name for p in op.body.flattened] == ["instance_ids"]
    assert op.body.flattened[0].type.kind is Kind.ARRAY


def test_omit_sentinel_on_a_body_that_is_not_flattened(tmp_path: Path) -> None:
    document = act_spec(
        [body("InstanceIds", **{"x-armgen-omit-sentinel": {"name": "EVERYTHING"}})],
        definitions={"InstanceIds": INSTANCE_IDS},
    )
    op = only_operation(build(tmp_path, document))
    assert op.body is not None
    assert op.body.flattened == ()
    assert op.body.omit_sentinel is not None
    assert op.body.omit_sentinel.class_name == "Everything"


def test_omit_sentinel_name_must_be_upper_snake_case(tmp_path: Path) -> None:
    document = act_spec(
        [sentinel_body({"name": "all_instances"})],
        definitions={"InstanceIds": INSTANCE_IDS},
    )
    assert_error(
        build_error(tmp_path, document),
        f"{ACT_POINTER}/parameters/3/x-armgen-omit-sentinel/name",
        "UPPER_SNAKE_CASE",
        "'all_instances'",
    )


def test_omit_sentinel_needs_a_name(tmp_path: Path) -> None:
    document = act_spec(
        [sentinel_body({"description": "no name"})],
        definitions={"InstanceIds": INSTANCE_IDS},
    )
    assert_error(
        build_error(tmp_path, document),
        f"{ACT_POINTER}/parameters/3/x-armgen-omit-sentinel",
        "'name'",
    )


def test_omit_sentinel_on_a_required_body(tmp_path: Path) -> None:
    document = act_spec(
        [sentinel_body({"name": "ALL_INSTANCES"}, required=True)],
        definitions={"InstanceIds": INSTANCE_IDS},
    )
    assert_error(
        build_error(tmp_path, document),
        f"{ACT_POINTER}/parameters/3/x-armgen-omit-sentinel",
        "required body",
    )


def test_omit_sentinel_on_a_flattened_model_with_two_properties(tmp_path: Path) -> None:
    two = copy.deepcopy(INSTANCE_IDS)
    two["properties"]["force"] = {"type": "boolean"}
    document = act_spec(
        [sentinel_body({"name": "ALL_INSTANCES"})], definitions={"InstanceIds": two}
    )
    assert_error(
        build_error(tmp_path, document),
        f"{ACT_POINTER}/parameters/3/x-armgen-omit-sentinel",
        "exactly one property",
    )
