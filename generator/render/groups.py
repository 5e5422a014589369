"""Parameter groups (x-ms-parameter-grouping) in a generated method: the argument holding each
group, and the statements that read its members' values off it before anything is sent.
"""

from __future__ import annotations

from generator.escape import python_literal
from generator.model import GroupArgument, Operation
from generator.render.conversions import TypeWriter
from generator.render.layout import Brackets, assigned, chosen, nested
from generator.render.statements import METHOD
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
            statements.append(_refuse_none(group.argument, message))
        for field, local in group.members:
            value = f"{group.argument}.{field}"
            statements.append(
                assigned(METHOD, local, value)
                if group.required
                else chosen(METHOD, local, "None", f"{group.argument} is None", value)
            )
            if local in required:
                message = python_literal(f"{group.argument}.{field} is required")
                statements.append(_refuse_none(local, message))
    return statements


def _refuse_none(name: str, message: str) -> str:
    """`if name is None: raise ValueError(message)`, laid out as black does in a method."""
    raised = nested(METHOD + 4, Brackets("raise ValueError(", [message], ")"))
    return f"if {name} is None:\n{' ' * (METHOD + 4)}{raised}"
