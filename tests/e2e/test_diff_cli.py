"""`diff` on the command line: exit codes, formats, bad input, and git revisions as sources."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import write_spec
from tests.helpers.diff import (
    WIDGET,
    base_spec,
    new_version,
)

# --- command line ---------------------------------------------------------------------------


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def invoke(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(["diff", *map(str, args)])
        except SystemExit as exc:
            assert isinstance(exc.code, int)
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


NO_PROJECT = "project file: none, built-in safety hints only\n"
"""What diff says on stderr after a report when no --config is given."""


@pytest.fixture
def breaking_pair(tmp_path: Path) -> tuple[Path, Path]:
    new = new_version(base_spec())
    del new["paths"][WIDGET]["get"]
    return (
        write_spec(tmp_path / "old.yaml", base_spec()),
        write_spec(tmp_path / "new.json", new),
    )


def test_cli_exit_codes(
    cli: Callable[..., tuple[int, str, str]], breaking_pair: tuple[Path, Path]
) -> None:
    old, new = breaking_pair
    assert cli(old, new)[0] == 0
    assert cli(old, new, "--fail-on", "never")[0] == 0
    code, out, err = cli(old, new, "--fail-on", "breaking")
    assert (code, err) == (1, NO_PROJECT)
    assert "BREAKING      Widgets_Get" in out
    assert cli(old, old, "--fail-on", "breaking")[0] == 0


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_cli_formats(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    output_format: str,
) -> None:
    code, out, _ = cli(
        *breaking_pair, "--format", output_format, "--operation", "Widgets_Get"
    )
    assert code == 0
    if output_format == "json":
        document = json.loads(out)
        assert document["operations"] == ["Widgets_Get"]
        # NEW still defines the models and enum Widgets_Get used: not removed, no longer
        # reachable from the compared operation, because the operation went
        assert [
            (c["kind"], c["location"], c["caused_by"]) for c in document["changes"]
        ] == [
            ("api_version_changed", "api-version", []),
            ("operation_removed", "Widgets_Get", []),
            ("no_longer_reachable", "model CloudError", ["Widgets_Get"]),
            ("no_longer_reachable", "model Widget", ["Widgets_Get"]),
            ("no_longer_reachable", "model WidgetProperties", ["Widgets_Get"]),
            ("no_longer_reachable", "enum WidgetSize", ["Widgets_Get"]),
        ]
    else:
        assert "Widgets_Get" in out


def test_cli_code_option(
    cli: Callable[..., tuple[int, str, str]], breaking_pair: tuple[Path, Path]
) -> None:
    code, out, _ = cli(*breaking_pair, "--code")
    assert code == 0
    listing = next(
        line for line in out.splitlines() if line.startswith("Generated client: ")
    )
    assert "vmss_deallocate/_client.py (changed)" in listing
    assert "-    def get(" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("missing.yaml", "{new}"), r"^error: missing\.yaml#: file not found: "),
        (
            ("{old}", "{new}", "--operation", "Nope_Nope"),
            r"^error: no operation with operationId 'Nope_Nope' in ",
        ),
        (("git:", "{new}"), r"^error: git:: expected git:REV:path"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    arguments: tuple[str, ...],
    message: str,
) -> None:
    old, new = breaking_pair
    monkeypatch.chdir(old.parent)
    code, out, err = cli(*(a.format(old=old.name, new=new.name) for a in arguments))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and re.match(message, err), err


@pytest.mark.parametrize(
    "arguments",
    [("--format", "html"), ("--fail-on", "sometimes"), ()],
)
def test_cli_usage_errors_exit_2(
    cli: Callable[..., tuple[int, str, str]],
    breaking_pair: tuple[Path, Path],
    arguments: tuple[str, ...],
) -> None:
    old, new = breaking_pair
    positional = (old, new) if arguments else (old,)
    code, _, err = cli(*positional, *arguments)
    assert code == 2
    assert "usage:" in err


def test_cli_help(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for option in (
        "OLD",
        "NEW",
        "--operation",
        "--format",
        "--fail-on",
        "--code",
        "git:REV:path",
    ):
        assert option in out


# --- git revisions --------------------------------------------------------------------------


def _git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repository,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository whose spec takes its error model from a sibling file, by relative $ref."""
    root = tmp_path / "repo"
    spec = base_spec()
    common = {"definitions": {"CloudError": spec["definitions"].pop("CloudError")}}
    text = json.dumps(spec).replace(
        '"#/definitions/CloudError"', '"../common/types.json#/definitions/CloudError"'
    )
    (root / "spec").mkdir(parents=True)
    (root / "common").mkdir()
    (root / "spec" / "widgets.json").write_text(text, encoding="utf-8")
    (root / "common" / "types.json").write_text(json.dumps(common), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first")
    changed = json.loads(text)
    changed["info"]["version"] = "2024-06-01"
    del changed["paths"][WIDGET]["get"]
    common["definitions"]["CloudError"]["properties"]["target"] = {"type": "string"}
    (root / "spec" / "widgets.json").write_text(json.dumps(changed), encoding="utf-8")
    (root / "common" / "types.json").write_text(json.dumps(common), encoding="utf-8")
    monkeypatch.chdir(root)
    yield root


def test_git_revision_against_the_working_tree(
    cli: Callable[..., tuple[int, str, str]], repository: Path
) -> None:
    code, out, err = cli(
        "git:HEAD:spec/widgets.json",
        "spec/widgets.json",
        "--format",
        "json",
        "--fail-on",
        "breaking",
        "--spec-root",
        ".",
    )
    assert (code, err) == (1, NO_PROJECT)
    document = json.loads(out)
    assert document["old"] == {
        "spec": "git:HEAD:spec/widgets.json",
        "api_version": "2024-01-01",
    }
    assert [(c["kind"], c["location"]) for c in document["changes"]] == [
        ("api_version_changed", "api-version"),
        ("operation_removed", "Widgets_Get"),
        ("property_added", "model CloudError > property target"),
    ]


def test_git_paths_starting_with_dot_are_relative_to_the_working_directory(
    cli: Callable[..., tuple[int, str, str]],
    repository: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _git(repository, "commit", "-q", "-am", "second")
    monkeypatch.chdir(repository / "spec")
    code, out, _ = cli(
        "git:HEAD~1:./widgets.json", "git:HEAD:spec/widgets.json", "--spec-root", ".."
    )
    assert code == 0
    assert "Widgets_Get" in out


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("git:no-such-rev:spec/widgets.json", "unknown git revision 'no-such-rev'"),
        ("git:HEAD:spec/missing.json", "no file spec/missing.json at HEAD"),
        ("git:HEAD:../outside.json", "is outside the repository"),
    ],
)
def test_git_errors_are_one_line(
    cli: Callable[..., tuple[int, str, str]],
    repository: Path,
    reference: str,
    message: str,
) -> None:
    code, out, err = cli(reference, "spec/widgets.json")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {reference}: ") and message in err
    assert len(err.splitlines()) == 1


