"""Stage 5, format: black every Python file in memory, with a pinned mode, then compile it.

The mode is fixed here and never read from a user's pyproject, so the same spec gives the same
bytes on every machine (with black pinned to one version in pyproject.toml). black is a pure
function of (its version, the mode, the text), so its output is kept in the generator's cache,
keyed by all three: an unchanged file is not formatted again, and black is then not imported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator import cache as result_cache
from generator.errors import OutputError

if TYPE_CHECKING:
    import black

MODE_SETTINGS = (
    "target=py310 line-length=88 string-normalization magic-trailing-comma stable"
)
"""What `black_mode()` sets, spelled out for the cache key."""


def black_mode() -> black.Mode:
    import black
    from black.mode import TargetVersion

    return black.Mode(
        target_versions={TargetVersion.PY310},
        line_length=88,
        string_normalization=True,
        magic_trailing_comma=True,
        preview=False,
    )


def format_files(
    files: Mapping[PurePosixPath, str], cache: result_cache.CacheSettings | None = None
) -> dict[PurePosixPath, str]:
    """Formatted copies of `files`: Python is blacked and compiled, all end in one newline.
    `cache` defaults to the environment's settings."""
    cache = cache or result_cache.CacheSettings.from_environment()
    return {
        path: _format_one(path, text, cache) for path, text in sorted(files.items())
    }


def _format_one(
    path: PurePosixPath, text: str, cache: result_cache.CacheSettings
) -> str:
    if path.suffix != ".py":
        return text.rstrip("\n") + "\n"
    key = _cache_key(text)
    cached = result_cache.read("black", key, cache) if key else None
    formatted = cached.decode("utf-8") if cached is not None else _black(path, text)
    try:
        compile(formatted, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise OutputError(
            f"{path}:{exc.lineno}: generated code does not compile: {exc.msg}"
        ) from None
    if cached is None and key:
        result_cache.write("black", key, formatted.encode("utf-8"), cache)
    return formatted


def _black(path: PurePosixPath, text: str) -> str:
    import black

    try:
        return black.format_str(text, mode=black_mode())
    except Exception as exc:  # black reports invalid code with several exception types
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OutputError(
            f"{path}: generated code does not format: {first_line}"
        ) from None


def _cache_key(text: str) -> str | None:
    identity = result_cache.package_fingerprint("black")
    if identity is None:
        return None
    digest = hashlib.sha256(f"{identity}\0{MODE_SETTINGS}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


__all__ = ["MODE_SETTINGS", "black_mode", "format_files"]
