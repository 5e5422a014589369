"""`diff`: every rule on small inline specs, the three report formats, the CLI and git sources.

Each test writes OLD as YAML and NEW as JSON (so reformatting is exercised everywhere), changes
one thing, and asserts the exact list of changes: a rule that also fires where it should not
fails the test as surely as one that does not fire.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import diff_report
from generator.cli import main
from generator.diff import (
    ApiDiff,
    Change,
    ChangeKind,
    CodeDiff,
    Severity,
    compare_apis,
    diff_specs,
)
from generator.errors import GeneratorError, OutputError
from tests.helpers import write_spec

WIDGET = (
    "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
    "/providers/Microsoft.Test/widgets/{widgetName}"
)
RESTART = WIDGET + "/restart"
SUBSCRIPTION = {"$ref": "#/parameters/SubscriptionIdParameter"}
API_VERSION = {"$ref": "#/parameters/ApiVersionParameter"}
GROUP = {"name": "resourceGroupName", "in": "path", "required": True, "type": "string"}
NAME = {"name": "widgetName", "in": "path", "required": True, "type": "string"}
ERROR = {"description": "Error", "schema": {"$ref": "#/definitions/CloudError"}}


def base_spec() -> dict[str, Any]:
    """Widgets: a PUT and GET sharing a path, and a long-running POST with query options."""
    widget = {"$ref": "#/definitions/Widget"}
    return {
        "swagger": "2.0",
        "info": {"title": "Widgets", "version": "2024-01-01"},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {
            WIDGET: {
                "put": {
                    "operationId": "Widgets_CreateOrUpdate",
                    "parameters": [
                        SUBSCRIPTION,
                        GROUP,
                        NAME,
                        API_VERSION,
                        {
                            "name": "widget",
                            "in": "body",
                            "required": True,
                            "schema": widget,
                        },
                    ],
                    "responses": {
                        "200": {"description": "OK", "schema": widget},
                        "201": {"description": "Created", "schema": widget},
                        "default": ERROR,
                    },
                },
                "get": {
                    "operationId": "Widgets_Get",
                    "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
                    "responses": {
                        "200": {"description": "OK", "schema": widget},
                        "default": ERROR,
                    },
                },
            },
            RESTART: {
                "post": {
                    "operationId": "Widgets_Restart",
                    "parameters": [
                        SUBSCRIPTION,
                        GROUP,
                        NAME,
                        {"name": "force", "in": "query", "type": "boolean"},
                        {
                            "name": "mode",
                            "in": "query",
                            "type": "string",
                            "enum": ["soft", "hard"],
                            "x-ms-enum": {
                                "name": "RestartMode",
                                "modelAsString": False,
                            },
                            "default": "soft",
                        },
                        {
                            "name": "count",
                            "in": "query",
                            "type": "integer",
                            "format": "int32",
                            "maximum": 10,
                        },
                        API_VERSION,
                        {
                            "name": "options",
                            "in": "body",
                            "schema": {"$ref": "#/definitions/RestartOptions"},
                        },
                    ],
                    "responses": {
                        "200": {"description": "OK"},
                        "202": {
                            "description": "Accepted",
                            "headers": {"Location": {"type": "string"}},
                        },
                        "default": ERROR,
                    },
                    "x-ms-long-running-operation": True,
                },
            },
        },
        "parameters": {
            "SubscriptionIdParameter": {
                "name": "subscriptionId",
                "in": "path",
                "required": True,
                "type": "string",
            },
            "ApiVersionParameter": {
                "name": "api-version",
                "in": "query",
                "required": True,
                "type": "string",
            },
        },
        "definitions": {
            "Widget": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "name": {"type": "string"},
                    "properties": {"$ref": "#/definitions/WidgetProperties"},
                    "tags": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                    },
                },
            },
            "WidgetProperties": {
                "type": "object",
                "properties": {
                    "size": {
                        "type": "string",
                        "enum": ["Small", "Large"],
                        "x-ms-enum": {"name": "WidgetSize", "modelAsString": True},
                    },
                    "weight": {"type": "integer", "format": "int32"},
                },
            },
            "RestartOptions": {
                "type": "object",
                "properties": {"delaySeconds": {"type": "integer"}},
            },
            "CloudError": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    }


def new_version(spec: dict[str, Any], version: str = "2024-06-01") -> dict[str, Any]:
    spec["info"]["version"] = version
    return spec


def operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    result: dict[str, Any] = spec["paths"][path][method]
    return result


def parameter(
    spec: dict[str, Any], path: str, method: str, name: str
) -> dict[str, Any]:
    return next(
        p for p in operation(spec, path, method)["parameters"] if p.get("name") == name
    )


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """Diff OLD (YAML) against NEW (JSON); `same_version` keeps NEW's api-version as OLD's."""

    def diff(
        old: dict[str, Any],
        new: dict[str, Any],
        operations: list[str] | None = None,
        *,
        same_version: bool = False,
    ) -> ApiDiff:
        if not same_version and new["info"]["version"] == old["info"]["version"]:
            new_version(new)
        old_file = write_spec(tmp_path / "old" / "widgets.yaml", old)
        new_file = write_spec(tmp_path / "new" / "widgets.json", new)
        return diff_specs(str(old_file), str(new_file), operations)

    return diff


def changes_without_version(result: ApiDiff) -> list[Change]:
    return [c for c in result.changes if c.kind is not ChangeKind.API_VERSION_CHANGED]


def the_change(result: ApiDiff) -> Change:
    """The one change besides the api-version's."""
    found = changes_without_version(result)
    assert len(found) == 1, [(c.kind.value, c.location) for c in found]
    return found[0]


