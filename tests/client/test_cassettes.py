"""The generated client against recorded Azure Resource Manager traffic (vcrpy cassettes).

Each test checks what the client sent (method, path, query, body, headers) and what the caller
got back. Cassettes replay with record_mode "none" and must be played to the end.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from azure.core.exceptions import (
    ClientAuthenticationError,
    HttpResponseError,
    ResourceExistsError,
    ResourceNotFoundError,
)

import vmss_deallocate
from tests.helpers import (
    CASSETTES,
    FAKE_TOKEN,
    SUBSCRIPTION,
    FakeCredential,
    SentRequests,
)
from vmss_deallocate import ALL_INSTANCES, ServiceDecodeError, ServiceError

DEALLOCATE_PATH = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-web/providers/Microsoft.Compute"
    "/virtualMachineScaleSets/vmss-frontend/deallocate"
)


def assert_deallocate_request(
    request: Any,
    *,
    body: Any,
    hibernate: str | None = None,
    path: str = DEALLOCATE_PATH,
) -> None:
    url = urlsplit(request.url)
    assert request.method == "POST"
    assert (url.scheme, url.netloc, url.path) == ("https", "management.azure.com", path)
    expected_query = {"api-version": ["2024-07-01"]}
    if hibernate is not None:
        expected_query["hibernate"] = [hibernate]
    assert parse_qs(url.query) == expected_query
    assert request.headers["Authorization"] == f"Bearer {FAKE_TOKEN}"
    assert uuid.UUID(request.headers["x-ms-client-request-id"])
    assert re.match(
        r"azsdk-python-vmss_deallocate/0\.1\.0 Python/", request.headers["User-Agent"]
    )
    assert request.headers["Accept"] == "application/json"
    if body is None:
        assert not request.content
        assert "Content-Type" not in request.headers
    else:
        assert request.headers["Content-Type"] == "application/json"
        assert json.loads(request.content) == body


def test_200_ok_at_once(
    replay: Any, client: Any, sent: SentRequests, credential: FakeCredential
) -> None:
    with replay("deallocate_200_ok") as cassette:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ["0", "3"], hibernate=True
        )
        assert poller.result() is None
    assert cassette.all_played
    assert poller.status() == "Succeeded"
    assert len(sent.requests) == 1
    assert_deallocate_request(
        sent.requests[0], body={"instanceIds": ["0", "3"]}, hibernate="true"
    )
    assert credential.scopes == [("https://management.azure.com/.default",)]


def test_202_location_polls_until_200_honouring_retry_after(
    replay: Any, client: Any, sent: SentRequests, sleeps: list[float]
) -> None:
    with replay("deallocate_202_location") as cassette:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ALL_INSTANCES
        )
        assert poller.result() is None
    assert cassette.all_played
    assert poller.status() == "Succeeded"
    assert_deallocate_request(sent.requests[0], body=None)
    location = sent.requests[0]
    polls = sent.requests[1:]
    assert [request.method for request in polls] == ["GET", "GET"]
    assert all("/locations/westeurope/operations/7d2f0c4e" in r.url for r in polls)
    assert all(r.headers["Authorization"] == f"Bearer {FAKE_TOKEN}" for r in polls)
    assert location.method == "POST"
    # The first poll follows the 202 at once (azure-core); later waits are the Retry-After sent.
    assert sleeps == [20]


def test_202_async_operation_in_progress_then_succeeded(
    replay: Any, client: Any, sent: SentRequests, sleeps: list[float]
) -> None:
    with replay("deallocate_202_async_operation") as cassette:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ("1",), polling_interval=7
        )
        assert poller.result() is None
    assert cassette.all_played
    assert_deallocate_request(sent.requests[0], body={"instanceIds": ["1"]})
    status_polls, final_get = sent.requests[1:3], sent.requests[3]
    assert all("monitor=true" not in r.url and r.method == "GET" for r in status_polls)
    assert final_get.method == "GET" and "monitor=true" in final_get.url
    assert sleeps == [15]


def test_400_raises_service_error_with_the_parsed_cloud_error(
    replay: Any, client: Any, sent: SentRequests
) -> None:
    with (
        replay("deallocate_400_cloud_error") as cassette,
        pytest.raises(ServiceError) as caught,
    ):
        client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ["0", "99"]
        )
    assert cassette.all_played
    error = caught.value
    assert isinstance(error, HttpResponseError)
    assert type(error) is ServiceError
    assert error.status_code == 400
    assert error.code == "InvalidParameter"
    assert error.target == "instanceIds"
    assert error.api_error is not None
    assert error.api_error.message.startswith("The provided instanceId 99")
    assert [(d.code, d.target) for d in error.details] == [
        ("InstanceNotFound", "instanceIds[1]"),
        ("ValidationFailed", None),
    ]
    assert error.innererror is not None
    assert error.innererror.exceptiontype == "Microsoft.Compute.ArgumentException"
    assert "instanceIds[1] = 99" in (error.innererror.errordetail or "")
    assert error.cloud_error is not None and error.cloud_error.error is error.api_error
    assert str(error).startswith("(InvalidParameter) The provided instanceId 99")
    assert "Target: instanceIds." in str(error) and "[HTTP 400 Bad Request]" in str(
        error
    )
    assert_deallocate_request(sent.requests[0], body={"instanceIds": ["0", "99"]})


@pytest.mark.parametrize(
    ("cassette_name", "arguments", "azure_core_class", "specific_class", "code"),
    [
        (
            "deallocate_404_not_found",
            ("rg-web", "vmss-missing", ["0"]),
            ResourceNotFoundError,
            vmss_deallocate.ServiceResourceNotFoundError,
            "ResourceNotFound",
        ),
        (
            "deallocate_409_conflict",
            ("rg-web", "vmss-frontend", ["2"]),
            ResourceExistsError,
            vmss_deallocate.ServiceResourceExistsError,
            "OperationNotAllowed",
        ),
    ],
)
def test_404_and_409_map_to_azure_core_exceptions(
    replay: Any,
    client: Any,
    sent: SentRequests,
    cassette_name: str,
    arguments: tuple[Any, ...],
    azure_core_class: type[Exception],
    specific_class: type[Exception],
    code: str,
) -> None:
    hibernate = True if cassette_name.endswith("conflict") else None
    with replay(cassette_name) as cassette, pytest.raises(azure_core_class) as caught:
        client.virtual_machine_scale_sets.begin_deallocate(
            *arguments, hibernate=hibernate
        )
    assert cassette.all_played
    assert isinstance(caught.value, specific_class) and isinstance(
        caught.value, ServiceError
    )
    assert caught.value.code == code
    assert not isinstance(caught.value, ClientAuthenticationError)
    path = DEALLOCATE_PATH.replace("vmss-frontend", arguments[1])
    assert_deallocate_request(
        sent.requests[0],
        body={"instanceIds": arguments[2]},
        hibernate="true" if hibernate else None,
        path=path,
    )


def test_non_json_error_body_still_raises_with_the_status(
    replay: Any, client: Any
) -> None:
    with (
        replay("deallocate_502_html") as cassette,
        pytest.raises(ServiceError) as caught,
    ):
        client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ["0"]
        )
    assert cassette.all_played
    assert caught.value.status_code == 502
    assert caught.value.cloud_error is None and caught.value.code is None
    assert isinstance(caught.value, ServiceDecodeError)
    message = (
        "Operation returned an invalid status 'Bad Gateway';"
        " the response body is not a JSON error object [HTTP 502 Bad Gateway]"
    )
    assert caught.value.message == message
    assert str(caught.value).startswith(message)


def test_cassettes_hold_no_credentials() -> None:
    for cassette in sorted(CASSETTES.glob("*.yaml")):
        text = cassette.read_text(encoding="utf-8")
        assert "authorization" not in text.lower(), cassette.name
        assert FAKE_TOKEN not in text and "Bearer" not in text, cassette.name
