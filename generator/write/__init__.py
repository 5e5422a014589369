"""Stage 6, write: the generator changes only the files it wrote itself, and a crash at any
instant leaves the old output or the new one.

The root (`generator.pipeline.output_root`) holds a manifest of the files the generator wrote
there. Those, and before there is a manifest the files it would write now that carry its header
or hold the very bytes, are owned; anything else is foreign and never touched, wherever the
root is: foreign files stay around the generated ones, and a foreign file where a generated
one must go stops the run before anything is written. New files are staged and committed with
a journal (`generator.write.journal`); `compare_tree` is the read-only twin used by `check`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import OutputError, display_path
from generator.write.compare import TreeDifference, compare_tree, read_tree
from generator.write.disk import lstat, make_root, remove_empty, remove_tree
from generator.write.guard import out_folder, refuse_unsafe_output
from generator.write.journal import roll_forward, stage_and_commit
from generator.write.records import JOURNAL, MANIFEST, STAGING, output_bytes
from generator.write.survey import plan, survey


@dataclass(frozen=True)
class WriteOutcome:
    changed: bool
    """Files were written or deleted."""
    recovered: bool
    """An interrupted generation was finished first."""


def write_tree(files: Mapping[PurePosixPath, str], root: Path) -> bool:
    """Make the owned files under `root` exactly `files` (and their manifest). Returns False
    when they already were (nothing written)."""
    return write_output(files, root).changed


def write_output(files: Mapping[PurePosixPath, str], root: Path) -> WriteOutcome:
    wanted = output_bytes(files)
    recovered = _finish(root) if lstat(root / JOURNAL) is not None else False
    found = survey(root, wanted)
    if found.leftovers:  # an aborted run's staged files (a journal was finished above)
        try:
            remove_tree(root / STAGING)
        except OSError as exc:
            raise _cannot_write(root, exc) from None
    changes = plan(found, wanted)
    if changes.empty:
        return WriteOutcome(changed=False, recovered=recovered)
    try:
        created = make_root(root)
    except OSError as exc:
        raise _cannot_write(root, exc) from None
    try:
        stage_and_commit(root, changes)
    except BaseException as exc:
        if lstat(root / JOURNAL) is None:
            remove_empty(created)
            if isinstance(exc, OSError):
                raise _cannot_write(root, exc) from None
        raise
    _finish(root)
    return WriteOutcome(changed=True, recovered=recovered)


def _finish(root: Path) -> bool:
    """Roll the committed generation forward; Ctrl-C waits for it (a second one does not)."""
    try:
        try:
            return roll_forward(root)
        except KeyboardInterrupt:
            with contextlib.suppress(OSError, OutputError):
                roll_forward(root)
            raise
    except OSError as exc:
        raise OutputError(
            f"cannot finish writing {display_path(root)} ({exc.strerror or exc}): what is"
            f" left to do is in {JOURNAL}, and the next generate does it"
        ) from None


def _cannot_write(root: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"cannot write {display_path(root)}: {exc.strerror or exc}; it is unchanged"
    )


__all__ = [
    "MANIFEST",
    "TreeDifference",
    "WriteOutcome",
    "compare_tree",
    "out_folder",
    "read_tree",
    "refuse_unsafe_output",
    "write_output",
    "write_tree",
]
