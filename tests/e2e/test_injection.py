"""Injection-proof generation: no string in a spec can change what the generated code does.

A spec is hostile input: its descriptions, names, enum values, paths and header names end up
in Python source, Markdown and TOML. Code generators have been caught pasting them in raw
(Rapid7 R7-2016-06 / CVE-2016-5641 on swagger-codegen; swagger-codegen#11309, a path key
that closes a string and calls `exec`; openapi-generator#9809; openapi-python-client before
0.5.3). Here a small ARM-like spec is built with *every* spec-controlled string slot filled by
hypothesis from nasty alphabets, and the output is compared with the output of the same spec
with plain strings (the baseline):

- generation succeeds (the strategy builds valid specs only);
- every Python file is ASCII, parses and compiles;
- its syntax tree, with every identifier and string constant replaced by a placeholder, is
  exactly the baseline's: no statement, import, call or assignment more or less;
- imports are the baseline's, and no call to exec/eval/os.system and friends appears;
- names that the output takes from spec text are plain identifiers, never keywords;
- wire names, enum values, header names and path literals come back intact from the string
  literals they were put in (escaping loses nothing);
- README.md has the baseline's Markdown structure: its lines have the same block markers and
  the same unescaped special characters outside code spans (as a multiset: model sections
  come in the order of their names), every table row has its header's number of cells, and
  its code blocks tokenize like the baseline's;
- pyproject.toml parses to the baseline's keys.

Names are a second way in: a spec name that becomes the same identifier as one the templates
use (a parameter called `quote`, a model called `HttpRequest`) would change what the code means
without changing its shape. The model stage pads such names with `_` (`quote_`,
`HttpRequest_`), numbers class and method names that would be equal (`PokeRequest_2`), and
refuses sentinel names the generated client uses (`API_VERSION`). `scope_collisions` pairs
every identifier of a generated module with the baseline's, scope by scope, and reports two
baseline names that became one; `test_spec_names_cannot_capture_the_templates_names` runs it
on chosen names, and the tests after it check the exact names and messages. The property test's
strategy builds valid specs only: each must generate, with the baseline's shape
(`same_shape_as_baseline`); a refusal fails the test. It checks the rendered code, before black,
whose syntax tree is the same, and runs black only on the advisory examples.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import keyword
import os
import re
import string
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.errors import SpecError, escape_pointer_token
from generator.model import Api, Location, OmitSentinel, Operation, TypeRef
from generator.model.reserved import (
    METHOD_RESERVED,
    MODEL_RESERVED,
    RESERVED_CLASS_NAMES,
    RESERVED_CONSTANTS,
)
from generator.naming import PYTHON_BUILTINS, pascal_case
from generator.pipeline import GenerateOptions, generate_files, load_api
from generator.render import render_package

if sys.version_info >= (3, 11):
    import tomllib
else:  # black, a dependency, brings tomli on Python 3.10
    import tomli as tomllib

PACKAGE = "pkg"
SPEC_NAME = "spec.json"

# --- the spec -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slots:
    """Every string of the spec that reaches the output, one field per slot."""

    title: str = "Things"
    description: str = "Manage things."
    version: str = "2024-01-01"
    post_id: str = "Poke"
    post_summary: str = "Poke a thing."
    post_description: str = "Pokes a thing, gently."
    get_id: str = "Get"
    get_summary: str = "Get a thing."
    get_description: str = "Gets a thing."
    path_param: str = "thingName"
    path_description: str = "Name of the thing."
    literal: str = "poke"
    query_name: str = "mode"
    query_description: str = "How to poke."
    query_values: tuple[str, str] = ("Fast", "Slow")
    query_default: int = 0
    query_enum_name: str = "PokeMode"
    header_name: str = "x-ms-tag"
    header_description: str = "A tag for the request."
    body_name: str = "pokeRequest"
    body_description: str = "What to poke."
    sentinel_name: str = "ALL_THINGS"
    sentinel_description: str = "Poke every thing."
    body_model: str = "PokeRequest"
    body_model_description: str = "The things to poke."
    body_property: str = "targetIds"
    body_property_description: str = "IDs of the things to poke."
    client_name: str = "targets"
    ok_description: str = "Poked."
    accepted_description: str = "Accepted."
    location_header: str = "Location"
    location_description: str = "Where to poll."
    error_description: str = "Failed."
    final_state: str = "location"
    result_model: str = "Thing"
    result_model_description: str = "A thing."
    result_property: str = "displayName"
    result_property_description: str = "Its name."
    enum_property: str = "state"
    enum_property_description: str = "Its state."
    property_values: tuple[str, str] = ("On", "Off")
    property_enum_name: str = "ThingState"
    cloud_error_description: str = "The error body."
    error_property_description: str = "More detail."


BASELINE = Slots()


def definition_ref(name: str) -> str:
    """A `$ref` to a definition: JSON-pointer escaped, then percent-encoded as a URI fragment."""
    return "#/definitions/" + quote(escape_pointer_token(name), safe="")


def build_spec(s: Slots) -> dict[str, Any]:
    """The ARM-like spec: a long-running POST with path, query (enum, default), header and a
    flattened body with an omit sentinel; a GET returning a model with an enum property;
    CloudError as the default response of both."""
    item = f"/subscriptions/{{subscriptionId}}/things/{{{s.path_param}}}"
    path_parameter = {
        "name": s.path_param,
        "in": "path",
        "required": True,
        "type": "string",
        "description": s.path_description,
    }
    client_parameters = [
        {"$ref": "#/parameters/SubscriptionIdParameter"},
        {"$ref": "#/parameters/ApiVersionParameter"},
    ]
    error = {
        "description": s.error_description,
        "schema": {"$ref": "#/definitions/CloudError"},
    }
    post = {
        "operationId": "Things_" + s.post_id,
        "summary": s.post_summary,
        "description": s.post_description,
        "parameters": [
            *client_parameters,
            path_parameter,
            {
                "name": s.query_name,
                "in": "query",
                "required": False,
                "type": "string",
                "enum": list(s.query_values),
                "default": s.query_values[s.query_default],
                "description": s.query_description,
                "x-ms-enum": {"name": s.query_enum_name, "modelAsString": True},
            },
            {
                "name": s.header_name,
                "in": "header",
                "required": False,
                "type": "string",
                "description": s.header_description,
            },
            {
                "name": s.body_name,
                "in": "body",
                "required": False,
                "description": s.body_description,
                "x-ms-client-flatten": True,
                "x-armgen-omit-sentinel": {
                    "name": s.sentinel_name,
                    "description": s.sentinel_description,
                },
                "schema": {"$ref": definition_ref(s.body_model)},
            },
        ],
        "responses": {
            "200": {"description": s.ok_description},
            "202": {
                "description": s.accepted_description,
                "headers": {
                    s.location_header: {
                        "type": "string",
                        "description": s.location_description,
                    }
                },
            },
            "default": error,
        },
        "x-ms-long-running-operation": True,
        "x-ms-long-running-operation-options": {"final-state-via": s.final_state},
    }
    get = {
        "operationId": "Things_" + s.get_id,
        "summary": s.get_summary,
        "description": s.get_description,
        "parameters": [*client_parameters, path_parameter],
        "responses": {
            "200": {
                "description": s.ok_description,
                "schema": {"$ref": definition_ref(s.result_model)},
            },
            "default": error,
        },
    }
    return {
        "swagger": "2.0",
        "info": {"title": s.title, "version": s.version, "description": s.description},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {f"{item}/{s.literal}": {"post": post}, item: {"get": get}},
        "parameters": {
            "SubscriptionIdParameter": {
                "name": "subscriptionId",
                "in": "path",
                "required": True,
                "type": "string",
                "description": "The subscription.",
            },
            "ApiVersionParameter": {
                "name": "api-version",
                "in": "query",
                "required": True,
                "type": "string",
                "description": "The API version.",
            },
        },
        "definitions": {
            s.body_model: {
                "type": "object",
                "description": s.body_model_description,
                "properties": {
                    s.body_property: {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": s.body_property_description,
                        "x-ms-client-name": s.client_name,
                    }
                },
            },
            s.result_model: {
                "type": "object",
                "description": s.result_model_description,
                "required": [s.result_property],
                "properties": {
                    s.result_property: {
                        "type": "string",
                        "description": s.result_property_description,
                    },
                    s.enum_property: {
                        "type": "string",
                        "enum": list(s.property_values),
                        "description": s.enum_property_description,
                        "x-ms-enum": {"name": s.property_enum_name},
                    },
                },
            },
            "CloudError": {
                "type": "object",
                "description": s.cloud_error_description,
                "properties": {"error": {"$ref": "#/definitions/ApiError"}},
            },
            "ApiError": {
                "type": "object",
                "properties": {
                    "detailText": {
                        "type": "string",
                        "description": s.error_property_description,
                    },
                    "code": {"type": "string", "description": s.error_description},
                    "message": {"type": "string"},
                    "target": {"type": "string"},
                },
            },
        },
    }


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


@dataclass(frozen=True)
class Generated:
    files: dict[PurePosixPath, str]
    api: Api


def generate(slots: Slots) -> Generated:
    """Generate from the spec of `slots`, written as JSON under a fixed name, so that the
    file headers (which name the spec) are the same for every example."""
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        options = GenerateOptions(spec=Path(SPEC_NAME), package_name=PACKAGE)
        files = dict(generate_files(options).files)
        return Generated(files, load_api(options.spec))


def load(slots: Slots) -> Api:
    """The API model of the spec of `slots`, without rendering anything."""
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        return load_api(Path(SPEC_NAME))


def operation(api: Api, http_method: str) -> Operation:
    return next(op for op in api.operations if op.http_method == http_method)


def render(slots: Slots) -> Generated:
    """The spec of `slots` loaded, validated, modelled and rendered, but not formatted: the
    checks read syntax trees, which black leaves as they are, and black is most of the cost.
    """
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(build_spec(slots)), encoding="utf-8")
        api = load_api(Path(SPEC_NAME))
        return Generated(render_package(api, PACKAGE), api)


@cache
def baseline() -> Generated:
    return generate(BASELINE)


@cache
def rendered_baseline() -> Generated:
    return render(BASELINE)


# --- Python: shape, imports, calls, names ----------------------------------------------------


class _Erase(ast.NodeTransformer):
    """Every identifier becomes `_` and every string constant `S`: what is left is the shape."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = "_"
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        node.attr = "_"
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        self.generic_visit(node)
        node.arg = "_"
        return node

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        self.generic_visit(node)
        node.arg = None if node.arg is None else "_"
        return node

    def visit_alias(self, node: ast.alias) -> ast.AST:
        node.name = "_"
        node.asname = None if node.asname is None else "_"
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.generic_visit(node)
        node.name = "_"
        return node

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        self.generic_visit(node)
        node.name = "_"
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        self.generic_visit(node)
        node.name = "_"
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            node.value = "S"
        return node


