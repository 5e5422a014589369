"""Parameter groups (x-ms-parameter-grouping) in a generated method: the argument holding each
group, and the statements that read its members' values off it before anything is sent.
"""

from __future__ import annotations

from generator.escape import python_literal
from generator.model import GroupArgument, Operation
from generator.render.conversions import TypeWriter
from generator.render.views import ArgumentView


def group_argument(group: GroupArgument, writer: TypeWriter) -> ArgumentView:
    annotation = writer.class_name(group.class_name)
    return ArgumentView(
        name=group.argument,
        annotation=annotation if group.required else f"{annotation} | None",
        default=None if group.required else "None",
        keyword_only=not group.required,
        check=None,
    )


def unpack_groups(operation: Operation) -> list[str]:
    """Statements giving each grouped member its value from its group's field (None when
    an optional group is not given); a required member that is None is refused."""
    required = {p.python_name for p in operation.parameters if p.required}
    if operation.body is not None and operation.body.required:
        required.add(operation.body.python_name)
    if operation.body is not None:
        required |= {
            argument
            for prop, argument in zip(
                operation.body.flattened,
                operation.body.flattened_arguments,
                strict=True,
            )
            if prop.required
        }
    statements = []
    for group in operation.group_arguments:
        if group.required:
            message = python_literal(f"{group.argument} is required")
            statements.append(
                f"if {group.argument} is None: raise ValueError({message})"
            )
        for field, local in group.members:
            value = f"{group.argument}.{field}"
            if not group.required:
                value = f"None if {group.argument} is None else {value}"
            statements.append(f"{local} = {value}")
            if local in required:
                message = python_literal(f"{group.argument}.{field} is required")
                statements.append(f"if {local} is None: raise ValueError({message})")
    return statements
