"""Which files a spec may make the generator read, and reading them without being stalled.

A spec's `$ref`s (and its `x-ms-examples` files) are read only inside its spec tree: by default
the nearest folder named `specification` above the spec, which is how azure-rest-api-specs is
laid out (`specification/<service>/...`, shared types in `specification/common-types/`), else
the spec's own folder; `--spec-root` names another. Paths are compared once symbolic links are
resolved, so a link out of the tree is outside it. Inside the tree only `.json`, `.yaml` and
`.yml` files that are not hidden (no `.git/`, `.env`) may be named.

Every file, the spec and project file the user named included, is opened only when it is a
regular file: checked before opening (opening a device can have effects) and again on the open
descriptor (the path may have changed in between). It is opened non-blocking, so a FIFO cannot
hold the open, and read with a byte cap, so a file growing while read cannot exceed it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError, display_path
from generator.load.budgets import Allowance
from generator.load.nodes import Node, RefusedFile

SPEC_TREE_FOLDER = "specification"
REFERENCE_SUFFIXES = (".json", ".yaml", ".yml")

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class SpecTree:
    """The folder (symbolic links resolved) that a spec's references must stay in."""

    root: Path

    def admit(self, target: Path, where: Node, what: str) -> None:
        """Raise RefusedFile unless the resolved `target` may be read; `what` names it in the
        message as the spec does (`$ref '../x.json'`), `where` is the place that asked.
        """
        try:
            relative = target.relative_to(self.root)
        except ValueError:
            raise RefusedFile(
                where.file,
                where.pointer,
                f"{what} leaves the spec tree {display_path(self.root)}: only files"
                " under it are read (--spec-root names another)",
            ) from None
        if any(part.startswith(".") for part in relative.parts):
            raise RefusedFile(
                where.file,
                where.pointer,
                f"{what} names a hidden file or folder: it is not read",
            )
        if target.suffix.lower() not in REFERENCE_SUFFIXES:
            raise RefusedFile(
                where.file,
                where.pointer,
                f"{what} names no .json, .yaml or .yml file: it is not read",
            )


def spec_tree(
    spec_file: Path, spec_root: Path | None = None, *, within: Path | None = None
) -> SpecTree:
    """The spec tree of `spec_file`: `spec_root` when given (it must hold the spec), else the
    nearest `specification` folder above the spec (not above `within`), else its folder.
    """
    folder = spec_file.resolve().parent
    if spec_root is None:
        return SpecTree(_default_root(folder, within.resolve() if within else None))
    root = spec_root.resolve()
    if not root.is_dir():
        raise GeneratorError(f"--spec-root {display_path(spec_root)} is not a folder")
    if not folder.is_relative_to(root):
        raise GeneratorError(
            f"--spec-root {display_path(spec_root)} does not hold the spec"
            f" {display_path(spec_file)}"
        )
    return SpecTree(root)


def _default_root(folder: Path, within: Path | None) -> Path:
    for candidate in (folder, *folder.parents):
        if within is not None and not candidate.is_relative_to(within):
            break
        if candidate.name == SPEC_TREE_FOLDER:
            return candidate
    return folder


def read_file(path: Path, where: Node, allowance: Allowance) -> bytes:
    """The bytes of the regular file `path`, within the byte budget; errors name `where`."""
    try:
        _require_regular(path, os.stat(path).st_mode, where)
        descriptor = os.open(path, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):
        raise where.error(f"file not found: {display_path(path)}") from None
    except OSError as exc:
        raise where.error(
            f"cannot read {display_path(path)}: {exc.strerror or type(exc).__name__}"
        ) from None
    try:
        info = os.fstat(descriptor)
        _require_regular(path, info.st_mode, where)
        if reason := allowance.bytes_reason(path.name, info.st_size):
            raise RefusedFile(where.file, where.pointer, reason)
        room = allowance.budgets.spec_bytes - allowance.bytes_read
        data = _read_at_most(descriptor, room)
        if len(data) > room:
            reason = allowance.bytes_reason(path.name, len(data)) or ""
            raise RefusedFile(
                where.file, where.pointer, f"{reason} (it grew while read)"
            )
    except OSError as exc:
        raise where.error(
            f"cannot read {display_path(path)}: {exc.strerror or type(exc).__name__}"
        ) from None
    finally:
        os.close(descriptor)
    allowance.bytes_read += len(data)
    return data


def _read_at_most(descriptor: int, limit: int) -> bytes:
    """Up to `limit` + 1 bytes: one more than allowed tells that the file is over."""
    chunks = []
    total = 0
    while total <= limit:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _require_regular(path: Path, mode: int, where: Node) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise RefusedFile(
        where.file,
        where.pointer,
        f"{display_path(path)} is {kind}, not a regular file: it is not read",
    )


__all__ = [
    "REFERENCE_SUFFIXES",
    "SPEC_TREE_FOLDER",
    "SpecTree",
    "read_file",
    "spec_tree",
]
