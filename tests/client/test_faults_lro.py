"""Long-running operations against a server that fails them, answers them badly, or is slow.

The client polls with azure-core's own LROPoller and ARMPolling rules, through the generated
ArmOperationPolling (a PollingMethod): a failed or canceled operation raises ServiceError from
the status monitor's error, naming the terminal status; an answer that is not JSON raises
ServiceDecodeError; relative links are resolved against the request's URL; and result(timeout)
on an unfinished operation raises OperationNotDoneError, never a result.
"""

from __future__ import annotations

import os
import signal
import threading
from types import ModuleType
from typing import Any

import pytest
from azure.core.exceptions import DecodeError, HttpResponseError, ResourceNotFoundError
from azure.core.polling import LROPoller, PollingMethod
from azure.core.polling.base_polling import OperationFailed
from azure.mgmt.core.polling.arm_polling import ARMPolling

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    FAILURES,
    MONITOR_BODIES,
    RG,
    TOKEN,
    VMSS,
    FaultyServer,
    Reply,
    accepted,
    assert_no_token,
    assert_raised_from_azure_cores_error,
    cloud_error,
    deallocate,
    deallocate_fails,
    fail_operation,
    failing_operation,
)
from tests.helpers.widgets import API_VERSION, WIDGET, WIDGET_PATH, widget_json
from vmss_deallocate import (
    ArmOperationPolling,
    ComputeManagementClient,
    OperationNotDoneError,
    ServiceDecodeError,
    ServiceError,
    ServiceResourceNotFoundError,
)

DEEP = '{"status": ' + "[" * 100_000 + "]" * 100_000 + "}"
"""A status answer nested deeper than Python's JSON parser goes."""


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


def client_for(server: FaultyServer, credential: Any) -> ComputeManagementClient:
    return ComputeManagementClient(credential, SUBSCRIPTION, endpoint=server.url)


def begin(client: ComputeManagementClient, **options: Any) -> LROPoller[None]:
    """begin_deallocate, polling at once, through the test-only http switch."""
    return client.virtual_machine_scale_sets.begin_deallocate(
        RG, VMSS, ["0"], polling_interval=0, enforce_https=False, **options
    )


def monitored(server: FaultyServer, **headers: str) -> None:
    """Deallocate is accepted, with its status monitor at /op (Azure-AsyncOperation)."""
    server.script(
        "POST",
        DEALLOCATE,
        accepted(
            f"{server.url}/done", Azure_AsyncOperation=f"{server.url}/op", **headers
        ),
    )


# --- the operation ends Failed or Canceled -------------------------------------------------------


@pytest.mark.parametrize("status", ["Failed", "Canceled"])
def test_an_operation_that_ends_failed_or_canceled_raises_with_its_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: str
) -> None:
    failing_operation(server, status)
    with client_for(server, credential) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False
        )
        with pytest.raises(ServiceError) as caught:
            poller.result()
    error = caught.value
    assert_no_token(error)
    assert type(error) is ServiceError
    assert error.status_code == 200  # the status monitor answered fine
    assert error.operation_status == status
    assert (error.code, error.target) == ("VMDeallocationFailed", "instanceIds[0]")
    assert error.cloud_error is not None and error.cloud_error.error is not None
    assert error.message == (
        f"The operation ended {status}: (VMDeallocationFailed) Instance 0 could not be"
        " deallocated. Target: instanceIds[0]. [HTTP 200 OK]"
    )
    assert str(error) == error.message
    assert error.response is not None
    assert error.response.request.url == f"{server.url}/async/op"
    assert_raised_from_azure_cores_error(error)
    assert isinstance(error.inner_exception, OperationFailed)
    assert poller.status() == status
    assert sleeps == [3]
    assert server.requests("GET", "/location/op") == []  # no final GET after a failure
    server.assert_all_played()


@pytest.mark.parametrize("status", list(FAILURES))
def test_an_operation_that_fails_raises_service_error(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float], status: str
) -> None:
    """`except ServiceError` around .result() (the README's example) catches a failed
    operation as it does a failed first request, 404's subclass included."""
    fail_operation(server, status)
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
    """No error details: the message keeps azure-core's own words (AutoRest's acceptance
    tests look for them) after the terminal status."""
    monitored(server)
    server.script("GET", "/op", Reply(200, body={"status": "Failed"}))
    error = deallocate_fails(ServiceError, server, credential)
    assert error.status_code == 200 and error.operation_status == "Failed"
    assert error.cloud_error is not None and error.api_error is None
    assert error.code is None
    assert error.message == (
        "The operation ended Failed: Operation returned an invalid status 'OK';"
        " no error details [HTTP 200 OK]"
    )
    assert type(error.__cause__) is HttpResponseError
    assert sleeps == []
    server.assert_all_played()


