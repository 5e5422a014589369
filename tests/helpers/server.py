"""A local HTTP server that misbehaves on purpose, and the calls that drive the client at it.

`FaultyServer` (127.0.0.1, one per test) answers from a script of `Reply`s, per method and
path, and records every request as `Seen`; tests/client/test_faults.py documents the retry rules
the client is held to. The credentials hand out `TOKEN`, distinctive so that any leak is found.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError

from tests.helpers import FAKE_TOKEN, SUBSCRIPTION, FakeCredential
from vmss_deallocate import (
    ComputeManagementClient,
    ServiceError,
    ServiceResourceNotFoundError,
)
from vmss_deallocate.aio import ComputeManagementClient as AsyncClient

BACKOFF = [1.6, 3.2]
"""azure-core's waits before the 2nd and 3rd retries (the 1st is immediate): 0.8 * 2 ** (n - 1)."""
READ_TIMEOUT = 0.3
"""Seconds the client waits for a response in the timeout tests; the server stalls longer."""
STALL = 5.0
"""How long a stalling reply holds back (cut short when the server shuts down)."""

TOKEN = "armgen-faults-t0ken-5f1c9e-NEVER-SHOWN"
"""The fake credential's bearer token: distinctive, so that any leak of it is found."""

RG, VMSS = "rg-web", "vmss-frontend"
DEALLOCATE = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{RG}/providers/Microsoft.Compute"
    f"/virtualMachineScaleSets/{VMSS}/deallocate"
)

Fault = Literal["reset", "close", "truncate"]


# --- the misbehaving server -----------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a status, headers and body, or a fault instead of (part of) it."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Any = b""
    """bytes, str, or anything else, sent as JSON."""
    delay: float = 0.0
    """Seconds to stall before answering (or before the fault)."""
    fault: Fault | None = None
    """reset: close with RST and no answer; close: FIN and no answer; truncate: send half the
    body announced by Content-Length, then close."""
    trickle: float = 0.0
    """Seconds between bytes: the body is sent a byte at a time (until the client gives up or
    the server stops)."""
    trickle_head: bool = False
    """With `trickle`, the status line and headers are trickled too, before any body."""
    gate: threading.Event | None = None
    """Answer only once this is set (or the server stops): the test decides when."""
    action: Callable[[], object] | None = None
    """Run in the server's thread when the request has been read, before answering."""


@dataclass(frozen=True)
class Seen:
    """One request as the server read it off the socket."""

    method: str
    path: str
    """The raw request target before `?`, exactly as sent (still percent-encoded)."""
    query: str
    headers: dict[str, str]
    """Lower-cased names."""
    body: bytes


