"""Measuring child processes (wall, CPU, peak RSS) and summarising them as Markdown table rows.

Shared by bench/run.py and bench/scale.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Children run as on a normal install: with bytecode caches (some CI images and sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every process recompile the modules not compiled by pip).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Row:
    """One line of the table: samples of one contender, and its ratios to a reference."""

    group: str
    name: str
    unit: str  # "s", "ms" or "MiB"
    samples: list[float] = field(default_factory=list)
    ratio_to: str = ""
    ratios: list[float] = field(default_factory=list)
    target: str = ""
    met: bool | None = None
    note: str = ""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.1f} MiB"


def _fmt_ratio(ratios: Sequence[float]) -> str:
    if not ratios:
        return ""
    return f"{median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def markdown_table(rows: Sequence[Row]) -> str:
    lines = [
        "| Benchmark | Contender | Median | Min | Max | Ratio: median (min-max) | Target | Met |",
        "| --- | --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        if not row.samples:
            lines.append(
                f"| {row.group} | {row.name} | {row.note or 'not available'} "
                f"| | | | {row.target} | |"
            )
            continue
        ratio = _fmt_ratio(row.ratios)
        if ratio:
            ratio = f"{ratio} of {row.ratio_to}"
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        name = f"{row.name} ({row.note})" if row.note else row.name
        lines.append(
            f"| {row.group} | {name} | {_fmt(median(row.samples), row.unit)} "
            f"| {_fmt(min(row.samples), row.unit)} | {_fmt(max(row.samples), row.unit)} "
            f"| {ratio} | {row.target} | {met} |"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Processes


@dataclass
class Sample:
    wall: float
    cpu: float
    maxrss_mib: float
    returncode: int
    stdout: str
    stderr: str


def run_process(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
) -> Sample:
    """Wall time and peak RSS (this child and its descendants, from os.wait4) of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Sample(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            maxrss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
            returncode=proc.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
        )


@dataclass
class Contender:
    name: str
    command: Callable[[int], tuple[list[str], dict[str, str], Path | None]]
    ok_codes: tuple[int, ...] = (0,)
    samples: list[Sample] = field(default_factory=list)
    failure: str = ""


def compare_processes(contenders: Sequence[Contender], runs: int) -> None:
    """One warm-up run of each, then `runs` rounds; each round runs every contender once,
    in an order that rotates from round to round, so ratios can be taken round by round.
    """
    active = list(contenders)
    for round_index in range(-1, runs):
        shift = round_index % len(active) if active else 0
        for contender in active[shift:] + active[:shift]:
            if contender.failure:
                continue
            argv, env, cwd = contender.command(round_index)
            sample = run_process(argv, env=env or CHILD_ENV, cwd=cwd)
            if sample.returncode not in contender.ok_codes:
                tail = (sample.stderr.strip() or sample.stdout.strip()).splitlines()[
                    -1:
                ]
                contender.failure = f"exit {sample.returncode}: {' '.join(tail)[:160]}"
                continue
            if round_index >= 0:
                contender.samples.append(sample)


def process_rows(
    group: str,
    contenders: Sequence[Contender],
    *,
    metric: Callable[[Sample], float] = lambda s: s.wall,
    unit: str = "s",
    reference: Contender | None = None,
    label: str = "",
) -> list[Row]:
    rows = []
    for contender in contenders:
        row = Row(group, contender.name, unit)
        if contender.failure:
            row.note = f"failed: {contender.failure}"
            rows.append(row)
            continue
        row.samples = [metric(sample) for sample in contender.samples]
        if (
            reference is not None
            and reference is not contender
            and reference.samples
            and len(reference.samples) == len(contender.samples)
        ):
            row.ratio_to = label
            row.ratios = [
                metric(mine) / metric(theirs)
                for mine, theirs in zip(
                    contender.samples, reference.samples, strict=True
                )
            ]
        rows.append(row)
    return rows


def raw_samples(contenders: Sequence[Contender]) -> dict[str, Any]:
    return {
        c.name: {
            "wall_s": [s.wall for s in c.samples],
            "maxrss_mib": [s.maxrss_mib for s in c.samples],
            "cpu_s": [s.cpu for s in c.samples],
            "failure": c.failure,
        }
        for c in contenders
    }


def memory_rows(
    group: str,
    contenders: Sequence[Contender],
    reference: Contender | None,
    label: str = "",
) -> list[Row]:
    rows = process_rows(
        group,
        [c for c in contenders if not c.failure],
        metric=lambda s: s.maxrss_mib,
        unit="MiB",
        reference=reference,
        label=label,
    )
    for row in rows:
        row.name = row.name.replace("armgen ", "")
    return rows
