"""Types and conversions: the Python annotation of a spec type, and the expressions that turn
JSON values into Python values and back."""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Kind, Model, TypeRef

# --- types and conversions ------------------------------------------------------------------


_SCALAR_ANNOTATIONS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
    Kind.ANY: "Any",
}


def annotation(
    type_ref: TypeRef, models: Mapping[str, Model], *, sequence: bool = False
) -> str:
    """The Python annotation of a type; `sequence` accepts any sequence where a list is sent.

    A named enum also accepts plain strings: the service may send values newer than the client.
    """
    if type_ref.kind is Kind.MODEL:
        return models[type_ref.model or ""].class_name
    if type_ref.kind is Kind.ARRAY:
        assert type_ref.item is not None
        container = "Sequence" if sequence else "list"
        return f"{container}[{annotation(type_ref.item, models)}]"
    if type_ref.kind is Kind.DICT:
        assert type_ref.item is not None
        return f"dict[str, {annotation(type_ref.item, models)}]"
    if (enum_class := enum_class_name(type_ref)) is not None:
        return f"{enum_class} | str"
    if _is_datetime(type_ref):
        return "datetime"
    return _SCALAR_ANNOTATIONS[type_ref.kind]


def enum_class_name(type_ref: TypeRef) -> str | None:
    """The class of a named string enum (named in the model stage), else None."""
    return type_ref.enum_class if type_ref.kind is Kind.STRING else None


def _is_datetime(type_ref: TypeRef) -> bool:
    return type_ref.kind is Kind.STRING and type_ref.format == "date-time"


def referenced_classes(type_ref: TypeRef, models: Mapping[str, Model]) -> set[str]:
    """Model and enum classes that an annotation of `type_ref` names."""
    if type_ref.kind is Kind.MODEL:
        return {models[type_ref.model or ""].class_name}
    if type_ref.item is not None:
        return referenced_classes(type_ref.item, models)
    enum_class = enum_class_name(type_ref)
    return {enum_class} if enum_class else set()


JSON_SCALARS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
}


def from_wire(
    type_ref: TypeRef, expression: str, models: Mapping[str, Model], depth: int = 0
) -> str:
    """An expression converting the JSON value `expression` into the Python value.

    Every value is checked against its JSON type on the way in (`_checked`): a field typed
    `str | None` holds a str or None, whatever the service sent.
    """
    if type_ref.kind is Kind.MODEL:
        return f"{models[type_ref.model or ''].class_name}.from_dict({expression})"
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        item = f"item{depth or ''}"
        items = f"_checked(list, {expression})"
        inner = from_wire(type_ref.item, item, models, depth + 1)
        return f"[{inner} for {item} in {items}]"
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        key, value = f"key{depth or ''}", f"value{depth or ''}"
        inner = from_wire(type_ref.item, value, models, depth + 1)
        pairs = f"_checked(dict, {expression}).items()"
        return f"{{{key}: {inner} for {key}, {value} in {pairs}}}"
    if (enum_class := enum_class_name(type_ref)) is not None:
        return f"_enum_or_text({enum_class}, _checked(str, {expression}))"
    if _is_datetime(type_ref):
        return f"_parse_datetime(_checked(str, {expression}))"
    if type_ref.kind in JSON_SCALARS:
        return f"_checked({JSON_SCALARS[type_ref.kind]}, {expression})"
    return expression


def to_wire(type_ref: TypeRef, expression: str, depth: int = 0) -> str:
    """An expression converting the Python value `expression` into a JSON value."""
    if type_ref.kind is Kind.MODEL:
        return f"{expression}.to_dict()"
    if _is_datetime(type_ref):
        return f"{expression}.isoformat()"
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        item = f"item{depth or ''}"
        inner = to_wire(type_ref.item, item, depth + 1)
        return (
            f"list({expression})"
            if inner == item
            else f"[{inner} for {item} in {expression}]"
        )
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        key, value = f"key{depth or ''}", f"value{depth or ''}"
        inner = to_wire(type_ref.item, value, depth + 1)
        if inner == value:
            return f"dict({expression})"
        return f"{{{key}: {inner} for {key}, {value} in {expression}.items()}}"
    return expression
