"""What a model inherits through `allOf`: its properties as the wire declares them, and its
fields as its class declares them (flattened properties replaced by what they hold). One home
for the rule, used while models are read (SchemaReader) and after (Api)."""

from __future__ import annotations

from collections.abc import Callable

from generator.model.entities import Model, Property


def all_properties(model_of: Callable[[str], Model], name: str) -> tuple[Property, ...]:
    """Inherited properties first (base by base, in `allOf` order), then the model's own; an
    own property replaces an inherited one of the same wire name."""
    model = model_of(name)
    inherited: dict[str, Property] = {}
    for base in model.bases:
        for prop in all_properties(model_of, base):
            inherited.setdefault(prop.wire_name, prop)
    own = {prop.wire_name for prop in model.properties}
    return tuple(p for w, p in inherited.items() if w not in own) + model.properties


def all_fields(model_of: Callable[[str], Model], name: str) -> tuple[Property, ...]:
    """The fields of `name`'s class, inherited ones first (as `Api.all_fields`). An own
    property replaces every inherited field under the same wire key."""
    model = model_of(name)
    own_keys = {prop.wire_name for prop in model.properties}
    inherited: dict[tuple[str, ...], Property] = {}
    for base in model.bases:
        for prop in all_fields(model_of, base):
            if prop.wire_location[0] not in own_keys:
                inherited.setdefault(prop.wire_location, prop)
    return tuple(inherited.values()) + model.fields
