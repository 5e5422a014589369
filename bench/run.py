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
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benches import Bench
from measure import Row, markdown_table, memory_rows, process_rows, raw_samples
from peers import ensure_venv, versions
from settings import OPC_PINS, OUT, SAME_AS_HERE, SDK_PINS


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
            memory += memory_rows("5. peak RSS: generate", generated, opc, "opc")
        if "import" in groups:
            imported = bench.imports()
            bench.import_rows(imported)
            memory += memory_rows(
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
            bench.raw["call_fresh_process"] = raw_samples(singles)
            memory += memory_rows(
                "5. peak RSS: import + 1 call", singles, requests_single, "requests"
            )
        if "diff" in groups:
            diffed = bench.diff()
            if diffed:
                memory += memory_rows("5. peak RSS: diff", diffed, None)
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
