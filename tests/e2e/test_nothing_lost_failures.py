"""Nothing lost: a generation that fails at any stage leaves the output as it was or as it should
be, and never touches a file it did not write.

Each test populates an output directory by generating, edits it by hand (so that the next
generation has something to write) and adds a file of the user's, snapshots every byte, then
makes `generate` fail at one stage through `generator.cli.main`: a broken template, black
refusing the code, the disk filling up, the folder being read-only, a move refused after the
commit. Before the commit it checks exit code 2, one line on stderr, the tree byte-for-byte
unchanged and nothing left in or beside it; after the commit, that the next run finishes.

Tests run as root here, and chmod does not stop root: read-only output is simulated by making
the filesystem calls raise PermissionError, which is what a real chmod would make them raise
for other users, so the simulated tests hold for every user.

Kills at every instant are in test_nothing_lost.py; bad specs in tests/e2e/test_bad_specs.py.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import black
import pytest

from generator import render
from generator.cli import main
from generator.render import package as render_package_module
from generator.write import journal
from tests.helpers import REPO_ROOT

PACKAGE = "vmss_deallocate"
JOURNAL = ".armgen-journal.json"
STAGING = ".armgen-staging"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


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
    """A generated tree, edited by hand so that `generate` has to rewrite it, with a file of
    the user's beside the generated ones."""
    target = tmp_path / "work" / "generated"
    assert run("generate", "--out", target).code == 0
    models = target / PACKAGE / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "# edited by hand\n")
    (target / PACKAGE / "notes.bin").write_bytes(b"\x00\xff kept \xfe")
    (target / PACKAGE / "_version.py").unlink()
    return target


def assert_failed_cleanly(result: Result, out: Path, before: Snapshot) -> None:
    """Exit 2, one `error:` line, the tree exactly as it was, nothing left in or beside it."""
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.err
    assert "Traceback" not in result.err
    assert out.is_dir(), "the output directory is gone"
    assert snapshot(out) == before
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


def _every_piece_to_black(monkeypatch: pytest.MonkeyPatch) -> None:
    """No piece taken as it is (the black record, black_layout's vouching): black formats
    all of them, as it does any piece a template change leaves outside those."""
    from generator import format as format_stage

    monkeypatch.setattr(format_stage, "_recorded", lambda pieces: {})
    monkeypatch.setattr(format_stage, "_vouched_for", lambda pieces: {})


