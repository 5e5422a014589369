"""The Pets spec: polymorphic models as Azure writes them (`discriminator`, `allOf` subclasses,
`x-ms-discriminator-value`), two levels deep, a subclass that declares a discriminator of its
own, and the base used at the top level, nested, in arrays and in dicts; and a client generated
from it for the round-trip tests."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.helpers.packages import generated_package, write_json

PETS = "armgen_pets"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/definitions/{name}"}


def _get(op_id: str, path: str, result: str, *parameters: Any) -> dict[str, Any]:
    return {
        path: {
            "put" if parameters else "get": {
                "operationId": op_id,
                "parameters": list(parameters),
                "responses": {"200": {"description": "OK.", "schema": _ref(result)}},
            }
        }
    }


SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Pets", "version": "2025-01-01"},
    "host": "management.azure.com",
    "schemes": ["https"],
    "paths": {
        **_get("Shelters_Get", "/shelter", "Shelter"),
        **_get(
            "Pets_Put",
            "/pet",
            "Pet",
            {"name": "pet", "in": "body", "required": True, "schema": _ref("Pet")},
        ),
        **_get("Vehicles_Get", "/vehicle", "Vehicle"),
    },
    "definitions": {
        "Pet": {
            "type": "object",
            "description": "A pet; `kind` says which.",
            "discriminator": "kind",
            "required": ["kind", "name"],
            "properties": {
                "kind": {"type": "string"},
                "name": {"type": "string"},
                "friends": {"type": "array", "items": _ref("Pet")},
            },
        },
        "Cat": {
            "allOf": [_ref("Pet")],
            "properties": {"meows": {"type": "boolean"}},
        },
        "Dog": {
            "allOf": [_ref("Pet")],
            "x-ms-discriminator-value": "doggo",
            "properties": {"bark": {"type": "string"}},
        },
        "Puppy": {
            "allOf": [_ref("Dog")],
            "properties": {"born": {"type": "string", "format": "date-time"}},
        },
        "Shelter": {
            "type": "object",
            "properties": {
                "resident": _ref("Pet"),
                "pets": {"type": "array", "items": _ref("Pet")},
                "byName": {"type": "object", "additionalProperties": _ref("Pet")},
                "dogs": {"type": "array", "items": _ref("Dog")},
            },
        },
        "Vehicle": {
            "type": "object",
            "discriminator": "type",
            "required": ["type"],
            "properties": {"type": {"type": "string"}, "wheels": {"type": "integer"}},
        },
        "Car": {
            "allOf": [_ref("Vehicle")],
            "discriminator": "fuel",
            "required": ["fuel"],
            "properties": {"fuel": {"type": "string"}},
        },
        "Electric": {
            "allOf": [_ref("Car")],
            "x-ms-discriminator-value": "electric",
            "properties": {"range": {"type": "integer"}},
        },
    },
}
"""Pet <- Cat, Dog ("doggo") <- Puppy; Vehicle(type) <- Car(fuel) <- Electric."""


def pets_spec() -> dict[str, Any]:
    return copy.deepcopy(SPEC)


@contextlib.contextmanager
def generated_pets(
    root: Path, spec: dict[str, Any] | None = None, package: str = PETS
) -> Iterator[ModuleType]:
    """Generate the Pets client (or `spec`'s) as `package` under `root`, import it, and
    forget it afterwards."""
    spec_file = write_json(root / "pets.json", spec or SPEC)
    with generated_package(spec_file, package, root / "out") as generated:
        yield generated
