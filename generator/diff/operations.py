"""Changes to the set of operations and to each operation that both sides have."""

from __future__ import annotations

from dataclasses import dataclass

from generator.diff.bodies import body_changes, positional_order_changes
from generator.diff.changes import (
    ADDED_OPERATION,
    ADDED_PATH,
    MODIFIED_OPERATION_ID,
    REMOVED_OPERATION,
    REMOVED_PATH,
    Change,
    ChangeKind,
    Severity,
)
from generator.diff.context import Context, new_change, operation_where
from generator.diff.defined import Defined, blank_placeholders
from generator.diff.parameters import parameters_changes
from generator.diff.responses import long_running_changes, responses_changes
from generator.model import Operation


@dataclass(frozen=True)
class OperationMatch:
    """Which operations the two sides share, by operationId or (renamed) by endpoint."""

    pairs: tuple[tuple[Operation, Operation], ...]
    renamed: tuple[tuple[Operation, Operation], ...]
    removed: tuple[Operation, ...]
    added: tuple[Operation, ...]

    def counterpart(self, operation_id: str, *, in_new: bool) -> str | None:
        """The other side's operationId of an operation, when the other side has it."""
        for before, after in self.pairs + self.renamed:
            mine, theirs = (after, before) if in_new else (before, after)
            if mine.operation_id == operation_id:
                return theirs.operation_id
        return None


def match_operations(context: Context) -> OperationMatch:
    old = {op.operation_id: op for op in context.old.operations}
    new = {op.operation_id: op for op in context.new.operations}
    removed = [op_id for op_id in old if op_id not in new]
    added = [op_id for op_id in new if op_id not in old]
    renamed: list[tuple[Operation, Operation]] = []
    for op_id in list(removed):
        before = old[op_id]
        match = next(
            (
                new[candidate]
                for candidate in added
                if _endpoint(new[candidate]) == _endpoint(before)
            ),
            None,
        )
        if match is not None:
            removed.remove(op_id)
            added.remove(match.operation_id)
            renamed.append((before, match))
    return OperationMatch(
        pairs=tuple((old[op_id], new[op_id]) for op_id in old if op_id in new),
        renamed=tuple(renamed),
        removed=tuple(old[op_id] for op_id in removed),
        added=tuple(new[op_id] for op_id in added),
    )


def operations_changes(context: Context) -> list[Change]:
    match = match_operations(context)
    changes: list[Change] = []
    for operation in match.removed:
        changes.append(_operation_removed(context, operation))
    for operation in match.added:
        changes.append(_operation_added(context, operation))
    for before, after in match.renamed:
        changes.append(_operation_renamed(before, after))
        changes += _operation_changes(context, before, after)
    for before, after in match.pairs:
        changes += _operation_changes(context, before, after)
    return sorted(changes, key=lambda change: _operation_of(change.location))


def _operation_of(location: str) -> str:
    return location.split(" > ", 1)[0]


def _endpoint(operation: Operation) -> tuple[str, str]:
    """Method and path with placeholders blanked: renaming `{name}` does not move the URL."""
    return operation.http_method, blank_placeholders(operation.path)


def _has_path(defined: Defined, operation: Operation) -> bool:
    """Whether a side's file has the operation's path (for any method), as openapi-diff
    pairs paths: an operation at a new path is 1038 AddedPath, not 1039 AddedOperation.
    """
    return _endpoint(operation)[1] in defined.paths


def _operation_removed(context: Context, operation: Operation) -> Change:
    return new_change(
        ChangeKind.OPERATION_REMOVED,
        Severity.BREAKING,
        (
            REMOVED_OPERATION
            if _has_path(context.new_defined, operation)
            else REMOVED_PATH
        ),
        operation_where(operation),
        f"{operation.http_method} {operation.path}",
        None,
        f"operation {operation.operation_id} ({operation.http_method}"
        f" {operation.path}) removed",
        f"{operation.call_path}() disappears; calls raise AttributeError",
    )


def _operation_added(context: Context, operation: Operation) -> Change:
    return new_change(
        ChangeKind.OPERATION_ADDED,
        context.addition_severity(),
        ADDED_OPERATION if _has_path(context.old_defined, operation) else ADDED_PATH,
        operation_where(operation),
        None,
        f"{operation.http_method} {operation.path}",
        f"operation {operation.operation_id} ({operation.http_method}"
        f" {operation.path}) added{context.addition_note()}",
        f"new method {operation.call_path}()",
    )


def _operation_renamed(before: Operation, after: Operation) -> Change:
    return new_change(
        ChangeKind.OPERATION_ID_CHANGED,
        Severity.BREAKING,
        MODIFIED_OPERATION_ID,
        operation_where(after, before.operation_id),
        before.operation_id,
        after.operation_id,
        f"operationId of {after.http_method} {after.path} changed from"
        f" {before.operation_id} to {after.operation_id}",
        (
            f"{before.call_path}() is now {after.call_path}(); calls to the old name"
            " raise AttributeError"
            if before.call_path != after.call_path
            else f"the method keeps its name {after.call_path}(), but its documentation"
            " and any code keyed on the operationId change"
        ),
    )


def _operation_changes(
    context: Context, before: Operation, after: Operation
) -> list[Change]:
    changes: list[Change] = []
    where = operation_where(after)
    method = f"{after.call_path}()"
    if before.http_method != after.http_method:
        changes.append(
            new_change(
                ChangeKind.HTTP_METHOD_CHANGED,
                Severity.BREAKING,
                REMOVED_OPERATION,
                where,
                before.http_method,
                after.http_method,
                f"HTTP method changed from {before.http_method} to {after.http_method}",
                f"{method} sends {after.http_method}; a service that only knows"
                f" {before.http_method} rejects it",
            )
        )
    if _endpoint(before)[1] != _endpoint(after)[1]:
        old_path_gone = all(
            _endpoint(op)[1] != _endpoint(before)[1] for op in context.new.operations
        )
        changes.append(
            new_change(
                ChangeKind.PATH_CHANGED,
                Severity.BREAKING,
                REMOVED_PATH if old_path_gone else None,
                where,
                before.path,
                after.path,
                f"path changed from {before.path} to {after.path}",
                f"{method} requests another URL; services without it answer 404",
            )
        )
    if (
        before.call_path != after.call_path
        and before.operation_id == after.operation_id
        and (before.long_running is None) == (after.long_running is None)
    ):
        changes.append(
            new_change(
                ChangeKind.METHOD_NAME_CHANGED,
                Severity.BREAKING,
                None,
                where,
                before.call_path,
                after.call_path,
                f"method renamed from {before.call_path} to {after.call_path}",
                f"{before.call_path}() is now {after.call_path}(); calls to the old"
                " name raise AttributeError",
            )
        )
    if before.deprecated != after.deprecated:
        changes.append(
            new_change(
                ChangeKind.DEPRECATION_CHANGED,
                Severity.NON_BREAKING,
                None,
                where,
                before.deprecated,
                after.deprecated,
                (
                    "operation deprecated"
                    if after.deprecated
                    else "operation no longer deprecated"
                ),
                (
                    f"{method} is documented as deprecated: plan to move off it"
                    if after.deprecated
                    else f"{method} is no longer documented as deprecated"
                ),
            )
        )
    changes += parameters_changes(context, before, after)
    changes += body_changes(context, before, after)
    changes += positional_order_changes(before, after)
    changes += responses_changes(context, before, after)
    changes += long_running_changes(before, after)
    return changes
