"""`diff` of polymorphic models: a subclass added or removed, a discriminator value changed,
the discriminator property changed, and a subclass's own changes reported once, at it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.diff import ChangeKind
from tests.helpers.diff import (
    base_spec,
    changes_without_version,
    diff_files,
    summary,
    the_change,
)


def polymorphic_spec() -> dict[str, Any]:
    """Widgets whose Widget is a base: `kind` names Gadget (by its name) or Gizmo ("gizmo")."""
    spec = base_spec()
    widget = spec["definitions"]["Widget"]
    widget["discriminator"] = "kind"
    widget["required"] = ["name", "kind"]
    widget["properties"]["kind"] = {"type": "string"}
    widget["properties"]["type"] = {"type": "string"}
    spec["definitions"]["Gadget"] = {
        "allOf": [{"$ref": "#/definitions/Widget"}],
        "properties": {"gears": {"type": "integer"}},
    }
    spec["definitions"]["Gizmo"] = {
        "allOf": [{"$ref": "#/definitions/Widget"}],
        "x-ms-discriminator-value": "gizmo",
        "properties": {"springs": {"type": "integer"}},
    }
    return spec


def test_a_subclass_added_is_a_new_value_older_clients_read_as_the_base(
    tmp_path: Path,
) -> None:
    new = polymorphic_spec()
    new["definitions"]["Doohickey"] = {"allOf": [{"$ref": "#/definitions/Widget"}]}
    change = the_change(diff_files(tmp_path, polymorphic_spec(), new))
    assert summary(change) == (
        "subtype_added",
        "non-breaking",
        None,
        "model Doohickey",
    )
    assert (change.old, change.new, change.path) == (
        None,
        "Doohickey",
        "/definitions/Doohickey",
    )
    assert "reads it as models.Widget" in change.caller_impact


def test_a_subclass_removed_is_breaking_and_a_removed_definition(
    tmp_path: Path,
) -> None:
    new = polymorphic_spec()
    del new["definitions"]["Gizmo"]
    change = the_change(diff_files(tmp_path, polymorphic_spec(), new))
    assert summary(change) == ("subtype_removed", "breaking", 1006, "model Gizmo")
    assert (change.old, change.new) == ("gizmo", None)
    assert change.rule_name == "RemovedDefinition"


def test_a_discriminator_value_changed_is_breaking(tmp_path: Path) -> None:
    new = polymorphic_spec()
    new["definitions"]["Gizmo"]["x-ms-discriminator-value"] = "gizmo-v2"
    change = the_change(diff_files(tmp_path, polymorphic_spec(), new))
    assert summary(change) == (
        "discriminator_value_changed",
        "breaking",
        None,
        "model Gizmo",
    )
    assert (change.old, change.new) == ("gizmo", "gizmo-v2")
    assert change.path == "/definitions/Gizmo/x-ms-discriminator-value"


def test_the_default_value_follows_the_definition_name(tmp_path: Path) -> None:
    """Gadget gains an x-ms-discriminator-value equal to its name: nothing changes."""
    new = polymorphic_spec()
    new["definitions"]["Gadget"]["x-ms-discriminator-value"] = "Gadget"
    assert changes_without_version(diff_files(tmp_path, polymorphic_spec(), new)) == []


def test_the_discriminator_property_changed_is_different_discriminator(
    tmp_path: Path,
) -> None:
    new = polymorphic_spec()
    new["definitions"]["Widget"]["discriminator"] = "type"
    new["definitions"]["Widget"]["required"] = ["name", "type"]
    changes = changes_without_version(diff_files(tmp_path, polymorphic_spec(), new))
    by_kind = {c.kind: c for c in changes}
    change = by_kind[ChangeKind.DISCRIMINATOR_CHANGED]
    assert summary(change) == (
        "discriminator_changed",
        "breaking",
        1030,
        "model Widget",
    )
    assert (change.old, change.new, change.path) == (
        "kind",
        "type",
        "/definitions/Widget/discriminator",
    )
    assert change.rule_name == "DifferentDiscriminator"
    # `kind` is no longer required, `type` now is: reported as such, beside it.
    assert {c.kind for c in changes} == {
        ChangeKind.DISCRIMINATOR_CHANGED,
        ChangeKind.REQUIRED_CHANGED,
    }


def test_a_model_becoming_polymorphic_gains_a_discriminator_and_subclasses(
    tmp_path: Path,
) -> None:
    old = polymorphic_spec()
    for name in ("Gadget", "Gizmo"):
        del old["definitions"][name]
    del old["definitions"]["Widget"]["discriminator"]
    changes = changes_without_version(diff_files(tmp_path, old, polymorphic_spec()))
    assert sorted(summary(c) for c in changes) == [
        ("discriminator_changed", "breaking", 1030, "model Widget"),
        ("subtype_added", "non-breaking", None, "model Gadget"),
        ("subtype_added", "non-breaking", None, "model Gizmo"),
    ]


def test_a_subclass_gaining_a_property_is_reported_once_at_it(tmp_path: Path) -> None:
    new = polymorphic_spec()
    new["definitions"]["Gizmo"]["properties"]["coils"] = {"type": "integer"}
    change = the_change(diff_files(tmp_path, polymorphic_spec(), new))
    assert change.kind is ChangeKind.PROPERTY_ADDED
    assert change.path == "/definitions/Gizmo/properties/coils"


def test_a_base_gaining_a_property_is_reported_once_at_the_base(tmp_path: Path) -> None:
    new = polymorphic_spec()
    new["definitions"]["Widget"]["properties"]["color"] = {"type": "string"}
    change = the_change(diff_files(tmp_path, polymorphic_spec(), new))
    assert change.kind is ChangeKind.PROPERTY_ADDED
    assert change.path == "/definitions/Widget/properties/color"
