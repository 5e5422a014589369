"""Which files under the root the generator owns, read-only: the ones its manifest records
(still as written, or still carrying the generated header), and the ones it would write now
that carry the header or already hold the very bytes (adopted: output committed before the
manifest existed, or a generated file a merge brought in).

Everything else is foreign: it is never modified, moved or deleted, and is read no further
than adoption needs. A foreign file, folder or link where a generated file must go is a
conflict, and a conflict stops the generation before anything is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import OutputError, display_path
from generator.write.disk import Kind, file_sha256, inspect, lstat, read_file
from generator.write.records import (
    HEADER_BYTES,
    JOURNAL,
    MANIFEST,
    MAX_RECORD_BYTES,
    RESERVED_NAMES,
    STAGING,
    carries_header,
    parse_manifest,
    sha256,
)

CACHE_NAMES = frozenset(
    {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build"}
)
"""Caches and what `pip install` leaves behind: foreign like any other, but not worth a note."""
MAX_OWNED_BYTES = 64 * 1024 * 1024
"""Larger than anything the generator writes: such a file is never its own."""


@dataclass(frozen=True)
class Survey:
    root: Path
    exists: bool
    manifest: Mapping[PurePosixPath, str] | None
    """Recorded path -> sha256; None when the root has no manifest."""
    owned: Mapping[PurePosixPath, bytes]
    """Files the generator owns, manifest included, with their bytes now."""
    conflicts: Mapping[PurePosixPath, str]
    """Paths it must write where something it does not own is, with the reason."""
    interrupted: bool
    """A journal is there: a generation was committed and not finished."""
    leftovers: bool
    """A staging folder without a journal: an aborted generation's files, not yet removed."""


def survey(root: Path, wanted: Mapping[PurePosixPath, bytes]) -> Survey:
    """Read what the root holds at the paths the generator writes or recorded."""
    if not root.exists():
        return Survey(root, False, None, {}, {}, False, False)
    if not root.is_dir():
        raise OutputError(
            f"{display_path(root)} is a file, not a folder; nothing was written"
        )
    manifest = _read_manifest(root)
    owned: dict[PurePosixPath, bytes] = {}
    conflicts: dict[PurePosixPath, str] = {}
    for path in sorted(set(wanted) | set(manifest or {})):
        entry = inspect(root, path)
        if entry.kind is Kind.ABSENT:
            continue
        if entry.kind is Kind.BLOCKED:
            if path in wanted:
                conflicts[path] = f"{entry.obstacle} is a file or a link, not a folder"
            continue
        if entry.kind is Kind.OTHER:
            if path in wanted:
                conflicts[path] = "a folder or link armgen did not write is there"
            continue
        data = _owned_bytes(root, path, entry.size, manifest, wanted.get(path))
        if data is not None:
            owned[path] = data
        elif path in wanted:
            conflicts[path] = "a file armgen did not write is there"
    return Survey(
        root,
        True,
        manifest,
        owned,
        conflicts,
        interrupted=lstat(root / JOURNAL) is not None,
        leftovers=lstat(root / STAGING) is not None,
    )


def _owned_bytes(
    root: Path,
    path: PurePosixPath,
    size: int,
    manifest: Mapping[PurePosixPath, str] | None,
    new: bytes | None,
) -> bytes | None:
    """The file's bytes when the generator owns it, else None, having read no more than its
    head (and, for a recorded path, its hash) of a file it does not own."""
    location = root.joinpath(*path.parts)
    if path == MANIFEST:
        return read_file(location)
    if size > MAX_OWNED_BYTES:
        return None
    if manifest is not None and path in manifest:
        head = read_file(location, HEADER_BYTES)
        if carries_header(head) or file_sha256(location) == manifest[path]:
            return read_file(location)
        return None
    if new is None:
        return None
    if size != len(new) and not carries_header(read_file(location, HEADER_BYTES)):
        return None
    data = read_file(location)
    return data if data == new or carries_header(data) else None


