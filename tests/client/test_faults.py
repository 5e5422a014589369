"""The generated client against a local server that misbehaves on purpose.

Every test scripts the replies of `FaultyServer` (127.0.0.1, one per test), drives the client
through them and asserts what went on the wire (how many attempts, with which headers), how long
the client asked to wait (time.sleep / asyncio.sleep are patched: nothing really sleeps), and what
the caller got back. The retry rules are azure-core's (azure/core/pipeline/policies/_retry.py):

- a status >= 400 with Retry-After (or retry-after-ms / x-ms-retry-after-ms) is retried whatever
  the method and status, after exactly that wait, with no cap;
- otherwise 408, 429, 500, 502, 503, 504 (and 506+) are retried for the methods in
  `retry_on_methods`, and 500, 503, 504 also for any POST;
- errors instead of a response (refused connection, reset, timeout) are retried only for the
  methods in `retry_on_methods`: azure-core's default leaves POST out, and the generated client
  adds it for operations the spec marks `x-armgen-idempotent` (Deallocate);
- at most retry_status=3, retry_connect=3, retry_read=3 retries (retry_total=10), waiting
  0 s before the first retry then retry_backoff_factor * 2 ** (n - 1) (0.8 -> 1.6, 3.2, ...),
  capped at retry_backoff_max (120 s).

The bearer token (`TOKEN`) is checked everywhere it must not be: in logs at DEBUG, in every
exception's str, repr and traceback, on requests to any other host, in continuation tokens and
in the committed cassettes.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import email.utils
import importlib
import json
import logging
import re
import socket
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from types import ModuleType
from typing import Any
from urllib.parse import quote, unquote

import pytest
from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    DecodeError,
    HttpResponseError,
    IncompleteReadError,
    ResourceExistsError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceRequestTimeoutError,
    ServiceResponseError,
    ServiceResponseTimeoutError,
)
from azure.core.pipeline.transport import RequestsTransport

from generator.pipeline import GenerateOptions, generate_files
from generator.write import write_tree
from tests.helpers import CASSETTES, FAKE_TOKEN, SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    RG,
    TOKEN,
    VMSS,
    Fault,
    FaultyServer,
    Reply,
    Seen,
    accepted,
    assert_no_token,
    async_deallocate,
    cloud_error,
    deallocate,
    deallocate_fails,
    failing_operation,
    repeat,
)
from vmss_deallocate import (
    CloudError,
    ServiceAuthenticationError,
    ServiceError,
    ServiceResourceExistsError,
    ServiceResourceNotFoundError,
    VirtualMachineScaleSetsClient,
)

BACKOFF = [1.6, 3.2]
"""azure-core's waits before the 2nd and 3rd retries (the 1st is immediate): 0.8 * 2 ** (n - 1)."""
READ_TIMEOUT = 0.3
"""Seconds the client waits for a response in the timeout tests; the server stalls longer."""
STALL = 5.0
"""How long a stalling reply holds back (cut short when the server shuts down)."""


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


@pytest.fixture
def async_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """asyncio.sleep recorded, not slept (aiohttp's own sleep(0) yields are left out)."""
    recorded: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_sleep(delay: float, *args: Any) -> None:
        if delay:
            recorded.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    return recorded


# --- Retry-After: honoured exactly, never capped ------------------------------------------------


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


