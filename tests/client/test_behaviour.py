"""The generated client's own rules: safe by default, strict arguments, clouds, models."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from azure.core.pipeline.transport import HttpTransport

from tests.helpers import GENERATED, SUBSCRIPTION, FakeCredential, SentRequests
from vmss_deallocate import (
    ALL_INSTANCES,
    API_VERSION,
    AllInstances,
    ApiError,
    CloudError,
    ComputeManagementClient,
    VirtualMachineScaleSetVMInstanceIDs,
)


class NoNetwork(HttpTransport):  # type: ignore[misc]
    """A transport that fails the test if anything is sent."""

    def send(self, request: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a request was sent: {request.method} {request.url}")

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> NoNetwork:
        return self

    def __exit__(self, *args: object) -> None:
        pass


@pytest.fixture
def offline_client(credential: FakeCredential) -> ComputeManagementClient:
    return ComputeManagementClient(credential, SUBSCRIPTION, transport=NoNetwork())


@pytest.mark.parametrize(
    ("instance_ids", "error", "message"),
    [
        (
            [],
            ValueError,
            "instance_ids must not be empty: to act on all of them, pass ALL_INSTANCES",
        ),
        ((), ValueError, "instance_ids must not be empty"),
        ("0", TypeError, "instance_ids must be a sequence of str, not str"),
        (b"0", TypeError, "instance_ids must be a sequence of str, not bytes"),
        (None, TypeError, "instance_ids must be a sequence of str, not NoneType"),
        (["0", 3], TypeError, "instance_ids[1] must be a str, not int"),
        ({"0"}, TypeError, "instance_ids must be a sequence of str, not set"),
    ],
)
def test_bad_instance_ids_are_refused_before_any_request(
    offline_client: ComputeManagementClient,
    instance_ids: Any,
    error: type,
    message: str,
) -> None:
    with pytest.raises(
        error, match="^" + message.replace("[", r"\[").replace("]", r"\]")
    ):
        offline_client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", instance_ids
        )


def test_instance_ids_is_required(
    offline_client: ComputeManagementClient,
) -> None:
    with pytest.raises(TypeError, match="instance_ids"):
        offline_client.virtual_machine_scale_sets.begin_deallocate("rg-web", "vmss-frontend")  # type: ignore[call-arg]


@pytest.mark.parametrize("name", ["", ".", ".."])
def test_path_segments_that_would_change_the_url_are_refused(
    offline_client: ComputeManagementClient, name: str
) -> None:
    with pytest.raises(ValueError, match="resource_group_name must not be"):
        offline_client.virtual_machine_scale_sets.begin_deallocate(
            name, "vmss-frontend", ["0"]
        )
    with pytest.raises(ValueError, match="vm_scale_set_name must not be"):
        offline_client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", name, ["0"]
        )


def test_path_parameters_are_percent_encoded(credential: FakeCredential) -> None:
    sent = SentRequests()
    client = ComputeManagementClient(
        credential,
        SUBSCRIPTION,
        transport=NoNetwork(),
        raw_request_hook=sent,
        retry_total=0,
    )
    with pytest.raises(AssertionError, match="a request was sent"):
        client.virtual_machine_scale_sets.begin_deallocate(
            "rg/../other?x=1#f", "my vmss", ["0"]
        )
    url = sent.requests[0].url
    assert "/resourceGroups/rg%2F..%2Fother%3Fx%3D1%23f/providers/" in url
    assert "/virtualMachineScaleSets/my%20vmss/deallocate?api-version=" in url


def test_subscription_id_is_checked(credential: FakeCredential) -> None:
    with pytest.raises(ValueError, match="subscription_id must not be ''"):
        ComputeManagementClient(credential, "")
    with pytest.raises(TypeError, match="subscription_id must be a str"):
        ComputeManagementClient(credential, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("endpoint", "scope"),
    [
        ("https://management.azure.com", "https://management.azure.com/.default"),
        (
            "https://management.chinacloudapi.cn/",
            "https://management.chinacloudapi.cn/.default",
        ),
        (
            "https://management.usgovcloudapi.net",
            "https://management.usgovcloudapi.net/.default",
        ),
    ],
)
def test_endpoint_sets_the_url_and_the_token_scope(endpoint: str, scope: str) -> None:
    credential = FakeCredential()
    sent = SentRequests()
    client = ComputeManagementClient(
        credential,
        SUBSCRIPTION,
        endpoint=endpoint,
        transport=NoNetwork(),
        raw_request_hook=sent,
        retry_total=0,
    )
    with pytest.raises(AssertionError, match="a request was sent"):
        client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ALL_INSTANCES
        )
    assert sent.requests[0].url.startswith(endpoint.rstrip("/") + "/subscriptions/")
    assert credential.scopes == [(scope,)]


def test_plain_http_endpoint_never_gets_the_token(
    credential: FakeCredential, sleeps: list[float]
) -> None:
    """Refused before sending, and retried as a request error: the backoff is not slept."""
    from azure.core.exceptions import ServiceRequestError

    client = ComputeManagementClient(
        credential,
        SUBSCRIPTION,
        endpoint="http://management.azure.com",
        transport=NoNetwork(),
    )
    with pytest.raises(ServiceRequestError, match="non-TLS"):
        client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web", "vmss-frontend", ["0"]
        )
    assert credential.scopes == []


def test_sentinel_is_a_single_enum_member() -> None:
    assert list(AllInstances) == [ALL_INSTANCES]
    assert API_VERSION == "2024-07-01"


def test_models_map_wire_names_ignore_unknown_fields_and_omit_none() -> None:
    body = VirtualMachineScaleSetVMInstanceIDs(instance_ids=["0", "3"])
    assert body.to_dict() == {"instanceIds": ["0", "3"]}
    assert VirtualMachineScaleSetVMInstanceIDs().to_dict() == {}
    wire = {
        "error": {
            "code": "Conflict",
            "details": [{"code": "A", "message": "m", "newField": 1}],
            "innererror": {"exceptiontype": "T", "errordetail": "D"},
            "addedByAFutureApiVersion": {"x": 1},
        },
        "alsoUnknown": True,
    }
    parsed = CloudError.from_dict(wire)
    assert isinstance(parsed.error, ApiError)
    assert parsed.error.code == "Conflict" and parsed.error.message is None
    assert parsed.error.details is not None and parsed.error.details[0].message == "m"
    assert (
        parsed.error.innererror is not None
        and parsed.error.innererror.errordetail == "D"
    )
    assert parsed.to_dict() == {
        "error": {
            "code": "Conflict",
            "details": [{"code": "A", "message": "m"}],
            "innererror": {"exceptiontype": "T", "errordetail": "D"},
        }
    }


def test_models_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        VirtualMachineScaleSetVMInstanceIDs(["0"])  # type: ignore[misc]


def test_continuation_token_resumes_polling_without_posting_again(
    replay: Any, client: Any, sent: SentRequests, sleeps: list[float]
) -> None:
    from azure.mgmt.core.polling.arm_polling import ARMPolling

    class StopAfterTheFirstResponse(ARMPolling):  # type: ignore[misc]
        def run(self) -> None:
            """Leave the operation running, as a process that exits would."""

    with replay("deallocate_202_location") as cassette:
        first = client.virtual_machine_scale_sets.begin_deallocate(
            "rg-web",
            "vmss-frontend",
            ALL_INSTANCES,
            polling=StopAfterTheFirstResponse(),
        )
        first.wait()
        token = first.continuation_token()
        resumed = client.virtual_machine_scale_sets.begin_deallocate(
            "ignored", "ignored", ALL_INSTANCES, continuation_token=token
        )
        assert resumed.result() is None
    assert cassette.all_played
    assert [request.method for request in sent.requests] == ["POST", "GET", "GET"]


def test_importing_the_package_leaves_the_transport_for_the_first_client() -> None:
    """Import time is start-up time for the services that vendor the client: azure-core's
    transport (requests, urllib3, or aiohttp for aio) is imported when a client is built.
    """
    code = (
        "import sys, vmss_deallocate, vmss_deallocate.aio\n"
        "heavy = ('requests', 'urllib3', 'aiohttp')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(GENERATED)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == "[]\n"
