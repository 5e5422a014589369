"""Stage 2, validate: check the root document against the Swagger 2.0 schema.

openapi-spec-validator does the checking; this module turns its first error into one SpecError
with the JSON pointer of the offending node. References were checked by the load stage, so the
validator never meets a dangling one.

Validation is the slowest step of a small generation (importing openapi-spec-validator alone
takes longer than the rest), so a spec that passed is remembered: an empty marker file in the
user cache directory (ARMGEN_CACHE_DIR, else the platform's, e.g. ~/.cache/armgen), named by the
sha256 of every loaded document as validated, the generator's version and the installed validator.
A marker only ever skips re-validating that same content; nothing is read from it, failures are
never cached, and ARMGEN_NO_CACHE=1 turns it off. The validator is imported only on a miss.

`generate` runs the validator in a worker process while the model, render and format stages
run (`validating_alongside`), so a cold generation pays for validation and black together
rather than one after the other; the verdict is awaited before anything is written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator import cache as result_cache
from generator.errors import SpecError, join_pointer
from generator.load import HTTP_METHODS, LoadedSpec, Node
from generator.validate_scope import within_selection
from generator.validate_worker import ValidatorProcess, WorkerFailed
from generator.wire import placeholders

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from openapi_spec_validator import OpenAPIV2SpecValidator


def validate_spec(
    spec: LoadedSpec, cache: result_cache.CacheSettings | None = None
) -> None:
    """Raise SpecError unless the root document is valid Swagger 2.0.

    The quick checks come first (they give pointers the validator does not), then
    openapi-spec-validator, unless this very content passed before (the cache marker).
    `cache` defaults to the environment's settings.
    """
    _check_shape(spec)
    _check_operations(spec)
    cache = cache or result_cache.CacheSettings.from_environment()
    key = _cache_key(spec)
    if key is not None and result_cache.read(_PASSED, key, cache) is not None:
        return
    _run_validator(spec)
    _remember(key, cache)


@contextlib.contextmanager
def validating_alongside(
    spec: LoadedSpec,
    cache: result_cache.CacheSettings | None = None,
    operation_ids: Sequence[str] | None = None,
) -> Iterator[None]:
    """validate_spec, with openapi-spec-validator run in another process while the body runs
    (the next stages, which need not wait for it on a machine with a core to spare).

    With `operation_ids` the checks see only what generating those reads
    (generator/validate_scope.py).

    The verdict is awaited before the block ends, and it wins: when the spec is invalid its
    SpecError is raised, whatever the body returned or raised, so a caller that writes only
    after the block never writes for an invalid spec. Without a worker (`worker_pays` says
    no, none can be started, or it died) the validator runs here, before the body."""
    _check_shape(spec)
    scope = within_selection(spec, operation_ids)
    _check_operations(scope)
    cache = cache or result_cache.CacheSettings.from_environment()
    key = _cache_key(scope)
    if key is not None and result_cache.read(_PASSED, key, cache) is not None:
        yield
        return
    worker = None
    if key is not None and worker_pays():  # no key: the validator is not installed here
        worker = ValidatorProcess.start(scope.root_file, scope.documents)
    if worker is None:
        _run_validator(scope)
        _remember(key, cache)
        yield
        return
    try:
        try:
            yield
        except Exception:
            _raise_verdict(scope, worker)
            raise
        _raise_verdict(scope, worker)
    finally:
        worker.stop()
        _WORKERS_DONE.append(True)
    _remember(key, cache)


def worker_pays() -> bool:
    """Whether a worker is worth starting: only for the first specs a process validates (both
    sides of a diff start before either is done). What a worker saves is mostly the
    validator's import, overlapped with the later stages; a process that has imported it, or
    that goes on validating after a worker's verdict (a test run, a long-lived caller),
    validates here, paying that import once."""
    return not _WORKERS_DONE and "openapi_spec_validator" not in sys.modules


_WORKERS_DONE: list[bool] = []
"""Not empty once a worker has given its verdict in this process."""


def _remember(key: str | None, cache: result_cache.CacheSettings) -> None:
    if key is not None:
        result_cache.write(_PASSED, key, b"", cache)


def _raise_verdict(spec: LoadedSpec, worker: ValidatorProcess) -> None:
    """Wait for the worker's verdict and raise it; validate here if the worker failed."""
    try:
        verdict = worker.verdict()
    except WorkerFailed:
        _run_validator(spec)
        return
    if verdict is not None:
        raise SpecError(*verdict) from None