def test_black_error_leaves_the_tree(
    out: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(out)

    def refuse(source: str, **kwargs: Any) -> str:
        raise black.parsing.InvalidInput("Cannot parse: 1:4: simulated\nsecond line")

    _every_piece_to_black(monkeypatch)
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

    _every_piece_to_black(monkeypatch)
    monkeypatch.setattr(black, "format_str", crash)
    assert_failed_cleanly(run("generate", "--out", out), out, before)


def test_code_that_does_not_compile_leaves_the_tree(
    out: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """black accepts it, compile() does not: still nothing written."""
    before = snapshot(out)
    _every_piece_to_black(monkeypatch)
    monkeypatch.setattr(black, "format_str", lambda source, **kwargs: "return 1\n")
    result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert "does not compile" in result.err


# --- write: disk full, read-only, a move refused after the commit -------------------------------


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


DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
READ_ONLY = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
READ_ONLY_FS = OSError(errno.EROFS, os.strerror(errno.EROFS))
STAGED = 2
"""Files the `out` fixture makes `generate` write: models.py and _version.py (the manifest
records what the spec produces, so it is the same)."""


@pytest.mark.parametrize(
    "failing", [1, STAGED, STAGED + 1], ids=["first", "last", "journal"]
)
def test_disk_full_while_staging_leaves_the_tree(
    out: Path, run: Callable[..., Result], failing: int
) -> None:
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, journal, "write_new_file", {failing}, DISK_FULL)
        result = run("generate", "--out", out)
    assert len(calls) == failing, "the write stops at the first failure"
    assert_failed_cleanly(result, out, before)
    assert "No space left on device" in result.err
    assert "unchanged" in result.err


@pytest.mark.parametrize("error", [READ_ONLY, READ_ONLY_FS], ids=["EACCES", "EROFS"])
def test_read_only_output_leaves_the_tree(
    out: Path, run: Callable[..., Result], error: OSError
) -> None:
    """No staging folder can be made in the output (simulated: we are root)."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, Path, "mkdir", {1}, error)
        result = run("generate", "--out", out)
    assert_failed_cleanly(result, out, before)
    assert error.strerror is not None and error.strerror in result.err


def test_a_move_refused_after_the_commit_is_finished_by_the_next_run(
    out: Path, run: Callable[..., Result]
) -> None:
    """Once the journal is in, the run can no longer leave the old tree: it says so in one
    line, `check` calls the tree unfinished, and the next `generate` finishes it."""
    with pytest.MonkeyPatch.context() as patch:
        # Path.replace: the journal in (1), _version.py (2), models.py (3, refused).
        calls = fail_on_calls(patch, Path, "replace", {3}, READ_ONLY)
        result = run("generate", "--out", out)
    assert len(calls) == 3
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err == (
        f"error: cannot finish writing {out} (Permission denied): what is left to do is in"
        f" {JOURNAL}, and the next generate does it\n"
    )
    checked = run("check", "--out", out)
    assert checked.code == 1
    assert f"unfinished: {out} (a generation was interrupted" in checked.err
    assert (out / JOURNAL).exists(), "check writes nothing"

    again = run("generate", "--out", out)
    assert again.code == 0
    assert again.err == f"note: finished an interrupted generation in {out}\n"
    assert run("check", "--out", out).code == 0
    assert (out / PACKAGE / "notes.bin").read_bytes() == b"\x00\xff kept \xfe"
    assert not (out / JOURNAL).exists() and not (out / STAGING).exists()


def test_interrupt_while_staging_leaves_nothing_behind(
    out: Path, run: Callable[..., Result]
) -> None:
    """Ctrl-C while the new files are staged: they go, the old tree stays."""
    before = snapshot(out)
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, journal, "write_new_file", {2}, KeyboardInterrupt())
        result = run("generate", "--out", out)
    assert result.code == 130
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["generated"]


def test_interrupt_during_the_moves_finishes_them_first(
    out: Path, run: Callable[..., Result]
) -> None:
    """Ctrl-C after the commit: the moves are made before the interrupt goes on."""
    with pytest.MonkeyPatch.context() as patch:
        calls = fail_on_calls(patch, Path, "replace", {3}, KeyboardInterrupt())
        result = run("generate", "--out", out)
    assert len(calls) > 3, "the moves went on"
    assert result.code == 130
    assert run("check", "--out", out).code == 0
    assert (out / PACKAGE / "notes.bin").exists()


# No real chmod test: chmod does not stop root, and for other users a read-only output makes
# the staging folder's mkdir raise PermissionError (EACCES), which is exactly what
# test_read_only_output_leaves_the_tree[EACCES] simulates, for every user.


# --- a new output directory that cannot be completed leaves nothing -----------------------------


def test_failed_first_generation_creates_nothing(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    target = tmp_path / "fresh" / "generated"
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, journal, "write_new_file", {3}, DISK_FULL)
        result = run("generate", "--out", target)
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_the_tree_is_written_once_the_fault_is_gone(
    out: Path, run: Callable[..., Result]
) -> None:
    """A failed run poisons nothing: the next one writes the whole tree, and the user's file
    stays where it was."""
    with pytest.MonkeyPatch.context() as patch:
        fail_on_calls(patch, journal, "write_new_file", {2}, DISK_FULL)
        assert run("generate", "--out", out).code == 2
    assert run("generate", "--out", out).code == 0
    assert run("check", "--out", out).code == 0
    assert (out / PACKAGE / "notes.bin").read_bytes() == b"\x00\xff kept \xfe"
