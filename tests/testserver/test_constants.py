"""constants.json of the AutoRest test server, through the generated client, sync and async.

A required parameter whose enum has one value, without `x-ms-enum: {modelAsString: true}`, is a
constant (AutoRest's modelerfour rule): never an argument, always sent. The server has one route
for this file, `PUT /constants/clientConstants/path` (scenario ConstantClientProperties), which
answers 200 only when the path, query and header constants all arrive; its sixteen `put*`
operations have no route, so for them the suite checks which arguments each method takes.

AutoRest's own test (test_constants.py in Azure/autorest.python) calls `put_client_constants()`
with no argument, as here. It also keeps client-level constants as overridable client keywords
(`header_constant=False`) and reads `x-ms-client-default` into model defaults; this client does
neither: a constant is the spec's value, nothing else can be sent.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.testserver import (
    AsyncCredential,
    Credential,
    Generated,
    TestServer,
    generated_client,
)

PACKAGE = "armgen_testserver_constants"
CLIENT_CONSTANTS = "contants_putClientConstants"
SCENARIO = "ConstantClientProperties"


@pytest.fixture(scope="module")
def constants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    with generated_client(
        "constants.json", PACKAGE, tmp_path_factory.mktemp("constants")
    ) as generated:
        yield generated


def hits(testserver: TestServer) -> int:
    return testserver.report("vanilla").get(SCENARIO, 0)


def arguments(method: Any) -> list[str]:
    return [
        name
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind is not inspect.Parameter.VAR_KEYWORD
    ]


def test_sync_client_constants_are_sent_without_arguments(
    constants: Generated, testserver: TestServer
) -> None:
    before = hits(testserver)
    client_class = getattr(constants.client, constants.api.client_name)
    with client_class(Credential(), endpoint=testserver.url) as client:
        method = constants.bound(client, CLIENT_CONSTANTS)
        assert arguments(method) == []
        assert method(enforce_https=False) is None
    assert hits(testserver) == before + 1


def test_async_client_constants_are_sent_without_arguments(
    constants: Generated, testserver: TestServer
) -> None:
    before = hits(testserver)
    client_class = getattr(constants.aio, constants.api.client_name)

    async def run() -> Any:
        async with client_class(AsyncCredential(), endpoint=testserver.url) as client:
            method = constants.bound(client, CLIENT_CONSTANTS)
            assert arguments(method) == []
            return await method(enforce_https=False)

    assert asyncio.run(run()) is None
    assert hits(testserver) == before + 1


@pytest.mark.parametrize("flavour", ["client", "aio"])
def test_client_constants_are_not_client_arguments(
    constants: Generated, flavour: str
) -> None:
    client_class = getattr(getattr(constants, flavour), constants.api.client_name)
    names = set(inspect.signature(client_class).parameters)
    assert not names & {"header_constant", "query_constant", "path_constant"}
    assert not constants.api.client_parameters


# The put* operations: (required, values, modelAsString) -> is the parameter an argument?
PUT_OPERATIONS = [
    (f"contants_put{model}{required}{count}{default}", model, required, count)
    for model in ("NoModelAsString", "ModelAsString")
    for required in ("NoRequired", "Required")
    for count in ("TwoValue", "OneValue")
    for default in ("NoDefault", "Default")
]


@pytest.mark.parametrize("flavour", ["client", "aio"])
@pytest.mark.parametrize(
    ("operation_id", "model", "required", "count"),
    PUT_OPERATIONS,
    ids=[row[0] for row in PUT_OPERATIONS],
)
def test_only_a_required_single_value_sealed_enum_is_a_constant(
    constants: Generated,
    flavour: str,
    operation_id: str,
    model: str,
    required: str,
    count: str,
) -> None:
    constant = (model, required, count) == ("NoModelAsString", "Required", "OneValue")
    operation = next(
        op for op in constants.api.operations if op.operation_id == operation_id
    )
    (parameter,) = operation.parameters
    assert parameter.constant is constant
    client_class = getattr(getattr(constants, flavour), constants.api.client_name)
    client = client_class(Credential(), endpoint="http://127.0.0.1:9")
    method = constants.bound(client, operation_id)
    assert arguments(method) == ([] if constant else [parameter.python_name])
    if not constant:
        signature = inspect.signature(method).parameters[parameter.python_name]
        is_optional = signature.default is None
        assert is_optional is (required == "NoRequired")


def test_the_readme_says_a_constant_is_sent(constants: Generated) -> None:
    readme = (
        constants.client.__file__.rpartition("/")[0] + "/README.md"  # type: ignore[operator]
    )
    with open(readme, encoding="utf-8") as text:
        content = text.read()
    assert (
        '| path, constant | string | yes | Constant: always sent as "path"' in content
    )
    assert "| query, constant | integer | yes | Constant: always sent as 100" in content
    assert (
        "| header, constant | boolean | yes | Constant: always sent as true" in content
    )
