"""Nothing lost: a generation that fails at any stage, or is killed at any instant, leaves
the output as it was or as it should be, and never touches a file it did not write.

Each in-process test populates an output directory by generating, edits it by hand (so that
the next generation has something to write) and adds a file of the user's, snapshots every
byte, then makes `generate` fail at one stage through `generator.cli.main`: a broken template,
black refusing the code, the disk filling up, the folder being read-only, a move refused after
the commit. Before the commit it checks exit code 2, one line on stderr, the tree byte-for-byte
unchanged and nothing left in or beside it; after the commit, that the next run finishes.

Tests run as root here, and chmod does not stop root: read-only output is simulated by making
the filesystem calls raise PermissionError, which is what a real chmod would make them raise
for other users, so the simulated tests hold for every user.

The crash tests kill a real `generate` process (tests/helpers/crash.py) before each of its
filesystem mutations in turn, as `kill -9` or a power cut would, and check the tree after each.

Bad specs, the other way to fail, are covered by tests/e2e/test_bad_specs.py.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import black
import pytest

from generator import render
from generator.cli import main
from generator.pipeline import generate_files, project_options
from generator.render import package as render_package_module
from generator.write import journal, write_tree
from generator.write.records import output_bytes
from tests.helpers import REPO_ROOT
from tests.helpers.crash import KILLED

PACKAGE = "vmss_deallocate"
JOURNAL = ".armgen-journal.json"
STAGING = ".armgen-staging"
CRASH = REPO_ROOT / "tests" / "helpers" / "crash.py"


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


# --- killed at every instant --------------------------------------------------------------------

FOREIGN = {
    "notes.txt": b"the user's notes\n",
    ".git/HEAD": b"ref: refs/heads/main\n",
    f"{PACKAGE}/mine.py": b"MINE = 1\n",
}
"""The user's files, around and inside the package: each must survive every kill."""

Files = dict[str, bytes]
Foreign = dict[str, tuple[bytes, int, int]]


@dataclass(frozen=True)
class Scenario:
    """A generation from `old` to `new` (files relative to the root, manifest included)."""

    root: Path
    old: Files
    new: Files


def generation(root: Path) -> Files:
    files = generate_files(project_options(), root).files
    return {path.as_posix(): data for path, data in output_bytes(files).items()}


def files_in(root: Path) -> Files:
    """Every file under root but the user's and the staging folder's."""
    found: Files = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in (STAGING, ".git")]
        for name in names:
            key = Path(folder, name).relative_to(root).as_posix()
            if key not in FOREIGN:
                found[key] = Path(folder, name).read_bytes()
    return found


def foreign_state(root: Path) -> Foreign:
    return {
        name: (
            (root / name).read_bytes(),
            (root / name).stat().st_mtime_ns,
            (root / name).stat().st_ino,
        )
        for name in FOREIGN
    }


def make_update(root: Path) -> Scenario:
    """An old output to update: a file changes, one comes, one in its own folder goes."""
    tree = dict(generate_files(project_options(), root).files)
    new = generation(root)
    models = PurePosixPath(PACKAGE, "models.py")
    tree[models] = tree[models] + "# an older generator's output\n"
    del tree[PurePosixPath(PACKAGE, "_version.py")]
    tree[PurePosixPath(PACKAGE, "legacy", "old.py")] = (
        "# Code generated by armgen 0.0.9. Do not edit: run `armgen generate`.\n"
    )
    write_tree(tree, root)
    for name, data in FOREIGN.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return Scenario(root, files_in(root), new)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The result cache on, in a folder of the test's: black runs once, not at every kill."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARMGEN_NO_CACHE", "0")
    monkeypatch.setenv("ARMGEN_CACHE_DIR", str(folder))
    return folder


