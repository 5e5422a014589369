"""The spec of the injection tests: every spec-controlled string slot (`Slots`), the spec built
from them, and generating, loading and rendering it in memory, with the plain baseline.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from generator.errors import escape_pointer_token
from generator.model import Api, Operation
from generator.pipeline import GenerateOptions, generate_files, load_api
from generator.render import render_package

if sys.version_info >= (3, 11):
    pass
else:  # black, a dependency, brings tomli on Python 3.10
    pass


PACKAGE = "pkg"
SPEC_NAME = "spec.json"

# --- the spec -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slots:
    """Every string of the spec that reaches the output, one field per slot."""

    title: str = "Things"
    description: str = "Manage things."
    version: str = "2024-01-01"
    post_id: str = "Poke"
    post_summary: str = "Poke a thing."
    post_description: str = "Pokes a thing, gently."
    get_id: str = "Get"
    get_summary: str = "Get a thing."
    get_description: str = "Gets a thing."
    path_param: str = "thingName"
    path_description: str = "Name of the thing."
    literal: str = "poke"
    query_name: str = "mode"
    query_description: str = "How to poke."
    query_values: tuple[str, str] = ("Fast", "Slow")
    query_default: int = 0
    query_enum_name: str = "PokeMode"
    header_name: str = "x-ms-tag"
    header_description: str = "A tag for the request."
    body_name: str = "pokeRequest"
    body_description: str = "What to poke."
    sentinel_name: str = "ALL_THINGS"
    sentinel_description: str = "Poke every thing."
    body_model: str = "PokeRequest"
    body_model_description: str = "The things to poke."
    body_property: str = "targetIds"
    body_property_description: str = "IDs of the things to poke."
    client_name: str = "targets"
    ok_description: str = "Poked."
    accepted_description: str = "Accepted."
    location_header: str = "Location"
    location_description: str = "Where to poll."
    error_description: str = "Failed."
    final_state: str = "location"
    result_model: str = "Thing"
    result_model_description: str = "A thing."
    result_property: str = "displayName"
    result_property_description: str = "Its name."
    enum_property: str = "state"
    enum_property_description: str = "Its state."
    property_values: tuple[str, str] = ("On", "Off")
    property_enum_name: str = "ThingState"
    cloud_error_description: str = "The error body."
    error_property_description: str = "More detail."


BASELINE = Slots()


def definition_ref(name: str) -> str:
    """A `$ref` to a definition: JSON-pointer escaped, then percent-encoded as a URI fragment."""
    return "#/definitions/" + quote(escape_pointer_token(name), safe="")


def build_spec(s: Slots) -> dict[str, Any]:
    """The ARM-like spec: a long-running POST with path, query (enum, default), header and a
    flattened body with an omit sentinel; a GET returning a model with an enum property;
    CloudError as the default response of both."""
    item = f"/subscriptions/{{subscriptionId}}/things/{{{s.path_param}}}"
    path_parameter = {
        "name": s.path_param,
        "in": "path",
        "required": True,
        "type": "string",
        "description": s.path_description,
    }
    client_parameters = [
        {"$ref": "#/parameters/SubscriptionIdParameter"},
        {"$ref": "#/parameters/ApiVersionParameter"},
    ]
    error = {
        "description": s.error_description,
        "schema": {"$ref": "#/definitions/CloudError"},
    }
    post = {
        "operationId": "Things_" + s.post_id,
        "summary": s.post_summary,
        "description": s.post_description,
        "parameters": [
            *client_parameters,
            path_parameter,
            {
                "name": s.query_name,
                "in": "query",
                "required": False,
                "type": "string",
                "enum": list(s.query_values),
                "default": s.query_values[s.query_default],
                "description": s.query_description,
                "x-ms-enum": {"name": s.query_enum_name, "modelAsString": True},
            },
            {
                "name": s.header_name,
                "in": "header",
                "required": False,
                "type": "string",
                "description": s.header_description,
            },
            {
                "name": s.body_name,
                "in": "body",
                "required": False,
                "description": s.body_description,
                "x-ms-client-flatten": True,
                "x-armgen-omit-sentinel": {
                    "name": s.sentinel_name,
                    "description": s.sentinel_description,
                },
                "schema": {"$ref": definition_ref(s.body_model)},
            },
        ],
        "responses": {
            "200": {"description": s.ok_description},
            "202": {
                "description": s.accepted_description,
                "headers": {
                    s.location_header: {
                        "type": "string",
                        "description": s.location_description,
                    }
                },
            },
            "default": error,
        },
        "x-ms-long-running-operation": True,
        "x-ms-long-running-operation-options": {"final-state-via": s.final_state},
    }
    get = {
        "operationId": "Things_" + s.get_id,
        "summary": s.get_summary,
        "description": s.get_description,
        "parameters": [*client_parameters, path_parameter],
        "responses": {
            "200": {
                "description": s.ok_description,
                "schema": {"$ref": definition_ref(s.result_model)},
            },
            "default": error,
        },
    }
    return {
        "swagger": "2.0",
        "info": {"title": s.title, "version": s.version, "description": s.description},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {f"{item}/{s.literal}": {"post": post}, item: {"get": get}},
        "parameters": {
            "SubscriptionIdParameter": {
                "name": "subscriptionId",
                "in": "path",
                "required": True,
                "type": "string",
                "description": "The subscription.",
            },
            "ApiVersionParameter": {
                "name": "api-version",
                "in": "query",
                "required": True,
                "type": "string",
                "description": "The API version.",
            },
        },
        "definitions": {
            s.body_model: {
                "type": "object",
                "description": s.body_model_description,
                "properties": {
                    s.body_property: {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": s.body_property_description,
                        "x-ms-client-name": s.client_name,
                    }
                },
            },
            s.result_model: {
                "type": "object",
                "description": s.result_model_description,
                "required": [s.result_property],
                "properties": {
                    s.result_property: {
                        "type": "string",
                        "description": s.result_property_description,
                    },
                    s.enum_property: {
                        "type": "string",
                        "enum": list(s.property_values),
                        "description": s.enum_property_description,
                        "x-ms-enum": {"name": s.property_enum_name},
                    },
                },
            },
            "CloudError": {
                "type": "object",
                "description": s.cloud_error_description,
                "properties": {"error": {"$ref": "#/definitions/ApiError"}},
            },
            "ApiError": {
                "type": "object",
                "properties": {
                    "detailText": {
                        "type": "string",
                        "description": s.error_property_description,
                    },
                    "code": {"type": "string", "description": s.error_description},
                    "message": {"type": "string"},
                    "target": {"type": "string"},
                },
            },
        },
    }


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


@dataclass(frozen=True)
class Generated:
    files: dict[PurePosixPath, str]
    api: Api


def generate(slots: Slots) -> Generated:
    """Generate from the spec of `slots`, written as JSON under a fixed name, so that the
    file headers (which name the spec) are the same for every example."""
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        options = GenerateOptions(spec=Path(SPEC_NAME), package_name=PACKAGE)
        files = dict(generate_files(options).files)
        return Generated(files, load_api(options.spec))


def load(slots: Slots) -> Api:
    """The API model of the spec of `slots`, without rendering anything."""
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        return load_api(Path(SPEC_NAME))


def operation(api: Api, http_method: str) -> Operation:
    return next(op for op in api.operations if op.http_method == http_method)


def render(slots: Slots) -> Generated:
    """The spec of `slots` loaded, validated, modelled and rendered, but not formatted: the
    checks read syntax trees, which black leaves as they are, and black is most of the cost.
    """
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        api = load_api(Path(SPEC_NAME))
        return Generated(render_package(api, PACKAGE), api)


@cache
def baseline() -> Generated:
    return generate(BASELINE)


@cache
def rendered_baseline() -> Generated:
    return render(BASELINE)
