"""`diff`: every rule on small inline specs, operation selection and the code diff.

Each test writes OLD as YAML and NEW as JSON (so reformatting is exercised everywhere), changes
one thing, and asserts the exact list of changes: a rule that also fires where it should not
fails the test as surely as one that does not fire.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.diff import (
    ApiDiff,
    CodeDiff,
    Severity,
    compare_apis,
    diff_specs,
    report,
)
from generator.errors import GeneratorError, OutputError
from generator.model.build import _Builder
from tests.helpers import write_spec
from tests.helpers.diff import (
    API_VERSION,
    ERROR,
    GROUP,
    NAME,
    RESTART,
    SUBSCRIPTION,
    WIDGET,
    base_spec,
    changes_without_version,
    diff_files,
    new_version,
    operation,
    parameter,
    summary,
    the_change,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


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
    assert "client.widgets.get() is now client.widgets.read()" in change.caller_impact


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
        1035,  # openapi-diff: the operation at the old method is gone
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
        ("enum_values_removed", "breaking", 1019, "enum RestartMode"),
        ("enum_values_added", "non-breaking", 1020, "enum RestartMode"),
    ]
    assert {c.used_by for c in found} == {("Widgets_Restart > parameter mode (query)",)}
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
    # A rename with the same uses, like a flag change, is one change of the enum's
    assert change.location == f"enum {extension['name']}"
    assert change.used_by == ("Widgets_Restart > parameter mode (query)",)


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
        1011,  # openapi-diff logs AddingResponseCode for `default` too
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
    assert (
        "client.widgets.begin_restart() becomes client.widgets.restart()"
        in change.caller_impact
    )


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
        "enum WidgetSize",
    )
    assert change.used_by == ("model WidgetProperties > property size",)
    assert change.path == "/definitions/WidgetProperties/properties/size"


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


def test_moving_properties_into_an_allof_base_reports_only_the_new_base(
    run: Callable[..., ApiDiff],
) -> None:
    found = changes_without_version(run(base_spec(), _with_base(base_spec(), ["id"])))
    assert [summary(c) for c in found] == [
        ("model_added", "non-breaking", None, "model Resource"),
        ("model_bases_changed", "non-breaking", 1032, "model Widget"),
    ]


def test_an_inherited_property_is_reported_once_at_its_base(
    run: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    new["definitions"]["Resource"]["properties"]["id"]["type"] = "integer"
    found = changes_without_version(run(_with_base(base_spec(), ["id"]), new))
    assert [summary(c) for c in found] == [
        ("type_changed", "breaking", 1026, "model Resource > property id")
    ]


def test_dropping_an_allof_base_reports_its_properties_with_the_base_once(
    run: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    del new["definitions"]["Widget"]["allOf"]
    found = changes_without_version(run(_with_base(base_spec(), ["id"]), new))
    assert [summary(c) for c in found] == [
        ("no_longer_reachable", "non-breaking", None, "model Resource"),
        ("model_bases_changed", "breaking", 1032, "model Widget"),
    ]
    resource, bases = found
    assert resource.caused_by == ("model Widget",)
    assert bases.message == (
        "allOf of model Widget changed from (Resource) to (); it loses the inherited"
        " property 'id'"
    )
    assert "Widget.id disappears" in bases.caller_impact


def test_dropping_an_allof_base_and_its_definition_removes_the_model(
    run: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    del new["definitions"]["Widget"]["allOf"], new["definitions"]["Resource"]
    found = changes_without_version(run(_with_base(base_spec(), ["id"]), new))
    assert [summary(c) for c in found] == [
        ("model_removed", "breaking", 1006, "model Resource"),
        ("model_bases_changed", "breaking", 1032, "model Widget"),
    ]


def test_gaining_a_base_with_a_required_property_is_one_breaking_change(
    run: Callable[..., ApiDiff],
) -> None:
    new = _with_base(base_spec(), ["id"])
    new["definitions"]["Resource"]["properties"]["location"] = {"type": "string"}
    new["definitions"]["Resource"]["required"] = ["location"]
    found = changes_without_version(run(_with_base(base_spec(), ["id"]), new))
    # an existing base gaining it: reported once, at the base
    assert [summary(c) for c in found] == [
        ("property_added", "breaking", 1034, "model Resource > property location"),
    ]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("model_added", "non-breaking", None, "model Resource"),
        ("model_bases_changed", "breaking", 1032, "model Widget"),
    ]
    assert found[1].message == (
        "allOf of model Widget changed from () to (Resource); it gains the inherited"
        " property 'location'"
    )
    assert "needs location=" in found[1].caller_impact


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


# --- operation selection --------------------------------------------------------------------


def with_delete(spec: dict[str, Any]) -> dict[str, Any]:
    spec["paths"][WIDGET]["delete"] = {
        "operationId": "Widgets_Delete",
        "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
        "responses": {"200": {"description": "OK"}},
    }
    return spec


def test_selection_reports_an_operation_that_only_one_side_has(
    run: Callable[..., ApiDiff],
) -> None:
    new = with_delete(base_spec())
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


def test_selection_builds_each_operation_once_per_side(
    run: Callable[..., ApiDiff], monkeypatch: pytest.MonkeyPatch
) -> None:
    """OLD lacks Widgets_Delete: finding that out builds no operation of its own."""
    built: list[str] = []
    build_operation = _Builder._operation

    def counting(builder: _Builder, op_id: str, *args: Any) -> Any:
        built.append(op_id)
        return build_operation(builder, op_id, *args)

    monkeypatch.setattr(_Builder, "_operation", counting)
    run(base_spec(), with_delete(base_spec()), ["Widgets_Get", "Widgets_Delete"])
    assert sorted(built) == ["Widgets_Delete", "Widgets_Get", "Widgets_Get"]


def test_selection_still_refuses_a_requested_operation_the_model_cannot_build(
    run: Callable[..., ApiDiff],
) -> None:
    """A missing operationId on one side does not hide another operation's error there."""
    old = base_spec()
    operation(old, WIDGET, "get")["responses"]["200"]["schema"] = {
        "type": "string",
        "discriminator": "kind",
    }
    with pytest.raises(
        GeneratorError, match=r"widgets\.yaml#/paths/.*/discriminator: 'discriminator'"
    ):
        run(old, with_delete(base_spec()), ["Widgets_Get", "Widgets_Delete"])


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
    assert "Generated client: unchanged" in report.render_text(result)


def test_code_diff_reports_a_client_that_cannot_be_generated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> Any:
        raise OutputError("templates/package/_client.py.jinja: nope")

    monkeypatch.setattr("generator.diff.code.render_package", refuse)
    file = write_spec(tmp_path / "one.yaml", base_spec())
    result = diff_specs(str(file), str(file), code_package="widgets")
    assert result.code == CodeDiff(error="templates/package/_client.py.jinja: nope")
    assert json.loads(report.render_json(result))["code"] == {
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


def test_severities_are_the_two_the_issue_names() -> None:
    assert [s.value for s in Severity] == ["breaking", "non-breaking"]
