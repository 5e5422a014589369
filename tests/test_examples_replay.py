"""Microsoft's published examples, turned into cassettes by `python -m generator cassettes`,
replayed against a client generated from the same upstream file.

One client is generated from the 2024-07-01 upstream `virtualMachineScaleSet.json` (with the
project file's extensions, as `generate` does) for ten operations: nine long-running POSTs and
GetInstanceView, a GET returning nested models, enums and date-times. Every cassette listed in
the committed manifest is replayed strictly (record mode "none", matched on method, full URI and
body, every interaction played once); the test asserts the request the client sent and what the
call returned, field by field against the example.

The committed cassettes must be exactly what the command writes now, so a generator change or a
new example shows up as a failing test. Every directory under tests/cassettes/examples/ with a
manifest is replayed the same way against a client generated from its own upstream file, so the
cassettes of a new api-version bring their own tests. The upstream files live in ../shared; when
they are missing these tests fail, they do not skip.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import vcr

from generator.cassettes import MANIFEST as MANIFEST_FILE
from generator.cassettes import build_cassettes, render_cassettes
from generator.cli import main
from generator.model import Api
from generator.model.entities import Kind, Operation, TypeRef
from generator.pipeline import generate_files, load_api, project_options
from generator.write import read_tree, write_tree
from tests.helpers import (
    CASSETTES,
    FAKE_TOKEN,
    REPO_ROOT,
    TEN_OPERATIONS,
    UPSTREAM_STABLE,
    FakeCredential,
    SentRequests,
)

API_VERSION = "2024-07-01"
UPSTREAM_FILE = UPSTREAM_STABLE / API_VERSION / "virtualMachineScaleSet.json"
EXAMPLES_DIR = UPSTREAM_FILE.parent / "examples" / "virtualMachineScaleSetExamples"
PROJECT_FILE = REPO_ROOT / "spec" / "codegen.yaml"
COMMITTED = CASSETTES / "examples" / API_VERSION
OPERATIONS = TEN_OPERATIONS
MISSING_EXAMPLES = {
    "VirtualMachineScaleSet_Redeploy_MinimumSet_Gen.json": "VirtualMachineScaleSets_Redeploy",
    "VirtualMachineScaleSet_Reimage_MaximumSet_Gen.json": "VirtualMachineScaleSets_Reimage",
    "VirtualMachineScaleSet_ReimageAll_MinimumSet_Gen.json": (
        "VirtualMachineScaleSets_ReimageAll"
    ),
}
"""Named by the 2024-07-01 spec's x-ms-examples but absent from ../shared."""


@dataclass(frozen=True)
class Suite:
    """One directory of committed cassettes: the examples of one upstream api-version."""

    directory: Path
    manifest: Mapping[str, Any]

    @property
    def api_version(self) -> str:
        return str(self.manifest["api_version"])

    @property
    def upstream_file(self) -> Path:
        return UPSTREAM_STABLE / self.api_version / str(self.manifest["spec"])

    @property
    def operations(self) -> tuple[str, ...]:
        listed = [*self.manifest["cassettes"], *self.manifest["skipped"]]
        return tuple(sorted({item["operation_id"] for item in listed}))

    @property
    def package(self) -> str:
        return "vmss_ops_" + self.api_version.replace("-", "_")

    @property
    def command(self) -> list[str]:
        """The command that wrote the directory, minus `--out`."""
        return [
            "cassettes",
            "--spec",
            str(self.upstream_file),
            "--config",
            str(PROJECT_FILE),
            *(argument for op in self.operations for argument in ("--operation", op)),
        ]

    def require_upstream(self) -> None:
        if not self.upstream_file.is_file():
            pytest.fail(
                f"{self.upstream_file} is missing: check out azure-rest-api-specs in "
                "../shared",
                pytrace=False,
            )


SUITES = tuple(
    Suite(directory, json.loads((directory / MANIFEST_FILE).read_text("utf-8")))
    for directory in sorted((CASSETTES / "examples").iterdir())
    if (directory / MANIFEST_FILE).is_file()
)
"""Every api-version whose cassettes are committed: a new directory brings its own tests."""
SUITE = next(suite for suite in SUITES if suite.directory == COMMITTED)
ENTRIES: list[dict[str, Any]] = SUITE.manifest["cassettes"]
REPLAYS = [(suite, entry) for suite in SUITES for entry in suite.manifest["cassettes"]]


def require_upstream() -> None:
    SUITE.require_upstream()


