"""Spec text in the places flattening and constants put it into code: the key of a flattened
property and of the property inside it (read and written through locals named after them),
an `x-ms-client-default`, and a constant's one value. Whatever the text, the package imports,
and those strings come out as data: `to_dict()` writes exactly the spec's keys and values and
`from_dict()` reads them back. Text that escaped a literal or a name would change one or fail
to import."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.injection.strategies import name, nasty
from tests.helpers.model_specs import act_spec, body
from tests.helpers.packages import generated_package, write_json

_PACKAGES = itertools.count()


def spec(holder: str, inner: str, other: str, default: str, constant: str) -> Any:
    """Things_Act takes a Thing whose `holder` object is flattened; inside it, `inner` has
    a client default and `other` is a required constant."""
    return act_spec(
        [body("Thing", required=True)],
        {
            "Thing": {
                "type": "object",
                "properties": {
                    holder: {
                        "$ref": "#/definitions/Inner",
                        "x-ms-client-flatten": True,
                    }
                },
            },
            "Inner": {
                "type": "object",
                "required": [other],
                "properties": {
                    inner: {"type": "string", "x-ms-client-default": default},
                    other: {"type": "string", "enum": [constant]},
                },
            },
        },
    )


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    keys=st.lists(name, min_size=3, max_size=3, unique=True),
    default=nasty,
    constant=nasty,
)
def test_flattened_keys_defaults_and_constants_stay_data(
    tmp_path: Path, keys: list[str], default: str, constant: str
) -> None:
    holder, inner, other = keys
    folder = tmp_path / f"case{next(_PACKAGES)}"
    path = write_json(
        folder.with_suffix(".json"), spec(holder, inner, other, default, constant)
    )
    package = f"armgen_inject_flat{next(_PACKAGES)}"
    with generated_package(path, package, folder) as generated:
        thing = generated.models.Thing()
        sent = thing.to_dict()
        assert sent == {holder: {inner: default, other: constant}}
        assert generated.models.Thing.from_dict(sent) == thing
