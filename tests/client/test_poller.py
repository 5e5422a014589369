"""The sync client's poller: an azure-core LROPoller that polls in the thread waiting for it.

azure-core's LROPoller starts a thread per operation, even when the caller at once blocks in
result(); the generated `_CallerThreadPoller` polls in the caller's thread then, and in a
background thread only when asked without waiting (done(), add_done_callback(),
wait(timeout)). These tests hold it to LROPoller's public behaviour, against FaultyServer.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from azure.core.pipeline import PipelineRequest
from azure.core.polling import LROPoller, PollingMethod

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    RG,
    TOKEN,
    VMSS,
    FaultyServer,
    Reply,
    accepted,
    failing_operation,
)
from vmss_deallocate import ServiceError, VirtualMachineScaleSetsClient

DEADLINE = 10.0


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN, as in the fault tests."""
    return FakeCredential(token=TOKEN)


class Threads:
    """Which thread sent each request, by method."""

    def __init__(self) -> None:
        self.by_method: dict[str, list[int]] = {}

    def hook(self, request: PipelineRequest[Any]) -> None:
        method = request.http_request.method
        self.by_method.setdefault(method, []).append(threading.get_ident())


def client_for(
    server: FaultyServer, credential: FakeCredential, threads: Threads | None = None
) -> VirtualMachineScaleSetsClient:
    options: dict[str, Any] = {}
    if threads is not None:
        options["raw_request_hook"] = threads.hook
    return VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=server.url, **options
    )


def begin(client: VirtualMachineScaleSetsClient, **options: Any) -> LROPoller[None]:
    """begin_deallocate, polling at once, through the test-only http switch."""
    return client.begin_deallocate(
        RG, VMSS, ["0"], polling_interval=0, enforce_https=False, **options
    )


def script_operation(server: FaultyServer, *polls: Reply) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op", retry_after="0"))
    server.script("GET", "/op", *(polls or (Reply(200),)))


def in_progress(server: FaultyServer) -> Reply:
    return Reply(202, {"Location": f"{server.url}/op", "Retry-After": "0"})


def until_done(poller: LROPoller[None]) -> bool:
    """Whether done() turns True within DEADLINE. The first done() starts the background
    polling; the wait for it to end is on the poller's own event (wait with a timeout, which
    starts nothing more), not a loop of sleeps."""
    if not poller.done():
        poller.wait(timeout=DEADLINE)
    return poller.done()


def test_result_polls_in_the_callers_thread_and_starts_no_thread(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, in_progress(server), Reply(200))
    threads = Threads()
    started: list[threading.Thread] = []
    real_start = threading.Thread.start

    def recording_start(thread: threading.Thread) -> None:
        if threading.current_thread() is threading.main_thread():
            started.append(thread)
        real_start(thread)

    with client_for(server, credential, threads) as client:
        poller = begin(client)
        assert isinstance(poller, LROPoller)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(threading.Thread, "start", recording_start)
            assert poller.result() is None
    assert started == []
    assert threads.by_method["GET"] == [threading.get_ident()] * 2
    assert poller.done() and poller.status() == "Succeeded"
    server.assert_all_played()


def test_done_polls_in_a_background_thread_until_the_operation_ends(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, in_progress(server), in_progress(server), Reply(200))
    threads = Threads()
    with client_for(server, credential, threads) as client:
        poller = begin(client)
        assert until_done(poller)
        polls = len(server.requests("GET", "/op"))
        assert poller.result() is None
    assert polls == 3 and len(server.requests("GET", "/op")) == 3
    assert threading.get_ident() not in threads.by_method["GET"]
    assert poller.status() == "Succeeded"
    server.assert_all_played()


def test_a_done_callback_runs_when_the_operation_ends_with_nobody_waiting(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, in_progress(server), Reply(200))
    called: list[PollingMethod[Any]] = []
    ended = threading.Event()

    def on_done(method: PollingMethod[Any]) -> None:
        called.append(method)
        ended.set()

    with client_for(server, credential) as client:
        poller = begin(client)
        poller.add_done_callback(on_done)
        assert ended.wait(DEADLINE)
        assert until_done(poller)
        poller.add_done_callback(called.append)  # once ended: called at once
        with pytest.raises(ValueError, match="complete"):
            poller.remove_done_callback(on_done)
    assert called == [poller.polling_method(), poller.polling_method()]
    server.assert_all_played()


