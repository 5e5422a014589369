"""Benchmarks: armgen's generation, import and call cost beside the tools users would pick.

    .venv/bin/python bench/run.py            (or: nox -s bench)

One run measures, on this machine, side by side, and prints a Markdown table of medians, min/max
and ratios (ratios are computed run by run, or call by call, then summarised):

1. generation: process wall time of `python -m generator generate` for spec/ (Deallocate) and
   for ten operations of the upstream virtualMachineScaleSet.json, against openapi-python-client
   generating the same operation from bench/deallocate-openapi3.yaml;
2. import: fresh-process wall time of importing the generated client, against
   `import azure.mgmt.core` (the floor for any azure-core client) and azure-mgmt-compute;
3. call: `begin_deallocate(...).result()` against a local TLS server (202 + Location, then 200),
   against the same two exchanges made with a keep-alive requests.Session and against
   azure-mgmt-compute's begin_deallocate;
4. diff: wall time of `python -m generator diff` between two upstream api-versions;
5. memory: peak RSS of each process above (os.wait4's rusage of that child).

Peers are installed with pinned versions into bench/.venvs/ (git-ignored); a peer that cannot be
installed is skipped with a note. Output: stdout, bench/out/latest.md and bench/out/latest.json.
POSIX only (os.wait4). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from generator.config import load_config

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENVS = BENCH / ".venvs"
OUT = BENCH / "out"
UPSTREAM = (
    ROOT.parent
    / "shared/azure-specs/specification/compute/resource-manager/Microsoft.Compute"
    / "ComputeRP/stable"
)
UPSTREAM_SPEC = UPSTREAM / "2024-07-01/virtualMachineScaleSet.json"
DIFF_PAIR = (
    UPSTREAM / "2024-07-01/virtualMachineScaleSet.json",
    UPSTREAM / "2025-04-01/virtualMachineScaleSet.json",
)
TEN_OPERATIONS: tuple[str, ...] = (
    load_config(ROOT / "spec" / "codegen-upstream-ten.yaml").operations or ()
)
OPENAPI3_SPEC = BENCH / "deallocate-openapi3.yaml"
GENERATED_PACKAGE = ROOT / "generated" / "vmss_deallocate"
BLACK_ALONE = (
    "import sys, black\n"
    "from generator.format import black_mode\n"
    "mode = black_mode()\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as source:\n"
    "        black.format_str(source.read(), mode=mode)\n"
)
"""What a cold generate cannot do without: black imported, and every Python file formatted."""

# Peers, pinned. azure-core, azure-mgmt-core and requests are pinned at bench time to the
# versions of the interpreter running the bench, so the generated client is measured on the
# same azure-core as the official SDK.
OPC_PINS = ("openapi-python-client==0.29.1",)
SDK_PINS = ("azure-mgmt-compute==39.0.0",)
SAME_AS_HERE = ("azure-core", "azure-mgmt-core", "requests")

# Children run as on a normal install: with bytecode caches (some CI images and sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every process recompile the modules not compiled by pip).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Targets from the issue.
GENERATE_TARGET_S = 0.3
GENERATE_TARGET_RATIO = 1 / 3
IMPORT_TARGET_RATIO = 1.1
CALL_TARGET_RATIO = 1.2
DIFF_TARGET_S = 1.0


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


def _median(values: Sequence[float]) -> float:
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
    return f"{_median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


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
            f"| {row.group} | {name} | {_fmt(_median(row.samples), row.unit)} "
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


# --------------------------------------------------------------------------------------------
# Peers in their own virtual environments


def ensure_venv(name: str, pins: Sequence[str]) -> tuple[Path | None, str]:
    """bench/.venvs/<name> with exactly `pins` installed; (python, "") or (None, why not)."""
    venv = VENVS / name
    python = venv / "bin" / "python"
    stamp = venv / "bench-pins.txt"
    wanted = "\n".join(pins) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python, ""
    print(
        f"installing {' '.join(pins)} into {venv.relative_to(ROOT)} ...",
        file=sys.stderr,
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                *pins,
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = ""
        if isinstance(exc, subprocess.CalledProcessError):
            lines = [
                line
                for line in (exc.stderr or b"").decode(errors="replace").splitlines()
                if line.strip() and "is ignored" not in line
            ]
            detail = lines[-1] if lines else ""
        return None, f"cannot install {' '.join(pins)}: {detail or exc}"[:200]
    stamp.write_text(wanted)
    return python, ""


def versions(python: Path | str, names: Sequence[str]) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return None\n"
        "print(json.dumps({'python': sys.version.split()[0], "
        f"**{{n: v(n) for n in {list(names)!r}}}}}))"
    )
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode:
        return {}
    found: dict[str, str] = json.loads(result.stdout)
    return {key: value for key, value in found.items() if value}


# --------------------------------------------------------------------------------------------
# The local server for the call benchmark


class BenchServer(ThreadingHTTPServer):
    """Answers POST .../deallocate with 202 + Location + Retry-After: 0 and GET of that Location
    with 200. Serves at most `budget` requests and shuts itself down after `deadline` seconds.
    """

    daemon_threads = True

    def __init__(
        self, budget: int, deadline: float, tls: tuple[Path, Path] | None
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.counts: Counter[str] = Counter()
        self.remaining = budget
        self.lock = threading.Lock()
        scheme = "https" if tls else "http"
        self.base_url = f"{scheme}://127.0.0.1:{self.server_address[1]}"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.watchdog = threading.Timer(deadline, self.shutdown)
        self.watchdog.daemon = True
        self.thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> BenchServer:
        self.watchdog.start()
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.watchdog.cancel()
        self.shutdown()
        self.server_close()

    def take(self, tag: str) -> bool:
        with self.lock:
            if self.remaining <= 0:
                return False
            self.remaining -= 1
            self.counts[tag] += 1
            return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: BenchServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, headers: Sequence[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        parts = self.path.split("?")[0].split("/")
        tag = parts[4] if len(parts) > 4 and parts[3] == "resourceGroups" else "other"
        if not self.server.take(tag) or parts[-1] != "deallocate":
            self.close_connection = True
            self._answer(503 if self.server.remaining <= 0 else 404)
            return
        location = f"{self.server.base_url}/bench-operations/{tag}"
        self._answer(202, [("Location", location), ("Retry-After", "0")])

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].split("/")
        tag = parts[2] if len(parts) > 2 and parts[1] == "bench-operations" else "other"
        if not self.server.take(tag) or tag == "other":
            self.close_connection = True
            self._answer(503 if self.server.remaining <= 0 else 404)
            return
        self._answer(200)


def throwaway_certificate(directory: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1, made now with the openssl CLI; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "cert.pem", directory / "key.pem"
    result = subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        capture_output=True,
        check=False,
    )
    return (cert, key) if result.returncode == 0 else None


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
                row.met = _median(row.samples) <= GENERATE_TARGET_S and (
                    not row.ratios or _median(row.ratios) <= GENERATE_TARGET_RATIO
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
        self.raw["generate"] = _raw(contenders)

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
            armgen.met = _median(armgen.ratios) <= IMPORT_TARGET_RATIO
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
        self.raw["import"] = _raw(contenders)

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
                            row.met = _median(row.ratios) <= CALL_TARGET_RATIO
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
                row.met = _median(row.samples) <= DIFF_TARGET_S
            elif row.note:
                row.note = f"not available ({row.note})"
        self.rows += rows
        self.raw["diff"] = _raw(contenders)
        return contenders


def _raw(contenders: Sequence[Contender]) -> dict[str, Any]:
    return {
        c.name: {
            "wall_s": [s.wall for s in c.samples],
            "maxrss_mib": [s.maxrss_mib for s in c.samples],
            "cpu_s": [s.cpu for s in c.samples],
            "failure": c.failure,
        }
        for c in contenders
    }


def _memory_rows(
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


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {model}".rstrip(
        ", "
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=10, help="timed runs per process (10)"
    )
    parser.add_argument(
        "--calls", type=int, default=300, help="timed calls per client (300)"
    )
    parser.add_argument(
        "--warmup-calls", type=int, default=30, help="untimed calls first (30)"
    )
    parser.add_argument(
        "--only",
        default="generate,import,call,diff",
        help="comma-separated subset of generate,import,call,diff (memory comes with each)",
    )
    parser.add_argument("--no-peers", action="store_true", help="do not install peers")
    parser.add_argument(
        "--out", type=Path, default=OUT, help="where latest.md/.json go"
    )
    args = parser.parse_args(argv)
    groups = set(args.only.split(","))

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="armgen-bench-") as work_dir:
        bench = Bench(args.runs, args.calls, args.warmup_calls, Path(work_dir))
        here = versions(
            sys.executable, [*SAME_AS_HERE, "black", "jinja2", "openapi-spec-validator"]
        )
        if args.no_peers:
            bench.raw["opc_skipped"] = bench.raw["sdk_skipped"] = "skipped: --no-peers"
        if not args.no_peers and "generate" in groups:
            bench.opc_python, why = ensure_venv("opc", OPC_PINS)
            if why:
                bench.raw["opc_skipped"] = f"skipped: {why}"
                bench.notes.append(f"openapi-python-client skipped: {why}")
        if not args.no_peers and groups & {"import", "call"}:
            pins = (
                *SDK_PINS,
                *(f"{name}=={here[name]}" for name in SAME_AS_HERE if name in here),
            )
            sdk_python, why = ensure_venv("azure-sdk", pins)
            if sdk_python is not None:
                bench.client_python, bench.sdk_available = str(sdk_python), True
            else:
                bench.raw["sdk_skipped"] = f"skipped: {why}"
                bench.notes.append(f"azure-mgmt-compute skipped: {why}")
        peer_versions = {
            "armgen interpreter": here,
            "client interpreter": versions(
                bench.client_python, [*SAME_AS_HERE, "azure-mgmt-compute"]
            ),
        }
        if bench.opc_python is not None:
            peer_versions["openapi-python-client venv"] = versions(
                bench.opc_python, ["openapi-python-client", "ruff"]
            )
        memory: list[Row] = []
        if "generate" in groups:
            generated = bench.generation()
            bench.generation_rows(generated)
            opc = (
                generated[4]
                if len(generated) > 4 and not generated[4].failure
                else None
            )
            memory += _memory_rows("5. peak RSS: generate", generated, opc, "opc")
        if "import" in groups:
            imported = bench.imports()
            bench.import_rows(imported)
            memory += _memory_rows(
                "5. peak RSS: import only", imported[1:], imported[1], "floor"
            )
        if "call" in groups:
            call_rows, singles = bench.call()
            bench.rows += call_rows
            requests_single = singles[0] if singles and not singles[0].failure else None
            bench.rows += process_rows(
                "3. call (fresh process)",
                singles,
                reference=requests_single,
                label="requests",
            )
            bench.raw["call_fresh_process"] = _raw(singles)
            memory += _memory_rows(
                "5. peak RSS: import + 1 call", singles, requests_single, "requests"
            )
        if "diff" in groups:
            diffed = bench.diff()
            if diffed:
                memory += _memory_rows("5. peak RSS: diff", diffed, None)
        bench.rows += memory

    header = [
        f"armgen bench, {time.strftime('%Y-%m-%d')}: {machine()}; "
        f"{args.runs} runs per process after 1 warm-up, rotating order; "
        f"{args.calls} calls per client after {args.warmup_calls} warm-up calls, interleaved.",
        "Versions: "
        + "; ".join(
            f"{where}: " + ", ".join(f"{k} {v}" for k, v in found.items())
            for where, found in peer_versions.items()
            if found
        )
        + ".",
        "Load average (1 min) before and after the run: "
        f"{load_before[0]:.2f}, {os.getloadavg()[0]:.2f}; "
        "other work on the machine widens min/max and moves medians, ratios less so.",
        *bench.notes,
    ]
    table = markdown_table(bench.rows)
    text = "\n\n".join(header) + "\n\n" + table
    sys.stdout.write(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(text)
    (args.out / "latest.json").write_text(
        json.dumps(
            {
                "machine": machine(),
                "load_average": [load_before[0], os.getloadavg()[0]],
                "versions": peer_versions,
                "notes": bench.notes,
                "rows": [row.__dict__ for row in bench.rows],
                "raw": bench.raw,
            },
            indent=1,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
