"""Review a spec update: what changes between two versions of the API model, breaking or not.

Both sides go through load -> validate -> model, and only the models are compared, so moving
keys, definitions or paths around, switching YAML for JSON or rewording a description reports
nothing. Each change says what it means for callers of the generated client, since that is what
a reviewer has to judge, and names the matching rule of Azure's openapi-diff (its
`ComparisonMessages`) so the report lines up with Azure's own breaking-change review.

Additions are breaking only within one api-version: a service already running that version does
not know the new parameter, property or value, while a new api-version may grow freely.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import json
import posixpath
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeAlias

from generator.config import ParameterExtensions
from generator.errors import (
    GeneratorError,
    SpecError,
    display_path,
    join_pointer,
    one_line,
)
from generator.format import format_files
from generator.load import LoadedSpec, load_spec, with_parameter_extensions
from generator.model import (
    Api,
    Body,
    Constraints,
    Kind,
    Model,
    Operation,
    Parameter,
    Property,
    Response,
    TypeRef,
    build_api,
)
from generator.render import render_package
from generator.validate import Validation, start_validation

JsonValue: TypeAlias = str | int | float | bool | tuple["JsonValue", ...] | None
_Labeler: TypeAlias = Callable[[Path], str]


class Severity(str, enum.Enum):
    BREAKING = "breaking"
    NON_BREAKING = "non-breaking"


class ChangeKind(str, enum.Enum):
    """What changed; the JSON report's `kind` is the value."""

    API_VERSION_CHANGED = "api_version_changed"
    CLIENT_RENAMED = "client_renamed"
    ENDPOINT_CHANGED = "endpoint_changed"
    CLIENT_PARAMETER_ADDED = "client_parameter_added"
    CLIENT_PARAMETER_REMOVED = "client_parameter_removed"
    OPERATION_ADDED = "operation_added"
    OPERATION_REMOVED = "operation_removed"
    OPERATION_ID_CHANGED = "operation_id_changed"
    PATH_CHANGED = "path_changed"
    HTTP_METHOD_CHANGED = "http_method_changed"
    METHOD_NAME_CHANGED = "method_name_changed"
    DEPRECATION_CHANGED = "deprecation_changed"
    PARAMETER_ADDED = "parameter_added"
    PARAMETER_REMOVED = "parameter_removed"
    PARAMETER_RENAMED = "parameter_renamed"
    PARAMETER_MOVED = "parameter_moved"
    PARAMETER_ORDER_CHANGED = "parameter_order_changed"
    PARAMETER_LEVEL_CHANGED = "parameter_level_changed"
    PYTHON_NAME_CHANGED = "python_name_changed"
    REQUIRED_CHANGED = "required_changed"
    TYPE_CHANGED = "type_changed"
    FORMAT_CHANGED = "format_changed"
    MODEL_CHANGED = "model_changed"
    ENUM_VALUES_ADDED = "enum_values_added"
    ENUM_VALUES_REMOVED = "enum_values_removed"
    ENUM_ADDED = "enum_added"
    ENUM_REMOVED = "enum_removed"
    ENUM_CHANGED = "enum_changed"
    DEFAULT_CHANGED = "default_changed"
    CONSTRAINT_CHANGED = "constraint_changed"
    BODY_ADDED = "body_added"
    BODY_REMOVED = "body_removed"
    BODY_FLATTENING_CHANGED = "body_flattening_changed"
    OMIT_SENTINEL_CHANGED = "omit_sentinel_changed"
    RESPONSE_ADDED = "response_added"
    RESPONSE_REMOVED = "response_removed"
    RESPONSE_BODY_ADDED = "response_body_added"
    RESPONSE_BODY_REMOVED = "response_body_removed"
    HEADER_ADDED = "header_added"
    HEADER_REMOVED = "header_removed"
    LONG_RUNNING_CHANGED = "long_running_changed"
    FINAL_STATE_CHANGED = "final_state_changed"
    MODEL_ADDED = "model_added"
    MODEL_REMOVED = "model_removed"
    MODEL_BASES_CHANGED = "model_bases_changed"
    PROPERTY_ADDED = "property_added"
    PROPERTY_REMOVED = "property_removed"
    READ_ONLY_CHANGED = "read_only_changed"


@dataclass(frozen=True)
class Rule:
    """A rule of Azure's openapi-diff, as its `ComparisonMessages` names and numbers it."""

    id: int
    name: str


