"""Constants: a parameter the caller is never asked for, because only one value is allowed.

AutoRest's rule (modelerfour): an enum with a single value that `x-ms-enum` does not declare
`modelAsString: true` is a constant. A required constant is sent with that value on every call
and is not an argument; an optional one stays an optional argument (the caller may leave it out).
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.load import Node

_SCALAR_TYPES = ("string", "integer", "number", "boolean")


def is_constant(node: Node, *, client_level: bool) -> bool:
    """Whether the resolved parameter `node` is a required, single-valued constant.

    The client's `api-version` stays the client's (its keyword overrides it), as it is today.
    """
    value = node.value
    if value.get("in") == "body" or value.get("required") is not True:
        return False
    if client_level and value.get("name") == "api-version":
        return False
    if value.get("type") not in _SCALAR_TYPES:
        return False
    values = value.get("enum")
    if not isinstance(values, list) or len(values) != 1:
        return False
    if isinstance(values[0], Mapping | list) or values[0] is None:
        return False
    extension = value.get("x-ms-enum")
    return not (
        isinstance(extension, Mapping) and extension.get("modelAsString") is True
    )
