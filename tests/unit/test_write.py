"""Stage 6: the all-or-nothing tree writer, and comparing a tree with what it should be."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator.errors import OutputError
from generator.write import compare_tree, read_tree, write_tree

# --- write -------------------------------------------------------------------------------------

TREE = {
    PurePosixPath("pkg/__init__.py"): "from .a import A\n",
    PurePosixPath("pkg/a.py"): "A = 'é'\n",
    PurePosixPath("pkg/sub/b.py"): "B = 2\n",
    PurePosixPath("pkg/README.md"): "# pkg\n",
}


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and directory under `root`, with the bytes of each file."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


def hidden_beside(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.parent.iterdir() if p.name.startswith("."))


def test_write_tree_writes_the_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    assert write_tree(TREE, out) is True
    assert read_tree(out) == {path: text.encode("utf-8") for path, text in TREE.items()}
    assert (out / "pkg" / "a.py").read_bytes() == "A = 'é'\n".encode()
    assert hidden_beside(out) == []


def test_write_tree_returns_false_when_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    inode = out.stat().st_ino
    assert write_tree(dict(reversed(list(TREE.items()))), out) is False
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert out.stat().st_ino == inode


def test_write_tree_ignores_caches(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    cache = out / "pkg" / "__pycache__" / "a.cpython-311.pyc"
    cache.parent.mkdir()
    cache.write_bytes(b"\x00")
    assert compare_tree(TREE, out).clean
    assert write_tree(TREE, out) is False
    assert cache.exists()


def test_write_tree_replaces_changed_and_removes_orphaned_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "stray.txt").write_text("left by hand\n", encoding="utf-8")
    new_tree = dict(TREE)
    del new_tree[PurePosixPath("pkg/sub/b.py")]
    new_tree[PurePosixPath("pkg/a.py")] = "A = 1\n"
    new_tree[PurePosixPath("pkg/c.py")] = "C = 3\n"

    assert write_tree(new_tree, out) is True
    assert read_tree(out) == {p: t.encode("utf-8") for p, t in new_tree.items()}
    assert not (out / "pkg" / "stray.txt").exists()
    assert not (out / "pkg" / "sub").exists()
    assert hidden_beside(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, failing_call: int
) -> list[int]:
    """Make the `failing_call`-th call of Path.<name> raise OSError; the others work."""
    original: Callable[..., Any] = getattr(Path, name)
    calls: list[int] = []

    def flaky(self: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, name, flaky)
    return calls


NEW_TREE = {
    PurePosixPath("pkg/__init__.py"): "from .a import A\n",
    PurePosixPath("pkg/a.py"): "A = 'changed'\n",
    PurePosixPath("pkg/new.py"): "N = 1\n",
}


@pytest.mark.parametrize(
    ("method", "failing_call"),
    [
        ("write_bytes", 1),
        ("write_bytes", 2),
        ("write_bytes", len(NEW_TREE)),
        ("rename", 1),  # moving the old tree aside
        ("rename", 2),  # moving the new tree in; the old one must come back
    ],
)
def test_failed_write_leaves_the_old_tree_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, failing_call: int
) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "hand-made.txt").write_bytes(b"\xff\x00 not utf-8")
    before = snapshot(out)
    mode = out.stat().st_mode

    calls = fail_on_call(monkeypatch, method, failing_call)
    with pytest.raises(OutputError) as caught:
        write_tree(NEW_TREE, out)
    monkeypatch.undo()

    assert len(calls) >= failing_call
    assert "unchanged" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert snapshot(out) == before
    assert out.stat().st_mode == mode
    assert hidden_beside(out) == []
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_write_tree_refuses_a_file_in_place_of_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_bytes(b"precious")
    with pytest.raises(OutputError) as caught:
        write_tree(TREE, out)
    assert "\n" not in str(caught.value)
    assert out.read_bytes() == b"precious"
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    fail_on_call(monkeypatch, "rename", 1)
    with pytest.raises(OutputError):
        write_tree(TREE, out)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_write_tree_succeeds_after_a_failed_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    fail_on_call(monkeypatch, "write_bytes", 2)
    with pytest.raises(OutputError):
        write_tree(NEW_TREE, out)
    monkeypatch.undo()
    assert write_tree(NEW_TREE, out) is True
    assert read_tree(out) == {p: t.encode("utf-8") for p, t in NEW_TREE.items()}


# --- compare -----------------------------------------------------------------------------------


def test_compare_tree_lists_stale_missing_and_orphaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    wanted = dict(TREE)
    wanted[PurePosixPath("pkg/a.py")] = "A = 'new'\n"  # stale
    wanted[PurePosixPath("pkg/new.py")] = "N = 1\n"  # missing
    del wanted[PurePosixPath("pkg/sub/b.py")]  # orphaned
    before = snapshot(out)

    difference = compare_tree(wanted, out)

    assert not difference.clean
    assert difference.stale == (PurePosixPath("pkg/a.py"),)
    assert difference.missing == (PurePosixPath("pkg/new.py"),)
    assert difference.orphaned == (PurePosixPath("pkg/sub/b.py"),)
    diff = difference.diff
    assert "--- a/pkg/a.py\n+++ b/pkg/a.py\n" in diff
    assert "-A = 'é'\n" in diff and "+A = 'new'\n" in diff
    assert "--- /dev/null\n+++ b/pkg/new.py\n" in diff and "+N = 1\n" in diff
    assert "--- a/pkg/sub/b.py\n+++ /dev/null\n" in diff and "-B = 2\n" in diff
    assert "__init__" not in diff
    # Only read: nothing on disk changed.
    assert snapshot(out) == before


def test_compare_tree_clean_and_absent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    clean = compare_tree(TREE, out)
    assert clean.clean
    assert (clean.stale, clean.missing, clean.orphaned, clean.diff) == ((), (), (), "")

    absent = compare_tree(TREE, tmp_path / "nowhere")
    assert absent.missing == tuple(sorted(TREE))
    assert absent.stale == absent.orphaned == ()
    assert not absent.clean
    assert not (tmp_path / "nowhere").exists()


def test_compare_tree_survives_non_utf8_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "a.py").write_bytes(b"A = '\xff'\n")
    difference = compare_tree(TREE, out)
    assert difference.stale == (PurePosixPath("pkg/a.py"),)
    assert "+A = 'é'" in difference.diff
