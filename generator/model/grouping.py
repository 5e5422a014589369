"""Parameter groups: `x-ms-parameter-grouping`, as AutoRest makes them.

Parameters that declare it are passed together, as one argument holding a dataclass of the
models module. The class is named by the extension's `name` (`first-parameter-group` ->
`FirstParameterGroup`), else `<OperationGroup><Operation><postfix or Parameters>`
(`ParameterGrouping_postRequired` -> `ParameterGroupingPostRequiredParameters`); operations that
name the same group share its class. The argument is the class's name in snake_case; it is
required when one of its members is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from generator.load import Node
from generator.model.constants import is_constant
from generator.model.entities import (
    Body,
    GroupArgument,
    GroupField,
    ParameterGroup,
    TypeRef,
)
from generator.model.groups import split_operation_id
from generator.model.nodes import python_candidate, text_value
from generator.model.reserved import MODEL_RESERVED, RESERVED_CLASS_NAMES
from generator.model.schemas import SchemaReader
from generator.naming import pascal_case, snake_case, unique_names

GROUPING_EXTENSION = "x-ms-parameter-grouping"


def group_class_name(node: Node, operation_id: str) -> str | None:
    """The class of the group the parameter `node` belongs to; None when it has none."""
    extension = node.get(GROUPING_EXTENSION)
    if extension is None:
        return None
    if not isinstance(extension.value, Mapping):
        raise extension.error(f"{GROUPING_EXTENSION} must be a mapping")
    for key in ("name", "postfix"):
        if not isinstance(extension.value.get(key, ""), str):
            raise extension.child(key).error(f"{GROUPING_EXTENSION} {key} must be text")
    name = extension.value.get("name", "")
    if name:
        class_name = pascal_case(name)
    else:
        group, operation = split_operation_id(operation_id)
        postfix = pascal_case(extension.value.get("postfix", "")) or "Parameters"
        class_name = pascal_case(group) + pascal_case(operation) + postfix
    if not class_name[:1].isalpha():
        class_name = "Group" + class_name
    if class_name in RESERVED_CLASS_NAMES:
        raise extension.error(
            f"parameter group class {class_name!r} is taken by the generated client"
        )
    return class_name


@dataclass
class GroupMember:
    """A grouped parameter (key `in:name`), body (key `body`) or flattened body property
    (key `body:<wire key>`) of one operation; `node` is where the grouping is declared.
    """

    key: str
    class_name: str
    node: Node
    type: TypeRef
    required: bool
    candidate: str
    """The field's name before it is made unique in its group."""
    description: str


@dataclass
class GroupRegistry:
    """Every group the operations use: its fields (the union over operations) and the first
    place that named it, for errors."""

    fields: dict[str, dict[str, GroupField]] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    def arguments(
        self, members: list[GroupMember], local_names: Mapping[str, str]
    ) -> tuple[GroupArgument, ...]:
        """One argument per group of an operation; `local_names` maps each member's key and
        each group's `group:<class>` key to its name in the method."""
        by_class: dict[str, list[GroupMember]] = {}
        for member in members:
            by_class.setdefault(member.class_name, []).append(member)
        arguments = []
        for class_name, group in by_class.items():
            names = unique_names(
                {m.key: m.candidate for m in group},
                fallback="parameter",
                reserved=MODEL_RESERVED,
            )
            fields = self.fields.setdefault(class_name, {})
            self.nodes.setdefault(class_name, group[0].node)
            for member in group:
                fields.setdefault(
                    names[member.key],
                    GroupField(
                        python_name=names[member.key],
                        type=member.type,
                        required=member.required,
                        description=member.description,
                    ),
                )
            arguments.append(
                GroupArgument(
                    class_name=class_name,
                    argument=local_names[group_key(class_name)],
                    required=any(m.required for m in group),
                    members=tuple((names[m.key], local_names[m.key]) for m in group),
                )
            )
        return tuple(arguments)

    def check_class_names(self, taken_by: Mapping[str, str]) -> None:
        """A group's class may not be the client's, a model's or an operation group's."""
        for class_name, node in sorted(self.nodes.items()):
            if class_name in taken_by:
                raise node.error(
                    f"parameter group class {class_name!r} is also {taken_by[class_name]}"
                )

    def groups(self) -> tuple[ParameterGroup, ...]:
        return tuple(
            ParameterGroup(class_name, tuple(fields.values()))
            for class_name, fields in sorted(self.fields.items())
        )


def group_members(
    operation_id: str,
    plain: Sequence[tuple[Node, bool]],
    body: tuple[Node, Body] | None,
    schemas: SchemaReader,
) -> list[GroupMember]:
    """The operation's grouped parameters and body; `plain` pairs each parameter with
    whether it is a client parameter (those, and constants, are never grouped)."""
    members = []
    for node, client in plain:
        class_name = group_class_name(node, operation_id)
        if class_name is None or client or is_constant(node, client_level=False):
            continue
        members.append(
            GroupMember(
                key=f"{node.value['in']}:{node.value['name']}",
                class_name=class_name,
                node=node,
                type=schemas.type_of(node),
                required=bool(node.value.get("required", False)),
                candidate=python_candidate(node),
                description=text_value(node, "description"),
            )
        )
    if body is not None:
        members += _body_members(operation_id, *body)
    return members


def _body_members(operation_id: str, node: Node, body: Body) -> list[GroupMember]:
    """A grouped body is one field of its group; a flattened one, one per property."""
    class_name = group_class_name(node, operation_id)
    if class_name is None:
        return []
    if body.omit_sentinel is not None:
        raise node.error("a body with a sentinel in a parameter group is not supported")
    if not body.flattened:
        return [
            GroupMember(
                key="body",
                class_name=class_name,
                node=node,
                type=body.type,
                required=body.required,
                candidate=python_candidate(node),
                description=body.description,
            )
        ]
    return [
        GroupMember(
            key=f"body:{prop.wire_key}",
            class_name=class_name,
            node=node,
            type=prop.type,
            required=prop.required,
            candidate=prop.python_name,
            description=prop.description or body.description,
        )
        for prop in body.flattened
    ]


def group_key(class_name: str) -> str:
    """The key of a group's argument among an operation's names."""
    return f"group:{class_name}"


def group_argument_candidate(class_name: str) -> str:
    return snake_case(class_name)
