"""The generated client against a local server that misbehaves on purpose: the retry rules.

Every test scripts the replies of `FaultyServer` (127.0.0.1, one per test), drives the client
through them and asserts what went on the wire (how many attempts, with which headers), how long
the client asked to wait (time.sleep / asyncio.sleep are patched: nothing really sleeps), and what
the caller got back. The retry rules are azure-core's (azure/core/pipeline/policies/_retry.py):

- a status >= 400 with Retry-After (or retry-after-ms / x-ms-retry-after-ms) is retried whatever
  the method and status, after that wait; the client's RetryAfterCap cuts the wait to
  max_retry_after (120 s) and drops a value that is no finite delay (test_faults_hostile.py);
- otherwise 408, 429, 500, 502, 503, 504 (and 506+) are retried for the methods in
  `retry_on_methods`, and 500, 503, 504 also for any POST;
- errors instead of a response (refused connection, reset, timeout) are retried only for the
  methods in `retry_on_methods`: azure-core's default leaves POST out, and the generated client
  adds it for operations the spec marks `x-armgen-idempotent` (Deallocate);
- at most retry_status=3, retry_connect=3, retry_read=3 retries (retry_total=10), waiting
  0 s before the first retry then retry_backoff_factor * 2 ** (n - 1) (0.8 -> 1.6, 3.2, ...),
  capped at retry_backoff_max (120 s).

The bearer token (`TOKEN`) is checked everywhere it must not be in test_faults_token.py: in logs
at DEBUG, in continuation tokens, in the committed cassettes and on requests to any other host.
The other misbehaviours have files of their own: test_faults_bodies.py (error bodies),
test_faults_lro.py (long-running operations), test_faults_hostile.py (Retry-After, challenges,
deadlines), test_faults_names.py (path parameters) and test_faults_async.py (the async client).
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import socket
import time
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from azure.core.exceptions import (
    IncompleteReadError,
    ResourceExistsError,
    ServiceRequestError,
    ServiceRequestTimeoutError,
    ServiceResponseError,
    ServiceResponseTimeoutError,
)

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    BACKOFF,
    DEALLOCATE,
    READ_TIMEOUT,
    RG,
    STALL,
    TOKEN,
    VMSS,
    Fault,
    FaultyServer,
    Reply,
    accepted,
    assert_no_token,
    assert_raised_from_azure_cores_error,
    cloud_error,
    deallocate,
    deallocate_fails,
    not_json_message,
    repeat,
)
from tests.helpers.widgets import RESTART_PATH, restart
from vmss_deallocate import (
    ComputeManagementClient,
    ServiceDecodeError,
    ServiceError,
    ServiceResourceExistsError,
)


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


# --- Retry-After: honoured, up to max_retry_after ----------------------------------------------


def _http_date_in(seconds: int) -> str:
    return email.utils.formatdate(time.time() + seconds, usegmt=True)


@pytest.mark.parametrize(
    ("header", "value", "wait"),
    [
        ("Retry-After", "7", 7.0),
        ("Retry-After", "0.5", 0.5),
        ("retry-after-ms", "1500", 1.5),
        ("x-ms-retry-after-ms", "250", 0.25),
    ],
)
def test_429_and_503_with_retry_after_wait_exactly_that_long(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    header: str,
    value: str,
    wait: float,
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        Reply(429, {header: value}, cloud_error("TooManyRequests", "slow down")),
        Reply(503, {header: value}, "Service Unavailable"),
        Reply(200),
    )
    deallocate(server, credential)
    assert len(server.requests("POST")) == 3
    assert sleeps == [wait, wait]
    server.assert_all_played()


def test_retry_after_as_an_http_date_waits_until_then(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        Reply(503, {"Retry-After": _http_date_in(60)}),
        Reply(200),
    )
    deallocate(server, credential)
    assert len(sleeps) == 1 and 55 <= sleeps[0] <= 60
    server.assert_all_played()


@pytest.mark.parametrize(("options", "cap"), [({}, 120), ({"max_retry_after": 5}, 5)])
def test_a_huge_retry_after_is_cut_to_max_retry_after(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    options: dict[str, Any],
    cap: float,
) -> None:
    """azure-core obeys Retry-After as sent (retry_backoff_max bounds backoff only); the
    client's RetryAfterCap cuts it to max_retry_after, 120 s unless the client says otherwise.
    """
    server.script(
        "POST",
        DEALLOCATE,
        Reply(503, {"Retry-After": "3600"}),
        *repeat(Reply(429, {"Retry-After": "86400"}), 3),
    )
    error = deallocate_fails(ServiceError, server, credential, client_options=options)
    assert sleeps == [cap, cap, cap]
    assert len(server.requests("POST")) == 4
    assert error.status_code == 429


def test_retry_after_on_any_error_status_is_retried_even_a_409(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    """azure-core retries any status >= 400 that carries Retry-After, whatever the method."""
    conflict = cloud_error("OperationNotAllowed", "scale set is updating")
    server.script(
        "POST", DEALLOCATE, *repeat(Reply(409, {"Retry-After": "2"}, conflict), 4)
    )
    error = deallocate_fails(ServiceResourceExistsError, server, credential)
    assert issubclass(type(error), ResourceExistsError)
    assert (error.status_code, error.code) == (409, "OperationNotAllowed")
    assert sleeps == [2, 2, 2]
    assert len(server.requests("POST")) == 4
    server.assert_all_played()


# --- 5xx: retried with backoff, bounded ------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_a_transient_error_status_is_retried_at_once(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: int
) -> None:
    server.script("POST", DEALLOCATE, Reply(status), Reply(200))
    deallocate(server, credential)
    assert len(server.requests("POST")) == 2
    assert sleeps == []  # azure-core's first retry is immediate
    server.assert_all_played()


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_persistent_5xx_gives_up_after_3_retries_with_the_parsed_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: int
) -> None:
    body = cloud_error("InternalExecutionError", "try later")
    server.script("POST", DEALLOCATE, *repeat(Reply(status, body=body), 4))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == status
    assert error.code == "InternalExecutionError"
    assert str(error).startswith("(InternalExecutionError) try later [HTTP")
    assert len(server.requests("POST")) == 4
    assert sleeps == BACKOFF
    server.assert_all_played()


def test_backoff_doubles_up_to_retry_backoff_max(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    """With more retries allowed, the waits grow 0.8 * 2 ** (n - 1) and stop at 120 s."""
    server.script("POST", DEALLOCATE, *repeat(Reply(503), 11))
    error = deallocate_fails(
        ServiceError,
        server,
        credential,
        client_options={"retry_status": 10},
    )
    assert error.status_code == 503
    assert len(server.requests("POST")) == 11  # retry_total=10 bounds it
    assert sleeps == pytest.approx([1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4, 120, 120])


def test_an_html_502_page_is_retried_then_raised_with_the_status(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    html = Reply(502, {"Content-Type": "text/html"}, page)
    server.script("POST", DEALLOCATE, *repeat(html, 4))
    error = deallocate_fails(ServiceDecodeError, server, credential)
    assert error.status_code == 502 and error.reason == "Bad Gateway"
    assert error.cloud_error is None and error.code is None and error.details is None
    message = not_json_message(502, "Bad Gateway")
    assert error.message == message and str(error).startswith(message)
    assert error.response is not None and "nginx" in error.response.text()
    assert len(server.requests("POST")) == 4
    assert sleeps == BACKOFF


def test_a_body_cut_short_on_the_wire_is_retried_then_raised(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    """Content-Length promises more than arrives: azure-core's IncompleteReadError, which
    counts against retry_status but adds no backoff (it is not a response in the history).
    """
    cut = Reply(500, body=cloud_error("InternalError", "x" * 200), fault="truncate")
    server.script("POST", DEALLOCATE, *repeat(cut, 4))
    deallocate_fails(IncompleteReadError, server, credential)
    assert len(server.requests("POST")) == 4
    assert sleeps == []
    server.assert_all_played()


# --- connection faults and timeouts on the POST (idempotent: retried) ----------------------------


@pytest.mark.parametrize("fault", ["reset", "close"])
def test_a_dropped_connection_on_the_post_is_retried_because_deallocate_is_idempotent(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], fault: Fault
) -> None:
    server.script("POST", DEALLOCATE, Reply(fault=fault), Reply(200))
    deallocate(server, credential)
    posts = server.requests("POST")
    assert len(posts) == 2
    assert [json.loads(p.body) for p in posts] == [{"instanceIds": ["0"]}] * 2
    assert posts[0].headers["x-ms-client-request-id"] == (
        posts[1].headers["x-ms-client-request-id"]
    )
    assert sleeps == []
    server.assert_all_played()


@pytest.mark.parametrize("fault", ["reset", "close"])
def test_a_connection_dropped_every_time_gives_up_after_3_retries(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], fault: Fault
) -> None:
    server.script("POST", DEALLOCATE, *repeat(Reply(fault=fault), 4))
    error = deallocate_fails(ServiceResponseError, server, credential)
    assert "Connection aborted" in str(error)
    assert len(server.requests("POST")) == 4  # retry_read=3
    assert sleeps == BACKOFF
    server.assert_all_played()


def test_a_post_that_times_out_is_retried_and_then_succeeds(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, Reply(200, delay=STALL), Reply(200))
    started = time.monotonic()
    deallocate(server, credential, read_timeout=READ_TIMEOUT)
    assert time.monotonic() - started < STALL
    assert len(server.requests("POST")) == 2
    assert sleeps == []
    server.assert_all_played()


def test_a_post_that_always_times_out_raises_a_timeout_after_3_retries(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, *repeat(Reply(200, delay=STALL), 4))
    deallocate_fails(
        ServiceResponseTimeoutError, server, credential, read_timeout=READ_TIMEOUT
    )
    assert len(server.requests("POST")) == 4
    assert sleeps == BACKOFF
    server.assert_all_played()


def test_a_refused_connection_is_retried_then_raised(
    credential: FakeCredential, sleeps: list[float], make_server: Callable[[], Any]
) -> None:
    gone = make_server()
    gone.stop()  # the port is now closed: connections are refused
    attempts: list[Any] = []
    with (
        ComputeManagementClient(
            credential,
            SUBSCRIPTION,
            endpoint=gone.url,
            raw_request_hook=attempts.append,
        ) as client,
        pytest.raises(ServiceRequestError) as caught,
    ):
        client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False
        )
    assert type(caught.value) is ServiceRequestError
    assert_no_token(caught.value)
    assert len(attempts) == 4  # retry_connect=3
    assert sleeps == BACKOFF


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A port that listens but never accepts, its backlog already full: connects time out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for open_socket in [*fillers, listener]:
            open_socket.close()


def test_a_connect_that_times_out_is_retried_then_raised(
    credential: FakeCredential, sleeps: list[float], unanswered_port: int
) -> None:
    attempts: list[Any] = []
    started = time.monotonic()
    with (
        ComputeManagementClient(
            credential,
            SUBSCRIPTION,
            endpoint=f"http://127.0.0.1:{unanswered_port}",
            raw_request_hook=attempts.append,
        ) as client,
        pytest.raises(ServiceRequestTimeoutError) as caught,
    ):
        client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False, connection_timeout=READ_TIMEOUT
        )
    assert time.monotonic() - started < 4 * READ_TIMEOUT + 2
    assert_no_token(caught.value)
    assert len(attempts) == 4  # retry_connect=3
    assert sleeps == BACKOFF


# --- faults on the polling GETs ------------------------------------------------------------------


def test_faults_on_the_polls_are_retried_and_polling_goes_on(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op", retry_after="9"))
    server.script(
        "GET",
        "/op",
        Reply(500, body=cloud_error("InternalError", "boom")),
        Reply(fault="reset"),
        Reply(200, delay=STALL),  # read timeout
        Reply(202, {"Retry-After": "4"}),
        Reply(fault="close"),
        Reply(200),
    )
    deallocate(server, credential, read_timeout=READ_TIMEOUT)
    assert len(server.requests("POST")) == 1
    assert len(server.requests("GET", "/op")) == 6
    # First poll: at once, then retries (0, 1.6, 3.2); then the poll's Retry-After (4); the
    # second poll's retry is immediate again (each request has its own retry budget).
    assert sleeps == [*BACKOFF, 4]
    server.assert_all_played()


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_an_error_status_on_a_poll_is_retried_at_once(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: int
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(status), Reply(200))
    deallocate(server, credential)
    assert len(server.requests("GET", "/op")) == 2
    assert sleeps == []
    server.assert_all_played()


def test_a_poll_that_keeps_failing_raises_service_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    body = cloud_error("InternalError", "status store unavailable")
    server.script("GET", "/op", *repeat(Reply(503, body=body), 4))
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False
        )
        with pytest.raises(ServiceError) as caught:
            poller.result()
    error = caught.value
    assert_no_token(error)
    assert type(error) is ServiceError
    assert (error.status_code, error.code) == (503, "InternalError")
    assert error.message == (
        "(InternalError) status store unavailable [HTTP 503 Service Unavailable]"
    )
    assert error.response is not None and error.response.request.url.endswith("/op")
    assert_raised_from_azure_cores_error(error)
    assert poller.status() == "Failed"
    assert len(server.requests("GET", "/op")) == 4
    assert sleeps == BACKOFF
    server.assert_all_played()


def test_a_poll_that_keeps_timing_out_raises_the_timeout(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", *repeat(Reply(202, delay=STALL), 4))
    deallocate_fails(
        ServiceResponseTimeoutError, server, credential, read_timeout=READ_TIMEOUT
    )
    assert len(server.requests("GET", "/op")) == 4
    assert sleeps == BACKOFF
    server.assert_all_played()


def test_a_post_not_declared_idempotent_keeps_azure_cores_default_retries(
    widgets: ModuleType,
    make_server: Callable[[], FaultyServer],
    credential: FakeCredential,
    sleeps: list[float],
) -> None:
    """Without x-armgen-idempotent a POST is not retried after a dropped connection, a
    timeout, a 502 or a 429 without Retry-After; 500/503/504 and Retry-After still are.
    """
    assert not hasattr(widgets._client, "_RETRY_EVEN_POST")
    once: list[tuple[Reply, type[BaseException]]] = [
        (Reply(fault="reset"), ServiceResponseError),
        (Reply(fault="close"), ServiceResponseError),
        (Reply(502), widgets.ServiceError),
        (Reply(429), widgets.ServiceError),
        (Reply(408), widgets.ServiceError),
    ]
    for reply, expected in once:
        server = make_server()
        server.script("POST", RESTART_PATH, reply)
        with pytest.raises(expected) as caught:
            restart(widgets, server.url, credential)
        assert type(caught.value) is expected
        assert_no_token(caught.value)
        assert len(server.seen) == 1, reply
        server.assert_all_played()
    for reply in (Reply(500), Reply(503), Reply(504), Reply(429, {"Retry-After": "5"})):
        server = make_server()
        server.script("POST", RESTART_PATH, reply, Reply(200))
        restart(widgets, server.url, credential)
        assert len(server.seen) == 2, reply
        server.assert_all_played()
    assert sleeps == [5]
    refused = make_server()
    refused.stop()
    with pytest.raises(ServiceRequestError):
        restart(widgets, refused.url, credential)  # a refused connection: not retried
    assert sleeps == [5]
