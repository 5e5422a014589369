"""Generated code is product code: black-clean, ruff-clean and `mypy --strict`-clean."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import GENERATED, REPO_ROOT


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_black_check() -> None:
    result = run_tool("black", "--check", "--quiet", str(GENERATED))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check() -> None:
    result = run_tool("ruff", "check", "--no-cache", str(GENERATED))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run_tool(
        "mypy",
        "--strict",
        "--no-incremental",
        "--cache-dir=/dev/null",
        str(GENERATED / "vmss_deallocate"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
