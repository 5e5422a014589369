"""Changes to what the whole client has: api-version, class name, endpoint, constructor."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff.changes import (
    REMOVED_CLIENT_PARAMETER,
    VERSIONS_REVERSED,
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
    python_name_change,
)
from generator.errors import join_pointer
from generator.model import Api


def api_changes(context: Context) -> Iterator[Change]:
    old, new = context.old, context.new
    if not context.same_version:
        reversed_ = _version_key(new.api_version) < _version_key(old.api_version)
        yield new_change(
            ChangeKind.API_VERSION_CHANGED,
            Severity.NON_BREAKING,
            VERSIONS_REVERSED if reversed_ else None,
            Where("api-version", "/info/version", "api-version", "API_VERSION"),
            old.api_version,
            new.api_version,
            f"api-version changed from {old.api_version} to {new.api_version}"
            + (" (an earlier version)" if reversed_ else ""),
            f"the client sends api-version={new.api_version} (its API_VERSION) on every"
            " request",
        )
    if not old.operations or not new.operations:
        return
    if old.client_name != new.client_name:
        yield new_change(
            ChangeKind.CLIENT_RENAMED,
            Severity.BREAKING,
            None,
            Where("client", "/info/title", "client class", new.client_name),
            old.client_name,
            new.client_name,
            f"client class renamed from {old.client_name} to {new.client_name}",
            f"`from ... import {old.client_name}` fails; import {new.client_name}",
        )
    old_endpoint, new_endpoint = _endpoint(old), _endpoint(new)
    if old_endpoint != new_endpoint:
        templated = new.host_template is not None
        yield new_change(
            ChangeKind.ENDPOINT_CHANGED,
            Severity.BREAKING,
            None,
            Where(
                "endpoint",
                "/x-ms-parameterized-host/hostTemplate" if templated else "/host",
                "host template" if templated else "default endpoint",
                "HOST_TEMPLATE" if templated else "DEFAULT_ENDPOINT",
            ),
            old_endpoint,
            new_endpoint,
            f"{'host template' if templated else 'default endpoint'} changed from"
            f" {old_endpoint} to {new_endpoint}",
            (
                "clients built without endpoint= send their requests elsewhere"
                if not templated
                else "the same host parameters make another endpoint"
            ),
        )
    yield from _client_parameter_changes(context)


def _endpoint(api: Api) -> str:
    """The default endpoint, or the host template (x-ms-parameterized-host) when there is one."""
    if api.host_template is not None:
        return api.host_template.url_template + api.base_path
    return f"https://{api.host}{api.base_path}"


def _client_parameter_changes(context: Context) -> Iterator[Change]:
    """The constructor's positional arguments: every client parameter but api-version, which
    is a keyword with the spec's version as default."""
    old = {p.wire_name: p for p in context.old.client_parameters}
    new = {p.wire_name: p for p in context.new.client_parameters}
    old.pop("api-version", None)
    new.pop("api-version", None)
    client = context.new.client_name
    for wire in sorted(old.keys() | new.keys()):
        before, after = old.get(wire), new.get(wire)
        parameter = after or before
        assert parameter is not None
        where = Where(
            f"client > parameter {wire} ({parameter.location.value})",
            _client_parameter_path(context, wire),
            f"client parameter '{wire}'",
            f"argument {parameter.python_name} of {client}()",
        )
        if before is None and after is not None:
            yield new_change(
                ChangeKind.CLIENT_PARAMETER_ADDED,
                Severity.BREAKING,
                None,
                where,
                None,
                describe(after.type),
                f"client parameter '{wire}' added",
                f"{client}() takes a new required argument {after.python_name};"
                " existing constructions raise TypeError",
            )
        elif after is None and before is not None:
            yield new_change(
                ChangeKind.CLIENT_PARAMETER_REMOVED,
                Severity.BREAKING,
                REMOVED_CLIENT_PARAMETER,
                where,
                describe(before.type),
                None,
                f"client parameter '{wire}' removed",
                f"{client}() no longer takes {before.python_name}; constructions that pass"
                " it raise TypeError",
            )
        elif (
            before is not None
            and after is not None
            and before.python_name != after.python_name
        ):
            yield python_name_change(
                where,
                before.python_name,
                after.python_name,
                f"client parameter '{wire}' is now the argument {after.python_name}",
                f"{client}() takes {after.python_name} instead of"
                f" {before.python_name}; keyword callers break",
            )


def _client_parameter_path(context: Context, wire: str) -> str:
    for api in (context.new, context.old):
        for operation in api.operations:
            if any(p.wire_name == wire for p in operation.parameters):
                return join_pointer(operation_path(operation), "parameters", wire)
    return join_pointer("", "parameters", wire)


def _version_key(version: str) -> tuple[str, bool]:
    """`2024-07-01-preview` sorts before `2024-07-01`."""
    preview = version.endswith("-preview")
    return version.removesuffix("-preview"), not preview