@dataclass
class Clients:
    """Each suite's client, generated from its upstream file once per session, and its Api."""

    root: Path
    loaded: dict[Path, tuple[Api, ModuleType]] = field(default_factory=dict)

    def get(self, suite: Suite) -> tuple[Api, ModuleType]:
        if suite.directory not in self.loaded:
            suite.require_upstream()
            options = project_options(
                PROJECT_FILE,
                spec=suite.upstream_file,
                package_name=suite.package,
                operation_ids=suite.operations,
            )
            out = self.root / suite.package
            write_tree(generate_files(options), out)
            sys.path.insert(0, str(out))
            api = load_api(options.spec, options.operation_ids, options.extensions)
            package = importlib.import_module(suite.package)
            self.loaded[suite.directory] = (api, package)
        return self.loaded[suite.directory]

    def close(self) -> None:
        """Leave sys.path and sys.modules as they were for the rest of the session."""
        packages = {package.__name__ for _, package in self.loaded.values()}
        sys.path[:] = [entry for entry in sys.path if Path(entry).parent != self.root]
        for name in [m for m in sys.modules if m.partition(".")[0] in packages]:
            del sys.modules[name]


@pytest.fixture(scope="session")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clients]:
    generated = Clients(tmp_path_factory.mktemp("clients"))
    try:
        yield generated
    finally:
        generated.close()


@pytest.fixture(scope="session")
def upstream_api(clients: Clients) -> Api:
    """The model the 2024-07-01 client is generated from: wire names to Python names."""
    return clients.get(SUITE)[0]


@pytest.fixture(scope="session")
def ops_package(clients: Clients) -> ModuleType:
    """The ten-operation 2024-07-01 client, generated into a temporary directory."""
    return clients.get(SUITE)[1]


def arguments(value: Any, package: ModuleType) -> Any:
    """Manifest JSON to call arguments: `$sentinel` and `$model` markers become objects."""
    if isinstance(value, dict):
        if set(value) == {"$sentinel"}:
            return getattr(package, value["$sentinel"])
        if set(value) == {"$model", "value"}:
            return getattr(package, value["$model"]).from_dict(value["value"])
        return {key: arguments(item, package) for key, item in value.items()}
    if isinstance(value, list):
        return [arguments(item, package) for item in value]
    return value


def operation(api: Api, operation_id: str) -> Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def parse_datetime(text: str) -> datetime:
    """Independent of the client's parser: `Z`, and at most 6 fractional digits kept."""
    text = text.replace("Z", "+00:00").replace("z", "+00:00")
    head, dot, rest = text.partition(".")
    if dot:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[:digits][:6].ljust(6, '0')}{rest[digits:]}"
    return datetime.fromisoformat(text)


def assert_carries(
    api: Api, package: ModuleType, type_ref: TypeRef, wire: Any, value: Any, where: str
) -> None:
    """`value`, returned by the client, holds what the example's JSON `wire` says."""
    if wire is None:
        assert value is None, where
        return
    if type_ref.kind is Kind.MODEL:
        assert type_ref.model is not None
        model = api.model(type_ref.model)
        assert isinstance(value, getattr(package, model.class_name)), where
        assert isinstance(wire, dict), where
        properties = {p.wire_name: p for p in api.all_properties(model.name)}
        assert set(wire) <= set(properties), f"{where}: not in the model"
        for wire_name, prop in properties.items():
            field = getattr(value, prop.python_name)
            if wire_name in wire:
                inner = f"{where}.{wire_name}"
                assert_carries(api, package, prop.type, wire[wire_name], field, inner)
            else:
                assert field is None, f"{where}.{wire_name} is not in the example"
    elif type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        assert isinstance(value, list) and len(value) == len(wire), where
        for index, (wire_item, item) in enumerate(zip(wire, value, strict=True)):
            inner = f"{where}[{index}]"
            assert_carries(api, package, type_ref.item, wire_item, item, inner)
    elif type_ref.kind is Kind.DICT and type_ref.item is not None:
        assert isinstance(value, dict) and set(value) == set(wire), where
        for key, wire_item in wire.items():
            inner = f"{where}[{key!r}]"
            assert_carries(api, package, type_ref.item, wire_item, value[key], inner)
    elif type_ref.kind is Kind.STRING and type_ref.format == "date-time":
        assert isinstance(value, datetime), where
        assert value == parse_datetime(wire), where
    elif type_ref.enum_values or type_ref.enum_name:
        assert getattr(value, "value", value) == wire, where
        assert str(value) == wire, where
    else:
        assert value == wire and type(value) is type(wire), where


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
    ("suite", "entry"),
    REPLAYS,
    ids=[
        f"{s.api_version}/{entry['file'].removesuffix('.yaml')}" for s, entry in REPLAYS
    ],
)
def test_example_replays_against_the_generated_client(
    suite: Suite,
    entry: dict[str, Any],
    clients: Clients,
    credential: FakeCredential,
    sent: SentRequests,
    sleeps: list[float],
) -> None:
    api, package = clients.get(suite)
    spec_operation = operation(api, entry["operation_id"])
    recorder = vcr.VCR(
        cassette_library_dir=str(suite.directory),
        record_mode="none",
        match_on=["method", "uri", "body"],
    )
    with (
        recorder.use_cassette(entry["file"], allow_playback_repeats=False) as cassette,
        getattr(package, api.client_name)(
            credential,
            **entry["client_arguments"],
            raw_request_hook=sent,
            retry_total=0,
        ) as client,
    ):
        method = getattr(client, entry["method_name"])
        outcome = method(**arguments(entry["arguments"], package))
        result = outcome.result() if spec_operation.long_running else outcome
    assert cassette.all_played
    assert len(sent.requests) == len(cassette.data)

    first, expected = sent.requests[0], entry["request"]
    assert (first.method, first.url) == (expected["method"], expected["url"])
    assert first.headers["Authorization"] == f"Bearer {FAKE_TOKEN}"
    if expected["json"] is None:
        assert not first.content
        assert "Content-Type" not in first.headers
    else:
        assert first.headers["Content-Type"] == "application/json"
        assert json.loads(first.content) == expected["json"]

    if entry["result"] is None:
        assert result is None
    else:
        response_type = next(
            r.type for r in spec_operation.success_responses if r.status == "200"
        )
        assert response_type is not None
        assert_carries(api, package, response_type, entry["result"], result, "result")


