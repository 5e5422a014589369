"""Where the generator keeps results it can recompute: validated specs, formatted files,
compiled templates. Keys are content hashes, so a stale entry is never found, only unused.

`ARMGEN_NO_CACHE=1` turns it off (`check` in CI then pays the cold cost); `ARMGEN_CACHE_DIR`
moves it. Writing is best effort: a cache that cannot be written never fails a generation.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
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


__all__ = ["CACHE_DIR_ENV", "NO_CACHE_ENV", "cache_dir", "read", "write"]
