"""Enum classes: one Python class per `x-ms-enum` name, named beside the models' classes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.model.entities import (
    EnumClass,
    Kind,
    Model,
    Operation,
    Property,
    TypeRef,
)
from generator.naming import pascal_case, unique_names


def enum_classes(
    models: Iterable[Model], operations: Iterable[Operation], taken: set[str]
) -> tuple[EnumClass, ...]:
    """A distinct class for each `x-ms-enum` name (enums of the same name are one class):
    `Enum` is added to a name a model, the client or the generated modules have, and two names
    that read alike (`poke mode`, `poke-mode`) get `PokeMode` and `PokeMode_2`."""
    candidates: dict[str, str] = {}
    for type_ref in _leaves(_type_refs(models, operations)):
        if type_ref.kind is Kind.STRING and type_ref.enum_name:
            name = pascal_case(type_ref.enum_name) or "Values"
            name = name if name[0].isalpha() else "Enum" + name
            if name in taken or name.endswith("Client"):
                name += "Enum"
            candidates[type_ref.enum_name] = name
    names = unique_names(candidates, fallback="Values", reserved=taken)
    return tuple(EnumClass(enum_name, names[enum_name]) for enum_name in names)


def _type_refs(
    models: Iterable[Model], operations: Iterable[Operation]
) -> Iterator[TypeRef]:
    """Every type the models and the operations name: properties, parameters, bodies,
    responses and their headers, and the pages' properties."""
    for model in models:
        yield from _property_types(model.properties)
    for operation in operations:
        yield from (parameter.type for parameter in operation.parameters)
        if operation.body is not None:
            yield operation.body.type
            yield from _property_types(operation.body.flattened)
        for response in operation.responses:
            if response.type is not None:
                yield response.type
            yield from (header.type for header in response.headers)
        if operation.paging is not None:
            yield operation.paging.item.type
            if operation.paging.next_link is not None:
                yield operation.paging.next_link.type


def _property_types(properties: Iterable[Property]) -> Iterator[TypeRef]:
    return (prop.type for prop in properties)


def _leaves(type_refs: Iterable[TypeRef]) -> Iterator[TypeRef]:
    """Each type, then the item types of arrays and maps."""
    for type_ref in type_refs:
        while True:
            yield type_ref
            if type_ref.item is None:
                break
            type_ref = type_ref.item
