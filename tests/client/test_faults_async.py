"""The async client (aio) against the misbehaving server, where it differs from the sync one
and for every promise of test_faults_hostile.py, test_faults_bodies.py and test_faults_lro.py.

aiohttp reports faults differently from requests (a dropped connection is a request error), and
the async client's deadline is one asyncio.wait_for: it bounds a server that trickles the status
line and headers too, which the sync client cannot.
"""

from __future__ import annotations

import asyncio
import threading
import time
import zlib
from collections.abc import Callable

import pytest
from azure.core.exceptions import (
    AzureError,
    DecodeError,
    HttpResponseError,
    IncompleteReadError,
    ServiceRequestError,
    ServiceRequestTimeoutError,
    ServiceResponseError,
    ServiceResponseTimeoutError,
)

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    BACKOFF,
    DEALLOCATE,
    FAILURES,
    MONITOR_BODIES,
    READ_TIMEOUT,
    RG,
    STALL,
    TOKEN,
    VMSS,
    AsyncCredential,
    Fault,
    FaultyServer,
    Reply,
    accepted,
    assert_no_token,
    assert_raised_from_azure_cores_error,
    async_deallocate,
    async_deallocate_fails,
    authorization,
    cloud_error,
    fail_operation,
    not_json_message,
    repeat,
)
from vmss_deallocate import (
    ServiceAuthenticationError,
    ServiceDecodeError,
    ServiceError,
    ServiceResourceExistsError,
)
from vmss_deallocate.aio import ComputeManagementClient as AsyncClient


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


def test_async_retry_after_and_backoff_use_asyncio_sleep(
    server: FaultyServer, async_sleeps: list[float]
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        Reply(429, {"Retry-After": "7"}),
        Reply(503),
        Reply(503),
        accepted(f"{server.url}/op", retry_after="11"),
    )
    server.script("GET", "/op", Reply(202, {"Retry-After": "13"}), Reply(200))
    async_deallocate(server)
    assert len(server.requests("POST")) == 4
    # Retry-After, then backoff from the history (2 then 3 errors), then the poll's Retry-After.
    assert async_sleeps == [7, *BACKOFF, 13]
    server.assert_all_played()


@pytest.mark.parametrize("fault", ["reset", "close"])
def test_async_a_dropped_connection_is_a_request_error_and_is_retried(
    make_server: Callable[[], FaultyServer], async_sleeps: list[float], fault: Fault
) -> None:
    """aiohttp reports a dropped connection as a ClientError, which azure-core turns into
    ServiceRequestError ("not sent") where the sync client says ServiceResponseError; both
    are retried for Deallocate, within retry_connect=3 here instead of retry_read=3.
    """
    flaky, dead = make_server(), make_server()
    flaky.script("POST", DEALLOCATE, Reply(fault=fault), Reply(200))
    async_deallocate(flaky)
    assert len(flaky.requests("POST")) == 2
    dead.script("POST", DEALLOCATE, *repeat(Reply(fault=fault), 4))
    with pytest.raises(ServiceRequestError) as caught:
        async_deallocate(dead)
    assert type(caught.value) is ServiceRequestError
    assert_no_token(caught.value)
    assert len(dead.requests("POST")) == 4
    assert async_sleeps == BACKOFF
    flaky.assert_all_played()
    dead.assert_all_played()


def test_async_timeouts_on_the_post_and_the_poll_are_retried(
    server: FaultyServer, async_sleeps: list[float]
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        Reply(200, delay=STALL),
        accepted(f"{server.url}/op"),
    )
    server.script("GET", "/op", Reply(200, delay=STALL), Reply(200))
    async_deallocate(server, read_timeout=READ_TIMEOUT)
    assert len(server.requests("POST")) == 2 and len(server.requests("GET")) == 2
    assert async_sleeps == []
    server.assert_all_played()


@pytest.mark.parametrize("status", list(FAILURES))
def test_async_a_failed_operation_raises_service_error(
    server: FaultyServer, async_sleeps: list[float], status: str
) -> None:
    fail_operation(server, status)
    expected, status_code, waits = FAILURES[status]
    with pytest.raises(expected) as caught:
        async_deallocate(server)
    error = caught.value
    assert type(error) is expected, repr(error)
    assert error.status_code == status_code
    assert error.code == "VMDeallocationFailed"
    assert_raised_from_azure_cores_error(error)
    assert_no_token(error)
    assert async_sleeps == waits
    server.assert_all_played()


