"""Facts about the whole spec document the builder needs: which operations and definitions
it has, where its paths are, its scheme and security, and the one-error-model rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.load import LoadedSpec, Node
from generator.model.entities import OAuth2Security, Operation
from generator.model.nodes import text_value


def definition_names(spec: LoadedSpec) -> set[str]:
    names: set[str] = set()
    for document in spec.documents.values():
        definitions = (
            document.get("definitions") if isinstance(document, Mapping) else None
        )
        if isinstance(definitions, Mapping):
            names.update(str(name) for name in definitions)
    return names


def operation_ids(root: Node) -> list[str]:
    paths = root.value.get("paths")
    return [
        str(operation["operationId"])
        for item in (paths.values() if isinstance(paths, Mapping) else ())
        if isinstance(item, Mapping)
        for operation in item.values()
        if isinstance(operation, Mapping) and "operationId" in operation
    ]


def check_one_error_model(
    operations: Sequence[Operation], nodes: Mapping[str, Node]
) -> None:
    """The client raises one ServiceError type whose fields come from one error model; an
    operation whose `default` response is not that model is refused at its own place."""
    first: tuple[str, str] | None = None
    for op in operations:
        error = op.error_response
        if error is None or error.type is None:
            continue
        model = error.type.model
        place = nodes[op.operation_id].child("responses").child("default")
        if model is None:
            raise place.error(
                "an error response that is not a model (an object schema) is not"
                " supported yet"
            )
        if first is None:
            first = (op.operation_id, model)
        elif model != first[1]:
            raise place.error(
                f"its error model {model!r} differs from {first[1]!r} of"
                f" {first[0]}: one client with different error models is not"
                " supported yet"
            )


def path_keys(root: Node) -> list[tuple[Node, str]]:
    """The path templates of `paths`, then of `x-ms-paths` (AutoRest's way to give a path
    twice: a `?name` after it only tells the keys apart), each with its section."""
    keys = []
    for name in ("paths", "x-ms-paths"):
        section = root.get(name)
        if section is not None and isinstance(section.value, Mapping):
            keys += [(section, str(path)) for path in section.value]
    return keys


def is_global(node: Node) -> bool:
    """A parameter from a `parameters` section is a client parameter unless it says otherwise."""
    return node.pointer.startswith("/parameters/")


def scheme(root: Node) -> str:
    """https when the spec lists it or lists no scheme; http when that is all it lists."""
    schemes = root.value.get("schemes")
    if isinstance(schemes, list) and "http" in schemes and "https" not in schemes:
        return "http"
    return "https"


def security(root: Node) -> tuple[OAuth2Security, ...]:
    definitions = root.get("securityDefinitions")
    result = []
    for name in sorted(definitions.value) if definitions else ():
        assert definitions is not None
        entry = definitions.child(name)
        if entry.value.get("type") != "oauth2":
            continue
        scopes = entry.value.get("scopes", {})
        result.append(
            OAuth2Security(
                name=name,
                flow=str(entry.value.get("flow", "")),
                authorization_url=str(entry.value.get("authorizationUrl", "")),
                description=text_value(entry, "description"),
                scopes=tuple((str(k), str(v)) for k, v in sorted(scopes.items())),
            )
        )
    return tuple(result)
