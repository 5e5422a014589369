"""Stage 5, format: black every Python file in memory, with a pinned mode, then compile it.

The mode is fixed here and never read from a user's pyproject, so the same spec gives the same
bytes on every machine (with black pinned to one version in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

import black
from black.mode import TargetVersion

from generator.errors import OutputError

BLACK_MODE = black.Mode(
    target_versions={TargetVersion.PY310},
    line_length=88,
    string_normalization=True,
    magic_trailing_comma=True,
    preview=False,
)


def format_files(files: Mapping[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """Formatted copies of `files`: Python is blacked and parsed, everything ends in one newline."""
    return {path: _format_one(path, text) for path, text in sorted(files.items())}


def _format_one(path: PurePosixPath, text: str) -> str:
    if path.suffix != ".py":
        return text.rstrip("\n") + "\n"
    try:
        formatted = black.format_str(text, mode=BLACK_MODE)
    except Exception as exc:  # black reports invalid code with several exception types
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OutputError(
            f"{path}: generated code does not format: {first_line}"
        ) from None
    try:
        compile(formatted, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise OutputError(
            f"{path}:{exc.lineno}: generated code does not compile: {exc.msg}"
        ) from None
    return formatted


__all__ = ["BLACK_MODE", "format_files"]
