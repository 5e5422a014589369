"""openapi-spec-validator in a forked child (generator/validate.py::start_validation).

`generate` and `diff` let the validator run in a child process beside the model, render and
format stages. That must change nothing but the time: the same files, the same one error line
for every bad spec (the validator's own error first, as in stage order), a dead child made up
for, and no child left behind, whatever happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import validate
from generator.cli import main
from generator.errors import SpecError
from generator.load import load_spec
from generator.pipeline import GenerateOptions, generate_files, project_options
from tests.helpers import BAD_SPECS, REPO_ROOT, UPSTREAM_STABLE

BAD_SPEC_FILES = sorted(
    path.name
    for path in BAD_SPECS.iterdir()
    if path.suffix in (".yaml", ".json")
    and path.name != "expected.yaml"
    and not path.name.startswith("project-")
)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Let the validator fork even beside pytest's threads, and record each child."""
    children: list[int] = []
    real_fork = validate.Validation.fork

    def recording_fork(self: validate.Validation) -> None:
        real_fork(self)
        assert self._child is not None
        children.append(self._child[0])

    monkeypatch.setattr(validate, "_may_fork", lambda: True)
    monkeypatch.setattr(validate.Validation, "fork", recording_fork)
    yield children
    assert_no_child_left()


def assert_no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_child_gives_the_same_files(forks: list[int]) -> None:
    in_child = generate_files(project_options())
    assert len(forks) == 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_may_fork", lambda: False)
        in_process = generate_files(project_options())
    assert in_child == in_process


@pytest.mark.parametrize("name", BAD_SPEC_FILES)
def test_every_bad_spec_gives_the_same_error_either_way(
    name: str,
    forks: list[int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    arguments = ("generate", "--spec", BAD_SPECS / name, "--config", tmp_path / "none")
    with_child = run(capsys, *arguments, "--out", tmp_path / "a")
    monkeypatch.setenv(validate.NO_FORK_ENV, "1")
    monkeypatch.setattr(validate, "_may_fork", lambda: False)
    without = run(capsys, *arguments, "--out", tmp_path / "b")
    assert with_child == without
    assert with_child[0] == 2 and with_child[1].startswith("error: ")
    assert not (tmp_path / "a").exists()


def test_the_validators_error_comes_before_the_model_stages(
    forks: list[int], tmp_path: Path
) -> None:
    """`schemes: [gopher]` is the validator's to refuse; the missing operation the model
    stage's. Run in order, the validator's error is the one reported."""
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "swagger": "2.0",
                "info": {"title": "Things", "version": "1"},
                "schemes": ["gopher"],
                "paths": {},
            }
        ),
        encoding="utf-8",
    )
    options = GenerateOptions(spec=spec, operation_ids=("Things_Missing",))
    with pytest.raises(SpecError) as caught:
        generate_files(options)
    assert "gopher" in caught.value.reason
    assert len(forks) == 1


def test_a_child_that_dies_is_made_up_for_in_process(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real_validator = validate._run_validator

    def dies_in_the_child(spec: Any) -> None:
        if os.getpid() != parent:
            os._exit(3)
        real_validator(spec)
        ran_here.append(True)

    ran_here: list[bool] = []
    monkeypatch.setattr(validate, "_run_validator", dies_in_the_child)
    assert generate_files(project_options())
    assert len(forks) == 1 and ran_here == [True]


def test_leaving_early_stops_the_child(forks: list[int]) -> None:
    spec = load_spec(REPO_ROOT / "spec" / "compute-vmss-deallocate.yaml")
    with pytest.raises(RuntimeError), validate.start_validation(spec):
        raise RuntimeError("a later stage failed")
    assert len(forks) == 1  # the fixture checks that it was reaped


def test_diff_validates_both_sides_in_children(
    forks: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = (
        UPSTREAM_STABLE / version / "virtualMachineScaleSet.json"
        for version in ("2022-11-01", "2024-07-01")
    )
    in_children = run(
        capsys, "diff", old, new, "--operation", "VirtualMachineScaleSets_Deallocate"
    )
    assert len(forks) == 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_may_fork", lambda: False)
        in_process = run(
            capsys,
            "diff",
            old,
            new,
            "--operation",
            "VirtualMachineScaleSets_Deallocate",
        )
    assert in_children == in_process
    assert "hibernate" in in_children[1]


def test_the_cli_leaves_the_validator_to_the_child(tmp_path: Path) -> None:
    """A real single-threaded CLI process: the parent never imports openapi-spec-validator,
    unless told to validate itself."""
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        "code = main(['generate', '--out', sys.argv[1]])\n"
        "print(code, 'openapi_spec_validator' in sys.modules, file=sys.stderr)\n"
    )
    shown = {}
    for no_fork in ("", "1"):
        env = {**os.environ, "ARMGEN_NO_CACHE": "1", validate.NO_FORK_ENV: no_fork}
        result = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "out")],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        shown[no_fork] = result.stderr.splitlines()[-1]
    if (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux"):
        assert shown == {"": "0 False", "1": "0 True"}
    else:
        assert shown == {"": "0 True", "1": "0 True"}
