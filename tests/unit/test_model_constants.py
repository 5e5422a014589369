"""Stage 3: constants, decided in the model stage (AutoRest's rule: a required enum of one value,
without `modelAsString: true`, is never asked of the caller and always sent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import Location
from tests.helpers.model_specs import act_spec, build, only_operation


def query(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "type": "string", **extra}


def test_keyvault_vaults_list_asks_for_neither_filter_nor_api_version(
    tmp_path: Path,
) -> None:
    """KeyVault's Vaults_List declares `$filter` and its own `api-version` as one-value enums."""
    api = build(
        tmp_path,
        act_spec(
            [
                query("$filter", required=True, enum=["resourceType eq 'x/y'"]),
                {"name": "$top", "in": "query", "type": "integer"},
            ]
        ),
    )
    operation = only_operation(api)
    by_wire = {p.wire_name: p for p in operation.parameters}
    assert by_wire["$filter"].constant
    assert by_wire["$filter"].constant_value == "resourceType eq 'x/y'"
    assert by_wire["$filter"].location is Location.QUERY
    assert not by_wire["$top"].constant
    assert "$filter" not in {p.wire_name for p in operation.method_parameters}


@pytest.mark.parametrize(
    ("extra", "constant"),
    [
        ({"required": True, "enum": ["a"]}, True),
        ({"required": True, "enum": ["a"], "x-ms-enum": {"name": "A"}}, True),
        (
            {"required": True, "enum": ["a"], "x-ms-enum": {"modelAsString": False}},
            True,
        ),
        (
            {"required": True, "enum": ["a"], "x-ms-enum": {"modelAsString": True}},
            False,
        ),
        ({"required": False, "enum": ["a"]}, False),
        ({"enum": ["a"]}, False),
        ({"required": True, "enum": ["a", "b"]}, False),
        ({"required": True}, False),
    ],
)
def test_only_a_required_single_sealed_value_is_a_constant(
    tmp_path: Path, extra: dict[str, Any], constant: bool
) -> None:
    operation = only_operation(build(tmp_path, act_spec([query("mode", **extra)])))
    (mode,) = (p for p in operation.parameters if p.wire_name == "mode")
    assert mode.constant is constant
    assert (mode in operation.method_parameters) is not constant


@pytest.mark.parametrize(
    ("kind", "value"), [("integer", 100), ("boolean", True), ("number", 1.5)]
)
def test_constants_of_every_scalar_type(tmp_path: Path, kind: str, value: Any) -> None:
    parameter = {
        "name": "fixed",
        "in": "header",
        "type": kind,
        "required": True,
        "enum": [value],
    }
    (fixed,) = (
        p
        for p in only_operation(build(tmp_path, act_spec([parameter]))).parameters
        if p.wire_name == "fixed"
    )
    assert fixed.constant and fixed.constant_value == value


def test_a_client_constant_is_no_client_parameter(tmp_path: Path) -> None:
    document = act_spec(
        [{"$ref": "#/parameters/Fixed"}],
        global_parameters={
            "Fixed": query("fixed", required=True, enum=["on"]),
        },
    )
    api = build(tmp_path, document)
    assert "fixed" not in {p.wire_name for p in api.client_parameters}
    (fixed,) = (p for p in api.operations[0].parameters if p.wire_name == "fixed")
    assert fixed.constant and not fixed.client_level


def test_the_clients_api_version_stays_a_client_keyword(tmp_path: Path) -> None:
    """A global api-version of one value stays the client's `api_version` (overridable)."""
    document = act_spec()
    document["parameters"]["ApiVersionParameter"]["enum"] = ["2024-01-01"]
    api = build(tmp_path, document)
    (version,) = (p for p in api.client_parameters if p.wire_name == "api-version")
    assert version.client_level and not version.constant
