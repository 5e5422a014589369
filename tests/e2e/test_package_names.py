"""A package name reaches folders and code through one check, whatever its source.

`--package-name`, a project file's `package-name:` and a GenerateOptions built in code all go
through `generator.naming.package_name_problem`: a name that would leave `--out`, carry code
into the f-string of `_client.py`, or shadow a module the client or Python needs is refused
before anything is read or written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import GeneratorError
from generator.pipeline import GenerateOptions, generate_files
from tests.helpers import SPEC_FILE, minimal_spec, write_spec

HOSTILE_NAMES = {
    "parent folder": "../victim",
    "absolute path": "/tmp/armgen-victim",
    "code in the f-string": "x{__import__('os').system('touch pwned')}",
    "keyword": "class",
    "None": "None",
    "import": "import",
    "standard library": "os",
    "typing": "typing",
    "azure": "azure",
}


@dataclass(frozen=True)
class Result:
    code: int
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exc:  # argparse's usage errors
            assert isinstance(exc.code, int)
            code = exc.code
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.err)

    return run


def everything_under(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_package_name_in_the_project_file_is_refused_at_its_pointer(
    cli: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    """The project file is checked as `--package-name` is: one line naming the file and
    /package-name, exit 2, and no folder written or replaced, inside --out or beside it.
    """
    work = tmp_path / "work"
    spec = write_spec(work / "spec.json", minimal_spec())
    victim = tmp_path / "victim"
    (victim / "keep.txt").parent.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    project = work / "codegen.yaml"
    project.write_text(
        f"spec: {spec.name}\npackage-name: {json.dumps(name)}\n", encoding="utf-8"
    )
    before = everything_under(tmp_path)
    result = cli("generate", "--config", project, "--out", work / "out")
    assert result.code == 2
    [line] = result.err.splitlines()
    assert line.startswith(
        f"error: {project}#/package-name: not a Python package name: "
    )
    assert everything_under(tmp_path) == before
    assert (victim / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_a_hostile_package_name_option_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    result = cli(
        "generate", "--spec", SPEC_FILE, "--package-name", name, "--out", tmp_path / "o"
    )
    assert result.code == 2
    assert f"not a Python package name: {name!r}: " in result.err.splitlines()[-1]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES.keys())
def test_generate_files_refuses_a_hostile_package_name_given_in_code(
    tmp_path: Path, name: str
) -> None:
    """GenerateOptions built by a program, not the CLI, meet the same check."""
    spec = write_spec(tmp_path / "spec.json", minimal_spec())
    with pytest.raises(GeneratorError, match="not a Python package name: "):
        generate_files(GenerateOptions(spec=spec, package_name=name), tmp_path / "out")
