"""A client whose every parameter and property is named after a builtin or a name the generated
code uses still builds the right requests and reads the right models.

The spec names path, query, header, flattened-body and client parameters, and the properties of
a response model, after every lower-case builtin and every name of generator/model/reserved.py
(`str`, `list`, `quote`, `body`, `self`, `url_template`, `polling`, `classmethod`, ...), through
`x-ms-client-name` so that the wire names stay distinct. The generated package is imported and
every operation called, sync and async, against a local server that records what it is sent.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest

from generator.model import Api, Location, Operation, Parameter
from generator.model.reserved import (
    CLIENT_MEMBER_RESERVED,
    CLIENT_MODULE_NAMES,
    CLIENT_RESERVED,
    GROUP_METHOD_RESERVED,
    METHOD_LOCALS,
    METHOD_RESERVED,
    MODEL_RESERVED,
)
from generator.naming import PYTHON_BUILTINS, snake_case
from generator.pipeline import load_api
from tests.helpers import FakeCredential
from tests.helpers.packages import generated_package, write_json
from tests.helpers.server import AsyncCredential, FaultyServer, Reply

PACKAGE = "armgen_every_name"
METHOD_NAMES_TRIED = CLIENT_MEMBER_RESERVED | GROUP_METHOD_RESERVED
"""Names an operation group's methods are given: the group keeps a builtin such as `list`
(its annotations then write `_builtins.list`) and pads the names its signatures read."""
API_VERSION = "2024-01-01"
NAMES = sorted(
    name
    for name in PYTHON_BUILTINS
    | METHOD_RESERVED
    | CLIENT_RESERVED
    | MODEL_RESERVED
    | METHOD_NAMES_TRIED
    if snake_case(name) == name
)
"""Every name a parameter or property could otherwise be given that the code uses."""
CHUNK = 40
"""Parameters per operation: http.server refuses a request with more than 100 headers."""
CHUNKS = [NAMES[i : i + CHUNK] for i in range(0, len(NAMES), CHUNK)]
LONG_RUNNING_NAMES = sorted(METHOD_LOCALS | CLIENT_MODULE_NAMES)
PROPERTY_TYPES: list[tuple[dict[str, Any], Any]] = [
    ({"type": "string"}, "text"),
    ({"type": "integer"}, 7),
    ({"type": "boolean"}, True),
    ({"type": "number"}, 1.5),
    ({"type": "array", "items": {"type": "string"}}, ["a", "b"]),
    ({"type": "string", "format": "date-time"}, "2024-01-02T03:04:05Z"),
    ({"type": "object", "additionalProperties": {"type": "string"}}, {"k": "v"}),
]
"""A property type and a wire value of it, given to the model's properties in turn."""
PARAMETER_TYPES: list[tuple[dict[str, Any], Any, str]] = [
    ({"type": "string"}, "text", "text"),
    ({"type": "integer"}, 7, "7"),
    ({"type": "boolean"}, True, "true"),
    ({"type": "array", "items": {"type": "string"}}, ["a", "b"], "a,b"),
]
"""A query, header or body parameter's type, a value of it and how it is sent in a URL or
header, in turn: `str(...)`, `list(...)` and `",".join(...)` must reach the builtins."""


def typed(name: str) -> dict[str, Any]:
    return PARAMETER_TYPES[NAMES.index(name) % len(PARAMETER_TYPES)][0]


def python_value(name: str) -> Any:
    return PARAMETER_TYPES[NAMES.index(name) % len(PARAMETER_TYPES)][1]


def sent_value(name: str) -> str:
    return PARAMETER_TYPES[NAMES.index(name) % len(PARAMETER_TYPES)][2]


def _named(name: str, location: str, wire: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": wire,
        "in": location,
        "type": "string",
        "x-ms-client-name": name,
        **extra,
    }


def _typed(name: str, location: str, wire: str) -> dict[str, Any]:
    return {**_named(name, location, wire), **typed(name)}


def _get(op_id: str, parameters: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "parameters": [{"$ref": "#/parameters/ApiVersion"}, *parameters],
        "responses": {"200": {"description": "OK."}},
        **extra,
    }


