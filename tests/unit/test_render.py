"""Stage 4: the Jinja environment and a whole rendered package."""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import pytest
import yaml

from generator.escape import SpecText
from generator.format import format_files
from generator.pipeline import load_api
from generator.render import (
    GROUPS_ONLY,
    LONG_RUNNING_ONLY,
    PACKAGE_OUTPUTS,
    TEMPLATES_DIR,
    make_environment,
    render_package,
)
from tests.helpers import write_spec

# --- the environment ---------------------------------------------------------------------------


@pytest.fixture
def environment() -> jinja2.Environment:
    return make_environment()


def test_environment_uses_strict_undefined(environment: jinja2.Environment) -> None:
    assert issubclass(environment.undefined, jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        environment.from_string("value: {{ missing }}").render()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{{ thing.absent }}").render(thing=object())
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{% if missing %}x{% endif %}").render()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{% for x in missing %}{{ x }}{% endfor %}").render()


def test_environment_keeps_the_trailing_newline(
    environment: jinja2.Environment,
) -> None:
    assert environment.keep_trailing_newline
    assert environment.from_string("line\n").render() == "line\n"
    assert environment.from_string("{{ value }}\n\n").render(value="v") == "v\n\n"


def test_environment_does_not_autoescape_html(environment: jinja2.Environment) -> None:
    assert environment.from_string("{{ v }}").render(v="<a & b>") == "<a & b>"


def test_environment_loads_the_package_templates(
    environment: jinja2.Environment,
) -> None:
    templates = sorted(TEMPLATES_DIR.rglob("*.jinja"))
    assert len(templates) >= len(PACKAGE_OUTPUTS)
    for template in templates:
        name = template.relative_to(TEMPLATES_DIR).as_posix()
        assert environment.get_template(name) is not None


def test_spec_text_without_a_filter_is_refused(environment: jinja2.Environment) -> None:
    text = SpecText("Deallocates the VMs")
    with pytest.raises(jinja2.TemplateRuntimeError, match="without an escaping filter"):
        environment.from_string("# {{ text }}\n").render(text=text)
    with pytest.raises(jinja2.TemplateRuntimeError, match="Deallocates"):
        environment.from_string("{% for t in texts %}{{ t }}{% endfor %}").render(
            texts=[text]
        )
    with pytest.raises(jinja2.TemplateRuntimeError):
        environment.from_string("{{ view.doc }}").render(view={"doc": text})


def test_plain_strings_print_without_a_filter(environment: jinja2.Environment) -> None:
    assert environment.from_string("{{ name }}").render(name="vm_scale_set") == (
        "vm_scale_set"
    )


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("x = {{ text | py }}", "x = 'a \"b\" {{ c }}'"),
        ("# {{ text | comment }}", '# a "b" {{ c }}'),
        ("{{ text | md }}", 'a "b" {{ c }}'),
        ("{{ text | md_code }}", '`a "b" {{ c }}`'),
        ("{{ text | docstring }}", '"""a "b" {{ c }}"""'),
    ],
)
def test_spec_text_through_an_escaping_filter(
    environment: jinja2.Environment, template: str, expected: str
) -> None:
    rendered = environment.from_string(template).render(text=SpecText('a "b" {{ c }}'))
    assert rendered == expected


def test_py_filter_output_is_valid_python(environment: jinja2.Environment) -> None:
    nasty = SpecText("'''\"\"\"\\\n{% raw %}\u2028\u202e")
    source = environment.from_string("value = {{ text | py }}\n").render(text=nasty)
    module = ast.parse(source)
    assert len(module.body) == 1
    assert isinstance(module.body[0], ast.Assign)
    assert ast.literal_eval(module.body[0].value) == str(nasty)


@pytest.mark.parametrize(
    "template",
    ["{{ text | trim }}", "{{ text | upper }}", "{{ text ~ '' }}", "{{ text[:] }}"],
)
def test_spec_text_cannot_be_laundered_by_other_filters(
    environment: jinja2.Environment, template: str
) -> None:
    with pytest.raises(jinja2.TemplateError):
        environment.from_string(template).render(text=SpecText("x\n'''"))


