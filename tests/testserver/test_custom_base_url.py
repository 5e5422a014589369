"""The x-ms-parameterized-host suites of the AutoRest test server (custom-baseUrl.json,
custom-baseUrl-more-options.json, custom-baseUrl-paging.json, lro-parameterized-endpoints.json),
through the generated clients, sync and async.

What each scenario must give is what AutoRest's own Python acceptance tests assert
(test_custom_base_uri.py, test_paging.py's custom-url part, test_lro_parameterized_endpoints.py
in Azure/autorest.python): the server's host is reached only through the host parameters
(account `local` + host `host:<port>` is `http://localhost:<port>`), a wrong account name is a
connection error, and no value is sent without being a string. On top, a value that would move
the host (`evil.com/`) is refused before anything is sent, and the bearer token goes to each
call's own host only.

Every client here has a method-level host parameter, so its endpoint is chosen per call and it
is given `credential_scopes`. Methods are found by operationId through the generator's model.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ServiceRequestError
from azure.core.pipeline.transport import AioHttpTransport

from tests.helpers.testserver import Generated, TestServer, generated_client

SCOPES = ["https://testserver.example/.default"]
TOKEN = "testserver-token"
OPTIONS: dict[str, Any] = {"enforce_https": False, "retry_total": 0}
"""Plain http to the test server; a connection error is not retried."""


class Credential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(TOKEN, int(time.time()) + 3600)


class AsyncCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(TOKEN, int(time.time()) + 3600)

    async def close(self) -> None:
        pass


def _fixture(swagger: str, package: str) -> Any:
    @pytest.fixture(scope="module")
    def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
        with generated_client(
            swagger, package, tmp_path_factory.mktemp(package)
        ) as client:
            yield client

    return generated


custom = _fixture("custom-baseUrl.json", "armgen_testserver_custom_base_url")
more_options = _fixture(
    "custom-baseUrl-more-options.json", "armgen_testserver_custom_base_url_more"
)
paging = _fixture(
    "custom-baseUrl-paging.json", "armgen_testserver_custom_base_url_paging"
)
lro = _fixture("lro-parameterized-endpoints.json", "armgen_testserver_lro_endpoints")


# --- running a call, sync or async ------------------------------------------------------------

Call = Callable[[Any], Any]
"""What a scenario does with the client's method: it is given the bound method."""


@dataclass(frozen=True)
class Client:
    generated: Generated
    arguments: dict[str, Any]


def _client_class(generated: Generated, is_async: bool) -> Any:
    module = generated.aio if is_async else generated.client
    return getattr(module, generated.api.client_name)


def run(
    generated: Generated,
    operation_id: str,
    call: Call,
    *,
    is_async: bool,
    seen: list[Any] | None = None,
    **client_arguments: Any,
) -> Any:
    """The call's result (iterated, or polled to the end), or the exception it raised.
    `seen` collects each request as it leaves the pipeline."""
    options = dict(OPTIONS)
    if seen is not None:
        options["raw_request_hook"] = lambda request: seen.append(request.http_request)
    if not is_async:
        client_class = _client_class(generated, False)
        with client_class(
            Credential(), credential_scopes=SCOPES, **client_arguments
        ) as client:
            try:
                return call(_bound(generated, client, operation_id, options))
            except Exception as error:
                return error

    async def run_async() -> Any:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        transport = AioHttpTransport(session=session, session_owner=False)
        client_class = _client_class(generated, True)
        async with (
            session,
            client_class(
                AsyncCredential(),
                credential_scopes=SCOPES,
                transport=transport,
                **client_arguments,
            ) as client,
        ):
            try:
                result = call(_bound(generated, client, operation_id, options))
                return await asyncio.wait_for(_settle(result), 30)
            except Exception as error:
                return error

    return asyncio.run(run_async())


def _bound(
    generated: Generated, client: Any, operation_id: str, options: dict[str, Any]
) -> Any:
    method = generated.bound(client, operation_id)
    return lambda *args, **kwargs: method(*args, **options, **kwargs)


async def _settle(result: Any) -> Any:
    """An async call's outcome as the sync one gives it: awaited, polled, iterated."""
    if isinstance(result, Awaitable):
        result = await result
    if hasattr(result, "result") and callable(result.result):
        result = await result.result()
    if hasattr(result, "__aiter__"):
        result = [item async for item in result]
    return result


FLAVOURS = pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])


def host(testserver: TestServer) -> str:
    return f"host:{testserver.port}"


# --- custom-baseUrl.json ----------------------------------------------------------------------

GET_EMPTY = "paths_getEmpty"


