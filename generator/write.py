"""Stage 6, write: put the in-memory output on disk all at once, or not at all.

The new tree is written beside the output directory and swapped in with renames, so a failure at
any point leaves the old tree as it was. Files the spec no longer produces disappear with the
old tree. `compare_tree` is the read-only twin used by `check`.
"""

from __future__ import annotations

import difflib
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import OutputError

IGNORED_PARTS = frozenset(
    {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build"}
)


@dataclass(frozen=True)
class TreeDifference:
    stale: tuple[PurePosixPath, ...]
    missing: tuple[PurePosixPath, ...]
    orphaned: tuple[PurePosixPath, ...]
    diff: str

    @property
    def clean(self) -> bool:
        return not (self.stale or self.missing or self.orphaned)


def read_tree(out_dir: Path) -> dict[PurePosixPath, bytes]:
    """The files under `out_dir` (caches left out), keyed by relative path."""
    if not out_dir.is_dir():
        return {}
    return {
        PurePosixPath(path.relative_to(out_dir).as_posix()): path.read_bytes()
        for path in sorted(out_dir.rglob("*"))
        if path.is_file() and not _ignored(path.relative_to(out_dir).parts)
    }


def _ignored(parts: tuple[str, ...]) -> bool:
    """Caches, and what `pip install ./generated` leaves behind, are not generated files."""
    return bool(IGNORED_PARTS.intersection(parts)) or any(
        part.endswith(".egg-info") for part in parts
    )


def compare_tree(files: Mapping[PurePosixPath, str], out_dir: Path) -> TreeDifference:
    on_disk = read_tree(out_dir)
    wanted = {path: text.encode("utf-8") for path, text in files.items()}
    stale = tuple(sorted(p for p in wanted if p in on_disk and on_disk[p] != wanted[p]))
    missing = tuple(sorted(p for p in wanted if p not in on_disk))
    orphaned = tuple(sorted(p for p in on_disk if p not in wanted))
    chunks: list[str] = []
    for path in sorted((*stale, *missing, *orphaned)):
        old = (
            on_disk.get(path, b"")
            .decode("utf-8", errors="replace")
            .splitlines(keepends=True)
        )
        new = files.get(path, "").splitlines(keepends=True)
        chunks.extend(
            difflib.unified_diff(
                old,
                new,
                fromfile=f"a/{path}" if path in on_disk else "/dev/null",
                tofile=f"b/{path}" if path in wanted else "/dev/null",
            )
        )
    return TreeDifference(stale, missing, orphaned, "".join(chunks))


def write_tree(files: Mapping[PurePosixPath, str], out_dir: Path) -> bool:
    """Make `out_dir` hold exactly `files`. Returns False when it already did (nothing written)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir} is a file, not a directory; nothing was written")
    if compare_tree(files, out_dir).clean:
        return False
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=parent))
    except OSError as exc:
        raise OutputError(
            f"cannot write beside {out_dir}: {exc.strerror or exc}"
        ) from None
    staging.chmod(out_dir.stat().st_mode & 0o7777 if out_dir.exists() else 0o755)
    backup = parent / f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}"
    try:
        for path, text in sorted(files.items()):
            target = staging.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        try:
            if out_dir.exists():
                out_dir.rename(backup)
            staging.rename(out_dir)
        except BaseException:  # Ctrl-C too: the old tree goes back before anything else
            _restore(backup, out_dir)
            raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            f"cannot write {out_dir}: {exc.strerror or exc}; it is unchanged"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return True


def _restore(backup: Path, out_dir: Path) -> None:
    """Put the previous tree back; say where it is if even that fails."""
    if not backup.exists() or out_dir.exists():
        return
    try:
        backup.rename(out_dir)
    except OSError as exc:
        raise OutputError(
            f"cannot write {out_dir}, nor move the previous tree back"
            f" ({exc.strerror or exc}): it is intact in {backup}"
        ) from None


__all__ = ["TreeDifference", "compare_tree", "read_tree", "write_tree"]