@cache
def erased_statements(source: str) -> tuple[str, ...]:
    """The dump of each top-level statement with every identifier and string erased."""
    return tuple(
        ast.dump(statement) for statement in _Erase().visit(ast.parse(source)).body
    )


def canonical(source: str) -> ast.Module:
    """The module with its top-level statements sorted by shape.

    Classes are emitted in the order of their names (models by spec name, enums by class
    name), so nasty names legitimately reorder them; sorting by shape makes two modules of the
    same statements line up, whatever the names.
    """
    tree = ast.parse(source)
    dumps = erased_statements(source)
    order = sorted(range(len(dumps)), key=dumps.__getitem__)
    tree.body = [tree.body[index] for index in order]
    return tree


def shape(source: str) -> list[str]:
    """The module's top-level statements, erased and sorted: equal for equal code shapes."""
    return sorted(erased_statements(source))


def statement_kinds(tree: ast.Module) -> list[str]:
    """The kinds of the top-level statements, in order: imports, assignments, classes..."""
    return [type(statement).__name__ for statement in tree.body]


def absolute_imports(tree: ast.Module) -> list[str]:
    """Every import of another package, in order; relative ones by module and name count."""
    return imports_and_calls(tree)[0]


def imports_and_calls(tree: ast.Module) -> tuple[list[str], dict[str, int]]:
    """The imports (as absolute_imports) and the dangerous calls (as dangerous_calls) of a
    module, in one walk."""
    found: list[str] = []
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.append("import " + ", ".join(alias.name for alias in node.names))
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = ", ".join(f"{a.name} as {a.asname}" for a in node.names)
            found.append(f"from {node.module} import {names}")
        elif isinstance(node, ast.ImportFrom):
            found.append(
                f"from {'.' * node.level}{node.module} import {len(node.names)}"
            )
        elif isinstance(node, ast.Call):
            callee = node.func
            name = (
                callee.id
                if isinstance(callee, ast.Name)
                else callee.attr if isinstance(callee, ast.Attribute) else ""
            )
            if name in DANGEROUS_CALLS:
                counts[name] = counts.get(name, 0) + 1
    return found, counts


