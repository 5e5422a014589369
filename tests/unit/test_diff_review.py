"""`diff`: what a reviewer is told once and only once (issue 14).

Reachability (a model or enum still defined but no longer used is not removed), named enums
reported once with their uses, inherited changes once, and the openapi-diff rule of every kind
checked against its table. Each probe changes one thing in the Widgets spec of
tests/helpers/diff.py and asserts the exact list of changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.diff import ApiDiff, ChangeKind, Severity, compare_apis, load_side
from generator.diff.changes import ADDED_OPERATION, REMOVED_DEFINITION
from generator.diff.context import Where, new_change
from generator.diff.rules import KIND_DOCS, allows, rule_table_markdown
from tests.helpers import write_spec
from tests.helpers.diff import (
    API_VERSION,
    ERROR,
    GROUP,
    NAME,
    SUBSCRIPTION,
    WIDGET,
    base_spec,
    changes_without_version,
    diff_files,
    operation,
    summary,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    return functools.partial(diff_files, tmp_path)


def _properties_as_text(spec: dict[str, Any]) -> dict[str, Any]:
    spec["definitions"]["Widget"]["properties"]["properties"] = {"type": "string"}
    return spec


# --- 1. reachability ------------------------------------------------------------------------


def test_a_model_cut_off_but_still_defined_is_no_longer_reachable(
    run: Callable[..., ApiDiff],
) -> None:
    found = changes_without_version(run(base_spec(), _properties_as_text(base_spec())))
    assert [summary(c) for c in found] == [
        ("type_changed", "breaking", 1026, "model Widget > property properties"),
        ("no_longer_reachable", "non-breaking", None, "model WidgetProperties"),
        ("no_longer_reachable", "non-breaking", None, "enum WidgetSize"),
    ]
    cause = ("model Widget > property properties",)
    assert [c.caused_by for c in found[1:]] == [cause, cause]
    assert found[1].message == (
        "model WidgetProperties is no longer used by the compared operations (NEW still"
        " defines it)"
    )
    assert found[2].used_by == ("model WidgetProperties > property size",)


def test_a_definition_really_gone_is_removed(run: Callable[..., ApiDiff]) -> None:
    new = _properties_as_text(base_spec())
    del new["definitions"]["WidgetProperties"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        ("type_changed", "breaking", 1026, "model Widget > property properties"),
        ("model_removed", "breaking", 1006, "model WidgetProperties"),
        ("enum_type_removed", "breaking", None, "enum WidgetSize"),
    ]


def test_an_inline_model_goes_with_the_definition_that_holds_it(
    run: Callable[..., ApiDiff],
) -> None:
    """An inline object has no definition of its own: it is still defined while the
    definition holding it is."""
    old = base_spec()
    old["definitions"]["WidgetProperties"]["properties"]["dimensions"] = {
        "type": "object",
        "properties": {"width": {"type": "integer"}},
    }
    new = _properties_as_text(base_spec())
    new["definitions"]["WidgetProperties"]["properties"]["dimensions"] = old[
        "definitions"
    ]["WidgetProperties"]["properties"]["dimensions"]
    found = changes_without_version(run(old, new))
    assert [summary(c)[:2] for c in found if c.location.startswith("model ")] == [
        ("type_changed", "breaking"),
        ("no_longer_reachable", "non-breaking"),
        ("no_longer_reachable", "non-breaking"),
    ]
    assert found[1].location == "model WidgetProperties"
    assert found[2].location == "model WidgetPropertiesDimensions"
    assert found[2].caused_by == ("model Widget > property properties",)


def test_an_operation_only_new_has_brings_its_models_as_now_reachable(
    run: Callable[..., ApiDiff],
) -> None:
    """`--operation` for an operation only in NEW: its models and error model were defined
    in OLD already (for other operations), so they are not added."""
    old = base_spec()
    del old["paths"][WIDGET]["get"]
    result = run(old, base_spec(), ["Widgets_Get"])
    found = changes_without_version(result)
    assert [summary(c) for c in found] == [
        ("operation_added", "non-breaking", 1039, "Widgets_Get"),
        ("now_reachable", "non-breaking", None, "model CloudError"),
        ("now_reachable", "non-breaking", None, "model Widget"),
        ("now_reachable", "non-breaking", None, "model WidgetProperties"),
        ("now_reachable", "non-breaking", None, "enum WidgetSize"),
    ]
    assert {c.caused_by for c in found[1:]} == {("Widgets_Get",)}


def test_a_new_property_bringing_in_a_defined_model_names_itself_as_the_cause(
    run: Callable[..., ApiDiff],
) -> None:
    old = base_spec()
    old["definitions"]["Spare"] = {"type": "object", "properties": {}}
    old["definitions"]["Spare"]["properties"]["note"] = {"type": "string"}
    new = base_spec()
    new["definitions"]["Spare"] = old["definitions"]["Spare"]
    new["definitions"]["Widget"]["properties"]["spare"] = {
        "$ref": "#/definitions/Spare"
    }
    found = changes_without_version(run(old, new))
    assert [summary(c) for c in found] == [
        ("now_reachable", "non-breaking", None, "model Spare"),
        ("property_added", "non-breaking", 1041, "model Widget > property spare"),
    ]
    assert found[0].caused_by == ("model Widget > property spare",)


def test_without_the_files_only_what_the_models_reach_is_known(tmp_path: Path) -> None:
    """compare_apis alone (no Defined): what NEW does not reach counts as removed."""
    old_file = write_spec(tmp_path / "old.json", base_spec())
    new_file = write_spec(tmp_path / "new.json", _properties_as_text(base_spec()))
    old, new = load_side(str(old_file), None), load_side(str(new_file), None)
    bare = compare_apis(old.api, new.api)
    assert [(c.kind.value, c.rule_id) for c in bare] == [
        ("type_changed", 1026),
        ("model_removed", REMOVED_DEFINITION.id),
        ("enum_type_removed", None),
    ]
    informed = compare_apis(old.api, new.api, old.defined, new.defined)
    assert [c.kind.value for c in informed] == [
        "type_changed",
        "no_longer_reachable",
        "no_longer_reachable",
    ]


# --- 2. enums -------------------------------------------------------------------------------


def _shared_size(spec: dict[str, Any], values: list[str]) -> dict[str, Any]:
    """WidgetProperties.size and .maxSize both use one Size definition (x-ms-enum)."""
    spec["definitions"]["Size"] = {
        "type": "string",
        "enum": values,
        "x-ms-enum": {"name": "WidgetSize", "modelAsString": True},
    }
    properties = spec["definitions"]["WidgetProperties"]["properties"]
    properties["size"] = {"$ref": "#/definitions/Size"}
    properties["maxSize"] = {"$ref": "#/definitions/Size"}
    return spec


def test_a_shared_enum_gaining_a_value_is_one_change_with_its_uses(
    run: Callable[..., ApiDiff],
) -> None:
    old = _shared_size(base_spec(), ["Small", "Large"])
    new = _shared_size(base_spec(), ["Small", "Large", "Huge"])
    found = changes_without_version(run(old, new))
    assert [summary(c) for c in found] == [
        ("enum_values_added", "non-breaking", 1020, "enum WidgetSize"),
    ]
    assert found[0].used_by == (
        "model WidgetProperties > property size",
        "model WidgetProperties > property maxSize",
    )
    assert found[0].message == 'enum value(s) "Huge" added to enum WidgetSize'


def test_a_new_enum_is_listed_and_the_property_shows_its_enum_type(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    new["definitions"]["WidgetProperties"]["properties"]["color"] = {
        "type": "string",
        "enum": ["Red", "Blue"],
        "x-ms-enum": {"name": "Color", "modelAsString": False},
    }
    new["definitions"]["WidgetProperties"]["properties"]["finish"] = {
        "type": "string",
        "enum": ["Matte", "Gloss"],
    }
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        (
            "property_added",
            "non-breaking",
            1041,
            "model WidgetProperties > property color",
        ),
        (
            "property_added",
            "non-breaking",
            1041,
            "model WidgetProperties > property finish",
        ),
        ("enum_type_added", "non-breaking", None, "enum Color"),
    ]
    color, finish, enum = found
    assert color.new == "Color (enum)"
    assert finish.new == 'string (enum: "Matte", "Gloss")'
    assert (enum.new, enum.used_by) == (
        ("Red", "Blue"),
        ("model WidgetProperties > property color",),
    )
    assert enum.message == 'enum Color added: "Red", "Blue"'


def test_an_enum_one_property_leaves_for_another_keeps_its_own_changes(
    run: Callable[..., ApiDiff],
) -> None:
    """As HostEndpointSettings.mode did upstream: the property moves to a new enum, and the
    old one, kept by another property, loses a value."""
    old, new = base_spec(), base_spec()
    size = new["definitions"]["WidgetProperties"]["properties"]["size"]
    size["x-ms-enum"] = {"name": "WidgetSizes", "modelAsString": True}
    new["definitions"]["WidgetProperties"]["properties"]["minSize"] = {
        "type": "string",
        "enum": ["Small"],
        "x-ms-enum": {"name": "WidgetSize", "modelAsString": True},
    }
    found = changes_without_version(run(old, new))
    assert [summary(c) for c in found] == [
        ("enum_changed", "breaking", 1047, "model WidgetProperties > property size"),
        (
            "property_added",
            "non-breaking",
            1041,
            "model WidgetProperties > property minSize",
        ),
        ("enum_values_removed", "breaking", 1019, "enum WidgetSize"),
        ("enum_type_added", "non-breaking", None, "enum WidgetSizes"),
    ]
    assert found[2].used_by == ("model WidgetProperties > property minSize",)


# --- 3. once --------------------------------------------------------------------------------


def test_a_property_changed_in_a_base_is_reported_at_the_base_only(
    run: Callable[..., ApiDiff],
) -> None:
    def with_resource(spec: dict[str, Any]) -> dict[str, Any]:
        spec["definitions"]["Resource"] = {
            "type": "object",
            "properties": {"location": {"type": "string"}},
        }
        for name in ("Widget", "RestartOptions"):
            spec["definitions"][name]["allOf"] = [{"$ref": "#/definitions/Resource"}]
        return spec

    new = with_resource(base_spec())
    new["definitions"]["Resource"]["properties"]["location"]["readOnly"] = True
    found = changes_without_version(run(with_resource(base_spec()), new))
    assert [summary(c) for c in found] == [
        ("read_only_changed", "breaking", 1029, "model Resource > property location"),
    ]


# --- 4. rules -------------------------------------------------------------------------------


def test_every_kind_is_in_the_rule_table_once() -> None:
    assert list(KIND_DOCS) == list(dict.fromkeys(KIND_DOCS))
    assert set(KIND_DOCS) == set(ChangeKind)
    table = rule_table_markdown().splitlines()
    assert len(table) == 2 + len(ChangeKind)
    assert (
        "| `final_state_changed` |"
        in table[2 + list(KIND_DOCS).index(ChangeKind.FINAL_STATE_CHANGED)]
    )


def test_a_change_cannot_carry_a_rule_its_kind_does_not_list() -> None:
    where = Where("x", "/x", "x", "x")
    assert not allows(ChangeKind.FINAL_STATE_CHANGED, ADDED_OPERATION)
    with pytest.raises(AssertionError, match="final_state_changed"):
        new_change(
            ChangeKind.FINAL_STATE_CHANGED,
            Severity.BREAKING,
            ADDED_OPERATION,
            where,
            None,
            None,
            "",
            "",
        )


def test_operations_at_new_or_vanished_paths_cite_the_path_rules(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    new["paths"][WIDGET + "/archive"] = {
        "post": {
            "operationId": "Widgets_Archive",
            "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
            "responses": {"200": {"description": "OK"}, "default": ERROR},
        }
    }
    assert [summary(c) for c in changes_without_version(run(base_spec(), new))] == [
        ("operation_added", "non-breaking", 1038, "Widgets_Archive"),
    ]
    found = changes_without_version(run(new, base_spec()))
    assert [summary(c) for c in found] == [
        ("operation_removed", "breaking", 1005, "Widgets_Archive"),
    ]
    assert operation(new, WIDGET + "/archive", "post")["operationId"] == (
        "Widgets_Archive"
    )
