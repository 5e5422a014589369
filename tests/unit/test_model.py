"""Stage 3: build_api on small inline specs (each is loaded and validated first): parameters,
long-running operations, selecting operations, path placeholders. The omit sentinel is in
test_model_sentinels.py, schema constructs (allOf, anyOf, maps) in test_model_schemas.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import GeneratorError, SpecError, UnknownOperationError
from generator.load import load_spec
from generator.model import (
    LongRunning,
    build_api,
)
from generator.validate import validate_spec
from tests.helpers import write_spec
from tests.helpers.model_specs import (
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