def summary(change: Change) -> tuple[str, str, int | None, str]:
    return change.kind.value, change.severity.value, change.rule_id, change.location


# --- no changes -----------------------------------------------------------------------------


def test_the_same_spec_reports_nothing(run: Callable[..., ApiDiff]) -> None:
    result = run(base_spec(), base_spec(), same_version=True)
    assert result.changes == ()
    assert not result.api_version_changed


def _reverse_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reverse_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reverse_keys(item) for item in value]
    return value


def test_reordering_and_rewording_a_file_reports_nothing(
    run: Callable[..., ApiDiff],
) -> None:
    new = _reverse_keys(base_spec())
    operation(new, RESTART, "post")["description"] = "Restarts the widget, reworded."
    new["definitions"]["Widget"]["properties"]["name"]["description"] = "The name."
    restart = operation(new, RESTART, "post")["parameters"]
    restart[3], restart[5] = restart[5], restart[3]  # optional ones: keyword-only
    assert list(new["paths"]) == [RESTART, WIDGET]
    assert run(base_spec(), new, same_version=True).changes == ()


# --- api-level ------------------------------------------------------------------------------


def test_api_version_change_is_reported_and_not_breaking(
    run: Callable[..., ApiDiff],
) -> None:
    result = run(base_spec(), new_version(base_spec(), "2025-01-01"))
    assert [summary(c) for c in result.changes] == [
        ("api_version_changed", "non-breaking", None, "api-version")
    ]
    change = result.changes[0]
    assert (change.old, change.new, change.path) == (
        "2024-01-01",
        "2025-01-01",
        "/info/version",
    )


def test_an_earlier_api_version_cites_versions_reversed(
    run: Callable[..., ApiDiff],
) -> None:
    result = run(base_spec(), new_version(base_spec(), "2023-01-01-preview"))
    assert [(c.rule_id, c.rule_name) for c in result.changes] == [
        (1000, "VersionsReversed")
    ]


# --- operations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("same_version", "severity"), [(False, "non-breaking"), (True, "breaking")]
)
def test_operation_added_breaks_only_within_the_same_api_version(
    run: Callable[..., ApiDiff], same_version: bool, severity: str
) -> None:
    new = base_spec()
    new["paths"][WIDGET]["delete"] = {
        "operationId": "Widgets_Delete",
        "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
        "responses": {"200": {"description": "OK"}, "default": ERROR},
    }
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == ("operation_added", severity, 1039, "Widgets_Delete")
    assert change.rule_name == "AddedOperation"
    assert "delete()" in change.caller_impact
    assert change.path.endswith("/delete")


def test_operation_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    del new["paths"][WIDGET]["get"]
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("operation_removed", "breaking", 1035, "Widgets_Get")
    assert change.rule_name == "RemovedOperation"
    assert "get()" in change.caller_impact and "AttributeError" in change.caller_impact


def test_operation_id_changed_is_matched_by_method_and_path(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["operationId"] = "Widgets_Read"
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("operation_id_changed", "breaking", 1008, "Widgets_Get")
    assert (change.old, change.new, change.rule_name) == (
        "Widgets_Get",
        "Widgets_Read",
        "ModifiedOperationId",
    )
    assert "get() is now read()" in change.caller_impact


def test_path_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["paths"][WIDGET + "/reboot"] = new["paths"].pop(RESTART)
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("path_changed", "breaking", 1005, "Widgets_Restart")
    assert (change.old, change.new) == (RESTART, WIDGET + "/reboot")


def test_http_method_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["paths"][RESTART]["put"] = new["paths"][RESTART].pop("post")
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "http_method_changed",
        "breaking",
        None,
        "Widgets_Restart",
    )
    assert (change.old, change.new) == ("POST", "PUT")


def test_renaming_a_path_placeholder_is_a_parameter_rename_not_a_new_path(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    path = RESTART.replace("{widgetName}", "{name}")
    new["paths"][path] = new["paths"].pop(RESTART)
    restart = operation(new, path, "post")["parameters"]
    restart[2] = {**NAME, "name": "name"}
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_renamed",
        "breaking",
        None,
        "Widgets_Restart > parameter name (path)",
    )
    assert (change.old, change.new) == ("widgetName", "name")


def test_deprecating_an_operation_is_not_breaking(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["deprecated"] = True
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "deprecation_changed",
        "non-breaking",
        None,
        "Widgets_Get",
    )


# --- parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize("same_version", [False, True])
def test_required_parameter_added_always_breaks(
    run: Callable[..., ApiDiff], same_version: bool
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "region", "in": "query", "required": True, "type": "string"}
    )
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == (
        "parameter_added",
        "breaking",
        1010,
        "Widgets_Get > parameter region (query)",
    )
    assert change.rule_name == "AddingRequiredParameter"
    assert "new required argument region" in change.caller_impact


@pytest.mark.parametrize(
    ("same_version", "severity"), [(False, "non-breaking"), (True, "breaking")]
)
def test_optional_parameter_added_breaks_only_within_the_same_api_version(
    run: Callable[..., ApiDiff], same_version: bool, severity: str
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "$expand", "in": "query", "type": "string"}
    )
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == (
        "parameter_added",
        severity,
        1043,
        "Widgets_Get > parameter $expand (query)",
    )
    assert change.rule_name == "AddingOptionalParameter"
    assert ("within api-version 2024-01-01" in change.message) is same_version
    assert "keyword argument expand" in change.caller_impact


def test_optional_parameter_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    restart = operation(new, RESTART, "post")
    restart["parameters"] = [
        p for p in restart["parameters"] if p.get("name") != "force"
    ]
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_removed",
        "breaking",
        1046,
        "Widgets_Restart > parameter force (query)",
    )
    assert change.rule_name == "RemovedOptionalParameter"
    assert "no longer takes force" in change.caller_impact