DANGEROUS_CALLS = frozenset(
    {
        "exec",
        "eval",
        "compile",
        "__import__",
        "open",
        "getattr",
        "setattr",
        "delattr",
        "globals",
        "locals",
        "vars",
        "breakpoint",
        "input",
        "system",
        "popen",
        "spawnl",
        "run",
        "call",
        "check_output",
        "import_module",
        "loads",
    }
)
"""Callee names that would mean spec text became code; each must be as frequent as in the
baseline (which calls `json.loads` and the pipeline's `run`, on purpose)."""


def dangerous_calls(tree: ast.Module) -> dict[str, int]:
    return imports_and_calls(tree)[1]


@cache
def reference_facts(source: str) -> tuple[list[str], list[str], Any]:
    """A baseline module's shape, statement kinds, and imports and calls, computed once."""
    tree = ast.parse(source)
    return shape(source), statement_kinds(tree), imports_and_calls(tree)


@cache
def name_tokens(source: str) -> frozenset[str]:
    """Every NAME token of the code (keywords included), strings and comments left out."""
    return frozenset(
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.NAME
    )


def operation_sources(files: Mapping[PurePosixPath, str]) -> str:
    """The synchronous modules that hold operation methods: the client's own and each
    operation group's, joined."""
    return "\n".join(
        text
        for path, text in sorted(files.items())
        if path == PurePosixPath(PACKAGE, "_client.py")
        or path.parent == PurePosixPath(PACKAGE, "operations")
    )


def string_constants(tree: ast.Module) -> set[str]:
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


Scope = tuple[str, ...]


def scope_occurrences(tree: ast.Module) -> dict[Scope, list[str]]:
    """The identifiers of each scope, in order: what Python resolves by name there.

    Scopes are keyed by position (the n-th class, the m-th function in it), never by name,
    so the same template gives the same keys whatever the spec calls things. Annotations are
    left out: with `from __future__ import annotations` they are never evaluated.
    """
    scopes: dict[Scope, list[str]] = {}

    def names_in(node: ast.AST | None, scope: Scope) -> None:
        if node is None:
            return
        for child in ast.walk(node):
            if isinstance(child, ast.Name):
                scopes.setdefault(scope, []).append(child.id)

    def body(statements: list[ast.stmt], scope: Scope) -> None:
        for index, statement in enumerate(statements):
            inner = (*scope, f"{type(statement).__name__}#{index}")
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in statement.decorator_list:
                    names_in(decorator, scope)
                for default in (*statement.args.defaults, *statement.args.kw_defaults):
                    names_in(default, scope)
                scopes.setdefault(scope, []).append(statement.name)
                arguments = statement.args
                for argument in (
                    *arguments.posonlyargs,
                    *arguments.args,
                    *arguments.kwonlyargs,
                    *(a for a in (arguments.vararg, arguments.kwarg) if a),
                ):
                    scopes.setdefault(inner, []).append(argument.arg)
                body(statement.body, inner)
            elif isinstance(statement, ast.ClassDef):
                for expression in (*statement.decorator_list, *statement.bases):
                    names_in(expression, scope)
                for keyword_argument in statement.keywords:
                    names_in(keyword_argument.value, scope)
                scopes.setdefault(scope, []).append(statement.name)
                body(statement.body, inner)
            elif isinstance(statement, ast.Import | ast.ImportFrom):
                for alias in statement.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    scopes.setdefault(scope, []).append(bound)
            elif isinstance(statement, ast.AnnAssign):
                if statement.value is not None:  # an annotation alone binds nothing
                    names_in(statement.target, scope)
                    names_in(statement.value, scope)
            elif isinstance(
                statement,
                ast.If
                | ast.For
                | ast.AsyncFor
                | ast.While
                | ast.With
                | ast.AsyncWith
                | ast.Try,
            ):
                for field in ("test", "target", "iter"):
                    names_in(getattr(statement, field, None), scope)
                for item in getattr(statement, "items", ()):
                    names_in(item, scope)
                for handler in getattr(statement, "handlers", ()):
                    names_in(handler.type, scope)
                    body(handler.body, scope)
                for field in ("body", "orelse", "finalbody"):
                    body(getattr(statement, field, []), scope)
            else:
                names_in(statement, scope)

    body(tree.body, ("module",))
    return scopes


def scope_collisions(generated: str, reference: str) -> list[str]:
    """Distinct names of the reference module that are one name in the generated one.

    Both modules must have the same shape; identifiers are paired by position. A template's
    `quote(...)` and a parameter the spec called `quote` are two names in the baseline and one
    in the generated module: the parameter has captured the function.
    """
    ours = scope_occurrences(canonical(generated))
    theirs = scope_occurrences(canonical(reference))
    assert ours.keys() == theirs.keys()
    collisions = []
    for scope, names in ours.items():
        assert len(names) == len(theirs[scope]), scope
        paired: dict[str, set[str]] = {}
        for name, reference_name in zip(names, theirs[scope], strict=True):
            paired.setdefault(name, set()).add(reference_name)
        collisions += [
            f"{'/'.join(scope)}: {sorted(sources)} are all {name!r}"
            for name, sources in paired.items()
            if len(sources) > 1
        ]
    return collisions


