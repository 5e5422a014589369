"""The corpus of bad specs in tests/bad_specs/: one clear line, exit 2, output untouched.

Each file there is one way a spec (or project file) can be wrong; expected.yaml says what
`python -m generator generate` must print for it. The tests run the CLI in-process on every case
(and as a real subprocess on a few), against a copy of a populated output tree, and check:
exit code 2, nothing on stdout, exactly one stderr line `error: <file>#<pointer>: <reason>`
with the exact JSON pointer, no traceback, and the output tree byte-for-byte as it was.

Cases that cannot be committed as small files are built at test time: a file over the size
limit, deeply nested documents and a YAML alias bomb. The last two crashed or hung the
generator when this corpus was written; they run in a subprocess, so that a crash or a hang
cannot take pytest down with it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.load import MAX_SPEC_BYTES
from generator.load.budgets import MAX_VALUES
from tests.helpers import BAD_SPECS, REPO_ROOT

EXPECTED_FILE = BAD_SPECS / "expected.yaml"
ERROR_LINE = re.compile(r"error: (?P<file>[^#]+)#(?P<pointer>[^:]*): (?P<reason>\S.*)")
SUBPROCESS_CASES = ("broken-yaml.yaml", "ref-cycle.yaml", "openapi-3.yaml")
FAILS = (AssertionError, pytest.fail.Exception)
"""How a known bug shows: a failed assertion, not an error in the test's own set-up."""


@dataclass(frozen=True)
class Expected:
    exit: int
    pointer: str
    reason: str
    option: str = "--spec"
    error_file: str | None = None
    xfail: str | None = None


def load_expectations() -> dict[str, Expected]:
    raw: dict[str, dict[str, Any]] = yaml.safe_load(
        EXPECTED_FILE.read_text(encoding="utf-8")
    )
    return {name: Expected(**fields) for name, fields in raw.items()}


EXPECTATIONS = load_expectations()


def corpus_params() -> list[Any]:
    """One pytest param per corpus file; known bugs are strict xfails with their reason."""
    return [
        pytest.param(
            name,
            id=name,
            marks=(
                [pytest.mark.xfail(strict=True, raises=FAILS, reason=expected.xfail)]
                if expected.xfail
                else []
            ),
        )
        for name, expected in sorted(EXPECTATIONS.items())
        if expected.exit == 2
    ]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Snapshot = dict[str, bytes | None]


def snapshot(root: Path) -> Snapshot:
    """Every file (with its bytes) and directory under root."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def populated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated client plus a hand edit and a non-UTF-8 file, made once per module."""
    target = tmp_path_factory.mktemp("populated") / "generated"
    previous = Path.cwd()
    os.chdir(REPO_ROOT)
    try:
        assert main(["generate", "--out", str(target)]) == 0
    finally:
        os.chdir(previous)
    package = next(path for path in target.iterdir() if path.is_dir())
    (package / "hand-edit.txt").write_text("kept by hand\n", encoding="utf-8")
    (package / "binary.dat").write_bytes(b"\x00\xff\xfe not utf-8")
    return target