def test_async_a_body_that_is_not_json_raises_service_error(
    server: FaultyServer, async_sleeps: list[float]
) -> None:
    server.script(
        "POST", DEALLOCATE, Reply(409, {"Content-Type": "application/json"}, "Conflict")
    )
    with pytest.raises(ServiceResourceExistsError) as caught:
        async_deallocate(server)
    error = caught.value
    assert type(error) is ServiceResourceExistsError
    assert error.status_code == 409 and error.cloud_error is None
    assert error.message == not_json_message(409, "Conflict")
    assert_no_token(error)
    assert async_sleeps == []
    server.assert_all_played()


@pytest.mark.parametrize(("content_type", "body"), MONITOR_BODIES)
def test_async_a_status_monitor_body_that_is_not_a_json_object_raises_service_error(
    server: FaultyServer, async_sleeps: list[float], content_type: str, body: str
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        accepted(f"{server.url}/location/op", Azure_AsyncOperation=f"{server.url}/op"),
    )
    server.script("GET", "/op", Reply(200, {"Content-Type": content_type}, body))
    error = async_deallocate_fails(ServiceDecodeError, server)
    assert error.status_code == 200 and error.cloud_error is None
    problem = "is not JSON" if body != "[1, 2]" else "is not the JSON ARM describes"
    assert error.message == f"The status answer {problem} [HTTP 200 OK]"
    assert isinstance(error.__cause__, DecodeError | AttributeError)
    assert_no_token(error)
    server.assert_all_played()


def test_async_a_poll_on_another_host_never_gets_the_token(
    make_server: Callable[[], FaultyServer], async_sleeps: list[float]
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script("POST", DEALLOCATE, accepted(f"{elsewhere.url}/op"))
    elsewhere.script("GET", "/op", Reply(200))
    async_deallocate(endpoint)
    assert authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert authorization(elsewhere.requests("GET")[0]) is None
    endpoint.assert_all_played()
    elsewhere.assert_all_played()


def test_every_error_kind_raised_here_is_an_azure_error() -> None:
    """Callers can catch AzureError for everything a misbehaving server can cause."""
    for kind in (
        ServiceError,
        HttpResponseError,
        DecodeError,
        IncompleteReadError,
        ServiceRequestError,
        ServiceRequestTimeoutError,
        ServiceResponseError,
        ServiceResponseTimeoutError,
    ):
        assert issubclass(kind, AzureError)


# --- Retry-After, challenges, deadlines --------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "value", "wait"),
    [
        ("Retry-After", "inf", None),
        ("Retry-After", "1e400", None),
        ("Retry-After", "soon", None),
        ("retry-after-ms", "1e400", None),
        ("Retry-After", "4000000", 120),
        ("x-ms-retry-after-ms", "4000000000", 120),
    ],
)
def test_async_a_hostile_retry_after_counts_as_absent_or_is_cut(
    server: FaultyServer,
    async_sleeps: list[float],
    header: str,
    value: str,
    wait: float | None,
) -> None:
    """azure-core alone waits for ever on inf (asyncio.sleep(inf)) and raises ValueError on
    `soon`; here the retry waits the backoff (none, the first time) or max_retry_after, and
    so does the poll (its polling_interval, or max_retry_after)."""
    server.script(
        "POST", DEALLOCATE, Reply(503, {header: value}), accepted(f"{server.url}/op")
    )
    server.script("GET", "/op", Reply(202, {header: value}), Reply(200))
    async_deallocate(server, polling_interval=7)
    assert async_sleeps == ([] if wait is None else [wait]) + [wait or 7]
    server.assert_all_played()


def test_async_a_challenge_whose_claims_cannot_be_decoded_returns_the_401(
    server: FaultyServer, async_sleeps: list[float]
) -> None:
    challenge = 'Bearer error="insufficient_claims", claims="%%%not-base64%%%"'
    server.script("POST", DEALLOCATE, Reply(401, {"WWW-Authenticate": challenge}))
    error = async_deallocate_fails(ServiceAuthenticationError, server)
    assert error.status_code == 401
    server.assert_all_played()


