"""Schemas: the TypeRef of every schema an operation reaches, and the Model of every object
definition (with its `allOf` bases) that it names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import SpecError, display_path
from generator.load import LoadedSpec, Node
from generator.model.constants import property_default
from generator.model.definitions import (
    cross_file_names,
    definition_name,
    python_class_name,
    relative_to_root,
)
from generator.model.entities import (
    AdditionalProperties,
    Constraints,
    Kind,
    Model,
    Property,
    TypeRef,
)
from generator.model.flattening import (
    FLATTEN_EXTENSION,
    flattened_fields,
    flattening_reaches,
    keeps_its_nesting,
)
from generator.model.inheritance import all_fields, all_properties
from generator.model.nodes import flag_value, python_candidate, required_key, text_value
from generator.model.reserved import MODEL_RESERVED
from generator.naming import pascal_case, unique_names

UNSUPPORTED_SCHEMA_KEYWORDS = ("anyOf", "oneOf")
POLYMORPHIC_RESERVED = frozenset({"additional_properties", "field"})
"""What a property of a polymorphic model cannot be called: the field keeping what this version
does not know, and the dataclass helper its class body calls."""
_PRIMITIVES = {
    "string": Kind.STRING,
    "boolean": Kind.BOOLEAN,
    "integer": Kind.INTEGER,
    "number": Kind.NUMBER,
    "file": Kind.BINARY,
}


class SchemaReader:
    """Reads schemas on demand; the models it meets are kept until `finish` names them all."""

    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.model_nodes: dict[str, Node] = {}
        self.models: dict[str, Model] = {}
        self.models_in_progress: set[str] = set()
        self.cross_file_names = cross_file_names(spec)
        self.scanned: set[tuple[Path, str]] = set()
        """The polymorphic models whose subclasses were looked for."""

    def finish(self) -> dict[str, Model]:
        """Read every model registered so far, and those they reach in turn."""
        while pending := sorted(set(self.model_nodes) - set(self.models)):
            for name in pending:
                self.model(name)
            self._register_subclasses()
        self._check_discriminator_values()
        return self.models

    def _check_discriminator_values(self) -> None:
        """Two classes that answer to one discriminator cannot share a value: reading could
        not tell them apart."""
        seen = {
            (name, model.discriminator_value or ""): name
            for name, model in self.models.items()
            if model.discriminator is not None
        }
        for name in sorted(self.models):
            value = self.models[name].discriminator_value
            owner = self._declarer(self.models[name].bases)
            if value is None or owner is None:
                continue
            other = seen.setdefault((owner, value), name)
            if other != name:
                raise self.model_nodes[name].error(
                    f"discriminator value {value!r} is also {other!r}'s"
                )

    def _declarer(self, bases: tuple[str, ...]) -> str | None:
        """The nearest of `bases` (depth first) that declares a discriminator."""
        for base in bases:
            if self.models[base].discriminator is not None:
                return base
            if (found := self._declarer(self.models[base].bases)) is not None:
                return found
        return None

    def _register_subclasses(self) -> None:
        """Register every definition, in every file read, that extends a polymorphic model
        through `allOf`: no operation names a subclass, the service sends it."""
        polymorphic = {
            (node.file, node.pointer)
            for name, node in self.model_nodes.items()
            if name in self.models and self.models[name].discriminator_value is not None
        }
        if polymorphic <= self.scanned:
            return
        self.scanned |= polymorphic
        for file in sorted(self.spec.documents):
            definitions = Node(file, "", self.spec.documents[file]).get("definitions")
            if definitions is None or not isinstance(definitions.value, Mapping):
                continue
            for name in definitions.value:
                node = definitions.child(name)
                entries = node.get("allOf") if isinstance(node.value, Mapping) else None
                if entries is None or not isinstance(entries.value, list):
                    continue
                for index in range(len(entries.value)):
                    target = self.spec.ref_target(entries.child(index))
                    if (
                        target is not None
                        and (target.file, target.pointer) in polymorphic
                    ):
                        model_name = str(name)
                        model_name = self.cross_file_names.get(
                            (file, model_name), model_name
                        )
                        self._register_model(model_name, node)
                        break

    def type_of(self, node: Node, hint: str = "") -> TypeRef:
        """The TypeRef of a schema, parameter or header node; registers the models it reaches.

        `hint` names an inline object schema's model, as AutoRest does: owner + property.
        """
        if self.spec.ref_target(node) is not None:
            target = self.spec.deref(node)
            name = definition_name(target)
            if name is not None and is_object_schema(target.value):
                name = self.cross_file_names.get((target.file, name), name)
                self._register_model(name, target)
                return TypeRef(Kind.MODEL, model=name)
            return self.type_of(target, name or hint)
        value = node.value
        for keyword in (*UNSUPPORTED_SCHEMA_KEYWORDS, "discriminator"):
            if keyword in value:
                raise node.child(keyword).error(f"'{keyword}' is not supported yet")
        if "allOf" in value:
            return self._inline_all_of(node)
        declared = value.get("type")
        if declared == "array":
            items = required_key(node, "items")
            return TypeRef(Kind.ARRAY, item=self.type_of(items, hint and hint + "Item"))
        if declared == "object" or (
            declared is None
            and ("properties" in value or "additionalProperties" in value)
        ):
            additional = node.get("additionalProperties")
            if additional is not None and additional.value is False:
                additional = None  # "no other keys": the same Python type
            if "properties" in value or additional is None:
                if not value.get("properties") and additional is None:
                    return TypeRef(Kind.ANY)
                if not hint:
                    raise node.error("an inline object schema needs a named owner")
                name = self._unused_model_name(pascal_case(hint), node)
                self._register_model(name, node)
                return TypeRef(Kind.MODEL, model=name)
            if additional.value is True or additional.value == {}:
                return TypeRef(Kind.DICT, item=TypeRef(Kind.ANY))
            return TypeRef(
                Kind.DICT, item=self.type_of(additional, hint and hint + "Value")
            )
        if declared is None:
            return TypeRef(Kind.ANY)
        if not isinstance(declared, str) or declared not in _PRIMITIVES:
            raise node.error(f"type {declared!r} is not supported")
        if declared == "string" and value.get("format") == "binary":
            return TypeRef(Kind.BINARY, format="binary")
        return TypeRef(
            _PRIMITIVES[declared], format=value.get("format"), **enum_fields(node)
        )

    def _inline_all_of(self, node: Node) -> TypeRef:
        """`{allOf: [{$ref: X}], description: ...}` is X with a description: Azure's idiom."""
        entries = required_key(node, "allOf")
        if len(entries.value) != 1 or "properties" in node.value:
            raise entries.error(
                "inline object schemas are not supported yet: move it to definitions"
            )
        return self.type_of(entries.child(0))

    def _unused_model_name(self, name: str, node: Node) -> str:
        """`name`, or `name2`, ... when another schema already has it."""
        candidate, counter = name, 2
        while (known := self.model_nodes.get(candidate)) is not None and (
            known.file,
            known.pointer,
        ) != (node.file, node.pointer):
            candidate, counter = f"{name}{counter}", counter + 1
        return candidate

    def _register_model(self, name: str, node: Node) -> None:
        known = self.model_nodes.get(name)
        if known is None:
            self.model_nodes[name] = node
        elif (known.file, known.pointer) != (node.file, node.pointer):
            raise node.error(
                f"two definitions are named {name!r}"
                f" (also {display_path(known.file)}#{known.pointer})"
            )

    def model(self, name: str) -> Model:
        if name in self.models:
            return self.models[name]
        node = self.model_nodes[name]
        for keyword in UNSUPPORTED_SCHEMA_KEYWORDS:
            if keyword in node.value:
                raise node.child(keyword).error(f"'{keyword}' is not supported yet")
        if name in self.models_in_progress:
            raise node.error(f"model {name!r} extends itself through allOf")
        self.models_in_progress.add(name)
        bases = self._bases(node)
        discriminator = _discriminator(node)
        polymorphic = discriminator is not None or any(
            self.models[base].discriminator_value is not None for base in bases
        )
        required: set[str] = set()
        declared: dict[str, Node] = {}
        for source in (node, *_inline_parts(node)):
            required.update(source.value.get("required", ()))
            if (properties_node := source.get("properties")) is not None:
                declared.update(
                    (wire, properties_node.child(wire))
                    for wire in properties_node.value
                )
        inherited = {p.wire_name for base in bases for p in self.all_properties(base)}
        if unknown := sorted(required - set(declared) - inherited):
            raise node.error(
                f"required property {unknown[0]!r} is not among the properties"
            )
        if discriminator is not None and discriminator.value not in (
            set(declared) | inherited
        ):
            raise discriminator.error(
                f"discriminator {discriminator.value!r} is not among the properties"
            )
        names = unique_names(
            {wire: python_candidate(prop, wire) for wire, prop in declared.items()},
            fallback="field",
            reserved=MODEL_RESERVED | (POLYMORPHIC_RESERVED if polymorphic else set()),
        )
        properties = []
        for wire, prop in declared.items():
            resolved = self.spec.deref(prop)
            mutability = _mutability(prop, resolved)
            type_ref = self.type_of(prop, f"{name}_{wire}")
            constant, default = property_default(
                prop, resolved, type_ref, required=wire in required
            )
            properties.append(
                Property(
                    wire_name=wire,
                    python_name=names[wire],
                    type=type_ref,
                    required=wire in required,
                    read_only=_keyword(prop, resolved, "readOnly")
                    or mutability == ("read",),
                    description=text_value(prop, "description")
                    or text_value(resolved, "description"),
                    constraints=constraints(resolved.value),
                    secret=_keyword(prop, resolved, "x-ms-secret"),
                    mutability=mutability,
                    nullable=_keyword(prop, resolved, "x-nullable"),
                    constant=constant,
                    default=default,
                    flattened=flag_value(prop, FLATTEN_EXTENSION)
                    and self._flattenable(type_ref, prop, node),
                )
            )
        reserved = MODEL_RESERVED | (POLYMORPHIC_RESERVED if polymorphic else set())
        fields = flattened_fields(
            self.model,
            properties,
            taken=reserved
            | {p.python_name for p in properties if not p.flattened}
            | {f.python_name for base in bases for f in self.all_fields(base)},
        )
        model = Model(
            name=name,
            class_name=python_class_name(name),
            description=self._explained(name, node, text_value(node, "description")),
            properties=tuple(properties),
            external=flag_value(node, "x-ms-external"),
            bases=bases,
            discriminator=None if discriminator is None else discriminator.value,
            discriminator_value=(
                _discriminator_value(node, name) if polymorphic else None
            ),
            additional=(
                None
                if polymorphic
                else self._additional(
                    node,
                    name,
                    bases,
                    {p.python_name for p in (properties if fields is None else fields)},
                )
            ),
            flattened_fields=fields,
        )
        self.models[name] = model
        self.models_in_progress.discard(name)
        return model

    def _explained(self, name: str, node: Node, description: str) -> str:
        """A renamed definition's description says which file's definition it is, and why."""
        spec_name = definition_name(node)
        if spec_name is None or spec_name == name:
            return description
        where = relative_to_root(node.file, self.spec.root_file)
        note = (
            f"The definition {spec_name!r} of {where}, named {name} here because other"
            f" files of the spec define {spec_name!r} too."
        )
        return f"{description}\n\n{note}" if description else note

    def _additional(
        self, node: Node, name: str, bases: tuple[str, ...], own_names: set[str]
    ) -> AdditionalProperties | None:
        """`additionalProperties` beside named properties: a dict field for the other keys,
        named `additional_properties` unless a property (own or inherited) has that name.
        A polymorphic model has none: its hierarchy's `additional_properties` already keeps
        every key it does not name, and sends it back."""
        additional = node.get("additionalProperties")
        if (
            additional is None
            or additional.value is False
            or "properties" not in node.value
        ):
            return None
        if additional.value is True or additional.value == {}:
            value_type = TypeRef(Kind.ANY)
        else:
            value_type = self.type_of(additional, f"{name}Value")
        taken = own_names | {
            prop.python_name for base in bases for prop in self.all_fields(base)
        }
        python_name = unique_names(
            {"": "additional_properties"},
            fallback="additional_properties",
            reserved=MODEL_RESERVED | taken,
        )[""]
        return AdditionalProperties(python_name=python_name, type=value_type)

    def all_properties(self, name: str) -> tuple[Property, ...]:
        """Inherited properties first, then the model's own; as Api.all_properties."""
        return all_properties(self.model, name)

    def all_fields(self, name: str) -> tuple[Property, ...]:
        """The fields of `name`'s class, inherited ones first; as Api.all_fields."""
        return all_fields(self.model, name)

    def _flattenable(self, type_ref: TypeRef, prop: Node, holder: Node) -> bool:
        """Whether the property `prop` of `holder`, marked `x-ms-client-flatten`, can be
        flattened (see model/flattening.py). An object that reaches its holder again, through
        what it flattens or extends, keeps its nesting: decided from the spec alone, so both
        sides of such a loop stay nested whichever model is read first."""
        if type_ref.kind is not Kind.MODEL or type_ref.model is None:
            return False
        if type_ref.model in self.models_in_progress or flattening_reaches(
            self.spec, prop, holder
        ):
            return False
        in_progress = set(self.models_in_progress)
        try:
            self.model(type_ref.model)
        except SpecError:
            self.models_in_progress = in_progress
            return False
        return not keeps_its_nesting(self.model, type_ref.model)

    def discriminator_wires(self, name: str) -> set[str]:
        """The discriminators of `name`'s hierarchy: each class sets them, never a caller."""
        model = self.model(name)
        found = {model.discriminator} if model.discriminator else set()
        for base in model.bases:
            found |= self.discriminator_wires(base)
        return found

    def _bases(self, node: Node) -> tuple[str, ...]:
        entries = node.get("allOf")
        bases: list[str] = []
        for index in range(len(entries.value) if entries else 0):
            assert entries is not None
            entry = entries.child(index)
            if _is_inline_part(entry):
                continue
            base = self.type_of(entry)
            if base.kind is not Kind.MODEL or base.model is None:
                raise entry.error("allOf entries must reference object definitions")
            self.model(base.model)
            bases.append(base.model)
        return tuple(bases)


