"""Nothing lost: a generation that fails at any stage leaves the output tree as it was.

Each test populates an output directory by generating, edits it by hand (so that the next
generation has something to write), snapshots every byte, then makes `generate` fail at one
stage through `generator.cli.main`: a broken template, black refusing the code, the disk
filling up, the directory being read-only, the swap of the new tree failing half-way. It then
checks exit code 2, one line on stderr, the tree byte-for-byte unchanged and no staging or
backup directory left beside it.

Tests run as root here, and chmod does not stop root: read-only output is simulated by making
the filesystem calls raise PermissionError, which is what a real chmod would make them raise
for other users, so the simulated tests hold for every user.

Ctrl-C is handled like a failure: while the files are written or between the two renames of
the swap, it leaves the old tree in place and nothing beside it (exit 130). When even moving
the old tree back fails, the error says where it is.

Bad specs, the other way to fail, are covered by tests/e2e/test_bad_specs.py.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import black
import pytest

from generator import render
from generator.cli import main
from generator.render import package as render_package_module
from tests.helpers import REPO_ROOT

PACKAGE = "vmss_deallocate"
LEFTOVER = re.compile(r"\.generated\.(new|old)-")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Snapshot = dict[str, tuple[bytes | None, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file and directory under root, with its bytes (files) and permission bits."""
    return {
        path.relative_to(root).as_posix(): (
            path.read_bytes() if path.is_file() else None,
            path.stat().st_mode & 0o7777,
        )
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def invoke(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def out(tmp_path: Path, run: Callable[..., Result]) -> Path:
    """A generated tree, then edited by hand so that `generate` has to rewrite it."""
    target = tmp_path / "work" / "generated"
    assert run("generate", "--out", target).code == 0
    models = target / PACKAGE / "models.py"
    models.write_text("# edited by hand\n" + models.read_text(encoding="utf-8"))
    (target / PACKAGE / "notes.bin").write_bytes(b"\x00\xff kept \xfe")
    (target / PACKAGE / "_version.py").unlink()
    return target


def assert_failed_cleanly(result: Result, out: Path, before: Snapshot) -> None:
    """Exit 2, one `error:` line, the tree exactly as it was, nothing left beside it."""
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    assert out.is_dir(), "the output directory is gone"
    assert snapshot(out) == before
    leftovers = [p.name for p in out.parent.iterdir() if LEFTOVER.match(p.name)]
    assert leftovers == [], leftovers
    assert sorted(p.name for p in out.parent.iterdir()) == ["generated"]


# --- render: a broken template ----------------------------------------------------------------


@pytest.fixture
def broken_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], None]:
    """Copy the templates, append `text` to models.py.jinja, and render with the copy.

    TEMPLATES_DIR is bound as make_environment's default argument when the render stage is
    imported, so patching that constant would change nothing: make_environment is patched
    where render_package looks it up.
    """
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES_DIR, templates)
    monkeypatch.setattr(
        render_package_module,
        "make_environment",
        functools.partial(render.make_environment, templates),
    )

    def append(text: str) -> None:
        template = templates / "package" / "models.py.jinja"
        template.write_text(template.read_text(encoding="utf-8") + text)

    return append


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{% if %}\n", "Expected an expression"),
        ("{{ package.no_such_view }}\n", "no_such_view"),
        ("{{ package.title }}\n", "printed without an escaping filter"),
        ("{{ package.title | upper }}\n", "No filter named 'upper'"),
        ("{{ package.title ~ '' }}\n", "not allowed"),
    ],
    ids=["syntax", "undefined", "raw-spec-text", "unknown-filter", "concatenation"],
)
def test_template_error_leaves_the_tree(
    out: Path,
    run: Callable[..., Result],
    broken_templates: Callable[[str], None],
    text: str,
    reason: str,
) -> None:
    before = snapshot(out)
    broken_templates(text)
    result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert "templates/package/models.py.jinja" in result.err
    assert reason in result.err


# --- format: black or the compiler refuses the code -------------------------------------------