# --- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_SPECIALS = frozenset("`*_[]<>|~")
_PUNCTUATION = frozenset(string.punctuation)
"""What a backslash escapes in CommonMark."""
_BLOCK_MARKER = re.compile(
    r" {0,3}(?P<marker>#{1,6}(?=\s|$)|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|>|```|~~~|<|"
    r"=+\s*$|-+\s*$|\|)"
)


def block_marker(line: str) -> str:
    """What a line starts in Markdown: a heading, list item, quote, fence, table row..."""
    match = _BLOCK_MARKER.match(line)
    if match:
        marker = match["marker"]
        return "ordered-list" if marker[0].isdigit() else marker[0]
    return "paragraph" if line.strip() else "blank"


def inline_skeleton(line: str) -> list[str]:
    """The unescaped Markdown specials of a line, code spans as `C` (with any pipe inside
    them, which GitHub tables split on), escaped characters and intraword `_` left out.
    """
    out: list[str] = []
    position = 0
    while position < len(line):
        char = line[position]
        if char == "\\" and line[position + 1 : position + 2] in _PUNCTUATION:
            position += 2
            continue
        if char == "`":
            end = position
            while end < len(line) and line[end] == "`":
                end += 1
            run = end - position
            closing = next(
                (
                    match.start()
                    for match in re.finditer(r"`+", line[end:])
                    if len(match.group()) == run
                ),
                None,
            )
            if closing is None and run == 2:
                # escape.markdown_code("") is a lone ``: shown as is, it closes nothing.
                out.append("C")
                position = end
                continue
            if closing is None:
                out.append("`" * run)
                position = end
                continue
            inner = line[end : end + closing]
            out.append("C")
            out += [
                "|"
                for i, c in enumerate(inner)
                if c == "|" and inner[i - 1 : i] != "\\"
            ]
            position = end + closing + run
            continue
        intraword = (
            char == "_"
            and line[position - 1 : position].isalnum()
            and line[position + 1 : position + 2].isalnum()
        )
        if char in _MARKDOWN_SPECIALS and not intraword:
            out.append(char)
        position += 1
    return out


def code_tokens(lines: list[str]) -> list[str]:
    """A code block's tokens with names, strings and numbers as placeholders."""
    text = "\n".join(lines) + "\n"
    kinds = {tokenize.NAME: "N", tokenize.STRING: "S", tokenize.NUMBER: "0"}
    return [
        kinds.get(token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
    ]


def split_markdown(text: str) -> tuple[list[list[str]], list[str]]:
    """The fenced code blocks, in order, and every line outside them."""
    blocks: list[list[str]] = []
    outside: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("```"):
            outside.append(line)
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
        else:
            outside.append(line)
    assert current is None, "an unclosed code fence"
    return blocks, outside


def line_skeleton(line: str) -> tuple[str, tuple[str, ...]]:
    marker = block_marker(line)
    return (
        "text" if marker in ("paragraph", "blank") else marker,
        tuple(inline_skeleton(line)),
    )


def table_problems(text: str) -> list[str]:
    """Rows whose cell count differs from their table's header, as GitHub splits cells: at
    every pipe not escaped with a backslash, inside code spans too."""
    problems: list[str] = []
    header_cells: int | None = None
    for line in split_markdown(text)[1]:
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line)) - 1
        if header_cells is None:
            header_cells = cells
        elif cells != header_cells:
            problems.append(f"{cells} cells, header has {header_cells}: {line[:200]!r}")
    return problems


def markdown_differences(text: str, reference: str) -> list[str]:
    """How the Markdown structure of `text` differs from the reference's.

    Code blocks are compared in order, token by token with names and strings erased. Other
    lines are compared as a multiset of (block marker, unescaped specials) skeletons, since
    model sections come in the order of their (spec-controlled) names.
    """
    blocks, outside = split_markdown(text)
    reference_blocks, reference_outside = split_markdown(reference)
    problems: list[str] = []
    if len(outside) != len(reference_outside):
        problems.append(
            f"{len(outside)} lines outside code, baseline {len(reference_outside)}"
        )
    if [code_tokens(b) for b in blocks] != [code_tokens(b) for b in reference_blocks]:
        problems.append("the code blocks differ")
    expected: dict[tuple[str, tuple[str, ...]], int] = {}
    for line in reference_outside:
        key = line_skeleton(line)
        expected[key] = expected.get(key, 0) + 1
    for line in outside:
        key = line_skeleton(line)
        if expected.get(key, 0) == 0:
            problems.append(
                f"{key[0]} with specials {''.join(key[1])!r}: {line[:200]!r}"
            )
        else:
            expected[key] -= 1
    return problems


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


# --- strategies -------------------------------------------------------------------------------

ATTACKS = [
    '"); import os; os.system("x") #',
    "'); import os; os.system('x') #",
    "__import__('os').system('x')",
    "exec(",
    "'+str(exec('import os;os.system(\"id\")'))+'",
    '"""; import os; """',
    "'''; import os; '''",
    "\\",
    "\\N{BULLET}",
    "\\u0041",
    "\\x41",
    "\\'",
    '\\"',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{# #}",
    "{% raw %}",
    "${jndi:ldap://x}",
    "*/ eval(1) /*",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "| a | b |",
    "](javascript:alert(1))",
    "```",
    "~~~",
    "[tool.evil]",
    '"\n[tool.evil]\nx = "',
]
FRAGMENTS = [
    *ATTACKS,
    "'",
    '"',
    "'''",
    '"""',
    "`",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200b",
    "\ufeff",
    "{{",
    "}}",
    "{%",
    "%}",
    "#",
    "# ",
    "- ",
    "> ",
    "= ",
    "*",
    "_",
    "|",
    "<",
    ">",
    "&amp;",
    "&lt;",
    ";",
    "(",
    ")",
    ":",
    ",",
    ".",
    "é",
    "e\u0301",
    "日本語",
    "İ",
    "ß",
    "Ω",
    "\U0001f680",
    *keyword.kwlist,
    *keyword.softkwlist,
    "self",
    "kwargs",
    "cls",
    "__class__",
    "__init__",
    "from_dict",
    "to_dict",
    "polling",
    "continuation_token",
]
WORDS = ["widget", "Gadget", "gizmo", "Sprocket", "x", "ID", "2nd", "vm", "VMs"]


def _join(parts: list[str]) -> str:
    return "".join(parts)


piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(WORDS),
    st.text(max_size=6),
)
nasty = st.one_of(
    st.lists(piece, max_size=6).map(_join),
    st.builds(
        lambda text, count: text * count, st.sampled_from(ATTACKS), st.integers(10, 80)
    ),
)
"""Any text: quotes, backslashes, control and bidi characters, template syntax, Markdown,
keywords, non-ASCII, attack strings, and now and then a very long string."""

