"""Operation groups, as AutoRest and azure-mgmt-* make them: `Group_Name` is the method
`client.<group>.<name>`, an operationId without a group is a method of the client, the client's
class name comes from the spec, and a method depends on its own operation only."""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.errors import SpecError
from generator.load import LoadedSpec
from generator.model import Api, build_api
from generator.pipeline import open_spec
from generator.render import render_package
from tests.helpers import UPSTREAM_STABLE

FILES = [
    UPSTREAM_STABLE / "2024-07-01" / "virtualMachineScaleSet.json",
    UPSTREAM_STABLE / "2024-07-01" / "virtualMachine.json",
]


def methods(api: Api, package: str = "p") -> dict[tuple[str, str], str]:
    """Every operation method's code (rendered, before black), by (group, method)."""
    files = render_package(api, package)
    found = {}
    for path, text in files.items():
        in_group = path.parent == PurePosixPath(package, "operations")
        if not (in_group or path == PurePosixPath(package, "_client.py")):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                for member in node.body:
                    if not isinstance(member, ast.FunctionDef):
                        continue
                    if member.name.startswith("_") or member.name == "close":
                        continue  # the client's own methods, not an operation's
                    group = path.stem if in_group else ""
                    found[(group, member.name)] = ast.dump(member)
    return found


@pytest.fixture(scope="module", params=FILES, ids=lambda path: path.name)
def whole(request: pytest.FixtureRequest) -> tuple[LoadedSpec, Api]:
    spec = open_spec(request.param)
    return spec, build_api(spec)


def test_a_method_depends_only_on_its_own_operation(
    whole: tuple[LoadedSpec, Api],
) -> None:
    """Each operation alone and with every other operation of its file: the same method, in
    the same group, to the byte of its rendered code (docstring included)."""
    spec, api = whole
    every = methods(api)
    assert len(every) == len(api.operations)
    for operation in api.operations:
        alone = methods(build_api(spec, [operation.operation_id]))
        group = f"_{operation.group_attribute}" if operation.group_attribute else ""
        assert list(alone) == [(group, operation.method_name)]
        assert alone == {key: every[key] for key in alone}, operation.operation_id


def test_the_scale_set_and_the_vm_deallocate_live_in_their_own_groups() -> None:
    spec = open_spec(FILES[0])
    api = build_api(spec)
    calls = {op.operation_id: op.call_path for op in api.operations}
    assert calls["VirtualMachineScaleSets_Deallocate"] == (
        "client.virtual_machine_scale_sets.begin_deallocate"
    )
    assert calls["VirtualMachineScaleSetVMs_Deallocate"] == (
        "client.virtual_machine_scale_set_vms.begin_deallocate"
    )
    assert (
        calls["VirtualMachineScaleSets_Get"] == "client.virtual_machine_scale_sets.get"
    )
    assert not any(
        call.rsplit(".", 1)[1][-2:] in ("_2", "_3") for call in calls.values()
    )


def test_the_client_is_named_by_the_spec_not_by_the_operations_chosen() -> None:
    spec = open_spec(FILES[0])
    names = {
        build_api(spec, operations).client_name
        for operations in (
            ["VirtualMachineScaleSets_Deallocate"],
            ["VirtualMachineScaleSetVMs_Deallocate"],
            [
                "VirtualMachineScaleSets_Deallocate",
                "VirtualMachineScaleSetVMs_Deallocate",
            ],
            None,
        )
    }
    assert names == {"ComputeManagementClient"}


# --- small specs -----------------------------------------------------------------------------


def spec_with(paths: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "swagger": "2.0",
        "info": {"title": "Thing Service", "version": "2024-01-01"},
        "host": "management.azure.com",
        "paths": paths,
        **extra,
    }


def get(operation_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation_id,
            "responses": {"200": {"description": "OK."}},
            **extra,
        }
    }


def build(tmp_path: Path, document: dict[str, Any]) -> Api:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return build_api(open_spec(path))


def test_the_title_names_the_client_and_client_suffix_is_added(tmp_path: Path) -> None:
    api = build(tmp_path, spec_with({"/a": get("Things_Get")}))
    assert api.client_name == "ThingServiceClient"


def test_code_generation_settings_name_the_client(tmp_path: Path) -> None:
    document = spec_with({"/a": get("Things_Get")})
    document["info"]["x-ms-code-generation-settings"] = {
        "name": "WidgetManagementClient"
    }
    assert build(tmp_path, document).client_name == "WidgetManagementClient"


def test_x_ms_client_name_on_an_operation_renames_its_method(tmp_path: Path) -> None:
    document = spec_with(
        {
            "/a": get("Things_Get"),
            "/b": get("Things_GetOther", **{"x-ms-client-name": "Fetch"}),
        }
    )
    api = build(tmp_path, document)
    assert [op.call_path for op in api.operations] == [
        "client.things.get",
        "client.things.fetch",
    ]