def test_a_huge_retry_after_is_slept_in_full_azure_core_has_no_cap(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    """Finding: retry_backoff_max (120 s) bounds backoff only; Retry-After is obeyed as sent,
    and the `timeout` keyword is checked only between attempts. What bounds the waiting is the
    number of retries (retry_status=3): 3 x 86400 s here with the defaults."""
    server.script(
        "POST",
        DEALLOCATE,
        Reply(503, {"Retry-After": "3600"}),
        *repeat(Reply(429, {"Retry-After": "86400"}), 3),
    )
    error = deallocate_fails(ServiceError, server, credential)
    assert sleeps == [3600, 86400, 86400]
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
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 502 and error.reason == "Bad Gateway"
    assert error.cloud_error is None and error.code is None and error.details is None
    message = "HTTP 502 Bad Gateway: the response body is not a JSON error object"
    assert error.message == message and str(error).startswith(message)
    assert error.response is not None and "nginx" in error.response.text()
    assert len(server.requests("POST")) == 4
    assert sleeps == BACKOFF


NOT_JSON = {
    "truncated-json": '{"error": {"code": "InvalidParameter", "message": "The provided',
    "plain-text": "Bad Request",
    "html": "<html><body><h1>400 Bad Request</h1></body></html>",
}
"""Bodies that are not JSON at all."""
JSON_NOT_AN_ERROR = {
    "empty": "",
    "json-array": "[1, 2]",
    "json-null": "null",
    "json-string": '"just a string"',
    "error-not-object": '{"error": "not an object"}',
    "details-not-list": '{"error": {"code": "X", "details": "not a list"}}',
}
"""Bodies that are JSON (or empty) but not the CloudError shape."""
BAD_REQUEST_MESSAGE = (
    "HTTP 400 Bad Request: the response body is not a JSON error object"
)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        *(("text/plain", body) for body in NOT_JSON.values()),
        ("text/plain", b"\xff\xfe\x00not utf-8"),
        *(("application/json", body) for body in JSON_NOT_AN_ERROR.values()),
    ],
    ids=[*NOT_JSON, "not-utf8", *JSON_NOT_AN_ERROR],
)
def test_a_broken_error_body_still_raises_service_error_with_the_status(
    server: FaultyServer, credential: FakeCredential, content_type: str, body: str
) -> None:
    server.script("POST", DEALLOCATE, Reply(400, {"Content-Type": content_type}, body))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 400 and error.cloud_error is None and error.code is None
    assert error.message == BAD_REQUEST_MESSAGE
    assert len(server.requests("POST")) == 1  # a 400 without Retry-After is final
    server.assert_all_played()


WRONG_TYPES: dict[str, Any] = {
    "code-int": {"error": {"code": 5}},
    "code-bool": {"error": {"code": True, "message": "m"}},
    "message-list": {"error": {"code": "X", "message": ["a", "b"]}},
    "target-object": {"error": {"code": "X", "target": {"a": 1}}},
    "detail-code-int": {"error": {"code": "X", "details": [{"code": 1}]}},
    "detail-not-object": {"error": {"code": "X", "details": ["not an object"]}},
    "innererror-int": {"error": {"code": "X", "innererror": {"errordetail": 1}}},
}
"""JSON error bodies of the CloudError shape with one value of the wrong JSON type."""


@pytest.mark.parametrize("body", WRONG_TYPES.values(), ids=list(WRONG_TYPES))
def test_an_error_body_with_wrong_types_does_not_break_the_typed_fields(
    server: FaultyServer, credential: FakeCredential, body: dict[str, Any]
) -> None:
    """from_dict checks every value's JSON type: one wrong value makes the whole body "not a
    JSON error object", so no typed field ever holds a value of another type."""
    with pytest.raises(TypeError):
        CloudError.from_dict(body)
    server.script("POST", DEALLOCATE, Reply(400, body=body))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 400
    assert error.cloud_error is None and error.api_error is None
    assert error.code is None and error.target is None and error.details is None
    assert error.innererror is None
    assert error.message == BAD_REQUEST_MESSAGE
    assert str(error).startswith(BAD_REQUEST_MESSAGE)
    assert len(server.requests("POST")) == 1
    server.assert_all_played()


