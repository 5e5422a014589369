"""Changes to what a value may be: its type, its enum, its constraints.

Parameters, bodies, response bodies, headers and properties all hold a TypeRef and
Constraints, so they share these comparisons.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import (
    ADDED_ENUM_VALUE,
    ADDED_XMS_ENUM,
    CONSTRAINT_CHANGED,
    CONSTRAINT_IS_STRONGER,
    CONSTRAINT_IS_WEAKER,
    REFERENCE_REDIRECTION,
    REMOVED_ENUM_VALUE,
    REMOVED_XMS_ENUM,
    TYPE_CHANGED,
    TYPE_FORMAT_CHANGED,
    XMS_ENUM_CHANGED,
    Change,
    ChangeKind,
    Rule,
    Severity,
)
from generator.diff.context import (
    Context,
    Where,
    describe,
    json_values,
    new_change,
    show,
    show_values,
)
from generator.model import Constraints, Kind, TypeRef


def type_changes(
    context: Context, where: Where, before: TypeRef, after: TypeRef
) -> Iterator[Change]:
    """A type change, or (when the shape is the same) what changed in its enum."""
    if before == after:
        return
    structural = _structural_change(before, after)
    if structural is not None:
        kind, rule = structural
        what = {
            ChangeKind.MODEL_CHANGED: "model",
            ChangeKind.FORMAT_CHANGED: "format",
        }.get(kind, "type")
        yield new_change(
            kind,
            Severity.BREAKING,
            rule,
            where,
            describe(before),
            describe(after),
            f"{what} of {where.label} changed from {describe(before)} to"
            f" {describe(after)}",
            f"{where.subject} changes type from {describe(before)} to"
            f" {describe(after)}; code passing or reading the old type breaks",
        )
        return
    yield from _enum_changes(context, where, _leaf(before), _leaf(after))


def _structural_change(
    before: TypeRef, after: TypeRef
) -> tuple[ChangeKind, Rule] | None:
    if before.kind is not after.kind:
        return ChangeKind.TYPE_CHANGED, TYPE_CHANGED
    if before.kind is Kind.MODEL:
        if before.model != after.model:
            return ChangeKind.MODEL_CHANGED, REFERENCE_REDIRECTION
        return None
    if before.item is not None and after.item is not None:
        return _structural_change(before.item, after.item)
    if (before.item is None) != (after.item is None):
        return ChangeKind.TYPE_CHANGED, TYPE_CHANGED
    if before.format != after.format:
        return ChangeKind.FORMAT_CHANGED, TYPE_FORMAT_CHANGED
    return None


def _leaf(type_ref: TypeRef) -> TypeRef:
    while type_ref.item is not None:
        type_ref = type_ref.item
    return type_ref


def _enum_changes(
    context: Context, where: Where, before: TypeRef, after: TypeRef
) -> Iterator[Change]:
    old_values, new_values = before.enum_values, after.enum_values
    if old_values and not new_values:
        yield new_change(
            ChangeKind.ENUM_REMOVED,
            Severity.BREAKING,
            REMOVED_XMS_ENUM if before.enum_name else None,
            where,
            json_values(old_values),
            None,
            f"{where.label} is no longer an enum",
            f"{where.subject} becomes a plain {after.kind.value}"
            + (
                f"; the enum class for {before.enum_name} may disappear"
                if before.enum_name
                else ""
            ),
        )
        return
    if new_values and not old_values:
        yield new_change(
            ChangeKind.ENUM_ADDED,
            Severity.BREAKING,
            ADDED_XMS_ENUM if after.enum_name else None,
            where,
            None,
            json_values(new_values),
            f"{where.label} is now an enum of {show_values(new_values)}",
            f"{where.subject} accepts only {show_values(new_values)}; other values"
            " that used to pass are refused",
        )
        return
    if before.enum_name != after.enum_name:
        if (before.enum_name, after.enum_name) not in context.enum_renames:
            yield _enum_identity_change(where, before, after)
        return
    if before.enum_name:
        return  # the same named enum: its values are compared once, at the enum
    yield from enum_value_changes(context, where, before, after)


def enum_value_changes(
    context: Context,
    where: Where,
    before: TypeRef,
    after: TypeRef,
    used_by: tuple[str, ...] = (),
) -> Iterator[Change]:
    """Values added or removed, and modelAsString: of an unnamed enum at its use, of a named
    one once (with `used_by` listing its uses)."""
    old_values, new_values = before.enum_values, after.enum_values
    gone = tuple(v for v in old_values if v not in new_values)
    extra = tuple(v for v in new_values if v not in old_values)
    if gone:
        yield new_change(
            ChangeKind.ENUM_VALUES_REMOVED,
            Severity.BREAKING,
            REMOVED_ENUM_VALUE,
            where,
            json_values(gone),
            None,
            f"enum value(s) {show_values(gone)} removed from {where.label}",
            f"{where.subject} no longer has {show_values(gone)}; code using those"
            " members breaks and the service may refuse the values",
            used_by=used_by,
        )
    if extra:
        yield new_change(
            ChangeKind.ENUM_VALUES_ADDED,
            context.addition_severity(),
            ADDED_ENUM_VALUE,
            where,
            None,
            json_values(extra),
            f"enum value(s) {show_values(extra)} added to {where.label}"
            + context.addition_note(),
            f"{where.subject} gains {show_values(extra)}; the client keeps unknown"
            " values as plain strings, so older clients still read them",
            used_by=used_by,
        )
    if before.enum_extensible != after.enum_extensible:
        yield new_change(
            ChangeKind.ENUM_CHANGED,
            Severity.BREAKING,
            XMS_ENUM_CHANGED,
            where,
            _enum_text(before),
            _enum_text(after),
            f"x-ms-enum modelAsString of {where.label} changed from"
            f" {show(before.enum_extensible)} to {show(after.enum_extensible)}",
            f"{where.subject}: the service "
            + (
                "may now send values not listed in the spec"
                if after.enum_extensible
                else "now promises only the listed values, and refuses others"
            ),
            used_by=used_by,
        )


def _enum_identity_change(where: Where, before: TypeRef, after: TypeRef) -> Change:
    """The value now uses another named enum, or becomes or stops being a named one."""
    if before.enum_name and after.enum_name:
        rule = XMS_ENUM_CHANGED
    else:
        rule = ADDED_XMS_ENUM if after.enum_name else REMOVED_XMS_ENUM
    old_text, new_text = _enum_text(before), _enum_text(after)
    values = (
        ""
        if before.enum_values == after.enum_values
        else f" (values {show_values(before.enum_values)} before,"
        f" {show_values(after.enum_values)} now)"
    )
    return new_change(
        ChangeKind.ENUM_CHANGED,
        Severity.BREAKING,
        rule,
        where,
        old_text,
        new_text,
        f"x-ms-enum of {where.label} changed from {old_text} to {new_text}{values}",
        f"{where.subject} uses the enum class {after.enum_name or 'plain strings'}"
        f" instead of {before.enum_name or 'plain strings'}; imports of the old class"
        " break",
    )


def _enum_text(type_ref: TypeRef) -> str:
    name = type_ref.enum_name or "(unnamed)"
    return f"{name}, {'extensible' if type_ref.enum_extensible else 'closed'}"


_LOWER_BOUNDS = ("min_length", "minimum", "min_items")
_UPPER_BOUNDS = ("max_length", "maximum", "max_items")


def constraint_changes(
    context: Context, where: Where, before: Constraints, after: Constraints
) -> Iterator[Change]:
    if before == after:
        return
    for name in _LOWER_BOUNDS + _UPPER_BOUNDS:
        old_value, new_value = getattr(before, name), getattr(after, name)
        if old_value == new_value:
            continue
        if name in _LOWER_BOUNDS:
            stronger = new_value is not None and (
                old_value is None or new_value > old_value
            )
        else:
            stronger = new_value is not None and (
                old_value is None or new_value < old_value
            )
        yield _constraint_change(context, where, name, old_value, new_value, stronger)
    if before.pattern != after.pattern:
        # openapi-diff logs ConstraintChanged for any change to a pattern, even its removal
        yield new_change(
            ChangeKind.CONSTRAINT_CHANGED,
            (
                context.addition_severity()
                if after.pattern is None
                else Severity.BREAKING
            ),
            CONSTRAINT_CHANGED,
            where,
            before.pattern,
            after.pattern,
            f"pattern of {where.label} changed from {show(before.pattern)} to"
            f" {show(after.pattern)}",
            (
                f"{where.subject} accepts any text again"
                if after.pattern is None
                else f"{where.subject} must match {after.pattern}; values that matched"
                " the old pattern may be refused"
            ),
        )


def _constraint_change(
    context: Context,
    where: Where,
    name: str,
    old_value: float | None,
    new_value: float | None,
    stronger: bool,
) -> Change:
    keyword = _CONSTRAINT_KEYWORDS[name]
    return new_change(
        ChangeKind.CONSTRAINT_CHANGED,
        Severity.BREAKING if stronger else context.addition_severity(),
        CONSTRAINT_IS_STRONGER if stronger else CONSTRAINT_IS_WEAKER,
        where,
        old_value,
        new_value,
        f"{keyword} of {where.label} changed from {show(old_value)} to"
        f" {show(new_value)}",
        (
            f"{where.subject} is checked against {keyword} {show(new_value)}; values"
            " that passed before may be refused"
            if stronger
            else f"{where.subject} accepts a wider range ({keyword}"
            f" {show(new_value)})"
        ),
    )


_CONSTRAINT_KEYWORDS = {
    "min_length": "minLength",
    "max_length": "maxLength",
    "minimum": "minimum",
    "maximum": "maximum",
    "min_items": "minItems",
    "max_items": "maxItems",
}
