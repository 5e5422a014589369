"""Every lro.json scenario of the AutoRest test server, through the generated client, sync and
async.

What each scenario must give is what AutoRest's own Python acceptance tests (test_lro.py in
Azure/autorest.python) assert of their clients: the result, or the exception type and words in
its message (`Raises`, `Decode`). This suite asks more than they do: every failure is also the
generated ServiceError, whose message names the terminal status of a failed operation, and a
body that is not JSON is a ServiceDecodeError (both ServiceError and azure-core's DecodeError).

Methods are found by operationId through the generator's model, so the suite does not depend on
how the generator names them. The scenario state lives in a cookie: the sync client's requests
session keeps it, the async client is given an aiohttp session that keeps it (azure-core's own
drops cookies); the product is left as it is.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from azure.core.exceptions import AzureError, DecodeError, HttpResponseError
from azure.core.pipeline.transport import AioHttpTransport

from tests.helpers.testserver import (
    AsyncCredential,
    Credential,
    TestServer,
    listening_hosts,
)

REQUEST_ID = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"
"""The x-ms-client-request-id the LROsCustomHeader scenarios require."""
RESULT_DEADLINE = 30.0
"""Seconds an async result() may take before the test says it is stuck (it takes milliseconds)."""


# --- what each scenario must give -------------------------------------------------------------


Check = Callable[[Any], None]


def state(expected: str) -> Check:
    def check(result: Any) -> None:
        assert result.provisioning_state == expected

    return check


def has_id(expected: str, name: str | None = None) -> Check:
    def check(result: Any) -> None:
        assert result.id == expected
        if name is not None:
            assert result.name == name

    return check


def is_none(result: Any) -> None:
    assert result is None


def is_some(result: Any) -> None:
    assert result is not None


def one_product(result: Any) -> None:
    assert len(result) == 1
    assert (result[0].id, result[0].name) == ("100", "foo")


@dataclass(frozen=True)
class Returns:
    check: Check


@dataclass(frozen=True)
class Raises:
    """An HttpResponseError (AutoRest's assertion) that is the client's ServiceError, with
    `message` in its message (case-insensitive) and `inner` in str(inner_exception)."""

    message: str
    inner: str | None = None
    operation_status: str | None = None


@dataclass(frozen=True)
class Decode:
    """azure-core's DecodeError (AutoRest's assertion) that is the client's ServiceError."""


@dataclass(frozen=True)
class Fails:
    """Any exception, AutoRest says; an AzureError, this suite says."""


Expected = Returns | Raises | Decode | Fails


@dataclass(frozen=True)
class Scenario:
    operation_id: str
    expected: Expected
    polling: bool = True
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.operation_id + ("" if self.polling else "-no-polling")

    @property
    def autorest_assertion(self) -> bool:
        """One of the 27 exception assertions of AutoRest's test_lro.py."""
        return isinstance(self.expected, Raises | Decode)


FAILED = Raises("Operation returned an invalid status 'OK'", "failed", "Failed")
CANCELED = Raises("Operation returned an invalid status 'OK'", "canceled", "Canceled")
BAD_REQUEST = Raises("Bad Request")
NO_STATUS = Raises("no status found in body")
NO_BODY = Raises("The response from long running operation does not contain a body.")
CUSTOM = {"headers": {"x-ms-client-request-id": REQUEST_ID}}

