"""Stage 2: validate_spec on small inline specs (each is loaded first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.load import load_spec
from generator.validate import validate_spec
from tests.helpers import minimal_spec, write_spec


def validate_error(tmp_path: Path, document: Any, name: str = "spec.yaml") -> SpecError:
    path = write_spec(tmp_path / name, document)
    with pytest.raises(SpecError) as caught:
        validate_spec(load_spec(path))
    return caught.value


def test_minimal_spec_is_valid(tmp_path: Path) -> None:
    validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", minimal_spec())))


def test_spec_with_relative_refs_is_valid(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "common.yaml",
        {
            "parameters": {
                "ApiVersion": {
                    "name": "api-version",
                    "in": "query",
                    "required": True,
                    "type": "string",
                }
            }
        },
    )
    spec = minimal_spec()
    spec["paths"]["/things"]["get"]["parameters"] = [
        {"$ref": "./common.yaml#/parameters/ApiVersion"}
    ]
    validate_spec(load_spec(write_spec(tmp_path / "spec.yaml", spec)))


def bogus_parameter_spec() -> dict[str, Any]:
    spec = minimal_spec()
    spec["paths"]["/things/{name}"] = {
        "post": {
            "operationId": "Things_Act",
            "parameters": [{"name": "q", "in": "bogus", "type": "string"}],
            "responses": {"200": {"description": "OK"}},
        }
    }
    return spec


def test_invalid_parameter_location_points_at_the_parameter(tmp_path: Path) -> None:
    error = validate_error(tmp_path, bogus_parameter_spec())
    parameter = "/paths/~1things~1{name}/post/parameters/0"
    assert error.pointer.startswith(parameter)
    assert error.file == (tmp_path / "spec.yaml").resolve()
    assert f"spec.yaml#{parameter}" in str(error)
    assert error.reason


def test_invalid_parameter_location_reason_names_the_bad_value(tmp_path: Path) -> None:
    error = validate_error(tmp_path, bogus_parameter_spec())
    assert "bogus" in error.reason


def test_missing_required_field_is_reported(tmp_path: Path) -> None:
    spec = minimal_spec()
    del spec["paths"]["/things"]["get"]["responses"]
    error = validate_error(tmp_path, spec)
    assert error.pointer.startswith("/paths/~1things/get")
    assert "responses" in error.reason


def test_document_without_swagger_field(tmp_path: Path) -> None:
    spec = minimal_spec()
    del spec["swagger"]
    error = validate_error(tmp_path, spec)
    assert error.pointer == ""
    assert "not a Swagger 2.0 spec" in error.reason
    assert "swagger" in error.reason
    assert "missing" in error.reason


def test_wrong_swagger_version(tmp_path: Path) -> None:
    error = validate_error(tmp_path, minimal_spec(swagger="1.2"))
    assert error.pointer == "/swagger"
    assert "not a Swagger 2.0 spec" in error.reason


def test_openapi_3_document(tmp_path: Path) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": {},
    }
    error = validate_error(tmp_path, document, "spec.json")
    assert "OpenAPI 3.0.3 is not supported" in error.reason
    assert "Swagger 2.0" in error.reason
    assert "spec.json#" in str(error)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    error = validate_error(tmp_path, ["swagger", "2.0"])
    assert error.pointer == ""
    assert "mapping" in error.reason


def test_the_validator_checks_the_documents_as_loaded_not_the_files_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Referenced files are validated from what the load stage read (and hashed for the
    validation cache), also when the spec is reached through a symbolic link."""
    monkeypatch.setenv("ARMGEN_NO_CACHE", "1")
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    shared = write_spec(
        real / "shared.json",
        {"definitions": {"Thing": {"properties": {"size": {"type": "strng"}}}}},
    )
    spec = minimal_spec()
    spec["paths"]["/things"]["get"]["responses"]["200"]["schema"] = {
        "$ref": "./shared.json#/definitions/Thing"
    }
    write_spec(real / "spec.json", spec)
    loaded = load_spec(tmp_path / "link" / "spec.json")
    shared.unlink()
    with pytest.raises(SpecError, match="'strng' is not one of"):
        validate_spec(loaded)


def test_the_validator_remembers_visited_schemas_in_sets(tmp_path: Path) -> None:
    """openapi-spec-validator 0.9 scans a list of every schema visited before each one:
    20 000 models took a minute. Ours are sets; were the attributes renamed upstream, they
    would stay empty and this would fail."""
    from generator.validate import _validator

    definitions = {
        f"M{i}": {"type": "object", "properties": {"a": {"type": "string"}}}
        for i in range(20)
    }
    document = minimal_spec(definitions=definitions)
    document["paths"]["/things"]["get"]["responses"]["200"]["schema"] = {
        "type": "array",
        "items": {"$ref": "#/definitions/M0"},
    }
    validator = _validator(load_spec(write_spec(tmp_path / "spec.yaml", document)))
    assert list(validator.iter_errors()) == []
    schemas = validator.keyword_validators_registry["schema"]
    for registry in (schemas.visited_schema_ids, schemas.meta_checked_schema_ids):
        assert len(registry) == len(registry.members) > 0
        assert all(schema_id in registry.members for schema_id in registry)


@pytest.mark.parametrize(
    ("base_path", "path", "pointer"),
    [
        ("/x{}", "/widgets", "/basePath"),
        ("/x{", "/widgets", "/basePath"),
        ("/api", "/widgets/{}", "/paths/~1widgets~1{}"),
    ],
)
def test_empty_or_unbalanced_placeholders_are_one_clear_refusal(
    tmp_path: Path, base_path: str, path: str, pointer: str
) -> None:
    """`basePath: /x{}` and a path ending `/{}` were KeyError tracebacks from the renderer."""
    document = minimal_spec(basePath=base_path)
    document["paths"] = {path: document["paths"]["/things"]}
    error = validate_error(tmp_path, document)
    assert error.pointer == pointer
    assert "placeholder" in error.reason or "unbalanced" in error.reason
