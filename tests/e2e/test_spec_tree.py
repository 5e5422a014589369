"""Every command reads only inside the spec tree, and only regular files, whatever the spec says.

A spec in `tree/api/` refers to `outside/types.yaml`, whose text is a unique marker. Refused,
the marker must appear in no output, no error and no written file, for every command; given
`--spec-root` (the control), it lands in the generated models, so the check could fail.
FIFOs and devices run as subprocesses with a timeout: before, a FIFO hung the generator and
/dev/zero filled its memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT

MARKER = "MARKER-c41d7e-never-read"
TIMEOUT = 60.0
"""A hang guard for a loaded machine: every case here answers in about a second."""

SPEC = """\
swagger: "2.0"
info: {title: WidgetClient, version: "2025-01-01"}
host: management.azure.com
paths:
  /widgets:
    get:
      operationId: Widgets_Get
      responses:
        "200":
          description: The widget.
          schema: {$ref: '#/definitions/Widget'}
      x-ms-examples:
        Get a widget: {$ref: '../../outside/example.json'}
definitions:
  Widget:
    type: object
    properties:
      colour: {$ref: 'REF'}
"""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def run(args: Sequence[str | Path], cwd: Path) -> Result:
    completed = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def one_error_line(result: Result, *parts: str) -> str:
    assert "Traceback" not in result.err
    assert (result.code, result.out) == (2, "")
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tree/api/spec.yaml referring out to outside/, which holds the marker."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "types.yaml").write_text(
        f"definitions:\n  Colour: {{type: string, description: {MARKER}}}\n",
        encoding="utf-8",
    )
    (outside / "example.json").write_text(
        '{"parameters": {"api-version": "2025-01-01"},'
        f' "responses": {{"200": {{"body": {{"colour": "{MARKER}"}}}}}}}}',
        encoding="utf-8",
    )
    api = tmp_path / "tree" / "api"
    api.mkdir(parents=True)
    ref = "../../outside/types.yaml#/definitions/Colour"
    (api / "spec.yaml").write_text(SPEC.replace("REF", ref), encoding="utf-8")
    (api / "inside.yaml").write_text(
        SPEC.replace("REF", "#/definitions/Plain").replace(
            "definitions:\n", "definitions:\n  Plain: {type: string}\n"
        ),
        encoding="utf-8",
    )
    return tmp_path


def written_text(folder: Path) -> str:
    return "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


COMMANDS = {
    "validate": ["validate", "--spec", "tree/api/spec.yaml"],
    "generate": ["generate", "--spec", "tree/api/spec.yaml", "--out", "out"],
    "check": ["check", "--spec", "tree/api/spec.yaml", "--out", "out"],
    "cassettes": ["cassettes", "--spec", "tree/api/spec.yaml", "--out", "out"],
    "diff": ["diff", "tree/api/inside.yaml", "tree/api/spec.yaml", "--code"],
    "diff-markdown": ["diff", "tree/api/spec.yaml", "tree/api/inside.yaml"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_ref_out_of_the_tree_is_refused_and_never_quoted(
    tree: Path, command: str
) -> None:
    args = COMMANDS[command]
    if command == "diff-markdown":
        args = [*args, "--format", "markdown"]
    result = run(args, tree)
    one_error_line(
        result,
        "tree/api/spec.yaml#/definitions/Widget/properties/colour/$ref: $ref",
        "leaves the spec tree",
    )
    assert MARKER not in result.out + result.err
    assert not (tree / "out").exists()


def test_with_spec_root_the_same_ref_is_read(tree: Path) -> None:
    """The control: widened to the folder holding both, the marker reaches the models."""
    args = ["generate", "--spec", "tree/api/spec.yaml", "--out", "out"]
    result = run([*args, "--spec-root", "."], tree)
    assert result.code == 0, result.err
    assert MARKER in (tree / "out" / "vmss_deallocate" / "models.py").read_text("utf-8")


def test_an_example_out_of_the_tree_is_not_read(tree: Path) -> None:
    """Examples are read by `cassettes` only; one outside the tree is a warning, unread."""
    args = ["cassettes", "--spec", "tree/api/inside.yaml", "--out", "out"]
    result = run(args, tree)
    assert result.code == 2, result.err  # its only example gave no cassette
    assert "example file not read: example.json leaves the spec tree" in result.err
    assert MARKER not in result.out + result.err
    assert not (tree / "out").exists()
    widened = run([*args, "--spec-root", "."], tree)
    assert widened.code == 0, widened.err
    assert MARKER in written_text(tree / "out")


def test_generate_never_reads_examples(tree: Path) -> None:
    result = run(["generate", "--spec", "tree/api/inside.yaml", "--out", "out"], tree)
    assert result.code == 0, result.err
    assert MARKER not in written_text(tree / "out")


def test_spec_root_must_hold_the_spec(tree: Path) -> None:
    result = run(
        ["validate", "--spec", "tree/api/spec.yaml", "--spec-root", "outside"], tree
    )
    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == "error: --spec-root outside does not hold the spec tree/api/spec.yaml\n"
    )


# --- FIFOs and devices -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_given_as_the_spec_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Before: the generator blocked in open() until a writer came."""
    os.mkfifo(tmp_path / "spec.yaml")
    result = run(["validate", "--spec", "spec.yaml"], tmp_path)
    one_error_line(result, "spec.yaml#: ", "is a FIFO (named pipe), not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_ref_to_a_fifo_in_the_tree_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "types.yaml")
    spec = SPEC.replace("REF", "types.yaml#/definitions/Colour")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    result = run(["generate", "--spec", "spec.yaml", "--out", "out"], tmp_path)
    one_error_line(
        result,
        "spec.yaml#/definitions/Widget/properties/colour/$ref: ",
        "types.yaml is a FIFO (named pipe), not a regular file",
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    """Before: MemoryError, reading an endless file."""
    result = run(["validate", "--spec", "/dev/zero"], tmp_path)
    one_error_line(result, "/dev/zero#: ", "is a device, not a regular file")
    (tmp_path / "spec.yaml").write_text(SPEC.replace("REF", "/dev/zero"), "utf-8")
    result = run(["validate", "--spec", "spec.yaml"], tmp_path)
    one_error_line(result, "/colour/$ref: ", "$ref '/dev/zero' leaves the spec tree")
    # Even with the whole file system as the tree, a $ref names only spec files.
    result = run(["validate", "--spec", "spec.yaml", "--spec-root", "/"], tmp_path)
    one_error_line(result, "/colour/$ref: ", "names no .json, .yaml or .yml file")


def test_a_project_file_cannot_widen_the_spec_tree(tree: Path) -> None:
    """Only the --spec-root option sets the tree: a project file comes with the specs it
    builds, so one naming a wider root is refused at that key, and nothing is read."""
    (tree / "codegen.yaml").write_text(
        "spec: tree/api/spec.yaml\nspec-root: .\n", encoding="utf-8"
    )
    for command in (["validate"], ["generate", "--out", "out"]):
        result = run([*command, "--config", "codegen.yaml"], tree)
        one_error_line(result, "codegen.yaml#/spec-root: unknown key")
        assert MARKER not in result.out + result.err
    assert not (tree / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_given_as_the_project_file_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "codegen.yaml")
    result = run(["validate", "--config", "codegen.yaml"], tmp_path)
    assert "Traceback" not in result.err
    assert result.code == 2
    assert "codegen.yaml" in result.err


# --- a diff side read from a git revision ------------------------------------------------------


def _git(repository: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repository,
        check=True,
        capture_output=True,
    )


def test_a_git_revision_has_its_spec_tree_inside_it(tmp_path: Path) -> None:
    """A revision is extracted to a temporary folder; its tree is the `specification`
    folder inside that, and --spec-root names a folder of the repository."""
    repository = tmp_path / "repo"
    service = repository / "specification" / "svc"
    service.mkdir(parents=True)
    (repository / "specification" / "common").mkdir()
    (repository / "specification" / "common" / "types.yaml").write_text(
        "definitions:\n  Colour: {type: string}\n", encoding="utf-8"
    )
    spec = SPEC.replace("REF", "../common/types.yaml#/definitions/Colour")
    (service / "spec.yaml").write_text(spec, encoding="utf-8")
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-q", "-m", "first")
    side = "git:HEAD:specification/svc/spec.yaml"
    result = run(["diff", side, "specification/svc/spec.yaml"], repository)
    assert result.code == 0, result.err
    assert "No changes to the API" in result.out
    outside = run(["diff", side, side, "--spec-root", tmp_path], repository)
    one_error_line(outside, f"{side}: --spec-root", "is outside the repository")
    narrow = run(["diff", side, side, "--spec-root", "specification/svc"], repository)
    one_error_line(
        narrow,
        f"{side}#/definitions/Widget/properties/colour/$ref: ",
        "leaves the spec tree",
    )


@pytest.mark.parametrize(
    "command", ["generate", "check", "validate", "cassettes", "diff"]
)
def test_every_command_that_reads_a_spec_takes_spec_root(
    command: str, tmp_path: Path
) -> None:
    result = run([command, "--help"], tmp_path)
    assert result.code == 0
    assert "--spec-root DIR" in result.out
    assert "nearest folder named specification" in " ".join(result.out.split())


def test_check_says_how_to_regenerate_with_the_same_spec_root(tree: Path) -> None:
    args = ["check", "--spec", "tree/api/inside.yaml", "--out", "out"]
    result = run([*args, "--spec-root", "tree"], tree)
    assert result.code == 1
    assert "--spec-root tree" in result.err.splitlines()[-1]
