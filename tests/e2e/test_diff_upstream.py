"""`diff` on Microsoft's published virtualMachineScaleSet.json, version against version.

The expected changes were read off the upstream files themselves (2022-11-01, 2024-07-01,
2025-04-01). Each load of the big file spends ~0.3 s in validation, so every (version,
selection) is loaded once per module and the tests compare the cached models.

Whole-file diffs need every schema construct of the 56 operations, allOf included: should the
model stage stop building one, those tests fail with its error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import Change, ChangeKind, compare_apis, diff_specs, load_side
from generator.hints import Hints
from generator.model import Api
from tests.helpers import REPO_ROOT, UPSTREAM_STABLE

DEALLOCATE = "VirtualMachineScaleSets_Deallocate"
HIBERNATE = f"{DEALLOCATE} > parameter hibernate (query)"
Loader = Callable[..., Api]


def upstream_file(version: str) -> Path:
    file = UPSTREAM_STABLE / version / "virtualMachineScaleSet.json"
    if not file.is_file():
        pytest.fail(
            f"upstream spec not found: {file}. These tests need Microsoft's published specs in"
            f" {UPSTREAM_STABLE.parents[4]}; they fail rather than skip without it."
        )
    return file


@pytest.fixture(scope="module")
def load() -> Loader:
    """The Api of one upstream version, whole or restricted to some operations; cached."""
    cache: dict[tuple[str, tuple[str, ...] | None], Api] = {}

    def get(version: str, *operations: str) -> Api:
        key = (version, operations or None)
        if key not in cache:
            cache[key] = load_side(str(upstream_file(version)), key[1]).api
        return cache[key]

    return get


def kinds(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    return [(c.kind.value, c.location) for c in changes]


# --- the Deallocate operation ---------------------------------------------------------------


def test_deallocate_2022_to_2024_adds_the_optional_hibernate_query_parameter(
    load: Loader,
) -> None:
    changes = compare_apis(
        load("2022-11-01", DEALLOCATE), load("2024-07-01", DEALLOCATE)
    )
    assert kinds(changes) == [
        ("api_version_changed", "api-version"),
        ("parameter_added", HIBERNATE),
    ]
    version, hibernate = changes
    assert (version.old, version.new, version.breaking) == (
        "2022-11-01",
        "2024-07-01",
        False,
    )
    assert hibernate.severity.value == "non-breaking"
    assert (hibernate.rule_id, hibernate.rule_name) == (1043, "AddingOptionalParameter")
    assert (hibernate.old, hibernate.new) == (None, "boolean")
    assert hibernate.message == "optional query parameter 'hibernate' (boolean) added"
    assert hibernate.path == (
        "/paths/~1subscriptions~1{subscriptionId}~1resourceGroups~1{resourceGroupName}"
        "~1providers~1Microsoft.Compute~1virtualMachineScaleSets~1{vmScaleSetName}"
        "~1deallocate/post/parameters/hibernate"
    )
    assert "begin_deallocate() takes a new keyword argument hibernate" in (
        hibernate.caller_impact
    )


def test_deallocate_2024_to_2025_changes_only_the_api_version(load: Loader) -> None:
    changes = compare_apis(
        load("2024-07-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert kinds(changes) == [("api_version_changed", "api-version")]


def test_deallocate_2022_to_2025_is_the_sum_of_both_steps(load: Loader) -> None:
    changes = compare_apis(
        load("2022-11-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert kinds(changes) == [
        ("api_version_changed", "api-version"),
        ("parameter_added", HIBERNATE),
    ]
    assert not any(change.breaking for change in changes)


def test_deallocate_backwards_removes_hibernate_and_breaks(load: Loader) -> None:
    changes = compare_apis(
        load("2024-07-01", DEALLOCATE), load("2022-11-01", DEALLOCATE)
    )
    assert [(c.kind.value, c.severity.value, c.rule_name) for c in changes] == [
        ("api_version_changed", "non-breaking", "VersionsReversed"),
        ("parameter_removed", "breaking", "RemovedOptionalParameter"),
    ]


def test_deallocate_against_itself_reports_nothing(load: Loader) -> None:
    api = load("2024-07-01", DEALLOCATE)
    assert compare_apis(api, api) == ()


def test_cli_markdown_and_code_for_deallocate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "diff",
            str(upstream_file("2022-11-01")),
            str(upstream_file("2024-07-01")),
            "--operation",
            DEALLOCATE,
            "--format",
            "markdown",
            "--code",
            "--fail-on",
            "breaking",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(
        "### armgen diff: 2 changes, none breaking (api-version 2022-11-01 \u2192 2024-07-01)"
    )
    assert (
        f"| non-breaking | `{HIBERNATE}` | optional query parameter 'hibernate' (boolean)"
        " added | 1043 AddingOptionalParameter |"
    ) in out
    code_diff = out.split("<details>", 1)[1]
    added = [line for line in code_diff.splitlines() if line.startswith("+ ")]
    assert any("hibernate: bool | None = None" in line for line in added)
    assert '+API_VERSION: Final = "2024-07-01"' in code_diff
    assert not any(
        "sha256" in line for line in code_diff.splitlines() if line[:1] in "+-"
    )


# --- whole files ----------------------------------------------------------------------------


def test_whole_file_2022_to_2024(load: Loader) -> None:
    changes = compare_apis(load("2022-11-01"), load("2024-07-01"))
    found = kinds(changes)
    assert found[0] == ("api_version_changed", "api-version")
    assert {c.location for c in changes if c.kind.value == "operation_added"} == {
        "VirtualMachineScaleSetVMs_ApproveRollingUpgrade",
        "VirtualMachineScaleSetVMs_AttachDetachDataDisks",
        "VirtualMachineScaleSets_ApproveRollingUpgrade",
        "VirtualMachineScaleSets_Reapply",
    }
    assert not any(c.kind.value == "operation_removed" for c in changes)
    assert {c.location for c in changes if c.kind.value == "parameter_added"} == {
        HIBERNATE,
        *(
            f"{operation} > parameter {header} (header)"
            for operation in (
                "VirtualMachineScaleSets_CreateOrUpdate",
                "VirtualMachineScaleSets_Update",
                "VirtualMachineScaleSetVMs_Update",
            )
            for header in ("If-Match", "If-None-Match")
        ),
    }
    hibernate = next(c for c in changes if c.location == HIBERNATE)
    assert (hibernate.severity.value, hibernate.rule_id) == ("non-breaking", 1043)
    # The only breaking changes: two Update models stopped extending SubResource, losing `id`.
    assert sorted(kinds(tuple(c for c in changes if c.breaking))) == [
        ("model_bases_changed", "model VirtualMachineScaleSetUpdateIPConfiguration"),
        (
            "model_bases_changed",
            "model VirtualMachineScaleSetUpdateNetworkConfiguration",
        ),
        (
            "property_removed",
            "model VirtualMachineScaleSetUpdateIPConfiguration > property id",
        ),
        (
            "property_removed",
            "model VirtualMachineScaleSetUpdateNetworkConfiguration > property id",
        ),
    ]
    etag = next(
        c
        for c in changes
        if c.location == "model VirtualMachineScaleSet > property etag"
    )
    assert (etag.kind.value, etag.rule_name) == (
        "property_added",
        "AddedReadOnlyPropertyInResponse",
    )
    create_option = next(
        c for c in changes if c.location == "model DataDisk > property createOption"
    )
    assert (create_option.kind.value, create_option.new) == (
        "enum_values_added",
        ("Copy", "Restore"),
    )
    assert ("model_added", "model ResiliencyPolicy") in found


def test_whole_file_2024_to_2025(load: Loader) -> None:
    changes = compare_apis(load("2024-07-01"), load("2025-04-01"))
    assert {c.location for c in changes if c.kind.value == "operation_added"} == {
        "VirtualMachineScaleSets_ScaleOut"
    }
    assert not any(c.location.startswith(DEALLOCATE) for c in changes)
    expand = next(
        c
        for c in changes
        if c.location == "VirtualMachineScaleSetVMs_Get > parameter $expand (query)"
    )
    assert (expand.kind.value, expand.severity.value, expand.rule_id, expand.new) == (
        "enum_values_added",
        "non-breaking",
        1020,
        ("resiliencyView",),
    )
    breaking = {c.location: c for c in changes if c.breaking}
    assert sorted((c.kind.value, location) for location, c in breaking.items()) == [
        ("enum_changed", "model HostEndpointSettings > property mode"),
        (
            "read_only_changed",
            "model WindowsConfiguration > property enableVMAgentPlatformUpdates",
        ),
        ("required_changed", "model SecurityPostureReference > property id"),
        ("type_changed", "model SecurityPostureReference > property excludeExtensions"),
    ]
    exclude = breaking["model SecurityPostureReference > property excludeExtensions"]
    assert (exclude.old, exclude.new, exclude.rule_name) == (
        "array<VirtualMachineExtension>",
        "array<string>",
        "TypeChanged",
    )
    mode = breaking["model HostEndpointSettings > property mode"]
    assert (mode.old, mode.new, mode.rule_name) == (
        "Mode, extensible",
        "Modes, extensible",
        "XmsEnumChanged",
    )


def test_whole_file_diff_agrees_with_the_deallocate_only_diff(load: Loader) -> None:
    """All but the caller impact: in the whole file, VirtualMachineScaleSetVMs_Deallocate
    takes `deallocate`, so this operation's method is begin_deallocate_2."""

    def seen(changes: tuple[Change, ...]) -> list[Change]:
        return [
            replace(c, caller_impact="")
            for c in changes
            if c.location.startswith(DEALLOCATE)
        ]

    whole = compare_apis(load("2022-11-01"), load("2025-04-01"))
    deallocate = compare_apis(
        load("2022-11-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert seen(whole) == seen(deallocate) != []
    assert "begin_deallocate_2()" in next(
        c.caller_impact for c in whole if c.location == HIBERNATE
    )


def test_whole_file_against_itself_reports_nothing(load: Loader) -> None:
    assert compare_apis(load("2025-04-01"), load("2025-04-01")) == ()


def test_whole_file_json_report_via_the_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "diff",
            str(upstream_file("2024-07-01")),
            str(upstream_file("2025-04-01")),
            "--format",
            "json",
            "--fail-on",
            "breaking",
        ]
    )
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    assert document["summary"]["breaking"] == 4
    assert document["api_version_changed"] is True