@pytest.fixture
def out_tree(tmp_path: Path, populated_tree: Path) -> Iterator[Path]:
    """A private copy of the populated tree; checked to be unchanged after each test."""
    target = tmp_path / "out" / "generated"
    shutil.copytree(populated_tree, target, symlinks=True)
    before = snapshot(target)
    yield target
    assert snapshot(target) == before, "the output tree changed"
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "generated"
    ], "staging or backup directories were left beside the output"


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files relative to the working directory: make it the repository."""
    monkeypatch.chdir(REPO_ROOT)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Result:
    """main() in-process; an exception escaping it is what the user would see: a traceback."""
    capsys.readouterr()
    escaped = ""
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        code = 1
        escaped = f"Traceback (most recent call last):\n{type(exc).__name__}: {exc}\n"
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err + escaped)


def run_process(*args: str | Path, timeout: float = 60) -> Result:
    completed = subprocess.run(
        [sys.executable, "-m", "generator", *(str(arg) for arg in args)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def generate_args(case: Path, out: Path, option: str) -> list[str | Path]:
    """`generate` with the case as --spec (or --config): spec/codegen.yaml applies only to
    its own spec, so a --spec case is read with the built-in hints alone."""
    if option == "--config":
        return ["generate", "--config", case, "--out", out]
    return ["generate", "--spec", case, "--out", out]


def assert_one_error_line(result: Result, file: Path, expected: Expected) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out
    assert result.code == expected.exit, result.err
    assert result.out == ""
    assert result.err.endswith("\n")
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    match = ERROR_LINE.fullmatch(lines[0])
    assert match, lines[0]
    assert (REPO_ROOT / match["file"]).resolve() == file.resolve(), match["file"]
    assert match["pointer"] == expected.pointer, lines[0]
    assert expected.reason in match["reason"], lines[0]


# --- the corpus -------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation() -> None:
    files = {path.name for path in BAD_SPECS.iterdir() if path != EXPECTED_FILE}
    assert files == set(EXPECTATIONS)
    for name, expected in EXPECTATIONS.items():
        assert expected.exit in (0, 2), name
        if expected.exit == 0:  # hostile but valid: the corpus test generates it
            assert (expected.pointer, expected.reason) == ("", ""), name
        assert expected.option in ("--spec", "--config"), name
        assert expected.pointer == "" or expected.pointer.startswith("/"), name


def test_corpus_files_are_small() -> None:
    """Big cases are built at test time; the committed corpus stays tiny."""
    for path in BAD_SPECS.iterdir():
        if path != EXPECTED_FILE:
            assert path.stat().st_size < 2048, path.name


@pytest.mark.parametrize("name", corpus_params())
def test_bad_spec_is_one_clear_line(
    name: str,
    in_repo: None,
    out_tree: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = EXPECTATIONS[name]
    case = BAD_SPECS / name
    args = generate_args(case, out_tree, expected.option)
    result = run_cli(capsys, *args)
    error_file = BAD_SPECS / expected.error_file if expected.error_file else case
    assert_one_error_line(result, error_file, expected)


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_spec_in_a_subprocess(name: str, out_tree: Path, tmp_path: Path) -> None:
    """A real process: what a user sees in a terminal, with no traceback."""
    expected = EXPECTATIONS[name]
    assert expected.xfail is None
    args = generate_args(BAD_SPECS / name, out_tree, expected.option)
    assert_one_error_line(run_process(*args), BAD_SPECS / name, expected)


@pytest.mark.parametrize("command", ["validate", "check"])
def test_other_commands_say_the_same(
    command: str, in_repo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate and check read the spec the same way, so they fail the same way."""
    for name, expected in sorted(EXPECTATIONS.items()):
        if expected.xfail or expected.option != "--spec" or expected.exit == 0:
            continue
        args: list[str | Path] = [command, "--spec", BAD_SPECS / name]
        if command == "check":
            args += ["--out", tmp_path / "absent"]
        error_file = BAD_SPECS / (expected.error_file or name)
        assert_one_error_line(run_cli(capsys, *args), error_file, expected)
    assert not (tmp_path / "absent").exists()


# --- cases built at test time -----------------------------------------------------------------

SPEC_HEAD = 'swagger: "2.0"\ninfo: {title: WidgetClient, version: "2025-01-01"}\n'


