"""Reading raw spec values off a Node: the few accessors every part of the model stage shares."""

from __future__ import annotations

from collections.abc import Mapping

from generator.load import Node
from generator.naming import snake_case


def required_key(node: Node, key: str) -> Node:
    child = node.get(key)
    if child is None:
        raise node.error(f"missing required field {key!r}")
    return child


def text_value(node: Node, key: str) -> str:
    value = node.value.get(key) if isinstance(node.value, Mapping) else None
    return value.strip() if isinstance(value, str) else ""


def flag_value(node: Node, key: str) -> bool:
    return node.value.get(key) is True


def python_candidate(node: Node, wire_name: str | None = None) -> str:
    """snake_case of `x-ms-client-name` when given, else of the wire name."""
    client_name = node.value.get("x-ms-client-name")
    if isinstance(client_name, str):
        return snake_case(client_name)
    return snake_case(
        wire_name if wire_name is not None else str(node.value.get("name", ""))
    )
