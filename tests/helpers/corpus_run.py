"""Generating the corpus (tests/helpers/corpus.py) and checking every package at once.

Generation runs `generate` through generator.cli.main (so exit codes and error lines are the
CLI's own) in worker processes, one per core (black dominates the cost), biggest spec first;
each works from an empty folder, so no project file applies, with the result cache off. A
traceback is caught and recorded; a worker that dies takes only its current file with it.

The checks run once over all packages, to stay fast: one `ruff check --select F` run (a package
with a syntax error is kept out of the rest), then side by side one `mypy --strict` run (each
package's folder on MYPYPATH, its cache in the run's folder, a worker per core) and one fresh
interpreter that imports every module of every package. Both check for Python 3.10, the oldest
a generated package declares. CANARIES, packages with one known fault each, go through
the same checks, so a check that silently checks nothing shows as a failure.
"""

from __future__ import annotations

import io
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.helpers import REPO_ROOT
from tests.helpers.corpus import CorpusFile

ERROR_LINE = re.compile(r"error: (?P<file>[^#]+)#(?P<pointer>[^:]*): (?P<reason>\S.*)")
NOT_SUPPORTED = "not supported"
NO_PROJECT_FILE = "(project file: none, built-in safety hints only)"
_PYTHON = "3.10"
"""The oldest Python a generated package supports (its pyproject's requires-python)."""
_CORES = os.cpu_count() or 1
_RUFF_SYNTAX = "invalid-syntax"
JOB_TIMEOUT = 300.0
"""Seconds a worker may spend on one file before it is killed (the biggest takes ~8 s): a
bound so that a generator that hangs fails its file instead of hanging the suite."""


@dataclass(frozen=True)
class Generation:
    """What `generate` did with one file: exit code, output, and a traceback if it crashed."""

    exit: int
    stdout: str
    stderr: str
    traceback: str
    seconds: float


def generate_one(spec: str, out: str, package: str) -> Generation:
    """`python -m generator generate` on one spec, in this process (a worker)."""
    from generator.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    crash = ""
    argv = ["generate", "--spec", spec, "--out", out, "--package-name", package]
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse
            code = exit_.code if isinstance(exit_.code, int) else 2
        except Exception:
            code, crash = 1, traceback.format_exc()
    return Generation(
        code, stdout.getvalue(), stderr.getvalue(), crash, time.perf_counter() - start
    )


def generate_corpus(
    files: Sequence[CorpusFile], out: Path, workers: int | None = None
) -> dict[str, Generation]:
    """Generate every file into `out/<package>`; results by corpus name.

    Each worker is a fresh `python -m tests.helpers.corpus_run` that takes one job at a
    time, biggest spec first, so the slow upstream files start at once and the rest fill in.
    """
    workdir = out / "_no_project_here"
    workdir.mkdir(parents=True, exist_ok=True)
    jobs: queue.SimpleQueue[CorpusFile] = queue.SimpleQueue()
    for file in sorted(files, key=lambda file: file.path.stat().st_size, reverse=True):
        jobs.put(file)
    results: dict[str, Generation] = {}
    count = min(workers or os.cpu_count() or 1, len(files))
    threads = [
        threading.Thread(
            target=_drive_worker, args=(jobs, out, out / f"_worker-{n}.log", results)
        )
        for n in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lost = Generation(1, "", "", "not generated: every worker process died", 0.0)
    return {file.name: results.get(file.name, lost) for file in files}


def _drive_worker(
    jobs: queue.SimpleQueue[CorpusFile],
    out: Path,
    log: Path,
    results: dict[str, Generation],
) -> None:
    with (
        log.open("w", encoding="utf-8") as errors,
        subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.corpus_run"],
            cwd=out / "_no_project_here",
            env={
                **{k: v for k, v in os.environ.items() if k != "ARMGEN_CACHE_DIR"},
                "ARMGEN_NO_CACHE": "1",
                "ARMGEN_JOBS": "1",  # a worker per core already
                "PYTHONPATH": os.pathsep.join(
                    entry
                    for entry in (str(REPO_ROOT), os.environ.get("PYTHONPATH", ""))
                    if entry
                ),
            },
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        ) as worker,
    ):
        assert worker.stdin is not None and worker.stdout is not None
        while True:
            try:
                file = jobs.get(block=False)
            except queue.Empty:
                return
            job = [str(file.path.resolve()), str(out / file.package), file.package]
            worker.stdin.write(json.dumps(job) + "\n")
            worker.stdin.flush()
            watchdog = threading.Timer(JOB_TIMEOUT, worker.kill)
            watchdog.start()
            answer = worker.stdout.readline()
            watchdog.cancel()
            if (
                not answer
            ):  # the worker died: say so for this file, and stop this worker
                why = (
                    f"the worker process ended with exit code {worker.wait()}"
                    f" (killed if it took over {JOB_TIMEOUT:g} s); its stderr: {log}"
                )
                results[file.name] = Generation(1, "", "", why, 0.0)
                return
            results[file.name] = Generation(**json.loads(answer))


