"""The README's set-up and command examples stay true: `.ci/run` runs the README's test
command, and the outputs the README shows are what the commands print."""

from __future__ import annotations

import re

import pytest

from generator.cli import main
from tests.helpers import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    start = README.index(f"\n## {heading}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else len(README)]


def test_the_set_up_is_two_commands_and_ci_runs_the_test_command() -> None:
    commands = re.findall(
        r"```sh\n(.*?)\n```", _section("Set-up: two commands on a fresh machine")
    )
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    install, test = commands
    assert install.endswith("armgen generate")
    assert "npm ci --no-audit --no-fund --prefix tests/testserver/node" in test
    assert "'.[test]'" in test and test.endswith("python -m pytest")
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci


@pytest.mark.parametrize(
    "command", ["armgen validate", "armgen validate --spec spec/common-types.yaml"]
)
def test_the_validate_examples_are_real_output(
    command: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    shown = _section("The commands").split(f"$ {command}\n", 1)[1].split("\n", 1)[0]
    main(command.split()[1:])
    captured = capsys.readouterr()
    assert shown == (captured.out + captured.err).rstrip("\n")
