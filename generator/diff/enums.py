"""Named enums (`x-ms-enum` name) as what they are in the generated client: one class each.

A named enum is reported once, however many properties and parameters use it: its values
added or removed, its modelAsString, and whether it is new, gone or no longer used, each with
the places that use it. An unnamed enum has no class of its own, so its changes are reported
at the one place that has it (typerefs.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.diff.changes import XMS_ENUM_CHANGED, Change, ChangeKind, Severity
from generator.diff.context import Context, Where, json_values, new_change, show_values
from generator.diff.defined import leaf
from generator.diff.slots import Slot, slots
from generator.diff.typerefs import enum_value_changes
from generator.model import Api, Kind, TypeRef


@dataclass(frozen=True)
class EnumType:
    name: str
    class_name: str
    values: tuple[str | int | float | bool, ...]
    extensible: bool
    uses: tuple[Slot, ...]

    @property
    def type(self) -> TypeRef:
        return TypeRef(
            Kind.STRING,
            enum_values=self.values,
            enum_name=self.name,
            enum_extensible=self.extensible,
        )

    @property
    def used_by(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(use.where.location for use in self.uses))

    @property
    def where(self) -> Where:
        return Where(
            f"enum {self.name}",
            self.uses[0].where.path,
            f"enum {self.name}",
            f"the enum class {self.class_name}",
        )


def enum_types(api: Api) -> dict[str, EnumType]:
    """Every named enum the API uses; uses of one name merge, as the generated class does."""
    uses: dict[str, list[Slot]] = {}
    for slot in slots(api):
        if not slot.base and slot.enum_name:
            uses.setdefault(slot.enum_name, []).append(slot)
    found = {}
    for name, places in uses.items():
        first = leaf(places[0].type)
        values = tuple(
            dict.fromkeys(
                value for use in places for value in leaf(use.type).enum_values
            )
        )
        found[name] = EnumType(
            name,
            api.enum_class(first) or name,
            values,
            first.enum_extensible,
            tuple(places),
        )
    return found


def enum_renames(context: Context) -> frozenset[tuple[str, str]]:
    """Enums renamed: OLD's name gone from NEW's files, NEW's not in OLD's, same uses."""
    old, new = enum_types(context.old), enum_types(context.new)
    gone = [
        e for n, e in old.items() if n not in new and n not in context.new_defined.enums
    ]
    came = [
        e for n, e in new.items() if n not in old and n not in context.old_defined.enums
    ]
    return frozenset(
        (before.name, after.name)
        for before in gone
        for after in came
        if set(before.used_by) == set(after.used_by)
    )


def enums_changes(context: Context) -> list[Change]:
    old, new = enum_types(context.old), enum_types(context.new)
    renamed_from = {after: before for before, after in context.enum_renames}
    renamed_to = {before for before, _ in context.enum_renames}
    changes: list[Change] = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if name in renamed_to:
            continue
        if name in renamed_from and after is not None:
            changes += _renamed(context, old[renamed_from[name]], after)
        elif before is None and after is not None:
            changes.append(_appeared(after, name in context.old_defined.enums))
        elif after is None and before is not None:
            changes.append(_disappeared(before, name in context.new_defined.enums))
        elif before is not None and after is not None:
            changes += enum_value_changes(
                context, after.where, before.type, after.type, used_by=after.used_by
            )
    return changes


def _renamed(context: Context, before: EnumType, after: EnumType) -> list[Change]:
    old_text, new_text = _text(before), _text(after)
    rename = new_change(
        ChangeKind.ENUM_CHANGED,
        Severity.BREAKING,
        XMS_ENUM_CHANGED,
        after.where,
        old_text,
        new_text,
        f"enum {before.name} renamed to {after.name} (x-ms-enum name)",
        f"the enum class {before.class_name} is now {after.class_name}; imports of the"
        " old name fail",
        used_by=after.used_by,
    )
    same_flag = replace(before.type, enum_extensible=after.extensible)
    return [
        rename,
        *enum_value_changes(
            context, after.where, same_flag, after.type, used_by=after.used_by
        ),
    ]


def _text(enum: EnumType) -> str:
    return f"{enum.name}, {'extensible' if enum.extensible else 'closed'}"


def _appeared(enum: EnumType, defined_before: bool) -> Change:
    values = show_values(enum.values)
    if defined_before:
        return new_change(
            ChangeKind.NOW_REACHABLE,
            Severity.NON_BREAKING,
            None,
            enum.where,
            None,
            json_values(enum.values),
            f"enum {enum.name} ({values}) is now used by the compared operations (OLD"
            " defined it too)",
            f"new enum class {enum.class_name}",
            used_by=enum.used_by,
        )
    return new_change(
        ChangeKind.ENUM_TYPE_ADDED,
        Severity.NON_BREAKING,
        None,
        enum.where,
        None,
        json_values(enum.values),
        f"enum {enum.name} added: {values}"
        + (" (the service may send others)" if enum.extensible else ""),
        f"new enum class {enum.class_name}",
        used_by=enum.used_by,
    )


def _disappeared(enum: EnumType, defined_after: bool) -> Change:
    if defined_after:
        return new_change(
            ChangeKind.NO_LONGER_REACHABLE,
            Severity.NON_BREAKING,
            None,
            enum.where,
            json_values(enum.values),
            None,
            f"enum {enum.name} is no longer used by the compared operations (NEW still"
            " defines it)",
            f"the enum class {enum.class_name} is no longer generated; the change that"
            " caused it says what breaks",
            used_by=enum.used_by,
        )
    return new_change(
        ChangeKind.ENUM_TYPE_REMOVED,
        Severity.BREAKING,
        None,
        enum.where,
        json_values(enum.values),
        None,
        f"enum {enum.name} removed",
        f"the enum class {enum.class_name} disappears; imports of it fail",
        used_by=enum.used_by,
    )
