"""Client-generation hints: `x-` extensions added to a spec's operations and parameters.

Microsoft's published files say nothing about which calls are hazardous. Some ARM operations
act on EVERY instance when their optional body is omitted (VMSS Deallocate, PowerOff, Restart,
...): a client that lets a caller omit it by accident deallocates a whole scale set. The
generator ships a table of such operations (`BUILTIN_HINTS`) and applies it to whatever spec it
reads, wherever it runs. A project file can add hints, override those of an operation, or drop
an operation's built-in hints, but only by naming it under `without-builtin-hints`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.extensions import IDEMPOTENT_EXTENSION, OMIT_SENTINEL_EXTENSION

OperationHints = Mapping[str, Any]
"""`x-` keys for the operation itself, and parameter names mapped to their own `x-` keys."""

BUILTIN_ORIGIN = "the generator's built-in safety hints"


def _every_instance(
    body_parameter: str, action: str, *, flatten: bool = True
) -> OperationHints:
    """Omitting `body_parameter` acts on every instance: callers must say ALL_INSTANCES."""
    hints: dict[str, Any] = {
        OMIT_SENTINEL_EXTENSION: {
            "name": "ALL_INSTANCES",
            "description": f"{action} every virtual machine in the scale set.",
        }
    }
    if flatten:
        hints["x-ms-client-flatten"] = True
    return {body_parameter: hints}


def _idempotent(hints: OperationHints) -> OperationHints:
    """Sending it twice changes nothing more than sending it once, so a lost answer may be
    retried like a GET's."""
    return {IDEMPOTENT_EXTENSION: True, **hints}


BUILTIN_HINTS: Mapping[str, OperationHints] = {
    "VirtualMachineScaleSets_Deallocate": _idempotent(
        _every_instance("vmInstanceIDs", "Deallocate")
    ),
    "VirtualMachineScaleSets_PowerOff": _idempotent(
        _every_instance("vmInstanceIDs", "Power off")
    ),
    "VirtualMachineScaleSets_Start": _idempotent(
        _every_instance("vmInstanceIDs", "Start")
    ),
    "VirtualMachineScaleSets_Restart": _every_instance("vmInstanceIDs", "Restart"),
    "VirtualMachineScaleSets_Redeploy": _every_instance("vmInstanceIDs", "Redeploy"),
    "VirtualMachineScaleSets_PerformMaintenance": _every_instance(
        "vmInstanceIDs", "Perform maintenance on"
    ),
    "VirtualMachineScaleSets_ReimageAll": _every_instance(
        "vmInstanceIDs", "Reimage all the disks of"
    ),
    "VirtualMachineScaleSets_ApproveRollingUpgrade": _every_instance(
        "vmInstanceIDs", "Approve the pending rolling upgrade of"
    ),
    "VirtualMachineScaleSets_Reimage": _every_instance(
        "vmScaleSetReimageInput", "Reimage", flatten=False
    ),
}
"""Operations of Microsoft's published Compute specs whose omitted body acts on every
instance (every api-version in ../shared has them under these ids), and the POSTs among them
that are safe to repeat."""


@dataclass(frozen=True)
class HintLayer:
    """Hints by operationId, and where they come from (for error messages)."""

    by_operation: Mapping[str, OperationHints] = field(default_factory=dict)
    origin: str = BUILTIN_ORIGIN


@dataclass(frozen=True)
class Hints:
    """What to add to a spec: the built-in safety hints fill in what the spec does not say
    itself; the project file's hints then override both."""

    defaults: HintLayer = field(default_factory=HintLayer)
    overrides: HintLayer = field(default_factory=HintLayer)

    def __bool__(self) -> bool:
        return bool(self.defaults.by_operation or self.overrides.by_operation)


def project_hints(
    project: Mapping[str, OperationHints],
    *,
    without_builtin: frozenset[str] = frozenset(),
    project_origin: str = "the project file",
) -> Hints:
    """The built-in hints, less the operations a project file drops by name, under its own.

    A project file that sets, say, `x-ms-client-name` on a parameter keeps that parameter's
    built-in sentinel: built-in hints go only through `without_builtin`."""
    builtin = {
        operation_id: hints
        for operation_id, hints in BUILTIN_HINTS.items()
        if operation_id not in without_builtin
    }
    return Hints(
        defaults=HintLayer(builtin, BUILTIN_ORIGIN),
        overrides=HintLayer(project, project_origin),
    )


BUILTIN_ONLY = project_hints({})
"""The hints when no project file applies."""


__all__ = [
    "BUILTIN_HINTS",
    "BUILTIN_ONLY",
    "BUILTIN_ORIGIN",
    "HintLayer",
    "Hints",
    "OperationHints",
    "project_hints",
]