def load_validator() -> None:
    """Import openapi-spec-validator (what a worker does before its spec arrives)."""
    _linear_validator_class()
    for module in ("jsonschema_path", "openapi_spec_validator.settings"):
        importlib.import_module(module)


def validator_verdict(
    root_file: Path, documents: Mapping[Path, Any]
) -> tuple[Path, str, str] | None:
    """What the worker process runs: openapi-spec-validator's verdict on the documents as
    loaded, as (file, pointer, reason) of the SpecError, or None when they are valid."""
    try:
        _run_validator(LoadedSpec(root_file, documents, sha256=""))
    except SpecError as error:
        return error.file, error.pointer, error.reason
    return None


_PASSED = "validated"
"""The cache's folder of empty markers, one per spec content that passed."""


def _check_shape(spec: LoadedSpec) -> None:
    document = spec.documents[spec.root_file]
    if not isinstance(document, Mapping):
        raise SpecError(spec.root_file, "", "a spec must be a mapping at the top level")
    version = document.get("swagger")
    if version == 2.0:
        raise SpecError(
            spec.root_file, "/swagger", 'write the version as a string: swagger: "2.0"'
        )
    if version != "2.0":
        if "openapi" in document:
            reason = f"OpenAPI {document['openapi']} is not supported yet; give a Swagger 2.0 spec"
        else:
            reason = "not a Swagger 2.0 spec: the top-level 'swagger: \"2.0\"' field is missing"
        raise SpecError(spec.root_file, "/swagger" if version else "", reason)


def _run_validator(spec: LoadedSpec) -> None:
    validator = _validator(spec)
    try:
        error = next(iter(validator.iter_errors()), None)
    except (
        Exception
    ) as exc:  # the validator's own failures must still come out as one line
        raise SpecError(
            spec.root_file, "", f"the spec could not be validated: {exc}"
        ) from None
    if error is not None:
        raise _to_spec_error(spec, error)