SCENARIOS = [
    Scenario("LROs_put200Succeeded", Returns(state("Succeeded"))),
    Scenario("LROs_put201Succeeded", Returns(has_id("100", "foo"))),
    Scenario("LROs_put200SucceededNoState", Returns(has_id("100"))),
    Scenario("LROs_put202Retry200", Returns(has_id("100"))),
    Scenario("LROs_put201CreatingSucceeded200", Returns(state("Succeeded"))),
    Scenario(
        "LROs_put201CreatingSucceeded200", Returns(state("Creating")), polling=False
    ),
    Scenario("LROs_put200UpdatingSucceeded204", Returns(state("Succeeded"))),
    Scenario(
        "LROs_put200UpdatingSucceeded204", Returns(state("Updating")), polling=False
    ),
    Scenario("LROs_put201CreatingFailed200", FAILED),
    Scenario("LROs_put201CreatingFailed200", Returns(state("Created")), polling=False),
    Scenario("LROs_put200Acceptedcanceled200", CANCELED),
    Scenario(
        "LROs_put200Acceptedcanceled200", Returns(state("Accepted")), polling=False
    ),
    Scenario("LROs_putNoHeaderInRetry", Returns(state("Succeeded"))),
    Scenario("LROs_putAsyncNoHeaderInRetry", Returns(state("Succeeded"))),
    Scenario("LROs_putSubResource", Returns(has_id("100"))),
    Scenario("LROs_putAsyncSubResource", Returns(has_id("100"))),
    Scenario("LROs_putNonResource", Returns(has_id("100"))),
    Scenario("LROs_putAsyncNonResource", Returns(has_id("100"))),
    Scenario("LROs_putAsyncRetrySucceeded", Returns(state("Succeeded"))),
    Scenario("LROs_putAsyncNoRetrySucceeded", Returns(state("Succeeded"))),
    Scenario("LROs_putAsyncRetryFailed", FAILED),
    Scenario("LROs_putAsyncNoRetrycanceled", CANCELED),
    Scenario("LROs_patch201RetryWithAsyncHeader", Returns(state("Succeeded"))),
    Scenario(
        "LROs_patch202RetryWithAsyncAndLocationHeader",
        Returns(has_id("/lro/patch/202/retry/asyncAndLocationHeader")),
    ),
    # Optional in the server, unsupported by AutoRest too: ARM's rules poll the
    # Azure-AsyncOperation of a 200, here a URL nothing answers.
    Scenario("LROs_patch200SucceededIgnoreHeaders", Fails()),
    Scenario("LROs_post202List", Returns(one_product)),
    Scenario("LROs_post202Retry200", Returns(is_none)),
    Scenario("LROs_post202NoRetry204", Returns(is_none)),
    Scenario("LROs_post200WithPayload", Returns(has_id("1"))),
    Scenario("LROs_postDoubleHeadersFinalLocationGet", Returns(has_id("100"))),
    Scenario("LROs_postDoubleHeadersFinalAzureHeaderGet", Returns(has_id("100"))),
    Scenario(
        "LROs_postDoubleHeadersFinalAzureHeaderGetDefault", Returns(has_id("100"))
    ),
    Scenario("LROs_postAsyncRetrySucceeded", Returns(has_id("100"))),
    Scenario("LROs_postAsyncNoRetrySucceeded", Returns(has_id("100"))),
    Scenario(
        "LROs_postAsyncRetryFailed", Raises("Internal Server Error", None, "Failed")
    ),
    Scenario("LROs_postAsyncRetrycanceled", CANCELED),
    Scenario("LROs_delete204Succeeded", Returns(is_none)),
    Scenario("LROs_delete202Retry200", Returns(is_none)),
    Scenario("LROs_delete202NoRetry204", Returns(is_none)),
    Scenario("LROs_deleteNoHeaderInRetry", Returns(is_none)),
    Scenario("LROs_deleteAsyncNoHeaderInRetry", Returns(is_none)),
    Scenario("LROs_deleteAsyncRetrySucceeded", Returns(is_none)),
    Scenario("LROs_deleteAsyncNoRetrySucceeded", Returns(is_none)),
    Scenario("LROs_deleteAsyncRetryFailed", FAILED),
    Scenario("LROs_deleteAsyncRetrycanceled", CANCELED),
    Scenario(
        "LROs_deleteProvisioning202Accepted200Succeeded", Returns(state("Succeeded"))
    ),
    # The resource, not the operation, ends Canceled or Failed: a result, not an error.
    Scenario(
        "LROs_deleteProvisioning202Deletingcanceled200", Returns(state("Canceled"))
    ),
    Scenario("LROs_deleteProvisioning202DeletingFailed200", Returns(state("Failed"))),
    Scenario("LRORetrys_put201CreatingSucceeded200", Returns(state("Succeeded"))),
    Scenario("LRORetrys_putAsyncRelativeRetrySucceeded", Returns(state("Succeeded"))),
    Scenario(
        "LRORetrys_deleteProvisioning202Accepted200Succeeded",
        Returns(state("Succeeded")),
    ),
    Scenario("LRORetrys_delete202Retry200", Returns(is_none)),
    Scenario("LRORetrys_deleteAsyncRelativeRetrySucceeded", Returns(is_none)),
    Scenario("LRORetrys_post202Retry200", Returns(is_none)),
    Scenario("LRORetrys_postAsyncRelativeRetrySucceeded", Returns(is_none)),
    Scenario(
        "LROsCustomHeader_putAsyncRetrySucceeded", Returns(is_some), options=CUSTOM
    ),
    Scenario(
        "LROsCustomHeader_put201CreatingSucceeded200", Returns(is_some), options=CUSTOM
    ),
    Scenario("LROsCustomHeader_post202Retry200", Returns(is_none), options=CUSTOM),
    Scenario(
        "LROsCustomHeader_postAsyncRetrySucceeded", Returns(is_none), options=CUSTOM
    ),
    Scenario("LROSADs_putNonRetry400", BAD_REQUEST),
    Scenario("LROSADs_putNonRetry201Creating400", Raises("Error from the server")),
    Scenario("LROSADs_putNonRetry201Creating400InvalidJson", Decode()),
    Scenario(
        "LROSADs_putAsyncRelativeRetry400",
        Raises("Operation returned an invalid status 'Bad Request'"),
    ),
    Scenario("LROSADs_putAsyncRelativeRetryNoStatus", NO_STATUS),
    Scenario("LROSADs_putAsyncRelativeRetryNoStatusPayload", NO_BODY),
    Scenario("LROSADs_putError201NoProvisioningStatePayload", NO_BODY),
    Scenario("LROSADs_put200InvalidJson", Decode()),
    Scenario("LROSADs_putAsyncRelativeRetryInvalidJsonPolling", Decode()),
    Scenario("LROSADs_putAsyncRelativeRetryInvalidHeader", Fails()),
    Scenario("LROSADs_deleteNonRetry400", BAD_REQUEST),
    Scenario("LROSADs_delete202NonRetry400", BAD_REQUEST),
    Scenario("LROSADs_deleteAsyncRelativeRetry400", BAD_REQUEST),
    Scenario("LROSADs_deleteAsyncRelativeRetryNoStatus", NO_STATUS),
    Scenario("LROSADs_delete204Succeeded", Returns(is_none)),
    Scenario("LROSADs_deleteAsyncRelativeRetryInvalidHeader", Fails()),
    Scenario("LROSADs_deleteAsyncRelativeRetryInvalidJsonPolling", Decode()),
    Scenario("LROSADs_delete202RetryInvalidHeader", Fails()),
    Scenario("LROSADs_postNonRetry400", BAD_REQUEST),
    Scenario("LROSADs_post202NonRetry400", BAD_REQUEST),
    Scenario("LROSADs_postAsyncRelativeRetry400", BAD_REQUEST),
    Scenario("LROSADs_postAsyncRelativeRetryNoPayload", NO_BODY),
    # AutoRest's clients take any 2xx first answer without Location as done; so does this one.
    Scenario("LROSADs_post202NoLocation", Returns(is_none)),
    Scenario("LROSADs_post202RetryInvalidHeader", Fails()),
    Scenario("LROSADs_postAsyncRelativeRetryInvalidHeader", Fails()),
    Scenario("LROSADs_postAsyncRelativeRetryInvalidJsonPolling", Decode()),
]


