"""Changes to polymorphic hierarchies: a subclass (a discriminator value) added or removed, a
class's value changed, a model's discriminator property added, removed or another."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import (
    DIFFERENT_DISCRIMINATOR,
    REMOVED_DEFINITION,
    Change,
    ChangeKind,
    Severity,
)
from generator.diff.context import Context, Where, new_change
from generator.errors import join_pointer
from generator.model import Api, Model


def is_subtype(api: Api, model: Model) -> bool:
    """A class that the service names by a discriminator value of one of its bases."""
    return (
        model.discriminator_value is not None
        and api.declarer(model.name, strict=True) is not None
    )


def _root(api: Api, model: Model) -> Model:
    owner = api.declarer(model.name, strict=True)
    assert owner is not None
    return owner


def model_where(model: Model) -> Where:
    return Where(
        f"model {model.name}",
        join_pointer("", "definitions", model.name),
        f"model {model.name}",
        f"models.{model.class_name}",
    )


def subtype_added(api: Api, model: Model, where: Where) -> Change:
    base = _root(api, model)
    return new_change(
        ChangeKind.SUBTYPE_ADDED,
        Severity.NON_BREAKING,
        None,
        where,
        None,
        model.discriminator_value,
        f"subclass {model.name} of {base.name} added: {base.discriminator}"
        f" {model.discriminator_value!r}",
        f"new class models.{model.class_name}; an older client reads it as"
        f" models.{base.class_name}, keeping its fields in additional_properties",
    )


def subtype_removed(
    api: Api, model: Model, where: Where, *, definition_removed: bool
) -> Change:
    base = _root(api, model)
    return new_change(
        ChangeKind.SUBTYPE_REMOVED,
        Severity.BREAKING,
        REMOVED_DEFINITION if definition_removed else None,
        where,
        model.discriminator_value,
        None,
        f"subclass {model.name} of {base.name} removed: {base.discriminator}"
        f" {model.discriminator_value!r}",
        f"models.{model.class_name} disappears; imports of it fail, and what the service"
        f" still sends as {model.discriminator_value!r} reads as models.{base.class_name}",
    )


def polymorphism_changes(
    context: Context, before: Model, after: Model
) -> Iterator[Change]:
    """The discriminator a model declares, and the value that names it."""
    where = model_where(after)
    if before.discriminator != after.discriminator:
        yield new_change(
            ChangeKind.DISCRIMINATOR_CHANGED,
            Severity.BREAKING,
            DIFFERENT_DISCRIMINATOR,
            _at(where, "discriminator"),
            before.discriminator,
            after.discriminator,
            f"discriminator of model {after.name} changed from"
            f" {before.discriminator or '(none)'} to {after.discriminator or '(none)'}",
            f"models.{after.class_name}.from_dict picks its subclasses by another"
            " property: what older clients read and send no longer matches the service",
        )
    if (
        before.discriminator_value is not None
        and after.discriminator_value is not None
        and before.discriminator_value != after.discriminator_value
    ):
        yield new_change(
            ChangeKind.DISCRIMINATOR_VALUE_CHANGED,
            Severity.BREAKING,
            None,
            _at(where, "x-ms-discriminator-value"),
            before.discriminator_value,
            after.discriminator_value,
            f"discriminator value of model {after.name} changed from"
            f" {before.discriminator_value!r} to {after.discriminator_value!r}",
            f"models.{after.class_name} sends {after.discriminator_value!r}; an older"
            f" client sends {before.discriminator_value!r} and reads the new value as"
            " the base class",
        )


def _at(where: Where, key: str) -> Where:
    return Where(
        where.location, join_pointer(where.path, key), where.label, where.subject
    )


__all__ = [
    "is_subtype",
    "polymorphism_changes",
    "subtype_added",
    "subtype_removed",
]
