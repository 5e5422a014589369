"""The load budgets' worst cases, timed: how long the generator takes on the costliest spec
just under each budget, and how quickly it refuses one over it.

    .venv/bin/python bench/load_budgets.py [--generate] [--repeat N]

Each case (tests/helpers/budget_specs.py builds them, the same specs
tests/e2e/test_load_budgets.py runs) is given to `python -m generator validate` (load,
validate, model: what every command does) in a fresh process with the validation cache off;
with --generate, to `generate` as well (render and black too). Prints a Markdown table of the
median wall time, the peak memory and the outcome. POSIX only (os.wait4). Not part of the suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.budget_specs import OVER, UNDER, BudgetCase  # noqa: E402


def run(arguments: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS in MiB, exit code and stderr's last line of one process."""
    environment = {**os.environ, "ARMGEN_NO_CACHE": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *arguments],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = err.strip().splitlines()
    return (
        elapsed,
        usage.ru_maxrss // 1024,
        process.returncode,
        lines[-1] if lines else "",
    )


def measure(case: BudgetCase, folder: Path, command: str, repeat: int) -> str:
    spec = case.build(folder / case.name.replace(" ", "-").replace("$", ""), *())
    size = spec.stat().st_size
    arguments = [command, "--spec", str(spec)]
    if command == "generate":
        arguments += ["--out", str(folder / "out")]
    runs = [run(arguments) for _ in range(repeat)]
    seconds = statistics.median(r[0] for r in runs)
    memory = max(r[1] for r in runs)
    code, last = runs[-1][2], runs[-1][3]
    outcome = (
        "accepted" if code == 0 else f"exit {code}: {last.split(': ', 2)[-1][:70]}"
    )
    return (
        f"| {case.name} | {case.budget} | {'over' if case.over else 'under'} | {command}"
        f" | {size / 1024:.0f} kB | {seconds:.2f} s | {memory} MiB | {outcome} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", action="store_true", help="also time generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    args = parser.parse_args()
    commands = ["validate", "generate"] if args.generate else ["validate"]
    print(
        "| case | budget | | command | spec size | wall (median) | peak RSS | outcome |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="armgen-budgets-") as temporary:
        folder = Path(temporary)
        for case in (*UNDER, *OVER):
            for command in commands if not case.over else ["validate"]:
                print(measure(case, folder, command, args.repeat), flush=True)


if __name__ == "__main__":
    main()