# --- the README -----------------------------------------------------------------------------


def _readme_section() -> str:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Reviewing spec updates: `diff`")
    return text[start : text.index("\n## ", start + 1)]


def test_readme_markdown_example_is_real_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    relative = Path("..") / upstream_file("2022-11-01").relative_to(REPO_ROOT.parent)
    code = main(
        [
            "diff",
            str(relative),
            str(relative).replace("2022-11-01", "2024-07-01"),
            "--operation",
            DEALLOCATE,
            "--format",
            "markdown",
        ]
    )
    assert code == 0
    example = _readme_section().split("```markdown\n", 1)[1].split("```\n", 1)[0]
    assert capsys.readouterr().out == example


def test_readme_documents_every_kind() -> None:
    section = _readme_section()
    assert [k.value for k in ChangeKind if f"`{k.value}`" not in section] == []


def test_code_diff_uses_the_safety_hints_on_both_sides() -> None:
    """`diff --code` shows the client that `generate` makes: with the built-in safety hints,
    the upstream Deallocate takes `instance_ids` or ALL_INSTANCES on both sides."""
    old = str(UPSTREAM_STABLE / "2022-11-01" / "virtualMachineScaleSet.json")
    new = str(UPSTREAM_STABLE / "2024-07-01" / "virtualMachineScaleSet.json")
    operations = ["VirtualMachineScaleSets_Deallocate"]
    plain = diff_specs(
        old, new, operations, code_package="vmss_deallocate", hints=Hints()
    )
    hinted = diff_specs(old, new, operations, code_package="vmss_deallocate")
    assert hinted.changes == plain.changes  # hints shape the client, not the API
    assert "vm_instance_ids" in str(plain.code) and "vm_instance_ids" not in str(
        hinted.code
    )
    assert "ALL_INSTANCES" in str(hinted.code)