def kill_at(limit: int, root: Path) -> int:
    """Run `generate --out root` in a child killed before mutation `limit` + 1; its exit code."""
    completed = subprocess.run(
        [
            sys.executable,
            CRASH,
            str(limit),
            root.parent,
            "--",
            "generate",
            "--out",
            root,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode in (0, KILLED), completed.stderr
    return completed.returncode


def mutations(root: Path) -> int:
    """How many mutations a whole run makes, counted on a copy of the tree (at the same depth,
    so the headers, and the bytes, are the same)."""
    copy = root.parent.parent / "count" / root.name
    shutil.copytree(root.parent, copy.parent, symlinks=True)
    completed = subprocess.run(
        [sys.executable, CRASH, "-1", copy.parent, "--", "generate", "--out", copy],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shutil.rmtree(copy.parent)
    return int(completed.stderr.rsplit("mutations: ", 1)[1])


def assert_old_or_new(scenario: Scenario, foreign: Foreign, limit: int) -> str:
    """The tree after a kill: the old output or the new one (an unfinished one when the
    journal is in, which `check` calls stale), the user's files untouched."""
    root = scenario.root
    assert foreign_state(root) == foreign, f"killed before mutation {limit + 1}"
    on_disk = files_in(root)
    if JOURNAL in on_disk:
        assert main(["check", "--out", str(root)]) == 1
        return "committed"
    assert on_disk in (
        scenario.old,
        scenario.new,
    ), f"killed before mutation {limit + 1}"
    return "old" if on_disk == scenario.old else "new"


def assert_next_run_finishes(scenario: Scenario, foreign: Foreign) -> None:
    assert main(["generate", "--out", str(scenario.root)]) == 0
    assert files_in(scenario.root) == scenario.new
    assert foreign_state(scenario.root) == foreign
    assert not (scenario.root / STAGING).exists()
    assert not (scenario.root / PACKAGE / "legacy").exists()


def restore(saved: Path, root: Path) -> None:
    """The old tree back, the user's files with their very inodes and times."""
    for name in FOREIGN:
        (saved / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / name, saved / name)
    shutil.rmtree(root)
    shutil.copytree(saved, root, symlinks=True)
    for name in FOREIGN:
        os.replace(saved / name, root / name)


def test_an_update_killed_at_every_mutation_leaves_old_or_new_and_the_next_run_finishes(
    tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "work" / "generated"
    scenario = make_update(root)
    saved = tmp_path / "saved"
    shutil.copytree(root, saved, symlinks=True)
    foreign = foreign_state(root)
    total = mutations(root)
    assert total >= 15, "staging, journal, deletion, moves, pruning, clean-up"

    seen = []
    for limit in range(total + 1):
        assert kill_at(limit, root) == (KILLED if limit < total else 0)
        seen.append(assert_old_or_new(scenario, foreign, limit))
        assert_next_run_finishes(scenario, foreign)
        restore(saved, root)
        foreign = foreign_state(root)
    capsys.readouterr()
    assert seen[0] == "old" and seen[-1] == "new"
    assert "committed" in seen


def test_a_first_generation_killed_at_every_mutation_leaves_nothing_or_the_output(
    tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "beside.txt").write_bytes(b"the user's file next to the output\n")
    root = work / "generated"
    new = generation(root)
    total = mutations(root)
    for limit in range(total + 1):
        assert kill_at(limit, root) == (KILLED if limit < total else 0)
        on_disk = files_in(root) if root.exists() else {}
        if JOURNAL not in on_disk:
            assert on_disk in ({}, new), f"killed before mutation {limit + 1}"
        assert main(["generate", "--out", str(root)]) == 0
        assert files_in(root) == new and not (root / STAGING).exists()
        assert (
            work / "beside.txt"
        ).read_bytes() == b"the user's file next to the output\n"
        assert sorted(os.listdir(work)) == ["beside.txt", "generated"]
        shutil.rmtree(root)
    capsys.readouterr()


def test_the_recovery_itself_killed_at_every_mutation_still_finishes(
    tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "work" / "generated"
    scenario = make_update(root)
    saved = tmp_path / "saved"
    shutil.copytree(root, saved, symlinks=True)
    foreign = foreign_state(root)
    for limit in range(mutations(root)):  # the first kill that leaves a journal
        kill_at(limit, root)
        if (root / JOURNAL).exists():
            break
        restore(saved, root)
    else:
        pytest.fail("no run was killed after its commit")
    interrupted = tmp_path / "interrupted"
    shutil.copytree(root, interrupted, symlinks=True)
    total = mutations(root)
    assert total > 3, "the recovery has moves to make"
    for limit in range(total + 1):
        assert kill_at(limit, root) == (KILLED if limit < total else 0)
        assert assert_old_or_new(scenario, foreign, limit) in ("committed", "new")
        assert_next_run_finishes(scenario, foreign)
        restore(interrupted, root)
        foreign = foreign_state(root)
    capsys.readouterr()