@pytest.mark.parametrize("status", ["Failed", "canceled"])
def test_a_first_answer_that_already_failed_raises_from_result(
    server: FaultyServer, credential: FakeCredential, status: str
) -> None:
    """azure-core's own sync LROPoller starts no thread then, and its result() would return
    the answer as if the operation had succeeded."""
    body = {"status": status, **cloud_error("QuotaExceeded", "No cores left.")}
    server.script(
        "POST",
        DEALLOCATE,
        Reply(202, {"Azure-AsyncOperation": f"{server.url}/op"}, body),
    )
    with client_for(server, credential) as client:
        poller = begin(client)
        assert poller.done()
        with pytest.raises(ServiceError) as caught:
            poller.result()
    assert caught.value.operation_status == status
    assert caught.value.message == (
        f"The operation ended {status}: (QuotaExceeded) No cores left. [HTTP 202 Accepted]"
    )
    assert server.requests("GET") == []
    server.assert_all_played()


def test_a_put_whose_first_answer_says_failed_raises_from_result(
    widgets: ModuleType, server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("PUT", WIDGET_PATH, Reply(201, body=widget_json(state="Failed")))
    with widgets.WidgetClient(credential, endpoint=server.url) as client:
        poller = client.widgets.begin_create(
            SUBSCRIPTION,
            RG,
            WIDGET,
            API_VERSION,
            widgets.Widget(name=WIDGET),
            polling_interval=0,
            enforce_https=False,
        )
        with pytest.raises(widgets.ServiceError) as caught:
            poller.result()
    assert caught.value.message == (
        "The operation ended Failed: Operation returned an invalid status 'Created';"
        " no error details [HTTP 201 Created]"
    )


# --- answers that are not the JSON ARM describes -------------------------------------------------


@pytest.mark.parametrize(("content_type", "body"), MONITOR_BODIES)
def test_a_status_monitor_body_that_is_not_a_json_object_raises_service_decode_error(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    content_type: str,
    body: str,
) -> None:
    """`except ServiceError` catches it, with the monitor's 200 response, not a bare
    DecodeError or AttributeError."""
    monitored(server)
    server.script("GET", "/op", Reply(200, {"Content-Type": content_type}, body))
    error = deallocate_fails(ServiceDecodeError, server, credential)
    assert error.status_code == 200 and error.cloud_error is None
    problem = "is not JSON" if body != "[1, 2]" else "is not the JSON ARM describes"
    assert error.message == f"The status answer {problem} [HTTP 200 OK]"
    assert error.response is not None
    assert error.response.request.url == f"{server.url}/op"
    assert isinstance(error.__cause__, DecodeError | AttributeError)
    server.assert_all_played()


def test_a_status_answer_nested_too_deeply_raises_service_decode_error(
    server: FaultyServer, credential: FakeCredential
) -> None:
    monitored(server)
    server.script("GET", "/op", Reply(200, {"Content-Type": "application/json"}, DEEP))
    error = deallocate_fails(ServiceDecodeError, server, credential)
    assert error.message == "The status answer is not JSON [HTTP 200 OK]"
    assert isinstance(error.__cause__, RecursionError)


@pytest.mark.parametrize(
    ("status", "body", "problem"),
    [
        (
            200,
            '{"properties": {"provisioningState": "Creat',
            "The first answer is not JSON",
        ),
        (201, DEEP, "The first answer is not JSON"),
        (201, "[1]", "The first answer is not the JSON ARM describes"),
    ],
    ids=["truncated", "too-deep", "array"],
)
def test_a_first_answer_that_is_not_json_raises_from_begin(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    status: int,
    body: str,
    problem: str,
) -> None:
    server.script(
        "PUT", WIDGET_PATH, Reply(status, {"Content-Type": "application/json"}, body)
    )
    with (
        widgets.WidgetClient(credential, endpoint=server.url) as client,
        pytest.raises(widgets.ServiceDecodeError) as caught,
    ):
        client.widgets.begin_create(
            SUBSCRIPTION, RG, WIDGET, API_VERSION, widgets.Widget(), enforce_https=False
        )
    reason = "OK" if status == 200 else "Created"
    assert caught.value.message == f"{problem} [HTTP {status} {reason}]"


def test_a_first_answer_too_deep_to_save_still_polls_to_the_end(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """azure-core 1.41 parses the first answer to put it in the continuation token: a body
    too deep for that makes continuation_token() raise ServiceDecodeError (older azure-core
    pickles it, and returns a token), while polling goes on."""
    server.script(
        "POST",
        DEALLOCATE,
        Reply(
            202,
            {"Location": f"{server.url}/op", "Content-Type": "application/json"},
            DEEP,
        ),
    )
    server.script("GET", "/op", Reply(200))
    with client_for(server, credential) as client:
        poller = begin(client)
        try:
            assert poller.continuation_token()
        except ServiceDecodeError as error:
            assert error.message.startswith(
                "The first answer nests too deeply to be saved"
            )
        assert poller.result() is None
    server.assert_all_played()


# --- relative links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "polled"),
    [
        ({"Location": "/op?step=1"}, "/op"),
        ({"Location": "/lro/{x}/1"}, "/lro/%7Bx%7D/1"),
        ({"Location": "/done", "Azure-AsyncOperation": "/op"}, "/op"),
    ],
    ids=["location", "braces", "azure-asyncoperation"],
)
def test_a_relative_link_is_resolved_against_the_requests_url(
    server: FaultyServer,
    credential: FakeCredential,
    headers: dict[str, str],
    polled: str,
) -> None:
    """As a browser resolves it: no template is applied to what the server sent."""
    server.script("POST", DEALLOCATE, Reply(202, headers))
    monitor = {"status": "Succeeded"} if "Azure-AsyncOperation" in headers else b""
    server.script("GET", polled, Reply(200, body=monitor))
    if "Azure-AsyncOperation" in headers:
        server.script("GET", "/done", Reply(200))
    deallocate(server, credential)
    assert all(seen.headers["host"] == server.url[7:] for seen in server.seen)
    server.assert_all_played()


# --- the poller is azure-core's own --------------------------------------------------------------


def test_the_poller_is_azure_cores_lropoller_with_arm_polling(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(200))
    with client_for(server, credential) as client:
        poller = begin(client)
        assert type(poller) is LROPoller
        method = poller.polling_method()
        assert isinstance(method, ArmOperationPolling) and isinstance(
            method, ARMPolling
        )
        assert isinstance(method, PollingMethod)
        assert poller.result() is None and poller.status() == "Succeeded"
    server.assert_all_played()


def test_result_with_a_timeout_never_passes_for_a_result(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """azure-core's LROPoller.result(timeout) returns whatever the last answer holds, None
    here, as if the operation had succeeded; the generated polling method refuses."""
    answer = threading.Event()
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(200, gate=answer))
    with client_for(server, credential) as client:
        poller = begin(client)
        with pytest.raises(OperationNotDoneError) as caught:
            poller.result(timeout=0.05)
        assert caught.value.status == "InProgress"
        assert caught.value.message == (
            "The operation is still InProgress: result(timeout) returned before it ended"
        )
        token = caught.value.continuation_token
        assert token == poller.continuation_token()
        answer.set()
        assert poller.result() is None
    server.assert_all_played()


def test_ctrl_c_in_result_leaves_the_operation_to_be_waited_for_or_resumed(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """Ctrl-C (a real SIGINT, sent while the poll is on the wire) reaches the thread waiting in
    result(); azure-core's polling thread goes on. A later result() gets the outcome, or, where
    Thread.join() forgets the thread once interrupted (CPython 3.11), raises
    OperationNotDoneError at once: never a result. The continuation token resumes it."""
    answer = threading.Event()

    def ctrl_c() -> None:
        os.kill(os.getpid(), signal.SIGINT)

    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(200, gate=answer, action=ctrl_c), Reply(200))
    with client_for(server, credential) as client:
        poller = begin(client)
        token = poller.continuation_token()
        with pytest.raises(KeyboardInterrupt):
            poller.result()
        answer.set()
        try:
            assert poller.result() is None
        except OperationNotDoneError as error:
            assert error.continuation_token
    with client_for(server, credential) as elsewhere:
        resumed = elsewhere.virtual_machine_scale_sets.begin_deallocate(
            "ignored", "ignored", ["0"], continuation_token=token, enforce_https=False
        )
        assert resumed.result() is None
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


def test_a_done_callback_runs_when_the_operation_ends(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script(
        "GET", "/op", Reply(202, {"Location": f"{server.url}/op"}), Reply(200)
    )
    ended = threading.Event()
    with client_for(server, credential) as client:
        poller = begin(client)
        poller.add_done_callback(lambda method: ended.set())
        assert poller.result() is None
        assert ended.wait(10)
    server.assert_all_played()


def test_a_failed_operation_carries_a_continuation_token(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    failing_operation(server, "Failed")
    with client_for(server, credential) as client:
        poller = begin(client)
        with pytest.raises(ServiceError) as caught:
            poller.result()
    assert caught.value.continuation_token == poller.continuation_token()
    assert poller.done() and poller.status() == "Failed"
    server.assert_all_played()