def test_required_parameter_removed(run: Callable[..., ApiDiff]) -> None:
    old, new = base_spec(), base_spec()
    parameter(old, RESTART, "post", "force")["required"] = True
    restart = operation(new, RESTART, "post")
    restart["parameters"] = [
        p for p in restart["parameters"] if p.get("name") != "force"
    ]
    change = the_change(run(old, new))
    assert summary(change) == (
        "parameter_removed",
        "breaking",
        1009,
        "Widgets_Restart > parameter force (query)",
    )
    assert change.rule_name == "RemovedRequiredParameter"


def test_parameter_renamed_at_the_same_place(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "force")["name"] = "forceRestart"
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_renamed",
        "breaking",
        None,
        "Widgets_Restart > parameter forceRestart (query)",
    )
    assert (change.old, change.new) == ("force", "forceRestart")
    assert "force_restart instead of force" in change.caller_impact


def test_parameter_moved_to_another_location(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "force")["in"] = "header"
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_moved",
        "breaking",
        1015,
        "Widgets_Restart > parameter force (header)",
    )
    assert (change.old, change.new, change.rule_name) == (
        "query",
        "header",
        "ParameterInHasChanged",
    )


@pytest.mark.parametrize("required", [True, False])
def test_parameter_required_changed(
    run: Callable[..., ApiDiff], required: bool
) -> None:
    old, new = base_spec(), base_spec()
    parameter(old, RESTART, "post", "force")["required"] = not required
    parameter(new, RESTART, "post", "force")["required"] = required
    change = the_change(run(old, new))
    assert summary(change) == (
        "required_changed",
        "breaking",
        1025,
        "Widgets_Restart > parameter force (query)",
    )
    assert (change.old, change.new, change.rule_name) == (
        not required,
        required,
        "RequiredStatusChange",
    )


def test_parameter_type_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "force")["type"] = "string"
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "type_changed",
        "breaking",
        1026,
        "Widgets_Restart > parameter force (query)",
    )
    assert (change.old, change.new, change.rule_name) == (
        "boolean",
        "string",
        "TypeChanged",
    )


def test_parameter_format_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "count")["format"] = "int64"
    change = the_change(run(base_spec(), new))
    assert summary(change)[:3] == ("format_changed", "breaking", 1023)
    assert (change.old, change.new, change.rule_name) == (
        "integer(int32)",
        "integer(int64)",
        "TypeFormatChanged",
    )


def test_enum_value_added_and_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "mode")["enum"] = ["soft", "graceful"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        (
            "enum_values_removed",
            "breaking",
            1019,
            "Widgets_Restart > parameter mode (query)",
        ),
        (
            "enum_values_added",
            "non-breaking",
            1020,
            "Widgets_Restart > parameter mode (query)",
        ),
    ]
    assert (found[0].old, found[1].new) == (("hard",), ("graceful",))
    assert (found[0].rule_name, found[1].rule_name) == (
        "RemovedEnumValue",
        "AddedEnumValue",
    )


def test_enum_value_added_within_the_same_api_version_breaks(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "mode")["enum"] = ["soft", "hard", "graceful"]
    change = the_change(run(base_spec(), new, same_version=True))
    assert summary(change)[:3] == ("enum_values_added", "breaking", 1020)


@pytest.mark.parametrize(
    ("extension", "old", "new"),
    [
        (
            {"name": "RebootMode", "modelAsString": False},
            "RestartMode, closed",
            "RebootMode, closed",
        ),
        (
            {"name": "RestartMode", "modelAsString": True},
            "RestartMode, closed",
            "RestartMode, extensible",
        ),
    ],
)
def test_x_ms_enum_changed(
    run: Callable[..., ApiDiff], extension: dict[str, Any], old: str, new: str
) -> None:
    spec = base_spec()
    parameter(spec, RESTART, "post", "mode")["x-ms-enum"] = extension
    change = the_change(run(base_spec(), spec))
    assert summary(change)[:3] == ("enum_changed", "breaking", 1047)
    assert (change.old, change.new, change.rule_name) == (old, new, "XmsEnumChanged")


def test_default_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "mode")["default"] = "hard"
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "default_changed",
        "breaking",
        1027,
        "Widgets_Restart > parameter mode (query)",
    )
    assert (change.old, change.new, change.rule_name) == (
        "soft",
        "hard",
        "DefaultValueChanged",
    )


@pytest.mark.parametrize(
    ("maximum", "severity", "rule"),
    [
        (5, "breaking", (1024, "ConstraintIsStronger")),
        (20, "non-breaking", (1037, "ConstraintIsWeaker")),
    ],
)
def test_constraint_stronger_breaks_and_weaker_does_not(
    run: Callable[..., ApiDiff], maximum: int, severity: str, rule: tuple[int, str]
) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "count")["maximum"] = maximum
    change = the_change(run(base_spec(), new))
    assert summary(change)[:3] == ("constraint_changed", severity, rule[0])
    assert (change.old, change.new, change.rule_name) == (10, maximum, rule[1])


def test_swapping_positional_parameters_is_reported(
    run: Callable[..., ApiDiff],
) -> None:
    """Reordering is silent except where it reorders a method's positional arguments."""
    new = base_spec()
    get = operation(new, WIDGET, "get")["parameters"]
    get[1], get[2] = get[2], get[1]
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_order_changed",
        "breaking",
        1042,
        "Widgets_Get > parameters",
    )
    assert change.old == ("resource_group_name", "widget_name")
    assert change.new == ("widget_name", "resource_group_name")