VERSIONS_REVERSED = Rule(1000, "VersionsReversed")
REMOVED_PATH = Rule(1005, "RemovedPath")
REMOVED_DEFINITION = Rule(1006, "RemovedDefinition")
REMOVED_CLIENT_PARAMETER = Rule(1007, "RemovedClientParameter")
MODIFIED_OPERATION_ID = Rule(1008, "ModifiedOperationId")
REMOVED_REQUIRED_PARAMETER = Rule(1009, "RemovedRequiredParameter")
ADDING_REQUIRED_PARAMETER = Rule(1010, "AddingRequiredParameter")
ADDING_RESPONSE_CODE = Rule(1011, "AddingResponseCode")
REMOVED_RESPONSE_CODE = Rule(1012, "RemovedResponseCode")
ADDING_HEADER = Rule(1013, "AddingHeader")
REMOVING_HEADER = Rule(1014, "RemovingHeader")
PARAMETER_IN_HAS_CHANGED = Rule(1015, "ParameterInHasChanged")
REFERENCE_REDIRECTION = Rule(1017, "ReferenceRedirection")
REMOVED_ENUM_VALUE = Rule(1019, "RemovedEnumValue")
ADDED_ENUM_VALUE = Rule(1020, "AddedEnumValue")
TYPE_FORMAT_CHANGED = Rule(1023, "TypeFormatChanged")
CONSTRAINT_IS_STRONGER = Rule(1024, "ConstraintIsStronger")
REQUIRED_STATUS_CHANGE = Rule(1025, "RequiredStatusChange")
TYPE_CHANGED = Rule(1026, "TypeChanged")
DEFAULT_VALUE_CHANGED = Rule(1027, "DefaultValueChanged")
READONLY_PROPERTY_CHANGED = Rule(1029, "ReadonlyPropertyChanged")
DIFFERENT_ALL_OF = Rule(1032, "DifferentAllOf")
REMOVED_PROPERTY = Rule(1033, "RemovedProperty")
ADDED_REQUIRED_PROPERTY = Rule(1034, "AddedRequiredProperty")
REMOVED_OPERATION = Rule(1035, "RemovedOperation")
CONSTRAINT_CHANGED = Rule(1036, "ConstraintChanged")
CONSTRAINT_IS_WEAKER = Rule(1037, "ConstraintIsWeaker")
ADDED_OPERATION = Rule(1039, "AddedOperation")
ADDED_READ_ONLY_PROPERTY_IN_RESPONSE = Rule(1040, "AddedReadOnlyPropertyInResponse")
ADDED_PROPERTY_IN_RESPONSE = Rule(1041, "AddedPropertyInResponse")
CHANGED_PARAMETER_ORDER = Rule(1042, "ChangedParameterOrder")
ADDING_OPTIONAL_PARAMETER = Rule(1043, "AddingOptionalParameter")
XMS_LONG_RUNNING_OPERATION_CHANGED = Rule(1044, "XmsLongRunningOperationChanged")
ADDED_OPTIONAL_PROPERTY = Rule(1045, "AddedOptionalProperty")
REMOVED_OPTIONAL_PARAMETER = Rule(1046, "RemovedOptionalParameter")
XMS_ENUM_CHANGED = Rule(1047, "XmsEnumChanged")
ADDED_XMS_ENUM = Rule(1048, "AddedXmsEnum")
REMOVED_XMS_ENUM = Rule(1049, "RemovedXmsEnum")
PARAMETER_LOCATION_HAS_CHANGED = Rule(1050, "ParameterLocationHasChanged")


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW, judged for callers of the generated client."""

    kind: ChangeKind
    severity: Severity
    rule_id: int | None
    rule_name: str | None
    location: str
    """Readable: `VirtualMachineScaleSets_Deallocate > parameter hibernate (query)`."""
    path: str
    """JSON-pointer-like, into NEW (into OLD for what NEW no longer has); array items are
    named rather than numbered, and shared definitions may live in another file."""
    old: JsonValue
    new: JsonValue
    message: str
    caller_impact: str

    @property
    def breaking(self) -> bool:
        return self.severity is Severity.BREAKING


@dataclass(frozen=True)
class SpecSide:
    label: str
    """The spec as the user named it: a path or `git:REV:path`."""
    api_version: str


@dataclass(frozen=True)
class CodeDiff:
    """The unified diff of the generated client, or why it could not be generated."""

    files: tuple[tuple[str, str], ...] = ()
    """(path, "added" | "removed" | "changed"), sorted by path."""
    text: str = ""
    error: str | None = None


@dataclass(frozen=True)
class ApiDiff:
    old: SpecSide
    new: SpecSide
    operation_ids: tuple[str, ...] | None
    changes: tuple[Change, ...]
    code: CodeDiff | None = None

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.breaking)

    @property
    def api_version_changed(self) -> bool:
        return self.old.api_version != self.new.api_version


# --- comparing two models -------------------------------------------------------------------


def compare_apis(old: Api, new: Api) -> tuple[Change, ...]:
    """Every change from `old` to `new`: api-level first, then operations, then models."""
    context = _Context.of(old, new)
    changes = list(_api_changes(context))
    changes += _operations_changes(context)
    changes += _models_changes(context)
    return tuple(changes)


@dataclass(frozen=True)
class _Context:
    old: Api
    new: Api
    same_version: bool
    response_models: frozenset[str]
    """Models that NEW (or OLD, for what NEW lacks) sends back in a response."""

    @classmethod
    def of(cls, old: Api, new: Api) -> _Context:
        return cls(
            old=old,
            new=new,
            same_version=old.api_version == new.api_version,
            response_models=frozenset(_response_models(old) | _response_models(new)),
        )

    def addition_severity(self) -> Severity:
        """Growth is fine in a new api-version and breaking within the same one."""
        return Severity.BREAKING if self.same_version else Severity.NON_BREAKING

    def addition_note(self) -> str:
        if not self.same_version:
            return ""
        return (
            f" within api-version {self.new.api_version}: a service already running that"
            " version does not know it"
        )


@dataclass(frozen=True)
class _Where:
    """Where a value sits: for locations, pointers, messages and caller impact."""

    location: str
    path: str
    label: str
    """For messages: `query parameter 'hibernate'`."""
    subject: str
    """For caller impact: `argument hibernate of begin_deallocate()`."""


def _change(
    kind: ChangeKind,
    severity: Severity,
    rule: Rule | None,
    where: _Where,
    old: JsonValue,
    new: JsonValue,
    message: str,
    caller_impact: str,
) -> Change:
    return Change(
        kind=kind,
        severity=severity,
        rule_id=rule.id if rule else None,
        rule_name=rule.name if rule else None,
        location=where.location,
        path=where.path,
        old=old,
        new=new,
        message=message,
        caller_impact=caller_impact,
    )


def _api_changes(context: _Context) -> Iterator[Change]:
    old, new = context.old, context.new
    if not context.same_version:
        reversed_ = _version_key(new.api_version) < _version_key(old.api_version)
        yield _change(
            ChangeKind.API_VERSION_CHANGED,
            Severity.NON_BREAKING,
            VERSIONS_REVERSED if reversed_ else None,
            _Where("api-version", "/info/version", "api-version", "API_VERSION"),
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
        yield _change(
            ChangeKind.CLIENT_RENAMED,
            Severity.BREAKING,
            None,
            _Where("client", "/info/title", "client class", new.client_name),
            old.client_name,
            new.client_name,
            f"client class renamed from {old.client_name} to {new.client_name}",
            f"`from ... import {old.client_name}` fails; import {new.client_name}",
        )
    old_endpoint = f"https://{old.host}{old.base_path}"
    new_endpoint = f"https://{new.host}{new.base_path}"
    if old_endpoint != new_endpoint:
        yield _change(
            ChangeKind.ENDPOINT_CHANGED,
            Severity.BREAKING,
            None,
            _Where("endpoint", "/host", "default endpoint", "DEFAULT_ENDPOINT"),
            old_endpoint,
            new_endpoint,
            f"default endpoint changed from {old_endpoint} to {new_endpoint}",
            "clients built without endpoint= send their requests elsewhere",
        )
    yield from _client_parameter_changes(context)


def _client_parameter_changes(context: _Context) -> Iterator[Change]:
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
        where = _Where(
            f"client > parameter {wire} ({parameter.location.value})",
            _client_parameter_path(context, wire),
            f"client parameter '{wire}'",
            f"argument {parameter.python_name} of {client}()",
        )
        if before is None and after is not None:
            yield _change(
                ChangeKind.CLIENT_PARAMETER_ADDED,
                Severity.BREAKING,
                None,
                where,
                None,
                after.type.describe(),
                f"client parameter '{wire}' added",
                f"{client}() takes a new required argument {after.python_name};"
                " existing constructions raise TypeError",
            )
        elif after is None and before is not None:
            yield _change(
                ChangeKind.CLIENT_PARAMETER_REMOVED,
                Severity.BREAKING,
                REMOVED_CLIENT_PARAMETER,
                where,
                before.type.describe(),
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
            yield _change(
                ChangeKind.PYTHON_NAME_CHANGED,
                Severity.BREAKING,
                None,
                where,
                before.python_name,
                after.python_name,
                f"client parameter '{wire}' is now the argument {after.python_name}",
                f"{client}() takes {after.python_name} instead of"
                f" {before.python_name}; keyword callers break",
            )


def _client_parameter_path(context: _Context, wire: str) -> str:
    for api in (context.new, context.old):
        for operation in api.operations:
            if any(p.wire_name == wire for p in operation.parameters):
                return join_pointer(_operation_path(operation), "parameters", wire)
    return join_pointer("", "parameters", wire)


# --- operations -----------------------------------------------------------------------------


def _operations_changes(context: _Context) -> list[Change]:
    old = {op.operation_id: op for op in context.old.operations}
    new = {op.operation_id: op for op in context.new.operations}
    removed = [op_id for op_id in old if op_id not in new]
    added = [op_id for op_id in new if op_id not in old]
    pairs = [(old[op_id], new[op_id]) for op_id in old if op_id in new]
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
    changes: list[Change] = []
    for op_id in removed:
        changes.append(_operation_removed(context, old[op_id]))
    for op_id in added:
        changes.append(_operation_added(context, new[op_id]))
    for before, after in renamed:
        changes.append(_operation_renamed(before, after))
        changes += _operation_changes(context, before, after)
    for before, after in pairs:
        changes += _operation_changes(context, before, after)
    return sorted(changes, key=lambda change: _operation_of(change.location))


def _operation_of(location: str) -> str:
    return location.split(" > ", 1)[0]


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _endpoint(operation: Operation) -> tuple[str, str]:
    """Method and path with placeholders blanked: renaming `{name}` does not move the URL."""
    return operation.http_method, _PLACEHOLDER.sub("{}", operation.path)


def _operation_path(operation: Operation) -> str:
    return join_pointer("", "paths", operation.path, operation.http_method.lower())


def _operation_where(operation: Operation, location: str | None = None) -> _Where:
    return _Where(
        location or operation.operation_id,
        _operation_path(operation),
        f"operation {operation.operation_id}",
        f"{operation.method_name}()",
    )


def _operation_removed(context: _Context, operation: Operation) -> Change:
    return _change(
        ChangeKind.OPERATION_REMOVED,
        Severity.BREAKING,
        REMOVED_OPERATION,
        _operation_where(operation),
        f"{operation.http_method} {operation.path}",
        None,
        f"operation {operation.operation_id} ({operation.http_method}"
        f" {operation.path}) removed",
        f"{context.old.client_name}.{operation.method_name}() disappears; calls raise"
        " AttributeError",
    )


def _operation_added(context: _Context, operation: Operation) -> Change:
    return _change(
        ChangeKind.OPERATION_ADDED,
        context.addition_severity(),
        ADDED_OPERATION,
        _operation_where(operation),
        None,
        f"{operation.http_method} {operation.path}",
        f"operation {operation.operation_id} ({operation.http_method}"
        f" {operation.path}) added{context.addition_note()}",
        f"new method {context.new.client_name}.{operation.method_name}()",
    )


def _operation_renamed(before: Operation, after: Operation) -> Change:
    return _change(
        ChangeKind.OPERATION_ID_CHANGED,
        Severity.BREAKING,
        MODIFIED_OPERATION_ID,
        _operation_where(after, before.operation_id),
        before.operation_id,
        after.operation_id,
        f"operationId of {after.http_method} {after.path} changed from"
        f" {before.operation_id} to {after.operation_id}",
        (
            f"{before.method_name}() is now {after.method_name}(); calls to the old name"
            " raise AttributeError"
            if before.method_name != after.method_name
            else f"the method keeps its name {after.method_name}(), but its documentation"
            " and any code keyed on the operationId change"
        ),
    )


def _operation_changes(
    context: _Context, before: Operation, after: Operation
) -> list[Change]:
    changes: list[Change] = []
    where = _operation_where(after)
    method = f"{after.method_name}()"
    if before.http_method != after.http_method:
        changes.append(
            _change(
                ChangeKind.HTTP_METHOD_CHANGED,
                Severity.BREAKING,
                None,
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
            _change(
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
        before.method_name != after.method_name
        and before.operation_id == after.operation_id
        and (before.long_running is None) == (after.long_running is None)
    ):
        changes.append(
            _change(
                ChangeKind.METHOD_NAME_CHANGED,
                Severity.BREAKING,
                None,
                where,
                before.method_name,
                after.method_name,
                f"method renamed from {before.method_name} to {after.method_name}",
                f"{before.method_name}() is now {after.method_name}(); calls to the old"
                " name raise AttributeError",
            )
        )
    if before.deprecated != after.deprecated:
        changes.append(
            _change(
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
    changes += _parameters_changes(context, before, after)
    changes += _body_changes(context, before, after)
    changes += _positional_order_changes(before, after)
    changes += _responses_changes(context, before, after)
    changes += _long_running_changes(before, after)
    return changes


# --- parameters -----------------------------------------------------------------------------


def _parameter_where(operation: Operation, parameter: Parameter) -> _Where:
    location = parameter.location.value
    subject = (
        f"the client's {parameter.python_name} (sent by {operation.method_name}())"
        if parameter.client_level
        else f"argument {parameter.python_name} of {operation.method_name}()"
    )
    return _Where(
        f"{operation.operation_id} > parameter {parameter.wire_name} ({location})",
        join_pointer(_operation_path(operation), "parameters", parameter.wire_name),
        f"{location} parameter '{parameter.wire_name}'",
        subject,
    )


def _parameters_changes(
    context: _Context, before: Operation, after: Operation
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
    context: _Context, operation: Operation, parameter: Parameter
) -> Change:
    where = _parameter_where(operation, parameter)
    type_text = parameter.type.describe()
    method = f"{operation.method_name}()"
    if parameter.required:
        return _change(
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
    return _change(
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
    where = _parameter_where(operation, parameter)
    type_text = parameter.type.describe()
    method = f"{operation.method_name}()"
    impact = (
        f"{method} no longer sends the client's {parameter.python_name}"
        if parameter.client_level
        else f"{method} no longer takes {parameter.python_name}; calls that pass it"
        " raise TypeError"
    )
    return _change(
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
    where = _parameter_where(operation, after)
    return _change(
        ChangeKind.PARAMETER_MOVED,
        Severity.BREAKING,
        PARAMETER_IN_HAS_CHANGED,
        where,
        before.location.value,
        after.location.value,
        f"parameter '{after.wire_name}' moved from {before.location.value} to"
        f" {after.location.value}",
        f"{operation.method_name}() sends {after.python_name} in the"
        f" {after.location.value} instead of the {before.location.value}; a service"
        " that expects it in the old place does not see it",
    )


def _parameter_renamed(
    operation: Operation, before: Parameter, after: Parameter
) -> Change:
    where = _parameter_where(operation, after)
    impact = (
        f"{operation.method_name}() takes {after.python_name} instead of"
        f" {before.python_name}; keyword callers raise TypeError, and the request"
        f" names it '{after.wire_name}'"
        if before.python_name != after.python_name
        else f"the request names it '{after.wire_name}' instead of '{before.wire_name}'"
    )
    return _change(
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
    context: _Context, operation: Operation, before: Parameter, after: Parameter
) -> Iterator[Change]:
    where = _parameter_where(operation, after)
    method = f"{operation.method_name}()"
    if before.client_level != after.client_level:
        yield _change(
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
        yield _change(
            ChangeKind.PYTHON_NAME_CHANGED,
            Severity.BREAKING,
            None,
            where,
            before.python_name,
            after.python_name,
            f"{where.label} is now the argument {after.python_name}",
            f"{method} takes {after.python_name} instead of {before.python_name};"
            " keyword callers raise TypeError",
        )
    if before.required != after.required:
        yield _required_change(where, before.required, after.required, method)
    yield from _type_changes(context, where, before.type, after.type)
    if before.default != after.default:
        yield _change(
            ChangeKind.DEFAULT_CHANGED,
            Severity.BREAKING,
            DEFAULT_VALUE_CHANGED,
            where,
            _json(before.default),
            _json(after.default),
            f"default of {where.label} changed from {_show(before.default)} to"
            f" {_show(after.default)}",
            f"calls of {method} that leave it out get"
            f" {_show(after.default)} instead of {_show(before.default)}",
        )
    yield from _constraint_changes(
        context, where, before.constraints, after.constraints
    )


def _level(parameter: Parameter) -> str:
    return "client" if parameter.client_level else "method"


def _required_change(where: _Where, before: bool, after: bool, method: str) -> Change:
    return _change(
        ChangeKind.REQUIRED_CHANGED,
        Severity.BREAKING,
        REQUIRED_STATUS_CHANGE,
        where,
        before,
        after,
        f"{where.label} is now {'required' if after else 'optional'}",
        (
            f"{where.subject} becomes required: calls of {method} without it raise"
            " TypeError, and it moves into the positional arguments"
            if after
            else f"{where.subject} becomes optional: it moves to the keyword-only"
            " arguments (positional calls break) and may be None"
        ),
    )


# --- types, enums, constraints --------------------------------------------------------------


def _type_changes(
    context: _Context, where: _Where, before: TypeRef, after: TypeRef
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
        yield _change(
            kind,
            Severity.BREAKING,
            rule,
            where,
            before.describe(),
            after.describe(),
            f"{what} of {where.label} changed from {before.describe()} to"
            f" {after.describe()}",
            f"{where.subject} changes type from {before.describe()} to"
            f" {after.describe()}; code passing or reading the old type breaks",
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
    context: _Context, where: _Where, before: TypeRef, after: TypeRef
) -> Iterator[Change]:
    old_values, new_values = before.enum_values, after.enum_values
    if old_values and not new_values:
        yield _change(
            ChangeKind.ENUM_REMOVED,
            Severity.BREAKING,
            REMOVED_XMS_ENUM if before.enum_name else None,
            where,
            _values(old_values),
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
        yield _change(
            ChangeKind.ENUM_ADDED,
            Severity.BREAKING,
            ADDED_XMS_ENUM if after.enum_name else None,
            where,
            None,
            _values(new_values),
            f"{where.label} is now an enum of {_show_values(new_values)}",
            f"{where.subject} accepts only {_show_values(new_values)}; other values"
            " that used to pass are refused",
        )
        return
    gone = tuple(v for v in old_values if v not in new_values)
    extra = tuple(v for v in new_values if v not in old_values)
    if gone:
        yield _change(
            ChangeKind.ENUM_VALUES_REMOVED,
            Severity.BREAKING,
            REMOVED_ENUM_VALUE,
            where,
            _values(gone),
            None,
            f"enum value(s) {_show_values(gone)} removed from {where.label}",
            f"{where.subject} no longer has {_show_values(gone)}; code using those"
            " members breaks and the service may refuse the values",
        )
    if extra:
        yield _change(
            ChangeKind.ENUM_VALUES_ADDED,
            context.addition_severity(),
            ADDED_ENUM_VALUE,
            where,
            None,
            _values(extra),
            f"enum value(s) {_show_values(extra)} added to {where.label}"
            + context.addition_note(),
            f"{where.subject} gains {_show_values(extra)}; the client keeps unknown"
            " values as plain strings, so older clients still read them",
        )
    if before.enum_name != after.enum_name or (
        before.enum_extensible != after.enum_extensible
    ):
        old_text = _enum_text(before)
        new_text = _enum_text(after)
        if bool(before.enum_name) == bool(after.enum_name):
            rule = XMS_ENUM_CHANGED
        else:
            rule = ADDED_XMS_ENUM if after.enum_name else REMOVED_XMS_ENUM
        yield _change(
            ChangeKind.ENUM_CHANGED,
            Severity.BREAKING,
            rule,
            where,
            old_text,
            new_text,
            f"x-ms-enum of {where.label} changed from {old_text} to {new_text}",
            (
                f"{where.subject} uses the enum class {after.enum_name} instead of"
                f" {before.enum_name or 'plain strings'}; imports of the old class break"
                if before.enum_name != after.enum_name
                else f"{where.subject}: the service "
                + (
                    "may now send values not listed in the spec"
                    if after.enum_extensible
                    else "now promises only the listed values, and refuses others"
                )
            ),
        )


def _enum_text(type_ref: TypeRef) -> str:
    name = type_ref.enum_name or "(unnamed)"
    return f"{name}, {'extensible' if type_ref.enum_extensible else 'closed'}"


_LOWER_BOUNDS = ("min_length", "minimum", "min_items")
_UPPER_BOUNDS = ("max_length", "maximum", "max_items")


def _constraint_changes(
    context: _Context, where: _Where, before: Constraints, after: Constraints
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
        rule_change = before.pattern is not None and after.pattern is not None
        yield _change(
            ChangeKind.CONSTRAINT_CHANGED,
            (
                context.addition_severity()
                if after.pattern is None
                else Severity.BREAKING
            ),
            (
                CONSTRAINT_CHANGED
                if rule_change
                else (
                    CONSTRAINT_IS_WEAKER
                    if after.pattern is None
                    else CONSTRAINT_IS_STRONGER
                )
            ),
            where,
            before.pattern,
            after.pattern,
            f"pattern of {where.label} changed from {_show(before.pattern)} to"
            f" {_show(after.pattern)}",
            (
                f"{where.subject} accepts any text again"
                if after.pattern is None
                else f"{where.subject} must match {after.pattern}; values that matched"
                " the old pattern may be refused"
            ),
        )


def _constraint_change(
    context: _Context,
    where: _Where,
    name: str,
    old_value: float | None,
    new_value: float | None,
    stronger: bool,
) -> Change:
    keyword = _CONSTRAINT_KEYWORDS[name]
    return _change(
        ChangeKind.CONSTRAINT_CHANGED,
        Severity.BREAKING if stronger else context.addition_severity(),
        CONSTRAINT_IS_STRONGER if stronger else CONSTRAINT_IS_WEAKER,
        where,
        old_value,
        new_value,
        f"{keyword} of {where.label} changed from {_show(old_value)} to"
        f" {_show(new_value)}",
        (
            f"{where.subject} is checked against {keyword} {_show(new_value)}; values"
            " that passed before may be refused"
            if stronger
            else f"{where.subject} accepts a wider range ({keyword}"
            f" {_show(new_value)})"
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


# --- body, argument order -------------------------------------------------------------------


def _body_where(operation: Operation, body: Body) -> _Where:
    return _Where(
        f"{operation.operation_id} > body {body.wire_name}",
        join_pointer(_operation_path(operation), "parameters", body.wire_name),
        f"body '{body.wire_name}'",
        f"the body of {operation.method_name}()",
    )


def _body_changes(
    context: _Context, before: Operation, after: Operation
) -> Iterator[Change]:
    old, new = before.body, after.body
    method = f"{after.method_name}()"
    if old is None and new is None:
        return
    if old is None and new is not None:
        where = _body_where(after, new)
        yield _change(
            ChangeKind.BODY_ADDED,
            Severity.BREAKING if new.required else context.addition_severity(),
            ADDING_REQUIRED_PARAMETER if new.required else ADDING_OPTIONAL_PARAMETER,
            where,
            None,
            new.type.describe(),
            f"{'required' if new.required else 'optional'} body ({new.type.describe()})"
            f" added" + ("" if new.required else context.addition_note()),
            f"{method} takes the body as "
            + ", ".join(_body_arguments(new))
            + ("; existing calls raise TypeError" if new.required else ""),
        )
        return
    if new is None and old is not None:
        where = _body_where(before, old)
        yield _change(
            ChangeKind.BODY_REMOVED,
            Severity.BREAKING,
            REMOVED_REQUIRED_PARAMETER if old.required else REMOVED_OPTIONAL_PARAMETER,
            where,
            old.type.describe(),
            None,
            f"{'required' if old.required else 'optional'} body removed",
            f"{method} no longer takes {', '.join(_body_arguments(old))}; calls that"
            " pass them raise TypeError",
        )
        return
    assert old is not None and new is not None
    where = _body_where(after, new)
    if old.required != new.required:
        yield _required_change(where, old.required, new.required, method)
    yield from _type_changes(context, where, old.type, new.type)
    old_arguments, new_arguments = _body_arguments(old), _body_arguments(new)
    if bool(old.flattened) != bool(new.flattened):
        yield _change(
            ChangeKind.BODY_FLATTENING_CHANGED,
            Severity.BREAKING,
            None,
            where,
            _values(old_arguments),
            _values(new_arguments),
            f"body is {'now' if new.flattened else 'no longer'} flattened"
            " (x-ms-client-flatten)",
            f"{method} takes {', '.join(new_arguments)} instead of"
            f" {', '.join(old_arguments)}",
        )
    elif not new.flattened and old.python_name != new.python_name:
        yield _change(
            ChangeKind.PYTHON_NAME_CHANGED,
            Severity.BREAKING,
            None,
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
        yield _change(
            ChangeKind.OMIT_SENTINEL_CHANGED,
            Severity.BREAKING,
            None,
            where,
            old_sentinel,
            new_sentinel,
            f"omit sentinel (x-armgen-omit-sentinel) changed from {_show(old_sentinel)}"
            f" to {_show(new_sentinel)}",
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


def _positional_order_changes(before: Operation, after: Operation) -> Iterator[Change]:
    old, new = _positional_arguments(before), _positional_arguments(after)
    if old != new and sorted(old) == sorted(new):
        yield _change(
            ChangeKind.PARAMETER_ORDER_CHANGED,
            Severity.BREAKING,
            CHANGED_PARAMETER_ORDER,
            _operation_where(after, f"{after.operation_id} > parameters"),
            _values(old),
            _values(new),
            f"positional arguments reordered from ({', '.join(old)}) to"
            f" ({', '.join(new)})",
            f"{after.method_name}() takes ({', '.join(new)}): positional calls silently"
            " pass values to the wrong arguments",
        )


# --- responses, long-running ----------------------------------------------------------------


def _response_where(operation: Operation, response: Response) -> _Where:
    return _Where(
        f"{operation.operation_id} > response {response.status}",
        join_pointer(_operation_path(operation), "responses", response.status),
        f"response {response.status}",
        (
            f"the error raised by {operation.method_name}()"
            if response.status == "default"
            else f"the result of {operation.method_name}()"
        ),
    )


def _result_type(operation: Operation) -> TypeRef | None:
    """What the generated method returns: the first success response with a body."""
    return next(
        (r.type for r in operation.success_responses if r.type is not None), None
    )


def _responses_changes(
    context: _Context, before: Operation, after: Operation
) -> Iterator[Change]:
    old = {r.status: r for r in before.responses}
    new = {r.status: r for r in after.responses}
    method = f"{after.method_name}()"
    result_changed = _result_type(before) != _result_type(after)
    for status in sorted(old.keys() | new.keys()):
        old_response, new_response = old.get(status), new.get(status)
        if old_response is None and new_response is not None:
            where = _response_where(after, new_response)
            error = status == "default"
            yield _change(
                ChangeKind.RESPONSE_ADDED,
                Severity.NON_BREAKING if error else Severity.BREAKING,
                None if error else ADDING_RESPONSE_CODE,
                where,
                None,
                _describe(new_response.type),
                f"response {status} added",
                (
                    f"{method} parses errors as {_describe(new_response.type)}"
                    if error
                    else f"{method} accepts status {status}; clients generated from the"
                    f" old spec raise ServiceError when the service answers {status}"
                ),
            )
        elif new_response is None and old_response is not None:
            where = _response_where(before, old_response)
            returns = old_response.type is not None and result_changed
            yield _change(
                ChangeKind.RESPONSE_REMOVED,
                Severity.BREAKING if returns else context.addition_severity(),
                REMOVED_RESPONSE_CODE,
                where,
                _describe(old_response.type),
                None,
                f"response {status} removed"
                + ("" if returns else context.addition_note()),
                (
                    f"{method} now returns {_describe(_result_type(after))} instead of"
                    f" {_describe(old_response.type)}"
                    if returns
                    else f"{method} treats status {status} as an error (ServiceError)"
                ),
            )
        elif old_response is not None and new_response is not None:
            yield from _response_changes(context, after, old_response, new_response)


def _response_changes(
    context: _Context, operation: Operation, before: Response, after: Response
) -> Iterator[Change]:
    where = _response_where(operation, after)
    method = f"{operation.method_name}()"
    if before.type is None and after.type is not None:
        yield _change(
            ChangeKind.RESPONSE_BODY_ADDED,
            context.addition_severity(),
            None,
            where,
            None,
            after.type.describe(),
            f"response {after.status} now has a body ({after.type.describe()})"
            + context.addition_note(),
            (
                f"{method} returns {after.type.describe()} instead of None"
                if _result_type(operation) == after.type
                else f"{method} reads a {after.type.describe()} body for status"
                f" {after.status}"
            ),
        )
    elif before.type is not None and after.type is None:
        yield _change(
            ChangeKind.RESPONSE_BODY_REMOVED,
            Severity.BREAKING,
            None,
            where,
            before.type.describe(),
            None,
            f"response {after.status} no longer has a body",
            f"{method} no longer returns {before.type.describe()} for status"
            f" {after.status}",
        )
    elif before.type is not None and after.type is not None:
        yield from _type_changes(context, where, before.type, after.type)
    old_headers = {h.wire_name.lower(): h for h in before.headers}
    new_headers = {h.wire_name.lower(): h for h in after.headers}
    for name in sorted(old_headers.keys() | new_headers.keys()):
        old_header, new_header = old_headers.get(name), new_headers.get(name)
        header = new_header or old_header
        assert header is not None
        header_where = _Where(
            f"{where.location} > header {header.wire_name}",
            join_pointer(where.path, "headers", header.wire_name),
            f"header '{header.wire_name}' of response {after.status}",
            f"the {header.wire_name} header of status {after.status}",
        )
        if old_header is None and new_header is not None:
            yield _change(
                ChangeKind.HEADER_ADDED,
                Severity.NON_BREAKING,
                ADDING_HEADER,
                header_where,
                None,
                new_header.type.describe(),
                f"header '{new_header.wire_name}' added to response {after.status}",
                f"{method} documents {new_header.wire_name} for status {after.status}",
            )
        elif new_header is None and old_header is not None:
            yield _change(
                ChangeKind.HEADER_REMOVED,
                Severity.BREAKING,
                REMOVING_HEADER,
                header_where,
                old_header.type.describe(),
                None,
                f"header '{old_header.wire_name}' removed from response {after.status}",
                f"code reading {old_header.wire_name} from status {after.status} may"
                " no longer find it",
            )
        elif old_header is not None and new_header is not None:
            yield from _type_changes(
                context, header_where, old_header.type, new_header.type
            )


def _long_running_changes(before: Operation, after: Operation) -> Iterator[Change]:
    path = _operation_path(after)
    old, new = before.long_running, after.long_running
    if (old is None) != (new is None):
        yield _change(
            ChangeKind.LONG_RUNNING_CHANGED,
            Severity.BREAKING,
            XMS_LONG_RUNNING_OPERATION_CHANGED,
            _Where(
                f"{after.operation_id} > long-running",
                join_pointer(path, "x-ms-long-running-operation"),
                "x-ms-long-running-operation",
                f"{after.method_name}()",
            ),
            old is not None,
            new is not None,
            f"operation is {'now' if new else 'no longer'} long-running",
            (
                f"{before.method_name}() becomes {after.method_name}() and returns an"
                " LROPoller; callers must call .result()"
                if new
                else f"{before.method_name}() becomes {after.method_name}() and returns"
                " the result directly, not an LROPoller"
            ),
        )
    elif (
        old is not None
        and new is not None
        and old.final_state_via != new.final_state_via
    ):
        yield _change(
            ChangeKind.FINAL_STATE_CHANGED,
            Severity.BREAKING,
            None,
            _Where(
                f"{after.operation_id} > long-running",
                join_pointer(
                    path, "x-ms-long-running-operation-options", "final-state-via"
                ),
                "final-state-via",
                f"{after.method_name}()",
            ),
            old.final_state_via,
            new.final_state_via,
            f"final-state-via changed from {_show(old.final_state_via)} to"
            f" {_show(new.final_state_via)}",
            f"the poller of {after.method_name}() fetches the final result from"
            f" {_show(new.final_state_via)}; .result() may return something else",
        )


# --- models ---------------------------------------------------------------------------------


def _models_changes(context: _Context) -> list[Change]:
    old = {m.name: m for m in context.old.models}
    new = {m.name: m for m in context.new.models}
    changes: list[Change] = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before is None and after is not None:
            changes.append(
                _change(
                    ChangeKind.MODEL_ADDED,
                    Severity.NON_BREAKING,
                    None,
                    _model_where(after),
                    None,
                    after.class_name,
                    f"model {name} added",
                    f"new class models.{after.class_name}",
                )
            )
        elif after is None and before is not None:
            changes.append(
                _change(
                    ChangeKind.MODEL_REMOVED,
                    Severity.BREAKING,
                    REMOVED_DEFINITION,
                    _model_where(before),
                    before.class_name,
                    None,
                    f"model {name} removed",
                    f"models.{before.class_name} disappears; imports of it fail",
                )
            )
        elif before is not None and after is not None:
            changes += _model_changes(context, before, after)
    return changes


def _model_where(model: Model) -> _Where:
    return _Where(
        f"model {model.name}",
        join_pointer("", "definitions", model.name),
        f"model {model.name}",
        f"models.{model.class_name}",
    )


def _model_changes(context: _Context, before: Model, after: Model) -> Iterator[Change]:
    if before.bases != after.bases:
        dropped = [b for b in before.bases if b not in after.bases]
        yield _change(
            ChangeKind.MODEL_BASES_CHANGED,
            Severity.BREAKING if dropped else Severity.NON_BREAKING,
            DIFFERENT_ALL_OF,
            _model_where(after),
            _values(before.bases),
            _values(after.bases),
            f"allOf of model {after.name} changed from ({', '.join(before.bases)}) to"
            f" ({', '.join(after.bases)})",
            (
                f"models.{after.class_name} no longer extends {', '.join(dropped)}:"
                " isinstance checks and code typed with the base break"
                if dropped
                else f"models.{after.class_name} also extends"
                f" {', '.join(b for b in after.bases if b not in before.bases)}"
            ),
        )
    old_properties = {p.wire_name: p for p in context.old.all_properties(before.name)}
    new_properties = {p.wire_name: p for p in context.new.all_properties(after.name)}
    for wire in _ordered_union(old_properties, new_properties):
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


def _reported_at_base(context: _Context, name: str, wire: str) -> bool:
    """An inherited property that changed in its base is reported once, at the base."""
    for api in (context.new, context.old):
        if not any(m.name == name for m in api.models):
            continue
        if not any(p.wire_name == wire for p in api.all_properties(name)):
            continue
        base = _declaring_model(api, name, wire)
        if base == name:
            return False
        if not (_has_model(context.old, base) and _has_model(context.new, base)):
            return False
        return _property(context.old, base, wire) != _property(context.new, base, wire)
    return False


def _has_model(api: Api, name: str) -> bool:
    return any(m.name == name for m in api.models)


def _property(api: Api, model: str, wire: str) -> Property | None:
    return next((p for p in api.all_properties(model) if p.wire_name == wire), None)


def _property_where(model: Model, declaring: str, prop: Property) -> _Where:
    return _Where(
        f"model {model.name} > property {prop.wire_name}",
        join_pointer("", "definitions", declaring, "properties", prop.wire_name),
        f"property '{prop.wire_name}' of {model.name}",
        f"{model.class_name}.{prop.python_name}",
    )


def _property_added(
    context: _Context, model: Model, declaring: str, prop: Property
) -> Change:
    where = _property_where(model, declaring, prop)
    type_text = prop.type.describe()
    if prop.required:
        return _change(
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
    return _change(
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
    return _change(
        ChangeKind.PROPERTY_REMOVED,
        Severity.BREAKING,
        REMOVED_PROPERTY,
        _property_where(model, declaring, prop),
        prop.type.describe(),
        None,
        f"property '{prop.wire_name}' removed from {model.name}",
        f"{model.class_name}.{prop.python_name} disappears; code reading or setting it"
        " breaks",
    )


def _property_changes(
    context: _Context,
    model: Model,
    declaring: str,
    before: Property,
    after: Property,
) -> Iterator[Change]:
    where = _property_where(model, declaring, after)
    if before.python_name != after.python_name:
        yield _change(
            ChangeKind.PYTHON_NAME_CHANGED,
            Severity.BREAKING,
            None,
            where,
            before.python_name,
            after.python_name,
            f"{where.label} is now the field {after.python_name}",
            f"{model.class_name}.{before.python_name} is now .{after.python_name}; code"
            " using the old name breaks",
        )
    if before.required != after.required:
        yield _change(
            ChangeKind.REQUIRED_CHANGED,
            Severity.BREAKING,
            REQUIRED_STATUS_CHANGE,
            where,
            before.required,
            after.required,
            f"{where.label} is now {'required' if after.required else 'optional'}",
            (
                f"models.{model.class_name}(...) needs {after.python_name}=;"
                " constructions without it raise TypeError"
                if after.required
                else f"{where.subject} may be None; code that relied on it breaks"
            ),
        )
    if before.read_only != after.read_only:
        yield _change(
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
    yield from _type_changes(context, where, before.type, after.type)
    yield from _constraint_changes(
        context, where, before.constraints, after.constraints
    )


def _response_models(api: Api) -> set[str]:
    """Models that come back in a success or error response, with what they contain."""
    pending = [
        response.type
        for operation in api.operations
        for response in operation.responses
        if response.type is not None
    ]
    found: set[str] = set()
    while pending:
        type_ref = pending.pop()
        if type_ref.item is not None:
            pending.append(type_ref.item)
        if type_ref.kind is not Kind.MODEL or type_ref.model in found:
            continue
        name = type_ref.model or ""
        if not _has_model(api, name):
            continue
        found.add(name)
        model = api.model(name)
        pending += [TypeRef(Kind.MODEL, model=base) for base in model.bases]
        pending += [p.type for p in api.all_properties(name)]
    return found


# --- small helpers --------------------------------------------------------------------------


def _version_key(version: str) -> tuple[str, bool]:
    """`2024-07-01-preview` sorts before `2024-07-01`."""
    preview = version.endswith("-preview")
    return version.removesuffix("-preview"), not preview


def _json(value: Any) -> JsonValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(_json(item) for item in value)
    return json.dumps(value, sort_keys=True)


def _values(values: Iterable[Any]) -> tuple[JsonValue, ...]:
    return tuple(_json(value) for value in values)


def _show(value: Any) -> str:
    return "none" if value is None else json.dumps(value, ensure_ascii=False)


def _show_values(values: Iterable[Any]) -> str:
    return ", ".join(_show(value) for value in values)


def _describe(type_ref: TypeRef | None) -> str:
    return "None" if type_ref is None else type_ref.describe()


# --- loading both sides: files and git revisions --------------------------------------------

GIT_PREFIX = "git:"


@dataclass(frozen=True)
class LoadedSide:
    api: Api
    label: str
    missing: tuple[str, ...]
    """Requested operationIds this side does not have (added or removed ones)."""


def load_side(
    reference: str,
    operation_ids: Sequence[str] | None,
    extensions: ParameterExtensions | None = None,
) -> LoadedSide:
    """Load a spec file or `git:REV:path`, keeping only the requested operations it has.

    An operation that only one side has is what a diff must report, so a missing operationId
    is not an error here; `diff_specs` refuses one that neither side has.
    """
    with _open_side(reference, extensions, in_background=False) as side:
        return side.finish(operation_ids)


@dataclass(frozen=True)
class _OpenedSide:
    """A side loaded, its validation under way (perhaps in a child process)."""

    reference: str
    spec: LoadedSpec
    validation: Validation
    to_label: _Labeler

    def finish(self, operation_ids: Sequence[str] | None) -> LoadedSide:
        with self._errors_labelled():
            self.validation.wait()
            missing: tuple[str, ...] = ()
            selected: list[str] | None = None
            if operation_ids is not None:
                selected = []
                for op_id in dict.fromkeys(operation_ids):
                    if _has_operation(self.spec, op_id):
                        selected.append(op_id)
                    else:
                        missing += (op_id,)
            api = build_api(self.spec, selected, source_path=self.reference)
        return LoadedSide(api=api, label=self.reference, missing=missing)

    @contextlib.contextmanager
    def _errors_labelled(self) -> Iterator[None]:
        try:
            yield
        except SpecError as exc:
            raise _labelled(exc, self.to_label) from None


@contextlib.contextmanager
def _open_side(
    reference: str,
    extensions: ParameterExtensions | None,
    *,
    in_background: bool = True,
) -> Iterator[_OpenedSide]:
    """Load `reference` and start validating it; leaving the block stops the validation."""
    with _materialized(reference) as (path, to_label):
        try:
            spec = with_parameter_extensions(load_spec(path), extensions or {})
            validation = start_validation(spec, in_background=in_background)
        except SpecError as exc:
            raise _labelled(exc, to_label) from None
    with validation:
        yield _OpenedSide(reference, spec, validation, to_label)


def _labelled(error: SpecError, to_label: _Labeler) -> GeneratorError:
    return GeneratorError(f"{to_label(error.file)}#{error.pointer}: {error.reason}")


def _has_operation(spec: LoadedSpec, operation_id: str) -> bool:
    """Whether the model stage finds `operation_id`; other errors still surface."""
    try:
        build_api(spec, [operation_id])
    except SpecError as exc:
        if exc.pointer == "/paths" and exc.reason.startswith("no operation with"):
            return False
        raise
    return True


def diff_specs(
    old_reference: str,
    new_reference: str,
    operation_ids: Sequence[str] | None = None,
    *,
    code_package: str | None = None,
    extensions: ParameterExtensions | None = None,
) -> ApiDiff:
    """Load both sides and compare them; with `code_package`, diff the generated clients too.

    `extensions` (the project file's x- hints) go to both sides, as `generate` applies them.
    """
    with contextlib.ExitStack() as stack:
        opened_old = stack.enter_context(_open_side(old_reference, extensions))
        try:
            opened_new = stack.enter_context(_open_side(new_reference, extensions))
        except GeneratorError:
            opened_old.finish(operation_ids)  # the old side's errors come first
            raise
        old = opened_old.finish(operation_ids)
        new = opened_new.finish(operation_ids)
    if unknown := [op_id for op_id in old.missing if op_id in new.missing]:
        raise GeneratorError(
            f"no operation with operationId {', '.join(map(repr, unknown))} in"
            f" {old_reference} or {new_reference}"
        )
    return ApiDiff(
        old=SpecSide(old.label, old.api.api_version),
        new=SpecSide(new.label, new.api.api_version),
        operation_ids=tuple(dict.fromkeys(operation_ids)) if operation_ids else None,
        changes=compare_apis(old.api, new.api),
        code=(
            code_diff(old.api, new.api, code_package)
            if code_package is not None
            else None
        ),
    )


@contextlib.contextmanager
def _materialized(reference: str) -> Iterator[tuple[Path, _Labeler]]:
    """A local path for `reference`; a git revision is extracted into a temporary tree."""
    if not reference.startswith(GIT_PREFIX):
        yield Path(reference), _plain_label
        return
    revision, _, inner = reference[len(GIT_PREFIX) :].partition(":")
    if not revision or not inner:
        raise GeneratorError(
            f"{reference}: expected git:REV:path, e.g. git:main:spec/x.yaml"
        )
    top = _git(reference, ["rev-parse", "--show-toplevel"], Path.cwd()).strip()
    root = Path(top)
    commit = _git_commit(reference, revision, root)
    relative = _repository_path(reference, inner)
    if (
        subprocess.run(
            ["git", "cat-file", "-e", f"{commit}:{relative}"],
            cwd=root,
            capture_output=True,
            check=False,
        ).returncode
        != 0
    ):
        raise GeneratorError(f"{reference}: no file {relative} at {revision}")
    with tempfile.TemporaryDirectory(prefix="armgen-diff-") as temporary:
        tree = Path(temporary)
        _extract_revision(reference, commit, root, tree)

        def to_label(file: Path) -> str:
            try:
                inside = file.resolve().relative_to(tree.resolve())
            except ValueError:
                return _plain_label(file)
            return f"{GIT_PREFIX}{revision}:{inside.as_posix()}"

        yield tree / relative, to_label


def _plain_label(file: Path) -> str:
    return display_path(file)


def _git(reference: str, arguments: Sequence[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise GeneratorError(f"{reference}: cannot run git: {exc.strerror}") from None
    if result.returncode != 0:
        reason = one_line(result.stderr) or f"git {arguments[0]} failed"
        raise GeneratorError(f"{reference}: {reason}")
    return result.stdout


def _git_commit(reference: str, revision: str, root: Path) -> str:
    result = subprocess.run(
        [
            "git",
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{revision}^{{commit}}",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise GeneratorError(f"{reference}: unknown git revision {revision!r}")
    return result.stdout.strip()


def _repository_path(reference: str, inner: str) -> str:
    """`./` and `../` are relative to the working directory, anything else to the top."""
    if inner.startswith(("./", "../")):
        prefix = _git(reference, ["rev-parse", "--show-prefix"], Path.cwd()).strip()
        inner = prefix + inner
    relative = posixpath.normpath(inner)
    if relative.startswith(("../", "/")) or relative in ("..", "."):
        raise GeneratorError(f"{reference}: {inner} is outside the repository")
    return relative


def _extract_revision(reference: str, commit: str, root: Path, tree: Path) -> None:
    """`git archive` of the whole revision, so relative `$ref`s resolve as they did then.

    Only plain files and directories are written, and only inside `tree`.
    """
    with subprocess.Popen(
        ["git", "archive", "--format=tar", commit],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
                for member in archive:
                    parts = PurePosixPath(member.name).parts
                    if member.name.startswith("/") or ".." in parts:
                        continue
                    target = tree.joinpath(*parts)
                    if member.isdir():
                        target.mkdir(parents=True, exist_ok=True)
                    elif member.isfile():
                        source = archive.extractfile(member)
                        if source is None:
                            continue
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(source.read())
        except tarfile.TarError as exc:
            raise GeneratorError(
                f"{reference}: cannot read git archive: {exc}"
            ) from None
        stderr = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        reason = one_line(stderr.decode("utf-8", "replace")) or "git archive failed"
        raise GeneratorError(f"{reference}: {reason}")


# --- the generated client -------------------------------------------------------------------


def code_diff(old: Api, new: Api, package_name: str) -> CodeDiff:
    """Unified diff of both generated clients, rendered and formatted in memory.

    Both are rendered with NEW's spec source, so the header lines naming the spec path and
    its sha256 never differ: only what the spec's content changes shows.
    """
    try:
        old_files = format_files(
            render_package(replace(old, source=new.source), package_name)
        )
        new_files = format_files(render_package(new, package_name))
    except GeneratorError as exc:
        return CodeDiff(error=one_line(str(exc)))
    files: list[tuple[str, str]] = []
    chunks: list[str] = []
    for path in sorted(old_files.keys() | new_files.keys()):
        before, after = old_files.get(path), new_files.get(path)
        if before == after:
            continue
        name = path.as_posix()
        files.append(
            (
                name,
                (
                    "added"
                    if before is None
                    else "removed" if after is None else "changed"
                ),
            )
        )
        chunks.extend(
            difflib.unified_diff(
                (before or "").splitlines(keepends=True),
                (after or "").splitlines(keepends=True),
                fromfile="/dev/null" if before is None else f"a/{name}",
                tofile="/dev/null" if after is None else f"b/{name}",
            )
        )
    return CodeDiff(files=tuple(files), text="".join(chunks))


__all__ = [
    "ApiDiff",
    "Change",
    "ChangeKind",
    "CodeDiff",
    "LoadedSide",
    "Rule",
    "Severity",
    "SpecSide",
    "code_diff",
    "compare_apis",
    "diff_specs",
    "load_side",
]
