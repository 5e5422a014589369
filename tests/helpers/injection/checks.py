"""Every check of one generated package against the baseline."""

from __future__ import annotations

import ast
import keyword
import re
import sys
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.model import Api, OmitSentinel, TypeRef
from tests.helpers.injection.markdown import (
    markdown_differences,
    table_problems,
)
from tests.helpers.injection.python import (
    imports_and_calls,
    name_tokens,
    reference_facts,
    shape,
    statement_kinds,
    string_constants,
)
from tests.helpers.injection.spec import (
    PACKAGE,
    Generated,
    Slots,
    baseline,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # black, a dependency, brings tomli on Python 3.10
    import tomli as tomllib

# --- the checks -------------------------------------------------------------------------------


def leaf_types(value: Any) -> Any:
    """A TOML document with every scalar replaced by its type name."""
    if isinstance(value, Mapping):
        return {key: leaf_types(item) for key, item in value.items()}
    if isinstance(value, list):
        return [leaf_types(item) for item in value]
    return type(value).__name__


def words(text: str) -> str:
    return " ".join(text.split())


def check_generated(
    slots: Slots, generated: Generated, reference: Generated | None = None
) -> None:
    """Every property of the module docstring, for one generated package, against the
    baseline generated the same way (formatted, or only rendered)."""
    reference = reference or baseline()
    assert generated.files.keys() == reference.files.keys()
    trees: dict[PurePosixPath, ast.Module] = {}
    for path, text in sorted(generated.files.items()):
        base = reference.files[path]
        if path.suffix == ".py":
            assert text.isascii(), f"{path}: non-ASCII source"
            tree = trees[path] = ast.parse(text)
            compile(tree, str(path), "exec", dont_inherit=True)
            base_shape, base_kinds, base_imports_and_calls = reference_facts(base)
            assert shape(text) == base_shape, f"{path}: the code's shape changed"
            assert statement_kinds(tree) == base_kinds, path
            assert imports_and_calls(tree) == base_imports_and_calls, path
            assert unexplained_names(text, base, generated.api) == set(), path
        elif path.suffix == ".md":
            problems = markdown_differences(text, base) + table_problems(text)
            assert problems == [], f"{path}: {problems}"
        elif path.suffix == ".toml":
            data = tomllib.loads(text)
            assert leaf_types(data) == leaf_types(tomllib.loads(base)), path
            assert slots.title.strip() in data["project"]["description"]
    check_literals(slots, trees)


_NAME_FIELDS = frozenset({"python_name", "class_name", "method_name", "client_name"})


def derived_names(api: Api) -> set[str]:
    """Every identifier the model stage made from spec text (names of parameters, properties,
    methods, classes, enum classes) and the helpers named after them (`_begin_poke_result`).
    """
    names: set[str] = set()
    pending: list[Any] = [api]
    while pending:
        item = pending.pop()
        if isinstance(item, TypeRef):
            names.add(api.enum_class(item) or "")
        if isinstance(item, OmitSentinel):
            names.add(item.name)
        if is_dataclass(item):
            for field in fields(item):
                value = getattr(item, field.name)
                if field.name in _NAME_FIELDS and isinstance(value, str):
                    names.add(value)
                elif field.name == "flattened_arguments":
                    names |= set(value)
                else:
                    pending.append(value)
        elif isinstance(item, tuple | list):
            pending.extend(item)
    names |= {f"_{op.method_name}_result" for op in api.operations}
    return names - {""}


_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")
"""Enum members and sentinels: naming.constant_case of spec values, never anything else."""


def unexplained_names(source: str, reference: str, api: Api) -> set[str]:
    """NAME tokens of `source` that neither the templates (the reference) nor the model's
    derived names account for: spec text that reached the code as code."""
    new = name_tokens(source) - name_tokens(reference)
    return {
        token
        for token in new - derived_names(api)
        if keyword.iskeyword(token) or not _CONSTANT_NAME.fullmatch(token)
    }


def check_literals(slots: Slots, trees: Mapping[PurePosixPath, ast.Module]) -> None:
    """Spec strings put into string literals come back out of them unchanged."""
    client = {
        text
        for path, tree in trees.items()
        if path.name in ("_client.py", "_shared.py")
        or path.parent == PurePosixPath(PACKAGE, "operations")
        for text in string_constants(tree)
    }
    models = string_constants(trees[PurePosixPath(PACKAGE, "models.py")])
    for wire in (slots.query_name, slots.header_name, slots.final_state, slots.version):
        assert wire in client, wire
    for wire in (slots.body_property, slots.result_property, slots.enum_property):
        assert wire in models, wire
    for value in (*slots.query_values, *slots.property_values):
        assert value in models, value
    literal = slots.literal.replace("{", "{{").replace("}", "}}")
    assert any(text.endswith("/" + literal) for text in client), slots.literal
    docstrings = {
        words(ast.get_docstring(node, clean=False) or "")
        for node in ast.walk(trees[PurePosixPath(PACKAGE, "models.py")])
        if isinstance(node, ast.ClassDef)
    }
    for description in (slots.body_model_description, slots.result_model_description):
        if words(description):
            assert any(words(description) in doc for doc in docstrings), description