def _read_manifest(root: Path) -> dict[PurePosixPath, str] | None:
    location = root / MANIFEST
    status = lstat(location)
    if status is None or not stat.S_ISREG(status.st_mode):
        return None  # a folder or link there is a conflict, reported with the others
    if status.st_size > MAX_RECORD_BYTES:
        raise _bad_record(location, "larger than any manifest armgen writes")
    try:
        return parse_manifest(read_file(location))
    except ValueError as exc:
        raise _bad_record(location, str(exc)) from None


def _bad_record(location: Path, reason: str) -> OutputError:
    return OutputError(
        f"{display_path(location)}: not a manifest armgen wrote ({reason}); nothing was"
        " written. Move it away, and the files that carry the generated header are adopted"
    )


# --- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    writes: Mapping[PurePosixPath, bytes]
    """New or changed files, the manifest last."""
    replaces: Mapping[PurePosixPath, str]
    """sha256 of the owned file each write replaces."""
    deletes: Mapping[PurePosixPath, str]
    """Owned files the spec no longer produces, with their sha256."""
    prune: tuple[PurePosixPath, ...]

    @property
    def empty(self) -> bool:
        return not (self.writes or self.deletes)


def plan(found: Survey, wanted: Mapping[PurePosixPath, bytes]) -> Plan:
    """What to write and delete to turn the owned files into `wanted`; refuses a conflict."""
    if found.conflicts:
        raise conflict_error(found.root, found.conflicts)
    writes = {
        path: data
        for path, data in sorted(wanted.items(), key=lambda item: item[0] == MANIFEST)
        if found.owned.get(path) != data
    }
    deletes = {
        path: sha256(data) for path, data in found.owned.items() if path not in wanted
    }
    needed = {folder for path in wanted for folder in path.parents}
    emptied = {folder for path in deletes for folder in path.parents} - needed
    prune = tuple(
        sorted(emptied, key=lambda folder: (-len(folder.parts), folder.as_posix()))
    )
    return Plan(
        writes=writes,
        replaces={
            path: sha256(found.owned[path]) for path in writes if path in found.owned
        },
        deletes=deletes,
        prune=prune,
    )


def conflict_error(root: Path, conflicts: Mapping[PurePosixPath, str]) -> OutputError:
    path, reason = min(conflicts.items())
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    return OutputError(
        f"{display_path(root.joinpath(*path.parts))}: {reason}{more}; armgen changes only"
        " files it wrote: move it away or choose another --out (nothing was written)"
    )


# --- foreign entries ---------------------------------------------------------------------------


def foreign_entries(
    root: Path, paths: Iterable[PurePosixPath], known: Iterable[PurePosixPath]
) -> tuple[str, ...]:
    """What the root holds beside the generator's files, as `/`-separated paths (a folder
    with a trailing `/`, not looked into). Only folders on the way to the generator's files are
    listed, so a `.git` or a home folder costs one line and no crawl. `known` (owned files,
    conflicts) are reported otherwise."""
    known_set = set(known)
    folders = {folder for path in paths for folder in path.parents}
    found: list[str] = []
    for folder in sorted(folders):
        location = root.joinpath(*folder.parts)
        status = lstat(location)
        if status is None or not stat.S_ISDIR(status.st_mode):
            continue
        with os.scandir(location) as entries:
            names = sorted(entry.name for entry in entries)
        for name in names:
            path = folder / name
            if path in known_set or path in folders:
                continue
            if (folder == PurePosixPath(".") and name in RESERVED_NAMES) or is_cache(
                name
            ):
                continue
            is_folder = os.path.isdir(location / name) and not os.path.islink(
                location / name
            )
            found.append(path.as_posix() + ("/" if is_folder else ""))
    return tuple(sorted(found))


def is_cache(name: str) -> bool:
    return name in CACHE_NAMES or name.endswith(".egg-info")
