"""A client generated from a spec whose responses are flagged `x-ms-error-response`, driven
against a local server: a flagged status raises the exception of its status with its own
model, even a 2xx (the flag is authoritative, as AutoRest reads it), and a body that is not
that model raises as a bad error body does, never another exception.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from tests.helpers import FakeCredential
from tests.helpers.packages import generated_package, write_json
from tests.helpers.server import AsyncCredential, FaultyServer, Reply, cloud_error

PROBLEM = {"$ref": "#/definitions/Problem"}
SPEC = {
    "swagger": "2.0",
    "info": {"title": "Flagged", "version": "2024-01-01"},
    "host": "management.azure.com",
    "schemes": ["http"],
    "paths": {
        "/things": {
            "get": {
                "operationId": "Things_Get",
                "responses": {
                    "200": {
                        "description": "OK",
                        "schema": {"$ref": "#/definitions/Thing"},
                    },
                    "201": {
                        "description": "A 2xx the service sends on failure",
                        "schema": PROBLEM,
                        "x-ms-error-response": True,
                    },
                    "404": {
                        "description": "Not found",
                        "schema": PROBLEM,
                        "x-ms-error-response": True,
                    },
                    "default": {
                        "description": "Error",
                        "schema": {"$ref": "#/definitions/ErrorResponse"},
                    },
                },
            }
        }
    },
    "definitions": {
        "Thing": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Problem": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}, "detail": {"type": "string"}},
        },
        "ErrorResponse": {
            "type": "object",
            "properties": {"error": {"$ref": "#/definitions/ErrorDetail"}},
        },
        "ErrorDetail": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}
PROBLEM_BODY = {"kind": "quota", "detail": "too many things"}


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root: Path = tmp_path_factory.mktemp("flagged")
    spec = write_json(root / "flagged.json", SPEC)
    with generated_package(spec, "armgen_flagged", root / "out") as package:
        yield package


def call_sync(package: ModuleType, server: FaultyServer) -> Any:
    with package.FlaggedClient(FakeCredential(), endpoint=server.url) as client:
        try:
            return client.things.get(enforce_https=False)
        except Exception as error:
            return error


def call_async(package: ModuleType, server: FaultyServer) -> Any:
    async def run() -> Any:
        client_class = importlib.import_module(f"{package.__name__}.aio").FlaggedClient
        async with client_class(AsyncCredential(), endpoint=server.url) as client:
            try:
                return await client.things.get(enforce_https=False)
            except Exception as error:
                return error

    return asyncio.run(run())


CALLS = {"sync": call_sync, "async": call_async}


def answer(
    flagged: ModuleType,
    make_server: Callable[[], FaultyServer],
    flavor: str,
    reply: Reply,
) -> Any:
    server = make_server()
    server.script("GET", "/things", reply)
    return CALLS[flavor](flagged, server)


@pytest.mark.parametrize("flavor", CALLS)
def test_the_success_status_returns_the_result(
    flagged: ModuleType, make_server: Callable[[], FaultyServer], flavor: str
) -> None:
    result = answer(flagged, make_server, flavor, Reply(200, body={"name": "a"}))
    assert type(result) is flagged.models.Thing and result.name == "a"


@pytest.mark.parametrize("flavor", CALLS)
def test_a_flagged_2xx_raises_with_its_model(
    flagged: ModuleType, make_server: Callable[[], FaultyServer], flavor: str
) -> None:
    error = answer(flagged, make_server, flavor, Reply(201, body=PROBLEM_BODY))
    assert type(error) is flagged.ServiceError, repr(error)
    assert error.status_code == 201
    assert error.model == flagged.models.Problem(kind="quota", detail="too many things")
    assert error.cloud_error is None and error.code is None
    assert "too many things" in str(error) and "[HTTP 201" in str(error)


@pytest.mark.parametrize("flavor", CALLS)
def test_a_flagged_404_is_resource_not_found_with_its_model(
    flagged: ModuleType, make_server: Callable[[], FaultyServer], flavor: str
) -> None:
    error = answer(flagged, make_server, flavor, Reply(404, body=PROBLEM_BODY))
    assert isinstance(error, ResourceNotFoundError), repr(error)
    assert isinstance(error, flagged.ServiceResourceNotFoundError)
    assert type(error.model) is flagged.models.Problem
    assert error.model.kind == "quota"


BAD_BODIES = [
    ("json-not-the-model", {"detail": "no kind"}, "ServiceError"),
    ("json-list", ["quota"], "ServiceError"),
    ("not-json", b"<html>quota</html>", "ServiceDecodeError"),
    ("empty", b"", "ServiceError"),
]


@pytest.mark.parametrize("flavor", CALLS)
@pytest.mark.parametrize(
    "body, error_class", [b[1:] for b in BAD_BODIES], ids=[b[0] for b in BAD_BODIES]
)
def test_a_flagged_body_that_is_not_its_model_raises_as_a_bad_error_body(
    flagged: ModuleType,
    make_server: Callable[[], FaultyServer],
    flavor: str,
    body: Any,
    error_class: str,
) -> None:
    """As for any error status whose body is not the error model: the status's exception
    (ServiceDecodeError for a body that is not JSON), without a model."""
    error = answer(flagged, make_server, flavor, Reply(201, body=body))
    assert type(error) is getattr(flagged, error_class), repr(error)
    assert error.status_code == 201
    assert error.model is None and error.cloud_error is None


@pytest.mark.parametrize("flavor", CALLS)
def test_an_unlisted_status_still_reads_the_default_error_model(
    flagged: ModuleType, make_server: Callable[[], FaultyServer], flavor: str
) -> None:
    body = cloud_error("Conflict", "busy")
    error = answer(flagged, make_server, flavor, Reply(409, body=body))
    assert isinstance(error, flagged.ServiceResourceExistsError), repr(error)
    assert type(error.cloud_error) is flagged.models.ErrorResponse
    assert error.model is error.cloud_error
    assert (error.code, error.message.startswith("(Conflict) busy")) == (
        "Conflict",
        True,
    )
    assert isinstance(error, HttpResponseError)
