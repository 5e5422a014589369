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
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

CACHE_DIR_ENV = "ARMGEN_CACHE_DIR"
NO_CACHE_ENV = "ARMGEN_NO_CACHE"


@dataclass(frozen=True)
class CacheSettings:
    """Where cached results live, or None when the cache is off. Made once, from the
    environment, by `from_environment` (the one place ARMGEN_* cache variables are read), and
    passed to the stages that use the cache, so a run sees one setting throughout."""

    directory: Path | None

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, platform: str | None = None
    ) -> CacheSettings:
        environ = os.environ if environ is None else environ
        if environ.get(NO_CACHE_ENV, "") not in ("", "0"):
            return cls(None)
        if configured := environ.get(CACHE_DIR_ENV):
            return cls(Path(configured))
        home = Path.home()
        platform = sys.platform if platform is None else platform
        if platform == "win32":
            base = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        elif platform == "darwin":
            base = home / "Library" / "Caches"
        else:
            base = Path(environ.get("XDG_CACHE_HOME") or home / ".cache")
        return cls(base / "armgen")


def cache_dir() -> Path | None:
    """The cache's folder as the environment sets it now, or None when it is off."""
    return CacheSettings.from_environment().directory


def read(
    namespace: str, key: str, settings: CacheSettings | None = None
) -> bytes | None:
    directory = (settings or CacheSettings.from_environment()).directory
    if directory is None:
        return None
    try:
        return (directory / namespace / key).read_bytes()
    except OSError:
        return None


def write(
    namespace: str, key: str, data: bytes, settings: CacheSettings | None = None
) -> None:
    """Store atomically: readers see a whole entry or none."""
    directory = (settings or CacheSettings.from_environment()).directory
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
    "CacheSettings",
    "cache_dir",
    "package_fingerprint",
    "read",
    "write",
]
