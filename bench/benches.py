"""The benchmarks themselves: generation, import, call and diff, each beside its peers."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from call_server import BenchServer, throwaway_certificate
from measure import (
    CHILD_ENV,
    Contender,
    Row,
    compare_processes,
    median,
    process_rows,
    raw_samples,
    run_process,
)
from settings import (
    BENCH,
    BLACK_ALONE,
    CALL_TARGET_RATIO,
    DIFF_PAIR,
    DIFF_TARGET_S,
    GENERATE_TARGET_RATIO,
    GENERATE_TARGET_S,
    GENERATED_PACKAGE,
    IMPORT_TARGET_RATIO,
    OPENAPI3_SPEC,
    ROOT,
    TEN_OPERATIONS,
    UPSTREAM_SPEC,
)

# --------------------------------------------------------------------------------------------
# The benchmarks


@dataclass
class Bench:
    runs: int
    calls: int
    warmup_calls: int
    work: Path
    python: str = sys.executable
    client_python: str = sys.executable
    opc_python: Path | None = None
    sdk_available: bool = False
    notes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def out_dir(self, label: str, run: int) -> Path:
        return self.work / f"{label}-{run + 1}"

    # 1. generation -----------------------------------------------------------------------

    def generation(self) -> list[Contender]:
        warm_cache = self.work / "armgen-cache"

        def armgen(label: str, extra: Sequence[str], cold: bool) -> Contender:
            def command(run: int) -> tuple[list[str], dict[str, str], Path | None]:
                cache = (
                    self.work / f"cold-cache-{label}-{run + 1}" if cold else warm_cache
                )
                env = {**CHILD_ENV, "ARMGEN_CACHE_DIR": str(cache)}
                argv = [self.python, "-m", "generator", "generate", *extra]
                return [*argv, "--out", str(self.out_dir(label, run))], env, ROOT

            state = "cold: empty cache" if cold else "warm cache"
            what = (
                "spec/ Deallocate"
                if label.startswith("one")
                else "10 upstream operations"
            )
            return Contender(f"armgen generate: {what}, {state}", command)

        ten: list[str] = [
            "--spec",
            str(UPSTREAM_SPEC),
            "--package-name",
            "vmss_operations",
        ]
        for operation in TEN_OPERATIONS:
            ten += ["--operation", operation]
        contenders = [
            armgen("one-warm", [], cold=False),
            armgen("one-cold", [], cold=True),
            armgen("ten-warm", ten, cold=False),
            armgen("ten-cold", ten, cold=True),
        ]
        if self.opc_python is not None:
            bin_dir = self.opc_python.parent

            def opc(run: int) -> tuple[list[str], dict[str, str], Path | None]:
                # Its own bin/ first on PATH, so its ruff post-processing hooks run as for a user.
                env = {
                    **CHILD_ENV,
                    "PATH": f"{bin_dir}{os.pathsep}{CHILD_ENV['PATH']}",
                }
                argv = [
                    str(bin_dir / "openapi-python-client"),
                    "generate",
                    "--path",
                    str(OPENAPI3_SPEC),
                    "--output-path",
                    str(self.out_dir("opc", run)),
                    "--meta",
                    "none",
                    "--overwrite",
                ]
                return argv, env, self.work

            contenders.append(
                Contender("openapi-python-client generate: Deallocate", opc)
            )
        python_files = sorted(str(path) for path in GENERATED_PACKAGE.rglob("*.py"))

        def black_alone(run: int) -> tuple[list[str], dict[str, str], Path | None]:
            return [self.python, "-c", BLACK_ALONE, *python_files], CHILD_ENV, ROOT

        contenders.append(
            Contender(
                f"black alone: start Python, import black, format the {len(python_files)}"
                " generated .py files (the floor under a cold generate)",
                black_alone,
            )
        )
        compare_processes(contenders, self.runs)
        return contenders

    def generation_rows(self, contenders: Sequence[Contender]) -> None:
        opc = next(
            (c for c in contenders if c.name.startswith("openapi-") and c.samples), None
        )
        rows = process_rows("1. generate", contenders, reference=opc, label="opc")
        for row in rows[:2]:
            if row.samples:
                row.target = f"<= {GENERATE_TARGET_S:.1f} s and <= 0.33x opc"
                row.met = median(row.samples) <= GENERATE_TARGET_S and (
                    not row.ratios or median(row.ratios) <= GENERATE_TARGET_RATIO
                )
        for row in rows[
            2:
        ]:  # ten operations, or black alone: a ratio would mean little
            if not row.name.startswith("openapi-"):
                row.ratios, row.ratio_to = [], ""
        if not any(c.name.startswith("openapi-") for c in contenders):
            rows.append(
                Row(
                    "1. generate",
                    "openapi-python-client generate: Deallocate",
                    "s",
                    note=self.raw.get("opc_skipped", "skipped"),
                )
            )
        self.rows += rows
        self.raw["generate"] = raw_samples(contenders)

    # 2. import ---------------------------------------------------------------------------

    def imports(self) -> list[Contender]:
        env = {**CHILD_ENV, "PYTHONPATH": str(ROOT / "generated")}

        def importer(
            statement: str,
        ) -> Callable[[int], tuple[list[str], dict[str, str], None]]:
            code = (
                "import time; t = time.perf_counter()\n"
                f"{statement}\n"
                "print(time.perf_counter() - t)"
            )
            return lambda run: ([self.client_python, "-c", code], env, None)

        contenders = [
            Contender("interpreter start (python -c pass)", importer("pass")),
            Contender(
                "import azure.mgmt.core (floor)", importer("import azure.mgmt.core")
            ),
            Contender(
                "import vmss_deallocate (armgen)", importer("import vmss_deallocate")
            ),
        ]
        if self.sdk_available:
            contenders.append(
                Contender(
                    "from azure.mgmt.compute import ComputeManagementClient",
                    importer("from azure.mgmt.compute import ComputeManagementClient"),
                )
            )
        compare_processes(contenders, self.runs * 2)
        return contenders

    def import_rows(self, contenders: Sequence[Contender]) -> None:
        floor = contenders[1]
        wall = process_rows(
            "2. import (process wall)", contenders, reference=floor, label="floor"
        )
        statement = process_rows(
            "2. import (import statement only)",
            contenders[1:],
            metric=lambda s: float(s.stdout.strip() or "nan") * 1000,
            unit="ms",
            reference=floor,
            label="floor",
        )
        wall[0].ratios, wall[0].ratio_to = [], ""
        armgen = wall[2]
        if armgen.ratios:
            armgen.target = f"<= {IMPORT_TARGET_RATIO:.1f}x floor"
            armgen.met = median(armgen.ratios) <= IMPORT_TARGET_RATIO
        if not self.sdk_available:
            wall.append(
                Row(
                    "2. import (process wall)",
                    "from azure.mgmt.compute import ComputeManagementClient",
                    "s",
                    note=self.raw.get("sdk_skipped", "skipped"),
                )
            )
        self.rows += wall + statement
        self.raw["import"] = raw_samples(contenders)

    # 3. call -----------------------------------------------------------------------------

    def call(self) -> tuple[list[Row], list[Contender]]:
        tls = throwaway_certificate(self.work)
        if tls is None:
            self.notes.append(
                "No openssl: the call benchmark used plain http with azure-core's "
                "enforce_https=False (a bench-only switch)."
            )
        names = ["requests", "armgen"] + (["sdk"] if self.sdk_available else [])
        singles = (self.runs + 1) * len(names) * 2
        budget = (self.calls + self.warmup_calls) * len(names) * 2 + singles + 50
        rows: list[Row] = []
        with BenchServer(budget, deadline=900, tls=tls) as server:
            env = {**CHILD_ENV, "PYTHONPATH": str(ROOT / "generated")}
            argv = [
                self.client_python,
                str(BENCH / "_call_client.py"),
                "--base-url",
                server.base_url,
                "--verify",
                str(tls[0]) if tls else "",
            ]
            timed = run_process(
                [
                    *argv,
                    "--contenders",
                    ",".join(names),
                    "--calls",
                    str(self.calls),
                    "--warmup",
                    str(self.warmup_calls),
                ],
                env=env,
            )
            per_call_requests = {
                name: server.counts[f"rg-{name}"] / (self.calls + self.warmup_calls)
                for name in names
            }
            if timed.returncode != 0:
                tail = timed.stderr.strip().splitlines()[-1:]
                note = f"failed: exit {timed.returncode}: {' '.join(tail)[:160]}"
                rows.append(
                    Row("3. call (per call, wall)", "begin_deallocate", "ms", note=note)
                )
                samples: dict[str, list[float]] = {}
                result: dict[str, Any] = {}
            else:
                result = json.loads(timed.stdout)
                samples = result["samples"]
                for name, why in result["unavailable"].items():
                    self.notes.append(f"call benchmark: {name} {why}")
            labels = {
                "requests": "requests.Session, the same two exchanges",
                "armgen": "armgen client begin_deallocate(...).result()",
                "sdk": "azure-mgmt-compute begin_deallocate(...).result()",
            }
            cpu: dict[str, list[float]] = result.get("cpu", {}) if samples else {}
            for group, measured in (
                ("3. call (per call, wall)", samples),
                ("3. call (per call, client CPU)", cpu),
            ):
                reference = measured.get("requests")
                for name in names:
                    if name not in measured:
                        continue
                    row = Row(group, labels[name], "ms")
                    row.samples = [value * 1000 for value in measured[name]]
                    if reference and name != "requests":
                        row.ratio_to = "requests"
                        row.ratios = [
                            mine / theirs
                            for mine, theirs in zip(
                                measured[name], reference, strict=True
                            )
                            if theirs > 0
                        ]
                    if measured is samples:
                        row.note = f"{per_call_requests[name]:.0f} requests/call"
                        if name == "armgen" and row.ratios:
                            row.target = f"<= {CALL_TARGET_RATIO:.1f}x requests"
                            row.met = median(row.ratios) <= CALL_TARGET_RATIO
                    rows.append(row)
            self.raw["call"] = {
                "samples": samples,
                "cpu": cpu,
                "requests_per_call": per_call_requests,
            }

            def single(name: str) -> Contender:
                return Contender(
                    f"fresh process: import + 1 call, {name}",
                    lambda run: ([*argv, "--single", name], env, None),
                )

            singles_contenders = [single(name) for name in names]
            compare_processes(singles_contenders, self.runs)
        self.raw["call"]["tls"] = tls is not None
        return rows, singles_contenders

    # 4. diff -----------------------------------------------------------------------------

    def diff(self) -> list[Contender] | None:
        probe = run_process(
            [self.python, "-m", "generator", "diff", "--help"], env=CHILD_ENV, cwd=ROOT
        )
        if probe.returncode != 0:
            self.rows.append(
                Row(
                    "4. diff",
                    "armgen diff 2024-07-01 -> 2025-04-01",
                    "s",
                    note="not available",
                )
            )
            return None

        def differ(
            cold: bool,
        ) -> Callable[[int], tuple[list[str], dict[str, str], Path]]:
            def command(run: int) -> tuple[list[str], dict[str, str], Path]:
                cache = (
                    self.work / f"diff-cold-cache-{run + 1}"
                    if cold
                    else self.work / "diff-cache"
                )
                env = {**CHILD_ENV, "ARMGEN_CACHE_DIR": str(cache)}
                argv = [self.python, "-m", "generator", "diff", *map(str, DIFF_PAIR)]
                return argv, env, ROOT

            return command

        contenders = [
            Contender(
                "armgen diff 2024-07-01 -> 2025-04-01, warm cache",
                differ(cold=False),
                ok_codes=(0, 1),
            ),
            Contender(
                "armgen diff 2024-07-01 -> 2025-04-01, cold: empty cache",
                differ(cold=True),
                ok_codes=(0, 1),
            ),
        ]
        compare_processes(contenders, self.runs)
        rows = process_rows("4. diff", contenders)
        for row in rows:
            if row.samples:
                row.target = f"<= {DIFF_TARGET_S:.1f} s"
                row.met = median(row.samples) <= DIFF_TARGET_S
            elif row.note:
                row.note = f"not available ({row.note})"
        self.rows += rows
        self.raw["diff"] = raw_samples(contenders)
        return contenders
