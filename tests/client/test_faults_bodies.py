"""Bodies a server should not send: error bodies that are not the spec's JSON error, bodies nested
too deeply to parse, bodies too large (gzip bombs included), results of the wrong shape.

Whatever the body, the caller gets the generated ServiceError (an azure-core HttpResponseError)
with the status; a body that is not JSON makes it a ServiceDecodeError, which is also azure-core's
DecodeError. No body is read past max_error_body_bytes (1 MiB) for an error status or
max_body_bytes (64 MiB) otherwise, counted after decompression: the rest is left unread.
"""

from __future__ import annotations

import logging
import tracemalloc
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from azure.core.exceptions import DecodeError
from azure.core.pipeline.transport import RequestsTransport
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    RG,
    TOKEN,
    VMSS,
    FaultyServer,
    Reply,
    accepted,
    deallocate,
    deallocate_fails,
    not_json_message,
    repeat,
)
from tests.helpers.widgets import API_VERSION, WIDGET, WIDGET_PATH, widget_json
from vmss_deallocate import (
    MAX_ERROR_BODY_BYTES,
    CloudError,
    ComputeManagementClient,
    ServiceDecodeError,
    ServiceError,
    ServiceResourceExistsError,
)

MiB = 1024 * 1024


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


def deep(depth: int) -> str:
    """JSON nested `depth` levels deep: more than the parser's recursion allows."""
    return '{"error": ' + "[" * depth + "]" * depth + "}"


def gzip_of_zeros(size: int) -> bytes:
    """`size` zero bytes, gzipped (about a thousandth of the size on the wire)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MiB)
    parts = [packer.compress(block) for _ in range(size // MiB)]
    return b"".join([*parts, packer.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """256 MiB once inflated, 256 KiB as sent."""
    return gzip_of_zeros(256 * MiB)


def peak_memory_of(call: Any) -> int:
    """The peak of Python's allocations while `call()` runs, in bytes."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- error bodies that are not the spec's error -------------------------------------------------


NOT_JSON = {
    "truncated-json": '{"error": {"code": "InvalidParameter", "message": "The provided',
    "plain-text": "Bad Request",
    "html": "<html><body><h1>400 Bad Request</h1></body></html>",
    "not-utf8": b"\xff\xfe\x00not utf-8",
    "too-deep": deep(100_000),
}
"""Bodies that are not JSON at all, or nest deeper than Python's parser goes."""
JSON_NOT_AN_ERROR = {
    "json-array": "[1, 2]",
    "json-null": "null",
    "json-string": '"just a string"',
    "error-not-object": '{"error": "not an object"}',
    "details-not-list": '{"error": {"code": "X", "details": "not a list"}}',
}
"""Bodies that are JSON but not the CloudError shape."""
BAD_REQUEST_MESSAGE = not_json_message(400, "Bad Request")


@pytest.mark.parametrize(
    ("content_type", "body", "expected", "message"),
    [
        *(
            ("text/plain", body, ServiceDecodeError, BAD_REQUEST_MESSAGE)
            for body in NOT_JSON.values()
        ),
        *(
            ("application/json", body, ServiceError, BAD_REQUEST_MESSAGE)
            for body in JSON_NOT_AN_ERROR.values()
        ),
        (
            "application/json",
            "",
            ServiceError,
            not_json_message(400, "Bad Request", "the response has no body"),
        ),
    ],
    ids=[*NOT_JSON, *JSON_NOT_AN_ERROR, "empty"],
)
def test_a_broken_error_body_still_raises_service_error_with_the_status(
    server: FaultyServer,
    credential: FakeCredential,
    content_type: str,
    body: str,
    expected: type[ServiceError],
    message: str,
) -> None:
    """Without error details the message is azure-core's own words for a response it cannot
    explain, then why; a body that is not JSON makes the error a ServiceDecodeError too.
    """
    server.script("POST", DEALLOCATE, Reply(400, {"Content-Type": content_type}, body))
    error = deallocate_fails(expected, server, credential)
    assert error.status_code == 400 and error.cloud_error is None and error.code is None
    assert error.message == message
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
    assert error.cloud_error is None and not isinstance(error, DecodeError)


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
    only, so whatever the Content-Type says, the caller gets ServiceDecodeError (409 keeps
    ServiceResourceExistsError), retried as its status says."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    attempts = 4 if status == 502 else 1  # 400 and 409 are final, 502 is retried
    server.script("POST", DEALLOCATE, *repeat(Reply(status, headers, body), attempts))
    expected = ServiceResourceExistsError if status == 409 else ServiceDecodeError
    error = deallocate_fails(expected, server, credential)
    assert error.status_code == status
    assert error.cloud_error is None and error.code is None
    message = not_json_message(status, error.reason or "")
    assert error.message == message and str(error).startswith(message)
    assert error.response is not None and error.response.content == (
        body if isinstance(body, bytes) else body.encode()
    )
    assert len(server.requests("POST")) == attempts
    assert sleeps == ([1.6, 3.2] if status == 502 else [])
    server.assert_all_played()