def test_git_spec_errors_name_the_revision_not_the_temporary_copy(
    cli: Callable[..., tuple[int, str, str]], repository: Path
) -> None:
    (repository / "spec" / "widgets.json").write_text("{not json", encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "broken")
    code, _, err = cli("git:HEAD:spec/widgets.json", "git:HEAD~1:spec/widgets.json")
    assert code == 2
    assert err.startswith("error: git:HEAD:spec/widgets.json#: invalid JSON"), err


def test_a_side_only_the_validator_refuses_is_named_as_the_user_named_it(
    cli: Callable[..., tuple[int, str, str]],
    repository: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both sides are validated in worker processes while the models are built; the verdicts
    still come first, the old side's before the new side's, labelled by revision."""
    from generator import validate

    monkeypatch.setattr(validate, "worker_pays", lambda: True)
    spec = repository / "spec" / "widgets.json"
    broken = json.loads(spec.read_text(encoding="utf-8"))
    del broken["paths"][WIDGET]["put"]["responses"]["200"]["description"]
    spec.write_text(json.dumps(broken), encoding="utf-8")
    _git(repository, "commit", "-q", "-am", "no description")
    pointer = f"/paths/{WIDGET.replace('/', '~1')}/put/responses/200"
    for old, new in [
        ("git:HEAD:spec/widgets.json", "git:HEAD~1:spec/widgets.json"),
        ("git:HEAD~1:spec/widgets.json", "git:HEAD:spec/widgets.json"),
    ]:
        code, out, err = cli(old, new, "--code", "--spec-root", ".")
        assert (code, out) == (2, "")
        assert err.startswith(f"error: git:HEAD:spec/widgets.json#{pointer}"), err
        assert len(err.splitlines()) == 1
    code, _, err = cli(
        "git:HEAD:spec/widgets.json", "spec/missing.json", "--spec-root", "."
    )
    assert err.startswith(f"error: git:HEAD:spec/widgets.json#{pointer}"), err


def test_outside_a_repository_git_references_fail_cleanly(
    cli: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, err = cli("git:HEAD:x.yaml", "x.yaml")
    assert code == 2
    assert err.startswith("error: git:HEAD:x.yaml: ") and len(err.splitlines()) == 1


# --- polymorphic specs ----------------------------------------------------------------------


def test_a_model_becoming_polymorphic_is_a_breaking_change(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    """NEW declares a discriminator on Widget and a subclass of it: diff compares the
    hierarchies (tests/unit/test_diff_polymorphism.py has every kind) and fails on it.
    """
    new = new_version(base_spec())
    new["definitions"]["Widget"]["discriminator"] = "name"
    new["definitions"]["Gadget"] = {"allOf": [{"$ref": "#/definitions/Widget"}]}
    old_file = write_spec(tmp_path / "old.yaml", base_spec())
    new_file = write_spec(tmp_path / "new.json", new)
    code, out, err = cli(
        old_file, new_file, "--fail-on", "breaking", "--format", "json"
    )
    assert (code, err) == (1, NO_PROJECT)
    kinds = {(c["kind"], c["rule_id"]) for c in json.loads(out)["changes"]}
    assert ("discriminator_changed", 1030) in kinds
    assert ("subtype_added", None) in kinds


def test_the_rule_table_prints_for_the_readme() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator.diff.rules"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("| Kind | What | Severity | openapi-diff rule |\n")
    assert "| `final_state_changed` |" in result.stdout


def test_a_project_files_renames_name_the_changes_as_its_client_does(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    """`diff --config` builds both sides as `generate` would with that project file: a
    renamed operation group is the call path the reviewer's callers write."""
    old = write_spec(tmp_path / "old.json", base_spec())
    changed = new_version(base_spec())
    del changed["paths"][WIDGET]["get"]
    new = write_spec(tmp_path / "new.json", changed)
    project = tmp_path / "codegen.yaml"
    project.write_text(
        "spec: old.json\nrenames:\n  operation-groups: {Widgets: Gadgets}\n",
        encoding="utf-8",
    )
    _, out, _ = cli(old, new)
    assert "client.widgets.get" in out
    _, renamed, err = cli("--config", project, old, new)
    assert "client.gadgets.get" in renamed and "client.widgets" not in renamed
    assert err.endswith(f"project file: {project}\n")