def _serve() -> None:
    """A worker: one JSON job `[spec, out, package]` per stdin line, one Generation per
    stdout line. Anything else the generator might print goes to stderr."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    for line in sys.stdin:
        spec, package_out, package = json.loads(line)
        answers.write(
            json.dumps(asdict(generate_one(spec, package_out, package))) + "\n"
        )
        answers.flush()


@dataclass(frozen=True)
class Message:
    """One finding of a check: `tool` (ruff, mypy, import, syntax, black), its code, where and
    what."""

    tool: str
    code: str
    text: str

    @property
    def kind(self) -> str:
        return f"{self.tool}:{self.code}" if self.code else self.tool


def check_packages(out: Path, packages: Sequence[str]) -> dict[str, list[Message]]:
    """Every check's findings for the packages `out/<package>/<package>`, by package.

    ruff goes first: a package with a syntax error stays out of mypy (which would stop at it,
    checking nothing), the import and black. mypy, the import and `black --check` (in the
    generator's own mode: format.py skips black for pieces it can vouch for, and this is where
    a wrong vouch would show) then run side by side."""
    found: dict[str, list[Message]] = {package: [] for package in packages}
    for package, message in _ruff(out, packages):
        found[package].append(message)
    parsed = [p for p in packages if all(m.tool != "syntax" for m in found[p])]
    with ThreadPoolExecutor(3) as pool:
        runs = [
            pool.submit(_mypy, out, parsed),
            pool.submit(_imports, out, parsed),
            pool.submit(_black, out, parsed),
        ]
        for run in runs:
            for package, message in run.result():
                found[package].append(message)
    return found


def _package_of(out: Path, filename: str) -> str:
    path = Path(filename)
    return (path.relative_to(out) if path.is_absolute() else path).parts[0]


def _run(
    command: Sequence[str], cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _ruff(out: Path, packages: Sequence[str]) -> list[tuple[str, Message]]:
    if not packages:
        return []
    result = _run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "F",
            f"--target-version=py{_PYTHON.replace('.', '')}",
            "--output-format",
            "json",
            *(f"{package}/{package}" for package in packages),
        ],
        out,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"ruff did not run: {result.stderr}")
    messages = []
    for item in json.loads(result.stdout):
        where = f"{Path(item['filename']).relative_to(out)}:{item['location']['row']}"
        code = item["code"] or _RUFF_SYNTAX
        message = (
            Message("syntax", "", f"{where}: {item['message']}")
            if code == _RUFF_SYNTAX
            else Message("ruff", code, f"{where}: {item['message']}")
        )
        messages.append((_package_of(out, item["filename"]), message))
    return messages


def _mypy(out: Path, packages: Sequence[str]) -> list[tuple[str, Message]]:
    if not packages:
        return []
    result = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file=",
            f"--cache-dir={out / '_mypy_cache'}",
            "--output=json",
            f"--python-version={_PYTHON}",
            *(["--num-workers", str(_CORES)] if _CORES > 1 else []),
            *(argument for package in packages for argument in ("-p", package)),
        ],
        out,
        MYPYPATH=os.pathsep.join(str(out / package) for package in packages),
    )
    if result.returncode not in (0, 1):  # 2: a blocking error, nothing was checked
        raise RuntimeError(f"mypy did not run: {result.stdout}{result.stderr}")
    messages = []
    for line in result.stdout.splitlines():
        item = json.loads(line)
        if item["severity"] == "error":
            text = f"{item['file']}:{item['line']}: {item['message']}"
            messages.append(
                (
                    _package_of(out, item["file"]),
                    Message("mypy", item["code"] or "", text),
                )
            )
    return messages


_IMPORT_EVERY_MODULE = """
import importlib, json, pkgutil, sys
failures = {}
for folder, package in zip(sys.argv[1::2], sys.argv[2::2]):
    sys.path.insert(0, folder)
    try:
        top = importlib.import_module(package)
        for module in pkgutil.walk_packages(top.__path__, package + "."):
            importlib.import_module(module.name)
    except BaseException as error:
        failures[package] = f"{type(error).__name__}: {error}"
