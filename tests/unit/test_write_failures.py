"""Stage 6: a failure leaves the old output; before the commit the old output stays, after it
the next run finishes (disk full while staging, a move refused after the commit, Ctrl-C).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.errors import OutputError
from generator.write import (
    compare_tree,
    journal,
    read_tree,
    write_output,
    write_tree,
)
from tests.helpers.trees import (
    JOURNAL,
    NEW,
    OLD,
    STAGING,
    assert_no_leftovers,
    owned_bytes,
    snapshot,
)

# --- failures: before the commit the old output stays, after it the next run finishes -------


def flaky(
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    failing: int,
    error: BaseException,
) -> list[int]:
    """The `failing`-th call of owner.<name> raises `error`; the others work."""
    original: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == failing:
            raise error
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
CHANGED_FILES = 4  # a.py, c.py, extra/d.py and the manifest


@pytest.mark.parametrize("failing", range(1, CHANGED_FILES + 2))
def test_a_failure_while_staging_leaves_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    """Disk full on any staged file, or on the journal (the last write)."""
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "pkg" / "mine.bin").write_bytes(b"\xff\x00 not utf-8")
    before = snapshot(out)
    with monkeypatch.context() as patch:
        calls = flaky(patch, journal, "write_new_file", failing, DISK_FULL)
        with pytest.raises(OutputError) as caught:
            write_tree(NEW, out)
    assert len(calls) == failing
    assert "No space left on device" in str(caught.value)
    assert "unchanged" in str(caught.value)
    assert snapshot(out) == before
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_a_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "fresh" / "out"
    with monkeypatch.context() as patch:
        flaky(patch, journal, "write_new_file", 2, DISK_FULL)
        with pytest.raises(OutputError):
            write_tree(OLD, out)
    assert os.listdir(tmp_path) == []


def test_ctrl_c_while_staging_leaves_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    before = snapshot(out)
    with monkeypatch.context() as patch:
        flaky(patch, journal, "write_new_file", 2, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            write_tree(NEW, out)
    assert snapshot(out) == before


def test_a_move_refused_after_the_commit_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "mine.txt").write_text("kept\n")
    refused = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    with monkeypatch.context() as patch:
        # The first Path.replace commits the journal; the third is the second move.
        flaky(patch, Path, "replace", 3, refused)
        with pytest.raises(OutputError) as caught:
            write_tree(NEW, out)
    assert str(caught.value) == (
        f"cannot finish writing {out} (Permission denied): what is left to do is in"
        f" {JOURNAL}, and the next generate does it"
    )
    assert (out / JOURNAL).exists()
    assert compare_tree(NEW, out).interrupted
    assert not compare_tree(NEW, out).clean

    outcome = write_output(NEW, out)
    assert outcome.recovered
    assert read_tree(out) == {**owned_bytes(NEW), PurePosixPath("mine.txt"): b"kept\n"}
    assert_no_leftovers(out)
    assert compare_tree(NEW, out).clean


def test_ctrl_c_during_the_moves_finishes_them_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    with monkeypatch.context() as patch:
        flaky(patch, Path, "replace", 3, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            write_tree(NEW, out)
    assert read_tree(out) == owned_bytes(NEW)
    assert_no_leftovers(out)


def test_roll_forward_never_overwrites_a_file_changed_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    with monkeypatch.context() as patch:
        flaky(patch, Path, "replace", 2, OSError(errno.EIO, os.strerror(errno.EIO)))
        with pytest.raises(OutputError):
            write_tree(NEW, out)
    (out / "pkg" / "a.py").write_text("# the user's, since\n")
    with pytest.raises(OutputError, match="changed after a generation was interrupted"):
        write_tree(NEW, out)
    assert (out / "pkg" / "a.py").read_text() == "# the user's, since\n"


def test_staging_leftovers_without_a_journal_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / STAGING).mkdir()
    (out / STAGING / "0").write_bytes(b"half a file")
    assert compare_tree(OLD, out).clean
    assert write_tree(OLD, out) is False
    assert_no_leftovers(out)


def test_the_root_must_be_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_bytes(b"precious")
    with pytest.raises(OutputError, match="is a file, not a folder") as caught:
        write_tree(OLD, out)
    assert "\n" not in str(caught.value)
    assert out.read_bytes() == b"precious"
