"""`x-ms-client-flatten` on model properties, as AutoRest does it: the properties of the object
a flattened property holds become fields of the model that holds it (`result.provisioning_state`
for `{"properties": {"provisioningState": ...}}`), in its place and in both directions.

A field keeps its wire path (`Property.wire_path`), so reading and writing follow the nesting
the service expects. A lifted field is required only when both its property and the flattened
one are. Its name is its own unless the model already has it; then the path is added, as
AutoRest names it (`type` under `properties` beside the resource's `type` becomes
`type_properties_type`).

Some objects keep their nesting: a polymorphic one (reading needs its discriminator at its own
level, as AutoRest keeps it), one with `additionalProperties` (its other keys would have
nowhere to go) and one that reaches its holder again (the fields would never end).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from generator.load import LoadedSpec, Node
from generator.model.entities import Model, Property
from generator.model.inheritance import all_fields
from generator.model.nodes import flag_value
from generator.naming import snake_case, unique_names

FLATTEN_EXTENSION = "x-ms-client-flatten"


def keeps_its_nesting(model_of: Callable[[str], Model], name: str) -> bool:
    """Whether the object `name` cannot be flattened into its holder (see the module's
    docstring): polymorphic, or with `additionalProperties`, itself or through a base.
    """
    model = model_of(name)
    if (
        model.discriminator is not None
        or model.discriminator_value is not None
        or model.additional is not None
    ):
        return True
    return any(keeps_its_nesting(model_of, base) for base in model.bases)


def flattened_fields(
    model_of: Callable[[str], Model],
    properties: Iterable[Property],
    taken: Iterable[str],
) -> tuple[Property, ...] | None:
    """The own fields of a model whose `properties` include flattened ones, else None.

    `taken` holds the names the class already uses: its other properties, its inherited
    fields and the names the generated code reserves.
    """
    properties = tuple(properties)
    if not any(prop.flattened for prop in properties):
        return None
    lifted = {
        prop.wire_name: tuple(
            _lifted(holder=prop, field=field)
            for field in all_fields(model_of, prop.type.model or "")
        )
        for prop in properties
        if prop.flattened
    }
    everyone = [field for fields in lifted.values() for field in fields]
    counts = Counter(field.python_name for field in everyone)
    taken = frozenset(taken)
    candidates = {
        field.wire_key: (
            field.python_name
            if field.python_name not in taken and counts[field.python_name] == 1
            else snake_case("_".join((field.python_name, *field.wire_location)))
        )
        for field in everyone
    }
    names = unique_names(candidates, fallback="field", reserved=taken)
    fields: list[Property] = []
    for prop in properties:
        if not prop.flattened:
            fields.append(prop)
            continue
        fields += (
            replace(field, python_name=names[field.wire_key])
            for field in lifted[prop.wire_name]
        )
    return tuple(fields)


def _lifted(holder: Property, field: Property) -> Property:
    return replace(
        field,
        wire_path=(holder.wire_name, *field.wire_path),
        required=holder.required and field.required,
        read_only=holder.read_only or field.read_only,
    )


def flattening_reaches(spec: LoadedSpec, start: Node, goal: Node) -> bool:
    """Whether the schema at `start`, its `allOf` bases and the objects it flattens in turn
    reach `goal`: read from the spec alone, so a loop is found whichever model is read first.
    """
    pending, seen = [spec.deref(start)], set()
    while pending:
        node = pending.pop()
        where = (node.file, node.pointer)
        if where == (goal.file, goal.pointer):
            return True
        if where in seen or not isinstance(node.value, Mapping):
            continue
        seen.add(where)
        entries = node.get("allOf")
        if entries is not None and isinstance(entries.value, list):
            pending += [spec.deref(entries.child(i)) for i in range(len(entries.value))]
        properties = node.get("properties")
        if properties is not None and isinstance(properties.value, Mapping):
            pending += [
                spec.deref(properties.child(wire))
                for wire in properties.value
                if isinstance(properties.value[wire], Mapping)
                and flag_value(properties.child(wire), FLATTEN_EXTENSION)
            ]
    return False
