"""`diff` rules for parameters and bodies, on small inline specs.

Each test writes OLD as YAML and NEW as JSON, changes one thing, and asserts the exact list of
changes: a rule that also fires where it should not fails the test as surely as one that does not.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.diff import (
    ApiDiff,
)
from tests.helpers.diff import (
    GROUP,
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