name = st.lists(piece, min_size=1, max_size=4).map(_join).filter(bool)
"""A spec name (parameter, property, definition, enum, header): nasty, but never empty."""

path_name = name.filter(
    lambda text: not set(text) & set("{}:![")
    and text.strip()
    and text != "subscriptionId"
)
"""A path parameter: the placeholder of a path template cannot hold braces, ':', '!' or '['
(openapi-spec-validator parses it as a format field), nor be blank."""

literal_segment = nasty.filter(lambda text: not set(text) & set("{}"))
"""A literal path segment: any text but braces, which would make it a placeholder."""

sentinel_name = st.one_of(
    st.sampled_from(["ALL_THINGS", "EVERYTHING", "ALL", "A_1", "NONE_OF_THEM"]),
    st.from_regex(r"[A-Z][A-Z0-9]{0,8}(_[A-Z0-9]{1,5}){0,3}", fullmatch=True),
).filter(lambda text: pascal_case(text.lower()) != text)
"""x-armgen-omit-sentinel.name must be UPPER_SNAKE_CASE and differ from its class's name (`T`,
`A1` are refused); other names are refused (tests/unit/test_model*.py)."""


_NAMED_SLOTS = frozenset(
    {
        "post_id",
        "get_id",
        "path_param",
        "literal",
        "query_name",
        "query_values",
        "query_default",
        "query_enum_name",
        "header_name",
        "body_name",
        "sentinel_name",
        "body_model",
        "body_property",
        "client_name",
        "location_header",
        "final_state",
        "result_model",
        "result_property",
        "enum_property",
        "property_values",
        "property_enum_name",
    }
)
_FREE_TEXT = frozenset(field.name for field in fields(Slots)) - _NAMED_SLOTS
"""Descriptions, summaries, title and version: any text at all."""


@st.composite
def slots_strategy(draw: st.DrawFn) -> Slots:
    values: dict[str, Any] = {
        field.name: draw(nasty) for field in fields(Slots) if field.name in _FREE_TEXT
    }
    body_model, result_model = draw(
        st.lists(name, min_size=2, max_size=2, unique=True).filter(
            lambda pair: not {"CloudError", "ApiError"} & set(pair)
        )
    )
    result_property, enum_property = draw(
        st.lists(name, min_size=2, max_size=2, unique=True)
    )
    post_id, get_id = draw(st.lists(name, min_size=2, max_size=2, unique=True))
    # One x-ms-enum name for both would be one class, as intended: another shape.
    enum_names = draw(st.lists(name, min_size=2, max_size=2, unique=True))
    values.update(
        post_id=post_id,
        get_id=get_id,
        path_param=draw(path_name),
        literal=draw(literal_segment),
        query_name=draw(name.filter(lambda text: text != "api-version")),
        query_values=tuple(draw(st.lists(name, min_size=2, max_size=2, unique=True))),
        query_default=draw(st.integers(0, 1)),
        query_enum_name=enum_names[0],
        header_name=draw(name),
        body_name=draw(name),
        sentinel_name=draw(sentinel_name),
        body_model=body_model,
        body_property=draw(name),
        client_name=draw(name),
        location_header=draw(name),
        final_state=draw(name),
        result_model=result_model,
        result_property=result_property,
        enum_property=enum_property,
        property_values=tuple(
            draw(st.lists(name, min_size=2, max_size=2, unique=True))
        ),
        property_enum_name=enum_names[1],
    )
    return Slots(**values)


def same_shape_as_baseline(api: Api) -> bool:
    """True unless spec names collide in a way that changes the shape of the output.

    Model, enum and method names are unique, and class names are never the client's or a
    template's; a sentinel that would collide is refused. Two enums sharing one x-ms-enum name
    are one class, as intended, and another shape: the strategy draws two names.
    """
    class_names = [model.class_name for model in api.models]
    enum_classes = {
        api.enum_class(type_ref)
        for type_ref in [
            *(p.type for m in api.models for p in m.properties),
            *(p.type for op in api.operations for p in op.parameters),
        ]
    } - {None}
    sentinels = [
        name
        for op in api.operations
        if op.body is not None and op.body.omit_sentinel is not None
        for name in (op.body.omit_sentinel.name, op.body.omit_sentinel.class_name)
    ]
    exported = [
        api.client_name,
        *class_names,
        *sorted(n for n in enum_classes if n),
        *sentinels,
    ]
    template_names = template_module_names()
    return (
        len(enum_classes) == 2
        and len(set(exported)) == len(exported)
        and not set(exported) & template_names
    )


@cache
def template_module_names() -> frozenset[str]:
    """Module-level names bound by the templates (not by the baseline's spec)."""
    reference = baseline()
    spec_names = derived_names(reference.api)
    bound: set[str] = set()
    for path, text in reference.files.items():
        if path.suffix == ".py":
            bound |= set(scope_occurrences(ast.parse(text))[("module",)])
    return frozenset(bound - spec_names)


# --- the property test ----------------------------------------------------------------------

