"""generator/wire.py's `text_of` (what the cassettes stage expects on the wire) writes values as
the generated client's `_wire.text` does, for every value an example file can hold."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.wire import placeholders, text_of, url_template
from vmss_deallocate import _wire

SCALARS = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)


@given(st.one_of(SCALARS, st.lists(SCALARS, max_size=4)))
def test_text_of_writes_values_as_the_generated_client_does(value: Any) -> None:
    assert text_of(value) == _wire.text(value)


def test_placeholders_and_url_template() -> None:
    assert placeholders("/a/{resourceGroupName}/b/{vm-name}") == [
        "resourceGroupName",
        "vm-name",
    ]
    template = url_template(
        "/a/{resourceGroupName}/b/{vm-name}/x}",
        {"resourceGroupName": "rg", "vm-name": "vm"},
    )
    assert template == "/a/{rg}/b/{vm}/x}}"
    assert template.format(rg="g", vm="v") == "/a/g/b/v/x}"
