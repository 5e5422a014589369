"""Stage 3: what the model keeps of a property's ARM keywords (readOnly, x-ms-mutability,
x-ms-secret, x-nullable), of `additionalProperties` beside named properties, and the enum
classes the Api names for each `x-ms-enum` name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import AdditionalProperties, EnumClass, Kind, TypeRef
from tests.helpers.model_specs import act_spec, body, build


def thing_api(tmp_path: Path, thing: dict[str, Any], **definitions: Any) -> Any:
    return build(
        tmp_path,
        act_spec([body("Thing")], definitions={"Thing": thing, **definitions}),
    )


def thing_property(tmp_path: Path, schema: dict[str, Any]) -> Any:
    api = thing_api(tmp_path, {"properties": {"p": schema}})
    (prop,) = api.model("Thing").properties
    return prop


@pytest.mark.parametrize(
    ("schema", "read_only", "mutability"),
    [
        ({"type": "string"}, False, ()),
        ({"type": "string", "readOnly": True}, True, ()),
        ({"type": "string", "x-ms-mutability": ["read"]}, True, ("read",)),
        (
            {"type": "string", "x-ms-mutability": ["read", "create"]},
            False,
            ("create", "read"),
        ),
        (
            {"type": "string", "x-ms-mutability": ["create", "read", "update"]},
            False,
            ("create", "read", "update"),
        ),
    ],
)
def test_read_only_and_mutability(
    tmp_path: Path,
    schema: dict[str, Any],
    read_only: bool,
    mutability: tuple[str, ...],
) -> None:
    prop = thing_property(tmp_path, schema)
    assert (prop.read_only, prop.mutability) == (read_only, mutability)


def test_secret_and_nullable_are_kept(tmp_path: Path) -> None:
    prop = thing_property(
        tmp_path, {"type": "string", "x-ms-secret": True, "x-nullable": True}
    )
    assert prop.secret and prop.nullable
    plain = thing_property(tmp_path, {"type": "string"})
    assert not (plain.secret or plain.nullable)


def test_keywords_of_a_referenced_schema_count(tmp_path: Path) -> None:
    api = thing_api(
        tmp_path,
        {"properties": {"key": {"$ref": "#/definitions/Key"}}},
        Key={"type": "string", "x-ms-secret": True, "readOnly": True},
    )
    (key,) = api.model("Thing").properties
    assert key.secret and key.read_only


@pytest.mark.parametrize(
    ("additional", "value_kind"),
    [
        ({"type": "string"}, Kind.STRING),
        (True, Kind.ANY),
        ({}, Kind.ANY),
    ],
)
def test_additional_properties_beside_named_ones_are_kept(
    tmp_path: Path, additional: Any, value_kind: Kind
) -> None:
    api = thing_api(
        tmp_path,
        {
            "properties": {"name": {"type": "string"}},
            "additionalProperties": additional,
        },
    )
    kept = api.model("Thing").additional
    assert kept == AdditionalProperties("additional_properties", TypeRef(value_kind))


def test_no_additional_properties_without_the_keyword_or_when_false(
    tmp_path: Path,
) -> None:
    for extra in ({}, {"additionalProperties": False}):
        api = thing_api(tmp_path, {"properties": {"name": {"type": "string"}}, **extra})
        assert api.model("Thing").additional is None


def test_the_field_of_other_keys_takes_no_propertys_name(tmp_path: Path) -> None:
    api = thing_api(
        tmp_path,
        {
            "properties": {"additionalProperties": {"type": "string"}},
            "additionalProperties": {"type": "integer"},
        },
    )
    model = api.model("Thing")
    assert model.properties[0].python_name == "additional_properties"
    assert model.additional is not None
    assert model.additional.python_name == "additional_properties_"


def test_a_polymorphic_model_keeps_its_other_keys_in_its_hierarchys_dict(
    tmp_path: Path,
) -> None:
    """A polymorphic class already has `additional_properties` for every key it does not
    name (kept as read, sent back); a second dict of that name would redefine it."""
    api = thing_api(
        tmp_path,
        {
            "discriminator": "kind",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}},
            "additionalProperties": {"type": "string"},
        },
        Gadget={
            "allOf": [{"$ref": "#/definitions/Thing"}],
            "additionalProperties": {"type": "integer"},
            "properties": {"size": {"type": "integer"}},
        },
    )
    assert api.model("Thing").additional is None
    assert api.model("Gadget").additional is None


def test_enum_classes_are_named_on_the_api_not_in_the_types(tmp_path: Path) -> None:
    """Each x-ms-enum name has one class on the Api; a TypeRef names the enum only."""
    mode = {
        "type": "string",
        "enum": ["on", "off"],
        "x-ms-enum": {"name": "Thing", "modelAsString": True},
    }
    api = thing_api(tmp_path, {"properties": {"mode": mode}})
    assert api.enums == (EnumClass("Thing", "ThingEnum"),)
    mode_type = api.model("Thing").properties[0].type
    assert mode_type.enum_name == "Thing" and mode_type.enum_extensible
    assert api.enum_class(mode_type) == "ThingEnum"
    assert api.enum_class(TypeRef(Kind.STRING)) is None
