"""The project file (spec/codegen.yaml in this repository): what `generate` builds when given
no options, and client-generation hints for the specs it reads.

Besides the spec, package and operations, it may add hints (`x-` extensions) to operations and
to parameters by operationId and name, on top of the generator's built-in safety hints
(generator/hints.py), and drop an operation's built-in hints, but only by naming it under
`without-builtin-hints`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SpecError, join_pointer
from generator.hints import OperationHints
from generator.load import read_document
from generator.model.renames import NO_RENAMES, Renames
from generator.naming import package_name_problem

DEFAULT_CONFIG = Path("spec/codegen.yaml")
_CLASS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,99}")
KNOWN_KEYS = frozenset(
    {"spec", "package-name", "client-name", "operations", "extensions"}
    | {"without-builtin-hints", "renames"}
)
_RENAME_KINDS = {"models": "models", "operation-groups": "groups"}


@dataclass(frozen=True)
class ProjectConfig:
    path: Path
    spec: Path | None = None
    package_name: str | None = None
    client_name: str | None = None
    """The client's class name, instead of the one the spec's title gives."""
    operations: tuple[str, ...] | None = None
    extensions: Mapping[str, OperationHints] = field(default_factory=dict)
    without_builtin_hints: frozenset[str] = frozenset()
    renames: Renames = NO_RENAMES
    """Class names for models and operation groups, instead of the spec's."""


def load_config(path: Path) -> ProjectConfig:
    """Read and check a project file; paths in it are relative to the file."""
    data = read_document(path)
    if not isinstance(data, Mapping):
        raise SpecError(path, "", "the project file must be a mapping")
    if unknown := sorted(set(data) - KNOWN_KEYS):
        raise SpecError(
            path,
            join_pointer("", unknown[0]),
            f"unknown key; expected {sorted(KNOWN_KEYS)}",
        )
    spec = data.get("spec")
    package_name = data.get("package-name")
    client_name = data.get("client-name")
    operations = data.get("operations")
    without = data.get("without-builtin-hints")
    for key, value, kind in (
        ("spec", spec, str),
        ("package-name", package_name, str),
        ("client-name", client_name, str),
        ("operations", operations, list),
        ("extensions", data.get("extensions"), dict),
        ("without-builtin-hints", without, list),
        ("renames", data.get("renames"), dict),
    ):
        if value is not None and not isinstance(value, kind):
            raise SpecError(path, join_pointer("", key), f"must be a {kind.__name__}")
    if package_name is not None and (problem := package_name_problem(package_name)):
        raise SpecError(path, "/package-name", f"not a Python package name: {problem}")
    if client_name is not None and not _CLASS_NAME.fullmatch(client_name):
        raise SpecError(path, "/client-name", _NOT_A_CLASS_NAME)
    for key, values in (("operations", operations), ("without-builtin-hints", without)):
        if values is not None and not all(isinstance(op, str) for op in values):
            raise SpecError(
                path, join_pointer("", key), "must be a list of operationIds"
            )
    return ProjectConfig(
        path=path,
        spec=path.parent / spec if spec else None,
        package_name=package_name,
        client_name=client_name,
        operations=tuple(operations) if operations else None,
        extensions=_extensions(path, data.get("extensions") or {}),
        without_builtin_hints=frozenset(without or ()),
        renames=_renames(path, data.get("renames") or {}),
    )


_NOT_A_CLASS_NAME = "not a class name: ASCII letters and digits, a letter first"


def _renames(path: Path, data: Mapping[str, Any]) -> Renames:
    """`renames: {models: {Old: New}, operation-groups: {Old: New}}`, new names checked."""
    found: dict[str, dict[str, str]] = {"models": {}, "groups": {}}
    for kind, entries in data.items():
        where = join_pointer("/renames", kind)
        if kind not in _RENAME_KINDS:
            raise SpecError(
                path, where, f"unknown key; expected {sorted(_RENAME_KINDS)}"
            )
        if not isinstance(entries, Mapping):
            raise SpecError(path, where, "must map names to new class names")
        for name, new in entries.items():
            if not isinstance(new, str) or not _CLASS_NAME.fullmatch(new):
                raise SpecError(path, join_pointer(where, str(name)), _NOT_A_CLASS_NAME)
            found[_RENAME_KINDS[kind]][str(name)] = new
    return Renames(models=found["models"], groups=found["groups"], source=path)


def _extensions(path: Path, data: Mapping[str, Any]) -> Mapping[str, OperationHints]:
    for operation_id, parameters in data.items():
        where = join_pointer("/extensions", operation_id)
        if not isinstance(parameters, Mapping):
            raise SpecError(path, where, "must map parameter names to extensions")
        for name, extensions in parameters.items():
            if str(name).startswith("x-"):
                continue
            if not isinstance(extensions, Mapping):
                raise SpecError(path, join_pointer(where, name), "must be a mapping")
            for key in extensions:
                if not str(key).startswith("x-"):
                    raise SpecError(
                        path,
                        join_pointer(where, name, key),
                        "only x- extensions may be added: the API itself comes from the spec",
                    )
    return data


__all__ = ["DEFAULT_CONFIG", "ProjectConfig", "load_config"]
