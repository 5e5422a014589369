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
        return next(model for model in self.models if model.name == name)

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
        model = self.model(name)
        inherited: dict[str, Property] = {}
        for base in model.bases:
            for prop in self.all_properties(base):
                inherited.setdefault(prop.wire_name, prop)
        own = {prop.wire_name: prop for prop in model.properties}
        return tuple(p for w, p in inherited.items() if w not in own) + model.properties