def test_the_table_covers_every_operation_and_autorests_27_assertions(lro: Any) -> None:
    operation_ids = {op.operation_id for op in lro.api.operations}
    assert {s.operation_id for s in SCENARIOS} == operation_ids
    assert len(operation_ids) == 81
    assert sum(s.autorest_assertion for s in SCENARIOS) == 27


# --- running a scenario -----------------------------------------------------------------------


def arguments(lro: Any, scenario: Scenario) -> dict[str, Any]:
    """The body the operation takes (a Product in West US, or an empty Sku or SubProduct),
    plus the scenario's options; polls at once, over the test server's plain http."""
    operation = next(
        op for op in lro.api.operations if op.operation_id == scenario.operation_id
    )
    values: dict[str, Any] = {
        "polling_interval": 0,
        "enforce_https": False,
        **scenario.options,
    }
    if not scenario.polling:
        values["polling"] = False
    if operation.body is not None:
        model = getattr(lro.client, lro.api.model(operation.body.type.model).class_name)
        fields = {"location": "West US"} if model.__name__ == "Product" else {}
        values[operation.body.python_name] = model(**fields)
    return values


def judge(lro: Any, scenario: Scenario, outcome: Any) -> None:
    expected = scenario.expected
    if isinstance(expected, Returns):
        assert not isinstance(outcome, BaseException), repr(outcome)
        expected.check(outcome)
        return
    assert isinstance(outcome, AzureError), repr(outcome)
    if isinstance(expected, Fails):
        return
    assert isinstance(outcome, HttpResponseError) and outcome.response is not None
    assert isinstance(outcome, lro.client.ServiceError), repr(outcome)
    if isinstance(expected, Decode):
        assert isinstance(outcome, DecodeError), repr(outcome)
        return
    assert expected.message.lower() in outcome.message.lower()
    if expected.inner is not None:
        assert expected.inner in str(outcome.inner_exception)
    assert getattr(outcome, "operation_status", None) == expected.operation_status
    if expected.operation_status is not None:
        assert outcome.message.startswith(
            f"The operation ended {expected.operation_status}: "
        )


