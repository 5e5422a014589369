"""`diff`'s README section is real: its Markdown example is what the command prints for the
upstream Deallocate, its rule table is the one the code renders, and `--code` shows the client
`generate` makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import ChangeKind, diff_specs
from generator.diff.rules import rule_table_markdown
from generator.hints import Hints
from tests.helpers import REPO_ROOT, UPSTREAM_STABLE

DEALLOCATE = "VirtualMachineScaleSets_Deallocate"


def upstream_file(version: str) -> Path:
    file = UPSTREAM_STABLE / version / "virtualMachineScaleSet.json"
    if not file.is_file():
        pytest.fail(
            f"upstream spec not found: {file}; these tests fail rather than skip"
        )
    return file


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


def test_readme_rule_table_is_the_one_the_code_renders() -> None:
    """Regenerate with `python -m generator.diff.rules` when a kind or rule changes."""
    section = _readme_section()
    table = rule_table_markdown()
    assert section.count("| Kind |") == 1
    assert f"\n\n{table}\n" in section
    assert [k.value for k in ChangeKind if f"| `{k.value}` |" not in table] == []


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