@pytest.mark.parametrize("head", [False, True], ids=["body", "status-line-and-headers"])
def test_async_a_trickling_server_is_stopped_at_call_timeout(
    server: FaultyServer, head: bool
) -> None:
    """One asyncio.wait_for covers the whole call: status line and headers included."""
    server.script(
        "POST", DEALLOCATE, Reply(400, body="x" * 100, trickle=0.2, trickle_head=head)
    )
    started = time.monotonic()
    error = async_deallocate_fails(
        ServiceResponseTimeoutError, server, client_options={"call_timeout": 1}
    )
    assert time.monotonic() - started < 10
    assert str(error) == "The call did not complete within call_timeout=1 s"


def test_async_a_retry_after_longer_than_the_call_is_cut_by_the_deadline(
    server: FaultyServer,
) -> None:
    """Here the wait is real (asyncio.sleep is not patched): call_timeout cancels it."""
    server.script("POST", DEALLOCATE, Reply(503, {"Retry-After": "100"}), Reply(200))
    started = time.monotonic()
    async_deallocate_fails(ServiceResponseTimeoutError, server, call_timeout=0.5)
    assert time.monotonic() - started < 10
    assert len(server.requests("POST")) == 1


# --- bodies -------------------------------------------------------------------------------------


def test_async_a_deeply_nested_error_body_raises_service_decode_error(
    server: FaultyServer,
) -> None:
    body = "[" * 100_000 + "]" * 100_000
    server.script(
        "POST", DEALLOCATE, Reply(400, {"Content-Type": "application/json"}, body)
    )
    error = async_deallocate_fails(ServiceDecodeError, server)
    assert error.message == not_json_message(400, "Bad Request")


def test_async_a_gzip_bomb_error_body_is_cut_after_inflating(
    server: FaultyServer,
) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(
        [*(packer.compress(bytes(1 << 20)) for _ in range(64)), packer.flush()]
    )
    server.script("POST", DEALLOCATE, Reply(400, {"Content-Encoding": "gzip"}, bomb))
    error = async_deallocate_fails(
        ServiceDecodeError, server, client_options={"max_error_body_bytes": 4096}
    )
    assert error.response is not None and error.response.content == bytes(4096)
    assert "(cut at 4096 bytes)" in error.message


# --- long-running operations ----------------------------------------------------------------------


def test_async_a_first_answer_that_already_failed_raises(server: FaultyServer) -> None:
    body = {"status": "Failed", **cloud_error("QuotaExceeded", "No cores left.")}
    server.script(
        "POST",
        DEALLOCATE,
        Reply(202, {"Azure-AsyncOperation": f"{server.url}/op"}, body),
    )
    error = async_deallocate_fails(ServiceError, server)
    assert error.operation_status == "Failed"
    assert error.message == (
        "The operation ended Failed: (QuotaExceeded) No cores left. [HTTP 202 Accepted]"
    )


def test_async_a_relative_location_is_resolved_against_the_requests_url(
    server: FaultyServer,
) -> None:
    server.script("POST", DEALLOCATE, Reply(202, {"Azure-AsyncOperation": "/op"}))
    server.script("GET", "/op", Reply(200, body={"status": "Succeeded"}))
    async_deallocate(server)
    server.assert_all_played()


def test_async_a_result_awaited_with_a_timeout_resumes_when_awaited_again(
    server: FaultyServer,
) -> None:
    """AsyncLROPoller.result() takes no timeout: asyncio.wait_for cancels the wait, and the
    next result() polls on."""
    answer = threading.Event()
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script(
        "GET", "/op", Reply(202, {"Location": f"{server.url}/op"}, gate=answer)
    )
    server.script("GET", "/op", Reply(200))

    async def run() -> None:
        async with AsyncClient(
            AsyncCredential(), SUBSCRIPTION, endpoint=server.url
        ) as client:
            poller = await client.virtual_machine_scale_sets.begin_deallocate(
                RG, VMSS, ["0"], polling_interval=0, enforce_https=False
            )
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(poller.result(), 0.05)
            answer.set()
            assert await poller.result() is None

    asyncio.run(run())
