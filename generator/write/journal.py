"""Applying a plan so that a crash at any instant leaves the old output or the new one.

Every new file is first written under the root's staging folder and synced. Then the journal,
the list of moves and deletions left to make, is written there and renamed into the root: that
rename is the commit. Before it, the old output is untouched (the next run removes the staging
folder); after it, the moves are made with `os.replace`, which is atomic, and a run that finds a
journal finishes them first (roll forward). Every step of the roll forward can be repeated, so
it may itself be interrupted any number of times.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from generator.errors import OutputError, display_path
from generator.write.disk import (
    Kind,
    file_sha256,
    inspect,
    lstat,
    make_folders,
    read_file,
    real_folder,
    remove_tree,
    sync_folder,
    write_new_file,
)
from generator.write.records import (
    JOURNAL,
    MAX_RECORD_BYTES,
    STAGING,
    Journal,
    Move,
    journal_bytes,
    parse_journal,
    sha256,
)
from generator.write.survey import Plan

_STAGED_JOURNAL = "journal"


def stage_and_commit(root: Path, plan: Plan) -> None:
    """Stage the plan's files and commit its journal; on any failure before the commit the
    staging folder goes and the root is as it was."""
    staging = root / STAGING
    try:
        staging.mkdir()
        moves = []
        for index, (path, data) in enumerate(plan.writes.items()):
            write_new_file(staging / str(index), data)
            moves.append(Move(path, str(index), sha256(data), plan.replaces.get(path)))
        journal = Journal(plan.deletes, tuple(moves), plan.prune)
        write_new_file(staging / _STAGED_JOURNAL, journal_bytes(journal))
        sync_folder(staging)
        staging.joinpath(_STAGED_JOURNAL).replace(root / JOURNAL)
    except BaseException:
        # Ctrl-C too. Once the journal is in, the staged files are the roll forward's.
        if lstat(root / JOURNAL) is None:
            with contextlib.suppress(OSError):
                remove_tree(staging)
        raise
    sync_folder(root)


def roll_forward(root: Path) -> bool:
    """Finish the committed generation, if there is one; True when there was."""
    location = root / JOURNAL
    status = lstat(location)
    if status is None:
        return False
    journal = _read_journal(location, status)
    staging = root / STAGING
    touched = {root}
    for path, digest in journal.deletes.items():
        target = root.joinpath(*path.parts)
        if inspect(root, path).kind is Kind.FILE and file_sha256(target) == digest:
            target.unlink()
            touched.add(target.parent)
    for move in journal.moves:
        staged = staging / move.staged
        if lstat(staged) is None:
            continue  # moved in before the interruption
        target = root.joinpath(*move.path.parts)
        make_folders(root, move.path.parent)
        _require_replaceable(root, move)
        staged.replace(target)
        touched.add(target.parent)
    for folder in journal.prune:
        if real_folder(root, folder):
            with contextlib.suppress(OSError):  # not empty: it holds a foreign file
                root.joinpath(*folder.parts).rmdir()
    for touched_folder in sorted(touched):
        sync_folder(touched_folder)
    location.unlink()
    sync_folder(root)
    remove_tree(staging)
    return True


def _read_journal(location: Path, status: os.stat_result) -> Journal:
    reason = "not a file, or larger than any journal armgen writes"
    if stat.S_ISREG(status.st_mode) and status.st_size <= MAX_RECORD_BYTES:
        try:
            return parse_journal(read_file(location))
        except ValueError as exc:
            reason = str(exc)
    raise OutputError(
        f"{display_path(location)}: not a journal armgen wrote ({reason}); nothing was"
        f" written. Remove it and {STAGING} beside it to start afresh"
    )


def _require_replaceable(root: Path, move: Move) -> None:
    """The target is absent, or still the file the journal replaces (or already the new one):
    a file put there since the interruption is not overwritten."""
    target = root.joinpath(*move.path.parts)
    status = lstat(target)
    if status is None:
        return
    if stat.S_ISREG(status.st_mode) and file_sha256(target) in (
        move.replaces,
        move.sha256,
    ):
        return
    raise OutputError(
        f"{display_path(target)} changed after a generation was interrupted, so armgen"
        " cannot finish it: move that file away and run generate again"
    )
