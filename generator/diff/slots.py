"""Every place in an API model that holds a type, located as the changes to it are.

A slot is a model's own property or one of its `allOf` bases, or an operation's parameter,
body, response or response header. Enums list their uses by slot, and reachability follows
slots back to the change that made a model or enum reachable or not, so a slot's location
is exactly the location a change at that place carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.diff.bodies import body_where
from generator.diff.context import Where
from generator.diff.defined import leaf
from generator.diff.models import property_where
from generator.diff.parameters import parameter_where
from generator.diff.polymorphism import model_where
from generator.diff.responses import header_where, response_where
from generator.model import Api, Kind, TypeRef


@dataclass(frozen=True)
class Slot:
    where: Where
    type: TypeRef
    model: str | None = None
    """The model holding it, for a property or a base."""
    operation: str | None = None
    """The operationId holding it, for a parameter, body, response or header."""
    base: bool = False

    @property
    def enum_name(self) -> str | None:
        found = leaf(self.type)
        return found.enum_name if found.kind is Kind.STRING else None

    def refers_to_model(self, name: str) -> bool:
        found = leaf(self.type)
        return found.kind is Kind.MODEL and found.model == name


def slots(api: Api) -> Iterator[Slot]:
    """Models by name, then operations in the model's order."""
    for model in sorted(api.models, key=lambda m: m.name):
        for base in model.bases:
            yield Slot(
                model_where(model),
                TypeRef(Kind.MODEL, model=base),
                model=model.name,
                base=True,
            )
        for prop in model.properties:
            yield Slot(property_where(model, model.name, prop), prop.type, model.name)
    for operation in api.operations:
        op_id = operation.operation_id
        for parameter in operation.parameters:
            yield Slot(
                parameter_where(operation, parameter), parameter.type, operation=op_id
            )
        if operation.body is not None:
            yield Slot(
                body_where(operation, operation.body),
                operation.body.type,
                operation=op_id,
            )
        for response in operation.responses:
            if response.type is not None:
                yield Slot(
                    response_where(operation, response), response.type, operation=op_id
                )
            for header in response.headers:
                yield Slot(
                    header_where(operation, response, header),
                    header.type,
                    operation=op_id,
                )
