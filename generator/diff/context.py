"""What every comparison needs: both models, where a value sits, how to build a Change, and
how to show a spec value in a message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.diff.changes import (
    REQUIRED_STATUS_CHANGE,
    Change,
    ChangeKind,
    JsonValue,
    Rule,
    Severity,
)
from generator.diff.defined import Defined
from generator.diff.rules import allows
from generator.errors import join_pointer
from generator.model import Api, Kind, Operation, TypeRef


@dataclass(frozen=True)
class Context:
    old: Api
    new: Api
    same_version: bool
    response_models: frozenset[str]
    """Models that NEW (or OLD, for what NEW lacks) sends back in a response."""
    old_defined: Defined
    new_defined: Defined
    """What each side's files define, reached by the compared operations or not."""
    enum_renames: frozenset[tuple[str, str]] = frozenset()
    """(OLD name, NEW name) of named enums renamed with the same uses: reported once, as
    the enum's change, not at every use."""

    @classmethod
    def of(
        cls,
        old: Api,
        new: Api,
        old_defined: Defined | None = None,
        new_defined: Defined | None = None,
    ) -> Context:
        return cls(
            old=old,
            new=new,
            same_version=old.api_version == new.api_version,
            response_models=frozenset(response_models(old) | response_models(new)),
            old_defined=old_defined or Defined.in_api(old),
            new_defined=new_defined or Defined.in_api(new),
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
class Where:
    """Where a value sits: for locations, pointers, messages and caller impact."""

    location: str
    path: str
    label: str
    """For messages: `query parameter 'hibernate'`."""
    subject: str
    """For caller impact: `argument hibernate of begin_deallocate()`."""


def new_change(
    kind: ChangeKind,
    severity: Severity,
    rule: Rule | None,
    where: Where,
    old: JsonValue,
    new: JsonValue,
    message: str,
    caller_impact: str,
    *,
    used_by: tuple[str, ...] = (),
) -> Change:
    if not allows(kind, rule):
        raise AssertionError(f"{kind.value} does not carry openapi-diff rule {rule}")
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
        used_by=used_by,
    )


def python_name_change(
    where: Where, before: str, after: str, message: str, caller_impact: str
) -> Change:
    """The generated code names a parameter, body or field differently: keyword callers
    break, though the request is the same (so openapi-diff has no rule for it)."""
    return new_change(
        ChangeKind.PYTHON_NAME_CHANGED,
        Severity.BREAKING,
        None,
        where,
        before,
        after,
        message,
        caller_impact,
    )


def required_change(
    where: Where, before: bool, after: bool, caller_impact: str
) -> Change:
    return new_change(
        ChangeKind.REQUIRED_CHANGED,
        Severity.BREAKING,
        REQUIRED_STATUS_CHANGE,
        where,
        before,
        after,
        f"{where.label} is now {'required' if after else 'optional'}",
        caller_impact,
    )


def operation_path(operation: Operation) -> str:
    return join_pointer("", "paths", operation.path, operation.http_method.lower())


def operation_where(operation: Operation, location: str | None = None) -> Where:
    return Where(
        location or operation.operation_id,
        operation_path(operation),
        f"operation {operation.operation_id}",
        f"{operation.call_path}()",
    )


def response_models(api: Api) -> set[str]:
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
        if not has_model(api, name):
            continue
        found.add(name)
        model = api.model(name)
        pending += [TypeRef(Kind.MODEL, model=base) for base in model.bases]
        pending += [p.type for p in api.all_properties(name)]
    return found


def has_model(api: Api, name: str) -> bool:
    return any(m.name == name for m in api.models)


def describe(type_ref: TypeRef | None) -> str:
    """TypeRef.describe, with enums shown as enums: `DiskCreateOptionTypes (enum)` for a named
    one, `string (enum: "A", "B")` for an unnamed one, so a reviewer sees what is allowed.
    """
    if type_ref is None:
        return "None"
    if type_ref.item is not None:
        name = "array" if type_ref.kind is Kind.ARRAY else "map"
        return f"{name}<{describe(type_ref.item)}>"
    if type_ref.enum_name:
        return f"{type_ref.enum_name} (enum)"
    if type_ref.enum_values:
        return f"{type_ref.describe()} (enum: {show_values(type_ref.enum_values)})"
    return type_ref.describe()


def json_value(value: Any) -> JsonValue:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(json_value(item) for item in value)
    return json.dumps(value, sort_keys=True)


def json_values(values: Iterable[Any]) -> tuple[JsonValue, ...]:
    return tuple(json_value(value) for value in values)


def show(value: Any) -> str:
    return "none" if value is None else json.dumps(value, ensure_ascii=False)


def show_values(values: Iterable[Any]) -> str:
    return ", ".join(show(value) for value in values)
