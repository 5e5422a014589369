"""What an operation sends and answers, read from the spec: its body (flattened, or omitted
only through a sentinel), its responses with their headers, and its examples."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.extensions import OMIT_SENTINEL_EXTENSION
from generator.load import LoadedSpec, Node
from generator.model.entities import (
    Body,
    ExampleRef,
    Header,
    Kind,
    OmitSentinel,
    Property,
    Response,
)
from generator.model.nodes import flag_value, python_candidate, required_key, text_value
from generator.model.reserved import RESERVED_CLASS_NAMES, RESERVED_CONSTANTS
from generator.model.schemas import SchemaReader
from generator.naming import pascal_case, snake_case

_SENTINEL_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")


class MessageReader:
    """Bodies, responses and examples of operations; remembers each sentinel's name node so
    the builder can refuse one that takes another class's name."""

    def __init__(self, spec: LoadedSpec, schemas: SchemaReader) -> None:
        self.spec = spec
        self.schemas = schemas
        self.sentinel_nodes: dict[str, Node] = {}

    def body(self, node: Node, operation_name: str) -> Body:
        schema = required_key(node, "schema")
        body_type = self.schemas.type_of(schema, f"{operation_name}_body")
        required = bool(node.value.get("required", False))
        flattened: tuple[Property, ...] = ()
        if flag_value(node, "x-ms-client-flatten"):
            if body_type.kind is not Kind.MODEL or body_type.model is None:
                raise node.error(
                    "x-ms-client-flatten needs a body whose schema is a model"
                )
            set_by_class = self.schemas.discriminator_wires(body_type.model)
            flattened = tuple(
                p
                for p in self.schemas.all_fields(body_type.model)
                if p.wire_location[0] not in set_by_class and not p.constant
            )
        sentinel = self._omit_sentinel(node, required, flattened)
        return Body(
            wire_name=str(node.value["name"]),
            python_name=python_candidate(node),
            type=body_type,
            required=required,
            description=text_value(node, "description"),
            flattened=flattened,
            omit_sentinel=sentinel,
        )

    def _omit_sentinel(
        self, node: Node, required: bool, flattened: tuple[Property, ...]
    ) -> OmitSentinel | None:
        extension = node.get(OMIT_SENTINEL_EXTENSION)
        if extension is None:
            return None
        if not isinstance(extension.value, Mapping):
            raise extension.error(
                f"{OMIT_SENTINEL_EXTENSION} must be a mapping with a 'name'"
            )
        name_node = required_key(extension, "name")
        name = name_node.value
        if not isinstance(name, str) or not _SENTINEL_NAME.fullmatch(name):
            raise name_node.error(
                f"sentinel name must be UPPER_SNAKE_CASE, not {name!r}"
            )
        class_name = pascal_case(name.lower())
        if name in RESERVED_CONSTANTS or class_name in RESERVED_CLASS_NAMES:
            raise name_node.error(
                f"sentinel name {name!r} is taken by the generated client"
            )
        if class_name == name:
            raise name_node.error(
                f"sentinel name {name!r} would also be its class's name: add a word"
            )
        self.sentinel_nodes.setdefault(class_name, name_node)
        if required:
            raise extension.error(
                "a required body cannot be omitted, so it cannot have a sentinel"
            )
        if len(flattened) > 1:
            raise extension.error(
                "a flattened body with a sentinel must have exactly one property"
            )
        return OmitSentinel(
            name=name,
            class_name=class_name,
            description=text_value(extension, "description"),
        )

    def responses(self, node: Node, operation_name: str) -> tuple[Response, ...]:
        responses = []
        for status in node.value:
            if not (status == "default" or (status.isdigit() and len(status) == 3)):
                if status.startswith("x-"):
                    continue
                raise node.child(status).error(
                    f"response key {status!r} is not a status code"
                )
            response = self.spec.deref(node.child(status))
            schema = response.get("schema")
            header_nodes = response.get("headers")
            headers = tuple(
                Header(
                    wire_name=wire,
                    python_name=snake_case(wire) or "header",
                    type=self.schemas.type_of(header_nodes.child(wire)),
                    description=text_value(header_nodes.child(wire), "description"),
                )
                for wire in (
                    sorted(header_nodes.value, key=str.lower) if header_nodes else ()
                )
                if header_nodes is not None
            )
            responses.append(
                Response(
                    status=status,
                    description=text_value(response, "description"),
                    type=(
                        self.schemas.type_of(schema, f"{operation_name}_response")
                        if schema
                        else None
                    ),
                    headers=headers,
                    error=error_flag(response, status),
                )
            )
        return tuple(sorted(responses, key=lambda r: (r.status == "default", r.status)))

    def examples(self, node: Node) -> tuple[ExampleRef, ...]:
        examples = node.get("x-ms-examples")
        if examples is None:
            return ()
        if not isinstance(examples.value, Mapping):
            raise examples.error("x-ms-examples must map titles to {$ref: file}")
        result = []
        for title in examples.value:
            entry = examples.child(title)
            ref = entry.value.get("$ref") if isinstance(entry.value, Mapping) else None
            if not isinstance(ref, str):
                raise entry.error(
                    "an x-ms-examples entry must be a {$ref: file} mapping"
                )
            result.append(
                ExampleRef(title=title, file=(node.file.parent / ref).resolve())
            )
        return tuple(result)


ERROR_RESPONSE_EXTENSION = "x-ms-error-response"


def error_flag(response: Node, status: str) -> bool:
    """`x-ms-error-response` of a response: true makes its status an error, even a 2xx, as
    AutoRest reads it. Anything but a boolean, or false on `default` (always the error
    response), cannot be honoured and is refused."""
    flag = response.get(ERROR_RESPONSE_EXTENSION)
    if flag is None:
        return False
    if not isinstance(flag.value, bool):
        raise flag.error(f"{ERROR_RESPONSE_EXTENSION} must be true or false")
    if status == "default" and not flag.value:
        raise flag.error(
            f"{ERROR_RESPONSE_EXTENSION}: false cannot make the default response a"
            " success: it is always the error response"
        )
    return flag.value and status != "default"
