"""What the benchmarks measure and against what: inputs, paths, peer pins, the targets."""

from __future__ import annotations

from pathlib import Path

from generator.config import load_config

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENVS = BENCH / ".venvs"
OUT = BENCH / "out"
UPSTREAM = (
    ROOT.parent
    / "shared/azure-specs/specification/compute/resource-manager/Microsoft.Compute"
    / "ComputeRP/stable"
)
UPSTREAM_SPEC = UPSTREAM / "2024-07-01/virtualMachineScaleSet.json"
DIFF_PAIR = (
    UPSTREAM / "2024-07-01/virtualMachineScaleSet.json",
    UPSTREAM / "2025-04-01/virtualMachineScaleSet.json",
)
TEN_OPERATIONS: tuple[str, ...] = (
    load_config(ROOT / "spec" / "codegen-upstream-ten.yaml").operations or ()
)
OPENAPI3_SPEC = BENCH / "deallocate-openapi3.yaml"
GENERATED_PACKAGE = ROOT / "generated" / "vmss_deallocate"
BLACK_ALONE = (
    "import sys, black\n"
    "from generator.format import black_mode\n"
    "mode = black_mode()\n"
    "for path in sys.argv[1:]:\n"
    "    with open(path, encoding='utf-8') as source:\n"
    "        black.format_str(source.read(), mode=mode)\n"
)
"""What a cold generate cannot do without: black imported, and every Python file formatted."""

# Peers, pinned. azure-core, azure-mgmt-core and requests are pinned at bench time to the
# versions of the interpreter running the bench, so the generated client is measured on the
# same azure-core as the official SDK.
OPC_PINS = ("openapi-python-client==0.29.1",)
SDK_PINS = ("azure-mgmt-compute==39.0.0",)
SAME_AS_HERE = ("azure-core", "azure-mgmt-core", "requests")


# Targets from the issue.
GENERATE_TARGET_S = 0.3
GENERATE_TARGET_RATIO = 1 / 3
IMPORT_TARGET_RATIO = 1.1
CALL_TARGET_RATIO = 1.2
DIFF_TARGET_S = 1.0