def test_a_json_labelled_body_that_is_not_json_is_a_service_decode_error(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """`except ServiceError` catches it, and so does `except DecodeError`; nothing bare of
    azure-core's is raised."""
    cut = '{"error": {"code": "InvalidParameter", "message": "The provided'
    server.script(
        "POST", DEALLOCATE, Reply(400, {"Content-Type": "application/json"}, cut)
    )
    error = deallocate_fails(ServiceDecodeError, server, credential)
    assert isinstance(error, ServiceError) and isinstance(error, DecodeError)
    assert error.__cause__ is None
    assert error.status_code == 400
    assert error.message == BAD_REQUEST_MESSAGE
    assert error.response is not None and error.response.text() == cut
    server.assert_all_played()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    status=st.sampled_from([400, 401, 403, 404, 409, 422]),
    body=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(["error", "code", "message"]), inner),
            max_leaves=8,
        ).map(lambda value: repr(value).encode()),
    ),
)
def test_any_error_body_raises_a_service_error(
    credential: FakeCredential, status: int, body: bytes
) -> None:
    server = FaultyServer()
    try:
        server.script(
            "POST",
            DEALLOCATE,
            Reply(status, {"Content-Type": "application/json"}, body),
        )
        with pytest.raises(ServiceError) as caught:
            deallocate(server, credential)
        assert caught.value.status_code == status
    finally:
        server.stop()


# --- bodies too large -------------------------------------------------------------------------


def test_an_error_body_is_read_up_to_max_error_body_bytes(
    server: FaultyServer, credential: FakeCredential
) -> None:
    body = b'{"error": {"code": "Big", "message": "' + b"x" * (3 * MiB) + b'"}}'
    server.script("POST", DEALLOCATE, Reply(400, body=body))
    error = deallocate_fails(ServiceDecodeError, server, credential)
    assert error.response is not None
    assert len(error.response.content) == MAX_ERROR_BODY_BYTES == MiB
    assert error.response.content == body[:MiB]
    assert error.message == not_json_message(
        400,
        "Bad Request",
        "the response body is not a JSON error object (cut at 1048576 bytes)",
    )


def test_max_error_body_bytes_is_the_clients_to_choose(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, Reply(400, body="y" * 5000))
    error = deallocate_fails(
        ServiceDecodeError,
        server,
        credential,
        client_options={"max_error_body_bytes": 1000},
    )
    assert error.response is not None and error.response.content == b"y" * 1000
    assert "(cut at 1000 bytes)" in error.message


def test_a_gzip_bomb_as_an_error_body_is_cut_after_inflating(
    server: FaultyServer, credential: FakeCredential, bomb: bytes
) -> None:
    """256 MiB once inflated, sent as 256 KiB: the client inflates no more than the limit
    (azure-core alone holds the whole inflated body, and more)."""
    server.script(
        "POST", DEALLOCATE, Reply(400, {"Content-Encoding": "gzip"}, body=bomb)
    )
    caught: list[BaseException] = []

    def call() -> None:
        try:
            deallocate(server, credential)
        except ServiceError as error:
            caught.append(error)

    peak = peak_memory_of(call)
    (error,) = caught
    assert isinstance(error, ServiceDecodeError) and error.response is not None
    assert error.response.content == bytes(MiB)
    assert "(cut at 1048576 bytes)" in str(error)
    assert peak < 32 * MiB, peak


