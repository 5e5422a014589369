"""What each body-complex.json scenario of the AutoRest test server sends and must give, as a
table of cases run by tests/testserver/test_body_complex.py.

The expectations are what AutoRest's own Python acceptance tests (test_complex.py in
Azure/autorest.python) assert of their clients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest
from azure.core.exceptions import DecodeError

UTC = dt.timezone.utc
PICTURE = bytes([255, 255, 255, 255, 254])


Build = Callable[[ModuleType], dict[str, Any]]
Check = Callable[[Any, ModuleType], None]


def nothing(models: ModuleType) -> dict[str, Any]:
    return {}


def returns_none(result: Any, models: ModuleType) -> None:
    assert result is None


@dataclass(frozen=True)
class Case:
    operation_id: str
    scenario: str
    """The server's coverage counter that the call must raise."""
    build: Build = nothing
    check: Check = returns_none
    raises: type[BaseException] | None = None
    options: dict[str, Any] = field(default_factory=dict)


def sharks(models: ModuleType) -> list[Any]:
    """The three siblings the polymorphism scenarios send: the subclasses, passed where the
    spec says Fish."""
    return [
        models.Shark(
            length=20,
            birthday=dt.datetime(2012, 1, 5, 1, tzinfo=UTC),
            age=6,
            species="predator",
        ),
        models.Sawshark(
            length=10,
            birthday=dt.datetime(1900, 1, 5, 1, tzinfo=UTC),
            age=105,
            species="dangerous",
            picture=PICTURE,
        ),
        models.Goblinshark(
            length=30,
            birthday=dt.datetime(2015, 8, 8, tzinfo=UTC),
            age=1,
            species="scary",
            jawsize=5,
            color="pinkish-gray",
        ),
    ]


def salmon(models: ModuleType) -> Any:
    return models.Salmon(
        length=1,
        iswild=True,
        location="alaska",
        species="king",
        siblings=sharks(models),
    )


def body(build: Callable[[ModuleType], Any]) -> Build:
    return lambda models: {"complex_body": build(models)}


def check_polymorphism(result: Any, models: ModuleType) -> None:
    assert type(result) is models.Salmon
    assert result.location == "alaska" and result.fishtype == "salmon"
    assert [type(s) for s in result.siblings] == [
        models.Shark,
        models.Sawshark,
        models.Goblinshark,
    ]
    assert [s.age for s in result.siblings] == [6, 105, 1]
    assert result.siblings[1].picture == PICTURE
    assert result.siblings[2].fishtype == "goblin"
    assert result.siblings[2].color == "pinkish-gray"  # not in the enum: kept as text


def check_complicated(result: Any, models: ModuleType) -> None:
    assert type(result) is models.SmartSalmon
    assert result.additional_properties == {
        "additionalProperty1": 1,
        "additionalProperty2": False,
        "additionalProperty3": "hello",
        "additionalProperty4": {"a": 1, "b": 2},
        "additionalProperty5": [1, 3],
    }


def check_recursive(result: Any, models: ModuleType) -> None:
    assert type(result) is models.Salmon
    assert type(result.siblings[0]) is models.Shark
    assert type(result.siblings[0].siblings[0]) is models.Salmon
    assert result.siblings[0].siblings[0].location == "atlantic"
    assert type(result.siblings[0].siblings[0].siblings[1]) is models.Sawshark


def recursive_salmon(models: ModuleType) -> Any:
    shark_day = dt.datetime(2012, 1, 5, 1, tzinfo=UTC)
    saw_day = dt.datetime(1900, 1, 5, 1, tzinfo=UTC)

    def shark() -> Any:
        return models.Shark(age=6, length=20, species="predator", birthday=shark_day)

    def sawshark(**extra: Any) -> Any:
        return models.Sawshark(
            age=105,
            length=10,
            species="dangerous",
            birthday=saw_day,
            picture=PICTURE,
            **extra,
        )

    inner = models.Salmon(
        iswild=True,
        length=2,
        location="atlantic",
        species="coho",
        siblings=[shark(), sawshark()],
    )
    outer_shark = models.Shark(
        age=6,
        length=20,
        species="predator",
        birthday=shark_day,
        siblings=[inner, sawshark(siblings=[])],
    )
    return models.Salmon(
        iswild=True,
        length=1,
        species="king",
        location="alaska",
        siblings=[outer_shark, sawshark(siblings=[])],
    )


def check_market(with_discriminator: bool) -> Check:
    def check(result: Any, models: ModuleType) -> None:
        fish_class = models.DotSalmon if with_discriminator else models.DotFish
        assert type(result.sample_fish) is fish_class
        assert [type(f) for f in result.fishes] == [fish_class, fish_class]
        assert type(result.sample_salmon) is models.DotSalmon
        if not with_discriminator:  # read as the class the spec names, nothing lost
            assert result.sample_fish.additional_properties == {
                "location": "australia",
                "iswild": False,
            }

    return check


def check_dot_syntax(result: Any, models: ModuleType) -> None:
    assert type(result) is models.DotSalmon
    assert result.fish_type == "DotSalmon" and result.location == "sweden"


