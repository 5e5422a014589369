"""What openapi-spec-validator needs to see of a spec when only some operations are generated.

Validating a whole file costs most of a small generation (Microsoft's scale-set file takes the
validator ~0.7 s, against ~0.3 s for everything else when one operation is asked for). What
can reach generated code is the selected operations, what their path items share, and the
definitions they lead to; a fault elsewhere in the file can change nothing that is written.
So, with `--operation`, the validator is given the root document with only those: its top
level (info, host, parameters, security, ...) whole, its `paths` and `x-ms-paths` cut to the
path items of the selected operations (each with only those operations), and its
`definitions` cut to what those reach through `$ref`s, with every definition that extends a
kept one through `allOf` (a polymorphic model's subtypes are found that way, not by `$ref`).
Other files are validated where a `$ref` leads, as always. Without `--operation` the whole
file is validated.

Kept values are the load stage's own objects, so errors are located as before, at the same
JSON pointers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import SpecError, join_pointer
from generator.load import HTTP_METHODS, LoadedSpec
from generator.load.nodes import Node
from generator.load.refs import iter_refs, lookup, split_ref

_PATH_SECTIONS = ("paths", "x-ms-paths")
_DEFINITIONS = "/definitions/"


def within_selection(
    spec: LoadedSpec, operation_ids: Sequence[str] | None
) -> LoadedSpec:
    """`spec` with its root document cut to what generating `operation_ids` reads; `spec`
    itself when all operations are generated or the document is not one to cut (its faults
    are then the validator's to report, whole)."""
    root = spec.documents[spec.root_file]
    if operation_ids is None or not isinstance(root, Mapping):
        return spec
    sections = {
        name: _selected_paths(root[name], set(operation_ids))
        for name in _PATH_SECTIONS
        if isinstance(root.get(name), Mapping)
    }
    definitions = root.get("definitions")
    if not isinstance(definitions, Mapping):
        return spec
    kept_top = {
        key: value for key, value in root.items() if key != "definitions"
    } | sections
    try:
        names = _reached_definitions(spec, kept_top, definitions)
    except SpecError:
        return (
            spec  # a $ref this cannot follow (the load stage lets none through): no cut
        )
    cut = {
        **kept_top,
        "definitions": {n: v for n, v in definitions.items() if n in names},
    }
    return replace(spec, documents={**spec.documents, spec.root_file: cut})


def _selected_paths(paths: Mapping[str, Any], selected: set[str]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for path, item in paths.items():
        if not isinstance(item, Mapping) or "$ref" in item:
            kept[path] = item  # the validator's to judge, whole
            continue
        methods = {
            method
            for method in HTTP_METHODS
            if isinstance(item.get(method), Mapping)
            and item[method].get("operationId") in selected
        }
        if methods:
            kept[path] = {
                key: value
                for key, value in item.items()
                if key not in HTTP_METHODS or key in methods
            }
    return kept


def _reached_definitions(
    spec: LoadedSpec, kept_top: Mapping[str, Any], definitions: Mapping[str, Any]
) -> set[str]:
    """The root document's definitions that the kept part reaches through `$ref`s (across
    files too), and those that extend a reached one through `allOf`, and so on."""
    names: set[str] = set()
    seen: set[tuple[Path, str]] = set()
    pending = [Node(spec.root_file, "", dict(kept_top))]
    while True:
        while pending:
            for ref in iter_refs(pending.pop()):
                file, pointer = split_ref(ref)
                if (file, pointer) in seen or file not in spec.documents:
                    continue
                seen.add((file, pointer))
                if file == spec.root_file and pointer.startswith(_DEFINITIONS):
                    name = _first_token(pointer)
                    if name in definitions and name not in names:
                        names.add(name)
                        pending.append(_definition(spec, name, definitions))
                else:
                    pending.append(lookup(ref, file, pointer, spec.documents[file]))
        extending = [
            name
            for name, schema in definitions.items()
            if name not in names and _extends(spec, schema, names)
        ]
        if not extending:
            return names
        names.update(extending)
        pending.extend(_definition(spec, name, definitions) for name in extending)


def _extends(spec: LoadedSpec, schema: Any, names: set[str]) -> bool:
    if not isinstance(schema, Mapping) or not isinstance(schema.get("allOf"), list):
        return False
    for part in schema["allOf"]:
        if isinstance(part, Mapping) and isinstance(part.get("$ref"), str):
            file, pointer = split_ref(Node(spec.root_file, "", part))
            if (
                file == spec.root_file
                and pointer.startswith(_DEFINITIONS)
                and _first_token(pointer) in names
            ):
                return True
    return False


def _definition(spec: LoadedSpec, name: str, definitions: Mapping[str, Any]) -> Node:
    pointer = join_pointer("", "definitions", name)
    return Node(spec.root_file, pointer, definitions[name])


def _first_token(pointer: str) -> str:
    token = pointer[len(_DEFINITIONS) :].split("/", 1)[0]
    return token.replace("~1", "/").replace("~0", "~")


__all__ = ["within_selection"]