def test_a_gzip_bomb_as_a_status_answer_is_cut_at_max_body_bytes(
    server: FaultyServer, credential: FakeCredential, bomb: bytes
) -> None:
    monitor = f"{server.url}/op"
    server.script(
        "POST", DEALLOCATE, accepted(f"{server.url}/done", Azure_AsyncOperation=monitor)
    )
    server.script(
        "GET",
        "/op",
        Reply(
            200, {"Content-Encoding": "gzip", "Content-Type": "application/json"}, bomb
        ),
    )
    caught: list[BaseException] = []

    def call() -> None:
        try:
            deallocate(server, credential, client_options={"max_body_bytes": 2 * MiB})
        except ServiceError as error:
            caught.append(error)

    peak = peak_memory_of(call)
    (error,) = caught
    assert isinstance(error, ServiceDecodeError)
    assert str(error).startswith(
        "The status answer is not JSON (body cut at 2097152 bytes) [HTTP 200 OK]"
    )
    assert peak < 48 * MiB, peak


# --- results ----------------------------------------------------------------------------------


def get_widget(widgets: ModuleType, server: FaultyServer, **options: Any) -> Any:
    with widgets.WidgetClient(
        FakeCredential(), endpoint=server.url, **options
    ) as client:
        return client.widgets.get(
            SUBSCRIPTION, RG, WIDGET, API_VERSION, enforce_https=False
        )


def test_a_result_is_built_from_the_body(
    widgets: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", WIDGET_PATH, Reply(200, body=widget_json(size=7)))
    widget = get_widget(widgets, server)
    assert (widget.name, widget.properties.size) == (WIDGET, 7)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("<html>Gateway</html>", "The result is not JSON"),
        (deep(100_000), "The result is not JSON"),
        (
            "[1, 2]",
            "The result is not the JSON the spec describes: Widget needs a JSON object, not list",
        ),
        (
            '{"properties": {"size": "big"}}',
            "The result is not the JSON the spec describes: expected int, got str",
        ),
    ],
    ids=["html", "too-deep", "array", "wrong-type"],
)
def test_a_result_that_is_not_the_specs_json_is_a_service_decode_error(
    widgets: ModuleType, server: FaultyServer, body: str, problem: str
) -> None:
    server.script(
        "GET", WIDGET_PATH, Reply(200, {"Content-Type": "application/json"}, body)
    )
    with pytest.raises(widgets.ServiceDecodeError) as caught:
        get_widget(widgets, server)
    assert isinstance(caught.value, DecodeError)
    assert caught.value.message == f"{problem} [HTTP 200 OK]"


def test_a_result_cut_at_max_body_bytes_is_a_service_decode_error(
    widgets: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", WIDGET_PATH, Reply(200, body=widget_json()))
    with pytest.raises(widgets.ServiceDecodeError) as caught:
        get_widget(widgets, server, max_body_bytes=20)
    assert caught.value.message == (
        "The result is not JSON (body cut at 20 bytes) [HTTP 200 OK]"
    )
    assert len(caught.value.response.content) == 20


# --- an azure-core that keeps the body elsewhere --------------------------------------------


class BodyElsewhereTransport(RequestsTransport):  # type: ignore[misc]
    """azure-core's transport, except that its responses keep no `_content` of their own: as an
    azure-core would that stored the body under another name."""

    def send(self, request: Any, **kwargs: Any) -> Any:
        response = super().send(request, **kwargs)
        del vars(response)["_content"]
        return response


@pytest.fixture
def body_elsewhere(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """read() still finds `_content` (None, on the class), and sets it on the response."""
    from azure.core.rest._requests_basic import RestRequestsTransportResponse

    monkeypatch.setattr(RestRequestsTransportResponse, "_content", None, raising=False)
    yield


def test_without_a_settable_body_the_client_reads_it_whole_and_warns(
    server: FaultyServer,
    credential: FakeCredential,
    caplog: pytest.LogCaptureFixture,
    body_elsewhere: None,
) -> None:
    """The one private attribute the body limit needs (`_content`) is checked for first: on
    an azure-core without it, bodies are read whole, as azure-core reads them, and a warning
    says so once; nothing else changes."""
    server.script(
        "POST", DEALLOCATE, Reply(400, body="z" * 5000), Reply(400, body="z" * 5000)
    )
    options = {"transport": BodyElsewhereTransport(), "max_error_body_bytes": 1000}
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=server.url, **options
    ) as client:
        for _ in range(2):
            with pytest.raises(ServiceDecodeError) as caught:
                client.virtual_machine_scale_sets.begin_deallocate(
                    RG, VMSS, ["0"], enforce_https=False
                )
            assert caught.value.response is not None
            assert caught.value.response.content == b"z" * 5000
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "read whole" in warnings[0].getMessage()