def _discriminator(node: Node) -> Node | None:
    found = node.get("discriminator")
    if found is not None and (not isinstance(found.value, str) or not found.value):
        raise found.error("discriminator must name a property")
    return found


def _discriminator_value(node: Node, name: str) -> str:
    value = node.value.get("x-ms-discriminator-value")
    if value is None:
        return name
    if not isinstance(value, str) or not value:
        raise node.child("x-ms-discriminator-value").error("must be a non-empty string")
    return value


def _is_inline_part(entry: Node) -> bool:
    """An `allOf` entry that adds properties in place (`{type: object, properties: ...}`),
    rather than naming a base."""
    value = entry.value
    return (
        isinstance(value, Mapping)
        and "$ref" not in value
        and "properties" in value
        and not any(key in value for key in ("allOf", "discriminator"))
    )


def _inline_parts(node: Node) -> list[Node]:
    entries = node.get("allOf")
    if entries is None or not isinstance(entries.value, list):
        return []
    return [
        entries.child(i)
        for i in range(len(entries.value))
        if _is_inline_part(entries.child(i))
    ]


def _keyword(prop: Node, resolved: Node, key: str) -> bool:
    """A flag of the property, or else of the schema it refers to."""
    return bool(prop.value.get(key, resolved.value.get(key, False)) is True)