@FLAVOURS
def test_custom_base_uri_reaches_the_server_through_the_host_parameters(
    custom: Generated, testserver: TestServer, is_async: bool
) -> None:
    outcome = run(
        custom,
        GET_EMPTY,
        lambda get_empty: get_empty("local"),
        is_async=is_async,
        host=host(testserver),
    )
    assert outcome is None


@FLAVOURS
def test_custom_base_uri_a_wrong_account_name_is_a_connection_error(
    custom: Generated, testserver: TestServer, is_async: bool
) -> None:
    outcome = run(
        custom,
        GET_EMPTY,
        lambda get_empty: get_empty("bad"),
        is_async=is_async,
        host=host(testserver),
    )
    assert isinstance(outcome, ServiceRequestError), repr(outcome)


@FLAVOURS
def test_custom_base_uri_a_wrong_host_is_a_connection_error(
    custom: Generated, testserver: TestServer, is_async: bool
) -> None:
    outcome = run(
        custom,
        GET_EMPTY,
        lambda get_empty: get_empty("local"),
        is_async=is_async,
        host=f"badhost:{testserver.port}",
    )
    assert isinstance(outcome, ServiceRequestError), repr(outcome)


@FLAVOURS
@pytest.mark.parametrize(
    ("account_name", "refusal"),
    [
        (None, TypeError),
        ("evil.com/", ValueError),
        ("evil.com?", ValueError),
        ("evil.com#", ValueError),
        ("user@evil.com", ValueError),
        ("evil.com\\", ValueError),
        ("a b", ValueError),
        ("%2f", ValueError),
    ],
)
def test_custom_base_uri_a_missing_value_or_one_that_would_move_the_host_is_refused(
    custom: Generated,
    testserver: TestServer,
    is_async: bool,
    account_name: str | None,
    refusal: type[Exception],
) -> None:
    """Before anything is sent: no account name (TypeError), or a value that would move
    the host (ValueError)."""
    seen: list[Any] = []
    outcome = run(
        custom,
        GET_EMPTY,
        lambda get_empty: get_empty(account_name),
        is_async=is_async,
        seen=seen,
        host=host(testserver),
    )
    assert isinstance(outcome, refusal), repr(outcome)
    assert "account_name" in str(outcome)
    assert seen == []


@FLAVOURS
def test_custom_base_uri_the_token_goes_to_the_calls_own_host(
    custom: Generated, testserver: TestServer, is_async: bool
) -> None:
    seen: list[Any] = []
    outcome = run(
        custom,
        GET_EMPTY,
        lambda get_empty: get_empty("local"),
        is_async=is_async,
        seen=seen,
        host=host(testserver),
    )
    assert outcome is None
    (request,) = seen
    assert request.url == f"http://localhost:{testserver.port}/customuri"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_custom_base_uri_a_client_host_that_would_move_the_host_is_refused(
    custom: Generated,
) -> None:
    client_class = _client_class(custom, False)
    with pytest.raises(ValueError, match="host"):
        client_class(Credential(), credential_scopes=SCOPES, host="evil.com/")


def test_custom_base_uri_without_scopes_the_client_says_why(custom: Generated) -> None:
    client_class = _client_class(custom, False)
    with pytest.raises(ValueError, match="credential_scopes is required"):
        client_class(Credential(), host="host:3000")


def test_custom_base_uri_the_template_is_autorests(custom: Generated) -> None:
    """No `schemes` in the spec: http, as AutoRest has it (`http://{accountName}{host}`)."""
    assert custom.client.HOST_TEMPLATE == "http://{accountName}{host}"
    assert not hasattr(custom.client, "DEFAULT_ENDPOINT")


# --- custom-baseUrl-more-options.json ---------------------------------------------------------


@FLAVOURS
def test_custom_base_uri_more_options(
    more_options: Generated, testserver: TestServer, is_async: bool
) -> None:
    """The server wants path test12/key1 and keyVersion=v1, the spec's default."""
    seen: list[Any] = []
    outcome = run(
        more_options,
        GET_EMPTY,
        lambda get_empty: get_empty(
            vault="http://lo", secret="cal", key_name="key1", key_version="v1"
        ),
        is_async=is_async,
        seen=seen,
        subscription_id="test12",
        dns_suffix=host(testserver),
    )
    assert outcome is None
    (request,) = seen
    assert request.url.startswith(
        f"http://localhost:{testserver.port}/customuri/test12/key1?"
    )