def test_black_error_leaves_the_tree(
    out: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(out)

    def refuse(source: str, **kwargs: Any) -> str:
        raise black.parsing.InvalidInput("Cannot parse: 1:4: simulated\nsecond line")

    monkeypatch.setattr(black, "format_str", refuse)
    result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert "does not format" in result.err and "simulated" in result.err
    assert "second line" not in result.err


def test_black_crash_leaves_the_tree(
    out: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only black's own exceptions: anything it raises stops the run."""
    before = snapshot(out)

    def crash(source: str, **kwargs: Any) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(black, "format_str", crash)
    assert_failed_cleanly(run("generate", "--out", out), out, before)


def test_code_that_does_not_compile_leaves_the_tree(
    out: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """black accepts it, compile() does not: still nothing written."""
    before = snapshot(out)
    monkeypatch.setattr(black, "format_str", lambda source, **kwargs: "return 1\n")
    result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert "does not compile" in result.err


# --- write: disk full, read-only, the swap failing ----------------------------------------------


def fail_on_calls(
    monkeypatch: pytest.MonkeyPatch,
    owner: Any,
    name: str,
    failing: set[int],
    error: BaseException,
) -> list[int]:
    """Make the given calls (1-based) of owner.<name> raise `error`; the others work."""
    original: Callable[..., Any] = getattr(owner, name)
    calls: list[int] = []

    @functools.wraps(original)
    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) in failing:
            raise error
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, flaky)
    return calls


def expected_file_count(run: Callable[..., Result], tmp_path: Path) -> int:
    scratch = tmp_path / "count" / "generated"
    assert run("generate", "--out", scratch).code == 0
    count = sum(1 for path in scratch.rglob("*") if path.is_file())
    shutil.rmtree(scratch.parent)
    return count


DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
READ_ONLY = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
READ_ONLY_FS = OSError(errno.EROFS, os.strerror(errno.EROFS))


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_disk_full_while_writing_leaves_the_tree(
    out: Path,
    run: Callable[..., Result],
    tmp_path: Path,
    which: str,
) -> None:
    files = expected_file_count(run, tmp_path)
    failing = {"first": 1, "middle": files // 2 + 1, "last": files}[which]
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "write_bytes", {failing}, DISK_FULL)
        result = run("generate", "--out", out)
    assert len(calls) == failing, "the write stops at the first failure"
    assert_failed_cleanly(result, out, before)
    assert "No space left on device" in result.err
    assert "unchanged" in result.err


@pytest.mark.parametrize("error", [READ_ONLY, READ_ONLY_FS], ids=["EACCES", "EROFS"])
def test_read_only_parent_leaves_the_tree(
    out: Path,
    run: Callable[..., Result],
    error: OSError,
) -> None:
    """No staging directory can be made beside the output (simulated: we are root)."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, tempfile, "mkdtemp", {1}, error)
        result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert error.strerror is not None and error.strerror in result.err


def test_read_only_output_cannot_be_moved_aside(
    out: Path, run: Callable[..., Result]
) -> None:
    """The staging tree is written, then moving the old tree aside is refused."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "rename", {1}, READ_ONLY)
        result = run("generate", "--out", out)
    assert len(calls) == 1
    assert_failed_cleanly(result, out, before)
    assert "Permission denied" in result.err


def test_new_tree_cannot_be_moved_in(out: Path, run: Callable[..., Result]) -> None:
    """The old tree is already aside when the new one fails to move in: it comes back."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "rename", {2}, READ_ONLY)
        result = run("generate", "--out", out)
    assert len(calls) == 3, "old aside, new in (fails), old back"
    assert_failed_cleanly(result, out, before)


def test_old_tree_cannot_be_moved_back(out: Path, run: Callable[..., Result]) -> None:
    """Moving the new tree in fails, then moving the old one back fails too: the output
    directory is missing, and the one error line says so and names where the old tree is,
    intact. It never claims the tree is unchanged; the staging tree is removed."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "rename", {2, 3}, READ_ONLY)
        result = run("generate", "--out", out)
    assert len(calls) == 3, "old aside, new in (fails), old back (fails)"
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    assert not out.exists()
    [backup] = out.parent.iterdir()
    assert re.fullmatch(r"\.generated\.old-\w+", backup.name), backup.name
    assert snapshot(backup) == before
    assert lines[0] == (
        f"error: cannot write {out.resolve()}, nor move the previous tree back"
        f" (Permission denied): it is intact in {backup.resolve()}"
    )
    assert "unchanged" not in result.err


def test_interrupt_while_writing_leaves_nothing_behind(
    out: Path, run: Callable[..., Result]
) -> None:
    """Ctrl-C while the staging tree is written: it is removed, the old tree untouched."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, Path, "write_bytes", {2}, KeyboardInterrupt())
        result = run("generate", "--out", out)
    assert result.code == 130
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["generated"]


def test_interrupt_during_the_swap_keeps_the_tree(
    out: Path, run: Callable[..., Result]
) -> None:
    """Ctrl-C after the old tree is moved aside, before the new one is moved in: the old
    tree goes back before the interrupt goes on, and nothing is left beside it."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "rename", {2}, KeyboardInterrupt())
        result = run("generate", "--out", out)
    assert len(calls) == 3, "old aside, new in (interrupted), old back"
    assert result.code == 130
    assert out.is_dir(), "the output directory is gone"
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["generated"]


# No real chmod test: chmod does not stop root, and for other users a read-only parent makes
# tempfile.mkdtemp raise PermissionError (EACCES), which is exactly what
# test_read_only_parent_leaves_the_tree[EACCES] simulates, for every user.


# --- a new output directory that cannot be completed leaves nothing -----------------------------


def test_failed_first_generation_creates_nothing(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "fresh" / "generated"
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, Path, "write_bytes", {3}, DISK_FULL)
        result = run("generate", "--out", target)
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_the_tree_is_written_once_the_fault_is_gone(
    out: Path, run: Callable[..., Result]
) -> None:
    """A failed run poisons nothing: the next one writes the whole tree."""
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, Path, "write_bytes", {2}, DISK_FULL)
        assert run("generate", "--out", out).code == 2
    assert run("generate", "--out", out).code == 0
    assert run("check", "--out", out).code == 0
    assert not (out / PACKAGE / "notes.bin").exists()
