"""The models module's views: dataclass fields, model classes in dependency order, enums."""

from __future__ import annotations

from collections.abc import Mapping

from generator.escape import SpecText, python_literal
from generator.model import Api, Model, Property, TypeRef
from generator.naming import constant_case, unique_names
from generator.render.conversions import JSON_SCALARS, TypeWriter, enum_class_name
from generator.render.imports import Imports, export_order
from generator.render.polymorphism import polymorphic_view, subtype_tables, table_names
from generator.render.views import EnumView, FieldView, ModelsModuleView, ModelView


def models_module(api: Api, models: Mapping[str, Model]) -> ModelsModuleView:
    """models.py: every model, bases first, and every named enum; its imports as used."""
    imports = Imports()
    writer = TypeWriter(models, imports, in_models=True)
    tables = table_names(api)
    ordered = models_in_dependency_order(api)
    views = tuple(model_view(api, model, writer, tables) for model in ordered)
    if any(view.polymorphic for view in views):
        imports.name("dataclasses", "field")
    if views:
        imports.name("collections.abc", "Mapping")
        imports.name("dataclasses", "dataclass")
        imports.name("typing", "Any")
        writer.wire("require_object")
    enums = enum_views(api)
    if enums:
        imports.module("enum")
    return ModelsModuleView(
        imports=imports.block(),
        exports=export_order(
            [m.class_name for m in views] + [e.class_name for e in enums]
        ),
        models=views,
        enums=enums,
        subtype_tables=subtype_tables(api, ordered, tables),
    )


def field_view(
    prop: Property, writer: TypeWriter, *, conversions: bool = True
) -> FieldView:
    """A dataclass field; without `conversions`, its name, annotation and doc only (what
    ServiceError's shortcuts need), so nothing unused is imported."""
    wire = python_literal(prop.wire_name)
    optional = not prop.required
    type_text = writer.annotation(prop.type)
    convert = (
        writer.from_wire(prop.type, f"data[{wire}]") if conversions else f"data[{wire}]"
    )
    scalar = JSON_SCALARS.get(prop.type.kind)
    if prop.required or convert == f"data[{wire}]":
        from_expression = convert if prop.required else f"data.get({wire})"
    elif convert == f"_wire.checked({scalar}, data[{wire}])":
        from_expression = f"_wire.checked_or_none({scalar}, data.get({wire}))"
    else:
        from_expression = f"None if data.get({wire}) is None else {convert}"
    doc = prop.description or "(no description in the spec)"
    if prop.read_only:
        doc += " Set by the service; never sent."
    return FieldView(
        name=prop.python_name,
        wire=SpecText(prop.wire_name),
        annotation=f"{type_text} | None" if optional else type_text,
        default="None" if optional else None,
        doc=SpecText(doc),
        from_wire=from_expression,
        to_wire=(
            writer.to_wire(prop.type, f"self.{prop.python_name}") if conversions else ""
        ),
        optional=optional,
        read_only=prop.read_only,
    )


def model_view(
    api: Api, model: Model, writer: TypeWriter, tables: dict[str, str] | None = None
) -> ModelView:
    """A model class; in a polymorphic hierarchy the discriminator is declared apart (set by
    the class, never passed), and from_dict neither passes nor reads it as a field."""

    def required_first(fields: tuple[FieldView, ...]) -> tuple[FieldView, ...]:
        return tuple(f for f in fields if not f.optional) + tuple(
            f for f in fields if f.optional
        )

    polymorphic = polymorphic_view(api, model, writer, tables or {}, field_view)
    discriminators = (
        {f.name for f in polymorphic.discriminators} if polymorphic else set()
    )
    return ModelView(
        class_name=model.class_name,
        bases=tuple(writer.models[base].class_name for base in model.bases),
        doc=SpecText(model.description or f"The {model.name} model."),
        fields=required_first(
            tuple(
                field_view(p, writer)
                for p in model.properties
                if p.python_name not in discriminators
            )
        ),
        all_fields=required_first(
            tuple(
                field_view(p, writer)
                for p in api.all_properties(model.name)
                if p.python_name not in discriminators
            )
        ),
        polymorphic=polymorphic,
    )


def models_in_dependency_order(api: Api) -> tuple[Model, ...]:
    """Sorted by name, except that a base class always comes before the classes using it."""
    by_name = {model.name: model for model in api.models}
    ordered: dict[str, Model] = {}

    def visit(model: Model) -> None:
        for base in model.bases:
            visit(by_name[base])
        ordered.setdefault(model.name, model)

    for model in api.models:
        visit(model)
    return tuple(ordered.values())


def enum_views(api: Api) -> tuple[EnumView, ...]:
    """Every named string enum the package's types use; same-named enums are merged."""
    type_refs: list[TypeRef] = [p.type for m in api.models for p in m.properties]
    for operation in api.operations:
        type_refs += [p.type for p in operation.parameters]
        type_refs += [r.type for r in operation.responses if r.type is not None]
        if operation.body is not None:
            type_refs.append(operation.body.type)
    values: dict[str, dict[str, None]] = {}
    while type_refs:
        type_ref = type_refs.pop()
        if type_ref.item is not None:
            type_refs.append(type_ref.item)
        elif (class_name := enum_class_name(type_ref)) is not None:
            values.setdefault(class_name, {}).update(
                dict.fromkeys(map(str, type_ref.enum_values))
            )
    views = []
    for class_name in sorted(values):
        names = unique_names(
            {value: constant_case(value) for value in values[class_name]},
            fallback="VALUE",
        )
        views.append(
            EnumView(
                class_name=class_name,
                doc=SpecText(f"Known values of {class_name}; others may appear."),
                members=tuple(
                    (names[value], SpecText(value))
                    for value in sorted(values[class_name])
                ),
            )
        )
    return tuple(views)