# --- a whole package ---------------------------------------------------------------------------

ARM_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Things", "version": "2024-01-01", "description": 'Say "hi".'},
    "host": "management.azure.com",
    "paths": {
        "/subscriptions/{subscriptionId}/things/{thingName}": {
            "get": {
                "operationId": "Things_Get",
                "description": 'Gets a thing; """quotes""", {{ braces }} and {% tags %}.',
                "parameters": [
                    {"$ref": "#/parameters/SubscriptionIdParameter"},
                    {"$ref": "#/parameters/ApiVersionParameter"},
                    {
                        "name": "thingName",
                        "in": "path",
                        "required": True,
                        "type": "string",
                    },
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "schema": {"$ref": "#/definitions/Thing"},
                    },
                    "default": {
                        "description": "Error",
                        "schema": {"$ref": "#/definitions/CloudError"},
                    },
                },
            }
        }
    },
    "parameters": {
        "SubscriptionIdParameter": {
            "name": "subscriptionId",
            "in": "path",
            "required": True,
            "type": "string",
        },
        "ApiVersionParameter": {
            "name": "api-version",
            "in": "query",
            "required": True,
            "type": "string",
        },
    },
    "definitions": {
        "Thing": {
            "type": "object",
            "description": "A thing.\n\nIt ends with a backslash \\",
            "properties": {
                "name": {"type": "string", "description": "Name '''of''' it"},
                "class": {"type": "string"},
            },
        },
        "CloudError": {
            "type": "object",
            "properties": {"error": {"$ref": "#/definitions/ApiError"}},
        },
        "ApiError": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}


def test_render_and_format_a_small_package(tmp_path: Path) -> None:
    api = load_api(write_spec(tmp_path / "spec.yaml", ARM_SPEC))
    rendered = render_package(api, "things")
    groups = {f"{flavor}operations/_things.py" for flavor in ("", "aio/")}
    assert set(rendered) == {
        PurePosixPath("things", name)
        for name in (*PACKAGE_OUTPUTS, *groups)
        if name not in LONG_RUNNING_ONLY  # the spec has no long-running operation
    } | {PurePosixPath("pyproject.toml")}
    assert set(PACKAGE_OUTPUTS) >= GROUPS_ONLY

    files = format_files(rendered)
    assert set(files) == set(rendered)
    for path, text in files.items():
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        if path.suffix == ".py":
            compile(text, str(path), "exec")
    models = files[PurePosixPath("things/models.py")]
    assert "class Thing" in models
    assert "class_: str | None" in models
    assert "{{ braces }}" in files[PurePosixPath("things/operations/_things.py")]
    # Rendering is deterministic.
    assert format_files(render_package(api, "things")) == files


def test_render_a_package_without_an_error_response(tmp_path: Path) -> None:
    document = yaml.safe_load(yaml.safe_dump(ARM_SPEC))
    responses = document["paths"]["/subscriptions/{subscriptionId}/things/{thingName}"][
        "get"
    ]["responses"]
    del responses["default"]
    api = load_api(write_spec(tmp_path / "spec.yaml", document))
    files = format_files(render_package(api, "things"))
    for path, text in files.items():
        if path.suffix == ".py":
            compile(text, str(path), "exec")


@pytest.mark.parametrize(
    ("schemes", "endpoint"),
    [
        (None, "https://management.azure.com"),
        (["https"], "https://management.azure.com"),
        (["http", "https"], "https://management.azure.com"),
        (["http"], "http://management.azure.com"),
    ],
)
def test_the_default_endpoint_follows_the_specs_schemes(
    tmp_path: Path, schemes: list[str] | None, endpoint: str
) -> None:
    """https whenever the spec allows it; http only when that is all it lists."""
    document = yaml.safe_load(yaml.safe_dump(ARM_SPEC))
    if schemes is not None:
        document["schemes"] = schemes
    api = load_api(write_spec(tmp_path / "spec.yaml", document))
    client = format_files(render_package(api, "things"))[
        PurePosixPath("things/_shared.py")
    ]
    assert f'DEFAULT_ENDPOINT: Final = "{endpoint}"' in client
