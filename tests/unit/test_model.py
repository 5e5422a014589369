"""Stage 3: build_api on small inline specs (each is loaded and validated first)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import GeneratorError, SpecError, UnknownOperationError
from generator.load import load_spec
from generator.model import (
    Body,
    Kind,
    LongRunning,
    OmitSentinel,
    build_api,
)
from generator.validate import validate_spec
from tests.helpers import write_spec
from tests.helpers.model_specs import (
    ACT_POINTER,
    THING_PATH,
    act_spec,
    assert_error,
    body,
    build,
    build_error,
    only_operation,
    operation,
    spec_document,
)

# --- client and method parameters -------------------------------------------------------------


def test_client_and_method_parameters(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(
        yaml.safe_dump(
            {
                "parameters": {
                    "LocationParameter": {
                        "name": "location",
                        "in": "query",
                        "required": True,
                        "type": "string",
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    document = act_spec(
        [
            {"$ref": "#/parameters/ExpandParameter"},
            {"$ref": "./common.yaml#/parameters/LocationParameter"},
            {
                "name": "region",
                "in": "query",
                "type": "string",
                "x-ms-parameter-location": "client",
            },
            {"name": "top", "in": "query", "type": "integer"},
        ],
        global_parameters={
            "ExpandParameter": {
                "name": "$expand",
                "in": "query",
                "type": "string",
                "x-ms-parameter-location": "method",
            }
        },
    )
    api = build(tmp_path, document)
    op = only_operation(api)

    levels = {p.wire_name: p.client_level for p in op.parameters}
    assert levels == {
        "subscriptionId": True,  # from the top-level `parameters` section
        "api-version": True,
        "thingName": False,  # inline
        "$expand": False,  # top-level, but x-ms-parameter-location: method
        "location": True,  # top-level `parameters` of another file
        "region": True,  # inline, but x-ms-parameter-location: client
        "top": False,
    }
    assert [p.python_name for p in op.method_parameters] == [
        "thing_name",
        "expand",
        "top",
    ]
    assert [(p.wire_name, p.python_name) for p in api.client_parameters] == [
        ("api-version", "api_version"),
        ("location", "location"),
        ("region", "region"),
        ("subscriptionId", "subscription_id"),
    ]
    assert all(p.client_level for p in api.client_parameters)


def test_client_parameters_are_shared_between_operations(tmp_path: Path) -> None:
    document = spec_document(
        {
            THING_PATH: {
                "get": operation("Things_Get"),
                "delete": operation("Things_Delete"),
            }
        }
    )
    api = build(tmp_path, document)
    assert [op.operation_id for op in api.operations] == ["Things_Get", "Things_Delete"]
    assert [p.wire_name for p in api.client_parameters] == [
        "api-version",
        "subscriptionId",
    ]
    assert api.client_name == "ThingsClient"


def test_path_level_parameters_apply_and_operation_level_ones_override(
    tmp_path: Path,
) -> None:
    document = spec_document(
        {
            f"{THING_PATH}/act": {
                "parameters": [
                    {
                        "name": "mode",
                        "in": "query",
                        "type": "string",
                        "description": "path",
                    }
                ],
                "post": operation(
                    "Things_Act",
                    [
                        {
                            "name": "mode",
                            "in": "query",
                            "type": "string",
                            "description": "op",
                        }
                    ],
                ),
            }
        }
    )
    op = only_operation(build(tmp_path, document))
    modes = [p for p in op.parameters if p.wire_name == "mode"]
    assert len(modes) == 1
    assert modes[0].description == "op"


# --- long-running operations ------------------------------------------------------------------


def test_long_running_operation(tmp_path: Path) -> None:
    document = spec_document(
        {
            f"{THING_PATH}/start": {
                "post": operation(
                    "Things_Start", **{"x-ms-long-running-operation": True}
                )
            },
            f"{THING_PATH}/stop": {
                "post": operation(
                    "Things_Stop",
                    **{
                        "x-ms-long-running-operation": True,
                        "x-ms-long-running-operation-options": {
                            "final-state-via": "azure-async-operation"
                        },
                    },
                )
            },
            f"{THING_PATH}/act": {"post": operation("Things_Act")},
        }
    )
    api = build(tmp_path, document)
    by_id = {op.operation_id: op for op in api.operations}

    assert by_id["Things_Start"].long_running == LongRunning(final_state_via=None)
    assert by_id["Things_Start"].method_name == "begin_start"
    assert by_id["Things_Stop"].long_running == LongRunning("azure-async-operation")
    assert by_id["Things_Stop"].method_name == "begin_stop"
    assert by_id["Things_Act"].long_running is None
    assert by_id["Things_Act"].method_name == "act"


def test_long_running_false_is_not_long_running(tmp_path: Path) -> None:
    document = act_spec(**{"x-ms-long-running-operation": False})
    op = only_operation(build(tmp_path, document))
    assert op.long_running is None
    assert op.method_name == "act"


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


# --- unsupported constructs -------------------------------------------------------------------


THING = {"type": "object", "properties": {"a": {"type": "string"}}}


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
def test_any_of_and_one_of_are_refused(tmp_path: Path, keyword: str) -> None:
    document = act_spec(
        [body("Outer")],
        definitions={
            "Outer": {
                "type": "object",
                "properties": {
                    "either": {
                        keyword: [{"type": "string"}, {"$ref": "#/definitions/Thing"}]
                    }
                },
            },
            "Thing": THING,
        },
    )
    with pytest.raises(SpecError, match=keyword):
        validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", document)))
    error = build_error(tmp_path, document, validate=False)
    pointer = "/definitions/Outer/properties/either"
    assert error.pointer in (pointer, f"{pointer}/{keyword}")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert f"'{keyword}'" in error.reason


def test_inline_all_of_of_two_schemas_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        responses={
            "200": {
                "description": "OK",
                "schema": {
                    "allOf": [
                        {"$ref": "#/definitions/Thing"},
                        {"$ref": "#/definitions/Other"},
                    ]
                },
            }
        },
        definitions={"Thing": THING, "Other": THING},
    )
    error = build_error(tmp_path, document)
    schema = f"{ACT_POINTER}/responses/200/schema"
    assert error.pointer in (schema, f"{schema}/allOf")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert "allOf" in error.reason or "inline object schema" in error.reason


def test_all_of_entry_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [body("Child")],
        definitions={
            "Child": {
                "type": "object",
                "allOf": [{"type": "string"}],
                "properties": {"name": {"type": "string"}},
            }
        },
    )
    error = build_error(tmp_path, document)
    assert error.pointer.startswith("/definitions/Child")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert "allOf" in error.reason


def test_an_inline_object_inside_all_of_adds_its_properties(tmp_path: Path) -> None:
    # As AutoRest merges it: the entry has no name of its own, its properties are the model's.
    document = act_spec(
        [body("Child")],
        definitions={
            "Child": {
                "type": "object",
                "allOf": [
                    {
                        "type": "object",
                        "required": ["x"],
                        "properties": {"x": {"type": "string"}},
                    }
                ],
                "properties": {"name": {"type": "string"}},
            }
        },
    )
    child = build(tmp_path, document).model("Child")
    assert child.bases == ()
    assert [(p.wire_name, p.required) for p in child.properties] == [
        ("name", False),
        ("x", True),
    ]


def test_all_of_base_and_inline_object_schemas_become_models(tmp_path: Path) -> None:
    document = act_spec(
        [body("Child")],
        responses={
            "200": {
                "description": "OK",
                "schema": {
                    "type": "object",
                    "properties": {"done": {"type": "boolean"}},
                },
            }
        },
        definitions={
            "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Child": {
                "type": "object",
                "allOf": [{"$ref": "#/definitions/Base"}],
                "properties": {"name": {"type": "string"}},
            },
        },
    )
    api = build(tmp_path, document)
    child = api.model("Child")
    assert child.bases == ("Base",)
    assert [p.wire_name for p in child.properties] == ["name"]
    assert [p.wire_name for p in api.all_properties("Child")] == ["id", "name"]
    result = only_operation(api).success_responses[0].type
    assert result is not None and result.kind is Kind.MODEL
    assert result.model is not None
    assert [p.wire_name for p in api.model(result.model).properties] == ["done"]
    assert [m.name for m in api.models] == sorted(m.name for m in api.models)
    assert {"Base", "Child", result.model} == {m.name for m in api.models}


def test_unsupported_type_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [body("Outer")],
        definitions={
            "Outer": {"type": "object", "properties": {"odd": {"type": "null"}}}
        },
    )
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    with pytest.raises(SpecError) as caught:
        build_api(spec)
    assert_error(caught.value, "/definitions/Outer/properties/odd", "'null'")


def test_maps_and_free_form_objects_are_supported(tmp_path: Path) -> None:
    document = act_spec(
        [body("Bag")],
        definitions={
            "Bag": {
                "type": "object",
                "properties": {
                    "tags": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                    },
                    "anything": {"type": "object"},
                    "items": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
                },
            },
            "Item": {"type": "object", "properties": {"a": {"type": "integer"}}},
        },
    )
    api = build(tmp_path, document)
    types = {p.wire_name: p.type.describe() for p in api.model("Bag").properties}
    assert types == {
        "tags": "map<string>",
        "anything": "any",
        "items": "array<Item>",
    }


# --- selecting operations ---------------------------------------------------------------------


def three_operations() -> dict[str, Any]:
    return spec_document(
        {
            THING_PATH: {
                "get": operation(
                    "Things_Get",
                    responses={
                        "200": {
                            "description": "OK",
                            "schema": {"$ref": "#/definitions/Zebra"},
                        }
                    },
                ),
                "delete": operation("Things_Delete"),
            },
            f"{THING_PATH}/act": {"post": operation("Things_Act", [body("Banana")])},
        },
        definitions={
            "Zebra": {
                "type": "object",
                "properties": {
                    "apples": {
                        "type": "array",
                        "items": {"$ref": "#/definitions/Apple"},
                    },
                    "cherries": {
                        "type": "object",
                        "additionalProperties": {"$ref": "#/definitions/Cherry"},
                    },
                },
            },
            "Apple": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Cherry": {"type": "object", "properties": {"c": {"type": "string"}}},
            "Banana": {"type": "object", "properties": {"b": {"type": "string"}}},
            "Mango": {"type": "object", "properties": {"m": {"type": "string"}}},
        },
    )


def test_operations_selected_by_operation_id(tmp_path: Path) -> None:
    api = build(
        tmp_path, three_operations(), ["Things_Delete", "Things_Get", "Things_Delete"]
    )
    assert [op.operation_id for op in api.operations] == ["Things_Delete", "Things_Get"]
    assert [op.method_name for op in api.operations] == ["delete", "get"]
    assert [op.http_method for op in api.operations] == ["DELETE", "GET"]


def test_unknown_operation_id(tmp_path: Path) -> None:
    error = build_error(tmp_path, three_operations(), ["Things_Get", "Things_Nope"])
    assert_error(error, "/paths", "no operation with operationId", "'Things_Nope'")
    assert "Things_Get" not in error.reason
    assert isinstance(error, UnknownOperationError)
    assert error.operation_ids == ("Things_Nope",)


def test_duplicate_operation_id(tmp_path: Path) -> None:
    document = three_operations()
    document["paths"][THING_PATH]["delete"]["operationId"] = "Things_Get"
    with pytest.raises(SpecError, match="Things_Get"):
        validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", document)))
    error = build_error(tmp_path, document, validate=False)
    assert_error(
        error,
        "/paths/" + THING_PATH.replace("/", "~1") + "/delete/operationId",
        "'Things_Get'",
        "twice",
    )


def test_only_reachable_models_sorted_by_name(tmp_path: Path) -> None:
    everything = build(tmp_path, three_operations())
    assert [m.name for m in everything.models] == ["Apple", "Banana", "Cherry", "Zebra"]

    get_only = build(tmp_path, three_operations(), ["Things_Get"])
    assert [m.name for m in get_only.models] == ["Apple", "Cherry", "Zebra"]

    act_only = build(tmp_path, three_operations(), ["Things_Act"])
    assert [m.name for m in act_only.models] == ["Banana"]

    delete_only = build(tmp_path, three_operations(), ["Things_Delete"])
    assert delete_only.models == ()


def test_models_reached_through_another_file(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(
        yaml.safe_dump(
            {
                "definitions": {
                    "CloudError": {
                        "type": "object",
                        "properties": {"error": {"$ref": "#/definitions/ApiError"}},
                    },
                    "ApiError": {
                        "type": "object",
                        "properties": {"code": {"type": "string"}},
                    },
                    "Unused": {
                        "type": "object",
                        "properties": {"u": {"type": "string"}},
                    },
                }
            }
        ),
        encoding="utf-8",
    )
    document = act_spec(
        responses={
            "200": {"description": "OK"},
            "default": {
                "description": "Error",
                "schema": {"$ref": "./common.yaml#/definitions/CloudError"},
            },
        }
    )
    api = build(tmp_path, document)
    assert [m.name for m in api.models] == ["ApiError", "CloudError"]
    op = only_operation(api)
    assert op.error_response is not None
    assert op.error_response.type is not None
    assert op.error_response.type.model == "CloudError"
    assert [r.status for r in op.success_responses] == ["200"]


# --- path placeholders ------------------------------------------------------------------------


def test_path_placeholder_without_a_path_parameter(tmp_path: Path) -> None:
    document = spec_document(
        {
            "/subscriptions/{subscriptionId}/things/{thingName}/parts/{partName}": {
                "get": operation("Things_GetPart")
            }
        }
    )
    with pytest.raises(SpecError, match="partName"):
        validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", document)))
    error = build_error(tmp_path, document, validate=False)
    assert_error(
        error,
        "/paths/~1subscriptions~1{subscriptionId}~1things~1{thingName}"
        "~1parts~1{partName}/get",
        "{partName}",
        "no path parameter",
    )


def test_path_parameter_missing_from_the_path(tmp_path: Path) -> None:
    document = spec_document(
        {"/subscriptions/{subscriptionId}/things": {"get": operation("Things_List")}}
    )
    error = build_error(tmp_path, document, validate=False)
    assert_error(
        error,
        "/paths/~1subscriptions~1{subscriptionId}~1things/get",
        "'thingName'",
        "does not appear in the path",
    )


def test_invalid_parameter_in_a_referenced_file_is_a_spec_error(tmp_path: Path) -> None:
    (tmp_path / "common.yaml").write_text(
        yaml.safe_dump(
            {"parameters": {"Bad": {"name": "q", "in": "bogus", "type": "string"}}}
        ),
        encoding="utf-8",
    )
    document = act_spec([{"$ref": "./common.yaml#/parameters/Bad"}])
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    with pytest.raises(GeneratorError) as caught:
        validate_spec(spec)
        build_api(spec)
    assert isinstance(caught.value, SpecError)
    assert "common.yaml#/parameters/Bad" in str(caught.value)
