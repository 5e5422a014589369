"""Constant model properties and `x-ms-client-default` (generator/model/constants.py): which
property is a constant, which default a field gets, what is refused, and what the generated
classes do with them.

The generated-class cases are those of AutoRest's own test of constants.json (test_models in
test_constants.py of Azure/autorest.python): a model whose property has `x-ms-client-default`
holds that value when built without it. The test server's file defines those models without
using them, so the spec here uses the same shapes from an operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.model import Api
from tests.helpers.model_specs import act_spec, assert_error, body, build, build_error
from tests.helpers.packages import generated_package, write_json

SHAPES = {
    # name: (two values?, modelAsString?, required?, client default?)
    "ModelAsStringNoRequiredOneValueDefault": (False, True, False, True),
    "ModelAsStringNoRequiredTwoValueDefault": (True, True, False, True),
    "ModelAsStringRequiredOneValueDefault": (False, True, True, True),
    "ModelAsStringRequiredTwoValueDefault": (True, True, True, True),
    "NoModelAsStringNoRequiredOneValueDefault": (False, False, False, True),
    "NoModelAsStringNoRequiredTwoValueDefault": (True, False, False, True),
    "NoModelAsStringRequiredTwoValueDefault": (True, False, True, True),
    "NoModelAsStringRequiredOneValueNoDefault": (False, False, True, False),
    "NoModelAsStringNoRequiredOneValueNoDefault": (False, False, False, False),
}


def shape(name: str) -> dict[str, Any]:
    two, as_string, required, default = SHAPES[name]
    parameter: dict[str, Any] = {
        "type": "string",
        "enum": ["value1", "value2"] if two else ["value1"],
        "x-ms-enum": {"name": f"{name}Enum", "modelAsString": as_string},
    }
    if default:
        parameter["x-ms-client-default"] = "value1"
    schema: dict[str, Any] = {"type": "object", "properties": {"parameter": parameter}}
    if required:
        schema["required"] = ["parameter"]
    return schema


def shapes_spec() -> dict[str, Any]:
    """Things_Act takes a Holder with one property of each shape."""
    holder = {
        "type": "object",
        "properties": {
            name: {"$ref": f"#/definitions/{name}"} for name in sorted(SHAPES)
        },
    }
    return act_spec(
        [body("Holder")],
        {"Holder": holder, **{name: shape(name) for name in SHAPES}},
    )


def the_property(api: Api, model: str) -> tuple[bool, object]:
    (prop,) = api.model(model).properties
    return prop.constant, prop.default


def test_a_required_one_value_sealed_enum_is_a_constant(tmp_path: Path) -> None:
    api = build(tmp_path, shapes_spec())
    assert the_property(api, "NoModelAsStringRequiredOneValueNoDefault") == (
        True,
        "value1",
    )
    assert the_property(api, "ModelAsStringRequiredOneValueDefault") == (
        False,
        "value1",
    )
    assert the_property(api, "NoModelAsStringNoRequiredOneValueNoDefault") == (
        False,
        None,
    )
    assert the_property(api, "NoModelAsStringRequiredTwoValueDefault") == (
        False,
        "value1",
    )


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        ({"type": "integer", "x-ms-client-default": "5"}, "must be an integer"),
        ({"type": "integer", "x-ms-client-default": True}, "must be an integer"),
        (
            {"type": "string", "enum": ["a"], "x-ms-client-default": "b"},
            "one of the enum's values",
        ),
        (
            {"type": "string", "format": "date-time", "x-ms-client-default": "x"},
            "plain strings, numbers and booleans",
        ),
        (
            {"type": "array", "items": {"type": "string"}, "x-ms-client-default": []},
            "plain strings, numbers and booleans",
        ),
    ],
)
def test_a_client_default_that_cannot_be_the_fields_is_refused(
    tmp_path: Path, schema: dict[str, Any], reason: str
) -> None:
    document = act_spec(
        [body("Thing")],
        {"Thing": {"type": "object", "properties": {"size": schema}}},
    )
    error = build_error(tmp_path, document)
    assert_error(
        error, "/definitions/Thing/properties/size/x-ms-client-default", reason
    )


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("defaults")
    spec = write_json(folder / "spec.json", shapes_spec())
    with generated_package(spec, "armgen_defaults", folder / "out") as package:
        yield package.models


@pytest.mark.parametrize("name", [n for n, s in SHAPES.items() if s[3]])
def test_a_client_default_is_the_fields_default(models: ModuleType, name: str) -> None:
    """AutoRest's test_models: each of these models, built without the property, has it."""
    built = getattr(models, name)()
    assert built.parameter == "value1"
    assert built.to_dict() == {"parameter": "value1"}


def test_a_client_default_is_not_sent_when_set_to_none(models: ModuleType) -> None:
    built = models.NoModelAsStringNoRequiredTwoValueDefault(parameter=None)
    assert built.to_dict() == {}


def test_a_constant_is_always_sent_and_read_as_its_value(models: ModuleType) -> None:
    model = models.NoModelAsStringRequiredOneValueNoDefault
    assert model().to_dict() == {"parameter": "value1"}
    assert model.from_dict({}).parameter == "value1"
    assert model.from_dict({"parameter": "value1"}) == model()
    with pytest.raises(ValueError, match="expected the constant"):
        model.from_dict({"parameter": "value2"})


def test_an_optional_one_value_enum_stays_optional(models: ModuleType) -> None:
    model = models.NoModelAsStringNoRequiredOneValueNoDefault
    assert model().to_dict() == {}
    assert model.from_dict({}).parameter is None
