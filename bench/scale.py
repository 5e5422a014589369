"""How generation cost grows with the work: 1, 10 and 56 operations of Microsoft's 2024-07-01
virtualMachineScaleSet.json, the 89 operations of its folder (its three files), and
`diff --code` of two whole VMSS files; cold (empty cache) and warm, wall time and peak RSS.

    .venv/bin/python bench/scale.py [--runs 3] [--jobs-lever] [--code DIR ...] [--only TEXT]

Each figure is the median of `--runs` fresh processes. `--jobs-lever` adds the same cold rows
with ARMGEN_JOBS=1 (pieces formatted in one process), the before/after of formatting on every
core. `--code DIR` (repeatable) runs the generator found in DIR instead of this checkout's
(e.g. a `git archive` of another commit), one column per DIR, the runs interleaved so that
every version meets the same load on a shared machine; the CPU time (the armgen process and
the workers it waited for) moves much less with other load than the wall time. `--only TEXT`
runs the cases whose name contains TEXT. bench/README.md says what the figures mean and keeps
the last measured table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Sample, run_process

REPO = Path(__file__).resolve().parent.parent
STABLE = (
    REPO.parent
    / "shared/azure-specs/specification/compute/resource-manager/Microsoft.Compute"
    / "ComputeRP/stable"
)
VMSS = STABLE / "2024-07-01" / "virtualMachineScaleSet.json"
FOLDER = [
    STABLE / "2024-07-01" / name
    for name in (
        "virtualMachineScaleSet.json",
        "virtualMachine.json",
        "computeRPCommon.json",
    )
]
OLD_VMSS = STABLE / "2022-11-01" / "virtualMachineScaleSet.json"
TEN = [
    f"VirtualMachineScaleSets_{name}"
    for name in (
        "Deallocate",
        "PowerOff",
        "Restart",
        "Start",
        "Redeploy",
        "PerformMaintenance",
        "Reimage",
        "ReimageAll",
        "DeleteInstances",
        "GetInstanceView",
    )
]
AUTOREST_56 = (
    "39.5 s (AutoRest, issue 16's one measured run on this machine; not re-run)"
)


def armgen(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "generator", *arguments]


def generate(spec: Path, out: Path, operations: Sequence[str] = ()) -> list[str]:
    selected = [argument for op in operations for argument in ("--operation", op)]
    return armgen("generate", "--spec", str(spec), "--out", str(out), *selected)


def measure(
    commands: list[list[str]], envs: list[dict[str, str]], runs: int, cold: bool
) -> list[list[Sample]]:
    """`runs` samples per environment, taken in turn; each sample runs `commands` one after
    the other (their wall times added, the biggest peak RSS kept), in a fresh cache when
    cold."""
    samples: list[list[Sample]] = [[] for _ in envs]
    for _ in range(runs):
        for env, taken in zip(envs, samples, strict=True):
            taken.append(_sample(commands, env, cold))
    return samples


def _sample(commands: list[list[str]], env: dict[str, str], cold: bool) -> Sample:
    with tempfile.TemporaryDirectory() as cache:
        run_env = {**env, "ARMGEN_CACHE_DIR": env.get("ARMGEN_CACHE_DIR", cache)}
        if not cold:
            for command in commands:  # fill the cache
                run_process(command, env=run_env, cwd=Path(cache))
        parts = [
            run_process(command, env=run_env, cwd=Path(cache)) for command in commands
        ]
    for part in parts:
        if part.returncode != 0:
            raise SystemExit(f"failed: {part.stderr.strip()[-300:]}")
    return Sample(
        wall=sum(p.wall for p in parts),
        cpu=sum(p.cpu for p in parts),
        maxrss_mib=max(p.maxrss_mib for p in parts),
        returncode=0,
        stdout="",
        stderr="",
    )


def _medians(samples: list[list[Sample]], cpu: bool = False) -> str:
    return " | ".join(
        f"{statistics.median(s.cpu if cpu else s.wall for s in taken):.2f} s"
        for taken in samples
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs-lever", action="store_true")
    parser.add_argument("--code", action="append", type=Path, default=[])
    parser.add_argument("--only", default="")
    options = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if not k.startswith("ARMGEN_")}
    trees = [tree.resolve() for tree in options.code] or [REPO]
    envs = [{**base, "PYTHONPATH": str(tree)} for tree in trees]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        cases: list[tuple[str, list[list[str]]]] = [
            ("generate 1 operation", [generate(VMSS, out, TEN[:1])]),
            ("generate 10 operations", [generate(VMSS, out, TEN)]),
            ("generate 56 operations (whole file)", [generate(VMSS, out)]),
            (
                "generate 89 operations (the folder's 3 files)",
                [generate(spec, out / spec.stem) for spec in FOLDER],
            ),
            (
                "diff (no --code), 2022-11-01 -> 2024-07-01",
                [armgen("diff", "--fail-on", "never", str(OLD_VMSS), str(VMSS))],
            ),
            (
                "diff --code, 2022-11-01 -> 2024-07-01",
                [
                    armgen(
                        "diff", "--fail-on", "never", "--code", str(OLD_VMSS), str(VMSS)
                    )
                ],
            ),
        ]
        print(f"cores: {len(os.sched_getaffinity(0))}, load: {os.getloadavg()[0]:.1f}")
        names = " | ".join(tree.name for tree in trees)
        print(
            f"| case | cold: {names} | cold CPU: {names} | warm: {names}"
            " | peak RSS (cold) |"
        )
        print("|---|" + "---|" * (3 * len(trees) + 1))
        for name, commands in cases:
            if options.only not in name:
                continue
            cold = measure(commands, envs, options.runs, cold=True)
            warm = measure(commands, envs, options.runs, cold=False)
            rss = statistics.median(s.maxrss_mib for s in cold[-1])
            print(
                f"| {name} | {_medians(cold)} | {_medians(cold, cpu=True)}"
                f" | {_medians(warm)} | {rss:.0f} MiB |"
            )
            if options.jobs_lever and name.startswith("generate"):
                one = measure(
                    commands,
                    [{**env, "ARMGEN_JOBS": "1"} for env in envs],
                    options.runs,
                    cold=True,
                )
                print(
                    f"| ... ARMGEN_JOBS=1 (one process formats) | {_medians(one)} | |"
                )
        print(f"load after: {os.getloadavg()[0]:.1f}")
        print(f"\nAutoRest, 56 operations: {AUTOREST_56}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
