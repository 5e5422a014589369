"""The crash tests' child process: the armgen CLI, killed at the N-th filesystem mutation.

    python tests/helpers/crash.py LIMIT FOLDER -- generate --out ...

Counted under FOLDER: opening a file for writing, each write to it, os.replace and os.rename,
os.unlink and os.remove, os.mkdir and os.rmdir. The process dies with os._exit(KILLED) before
mutation LIMIT + 1 (LIMIT 0: before the first), as a `kill -9` would leave it; otherwise it
runs to the end (always, for a negative LIMIT) and prints `mutations: COUNT` on stderr.
The wrapping lives here, in the test process only: the product has no hook for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

KILLED = 86
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def run(limit: int, folder: str, argv: list[str]) -> int:
    watched = os.path.realpath(folder)
    count = 0
    writing: set[int] = set()

    def under(path: Any) -> bool:
        if isinstance(path, int):
            return False
        absolute = os.path.abspath(os.fsdecode(path))
        parent = os.path.realpath(os.path.dirname(absolute))
        return parent == watched or parent.startswith(watched + os.sep)

    def mutation() -> None:
        nonlocal count
        if count == limit:
            os._exit(KILLED)
        count += 1

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*paths: Any, **kwargs: Any) -> Any:
            if any(under(path) for path in paths[:2]):
                mutation()
            return original(*paths, **kwargs)

        return wrapper

    real_open, real_write, real_close = os.open, os.write, os.close

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        counted = bool(flags & _WRITING) and under(path)
        if counted:
            mutation()
        descriptor = real_open(path, flags, *args, **kwargs)
        if counted:
            writing.add(descriptor)
        return descriptor

    def write(descriptor: int, data: Any) -> int:
        if descriptor in writing:
            mutation()
        return real_write(descriptor, data)

    def close(descriptor: int) -> None:
        writing.discard(descriptor)
        real_close(descriptor)

    from generator.cli import (
        main,
    )  # imported first: the patches below are for the run only

    os.open, os.write, os.close = open_, write, close  # type: ignore[assignment]
    for name in ("replace", "rename", "unlink", "remove", "mkdir", "rmdir"):
        setattr(os, name, counting(getattr(os, name)))
    code = main(argv)
    print(f"mutations: {count}", file=sys.stderr)
    return code


if __name__ == "__main__":
    limit, folder, separator, *rest = sys.argv[1:]
    assert separator == "--", sys.argv
    sys.exit(run(int(limit), folder, rest))
