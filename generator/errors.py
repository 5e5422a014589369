"""Errors that reach the user as one line: the file, the JSON pointer in it, and the reason.

Every stage raises these instead of letting a library exception escape, so the CLI can print
one line and exit 2 without a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def escape_pointer_token(token: str | int) -> str:
    """Encode one JSON pointer segment (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape_pointer_token(token) for token in tokens)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working directory when it lies inside
    it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def printable(text: str) -> str:
    """`text` as it may appear on a terminal: every character that is not printable (newline,
    CR, ESC and the rest of the control characters, bidi overrides, ...) as a backslash
    escape, so spec text can neither forge lines nor drive the terminal."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def one_line(text: str, limit: int = 300) -> str:
    """A message on one line: runs of whitespace (newlines too) become one space, anything
    else unprintable an escape; cut at `limit` characters."""
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


DEPENDENCIES = {
    "black": "black",
    "jinja2": "jinja2",
    "yaml": "pyyaml",
    "openapi_spec_validator": "openapi-spec-validator",
    "jsonschema": "openapi-spec-validator",
    "jsonschema_path": "openapi-spec-validator",
}
"""The generator's third-party imports, and the distribution that brings each."""


def missing_dependency(error: ModuleNotFoundError) -> str | None:
    """The error line for a dependency this Python does not have; None for any other module,
    which would be a bug to report, not a set-up to fix."""
    top_level = (error.name or "").partition(".")[0]
    if top_level not in DEPENDENCIES:
        return None
    return (
        f"error: armgen needs {DEPENDENCIES[top_level]}, which {sys.executable} does not"
        " have: run armgen from the virtual environment it was installed in, or install it"
        " into this Python (pip install <its wheel>, or pip install -e <its checkout>)"
    )


class GeneratorError(Exception):
    """Base of all errors the CLI reports as one line."""


class SpecError(GeneratorError):
    """The spec is unreadable, invalid, or uses something the generator does not support."""

    def __init__(self, file: Path, pointer: str, reason: str) -> None:
        self.file = file
        self.pointer = pointer
        self.reason = one_line(reason)
        super().__init__(
            f"{printable(display_path(file))}#{printable(pointer)}: {self.reason}"
        )


class UnknownOperationError(SpecError):
    """Operations were asked for by operationId and the spec has none of that name.

    Its own type because `diff` expects it: an operation that only one side has is a change
    to report, not an error.
    """

    def __init__(self, file: Path, pointer: str, operation_ids: Sequence[str]) -> None:
        self.operation_ids = tuple(operation_ids)
        super().__init__(
            file,
            pointer,
            f"no operation with operationId {', '.join(map(repr, operation_ids))}",
        )


class OutputError(GeneratorError):
    """Rendering, formatting or writing the output failed; nothing was written."""