def test_a_409_with_a_plain_text_body_keeps_its_azure_core_class(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script(
        "POST", DEALLOCATE, Reply(409, {"Content-Type": "text/plain"}, "Conflict")
    )
    error = deallocate_fails(ServiceResourceExistsError, server, credential)
    assert issubclass(type(error), ResourceExistsError) and error.cloud_error is None


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [
        *((400, "application/json; charset=utf-8", b) for b in NOT_JSON.values()),
        *((400, None, b) for b in NOT_JSON.values()),
        (409, None, "Conflict"),
        (502, None, "<html><body>Bad Gateway</body></html>"),
    ],
    ids=[
        *(f"json-{name}" for name in NOT_JSON),
        *(f"no-type-{name}" for name in NOT_JSON),
        "409-no-type",
        "502-html-no-type",
    ],
)
def test_a_body_that_is_not_json_raises_service_error_whatever_its_content_type(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    status: int,
    content_type: str | None,
    body: str,
) -> None:
    """No ContentDecodePolicy in the pipeline: the body is parsed by error_from_response
    only, so whatever the Content-Type says, the caller gets ServiceError (ResourceExists
    for a 409), retried as its status says."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    attempts = 4 if status == 502 else 1  # 400 and 409 are final, 502 is retried
    server.script("POST", DEALLOCATE, *repeat(Reply(status, headers, body), attempts))
    expected = ServiceResourceExistsError if status == 409 else ServiceError
    error = deallocate_fails(expected, server, credential)
    assert error.status_code == status
    assert error.cloud_error is None and error.code is None
    message = (
        f"HTTP {status} {error.reason}: the response body is not a JSON error object"
    )
    assert error.message == message and str(error).startswith(message)
    assert error.response is not None and error.response.text() == body
    assert len(server.requests("POST")) == attempts
    assert sleeps == (BACKOFF if status == 502 else [])
    server.assert_all_played()


def test_a_json_labelled_body_that_is_not_json_is_a_service_error_not_a_decode_error(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """`except ServiceError` catches it; azure-core's DecodeError is not raised at all."""
    cut = '{"error": {"code": "InvalidParameter", "message": "The provided'
    server.script(
        "POST", DEALLOCATE, Reply(400, {"Content-Type": "application/json"}, cut)
    )
    error = deallocate_fails(ServiceError, server, credential)
    assert isinstance(error, HttpResponseError) and not isinstance(error, DecodeError)
    assert error.__cause__ is None
    assert error.status_code == 400
    assert error.message == BAD_REQUEST_MESSAGE
    assert str(error).startswith(BAD_REQUEST_MESSAGE)
    assert error.response is not None and error.response.text() == cut
    server.assert_all_played()


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
        VirtualMachineScaleSetsClient(
            credential,
            SUBSCRIPTION,
            endpoint=gone.url,
            raw_request_hook=attempts.append,
        ) as client,
        pytest.raises(ServiceRequestError) as caught,
    ):
        client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
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
        VirtualMachineScaleSetsClient(
            credential,
            SUBSCRIPTION,
            endpoint=f"http://127.0.0.1:{unanswered_port}",
            raw_request_hook=attempts.append,
        ) as client,
        pytest.raises(ServiceRequestTimeoutError) as caught,
    ):
        client.begin_deallocate(
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


def assert_raised_from_azure_cores_error(error: ServiceError) -> None:
    """_ServicePolling's ServiceError chains the HttpResponseError that ARMPolling raised,
    about the same response."""
    cause = error.__cause__
    assert type(cause) is HttpResponseError, repr(cause)
    assert cause.response is error.response and cause.status_code == error.status_code
    assert error.code is not None and cause.error is not None
    assert cause.error.code == error.code


def test_a_poll_that_keeps_failing_raises_service_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    body = cloud_error("InternalError", "status store unavailable")
    server.script("GET", "/op", *repeat(Reply(503, body=body), 4))
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
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


# --- the operation ends Failed or Canceled -------------------------------------------------------


@pytest.mark.parametrize("status", ["Failed", "Canceled"])
def test_an_operation_that_ends_failed_or_canceled_raises_with_its_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: str
) -> None:
    failing_operation(server, status)
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
        with pytest.raises(ServiceError) as caught:
            poller.result()
    error = caught.value
    assert_no_token(error)
    assert type(error) is ServiceError
    assert error.status_code == 200  # the status monitor answered fine
    assert (error.code, error.target) == ("VMDeallocationFailed", "instanceIds[0]")
    assert error.message == (
        "(VMDeallocationFailed) Instance 0 could not be deallocated."
        " Target: instanceIds[0]. [HTTP 200 OK]"
    )
    assert str(error) == error.message
    assert error.response is not None
    assert error.response.request.url == f"{server.url}/async/op"
    assert_raised_from_azure_cores_error(error)
    assert poller.status() == status
    assert sleeps == [3]
    assert server.requests("GET", "/location/op") == []  # no final GET after a failure
    server.assert_all_played()