def test_a_removed_callback_is_not_called(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, Reply(200, delay=0.2))
    called: list[str] = []
    with client_for(server, credential) as client:
        poller = begin(client)

        def forgotten(method: PollingMethod[Any]) -> None:
            called.append("forgotten")

        poller.add_done_callback(forgotten)
        poller.remove_done_callback(forgotten)
        poller.add_done_callback(lambda method: called.append("kept"))
        assert poller.result() is None
    assert called == ["kept"]


def test_wait_with_a_timeout_returns_while_polling_goes_on(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, Reply(200, delay=0.5))
    with client_for(server, credential) as client:
        poller = begin(client)
        started = time.monotonic()
        poller.wait(timeout=0.05)
        assert time.monotonic() - started < 0.4
        assert not poller.done()
        assert poller.result() is None
        assert poller.done()
    assert len(server.requests("GET", "/op")) == 1  # one poller polled, not two
    server.assert_all_played()


def test_threads_waiting_together_share_one_polling(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, Reply(200, delay=0.3))
    results: list[object] = []
    with client_for(server, credential) as client:
        poller = begin(client)
        waiters = [
            threading.Thread(target=lambda: results.append(poller.result()))
            for _ in range(3)
        ]
        for waiter in waiters:
            waiter.start()
        for waiter in waiters:
            waiter.join(DEADLINE)
    assert results == [None, None, None]
    assert len(server.requests("GET", "/op")) == 1
    server.assert_all_played()


def test_a_failed_operation_raises_on_every_wait_with_a_continuation_token(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    failing_operation(server, "Failed")
    with client_for(server, credential) as client:
        poller = begin(client)
        with pytest.raises(ServiceError) as first:
            poller.result()
        with pytest.raises(ServiceError) as again:
            poller.wait()
    assert again.value is first.value
    assert first.value.code == "VMDeallocationFailed"
    assert first.value.continuation_token == poller.continuation_token()
    assert poller.done() and poller.status() == "Failed"
    server.assert_all_played()


def test_ctrl_c_while_polling_leaves_the_poller_able_to_go_on(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, Reply(200))
    interrupts = [KeyboardInterrupt()]

    def interrupt_the_first_poll(request: PipelineRequest[Any]) -> None:
        if request.http_request.method == "GET" and interrupts:
            raise interrupts.pop()

    with VirtualMachineScaleSetsClient(
        credential,
        SUBSCRIPTION,
        endpoint=server.url,
        raw_request_hook=interrupt_the_first_poll,
    ) as client:
        poller = begin(client)
        with pytest.raises(KeyboardInterrupt):
            poller.result()
        poller.wait(timeout=DEADLINE)  # bounded, should the poller be stuck
        assert poller.done()
        assert poller.result() is None
    assert len(server.requests("GET", "/op")) == 1
    server.assert_all_played()


def test_a_resumed_poller_is_the_same_kind_of_poller(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, in_progress(server), Reply(200))
    threads = Threads()
    with client_for(server, credential, threads) as client:
        token = begin(client).continuation_token()
        resumed = begin(client, continuation_token=token)
        assert type(resumed).__name__ == "_CallerThreadPoller"
        assert resumed.result() is None
    assert threads.by_method["GET"] == [threading.get_ident()] * 2
    assert len(server.requests("POST")) == 1
    server.assert_all_played()


def test_without_polling_the_poller_is_done_at_once(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    with client_for(server, credential) as client:
        poller = begin(client, polling=False)
        assert poller.done()
        assert poller.result() is None
    assert server.requests("GET") == []
    server.assert_all_played()


def test_a_failing_done_callback_reaches_the_caller_that_polled(
    server: FaultyServer, credential: FakeCredential
) -> None:
    script_operation(server, Reply(200))

    def broken(method: PollingMethod[Any]) -> None:
        raise RuntimeError("callback broke")

    with client_for(server, credential) as client:
        poller = begin(client)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(poller, "_poll_in_background", lambda: None)
            poller.add_done_callback(broken)
        with pytest.raises(RuntimeError, match="callback broke"):
            poller.result()
        assert poller.done() and poller.result() is None
    server.assert_all_played()


def test_every_public_method_of_lropoller_is_its_own() -> None:
    """_CallerThreadPoller skips LROPoller.__init__, so an inherited method that reads
    LROPoller's private state would fail at run time: a new azure-core method fails here first.
    from_continuation_token is inherited on purpose: it only calls the class."""
    from vmss_deallocate._client import _CallerThreadPoller

    public = {name for name in dir(LROPoller) if not name.startswith("_")}
    inherited = {name for name in public if name not in vars(_CallerThreadPoller)}
    assert inherited == {"from_continuation_token"}
    assert public >= {"result", "wait", "done", "status", "continuation_token"}
