"""Hints (`x-` extensions from the generator's table and a project file) added to a loaded
spec's operations and named parameters."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from generator.hints import Hints
from generator.load.nodes import Node
from generator.load.spec import HTTP_METHODS, LoadedSpec


def with_hints(spec: LoadedSpec, hints: Hints) -> LoadedSpec:
    """A copy of `spec` whose operations and named parameters carry the given `x-` hints.

    The default layer (the generator's built-in safety hints) fills in only the keys the spec
    does not set itself; the override layer (a project file's) replaces them. Operations the
    spec does not have are passed over, so one table serves every api-version; a named
    parameter missing from an operation that exists is an error naming where the hint came from.
    """
    if not hints:
        return spec
    root = copy.deepcopy(spec.documents[spec.root_file])
    patched = dataclasses.replace(
        spec, documents={**spec.documents, spec.root_file: root}
    )
    for operation in _operations(patched):
        operation_id = str(operation.value.get("operationId"))
        for layer, override in ((hints.defaults, False), (hints.overrides, True)):
            wanted = layer.by_operation.get(operation_id)
            if wanted:
                _add_hints(patched, operation, wanted, override, layer.origin)
    return patched


def _add_hints(
    spec: LoadedSpec,
    operation: Node,
    wanted: Mapping[str, Any],
    override: bool,
    origin: str,
) -> None:
    def merged(
        existing: Mapping[str, Any], additions: Mapping[str, Any]
    ) -> dict[str, Any]:
        return {**existing, **additions} if override else {**additions, **existing}

    listing = operation.get("parameters")
    entries = listing.value if listing else []
    for name, additions in wanted.items():
        if name.startswith("x-"):
            if override or name not in operation.value:
                operation.value[name] = additions
            continue
        for index in range(len(entries)):
            assert listing is not None
            resolved = spec.deref(listing.child(index))
            if resolved.value.get("name") == name:
                entries[index] = merged(resolved.value, additions)
                break
        else:
            raise operation.error(f"no parameter {name!r} for the hints of {origin}")


def _operations(spec: LoadedSpec) -> Iterator[Node]:
    for name in ("paths", "x-ms-paths"):
        paths = spec.root.get(name)
        yield from _path_operations(spec, paths) if paths is not None else ()


def _path_operations(spec: LoadedSpec, paths: Node) -> Iterator[Node]:
    for path in paths.value:
        item = spec.deref(paths.child(path))
        for method in HTTP_METHODS:
            if (operation := item.get(method)) is not None:
                yield operation


__all__ = ["with_hints"]