def test_parameter_moved_from_method_to_client(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["parameters"]["ResourceGroupParameter"] = GROUP
    for path, method in ((WIDGET, "put"), (WIDGET, "get"), (RESTART, "post")):
        listing = operation(new, path, method)["parameters"]
        listing[1] = {"$ref": "#/parameters/ResourceGroupParameter"}
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        (
            "client_parameter_added",
            "breaking",
            None,
            "client > parameter resourceGroupName (path)",
        ),
        (
            "parameter_level_changed",
            "breaking",
            1050,
            "Widgets_CreateOrUpdate > parameter resourceGroupName (path)",
        ),
        (
            "parameter_level_changed",
            "breaking",
            1050,
            "Widgets_Get > parameter resourceGroupName (path)",
        ),
        (
            "parameter_level_changed",
            "breaking",
            1050,
            "Widgets_Restart > parameter resourceGroupName (path)",
        ),
    ]
    assert found[1].rule_name == "ParameterLocationHasChanged"
    assert "WidgetsClient() constructor" in found[1].caller_impact


# --- bodies ---------------------------------------------------------------------------------


def test_body_removed_and_its_model_with_it(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    restart = operation(new, RESTART, "post")
    restart["parameters"] = [p for p in restart["parameters"] if p.get("in") != "body"]
    del new["definitions"]["RestartOptions"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("body_removed", "breaking", 1046, "Widgets_Restart > body options"),
        ("model_removed", "breaking", 1006, "model RestartOptions"),
    ]
    assert found[1].rule_name == "RemovedDefinition"


def test_body_model_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["definitions"]["Gadget"] = copy.deepcopy(new["definitions"]["Widget"])
    parameter(new, WIDGET, "put", "widget")["schema"] = {"$ref": "#/definitions/Gadget"}
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("model_changed", "breaking", 1017, "Widgets_CreateOrUpdate > body widget"),
        ("model_added", "non-breaking", None, "model Gadget"),
    ]
    assert (found[0].old, found[0].new, found[0].rule_name) == (
        "Widget",
        "Gadget",
        "ReferenceRedirection",
    )


def test_body_flattened(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "options")["x-ms-client-flatten"] = True
    change = the_change(run(base_spec(), new))
    assert summary(change)[:2] == ("body_flattening_changed", "breaking")
    assert (change.old, change.new) == (("options",), ("delay_seconds",))


# --- responses ------------------------------------------------------------------------------


def test_success_response_code_added(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["204"] = {"description": "Gone"}
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "response_added",
        "breaking",
        1011,
        "Widgets_Get > response 204",
    )
    assert change.rule_name == "AddingResponseCode"


def test_error_response_added_is_not_breaking(run: Callable[..., ApiDiff]) -> None:
    old = base_spec()
    del operation(old, WIDGET, "get")["responses"]["default"]
    change = the_change(run(old, base_spec()))
    assert summary(change) == (
        "response_added",
        "non-breaking",
        None,
        "Widgets_Get > response default",
    )


@pytest.mark.parametrize(
    ("same_version", "severity"), [(False, "non-breaking"), (True, "breaking")]
)
def test_response_code_removed(
    run: Callable[..., ApiDiff], same_version: bool, severity: str
) -> None:
    new = base_spec()
    del operation(new, WIDGET, "put")["responses"]["201"]
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == (
        "response_removed",
        severity,
        1012,
        "Widgets_CreateOrUpdate > response 201",
    )


def test_removing_the_response_that_gave_the_result_breaks(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["202"] = {"description": "Accepted"}
    del operation(new, WIDGET, "get")["responses"]["200"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c)[:3] for c in found] == [
        ("response_removed", "breaking", 1012),
        ("response_added", "breaking", 1011),
    ]
    assert "returns None instead of Widget" in found[0].caller_impact


def test_response_model_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["200"]["schema"] = {
        "$ref": "#/definitions/WidgetProperties"
    }
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "model_changed",
        "breaking",
        1017,
        "Widgets_Get > response 200",
    )
    assert (change.old, change.new) == ("Widget", "WidgetProperties")


def test_response_headers_added_and_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, RESTART, "post")["responses"]["202"]["headers"] = {
        "Retry-After": {"type": "integer"}
    }
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        (
            "header_removed",
            "breaking",
            1014,
            "Widgets_Restart > response 202 > header Location",
        ),
        (
            "header_added",
            "non-breaking",
            1013,
            "Widgets_Restart > response 202 > header Retry-After",
        ),
    ]


# --- long-running ---------------------------------------------------------------------------


def test_long_running_flag_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, RESTART, "post")["x-ms-long-running-operation"] = False
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "long_running_changed",
        "breaking",
        1044,
        "Widgets_Restart > long-running",
    )
    assert (change.old, change.new, change.rule_name) == (
        True,
        False,
        "XmsLongRunningOperationChanged",
    )
    assert "begin_restart() becomes restart()" in change.caller_impact


def test_final_state_via_changed(run: Callable[..., ApiDiff]) -> None:
    old, new = base_spec(), base_spec()
    for spec, via in ((old, "location"), (new, "azure-async-operation")):
        operation(spec, RESTART, "post")["x-ms-long-running-operation-options"] = {
            "final-state-via": via
        }
    change = the_change(run(old, new))
    assert summary(change) == (
        "final_state_changed",
        "breaking",
        None,
        "Widgets_Restart > long-running",
    )
    assert (change.old, change.new) == ("location", "azure-async-operation")
    assert change.path.endswith("/x-ms-long-running-operation-options/final-state-via")


