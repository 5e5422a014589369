"""Changes to an operation's body, and to the order of the generated method's positional
arguments, which parameters and body share.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import (
    ADDING_OPTIONAL_PARAMETER,
    ADDING_REQUIRED_PARAMETER,
    CHANGED_PARAMETER_ORDER,
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
    json_values,
    new_change,
    operation_path,
    operation_where,
    python_name_change,
    show,
)
from generator.diff.parameters import argument_required_change
from generator.diff.typerefs import type_changes
from generator.errors import join_pointer
from generator.model import Body, Operation


def body_where(operation: Operation, body: Body) -> Where:
    return Where(
        f"{operation.operation_id} > body {body.wire_name}",
        join_pointer(operation_path(operation), "parameters", body.wire_name),
        f"body '{body.wire_name}'",
        f"the body of {operation.call_path}()",
    )


def body_changes(
    context: Context, before: Operation, after: Operation
) -> Iterator[Change]:
    old, new = before.body, after.body
    method = f"{after.call_path}()"
    if old is None and new is None:
        return
    if old is None and new is not None:
        where = body_where(after, new)
        yield new_change(
            ChangeKind.BODY_ADDED,
            Severity.BREAKING if new.required else context.addition_severity(),
            ADDING_REQUIRED_PARAMETER if new.required else ADDING_OPTIONAL_PARAMETER,
            where,
            None,
            describe(new.type),
            f"{'required' if new.required else 'optional'} body ({describe(new.type)})"
            f" added" + ("" if new.required else context.addition_note()),
            f"{method} takes the body as "
            + ", ".join(_body_arguments(new))
            + ("; existing calls raise TypeError" if new.required else ""),
        )
        return
    if new is None and old is not None:
        where = body_where(before, old)
        yield new_change(
            ChangeKind.BODY_REMOVED,
            Severity.BREAKING,
            REMOVED_REQUIRED_PARAMETER if old.required else REMOVED_OPTIONAL_PARAMETER,
            where,
            describe(old.type),
            None,
            f"{'required' if old.required else 'optional'} body removed",
            f"{method} no longer takes {', '.join(_body_arguments(old))}; calls that"
            " pass them raise TypeError",
        )
        return
    assert old is not None and new is not None
    where = body_where(after, new)
    if old.required != new.required:
        yield argument_required_change(where, old.required, new.required, method)
    yield from type_changes(context, where, old.type, new.type)
    old_arguments, new_arguments = _body_arguments(old), _body_arguments(new)
    if bool(old.flattened) != bool(new.flattened):
        yield new_change(
            ChangeKind.BODY_FLATTENING_CHANGED,
            Severity.BREAKING,
            None,
            where,
            json_values(old_arguments),
            json_values(new_arguments),
            f"body is {'now' if new.flattened else 'no longer'} flattened"
            " (x-ms-client-flatten)",
            f"{method} takes {', '.join(new_arguments)} instead of"
            f" {', '.join(old_arguments)}",
        )
    elif not new.flattened and old.python_name != new.python_name:
        yield python_name_change(
            where,
            old.python_name,
            new.python_name,
            f"body is now the argument {new.python_name}",
            f"{method} takes {new.python_name} instead of {old.python_name}; keyword"
            " callers raise TypeError",
        )
    old_sentinel = old.omit_sentinel.name if old.omit_sentinel else None
    new_sentinel = new.omit_sentinel.name if new.omit_sentinel else None
    if old_sentinel != new_sentinel:
        yield new_change(
            ChangeKind.OMIT_SENTINEL_CHANGED,
            Severity.BREAKING,
            None,
            where,
            old_sentinel,
            new_sentinel,
            f"omit sentinel (x-armgen-omit-sentinel) changed from {show(old_sentinel)}"
            f" to {show(new_sentinel)}",
            (
                f"{method} requires the body argument; pass {new_sentinel} to omit it on"
                " purpose"
                if old_sentinel is None
                else (
                    f"{method} no longer knows {old_sentinel}: imports of it break"
                    + (
                        f"; pass {new_sentinel} instead"
                        if new_sentinel
                        else ", and leaving the body out is the default again"
                    )
                )
            ),
        )


def _body_arguments(body: Body) -> tuple[str, ...]:
    if body.flattened:
        return tuple(prop.python_name for prop in body.flattened)
    return (body.python_name,)


def _positional_arguments(operation: Operation) -> tuple[str, ...]:
    """The generated method's positional arguments, in the order the render stage puts them."""
    names = [
        p.python_name for p in operation.parameters if p.required and not p.client_level
    ]
    body = operation.body
    if body is not None:
        sentinel = body.omit_sentinel is not None
        if body.flattened:
            names += [p.python_name for p in body.flattened if p.required or sentinel]
        elif body.required or sentinel:
            names.append(body.python_name)
    return tuple(names)


def positional_order_changes(before: Operation, after: Operation) -> Iterator[Change]:
    old, new = _positional_arguments(before), _positional_arguments(after)
    if old != new and sorted(old) == sorted(new):
        yield new_change(
            ChangeKind.PARAMETER_ORDER_CHANGED,
            Severity.BREAKING,
            CHANGED_PARAMETER_ORDER,
            operation_where(after, f"{after.operation_id} > parameters"),
            json_values(old),
            json_values(new),
            f"positional arguments reordered from ({', '.join(old)}) to"
            f" ({', '.join(new)})",
            f"{after.call_path}() takes ({', '.join(new)}): positional calls silently"
            " pass values to the wrong arguments",
        )