ADVISORY_EXAMPLES = {
    "property name closing a string (openapi-python-client)": replace(
        BASELINE, body_property='a"); import os #', result_property="b'); import os #"
    ),
    "path key calling exec (swagger-codegen#11309)": replace(
        BASELINE, literal="uploadImage'+str(exec('import os;os.system(\"id\")'))+'"
    ),
    "path key closing a call (openapi-generator#9809)": replace(
        BASELINE,
        literal="x','GET',pathParams)&&console.log('godmode');returnType=('a",
    ),
    "description ending in a backslash": replace(
        BASELINE,
        post_description="Pokes it.\\",
        result_model_description="Ends with a backslash \\",
        body_property_description="\\",
        description="\\\\",
    ),
    'description with """ and \\N{...}': replace(
        BASELINE,
        post_description='Says """hi""" and \\N{BULLET} and \\x41 and \\u0041',
        result_model_description='"""',
        body_model_description='x"""; import os; """',
        description="''' \\N{LATIN SMALL LETTER A}",
    ),
    "enum value calling exec": replace(
        BASELINE,
        property_values=('");exec("print(1)")#', "');exec('print(1)')#"),
        query_values=("\\", '"'),
    ),
    "parameter names injecting code (CVE-2016-5641)": replace(
        BASELINE,
        query_name="x'; eval(compile('1','','exec')); '",
        header_name='X-Evil"\r\nInjected: 1',
        path_param="p'); import os; ('",
        body_name="*/ eval(1) /*",
    ),
    "template syntax everywhere": replace(
        BASELINE,
        title="{{ package.title }} {% include 'x' %}",
        post_description="{{ ''.__class__.__mro__ }} {% raw %}{% endraw %} {# #}",
        sentinel_description="{{ operation }}",
        final_state="{{ x }}",
    ),
    "markdown and html": replace(
        BASELINE,
        description="<script>alert(1)</script> | a | b | ```\n# Heading\n- item",
        result_model_description="`code` ``two`` ``` <!-- --> [x](javascript:alert(1))",
        location_description="| broken | table |",
        enum_property_description="***bold*** _em_ ~~strike~~",
    ),
    "bidi and invisible characters (trojan source)": replace(
        BASELINE,
        post_description="admin\u202e \u2066 \u200b \u2028 \u2029 \x85",
        property_values=("a\u202eb", "\u200b"),
        query_name="mode\u202e",
    ),
    "keywords as names": replace(
        BASELINE,
        path_param="class",
        query_name="import",
        header_name="lambda",
        body_property="match",
        client_name="type",
        result_property="None",
        enum_property="from_dict",
        post_id="return",
        get_id="async",
    ),
    "TOML breaking out of its string": replace(
        BASELINE, title='x"\n[tool.evil]\nkey = "', version="1\\u0022"
    ),
    "very long strings": replace(
        BASELINE,
        description="word " * 2000,
        post_description="x" * 5000,
        literal="segment-" * 200,
        property_values=("v" * 1000, "w" * 1000),
    ),
}


ADVISORY_SLOTS = frozenset(ADVISORY_EXAMPLES.values())


def run_property(slots: Slots) -> None:
    """Every spec the strategy builds is valid: it must generate, with the baseline's shape.

    The advisory examples go through the whole pipeline, black included, to show that the
    formatter, too, takes their text as data; the others are checked as rendered.
    """
    advisory = slots in ADVISORY_SLOTS
    generated = generate(slots) if advisory else render(slots)
    assert same_shape_as_baseline(generated.api)
    check_generated(slots, generated, baseline() if advisory else rendered_baseline())


def with_advisory_examples(test: Any) -> Any:
    """An explicit @example for each attack string of a published generator advisory."""
    for slots in ADVISORY_EXAMPLES.values():
        test = example(slots=slots)(test)
    return test


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@with_advisory_examples
@given(slots=slots_strategy())
def test_spec_text_cannot_change_the_generated_code(slots: Slots) -> None:
    run_property(slots)


def test_baseline_is_its_own_reference() -> None:
    """The checks accept the baseline itself, so a failure above is about the spec text."""
    reference = baseline()
    check_generated(BASELINE, reference)
    for path, text in reference.files.items():
        if path.suffix == ".py":
            assert scope_collisions(text, text) == []


def test_exec_in_a_path_key_stays_in_the_url_literal() -> None:
    """swagger-codegen#11309's payload: the whole path key is one string constant."""
    payload = "uploadImage'+str(exec('import os;os.system(\"id\")'))+'"
    files = generate(replace(BASELINE, literal=payload)).files
    source = operation_sources(files)
    urls = [
        text for text in string_constants(ast.parse(source)) if text.endswith(payload)
    ]
    assert urls == ["/subscriptions/{subscription_id}/things/{thing_name}/" + payload]
    assert "exec" not in name_tokens(source)


UNNAMEABLE = replace(
    BASELINE,
    post_id="\U0001f680",
    get_id="***",
    path_param="\u65e5\u672c",
    query_name="'''",
    header_name='"""',
    body_property="\u00e9\u00e9",
    client_name="",
    result_model="###",
    result_property="\\",
    enum_property="\u202e",
    query_enum_name="\u2603",
    query_values=("?", "!"),
    property_values=("\u00e9", "\u00e8"),
)
"""Names with no ASCII letter or digit in them: nothing of them can be kept."""