class _HTTPServer(ThreadingHTTPServer):
    owner: FaultyServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (timeout) makes the late answer fail; that is expected."""


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    timeout = 10  # bounded: a connection that never sends a request is dropped

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def _serve(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        path, _, query = self.path.partition("?")
        seen = Seen(
            method=self.command,
            path=path,
            query=query,
            headers={name.lower(): value for name, value in self.headers.items()},
            body=self.rfile.read(length) if length else b"",
        )
        reply = owner.next_reply(seen)
        if reply.action is not None:
            reply.action()
        if reply.gate is not None:
            while not (reply.gate.is_set() or owner.stopping.is_set()):
                reply.gate.wait(0.05)
        if reply.delay:
            owner.stopping.wait(reply.delay)
        if reply.fault in ("reset", "close"):
            self.close_connection = True
            if reply.fault == "reset":
                # SO_LINGER 0: closing sends RST instead of FIN.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
            self.connection.close()
            return
        body = reply.body
        headers = dict(reply.headers)
        if not isinstance(body, bytes | str):
            body = json.dumps(body)
            headers.setdefault("Content-Type", "application/json")
        data = body.encode() if isinstance(body, str) else body
        if self.command == "HEAD":
            data = b""
        if reply.trickle_head:
            self._trickle(_head(reply.status, headers, len(data)) + data, reply.trickle)
            return
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header(
            "Connection", "close"
        )  # one request per connection: exact counts
        self.end_headers()
        if reply.trickle:
            self.wfile.flush()
            self._trickle(data, reply.trickle)
            return
        if reply.fault == "truncate":
            self.wfile.write(data[: len(data) // 2])
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(data)

    def _trickle(self, data: bytes, interval: float) -> None:
        """A byte, then a wait, until all is sent, the client hangs up or the server stops."""
        self.close_connection = True
        owner = self.server.owner
        try:
            for index in range(len(data)):
                self.wfile.write(data[index : index + 1])
                self.wfile.flush()
                if owner.stopping.wait(interval):
                    return
        except OSError:
            return

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _head(status: int, headers: Mapping[str, str], length: int) -> bytes:
    lines = [f"HTTP/1.1 {status} Trickling", *(f"{k}: {v}" for k, v in headers.items())]
    lines += [f"Content-Length: {length}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


class FaultyServer:
    """An HTTP server on 127.0.0.1 answering from a script, per method and path.

    Bounded: at most MAX_REQUESTS requests are answered (the rest are reset), stalls end when the
    server stops, and a request nobody scripted gets a 418 and is recorded in `unexpected`.
    """

    MAX_REQUESTS = 40

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.unexpected: list[Seen] = []
        self.stopping = threading.Event()
        self._script: dict[tuple[str, str], deque[Reply]] = {}
        self._lock = threading.Lock()
        self._http = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._http.owner = self
        self._thread = threading.Thread(
            target=self._http.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_port}"

    def script(self, method: str, path: str, *replies: Reply) -> None:
        """Answer the next requests for `method path` with `replies`, in order."""
        with self._lock:
            self._script.setdefault((method, path), deque()).extend(replies)

    def next_reply(self, seen: Seen) -> Reply:
        with self._lock:
            self.seen.append(seen)
            if len(self.seen) > self.MAX_REQUESTS:
                return Reply(fault="reset")
            queue = self._script.get((seen.method, seen.path))
            if not queue:
                self.unexpected.append(seen)
                return Reply(418, body={"error": {"code": "Unscripted"}})
            return queue.popleft()

    def requests(
        self, method: str | None = None, path: str | None = None
    ) -> list[Seen]:
        return [
            seen
            for seen in self.seen
            if method in (None, seen.method) and path in (None, seen.path)
        ]

    def assert_all_played(self) -> None:
        """Every scripted reply was used and nothing unscripted was asked for."""
        left = {key: len(queue) for key, queue in self._script.items() if queue}
        assert not left, f"replies never asked for: {left}"
        assert not self.unexpected, f"unscripted requests: {self.unexpected}"

    def stop(self) -> None:
        self.stopping.set()
        self._http.shutdown()
        self._http.server_close()  # joins the handler threads
        self._thread.join(timeout=5)


# --- driving the client --------------------------------------------------------------------------


class AsyncCredential:
    def __init__(self) -> None:
        self.scopes: list[tuple[str, ...]] = []

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(TOKEN, int(time.time()) + 3600)

    async def close(self) -> None:
        pass

    async def __aenter__(self) -> AsyncCredential:
        return self

    async def __aexit__(self, *args: object) -> None:
        pass


def repeat(reply: Reply, times: int) -> list[Reply]:
    return [reply] * times


def cloud_error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def accepted(location: str, *, retry_after: str | None = None, **headers: str) -> Reply:
    """202 with Location (and whatever other headers)."""
    values = {"Location": location, **headers}
    if retry_after is not None:
        values["Retry-After"] = retry_after
    return Reply(202, {name.replace("_", "-"): v for name, v in values.items()})


def assert_no_token(error: BaseException) -> None:
    """The token is in none of what a caller or a log handler would print of the error."""
    shown = [str(error), repr(error), "".join(traceback.format_exception(error))]
    for text in shown:
        assert TOKEN not in text and FAKE_TOKEN not in text


def deallocate(
    server: FaultyServer,
    credential: FakeCredential,
    *,
    client_options: Mapping[str, Any] | None = None,
    **options: Any,
) -> None:
    """begin_deallocate(...).result() against `server`, through the test-only http switch."""
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=server.url, **(client_options or {})
    ) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False, **options
        )
        assert poller.result() is None


def deallocate_fails(
    expected: type[BaseException],
    server: FaultyServer,
    credential: FakeCredential,
    **options: Any,
) -> Any:
    """The error `deallocate` raises, checked to be exactly `expected` and free of the token."""
    with pytest.raises(expected) as caught:
        deallocate(server, credential, **options)
    assert type(caught.value) is expected, repr(caught.value)
    assert_no_token(caught.value)
    return caught.value


def async_deallocate(
    server: FaultyServer,
    *,
    client_options: Mapping[str, Any] | None = None,
    **options: Any,
) -> None:
    """The async client's begin_deallocate(...).result() against `server`."""

    async def run() -> None:
        async with AsyncClient(
            AsyncCredential(),
            SUBSCRIPTION,
            endpoint=server.url,
            **(client_options or {}),
        ) as client:
            poller = await client.virtual_machine_scale_sets.begin_deallocate(
                RG, VMSS, ["0"], enforce_https=False, **options
            )
            assert await poller.result() is None

    asyncio.run(run())


