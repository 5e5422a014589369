"""Stage 1, files: `$ref`s stay in the spec tree, and only regular files are read.

What a refusal says is checked too: the place of the `$ref`, why, and never a byte of the file
it refused (each outside file here holds a marker that must appear nowhere).
FIFOs and devices given as the spec are in tests/e2e/test_spec_tree.py, in subprocesses, where
a hang cannot stop the suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import GeneratorError, SpecError
from generator.load import (
    LoadedSpec,
    RefusedFile,
    load_spec,
    read_document,
    spec_tree,
)
from tests.helpers import minimal_spec, write_spec

MARKER = "MARKER-7f3a9c-outside-the-tree"


def outside_file(folder: Path, name: str = "secret.yaml") -> Path:
    """A valid YAML document whose only text is the marker."""
    return write_spec(folder / name, {"definitions": {"X": {"description": MARKER}}})


def spec_with_ref(path: Path, ref: str) -> Path:
    return write_spec(path, minimal_spec(definitions={"A": {"$ref": ref}}))


def refused(path: Path, spec_root: Path | None = None) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_spec(path, spec_root)
    assert MARKER not in str(caught.value)
    return caught.value


# --- the tree's root ---------------------------------------------------------------------------


def test_the_root_is_the_nearest_specification_folder(tmp_path: Path) -> None:
    """As in azure-rest-api-specs: a service's spec refers to specification/common-types."""
    specification = tmp_path / "specification"
    write_spec(
        specification / "common-types" / "types.json",
        {"definitions": {"Error": {"type": "object"}}},
    )
    path = spec_with_ref(
        specification / "svc" / "stable" / "2024-01-01" / "svc.json",
        "../../../common-types/types.json#/definitions/Error",
    )
    assert spec_tree(path).root == specification.resolve()
    assert isinstance(load_spec(path), LoadedSpec)


def test_without_a_specification_folder_the_root_is_the_specs_folder(
    tmp_path: Path,
) -> None:
    path = write_spec(tmp_path / "api" / "spec.yaml", minimal_spec())
    assert spec_tree(path).root == (tmp_path / "api").resolve()


def test_spec_root_widens_the_tree(tmp_path: Path) -> None:
    write_spec(tmp_path / "common" / "types.yaml", {"definitions": {"X": {}}})
    path = spec_with_ref(
        tmp_path / "api" / "spec.yaml", "../common/types.yaml#/definitions/X"
    )
    error = refused(path)
    assert error.pointer == "/definitions/A/$ref"
    assert "leaves the spec tree" in error.reason
    assert isinstance(load_spec(path, tmp_path), LoadedSpec)


def test_spec_root_must_be_a_folder_holding_the_spec(tmp_path: Path) -> None:
    path = write_spec(tmp_path / "api" / "spec.yaml", minimal_spec())
    (tmp_path / "other").mkdir()
    with pytest.raises(GeneratorError, match="does not hold the spec"):
        load_spec(path, tmp_path / "other")
    with pytest.raises(GeneratorError, match="is not a folder"):
        load_spec(path, tmp_path / "absent")
    # Narrowing to the spec's own folder is allowed.
    assert isinstance(load_spec(path, tmp_path / "api"), LoadedSpec)


# --- what a $ref may name ----------------------------------------------------------------------


def test_a_ref_climbing_out_is_refused_unread(tmp_path: Path) -> None:
    outside_file(tmp_path)
    path = spec_with_ref(
        tmp_path / "api" / "spec.yaml", "../secret.yaml#/definitions/X"
    )
    error = refused(path)
    assert error.file == path.resolve()
    assert error.pointer == "/definitions/A/$ref"
    assert "'../secret.yaml#/definitions/X' leaves the spec tree" in error.reason
    assert isinstance(error, RefusedFile)


def test_an_absolute_ref_is_refused_unread(tmp_path: Path) -> None:
    """The issue's case: /etc/passwd was read, and its first lines quoted in the error."""
    secret = outside_file(tmp_path)
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", f"{secret}#/definitions/X")
    assert "leaves the spec tree" in refused(path).reason
    passwd = spec_with_ref(tmp_path / "api" / "passwd.yaml", "/etc/passwd")
    error = refused(passwd)
    assert "leaves the spec tree" in error.reason
    assert "root:" not in str(error)


def test_a_symlink_out_of_the_tree_is_outside(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "types.yaml").symlink_to(secret)
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", "types.yaml#/definitions/X")
    assert "leaves the spec tree" in refused(path).reason


def test_a_symlink_within_the_tree_is_followed(tmp_path: Path) -> None:
    write_spec(tmp_path / "api" / "real" / "types.yaml", {"definitions": {"X": {}}})
    (tmp_path / "api" / "types.yaml").symlink_to(
        tmp_path / "api" / "real" / "types.yaml"
    )
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", "types.yaml#/definitions/X")
    assert isinstance(load_spec(path), LoadedSpec)


@pytest.mark.parametrize("name", [".env.yaml", ".git/config.json"])
def test_hidden_files_and_folders_are_not_read(tmp_path: Path, name: str) -> None:
    outside_file(tmp_path / "api", name)
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", f"{name}#/definitions/X")
    assert "names a hidden file or folder" in refused(path).reason


@pytest.mark.parametrize("name", ["notes.txt", "id_rsa", "settings.py"])
def test_only_json_and_yaml_files_are_read(tmp_path: Path, name: str) -> None:
    outside_file(tmp_path / "api", name)
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", f"{name}#/definitions/X")
    assert "names no .json, .yaml or .yml file" in refused(path).reason


def test_a_directory_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "api" / "types.json").mkdir(parents=True)
    path = spec_with_ref(tmp_path / "api" / "spec.yaml", "types.json#/definitions/X")
    error = refused(path)
    assert error.pointer == "/definitions/A/$ref"
    assert "is a directory, not a regular file" in error.reason


def test_a_device_named_as_the_spec_is_not_read() -> None:
    """/dev/null: reading it would not hang even if the check were gone, unlike /dev/zero."""
    with pytest.raises(RefusedFile, match="is a device, not a regular file"):
        load_spec(Path(os.devnull))


# --- example files and project files -----------------------------------------------------------


def test_read_document_in_a_tree_refuses_a_file_outside(tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    spec = write_spec(tmp_path / "api" / "spec.yaml", minimal_spec())
    with pytest.raises(RefusedFile) as caught:
        read_document(secret, spec_tree(spec))
    assert "leaves the spec tree" in caught.value.reason
    assert MARKER not in str(caught.value)
    # Without a tree (a project file, which the user names) it is read.
    assert read_document(secret)["definitions"]["X"]["description"] == MARKER