def _mutability(prop: Node, resolved: Node) -> tuple[str, ...]:
    value = prop.value.get("x-ms-mutability", resolved.value.get("x-ms-mutability"))
    if not isinstance(value, list):
        return ()
    return tuple(sorted({str(item) for item in value}))


def is_object_schema(value: Any) -> bool:
    if not isinstance(value, Mapping):
        return False
    if "properties" in value or "allOf" in value:
        return True
    return value.get("type") == "object" and "additionalProperties" not in value


def enum_fields(node: Node) -> dict[str, Any]:
    values = node.value.get("enum")
    if not values:
        return {}
    if not isinstance(values, list):
        raise node.child("enum").error("enum must be a list")
    extension = node.value.get("x-ms-enum")
    if not isinstance(extension, Mapping):
        return {"enum_values": tuple(values), "enum_extensible": False}
    name = extension.get("name")
    return {
        "enum_values": tuple(values),
        "enum_name": name if isinstance(name, str) and name else None,
        "enum_extensible": extension.get("modelAsString", False) is True,
    }


def constraints(value: Mapping[str, Any]) -> Constraints:
    return Constraints(
        pattern=value.get("pattern"),
        min_length=value.get("minLength"),
        max_length=value.get("maxLength"),
        minimum=value.get("minimum"),
        maximum=value.get("maximum"),
        min_items=value.get("minItems"),
        max_items=value.get("maxItems"),
    )
