"""`diff` rules for models and their properties (allOf bases included), on small inline specs.

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
    base_spec,
    changes_without_version,
    diff_files,
    summary,
    the_change,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


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


@pytest.mark.parametrize("flattened_before", [False, True])
def test_a_property_flattened_or_no_longer_is_one_breaking_change(
    run: Callable[..., ApiDiff], flattened_before: bool
) -> None:
    """x-ms-client-flatten moves fields between the holder's class and the object's: code
    reading `widget.properties.size` (or `widget.size`) breaks either way. The object's own
    properties are unchanged, so nothing else is reported."""
    old, new = base_spec(), base_spec()
    (new if not flattened_before else old)["definitions"]["Widget"]["properties"][
        "properties"
    ]["x-ms-client-flatten"] = True
    change = the_change(run(old, new))
    assert summary(change) == (
        "property_flattening_changed",
        "breaking",
        None,
        "model Widget > property properties",
    )
    assert (change.old, change.new) == (flattened_before, not flattened_before)
    assert ("now fields of" in change.caller_impact) == (not flattened_before)


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
