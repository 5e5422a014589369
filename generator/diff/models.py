"""Changes to models and their properties; an inherited property is reported at its base."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from generator.diff.changes import (
    ADDED_OPTIONAL_PROPERTY,
    ADDED_PROPERTY_IN_RESPONSE,
    ADDED_READ_ONLY_PROPERTY_IN_RESPONSE,
    ADDED_REQUIRED_PROPERTY,
    DIFFERENT_ALL_OF,
    READONLY_PROPERTY_CHANGED,
    REMOVED_DEFINITION,
    REMOVED_PROPERTY,
    Change,
    ChangeKind,
    Severity,
)
from generator.diff.context import (
    Context,
    Where,
    describe,
    has_model,
    json_values,
    new_change,
    python_name_change,
    required_change,
)
from generator.diff.defined import Defined, references_model
from generator.diff.polymorphism import (
    is_subtype,
    model_where,
    polymorphism_changes,
    subtype_added,
    subtype_removed,
)
from generator.diff.typerefs import constraint_changes, type_changes
from generator.errors import join_pointer
from generator.model import Api, Model, Property


def models_changes(context: Context) -> list[Change]:
    """Models added, removed, no longer or newly reachable, and changed.

    A model that one side's operations reach and the other's do not is added or removed only
    when the other side's files do not define it; otherwise only its reachability changed,
    which breaks nothing on its own: the change that caused it is reported where it is.
    """
    old = {m.name: m for m in context.old.models}
    new = {m.name: m for m in context.new.models}
    changes: list[Change] = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before is None and after is not None:
            if _still_defined(
                name, context.new, context.new_defined, context.old, context.old_defined
            ):
                changes.append(_reachability_change(after, now_reachable=True))
            elif is_subtype(context.new, after):
                changes.append(subtype_added(context.new, after, model_where(after)))
            else:
                changes.append(
                    new_change(
                        ChangeKind.MODEL_ADDED,
                        Severity.NON_BREAKING,
                        None,
                        model_where(after),
                        None,
                        after.class_name,
                        f"model {name} added",
                        f"new class models.{after.class_name}",
                    )
                )
        elif after is None and before is not None:
            if _still_defined(
                name, context.old, context.old_defined, context.new, context.new_defined
            ):
                changes.append(_reachability_change(before, now_reachable=False))
            elif is_subtype(context.old, before):
                changes.append(
                    subtype_removed(
                        context.old,
                        before,
                        model_where(before),
                        definition_removed=name in context.old_defined.models,
                    )
                )
            else:
                changes.append(
                    new_change(
                        ChangeKind.MODEL_REMOVED,
                        Severity.BREAKING,
                        (
                            REMOVED_DEFINITION
                            if name in context.old_defined.models
                            else None
                        ),
                        model_where(before),
                        before.class_name,
                        None,
                        f"model {name} removed",
                        f"models.{before.class_name} disappears; imports of it fail",
                    )
                )
        elif before is not None and after is not None:
            changes += _model_changes(context, before, after)
    return changes


def _still_defined(
    name: str,
    reached: Api,
    reached_defined: Defined,
    other: Api,
    other_defined: Defined,
) -> bool:
    """Whether the side that does not reach `name` still defines it.

    A definition is defined by name. An inline model (no definition of that name) is taken
    as still defined when every model that holds it is a definition the other side keeps
    without reaching it.
    """
    if name in other_defined.models:
        return True
    holders = [
        model.name
        for model in reached.models
        if any(references_model(p.type, name) for p in model.properties)
    ]
    return (
        bool(holders)
        and name not in reached_defined.models
        and all(h in other_defined.models and not has_model(other, h) for h in holders)
    )


def _reachability_change(model: Model, *, now_reachable: bool) -> Change:
    if now_reachable:
        return new_change(
            ChangeKind.NOW_REACHABLE,
            Severity.NON_BREAKING,
            None,
            model_where(model),
            None,
            model.class_name,
            f"model {model.name} is now used by the compared operations (OLD defined it"
            " too)",
            f"new class models.{model.class_name}",
        )
    return new_change(
        ChangeKind.NO_LONGER_REACHABLE,
        Severity.NON_BREAKING,
        None,
        model_where(model),
        model.class_name,
        None,
        f"model {model.name} is no longer used by the compared operations (NEW still"
        " defines it)",
        f"models.{model.class_name} is no longer generated: nothing the compared"
        " operations send or return uses it; the change that caused it says what breaks",
    )


def _model_changes(context: Context, before: Model, after: Model) -> Iterator[Change]:
    old_properties = {p.wire_name: p for p in context.old.all_properties(before.name)}
    new_properties = {p.wire_name: p for p in context.new.all_properties(after.name)}
    lost = _inherited_only(
        context.old, before, after.bases, old_properties, new_properties
    )
    gained = _inherited_only(
        context.new, after, before.bases, new_properties, old_properties
    )
    yield from polymorphism_changes(context, before, after)
    if before.bases != after.bases:
        yield _bases_change(
            before,
            after,
            [old_properties[w] for w in lost],
            [new_properties[w] for w in gained],
        )
    for wire in _ordered_union(old_properties, new_properties):
        if wire in lost or wire in gained:
            continue  # reported with the bases that brought or took them
        if _reported_at_base(context, after.name, wire):
            continue
        old_property, new_property = old_properties.get(wire), new_properties.get(wire)
        declaring = _declaring_model(
            context.new if new_property else context.old, after.name, wire
        )
        if old_property is None and new_property is not None:
            yield _property_added(context, after, declaring, new_property)
        elif new_property is None and old_property is not None:
            yield _property_removed(before, declaring, old_property)
        elif old_property is not None and new_property is not None:
            yield from _property_changes(
                context, after, declaring, old_property, new_property
            )


def _inherited_only(
    api: Api,
    model: Model,
    other_bases: tuple[str, ...],
    properties: Mapping[str, Property],
    other_properties: Mapping[str, Property],
) -> list[str]:
    """Properties `model` has only through a base the other side does not extend, and the
    other side lacks: they come and go with that base."""
    through = {
        p.wire_name
        for base in model.bases
        if base not in other_bases
        for p in api.all_properties(base)
    }
    kept = {
        p.wire_name
        for base in model.bases
        if base in other_bases
        for p in api.all_properties(base)
    }
    own = {p.wire_name for p in model.properties}
    return [
        wire
        for wire in properties
        if wire not in other_properties
        and wire in through
        and wire not in kept
        and wire not in own
    ]


def _bases_change(
    before: Model, after: Model, lost: list[Property], gained: list[Property]
) -> Change:
    dropped = [b for b in before.bases if b not in after.bases]
    added = [b for b in after.bases if b not in before.bases]
    required = [p for p in gained if p.required]
    message = (
        f"allOf of model {after.name} changed from ({', '.join(before.bases)}) to"
        f" ({', '.join(after.bases)})"
    )
    if lost:
        message += f"; it loses the inherited {_wires(lost)}"
    if gained:
        message += f"; it gains the inherited {_wires(gained)}"
    impacts = []
    if dropped:
        impacts.append(
            f"models.{after.class_name} no longer extends {', '.join(dropped)}:"
            " isinstance checks and code typed with the base break"
        )
    if lost:
        impacts.append(
            ", ".join(f"{after.class_name}.{p.python_name}" for p in lost)
            + (
                " disappear; code reading or setting them breaks"
                if len(lost) > 1
                else " disappears; code reading or setting it breaks"
            )
        )
    if added:
        impacts.append(f"models.{after.class_name} also extends {', '.join(added)}")
    if required:
        impacts.append(
            f"models.{after.class_name}(...) needs "
            + ", ".join(f"{p.python_name}=" for p in required)
            + "; constructions without it raise TypeError"
        )
    return new_change(
        ChangeKind.MODEL_BASES_CHANGED,
        Severity.BREAKING if dropped or required else Severity.NON_BREAKING,
        DIFFERENT_ALL_OF,
        model_where(after),
        json_values(before.bases),
        json_values(after.bases),
        message,
        "; ".join(impacts),
    )


def _wires(properties: list[Property]) -> str:
    names = ", ".join(f"'{p.wire_name}'" for p in properties)
    return f"propert{'ies' if len(properties) > 1 else 'y'} {names}"


def _ordered_union(
    first: Mapping[str, Property], second: Mapping[str, Property]
) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def _declaring_model(api: Api, name: str, wire: str) -> str:
    """The model whose own properties hold `wire`: `name` itself or one of its bases."""
    model = api.model(name)
    if any(p.wire_name == wire for p in model.properties):
        return name
    for base in model.bases:
        if any(p.wire_name == wire for p in api.all_properties(base)):
            return _declaring_model(api, base, wire)
    return name


def _reported_at_base(context: Context, name: str, wire: str) -> bool:
    """An inherited property that changed in its base is reported once, at the base."""
    for api in (context.new, context.old):
        if not any(m.name == name for m in api.models):
            continue
        if not any(p.wire_name == wire for p in api.all_properties(name)):
            continue
        base = _declaring_model(api, name, wire)
        if base == name:
            return False
        if not (has_model(context.old, base) and has_model(context.new, base)):
            return False
        return _property(context.old, base, wire) != _property(context.new, base, wire)
    return False


def _property(api: Api, model: str, wire: str) -> Property | None:
    return next((p for p in api.all_properties(model) if p.wire_name == wire), None)


def property_where(model: Model, declaring: str, prop: Property) -> Where:
    return Where(
        f"model {model.name} > property {prop.wire_name}",
        join_pointer("", "definitions", declaring, "properties", prop.wire_name),
        f"property '{prop.wire_name}' of {model.name}",
        f"{model.class_name}.{prop.python_name}",
    )


def _property_added(
    context: Context, model: Model, declaring: str, prop: Property
) -> Change:
    where = property_where(model, declaring, prop)
    type_text = describe(prop.type)
    if prop.required:
        return new_change(
            ChangeKind.PROPERTY_ADDED,
            Severity.BREAKING,
            ADDED_REQUIRED_PROPERTY,
            where,
            None,
            type_text,
            f"required property '{prop.wire_name}' ({type_text}) added to {model.name}",
            f"models.{model.class_name}(...) needs {prop.python_name}=; constructions"
            " without it raise TypeError",
        )
    if prop.read_only:
        rule = ADDED_READ_ONLY_PROPERTY_IN_RESPONSE
    elif model.name in context.response_models:
        rule = ADDED_PROPERTY_IN_RESPONSE
    else:
        rule = ADDED_OPTIONAL_PROPERTY
    return new_change(
        ChangeKind.PROPERTY_ADDED,
        context.addition_severity(),
        rule,
        where,
        None,
        type_text,
        f"optional{' read-only' if prop.read_only else ''} property '{prop.wire_name}'"
        f" ({type_text}) added to {model.name}{context.addition_note()}",
        f"models.{model.class_name} gains {prop.python_name} (default None)"
        + ("; only the service sets it" if prop.read_only else ""),
    )


def _property_removed(model: Model, declaring: str, prop: Property) -> Change:
    return new_change(
        ChangeKind.PROPERTY_REMOVED,
        Severity.BREAKING,
        REMOVED_PROPERTY,
        property_where(model, declaring, prop),
        describe(prop.type),
        None,
        f"property '{prop.wire_name}' removed from {model.name}",
        f"{model.class_name}.{prop.python_name} disappears; code reading or setting it"
        " breaks",
    )


def _property_changes(
    context: Context,
    model: Model,
    declaring: str,
    before: Property,
    after: Property,
) -> Iterator[Change]:
    where = property_where(model, declaring, after)
    if before.python_name != after.python_name:
        yield python_name_change(
            where,
            before.python_name,
            after.python_name,
            f"{where.label} is now the field {after.python_name}",
            f"{model.class_name}.{before.python_name} is now .{after.python_name}; code"
            " using the old name breaks",
        )
    if before.required != after.required:
        yield required_change(
            where,
            before.required,
            after.required,
            (
                f"models.{model.class_name}(...) needs {after.python_name}=;"
                " constructions without it raise TypeError"
                if after.required
                else f"{where.subject} may be None; code that relied on it breaks"
            ),
        )
    if before.read_only != after.read_only:
        yield new_change(
            ChangeKind.READ_ONLY_CHANGED,
            Severity.BREAKING,
            READONLY_PROPERTY_CHANGED,
            where,
            before.read_only,
            after.read_only,
            f"{where.label} is {'now' if after.read_only else 'no longer'} read-only",
            (
                f"{where.subject} is no longer sent: values set by callers are dropped"
                if after.read_only
                else f"{where.subject} is now sent in requests"
            ),
        )
    if before.flattened != after.flattened:
        yield new_change(
            ChangeKind.PROPERTY_FLATTENING_CHANGED,
            Severity.BREAKING,
            None,
            where,
            before.flattened,
            after.flattened,
            f"{where.label} is {'now' if after.flattened else 'no longer'} flattened"
            " (x-ms-client-flatten)",
            (
                f"the fields of {where.subject} are now fields of"
                f" models.{model.class_name}; code using .{after.python_name} breaks"
                if after.flattened
                else f"the fields of {where.subject} are no longer fields of"
                f" models.{model.class_name}; read them through .{after.python_name}"
            ),
        )
    yield from type_changes(context, where, before.type, after.type)
    yield from constraint_changes(context, where, before.constraints, after.constraints)
