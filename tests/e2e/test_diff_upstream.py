"""`diff` on Microsoft's published virtualMachineScaleSet.json, version against version.

The expected changes were read off the upstream files themselves (2022-11-01, 2024-07-01,
2025-04-01). Each load of the big file spends ~0.3 s in validation, so every (version,
selection) is loaded once per module and the tests compare the cached models.

Whole-file diffs need every schema construct of the 56 operations, allOf included: should the
model stage stop building one, those tests fail with its error.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import (
    Change,
    LoadedSide,
    compare_sides,
    load_side,
)
from tests.helpers import UPSTREAM_STABLE

DEALLOCATE = "VirtualMachineScaleSets_Deallocate"
HIBERNATE = f"{DEALLOCATE} > parameter hibernate (query)"
Loader = Callable[..., LoadedSide]


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
    """One upstream version, whole or restricted to some operations; cached."""
    cache: dict[tuple[str, tuple[str, ...] | None], LoadedSide] = {}

    def get(version: str, *operations: str) -> LoadedSide:
        key = (version, operations or None)
        if key not in cache:
            cache[key] = load_side(str(upstream_file(version)), key[1])
        return cache[key]

    return get


def kinds(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    return [(c.kind.value, c.location) for c in changes]


# --- the Deallocate operation ---------------------------------------------------------------


def test_deallocate_2022_to_2024_adds_the_optional_hibernate_query_parameter(
    load: Loader,
) -> None:
    changes = compare_sides(
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
    changes = compare_sides(
        load("2024-07-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert kinds(changes) == [("api_version_changed", "api-version")]


def test_deallocate_2022_to_2025_is_the_sum_of_both_steps(load: Loader) -> None:
    changes = compare_sides(
        load("2022-11-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert kinds(changes) == [
        ("api_version_changed", "api-version"),
        ("parameter_added", HIBERNATE),
    ]
    assert not any(change.breaking for change in changes)


def test_deallocate_backwards_removes_hibernate_and_breaks(load: Loader) -> None:
    changes = compare_sides(
        load("2024-07-01", DEALLOCATE), load("2022-11-01", DEALLOCATE)
    )
    assert [(c.kind.value, c.severity.value, c.rule_name) for c in changes] == [
        ("api_version_changed", "non-breaking", "VersionsReversed"),
        ("parameter_removed", "breaking", "RemovedOptionalParameter"),
    ]


def test_deallocate_against_itself_reports_nothing(load: Loader) -> None:
    side = load("2024-07-01", DEALLOCATE)
    assert compare_sides(side, side) == ()


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


def counts(changes: tuple[Change, ...]) -> dict[str, int]:
    return dict(sorted(Counter(c.kind.value for c in changes).items()))


def line(change: Change) -> tuple[str, str, int | None, str, str]:
    return (
        change.kind.value,
        change.severity.value,
        change.rule_id,
        change.location,
        change.message,
    )


def test_whole_file_2022_to_2024(load: Loader) -> None:
    changes = compare_sides(load("2022-11-01"), load("2024-07-01"))
    assert (len(changes), len([c for c in changes if c.breaking])) == (66, 2)
    assert counts(changes) == {
        "api_version_changed": 1,
        "enum_type_added": 5,
        "enum_values_added": 3,
        "model_added": 15,
        "model_bases_changed": 2,
        "operation_added": 4,
        "parameter_added": 7,
        "property_added": 29,
    }
    assert changes[0].location == "api-version"
    assert {c.location for c in changes if c.kind.value == "operation_added"} == {
        "VirtualMachineScaleSetVMs_ApproveRollingUpgrade",
        "VirtualMachineScaleSetVMs_AttachDetachDataDisks",
        "VirtualMachineScaleSets_ApproveRollingUpgrade",
        "VirtualMachineScaleSets_Reapply",
    }
    # All four sit at new paths: openapi-diff's AddedPath, not AddedOperation
    assert {c.rule_id for c in changes if c.kind.value == "operation_added"} == {1038}
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
    # The only breaking changes: two Update models stopped extending SubResource, and so
    # lost `id`: one change each, not one more per lost property.
    assert [line(c) for c in changes if c.breaking] == [
        (
            "model_bases_changed",
            "breaking",
            1032,
            f"model {name}",
            f"allOf of model {name} changed from (SubResource) to (); it loses the"
            " inherited property 'id'",
        )
        for name in (
            "VirtualMachineScaleSetUpdateIPConfiguration",
            "VirtualMachineScaleSetUpdateNetworkConfiguration",
        )
    ]
    by_location = {c.location: c for c in changes}
    # One shared enum gaining values is one change, with the four properties using it
    create_option = by_location["enum DiskCreateOptionTypes"]
    assert line(create_option) == (
        "enum_values_added",
        "non-breaking",
        1020,
        "enum DiskCreateOptionTypes",
        'enum value(s) "Copy", "Restore" added to enum DiskCreateOptionTypes',
    )
    assert create_option.used_by == tuple(
        f"model {model} > property createOption"
        for model in (
            "DataDisk",
            "OSDisk",
            "VirtualMachineScaleSetDataDisk",
            "VirtualMachineScaleSetOSDisk",
        )
    )
    assert not any(c.location.endswith("> property createOption") for c in changes)
    # A new enum is listed, and the property shows its enum type
    align = by_location["enum ZonalPlatformFaultDomainAlignMode"]
    assert (align.kind.value, align.new, align.used_by) == (
        "enum_type_added",
        ("Aligned", "Unaligned"),
        (
            "model VirtualMachineScaleSetProperties > property"
            " zonalPlatformFaultDomainAlignMode",
        ),
    )
    assert by_location[align.used_by[0]].message == (
        "optional property 'zonalPlatformFaultDomainAlignMode'"
        " (ZonalPlatformFaultDomainAlignMode (enum)) added to"
        " VirtualMachineScaleSetProperties"
    )
    etag = by_location["model VirtualMachineScaleSet > property etag"]
    assert (etag.kind.value, etag.rule_name) == (
        "property_added",
        "AddedReadOnlyPropertyInResponse",
    )
    assert ("model_added", "model ResiliencyPolicy") in kinds(changes)


def test_whole_file_2024_to_2025(load: Loader) -> None:
    changes = compare_sides(load("2024-07-01"), load("2025-04-01"))
    assert (len(changes), len([c for c in changes if c.breaking])) == (36, 5)
    assert counts(changes) == {
        "api_version_changed": 1,
        "enum_changed": 1,
        "enum_type_added": 5,
        "enum_values_added": 2,
        "enum_values_removed": 1,
        "model_added": 7,
        "operation_added": 1,
        "property_added": 15,
        "read_only_changed": 1,
        "required_changed": 1,
        "type_changed": 1,
    }
    assert {c.location for c in changes if c.kind.value == "operation_added"} == {
        "VirtualMachineScaleSets_ScaleOut"
    }
    assert not any(c.location.startswith(DEALLOCATE) for c in changes)
    by_location = {c.location: c for c in changes}
    expand = by_location["enum InstanceViewTypes"]
    assert (expand.kind.value, expand.severity.value, expand.rule_id, expand.new) == (
        "enum_values_added",
        "non-breaking",
        1020,
        ("resiliencyView",),
    )
    assert expand.used_by == (
        "VirtualMachineScaleSetVMs_Get > parameter $expand (query)",
    )
    assert [line(c) for c in changes if c.breaking] == [
        (
            "enum_changed",
            "breaking",
            1047,
            "model HostEndpointSettings > property mode",
            "x-ms-enum of property 'mode' of HostEndpointSettings changed from Mode,"
            " extensible to Modes, extensible",
        ),
        (
            "required_changed",
            "breaking",
            1025,
            "model SecurityPostureReference > property id",
            "property 'id' of SecurityPostureReference is now required",
        ),
        (
            "type_changed",
            "breaking",
            1026,
            "model SecurityPostureReference > property excludeExtensions",
            "type of property 'excludeExtensions' of SecurityPostureReference changed"
            " from array<VirtualMachineExtension> to array<string>",
        ),
        (
            "read_only_changed",
            "breaking",
            1029,
            "model WindowsConfiguration > property enableVMAgentPlatformUpdates",
            "property 'enableVMAgentPlatformUpdates' of WindowsConfiguration is now"
            " read-only",
        ),
        # HostEndpointSettings.mode moved to a new enum Modes; the enum Mode it left
        # stays for ProxyAgentSettings.mode, without "Disabled": the generated class
        # Mode loses a member, which openapi-diff (comparing schema by schema) misses.
        (
            "enum_values_removed",
            "breaking",
            1019,
            "enum Mode",
            'enum value(s) "Disabled" removed from enum Mode',
        ),
    ]
    assert by_location["enum Mode"].used_by == (
        "model ProxyAgentSettings > property mode",
    )
    assert by_location["enum Modes"].kind.value == "enum_type_added"


CREATE = "VirtualMachineScaleSets_CreateOrUpdate"
CUT_OFF = (
    "model InstanceViewStatus",
    "model ResourceWithOptionalLocation",
    "model VirtualMachineExtension",
    "model VirtualMachineExtensionInstanceView",
    "model VirtualMachineExtensionProperties",
    "enum StatusLevelTypes",
)
"""What SecurityPostureReference.excludeExtensions reached while it held extensions."""


def test_create_or_update_2024_to_2025_reports_unreachable_models_as_such(
    load: Loader,
) -> None:
    """`excludeExtensions` turning from extensions into strings cuts five models and an enum
    off CreateOrUpdate; the files still define them, so they are not removed (1006), and
    the operation's breaking changes are the whole file's that touch it."""
    changes = compare_sides(load("2024-07-01", CREATE), load("2025-04-01", CREATE))
    assert (len(changes), len([c for c in changes if c.breaking])) == (28, 5)
    assert counts(changes) == {
        "api_version_changed": 1,
        "enum_changed": 1,
        "enum_type_added": 4,
        "enum_values_added": 1,
        "enum_values_removed": 1,
        "model_added": 4,
        "no_longer_reachable": 6,
        "property_added": 7,
        "read_only_changed": 1,
        "required_changed": 1,
        "type_changed": 1,
    }
    unreachable = [c for c in changes if c.kind.value == "no_longer_reachable"]
    assert tuple(c.location for c in unreachable) == CUT_OFF
    assert {c.caused_by for c in unreachable} == {
        ("model SecurityPostureReference > property excludeExtensions",)
    }
    assert {(c.severity.value, c.rule_id) for c in unreachable} == {
        ("non-breaking", None)
    }
    assert line(unreachable[2]) == (
        "no_longer_reachable",
        "non-breaking",
        None,
        "model VirtualMachineExtension",
        "model VirtualMachineExtension is no longer used by the compared operations"
        " (NEW still defines it)",
    )
    whole = compare_sides(load("2024-07-01"), load("2025-04-01"))
    assert {c.location for c in changes if c.breaking} == {
        c.location for c in whole if c.breaking
    }
    assert not any(c.kind.value == "model_removed" for c in changes)


def test_create_or_update_2022_to_2024_reports_newly_reachable_models_as_such(
    load: Loader,
) -> None:
    """The new SecurityPostureReference brings in models 2022-11-01 already defined (for
    other operations): they are newly reachable, not added."""
    changes = compare_sides(load("2022-11-01", CREATE), load("2024-07-01", CREATE))
    assert (len(changes), len([c for c in changes if c.breaking])) == (43, 0)
    assert counts(changes) == {
        "api_version_changed": 1,
        "enum_type_added": 5,
        "enum_values_added": 3,
        "model_added": 12,
        "now_reachable": 6,
        "parameter_added": 2,
        "property_added": 14,
    }
    reachable = [c for c in changes if c.kind.value == "now_reachable"]
    assert tuple(c.location for c in reachable) == CUT_OFF
    assert {c.caused_by for c in reachable} == {("model SecurityPostureReference",)}
    assert ("model_added", "model SecurityPostureReference") in kinds(changes)


@pytest.mark.parametrize(
    ("old", "new", "operations"),
    [
        ("2022-11-01", "2024-07-01", ()),
        ("2024-07-01", "2025-04-01", ()),
        ("2022-11-01", "2024-07-01", (CREATE,)),
        ("2024-07-01", "2025-04-01", (CREATE,)),
        ("2025-04-01", "2022-11-01", (CREATE,)),
    ],
)
def test_every_cause_and_use_is_the_location_of_a_change_or_a_place(
    load: Loader, old: str, new: str, operations: tuple[str, ...]
) -> None:
    changes = compare_sides(load(old, *operations), load(new, *operations))
    locations = {c.location for c in changes}
    reachability = [c for c in changes if c.kind.value.endswith("reachable")]
    assert all(c.caused_by for c in reachability)
    assert {cause for c in reachability for cause in c.caused_by} <= locations
    enums = [c for c in changes if c.location.startswith("enum ")]
    assert enums and all(c.used_by for c in enums)
    assert not any(c.caused_by for c in changes if c not in reachability)


def test_whole_file_diff_agrees_with_the_deallocate_only_diff(load: Loader) -> None:
    """Caller impact included: a method's name depends on its own operation only, so the
    whole file's scale-set Deallocate is client.virtual_machine_scale_sets.begin_deallocate
    beside VirtualMachineScaleSetVMs_Deallocate, as it is alone."""

    def seen(changes: tuple[Change, ...]) -> list[Change]:
        return [c for c in changes if c.location.startswith(DEALLOCATE)]

    whole = compare_sides(load("2022-11-01"), load("2025-04-01"))
    deallocate = compare_sides(
        load("2022-11-01", DEALLOCATE), load("2025-04-01", DEALLOCATE)
    )
    assert seen(whole) == seen(deallocate) != []
    assert "virtual_machine_scale_sets.begin_deallocate()" in next(
        c.caller_impact for c in whole if c.location == HIBERNATE
    )


def test_whole_file_against_itself_reports_nothing(load: Loader) -> None:
    assert compare_sides(load("2025-04-01"), load("2025-04-01")) == ()


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
    assert document["summary"]["breaking"] == 5
    assert document["schema_version"] == 2
    assert document["api_version_changed"] is True