# --- models and properties ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "schema", "required", "expected"),
    [
        (
            "WidgetProperties",
            {"type": "string"},
            False,
            ("non-breaking", 1041, "AddedPropertyInResponse"),
        ),
        (
            "Widget",
            {"type": "string", "readOnly": True},
            False,
            ("non-breaking", 1040, "AddedReadOnlyPropertyInResponse"),
        ),
        (
            "RestartOptions",
            {"type": "string"},
            False,
            ("non-breaking", 1045, "AddedOptionalProperty"),
        ),
        (
            "Widget",
            {"type": "string"},
            True,
            ("breaking", 1034, "AddedRequiredProperty"),
        ),
    ],
)
def test_property_added(
    run: Callable[..., ApiDiff],
    model: str,
    schema: dict[str, Any],
    required: bool,
    expected: tuple[str, int, str],
) -> None:
    new = base_spec()
    new["definitions"][model]["properties"]["color"] = schema
    if required:
        new["definitions"][model]["required"].append("color")
    change = the_change(run(base_spec(), new))
    assert (change.kind.value, change.location) == (
        "property_added",
        f"model {model} > property color",
    )
    assert (change.severity.value, change.rule_id, change.rule_name) == expected
    assert change.path == f"/definitions/{model}/properties/color"


def test_property_added_within_the_same_api_version_breaks(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    new["definitions"]["WidgetProperties"]["properties"]["color"] = {"type": "string"}
    change = the_change(run(base_spec(), new, same_version=True))
    assert summary(change)[:3] == ("property_added", "breaking", 1041)


def test_property_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    del new["definitions"]["WidgetProperties"]["properties"]["weight"]
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "property_removed",
        "breaking",
        1033,
        "model WidgetProperties > property weight",
    )
    assert change.rule_name == "RemovedProperty"
    assert "WidgetProperties.weight disappears" in change.caller_impact


def test_property_required_type_and_read_only_changed(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    properties = new["definitions"]["Widget"]["properties"]
    del new["definitions"]["Widget"]["required"]
    properties["id"]["readOnly"] = False
    properties["tags"]["additionalProperties"] = {"type": "integer"}
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("read_only_changed", "breaking", 1029, "model Widget > property id"),
        ("required_changed", "breaking", 1025, "model Widget > property name"),
        ("type_changed", "breaking", 1026, "model Widget > property tags"),
    ]
    assert (found[2].old, found[2].new) == ("map<string>", "map<integer>")


def test_property_enum_values_added(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["definitions"]["WidgetProperties"]["properties"]["size"]["enum"].append("Huge")
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "enum_values_added",
        "non-breaking",
        1020,
        "model WidgetProperties > property size",
    )


def _with_base(spec: dict[str, Any], base_properties: list[str]) -> dict[str, Any]:
    """Move `base_properties` of Widget into a Resource model that Widget extends."""
    widget = spec["definitions"]["Widget"]
    spec["definitions"]["Resource"] = {
        "type": "object",
        "properties": {
            name: widget["properties"].pop(name) for name in base_properties
        },
    }
    widget["allOf"] = [{"$ref": "#/definitions/Resource"}]
    return spec


@pytest.fixture
def allof(run: Callable[..., ApiDiff]) -> Callable[..., ApiDiff]:
    """`run`, until build_api models allOf: then these tests simply pass."""

    def diff(*args: Any, **kwargs: Any) -> ApiDiff:
        try:
            return run(*args, **kwargs)
        except GeneratorError as exc:
            if "'allOf' is not supported yet" in str(exc):
                pytest.xfail(f"the model stage does not support allOf yet: {exc}")
            raise

    return diff


def test_moving_properties_into_an_allof_base_reports_only_the_new_base(
    allof: Callable[..., ApiDiff],
) -> None:
    found = changes_without_version(allof(base_spec(), _with_base(base_spec(), ["id"])))
    assert [summary(c) for c in found] == [
        ("model_added", "non-breaking", None, "model Resource"),
        ("model_bases_changed", "non-breaking", 1032, "model Widget"),
    ]


def test_an_inherited_property_is_reported_once_at_its_base(
    allof: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    new["definitions"]["Resource"]["properties"]["id"]["type"] = "integer"
    found = changes_without_version(allof(_with_base(base_spec(), ["id"]), new))
    assert [summary(c) for c in found] == [
        ("type_changed", "breaking", 1026, "model Resource > property id")
    ]


def test_dropping_an_allof_base_removes_its_properties(
    allof: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    del new["definitions"]["Widget"]["allOf"]
    found = changes_without_version(allof(_with_base(base_spec(), ["id"]), new))
    assert [summary(c) for c in found] == [
        ("model_removed", "breaking", 1006, "model Resource"),
        ("model_bases_changed", "breaking", 1032, "model Widget"),
        ("property_removed", "breaking", 1033, "model Widget > property id"),
    ]


# --- more of the client's surface -----------------------------------------------------------


def test_default_endpoint_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["host"] = "management.chinacloudapi.cn"
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("endpoint_changed", "breaking", None, "endpoint")
    assert change.new == "https://management.chinacloudapi.cn"


def test_client_renamed_with_every_operation_id(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    for path, method in ((WIDGET, "put"), (WIDGET, "get"), (RESTART, "post")):
        entry = operation(new, path, method)
        entry["operationId"] = entry["operationId"].replace("Widgets_", "Gadgets_")
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("client_renamed", "breaking", None, "client"),
        ("operation_id_changed", "breaking", 1008, "Widgets_CreateOrUpdate"),
        ("operation_id_changed", "breaking", 1008, "Widgets_Get"),
        ("operation_id_changed", "breaking", 1008, "Widgets_Restart"),
    ]
    assert (found[0].old, found[0].new) == ("WidgetsClient", "GadgetsClient")
    assert "keeps its name get()" in found[2].caller_impact


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
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "enum_added",
        "breaking",
        rule,
        "model Widget > property name",
    )
    assert change.new == ("alpha", "beta")


def test_enum_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    mode = parameter(new, RESTART, "post", "mode")
    del mode["enum"], mode["x-ms-enum"]
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "enum_removed",
        "breaking",
        1049,
        "Widgets_Restart > parameter mode (query)",
    )
    assert change.rule_name == "RemovedXmsEnum"


