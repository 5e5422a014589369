"""Small Widgets specs for the `diff` tests, and the diff of two of them written to files.

`base_spec()` is a PUT and GET sharing a path and a long-running POST with query options; each
test changes one thing in a copy. OLD is written as YAML and NEW as JSON, so that reformatting
is exercised everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.diff import ApiDiff, Change, ChangeKind, diff_specs
from tests.helpers import write_spec

WIDGET = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
    "/providers/Microsoft.Test/widgets/{widgetName}"
)
RESTART = WIDGET + "/restart"
SUBSCRIPTION = {"$ref": "#/parameters/SubscriptionIdParameter"}
API_VERSION = {"$ref": "#/parameters/ApiVersionParameter"}
GROUP = {"name": "resourceGroupName", "in": "path", "required": True, "type": "string"}
NAME = {"name": "widgetName", "in": "path", "required": True, "type": "string"}
ERROR = {"description": "Error", "schema": {"$ref": "#/definitions/CloudError"}}


def base_spec() -> dict[str, Any]:
    """Widgets: a PUT and GET sharing a path, and a long-running POST with query options."""
    widget = {"$ref": "#/definitions/Widget"}
    return {
        "swagger": "2.0",
        "info": {"title": "Widgets", "version": "2024-01-01"},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {
            WIDGET: {
                "put": {
                    "operationId": "Widgets_CreateOrUpdate",
                    "parameters": [
                        SUBSCRIPTION,
                        GROUP,
                        NAME,
                        API_VERSION,
                        {
                            "name": "widget",
                            "in": "body",
                            "required": True,
                            "schema": widget,
                        },
                    ],
                    "responses": {
                        "200": {"description": "OK", "schema": widget},
                        "201": {"description": "Created", "schema": widget},
                        "default": ERROR,
                    },
                },
                "get": {
                    "operationId": "Widgets_Get",
                    "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
                    "responses": {
                        "200": {"description": "OK", "schema": widget},
                        "default": ERROR,
                    },
                },
            },
            RESTART: {
                "post": {
                    "operationId": "Widgets_Restart",
                    "parameters": [
                        SUBSCRIPTION,
                        GROUP,
                        NAME,
                        {"name": "force", "in": "query", "type": "boolean"},
                        {
                            "name": "mode",
                            "in": "query",
                            "type": "string",
                            "enum": ["soft", "hard"],
                            "x-ms-enum": {
                                "name": "RestartMode",
                                "modelAsString": False,
                            },
                            "default": "soft",
                        },
                        {
                            "name": "count",
                            "in": "query",
                            "type": "integer",
                            "format": "int32",
                            "maximum": 10,
                        },
                        API_VERSION,
                        {
                            "name": "options",
                            "in": "body",
                            "schema": {"$ref": "#/definitions/RestartOptions"},
                        },
                    ],
                    "responses": {
                        "200": {"description": "OK"},
                        "202": {
                            "description": "Accepted",
                            "headers": {"Location": {"type": "string"}},
                        },
                        "default": ERROR,
                    },
                    "x-ms-long-running-operation": True,
                },
            },
        },
        "parameters": {
            "SubscriptionIdParameter": {
                "name": "subscriptionId",
                "in": "path",
                "required": True,
                "type": "string",
            },
            "ApiVersionParameter": {
                "name": "api-version",
                "in": "query",
                "required": True,
                "type": "string",
            },
        },
        "definitions": {
            "Widget": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "name": {"type": "string"},
                    "properties": {"$ref": "#/definitions/WidgetProperties"},
                    "tags": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                    },
                },
            },
            "WidgetProperties": {
                "type": "object",
                "properties": {
                    "size": {
                        "type": "string",
                        "enum": ["Small", "Large"],
                        "x-ms-enum": {"name": "WidgetSize", "modelAsString": True},
                    },
                    "weight": {"type": "integer", "format": "int32"},
                },
            },
            "RestartOptions": {
                "type": "object",
                "properties": {"delaySeconds": {"type": "integer"}},
            },
            "CloudError": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    }


def new_version(spec: dict[str, Any], version: str = "2024-06-01") -> dict[str, Any]:
    spec["info"]["version"] = version
    return spec


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    result: dict[str, Any] = spec["paths"][path][method]
    return result


def parameter(
    spec: dict[str, Any], path: str, method: str, name: str
) -> dict[str, Any]:
    return next(
        p for p in operation(spec, path, method)["parameters"] if p.get("name") == name
    )


def diff_files(
    folder: Path,
    old: dict[str, Any],
    new: dict[str, Any],
    operations: list[str] | None = None,
    *,
    same_version: bool = False,
) -> ApiDiff:
    """Diff OLD (YAML) against NEW (JSON), both written under `folder`; `same_version` keeps
    NEW's api-version as OLD's."""
    if not same_version and new["info"]["version"] == old["info"]["version"]:
        new_version(new)
    old_file = write_spec(folder / "old" / "widgets.yaml", old)
    new_file = write_spec(folder / "new" / "widgets.json", new)
    return diff_specs(str(old_file), str(new_file), operations)


def changes_without_version(result: ApiDiff) -> list[Change]:
    return [c for c in result.changes if c.kind is not ChangeKind.API_VERSION_CHANGED]


def the_change(result: ApiDiff) -> Change:
    """The one change besides the api-version's."""
    found = changes_without_version(result)
    assert len(found) == 1, [(c.kind.value, c.location) for c in found]
    return found[0]


def summary(change: Change) -> tuple[str, str, int | None, str]:
    return change.kind.value, change.severity.value, change.rule_id, change.location