def async_deallocate_fails(
    expected: type[BaseException], server: FaultyServer, **options: Any
) -> Any:
    """The error `async_deallocate` raises, checked to be exactly `expected` and free of the
    token."""
    with pytest.raises(expected) as caught:
        async_deallocate(server, **options)
    assert type(caught.value) is expected, repr(caught.value)
    assert_no_token(caught.value)
    return caught.value


def failing_operation(server: FaultyServer, status: str) -> None:
    """Deallocate is accepted; its status monitor says InProgress, then `status` with an
    error (Failed or Canceled)."""
    server.script(
        "POST",
        DEALLOCATE,
        accepted(
            f"{server.url}/location/op",
            Azure_AsyncOperation=f"{server.url}/async/op",
        ),
    )
    server.script(
        "GET",
        "/async/op",
        Reply(200, {"Retry-After": "3"}, {"status": "InProgress"}),
        Reply(
            200,
            body={
                "status": status,
                "error": {
                    "code": "VMDeallocationFailed",
                    "message": "Instance 0 could not be deallocated.",
                    "target": "instanceIds[0]",
                },
            },
        ),
    )


def failing_poll(server: FaultyServer, status: str) -> None:
    """Deallocate is accepted; its status monitor answers `status` (an HTTP status code)."""
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


def fail_operation(server: FaultyServer, failure: str) -> None:
    """Script the failure FAILURES names: an operation that ends so, or a monitor that says so."""
    if failure.isdigit():
        failing_poll(server, failure)
    else:
        failing_operation(server, failure)


def assert_raised_from_azure_cores_error(error: ServiceError) -> None:
    """The client's ServiceError chains the HttpResponseError that azure-core's polling raised,
    about the same response."""
    cause = error.__cause__
    assert type(cause) is HttpResponseError, repr(cause)
    assert cause.response is error.response and cause.status_code == error.status_code


MONITOR_BODIES = [
    pytest.param("text/html", "<html><body>Gateway</body></html>", id="html"),
    pytest.param("application/json", '{"status": "InPro', id="truncated-json"),
    pytest.param("application/json", "[1, 2]", id="json-array"),
]
"""Status monitor bodies that are not a JSON object: azure-core's parser raises DecodeError
(not JSON) or AttributeError (JSON, not an object); the client raises ServiceDecodeError."""


def not_json_message(
    status: int, reason: str, why: str = "the response body is not a JSON error object"
) -> str:
    """ServiceError's message for an error status whose body holds no error details."""
    return f"Operation returned an invalid status '{reason}'; {why} [HTTP {status} {reason}]"


def authorization(seen: Seen) -> str | None:
    """The Authorization header a request came with, if any."""
    return seen.headers.get("authorization")
