"""Polymorphic models (`discriminator` with `allOf` subclasses), as AutoRest makes them: every
class of a hierarchy sets its discriminator value itself, from_dict picks the subclass that the
value names, and the topmost class keeps what this version does not know, to send it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator.escape import SpecText
from generator.model import Api, Model, Property
from generator.naming import constant_case, unique_names
from generator.render.conversions import TypeWriter
from generator.render.model_views import FieldView, PolymorphicView, SubtypeTable


def table_names(api: Api) -> dict[str, str]:
    """The module-level table of each model that declares a discriminator."""
    return unique_names(
        {
            model.name: f"_{constant_case(model.class_name)}_SUBTYPES"
            for model in api.models
            if model.discriminator is not None
        },
        fallback="_SUBTYPES",
    )


def subtype_tables(
    api: Api, models: tuple[Model, ...], names: dict[str, str]
) -> tuple[SubtypeTable, ...]:
    """Each declaring model's subclasses by the value they give its discriminator."""
    tables = []
    for model in models:
        if model.name not in names:
            continue
        entries = {
            sub.discriminator_value: sub.class_name
            for sub in api.subtypes(model.name)
            if sub.discriminator_value is not None
            and api.declarer(sub.name, strict=True) == model
        }
        tables.append(
            SubtypeTable(
                name=names[model.name],
                base_class=model.class_name,
                entries=tuple(
                    (SpecText(value), entries[value]) for value in sorted(entries)
                ),
            )
        )
    return tuple(tables)


def polymorphic_view(
    api: Api,
    model: Model,
    writer: TypeWriter,
    names: dict[str, str],
    field_view: Callable[[Property, TypeWriter], FieldView],
) -> PolymorphicView | None:
    """The discriminators `model` sets (always sent, never passed), and how it reads them."""
    if model.discriminator_value is None:
        return None
    answered = {
        owner.discriminator
        for owner in (model, api.declarer(model.name, strict=True))
        if owner is not None and owner.discriminator is not None
    }
    views = []
    for prop in api.discriminators(model.name):
        doc = prop.description or "Which class of the hierarchy this is."
        view = field_view(replace(prop, required=True, read_only=False), writer)
        views.append(
            replace(view, doc=SpecText(doc + " Set by the class; never passed."))
        )
    owner = api.declarer(model.name)
    assert owner is not None and owner.discriminator is not None
    return PolymorphicView(
        declared=tuple(view for view in views if str(view.wire) in answered),
        discriminators=tuple(views),
        value=SpecText(model.discriminator_value),
        root=not any(
            api.model(base).discriminator_value is not None for base in model.bases
        ),
        dispatch=(
            (SpecText(owner.discriminator), names[owner.name])
            if api.subtypes(model.name)
            else None
        ),
    )


def polymorphic_doc(api: Api, model: Model) -> str:
    """The README's words on a class of a hierarchy: which value names it and its
    subclasses, and what reading a value this version does not know gives."""
    owner = api.declarer(model.name)
    if owner is None or model.discriminator_value is None:
        return ""
    parent = api.declarer(model.name, strict=True)
    key = (parent or owner).discriminator
    text = f"Its {key} is {model.discriminator_value!r}, set by the class itself."
    if model.discriminator is not None:
        subtypes = [
            f"{sub.discriminator_value!r} {sub.class_name}"
            for sub in api.subtypes(model.name)
            if api.declarer(sub.name, strict=True) == model
        ]
        text += (
            f" Reading picks the class by {model.discriminator}"
            f" ({', '.join(subtypes) or 'no subclasses yet'}); a value this version"
            f" does not know reads as {model.class_name}, the fields it does not know"
            " kept in additional_properties and sent back."
        )
    return text


__all__ = ["polymorphic_doc", "polymorphic_view", "subtype_tables", "table_names"]
