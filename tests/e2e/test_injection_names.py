"""Names are a second way in for spec text: a spec name that becomes an identifier the templates
use would change what the code means without changing its shape. These tests choose such
names (tests/e2e/test_injection.py runs the property test over free text); the helpers are in
tests/helpers/injection/."""

from __future__ import annotations

import ast
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.errors import SpecError, escape_pointer_token
from generator.model import Location
from generator.model.reserved import (
    METHOD_RESERVED,
    MODEL_RESERVED,
    RESERVED_CLASS_NAMES,
    RESERVED_CONSTANTS,
)
from generator.naming import PYTHON_BUILTINS
from generator.pipeline import GenerateOptions, generate_files
from tests.helpers.injection.markdown import (
    markdown_differences,
)
from tests.helpers.injection.python import (
    absolute_imports,
    scope_collisions,
    shape,
)
from tests.helpers.injection.spec import (
    BASELINE,
    PACKAGE,
    SPEC_NAME,
    baseline,
    build_spec,
    generate,
    load,
    operation,
    working_directory,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # black, a dependency, brings tomli on Python 3.10
    import tomli as tomllib

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
