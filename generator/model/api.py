"""The Api: everything the later stages know of one spec, and the questions they ask of it
(inherited properties, discriminators, subtypes, enum classes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from generator.model.entities import (
    EnumClass,
    HostTemplate,
    Kind,
    Location,
    Model,
    OAuth2Security,
    Operation,
    OperationGroup,
    Parameter,
    ParameterGroup,
    Property,
    SpecSource,
    TypeRef,
)
from generator.model.inheritance import all_fields, all_properties


@dataclass(frozen=True)
class Api:
    title: str
    description: str
    api_version: str
    host: str
    base_path: str
    client_name: str
    operations: tuple[Operation, ...]
    models: tuple[Model, ...]
    client_parameters: tuple[Parameter, ...]
    security: tuple[OAuth2Security, ...]
    source: SpecSource
    scheme: str = "https"
    """The default endpoint's scheme: https unless the spec's `schemes` list only http."""
    groups: tuple[OperationGroup, ...] = ()
    """The operation groups, by attribute; `operations` holds every operation."""
    host_template: HostTemplate | None = None
    """`x-ms-parameterized-host`, when the spec has one: then `host` is not the endpoint."""

    @property
    def host_parameters(self) -> tuple[Parameter, ...]:
        """The host parameters, named as the client names them (method ones as their first
        operation does), in the template's order."""
        found: dict[str, Parameter] = {}
        for parameter in self.client_parameters:
            if parameter.location is Location.HOST:
                found.setdefault(parameter.wire_name, parameter)
        for operation in self.operations:
            for parameter in operation.parameters:
                if parameter.location is Location.HOST:
                    found.setdefault(parameter.wire_name, parameter)
        parts = self.host_template.parts if self.host_template else ()
        return tuple(found[wire] for wire, _ in parts if wire in found)

    @property
    def endpoint_per_call(self) -> bool:
        """A method's arguments choose the endpoint: the client cannot know it beforehand."""
        return any(not p.client_level for p in self.host_parameters)

    enums: tuple[EnumClass, ...] = ()
    parameter_groups: tuple[ParameterGroup, ...] = ()

    @cached_property
    def enum_classes(self) -> Mapping[str, str]:
        """The class of each `x-ms-enum` name."""
        return {enum.enum_name: enum.class_name for enum in self.enums}

    def enum_class(self, type_ref: TypeRef) -> str | None:
        """The class of a named string enum, else None."""
        if type_ref.kind is not Kind.STRING or type_ref.enum_name is None:
            return None
        return self.enum_classes[type_ref.enum_name]

    @property
    def client_operations(self) -> tuple[Operation, ...]:
        """The operations without a group: methods of the client itself."""
        return tuple(
            operation
            for group in self.groups
            if not group.name
            for operation in group.operations
        )

    @property
    def named_groups(self) -> tuple[OperationGroup, ...]:
        return tuple(group for group in self.groups if group.name)

    def model(self, name: str) -> Model:
        return self._models_by_name[name]

    @cached_property
    def _models_by_name(self) -> Mapping[str, Model]:
        return {model.name: model for model in self.models}

    def declarer(self, name: str, *, strict: bool = False) -> Model | None:
        """The nearest model, `name` itself first unless `strict`, then its bases depth first
        in `allOf` order, that declares a `discriminator`."""
        model = self.model(name)
        if model.discriminator is not None and not strict:
            return model
        for base in model.bases:
            if (found := self.declarer(base)) is not None:
                return found
        return None

    def discriminators(self, name: str) -> tuple[Property, ...]:
        """The discriminator properties `name` sets: every one its hierarchy declares, outermost
        first. A class's value answers to the nearest base's discriminator (and to its own,
        when it declares one); the outer ones keep the value its bases set."""
        found: list[Property] = []
        owner = self.declarer(name)
        while owner is not None:
            found.insert(
                0,
                next(
                    p
                    for p in self.all_properties(owner.name)
                    if p.wire_name == owner.discriminator
                ),
            )
            owner = self.declarer(owner.name, strict=True)
        return tuple(found)

    def subtypes(self, name: str) -> tuple[Model, ...]:
        """Every model that extends `name`, directly or not, by name."""
        found: dict[str, Model] = {}
        for model in self.models:
            if name in model.bases:
                found[model.name] = model
                found.update((sub.name, sub) for sub in self.subtypes(model.name))
        return tuple(found[key] for key in sorted(found))

    def all_properties(self, name: str) -> tuple[Property, ...]:
        """Inherited properties first (base by base, in `allOf` order), then the model's own."""
        return all_properties(self.model, name)

    def all_fields(self, name: str) -> tuple[Property, ...]:
        """The fields of `name`'s class, inherited ones first: `all_properties` with every
        flattened property replaced by the fields it stands for (model/flattening.py).
        """
        return all_fields(self.model, name)

    @cached_property
    def class_models(self) -> tuple[Model, ...]:
        """The models that get a class: `models`, less each object that only flattened
        properties hold (its fields live in its holders). `models` keeps them all, as the
        wire has them, for diff."""
        held = {p.type.model for m in self.models for p in m.properties if p.flattened}
        if not held:
            return self.models
        used = self._models_used()
        return tuple(m for m in self.models if m.name not in held or m.name in used)

    def _models_used(self) -> set[str]:
        """Every model the client's methods, fields, bases and subclasses name."""
        pending = [t for operation in self.operations for t in _types_of(operation)]
        pending += [f.type for group in self.parameter_groups for f in group.fields]
        used: set[str] = set()
        while pending:
            type_ref = pending.pop()
            if type_ref.item is not None:
                pending.append(type_ref.item)
            if type_ref.model is None or type_ref.model in used:
                continue
            used.add(type_ref.model)
            model = self.model(type_ref.model)
            pending += [f.type for f in model.fields]
            pending += [TypeRef(Kind.MODEL, model=name) for name in model.bases]
            pending += [
                TypeRef(Kind.MODEL, model=m.name) for m in self.subtypes(model.name)
            ]
            if model.additional is not None:
                pending.append(model.additional.type)
        return used


def _types_of(operation: Operation) -> list[TypeRef]:
    found = [p.type for p in operation.parameters]
    found += [r.type for r in operation.responses if r.type is not None]
    found += [h.type for r in operation.responses for h in r.headers]
    if operation.body is not None:
        found.append(operation.body.type)
        found += [p.type for p in operation.body.flattened]
    if operation.paging is not None:
        found.append(TypeRef(Kind.MODEL, model=operation.paging.page_model))
    return found
