"""Spec names never take a name the generated code uses, and a client whose every parameter and
property is named after one still builds the right requests.

`generator/model/reserved.py` lists the names the templates use. The first tests parse what a
spec using every template branch generates and fail when the code uses a name missing from
those lists; the last generate a package whose parameters (path, query, header, flattened body,
client) and model properties are called after every builtin and every reserved name, and call
it, sync and async, against a local server.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

import pytest

from generator.model import Api, Operation
from generator.model.reserved import (
    CLIENT_MEMBER_RESERVED,
    CLIENT_MODULE_NAMES,
    CLIENT_RESERVED,
    FORMAT_URL_KEYWORDS,
    GROUP_METHOD_RESERVED,
    METHOD_RESERVED,
    MODEL_RESERVED,
    RESERVED_CLASS_NAMES,
    RESERVED_CONSTANTS,
)
from generator.pipeline import GenerateOptions, generate_files, load_api

# --- a spec that takes every branch of the templates -----------------------------------------

SUBSCRIPTION_REF = {"$ref": "#/parameters/SubscriptionIdParameter"}
API_VERSION_REF = {"$ref": "#/parameters/ApiVersionParameter"}
ERROR = {"description": "Failed.", "schema": {"$ref": "#/definitions/CloudError"}}
THING = "/subscriptions/{subscriptionId}/things/{thingName}"


def _string(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


def _operation(op_id: str, *parameters: Any, **extra: Any) -> dict[str, Any]:
    result = {"description": "Thing", "schema": {"$ref": "#/definitions/Thing"}}
    return {
        "operationId": op_id,
        "parameters": [SUBSCRIPTION_REF, API_VERSION_REF, *parameters],
        "responses": {"200": result, "204": {"description": "None."}, "default": ERROR},
        **extra,
    }


THING_NAME = {"name": "thingName", "in": "path", "required": True, **_string()}
EVERY_BRANCH_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Probe", "version": "2024-01-01"},
    "host": "management.azure.com",
    "schemes": ["https"],
    "parameters": {
        "SubscriptionIdParameter": {
            "name": "subscriptionId",
            "in": "path",
            "required": True,
            **_string(),
        },
        "ApiVersionParameter": {
            "name": "api-version",
            "in": "query",
            "required": True,
            **_string(),
        },
    },
    "paths": {
        THING
        + "/poke": {
            "post": _operation(
                "Things_Poke",
                {**THING_NAME, "pattern": "^[a-z]+$", "minLength": 1, "maxLength": 9},
                {
                    "name": "mode",
                    "in": "query",
                    "enum": ["A", "B"],
                    "x-ms-enum": {"name": "Mode", "modelAsString": True},
                    **_string(),
                },
                {"name": "count", "in": "query", "required": True, "type": "integer"},
                {"name": "flag", "in": "query", "type": "boolean"},
                {"name": "tags", "in": "query", "type": "array", "items": _string()},
                {"name": "x-tag", "in": "header", **_string()},
                {"name": "x-num", "in": "header", "required": True, "type": "integer"},
                {
                    "name": "body",
                    "in": "body",
                    "x-ms-client-flatten": True,
                    "x-armgen-omit-sentinel": {"name": "ALL_THINGS"},
                    "schema": {"$ref": "#/definitions/PokeRequest"},
                },
                **{
                    "x-ms-long-running-operation": True,
                    "x-ms-long-running-operation-options": {
                        "final-state-via": "location"
                    },
                    "x-armgen-idempotent": True,
                },
            )
        },
        THING: {
            "get": _operation("Things_Get", THING_NAME),
            "put": _operation(
                "Things_Put",
                THING_NAME,
                {
                    "name": "thing",
                    "in": "body",
                    "required": True,
                    "schema": {"$ref": "#/definitions/Thing"},
                },
            ),
            "delete": _operation(
                "Things_Delete",
                THING_NAME,
                {
                    "name": "items",
                    "in": "body",
                    "schema": {"type": "array", "items": _string()},
                },
                **{"x-ms-long-running-operation": True},
            ),
            "head": {
                "operationId": "Things_Exists",
                "parameters": [SUBSCRIPTION_REF, API_VERSION_REF, THING_NAME],
                "responses": {
                    "200": {"description": "There."},
                    "404": {"description": "Not there."},
                    "default": ERROR,
                },
            },
        },
        "/subscriptions/{subscriptionId}/things/pages/{count}": {
            "get": {
                **_operation(
                    "Things_List",
                    {"name": "since", "in": "query", **_string(format="date-time")},
                    {
                        "name": "count",
                        "in": "path",
                        "required": True,
                        "type": "integer",
                    },
                ),
                "x-ms-pageable": {"nextLinkName": "nextLink"},
                "responses": {
                    "200": {
                        "description": "A page.",
                        "schema": {"$ref": "#/definitions/Page"},
                    },
                    "default": ERROR,
                },
            },
        },
        "/subscriptions/{subscriptionId}/things": {
            "post": {
                **_operation("Things_ListLater"),
                "x-ms-pageable": {"nextLinkName": "nextLink"},
                "x-ms-long-running-operation": True,
                "responses": {
                    "200": {
                        "description": "A page.",
                        "schema": {"$ref": "#/definitions/Page"},
                    },
                    "202": {"description": "Accepted."},
                    "default": ERROR,
                },
            },
        },
        "/subscriptions/{subscriptionId}/things/{thingName}/photo": {
            "get": {
                **_operation("Photo", THING_NAME),
                "responses": {
                    "200": {
                        "description": "Bytes.",
                        "schema": {"type": "string", "format": "binary"},
                    },
                    "default": ERROR,
                },
            },
        },
    },
    "definitions": {
        "PokeRequest": {
            "type": "object",
            "properties": {"ids": {"type": "array", "items": _string()}},
        },
        "Base": {"type": "object", "properties": {"id": _string(readOnly=True)}},
        "Page": {
            "type": "object",
            "properties": {
                "value": {"type": "array", "items": {"$ref": "#/definitions/Thing"}},
                "nextLink": _string(),
            },
        },
        "Thing": {
            "type": "object",
            "allOf": [{"$ref": "#/definitions/Base"}],
            "required": ["name"],
            "properties": {
                "name": _string(),
                "when": _string(format="date-time"),
                "state": _string(
                    enum=["On", "Off"], **{"x-ms-enum": {"name": "State"}}
                ),
                "count": {"type": "integer"},
                "ratio": {"type": "number"},
                "ok": {"type": "boolean"},
                "tags": {"type": "object", "additionalProperties": _string()},
                "children": {"type": "array", "items": {"$ref": "#/definitions/Base"}},
                "anything": {},
                "nested": {"type": "object", "properties": {"a": _string()}},
            },
        },
        "CloudError": {
            "type": "object",
            "properties": {"error": {"$ref": "#/definitions/ApiError"}},
        },
        "ApiError": {
            "type": "object",
            "properties": {
                "code": _string(),
                "message": _string(),
                "target": _string(),
                "details": {
                    "type": "array",
                    "items": {"$ref": "#/definitions/ApiError"},
                },
            },
        },
    },
}
"""Long-running, paged, paged long-running, HEAD, binary and plain operations, one without a
group, a sentinel, flattened and plain bodies, enums, every scalar, arrays, dicts, date-times,
an integer path parameter, inherited and nested models, an error envelope."""


@dataclass(frozen=True)
class Generated:
    api: Api
    modules: dict[str, ast.Module]


@pytest.fixture(scope="module")
def every_branch(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    spec = tmp_path_factory.mktemp("every-branch") / "spec.json"
    spec.write_text(json.dumps(EVERY_BRANCH_SPEC), encoding="utf-8")
    files = generate_files(GenerateOptions(spec=spec, package_name="probe")).files
    modules = {
        str(path.relative_to("probe")): ast.parse(text)
        for path, text in files.items()
        if path.suffix == ".py"
    }
    return Generated(load_api(spec), modules)


def _names(node: ast.AST | None) -> set[str]:
    return (
        set()
        if node is None
        else {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    )


def names_in_function(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The arguments, locals and free names of a function's body; a comprehension's own
    variables are left out (they are local to it and never read a parameter)."""
    arguments = function.args
    found = {
        a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    }
    found |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    for statement in function.body:
        found |= _names(statement)
        found |= {
            alias.asname or alias.name
            for node in ast.walk(statement)
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
    comprehension_variables = {
        name
        for node in ast.walk(function)
        if isinstance(node, ast.comprehension)
        for name in _names(node.target)
    }
    return found - comprehension_variables


def names_in_class_scope(cls: ast.ClassDef) -> set[str]:
    """What the class body itself reads: decorators, annotations and defaults of its methods
    and fields (mypy resolves annotations there, where a method or field comes first).
    """
    found: set[str] = set()
    for statement in cls.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = statement.args
            every = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
            every += tuple(a for a in (arguments.vararg, arguments.kwarg) if a)
            for argument in every:
                found |= _names(argument.annotation)
            for node in (
                *statement.decorator_list,
                *arguments.defaults,
                *arguments.kw_defaults,
                statement.returns,
            ):
                found |= _names(node)
        elif isinstance(statement, ast.AnnAssign):
            found |= _names(statement.annotation) | _names(statement.value)
    return found


def module_bindings(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            found |= {a.asname or a.name.split(".")[0] for a in statement.names}
        elif isinstance(statement, ast.FunctionDef | ast.ClassDef):
            found.add(statement.name)
        elif isinstance(statement, ast.Assign):
            found |= set().union(*(_names(target) for target in statement.targets))
        elif isinstance(statement, ast.AnnAssign):
            found |= _names(statement.target)
    return found


def spec_parameter_names(operation: Operation) -> set[str]:
    """The method's arguments that come from the spec (a flattened body's properties stand
    in for the body)."""
    names = {p.python_name for p in operation.method_parameters}
    body = operation.body
    if body is not None:
        names |= set(body.flattened_arguments) or {body.python_name}
    return names


def spec_class_names(api: Api) -> set[str]:
    """Classes and constants the spec named: the client, models, enums, sentinels."""
    names = {api.client_name} | {model.class_name for model in api.models}
    for operation in api.operations:
        types = [p.type for p in operation.parameters]
        if operation.body is not None and operation.body.omit_sentinel is not None:
            sentinel = operation.body.omit_sentinel
            names |= {sentinel.name, sentinel.class_name}
        names |= {api.enum_class(t) or "" for t in types} - {""}
    for model in api.models:
        names |= {api.enum_class(p.type) or "" for p in model.properties} - {""}
    return names


CLIENT_MODULES = ("_client.py", "aio/_client.py")
GROUP_MODULES = ("operations/_things.py", "aio/operations/_things.py")
OPERATION_MODULES = (*CLIENT_MODULES, *GROUP_MODULES)
"""The modules whose classes hold operation methods: the client's own, and each group's."""


def snake_like(names: set[str]) -> set[str]:
    """The names a spec's parameter, property or method could be given (snake_case)."""
    return {name for name in names if re.fullmatch(r"[a-z][a-z0-9_]*", name)}


def client_class(generated: Generated, module: str) -> ast.ClassDef:
    return next(
        node
        for node in generated.modules[module].body
        if isinstance(node, ast.ClassDef) and node.name == generated.api.client_name
    )


def operation_class(generated: Generated, module: str) -> ast.ClassDef:
    """The class holding the module's operation methods: the client, or a group's class."""
    if module in CLIENT_MODULES:
        return client_class(generated, module)
    return next(
        node
        for node in generated.modules[module].body
        if isinstance(node, ast.ClassDef)
    )


def test_the_spec_reaches_every_kind_of_method(every_branch: Generated) -> None:
    operations = every_branch.api.operations
    assert {op.group_attribute for op in operations} == {"things", ""}
    assert any(op.paging and op.long_running for op in operations)
    assert any(op.http_method == "HEAD" for op in operations)


@pytest.mark.parametrize("module", OPERATION_MODULES)
def test_every_name_an_operation_method_uses_is_reserved_for_parameters(
    every_branch: Generated, module: str
) -> None:
    """A parameter is a local of its method: it cannot be any other name the method reads
    or binds (a builtin, `body`, a nested function's name, ...), whatever the template adds.
    """
    methods = {
        node.name: node
        for node in operation_class(every_branch, module).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    group = "" if module in CLIENT_MODULES else "things"
    checked = 0
    for operation in every_branch.api.operations:
        if operation.group_attribute != group:
            continue
        used = names_in_function(methods[operation.method_name])
        own = used - spec_parameter_names(operation) - {"self"}
        lower_case = snake_like(own)
        assert lower_case <= METHOD_RESERVED, lower_case - METHOD_RESERVED
        assert spec_parameter_names(operation).isdisjoint(METHOD_RESERVED)
        checked += 1
    assert checked


@pytest.mark.parametrize("module", CLIENT_MODULES)
def test_every_name_the_client_constructor_uses_is_reserved_for_client_parameters(
    every_branch: Generated, module: str
) -> None:
    init = next(
        node
        for node in client_class(every_branch, module).body
        if isinstance(node, ast.FunctionDef) and node.name == "__init__"
    )
    client_parameters = {p.python_name for p in every_branch.api.client_parameters}
    used = names_in_function(init) - client_parameters - {"self"}
    attributes = (
        {
            node.attr.removeprefix("_")
            for node in ast.walk(init)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and isinstance(node.ctx, ast.Store)
        }
        - client_parameters
        - {group.attribute for group in every_branch.api.named_groups}
    )
    lower_case = snake_like(used | attributes)
    assert lower_case <= CLIENT_RESERVED, lower_case - CLIENT_RESERVED


@pytest.mark.parametrize("module", OPERATION_MODULES)
def test_every_lower_case_module_name_of_the_client_is_listed(
    every_branch: Generated, module: str
) -> None:
    """Module names a parameter could shadow; the modules' own helpers start with `_`."""
    bound = module_bindings(every_branch.modules[module])
    lower_case = snake_like(bound)
    assert lower_case <= CLIENT_MODULE_NAMES, lower_case - CLIENT_MODULE_NAMES


def test_every_name_a_class_body_reads_is_reserved_for_its_members(
    every_branch: Generated,
) -> None:
    """A method (client, group) or field (model, ServiceError's properties) of the same name
    would be found first by the class body's annotations and decorators."""
    for module in CLIENT_MODULES:
        read = names_in_class_scope(client_class(every_branch, module))
        assert snake_like(read) <= CLIENT_MEMBER_RESERVED
    for module in GROUP_MODULES:
        read = names_in_class_scope(operation_class(every_branch, module))
        assert snake_like(read) <= GROUP_METHOD_RESERVED, read
    model_classes = {model.class_name for model in every_branch.api.models}
    checked = 0
    for module in ("models.py", "exceptions.py"):
        for node in every_branch.modules[module].body:
            if isinstance(node, ast.ClassDef) and (
                node.name in model_classes or node.name == "ServiceError"
            ):
                read = snake_like(names_in_class_scope(node))
                assert read <= MODEL_RESERVED, (node.name, read - MODEL_RESERVED)
                checked += 1
    assert checked == len(model_classes) + 1


def test_every_class_and_constant_the_modules_bind_is_reserved_for_spec_classes(
    every_branch: Generated,
) -> None:
    """Model, enum, sentinel and client classes live beside what the modules import and
    define; a spec class can never be one of those."""
    spec_names = spec_class_names(every_branch.api) | {
        group.class_name for group in every_branch.api.named_groups
    }
    for module in (
        "__init__.py",
        "_shared.py",
        *OPERATION_MODULES,
        "models.py",
        "exceptions.py",
    ):
        bound = module_bindings(every_branch.modules[module]) - spec_names
        capitalised = {name for name in bound if name[0].isupper()}
        assert capitalised <= RESERVED_CLASS_NAMES, capitalised - RESERVED_CLASS_NAMES
        upper = {name for name in capitalised if name.isupper()}
        assert upper <= RESERVED_CONSTANTS, upper - RESERVED_CONSTANTS
    assert spec_names.isdisjoint(RESERVED_CLASS_NAMES)


def test_format_url_keywords_are_azure_cores_argument_names() -> None:
    """Path parameters are keyword arguments of these two functions."""
    import inspect

    from azure.core.pipeline.transport import _base

    pipeline_names = set(
        inspect.signature(_base.PipelineClientBase.format_url).parameters
    )
    section_names = set(inspect.signature(_base._format_url_section).parameters)
    assert (pipeline_names | section_names) - {"kwargs"} == FORMAT_URL_KEYWORDS