@FLAVOURS
@pytest.mark.parametrize(
    ("vault", "secret"),
    [
        ("http://evil.com/", "cal"),
        ("http://lo", "cal/x"),
        ("ftp://lo", "cal"),
        ("lo", "cal"),
    ],
)
def test_custom_base_uri_more_options_refuses_what_makes_no_endpoint_of_the_template(
    more_options: Generated,
    testserver: TestServer,
    is_async: bool,
    vault: str,
    secret: str,
) -> None:
    seen: list[Any] = []
    outcome = run(
        more_options,
        GET_EMPTY,
        lambda get_empty: get_empty(vault=vault, secret=secret, key_name="key1"),
        is_async=is_async,
        seen=seen,
        subscription_id="test12",
        dns_suffix=host(testserver),
    )
    assert isinstance(outcome, ValueError), repr(outcome)
    assert seen == []


# --- custom-baseUrl-paging.json ---------------------------------------------------------------


@FLAVOURS
@pytest.mark.parametrize(
    "operation_id",
    ["Paging_getPagesPartialUrl", "Paging_getPagesPartialUrlOperation"],
)
def test_paging_custom_url_follows_the_partial_next_link_on_the_parameterized_host(
    paging: Generated, testserver: TestServer, is_async: bool, operation_id: str
) -> None:
    seen: list[Any] = []
    outcome = run(
        paging,
        operation_id,
        lambda method: (method("local") if is_async else list(method("local"))),
        is_async=is_async,
        seen=seen,
        host=host(testserver),
    )
    assert not isinstance(outcome, BaseException), repr(outcome)
    assert [item.properties.id for item in outcome] == [1, 2]
    assert len(seen) == 2
    assert all(
        request.url.startswith(f"http://localhost:{testserver.port}/paging/customurl/")
        for request in seen
    )
    assert all(
        request.headers["Authorization"] == f"Bearer {TOKEN}" for request in seen
    )


# --- lro-parameterized-endpoints.json ---------------------------------------------------------


@FLAVOURS
@pytest.mark.parametrize(
    ("operation_id", "arguments"),
    [
        ("pollWithParameterizedEndpoints", {}),
        ("pollWithConstantParameterizedEndpoints", {}),
    ],
    ids=["parameterized", "constant"],
)
def test_lro_polls_the_relative_location_on_the_parameterized_host(
    lro: Generated,
    testserver: TestServer,
    is_async: bool,
    operation_id: str,
    arguments: dict[str, Any],
) -> None:
    seen: list[Any] = []
    outcome = run(
        lro,
        operation_id,
        lambda begin: (
            begin(account_name="local", polling_interval=0, **arguments)
            if is_async
            else begin(account_name="local", polling_interval=0, **arguments).result()
        ),
        is_async=is_async,
        seen=seen,
        host=host(testserver),
    )
    assert outcome == "success"
    assert len(seen) >= 2  # the first request and at least one poll
    for request in seen:
        assert request.url.startswith(f"http://localhost:{testserver.port}/")
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"


# --- the server's own count -------------------------------------------------------------------


def test_the_server_counts_every_scenario_of_the_four_files(
    custom: Generated,
    more_options: Generated,
    paging: Generated,
    lro: Generated,
    testserver: TestServer,
) -> None:
    """Each coverage scenario these files own is counted once more after one sync call each."""
    at = {"host": host(testserver)}
    calls: list[tuple[Generated, str, Call, dict[str, Any]]] = [
        (custom, GET_EMPTY, lambda get_empty: get_empty("local"), at),
        (
            more_options,
            GET_EMPTY,
            lambda get_empty: get_empty("http://lo", "cal", "key1", key_version="v1"),
            {"subscription_id": "test12", "dns_suffix": host(testserver)},
        ),
        (paging, "Paging_getPagesPartialUrl", lambda m: list(m("local")), at),
        (paging, "Paging_getPagesPartialUrlOperation", lambda m: list(m("local")), at),
        (
            lro,
            "pollWithParameterizedEndpoints",
            lambda begin: begin(account_name="local", polling_interval=0).result(),
            at,
        ),
        (
            lro,
            "pollWithConstantParameterizedEndpoints",
            lambda begin: begin(account_name="local", polling_interval=0).result(),
            at,
        ),
    ]
    scenarios = [
        "CustomBaseUri",
        "CustomBaseUriMoreOptions",
        "PagingCustomUrlPartialNextLink",
        "PagingCustomUrlPartialOperationNextLink",
        "LROParameterizedEndpoint",
        "LROConstantParameterizedPost",
        "LROConstantParameterizedGet",
    ]

    def counts() -> dict[str, int]:
        report = {**testserver.report("vanilla"), **testserver.report("azure")}
        return {name: report[name] for name in scenarios}

    before = counts()
    for generated, operation_id, call, arguments in calls:
        outcome = run(generated, operation_id, call, is_async=False, **arguments)
        assert not isinstance(outcome, BaseException), (operation_id, outcome)
    after = counts()
    assert {name: after[name] - before[name] for name in scenarios} == dict.fromkeys(
        scenarios, 1
    )
