"""Stage 3: schema constructs on small inline specs: what is refused (anyOf, oneOf, some allOf
forms, unknown types) and what is supported (inline allOf objects, maps, free-form objects).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.load import load_spec
from generator.model import (
    Kind,
    build_api,
)
from generator.validate import validate_spec
from tests.helpers import write_spec
from tests.helpers.model_specs import (
    ACT_POINTER,
    act_spec,
    assert_error,
    body,
    build,
    build_error,
    only_operation,
)

# --- unsupported constructs -------------------------------------------------------------------


THING = {"type": "object", "properties": {"a": {"type": "string"}}}


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
def test_any_of_and_one_of_are_refused(tmp_path: Path, keyword: str) -> None:
    document = act_spec(
        [body("Outer")],
        definitions={
            "Outer": {
                "type": "object",
                "properties": {
                    "either": {
                        keyword: [{"type": "string"}, {"$ref": "#/definitions/Thing"}]
                    }
                },
            },
            "Thing": THING,
        },
    )
    with pytest.raises(SpecError, match=keyword):
        validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", document)))
    error = build_error(tmp_path, document, validate=False)
    pointer = "/definitions/Outer/properties/either"
    assert error.pointer in (pointer, f"{pointer}/{keyword}")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert f"'{keyword}'" in error.reason


def test_inline_all_of_of_two_schemas_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        responses={
            "200": {
                "description": "OK",
                "schema": {
                    "allOf": [
                        {"$ref": "#/definitions/Thing"},
                        {"$ref": "#/definitions/Other"},
                    ]
                },
            }
        },
        definitions={"Thing": THING, "Other": THING},
    )
    error = build_error(tmp_path, document)
    schema = f"{ACT_POINTER}/responses/200/schema"
    assert error.pointer in (schema, f"{schema}/allOf")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert "allOf" in error.reason or "inline object schema" in error.reason


def test_all_of_entry_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [body("Child")],
        definitions={
            "Child": {
                "type": "object",
                "allOf": [{"type": "string"}],
                "properties": {"name": {"type": "string"}},
            }
        },
    )
    error = build_error(tmp_path, document)
    assert error.pointer.startswith("/definitions/Child")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert "allOf" in error.reason


def test_an_inline_object_inside_all_of_adds_its_properties(tmp_path: Path) -> None:
    # As AutoRest merges it: the entry has no name of its own, its properties are the model's.
    document = act_spec(
        [body("Child")],
        definitions={
            "Child": {
                "type": "object",
                "allOf": [
                    {
                        "type": "object",
                        "required": ["x"],
                        "properties": {"x": {"type": "string"}},
                    }
                ],
                "properties": {"name": {"type": "string"}},
            }
        },
    )
    child = build(tmp_path, document).model("Child")
    assert child.bases == ()
    assert [(p.wire_name, p.required) for p in child.properties] == [
        ("name", False),
        ("x", True),
    ]


def test_all_of_base_and_inline_object_schemas_become_models(tmp_path: Path) -> None:
    document = act_spec(
        [body("Child")],
        responses={
            "200": {
                "description": "OK",
                "schema": {
                    "type": "object",
                    "properties": {"done": {"type": "boolean"}},
                },
            }
        },
        definitions={
            "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Child": {
                "type": "object",
                "allOf": [{"$ref": "#/definitions/Base"}],
                "properties": {"name": {"type": "string"}},
            },
        },
    )
    api = build(tmp_path, document)
    child = api.model("Child")
    assert child.bases == ("Base",)
    assert [p.wire_name for p in child.properties] == ["name"]
    assert [p.wire_name for p in api.all_properties("Child")] == ["id", "name"]
    result = only_operation(api).success_responses[0].type
    assert result is not None and result.kind is Kind.MODEL
    assert result.model is not None
    assert [p.wire_name for p in api.model(result.model).properties] == ["done"]
    assert [m.name for m in api.models] == sorted(m.name for m in api.models)
    assert {"Base", "Child", result.model} == {m.name for m in api.models}


def test_unsupported_type_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [body("Outer")],
        definitions={
            "Outer": {"type": "object", "properties": {"odd": {"type": "null"}}}
        },
    )
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    with pytest.raises(SpecError) as caught:
        build_api(spec)
    assert_error(caught.value, "/definitions/Outer/properties/odd", "'null'")


def test_maps_and_free_form_objects_are_supported(tmp_path: Path) -> None:
    document = act_spec(
        [body("Bag")],
        definitions={
            "Bag": {
                "type": "object",
                "properties": {
                    "tags": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                    },
                    "anything": {"type": "object"},
                    "items": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
                },
            },
            "Item": {"type": "object", "properties": {"a": {"type": "integer"}}},
        },
    )
    api = build(tmp_path, document)
    types = {p.wire_name: p.type.describe() for p in api.model("Bag").properties}
    assert types == {
        "tags": "map<string>",
        "anything": "any",
        "items": "array<Item>",
    }
