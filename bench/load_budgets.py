"""The load budgets' worst cases, timed: how long the generator takes on the costliest spec
just under each budget, and how quickly it refuses one over it.

    .venv/bin/python bench/load_budgets.py [--generate] [--repeat N] [--timeout S]

The cases are tests/helpers/budget_specs.py's (tests/e2e/test_load_budgets.py checks each is
within 2% of its budget). Each spec is given to `python -m generator validate` (load, validate,
model: what every command does before its own work) in a fresh process with the validation
cache off; with --generate, the cases under a budget to `generate` too (render and black),
stopped after --timeout seconds. Prints a Markdown table (median wall time, peak RSS, outcome)
and writes it to bench/out/load_budgets.md. POSIX only (os.wait4). Not part of the suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.load import DEFAULT_BUDGETS  # noqa: E402
from tests.helpers.budget_specs import OVER, UNDER, BudgetCase  # noqa: E402

OUT = ROOT / "bench" / "out" / "load_budgets.md"


def run(arguments: list[str], timeout: float) -> tuple[float, int, int | None, str]:
    """Wall seconds, peak RSS in MiB, exit code (None: stopped at `timeout`) and the last
    line of stderr, of one `python -m generator` process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *arguments],
        cwd=ROOT,
        env={**os.environ, "ARMGEN_NO_CACHE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []

    def read_errors() -> None:
        assert process.stderr is not None
        errors.append(process.stderr.read())

    reader = threading.Thread(target=read_errors)
    reader.start()
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stopped = not timer.is_alive()
    timer.cancel()
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = "".join(errors).strip().splitlines()
    code = None if stopped else process.returncode
    return elapsed, usage.ru_maxrss // 1024, code, lines[-1] if lines else ""


def measure(
    case: BudgetCase, spec: Path, command: str, repeat: int, timeout: float
) -> str:
    arguments = [command, "--spec", str(spec)]
    if command == "generate":
        arguments += ["--out", str(spec.parent / "out")]
    runs = [run(arguments, timeout) for _ in range(repeat)]
    seconds = statistics.median(r[0] for r in runs)
    memory = max(r[1] for r in runs)
    code, last = runs[-1][2], runs[-1][3]
    if code is None:
        outcome, wall = "stopped", f"> {timeout:.0f} s"
    else:
        reason = last.split(": ", 2)[-1]
        outcome = "accepted" if code == 0 else f"exit {code}: {reason[:60]}"
        wall = f"{seconds:.2f} s"
    where = "over" if case.over else "under"
    return (
        f"| {case.name} | {case.budget} ({where}) | {command}"
        f" | {spec.stat().st_size / 1024:,.0f} kB | {wall} | {memory} MiB | {outcome} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--generate", action="store_true", help="also time generate")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run")
    args = parser.parse_args()
    lines = [
        f"Load budgets' worst cases on {platform.node()} ({os.cpu_count()} CPUs),"
        f" Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}",
        "",
        "| case | budget | command | spec | wall (median) | peak RSS | outcome |",
        "|---|---|---|---|---|---|---|",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(prefix="armgen-budgets-") as temporary:
        for index, case in enumerate((*UNDER, *OVER)):
            spec = case.build(Path(temporary) / str(index), DEFAULT_BUDGETS)
            commands = (
                ["validate", "generate"] if args.generate and not case.over else []
            )
            for command in commands or ["validate"]:
                line = measure(case, spec, command, args.repeat, args.timeout)
                print(line, flush=True)
                lines.append(line)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
