"""`python -m generator` and `armgen` in a Python that lacks the generator's dependencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import DEPENDENCIES
from tests.helpers import REPO_ROOT


def run_without(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The generator's entry point in a fresh process where importing `module` fails, as it
    does in a Python where armgen's dependencies were never installed."""
    program = (
        "import sys\n"
        f"sys.modules[{module!r}] = None\n"
        f"sys.argv = ['armgen', *{list(args)!r}]\n"
        "from generator.__main__ import run\n"
        "sys.exit(run())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("module", sorted(DEPENDENCIES))
def test_a_missing_dependency_is_one_line_not_a_traceback(
    module: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_without(module, "generate", "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: armgen needs {DEPENDENCIES[module]}, which ")
    assert "virtual environment" in lines[0]
    assert not out.exists()


def test_the_console_script_is_the_same_entry_point() -> None:
    script = Path(sys.executable).with_name("armgen")
    assert script.is_file()
    assert "generator.__main__" in script.read_text(encoding="utf-8")
