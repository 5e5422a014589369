"""The models module's views: dataclass fields, model classes in dependency order, enums."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.escape import SpecText, python_literal
from generator.model import Api, Model, ParameterGroup, Property, TypeRef
from generator.naming import constant_case, snake_case, unique_names
from generator.render.conversions import JSON_SCALARS, TypeWriter
from generator.render.imports import Imports, export_order
from generator.render.polymorphism import polymorphic_view, subtype_tables, table_names
from generator.render.views import (
    AdditionalView,
    EnumView,
    FieldView,
    GroupView,
    HolderView,
    ModelsModuleView,
    ModelView,
)


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
        writer.wire("require_object")
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
            from_wire="",
            to_wire="",
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
    holders: Mapping[tuple[str, ...], str] | None = None,
) -> FieldView:
    """A dataclass field; without `conversions`, its name, annotation and doc only (what
    ServiceError's shortcuts need), so nothing unused is imported. A flattened field is
    read from and written to its object's local in `holders` (see holder_views)."""
    optional = not prop.required and not prop.constant
    may_be_none = optional or prop.nullable
    type_text = writer.annotation(prop.type)
    read, get, target = _wire_access(prop, holders or {})
    convert = writer.from_wire(prop.type, read) if conversions else read
    scalar = JSON_SCALARS.get(prop.type.kind)
    value = None if prop.default is None else writer.value(prop.type, prop.default)
    if prop.constant and value is not None and conversions:
        from_expression = writer.wire(f"constant({get}, {value})")
    elif not may_be_none or convert == read:
        from_expression = convert if not may_be_none else get
    elif convert == f"_wire.checked({scalar}, {read})":
        from_expression = f"_wire.checked_or_none({scalar}, {get})"
    else:
        from_expression = f"None if {get} is None else {convert}"
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
        from_wire=from_expression,
        to_wire=(
            writer.to_wire(prop.type, f"self.{prop.python_name}") if conversions else ""
        ),
        optional=optional,
        read_only=prop.read_only,
        nullable=prop.nullable and not optional,
        target=target,
    )


def _wire_access(
    prop: Property, holders: Mapping[tuple[str, ...], str]
) -> tuple[str, str, str]:
    """How a field's value is read (when required, and when it may be missing) and where
    to_dict puts it: in the JSON object itself, or in the local that holds the object a
    flattened field sits in."""
    wire = python_literal(prop.wire_name)
    read_from = holders[prop.wire_path] if prop.wire_path else "data"
    write_to = holders[prop.wire_path] if prop.wire_path else "result"
    return f"{read_from}[{wire}]", f"{read_from}.get({wire})", f"{write_to}[{wire}]"


def holder_views(
    fields: Sequence[Property], writer: TypeWriter
) -> tuple[dict[tuple[str, ...], str], tuple[HolderView, ...], tuple[HolderView, ...]]:
    """The locals for the objects flattened fields sit in (`in_properties`), named after
    their wire path; the ones from_dict reads (outer first) and the ones to_dict fills
    (inner first, each put in its holder only when something was put in it)."""

    def prefixes(props: Iterable[Property]) -> list[tuple[str, ...]]:
        found = {p.wire_path[:n] for p in props for n in range(1, len(p.wire_path) + 1)}
        return sorted(found, key=lambda path: (len(path), path))

    read = prefixes(fields)
    if not read:
        return {}, (), ()
    names = unique_names(
        {_pointer(path): "in_" + snake_case("_".join(path)) for path in read},
        fallback="in_object",
    )
    holders = {path: names[_pointer(path)] for path in read}

    def view(path: tuple[str, ...]) -> HolderView:
        key = python_literal(path[-1])
        parent = holders.get(path[:-1])
        return HolderView(
            name=holders[path],
            read=writer.wire(f"object_at({parent or 'data'}, {key})"),
            attach=f"{parent or 'result'}[{key}]",
        )

    written = prefixes(p for p in fields if not p.read_only)
    return (
        holders,
        tuple(view(path) for path in read),
        tuple(view(path) for path in reversed(written)),
    )


def _pointer(path: tuple[str, ...]) -> str:
    return "/".join(key.replace("~", "~0").replace("/", "~1") for key in path)


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
    known = ", ".join(
        python_literal(p.wire_name) for p in api.all_properties(model.name)
    )
    value = writer.from_wire(additional.type, "value", 1)
    items = writer.wire("checked(dict, data)") + ".items()"
    keep = f" if key not in {{{known}}}" if known else ""
    written = writer.to_wire(additional.type, "value", 1)
    annotation = writer.annotation(additional.type)
    writer.imports.module("dataclasses", "_dataclasses")
    return AdditionalView(
        name=additional.python_name,
        annotation=f"{writer.builtin('dict')}[{writer.builtin('str')}, {annotation}]",
        doc=SpecText(
            "The object's other keys (additionalProperties): kept when read, written back."
        ),
        from_wire=f"{{key: {value} for key, value in {items}{keep}}}",
        to_wire=(
            f"dict(self.{additional.python_name})"
            if written == "value"
            else f"{{key: {written} for key, value in"
            f" self.{additional.python_name}.items()}}"
        ),
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
    the class, never passed), and from_dict neither passes nor reads it as a field."""

    def required_first(fields: tuple[FieldView, ...]) -> tuple[FieldView, ...]:
        return tuple(f for f in fields if not f.optional) + tuple(
            f for f in fields if f.optional
        )

    polymorphic = polymorphic_view(api, model, writer, tables or {}, field_view)
    discriminators = (
        {f.name for f in polymorphic.discriminators} if polymorphic else set()
    )
    every_field = [
        p for p in api.all_fields(model.name) if p.python_name not in discriminators
    ]
    holders, read_holders, write_holders = holder_views(every_field, writer)
    return ModelView(
        class_name=model.class_name,
        bases=tuple(writer.models[base].class_name for base in model.bases),
        doc=SpecText(model.description or f"The {model.name} model."),
        fields=required_first(
            tuple(
                field_view(p, writer, holders=holders)
                for p in model.fields
                if p.python_name not in discriminators
            )
        ),
        all_fields=required_first(
            tuple(field_view(p, writer, holders=holders) for p in every_field)
        ),
        read_holders=read_holders,
        write_holders=write_holders,
        polymorphic=polymorphic,
        additional=additional_view(api, model, writer),
    )


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
