"""A small spec of its own for what the reference client (Deallocate) cannot show: names the spec
constrains, a POST not declared idempotent, a GET with a result and a long-running PUT with one.

`generate_widgets(folder)` generates and imports its client (package WIDGETS) for the tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.helpers import SUBSCRIPTION
from tests.helpers.packages import generated_package, write_json

WIDGETS = "armgen_fault_widgets"
RG = "rg-web"
WIDGET = "blue-1"
WIDGET_PATH = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{RG}/providers/Contoso.Widgets"
    f"/widgets/{WIDGET}"
)
RESTART_PATH = f"{WIDGET_PATH}/restart"
API_VERSION = "2024-01-01"


def _string(description: str, **rules: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **rules}


def _path(name: str, description: str, **rules: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        **_string(description, **rules),
    }


_PATH_PARAMETERS = [
    _path("subscriptionId", "Subscription."),
    # The pattern ARM uses for resource group names.
    _path(
        "resourceGroupName",
        "Resource group.",
        minLength=1,
        maxLength=90,
        pattern=r"^[-\w\._\(\)]+$",
    ),
    _path(
        "widgetName",
        "Widget name.",
        minLength=3,
        maxLength=12,
        pattern="^[a-z][a-z0-9-]*$",
    ),
    {"name": "api-version", "in": "query", "required": True, **_string("API version.")},
]
_ERROR = {"description": "Error.", "schema": {"$ref": "#/definitions/CloudError"}}
_WIDGET = {"$ref": "#/definitions/Widget"}

WIDGET_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {
        "title": "WidgetClient",
        "description": "Widgets whose names the spec constrains.",
        "version": API_VERSION,
    },
    "host": "management.azure.com",
    "schemes": ["https"],
    "consumes": ["application/json"],
    "produces": ["application/json"],
    "security": [{"azure_auth": ["user_impersonation"]}],
    "securityDefinitions": {
        "azure_auth": {
            "type": "oauth2",
            "flow": "implicit",
            "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
            "description": "Microsoft Entra ID.",
            "scopes": {"user_impersonation": "Act on behalf of the signed-in user."},
        }
    },
    "paths": {
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers"
        "/Contoso.Widgets/widgets/{widgetName}/restart": {
            "post": {
                "operationId": "Widgets_Restart",
                "description": "Restart a widget (not declared idempotent).",
                "parameters": _PATH_PARAMETERS,
                "responses": {"200": {"description": "Restarted."}, "default": _ERROR},
            }
        },
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers"
        "/Contoso.Widgets/widgets/{widgetName}": {
            "get": {
                "operationId": "Widgets_Get",
                "description": "Get a widget.",
                "parameters": _PATH_PARAMETERS,
                "responses": {
                    "200": {"description": "The widget.", "schema": _WIDGET},
                    "default": _ERROR,
                },
            },
            "put": {
                "operationId": "Widgets_Create",
                "description": "Create a widget.",
                "x-ms-long-running-operation": True,
                "parameters": [
                    *_PATH_PARAMETERS,
                    {
                        "name": "widget",
                        "in": "body",
                        "required": True,
                        "description": "The widget.",
                        "schema": _WIDGET,
                    },
                ],
                "responses": {
                    "200": {"description": "Updated.", "schema": _WIDGET},
                    "201": {"description": "Created.", "schema": _WIDGET},
                    "default": _ERROR,
                },
            },
        },
    },
    "definitions": {
        "CloudError": {
            "type": "object",
            "description": "Error body.",
            "properties": {
                "error": {
                    "type": "object",
                    "description": "The error.",
                    "properties": {
                        "code": _string("Code."),
                        "message": _string("Message."),
                    },
                }
            },
        },
        "Widget": {
            "type": "object",
            "description": "A widget.",
            "properties": {
                "id": _string("Resource ID.", readOnly=True),
                "name": _string("Name."),
                "properties": {"$ref": "#/definitions/WidgetProperties"},
            },
        },
        "WidgetProperties": {
            "type": "object",
            "description": "What a widget is.",
            "properties": {
                "provisioningState": _string("Provisioning state.", readOnly=True),
                "size": {"type": "integer", "description": "Size."},
            },
        },
    },
}


def widget_json(state: str = "Succeeded", size: int = 3) -> dict[str, Any]:
    return {
        "id": WIDGET_PATH,
        "name": WIDGET,
        "properties": {"provisioningState": state, "size": size},
    }


@contextmanager
def generate_widgets(folder: Path) -> Iterator[ModuleType]:
    """The client generated from WIDGET_SPEC into `folder`, imported; forgotten afterwards."""
    spec = write_json(folder / "widgets.json", WIDGET_SPEC)
    with generated_package(spec, WIDGETS, folder / "out") as package:
        importlib.import_module(f"{WIDGETS}.aio")
        yield package


def restart(
    widgets: ModuleType,
    endpoint: str,
    credential: Any,
    resource_group: str = RG,
    widget: str = WIDGET,
) -> None:
    """Widgets_Restart through the test-only http switch."""
    with widgets.WidgetClient(credential, endpoint=endpoint) as client:
        client.widgets.restart(
            SUBSCRIPTION, resource_group, widget, API_VERSION, enforce_https=False
        )