def huge_spec(tmp_path: Path) -> Path:
    """Valid YAML just over MAX_SPEC_BYTES: refused by size, before it is parsed."""
    path = tmp_path / "huge.yaml"
    padding = MAX_SPEC_BYTES - len(SPEC_HEAD) + 1024
    with path.open("w", encoding="utf-8") as stream:
        stream.write(SPEC_HEAD + "paths: {}\nx-padding: ")
        chunk = "a" * (1024 * 1024)
        for _ in range(padding // len(chunk) + 1):
            stream.write(chunk)
        stream.write("\n")
    assert path.stat().st_size > MAX_SPEC_BYTES
    return path


def test_huge_spec_is_refused_by_size(
    in_repo: None, out_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = huge_spec(tmp_path)
    size = spec.stat().st_size
    try:
        result = run_cli(capsys, *generate_args(spec, out_tree, "--spec"))
    finally:
        spec.write_bytes(b"")  # pytest keeps tmp_path: do not leave 32 MiB behind
    reason = f"huge.yaml is {size} bytes, over the byte budget ({MAX_SPEC_BYTES} bytes)"
    assert_one_error_line(result, spec, Expected(exit=2, pointer="", reason=reason))


def nested(depth: int) -> str:
    """A spec whose one extension value is `depth` lists deep: valid JSON and YAML."""
    return (
        '{"swagger": "2.0", "info": {"title": "WidgetClient", "version": "1"},'
        ' "paths": {}, "x-nested": ' + "[" * depth + "]" * depth + "}\n"
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deeply_nested_spec_is_one_clear_line(
    suffix: str,
    in_repo: None,
    out_tree: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A few kB nested 2000 deep. Found by this test: RecursionError from json.loads and
    load.py::_to_json escaped as a traceback (exit 1). The parsers give up before the values
    reach the nesting budget, so there is no pointer."""
    spec = tmp_path / f"nested{suffix}"
    spec.write_text(nested(2000), encoding="utf-8")
    result = run_cli(capsys, *generate_args(spec, out_tree, "--spec"))
    expected = Expected(
        exit=2, pointer="", reason="nested more than 100 deep (the nesting budget)"
    )
    assert_one_error_line(result, spec, expected)


def test_very_deeply_nested_yaml_does_not_crash(out_tree: Path, tmp_path: Path) -> None:
    """200 kB of nested flow lists, in a subprocess. Found by this test: libyaml's loader
    (yaml.CSafeLoader) overflowed the C stack and the process died with SIGSEGV."""
    spec = tmp_path / "nested.yaml"
    spec.write_text(nested(100_000), encoding="utf-8")
    result = run_process(*generate_args(spec, out_tree, "--spec"))
    expected = Expected(exit=2, pointer="", reason="(the nesting budget)")
    assert_one_error_line(result, spec, expected)


def alias_bomb(levels: int) -> str:
    """A 'billion laughs' document: each level lists the previous one 9 times, by alias."""
    lines = [
        SPEC_HEAD.rstrip("\n"),
        "paths: {}",
        "x-l0: &l0 [" + ", ".join(["lol"] * 9) + "]",
    ]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"x-l{level}: &l{level} [{aliases}]")
    return "\n".join(lines) + "\n"


ALIAS_BOMB_TIMEOUT = 20.0
"""Generous for a loaded CI machine; unbounded expansion of this file takes many minutes."""


def test_yaml_alias_bomb_is_refused_quickly(out_tree: Path, tmp_path: Path) -> None:
    """470 bytes that expand to millions of values, in a subprocess with a timeout. Found by
    this test: aliases were expanded without limit (6 levels: over a minute; 5: 6 s), out of
    reach of the MAX_SPEC_BYTES check, which sees only the small file. Each alias is counted
    at its expanded size as it is read, so it stops where the value budget is reached.
    """
    spec = tmp_path / "bomb.yaml"
    spec.write_text(alias_bomb(6), encoding="utf-8")
    assert spec.stat().st_size < 512
    try:
        result = run_process(
            *generate_args(spec, out_tree, "--spec"),
            timeout=ALIAS_BOMB_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {ALIAS_BOMB_TIMEOUT} s")
    expected = Expected(
        exit=2,
        pointer="/x-l5/2",  # levels 0-4 and a third copy of level 4 in level 5: 274 029
        reason=f"more than {MAX_VALUES} values (the value budget) once YAML aliases",
    )
    assert_one_error_line(result, spec, expected)


def test_additional_properties_false_is_not_an_error(
    in_repo: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid Swagger 2.0 (a closed object). Found with this corpus: a TypeError traceback
    from model/build.py::_Builder._type, exit 1. Now it generates."""
    spec = tmp_path / "closed.yaml"
    spec.write_text(
        SPEC_HEAD + "paths:\n  /widgets:\n    get:\n      operationId: Widgets_List\n"
        "      responses:\n        '200':\n          description: The widgets.\n"
        "          schema: {$ref: '#/definitions/Widget'}\n"
        "definitions:\n  Widget:\n    type: object\n    properties:\n"
        "      labels: {type: object, additionalProperties: false}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_cli(capsys, *generate_args(spec, out, "--spec"))
    assert (result.code, result.err) == (0, "")
    assert "Traceback" not in result.out
