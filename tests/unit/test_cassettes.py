"""`python -m generator cassettes`: Microsoft's published examples turned into cassettes.

The committed cassettes (tests/cassettes/examples/, one directory per api-version) must be
exactly what the command writes now, so a generator change or a new example shows up as a
failing test; examples the spec names but that are missing or malformed are warnings, and the
rest still run. The upstream files live in ../shared; when they are missing these tests fail,
they do not skip. tests/client/test_examples_replay.py replays the cassettes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cassettes import build_cassettes, render_cassettes
from generator.cli import main
from generator.model import Api
from generator.write import read_tree, write_tree
from tests.helpers import FAKE_TOKEN, REPO_ROOT, TEN_OPERATIONS
from tests.helpers.examples import (
    COMMITTED,
    ENTRIES,
    SUITE,
    SUITES,
    UPSTREAM_FILE,
    Clients,
    Suite,
)

EXAMPLES_DIR = UPSTREAM_FILE.parent / "examples" / "virtualMachineScaleSetExamples"
OPERATIONS = TEN_OPERATIONS
MISSING_EXAMPLES = {
    "VirtualMachineScaleSet_Redeploy_MinimumSet_Gen.json": "VirtualMachineScaleSets_Redeploy",
    "VirtualMachineScaleSet_Reimage_MaximumSet_Gen.json": "VirtualMachineScaleSets_Reimage",
    "VirtualMachineScaleSet_ReimageAll_MinimumSet_Gen.json": (
        "VirtualMachineScaleSets_ReimageAll"
    ),
}
"""Named by the 2024-07-01 spec's x-ms-examples but absent from ../shared."""


def require_upstream() -> None:
    SUITE.require_upstream()


@pytest.fixture(scope="session")
def upstream_api(clients: Clients) -> Api:
    """The model the 2024-07-01 client is generated from: wire names to Python names."""
    return clients.get(SUITE)[0]


def test_the_manifest_covers_every_example_of_the_ten_operations() -> None:
    require_upstream()
    made = {(e["operation_id"], e["example"]) for e in ENTRIES}
    skipped = {
        (s["operation_id"], Path(s["example"]).name) for s in SUITE.manifest["skipped"]
    }
    assert skipped == {(op, name) for name, op in MISSING_EXAMPLES.items()}
    assert {op for op, _ in made} == set(OPERATIONS)
    assert len(ENTRIES) == 32
    for entry in ENTRIES:
        assert (UPSTREAM_FILE.parent / entry["example"]).is_file(), entry["file"]
        assert (COMMITTED / entry["file"]).is_file(), entry["file"]


@pytest.mark.parametrize(
    "suite", SUITES, ids=[suite.directory.name for suite in SUITES]
)
def test_committed_cassettes_are_what_the_command_writes_now(
    suite: Suite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suite.require_upstream()
    out = tmp_path / "cassettes"
    assert main([*suite.command, "--out", str(out)]) == 0
    capsys.readouterr()
    written, committed = read_tree(out), read_tree(suite.directory)
    changed = sorted(
        str(path)
        for path in written.keys() | committed.keys()
        if written.get(path) != committed.get(path)
    )
    directory = suite.directory.relative_to(REPO_ROOT)
    assert not changed, (
        f"{directory} is stale ({', '.join(changed)}): run "
        f"python -m generator {' '.join(suite.command)} --out {directory}"
    )


def test_missing_example_files_are_warnings_and_the_rest_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], upstream_api: Api
) -> None:
    for name in MISSING_EXAMPLES:
        assert not (EXAMPLES_DIR / name).exists(), f"{name} is back upstream"
    out = tmp_path / "cassettes"
    assert main([*SUITE.command, "--out", str(out)]) == 0
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == len(MISSING_EXAMPLES)
    for line, (name, operation_id) in zip(
        sorted(errors), sorted(MISSING_EXAMPLES.items()), strict=True
    ):
        assert line.startswith("warning: ") and f"/{name}: " in line, line
        assert "example file not found" in line and operation_id in line, line
    named = {
        ref.file
        for op in upstream_api.operations
        if op.operation_id in OPERATIONS
        for ref in op.examples
    }
    present = {file.stem for file in named if file.is_file()}
    assert len(named) == 2 * len(OPERATIONS)
    assert len(present) == len(named) - len(MISSING_EXAMPLES)
    assert {path.name.partition("__")[0] for path in out.glob("*.yaml")} == present