def run_sync(lro: Any, testserver: TestServer, scenario: Scenario) -> Any:
    client_class = lro.client.AutoRestLongRunningOperationTestServiceClient
    with client_class(Credential(), endpoint=testserver.url) as client:
        method = lro.bound(client, scenario.operation_id)
        try:
            return method(**arguments(lro, scenario)).result()
        except Exception as error:
            return error


def run_async(lro: Any, testserver: TestServer, scenario: Scenario) -> Any:
    async def run() -> Any:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        transport = AioHttpTransport(session=session, session_owner=False)
        client_class = lro.aio.AutoRestLongRunningOperationTestServiceClient
        async with (
            session,
            client_class(
                AsyncCredential(), endpoint=testserver.url, transport=transport
            ) as client,
        ):
            method = lro.bound(client, scenario.operation_id)
            try:
                poller = await method(**arguments(lro, scenario))
                return await asyncio.wait_for(poller.result(), RESULT_DEADLINE)
            except asyncio.TimeoutError as error:
                raise AssertionError(
                    f"still polling after {RESULT_DEADLINE} s"
                ) from error
            except Exception as error:
                return error

    return asyncio.run(run())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_sync(lro: Any, testserver: TestServer, scenario: Scenario) -> None:
    judge(lro, scenario, run_sync(lro, testserver, scenario))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_async(lro: Any, testserver: TestServer, scenario: Scenario) -> None:
    judge(lro, scenario, run_async(lro, testserver, scenario))


# --- beyond one call --------------------------------------------------------------------------


RESUMED = "LROs_postDoubleHeadersFinalLocationGet"


def test_sync_a_continuation_token_resumes_in_a_new_client(
    lro: Any, testserver: TestServer
) -> None:
    client_class = lro.client.AutoRestLongRunningOperationTestServiceClient
    options = {"polling_interval": 0, "enforce_https": False}
    with client_class(Credential(), endpoint=testserver.url) as first:
        token = lro.bound(first, RESUMED)(**options).continuation_token()
    with client_class(Credential(), endpoint=testserver.url) as second:
        resumed = lro.bound(second, RESUMED)(continuation_token=token, **options)
        assert resumed.result().id == "100"


def test_async_a_continuation_token_resumes_in_a_new_client(
    lro: Any, testserver: TestServer
) -> None:
    client_class = lro.aio.AutoRestLongRunningOperationTestServiceClient
    options = {"polling_interval": 0, "enforce_https": False}

    async def run() -> Any:
        async with client_class(AsyncCredential(), endpoint=testserver.url) as first:
            token = (await lro.bound(first, RESUMED)(**options)).continuation_token()
        async with client_class(AsyncCredential(), endpoint=testserver.url) as second:
            resumed = await lro.bound(second, RESUMED)(
                continuation_token=token, **options
            )
            return await asyncio.wait_for(resumed.result(), RESULT_DEADLINE)

    assert asyncio.run(run()).id == "100"


def test_the_generated_default_endpoint_follows_the_specs_schemes(lro: Any) -> None:
    """lro.json lists only http: the default endpoint is http://localhost:3000."""
    assert lro.client.DEFAULT_ENDPOINT == "http://localhost:3000"


def test_the_server_listens_on_the_loopback_address_only(
    testserver: TestServer,
) -> None:
    assert listening_hosts(testserver.port) == {"127.0.0.1"}
