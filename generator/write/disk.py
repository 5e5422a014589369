"""Filesystem steps that never follow a symbolic link inside the root, and that say what they
found instead of guessing: a path is absent, a regular file, something else, or blocked by an
ancestor that is not a real folder.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class Kind(enum.Enum):
    ABSENT = "absent"
    FILE = "file"
    OTHER = "other"
    """A folder, a symbolic link, a device: never a generated file."""
    BLOCKED = "blocked"
    """An ancestor under the root is a file or a link, not a folder."""


@dataclass(frozen=True)
class Entry:
    kind: Kind
    size: int = 0
    obstacle: PurePosixPath | None = None


def lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def inspect(root: Path, path: PurePosixPath) -> Entry:
    """What is at `path` under `root`, looking at each ancestor without following links."""
    for depth in range(1, len(path.parts)):
        ancestor = PurePosixPath(*path.parts[:depth])
        status = lstat(root.joinpath(*ancestor.parts))
        if status is None:
            return Entry(Kind.ABSENT)
        if not stat.S_ISDIR(status.st_mode):
            return Entry(Kind.BLOCKED, obstacle=ancestor)
    status = lstat(root.joinpath(*path.parts))
    if status is None:
        return Entry(Kind.ABSENT)
    if stat.S_ISREG(status.st_mode):
        return Entry(Kind.FILE, size=status.st_size)
    return Entry(Kind.OTHER)


def real_folder(root: Path, folder: PurePosixPath) -> bool:
    """`folder` and each folder above it under `root` are folders, not links."""
    return all(
        (status := lstat(root.joinpath(*folder.parts[:depth]))) is not None
        and stat.S_ISDIR(status.st_mode)
        for depth in range(1, len(folder.parts) + 1)
    )


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first `limit` of them), refusing to open it through a link."""
    descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _BINARY)
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read() if limit is None else stream.read(limit)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _BINARY)
    with os.fdopen(descriptor, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_new_file(path: Path, data: bytes) -> None:
    """Create `path` (it must not exist) holding `data`, on disk before this returns."""
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _BINARY, 0o666
    )
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(path: Path) -> None:
    """Make the folder's entries (renames, removals) durable; best effort where the platform
    cannot open a folder."""
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def make_folders(root: Path, folder: PurePosixPath) -> list[Path]:
    """Create the missing folders of `folder` under `root`; the ones created, outermost first.
    A file or link in the way is an error (NotADirectoryError), never followed."""
    created: list[Path] = []
    for depth in range(1, len(folder.parts) + 1):
        path = root.joinpath(*folder.parts[:depth])
        status = lstat(path)
        if status is None:
            os.mkdir(path)
            created.append(path)
        elif not stat.S_ISDIR(status.st_mode):
            raise NotADirectoryError(f"{path} is not a folder")
    return created


def make_root(root: Path) -> list[Path]:
    """Create `root` and its missing parents (outside the root: links followed as the user
    gave them); the ones created, outermost first, so a failed first run can remove them.
    """
    missing: list[Path] = []
    path = Path(os.path.abspath(root))
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        os.mkdir(folder)
    return list(reversed(missing))


def remove_empty(folders: list[Path]) -> None:
    """Remove the folders that are still empty, innermost first; never one holding anything."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def remove_tree(path: Path) -> None:
    """Remove `path` and what it holds without following links (a link is removed, not its
    target). Only ever called on the generator's own staging folder."""
    status = lstat(path)
    if status is None:
        return
    if not stat.S_ISDIR(status.st_mode):
        os.unlink(path)
        return
    with os.scandir(path) as entries:
        names = [entry.name for entry in entries]
    for name in names:
        remove_tree(path / name)
    os.rmdir(path)