def test_two_operations_that_would_be_one_method_are_refused_naming_both(
    tmp_path: Path,
) -> None:
    document = spec_with({"/a": get("Things_GetItem"), "/b": get("Things_Get_Item")})
    with pytest.raises(SpecError) as refused:
        build(tmp_path, document)
    assert refused.value.pointer == "/paths/~1b/get/operationId"
    assert refused.value.reason.startswith(
        "operations 'Things_GetItem' and 'Things_Get_Item' would both be the method"
        " 'get_item' of group 'Things'"
    )


def test_groups_that_differ_in_case_only_are_one_group(tmp_path: Path) -> None:
    """httpSuccess_Head200 and HttpSuccess_Get200 are one group, as AutoRest makes them,
    named by the first prefix in sorted order whatever the spec's order."""
    document = spec_with({"/a": get("things_Get"), "/b": get("Things_List")})
    api = build(tmp_path, document)
    assert [(group.name, group.attribute) for group in api.groups] == [
        ("Things", "things")
    ]
    assert [op.call_path for op in api.operations] == [
        "client.things.get",
        "client.things.list",
    ]


def test_a_method_of_the_client_cannot_take_a_group_s_attribute(tmp_path: Path) -> None:
    document = spec_with({"/a": get("Things_Get"), "/b": get("Things")})
    with pytest.raises(SpecError, match="would take the name of the operation group"):
        build(tmp_path, document)


def test_a_project_file_names_the_client_and_renames_a_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(spec_with({"/a": get("Things_Get")})), encoding="utf-8")
    project = tmp_path / "codegen.yaml"
    project.write_text(
        yaml.safe_dump(
            {
                "spec": "spec.json",
                "package-name": "things",
                "client-name": "ThingsApi",
                "extensions": {"Things_Get": {"x-ms-client-name": "Read"}},
            }
        ),
        encoding="utf-8",
    )
    assert (
        main(["generate", "--config", str(project), "--out", str(tmp_path / "out")])
        == 0
    )
    client = (tmp_path / "out" / "things" / "_client.py").read_text(encoding="utf-8")
    group = (tmp_path / "out" / "things" / "operations" / "_things.py").read_text(
        "utf-8"
    )
    assert "class ThingsApiClient:" in client
    assert "    def read(" in group


def test_a_bad_client_name_in_the_project_file_is_refused_at_its_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "codegen.yaml"
    project.write_text(
        yaml.safe_dump({"spec": "spec.json", "client-name": "x{__import__('os')}"}),
        encoding="utf-8",
    )
    assert main(["validate", "--config", str(project)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: {project}#/client-name: not a class name"
    )


def _project(tmp_path: Path, renames: Any) -> Path:
    thing = {"type": "object", "properties": {"id": {"type": "string"}}}
    answer = {"200": {"description": "OK.", "schema": {"$ref": "#/definitions/Thing"}}}
    document = spec_with(
        {"/a": get("Things_Get", responses=answer)}, definitions={"Thing": thing}
    )
    (tmp_path / "spec.json").write_text(json.dumps(document), encoding="utf-8")
    project = tmp_path / "codegen.yaml"
    project.write_text(
        yaml.safe_dump(
            {"spec": "spec.json", "package-name": "things", "renames": renames}
        ),
        encoding="utf-8",
    )
    return project


def test_a_project_file_renames_a_model_and_an_operation_group(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {"models": {"Thing": "Gadget"}, "operation-groups": {"Things": "Gizmos"}},
    )
    out = tmp_path / "out"
    assert main(["generate", "--config", str(project), "--out", str(out)]) == 0
    package = out / "things"
    models = (package / "models.py").read_text(encoding="utf-8")
    group = (package / "operations" / "_gizmos.py").read_text(encoding="utf-8")
    client = (package / "_client.py").read_text(encoding="utf-8")
    assert "class Gadget(_Model):" in models and "class Thing(" not in models
    assert "class GizmosOperations:" in group and "-> Gadget:" in group
    assert "self.gizmos = GizmosOperations(" in client


@pytest.mark.parametrize(
    ("renames", "pointer", "reason"),
    [
        (
            {"models": {"Thingy": "Gadget"}},
            "/renames/models/Thingy",
            "the spec has no model 'Thingy'",
        ),
        (
            {"operation-groups": {"Widgets": "Gizmos"}},
            "/renames/operation-groups/Widgets",
            "the spec has no operation group 'Widgets'",
        ),
        (
            {"models": {"Thing": "os.system"}},
            "/renames/models/Thing",
            "not a class name",
        ),
        (
            {"models": {"Thing": "ThingServiceClient"}},
            "/renames/models/Thing",
            "'ThingServiceClient' is already the name of another class",
        ),
        ({"types": {}}, "/renames/types", "unknown key"),
    ],
)
def test_a_bad_rename_is_refused_at_its_pointer(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    renames: Any,
    pointer: str,
    reason: str,
) -> None:
    project = _project(tmp_path, renames)
    out = tmp_path / "out"
    assert main(["generate", "--config", str(project), "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {project}#{pointer}: {reason}")
    assert not out.exists()