def _validator(spec: LoadedSpec) -> OpenAPIV2SpecValidator:
    """openapi-spec-validator on the documents as loaded: its own file handler would read and
    parse every referenced file again, with a pure-Python YAML parser."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from jsonschema_path import SchemaPath
    from openapi_spec_validator.settings import get_resolved_cache_maxsize

    loaded = {
        path.as_uri(): _file_types_as_binary(document)
        for path, document in spec.documents.items()
    }

    def read_loaded(uri: str) -> Any:
        address = uri.partition("#")[0]
        if address not in loaded:  # a path through a symbolic link, say
            address = Path(url2pathname(urlsplit(address).path)).resolve().as_uri()
        if address not in loaded:
            raise ValueError(f"{uri} was not loaded with the spec")
        return loaded[address]

    schema = SchemaPath.from_dict(
        loaded[spec.root_file.as_uri()],
        base_uri=spec.root_file.as_uri(),
        handlers={"file": read_loaded},
        resolved_cache_maxsize=get_resolved_cache_maxsize(),
    )
    return _linear_validator_class()(schema)


def _file_types_as_binary(value: Any) -> Any:
    """`value` with every `type: file` written `type: string, format: binary`.

    Swagger 2.0 allows `type: file` for a response's or a form parameter's schema, where
    openapi-spec-validator refuses it; the model stage reads both as bytes. Copied only along
    the way to a change: the validator locates an error by the identity of the values the load
    stage made, which everything else keeps.
    """
    if isinstance(value, dict):
        changed = {key: _file_types_as_binary(item) for key, item in value.items()}
        if value.get("type") == "file":
            changed.update(type="string", format="binary")
        elif all(changed[key] is item for key, item in value.items()):
            return value
        return changed
    if isinstance(value, list):
        items = [_file_types_as_binary(item) for item in value]
        same = all(new is old for new, old in zip(items, value, strict=True))
        return value if same else items
    return value


@functools.cache
def _linear_validator_class() -> type[OpenAPIV2SpecValidator]:
    """OpenAPIV2SpecValidator with its schema registries made sets.

    openapi-spec-validator 0.9 remembers the schemas it has visited in lists, so each schema
    scans all those before it: 20 000 small models took a minute to validate. The registries
    stay lists (the validator only appends and asks `in`), with set-fast `in`.
    """
    from openapi_spec_validator import OpenAPIV2SpecValidator
    from openapi_spec_validator.validation import keywords

    class IdRegistry(list[int]):
        def __init__(self) -> None:
            super().__init__()
            self.members: set[int] = set()

        def append(self, item: int) -> None:
            super().append(item)
            self.members.add(item)

        def __contains__(self, item: object) -> bool:
            return item in self.members

    class SchemaValidator(keywords.OpenAPIV30SchemaValidator):
        def __init__(self, registry: Any) -> None:
            super().__init__(registry)
            self.visited_schema_ids = IdRegistry()
            self.meta_checked_schema_ids = IdRegistry()

    class LinearSpecValidator(OpenAPIV2SpecValidator):
        keyword_validators = {  # noqa: RUF012 (the base class's own attribute)
            **OpenAPIV2SpecValidator.keyword_validators,
            "schema": SchemaValidator,
        }

    return LinearSpecValidator


def _check_operations(spec: LoadedSpec) -> None:
    """What openapi-spec-validator reports without a place, or crashes on, checked first:
    path templates, parameter entries, path placeholders and unique operationIds."""
    base_path = spec.root.get("basePath")
    if base_path is not None and isinstance(base_path.value, str):
        _check_template(base_path, base_path.value)
    sections = [spec.root.get(name) for name in ("paths", "x-ms-paths")]
    seen: dict[str, str] = {}
    for paths, path in (
        (section, path)
        for section in sections
        if section is not None and isinstance(section.value, Mapping)
        for path in section.value
    ):
        _check_template(paths.child(path), path)
        item = spec.deref(paths.child(path))
        if not isinstance(item.value, Mapping):
            continue
        shared = _parameters(spec, item)
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None or not isinstance(operation.value, Mapping):
                continue
            operation_id = operation.value.get("operationId")
            if isinstance(operation_id, str):
                if operation_id in seen:
                    raise operation.child("operationId").error(
                        f"operationId {operation_id!r} is already used at {seen[operation_id]}"
                    )
                seen[operation_id] = operation.pointer
            declared = {
                p.value.get("name")
                for p in (*shared, *_parameters(spec, operation))
                if p.value.get("in") == "path"
            }
            for placeholder in placeholders(path):
                if placeholder not in declared:
                    raise operation.error(
                        f"path placeholder {{{placeholder}}} has no path parameter"
                    )


def _parameters(spec: LoadedSpec, owner: Node) -> list[Node]:
    listing = owner.get("parameters")
    if listing is None or not isinstance(listing.value, list):
        return []
    resolved = []
    for index in range(len(listing.value)):
        entry = listing.child(index)
        parameter = spec.deref(entry)
        value = parameter.value
        if not isinstance(value, Mapping) or "name" not in value or "in" not in value:
            raise entry.error(
                "a parameter needs a 'name' and an 'in' (is this $ref right?)"
            )
        enum, default = value.get("enum"), value.get("default")
        if isinstance(enum, list) and default is not None and default not in enum:
            raise parameter.child("default").error(
                f"default {default!r} is not one of the enum values {enum!r}"
            )
        if value["in"] not in ("path", "query", "header", "body", "formData"):
            raise parameter.child("in").error(
                f"parameter location {value['in']!r} is not one of path, query, header,"
                " body, formData"
            )
        resolved.append(parameter)
    return resolved


def _check_template(node: Node, path: str) -> None:
    if not _balanced(path):
        raise node.error(f"unbalanced braces in the path {path!r}")
    if "{}" in path:
        raise node.error(f"an empty placeholder {{}} in the path {path!r}: name it")


def _balanced(path: str) -> bool:
    depth = 0
    for character in path:
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth not in (0, 1):
            return False
    return depth == 0


def _cache_key(spec: LoadedSpec) -> str | None:
    """The key for exactly this content, generator and validator; None when uncacheable."""
    validator = result_cache.package_fingerprint(
        "openapi_spec_validator", "jsonschema", "jsonschema_path"
    )
    if validator is None:
        return None
    digest = hashlib.sha256(f"armgen {__version__}\0{validator}\0".encode())
    base = spec.root_file.parent
    for path in sorted(spec.documents):
        # Paths relative to the root file: the same tree validated elsewhere is the same key.
        relative = os.path.relpath(path, base).replace(os.sep, "/")
        content = json.dumps(
            spec.documents[path],
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for part in (relative, content):
            encoded = part.encode("utf-8", "surrogatepass")
            digest.update(len(encoded).to_bytes(8, "big"))
            digest.update(encoded)
    return digest.hexdigest()


def _to_spec_error(spec: LoadedSpec, error: ValidationError) -> SpecError:
    """The most telling error: the deepest one, and not 'this could be a $ref instead'."""
    candidates = list(_with_context(error))
    best = max(candidates, key=_relevance)
    file, pointer = _locate(spec, best)
    return SpecError(file, pointer, best.message)


def _locate(spec: LoadedSpec, error: ValidationError) -> tuple[Path, str]:
    """Where `error` is. The Swagger schema's errors are placed in the root document; the
    validator's own checks of what a $ref reaches give paths from that place only, so the
    offending value (or the schema it breaks) is found among the loaded documents by identity:
    the validator reads the very objects the load stage made."""
    path = list(error.absolute_path)
    if _holds(spec.documents[spec.root_file], path, error.instance):
        return spec.root_file, join_pointer("", *path)
    suffix = join_pointer("", *path)
    for file, pointer in _places_of(spec, error.instance):
        if pointer.endswith(suffix):
            return file, pointer
    schema = error.schema
    if isinstance(schema, Mapping):
        for file, pointer in _places_of(spec, schema):
            key = next((k for k, v in schema.items() if v is error.instance), None)
            return file, pointer if key is None else join_pointer(pointer, key)
    return spec.root_file, suffix


def _holds(document: Any, path: list[str | int], instance: Any) -> bool:
    value = document
    for token in path:
        in_mapping = isinstance(value, Mapping) and token in value
        in_list = (
            isinstance(value, list) and isinstance(token, int) and token < len(value)
        )
        if not (in_mapping or in_list):
            return False
        value = value[token]
    return bool(value == instance)


def _places_of(spec: LoadedSpec, target: Any) -> Iterator[tuple[Path, str]]:
    """Every place that holds `target` itself (not an equal value): none for None, booleans and
    integers, which Python shares between places."""
    if target is None or isinstance(target, bool | int):
        return
    files = [spec.root_file, *sorted(set(spec.documents) - {spec.root_file})]
    for file in files:
        stack: list[tuple[str, Any]] = [("", spec.documents[file])]
        while stack:
            pointer, value = stack.pop()
            if value is target:
                yield file, pointer
            if isinstance(value, Mapping):
                items: Any = value.items()
            elif isinstance(value, list):
                items = enumerate(value)
            else:
                continue
            stack.extend(
                (join_pointer(pointer, key), item)
                for key, item in reversed(list(items))
            )


def _with_context(error: ValidationError) -> Iterator[ValidationError]:
    yield error
    for child in error.context or ():
        yield from _with_context(child)


def _relevance(error: ValidationError) -> tuple[int, bool, bool]:
    about_ref = error.validator == "required" and "'$ref'" in error.message
    return (
        len(error.absolute_path),
        not about_ref,
        error.validator not in ("anyOf", "oneOf"),
    )


__all__ = ["validate_spec", "validating_alongside", "validator_verdict"]
