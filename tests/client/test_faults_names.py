"""Path parameters cannot reach another resource: hostile names stay one percent-encoded path
segment, names that would change the URL or break the spec's constraints are refused before
anything is sent (the reference client, and the widgets client of tests.helpers.widgets).
"""

from __future__ import annotations

import re
from types import ModuleType
from urllib.parse import quote, unquote

import pytest

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    RG,
    TOKEN,
    VMSS,
    FaultyServer,
    Reply,
)
from tests.helpers.widgets import RESTART_PATH, restart
from vmss_deallocate import (
    ComputeManagementClient,
)


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


# --- path parameters cannot reach another resource -------------------------------------------


HOSTILE_NAMES = [
    "../../other-rg",
    "x/../../y",
    "x?api-version=1999-01-01",
    "x#fragment",
    "my name",
    "x%2F..%2Fy",
    "x\\..\\y",
    "...",
    "grüße",
]
SEGMENT = {"subscription_id": 2, "resource_group_name": 4, "vm_scale_set_name": 8}
"""Where each path parameter sits in DEALLOCATE.split("/")."""


@pytest.mark.parametrize("parameter", list(SEGMENT))
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_stays_one_path_segment_of_the_request(
    server: FaultyServer, credential: FakeCredential, parameter: str, name: str
) -> None:
    names = {"subscription_id": SUBSCRIPTION, "resource_group_name": RG}
    names |= {"vm_scale_set_name": VMSS, parameter: name}
    segments = DEALLOCATE.split("/")
    segments[SEGMENT[parameter]] = quote(name, safe="")
    server.script("POST", "/".join(segments), Reply(200))
    with ComputeManagementClient(
        credential, names["subscription_id"], endpoint=server.url
    ) as client:
        poller = client.virtual_machine_scale_sets.begin_deallocate(
            names["resource_group_name"],
            names["vm_scale_set_name"],
            ["0"],
            enforce_https=False,
        )
        poller.result()
    (seen,) = server.seen
    sent = seen.path.split("/")
    assert len(sent) == len(segments)
    assert unquote(sent[SEGMENT[parameter]]) == name
    assert seen.query == "api-version=2024-07-01"
    assert "x-injected" not in seen.headers
    server.assert_all_played()


@pytest.mark.parametrize(
    "name", ["", ".", "..", "x\r\nX-Injected: 1", "blue-1\n", "tab\there", "del\x7f"]
)
def test_names_that_would_change_the_url_are_refused_before_sending(
    server: FaultyServer, credential: FakeCredential, name: str
) -> None:
    with ComputeManagementClient(
        credential, SUBSCRIPTION, endpoint=server.url
    ) as client:
        for arguments in ((name, VMSS), (RG, name)):
            expected = (
                "must not contain control characters"
                if any(ord(c) < 32 or ord(c) == 127 for c in name)
                else f"must not be {re.escape(repr(name))}$"
            )
            with pytest.raises(ValueError, match=expected):
                client.virtual_machine_scale_sets.begin_deallocate(
                    *arguments, ["0"], enforce_https=False
                )
    assert server.seen == [] and credential.scopes == []


@pytest.mark.parametrize(
    ("resource_group", "widget", "message"),
    [
        (RG, "ab", "widget_name must be at least 3 characters long"),
        (RG, "a" * 13, "widget_name must be at most 12 characters long"),
        (RG, "Blue-1", "widget_name must match the pattern '^[a-z][a-z0-9-]*$'"),
        (RG, "blue/../x", "widget_name must match the pattern"),
        (RG, "blue 1", "widget_name must match the pattern"),
        (RG, "blue?x=1", "widget_name must match the pattern"),
        ("rg#x", "blue-1", "resource_group_name must match the pattern"),
        ("r" * 91, "blue-1", "resource_group_name must be at most 90 characters long"),
    ],
)
def test_names_outside_the_spec_constraints_are_refused_before_sending(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    resource_group: str,
    widget: str,
    message: str,
) -> None:
    with pytest.raises(ValueError) as caught:
        restart(widgets, server.url, credential, resource_group, widget)
    assert str(caught.value).startswith(message)
    assert server.seen == [] and credential.scopes == []


def test_names_within_the_spec_constraints_are_sent(
    widgets: ModuleType, server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", RESTART_PATH, Reply(200))
    restart(widgets, server.url, credential)
    assert len(server.seen) == 1
    server.assert_all_played()


@pytest.mark.parametrize(
    ("resource_group", "widget", "parameter"),
    [
        (RG, "blue-1\n", "widget_name"),
        (RG, "blue-1\r\n", "widget_name"),
        (RG, "blue\t1", "widget_name"),
        (RG, "blue-1\x7f", "widget_name"),
        (f"{RG}\n", "blue-1", "resource_group_name"),
    ],
)
def test_a_trailing_newline_does_not_satisfy_an_anchored_pattern(
    widgets: ModuleType,
    server: FaultyServer,
    credential: FakeCredential,
    resource_group: str,
    widget: str,
    parameter: str,
) -> None:
    """Python's `$` also matches before a final newline, so re.search alone would let
    'blue-1\\n' through ^[a-z][a-z0-9-]*$; control characters are refused first."""
    pattern = re.compile(r"^[a-z][a-z0-9-]*$", re.ASCII)
    assert pattern.search("blue-1\n") is not None  # why the check is needed
    with pytest.raises(ValueError) as caught:
        restart(widgets, server.url, credential, resource_group, widget)
    assert str(caught.value) == f"{parameter} must not contain control characters"
    assert server.seen == [] and credential.scopes == []
