"""The models module's views: dataclass fields, model classes in dependency order, enums."""

from __future__ import annotations

from collections.abc import Mapping

from generator.escape import SpecText, python_literal
from generator.model import Api, Model, ParameterGroup, Property, TypeRef
from generator.naming import constant_case, unique_names
from generator.render.conversions import TypeWriter
from generator.render.imports import Imports, export_order
from generator.render.layout import bracketed, display
from generator.render.model_views import (
    AdditionalView,
    EnumView,
    FieldView,
    GroupView,
    ModelsModuleView,
    ModelView,
)
from generator.render.polymorphism import polymorphic_view, subtype_tables, table_names

TABLE_INDENT = 8
"""Where the rows of a model's `_fields = _codec.fields(...)` stand in models.py."""


def models_module(api: Api, models: Mapping[str, Model]) -> ModelsModuleView:
    """models.py: every model, bases first, and every named enum; its imports as used."""
    imports = Imports()
    enums = enum_views(api)
    writer = TypeWriter(
        models,
        imports,
        enum_classes=api.enum_classes,
        in_models=True,
        enum_members={
            enum.class_name: {str(value): name for name, value in enum.members}
            for enum in enums
        },
    )
    tables = table_names(api)
    ordered = models_in_dependency_order(api)
    views = tuple(model_view(api, model, writer, tables) for model in ordered)
    if any(view.polymorphic for view in views):
        imports.name("dataclasses", "field")
    if views:
        imports.name("collections.abc", "Mapping")
        imports.name("dataclasses", "dataclass")
        imports.name("typing", "Any")
        imports.name("typing", "TypeVar")
        imports.local_module("_codec")
    if enums:
        imports.module("enum")
    groups = tuple(group_view(group, writer) for group in api.parameter_groups)
    if groups:
        imports.name("dataclasses", "dataclass")
    return ModelsModuleView(
        imports=imports.block(),
        exports=export_order(
            [m.class_name for m in views]
            + [e.class_name for e in enums]
            + [g.class_name for g in groups]
        ),
        models=views,
        enums=enums,
        subtype_tables=subtype_tables(api, ordered, tables),
        sealed_enums=any(enum.base == "_SealedEnum" for enum in enums),
        groups=groups,
    )


def group_view(group: ParameterGroup, writer: TypeWriter) -> GroupView:
    """A parameter group's dataclass: required fields first, the others default to None."""
    fields = [
        FieldView(
            name=field.python_name,
            wire=SpecText(field.python_name),
            annotation=writer.annotation(field.type, sequence=True)
            + ("" if field.required else " | None"),
            default=None if field.required else "None",
            doc=SpecText(field.description or "(no description in the spec)"),
            optional=not field.required,
            read_only=False,
        )
        for field in group.fields
    ]
    return GroupView(
        class_name=group.class_name,
        doc=SpecText(
            f"The parameter group {group.class_name}: arguments passed together"
            " (x-ms-parameter-grouping)."
        ),
        fields=tuple(f for f in fields if not f.optional)
        + tuple(f for f in fields if f.optional),
    )


def field_view(
    prop: Property,
    writer: TypeWriter,
    *,
    conversions: bool = True,
    discriminator: bool = False,
) -> FieldView:
    """A dataclass field and its entry in the class's `_fields` table; without
    `conversions`, its name, annotation and doc only (what ServiceError's shortcuts need),
    so nothing unused is imported."""
    optional = not prop.required and not prop.constant
    may_be_none = optional or prop.nullable
    type_text = writer.annotation(prop.type)
    value = None if prop.default is None else writer.value(prop.type, prop.default)
    default = value or ("None" if optional else None)
    if prop.secret and conversions:
        writer.imports.module("dataclasses", "_dataclasses")
        default = "_dataclasses.field(" + (f"default={default}, " if default else "")
        default += "repr=False)"
    return FieldView(
        name=prop.python_name,
        wire=SpecText(prop.wire_name),
        annotation=f"{type_text} | None" if may_be_none else type_text,
        default=default,
        doc=SpecText(_field_doc(prop)),
        optional=optional,
        read_only=prop.read_only,
        nullable=prop.nullable and not optional,
        entry=_table_entry(prop, writer, discriminator) if conversions else "",
    )


def _table_entry(prop: Property, writer: TypeWriter, discriminator: bool) -> str:
    """The field's entry in `_codec.fields(...)`: python name, wire key (the keys to follow
    when flattened), kind, and the flags that are set."""
    keys = [python_literal(key) for key in prop.wire_location]
    constant = prop.constant and prop.default is not None
    flags = {
        "required": not discriminator and (prop.required or prop.constant),
        "nullable": not discriminator and prop.nullable,
        "read-only": not discriminator and prop.read_only,
        "constant": not discriminator and constant,
        "discriminator": discriminator,
    }
    kind = python_literal(writer.kind(prop.type))
    flagged = [python_literal(flag) for flag, is_set in flags.items() if is_set]
    return table_row(python_literal(prop.python_name), keys, kind, flagged)


