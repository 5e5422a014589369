"""Constants: a parameter the caller is never asked for, because only one value is allowed.

AutoRest's rule (modelerfour): an enum with a single value that `x-ms-enum` does not declare
`modelAsString: true` is a constant. A required constant is sent with that value on every call
and is not an argument; an optional one stays an optional argument (the caller may leave it out).
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.load import Node
from generator.model.entities import Kind, TypeRef

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


_TYPED_FORMATS = frozenset(
    {"date", "date-time", "date-time-rfc1123", "duration", "byte", "base64url"}
)
"""String formats whose Python value is not the JSON string (`datetime`, `bytes`, ...)."""
_JSON_TYPES: Mapping[Kind, tuple[type, ...]] = {
    Kind.STRING: (str,),
    Kind.INTEGER: (int,),
    Kind.NUMBER: (int, float),
    Kind.BOOLEAN: (bool,),
}
_NAMES = {
    Kind.STRING: "a string",
    Kind.INTEGER: "an integer",
    Kind.NUMBER: "a number",
    Kind.BOOLEAN: "a boolean",
}
Scalar = str | int | float | bool
CLIENT_DEFAULT_EXTENSION = "x-ms-client-default"


def property_default(
    prop: Node, resolved: Node, type_ref: TypeRef, *, required: bool
) -> tuple[bool, Scalar | None]:
    """Whether a model property is a constant, and the value a caller need not give.

    A required property whose enum has one value (not `modelAsString: true`) is a constant,
    as a parameter is: its field holds that value unless set, it is always sent, and reading
    any other value is refused. Otherwise `x-ms-client-default` (on the property or its
    schema) is the field's default, sent unless the caller sets None.
    """
    scalar = type_ref.kind in _JSON_TYPES and (
        type_ref.format not in _TYPED_FORMATS
        and not (type_ref.kind is Kind.INTEGER and type_ref.format == "unixtime")
    )
    values = type_ref.enum_values
    if (
        required
        and scalar
        and len(values) == 1
        and not type_ref.enum_extensible
        and _is_json_value(values[0], type_ref.kind)
    ):
        return True, values[0]
    found = prop if CLIENT_DEFAULT_EXTENSION in prop.value else resolved
    if CLIENT_DEFAULT_EXTENSION not in found.value:
        return False, None
    where = found.child(CLIENT_DEFAULT_EXTENSION)
    if not scalar:
        raise where.error(
            "x-ms-client-default is supported on plain strings, numbers and booleans"
        )
    if not _is_json_value(where.value, type_ref.kind):
        raise where.error(f"x-ms-client-default must be {_NAMES[type_ref.kind]}")
    if values and where.value not in values:
        raise where.error("x-ms-client-default must be one of the enum's values")
    return False, where.value


def _is_json_value(value: object, kind: Kind) -> bool:
    if isinstance(value, bool) and kind is not Kind.BOOLEAN:
        return False
    return isinstance(value, _JSON_TYPES[kind])
