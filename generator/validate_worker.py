"""The process `validating_alongside` (generator/validate.py) runs openapi-spec-validator in.

A fresh interpreter started with `python -c`, not multiprocessing: nothing of the calling
program (its `__main__`, which multiprocessing's spawn imports again) is imported or run
there, so a script calling the generator needs no `if __name__ == "__main__"` guard. A
worker that cannot start, or dies, only means validating in the calling process instead.

The documents go to it pickled on stdin (pickle keeps which values are one object, which
locating an error relies on); the verdict comes back as JSON on stdout.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import pickle
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

_PACKAGE_PARENT = Path(__file__).resolve().parent.parent
"""Where this `generator` package lies: the worker imports this very one, not whatever a
`generator` folder in the working directory holds."""


class WorkerFailed(Exception):
    """The worker gave no verdict (it could not import the validator, or died)."""


class ValidatorProcess:
    """One worker validating one spec; `verdict` waits for its answer, `stop` ends it."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    @classmethod
    def start(
        cls, root_file: Path, documents: Mapping[Path, Any]
    ) -> ValidatorProcess | None:
        """The worker, started on the documents (one `start_early` started, if any is
        left); None when none can be started here."""
        try:
            payload = pickle.dumps(
                (root_file, dict(documents)), pickle.HIGHEST_PROTOCOL
            )
        except Exception:  # unpicklable documents: validate here
            return None
        process = _EARLY.pop(0) if _EARLY else _spawn()
        if process is None or process.stdin is None:
            return None
        threading.Thread(
            target=_send, args=(process.stdin, payload), daemon=True
        ).start()
        return cls(process)

    def verdict(self) -> tuple[Path, str, str] | None:
        """(file, pointer, reason) of the spec's SpecError, or None when it is valid."""
        assert self._process.stdout is not None
        output = self._process.stdout.read()
        if self._process.wait() != 0:
            raise WorkerFailed
        try:
            answer = json.loads(output)
        except ValueError:
            raise WorkerFailed from None
        if answer is None:
            return None
        file, pointer, reason = answer
        return Path(file), pointer, reason

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


_EARLY: list[subprocess.Popen[bytes]] = []
"""Workers `start_early` started that no spec has been given to yet."""


def start_early(count: int) -> None:
    """Start `count` workers now, before the caller has loaded a spec: they import the
    validator (most of their cost) while it imports the generator and loads. A worker no
    spec is given to is ended when the program exits (or when `discard_early` says)."""
    if not _EARLY:
        atexit.register(discard_early)
    for _ in range(count):
        process = _spawn()
        if process is None:
            return
        _EARLY.append(process)


def discard_early() -> None:
    """End the early workers that were not needed (a cached verdict, say)."""
    while _EARLY:
        process = _EARLY.pop()
        with contextlib.suppress(OSError):
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _spawn() -> subprocess.Popen[bytes] | None:
    if not sys.executable:
        return None
    code = (
        f"import sys; sys.path[0] = {str(_PACKAGE_PARENT)!r}; "
        "from generator.validate_worker import main; main()"
    )
    try:
        return subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:  # no interpreter to start: validate here
        return None


def _send(stream: IO[bytes], payload: bytes) -> None:
    """Written from a thread: the worker reads it whole before importing the validator, and
    the caller goes on meanwhile."""
    with contextlib.suppress(OSError):  # the worker died: its verdict says so
        stream.write(payload)
        stream.close()


def main() -> None:
    """The worker's side: the validator imported, then documents in, verdict out."""
    from generator.validate import load_validator, validator_verdict

    load_validator()
    try:
        root_file, documents = pickle.load(sys.stdin.buffer)
    except EOFError:  # an early worker no spec was given to
        return
    verdict = validator_verdict(root_file, documents)
    answer = None if verdict is None else [str(verdict[0]), verdict[1], verdict[2]]
    json.dump(answer, sys.stdout)


__all__ = ["ValidatorProcess", "WorkerFailed", "discard_early", "start_early"]
