"""Comparing generated Python with the baseline's: shape, imports, calls, string constants and
the names of each scope."""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from collections.abc import Mapping
from functools import cache
from pathlib import PurePosixPath
from typing import Any

if sys.version_info >= (3, 11):
    pass
else:  # black, a dependency, brings tomli on Python 3.10
    pass
from tests.helpers.injection.spec import (
    PACKAGE,
)

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