def every_name_spec() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/client": {
            "get": _get(
                "Names_Client", [{"$ref": f"#/parameters/C_{n}"} for n in NAMES]
            )
        },
        "/long": {
            "post": _get(
                "Names_Long",
                [_named(n, "query", f"l-{n}") for n in LONG_RUNNING_NAMES],
                **{"x-ms-long-running-operation": True},
            )
        },
        **{
            f"/method/{name}": {"get": _get(f"Names_{name.title()}", [])}
            for name in sorted(METHOD_NAMES_TRIED)
        },
        "/model": {
            "get": {
                **_get("Names_Model", []),
                "responses": {
                    "200": {
                        "description": "OK.",
                        "schema": {"$ref": "#/definitions/Everything"},
                    }
                },
            }
        },
    }
    definitions: dict[str, Any] = {
        "Everything": {
            "type": "object",
            "properties": {
                name: PROPERTY_TYPES[index % len(PROPERTY_TYPES)][0]
                for index, name in enumerate(NAMES)
            },
        }
    }
    for index, chunk in enumerate(CHUNKS):
        placeholders = "/".join(f"{{p-{n}}}" for n in chunk)
        paths[f"/path{index}/{placeholders}"] = {
            "get": _get(
                f"Names_Path{index}",
                [_named(n, "path", f"p-{n}", required=True) for n in chunk],
            )
        }
        paths[f"/query{index}"] = {
            "get": _get(
                f"Names_Query{index}", [_typed(n, "query", f"q-{n}") for n in chunk]
            )
        }
        paths[f"/header{index}"] = {
            "get": _get(
                f"Names_Header{index}", [_typed(n, "header", f"x-h-{n}") for n in chunk]
            )
        }
        body = {
            "name": "body",
            "in": "body",
            "required": True,
            "x-ms-client-flatten": True,
            "schema": {"$ref": f"#/definitions/Body{index}"},
        }
        paths[f"/body{index}"] = {"post": _get(f"Names_Body{index}", [body])}
        definitions[f"Body{index}"] = {
            "type": "object",
            "required": chunk,
            "properties": {n: typed(n) for n in chunk},
        }
    return {
        "swagger": "2.0",
        "info": {"title": "Names", "version": API_VERSION},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": paths,
        "parameters": {
            "ApiVersion": _named("api_version", "query", "api-version", required=True),
            **{f"C_{n}": _named(n, "query", f"c-{n}", required=True) for n in NAMES},
        },
        "definitions": definitions,
    }


# --- the generated package --------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Api, ModuleType]]:
    root = tmp_path_factory.mktemp("every-name")
    spec = write_json(root / "spec.json", every_name_spec())
    with generated_package(spec, PACKAGE, root / "out") as package:
        yield load_api(spec), package


def value_of(wire: str) -> str:
    return f"v.{wire}"


def parameter_value(parameter: Parameter) -> tuple[Any, str]:
    """What the test passes for a parameter, and how it must be sent: a typed value for the
    typed query and header parameters (`q-str`, `x-h-str`), else a string made of its name.
    """
    prefix, _, name = parameter.wire_name.rpartition("-")
    if prefix in ("q", "x-h"):
        return python_value(name), sent_value(name)
    return value_of(parameter.wire_name), value_of(parameter.wire_name)


def arguments(operation: Operation) -> dict[str, Any]:
    """A value for every argument of the method, by its Python name."""
    values = {p.python_name: parameter_value(p)[0] for p in operation.method_parameters}
    if operation.body is not None:
        values |= {
            name: python_value(prop.wire_name)
            for prop, name in zip(
                operation.body.flattened,
                operation.body.flattened_arguments,
                strict=True,
            )
        }
    return values