def fields(**expected: Any) -> Check:
    def check(result: Any, models: ModuleType) -> None:
        for name, value in expected.items():
            assert getattr(result, name) == value, name

    return check


def wrapper(class_name: str, **values: Any) -> Build:
    return lambda models: {"complex_body": getattr(models, class_name)(**values)}


SIAMESE_DOGS = [("Potato", 1, "tomato"), ("Tomato", -1, "french fries")]
ARRAY = [
    "1, 2, 3, 4",
    "",
    None,
    "&S#$(*Y",
    "The quick brown fox jumps over the lazy dog",
]
DICTIONARY = {"txt": "notepad", "bmp": "mspaint", "xls": "excel", "exe": "", "": None}
BYTES = bytes([0xFF, 0xFE, 0xFD, 0xFC, 0x00, 0xFA, 0xF9, 0xF8, 0xF7, 0xF6])
DURATION = dt.timedelta(days=123, hours=22, minutes=14, seconds=12, milliseconds=11)
MIN_DATETIME = dt.datetime(1, 1, 1, tzinfo=UTC)

CASES = [
    Case(
        "basic_getValid",
        "getComplexBasicValid",
        check=fields(id=2, name="abc", color="YELLOW"),
    ),
    Case(
        "basic_putValid",
        "putComplexBasicValid",
        wrapper("Basic", id=2, name="abc", color="Magenta"),
    ),
    Case("basic_getEmpty", "getComplexBasicEmpty", check=fields(id=None, name=None)),
    Case("basic_getNull", "getComplexBasicNull", check=fields(id=None, name=None)),
    # AutoRest returns None for this empty 200; this client's result is typed Basic, so an
    # answer without the body the spec promises is a ServiceDecodeError.
    Case("basic_getNotProvided", "getComplexBasicNotProvided", raises=DecodeError),
    Case("basic_getInvalid", "getComplexBasicInvalid", raises=DecodeError),
    Case(
        "primitive_getInt",
        "getComplexPrimitiveInteger",
        check=fields(field1=-1, field2=2),
    ),
    Case(
        "primitive_putInt",
        "putComplexPrimitiveInteger",
        wrapper("IntWrapper", field1=-1, field2=2),
    ),
    Case(
        "primitive_getLong",
        "getComplexPrimitiveLong",
        check=fields(field1=1099511627775, field2=-999511627788),
    ),
    Case(
        "primitive_putLong",
        "putComplexPrimitiveLong",
        wrapper("LongWrapper", field1=1099511627775, field2=-999511627788),
    ),
    Case(
        "primitive_getFloat",
        "getComplexPrimitiveFloat",
        check=fields(field1=1.05, field2=-0.003),
    ),
    Case(
        "primitive_putFloat",
        "putComplexPrimitiveFloat",
        wrapper("FloatWrapper", field1=1.05, field2=-0.003),
    ),
    Case(
        "primitive_getDouble",
        "getComplexPrimitiveDouble",
        check=lambda result, models: (
            result.field1 == 3e-100
            and next(v for k, v in vars(result).items() if k.startswith("field_56"))
            == -5e-57
        )
        or pytest.fail(repr(result)),
    ),
    Case(
        "primitive_putDouble",
        "putComplexPrimitiveDouble",
        lambda models: {
            "complex_body": models.DoubleWrapper(
                field1=3e-100,
                **{
                    name: -5e-57
                    for name in models.DoubleWrapper.__dataclass_fields__
                    if name.startswith("field_56")
                },
            )
        },
    ),
    Case(
        "primitive_getBool",
        "getComplexPrimitiveBool",
        check=fields(field_true=True, field_false=False),
    ),
    Case(
        "primitive_putBool",
        "putComplexPrimitiveBool",
        wrapper("BooleanWrapper", field_true=True, field_false=False),
    ),
    Case(
        "primitive_getString",
        "getComplexPrimitiveString",
        check=fields(field="goodrequest", empty="", null=None),
    ),
    Case(
        "primitive_putString",
        "putComplexPrimitiveString",
        wrapper("StringWrapper", field="goodrequest", empty="", null=None),
    ),
    Case(
        "primitive_getDate",
        "getComplexPrimitiveDate",
        check=fields(field=dt.date(1, 1, 1), leap=dt.date(2016, 2, 29)),
    ),
    Case(
        "primitive_putDate",
        "putComplexPrimitiveDate",
        wrapper("DateWrapper", field=dt.date(1, 1, 1), leap=dt.date(2016, 2, 29)),
    ),
    Case(
        "primitive_getDateTime",
        "getComplexPrimitiveDateTime",
        check=fields(field=MIN_DATETIME),
    ),
    Case(
        "primitive_putDateTime",
        "putComplexPrimitiveDateTime",
        wrapper(
            "DatetimeWrapper",
            field=MIN_DATETIME,
            now=dt.datetime(2015, 5, 18, 18, 38, tzinfo=UTC),
        ),
    ),
    Case(
        "primitive_getDateTimeRfc1123",
        "getComplexPrimitiveDateTimeRfc1123",
        check=fields(field=dt.datetime(2001, 1, 1, tzinfo=UTC)),
    ),
    Case(
        "primitive_putDateTimeRfc1123",
        "putComplexPrimitiveDateTimeRfc1123",
        wrapper(
            "Datetimerfc1123Wrapper",
            field=MIN_DATETIME,
            now=dt.datetime(2015, 5, 18, 11, 38, tzinfo=UTC),
        ),
    ),
    Case(
        "primitive_getDuration",
        "getComplexPrimitiveDuration",
        check=fields(field=DURATION),
    ),
    Case(
        "primitive_putDuration",
        "putComplexPrimitiveDuration",
        wrapper("DurationWrapper", field=DURATION),
    ),
    Case("primitive_getByte", "getComplexPrimitiveByte", check=fields(field=BYTES)),
    Case(
        "primitive_putByte",
        "putComplexPrimitiveByte",
        wrapper("ByteWrapper", field=BYTES),
    ),
    # AutoRest reads the null item of this array of strings (and the null value of the
    # dictionary below) as None; this client checks every value against the spec's type, and
    # the spec says string, not x-nullable: a ServiceDecodeError.
    Case("array_getValid", "getComplexArrayValid", raises=DecodeError),
    Case(
        "array_putValid", "putComplexArrayValid", wrapper("ArrayWrapper", array=ARRAY)
    ),
    Case("array_getEmpty", "getComplexArrayEmpty", check=fields(array=[])),
    Case("array_putEmpty", "putComplexArrayEmpty", wrapper("ArrayWrapper", array=[])),
    Case(
        "array_getNotProvided", "getComplexArrayNotProvided", check=fields(array=None)
    ),
    Case("dictionary_getValid", "getComplexDictionaryValid", raises=DecodeError),
    Case(
        "dictionary_putValid",
        "putComplexDictionaryValid",
        wrapper("DictionaryWrapper", default_program=DICTIONARY),
    ),
    Case(
        "dictionary_getEmpty",
        "getComplexDictionaryEmpty",
        check=fields(default_program={}),
    ),
    Case(
        "dictionary_putEmpty",
        "putComplexDictionaryEmpty",
        wrapper("DictionaryWrapper", default_program={}),
    ),
    Case(
        "dictionary_getNull",
        "getComplexDictionaryNull",
        check=fields(default_program=None),
    ),
    Case(
        "dictionary_getNotProvided",
        "getComplexDictionaryNotProvided",
        check=fields(default_program=None),
    ),
    Case(
        "inheritance_getValid",
        "getComplexInheritanceValid",
        check=lambda result, models: (
            (result.id, result.name, result.hates[1].id, result.hates[1].name)
            == (2, "Siameeee", -1, "Tomato")
        )
        or pytest.fail(repr(result)),
    ),
    Case(
        "inheritance_putValid",
        "putComplexInheritanceValid",
        lambda models: {
            "complex_body": models.Siamese(
                id=2,
                name="Siameeee",
                color="green",
                breed="persian",
                hates=[
                    models.Dog(id=number, name=name, food=food)
                    for name, number, food in SIAMESE_DOGS
                ],
            )
        },
    ),
    Case(
        "polymorphism_getValid", "getComplexPolymorphismValid", check=check_polymorphism
    ),
    Case("polymorphism_putValid", "putComplexPolymorphismValid", body(salmon)),
    Case(
        "polymorphism_getDotSyntax",
        "getComplexPolymorphismDotSyntax",
        check=check_dot_syntax,
    ),
    Case(
        "polymorphism_getComposedWithDiscriminator",
        "getComposedWithDiscriminator",
        check=check_market(with_discriminator=True),
    ),
    Case(
        "polymorphism_getComposedWithoutDiscriminator",
        "getComposedWithoutDiscriminator",
        check=check_market(with_discriminator=False),
    ),
    Case(
        "polymorphism_getComplicated",
        "getComplexPolymorphismComplicated",
        check=check_complicated,
    ),
    Case(
        "polymorphism_putMissingDiscriminator",
        "putComplexPolymorphismNoDiscriminator",
        body(salmon),
        # The answer lacks the discriminator: read as the class the spec names.
        check=lambda result, models: (
            type(result) is models.Salmon
            and result.fishtype == "salmon"
            and type(result.siblings[2]) is models.Goblinshark
        )
        or pytest.fail(repr(result)),
    ),
    Case(
        "polymorphicrecursive_getValid",
        "getComplexPolymorphicRecursiveValid",
        check=check_recursive,
    ),
    Case(
        "polymorphicrecursive_putValid",
        "putComplexPolymorphicRecursiveValid",
        body(recursive_salmon),
    ),
    Case(
        "readonlyproperty_getValid",
        "getComplexReadOnlyPropertyValid",
        check=fields(id="1234", size=2),
    ),
    Case(
        "readonlyproperty_putValid",
        "putComplexReadOnlyPropertyValid",
        # The id the service set is read, and never sent back.
        lambda models: {"complex_body": models.ReadonlyObj(id="1234", size=2)},
    ),
]
