"""The bearer token is never logged, kept or recorded, and stays with the endpoint's host against
a local server that tries to draw it elsewhere: a poll URL on another host, a redirect, a 401
challenge from another host, a downgrade to plain http (_TokenOnlyForTheEndpoint, azure-core's
SensitiveHeaderCleanupPolicy and its bearer policy's https check)."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from azure.core.exceptions import (
    ClientAuthenticationError,
    ServiceRequestError,
)
from azure.core.pipeline.transport import RequestsTransport

from tests.helpers import CASSETTES, FAKE_TOKEN, SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    BACKOFF,
    DEALLOCATE,
    RG,
    TOKEN,
    VMSS,
    FaultyServer,
    Reply,
    accepted,
    assert_no_token,
    authorization,
    cloud_error,
    deallocate,
    deallocate_fails,
    repeat,
)
from vmss_deallocate import (
    ComputeManagementClient,
    ServiceAuthenticationError,
    ServiceError,
)


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


# --- the token stays with the endpoint -----------------------------------------------------------


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
    assert authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    polls = elsewhere.requests("GET", "/op")
    assert len(polls) == 2 and all(authorization(p) is None for p in polls)
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
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=endpoint.url
    ) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False
        )
        with pytest.raises(ServiceAuthenticationError) as caught:
            poller.result()
    assert_no_token(caught.value)
    assert type(caught.value) is ServiceAuthenticationError
    assert isinstance(caught.value, ClientAuthenticationError)
    assert caught.value.status_code == 401
    # The challenge makes azure-mgmt-core ask the credential again (with the claims) and resend
    # once; the resent poll is stripped too.
    polls = elsewhere.requests("GET", "/op")
    assert len(polls) == 2 and all(authorization(p) is None for p in polls)
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
) -> ComputeManagementClient:
    routes = {"https://management.azure.com": endpoint.url, ELSEWHERE: elsewhere.url}
    return ComputeManagementClient(
        credential, SUBSCRIPTION, transport=RoutedTransport(routes)
    )


def test_over_https_a_location_on_another_host_never_gets_the_token(
    make_server: Callable[[], FaultyServer], credential: FakeCredential
) -> None:
    endpoint, elsewhere = make_server(), make_server()
    endpoint.script("POST", DEALLOCATE, accepted(f"{ELSEWHERE}/op"))
    elsewhere.script("GET", "/op", Reply(200))
    with _routed_client(credential, endpoint, elsewhere) as client:
        assert (
            client.virtual_machine_scale_sets.begin_deallocate(RG, VMSS, ["0"]).result()
            is None
        )
    assert authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert authorization(elsewhere.requests("GET", "/op")[0]) is None
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
        assert (
            client.virtual_machine_scale_sets.begin_deallocate(RG, VMSS, ["0"]).result()
            is None
        )
    assert authorization(endpoint.requests("POST")[0]) == f"Bearer {TOKEN}"
    assert authorization(elsewhere.requests("POST")[0]) is None
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
        poller = client.virtual_machine_scale_sets.begin_deallocate(RG, VMSS, ["0"])
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
        ComputeManagementClient(
            credential, SUBSCRIPTION, endpoint=server.url, retry_total=0
        ) as client,
        pytest.raises(ServiceRequestError, match="non-TLS") as caught,
    ):
        client.virtual_machine_scale_sets.begin_deallocate(RG, VMSS, ["0"])
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
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            RG, VMSS, ["0"], enforce_https=False
        )
        poller.result()
        saved = poller.continuation_token()
    assert authorization(server.requests("POST")[0]) == f"Bearer {TOKEN}"
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
