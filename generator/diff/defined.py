"""What a side's spec files define, whether or not the compared operations reach it.

The API model holds only what the selected operations reach, so a model that is missing from
NEW's model may be gone from the files (removed) or merely no longer used (no longer
reachable). Telling the two apart needs the names the files define: every `definitions` key
of every file the spec loads, and every `x-ms-enum` name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.load import LoadedSpec
from generator.load.refs import SKIPPED_SUBTREES
from generator.model import Api, Kind, TypeRef
from generator.wire import PLACEHOLDER


@dataclass(frozen=True)
class Defined:
    models: frozenset[str]
    """Definition names, in every file the spec loads."""
    enums: frozenset[str]
    """x-ms-enum names, anywhere in those files."""
    paths: frozenset[str] = frozenset()
    """The root file's paths, placeholders blanked (`/widgets/{}`): as openapi-diff pairs
    them."""

    @classmethod
    def in_spec(cls, spec: LoadedSpec) -> Defined:
        models: set[str] = set()
        enums: set[str] = set()
        for document in spec.documents.values():
            if isinstance(document, Mapping):
                definitions = document.get("definitions")
                if isinstance(definitions, Mapping):
                    models.update(str(name) for name in definitions)
            enums.update(_enum_names(document))
        root = spec.documents[spec.root_file]
        paths = {
            blank_placeholders(str(path))
            for key in ("paths", "x-ms-paths")
            if isinstance(root, Mapping) and isinstance(root.get(key), Mapping)
            for path in root[key]
        }
        return cls(frozenset(models), frozenset(enums), frozenset(paths))

    @classmethod
    def in_api(cls, api: Api) -> Defined:
        """Only what the model reaches: without the files, nothing else is known."""
        return cls(
            frozenset(model.name for model in api.models),
            frozenset(
                leaf.enum_name for leaf in api_leaves(api) if leaf.enum_name is not None
            ),
        )


def blank_placeholders(path: str) -> str:
    """Renaming `{name}` does not move the URL."""
    return PLACEHOLDER.sub("{}", path)


def _enum_names(value: Any) -> Iterator[str]:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, Mapping):
            extension = item.get("x-ms-enum")
            if isinstance(extension, Mapping) and isinstance(
                extension.get("name"), str
            ):
                yield extension["name"]
            pending += [v for k, v in item.items() if k not in SKIPPED_SUBTREES]
        elif isinstance(item, list):
            pending += item


def leaf(type_ref: TypeRef) -> TypeRef:
    """The element type of an array or map, however deep; the type itself otherwise."""
    while type_ref.item is not None:
        type_ref = type_ref.item
    return type_ref


def api_leaves(api: Api) -> Iterator[TypeRef]:
    for model in api.models:
        for prop in model.properties:
            yield leaf(prop.type)
    for operation in api.operations:
        for parameter in operation.parameters:
            yield leaf(parameter.type)
        if operation.body is not None:
            yield leaf(operation.body.type)
        for response in operation.responses:
            if response.type is not None:
                yield leaf(response.type)
            for header in response.headers:
                yield leaf(header.type)


def references_model(type_ref: TypeRef, name: str) -> bool:
    found = leaf(type_ref)
    return found.kind is Kind.MODEL and found.model == name