def test_names_that_cannot_be_made_valid_get_deterministic_safe_names(
    tmp_path: Path,
) -> None:
    """Fallback names, numbered in the order of the wire names, the same in every process."""
    generated = generate(UNNAMEABLE)
    client = operation_sources(generated.files)
    models = generated.files[PurePosixPath(PACKAGE, "models.py")]
    for expected in ("def operation(", "parameter: str,"):
        assert expected in client, expected
    for expected in ("class Model:", "class Values(_StrEnum):", "    field: str\n"):
        assert expected in models, expected
    assert 'VALUE = "!"' in models and 'VALUE_2 = "?"' in models
    check_generated(UNNAMEABLE, generated)

    (tmp_path / SPEC_NAME).write_text(
        json.dumps(build_spec(UNNAMEABLE)), encoding="utf-8"
    )
    trees = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "generator", "generate", "--spec", SPEC_NAME]
        command += ["--package-name", PACKAGE, "--out", str(out)]
        completed = subprocess.run(
            command,
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        trees.append(
            {
                PurePosixPath(path.relative_to(out).as_posix()): path.read_text("utf-8")
                for path in sorted(out.rglob("*"))
                if path.is_file() and path.name != ".armgen-manifest.json"
            }
        )
    assert trees[0] == trees[1] == generated.files


def test_a_long_running_operation_without_a_name_gets_the_fallback_name() -> None:
    methods = {op.operation_id: op.method_name for op in load(UNNAMEABLE).operations}
    assert methods["Things_***"] == "operation"
    assert re.fullmatch(
        r"begin_operation(_\d+)?", methods["Things_\U0001f680"]
    ), methods


# --- names that capture the templates' names -------------------------------------------------


def capture_cases() -> list[Any]:
    handled = {
        "keywords and reserved words": dict(
            path_param="class",
            query_name="self",
            header_name="kwargs",
            body_property="polling",
            client_name="continuation_token",
            result_property="type",
            enum_property="from_dict",
        ),
        "dunder and underscore names": dict(
            path_param="__class__", query_name="_", header_name="__init__"
        ),
        "method called close": dict(get_id="Close"),
        "keyword definition names": dict(body_model="class", result_model="import"),
        "parameter quote": dict(path_param="quote"),
        "parameter body": dict(query_name="body"),
        "parameter headers": dict(header_name="headers"),
        "parameters query, request, response": dict(
            path_param="query", query_name="request", header_name="response"
        ),
        "parameter error_from_response": dict(path_param="errorFromResponse"),
        "model HttpRequest": dict(result_model="HttpRequest"),
        "model named like the client": dict(result_model="ThingsClient"),
        "optional property classmethod": dict(enum_property="classmethod"),
        "two definitions, one class name": dict(
            body_model="Poke Request", result_model="Poke-Request"
        ),
        "two definitions without letters": dict(
            body_model="###", result_model="\U0001f600"
        ),
        # enums whose class would take an imported name or the client's get `Enum` added
        "enum named like an imported class": dict(query_enum_name="HttpRequest"),
        "enum named like the client": dict(property_enum_name="ThingsClient"),
        # two x-ms-enum names that read alike are two classes (PokeMode, PokeMode_2); they
        # were merged into one with the values of both (fixed: named in the model stage)
        "enum names, one class name": dict(
            query_enum_name="poke mode", property_enum_name="poke-mode"
        ),
    }
    params = [pytest.param(overrides, id=case) for case, overrides in handled.items()]
    return params


@pytest.mark.parametrize("overrides", capture_cases())
def test_spec_names_cannot_capture_the_templates_names(
    overrides: dict[str, Any],
) -> None:
    """Names the generator makes safe."""
    generated = generate(replace(BASELINE, **overrides))
    reference = baseline()
    problems: list[str] = []
    for path, text in sorted(generated.files.items()):
        if path.suffix != ".py":
            continue
        base = reference.files[path]
        if shape(text) != shape(base):
            problems.append(
                f"{path}: the code's shape changed (names were deduplicated)"
            )
        else:
            problems += [
                f"{path}: {collision}" for collision in scope_collisions(text, base)
            ]
    assert problems == []


METHOD_NAMES = frozenset(
    {"body", "query", "headers", "request", "pipeline_response", "response"}
    | {"polling_method", "quote", "urlsplit", "cast", "error_from_response"}
    | {"self", "polling", "polling_interval", "continuation_token", "kwargs"}
)
"""The generated method's locals, the module names it reads and its own arguments."""


@pytest.mark.parametrize(
    "name", sorted(METHOD_NAMES | (METHOD_RESERVED - PYTHON_BUILTINS) | {"str", "list"})
)
def test_a_parameter_cannot_take_a_name_the_method_uses(name: str) -> None:
    """A parameter named like one of them is padded with `_` (`quote` -> `quote_`); every
    builtin is called in tests/e2e/test_every_name_is_callable.py."""
    post = operation(load(replace(BASELINE, query_name=name)), "POST")
    names = {
        parameter.wire_name: parameter.python_name for parameter in post.parameters
    }
    assert names[name] == name + "_"
    assert not set(names.values()) & METHOD_RESERVED


MODEL_NAMES = frozenset(
    {"from_dict", "to_dict", "classmethod", "staticmethod", "property", "cls"}
    | {"str", "int", "float", "bool", "list", "dict", "datetime"}
)
"""The model class's methods, their decorators and the builtins its annotations use
(MODEL_RESERVED's `Any` and `Mapping` cannot be property names: those are snake_case)."""


@pytest.mark.parametrize(
    "name", sorted(MODEL_NAMES | {n for n in MODEL_RESERVED if n.islower()})
)
def test_a_property_cannot_take_a_name_the_model_class_uses(name: str) -> None:
    """An optional property is a class attribute (default None): `classmethod` would make
    `@classmethod` call None. It is padded with `_` (`classmethod` -> `classmethod_`).
    """
    api = load(replace(BASELINE, enum_property=name))
    [thing] = [model for model in api.models if model.name == BASELINE.result_model]
    names = {prop.wire_name: prop.python_name for prop in thing.properties}
    assert names == {BASELINE.result_property: "display_name", name: name + "_"}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param(
            dict(result_model="HttpRequest"),
            {"HttpRequest": "HttpRequest_"},
            id="imported name",
        ),
        pytest.param(
            dict(result_model="ServiceError"),
            {"ServiceError": "ServiceError_"},
            id="generated name",
        ),
        pytest.param(
            dict(result_model="ThingsClient"),
            {"ThingsClient": "ThingsClient_"},
            id="the client's name",
        ),
        pytest.param(
            dict(body_model="Poke Request", result_model="Poke-Request"),
            {"Poke Request": "PokeRequest", "Poke-Request": "PokeRequest_2"},
            id="one class name",
        ),
        pytest.param(
            dict(body_model="###", result_model="\U0001f600"),
            {"###": "Model", "\U0001f600": "Model_2"},
            id="no letters",
        ),
    ],
)
def test_model_class_names_are_unique_and_free(
    overrides: dict[str, Any], expected: dict[str, str]
) -> None:
    """A definition cannot take a name the modules import or define, nor the client's:
    it is padded with `_`. Equal class names are numbered in the order of the definition
    names: the first keeps the name, the second gets `_2`."""
    api = load(replace(BASELINE, **overrides))
    class_names = {model.name: model.class_name for model in api.models}
    assert {name: class_names[name] for name in expected} == expected
    assert len(set(class_names.values())) == len(class_names)
    assert not set(class_names.values()) & RESERVED_CLASS_NAMES
    assert api.client_name == "ThingsClient"


