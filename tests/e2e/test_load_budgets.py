"""The worst spec under each load budget is read; one over it is refused in one line.

The specs (tests/helpers/budget_specs.py) are built at test time from the real budgets, in the
shape that costs most. Each runs in a subprocess with a generous timeout: a hang guard, not a
timing (bench/load_budgets.py has the timings). Before these budgets, the over cases took 100 s
(a chain of $refs), 95 s (30 MB of YAML), a minute (an 11 kB spec whose $refs fan out) or
ended in a traceback (a 5000-digit integer, a 2 MiB string used through aliases).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import DEFAULT_BUDGETS
from tests.helpers import REPO_ROOT
from tests.helpers.budget_specs import OVER, UNDER, BudgetCase, ref_fan_out

TIMEOUT = 60.0

LOAD_ONLY = """\
import dataclasses, sys
from pathlib import Path
from generator.errors import SpecError
from generator.load import DEFAULT_BUDGETS, load_spec
path, field, name = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
load_spec(path)
limit = getattr(DEFAULT_BUDGETS, field)
tighter = dataclasses.replace(DEFAULT_BUDGETS, **{field: limit - max(1, limit // 50)})
try:
    load_spec(path, budgets=tighter)
except SpecError as error:
    assert f"the {name} budget" in error.reason, error.reason
else:
    raise AssertionError("not within 2% of the budget")
"""
"""Loads the spec with the budgets, then with its budget 2% tighter: refused, naming it."""


def python(
    *args: str | Path, cwd: Path = REPO_ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


LOADED_UNDER = [case for case in UNDER if case.field != "ref_steps"]


@pytest.mark.parametrize("case", LOADED_UNDER, ids=[case.name for case in LOADED_UNDER])
def test_the_worst_spec_just_under_a_budget_loads(
    case: BudgetCase, tmp_path: Path
) -> None:
    spec = case.build(tmp_path, DEFAULT_BUDGETS)
    completed = python("-c", LOAD_ONLY, spec, case.field, case.budget)
    assert completed.returncode == 0, completed.stderr[-2000:]


PIPELINE = """\
import sys
from pathlib import Path
from generator.hints import BUILTIN_ONLY
from generator.load import load_spec, with_hints
from generator.model import build_api
from generator.validate import validate_spec
spec = with_hints(load_spec(Path(sys.argv[1])), BUILTIN_ONLY)
validate_spec(spec)
print(len(build_api(spec, None).models), spec.steps.count)
"""
"""open_spec and build_api, as `validate` runs them: the models made, the $ref steps taken."""


def test_refs_that_fan_out_just_under_the_ref_budget_go_through_every_stage(
    tmp_path: Path,
) -> None:
    """The $ref budget counts the steps of every stage, so this one runs them all: 33 000
    models from 9 kB."""
    spec = ref_fan_out(tmp_path, DEFAULT_BUDGETS)
    completed = python("-c", PIPELINE, spec)
    assert completed.returncode == 0, completed.stderr[-2000:]
    models, steps = map(int, completed.stdout.split())
    assert models > 30_000
    assert DEFAULT_BUDGETS.ref_steps * 98 // 100 < steps <= DEFAULT_BUDGETS.ref_steps


@pytest.mark.parametrize("case", OVER, ids=[case.name for case in OVER])
def test_a_spec_over_a_budget_is_one_line_naming_it(
    case: BudgetCase, tmp_path: Path
) -> None:
    spec = case.build(tmp_path / "spec", DEFAULT_BUDGETS)
    out = tmp_path / "out"
    completed = python("-m", "generator", "generate", "--spec", spec, "--out", out)
    assert "Traceback" not in completed.stderr
    assert (completed.returncode, completed.stdout) == (2, "")
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith(f"error: {spec}#"), lines[0]
    assert f"(the {case.budget} budget" in lines[0] or (
        f"over the {case.budget} budget" in lines[0]
    ), lines[0]
    assert not out.exists()