def test_every_example_present_for_any_operation_of_the_file_is_replayed(
    upstream_api: Api,
) -> None:
    """The suite's operations are exactly those of the whole file whose examples exist, so
    the one client of the file replays every published example there is."""
    with_examples = {
        op.operation_id
        for op in upstream_api.operations
        if any(ref.file.is_file() for ref in op.examples)
    }
    assert len(upstream_api.operations) == 56
    assert with_examples == set(OPERATIONS)


def test_a_malformed_example_is_a_warning_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy of our own spec and its examples, one of them broken in two ways in turn."""
    spec_dir = tmp_path / "spec"
    shutil.copytree(REPO_ROOT / "spec", spec_dir)
    broken = (
        spec_dir / "examples" / "VirtualMachineScaleSets_Deallocate_MaximumSet.json"
    )
    good_stem = "VirtualMachineScaleSets_Deallocate_MinimumSet"
    for content, reason in (
        ('{"parameters": {"resourceGroupName": ', "malformed example: invalid JSON"),
        ('{"parameters": {}, "responses": []}', "malformed example: no 'responses'"),
    ):
        broken.write_text(content, encoding="utf-8")
        out = tmp_path / "out"
        assert (
            main(
                [
                    "cassettes",
                    "--spec",
                    str(spec_dir / "compute-vmss-deallocate.yaml"),
                    "--config",
                    str(spec_dir / "codegen.yaml"),
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        [line] = capsys.readouterr().err.splitlines()
        assert line.startswith("warning: ") and broken.name in line, line
        assert reason in line and "VirtualMachineScaleSets_Deallocate" in line, line
        assert sorted(path.name for path in out.iterdir()) == [
            ".armgen-manifest.json",  # what the generator wrote there
            f"{good_stem}__200.yaml",
            f"{good_stem}__202.yaml",
            "manifest.json",
        ]
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert [s["example"] for s in manifest["skipped"]] == [
            f"examples/{broken.name}"
        ]


def test_nothing_to_replay_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(REPO_ROOT / "spec", spec_dir)
    shutil.rmtree(spec_dir / "examples")
    out = tmp_path / "out"
    command = ["cassettes", "--spec", str(spec_dir / "compute-vmss-deallocate.yaml")]
    assert (
        main([*command, "--config", str(spec_dir / "codegen.yaml"), "--out", str(out)])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("warning: ") == 2 and "error: " in err
    assert not out.exists()


def test_output_is_deterministic(tmp_path: Path, upstream_api: Api) -> None:
    """Same bytes twice in one process, and once more in a process with another hash seed."""
    for run in ("first", "second"):
        files = render_cassettes(build_cassettes(upstream_api, UPSTREAM_FILE))
        assert write_tree(files, tmp_path / run)
    assert read_tree(tmp_path / "first") == read_tree(tmp_path / "second")
    assert not write_tree(files, tmp_path / "first"), "a rewrite changed nothing"
    for content in read_tree(tmp_path / "first").values():
        assert content.endswith(b"\n") and b"\r" not in content
    out = tmp_path / "subprocess"
    environment = {**os.environ, "PYTHONHASHSEED": "4242"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *SUITE.command, "--out", str(out)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert read_tree(out) == read_tree(COMMITTED)


def test_example_cassettes_hold_no_credentials() -> None:
    for cassette in sorted(COMMITTED.glob("*.yaml")):
        text = cassette.read_text(encoding="utf-8")
        assert "authorization" not in text.lower(), cassette.name
        assert FAKE_TOKEN not in text and "Bearer" not in text, cassette.name
