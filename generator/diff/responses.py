"""Changes to an operation's responses (status codes, bodies, headers) and to its long-running
options.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import (
    ADDING_HEADER,
    ADDING_RESPONSE_CODE,
    REMOVED_RESPONSE_CODE,
    REMOVING_HEADER,
    XMS_LONG_RUNNING_OPERATION_CHANGED,
    Change,
    ChangeKind,
    Severity,
)
from generator.diff.context import (
    Context,
    Where,
    describe,
    new_change,
    operation_path,
    show,
)
from generator.diff.typerefs import type_changes
from generator.errors import join_pointer
from generator.model import Header, Operation, Response, TypeRef


def response_where(operation: Operation, response: Response) -> Where:
    return Where(
        f"{operation.operation_id} > response {response.status}",
        join_pointer(operation_path(operation), "responses", response.status),
        f"response {response.status}",
        (
            f"the error raised by {operation.call_path}()"
            if response.status == "default" or response.error
            else f"the result of {operation.call_path}()"
        ),
    )


def header_where(operation: Operation, response: Response, header: Header) -> Where:
    where = response_where(operation, response)
    return Where(
        f"{where.location} > header {header.wire_name}",
        join_pointer(where.path, "headers", header.wire_name),
        f"header '{header.wire_name}' of response {response.status}",
        f"the {header.wire_name} header of status {response.status}",
    )


def _result_type(operation: Operation) -> TypeRef | None:
    """What the generated method returns: the first success response with a body."""
    return next(
        (r.type for r in operation.success_responses if r.type is not None), None
    )


def responses_changes(
    context: Context, before: Operation, after: Operation
) -> Iterator[Change]:
    old = {r.status: r for r in before.responses}
    new = {r.status: r for r in after.responses}
    method = f"{after.call_path}()"
    result_changed = _result_type(before) != _result_type(after)
    for status in sorted(old.keys() | new.keys()):
        old_response, new_response = old.get(status), new.get(status)
        if old_response is None and new_response is not None:
            where = response_where(after, new_response)
            error = status == "default" or new_response.error
            yield new_change(
                ChangeKind.RESPONSE_ADDED,
                Severity.NON_BREAKING if error else Severity.BREAKING,
                ADDING_RESPONSE_CODE,
                where,
                None,
                describe(new_response.type),
                f"response {status} added",
                (
                    f"{method} parses the errors of status {status} as"
                    f" {describe(new_response.type)}"
                    if new_response.error
                    else (
                        f"{method} parses errors as {describe(new_response.type)}"
                        if error
                        else f"{method} accepts status {status}; clients generated from the"
                        f" old spec raise ServiceError when the service answers {status}"
                    )
                ),
            )
        elif new_response is None and old_response is not None:
            where = response_where(before, old_response)
            returns = old_response.type is not None and result_changed
            yield new_change(
                ChangeKind.RESPONSE_REMOVED,
                Severity.BREAKING if returns else context.addition_severity(),
                REMOVED_RESPONSE_CODE,
                where,
                describe(old_response.type),
                None,
                f"response {status} removed"
                + ("" if returns else context.addition_note()),
                (
                    f"{method} now returns {describe(_result_type(after))} instead of"
                    f" {describe(old_response.type)}"
                    if returns
                    else f"{method} treats status {status} as an error (ServiceError)"
                ),
            )
        elif old_response is not None and new_response is not None:
            if old_response.error != new_response.error:
                yield _error_flag_change(after, old_response, new_response)
            yield from _response_changes(context, after, old_response, new_response)


def _error_flag_change(
    operation: Operation, before: Response, after: Response
) -> Change:
    """`x-ms-error-response` turned on or off: the status raises where it returned, or the
    reverse; breaking either way."""
    method = f"{operation.call_path}()"
    status = after.status
    return new_change(
        ChangeKind.RESPONSE_ERROR_CHANGED,
        Severity.BREAKING,
        None,
        Where(
            f"{operation.operation_id} > response {status}",
            join_pointer(
                operation_path(operation), "responses", status, "x-ms-error-response"
            ),
            f"x-ms-error-response of response {status}",
            f"{method} for status {status}",
        ),
        before.error,
        after.error,
        f"response {status} is {'now' if after.error else 'no longer'} an error"
        " (x-ms-error-response)",
        (
            f"{method} raises ServiceError for status {status} instead of returning"
            f" {describe(before.type)}"
            if after.error
            else f"{method} returns {describe(after.type)} for status {status} instead"
            " of raising ServiceError"
        ),
    )


def _response_changes(
    context: Context, operation: Operation, before: Response, after: Response
) -> Iterator[Change]:
    where = response_where(operation, after)
    method = f"{operation.call_path}()"
    if before.type is None and after.type is not None:
        yield new_change(
            ChangeKind.RESPONSE_BODY_ADDED,
            context.addition_severity(),
            None,
            where,
            None,
            describe(after.type),
            f"response {after.status} now has a body ({describe(after.type)})"
            + context.addition_note(),
            (
                f"{method} returns {describe(after.type)} instead of None"
                if _result_type(operation) == after.type
                else f"{method} reads a {describe(after.type)} body for status"
                f" {after.status}"
            ),
        )
    elif before.type is not None and after.type is None:
        yield new_change(
            ChangeKind.RESPONSE_BODY_REMOVED,
            Severity.BREAKING,
            None,
            where,
            describe(before.type),
            None,
            f"response {after.status} no longer has a body",
            f"{method} no longer returns {describe(before.type)} for status"
            f" {after.status}",
        )
    elif before.type is not None and after.type is not None:
        yield from type_changes(context, where, before.type, after.type)
    old_headers = {h.wire_name.lower(): h for h in before.headers}
    new_headers = {h.wire_name.lower(): h for h in after.headers}
    for name in sorted(old_headers.keys() | new_headers.keys()):
        old_header, new_header = old_headers.get(name), new_headers.get(name)
        header = new_header or old_header
        assert header is not None
        place = header_where(operation, after, header)
        if old_header is None and new_header is not None:
            yield new_change(
                ChangeKind.HEADER_ADDED,
                Severity.NON_BREAKING,
                ADDING_HEADER,
                place,
                None,
                describe(new_header.type),
                f"header '{new_header.wire_name}' added to response {after.status}",
                f"{method} documents {new_header.wire_name} for status {after.status}",
            )
        elif new_header is None and old_header is not None:
            yield new_change(
                ChangeKind.HEADER_REMOVED,
                Severity.BREAKING,
                REMOVING_HEADER,
                place,
                describe(old_header.type),
                None,
                f"header '{old_header.wire_name}' removed from response {after.status}",
                f"code reading {old_header.wire_name} from status {after.status} may"
                " no longer find it",
            )
        elif old_header is not None and new_header is not None:
            yield from type_changes(context, place, old_header.type, new_header.type)


def long_running_changes(before: Operation, after: Operation) -> Iterator[Change]:
    path = operation_path(after)
    old, new = before.long_running, after.long_running
    if (old is None) != (new is None):
        yield new_change(
            ChangeKind.LONG_RUNNING_CHANGED,
            Severity.BREAKING,
            XMS_LONG_RUNNING_OPERATION_CHANGED,
            Where(
                f"{after.operation_id} > long-running",
                join_pointer(path, "x-ms-long-running-operation"),
                "x-ms-long-running-operation",
                f"{after.call_path}()",
            ),
            old is not None,
            new is not None,
            f"operation is {'now' if new else 'no longer'} long-running",
            (
                f"{before.call_path}() becomes {after.call_path}() and returns an"
                " LROPoller; callers must call .result()"
                if new
                else f"{before.call_path}() becomes {after.call_path}() and returns"
                " the result directly, not an LROPoller"
            ),
        )
    elif (
        old is not None
        and new is not None
        and old.final_state_via != new.final_state_via
    ):
        yield new_change(
            ChangeKind.FINAL_STATE_CHANGED,
            Severity.BREAKING,
            None,
            Where(
                f"{after.operation_id} > long-running",
                join_pointer(
                    path, "x-ms-long-running-operation-options", "final-state-via"
                ),
                "final-state-via",
                f"{after.call_path}()",
            ),
            old.final_state_via,
            new.final_state_via,
            f"final-state-via changed from {show(old.final_state_via)} to"
            f" {show(new.final_state_via)}",
            f"the poller of {after.call_path}() fetches the final result from"
            f" {show(new.final_state_via)}; .result() may return something else",
        )