def table_row(name: str, keys: list[str], kind: str, flags: list[str]) -> str:
    """A `_fields` row as black lays it out, comma included, at the table's indentation;
    a flattened field's keys are a tuple of their own, which black may split in turn."""
    wire = keys[0] if len(keys) == 1 else f"({', '.join(keys)})"
    row = display(TABLE_INDENT, "(", [name, wire, kind, *flags], "),")
    if "\n" in row and len(keys) > 1:
        wire = display(TABLE_INDENT + 4, "(", keys, "),").removesuffix(",")
        row = bracketed(
            TABLE_INDENT, "(", [name, wire, kind, *flags], "),", explode=True
        )
    return row


def _field_doc(prop: Property) -> str:
    """The spec's description, and what the client does with the field."""
    doc = prop.description or "(no description in the spec)"
    if prop.read_only:
        doc += " Set by the service; never sent."
    elif "create" in prop.mutability and "update" not in prop.mutability:
        doc += (
            " Set when the resource is created; the service does not change it later."
        )
    if prop.constant:
        doc += " A constant: always this value, always sent."
    elif prop.default is not None:
        doc += " Defaults to the spec's client default; set None not to send it."
    if prop.nullable:
        doc += " The service may send null (None)."
    if prop.secret:
        doc += " Secret: never shown by repr()."
    return doc


def additional_view(
    api: Api, model: Model, writer: TypeWriter
) -> AdditionalView | None:
    """The dict field of `additionalProperties` beside named properties (own or inherited):
    from_dict keeps every key that is not a named property, to_dict writes them back."""
    owner = next(
        (m for m in (model, *_ancestors(api, model)) if m.additional is not None), None
    )
    if owner is None or owner.additional is None:
        return None
    additional = owner.additional
    annotation = writer.annotation(additional.type)
    writer.imports.module("dataclasses", "_dataclasses")
    kind = python_literal(writer.kind(additional.type))
    return AdditionalView(
        name=additional.python_name,
        annotation=f"{writer.builtin('dict')}[{writer.builtin('str')}, {annotation}]",
        doc=SpecText(
            "The object's other keys (additionalProperties): kept when read, written back."
        ),
        entry=(python_literal(additional.python_name), kind),
        declared=owner is model,
    )


def _ancestors(api: Api, model: Model) -> tuple[Model, ...]:
    found: list[Model] = []
    for base in model.bases:
        found.append(api.model(base))
        found += _ancestors(api, api.model(base))
    return tuple(found)


def model_view(
    api: Api, model: Model, writer: TypeWriter, tables: dict[str, str] | None = None
) -> ModelView:
    """A model class; in a polymorphic hierarchy the discriminator is declared apart (set by
    the class, never passed). Its `_fields` table lists the model's own fields, the
    discriminators it declares flagged; the base `_Model` adds the inherited ones.
    """
    polymorphic = polymorphic_view(api, model, writer, tables or {}, field_view)
    discriminators = (
        {f.name for f in polymorphic.discriminators} if polymorphic else set()
    )
    own = tuple(
        field_view(p, writer, discriminator=p.python_name in discriminators)
        for p in model.fields
    )
    declared = tuple(f for f in own if f.name not in discriminators)
    additional = additional_view(api, model, writer)
    return ModelView(
        class_name=model.class_name,
        bases=tuple(writer.models[base].class_name for base in model.bases),
        doc=SpecText(model.description or f"The {model.name} model."),
        fields=tuple(f for f in declared if not f.optional)
        + tuple(f for f in declared if f.optional),
        table=tuple(f.entry for f in own),
        polymorphic=polymorphic,
        additional=additional,
        subtypes=(
            _class_tuple("_subtypes", [python_literal(x) for x in polymorphic.dispatch])
            if polymorphic and polymorphic.dispatch
            else None
        ),
        keeps_other_keys=(
            _class_tuple("_additional", list(additional.entry))
            if additional and additional.declared and not polymorphic
            else None
        ),
    )


def _class_tuple(name: str, items: list[str]) -> str:
    """A tuple as black lays it out after `name = ` in a class body."""
    return display(4, f"{name} = (", items, ")").removeprefix(f"{name} = ")


def models_in_dependency_order(api: Api) -> tuple[Model, ...]:
    """Sorted by name, except that a base class always comes before the classes using it."""
    by_name = {model.name: model for model in api.class_models}
    ordered: dict[str, Model] = {}

    def visit(model: Model) -> None:
        for base in model.bases:
            visit(by_name[base])
        ordered.setdefault(model.name, model)

    for model in api.class_models:
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
    extensible: set[str] = set()
    while type_refs:
        type_ref = type_refs.pop()
        if type_ref.item is not None:
            type_refs.append(type_ref.item)
        elif (class_name := api.enum_class(type_ref)) is not None:
            values.setdefault(class_name, {}).update(
                dict.fromkeys(map(str, type_ref.enum_values))
            )
            if type_ref.enum_extensible:
                extensible.add(class_name)
    views = []
    for class_name in sorted(values):
        names = unique_names(
            {value: constant_case(value) for value in values[class_name]},
            fallback="VALUE",
        )
        views.append(
            EnumView(
                class_name=class_name,
                doc=SpecText(
                    f"Known values of {class_name}; others may appear."
                    if class_name in extensible
                    else f"The values of {class_name}; no other is accepted."
                ),
                members=tuple(
                    (names[value], SpecText(value))
                    for value in sorted(values[class_name])
                ),
                base="_StrEnum" if class_name in extensible else "_SealedEnum",
            )
        )
    return tuple(views)
