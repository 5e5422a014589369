"""What the generated models do with what real ARM files declare of their properties (the Vaults
spec, tests/helpers/vaults.py): extensible and sealed enums, `readOnly` and
`x-ms-mutability: [read]`, `x-ms-secret`, `additionalProperties` beside named properties,
`x-nullable`, and a constant query parameter; through the models and through the client
against a local server."""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import FaultyServer, Reply
from tests.helpers.vaults import generated_vaults

VAULT_URL = (
    f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg"
    "/providers/Microsoft.KeyVault/vaults/v1"
)
READ_ONLY_WIRE = {"id", "name", "provisioningState", "hsmPoolResourceId"}
SECRET = "s3cr3t-value-never-printed"
OPTIONS: dict[str, Any] = {"enforce_https": False}
CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture(scope="module")
def vaults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated_vaults(tmp_path_factory.mktemp("vaults")) as module:
        yield module


@pytest.fixture
def server() -> Iterator[FaultyServer]:
    instance = FaultyServer()
    try:
        yield instance
    finally:
        instance.stop()


def client(vaults: ModuleType, server: FaultyServer, **options: Any) -> Any:
    return vaults.VaultManagementClient(
        FakeCredential(),
        SUBSCRIPTION,
        endpoint=server.url,
        retry_total=0,
        **options,
    )


def properties(**values: Any) -> dict[str, Any]:
    return {"purgeProtection": None, **values}


# --- enums ----------------------------------------------------------------------------------


@CHECKS
@given(value=st.text())
def test_an_extensible_enum_reads_any_string_and_writes_it_back_unchanged(
    vaults: ModuleType, value: str
) -> None:
    read = vaults.VaultProperties.from_dict(properties(sku=value))
    assert read.sku == value
    if value in ("standard", "premium"):
        assert read.sku is vaults.SkuName(value)
    else:
        assert type(read.sku) is str
    assert read.to_dict()["sku"] == value
    assert json.loads(json.dumps(read.to_dict()))["sku"] == value


@CHECKS
@given(
    value=st.text().filter(lambda text: text.casefold() not in ("recover", "default"))
)
def test_a_sealed_enum_refuses_any_value_it_does_not_list(
    vaults: ModuleType, value: str
) -> None:
    with pytest.raises(ValueError):
        vaults.VaultProperties.from_dict(properties(createMode=value))


def test_a_sealed_enum_reads_its_values_as_members(vaults: ModuleType) -> None:
    read = vaults.VaultProperties.from_dict(properties(createMode="recover"))
    assert read.create_mode is vaults.CreateMode.RECOVER
    assert read.to_dict()["createMode"] == "recover"
    assert "no other is accepted" in (vaults.CreateMode.__doc__ or "")
    assert "others may appear" in (vaults.SkuName.__doc__ or "")


@pytest.mark.parametrize("sent", ["Recover", "RECOVER", "recover"])
def test_a_sealed_enum_reads_a_value_in_any_case_as_its_member(
    vaults: ModuleType, sent: str
) -> None:
    """As AutoRest's clients read them; the member is sent as the spec spells it."""
    read = vaults.VaultProperties.from_dict(properties(createMode=sent))
    assert read.create_mode is vaults.CreateMode.RECOVER
    assert read.to_dict()["createMode"] == "recover"


def test_an_unknown_sealed_value_from_the_service_is_a_decode_error(
    vaults: ModuleType, server: FaultyServer
) -> None:
    body = {"location": "westus", "properties": properties(createMode="restore")}
    server.script("GET", VAULT_URL, Reply(body=body))
    with (
        client(vaults, server) as vault_client,
        pytest.raises(vaults.ServiceDecodeError),
    ):
        vault_client.vaults.get("rg", "v1", **OPTIONS)


def test_an_unknown_extensible_value_from_the_service_is_kept(
    vaults: ModuleType, server: FaultyServer
) -> None:
    body = {"location": "westus", "properties": properties(sku="platinum")}
    server.script("GET", VAULT_URL, Reply(body=body))
    with client(vaults, server) as vault_client:
        assert (
            vault_client.vaults.get("rg", "v1", **OPTIONS).properties.sku == "platinum"
        )


# --- read-only properties ------------------------------------------------------------------

TEXT = st.text(max_size=20)


@CHECKS
@given(
    id_=TEXT,
    name=TEXT,
    state=TEXT,
    pool=TEXT,
    location=TEXT,
    uri=st.none() | TEXT,
)
def test_a_read_only_property_never_appears_in_a_serialized_body(
    vaults: ModuleType,
    id_: str,
    name: str,
    state: str,
    pool: str,
    location: str,
    uri: str | None,
) -> None:
    vault = vaults.Vault(
        id=id_,
        name=name,
        location=location,
        properties=vaults.VaultProperties(
            purge_protection=True,
            provisioning_state=state,
            hsm_pool_resource_id=pool,
            vault_uri=uri,
        ),
    )
    sent = vault.to_dict()
    assert not READ_ONLY_WIRE & set(sent)
    assert not READ_ONLY_WIRE & set(sent["properties"])
    assert sent["location"] == location


