"""Every body-complex.json scenario of the AutoRest test server, through the generated client,
sync and async: basic, primitive, array, dictionary, inheritance, polymorphism (top level,
nested, dotted discriminator, additional properties, missing discriminator), polymorphic
recursion and read-only properties.

The table of what each scenario sends and must give is tests/helpers/body_complex.py: what
AutoRest's own Python acceptance tests (test_complex.py in Azure/autorest.python) assert of their
clients; a put passes only when the server found the exact JSON it expects. Methods are found by
operationId through the generator's model. The flattencomplex operation has no route in the
server, so it has no scenario here.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.body_complex import CASES, Case, salmon
from tests.helpers.testserver import (
    PACKAGE_DIR,
    AsyncCredential,
    Credential,
    Generated,
    TestServer,
    generated_client,
)

PACKAGE = "armgen_testserver_body_complex"
COMPLEX_ROUTES = PACKAGE_DIR / "legacy" / "routes" / "complex.js"


@pytest.fixture(scope="module")
def complex_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    with generated_client(
        "body-complex.json", PACKAGE, tmp_path_factory.mktemp("body_complex")
    ) as generated:
        yield generated


def test_the_table_covers_every_served_operation(complex_client: Generated) -> None:
    tested = {case.operation_id for case in CASES} | {
        "polymorphism_putComplicated",
        "polymorphism_putValidMissingRequired",
    }
    served = {op.operation_id for op in complex_client.api.operations} - {
        "flattencomplex_getValid"
    }
    assert tested == served


# --- running a scenario -----------------------------------------------------------------------


PLAIN_HTTP = {"enforce_https": False}
"""The test server speaks plain http; the bearer policy refuses that by default."""


def call_sync(
    generated: Generated, testserver: TestServer, operation_id: str, **kwargs: Any
) -> Any:
    client_class = generated.client.AutoRestComplexTestServiceClient
    with client_class(Credential(), endpoint=testserver.url) as client:
        return generated.bound(client, operation_id)(**kwargs, **PLAIN_HTTP)


def call_async(
    generated: Generated, testserver: TestServer, operation_id: str, **kwargs: Any
) -> Any:
    async def run() -> Any:
        client_class = generated.aio.AutoRestComplexTestServiceClient
        async with client_class(AsyncCredential(), endpoint=testserver.url) as client:
            return await generated.bound(client, operation_id)(**kwargs, **PLAIN_HTTP)

    return asyncio.run(run())


CALLS = {"sync": call_sync, "async": call_async}


def hits(testserver: TestServer, scenario: str) -> int:
    return testserver.report("vanilla").get(scenario, 0)


@pytest.mark.parametrize("mode", sorted(CALLS))
@pytest.mark.parametrize("case", CASES, ids=[c.operation_id for c in CASES])
def test_scenario(
    complex_client: Generated, testserver: TestServer, case: Case, mode: str
) -> None:
    models = complex_client.client.models
    before = hits(testserver, case.scenario)
    call = CALLS[mode]
    if case.raises is not None:
        with pytest.raises(case.raises):
            call(complex_client, testserver, case.operation_id, **case.build(models))
    else:
        result = call(
            complex_client, testserver, case.operation_id, **case.build(models)
        )
        case.check(result, models)
    assert hits(testserver, case.scenario) == before + 1


@pytest.mark.parametrize("mode", sorted(CALLS))
def test_put_complicated_sends_back_what_it_read(
    complex_client: Generated, testserver: TestServer, mode: str
) -> None:
    """AutoRest's test: the smart salmon read, additional properties and all, put as it is."""
    call = CALLS[mode]
    before = hits(testserver, "putComplexPolymorphismComplicated")
    smart_salmon = call(complex_client, testserver, "polymorphism_getComplicated")
    call(
        complex_client,
        testserver,
        "polymorphism_putComplicated",
        complex_body=smart_salmon,
    )
    assert hits(testserver, "putComplexPolymorphismComplicated") == before + 1


@pytest.mark.parametrize("mode", sorted(CALLS))
def test_put_missing_required_is_refused_before_sending(
    complex_client: Generated, testserver: TestServer, mode: str
) -> None:
    """AutoRest's test: a sawshark without its required birthday never reaches the server
    (whose route answers 400 if it does)."""
    models = complex_client.client.models
    bad = salmon(models)
    bad.siblings[1].birthday = None
    with pytest.raises((TypeError, ValueError, AttributeError)):
        CALLS[mode](
            complex_client,
            testserver,
            "polymorphism_putValidMissingRequired",
            complex_body=bad,
        )


def complex_scenarios() -> list[str]:
    """The coverage scenarios of body-complex.json: those its routes file counts."""
    text = COMPLEX_ROUTES.read_text(encoding="utf-8")
    return sorted(set(re.findall(r'overage\["(\w+)"\]', text)))


def test_every_scenario_of_the_routes_file_is_in_the_table() -> None:
    named = {case.scenario for case in CASES} | {"putComplexPolymorphismComplicated"}
    assert named == set(complex_scenarios())
