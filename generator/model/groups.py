"""Operation groups, method names and the client's class name, as AutoRest and azure-mgmt-* make
them.

`VirtualMachineScaleSets_Deallocate` is the method `begin_deallocate` of the client's attribute
`virtual_machine_scale_sets` (class `VirtualMachineScaleSetsOperations`); an operationId
without `_` is a method of the client itself. A method's name depends only on its own
operation, so adding or removing another operation never renames one: two operations that would
take the same name are refused, naming both, instead of one of them being renamed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.load import Node
from generator.model.entities import Operation, OperationGroup
from generator.model.nodes import flag_value
from generator.model.reserved import (
    CLIENT_MEMBER_RESERVED,
    GROUP_METHOD_RESERVED,
    RESERVED_CLASS_NAMES,
)
from generator.naming import pascal_case, safe_identifier, snake_case

CLIENT_NAME_SETTING = "x-ms-code-generation-settings"
"""`info.x-ms-code-generation-settings.name`: the client's class name, as AutoRest reads it."""


def split_operation_id(operation_id: str) -> tuple[str, str]:
    """(group, name): `Widgets_Get` -> ("Widgets", "Get"); no `_` -> ("", the whole id).

    AutoRest splits at the first underscore; its linter forbids a second one.
    """
    group, separator, name = operation_id.partition("_")
    return (group, name) if separator else ("", operation_id)


def method_name(operation_id: str, node: Node) -> str:
    """The method's name, from its own operation only: `x-ms-client-name` on the operation
    when given (a project file can add one), else the operationId's name part; `begin_` for a
    long-running operation, as azure-mgmt-* names them."""
    group, name = split_operation_id(operation_id)
    client_name = node.value.get("x-ms-client-name")
    base = snake_case(client_name if isinstance(client_name, str) else name)
    prefix = "begin_" if flag_value(node, "x-ms-long-running-operation") else ""
    reserved = GROUP_METHOD_RESERVED if group else CLIENT_MEMBER_RESERVED
    return safe_identifier(
        prefix + (base or "operation"), fallback="operation", reserved=reserved
    )


def group_operations(
    operations: Sequence[Operation], nodes: Mapping[str, Node]
) -> tuple[OperationGroup, ...]:
    """The operations by group, in the spec's order (as AutoRest keeps them); the client's
    own first."""
    by_attribute: dict[str, list[Operation]] = {}
    for operation in operations:
        if not operation.internal:
            attribute = _attribute(operation.group) if operation.group else ""
            by_attribute.setdefault(attribute, []).append(operation)
    groups = []
    attributes: dict[str, str] = {}
    for attribute in sorted(by_attribute, key=lambda attribute: attribute != ""):
        members = by_attribute[attribute]
        _refuse_same_method_name(members, nodes)
        # Prefixes that differ in case only (httpSuccess, HttpSuccess) are one group, as in
        # AutoRest; its name is the first in sorted order, whatever the spec's order.
        name = min(member.group for member in members)
        attributes[attribute] = name
        groups.append(
            OperationGroup(
                name=name,
                attribute=attribute,
                class_name=pascal_case(name) + "Operations" if name else "",
                module="_" + attribute if name else "",
                operations=tuple(
                    replace(member, group_attribute=attribute) for member in members
                ),
            )
        )
    client_methods = {
        op.method_name: op for g in groups if not g.name for op in g.operations
    }
    for attribute, name in attributes.items():
        if attribute in client_methods:
            operation = client_methods[attribute]
            raise nodes[operation.operation_id].child("operationId").error(
                f"the client's method {attribute!r} ({operation.operation_id}) would take"
                f" the name of the operation group {name!r}"
            )
    return tuple(groups)


def _attribute(group: str) -> str:
    return safe_identifier(
        snake_case(group) or "operations",
        fallback="operations",
        reserved=CLIENT_MEMBER_RESERVED,
    )


def _refuse_same_method_name(
    members: Sequence[Operation], nodes: Mapping[str, Node]
) -> None:
    by_name: dict[str, list[Operation]] = {}
    for member in members:
        by_name.setdefault(member.method_name, []).append(member)
    for name, same in sorted(by_name.items()):
        if len(same) > 1:
            first, second = sorted(same, key=lambda op: op.operation_id)[:2]
            where = f"group {first.group!r}" if first.group else "the client"
            raise nodes[second.operation_id].child("operationId").error(
                f"operations {first.operation_id!r} and {second.operation_id!r} would both"
                f" be the method {name!r} of {where}: give one an x-ms-client-name (a"
                " project file can add it)"
            )


def client_class_name(info: Node, configured: str | None) -> str:
    """The project file's `client-name`, else the spec's `x-ms-code-generation-settings`
    name, else its title; never the selected operations, so selecting more or fewer never
    renames the client."""
    settings = info.value.get(CLIENT_NAME_SETTING)
    from_settings = settings.get("name") if isinstance(settings, Mapping) else None
    title = info.value.get("title")
    for candidate in (configured, from_settings, title):
        if isinstance(candidate, str) and (name := pascal_case(candidate)):
            break
    else:
        name = "Api"
    name = name if name[0].isalpha() else "Api" + name
    name = name if name.endswith("Client") else name + "Client"
    return name + "_" if name in RESERVED_CLASS_NAMES else name


__all__ = [
    "client_class_name",
    "group_operations",
    "method_name",
    "split_operation_id",
]
