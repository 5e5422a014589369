"""The Gizmos spec: paged, paged long-running, HEAD, binary and scalar results, in one operation
group, and a client generated from it for the client tests (sync and async)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.helpers.packages import generated_package, write_json

GIZMOS = "armgen_gizmos"
API_VERSION = "2025-01-01"
BASE = "/subscriptions/{subscriptionId}/gizmos"
ERROR = {"description": "Failed.", "schema": {"$ref": "#/definitions/CloudError"}}


def _operation(
    op_id: str, result: Any, *parameters: Any, **extra: Any
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": {"description": "OK."}, "default": ERROR}
    if result is not None:
        responses["200"]["schema"] = result
    return {
        "operationId": op_id,
        "parameters": [
            {"$ref": "#/parameters/Subscription"},
            {"$ref": "#/parameters/ApiVersion"},
            *parameters,
        ],
        "responses": responses,
        **extra,
    }


NAME = {"name": "gizmoName", "in": "path", "required": True, "type": "string"}
PAGE = {"$ref": "#/definitions/GizmoList"}

SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "GizmoManagementClient", "version": API_VERSION},
    "host": "management.azure.com",
    "schemes": ["https"],
    "parameters": {
        "Subscription": {
            "name": "subscriptionId",
            "in": "path",
            "required": True,
            "type": "string",
        },
        "ApiVersion": {
            "name": "api-version",
            "in": "query",
            "required": True,
            "type": "string",
        },
    },
    "paths": {
        BASE: {
            "get": _operation(
                "Gizmos_List",
                PAGE,
                {"name": "$filter", "in": "query", "type": "string"},
                **{"x-ms-pageable": {"nextLinkName": "nextLink"}},
            )
        },
        BASE
        + "/all": {
            "get": _operation(
                "Gizmos_ListAll", PAGE, **{"x-ms-pageable": {"nextLinkName": None}}
            )
        },
        BASE
        + "/sweep": {
            "post": {
                **_operation(
                    "Gizmos_Sweep",
                    PAGE,
                    **{
                        "x-ms-pageable": {"nextLinkName": "nextLink"},
                        "x-ms-long-running-operation": True,
                    },
                ),
                "responses": {
                    "200": {"description": "OK.", "schema": PAGE},
                    "202": {"description": "Accepted."},
                    "default": ERROR,
                },
            }
        },
        BASE
        + "/{gizmoName}": {
            "head": {
                **_operation("Gizmos_Exists", None, NAME),
                "responses": {
                    "200": {"description": "There."},
                    "404": {"description": "Not there."},
                    "default": ERROR,
                },
            }
        },
        BASE
        + "/{gizmoName}/photo": {
            "get": _operation(
                "Gizmos_Photo", {"type": "string", "format": "binary"}, NAME
            )
        },
        BASE
        + "/{gizmoName}/tags": {
            "get": _operation(
                "Gizmos_Tags", {"type": "array", "items": {"type": "string"}}, NAME
            )
        },
        BASE
        + "/{gizmoName}/count": {
            "get": _operation("Gizmos_Count", {"type": "integer"}, NAME)
        },
        BASE
        + "/{gizmoName}/since": {
            "get": _operation(
                "Gizmos_Since", {"type": "string", "format": "date-time"}, NAME
            )
        },
        BASE
        + "/{gizmoName}/age": {
            "get": _operation(
                "Gizmos_Age", {"type": "string", "format": "duration"}, NAME
            )
        },
        BASE
        + "/{gizmoName}/sizes": {
            "get": _operation(
                "Gizmos_Sizes",
                {"type": "object", "additionalProperties": {"type": "integer"}},
                NAME,
            )
        },
        "/subscriptions/{subscriptionId}/ping": {
            "get": _operation("Ping", {"type": "boolean"})
        },
    },
    "definitions": {
        "Gizmo": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
        },
        "GizmoList": {
            "type": "object",
            "properties": {
                "value": {"type": "array", "items": {"$ref": "#/definitions/Gizmo"}},
                "nextLink": {"type": "string"},
            },
        },
        "CloudError": {
            "type": "object",
            "properties": {"error": {"$ref": "#/definitions/ApiError"}},
        },
        "ApiError": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}
"""Every result shape beside models: pages, pages after a long-running operation, HEAD as
bool, bytes, a list of strings, an integer, a date-time, a duration, a dict, a boolean from an
operation without a group."""


@contextlib.contextmanager
def generated_gizmos(root: Path) -> Iterator[ModuleType]:
    """Generate the Gizmos client under `root`, import it, and forget it afterwards."""
    spec = write_json(root / "gizmos.json", SPEC)
    with generated_package(spec, GIZMOS, root / "out") as package:
        yield package


def page(names: list[str], next_link: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"value": [{"name": name, "size": 1} for name in names]}
    if next_link is not None:
        body["nextLink"] = next_link
    return body
