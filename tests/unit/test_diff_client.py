"""`diff` rules for the rest of the client's surface: endpoint, groups, names, client parameters,
optional bodies, enums and patterns.

Each test writes OLD as YAML and NEW as JSON, changes one thing, and asserts the exact list of
changes: a rule that also fires where it should not fails the test as surely as one that does not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.diff import (
    ApiDiff,
)
from tests.helpers.diff import (
    RESTART,
    WIDGET,
    base_spec,
    changes_without_version,
    diff_files,
    operation,
    parameter,
    summary,
    the_change,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


# --- more of the client's surface -----------------------------------------------------------


def test_default_endpoint_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["host"] = "management.chinacloudapi.cn"
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("endpoint_changed", "breaking", None, "endpoint")
    assert change.new == "https://management.chinacloudapi.cn"


def _hosted(template: str, location: str = "client") -> dict[str, Any]:
    spec = base_spec()
    spec["x-ms-parameterized-host"] = {
        "hostTemplate": template,
        "parameters": [
            {
                "name": "accountName",
                "in": "path",
                "required": True,
                "type": "string",
                "x-ms-parameter-location": location,
            }
        ],
    }
    return spec


def test_a_host_template_change_is_an_endpoint_change(
    run: Callable[..., ApiDiff],
) -> None:
    old, new = _hosted("{accountName}.a.example"), _hosted("{accountName}.b.example")
    change = the_change(run(old, new))
    assert summary(change) == ("endpoint_changed", "breaking", None, "endpoint")
    assert change.message == (
        "host template changed from https://{accountName}.a.example to"
        " https://{accountName}.b.example"
    )


def test_a_new_client_host_parameter_is_a_new_client_parameter(
    run: Callable[..., ApiDiff],
) -> None:
    """As any client parameter, it is also reported in each operation that sends it."""
    found = changes_without_version(
        run(base_spec(), _hosted("{accountName}.a.example"))
    )
    assert [summary(c) for c in found[:2]] == [
        ("endpoint_changed", "breaking", None, "endpoint"),
        (
            "client_parameter_added",
            "breaking",
            None,
            "client > parameter accountName (host)",
        ),
    ]
    assert {(c.kind.value, c.location.partition(" > ")[2]) for c in found[2:]} == {
        ("parameter_added", "parameter accountName (host)")
    }
    assert len(found) == 2 + len(base_spec()["paths"][WIDGET]) + 1


def test_a_new_operation_group_moves_every_method(run: Callable[..., ApiDiff]) -> None:
    """The client's name comes from the title, not the operations; a new group prefix moves
    each method to another attribute of the client."""
    new = base_spec()
    for path, method in ((WIDGET, "put"), (WIDGET, "get"), (RESTART, "post")):
        entry = operation(new, path, method)
        entry["operationId"] = entry["operationId"].replace("Widgets_", "Gadgets_")
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("operation_id_changed", "breaking", 1008, "Widgets_CreateOrUpdate"),
        ("operation_id_changed", "breaking", 1008, "Widgets_Get"),
        ("operation_id_changed", "breaking", 1008, "Widgets_Restart"),
    ]
    assert "client.widgets.get() is now client.gadgets.get()" in found[1].caller_impact


def test_the_client_is_renamed_with_the_title(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["info"]["title"] = "GadgetClient"
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("client_renamed", "breaking", None, "client")
    ]
    assert (found[0].old, found[0].new) == ("WidgetsClient", "GadgetClient")


def test_client_parameter_removed(run: Callable[..., ApiDiff]) -> None:
    old = base_spec()
    old["parameters"]["TenantParameter"] = {
        "name": "tenant",
        "in": "query",
        "required": True,
        "type": "string",
    }
    operation(old, WIDGET, "get")["parameters"].append(
        {"$ref": "#/parameters/TenantParameter"}
    )
    found = changes_without_version(run(old, base_spec()))
    assert [summary(c) for c in found] == [
        (
            "client_parameter_removed",
            "breaking",
            1007,
            "client > parameter tenant (query)",
        ),
        (
            "parameter_removed",
            "breaking",
            1009,
            "Widgets_Get > parameter tenant (query)",
        ),
    ]
    assert found[0].rule_name == "RemovedClientParameter"
    assert "WidgetsClient() no longer takes tenant" in found[0].caller_impact


def test_x_ms_client_name_changes_the_python_names(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "force")["x-ms-client-name"] = "forced"
    new["definitions"]["WidgetProperties"]["properties"]["weight"][
        "x-ms-client-name"
    ] = "mass"
    found = changes_without_version(run(base_spec(), new))
    assert [(summary(c), c.old, c.new) for c in found] == [
        (
            (
                "python_name_changed",
                "breaking",
                None,
                "Widgets_Restart > parameter force (query)",
            ),
            "force",
            "forced",
        ),
        (
            (
                "python_name_changed",
                "breaking",
                None,
                "model WidgetProperties > property weight",
            ),
            "weight",
            "mass",
        ),
    ]


def test_optional_body_added(run: Callable[..., ApiDiff]) -> None:
    old = base_spec()
    restart = operation(old, RESTART, "post")
    restart["parameters"] = [p for p in restart["parameters"] if p.get("in") != "body"]
    del old["definitions"]["RestartOptions"]
    found = changes_without_version(run(old, base_spec()))
    assert [summary(c) for c in found] == [
        ("body_added", "non-breaking", 1043, "Widgets_Restart > body options"),
        ("model_added", "non-breaking", None, "model RestartOptions"),
    ]


def test_omit_sentinel_added(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "options")["x-armgen-omit-sentinel"] = {
        "name": "NO_OPTIONS"
    }
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "omit_sentinel_changed",
        "breaking",
        None,
        "Widgets_Restart > body options",
    )
    assert (change.old, change.new) == (None, "NO_OPTIONS")
    assert "pass NO_OPTIONS to omit it" in change.caller_impact


def test_response_body_added_and_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, RESTART, "post")["responses"]["200"]["schema"] = {
        "$ref": "#/definitions/Widget"
    }
    del operation(new, WIDGET, "get")["responses"]["200"]["schema"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("response_body_removed", "breaking", None, "Widgets_Get > response 200"),
        ("response_body_added", "non-breaking", None, "Widgets_Restart > response 200"),
    ]
    assert "begin_restart() returns Widget instead of None" in found[1].caller_impact


@pytest.mark.parametrize(
    ("extension", "rule"),
    [(None, None), ({"name": "WidgetName", "modelAsString": False}, 1048)],
)
def test_enum_added_to_a_free_value(
    run: Callable[..., ApiDiff], extension: dict[str, Any] | None, rule: int | None
) -> None:
    new = base_spec()
    name = new["definitions"]["Widget"]["properties"]["name"]
    name["enum"] = ["alpha", "beta"]
    if extension:
        name["x-ms-enum"] = extension
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("enum_added", "breaking", rule, "model Widget > property name"),
        # a named enum is a new class too, listed with its values
        *([("enum_type_added", "non-breaking", None, "enum WidgetName")] * bool(rule)),
    ]
    assert found[0].new == ("alpha", "beta")


def test_enum_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    mode = parameter(new, RESTART, "post", "mode")
    del mode["enum"], mode["x-ms-enum"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("enum_removed", "breaking", 1049, "Widgets_Restart > parameter mode (query)"),
        # no file defines RestartMode any more: its class goes too
        ("enum_type_removed", "breaking", None, "enum RestartMode"),
    ]
    assert found[0].rule_name == "RemovedXmsEnum"


@pytest.mark.parametrize(
    ("old", "new", "severity", "rule"),
    [
        # openapi-diff logs ConstraintChanged for any pattern change, as these do
        (None, "^[a-z]+$", "breaking", "ConstraintChanged"),
        ("^[a-z]+$", "^[a-z0-9]+$", "breaking", "ConstraintChanged"),
        ("^[a-z]+$", None, "non-breaking", "ConstraintChanged"),
    ],
)
def test_pattern_changed(
    run: Callable[..., ApiDiff],
    old: str | None,
    new: str | None,
    severity: str,
    rule: str,
) -> None:
    specs = base_spec(), base_spec()
    for spec, pattern in zip(specs, (old, new), strict=True):
        if pattern:
            spec["definitions"]["Widget"]["properties"]["name"]["pattern"] = pattern
    change = the_change(run(*specs))
    assert (change.kind.value, change.severity.value, change.rule_name) == (
        "constraint_changed",
        severity,
        rule,
    )
    assert (change.old, change.new) == (old, new)
