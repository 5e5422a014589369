"""`check`: the owned files compared with what the spec produces, without writing anything."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.write.records import RESERVED_NAMES, output_bytes
from generator.write.survey import foreign_entries, is_cache, survey


@dataclass(frozen=True)
class TreeDifference:
    stale: tuple[PurePosixPath, ...]
    missing: tuple[PurePosixPath, ...]
    orphaned: tuple[PurePosixPath, ...]
    """Recorded in the manifest, no longer produced: the next `generate` deletes them."""
    conflicts: tuple[PurePosixPath, ...]
    """Where a file armgen did not write is in the way: `generate` refuses them."""
    foreign: tuple[str, ...]
    """Beside the generated files and left as they are (folders end in `/`)."""
    interrupted: bool
    """An interrupted generation that the next `generate` finishes."""
    diff: str

    @property
    def clean(self) -> bool:
        return not (
            self.stale
            or self.missing
            or self.orphaned
            or self.conflicts
            or self.interrupted
        )


def compare_tree(files: Mapping[PurePosixPath, str], root: Path) -> TreeDifference:
    wanted = output_bytes(files)
    found = survey(root, wanted)
    owned = found.owned
    stale = tuple(sorted(p for p in wanted if p in owned and owned[p] != wanted[p]))
    missing = tuple(
        sorted(p for p in wanted if p not in owned and p not in found.conflicts)
    )
    orphaned = tuple(sorted(p for p in owned if p not in wanted))
    chunks: list[str] = []
    for path in sorted((*stale, *missing, *orphaned)):
        chunks.extend(
            difflib.unified_diff(
                _lines(owned.get(path, b"")),
                _lines(wanted.get(path, b"")),
                fromfile=f"a/{path}" if path in owned else "/dev/null",
                tofile=f"b/{path}" if path in wanted else "/dev/null",
            )
        )
    foreign = (
        foreign_entries(
            root, [*wanted, *(found.manifest or {})], [*owned, *found.conflicts]
        )
        if found.exists
        else ()
    )
    return TreeDifference(
        stale,
        missing,
        orphaned,
        tuple(sorted(found.conflicts)),
        foreign,
        found.interrupted,
        "".join(chunks),
    )


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines(keepends=True)


def read_tree(root: Path) -> dict[PurePosixPath, bytes]:
    """Every file under `root`, keyed by relative path: caches and the generator's own
    records (manifest, journal, staging) left out. For tests and tools comparing outputs.
    """
    tree: dict[PurePosixPath, bytes] = {}
    for folder, subfolders, names in os.walk(root):
        relative = PurePosixPath(Path(folder).relative_to(root).as_posix())
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not is_cache(name)
            and not (relative == PurePosixPath(".") and name in RESERVED_NAMES)
        )
        for name in sorted(names):
            if relative == PurePosixPath(".") and name in RESERVED_NAMES:
                continue
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                tree[relative / name] = path.read_bytes()
    return tree
