"""Enum classes: one Python class per `x-ms-enum` name, named beside the models' classes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar, cast

from generator.model.entities import Kind, TypeRef
from generator.naming import pascal_case, unique_names

_T = TypeVar("_T")


def enum_class_names(parts: Iterable[object], taken: set[str]) -> dict[str, str]:
    """A distinct class for each `x-ms-enum` name (enums of the same name are one class):
    `Enum` is added to a name a model, the client or the generated modules have, and two names
    that read alike (`poke mode`, `poke-mode`) get `PokeMode` and `PokeMode_2`."""
    candidates: dict[str, str] = {}
    for type_ref in _type_refs(parts):
        if type_ref.kind is Kind.STRING and type_ref.enum_name:
            name = pascal_case(type_ref.enum_name) or "Values"
            name = name if name[0].isalpha() else "Enum" + name
            if name in taken or name.endswith("Client"):
                name += "Enum"
            candidates[type_ref.enum_name] = name
    return unique_names(candidates, fallback="Values", reserved=taken)


def _type_refs(value: object) -> Iterator[TypeRef]:
    """Every TypeRef in a tree of the model's dataclasses and tuples."""
    if isinstance(value, TypeRef):
        yield value
        if value.item is not None:
            yield from _type_refs(value.item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _type_refs(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            yield from _type_refs(getattr(value, each.name))


def with_enum_classes(value: _T, enum_classes: Mapping[str, str]) -> _T:
    """`value` with every named string enum's TypeRef given its class."""
    result: Any = value
    if isinstance(value, TypeRef):
        changes: dict[str, Any] = {}
        if value.item is not None:
            changes["item"] = with_enum_classes(value.item, enum_classes)
        if value.kind is Kind.STRING and value.enum_name:
            changes["enum_class"] = enum_classes[value.enum_name]
        result = replace(value, **changes) if changes else value
    elif isinstance(value, tuple):
        result = tuple(with_enum_classes(item, enum_classes) for item in value)
    elif is_dataclass(value) and not isinstance(value, type):
        result = replace(
            value,
            **{
                each.name: with_enum_classes(getattr(value, each.name), enum_classes)
                for each in fields(value)
                if each.init
            },
        )
    return cast(_T, result)