def test_get_instance_view_returns_nested_models_enums_and_date_times(
    ops_package: ModuleType,
) -> None:
    """The maximum-set example, spelled out, so the walk above is known to look deep."""
    entry = next(
        e
        for e in ENTRIES
        if e["file"].startswith("VirtualMachineScaleSet_GetInstanceView_Max")
    )
    recorder = vcr.VCR(cassette_library_dir=str(COMMITTED), record_mode="none")
    with (
        recorder.use_cassette(entry["file"], allow_playback_repeats=False),
        ops_package.VirtualMachineScaleSetsClient(
            FakeCredential(), **entry["client_arguments"], retry_total=0
        ) as client,
    ):
        view = client.get_instance_view(**entry["arguments"])
    status = view.statuses[0]
    assert status.level is ops_package.StatusLevelTypes.INFO
    assert status.time == datetime.fromisoformat("2021-11-30T12:58:26.526+00:00")
    assert view.virtual_machine.statuses_summary[0].count == 21
    assert view.extensions[0].statuses_summary[0].code == "aa"
    service = view.orchestration_services[0]
    assert (
        service.service_name is ops_package.OrchestrationServiceNames.AUTOMATIC_REPAIRS
    )
    assert service.service_state is ops_package.OrchestrationServiceState.NOT_RUNNING


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
    named = {ref.file for op in upstream_api.operations for ref in op.examples}
    present = {file.stem for file in named if file.is_file()}
    assert len(named) == 2 * len(OPERATIONS)
    assert len(present) == len(named) - len(MISSING_EXAMPLES)
    assert {path.name.partition("__")[0] for path in out.glob("*.yaml")} == present


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


def test_replay_of_our_own_spec_passes_the_sentinel_and_flattened_arguments(
    tmp_path: Path,
    credential: FakeCredential,
    sent: SentRequests,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The project's own Deallocate spec: a flattened body with `ALL_INSTANCES`, no upstream."""
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    spec = REPO_ROOT / "spec" / "compute-vmss-deallocate.yaml"
    package_name = "vmss_deallocate_examples"
    options = project_options(PROJECT_FILE, spec=spec, package_name=package_name)
    write_tree(generate_files(options), tmp_path / "client")
    api = load_api(options.spec, options.operation_ids, options.extensions)
    files = render_cassettes(build_cassettes(api, spec))
    write_tree(files, tmp_path / "cassettes")
    entries = json.loads(files[MANIFEST_FILE])["cassettes"]
    sys.path.insert(0, str(tmp_path / "client"))
    try:
        package = importlib.import_module(package_name)
        recorder = vcr.VCR(
            cassette_library_dir=str(tmp_path / "cassettes"),
            record_mode="none",
            match_on=["method", "uri", "body"],
        )
        sentinels = 0
        for entry in entries:
            sent.requests.clear()
            call_arguments = arguments(entry["arguments"], package)
            sentinels += call_arguments["instance_ids"] is package.ALL_INSTANCES
            with (
                recorder.use_cassette(
                    entry["file"], allow_playback_repeats=False
                ) as cassette,
                package.VirtualMachineScaleSetsClient(
                    credential, **entry["client_arguments"], raw_request_hook=sent
                ) as client,
            ):
                assert client.begin_deallocate(**call_arguments).result() is None
            assert cassette.all_played
            assert sent.requests[0].url == entry["request"]["url"]
        assert len(entries) == 4 and sentinels == 2
    finally:
        sys.path.remove(str(tmp_path / "client"))
        for name in [m for m in sys.modules if m.partition(".")[0] == package_name]:
            del sys.modules[name]
