"""The module templates other than the clients and operation groups render in black's own
layout, long spec names included, so the format stage finds nothing to change in them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import black

from generator.format import black_mode, split_top_level
from generator.load import load_spec
from generator.model import build_api
from generator.render import render_package
from tests.helpers import write_spec
from tests.helpers.model_specs import body, operation, spec_document

BASE = "BaseOfDiscriminatedThing"
DERIVED = "AnExtraordinarilyLongNameForTheOnlyDerivedClassOfTheHierarchy"
LONG_KEY = "aWireNameLongEnoughThatItsFlattenedKeyTupleCannotStayOnOneLineAlone"
LONG_VALUE = "an enum value long enough that its member does not fit on one line"
CHECKED = (
    "pkg/models.py",
    "pkg/__init__.py",
    "pkg/aio/__init__.py",
    "pkg/operations/__init__.py",
    "pkg/_shared.py",
    "pkg/_codec.py",
    "pkg/exceptions.py",
    "pkg/_version.py",
)


def _definitions() -> dict[str, Any]:
    return {
        BASE: {
            "type": "object",
            "discriminator": "kind",
            "x-ms-discriminator-value": "base",
            "required": ["kind"],
            "properties": {
                "kind": {"type": "string"},
                "properties": {
                    "x-ms-client-flatten": True,
                    "$ref": "#/definitions/Inner",
                },
                "mode": {
                    "type": "string",
                    "enum": [LONG_VALUE, "short"],
                    "x-ms-enum": {"name": "Mode", "modelAsString": True},
                },
            },
        },
        DERIVED: {
            "allOf": [{"$ref": f"#/definitions/{BASE}"}],
            "x-ms-discriminator-value": "derived",
            "properties": {"size": {"type": "integer"}},
        },
        "Inner": {
            "type": "object",
            "properties": {
                LONG_KEY: {"type": "string", "x-ms-client-name": "shortName"},
                "other": {"type": "string"},
            },
        },
        "Empty": {"type": "object", "description": "Nothing in it.", "properties": {}},
        "Holder": {
            "type": "object",
            "properties": {"empty": {"$ref": "#/definitions/Empty"}},
        },
    }


def test_long_names_render_in_blacks_layout(tmp_path: Path) -> None:
    thing = "/subscriptions/{subscriptionId}/things/{thingName}"
    put = operation(
        "Things_Put",
        [body(BASE, required=True)],
        responses={
            "200": {"description": "OK", "schema": {"$ref": "#/definitions/Holder"}}
        },
    )
    document = spec_document({thing: {"put": put}}, _definitions())
    spec = load_spec(write_spec(tmp_path / "spec.yaml", document))
    files = render_package(build_api(spec, None), "pkg")
    models = files[next(p for p in files if str(p) == "pkg/models.py")]
    assert f"class {DERIVED}(\n    {BASE}\n):" in models
    assert f'            "{LONG_KEY}",\n' in models
    assert f'= (\n        "{LONG_VALUE}"\n    )\n' in models
    assert "\n\n\n\n" not in models
    for path, text in files.items():
        if str(path) not in CHECKED:
            continue
        for piece in split_top_level(text):
            formatted = black.format_str(piece, mode=black_mode())
            assert formatted.strip("\n") == piece.strip("\n"), (path, piece)
