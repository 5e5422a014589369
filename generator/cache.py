"""Where the generator keeps results it can recompute: validated specs, formatted files,
compiled templates. Keys are content hashes, so a stale entry is never found, only unused.

`ARMGEN_NO_CACHE=1` turns it off (`check` in CI then pays the cold cost); `ARMGEN_CACHE_DIR`
moves it. Writing is best effort: a cache that cannot be written never fails a generation.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path

CACHE_DIR_ENV = "ARMGEN_CACHE_DIR"
NO_CACHE_ENV = "ARMGEN_NO_CACHE"


def cache_dir() -> Path | None:
    """The cache's folder, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    if configured := os.environ.get(CACHE_DIR_ENV):
        return Path(configured)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    return base / "armgen"


def read(namespace: str, key: str) -> bytes | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        return (directory / namespace / key).read_bytes()
    except OSError:
        return None


def write(namespace: str, key: str, data: bytes) -> None:
    """Store atomically: readers see a whole entry or none."""
    directory = cache_dir()
    if directory is None:
        return
    folder = directory / namespace
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, folder / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


@functools.cache
def package_fingerprint(*packages: str) -> str | None:
    """Which versions of `packages` are installed (path, size and mtime of each one's
    `__init__`, so any reinstall is a new key), found without importing them: importing them,
    or importlib.metadata, costs more than the work a cache hit saves. None when one is missing.
    """
    identity = []
    for package in packages:
        try:
            found = find_spec(package)
            if found is None or found.origin is None:
                return None
            status = os.stat(found.origin)
        except (ImportError, ValueError, OSError):
            return None
        identity.append(f"{found.origin}:{status.st_size}:{status.st_mtime_ns}")
    return " ".join(identity)


__all__ = [
    "CACHE_DIR_ENV",
    "NO_CACHE_ENV",
    "cache_dir",
    "package_fingerprint",
    "read",
    "write",
]