def _failing_poll(server: FaultyServer, status: str) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    body = cloud_error("VMDeallocationFailed", "status store unavailable")
    retried = 4 if int(status) >= 500 else 1  # a GET 404 is not retried
    server.script("GET", "/op", *repeat(Reply(int(status), body=body), retried))


FAILURES: dict[str, tuple[type[ServiceError], int, list[float]]] = {
    "Failed": (ServiceError, 200, [3]),
    "Canceled": (ServiceError, 200, [3]),
    "503": (ServiceError, 503, BACKOFF),
    "404": (ServiceResourceNotFoundError, 404, []),
}
"""How each failure of the operation is raised: the class, its status and the waits."""


@pytest.mark.parametrize("status", list(FAILURES))
def test_an_operation_that_fails_raises_service_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: str
) -> None:
    """`except ServiceError` around .result() (the README's example) catches a failed
    operation as it does a failed first request, 404's subclass included."""
    if status.isdigit():
        _failing_poll(server, status)
    else:
        failing_operation(server, status)
    expected, status_code, waits = FAILURES[status]
    error = deallocate_fails(expected, server, credential)
    assert error.status_code == status_code
    assert error.code == "VMDeallocationFailed"
    assert_raised_from_azure_cores_error(error)
    if expected is ServiceResourceNotFoundError:
        assert isinstance(error, ResourceNotFoundError)
    assert sleeps == waits
    server.assert_all_played()


def test_an_operation_that_fails_without_an_error_still_raises_service_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script(
        "POST",
        DEALLOCATE,
        accepted(f"{server.url}/location/op", Azure_AsyncOperation=f"{server.url}/op"),
    )
    server.script("GET", "/op", Reply(200, body={"status": "Failed"}))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 200
    assert error.cloud_error is not None and error.api_error is None
    assert error.code is None
    assert error.message == "HTTP 200 OK: the response body is not a JSON error object"
    assert type(error.__cause__) is HttpResponseError
    assert sleeps == []
    server.assert_all_played()


MONITOR_BODIES = [
    pytest.param("text/html", "<html><body>Gateway</body></html>", id="html"),
    pytest.param("application/json", '{"status": "InPro', id="truncated-json"),
    pytest.param("application/json", "[1, 2]", id="json-array"),
]
"""Status monitor bodies that are not a JSON object: azure-core's parser raises DecodeError
without a response (not JSON) or AttributeError (JSON, not an object); _ServicePolling.run
turns both into ServiceError for the monitor's response."""


@pytest.mark.parametrize(("content_type", "body"), MONITOR_BODIES)
def test_a_status_monitor_body_that_is_not_a_json_object_raises_service_error(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    content_type: str,
    body: str,
) -> None:
    """`except ServiceError` catches it, with the monitor's 200 response, not a bare
    DecodeError or AttributeError."""
    server.script(
        "POST",
        DEALLOCATE,
        accepted(f"{server.url}/location/op", Azure_AsyncOperation=f"{server.url}/op"),
    )
    server.script("GET", "/op", Reply(200, {"Content-Type": content_type}, body))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 200 and error.cloud_error is None
    assert error.message == "HTTP 200 OK: the response body is not a JSON error object"
    assert error.response is not None
    assert error.response.request.url == f"{server.url}/op"
    assert isinstance(error.__cause__, DecodeError | AttributeError)
    server.assert_all_played()


# --- the token stays with the endpoint -----------------------------------------------------------


def _authorization(seen: Seen) -> str | None:
    return seen.headers.get("authorization")


