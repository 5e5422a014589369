"""The Vaults spec: what real ARM files declare of their properties (extensible and sealed enums,
`readOnly`, `x-ms-secret`, `x-ms-mutability`, `additionalProperties` beside named properties,
`x-nullable`) and a constant query parameter, with a client generated from it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.helpers.packages import generated_package, write_json

VAULTS = "armgen_vaults"
API_VERSION = "2025-02-01"
VAULT_PATH = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
    "/providers/Microsoft.KeyVault/vaults/{vaultName}"
)
ERROR = {"description": "Failed.", "schema": {"$ref": "#/definitions/CloudError"}}
VAULT = {"$ref": "#/definitions/Vault"}


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "type": "string"}


PARAMETERS = [
    {"$ref": "#/parameters/Subscription"},
    _path("resourceGroupName"),
    _path("vaultName"),
    {"$ref": "#/parameters/ApiVersion"},
]

SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "VaultManagementClient", "version": API_VERSION},
    "host": "management.azure.com",
    "schemes": ["https"],
    "parameters": {
        "Subscription": _path("subscriptionId"),
        "ApiVersion": {
            "name": "api-version",
            "in": "query",
            "required": True,
            "type": "string",
        },
    },
    "paths": {
        VAULT_PATH: {
            "get": {
                "operationId": "Vaults_Get",
                "parameters": [
                    *PARAMETERS,
                    {
                        "name": "$expand",
                        "in": "query",
                        "required": True,
                        "type": "string",
                        "enum": ["properties"],
                    },
                ],
                "responses": {
                    "200": {"description": "OK.", "schema": VAULT},
                    "default": ERROR,
                },
            },
            "put": {
                "operationId": "Vaults_CreateOrUpdate",
                "parameters": [
                    *PARAMETERS,
                    {
                        "name": "parameters",
                        "in": "body",
                        "required": True,
                        "schema": VAULT,
                    },
                ],
                "responses": {
                    "200": {"description": "OK.", "schema": VAULT},
                    "default": ERROR,
                },
            },
        }
    },
    "definitions": {
        "Vault": {
            "properties": {
                "id": {"type": "string", "readOnly": True},
                "name": {"type": "string", "readOnly": True},
                "location": {"type": "string", "x-ms-mutability": ["create", "read"]},
                "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                "properties": {"$ref": "#/definitions/VaultProperties"},
            },
            "required": ["location"],
        },
        "VaultProperties": {
            "properties": {
                "sku": {
                    "type": "string",
                    "enum": ["standard", "premium"],
                    "x-ms-enum": {"name": "SkuName", "modelAsString": True},
                },
                "createMode": {
                    "type": "string",
                    "enum": ["recover", "default"],
                    "x-ms-enum": {"name": "CreateMode", "modelAsString": False},
                },
                "provisioningState": {
                    "type": "string",
                    "readOnly": True,
                    "enum": ["Succeeded", "RegisteringDns"],
                    "x-ms-enum": {"name": "ProvisioningState", "modelAsString": True},
                },
                "vaultUri": {"type": "string"},
                "hsmPoolResourceId": {
                    "type": "string",
                    "x-ms-mutability": ["read"],
                },
                "accessKey": {"type": "string", "x-ms-secret": True},
                "deletedAt": {
                    "type": "string",
                    "format": "date-time",
                    "x-nullable": True,
                },
                "purgeProtection": {"type": "boolean", "x-nullable": True},
                "network": {"$ref": "#/definitions/NetworkRules"},
            },
            "required": ["purgeProtection"],
        },
        "NetworkRules": {
            "type": "object",
            "properties": {"defaultAction": {"type": "string"}},
            "additionalProperties": {"type": "integer"},
        },
        "CloudError": {
            "x-ms-external": True,
            "properties": {"error": {"$ref": "#/definitions/CloudErrorBody"}},
        },
        "CloudErrorBody": {
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
            }
        },
    },
}


@contextlib.contextmanager
def generated_vaults(root: Path) -> Iterator[ModuleType]:
    """Generate the Vaults client under `root`, import it, and forget it afterwards."""
    spec = write_json(root / "vaults.json", SPEC)
    with generated_package(spec, VAULTS, root / "out") as package:
        yield package
