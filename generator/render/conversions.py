"""Types and conversions: the Python annotation of a spec type, and the expressions that turn
JSON values into Python values and back.

Each function records what its text uses in the module's `Imports`: model and enum classes,
the generated package's `_wire` helpers (always called as `_wire.name`), `_dt` for the datetime
module and `_builtins` where a method of the class shadows a builtin in its annotations.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.escape import python_literal
from generator.model import Kind, Model, TypeRef
from generator.render.imports import Imports

_SCALAR_ANNOTATIONS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
    Kind.BINARY: "bytes",
}

JSON_SCALARS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
}

TEXT_FORMATS = {
    "date-time": ("datetime", "parse_datetime", "format_datetime"),
    "date": ("date", "parse_date", "format_date"),
    "duration": ("timedelta", "parse_duration", "format_duration"),
    "date-time-rfc1123": ("datetime", "parse_rfc1123", "format_rfc1123"),
    "byte": ("bytes", "parse_base64", "format_base64"),
    "base64url": ("bytes", "parse_base64url", "format_base64url"),
}
"""Strings whose format gives them a Python type: (type, _wire parser, _wire formatter)."""

UNIX_TIME = ("datetime", "parse_unixtime", "format_unixtime")
"""`type: integer, format: unixtime`: seconds since 1970, as a UTC datetime."""


class TypeWriter:
    """Writes annotations and conversions for one generated module."""

    def __init__(
        self,
        models: Mapping[str, Model],
        imports: Imports,
        *,
        enum_classes: Mapping[str, str],
        shadowed: frozenset[str] = frozenset(),
        in_models: bool = False,
        enum_members: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.models = models
        self.enum_members = enum_members or {}
        """Each enum class's member names by value, where the module knows them."""
        self.enum_classes = enum_classes
        """The class of each `x-ms-enum` name (Api.enum_classes)."""
        self.imports = imports
        self.shadowed = shadowed
        """Builtins a method of the class being written shadows in its annotations."""
        self.in_models = in_models
        """Writing models.py itself: its classes need no import."""

    def elsewhere(self) -> TypeWriter:
        """A writer for text that goes into another module: what it uses is not imported
        here."""
        return TypeWriter(
            self.models,
            Imports(),
            enum_classes=self.enum_classes,
            shadowed=self.shadowed,
            in_models=self.in_models,
        )

    # --- annotations -----------------------------------------------------------------------

    def annotation(self, type_ref: TypeRef, *, sequence: bool = False) -> str:
        """The Python annotation of a type; `sequence` accepts any sequence where a list is
        sent. An extensible enum (`modelAsString: true`) is also a plain string: the service
        may send values newer than the client; a sealed one is its class alone."""
        if type_ref.kind is Kind.MODEL:
            return self.model_class(type_ref)
        if type_ref.kind is Kind.ARRAY:
            assert type_ref.item is not None
            if sequence:
                self.imports.name("collections.abc", "Sequence")
                container = "Sequence"
            else:
                container = self.builtin("list")
            return f"{container}[{self.annotation(type_ref.item)}]"
        if type_ref.kind is Kind.DICT:
            assert type_ref.item is not None
            key = self.builtin("str")
            return f"{self.builtin('dict')}[{key}, {self.annotation(type_ref.item)}]"
        if (enum_class := self.enum_class(type_ref)) is not None:
            if not type_ref.enum_extensible:
                return self.class_name(enum_class)
            return f"{self.class_name(enum_class)} | {self.builtin('str')}"
        python_type = special_type(type_ref)
        if python_type is not None:
            return self.python_type(python_type)
        if type_ref.kind is Kind.ANY:
            self.imports.name("typing", "Any")
            return "Any"
        return self.builtin(_SCALAR_ANNOTATIONS[type_ref.kind])

    def builtin(self, name: str) -> str:
        if name in self.shadowed:
            self.imports.module("builtins", "_builtins")
            return f"_builtins.{name}"
        return name

    def python_type(self, name: str) -> str:
        if name == "bytes":
            return self.builtin("bytes")
        self.imports.module("datetime", "_dt")
        return f"_dt.{name}"

    def model_class(self, type_ref: TypeRef) -> str:
        return self.class_name(self.models[type_ref.model or ""].class_name)

    def class_name(self, name: str) -> str:
        if not self.in_models:
            self.imports.local("models", name)
        return name

    # --- JSON to Python --------------------------------------------------------------------

    def from_wire(self, type_ref: TypeRef, expression: str, depth: int = 0) -> str:
        """An expression converting the JSON value `expression` into the Python value.

        Every value is checked against its JSON type on the way in (`_wire.checked`): a
        field typed `str | None` holds a str or None, whatever the service sent.
        """
        if type_ref.kind is Kind.MODEL:
            return f"{self.model_class(type_ref)}.from_dict({expression})"
        if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
            item = f"item{depth or ''}"
            items = self.wire(f"checked(list, {expression})")
            inner = self.from_wire(type_ref.item, item, depth + 1)
            return f"[{inner} for {item} in {items}]"
        if type_ref.kind is Kind.DICT and type_ref.item is not None:
            key, value = f"key{depth or ''}", f"value{depth or ''}"
            inner = self.from_wire(type_ref.item, value, depth + 1)
            pairs = self.wire(f"checked(dict, {expression})") + ".items()"
            return f"{{{key}: {inner} for {key}, {value} in {pairs}}}"
        if (enum_class := self.enum_class(type_ref)) is not None:
            checked = self.wire(f"checked(str, {expression})")
            if not type_ref.enum_extensible:
                return f"{self.class_name(enum_class)}({checked})"
            return self.wire(f"enum_or_text({self.class_name(enum_class)}, {checked})")
        formats = _formats(type_ref)
        if formats is not None:
            json_type = "int" if type_ref.kind is Kind.INTEGER else "str"
            checked = self.wire(f"checked({json_type}, {expression})")
            return self.wire(f"{formats[1]}({checked})")
        if type_ref.kind in JSON_SCALARS:
            return self.wire(f"checked({JSON_SCALARS[type_ref.kind]}, {expression})")
        return expression

    def kind(self, type_ref: TypeRef) -> str:
        """The JSON type of a model field as `_codec.fields` names it: `str`, `[Sku]`,
        `{datetime}`, `OrchestrationMode|str` (see the generated `_codec.fields`)."""
        if type_ref.kind is Kind.MODEL:
            return self.models[type_ref.model or ""].class_name
        if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
            return f"[{self.kind(type_ref.item)}]"
        if type_ref.kind is Kind.DICT and type_ref.item is not None:
            return f"{{{self.kind(type_ref.item)}}}"
        if (enum_class := self.enum_class(type_ref)) is not None:
            return enum_class + ("|str" if type_ref.enum_extensible else "")
        formats = _formats(type_ref)
        if formats is not None:
            return formats[1].removeprefix("parse_")
        return JSON_SCALARS.get(type_ref.kind, "any")

    # --- Python to JSON --------------------------------------------------------------------

    def to_wire(self, type_ref: TypeRef, expression: str, depth: int = 0) -> str:
        """An expression converting the Python value `expression` into a JSON value."""
        if type_ref.kind is Kind.MODEL:
            return f"{expression}.to_dict()"
        formats = _formats(type_ref)
        if formats is not None:
            return self.wire(f"{formats[2]}({expression})")
        if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
            item = f"item{depth or ''}"
            inner = self.to_wire(type_ref.item, item, depth + 1)
            return (
                f"list({expression})"
                if inner == item
                else f"[{inner} for {item} in {expression}]"
            )
        if type_ref.kind is Kind.DICT and type_ref.item is not None:
            key, value = f"key{depth or ''}", f"value{depth or ''}"
            inner = self.to_wire(type_ref.item, value, depth + 1)
            if inner == value:
                return f"dict({expression})"
            return f"{{{key}: {inner} for {key}, {value} in {expression}.items()}}"
        return expression

    def value(self, type_ref: TypeRef, value: str | int | float | bool) -> str:
        """A spec value (a constant's, a default) as the Python expression of its type: an
        enum's member (`Capacity.LARGE`), else the literal."""
        literal = python_literal(value)
        enum_class = self.enum_class(type_ref)
        if enum_class is None:
            return literal
        member = self.enum_members.get(enum_class, {}).get(str(value))
        class_name = self.class_name(enum_class)
        return f"{class_name}.{member}" if member else f"{class_name}({literal})"

    def enum_class(self, type_ref: TypeRef) -> str | None:
        """The class of a named string enum (named in the model stage), else None."""
        if type_ref.kind is not Kind.STRING or type_ref.enum_name is None:
            return None
        return self.enum_classes[type_ref.enum_name]

    def wire(self, call: str) -> str:
        """A call of a helper of the generated `_wire` module."""
        self.imports.local_module("_wire")
        return f"_wire.{call}"


def special_type(type_ref: TypeRef) -> str | None:
    """The Python type a format gives a string or an integer (`datetime`, `date`, `timedelta`,
    `bytes`), else None."""
    formats = _formats(type_ref)
    return formats[0] if formats is not None else None


def _formats(type_ref: TypeRef) -> tuple[str, str, str] | None:
    if type_ref.kind is Kind.STRING and type_ref.format in TEXT_FORMATS:
        return TEXT_FORMATS[type_ref.format]
    if type_ref.kind is Kind.INTEGER and type_ref.format == "unixtime":
        return UNIX_TIME
    return None


__all__ = [
    "JSON_SCALARS",
    "TEXT_FORMATS",
    "TypeWriter",
    "special_type",
]