def expected_request(
    operation: Operation,
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The path, query and headers the operation must send."""
    path = operation.path
    query = {"api-version": API_VERSION}
    headers = {}
    for parameter in operation.parameters:
        value = parameter_value(parameter)[1]
        if parameter.location is Location.PATH:
            path = path.replace("{" + parameter.wire_name + "}", value)
        elif (
            parameter.location is Location.QUERY
            and parameter.wire_name != "api-version"
        ):
            query[parameter.wire_name] = value
        elif parameter.location is Location.HEADER:
            headers[parameter.wire_name.lower()] = value
    return path, query, headers


def script(server: FaultyServer, api: Api) -> None:
    model = {
        name: PROPERTY_TYPES[index % len(PROPERTY_TYPES)][1]
        for index, name in enumerate(NAMES)
    }
    for operation in api.operations:
        path = expected_request(operation)[0]
        body = model if operation.operation_id == "Names_Model" else b""
        server.script(operation.http_method, path, Reply(200, body=body))


def check_requests(server: FaultyServer, api: Api) -> None:
    server.assert_all_played()
    assert len(server.seen) == len(api.operations)
    for operation in api.operations:
        path, query, headers = expected_request(operation)
        [seen] = server.requests(operation.http_method, path)
        assert dict(parse_qsl(seen.query)) == query, operation.operation_id
        assert {k: seen.headers.get(k) for k in headers} == headers
        if operation.body is not None:
            sent = json.loads(seen.body)
            flattened = operation.body.flattened
            assert sent == {p.wire_name: python_value(p.wire_name) for p in flattened}


def check_model(result: Any, api: Api) -> None:
    [everything] = [m for m in api.models if m.name == "Everything"]
    for index, prop in enumerate(everything.properties):
        wire_value = PROPERTY_TYPES[index % len(PROPERTY_TYPES)][1]
        value = getattr(result, prop.python_name)
        if hasattr(value, "isoformat"):  # a datetime: the client writes UTC as `Z`
            value = value.isoformat().replace("+00:00", "Z")
        assert value == wire_value
    assert result.to_dict() == type(result).from_dict(result.to_dict()).to_dict()
    assert result.to_dict() == {
        name: PROPERTY_TYPES[index % len(PROPERTY_TYPES)][1]
        for index, name in enumerate(NAMES)
    }


def client_arguments(api: Api) -> dict[str, str]:
    return {
        p.python_name: value_of(p.wire_name)
        for p in api.client_parameters
        if p.wire_name != "api-version"
    }


def test_every_name_is_kept_out_of_the_generated_codes_way(
    generated: tuple[Api, ModuleType],
) -> None:
    api, _ = generated
    for operation in api.operations:
        assert set(arguments(operation)).isdisjoint(METHOD_RESERVED)
    assert set(client_arguments(api)).isdisjoint(CLIENT_RESERVED)
    [everything] = [m for m in api.models if m.name == "Everything"]
    assert {p.python_name for p in everything.properties}.isdisjoint(MODEL_RESERVED)
    methods = {operation.method_name for operation in api.operations}
    assert methods.isdisjoint(GROUP_METHOD_RESERVED)
    assert {"list", "str_", "close", "datetime"} <= methods
    assert len(api.operations) == 3 + 4 * len(CHUNKS) + len(METHOD_NAMES_TRIED)


def test_the_package_passes_mypy_strict(generated: tuple[Api, ModuleType]) -> None:
    """Its class bodies' annotations still mean the builtins (a method `list` would not)."""
    _, package = generated
    root = Path(package.__file__ or "").parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_name_sync(generated: tuple[Api, ModuleType]) -> None:
    api, package = generated
    server = FaultyServer()
    try:
        script(server, api)
        with package.NamesClient(
            FakeCredential(), endpoint=server.url, **client_arguments(api)
        ) as client:
            for operation in api.operations:
                method = getattr(
                    getattr(client, operation.group_attribute), operation.method_name
                )
                result = method(**arguments(operation), enforce_https=False)
                if operation.long_running is not None:
                    result = result.result()
                if operation.operation_id == "Names_Model":
                    check_model(result, api)
                else:
                    assert result is None
        check_requests(server, api)
    finally:
        server.stop()


def test_every_name_async(generated: tuple[Api, ModuleType]) -> None:
    api, _ = generated
    aio = importlib.import_module(f"{PACKAGE}.aio")
    server = FaultyServer()

    async def call_all() -> None:
        async with aio.NamesClient(
            AsyncCredential(), endpoint=server.url, **client_arguments(api)
        ) as client:
            for operation in api.operations:
                method = getattr(
                    getattr(client, operation.group_attribute), operation.method_name
                )
                result = await method(**arguments(operation), enforce_https=False)
                if operation.long_running is not None:
                    result = await result.result()
                if operation.operation_id == "Names_Model":
                    check_model(result, api)
                else:
                    assert result is None

    try:
        script(server, api)
        asyncio.run(call_all())
        check_requests(server, api)
    finally:
        server.stop()
