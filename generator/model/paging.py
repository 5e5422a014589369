"""`x-ms-pageable`: which property of a page holds the items and which the next page's link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.load import Node
from generator.model.entities import Kind, Location, Operation, Paging, Response
from generator.model.schemas import SchemaReader

DEFAULT_ITEM_NAME = "value"
"""AutoRest's default `itemName`, ARM's list results' array."""


def paging(
    node: Node, responses: Sequence[Response], schemas: SchemaReader
) -> Paging | None:
    """The operation's paging, or None; a page that lacks what the extension names is refused
    with the extension's pointer, never turned into a method that drops items."""
    extension = node.get("x-ms-pageable")
    if extension is None:
        return None
    if not isinstance(extension.value, Mapping):
        raise extension.error("x-ms-pageable must be a mapping")
    item_name = _name(extension, "itemName") or DEFAULT_ITEM_NAME
    next_name = _name(extension, "nextLinkName")
    next_operation = _name(extension, "operationName")
    page = next(
        (
            response.type
            for response in responses
            if response.status != "default"
            and not response.error
            and response.type is not None
        ),
        None,
    )
    if page is None or page.kind is not Kind.MODEL or page.model is None:
        raise extension.error(
            "x-ms-pageable needs a success response whose body is a model"
        )
    properties = {prop.wire_name: prop for prop in schemas.all_properties(page.model)}
    item = properties.get(item_name)
    if item is None or item.type.kind is not Kind.ARRAY:
        raise extension.error(
            f"the page {page.model!r} has no array property {item_name!r} (itemName)"
        )
    next_link = None
    if next_name is not None:
        next_link = properties.get(next_name)
        if next_link is None or next_link.type.kind is not Kind.STRING:
            raise extension.error(
                f"the page {page.model!r} has no string property {next_name!r}"
                " (nextLinkName)"
            )
    return Paging(
        page_model=page.model,
        item=item,
        next_link=next_link,
        next_operation=next_operation,
    )


def _name(extension: Node, key: str) -> str | None:
    value = extension.value.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise extension.child(key).error(f"{key} must be a non-empty string or null")
    return value


NEXT_LINK_PARAMETER = "nextLink"
"""The path parameter of a next operation that receives the page's next link, as AutoRest
names it."""


def with_next_operations(
    operations: Sequence[Operation], nodes: Mapping[str, Node]
) -> tuple[Operation, ...]:
    """Mark the operations that `operationName` names as internal: the pager calls them for
    the following pages, callers do not (AutoRest generates no method for them).

    A next operation gets each argument of the first one's of the same name and place, the
    next link in its `nextLink` path parameter, and its constants; one that needs anything
    else is refused, never sent without it."""
    by_id = {operation.operation_id: operation for operation in operations}
    internal: set[str] = set()
    for operation in operations:
        name = operation.paging.next_operation if operation.paging else None
        if name is None or name == operation.operation_id:
            continue
        extension = nodes[operation.operation_id].child("x-ms-pageable")
        where = extension.child("operationName")
        target = by_id.get(name)
        if target is None:
            raise where.error(f"operationName {name!r} names no operation of the spec")
        _check_next_operation(operation, target, where)
        internal.add(name)
    return tuple(
        (
            replace(operation, internal=True)
            if operation.operation_id in internal
            else operation
        )
        for operation in operations
    )


def _check_next_operation(first: Operation, target: Operation, where: Node) -> None:
    given = {(p.location, p.wire_name) for p in first.method_parameters}
    if target.body is not None:
        raise where.error(
            f"a next operation with a body ({target.operation_id}) is not supported"
        )
    for parameter in target.method_parameters:
        if parameter.wire_name == NEXT_LINK_PARAMETER:
            if parameter.location is not Location.PATH:
                raise where.error(
                    f"a {NEXT_LINK_PARAMETER} parameter in the {parameter.location.value}"
                    f" of {target.operation_id} is not supported"
                )
            continue
        if (
            parameter.required
            and not parameter.constant
            and (parameter.location, parameter.wire_name) not in given
        ):
            raise where.error(
                f"{target.operation_id} needs {parameter.wire_name!r}, which"
                f" {first.operation_id} does not take: not supported"
            )


__all__ = ["DEFAULT_ITEM_NAME", "NEXT_LINK_PARAMETER", "paging", "with_next_operations"]
