"""Small inline specs for the model stage's tests: the usual ARM client parameters, one
operation on a thing, and building the API model (or its SpecError) from a document."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.load import load_spec
from generator.model import Api, Operation, build_api
from generator.validate import validate_spec
from tests.helpers import write_spec

SUBSCRIPTION_ID = {
    "name": "subscriptionId",
    "in": "path",
    "required": True,
    "type": "string",
    "description": "The subscription.",
}
API_VERSION = {
    "name": "api-version",
    "in": "query",
    "required": True,
    "type": "string",
    "description": "The API version.",
}
THING_NAME = {"name": "thingName", "in": "path", "required": True, "type": "string"}
THING_PATH = "/subscriptions/{subscriptionId}/things/{thingName}"
OK = {"200": {"description": "OK"}}


def spec_document(
    paths: dict[str, Any],
    definitions: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "swagger": "2.0",
        "info": {"title": "Things", "version": "2024-01-01"},
        "host": "management.azure.com",
        "paths": paths,
        "parameters": {
            "SubscriptionIdParameter": SUBSCRIPTION_ID,
            "ApiVersionParameter": API_VERSION,
            **(parameters or {}),
        },
    }
    if definitions:
        document["definitions"] = definitions
    return document


def operation(
    operation_id: str,
    parameters: Sequence[dict[str, Any]] = (),
    responses: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """An operation with the usual ARM client parameters plus `parameters`."""
    return {
        "operationId": operation_id,
        "parameters": [
            {"$ref": "#/parameters/SubscriptionIdParameter"},
            {"$ref": "#/parameters/ApiVersionParameter"},
            THING_NAME,
            *parameters,
        ],
        "responses": responses or OK,
        **extra,
    }


def body(schema_ref: str, name: str = "parameters", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "body",
        "schema": {"$ref": f"#/definitions/{schema_ref}"},
        **extra,
    }


def build(
    tmp_path: Path,
    document: dict[str, Any],
    operation_ids: Sequence[str] | None = None,
) -> Api:
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    validate_spec(spec)
    return build_api(spec, operation_ids)


def build_error(
    tmp_path: Path,
    document: dict[str, Any],
    operation_ids: Sequence[str] | None = None,
    *,
    validate: bool = True,
) -> SpecError:
    """The SpecError of the model stage; loading (and validating) must succeed first.

    `validate=False` is for what the Swagger validator already refuses: the model stage
    must refuse it too, as it may be given a spec that was not validated.
    """
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    if validate:
        validate_spec(spec)
    with pytest.raises(SpecError) as caught:
        build_api(spec, operation_ids)
    return caught.value


def only_operation(api: Api) -> Operation:
    assert len(api.operations) == 1
    return api.operations[0]


def assert_error(error: SpecError, pointer: str, *reason_parts: str) -> None:
    assert error.pointer == pointer, (error.pointer, pointer)
    assert f"spec.yaml#{pointer}:" in str(error)
    for part in reason_parts:
        assert part in error.reason, (part, error.reason)


def act_spec(
    parameters: Sequence[dict[str, Any]] = (),
    definitions: dict[str, Any] | None = None,
    global_parameters: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return spec_document(
        {f"{THING_PATH}/act": {"post": operation("Things_Act", parameters, **extra)}},
        definitions,
        global_parameters,
    )


ACT_POINTER = "/paths/" + f"{THING_PATH}/act".replace("/", "~1") + "/post"
