"""The sync client's default transport: azure-core's RequestsTransport on a Session that reads the
environment's proxy and CA-bundle settings once per host (vmss_deallocate/_transport.py).

It must decide exactly as a stock requests.Session does, only not again on every request.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests

from tests.helpers import GENERATED, SUBSCRIPTION, FakeCredential
from tests.helpers.server import RG, TOKEN, VMSS, FaultyServer, Reply
from vmss_deallocate import VirtualMachineScaleSetsClient
from vmss_deallocate._transport import _EnvironmentOncePerHostSession

ENVIRONMENT_NAMES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)
ENVIRONMENTS: dict[str, dict[str, str]] = {
    "nothing set": {},
    "an https proxy": {"HTTPS_PROXY": "http://proxy.example:3128"},
    "both proxies": {
        "HTTP_PROXY": "http://plain.example:80",
        "HTTPS_PROXY": "http://proxy.example:3128",
    },
    "a proxy the endpoint bypasses": {
        "HTTPS_PROXY": "http://proxy.example:3128",
        "NO_PROXY": "management.azure.com,.internal.example",
    },
    "a CA bundle": {"REQUESTS_CA_BUNDLE": "/etc/ssl/corporate.pem"},
    "curl's CA bundle": {"CURL_CA_BUNDLE": "/etc/ssl/curl.pem"},
}
URLS = (
    "https://management.azure.com/subscriptions/x",
    "https://api.internal.example/op",
    "https://other.example/op",
    "http://127.0.0.1:8080/op",
)


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN, as in the fault tests."""
    return FakeCredential(token=TOKEN)


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ENVIRONMENT_NAMES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.mark.parametrize("settings", list(ENVIRONMENTS))
def test_it_decides_as_a_stock_session_does(
    environment: pytest.MonkeyPatch, settings: str
) -> None:
    for name, value in ENVIRONMENTS[settings].items():
        environment.setenv(name, value)
    ours, stock = _EnvironmentOncePerHostSession(), requests.Session()
    for url in URLS:
        for verify in (None, True, False, "/own/ca.pem"):
            expected = stock.merge_environment_settings(url, {}, None, verify, None)
            for _ in range(2):  # read, then remembered
                assert (
                    ours.merge_environment_settings(url, {}, None, verify, None)
                    == expected
                ), (url, verify)


def test_the_environment_is_read_once_per_host_and_session(
    environment: pytest.MonkeyPatch,
) -> None:
    url = URLS[0]
    session = _EnvironmentOncePerHostSession()
    before = session.merge_environment_settings(url, {}, None, None, None)
    environment.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert session.merge_environment_settings(url, {}, None, None, None) == before
    assert session.merge_environment_settings(URLS[1], {}, None, None, None)[
        "proxies"
    ] == {"https": "http://proxy.example:3128"}
    fresh = _EnvironmentOncePerHostSession()
    assert fresh.merge_environment_settings(url, {}, None, None, None)["proxies"] == {
        "https": "http://proxy.example:3128"
    }


def test_what_it_hands_out_cannot_change_what_it_remembers(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    session = _EnvironmentOncePerHostSession()
    first = session.merge_environment_settings(URLS[0], {}, None, None, None)
    first["proxies"]["https"] = "http://elsewhere.example"
    again = session.merge_environment_settings(URLS[0], {}, None, None, None)
    assert again["proxies"] == {"https": "http://proxy.example:3128"}


def test_proxies_given_with_a_request_win_and_are_not_remembered_for_others(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    session = _EnvironmentOncePerHostSession()
    own = {"https": "http://own.example:8080"}
    assert (
        session.merge_environment_settings(URLS[0], dict(own), None, None, None)[
            "proxies"
        ]
        == own
    )
    assert session.merge_environment_settings(URLS[0], {}, None, None, None)[
        "proxies"
    ] == {"https": "http://proxy.example:3128"}


def test_with_use_env_settings_false_the_environment_is_not_read(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    session = _EnvironmentOncePerHostSession()
    session.trust_env = False
    assert (
        session.merge_environment_settings(URLS[0], {}, None, None, None)["proxies"]
        == {}
    )


def test_the_client_sends_through_the_environments_proxy(
    environment: pytest.MonkeyPatch, server: FaultyServer, credential: FakeCredential
) -> None:
    """End to end: HTTP_PROXY names the local server, so it gets the request for another host
    in proxy form (the absolute URL as the request target)."""
    endpoint = "http://vmss.invalid"
    environment.setenv("HTTP_PROXY", server.url)
    path = (
        f"{endpoint}/subscriptions/{SUBSCRIPTION}/resourceGroups/{RG}/providers"
        f"/Microsoft.Compute/virtualMachineScaleSets/{VMSS}/deallocate"
    )
    server.script("POST", path, Reply(200))
    with VirtualMachineScaleSetsClient(
        credential, SUBSCRIPTION, endpoint=endpoint
    ) as client:
        poller = client.begin_deallocate(RG, VMSS, ["0"], enforce_https=False)
        assert poller.result() is None
    server.assert_all_played()


def test_importing_the_package_leaves_the_transport_for_the_first_client() -> None:
    """Import time is start-up time for the services that vendor the client: the transport
    (requests, urllib3) is imported when a client is built, not with the package."""
    code = (
        "import sys, vmss_deallocate\n"
        "heavy = ('requests', 'urllib3', 'aiohttp', 'vmss_deallocate._transport')\n"
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


def test_the_session_is_set_up_as_azure_cores_own() -> None:
    """default_transport gives RequestsTransport a session, so azure-core's own set-up of one is
    skipped: ours must match it (urllib3 never retries, redirects or raises on a status), or
    azure-core's RetryPolicy and RedirectPolicy would not be the only ones at work."""
    from azure.core.pipeline.transport import RequestsTransport

    from vmss_deallocate._transport import default_transport

    theirs, ours = RequestsTransport(), default_transport()
    for transport in (theirs, ours):
        transport.open()
    try:
        for prefix in ("http://", "https://"):
            mine, reference = (
                t.session.adapters[prefix].max_retries for t in (ours, theirs)
            )
            # repr, not ==: Retry(total=0) would equal Retry(total=False) field by field
            assert (repr(mine), mine.raise_on_status) == (
                repr(reference),
                reference.raise_on_status,
            )
        assert ours.session.trust_env == theirs.session.trust_env
        assert isinstance(ours.session, _EnvironmentOncePerHostSession)
    finally:
        for transport in (theirs, ours):
            transport.close()
