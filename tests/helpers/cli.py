"""What the command-line tests share: the reference package's files, the shapes of summary and
error lines, running `main()` in-process or `python -m generator` as a child, and broken specs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import REPO_ROOT

SPEC = "spec/compute-vmss-deallocate.yaml"
PACKAGE = "vmss_deallocate"
PACKAGE_FILES = {
    f"{PACKAGE}/{name}"
    for name in (
        "__init__.py",
        "_client.py",
        "_pipeline.py",
        "_polling.py",
        "_shared.py",
        "_wire.py",
        "_codec.py",
        "aio/__init__.py",
        "aio/_client.py",
        "aio/_pipeline.py",
        "aio/_polling.py",
        "operations/__init__.py",
        "operations/_virtual_machine_scale_sets.py",
        "aio/operations/__init__.py",
        "aio/operations/_virtual_machine_scale_sets.py",
        "models.py",
        "exceptions.py",
        "_version.py",
        "py.typed",
        "README.md",
    )
} | {"pyproject.toml"}
MANIFEST = ".armgen-manifest.json"
"""Beside the package files: what the generator wrote, so that it changes nothing else."""
OUTPUT_FILES = PACKAGE_FILES | {MANIFEST}
PROJECT = "(project file: spec/codegen.yaml)"
"""What every command adds after a success run from the repository root."""
SUMMARY = re.compile(
    r"spec/compute-vmss-deallocate\.yaml: valid Swagger 2\.0, api-version 2024-07-01, "
    r"1 operations, [1-9][0-9]* models \(project file: spec/codegen\.yaml\)"
)
ERROR_LINE = re.compile(r"error: (?P<file>\S+)#(?P<pointer>(/\S*)?): (?P<reason>\S.*)")
HELP_OPTIONS = {
    "generate": ("--spec", "--out", "--package-name", "--operation"),
    "check": ("--spec", "--out", "--package-name", "--operation"),
    "validate": ("--spec",),
}
ALL_OPTIONS = ("--spec", "--out", "--package-name", "--operation")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.out
        assert "Traceback" not in self.err


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Result:
    """Run main() in-process; argparse's exits (help, usage errors) become exit codes."""
    capsys.readouterr()
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exc:
        assert isinstance(exc.code, int), exc.code
        code = exc.code
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_process(*args: str | Path, program: list[str] | None = None) -> Result:
    command = program or [sys.executable, "-m", "generator"]
    completed = subprocess.run(
        [*command, *(str(arg) for arg in args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


Snapshot = dict[str, tuple[bytes, int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file under root: content, mtime and inode (so a rewrite shows, too)."""
    return {
        path.relative_to(root).as_posix(): (
            path.read_bytes(),
            path.stat().st_mtime_ns,
            path.stat().st_ino,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


MINIMAL_SPEC = """\
swagger: "2.0"
info: {title: Things, version: "2024-01-01"}
host: management.azure.com
schemes: [https]
paths:
  /subscriptions/{subscriptionId}/things/poke:
    post:
      operationId: Things_Poke
      description: Poke the things.
      parameters:
        - $ref: "./missing-common.yaml#/parameters/SubscriptionIdParameter"
        - {name: api-version, in: query, required: true, type: string, description: v}
      responses:
        "200": {description: OK}
"""


def _yaml_syntax_error(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "broken.yaml"
    path.write_text('swagger: "2.0"\ninfo: [title, version\npaths: {}\n')
    return path, "invalid YAML"


def ref_to_missing_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "dangling.yaml"
    path.write_text(MINIMAL_SPEC)
    return path, "missing-common.yaml"


def _no_such_file(tmp_path: Path) -> tuple[Path, str]:
    return tmp_path / "absent.yaml", "file not found"


def _json_not_swagger(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "package.json"
    path.write_text('{"name": "not-a-spec", "version": "1.0.0"}\n')
    return path, "not a Swagger 2.0 spec"


def _directory(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "specs"
    path.mkdir()
    return path, "is a directory"


BROKEN_SPECS: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "yaml-syntax-error": _yaml_syntax_error,
    "ref-to-missing-file": ref_to_missing_file,
    "no-such-file": _no_such_file,
    "json-not-swagger": _json_not_swagger,
    "directory": _directory,
}


def assert_one_error_line(result: Result, spec: Path, reason: str) -> re.Match[str]:
    result.assert_no_traceback()
    assert result.code == 2
    assert result.out == ""
    assert result.err.endswith("\n")
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    match = ERROR_LINE.fullmatch(lines[0])
    assert match, lines[0]
    assert Path(match["file"]).name == spec.name
    assert (Path.cwd() / match["file"]).resolve() == spec.resolve()
    assert reason in match["reason"]
    return match