def test_two_operations_that_would_share_a_method_name_are_refused() -> None:
    """`begin_` is part of a long-running method's name: Things_BeginPoke and the long-running
    Things_Poke would both be begin_poke. Renaming either would rename a method because of
    another operation, so the spec is refused, naming both and the way out."""
    with pytest.raises(SpecError) as refused:
        load(replace(BASELINE, get_id="BeginPoke"))
    assert refused.value.pointer.endswith("/post/operationId")
    assert (
        "operations 'Things_BeginPoke' and 'Things_Poke' would both be the method"
        in (refused.value.reason)
    )
    assert "x-ms-client-name" in refused.value.reason


SENTINEL_NAME_POINTER = (
    "/paths/"
    + escape_pointer_token("/subscriptions/{subscriptionId}/things/{thingName}/poke")
    + "/post/parameters/5/x-armgen-omit-sentinel/name"
)


@pytest.mark.parametrize(
    "name",
    [
        *sorted(RESERVED_CONSTANTS),
        "HTTP_REQUEST",  # class HttpRequest, imported by _client.py
        "SERVICE_ERROR",  # class ServiceError, defined by exceptions.py
        "HTTP_RESPONSE_ERROR",
    ],
)
def test_a_sentinel_cannot_take_a_generated_name(name: str) -> None:
    """A sentinel is a module constant and a class of its pascal-cased name: a name equal to
    a generated constant (API_VERSION, VERSION, ...), or whose class name is imported or
    defined by the generated modules, is refused with a SpecError at the name."""
    with pytest.raises(SpecError) as caught:
        load(replace(BASELINE, sentinel_name=name))
    assert caught.value.pointer == SENTINEL_NAME_POINTER
    assert (
        caught.value.reason
        == f"sentinel name {name!r} is taken by the generated client"
    )


@pytest.mark.parametrize(
    "name",
    [
        "THINGS_CLIENT",
        "POKE_REQUEST",
        "THING_STATE",  # was a class ThingState beside the enum ThingState
    ],
    ids=["the client", "a model", "an enum"],
)
def test_a_sentinel_cannot_take_a_class_name_of_the_spec(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        load(replace(BASELINE, sentinel_name=name))
    assert caught.value.pointer == SENTINEL_NAME_POINTER


def test_error_property_named_args_keeps_errors_working() -> None:
    """ServiceError exposes the ApiError properties as read-only properties, but not those
    named like BaseException's own attributes (args, with_traceback, add_note), which
    ServiceError.__init__ (HttpResponseError's) sets or which must stay methods."""
    document = build_spec(BASELINE)
    properties = document["definitions"]["ApiError"]["properties"]
    for name in ("args", "withTraceback", "addNote"):
        properties[name] = {"type": "string"}
    with tempfile.TemporaryDirectory() as directory, working_directory(Path(directory)):
        Path(SPEC_NAME).write_text(json.dumps(document), encoding="utf-8")
        files = generate_files(
            GenerateOptions(spec=Path(SPEC_NAME), package_name=PACKAGE)
        ).files
    exceptions = ast.parse(files[PurePosixPath(PACKAGE, "exceptions.py")])
    service_error = next(
        node
        for node in exceptions.body
        if isinstance(node, ast.ClassDef) and node.name == "ServiceError"
    )
    properties_defined = {
        node.name
        for node in service_error.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list
        )
    }
    assigned = {
        target.attr
        for node in ast.walk(service_error)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Attribute)
    }
    assert "detail_text" in properties_defined
    assert not properties_defined & {"args", "with_traceback", "add_note"}
    assert not properties_defined & assigned, properties_defined & assigned


def test_a_name_containing_datetime_adds_no_import() -> None:
    """models.py imports datetime for a date-time field only, not for a class name that
    contains the word (an enum LastDatetime)."""
    generated = generate(replace(BASELINE, property_enum_name="lastdatetime"))
    path = PurePosixPath(PACKAGE, "models.py")
    tree = ast.parse(generated.files[path])
    assert absolute_imports(tree) == absolute_imports(ast.parse(baseline().files[path]))


def test_emoji_in_the_title_keeps_pyproject_valid() -> None:
    """A character outside the BMP is written as a `\\UXXXXXXXX` escape, never as a
    surrogate pair (which TOML refuses)."""
    generated = generate(replace(BASELINE, title="Rocket \U0001f680 things"))
    text = generated.files[PurePosixPath("pyproject.toml")]
    assert "\\U0001F680" in text and "\\uD83D" not in text.upper()
    data = tomllib.loads(text)
    assert "\U0001f680" in data["project"]["description"]


@pytest.mark.parametrize(
    ("description", "escaped"),
    [
        ("2024. A year of things.", "2024\\. A year of things."),
        ("1) First things first.", "1\\) First things first."),
    ],
    ids=["dot", "parenthesis"],
)
def test_a_description_cannot_start_a_list(description: str, escaped: str) -> None:
    """A description starting with a number and `.` or `)` has that character escaped, so
    it stays a paragraph instead of starting an ordered list."""
    generated = generate(replace(BASELINE, description=description))
    readme = generated.files[PurePosixPath(PACKAGE, "README.md")]
    assert escaped in readme.splitlines()
    assert (
        markdown_differences(
            readme, baseline().files[PurePosixPath(PACKAGE, "README.md")]
        )
        == []
    )


def test_location_of_every_parameter_is_kept() -> None:
    """The spec's parameter kinds reach the model as declared (the shape test relies on it)."""
    api = baseline().api
    post = next(op for op in api.operations if op.http_method == "POST")
    kinds = {p.location for p in post.parameters}
    assert kinds == {Location.PATH, Location.QUERY, Location.HEADER}
    assert post.body is not None and post.body.omit_sentinel is not None
