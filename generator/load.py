"""Stage 1, load: read a spec file (YAML or JSON) and every file its `$ref`s reach.

Every `$ref` is checked here, once, so later stages can follow references without failing:
a missing file or pointer, a remote URL or a cycle of references is reported with the file and
JSON pointer of the `$ref` itself. Values are wrapped in `Node`s that remember where they came
from, so errors in later stages can name the place too.
"""

from __future__ import annotations

import copy
import datetime
import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from generator.errors import SpecError, join_pointer
from generator.hints import Hints

MAX_SPEC_BYTES = 32 * 1024 * 1024
MAX_SPEC_VALUES = 1_000_000
"""About 100 times the values of the largest upstream file (virtualMachineScaleSet.json)."""
"""Upstream Azure specs are at most a few MB; anything far larger is refused, not parsed."""

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")

SKIPPED_SUBTREES = frozenset({"x-ms-examples"})
"""Keys whose `$ref`s point at example files: they are read on demand, not needed to generate."""


@dataclass(frozen=True)
class Node:
    """A value from a spec file with the file and JSON pointer it sits at."""

    file: Path
    pointer: str
    value: Any

    def child(self, key: str | int) -> Node:
        return Node(self.file, join_pointer(self.pointer, key), self.value[key])

    def get(self, key: str) -> Node | None:
        if isinstance(self.value, Mapping) and key in self.value:
            return self.child(key)
        return None

    def error(self, reason: str) -> SpecError:
        return SpecError(self.file, self.pointer, reason)


@dataclass(frozen=True)
class LoadedSpec:
    """The root spec file and every document its references reach, keyed by absolute path."""

    root_file: Path
    documents: Mapping[Path, Any]
    sha256: str

    @property
    def root(self) -> Node:
        return Node(self.root_file, "", self.documents[self.root_file])

    def ref_target(self, node: Node) -> Node | None:
        """Where `node`'s `$ref` points (one step), or None when it has no `$ref`."""
        if not isinstance(node.value, Mapping) or "$ref" not in node.value:
            return None
        file, pointer = _split_ref(node)
        return _lookup(node, file, pointer, self.documents[file])

    def deref(self, node: Node) -> Node:
        """Follow `$ref`s until a node that is not a reference. Cycles were refused at load."""
        while (target := self.ref_target(node)) is not None:
            node = target
        return node


def load_spec(path: Path) -> LoadedSpec:
    """Read `path` and the files it references; raise SpecError on anything unreadable."""
    root_file = path.resolve()
    raw = _read_bytes(root_file)
    documents: dict[Path, Any] = {root_file: _parse(root_file, raw)}
    pending = [root_file]
    while pending:
        file = pending.pop()
        for ref_node in _iter_refs(Node(file, "", documents[file])):
            target_file, _ = _split_ref(ref_node)
            if target_file not in documents:
                documents[target_file] = _parse(
                    target_file, _read_bytes(target_file, ref_node.child("$ref"))
                )
                pending.append(target_file)
    spec = LoadedSpec(root_file, documents, hashlib.sha256(raw).hexdigest())
    for file in sorted(documents):
        for ref_node in _iter_refs(Node(file, "", documents[file])):
            _check_chain(spec, ref_node)
    return spec


def read_document(path: Path) -> Any:
    """Read one JSON or YAML file (an example, say) with the same checks as a spec file."""
    return _parse(path, _read_bytes(path))