@pytest.mark.parametrize(
    ("old", "new", "severity", "rule"),
    [
        (None, "^[a-z]+$", "breaking", "ConstraintIsStronger"),
        ("^[a-z]+$", "^[a-z0-9]+$", "breaking", "ConstraintChanged"),
        ("^[a-z]+$", None, "non-breaking", "ConstraintIsWeaker"),
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


# --- operation selection --------------------------------------------------------------------


def test_selection_reports_an_operation_that_only_one_side_has(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    new["paths"][WIDGET]["delete"] = {
        "operationId": "Widgets_Delete",
        "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
        "responses": {"200": {"description": "OK"}},
    }
    result = run(base_spec(), new, ["Widgets_Get", "Widgets_Delete"])
    assert result.operation_ids == ("Widgets_Get", "Widgets_Delete")
    assert [summary(c) for c in changes_without_version(result)] == [
        ("operation_added", "non-breaking", 1039, "Widgets_Delete")
    ]


def test_selection_finds_a_renamed_operation_when_given_both_ids(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["operationId"] = "Widgets_Read"
    result = run(base_spec(), new, ["Widgets_Get", "Widgets_Read"])
    assert [c.kind.value for c in changes_without_version(result)] == [
        "operation_id_changed"
    ]


def test_selection_refuses_an_operation_that_neither_side_has(
    run: Callable[..., ApiDiff],
) -> None:
    with pytest.raises(
        GeneratorError, match="no operation with operationId 'Nope_Nope'"
    ):
        run(base_spec(), base_spec(), ["Widgets_Get", "Nope_Nope"])


# --- reports --------------------------------------------------------------------------------


@pytest.fixture
def mixed(run: Callable[..., ApiDiff]) -> ApiDiff:
    """One breaking and two non-breaking changes."""
    new = base_spec()
    del new["definitions"]["WidgetProperties"]["properties"]["weight"]
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "$expand", "in": "query", "type": "string"}
    )
    return run(base_spec(), new)


def test_text_report(mixed: ApiDiff) -> None:
    text = diff_report.render_text(mixed)
    lines = text.splitlines()
    assert lines[0].startswith("OLD ") and lines[0].endswith("(api-version 2024-01-01)")
    assert lines[1].startswith("NEW ") and lines[1].endswith("(api-version 2024-06-01)")
    assert lines[2] == "3 changes, 1 breaking (api-version 2024-01-01 -> 2024-06-01)"
    assert lines[4] == "BREAKING      model WidgetProperties > property weight"
    assert "[1033 RemovedProperty]" in lines[5]
    assert lines[6].startswith("    callers: WidgetProperties.weight disappears")
    assert "NON-BREAKING  Widgets_Get > parameter $expand (query)" in lines


def test_markdown_report(mixed: ApiDiff) -> None:
    text = diff_report.render_markdown(mixed)
    assert text.startswith(
        "### armgen diff: 3 changes, 1 breaking (api-version 2024-01-01 \u2192 2024-06-01)\n"
    )
    assert "**Breaking changes**. OLD `" in text
    assert "| Severity | Location | Change | openapi-diff rule |" in text
    assert (
        "| **breaking** | `model WidgetProperties > property weight` |"
        " property 'weight' removed from WidgetProperties | 1033 RemovedProperty |"
    ) in text
    assert "#### For callers of the generated client" in text
    assert "- `Widgets_Get > parameter $expand (query)`: get() takes" in text


def test_markdown_fits_a_github_comment_cutting_the_code_diff_first(
    mixed: ApiDiff,
) -> None:
    lines = [f"+    line_{index} = {'x' * 60}\n" for index in range(3000)]
    huge = replace(
        mixed,
        code=CodeDiff(files=(("pkg/_client.py", "changed"),), text="".join(lines)),
    )
    text = diff_report.render_markdown(huge)
    assert len(text) <= diff_report.COMMENT_LIMIT
    assert diff_report.render_markdown(mixed) in text  # every change is still there
    assert text.endswith("</details>\n") and "```diff\n+    line_0 = " in text
    shown = text.count("+    line_")
    assert 0 < shown < 3000
    assert f"*{3000 - shown} lines left out to fit a GitHub comment" in text


def test_markdown_fits_a_github_comment_with_thousands_of_changes(
    mixed: ApiDiff,
) -> None:
    many = replace(mixed, changes=mixed.changes * 400)
    text = diff_report.render_markdown(many)
    assert len(text) <= diff_report.COMMENT_LIMIT
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    left_out = len(many.changes) - (len(rows) - 2)
    assert 0 < left_out < len(many.changes)
    assert f"*{left_out} more changes left out to fit a GitHub comment" in text
    assert text.count("\n- `") == len(rows) - 2  # the callers' list shows the same ones
    assert len(diff_report.render_text(many).splitlines()) > len(many.changes)


def test_markdown_cells_escape_spec_text(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["definitions"]["WidgetProperties"]["properties"]["a|b`c\nd"] = {
        "type": "string"
    }
    text = diff_report.render_markdown(run(base_spec(), new))
    rows = [line for line in text.splitlines() if line.startswith("| non-breaking |")]
    assert len(rows) == 2
    row = rows[1]
    assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    assert "a\\|b" in row and "\\`" in row
    assert "``model WidgetProperties > property a\\|b`c" in row
    assert "\n" not in row


def test_text_report_prints_no_control_characters(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "mode")["enum"].append("\x1b[2Jboom")
    text = diff_report.render_text(run(base_spec(), new))
    assert "\x1b" not in text
    assert "boom" in text


JSON_KEYS = [
    "schema_version",
    "old",
    "new",
    "api_version_changed",
    "operations",
    "summary",
    "changes",
    "code",
]
CHANGE_KEYS = [
    "kind",
    "severity",
    "rule_id",
    "rule_name",
    "location",
    "path",
    "old",
    "new",
    "message",
    "caller_impact",
]


def test_json_report(mixed: ApiDiff) -> None:
    document = json.loads(diff_report.render_json(mixed))
    assert list(document) == JSON_KEYS
    assert document["schema_version"] == 1
    assert document["old"]["api_version"] == "2024-01-01"
    assert document["new"]["spec"].endswith("widgets.json")
    assert document["api_version_changed"] is True
    assert document["operations"] is None
    assert document["summary"] == {"total": 3, "breaking": 1, "non_breaking": 2}
    assert document["code"] is None
    for change in document["changes"]:
        assert list(change) == CHANGE_KEYS
    removed = next(c for c in document["changes"] if c["kind"] == "property_removed")
    assert removed == {
        "kind": "property_removed",
        "severity": "breaking",
        "rule_id": 1033,
        "rule_name": "RemovedProperty",
        "location": "model WidgetProperties > property weight",
        "path": "/definitions/WidgetProperties/properties/weight",
        "old": "integer(int32)",
        "new": None,
        "message": "property 'weight' removed from WidgetProperties",
        "caller_impact": removed["caller_impact"],
    }


def test_no_changes_in_every_format(run: Callable[..., ApiDiff]) -> None:
    result = run(base_spec(), base_spec(), same_version=True)
    assert "No changes to the API (api-version 2024-01-01, unchanged)" in (
        diff_report.render_text(result)
    )
    markdown = diff_report.render_markdown(result)
    assert "No breaking changes" in markdown and "| Severity |" not in markdown
    assert json.loads(diff_report.render_json(result))["changes"] == []


# --- the generated client -------------------------------------------------------------------


def _diff_lines(code: CodeDiff) -> list[str]:
    return [
        line
        for line in code.text.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_code_diff_shows_the_new_argument_and_ignores_spec_headers(
    tmp_path: Path,
) -> None:
    old = base_spec()
    new = new_version(base_spec())
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "$expand", "in": "query", "type": "string"}
    )
    old_file = write_spec(tmp_path / "a" / "one.yaml", old)
    new_file = write_spec(tmp_path / "b" / "two.json", new)
    result = diff_specs(str(old_file), str(new_file), code_package="widgets")
    assert result.code is not None and result.code.error is None
    assert ("widgets/_client.py", "changed") in result.code.files
    changed = _diff_lines(result.code)
    assert any(
        line.startswith("+") and "expand: str | None = None" in line for line in changed
    )
    assert not any(
        "Spec" in line and ("sha256" in line or "one.yaml" in line) for line in changed
    )
    assert "--- a/widgets/_client.py" in result.code.text


def test_code_diff_is_empty_when_only_the_spec_file_differs(tmp_path: Path) -> None:
    old_file = write_spec(tmp_path / "one.yaml", base_spec())
    new_file = write_spec(tmp_path / "two.json", base_spec())
    result = diff_specs(str(old_file), str(new_file), code_package="widgets")
    assert result.code == CodeDiff()
    assert "Generated client: unchanged" in diff_report.render_text(result)


def test_code_diff_reports_a_client_that_cannot_be_generated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> Any:
        raise OutputError("templates/package/_client.py.jinja: nope")

    monkeypatch.setattr("generator.diff.render_package", refuse)
    file = write_spec(tmp_path / "one.yaml", base_spec())
    result = diff_specs(str(file), str(file), code_package="widgets")
    assert result.code == CodeDiff(error="templates/package/_client.py.jinja: nope")
    assert json.loads(diff_report.render_json(result))["code"] == {
        "available": False,
        "error": "templates/package/_client.py.jinja: nope",
        "files": [],
        "diff": "",
    }


def test_compare_apis_is_a_pure_function_of_the_models(tmp_path: Path) -> None:
    from generator.pipeline import load_api

    file = write_spec(tmp_path / "one.yaml", base_spec())
    api = load_api(file)
    assert compare_apis(api, api) == ()
    assert compare_apis(api, replace(api, operations=api.operations[::-1])) == ()


# --- command line ---------------------------------------------------------------------------


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def invoke(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(["diff", *map(str, args)])
        except SystemExit as exc:
            assert isinstance(exc.code, int)
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def breaking_pair(tmp_path: Path) -> tuple[Path, Path]:
    new = new_version(base_spec())
    del new["paths"][WIDGET]["get"]
    return (
        write_spec(tmp_path / "old.yaml", base_spec()),
        write_spec(tmp_path / "new.json", new),
    )


def test_cli_exit_codes(
    cli: Callable[..., tuple[int, str, str]], breaking_pair: tuple[Path, Path]
) -> None:
    old, new = breaking_pair
    assert cli(old, new)[0] == 0
    assert cli(old, new, "--fail-on", "never")[0] == 0
    code, out, err = cli(old, new, "--fail-on", "breaking")
    assert (code, err) == (1, "")
    assert "BREAKING      Widgets_Get" in out
    assert cli(old, old, "--fail-on", "breaking")[0] == 0


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_cli_formats(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    output_format: str,
) -> None:
    code, out, _ = cli(
        *breaking_pair, "--format", output_format, "--operation", "Widgets_Get"
    )
    assert code == 0
    if output_format == "json":
        document = json.loads(out)
        assert document["operations"] == ["Widgets_Get"]
        assert [(c["kind"], c["location"]) for c in document["changes"]] == [
            ("api_version_changed", "api-version"),
            ("operation_removed", "Widgets_Get"),
            ("model_removed", "model CloudError"),
            ("model_removed", "model Widget"),
            ("model_removed", "model WidgetProperties"),
        ]
    else:
        assert "Widgets_Get" in out


def test_cli_code_option(
    cli: Callable[..., tuple[int, str, str]], breaking_pair: tuple[Path, Path]
) -> None:
    code, out, _ = cli(*breaking_pair, "--code")
    assert code == 0
    listing = next(
        line for line in out.splitlines() if line.startswith("Generated client: ")
    )
    assert "vmss_deallocate/_client.py (changed)" in listing
    assert "-    def get(" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("missing.yaml", "{new}"), r"^error: missing\.yaml#: file not found: "),
        (
            ("{old}", "{new}", "--operation", "Nope_Nope"),
            r"^error: no operation with operationId 'Nope_Nope' in ",
        ),
        (("git:", "{new}"), r"^error: git:: expected git:REV:path"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    arguments: tuple[str, ...],
    message: str,
) -> None:
    old, new = breaking_pair
    monkeypatch.chdir(old.parent)
    code, out, err = cli(*(a.format(old=old.name, new=new.name) for a in arguments))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and re.match(message, err), err


@pytest.mark.parametrize(
    "arguments",
    [("--format", "html"), ("--fail-on", "sometimes"), ()],
)
def test_cli_usage_errors_exit_2(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    arguments: tuple[str, ...],
) -> None:
    old, new = breaking_pair
    positional = (old, new) if arguments else (old,)
    code, _, err = cli(*positional, *arguments)
    assert code == 2
    assert "usage:" in err


def test_cli_help(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for option in (
        "OLD",
        "NEW",
        "--operation",
        "--format",
        "--fail-on",
        "--code",
        "git:REV:path",
    ):
        assert option in out


# --- git revisions --------------------------------------------------------------------------


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repository,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository whose spec takes its error model from a sibling file, by relative $ref."""
    root = tmp_path / "repo"
    spec = base_spec()
    common = {"definitions": {"CloudError": spec["definitions"].pop("CloudError")}}
    text = json.dumps(spec).replace(
        '"#/definitions/CloudError"', '"../common/types.json#/definitions/CloudError"'
    )
    (root / "spec").mkdir(parents=True)
    (root / "common").mkdir()
    (root / "spec" / "widgets.json").write_text(text, encoding="utf-8")
    (root / "common" / "types.json").write_text(json.dumps(common), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    changed = json.loads(text)
    changed["info"]["version"] = "2024-06-01"
    del changed["paths"][WIDGET]["get"]
    common["definitions"]["CloudError"]["properties"]["target"] = {"type": "string"}
    (root / "spec" / "widgets.json").write_text(json.dumps(changed), encoding="utf-8")
    (root / "common" / "types.json").write_text(json.dumps(common), encoding="utf-8")
    monkeypatch.chdir(root)
    yield root


def test_git_revision_against_the_working_tree(
    cli: Callable[..., tuple[int, str, str]], repository: Path
) -> None:
    code, out, err = cli(
        "git:HEAD:spec/widgets.json",
        "spec/widgets.json",
        "--format",
        "json",
        "--fail-on",
        "breaking",
    )
    assert (code, err) == (1, "")
    document = json.loads(out)
    assert document["old"] == {
        "spec": "git:HEAD:spec/widgets.json",
        "api_version": "2024-01-01",
    }
    assert [(c["kind"], c["location"]) for c in document["changes"]] == [
        ("api_version_changed", "api-version"),
        ("operation_removed", "Widgets_Get"),
        ("property_added", "model CloudError > property target"),
    ]


def test_git_paths_starting_with_dot_are_relative_to_the_working_directory(
    cli: Callable[..., tuple[int, str, str]],
    repository: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _git(repository, "commit", "-q", "-am", "second")
    monkeypatch.chdir(repository / "spec")
    code, out, _ = cli("git:HEAD~1:./widgets.json", "git:HEAD:spec/widgets.json")
    assert code == 0
    assert "Widgets_Get" in out


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("git:no-such-rev:spec/widgets.json", "unknown git revision 'no-such-rev'"),
        ("git:HEAD:spec/missing.json", "no file spec/missing.json at HEAD"),
        ("git:HEAD:../outside.json", "is outside the repository"),
    ],
)
def test_git_errors_are_one_line(
    cli: Callable[..., tuple[int, str, str]],
    repository: Path,
    reference: str,
    message: str,
) -> None:
    code, out, err = cli(reference, "spec/widgets.json")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {reference}: ") and message in err
    assert len(err.splitlines()) == 1


def test_git_spec_errors_name_the_revision_not_the_temporary_copy(
    cli: Callable[..., tuple[int, str, str]], repository: Path
) -> None:
    (repository / "spec" / "widgets.json").write_text("{not json", encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "broken")
    code, _, err = cli("git:HEAD:spec/widgets.json", "git:HEAD~1:spec/widgets.json")
    assert code == 2
    assert err.startswith("error: git:HEAD:spec/widgets.json#: invalid JSON"), err


def test_outside_a_repository_git_references_fail_cleanly(
    cli: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, err = cli("git:HEAD:x.yaml", "x.yaml")
    assert code == 2
    assert err.startswith("error: git:HEAD:x.yaml: ") and len(err.splitlines()) == 1


def test_severities_are_the_two_the_issue_names() -> None:
    assert [s.value for s in Severity] == ["breaking", "non-breaking"]