@pytest.mark.parametrize("header", ["Location", "Azure-AsyncOperation"])
def test_a_poll_url_on_another_host_never_gets_the_token(
    make_server: Callable[[], FaultyServer],
    credential: FakeCredential,
    sleeps: list[float],
    header: str,
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script(
        "POST", DEALLOCATE, Reply(202, {header: f"{elsewhere.url}/op?token=please"})
    )
    monitor = {"status": "Succeeded"} if header == "Azure-AsyncOperation" else b""
    elsewhere.script("GET", "/op", Reply(500), Reply(200, body=monitor))
    deallocate(endpoint, credential)
    assert _authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    polls = elsewhere.requests("GET", "/op")
    assert len(polls) == 2 and all(_authorization(p) is None for p in polls)
    endpoint.assert_all_played()
    elsewhere.assert_all_played()


def test_a_401_challenge_from_another_host_does_not_draw_the_token_out(
    make_server: Callable[[], FaultyServer], credential: FakeCredential
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script("POST", DEALLOCATE, accepted(f"{elsewhere.url}/op"))
    challenge = (
        'Bearer authorization_uri="https://login.microsoftonline.com/common",'
        ' error="insufficient_claims",'
        ' claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ=="'
    )
    elsewhere.script(
        "GET", "/op", *repeat(Reply(401, {"WWW-Authenticate": challenge}), 2)
    )
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=endpoint.url
    ) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
        with pytest.raises(ServiceAuthenticationError) as caught:
            poller.result()
    assert_no_token(caught.value)
    assert type(caught.value) is ServiceAuthenticationError
    assert isinstance(caught.value, ClientAuthenticationError)
    assert caught.value.status_code == 401
    # The challenge makes azure-mgmt-core ask the credential again (with the claims) and resend
    # once; the resent poll is stripped too.
    polls = elsewhere.requests("GET", "/op")
    assert len(polls) == 2 and all(_authorization(p) is None for p in polls)
    assert len(credential.scopes) == 2
    endpoint.assert_all_played()
    elsewhere.assert_all_played()


class RoutedTransport(RequestsTransport):  # type: ignore[misc]
    """Sends requests for https://<host> to a local http server, so that the client runs with
    its https check on (no `enforce_https=False`) while the bytes stay on 127.0.0.1."""

    def __init__(self, routes: Mapping[str, str]) -> None:
        super().__init__()
        self.routes = routes

    def send(self, request: Any, **kwargs: Any) -> Any:
        original = request.url
        for prefix, target in self.routes.items():
            if original.startswith(prefix + "/"):
                request.url = target + original[len(prefix) :]
                break
        try:
            return super().send(request, **kwargs)
        finally:
            request.url = original


ELSEWHERE = "https://elsewhere.example"


def _routed_client(
    credential: FakeCredential, endpoint: FaultyServer, elsewhere: FaultyServer
) -> VirtualMachineScaleSetsClient:
    routes = {"https://management.azure.com": endpoint.url, ELSEWHERE: elsewhere.url}
    return VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, transport=RoutedTransport(routes)
    )


