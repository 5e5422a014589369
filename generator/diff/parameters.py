"""Changes to an operation's parameters: added, removed, moved, renamed, or changed in place."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.diff.changes import (
    ADDING_OPTIONAL_PARAMETER,
    ADDING_REQUIRED_PARAMETER,
    DEFAULT_VALUE_CHANGED,
    PARAMETER_IN_HAS_CHANGED,
    PARAMETER_LOCATION_HAS_CHANGED,
    REMOVED_OPTIONAL_PARAMETER,
    REMOVED_REQUIRED_PARAMETER,
    Change,
    ChangeKind,
    Severity,
)
from generator.diff.context import (
    Context,
    Where,
    describe,
    json_value,
    new_change,
    operation_path,
    python_name_change,
    required_change,
    show,
)
from generator.diff.typerefs import constraint_changes, type_changes
from generator.errors import join_pointer
from generator.model import Operation, Parameter


def parameter_where(operation: Operation, parameter: Parameter) -> Where:
    location = parameter.location.value
    subject = (
        f"the client's {parameter.python_name} (sent by {operation.call_path}())"
        if parameter.client_level
        else f"argument {parameter.python_name} of {operation.call_path}()"
    )
    return Where(
        f"{operation.operation_id} > parameter {parameter.wire_name} ({location})",
        join_pointer(operation_path(operation), "parameters", parameter.wire_name),
        f"{location} parameter '{parameter.wire_name}'",
        subject,
    )


def parameters_changes(
    context: Context, before: Operation, after: Operation
) -> Iterator[Change]:
    def key(parameter: Parameter) -> tuple[str, str]:
        return parameter.location.value, parameter.wire_name

    old = {key(p): p for p in before.parameters}
    new = {key(p): p for p in after.parameters}
    removed = [p for k, p in old.items() if k not in new]
    added = [p for k, p in new.items() if k not in old]
    for old_parameter in list(removed):
        moved = next((p for p in added if p.wire_name == old_parameter.wire_name), None)
        if moved is not None:
            removed.remove(old_parameter)
            added.remove(moved)
            yield _parameter_moved(after, old_parameter, moved)
            yield from _parameter_changes(context, after, old_parameter, moved)
    for old_parameter, new_parameter in _renames(before, after, removed, added):
        removed.remove(old_parameter)
        added.remove(new_parameter)
        yield _parameter_renamed(after, old_parameter, new_parameter)
        yield from _parameter_changes(context, after, old_parameter, new_parameter)
    for parameter in removed:
        yield _parameter_removed(before, parameter)
    for parameter in added:
        yield _parameter_added(context, after, parameter)
    for k, old_parameter in old.items():
        if k in new:
            yield from _parameter_changes(context, after, old_parameter, new[k])


def _renames(
    before: Operation,
    after: Operation,
    removed: Sequence[Parameter],
    added: Sequence[Parameter],
) -> list[tuple[Parameter, Parameter]]:
    """Same location and type, about the same place among that location's parameters."""

    def position(operation: Operation, parameter: Parameter) -> int:
        same = [p for p in operation.parameters if p.location is parameter.location]
        return same.index(parameter)

    candidates = sorted(
        (abs(position(before, o) - position(after, n)), i, j)
        for i, o in enumerate(removed)
        for j, n in enumerate(added)
        if o.location is n.location and o.type == n.type
    )
    pairs: list[tuple[Parameter, Parameter]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for distance, i, j in candidates:
        if distance <= 1 and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((removed[i], added[j]))
    return pairs


def _parameter_added(
    context: Context, operation: Operation, parameter: Parameter
) -> Change:
    where = parameter_where(operation, parameter)
    type_text = describe(parameter.type)
    method = f"{operation.call_path}()"
    if parameter.required:
        return new_change(
            ChangeKind.PARAMETER_ADDED,
            Severity.BREAKING,
            ADDING_REQUIRED_PARAMETER,
            where,
            None,
            type_text,
            f"required {where.label} ({type_text}) added",
            (
                f"{method} sends the client's {parameter.python_name}"
                if parameter.client_level
                else f"{method} takes a new required argument {parameter.python_name};"
                " existing calls raise TypeError"
            ),
        )
    return new_change(
        ChangeKind.PARAMETER_ADDED,
        context.addition_severity(),
        ADDING_OPTIONAL_PARAMETER,
        where,
        None,
        type_text,
        f"optional {where.label} ({type_text}) added{context.addition_note()}",
        (
            f"{method} sends the client's {parameter.python_name} when set"
            if parameter.client_level
            else f"{method} takes a new keyword argument {parameter.python_name}"
            " (default None); existing calls keep working"
        ),
    )


def _parameter_removed(operation: Operation, parameter: Parameter) -> Change:
    where = parameter_where(operation, parameter)
    type_text = describe(parameter.type)
    method = f"{operation.call_path}()"
    impact = (
        f"{method} no longer sends the client's {parameter.python_name}"
        if parameter.client_level
        else f"{method} no longer takes {parameter.python_name}; calls that pass it"
        " raise TypeError"
    )
    return new_change(
        ChangeKind.PARAMETER_REMOVED,
        Severity.BREAKING,
        (
            REMOVED_REQUIRED_PARAMETER
            if parameter.required
            else REMOVED_OPTIONAL_PARAMETER
        ),
        where,
        type_text,
        None,
        f"{'required' if parameter.required else 'optional'} {where.label} removed",
        impact,
    )


def _parameter_moved(
    operation: Operation, before: Parameter, after: Parameter
) -> Change:
    where = parameter_where(operation, after)
    return new_change(
        ChangeKind.PARAMETER_MOVED,
        Severity.BREAKING,
        PARAMETER_IN_HAS_CHANGED,
        where,
        before.location.value,
        after.location.value,
        f"parameter '{after.wire_name}' moved from {before.location.value} to"
        f" {after.location.value}",
        f"{operation.call_path}() sends {after.python_name} in the"
        f" {after.location.value} instead of the {before.location.value}; a service"
        " that expects it in the old place does not see it",
    )


def _parameter_renamed(
    operation: Operation, before: Parameter, after: Parameter
) -> Change:
    where = parameter_where(operation, after)
    impact = (
        f"{operation.call_path}() takes {after.python_name} instead of"
        f" {before.python_name}; keyword callers raise TypeError, and the request"
        f" names it '{after.wire_name}'"
        if before.python_name != after.python_name
        else f"the request names it '{after.wire_name}' instead of '{before.wire_name}'"
    )
    return new_change(
        ChangeKind.PARAMETER_RENAMED,
        Severity.BREAKING,
        None,
        where,
        before.wire_name,
        after.wire_name,
        f"{before.location.value} parameter '{before.wire_name}' renamed to"
        f" '{after.wire_name}'",
        impact,
    )


def _parameter_changes(
    context: Context, operation: Operation, before: Parameter, after: Parameter
) -> Iterator[Change]:
    where = parameter_where(operation, after)
    method = f"{operation.call_path}()"
    if before.client_level != after.client_level:
        yield new_change(
            ChangeKind.PARAMETER_LEVEL_CHANGED,
            Severity.BREAKING,
            PARAMETER_LOCATION_HAS_CHANGED,
            where,
            "client" if before.client_level else "method",
            "client" if after.client_level else "method",
            f"{where.label} moved from the {_level(before)} to the {_level(after)}",
            (
                f"{method} no longer takes {before.python_name}: it comes from the"
                f" {context.new.client_name}() constructor"
                if after.client_level
                else f"{method} takes {after.python_name}; the constructor no longer"
                " supplies it"
            ),
        )
    elif (
        before.python_name != after.python_name
        and before.wire_name == after.wire_name
        and not after.client_level
    ):
        yield python_name_change(
            where,
            before.python_name,
            after.python_name,
            f"{where.label} is now the argument {after.python_name}",
            f"{method} takes {after.python_name} instead of {before.python_name};"
            " keyword callers raise TypeError",
        )
    if before.required != after.required:
        yield argument_required_change(where, before.required, after.required, method)
    yield from type_changes(context, where, before.type, after.type)
    if before.default != after.default:
        yield new_change(
            ChangeKind.DEFAULT_CHANGED,
            Severity.BREAKING,
            DEFAULT_VALUE_CHANGED,
            where,
            json_value(before.default),
            json_value(after.default),
            f"default of {where.label} changed from {show(before.default)} to"
            f" {show(after.default)}",
            f"calls of {method} that leave it out get"
            f" {show(after.default)} instead of {show(before.default)}",
        )
    yield from constraint_changes(context, where, before.constraints, after.constraints)


def _level(parameter: Parameter) -> str:
    return "client" if parameter.client_level else "method"


def argument_required_change(
    where: Where, before: bool, after: bool, method: str
) -> Change:
    return required_change(
        where,
        before,
        after,
        (
            f"{where.subject} becomes required: calls of {method} without it raise"
            " TypeError, and it moves into the positional arguments"
            if after
            else f"{where.subject} becomes optional: it moves to the keyword-only"
            " arguments (positional calls break) and may be None"
        ),
    )
