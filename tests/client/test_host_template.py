"""A client generated from a spec with x-ms-parameterized-host: any host parameter value either
gives an endpoint on the host the template composes, or is refused before anything is sent;
when the client holds every host parameter, the token scope is derived from the endpoint and
the token goes to its host only."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from azure.core.pipeline.policies import BearerTokenCredentialPolicy, RequestIdPolicy
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import FakeCredential, SentRequests
from tests.helpers.packages import generated_package, write_json
from tests.helpers.server import FaultyServer, Reply, accepted, authorization


def _path(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "type": "string", **extra}


def _spec(host: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "swagger": "2.0",
        "info": {"title": "Hosted", "version": "2024-01-01"},
        "x-ms-parameterized-host": host,
        "paths": {
            "/things": {
                "get": {
                    "operationId": "GetThing",
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
        **extra,
    }


CLIENT = {"x-ms-parameter-location": "client"}
FIXED = _spec(
    {
        "hostTemplate": "{accountName}{host}/api/{version}",
        "parameters": [
            _path("accountName", **CLIENT),
            _path("host", **CLIENT),
            _path("version", **CLIENT),
        ],
    },
    schemes=["http"],
)
"""Every host parameter on the client: the endpoint is known when the client is made."""
PER_CALL = _spec(
    {
        "hostTemplate": "{vault}{secret}{dnsSuffix}",
        "useSchemePrefix": False,
        "parameters": [_path("vault"), _path("secret"), _path("dnsSuffix", **CLIENT)],
    }
)
PER_CALL["paths"]["/start"] = {
    "post": {
        "operationId": "Start",
        "x-ms-long-running-operation": True,
        "responses": {"200": {"description": "OK"}, "202": {"description": "Accepted"}},
    }
}


@contextlib.contextmanager
def _generated(root: Path, name: str, spec: dict[str, Any]) -> Iterator[ModuleType]:
    spec_file = write_json(root / f"{name}.json", spec)
    with generated_package(spec_file, name, root / name) as package:
        yield package


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with _generated(tmp_path_factory.mktemp("fixed"), "armgen_host_fixed", FIXED) as p:
        yield p


@pytest.fixture(scope="module")
def per_call(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with _generated(tmp_path_factory.mktemp("call"), "armgen_host_call", PER_CALL) as p:
        yield p


def _shared(package: ModuleType) -> Any:
    return importlib.import_module(f"{package.__name__}._shared")


TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["evil.com/", "evil.com?", "a@b", "x:1", "[::1]", "..", "%2e", "a\\b", "a#"]
)


# --- any value: the composed host, or refused --------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(account=TEXT, version=TEXT)
def test_any_value_gives_the_composed_host_or_is_refused(
    fixed: ModuleType, account: str, version: str
) -> None:
    values = {
        "accountName": ("account_name", account),
        "host": ("host", "host:3000"),
        "version": ("version", version),
    }
    try:
        endpoint = _shared(fixed).host_endpoint(values)
    except (ValueError, TypeError):
        return
    parts = urlsplit(endpoint)
    assert (parts.scheme, parts.hostname, parts.port) == (
        "http",
        f"{account}host".lower(),
        3000,
    )
    assert parts.path == "/api/" + quote(version, safe="")
    assert (parts.username, parts.query, parts.fragment) == (None, "", "")


@settings(max_examples=300, deadline=None)
@given(vault=TEXT | st.builds("http://{}".format, TEXT), secret=TEXT)
def test_a_leading_value_may_carry_the_scheme_but_not_move_the_host(
    per_call: ModuleType, vault: str, secret: str
) -> None:
    values = {
        "vault": ("vault", vault),
        "secret": ("secret", secret),
        "dnsSuffix": ("dns_suffix", ".example"),
    }
    try:
        endpoint = _shared(per_call).host_endpoint(values)
    except (ValueError, TypeError):
        return
    scheme, _, host_text = vault.partition("://")
    parts = urlsplit(endpoint)
    assert parts.scheme == scheme
    assert parts.netloc == f"{host_text}{secret}.example"
    assert (parts.path, parts.query, parts.fragment) == ("", "", "")


def test_autorests_vault_value_is_accepted(per_call: ModuleType) -> None:
    values = {
        "vault": ("vault", "http://lo"),
        "secret": ("secret", "cal"),
        "dnsSuffix": ("dns_suffix", "host:3000"),
    }
    assert _shared(per_call).host_endpoint(values) == "http://localhost:3000"


# --- a client that holds every host parameter ---------------------------------------------------


def test_the_scope_is_derived_from_the_endpoint_and_the_token_goes_there(
    fixed: ModuleType, make_server: Any
) -> None:
    server: FaultyServer = make_server()
    server.script("GET", "/api/v1/things", Reply(200))
    address = urlsplit(server.url)
    credential, sent = FakeCredential(), SentRequests()
    head, _, last = str(address.hostname).rpartition(".")
    with fixed.HostedClient(
        credential, account_name=head + ".", host=f"{last}:{address.port}", version="v1"
    ) as client:
        client.get_thing(enforce_https=False, raw_request_hook=sent)
    assert credential.scopes == [(f"{server.url}/api/v1/.default",)]
    (request,) = sent.requests
    assert request.url == f"{server.url}/api/v1/things"
    assert request.headers["Authorization"].startswith("Bearer ")


@pytest.mark.parametrize("account_name", ["evil.com/", "evil.com#", "a@", ""])
def test_the_client_refuses_a_value_that_would_move_its_host(
    fixed: ModuleType, account_name: str
) -> None:
    with pytest.raises(ValueError, match="account_name"):
        fixed.HostedClient(
            FakeCredential(), account_name=account_name, host="host", version="v1"
        )


def test_the_client_takes_no_endpoint_argument(fixed: ModuleType) -> None:
    with pytest.raises(TypeError, match="endpoint"):
        fixed.HostedClient(
            FakeCredential(), "a", "host", "v1", endpoint="https://elsewhere.example"
        )


# --- a client whose endpoint is chosen per call --------------------------------------------------


@pytest.mark.parametrize("own_policies", [False, True], ids=["default", "policies="])
def test_a_poll_on_another_host_than_the_calls_never_gets_the_token(
    per_call: ModuleType, make_server: Any, own_policies: bool
) -> None:
    """Also when `policies=` replaces the pipeline: the token policy is kept."""
    endpoint: FaultyServer = make_server()
    elsewhere: FaultyServer = make_server()
    endpoint.script("POST", "/start", accepted(f"{elsewhere.url}/op"))
    elsewhere.script("GET", "/op", Reply(200))
    address = urlsplit(endpoint.url)
    first, second, third, fourth = str(address.hostname).split(".")
    credential = FakeCredential()
    scope = "https://vault.example/.default"
    options: dict[str, Any] = {}
    if own_policies:
        options["policies"] = [
            RequestIdPolicy(),  # azure-core's polling reads the first request's id
            BearerTokenCredentialPolicy(credential, scope),
        ]
    with per_call.HostedClient(
        credential,
        dns_suffix=f".{fourth}:{address.port}",
        credential_scopes=[scope],
        **options,
    ) as client:
        poller = client.begin_start(
            f"http://{first}",
            f".{second}.{third}",
            polling_interval=0,
            enforce_https=False,
        )
        assert poller.result() is None
    assert credential.scopes == [("https://vault.example/.default",)]
    (start,) = endpoint.requests("POST")
    assert authorization(start) is not None
    (poll,) = elsewhere.requests("GET", "/op")
    assert authorization(poll) is None