def _read_bytes(path: Path, referrer: Node | None = None) -> bytes:
    where = referrer or Node(path, "", None)
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise where.error(
                f"{path.name} is {size} bytes, over the {MAX_SPEC_BYTES} byte limit"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise where.error(f"file not found: {path}") from None
    except IsADirectoryError:
        raise where.error(f"is a directory, not a spec file: {path}") from None
    except OSError as exc:
        raise where.error(f"cannot read {path}: {exc.strerror}") from None


def _parse(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(path, "", f"not UTF-8 text (byte {exc.start})") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except RecursionError:
            raise SpecError(path, "", "invalid JSON: nested too deeply") from None
        except json.JSONDecodeError as exc:
            raise SpecError(
                path,
                "",
                f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            ) from None
    else:
        try:
            data = yaml.load(text, Loader=_YamlLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc)
            raise SpecError(path, "", f"invalid YAML{where}: {problem}") from None
        except RecursionError:
            raise SpecError(path, "", "invalid YAML: nested too deeply") from None
    try:
        if path.suffix.lower() == ".json":
            _walk(data)
            return data
        return _to_json(Node(path, "", data), [MAX_SPEC_VALUES])
    except RecursionError:
        raise SpecError(path, "", "nested too deeply") from None
    except _TooManyValues:
        reason = (
            f"more than {MAX_SPEC_VALUES} values once YAML aliases (*name) are expanded"
        )
        raise SpecError(path, "", reason) from None


class _TooManyValues(Exception):
    pass


class _YamlLoader(yaml.SafeLoader):
    """Plain data only, never Python objects.

    The pure-Python loader, not libyaml's: deep nesting then raises RecursionError, which is
    reported, where libyaml overflows the C stack and kills the process.
    """


def _walk(value: Any) -> None:
    """Visit every value: what json.loads gives needs none of _to_json's conversions, only its
    refusal of nesting too deep for the stages after this one, which recurse as deep."""
    if isinstance(value, dict):
        for item in value.values():
            _walk(item)
    elif isinstance(value, list):
        for item in value:
            _walk(item)


def _to_json(node: Node, budget: list[int]) -> Any:
    """Make YAML's richer values JSON's: string keys, ISO dates; refuse anything else.

    `budget` counts the values still allowed: a YAML alias (`*name`) repeats a value, so a few
    hundred bytes of nested aliases can stand for billions of values.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyValues
    value = node.value
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str | int | float | bool) or key is None:
                raise node.error(f"mapping key {key!r} is not a string")
            text_key = str(key).lower() if isinstance(key, bool) else str(key)
            child = Node(node.file, join_pointer(node.pointer, text_key), item)
            result[text_key] = _to_json(child, budget)
        return result
    if isinstance(value, list):
        return [
            _to_json(Node(node.file, join_pointer(node.pointer, i), v), budget)
            for i, v in enumerate(value)
        ]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise node.error(f"unsupported value of type {type(value).__name__}")


def _iter_refs(node: Node) -> Iterator[Node]:
    value = node.value
    if isinstance(value, Mapping):
        if isinstance(value.get("$ref"), str):
            yield node
        elif "$ref" in value:
            raise node.child("$ref").error("$ref must be a string")
        for key in value:
            if key not in SKIPPED_SUBTREES:
                yield from _iter_refs(node.child(key))
    elif isinstance(value, list):
        for index in range(len(value)):
            yield from _iter_refs(node.child(index))


def _split_ref(node: Node) -> tuple[Path, str]:
    ref = node.value["$ref"]
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        raise node.child("$ref").error(
            f"only local and relative-file $refs are supported, not {ref!r}"
        )
    file = _resolve(node.file.parent, unquote(parts.path)) if parts.path else node.file
    pointer = unquote(parts.fragment)
    if pointer and not pointer.startswith("/"):
        raise node.child("$ref").error(
            f"$ref fragment must be a JSON pointer starting with '/': {ref!r}"
        )
    return file, pointer


@functools.lru_cache(maxsize=4096)
def _resolve(directory: Path, relative: str) -> Path:
    """Path.resolve() asks the file system; a big spec names the same few files thousands of
    times."""
    return (directory / relative).resolve()


def _lookup(referrer: Node, file: Path, pointer: str, document: Any) -> Node:
    value = document
    for raw_token in pointer.split("/")[1:]:
        token = raw_token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, Mapping) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            ref = referrer.value["$ref"]
            raise referrer.child("$ref").error(
                f"$ref {ref!r} points at nothing: no {token!r} in {file.name}"
            )
    return Node(file, pointer, value)


def _check_chain(spec: LoadedSpec, node: Node) -> None:
    seen = {(node.file, node.pointer)}
    while (target := spec.ref_target(node)) is not None:
        if (target.file, target.pointer) in seen:
            raise node.child("$ref").error(f"$ref cycle through {node.value['$ref']!r}")
        seen.add((target.file, target.pointer))
        node = target


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
    patched = LoadedSpec(
        spec.root_file, {**spec.documents, spec.root_file: root}, spec.sha256
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
    paths = spec.root.get("paths")
    for path in paths.value if paths else ():
        assert paths is not None
        item = spec.deref(paths.child(path))
        for method in HTTP_METHODS:
            if (operation := item.get(method)) is not None:
                yield operation


__all__ = [
    "LoadedSpec",
    "Node",
    "load_spec",
    "read_document",
    "with_hints",
]
