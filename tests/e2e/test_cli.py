"""The command line: help, validate, and one-line errors without tracebacks (generate and check
are in test_cli_generate.py).

Most tests call `generator.cli.main` in-process with the working directory at the repository
root (the generated headers name the spec relative to it); a few run `python -m generator` and
the installed `armgen` script as subprocesses to prove no traceback reaches a real terminal.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import __version__
from tests.helpers import REPO_ROOT
from tests.helpers.cli import (
    ALL_OPTIONS,
    BROKEN_SPECS,
    HELP_OPTIONS,
    MINIMAL_SPEC,
    SPEC,
    SUMMARY,
    Result,
    assert_one_error_line,
    ref_to_missing_file,
    run_main,
    run_process,
)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run main() in-process; argparse's exits (help, usage errors) become exit codes."""
    return functools.partial(run_main, capsys)


# --- broken specs ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "generate", "check"])
@pytest.mark.parametrize("kind", BROKEN_SPECS)
def test_broken_spec_is_one_error_line(
    cli: Callable[..., Result], tmp_path: Path, command: str, kind: str
) -> None:
    spec, reason = BROKEN_SPECS[kind](tmp_path)
    extra = ["--out", tmp_path / "out"] if command != "validate" else []
    match = assert_one_error_line(cli(command, "--spec", spec, *extra), spec, reason)
    if kind == "ref-to-missing-file":  # names where the $ref is, not only the target
        assert match["pointer"].startswith("/paths/~1subscriptions~1{subscriptionId}")
        assert "/parameters/0" in match["pointer"]
    assert not (tmp_path / "out").exists()


def test_broken_spec_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    spec, reason = ref_to_missing_file(tmp_path)
    result = run_process("generate", "--spec", spec, "--out", tmp_path / "out")
    assert_one_error_line(result, spec, reason)


def test_unknown_operation_is_one_error_line(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("generate", "--operation", "Nope_Nope", "--out", tmp_path / "out")
    match = assert_one_error_line(result, REPO_ROOT / SPEC, "'Nope_Nope'")
    assert match["pointer"] == "/paths"


def test_bad_package_name_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("generate", "--package-name", "1-bad", "--out", tmp_path / "out")
    result.assert_no_traceback()
    assert result.code == 2
    assert "not a Python package name: '1-bad'" in result.err.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_spec_without_default_error_response_generates_or_names_the_spec(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    spec = tmp_path / "no-default.yaml"
    spec.write_text(
        MINIMAL_SPEC.replace(
            '- $ref: "./missing-common.yaml#/parameters/SubscriptionIdParameter"',
            "- {name: subscriptionId, in: path, required: true, type: string,"
            " description: s}",
        )
    )
    assert cli("validate", "--spec", spec).code == 0  # a valid Swagger 2.0 spec
    result = cli("generate", "--spec", spec, "--out", tmp_path / "out")
    result.assert_no_traceback()
    if result.code != 0:
        assert_one_error_line(result, spec, "")


# --- help and version -----------------------------------------------------------------------


def test_top_level_help(cli: Callable[..., Result]) -> None:
    result = cli("--help")
    assert (result.code, result.err) == (0, "")
    for word in ("generate", "check", "validate", "--version"):
        assert word in result.out


@pytest.mark.parametrize("command", HELP_OPTIONS)
def test_command_help_lists_its_options(
    cli: Callable[..., Result], command: str
) -> None:
    result = cli(command, "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: ")
    for option in ALL_OPTIONS:
        assert (option in result.out) == (option in HELP_OPTIONS[command]), option


@pytest.mark.parametrize("command", [None, *HELP_OPTIONS])
def test_help_in_a_subprocess(command: str | None) -> None:
    result = run_process(*([command] if command else []), "--help")
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    expected = HELP_OPTIONS[command] if command else ("generate", "check", "validate")
    for word in expected:
        assert word in result.out


def test_version(cli: Callable[..., Result]) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out == f"armgen {__version__}\n"


def test_no_command_is_a_usage_error(cli: Callable[..., Result]) -> None:
    result = cli()
    result.assert_no_traceback()
    assert result.code == 2
    assert result.err.startswith("usage: ")


def armgen() -> list[str]:
    script = Path(sys.executable).parent / (
        "armgen.exe" if os.name == "nt" else "armgen"
    )
    assert script.is_file(), f"console script not installed: {script}"
    return [str(script)]


def test_armgen_console_script() -> None:
    result = run_process("--help", program=armgen())
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    for word in ("generate", "check", "validate"):
        assert word in result.out
    validated = run_process("validate", program=armgen())
    assert (validated.code, validated.err) == (0, "")
    assert SUMMARY.fullmatch(validated.out.rstrip("\n"))


# --- validate -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--spec", SPEC)], ids=["default", "explicit"])
def test_validate_prints_a_summary(
    cli: Callable[..., Result], args: tuple[str, ...]
) -> None:
    result = cli("validate", *args)
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith("\n")
    assert SUMMARY.fullmatch(result.out.rstrip("\n")), result.out


def test_validate_in_a_subprocess() -> None:
    result = run_process("validate", "--spec", SPEC)
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    assert SUMMARY.fullmatch(result.out.rstrip("\n")), result.out
