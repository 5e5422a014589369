"""Stage 1: load_spec (files, formats, `$ref`s) on small inline specs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.load import Budgets, LoadedSpec, load_spec, read_document
from tests.helpers import minimal_spec, write_spec


def load_error(path: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return caught.value


def assert_names(
    error: SpecError, file: Path, pointer: str, *reason_parts: str
) -> None:
    """The one-line message names the file, the JSON pointer, and says why."""
    message = str(error)
    assert error.file == file.resolve()
    assert error.pointer == pointer
    assert f"{file.name}#{pointer}:" in message
    for part in reason_parts:
        assert part in error.reason, (part, error.reason)
    assert "\n" not in message


# --- reading -----------------------------------------------------------------------------------


def test_yaml_and_json_load_to_the_same_document(tmp_path: Path) -> None:
    document = minimal_spec()
    from_yaml = load_spec(write_spec(tmp_path / "spec.yaml", document))
    from_json = load_spec(write_spec(tmp_path / "spec.json", document))

    assert from_yaml.documents[from_yaml.root_file] == document
    assert from_json.documents[from_json.root_file] == document
    assert from_yaml.root.pointer == ""
    assert from_yaml.root.value["info"]["title"] == "Things"


def test_sha256_is_of_the_root_file_bytes(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "spec.yaml", minimal_spec())
    spec = load_spec(path)
    assert spec.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert spec.root_file == path.resolve()


def test_yaml_values_become_json_values(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(
        'swagger: "2.0"\n'
        "info:\n"
        "  title: Things\n"
        "  version: 2024-01-01\n"  # an unquoted YAML date
        "paths:\n"
        "  /things:\n"
        "    get:\n"
        "      operationId: Things_List\n"
        "      responses:\n"
        "        200:\n"  # an unquoted integer key
        "          description: OK\n",
        encoding="utf-8",
    )
    document = load_spec(path).documents[path.resolve()]
    assert document["info"]["version"] == "2024-01-01"
    assert list(document["paths"]["/things"]["get"]["responses"]) == ["200"]


def test_json_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal_spec()).encode("utf-8"))
    assert load_spec(path).documents[path.resolve()]["swagger"] == "2.0"


def test_read_document_applies_the_same_checks(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    path.write_text('{"parameters": {"a": 1}}', encoding="utf-8")
    assert read_document(path) == {"parameters": {"a": 1}}
    broken = tmp_path / "broken.json"
    broken.write_text('{"parameters": ', encoding="utf-8")
    with pytest.raises(SpecError, match="invalid JSON"):
        read_document(broken)


# --- references --------------------------------------------------------------------------------


def test_local_ref_resolves(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            definitions={
                "Alias": {"$ref": "#/definitions/Thing"},
                "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
            }
        ),
    )
    spec = load_spec(path)
    alias = spec.root.child("definitions").child("Alias")

    target = spec.ref_target(alias)
    assert target is not None
    assert (target.file, target.pointer) == (path.resolve(), "/definitions/Thing")
    assert target.value["properties"] == {"id": {"type": "string"}}
    assert spec.deref(alias) == target
    # A node without a $ref is its own target.
    thing = spec.root.child("definitions").child("Thing")
    assert spec.ref_target(thing) is None
    assert spec.deref(thing) is thing


def test_relative_file_ref_resolves_and_loads_the_other_file(tmp_path: Path) -> None:
    common = write_spec(
        tmp_path / "common/types.yaml",
        {
            "definitions": {
                "Error": {"type": "object", "properties": {"code": {"type": "string"}}},
                "ErrorAlias": {"$ref": "#/definitions/Error"},
            }
        },
    )
    path = write_spec(
        tmp_path / "spec.json",
        minimal_spec(
            definitions={
                "Failure": {"$ref": "./common/types.yaml#/definitions/ErrorAlias"}
            }
        ),
    )
    spec = load_spec(path)
    assert set(spec.documents) == {path.resolve(), common.resolve()}

    failure = spec.root.child("definitions").child("Failure")
    one_step = spec.ref_target(failure)
    assert one_step is not None
    assert (one_step.file, one_step.pointer) == (
        common.resolve(),
        "/definitions/ErrorAlias",
    )
    # The second step is relative to the file the $ref sits in, not to the root file.
    final = spec.deref(failure)
    assert (final.file, final.pointer) == (common.resolve(), "/definitions/Error")
    assert final.value["properties"]["code"] == {"type": "string"}


def test_ref_to_a_whole_file_and_escaped_pointer_tokens(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "param.yaml", {"name": "a/b~c", "in": "query", "type": "string"}
    )
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            parameters={"a/b~c": {"$ref": "./param.yaml"}},
            definitions={"P": {"$ref": "#/parameters/a~1b~0c"}},
        ),
    )
    spec = load_spec(path)
    resolved = spec.deref(spec.root.child("definitions").child("P"))
    assert resolved.pointer == ""
    assert resolved.file == (tmp_path / "param.yaml").resolve()
    assert resolved.value["name"] == "a/b~c"


def test_refs_under_x_ms_examples_are_not_loaded(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["paths"]["/things"]["get"]["x-ms-examples"] = {
        "List things": {"$ref": "./examples/missing.json"}
    }
    path = write_spec(tmp_path / "spec.yaml", spec)
    assert set(load_spec(path).documents) == {path.resolve()}


# --- reference errors --------------------------------------------------------------------------


def test_missing_referenced_file(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"Thing": {"$ref": "./nowhere.yaml#/definitions/X"}}),
    )
    # Reported at the $ref, in the referring file.
    assert_names(
        load_error(path),
        path,
        "/definitions/Thing/$ref",
        "file not found",
        "nowhere.yaml",
    )


def test_missing_pointer_target_in_same_file(tmp_path: Path) -> None:
    spec = minimal_spec(
        parameters={"Other": {"name": "x", "in": "query", "type": "string"}}
    )
    spec["paths"]["/things"]["get"]["parameters"] = [{"$ref": "#/parameters/Nope"}]
    path = write_spec(tmp_path / "spec.yaml", spec)
    assert_names(
        load_error(path),
        path,
        "/paths/~1things/get/parameters/0/$ref",
        "#/parameters/Nope",
        "points at nothing",
        "'Nope'",
    )


def test_missing_pointer_target_in_other_file(tmp_path: Path) -> None:
    write_spec(
        tmp_path / "other.yaml", {"definitions": {"Present": {"type": "string"}}}
    )
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            definitions={"Thing": {"$ref": "./other.yaml#/definitions/Absent"}}
        ),
    )
    assert_names(
        load_error(path),
        path,
        "/definitions/Thing/$ref",
        "points at nothing",
        "'Absent'",
        "other.yaml",
    )


def test_ref_cycle_in_one_file(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            definitions={
                "A": {"$ref": "#/definitions/B"},
                "B": {"$ref": "#/definitions/A"},
            }
        ),
    )
    error = load_error(path)
    assert error.file == path.resolve()
    assert error.pointer in ("/definitions/A/$ref", "/definitions/B/$ref")
    assert f"spec.yaml#{error.pointer}:" in str(error)
    assert "cycle" in error.reason


def test_ref_to_itself_is_a_cycle(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"A": {"$ref": "#/definitions/A"}}),
    )
    assert_names(load_error(path), path, "/definitions/A/$ref", "cycle")


def test_ref_cycle_across_files(tmp_path: Path) -> None:
    other = write_spec(
        tmp_path / "other.yaml",
        {"definitions": {"B": {"$ref": "./spec.yaml#/definitions/A"}}},
    )
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"A": {"$ref": "./other.yaml#/definitions/B"}}),
    )
    error = load_error(path)
    assert "cycle" in error.reason
    assert (error.file, error.pointer) in (
        (path.resolve(), "/definitions/A/$ref"),
        (other.resolve(), "/definitions/B/$ref"),
    )
    assert f"{error.file.name}#{error.pointer}:" in str(error)


def test_chain_into_a_cycle_is_refused(tmp_path: Path) -> None:
    # C is not on the cycle but leads into it: following it must not loop forever.
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            definitions={
                "C": {"$ref": "#/definitions/A"},
                "A": {"$ref": "#/definitions/B"},
                "B": {"$ref": "#/definitions/A"},
            }
        ),
    )
    assert "cycle" in load_error(path).reason


def test_remote_ref_is_refused(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(
            definitions={
                "Thing": {"$ref": "https://example.com/types.yaml#/definitions/X"}
            }
        ),
    )
    assert_names(
        load_error(path),
        path,
        "/definitions/Thing/$ref",
        "only local and relative-file $refs are supported",
        "https://example.com/types.yaml",
    )


def test_non_string_ref_is_refused(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml", minimal_spec(definitions={"Thing": {"$ref": 42}})
    )
    assert_names(
        load_error(path), path, "/definitions/Thing/$ref", "$ref must be a string"
    )


def test_fragment_that_is_not_a_pointer_is_refused(tmp_path: Path) -> None:
    path = write_spec(
        tmp_path / "spec.yaml", minimal_spec(definitions={"Thing": {"$ref": "#Other"}})
    )
    assert_names(load_error(path), path, "/definitions/Thing/$ref", "JSON pointer")


def test_error_in_referenced_file_names_that_file(tmp_path: Path) -> None:
    other = write_spec(
        tmp_path / "other.yaml", {"definitions": {"B": {"$ref": "#/definitions/Z"}}}
    )
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"A": {"$ref": "./other.yaml#/definitions/B"}}),
    )
    assert_names(load_error(path), other, "/definitions/B/$ref", "points at nothing")


# --- unreadable files --------------------------------------------------------------------------


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text('swagger: "2.0"\ninfo:\n  title: a: b\n', encoding="utf-8")
    error = load_error(path)
    assert_names(error, path, "", "invalid YAML", "line 3")


def test_yaml_with_tab_indentation(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text('swagger: "2.0"\ninfo:\n\ttitle: x\n', encoding="utf-8")
    assert_names(load_error(path), path, "", "invalid YAML", "line 3")


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{"swagger": "2.0",\n  "info": }\n', encoding="utf-8")
    assert_names(load_error(path), path, "", "invalid JSON", "line 2")


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    raw = b'swagger: "2.0"\ninfo: {title: "\xff"}\n'
    path.write_bytes(raw)
    offset = raw.index(b"\xff")
    assert_names(load_error(path), path, "", "not UTF-8", f"byte {offset}")


def test_non_utf8_referenced_file_names_that_file(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_bytes(b'definitions:\n  X: {description: "caf\xe9"}\n')
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"A": {"$ref": "./other.yaml#/definitions/X"}}),
    )
    error = load_error(path)
    assert error.file == other.resolve()
    assert "other.yaml#" in str(error)
    assert "not UTF-8" in error.reason


def test_yaml_with_python_tags_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text("swagger: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    assert_names(
        load_error(path), path, "/swagger", "YAML tag !!python/object/apply:os.getcwd"
    )


def test_missing_root_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    assert_names(load_error(path), path, "", "file not found")


def test_root_file_over_the_byte_budget(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "spec.yaml", minimal_spec())
    size = path.stat().st_size
    with pytest.raises(SpecError) as caught:
        load_spec(path, budgets=Budgets(spec_bytes=size - 1))
    assert_names(
        caught.value, path, "", f"{size} bytes", f"byte budget ({size - 1} bytes)"
    )
    # At exactly the budget the file is read.
    assert isinstance(load_spec(path, budgets=Budgets(spec_bytes=size)), LoadedSpec)


def test_referenced_files_share_the_byte_budget(tmp_path: Path) -> None:
    big = write_spec(
        tmp_path / "big.yaml",
        {"definitions": {"X": {"type": "string", "description": "x" * 5000}}},
    )
    path = write_spec(
        tmp_path / "spec.yaml",
        minimal_spec(definitions={"A": {"$ref": "./big.yaml#/definitions/X"}}),
    )
    both = path.stat().st_size + big.stat().st_size
    with pytest.raises(SpecError) as caught:
        load_spec(path, budgets=Budgets(spec_bytes=both - 1))
    assert_names(
        caught.value,
        path,
        "/definitions/A/$ref",
        "big.yaml",
        f"byte budget ({both - 1} bytes)",
    )
    assert isinstance(load_spec(path, budgets=Budgets(spec_bytes=both)), LoadedSpec)