def test_read_only_properties_are_still_read(vaults: ModuleType) -> None:
    read = vaults.Vault.from_dict(
        {
            "id": "/x",
            "name": "v1",
            "location": "westus",
            "properties": properties(
                provisioningState="Succeeded", hsmPoolResourceId="/pool"
            ),
        }
    )
    assert (read.id, read.name) == ("/x", "v1")
    assert read.properties.provisioning_state is vaults.ProvisioningState.SUCCEEDED
    assert read.properties.hsm_pool_resource_id == "/pool"


def test_the_put_sends_no_read_only_property(
    vaults: ModuleType, server: FaultyServer
) -> None:
    server.script("PUT", VAULT_URL, Reply(body={"location": "westus", "id": "/x"}))
    vault = vaults.Vault(
        id="/x",
        name="v1",
        location="westus",
        properties=vaults.VaultProperties(
            purge_protection=False, provisioning_state="Succeeded"
        ),
    )
    with client(vaults, server) as vault_client:
        vault_client.vaults.create_or_update("rg", "v1", vault, **OPTIONS)
    (seen,) = server.requests("PUT")
    assert json.loads(seen.body) == {
        "location": "westus",
        "properties": {"purgeProtection": False},
    }


# --- secrets -------------------------------------------------------------------------------


def test_a_secret_is_never_shown_by_repr_but_is_sent(vaults: ModuleType) -> None:
    secret_properties = vaults.VaultProperties(purge_protection=None, access_key=SECRET)
    vault = vaults.Vault(location="westus", properties=secret_properties)
    for shown in (repr(vault), str(vault), repr(secret_properties), f"{vault}"):
        assert SECRET not in shown
    assert "access_key" not in repr(secret_properties)
    assert vault.to_dict()["properties"]["accessKey"] == SECRET
    assert vault == vaults.Vault.from_dict(vault.to_dict() | {"id": None})


def test_a_secret_is_not_logged_even_with_logging_enabled(
    vaults: ModuleType, server: FaultyServer, caplog: pytest.LogCaptureFixture
) -> None:
    answer = {"location": "westus", "properties": properties(accessKey=SECRET)}
    server.script("PUT", VAULT_URL, Reply(body=answer))
    server.script("GET", VAULT_URL, Reply(body=answer))
    vault = vaults.Vault(
        location="westus",
        properties=vaults.VaultProperties(purge_protection=None, access_key=SECRET),
    )
    caplog.set_level(logging.DEBUG)
    with client(vaults, server, logging_enable=True) as vault_client:
        vault_client.vaults.create_or_update("rg", "v1", vault, **OPTIONS)
        read = vault_client.vaults.get("rg", "v1", **OPTIONS)
    assert read.properties.access_key == SECRET
    assert caplog.records, "nothing was logged: the check would prove nothing"
    assert SECRET not in caplog.text


# --- additionalProperties beside named properties -----------------------------------------

EXTRA_KEYS = st.text(max_size=12).filter(lambda key: key != "defaultAction")


@CHECKS
@given(
    extra=st.dictionaries(EXTRA_KEYS, st.integers(), max_size=5),
    action=st.none() | TEXT,
)
def test_other_keys_are_kept_and_written_back_unchanged(
    vaults: ModuleType, extra: dict[str, int], action: str | None
) -> None:
    data: dict[str, Any] = dict(extra)
    if action is not None:
        data["defaultAction"] = action
    rules = vaults.NetworkRules.from_dict(data)
    assert rules.additional_properties == extra
    assert rules.default_action == action
    assert rules.to_dict() == data


def test_a_named_property_wins_over_an_other_key_of_its_name(
    vaults: ModuleType,
) -> None:
    rules = vaults.NetworkRules(
        default_action="Deny", additional_properties={"defaultAction": 1, "x": 2}
    )
    assert rules.to_dict() == {"defaultAction": "Deny", "x": 2}


def test_other_keys_are_checked_against_their_type(vaults: ModuleType) -> None:
    with pytest.raises(TypeError):
        vaults.NetworkRules.from_dict({"x": "not an integer"})


# --- x-nullable -----------------------------------------------------------------------------


def test_a_nullable_required_property_reads_null_and_is_left_out_as_none(
    vaults: ModuleType,
) -> None:
    read = vaults.VaultProperties.from_dict({"purgeProtection": None})
    assert read.purge_protection is None
    assert "purgeProtection" not in read.to_dict()
    assert vaults.VaultProperties(purge_protection=True).to_dict() == {
        "purgeProtection": True
    }
    with pytest.raises(TypeError):
        vaults.VaultProperties()  # required: None must be said explicitly


def test_a_property_that_is_not_nullable_refuses_null(vaults: ModuleType) -> None:
    with pytest.raises(TypeError):
        vaults.Vault.from_dict({"location": None})


# --- a constant parameter --------------------------------------------------------------------


def test_a_constant_query_parameter_is_sent_and_is_no_argument(
    vaults: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", VAULT_URL, Reply(body={"location": "westus"}))
    with client(vaults, server) as vault_client:
        method = vault_client.vaults.get
        assert list(inspect.signature(method).parameters) == [
            "resource_group_name",
            "vault_name",
            "kwargs",
        ]
        assert method("rg", "v1", **OPTIONS).location == "westus"
    (seen,) = server.requests("GET")
    assert dict(parse_qsl(seen.query))["$expand"] == "properties"
