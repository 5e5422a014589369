"""The command line: help, validate, generate, check, and one-line errors without tracebacks.

Most tests call `generator.cli.main` in-process with the working directory at the repository
root (the generated headers name the spec relative to it); a few run `python -m generator` and
the installed `armgen` script as subprocesses to prove no traceback reaches a real terminal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import main
from tests.helpers import GENERATED, REPO_ROOT, without_spec_path

SPEC = "spec/compute-vmss-deallocate.yaml"
PACKAGE = "vmss_deallocate"
PACKAGE_FILES = {
    f"{PACKAGE}/{name}"
    for name in (
        "__init__.py",
        "_client.py",
        "_pipeline.py",
        "_polling.py",
        "_shared.py",
        "_wire.py",
        "aio/__init__.py",
        "aio/_client.py",
        "aio/_pipeline.py",
        "aio/_polling.py",
        "operations/__init__.py",
        "operations/_virtual_machine_scale_sets.py",
        "aio/operations/__init__.py",
        "aio/operations/_virtual_machine_scale_sets.py",
        "models.py",
        "exceptions.py",
        "_version.py",
        "py.typed",
        "README.md",
    )
} | {"pyproject.toml"}
MANIFEST = ".armgen-manifest.json"
"""Beside the package files: what the generator wrote, so that it changes nothing else."""
OUTPUT_FILES = PACKAGE_FILES | {MANIFEST}
PROJECT = "(project file: spec/codegen.yaml)"
"""What every command adds after a success run from the repository root."""
SUMMARY = re.compile(
    r"spec/compute-vmss-deallocate\.yaml: valid Swagger 2\.0, api-version 2024-07-01, "
    r"1 operations, [1-9][0-9]* models \(project file: spec/codegen\.yaml\)"
)
ERROR_LINE = re.compile(r"error: (?P<file>\S+)#(?P<pointer>(/\S*)?): (?P<reason>\S.*)")
HELP_OPTIONS = {
    "generate": ("--spec", "--out", "--package-name", "--operation"),
    "check": ("--spec", "--out", "--package-name", "--operation"),
    "validate": ("--spec",),
}
ALL_OPTIONS = ("--spec", "--out", "--package-name", "--operation")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.out
        assert "Traceback" not in self.err


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run main() in-process; argparse's exits (help, usage errors) become exit codes."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as exc:
            assert isinstance(exc.code, int), exc.code
            code = exc.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_process(*args: str | Path, program: list[str] | None = None) -> Result:
    command = program or [sys.executable, "-m", "generator"]
    completed = subprocess.run(
        [*command, *(str(arg) for arg in args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


Snapshot = dict[str, tuple[bytes, int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file under root: content, mtime and inode (so a rewrite shows, too)."""
    return {
        path.relative_to(root).as_posix(): (
            path.read_bytes(),
            path.stat().st_mtime_ns,
            path.stat().st_ino,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def out(tmp_path: Path, cli: Callable[..., Result]) -> Path:
    """A freshly generated package in an absolute temporary --out directory."""
    target = tmp_path / "out"
    result = cli("generate", "--out", target)
    assert result.code == 0, result.err
    return target


# --- broken specs ---------------------------------------------------------------------------

MINIMAL_SPEC = """\
swagger: "2.0"
info: {title: Things, version: "2024-01-01"}
host: management.azure.com
schemes: [https]
paths:
  /subscriptions/{subscriptionId}/things/poke:
    post:
      operationId: Things_Poke
      description: Poke the things.
      parameters:
        - $ref: "./missing-common.yaml#/parameters/SubscriptionIdParameter"
        - {name: api-version, in: query, required: true, type: string, description: v}
      responses:
        "200": {description: OK}
"""


def _yaml_syntax_error(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "broken.yaml"
    path.write_text('swagger: "2.0"\ninfo: [title, version\npaths: {}\n')
    return path, "invalid YAML"


def _ref_to_missing_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "dangling.yaml"
    path.write_text(MINIMAL_SPEC)
    return path, "missing-common.yaml"


def _no_such_file(tmp_path: Path) -> tuple[Path, str]:
    return tmp_path / "absent.yaml", "file not found"


def _json_not_swagger(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "package.json"
    path.write_text('{"name": "not-a-spec", "version": "1.0.0"}\n')
    return path, "not a Swagger 2.0 spec"


def _directory(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "specs"
    path.mkdir()
    return path, "is a directory"


BROKEN_SPECS: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "yaml-syntax-error": _yaml_syntax_error,
    "ref-to-missing-file": _ref_to_missing_file,
    "no-such-file": _no_such_file,
    "json-not-swagger": _json_not_swagger,
    "directory": _directory,
}


def assert_one_error_line(result: Result, spec: Path, reason: str) -> re.Match[str]:
    result.assert_no_traceback()
    assert result.code == 2
    assert result.out == ""
    assert result.err.endswith("\n")
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    match = ERROR_LINE.fullmatch(lines[0])
    assert match, lines[0]
    assert Path(match["file"]).name == spec.name
    assert (Path.cwd() / match["file"]).resolve() == spec.resolve()
    assert reason in match["reason"]
    return match


@pytest.mark.parametrize("command", ["validate", "generate", "check"])
@pytest.mark.parametrize("kind", BROKEN_SPECS)
def test_broken_spec_is_one_error_line(
    cli: Callable[..., Result], tmp_path: Path, command: str, kind: str
) -> None:
    spec, reason = BROKEN_SPECS[kind](tmp_path)
    extra = ["--out", tmp_path / "out"] if command != "validate" else []
    match = assert_one_error_line(cli(command, "--spec", spec, *extra), spec, reason)
    if kind == "ref-to-missing-file":  # names where the $ref is, not only the target
        assert match["pointer"].startswith("/paths/~1subscriptions~1{subscriptionId}")
        assert "/parameters/0" in match["pointer"]
    assert not (tmp_path / "out").exists()


def test_broken_spec_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    spec, reason = _ref_to_missing_file(tmp_path)
    result = run_process("generate", "--spec", spec, "--out", tmp_path / "out")
    assert_one_error_line(result, spec, reason)


def test_unknown_operation_is_one_error_line(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("generate", "--operation", "Nope_Nope", "--out", tmp_path / "out")
    match = assert_one_error_line(result, REPO_ROOT / SPEC, "'Nope_Nope'")
    assert match["pointer"] == "/paths"


def test_bad_package_name_is_a_usage_error(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("generate", "--package-name", "1-bad", "--out", tmp_path / "out")
    result.assert_no_traceback()
    assert result.code == 2
    assert "not a Python package name: '1-bad'" in result.err.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_spec_without_default_error_response_generates_or_names_the_spec(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    spec = tmp_path / "no-default.yaml"
    spec.write_text(
        MINIMAL_SPEC.replace(
            '- $ref: "./missing-common.yaml#/parameters/SubscriptionIdParameter"',
            "- {name: subscriptionId, in: path, required: true, type: string,"
            " description: s}",
        )
    )
    assert cli("validate", "--spec", spec).code == 0  # a valid Swagger 2.0 spec
    result = cli("generate", "--spec", spec, "--out", tmp_path / "out")
    result.assert_no_traceback()
    if result.code != 0:
        assert_one_error_line(result, spec, "")


# --- help and version -----------------------------------------------------------------------


def test_top_level_help(cli: Callable[..., Result]) -> None:
    result = cli("--help")
    assert (result.code, result.err) == (0, "")
    for word in ("generate", "check", "validate", "--version"):
        assert word in result.out


@pytest.mark.parametrize("command", HELP_OPTIONS)
def test_command_help_lists_its_options(
    cli: Callable[..., Result], command: str
) -> None:
    result = cli(command, "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: ")
    for option in ALL_OPTIONS:
        assert (option in result.out) == (option in HELP_OPTIONS[command]), option


@pytest.mark.parametrize("command", [None, *HELP_OPTIONS])
def test_help_in_a_subprocess(command: str | None) -> None:
    result = run_process(*([command] if command else []), "--help")
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    expected = HELP_OPTIONS[command] if command else ("generate", "check", "validate")
    for word in expected:
        assert word in result.out


def test_version(cli: Callable[..., Result]) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out == f"armgen {__version__}\n"


def test_no_command_is_a_usage_error(cli: Callable[..., Result]) -> None:
    result = cli()
    result.assert_no_traceback()
    assert result.code == 2
    assert result.err.startswith("usage: ")


def armgen() -> list[str]:
    script = Path(sys.executable).parent / (
        "armgen.exe" if os.name == "nt" else "armgen"
    )
    assert script.is_file(), f"console script not installed: {script}"
    return [str(script)]


def test_armgen_console_script() -> None:
    result = run_process("--help", program=armgen())
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    for word in ("generate", "check", "validate"):
        assert word in result.out
    validated = run_process("validate", program=armgen())
    assert (validated.code, validated.err) == (0, "")
    assert SUMMARY.fullmatch(validated.out.rstrip("\n"))


# --- validate -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--spec", SPEC)], ids=["default", "explicit"])
def test_validate_prints_a_summary(
    cli: Callable[..., Result], args: tuple[str, ...]
) -> None:
    result = cli("validate", *args)
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith("\n")
    assert SUMMARY.fullmatch(result.out.rstrip("\n")), result.out


def test_validate_in_a_subprocess() -> None:
    result = run_process("validate", "--spec", SPEC)
    result.assert_no_traceback()
    assert (result.code, result.err) == (0, "")
    assert SUMMARY.fullmatch(result.out.rstrip("\n")), result.out


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
