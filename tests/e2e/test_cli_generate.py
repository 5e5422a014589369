"""The command line's generate and check: writing, staleness, repair, and where the output may go.

Most tests call `generator.cli.main` in-process with the working directory at the repository
root (the generated headers name the spec relative to it); a few run `python -m generator` as a
subprocess. Errors, help and validate are in test_cli.py.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import GENERATED, REPO_ROOT, without_spec_path
from tests.helpers.cli import (
    BROKEN_SPECS,
    MANIFEST,
    OUTPUT_FILES,
    PACKAGE,
    PACKAGE_FILES,
    PROJECT,
    SPEC,
    Result,
    assert_one_error_line,
    run_main,
    run_process,
    snapshot,
)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run main() in-process; argparse's exits (help, usage errors) become exit codes."""
    return functools.partial(run_main, capsys)


@pytest.fixture
def out(tmp_path: Path, cli: Callable[..., Result]) -> Path:
    """A freshly generated package in an absolute temporary --out directory."""
    target = tmp_path / "out"
    result = cli("generate", "--out", target)
    assert result.code == 0, result.err
    return target


# --- generate and check ---------------------------------------------------------------------


def test_generate_writes_the_package_then_is_up_to_date(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "out"
    first = cli("generate", "--spec", SPEC, "--out", target)
    assert (first.code, first.err) == (0, "")
    assert first.out == f"wrote {len(PACKAGE_FILES)} files to {target} {PROJECT}\n"
    written = snapshot(target)
    assert set(written) == OUTPUT_FILES
    committed = {name: content for name, (content, _, _) in snapshot(GENERATED).items()}
    assert {name: without_spec_path(written[name][0]) for name in PACKAGE_FILES} == {
        name: without_spec_path(committed[name]) for name in PACKAGE_FILES
    }, "the same client as generated/, but for the spec's path from the output"

    second = cli("generate", "--spec", SPEC, "--out", target)
    assert (second.code, second.err) == (0, "")
    assert second.out == (
        f"{len(PACKAGE_FILES)} files already up to date in {target} {PROJECT}\n"
    )
    assert snapshot(target) == written, "an up-to-date tree must not be rewritten"


def test_generate_in_a_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = run_process("generate", "--out", target)
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    assert result.out == f"wrote {len(PACKAGE_FILES)} files to {target} {PROJECT}\n"
    assert set(snapshot(target)) == OUTPUT_FILES


def test_generate_other_package_name(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "out"
    own_code = target / "acme" / "service.py"
    own_code.parent.mkdir(parents=True)
    own_code.write_text("print('the service, not the generator')\n", encoding="utf-8")
    result = cli("generate", "--package-name", "acme.vmss", "--out", target)
    assert result.code == 0, result.err
    assert set(snapshot(target)) == {
        name.replace(PACKAGE, "acme/vmss", 1)
        for name in PACKAGE_FILES
        if name != "pyproject.toml"  # a vendored package is no distribution of its own
    } | {"acme/service.py", f"acme/vmss/{MANIFEST}"}
    assert own_code.read_text(encoding="utf-8").startswith("print('the service")
    assert cli("check", "--package-name", "acme.vmss", "--out", target).code == 0
    assert cli("check", "--out", target).code == 1  # the default name differs


def test_committed_generated_tree_is_up_to_date(cli: Callable[..., Result]) -> None:
    result = cli("check")
    assert (result.code, result.err) == (0, ""), result.out + result.err
    assert result.out == f"generated is up to date with {SPEC} {PROJECT}\n"


def test_check_right_after_generate(cli: Callable[..., Result], out: Path) -> None:
    result = cli("check", "--spec", SPEC, "--out", out)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{out} is up to date with {SPEC} {PROJECT}\n"


def test_check_reports_a_hand_edit_as_stale(
    cli: Callable[..., Result], out: Path
) -> None:
    models = out / PACKAGE / "models.py"
    edited = models.read_text().replace('"""', '"""Hand edited. ', 1)
    models.write_text(edited)
    result = cli("check", "--out", out)
    result.assert_no_traceback()
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[:2] == [f"--- a/{PACKAGE}/models.py", f"+++ b/{PACKAGE}/models.py"]
    assert lines[2].startswith("@@ ")
    assert any(line.startswith('-"""Hand edited. ') for line in lines)
    assert any(line.startswith('+"""') and "Hand edited" not in line for line in lines)
    assert result.err.splitlines() == [
        f"stale: {out / PACKAGE / 'models.py'}",
        f"{out} is not what {SPEC} produces: run `python -m generator generate"
        f" --out {out}`",
    ]
    assert models.read_text() == edited, "check must not write"


def test_check_reports_a_deleted_file_as_missing(
    cli: Callable[..., Result], out: Path
) -> None:
    (out / PACKAGE / "_version.py").unlink()
    result = cli("check", "--out", out)
    assert result.code == 1
    assert result.out.startswith(f"--- /dev/null\n+++ b/{PACKAGE}/_version.py\n")
    assert result.err.splitlines()[0] == f"missing: {out / PACKAGE / '_version.py'}"
    assert len(result.err.splitlines()) == 2
    assert not (out / PACKAGE / "_version.py").exists()


def test_check_notes_a_file_the_user_added_and_passes(
    cli: Callable[..., Result], out: Path
) -> None:
    extra = out / PACKAGE / "extra.py"
    extra.write_text("VALUE = 1\n")
    (out / ".git").mkdir()
    result = cli("check", "--out", out)
    assert (result.code, result.out) == (
        0,
        f"{out} is up to date with {SPEC} {PROJECT}\n",
    )
    assert result.err.splitlines() == [
        f"foreign: {out}/.git/ (not written by armgen; left as is)",
        f"foreign: {extra} (not written by armgen; left as is)",
    ]


def test_check_reports_files_it_recorded_and_no_longer_makes_as_orphaned(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The package renamed: the old one's files are recorded, so they are the generator's to
    delete, and the next `generate` does."""
    target = tmp_path / "out"
    assert cli("generate", "--package-name", "old_name", "--out", target).code == 0
    (target / "old_name" / "mine.txt").write_text("the user's\n")
    result = cli("check", "--out", target)
    assert result.code == 1
    labels = [line.split(": ")[0] for line in result.err.splitlines()[:-1]]
    assert labels.count("orphaned") == len(PACKAGE_FILES) - 1  # pyproject.toml stays
    assert labels.count("missing") == len(PACKAGE_FILES) - 1
    assert labels.count("stale") == 2  # pyproject.toml names the package; the manifest
    assert f"orphaned: {target}/old_name/_client.py" in result.err
    assert (
        f"foreign: {target}/old_name/mine.txt (not written by armgen; left as is)"
        in (result.err)
    )
    assert "--- a/old_name/models.py\n+++ /dev/null\n" in result.out

    assert cli("generate", "--out", target).code == 0
    assert set(snapshot(target)) == OUTPUT_FILES | {"old_name/mine.txt"}
    assert cli("check", "--out", target).code == 0


def test_check_reports_a_foreign_file_in_the_way_as_a_conflict(
    cli: Callable[..., Result], out: Path
) -> None:
    models = out / PACKAGE / "models.py"
    models.write_text("# my own models, no generated header\n")
    result = cli("check", "--out", out)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"conflict: {models}"
    generated = cli("generate", "--out", out)
    assert generated.code == 2
    assert generated.err.startswith(
        f"error: {models}: a file armgen did not write is there"
    )
    assert models.read_text() == "# my own models, no generated header\n"


def test_check_of_a_missing_directory(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "nothing-here"
    result = cli("check", "--out", target)
    assert result.code == 1
    missing = sorted(
        line for line in result.err.splitlines() if line.startswith("missing: ")
    )
    assert missing == sorted(f"missing: {target / name}" for name in OUTPUT_FILES)
    assert not target.exists()


def test_generate_repairs_every_kind_of_difference(
    cli: Callable[..., Result], out: Path
) -> None:
    pristine = {name: data for name, (data, _, _) in snapshot(out).items()}
    (out / PACKAGE / "models.py").write_text(
        (out / PACKAGE / "models.py").read_text() + "# hand edit\n"
    )
    (out / PACKAGE / "_version.py").unlink()
    (out / PACKAGE / "extra.py").write_text("VALUE = 1\n")
    checked = cli("check", "--out", out)
    assert checked.code == 1
    assert {line.split(":")[0] for line in checked.err.splitlines()[:-1]} == {
        "stale",
        "missing",
        "foreign",
    }
    result = cli("generate", "--out", out)
    assert result.out == f"wrote {len(PACKAGE_FILES)} files to {out} {PROJECT}\n"
    assert {name: data for name, (data, _, _) in snapshot(out).items()} == {
        **pristine,
        f"{PACKAGE}/extra.py": b"VALUE = 1\n",
    }
    assert cli("check", "--out", out).code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        MANIFEST,
        "pyproject.toml",
        PACKAGE,
    ]
    assert [p.name for p in out.parent.iterdir()] == [out.name]


@pytest.mark.parametrize("kind", BROKEN_SPECS)
def test_failed_generation_leaves_the_output_untouched(
    cli: Callable[..., Result], tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "existing"
    assert cli("generate", "--out", target).code == 0
    (target / PACKAGE / "models.py").write_text(
        "# hand edit, not what the spec makes\n"
    )
    (target / PACKAGE / "extra.txt").write_bytes(b"\x00\xffkeep me")
    before = snapshot(target)
    siblings = sorted(p.name for p in tmp_path.iterdir())
    spec, reason = BROKEN_SPECS[kind](tmp_path)
    result = cli("generate", "--spec", spec, "--out", target)
    assert_one_error_line(result, spec, reason)
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p != spec) == siblings


def test_generate_refuses_an_out_path_that_is_a_file(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("precious\n")
    result = cli("generate", "--out", target)
    result.assert_no_traceback()
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("error: ")
    assert target.is_file()
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- where the output may go ------------------------------------------------------------------


def tree_state(root: Path) -> dict[str, tuple[bytes | None, int, int]]:
    """Every entry under root (.git included): bytes, mtime and inode of files, the inode of
    folders (their mtime changes when the generator adds its files beside the user's).
    """
    state: dict[str, tuple[bytes | None, int, int]] = {}
    for folder, subfolders, names in os.walk(root):
        for name in subfolders + names:
            path = Path(folder, name)
            status = path.lstat()
            key = path.relative_to(root).as_posix()
            if path.is_dir():
                state[key] = (None, 0, status.st_ino)
            else:
                state[key] = (path.read_bytes(), status.st_mtime_ns, status.st_ino)
    return state


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("", "error: --out is empty: name the output folder"),
        ("/", "error: --out /: a filesystem root is no output folder"),
        (
            "spec",
            "error: --out spec: the folder armgen would own, spec, holds the spec",
        ),
        (".", "error: --out .: the folder armgen would own, ., holds the spec"),
        ("spec/..", "holds the spec spec/compute-vmss-deallocate.yaml"),
    ],
    ids=["empty", "filesystem-root", "the-specs-folder", "the-checkout", "an-ancestor"],
)
@pytest.mark.parametrize("command", ["generate", "check", "cassettes"])
def test_out_folders_that_are_refused(
    cli: Callable[..., Result], command: str, out: str, says: str
) -> None:
    """The repository is a git checkout holding the spec: `--out .` once deleted it all."""
    before = {name: tree_state(REPO_ROOT / name) for name in ("spec", "generated")}
    listing = sorted(os.listdir(REPO_ROOT))
    result = cli(command, "--out", out)
    result.assert_no_traceback()
    assert (result.code, result.out) == (2, "")
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("error: ") and says in result.err
    assert "nothing was written" in result.err
    assert sorted(os.listdir(REPO_ROOT)) == listing
    assert {
        name: tree_state(REPO_ROOT / name) for name in ("spec", "generated")
    } == before


def make_checkout(root: Path) -> None:
    """A git checkout of someone's project: its history and its own files."""
    for name, data in {
        ".git/HEAD": b"ref: refs/heads/main\n",
        ".git/config": b"[core]\n\tbare = false\n",
        ".git/objects/ab/cdef": b"\x78\x9c binary",
        "README.md": b"# my project\n",
        "src/app.py": b"print('mine')\n",
        f"{PACKAGE}/notes.txt": b"notes kept beside the generated package\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def test_generate_into_a_git_checkout_leaves_every_file_of_it(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    checkout = tmp_path / "checkout"
    make_checkout(checkout)
    before = tree_state(checkout)

    result = cli("generate", "--out", checkout)

    assert result.code == 0, result.err
    after = tree_state(checkout)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == OUTPUT_FILES | {
        f"{PACKAGE}/aio",
        f"{PACKAGE}/operations",
        f"{PACKAGE}/aio/operations",
    }
    checked = cli("check", "--out", checkout)
    assert checked.code == 0
    assert checked.err.splitlines() == [
        f"foreign: {checkout}/{name} (not written by armgen; left as is)"
        for name in (".git/", "README.md", "src/", f"{PACKAGE}/notes.txt")
    ]


def test_a_checkout_with_its_own_pyproject_is_refused_with_nothing_changed(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    checkout = tmp_path / "checkout"
    make_checkout(checkout)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'mine'\n")
    before = tree_state(checkout)
    result = cli("generate", "--out", checkout)
    assert result.code == 2
    assert result.err == (
        f"error: {checkout}/pyproject.toml: a file armgen did not write is there; armgen"
        " changes only files it wrote: move it away or choose another --out (nothing was"
        " written)\n"
    )
    assert tree_state(checkout) == before