def test_over_https_a_location_on_another_host_never_gets_the_token(
    make_server: Callable[[], FaultyServer], credential: FakeCredential
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script("POST", DEALLOCATE, accepted(f"{ELSEWHERE}/op"))
    elsewhere.script("GET", "/op", Reply(200))
    with _routed_client(credential, endpoint, elsewhere) as client:
        assert client.begin_deallocate(RG, VMSS, ["0"]).result() is None
    assert _authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert _authorization(elsewhere.requests("GET", "/op")[0]) is None
    endpoint.assert_all_played()
    elsewhere.assert_all_played()


def test_a_307_redirect_of_the_post_to_another_host_loses_the_token(
    make_server: Callable[[], FaultyServer], credential: FakeCredential
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script(
        "POST", DEALLOCATE, Reply(307, {"Location": f"{ELSEWHERE}{DEALLOCATE}"})
    )
    elsewhere.script("POST", DEALLOCATE, Reply(200))
    with _routed_client(credential, endpoint, elsewhere) as client:
        assert client.begin_deallocate(RG, VMSS, ["0"]).result() is None
    assert _authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert _authorization(elsewhere.requests("POST")[0]) is None
    endpoint.assert_all_played()
    elsewhere.assert_all_played()


def test_a_location_that_downgrades_to_http_is_refused_before_sending(
    make_server: Callable[[], FaultyServer],
    credential: FakeCredential,
    sleeps: list[float],
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script("POST", DEALLOCATE, accepted(f"{elsewhere.url}/op"))
    with _routed_client(credential, endpoint, elsewhere) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"])
        with pytest.raises(ServiceRequestError, match="non-TLS") as caught:
            poller.result()
    assert_no_token(caught.value)
    assert elsewhere.seen == []
    # The refusal is a ServiceRequestError, which azure-core retries for a GET.
    assert sleeps == BACKOFF
    endpoint.assert_all_played()


def test_plain_http_is_refused_without_the_test_only_switch(
    server: FaultyServer, credential: FakeCredential
) -> None:
    with (
        VirtualMachineScaleSetsClient(
            credential, SUBSCRIPTION, endpoint=server.url, retry_total=0
        ) as client,
        pytest.raises(ServiceRequestError, match="non-TLS") as caught,
    ):
        client.begin_deallocate(RG, VMSS, ["0"])
    assert_no_token(caught.value)
    assert server.seen == [] and credential.scopes == []


# --- the token is never logged, kept or recorded ---------------------------------------------


def test_debug_logging_never_shows_the_token(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger: every library's records
    server.script(
        "POST",
        DEALLOCATE,
        Reply(503, {"Retry-After": "1"}),
        accepted(f"{server.url}/op", retry_after="2"),
    )
    server.script("GET", "/op", Reply(fault="reset"), Reply(202), Reply(200))
    deallocate(server, credential, client_options={"logging_enable": True})
    records = caplog.records
    assert any(
        r.name == "azure.core.pipeline.policies.http_logging_policy" for r in records
    )
    text = caplog.text + "".join(
        f"{r.getMessage()} {r.args!r} {vars(r)!r}" for r in records
    )
    assert "'Authorization': 'REDACTED'" in text  # the header was there, and redacted
    assert TOKEN not in text
    assert "Bearer " not in text


def test_the_continuation_token_never_holds_the_token(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(200))
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
        poller.result()
        saved = poller.continuation_token()
    assert _authorization(server.requests("POST")[0]) == f"Bearer {TOKEN}"
    decoded = base64.b64decode(saved)
    assert TOKEN.encode() not in decoded and b"Bearer" not in decoded
    assert TOKEN not in saved


def test_the_error_keeps_the_request_as_sent_token_included(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """What the README warns about: str/repr are clean, but error.response.request is the live
    request object, Authorization header included (azure-core's design)."""
    server.script("POST", DEALLOCATE, Reply(400, body=cloud_error("Bad", "request")))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.response is not None and error.response.request is not None
    assert error.response.request.headers["Authorization"] == f"Bearer {TOKEN}"


TOKEN_MARKS = (TOKEN, FAKE_TOKEN, "Bearer ", "eyJ0eXAiOiJKV1Qi")
"""Our fake tokens, any bearer header, and the start of a real Entra ID token (a JWT)."""


def test_no_cassette_anywhere_holds_a_token_or_an_authorization_header() -> None:
    """Every file under tests/cassettes, at any depth (the other scans read one folder each)."""
    files = [path for path in sorted(CASSETTES.rglob("*")) if path.is_file()]
    assert len(files) > 7  # the scan did find the cassettes
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for mark in TOKEN_MARKS:
            assert mark not in text, f"{path.relative_to(CASSETTES)} holds {mark!r}"
        assert "authorization:" not in text.lower(), path.relative_to(CASSETTES)


# --- path parameters cannot reach another resource -------------------------------------------


HOSTILE_NAMES = [
    "../../other-rg",
    "x/../../y",
    "x?api-version=1999-01-01",
    "x#fragment",
    "my name",
    "x%2F..%2Fy",
    "x\\..\\y",
    "...",
    "grüße",
]
SEGMENT = {"subscription_id": 2, "resource_group_name": 4, "vm_scale_set_name": 8}
"""Where each path parameter sits in DEALLOCATE.split("/")."""


@pytest.mark.parametrize("parameter", list(SEGMENT))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_stays_one_path_segment_of_the_request(
    server: FaultyServer, credential: FakeCredential, parameter: str, name: str
) -> None:
    names = {"subscription_id": SUBSCRIPTION, "resource_group_name": RG}
    names |= {"vm_scale_set_name": VMSS, parameter: name}
    segments = DEALLOCATE.split("/")
    segments[SEGMENT[parameter]] = quote(name, safe="")
    server.script("POST", "/".join(segments), Reply(200))
    with VirtualMachineScaleSetsClient(
        credential, names["subscription_id"], endpoint=server.url
    ) as client:
        poller = client.begin_deallocate(
            names["resource_group_name"],
            names["vm_scale_set_name"],
            ["0"],
            enforce_https=False,
        )
        poller.result()
    (seen,) = server.seen
    sent = seen.path.split("/")
    assert len(sent) == len(segments)
    assert unquote(sent[SEGMENT[parameter]]) == name
    assert seen.query == "api-version=2024-07-01"
    assert "x-injected" not in seen.headers
    server.assert_all_played()


@pytest.mark.parametrize(
    "name", ["", ".", "..", "x\r\nX-Injected: 1", "blue-1\n", "tab\there", "del\x7f"]
)
def test_names_that_would_change_the_url_are_refused_before_sending(
    server: FaultyServer, credential: FakeCredential, name: str
) -> None:
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        for arguments in ((name, VMSS), (RG, name)):
            expected = (
                "must not contain control characters"
                if any(ord(c) < 32 or ord(c) == 127 for c in name)
                else f"must not be {re.escape(repr(name))}$"
            )
            with pytest.raises(ValueError, match=expected):
                client.begin_deallocate(*arguments, ["0"], enforce_https=False)
    assert server.seen == [] and credential.scopes == []


def _string(description: str, **rules: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **rules}


def _path(name: str, description: str, **rules: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        **_string(description, **rules),
    }


WIDGET_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {
        "title": "WidgetClient",
        "description": "Widgets whose names the spec constrains.",
        "version": "2024-01-01",
    },
    "host": "management.azure.com",
    "schemes": ["https"],
    "consumes": ["application/json"],
    "produces": ["application/json"],
    "security": [{"azure_auth": ["user_impersonation"]}],
    "securityDefinitions": {
        "azure_auth": {
            "type": "oauth2",
            "flow": "implicit",
            "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
            "description": "Microsoft Entra ID.",
            "scopes": {"user_impersonation": "Act on behalf of the signed-in user."},
        }
    },
    "paths": {
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers"
        "/Contoso.Widgets/widgets/{widgetName}/restart": {
            "post": {
                "operationId": "Widgets_Restart",
                "description": "Restart a widget (not declared idempotent).",
                "parameters": [
                    _path("subscriptionId", "Subscription."),
                    # The pattern ARM uses for resource group names.
                    _path(
                        "resourceGroupName",
                        "Resource group.",
                        minLength=1,
                        maxLength=90,
                        pattern=r"^[-\w\._\(\)]+$",
                    ),
                    _path(
                        "widgetName",
                        "Widget name.",
                        minLength=3,
                        maxLength=12,
                        pattern="^[a-z][a-z0-9-]*$",
                    ),
                    {
                        "name": "api-version",
                        "in": "query",
                        "required": True,
                        **_string("API version."),
                    },
                ],
                "responses": {
                    "200": {"description": "Restarted."},
                    "default": {
                        "description": "Error.",
                        "schema": {"$ref": "#/definitions/CloudError"},
                    },
                },
            }
        }
    },
    "definitions": {
        "CloudError": {
            "type": "object",
            "description": "Error body.",
            "properties": {
                "error": {
                    "type": "object",
                    "description": "The error.",
                    "properties": {
                        "code": _string("Code."),
                        "message": _string("Message."),
                    },
                }
            },
        }
    },
}
WIDGETS = "armgen_fault_widgets"
WIDGET_PATH = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{RG}/providers/Contoso.Widgets"
    "/widgets/blue-1/restart"
)


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """A client generated from WIDGET_SPEC: pattern-constrained names, a plain POST."""
    root = tmp_path_factory.mktemp("widgets")
    (root / "widgets.json").write_text(json.dumps(WIDGET_SPEC), encoding="utf-8")
    tree = generate_files(
        GenerateOptions(spec=root / "widgets.json", package_name=WIDGETS), root / "out"
    )
    write_tree(tree.files, tree.root)
    sys.path.insert(0, str(root / "out"))
    try:
        yield importlib.import_module(WIDGETS)
    finally:
        sys.path.remove(str(root / "out"))
        for name in [m for m in sys.modules if m.partition(".")[0] == WIDGETS]:
            del sys.modules[name]


def restart(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    resource_group: str = RG,
    widget: str = "blue-1",
) -> None:
    with widgets.WidgetsClient(credential, endpoint=server.url) as client:
        client.restart(
            SUBSCRIPTION, resource_group, widget, "2024-01-01", enforce_https=False
        )


@pytest.mark.parametrize(
    ("resource_group", "widget", "message"),
    [
        (RG, "ab", "widget_name must be at least 3 characters long"),
        (RG, "a" * 13, "widget_name must be at most 12 characters long"),
        (RG, "Blue-1", "widget_name must match the pattern '^[a-z][a-z0-9-]*$'"),
        (RG, "blue/../x", "widget_name must match the pattern"),
        (RG, "blue 1", "widget_name must match the pattern"),
        (RG, "blue?x=1", "widget_name must match the pattern"),
        ("rg#x", "blue-1", "resource_group_name must match the pattern"),
        ("r" * 91, "blue-1", "resource_group_name must be at most 90 characters long"),
    ],
)
def test_names_outside_the_spec_constraints_are_refused_before_sending(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    resource_group: str,
    widget: str,
    message: str,
) -> None:
    with pytest.raises(ValueError) as caught:
        restart(widgets, server, credential, resource_group, widget)
    assert str(caught.value).startswith(message)
    assert server.seen == [] and credential.scopes == []


def test_names_within_the_spec_constraints_are_sent(
    widgets: ModuleType, server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", WIDGET_PATH, Reply(200))
    restart(widgets, server, credential)
    assert len(server.seen) == 1
    server.assert_all_played()


@pytest.mark.parametrize(
    ("resource_group", "widget", "parameter"),
    [
        (RG, "blue-1\n", "widget_name"),
        (RG, "blue-1\r\n", "widget_name"),
        (RG, "blue\t1", "widget_name"),
        (RG, "blue-1\x7f", "widget_name"),
        (f"{RG}\n", "blue-1", "resource_group_name"),
    ],
)
def test_a_trailing_newline_does_not_satisfy_an_anchored_pattern(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    resource_group: str,
    widget: str,
    parameter: str,
) -> None:
    """Python's `$` also matches before a final newline, so re.search alone would let
    'blue-1\\n' through ^[a-z][a-z0-9-]*$; control characters are refused first."""
    pattern = re.compile(r"^[a-z][a-z0-9-]*$", re.ASCII)
    assert pattern.search("blue-1\n") is not None  # why the check is needed
    with pytest.raises(ValueError) as caught:
        restart(widgets, server, credential, resource_group, widget)
    assert str(caught.value) == f"{parameter} must not contain control characters"
    assert server.seen == [] and credential.scopes == []


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
        server.script("POST", WIDGET_PATH, reply)
        with pytest.raises(expected) as caught:
            restart(widgets, server, credential)
        assert type(caught.value) is expected
        assert_no_token(caught.value)
        assert len(server.seen) == 1, reply
        server.assert_all_played()
    for reply in (Reply(500), Reply(503), Reply(504), Reply(429, {"Retry-After": "5"})):
        server = make_server()
        server.script("POST", WIDGET_PATH, reply, Reply(200))
        restart(widgets, server, credential)
        assert len(server.seen) == 2, reply
        server.assert_all_played()
    assert sleeps == [5]
    refused = make_server()
    refused.stop()
    with pytest.raises(ServiceRequestError):
        restart(
            widgets, refused, credential
        )  # a refused connection: not retried either
    assert sleeps == [5]


# --- the async client, where it differs ---------------------------------------------------------


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
    if status.isdigit():
        _failing_poll(server, status)
    else:
        failing_operation(server, status)
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
    assert (
        error.message
        == "HTTP 409 Conflict: the response body is not a JSON error object"
    )
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
    with pytest.raises(ServiceError) as caught:
        async_deallocate(server)
    error = caught.value
    assert type(error) is ServiceError, repr(error)
    assert error.status_code == 200 and error.cloud_error is None
    assert error.message == "HTTP 200 OK: the response body is not a JSON error object"
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
    assert _authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert _authorization(elsewhere.requests("GET")[0]) is None
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
