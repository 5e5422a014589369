"""Microsoft's published spec files, used unchanged, generate the client (issue: regenerate from
upstream for every api-version)."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path, PurePosixPath
from types import ModuleType

import pytest

from generator.errors import SpecError
from generator.hints import Hints
from generator.pipeline import (
    GenerateOptions,
    generate_files,
    load_api,
    project_options,
)
from generator.write import write_tree
from tests.helpers import REPO_ROOT, TEN_OPERATIONS, UPSTREAM_STABLE

PROJECT_FILE = REPO_ROOT / "spec" / "codegen.yaml"

VERSIONS = ("2022-11-01", "2024-07-01", "2025-04-01")


def upstream(version: str) -> Path:
    path = UPSTREAM_STABLE / version / "virtualMachineScaleSet.json"
    assert (
        path.is_file()
    ), f"missing upstream spec {path}: is ../shared beside the repository?"
    return path


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def code_without_docs(text: str) -> str:
    """The AST of a module with every docstring and string-only statement removed."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            node.body = [  # type: ignore[attr-defined]
                statement
                for statement in body
                if not (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                )
            ] or [ast.Pass()]
    return ast.dump(tree)


def test_upstream_2024_07_01_gives_the_same_client_as_our_spec() -> None:
    """Descriptions differ (ours are our own words), so compare code, not docstrings."""
    ours = generate_files(project_options()).files
    theirs = generate_files(
        project_options(PROJECT_FILE, spec=upstream("2024-07-01"))
    ).files
    assert sorted(ours) == sorted(theirs)
    python_files = [path for path in ours if path.suffix == ".py"]
    assert len(python_files) == 18
    for path in python_files:
        assert code_without_docs(ours[path]) == code_without_docs(theirs[path]), path
    marker = PurePosixPath("vmss_deallocate/py.typed")
    assert [
        line for line in ours[marker].splitlines() if not line.startswith("#")
    ] == []
    assert [
        line for line in theirs[marker].splitlines() if not line.startswith("#")
    ] == []


def test_the_hints_add_nothing_that_our_spec_does_not_say_itself() -> None:
    """The built-in safety hints and the project file's change nothing in our spec, which
    declares the same hints itself: the three cannot drift apart."""
    plain = generate_files(GenerateOptions(hints=Hints())).files
    assert generate_files(GenerateOptions()).files == plain
    assert generate_files(project_options()).files == plain


def load_package(
    tmp_path: Path, version: str, operations: tuple[str, ...]
) -> ModuleType:
    package = f"vmss_{version.replace('-', '_')}_{len(operations)}"
    options = project_options(
        spec=upstream(version), package_name=package, operation_ids=operations
    )
    tree = generate_files(options, tmp_path / "out")
    write_tree(tree.files, tree.root)
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(tmp_path / "out"))


@pytest.mark.parametrize("version", VERSIONS)
def test_every_api_version_gives_a_deallocate_client_of_its_own(
    tmp_path: Path, version: str
) -> None:
    package = load_package(tmp_path, version, ("VirtualMachineScaleSets_Deallocate",))
    assert version == package.API_VERSION
    assert package.ComputeManagementClient.__name__ == "ComputeManagementClient"
    group = package.operations.VirtualMachineScaleSetsOperations
    parameters = group.begin_deallocate.__code__.co_varnames
    has_hibernate = "hibernate" in parameters
    api = load_api(upstream(version), ["VirtualMachineScaleSets_Deallocate"])
    wire_names = {p.wire_name for p in api.operations[0].parameters}
    assert has_hibernate == ("hibernate" in wire_names)
    assert has_hibernate == (version != "2022-11-01")
    assert package.ALL_INSTANCES is package.AllInstances.ALL_INSTANCES


def test_the_ten_operation_client(tmp_path: Path) -> None:
    package = load_package(tmp_path, "2024-07-01", TEN_OPERATIONS)
    client = package.ComputeManagementClient
    assert sorted(name for name in vars(client) if not name.startswith("_")) == [
        "close"
    ]
    group = package.operations.VirtualMachineScaleSetsOperations
    methods = sorted(name for name in vars(group) if not name.startswith("_"))
    assert methods == [
        "begin_deallocate",
        "begin_delete_instances",
        "begin_perform_maintenance",
        "begin_power_off",
        "begin_redeploy",
        "begin_reimage",
        "begin_reimage_all",
        "begin_restart",
        "begin_start",
        "get_instance_view",
    ]
    view = package.VirtualMachineScaleSetInstanceView.from_dict(
        {
            "statuses": [
                {
                    "code": "ProvisioningState/succeeded",
                    "level": "Info",
                    "time": "2026-11-24T09:02:00.1234567+00:00",
                },
                {"level": "Warning"},
            ],
            "virtualMachine": {
                "statusesSummary": [{"code": "PowerState/running", "count": 3}]
            },
        }
    )
    first, second = view.statuses
    assert first.level is package.StatusLevelTypes.INFO
    assert second.level is package.StatusLevelTypes.WARNING
    # StatusLevelTypes is `modelAsString: false`: a sealed enum, so a value it does not
    # list is refused (the client reports it as ServiceDecodeError).
    with pytest.raises(ValueError, match="SomethingNew"):
        package.InstanceViewStatus.from_dict({"level": "SomethingNew"})
    assert (
        first.time.microsecond == 123456 and first.time.utcoffset().total_seconds() == 0
    )
    assert view.virtual_machine.statuses_summary[0].count == 3
    assert issubclass(
        package.VirtualMachineScaleSetReimageParameters,
        package.VirtualMachineScaleSetVMReimageParameters,
    )


def test_unsupported_constructs_are_named_with_their_pointer(tmp_path: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(
        """
swagger: "2.0"
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: Pets_List
      responses:
        "200":
          description: ok
          schema:
            type: object
            discriminator: kind
            required: [kind]
            properties: {kind: {type: string}}
""",
        encoding="utf-8",
    )
    with pytest.raises(
        SpecError,
        match=r"pets\.yaml#/paths/~1pets/get/responses/200/schema/discriminator:"
        r" 'discriminator' is not supported yet",
    ):
        load_api(spec)
