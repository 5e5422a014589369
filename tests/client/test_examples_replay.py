"""Microsoft's published examples, turned into cassettes by `python -m generator cassettes`,
replayed against a client generated from the same upstream file.

One client is generated from the whole 2024-07-01 upstream `virtualMachineScaleSet.json` (all
56 operations in their groups, with the project file's extensions, as `generate` does); the ten
operations whose examples are published in ../shared are replayed: nine long-running POSTs and
GetInstanceView, a GET returning nested models, enums and date-times. Every cassette listed in
the committed manifest is replayed strictly (record mode "none", matched on method, full URI and
body, every interaction played once); the test asserts the request the client sent and what the
call returned, field by field against the example.

Every directory under tests/cassettes/examples/ with a manifest is replayed the same way against
a client generated from its own upstream file, so the cassettes of a new api-version bring their
own tests. The upstream files live in ../shared; when they are missing these tests fail, they
do not skip.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import vcr

from generator.cassettes import MANIFEST as MANIFEST_FILE
from generator.cassettes import build_cassettes, render_cassettes
from generator.model import Api
from generator.model.entities import Kind, Operation, TypeRef
from generator.pipeline import generate_files, load_api, project_options
from generator.write import write_tree
from tests.helpers import FAKE_TOKEN, REPO_ROOT, FakeCredential, SentRequests
from tests.helpers.examples import (
    COMMITTED,
    ENTRIES,
    PROJECT_FILE,
    SUITE,
    SUITES,
    Clients,
    Suite,
)

REPLAYS = [(suite, entry) for suite in SUITES for entry in suite.manifest["cassettes"]]


@pytest.fixture(scope="session")
def ops_package(clients: Clients) -> ModuleType:
    """The whole-file 2024-07-01 client, generated into a temporary directory."""
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
        method = client
        for attribute in entry["method_name"].split("."):
            method = getattr(method, attribute)
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
        ops_package.ComputeManagementClient(
            FakeCredential(), **entry["client_arguments"], retry_total=0
        ) as client,
    ):
        view = client.virtual_machine_scale_sets.get_instance_view(**entry["arguments"])
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
    tree = generate_files(options, tmp_path / "client")
    write_tree(tree.files, tree.root)
    api = load_api(options.spec, options.operation_ids, options.hints)
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
                package.ComputeManagementClient(
                    credential, **entry["client_arguments"], raw_request_hook=sent
                ) as client,
            ):
                assert (
                    client.virtual_machine_scale_sets.begin_deallocate(
                        **call_arguments
                    ).result()
                    is None
                )
            assert cassette.all_played
            assert sent.requests[0].url == entry["request"]["url"]
        assert len(entries) == 4 and sentinels == 2
    finally:
        sys.path.remove(str(tmp_path / "client"))
        for name in [m for m in sys.modules if m.partition(".")[0] == package_name]:
            del sys.modules[name]
