"""`x-ms-client-flatten` on model properties (generator/model/flattening.py): which fields a
flattened object gives its holder, what they are called, when an object keeps its nesting,
which models still get a class, and that the generated classes read and write the nesting the
service expects (property-tested over many values)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Api
from tests.helpers.model_specs import (
    THING_PATH,
    act_spec,
    body,
    build,
    operation,
)
from tests.helpers.packages import generated_package, write_json

OK_THING = {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Thing"}}}


def thing_spec(**definitions: Any) -> dict[str, Any]:
    """Things_Act answers a Thing; `definitions` add to (or replace) the usual ones: a Thing
    whose `properties` (ThingProperties) are flattened, beside its own `type` and `name`.
    """
    return act_spec(
        [body("Thing")],
        {
            "Thing": {
                "type": "object",
                "required": ["name", "properties"],
                "properties": {
                    "name": {"type": "string"},
                    "type": {"type": "string", "readOnly": True},
                    "properties": {
                        "$ref": "#/definitions/ThingProperties",
                        "x-ms-client-flatten": True,
                    },
                },
            },
            "ThingProperties": {
                "type": "object",
                "required": ["size"],
                "properties": {
                    "size": {"type": "integer"},
                    "type": {"type": "string"},
                    "provisioningState": {"type": "string", "readOnly": True},
                    "note": {"type": "string", "x-ms-client-name": "remark"},
                },
            },
            **definitions,
        },
        responses=OK_THING,
    )


def fields(api: Api, model: str) -> dict[str, tuple[tuple[str, ...], bool, bool]]:
    """python name -> (wire location, required, read-only) of each field of `model`."""
    return {
        f.python_name: (f.wire_location, f.required, f.read_only)
        for f in api.all_fields(model)
    }


def test_the_objects_properties_become_fields_of_the_holder(tmp_path: Path) -> None:
    api = build(tmp_path, thing_spec())
    assert fields(api, "Thing") == {
        "name": (("name",), True, False),
        "type_": (("type",), False, True),
        "size": (("properties", "size"), True, False),
        "type_properties_type": (("properties", "type"), False, False),
        "provisioning_state": (("properties", "provisioningState"), False, True),
        "remark": (("properties", "note"), False, False),
    }
    wire = api.model("Thing").properties
    assert [p.wire_name for p in wire] == ["name", "type", "properties"]
    assert [p.flattened for p in wire] == [False, False, True]


def test_a_lifted_field_is_required_only_when_its_holder_is_too(tmp_path: Path) -> None:
    document = thing_spec()
    document["definitions"]["Thing"]["required"] = ["name"]
    api = build(tmp_path, document)
    assert fields(api, "Thing")["size"] == (("properties", "size"), False, False)


def test_a_read_only_holder_makes_its_fields_read_only(tmp_path: Path) -> None:
    document = thing_spec()
    document["definitions"]["Thing"]["properties"]["properties"]["readOnly"] = True
    api = build(tmp_path, document)
    assert all(
        read_only
        for name, (_, _, read_only) in fields(api, "Thing").items()
        if name not in ("name",)
    )


def test_two_flattened_objects_with_one_field_name_are_both_qualified(
    tmp_path: Path,
) -> None:
    document = thing_spec(
        Extra={"type": "object", "properties": {"size": {"type": "string"}}}
    )
    document["definitions"]["Thing"]["properties"]["extra"] = {
        "$ref": "#/definitions/Extra",
        "x-ms-client-flatten": True,
    }
    found = fields(build(tmp_path, document), "Thing")
    assert found["size_properties_size"][0] == ("properties", "size")
    assert found["size_extra_size"][0] == ("extra", "size")
    assert "size" not in found


def test_flattening_goes_through_nested_flattened_objects_and_their_bases(
    tmp_path: Path,
) -> None:
    document = thing_spec(
        Image={
            "type": "object",
            "allOf": [{"$ref": "#/definitions/Url"}],
            "properties": {"@odata.value": {"type": "string"}},
        },
        Url={"type": "object", "properties": {"generic": {"type": "string"}}},
    )
    document["definitions"]["ThingProperties"]["properties"]["image"] = {
        "$ref": "#/definitions/Image",
        "x-ms-client-flatten": True,
    }
    found = fields(build(tmp_path, document), "Thing")
    assert found["generic"][0] == ("properties", "image", "generic")
    assert found["odata_value"][0] == ("properties", "image", "@odata.value")


@pytest.mark.parametrize(
    ("why", "properties_schema"),
    [
        (
            "polymorphic",
            {
                "type": "object",
                "discriminator": "kind",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "size": {"type": "integer"}},
            },
        ),
        (
            "additionalProperties",
            {
                "type": "object",
                "properties": {"size": {"type": "integer"}},
                "additionalProperties": {"type": "string"},
            },
        ),
        (
            "extends its holder",
            {
                "type": "object",
                "allOf": [{"$ref": "#/definitions/Thing"}],
                "properties": {"size": {"type": "integer"}},
            },
        ),
    ],
)
def test_an_object_that_cannot_be_flattened_keeps_its_nesting(
    tmp_path: Path, why: str, properties_schema: dict[str, Any]
) -> None:
    api = build(tmp_path, thing_spec(ThingProperties=properties_schema))
    assert "properties" in fields(api, "Thing"), why
    assert not api.model("Thing").properties[-1].flattened
    assert "ThingProperties" in {m.name for m in api.class_models}


@pytest.mark.parametrize("operation_first", ["Things_Act", "Things_Peek"])
def test_a_flattening_loop_keeps_both_sides_nested_whichever_is_read_first(
    tmp_path: Path, operation_first: str
) -> None:
    """Thing flattens ThingProperties, which flattens Thing: the fields would never end, so
    neither is flattened. Decided from the spec, not from which model was read first."""
    document = thing_spec()
    document["definitions"]["ThingProperties"]["properties"]["parent"] = {
        "$ref": "#/definitions/Thing",
        "x-ms-client-flatten": True,
    }
    peek = {
        "post": operation(
            "Things_Peek",
            [body("ThingProperties")],
            responses={"200": {"description": "OK"}},
        )
    }
    document["paths"][f"{THING_PATH}/peek"] = peek
    api = build(tmp_path, document, [operation_first])
    assert "properties" in fields(api, "Thing")
    assert "parent" in fields(api, "ThingProperties")
    assert not any(p.flattened for m in api.models for p in m.properties)


def test_an_object_only_flattened_properties_hold_gets_no_class(
    tmp_path: Path,
) -> None:
    api = build(tmp_path, thing_spec())
    assert "ThingProperties" in {m.name for m in api.models}
    assert "ThingProperties" not in {m.name for m in api.class_models}


def test_an_object_also_used_elsewhere_keeps_its_class(tmp_path: Path) -> None:
    document = thing_spec()
    document["definitions"]["Thing"]["properties"]["history"] = {
        "type": "array",
        "items": {"$ref": "#/definitions/ThingProperties"},
    }
    api = build(tmp_path, document)
    assert "ThingProperties" in {m.name for m in api.class_models}


# --- the generated classes ------------------------------------------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("flattening")
    spec = write_json(folder / "spec.json", thing_spec())
    with generated_package(spec, "armgen_flattening", folder / "out") as generated:
        yield generated


def test_to_dict_writes_the_nesting_and_leaves_out_read_only_fields(
    package: ModuleType,
) -> None:
    thing = package.models.Thing(
        name="a", size=3, type_properties_type="t", provisioning_state="Succeeded"
    )
    assert thing.to_dict() == {"name": "a", "properties": {"size": 3, "type": "t"}}


def test_from_dict_reads_the_nesting(package: ModuleType) -> None:
    thing = package.models.Thing.from_dict(
        {
            "name": "a",
            "type": "Things",
            "properties": {"size": 3, "provisioningState": "Succeeded", "note": "n"},
        }
    )
    assert (thing.type_, thing.size, thing.provisioning_state, thing.remark) == (
        "Things",
        3,
        "Succeeded",
        "n",
    )


def test_a_holder_that_is_not_an_object_is_refused(package: ModuleType) -> None:
    with pytest.raises(TypeError, match="expected an object at 'properties'"):
        package.models.Thing.from_dict({"name": "a", "properties": [1]})


def test_a_missing_required_lifted_field_is_refused(package: ModuleType) -> None:
    with pytest.raises(KeyError):
        package.models.Thing.from_dict({"name": "a"})


texts = st.none() | st.text(max_size=8)


@settings(max_examples=150, deadline=None)
@given(size=st.integers(), kind=texts, remark=texts, name=st.text(max_size=8))
def test_what_to_dict_writes_from_dict_reads_back(
    package: ModuleType, size: int, kind: str | None, remark: str | None, name: str
) -> None:
    thing = package.models.Thing(
        name=name, size=size, type_properties_type=kind, remark=remark
    )
    sent = json.loads(json.dumps(thing.to_dict()))
    inner = {"size": size, "type": kind, "note": remark}
    assert sent == {
        "name": name,
        "properties": {k: v for k, v in inner.items() if v is not None},
    }
    assert package.models.Thing.from_dict(sent) == thing