print(json.dumps(failures))
"""


def _black(out: Path, packages: Sequence[str]) -> list[tuple[str, Message]]:
    """`black --check` in format.py's mode (no configuration file is read)."""
    if not packages:
        return []
    result = _run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "--no-color",
            f"--target-version=py{_PYTHON.replace('.', '')}",
            "--line-length=88",
            "--workers=1",
            *(f"{package}/{package}" for package in packages),
        ],
        out,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(f"black did not run: {result.stderr[-2000:]}")
    messages = []
    for line in result.stderr.splitlines():
        if line.startswith("would reformat "):
            path = Path(line.removeprefix("would reformat "))
            where = path.relative_to(out) if path.is_absolute() else path
            messages.append(
                (where.parts[0], Message("black", "", f"{where}: would reformat"))
            )
    return messages


def _imports(out: Path, packages: Sequence[str]) -> list[tuple[str, Message]]:
    """Import every module of every package in one fresh interpreter, warnings as errors."""
    if not packages:
        return []
    arguments = [item for package in packages for item in (str(out / package), package)]
    result = _run(
        [sys.executable, "-I", "-W", "error", "-c", _IMPORT_EVERY_MODULE, *arguments],
        out,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the import check did not run: {result.stderr}")
    failures: dict[str, str] = json.loads(result.stdout)
    return [(package, Message("import", "", why)) for package, why in failures.items()]


CANARIES: Mapping[str, tuple[dict[str, str], frozenset[str]]] = {
    "canary_ruff": ({"__init__.py": "import os\n"}, frozenset({"ruff:F401"})),
    "canary_mypy": (
        {"__init__.py": "def half(value: int) -> str:\n    return value // 2\n"},
        frozenset({"mypy:return-value"}),
    ),
    "canary_import": (
        {"__init__.py": "", "sub.py": 'raise ImportError("canary")\n'},
        frozenset({"import"}),
    ),
    "canary_syntax": ({"__init__.py": "def (:\n"}, frozenset({"syntax"})),
    "canary_black": ({"__init__.py": "value=1\n"}, frozenset({"black"})),
}
"""Packages with one known fault each, and the kinds the checks must find in them."""


def write_canaries(out: Path) -> None:
    for package, (files, _) in CANARIES.items():
        for name, text in files.items():
            path = out / package / package / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Verdict:
    """One corpus file against the invariant."""

    file: CorpusFile
    generation: Generation
    messages: tuple[Message, ...] = field(default=())

    @property
    def generated(self) -> bool:
        return self.generation.exit == 0 and not self.generation.traceback

    @property
    def refusal(self) -> str | None:
        """The reason of a clear refusal (exit 2, one line naming a file, a pointer and a
        construct that is not supported), else None."""
        generation = self.generation
        lines = generation.stderr.splitlines()
        if (
            generation.exit != 2
            or generation.traceback
            or generation.stdout
            or len(lines) != 1
        ):
            return None
        line = ERROR_LINE.fullmatch(lines[0])
        if line is None or NOT_SUPPORTED not in line["reason"]:
            return None
        return line["reason"] if Path(line["file"]).is_file() else None

    @property
    def kinds(self) -> frozenset[str]:
        """How the file fails the invariant; empty when it holds."""
        if self.generation.traceback:
            return frozenset({"crash"})
        if self.generated:
            return frozenset(message.kind for message in self.messages)
        if self.refusal is not None:
            return frozenset()
        if self.generation.exit == 2:
            return frozenset({"unclear refusal"})
        return frozenset({f"exit:{self.generation.exit}"})

    def problems(self, limit: int = 5) -> str:
        """The first few findings, for a failing test's message."""
        if self.generation.traceback:
            return self.generation.traceback[-2000:]
        if not self.generated:
            return (
                f"exit {self.generation.exit}: {self.generation.stderr.strip()[:2000]}"
            )
        shown = [f"{m.kind}: {m.text}" for m in self.messages[:limit]]
        more = len(self.messages) - limit
        return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))


@dataclass(frozen=True)
class CorpusRun:
    verdicts: dict[str, Verdict]
    canaries: dict[str, frozenset[str]]
    seconds: dict[str, float]


def run_corpus(
    files: Sequence[CorpusFile], out: Path, workers: int | None = None
) -> CorpusRun:
    """Generate every file into `out`, check every package, and judge each file."""
    start = time.perf_counter()
    generations = generate_corpus(files, out, workers)
    generated = time.perf_counter()
    write_canaries(out)
    packages = [
        file.package for file in files if generations[file.name].exit == 0
    ] + list(CANARIES)
    found = check_packages(out, packages)
    checked = time.perf_counter()
    verdicts = {
        file.name: Verdict(
            file, generations[file.name], tuple(found.get(file.package, ()))
        )
        for file in files
    }
    canaries = {
        package: frozenset(message.kind for message in found[package])
        for package in CANARIES
    }
    seconds = {"generate": generated - start, "check": checked - generated}
    return CorpusRun(verdicts, canaries, seconds)


if __name__ == "__main__":
    _serve()
