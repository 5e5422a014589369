"""`x-ms-pageable`: which property of a page holds the items and which the next page's link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.load import Node
from generator.model.entities import Kind, Paging, Response
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
            if response.status != "default" and response.type is not None
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


__all__ = ["DEFAULT_ITEM_NAME", "paging"]
