"""Polymorphic models: the model stage's hierarchy (`discriminator`, `allOf` subclasses,
`x-ms-discriminator-value`), and the generated classes reading and writing it (the Pets
client): the subclass picked from the value at every depth, unknown values and fields kept,
discriminators set by the class, and a read then written object unchanged."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.load import load_spec
from generator.model import build_api
from generator.render.models import models_module
from tests.helpers import FakeCredential, write_spec
from tests.helpers.model_specs import act_spec, body, build, build_error
from tests.helpers.pets import PETS, generated_pets, pets_spec

# --- the model stage --------------------------------------------------------------------------


def test_the_hierarchy_is_built_with_subclasses_no_operation_names(
    tmp_path: Path,
) -> None:
    api = build_api(load_spec(write_spec(tmp_path / "pets.json", pets_spec())))
    models = {m.name: m for m in api.models}
    assert (models["Pet"].discriminator, models["Pet"].discriminator_value) == (
        "kind",
        "Pet",
    )
    assert models["Dog"].discriminator_value == "doggo"  # x-ms-discriminator-value
    assert models["Cat"].discriminator_value == "Cat"  # the definition's name
    assert models["Puppy"].bases == ("Dog",)
    assert [m.name for m in api.subtypes("Pet")] == ["Cat", "Dog", "Puppy"]
    assert [m.name for m in api.subtypes("Dog")] == ["Puppy"]
    assert models["Shelter"].discriminator_value is None
    assert [p.wire_name for p in api.discriminators("Electric")] == ["type", "fuel"]
    assert api.declarer("Electric") == models["Car"]
    assert api.declarer("Car", strict=True) == models["Vehicle"]


def test_a_discriminator_that_is_not_a_property_is_refused(tmp_path: Path) -> None:
    document = act_spec(
        [body("Pet")],
        definitions={
            "Pet": {
                "type": "object",
                "discriminator": "kind",
                "properties": {"name": {"type": "string"}},
            }
        },
    )
    error = build_error(tmp_path, document, validate=False)
    assert error.pointer == "/definitions/Pet/discriminator"
    assert "'kind' is not among the properties" in error.reason


def test_two_subclasses_with_one_value_are_refused(tmp_path: Path) -> None:
    spec = pets_spec()
    spec["definitions"]["Cat"]["x-ms-discriminator-value"] = "doggo"
    (tmp_path / "spec").mkdir()
    with pytest.raises(SpecError) as caught:
        build_api(load_spec(write_spec(tmp_path / "spec" / "pets.json", spec)))
    assert caught.value.pointer == "/definitions/Dog"
    assert "discriminator value 'doggo' is also 'Cat'" in caught.value.reason


def test_a_subclass_with_its_bases_own_value_is_refused(tmp_path: Path) -> None:
    """Pet itself writes kind 'Pet': a subclass answering to it could not be told apart."""
    spec = pets_spec()
    spec["definitions"]["Cat"]["x-ms-discriminator-value"] = "Pet"
    (tmp_path / "spec").mkdir()
    with pytest.raises(SpecError) as caught:
        build_api(load_spec(write_spec(tmp_path / "spec" / "pets.json", spec)))
    assert caught.value.pointer == "/definitions/Cat"
    assert "discriminator value 'Pet' is also 'Pet'" in caught.value.reason


def test_a_discriminator_on_an_inline_schema_is_still_refused(tmp_path: Path) -> None:
    document = act_spec(
        [
            {
                "name": "parameters",
                "in": "body",
                "schema": {
                    "type": "object",
                    "discriminator": "kind",
                    "properties": {"kind": {"type": "string"}},
                },
            }
        ]
    )
    error = build_error(tmp_path, document)
    assert error.pointer.endswith("/schema/discriminator")
    assert error.reason == "'discriminator' is not supported yet"


def test_a_property_named_like_the_kept_fields_is_renamed(tmp_path: Path) -> None:
    spec = pets_spec()
    spec["definitions"]["Cat"]["properties"]["additional_properties"] = {
        "type": "string"
    }
    api = build(tmp_path, spec)
    (prop,) = [
        p for p in api.model("Cat").properties if p.wire_name == "additional_properties"
    ]
    assert prop.python_name == "additional_properties_"


def test_an_inline_all_of_entry_adds_properties(tmp_path: Path) -> None:
    spec = pets_spec()
    spec["definitions"]["Cat"]["allOf"].append(
        {"type": "object", "properties": {"purrs": {"type": "integer"}}}
    )
    api = build(tmp_path, spec)
    assert api.model("Cat").bases == ("Pet",)
    assert [p.wire_name for p in api.model("Cat").properties] == ["meows", "purrs"]


# --- the generated classes --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated_pets(tmp_path_factory.mktemp("pets")) as package:
        yield package.models


def test_the_subclass_is_picked_at_every_depth(pets: ModuleType) -> None:
    shelter = pets.Shelter.from_dict(
        {
            "resident": {"kind": "Cat", "name": "Tom", "meows": True},
            "pets": [
                {
                    "kind": "doggo",
                    "name": "Rex",
                    "friends": [{"kind": "Puppy", "name": "Bit"}],
                },
                {"kind": "Pet", "name": "Plain"},
            ],
            "byName": {
                "Bit": {"kind": "Puppy", "name": "Bit", "born": "2024-05-01T00:00:00Z"}
            },
            "dogs": [
                {"kind": "Puppy", "name": "Bit"},
                {"kind": "doggo", "name": "Rex"},
            ],
        }
    )
    assert type(shelter.resident) is pets.Cat and shelter.resident.meows is True
    assert [type(p) for p in shelter.pets] == [pets.Dog, pets.Pet]
    assert type(shelter.pets[0].friends[0]) is pets.Puppy
    puppy = shelter.by_name["Bit"]
    assert type(puppy) is pets.Puppy
    assert puppy.born == dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
    assert [type(d) for d in shelter.dogs] == [pets.Puppy, pets.Dog]
    assert type(pets.Pet.from_dict({"kind": "doggo", "name": "Rex"})) is pets.Dog


def test_a_nested_discriminator_picks_its_own_subclasses(pets: ModuleType) -> None:
    data = {"type": "Car", "fuel": "electric", "wheels": 4, "range": 300}
    electric = pets.Vehicle.from_dict(data)
    assert type(electric) is pets.Electric
    assert (electric.type_, electric.fuel, electric.range) == ("Car", "electric", 300)
    assert electric.to_dict() == data
    assert pets.Electric(wheels=4).to_dict() == {
        "type": "Car",
        "fuel": "electric",
        "wheels": 4,
    }


def test_an_unknown_value_reads_as_the_base_with_nothing_lost(pets: ModuleType) -> None:
    data = {
        "kind": "Parrot",
        "name": "Polly",
        "wings": 2,
        "talks": {"words": ["hello"]},
    }
    parrot = pets.Pet.from_dict(data)
    assert type(parrot) is pets.Pet
    assert parrot.kind == "Parrot" and parrot.name == "Polly"
    assert parrot.additional_properties == {"wings": 2, "talks": {"words": ["hello"]}}
    assert parrot.to_dict() == data


def test_a_value_outside_the_class_asked_for_keeps_that_class(pets: ModuleType) -> None:
    """Dog.from_dict of a cat: a Dog (the type the spec promised), saying it is a Cat."""
    data = {"kind": "Cat", "name": "Tom", "meows": True}
    read = pets.Dog.from_dict(data)
    assert type(read) is pets.Dog and read.kind == "Cat"
    assert read.to_dict() == data


def test_writing_sets_the_discriminator_and_callers_cannot_pass_it(
    pets: ModuleType,
) -> None:
    assert pets.Dog(name="Rex").to_dict() == {"kind": "doggo", "name": "Rex"}
    assert pets.Puppy(name="Bit").to_dict() == {"kind": "Puppy", "name": "Bit"}
    assert pets.Pet(name="Plain").to_dict() == {"kind": "Pet", "name": "Plain"}
    with pytest.raises(TypeError):
        pets.Dog(name="Rex", kind="Cat")
    assert pets.Shelter(
        resident=pets.Cat(name="Tom"), pets=[pets.Puppy(name="B")]
    ).to_dict() == {
        "resident": {"kind": "Cat", "name": "Tom"},
        "pets": [{"kind": "Puppy", "name": "B"}],
    }


def test_a_missing_discriminator_reads_as_the_class_asked_for(pets: ModuleType) -> None:
    read = pets.Dog.from_dict({"name": "Rex"})
    assert type(read) is pets.Dog and read.kind == "doggo"


def test_a_discriminator_of_the_wrong_type_is_refused(pets: ModuleType) -> None:
    with pytest.raises(TypeError):
        pets.Pet.from_dict({"kind": 3, "name": "Rex"})


KNOWN = {
    "Pet": {"name": st.text(max_size=5)},
    "Cat": {"name": st.text(max_size=5), "meows": st.booleans()},
    "doggo": {"name": st.text(max_size=5), "bark": st.text(max_size=5)},
    "Puppy": {
        "name": st.text(max_size=5),
        "bark": st.text(max_size=5),
        "born": st.datetimes(
            min_value=dt.datetime(1900, 1, 1), timezones=st.just(dt.timezone.utc)
        ).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    },
    "Parrot": {"name": st.text(max_size=5)},
}
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
EXTRA_KEYS = st.sampled_from(["wings", "color", "x-new", "meta"])


def pet_json(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    """A pet as the service may send it: any known value or one newer than the client, the
    fields of its class (optional ones or not), fields the client does not know, and friends.
    """

    def one(kind: str) -> st.SearchStrategy[dict[str, Any]]:
        fields = KNOWN[kind]
        optional = {k: v for k, v in fields.items() if k != "name"}
        parts = [
            st.just({"kind": kind}),
            st.fixed_dictionaries({"name": fields["name"]}, optional=optional),
            st.dictionaries(EXTRA_KEYS, JSON, max_size=2),
        ]
        if depth:
            parts.append(
                st.fixed_dictionaries(
                    {}, optional={"friends": st.lists(pet_json(depth - 1), max_size=2)}
                )
            )
        return st.tuples(*parts).map(
            lambda dicts: {k: v for d in dicts for k, v in d.items()}
        )

    return st.sampled_from(sorted(KNOWN)).flatmap(one)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=pet_json())
def test_read_then_written_is_the_same_json(
    pets: ModuleType, data: dict[str, Any]
) -> None:
    assert pets.Pet.from_dict(data).to_dict() == data


def test_a_property_typed_as_the_base_takes_any_subclass_for_mypy(
    tmp_path: Path, pets: ModuleType
) -> None:
    package_root = Path(pets.__file__).parent.parent
    usage = tmp_path / "usage.py"
    usage.write_text(
        f"from {PETS}.models import Cat, Dog, Pet, Puppy, Shelter\n"
        "shelter = Shelter(resident=Cat(name='Tom'), pets=[Dog(name='Rex'), Puppy(name='B')],"
        " by_name={'B': Puppy(name='B')}, dogs=[Puppy(name='B')])\n"
        "pet: Pet = Pet.from_dict({'kind': 'Cat', 'name': 'Tom'})\n"
        "dog: Dog = Dog.from_dict({'kind': 'doggo', 'name': 'Rex'})\n"
        "Dog(name='Rex', kind='Cat')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir=/dev/null",
            str(usage),
        ],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(package_root), "PATH": ""},
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert (
        'usage.py:5: error: Unexpected keyword argument "kind" for "Dog"' in errors[0]
    )


# --- the render stage -------------------------------------------------------------------------


def test_the_views_say_what_each_class_declares_reads_and_dispatches(
    tmp_path: Path,
) -> None:
    api = build_api(load_spec(write_spec(tmp_path / "pets.json", pets_spec())))
    view = models_module(api, {m.name: m for m in api.models})
    by_class = {m.class_name: m.polymorphic for m in view.models}
    car, electric, pet = by_class["Car"], by_class["Electric"], by_class["Pet"]
    assert car is not None and electric is not None and pet is not None
    # Car answers to Vehicle's `type` and declares `fuel`: both defaults are "Car".
    assert [str(d.wire) for d in car.declared] == ["type", "fuel"]
    assert (str(car.value), car.root, car.dispatch) == (
        "Car",
        False,
        ("fuel", "_CAR_SUBTYPES"),
    )
    # Electric answers to Car's `fuel` only; `type` keeps the value Car gave it.
    assert [str(d.wire) for d in electric.declared] == ["fuel"]
    assert [str(d.wire) for d in electric.discriminators] == ["type", "fuel"]
    assert electric.dispatch is None
    assert pet.root
    assert by_class["Shelter"] is None
    tables = {t.name: [(str(v), c) for v, c in t.entries] for t in view.subtype_tables}
    assert tables == {
        "_PET_SUBTYPES": [("Cat", "Cat"), ("Puppy", "Puppy"), ("doggo", "Dog")],
        "_VEHICLE_SUBTYPES": [("Car", "Car")],
        "_CAR_SUBTYPES": [("electric", "Electric")],
    }


def test_the_readme_says_which_value_names_each_class(pets: ModuleType) -> None:
    readme = (Path(pets.__file__).parent / "README.md").read_text(encoding="utf-8")
    assert "Its kind is 'doggo', set by the class itself." in readme
    assert (
        "Reading picks the class by kind ('Cat' Cat, 'doggo' Dog, 'Puppy' Puppy)"
        in readme
    )


def test_a_spec_without_polymorphism_renders_as_before(tmp_path: Path) -> None:
    """No `field` import, no tables, no additional_properties: nothing of it is paid for."""
    spec = pets_spec()
    for name in ("Pet", "Cat", "Dog", "Puppy", "Shelter", "Vehicle", "Car", "Electric"):
        spec["definitions"].pop(name)
    spec["paths"] = {}
    spec["definitions"]["Plain"] = {
        "type": "object",
        "properties": {"a": {"type": "string"}},
    }
    spec["paths"]["/plain"] = {
        "get": {
            "operationId": "Plain_Get",
            "responses": {
                "200": {"description": "OK", "schema": {"$ref": "#/definitions/Plain"}}
            },
        }
    }
    with generated_pets(tmp_path, spec, "armgen_plain") as package:
        source = Path(package.models.__file__).read_text(encoding="utf-8")
    assert "field(" not in source and "_SUBTYPES" not in source
    assert "additional_properties" not in source


# --- generated hierarchies --------------------------------------------------------------------


@st.composite
def hierarchies(draw: st.DrawFn) -> dict[str, Any]:
    """A random polymorphic hierarchy: classes M0..Mn, each extending an earlier one, some
    declaring a discriminator of their own, values any text (quotes, escapes, non-ASCII),
    unique under each discriminator."""
    size = draw(st.integers(min_value=2, max_value=6))
    definitions: dict[str, Any] = {
        "M0": {
            "type": "object",
            "discriminator": "kind0",
            "required": ["kind0"],
            "properties": {"kind0": {"type": "string"}, "p0": {"type": "string"}},
        }
    }
    values = draw(
        st.lists(
            st.text(min_size=1, max_size=6), min_size=size, max_size=size, unique=True
        )
    )
    for index in range(1, size):
        parent = draw(st.integers(min_value=0, max_value=index - 1))
        schema: dict[str, Any] = {
            "allOf": [{"$ref": f"#/definitions/M{parent}"}],
            "properties": {f"p{index}": {"type": "integer"}},
            "x-ms-discriminator-value": values[index],
        }
        if draw(st.booleans()) and index < 4:
            schema["discriminator"] = f"kind{index}"
            schema["required"] = [f"kind{index}"]
            schema["properties"][f"kind{index}"] = {"type": "string"}
        definitions[f"M{index}"] = schema
    spec = pets_spec()
    spec["definitions"] = definitions
    spec["paths"] = {
        "/m": {
            "get": {
                "operationId": "M_Get",
                "responses": {
                    "200": {"description": "OK", "schema": {"$ref": "#/definitions/M0"}}
                },
            }
        }
    }
    return spec


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=hierarchies())
def test_every_class_of_a_generated_hierarchy_reads_back_as_itself(
    tmp_path_factory: pytest.TempPathFactory, spec: dict[str, Any]
) -> None:
    root = tmp_path_factory.mktemp("hierarchy")
    definitions = spec["definitions"]

    def parent(name: str) -> str:
        return str(definitions[name]["allOf"][0]["$ref"]).rpartition("/")[2]

    def own_value(name: str) -> str:
        return str(definitions[name].get("x-ms-discriminator-value", name))

    def declarer_above(name: str) -> str:
        name = parent(name)
        while "discriminator" not in definitions[name]:
            name = parent(name)
        return name

    if any(
        own_value(name) == own_value(declarer_above(name))
        for name in definitions
        if name != "M0"
    ):
        # A subclass with its base's own value: refused (the test above), not generated.
        with pytest.raises(SpecError):
            build_api(load_spec(write_spec(root / "spec.json", spec)))
        return
    with generated_pets(root, spec, "armgen_hierarchy") as package:
        models = package.models
        for name, schema in spec["definitions"].items():
            cls = getattr(models, name)
            written = cls().to_dict()
            if name != "M0":
                assert schema["x-ms-discriminator-value"] in written.values()
            read = models.M0.from_dict(written)
            assert type(read) is cls, (name, written)
            assert read.to_dict() == written
        unknown = {"kind0": "\x00 not a value \x00", "p0": "x", "extra": [1]}
        read = models.M0.from_dict(unknown)
        assert type(read) is models.M0 and read.to_dict() == unknown


class _Stop(Exception):
    """Raised by the request hook: the request was built, nothing goes on the wire."""


def test_a_flattened_polymorphic_body_never_asks_for_the_discriminator(
    tmp_path: Path,
) -> None:
    spec = pets_spec()
    spec["paths"]["/pet"]["put"]["parameters"][0]["x-ms-client-flatten"] = True
    api = build(tmp_path / "model", spec)
    body = api.operations[1].body
    assert body is not None and [p.wire_name for p in body.flattened] == [
        "name",
        "friends",
    ]
    sent: list[Any] = []

    def hook(request: Any) -> None:
        sent.append(request.http_request)
        raise _Stop

    (tmp_path / "client").mkdir()
    with (
        generated_pets(tmp_path / "client", spec, "armgen_flat_pets") as package,
        package.PetsClient(FakeCredential()) as client,
        pytest.raises(_Stop),
    ):
        client.pets.put(
            "Rex", friends=[package.models.Dog(name="Bit")], raw_request_hook=hook
        )
    assert json.loads(sent[0].content) == {
        "kind": "Pet",
        "name": "Rex",
        "friends": [{"kind": "doggo", "name": "Bit"}],
    }
