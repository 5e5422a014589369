"""With `--operation`, the validator sees what generating those operations reads, and all of
it (generator/validate_scope.py): faults there are refused at the same pointer as before,
faults elsewhere in the file change nothing that is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.errors import SpecError
from generator.load import load_spec
from generator.validate import validating_alongside
from generator.validate_scope import within_selection
from tests.helpers import minimal_spec, write_spec


def _spec() -> dict[str, Any]:
    """Things_Get reads Thing (and Thing's subtype Gadget, through allOf); Things_Break has a
    parameter in no valid place; Broken is a definition nothing reaches, with a bad type.
    """
    spec = minimal_spec()
    spec["paths"] = {
        "/things/{name}": {
            "parameters": [
                {"name": "name", "in": "path", "required": True, "type": "string"}
            ],
            "get": {
                "operationId": "Things_Get",
                "responses": {
                    "200": {
                        "description": "OK",
                        "schema": {"$ref": "#/definitions/Thing"},
                    }
                },
            },
            "delete": {
                "operationId": "Things_Delete",
                "responses": {"200": {"description": "OK"}},
            },
        },
        "/break": {
            "post": {
                "operationId": "Things_Break",
                "parameters": [{"name": "q", "in": "bogus", "type": "string"}],
                "responses": {"200": {"description": "OK"}},
            }
        },
    }
    spec["definitions"] = {
        "Thing": {
            "type": "object",
            "discriminator": "kind",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}},
        },
        "Gadget": {
            "x-ms-discriminator-value": "gadget",
            "allOf": [{"$ref": "#/definitions/Thing"}],
            "properties": {"size": {"type": "integer"}},
        },
        "Broken": {"type": "object", "properties": {"x": {"type": 12}}},
    }
    return spec


def _validate(path: Path, operations: list[str] | None) -> None:
    with validating_alongside(load_spec(path), operation_ids=operations):
        pass


def test_the_cut_keeps_what_the_operations_read(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path / "spec.yaml", _spec()))
    root = within_selection(spec, ["Things_Get"]).documents[spec.root_file]
    assert set(root["paths"]) == {"/things/{name}"}
    assert set(root["paths"]["/things/{name}"]) == {"parameters", "get"}
    assert set(root["definitions"]) == {"Thing", "Gadget"}
    assert root["info"] is spec.documents[spec.root_file]["info"]


def test_without_a_selection_the_whole_file_is_validated(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path / "spec.yaml", _spec()))
    assert within_selection(spec, None) is spec
    with pytest.raises(SpecError):
        _validate(spec.root_file, None)


def test_faults_outside_the_selection_do_not_stop_it(tmp_path: Path) -> None:
    _validate(write_spec(tmp_path / "spec.yaml", _spec()), ["Things_Get"])


def test_a_fault_inside_the_selection_is_refused_where_it_is(tmp_path: Path) -> None:
    document = _spec()
    del document["paths"]["/break"], document["definitions"]["Broken"]
    document["definitions"]["Gadget"]["properties"]["size"]["type"] = 12
    path = write_spec(tmp_path / "spec.yaml", document)
    with pytest.raises(SpecError) as whole:
        _validate(path, None)
    with pytest.raises(SpecError) as cut:
        _validate(path, ["Things_Get"])
    assert cut.value.pointer == whole.value.pointer
    assert cut.value.pointer.startswith("/definitions/Gadget")


def test_the_selected_operation_itself_is_validated(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "spec.yaml", _spec())
    with pytest.raises(SpecError) as caught:
        _validate(path, ["Things_Break"])
    assert caught.value.pointer.startswith("/paths/~1break/post/parameters/0")


def test_generate_with_a_selection_writes_the_client(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path / "spec.yaml", _spec())
    out = tmp_path / "out"
    arguments = ["generate", "--spec", str(spec), "--out", str(out)]
    assert main([*arguments, "--operation", "Things_Get"]) == 0
    assert (out / "vmss_deallocate" / "models.py").is_file()
    capsys.readouterr()
    assert main([*arguments, "--out", str(tmp_path / "whole")]) == 2
    assert "spec.yaml#/paths/~1break/post/parameters/0/in: " in capsys.readouterr().err
    assert not (tmp_path / "whole").exists()
