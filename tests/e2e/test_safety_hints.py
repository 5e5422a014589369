"""The built-in safety hints and the project file, from any working directory.

The generator's own table (generator/hints.py) makes every upstream operation whose omitted body
acts on the whole scale set take `ALL_INSTANCES` on purpose, wherever the generator runs; a
project file applies only where it is meant to, says so, and can drop a built-in hint only by
naming its operation.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.hints import BUILTIN_HINTS
from generator.load import load_spec
from tests.helpers import GENERATED, REPO_ROOT, SPEC_FILE, UPSTREAM_STABLE

VERSIONS = sorted(path.name for path in UPSTREAM_STABLE.iterdir())
SENTINEL = "AllInstances"


def upstream(version: str) -> Path:
    return UPSTREAM_STABLE / version / "virtualMachineScaleSet.json"


def operation_ids(version: str) -> set[str]:
    paths = load_spec(upstream(version)).root.value["paths"]
    return {
        operation["operationId"]
        for item in paths.values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def run_generator(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def signatures(client: Path) -> dict[str, ast.arguments]:
    """Each public method of the generated client, by name."""
    tree = ast.parse(client.read_text(encoding="utf-8"))
    return {
        node.name: node.args
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }


def positional_annotations(arguments: ast.arguments) -> list[str]:
    return [ast.unparse(a.annotation) for a in arguments.args[1:] if a.annotation]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_hazardous_upstream_operation_requires_its_instances_from_anywhere(
    version: str, tmp_path: Path
) -> None:
    """Outside the repository, with no project file at all: each operation of the table that
    this api-version has takes its instances as a required argument or ALL_INSTANCES."""
    hazardous = sorted(set(BUILTIN_HINTS) & operation_ids(version))
    assert "VirtualMachineScaleSets_Deallocate" in hazardous
    operations = [word for op in hazardous for word in ("--operation", op)]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_generator(
        elsewhere, "generate", "--spec", upstream(version), "--out", "out", *operations
    )
    assert result.returncode == 0, result.stderr
    assert "project file: none, built-in safety hints only" in result.stdout
    methods = signatures(
        elsewhere
        / "out"
        / "vmss_deallocate"
        / "operations"
        / "_virtual_machine_scale_sets.py"
    )
    begins = {name: args for name, args in methods.items() if name.startswith("begin_")}
    assert len(begins) == len(hazardous)
    for name, arguments in begins.items():
        last = positional_annotations(arguments)[-1]
        assert last.endswith(f"| {SENTINEL}"), (name, last)
        assert not any(
            a.arg.endswith("instance_ids") or a.arg.endswith("reimage_input")
            for a in arguments.kwonlyargs
        ), name


def test_deallocate_is_the_same_from_the_repository_and_from_elsewhere(
    tmp_path: Path,
) -> None:
    spec = upstream("2024-07-01")
    args = ["--operation", "VirtualMachineScaleSets_Deallocate", "--package-name", "v"]
    here = run_generator(
        REPO_ROOT, "generate", "--spec", spec, "--out", tmp_path / "a", *args
    )
    there = run_generator(tmp_path, "generate", "--spec", spec, "--out", "b", *args)
    assert here.returncode == there.returncode == 0, here.stderr + there.stderr
    for name in (
        "operations/_virtual_machine_scale_sets.py",
        "models.py",
        "exceptions.py",
    ):
        a = (tmp_path / "a" / "v" / name).read_text(encoding="utf-8")
        b = (tmp_path / "b" / "v" / name).read_text(encoding="utf-8")
        assert a == b, name


def write_project(path: Path, **content: object) -> Path:
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return path


def deallocate_signature(out: Path) -> list[str]:
    methods = signatures(out / "p" / "operations" / "_virtual_machine_scale_sets.py")
    return positional_annotations(methods["begin_deallocate"])


def generate_deallocate(tmp_path: Path, *extra: str | Path) -> list[str]:
    out = tmp_path / "out"
    code = main(
        [
            "generate",
            "--spec",
            str(upstream("2024-07-01")),
            "--operation",
            "VirtualMachineScaleSets_Deallocate",
            "--package-name",
            "p",
            "--out",
            str(out),
            *map(str, extra),
        ]
    )
    assert code == 0
    return deallocate_signature(out)


def test_a_project_file_cannot_drop_a_safety_hint_by_overriding_the_parameter(
    tmp_path: Path,
) -> None:
    project = write_project(
        tmp_path / "codegen.yaml",
        extensions={
            "VirtualMachineScaleSets_Deallocate": {
                "vmInstanceIDs": {"x-ms-client-name": "machines"}
            }
        },
    )
    annotations = generate_deallocate(tmp_path, "--config", project)
    assert annotations[-1] == f"Sequence[str] | {SENTINEL}"


def test_a_project_file_drops_a_safety_hint_only_by_naming_the_operation(
    tmp_path: Path,
) -> None:
    project = write_project(
        tmp_path / "codegen.yaml",
        **{"without-builtin-hints": ["VirtualMachineScaleSets_Deallocate"]},
    )
    assert generate_deallocate(tmp_path, "--config", project) == ["str", "str"]


def test_a_project_file_hint_for_a_missing_parameter_names_where_it_came_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(
        tmp_path / "codegen.yaml",
        extensions={"VirtualMachineScaleSets_Deallocate": {"nope": {"x-a": 1}}},
    )
    spec, out = upstream("2024-07-01"), tmp_path / "out"
    code = main(
        ["generate", "--spec", str(spec), "--config", str(project), "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1
    assert "no parameter 'nope' for the hints of the project file" in err
    assert not out.exists()


def test_a_named_project_file_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.yaml"
    code = main(["validate", "--spec", str(SPEC_FILE), "--config", str(missing)])
    assert code == 2
    assert capsys.readouterr().err == f"error: project file not found: {missing}\n"


def test_the_repository_project_file_does_not_apply_to_another_spec(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """spec/codegen.yaml selects one operation of its own spec; another spec is read whole."""
    monkeypatch.chdir(REPO_ROOT)
    assert main(["validate"]) == 0
    own = capsys.readouterr().out
    assert own.endswith("1 operations, 5 models (project file: spec/codegen.yaml)\n")
    assert main(["validate", "--spec", str(upstream("2024-07-01"))]) == 0
    other = capsys.readouterr().out
    assert other.endswith("(project file: none, built-in safety hints only)\n")
    assert " 1 operations" not in other


def test_without_spec_or_project_file_the_user_is_told_what_to_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: no --spec given and no project file spec/codegen.yaml here;"
        " give --spec FILE or --config FILE\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_check_gives_the_same_verdict_from_any_folder(tmp_path: Path) -> None:
    """Headers name the spec relative to the output, so the output does not depend on the
    working directory, and the fix-it hint repeats the options as given."""
    options = ["--spec", SPEC_FILE, "--config", REPO_ROOT / "spec" / "codegen.yaml"]
    options += ["--out", GENERATED]
    for cwd in (REPO_ROOT, tmp_path, REPO_ROOT / "generator"):
        result = run_generator(cwd, "check", *options)
        assert result.returncode == 0, (cwd, result.stderr)
    copy = tmp_path / "copy"
    assert (
        run_generator(REPO_ROOT, "generate", *options[:4], "--out", copy).returncode
        == 0
    )
    (copy / "vmss_deallocate" / "models.py").write_text("# edited\n", encoding="utf-8")
    verdicts = [
        run_generator(cwd, "check", *options[:4], "--out", copy)
        for cwd in (REPO_ROOT, tmp_path)
    ]
    assert [v.returncode for v in verdicts] == [1, 1]
    hint = verdicts[1].stderr.splitlines()[-1]
    assert hint.endswith(
        f"run `python -m generator generate --spec {SPEC_FILE} --config"
        f" {REPO_ROOT / 'spec' / 'codegen.yaml'} --out {copy}`"
    ), hint
