"""generator/diff/report.py: the text, Markdown and JSON reports of a diff."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diff import (
    ApiDiff,
    CodeDiff,
    report,
)
from tests.helpers.diff import (
    RESTART,
    WIDGET,
    base_spec,
    diff_files,
    operation,
    parameter,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


# --- reports --------------------------------------------------------------------------------


@pytest.fixture
def mixed(run: Callable[..., ApiDiff]) -> ApiDiff:
    """One breaking and two non-breaking changes."""
    new = base_spec()
    del new["definitions"]["WidgetProperties"]["properties"]["weight"]
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "$expand", "in": "query", "type": "string"}
    )
    return run(base_spec(), new)


def test_text_report(mixed: ApiDiff) -> None:
    text = report.render_text(mixed)
    lines = text.splitlines()
    assert lines[0].startswith("OLD ") and lines[0].endswith("(api-version 2024-01-01)")
    assert lines[1].startswith("NEW ") and lines[1].endswith("(api-version 2024-06-01)")
    assert lines[2] == "3 changes, 1 breaking (api-version 2024-01-01 -> 2024-06-01)"
    assert lines[4] == "BREAKING      model WidgetProperties > property weight"
    assert "[1033 RemovedProperty]" in lines[5]
    assert lines[6].startswith("    callers: WidgetProperties.weight disappears")
    assert "NON-BREAKING  Widgets_Get > parameter $expand (query)" in lines


def test_markdown_report(mixed: ApiDiff) -> None:
    text = report.render_markdown(mixed)
    assert text.startswith(
        "### armgen diff: 3 changes, 1 breaking (api-version 2024-01-01 \u2192 2024-06-01)\n"
    )
    assert "**Breaking changes**. OLD `" in text
    assert "| Severity | Location | Change | openapi-diff rule |" in text
    assert (
        "| **breaking** | `model WidgetProperties > property weight` |"
        " property 'weight' removed from WidgetProperties | 1033 RemovedProperty |"
    ) in text
    assert "#### For callers of the generated client" in text
    assert (
        "- `Widgets_Get > parameter $expand (query)`: client.widgets.get() takes"
        in text
    )


def test_markdown_fits_a_github_comment_cutting_the_code_diff_first(
    mixed: ApiDiff,
) -> None:
    lines = [f"+    line_{index} = {'x' * 60}\n" for index in range(3000)]
    huge = replace(
        mixed,
        code=CodeDiff(files=(("pkg/_client.py", "changed"),), text="".join(lines)),
    )
    text = report.render_markdown(huge)
    assert len(text) <= report.COMMENT_LIMIT
    assert report.render_markdown(mixed) in text  # every change is still there
    assert text.endswith("</details>\n") and "```diff\n+    line_0 = " in text
    shown = text.count("+    line_")
    assert 0 < shown < 3000
    assert f"*{3000 - shown} lines left out to fit a GitHub comment" in text


def test_markdown_fits_a_github_comment_with_thousands_of_changes(
    mixed: ApiDiff,
) -> None:
    many = replace(mixed, changes=mixed.changes * 400)
    text = report.render_markdown(many)
    assert len(text) <= report.COMMENT_LIMIT
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    left_out = len(many.changes) - (len(rows) - 2)
    assert 0 < left_out < len(many.changes)
    assert f"*{left_out} more changes left out to fit a GitHub comment" in text
    assert text.count("\n- `") == len(rows) - 2  # the callers' list shows the same ones
    assert len(report.render_text(many).splitlines()) > len(many.changes)


def test_markdown_cells_escape_spec_text(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["definitions"]["WidgetProperties"]["properties"]["a|b`c\nd"] = {
        "type": "string"
    }
    text = report.render_markdown(run(base_spec(), new))
    rows = [line for line in text.splitlines() if line.startswith("| non-breaking |")]
    assert len(rows) == 2
    row = rows[1]
    assert len(re.findall(r"(?<!\\)\|", row)) == 5, row
    assert "a\\|b" in row and "\\`" in row
    assert "``model WidgetProperties > property a\\|b`c" in row
    assert "\n" not in row


def test_text_report_prints_no_control_characters(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    parameter(new, RESTART, "post", "mode")["enum"].append("\x1b[2Jboom")
    text = report.render_text(run(base_spec(), new))
    assert "\x1b" not in text
    assert "boom" in text


JSON_KEYS = [
    "schema_version",
    "old",
    "new",
    "api_version_changed",
    "operations",
    "summary",
    "changes",
    "code",
]
CHANGE_KEYS = [
    "kind",
    "severity",
    "rule_id",
    "rule_name",
    "location",
    "path",
    "old",
    "new",
    "message",
    "caller_impact",
    "caused_by",
    "used_by",
]


def test_json_report(mixed: ApiDiff) -> None:
    document = json.loads(report.render_json(mixed))
    assert list(document) == JSON_KEYS
    assert document["schema_version"] == 2
    assert document["old"]["api_version"] == "2024-01-01"
    assert document["new"]["spec"].endswith("widgets.json")
    assert document["api_version_changed"] is True
    assert document["operations"] is None
    assert document["summary"] == {"total": 3, "breaking": 1, "non_breaking": 2}
    assert document["code"] is None
    for change in document["changes"]:
        assert list(change) == CHANGE_KEYS
    removed = next(c for c in document["changes"] if c["kind"] == "property_removed")
    assert removed == {
        "kind": "property_removed",
        "severity": "breaking",
        "rule_id": 1033,
        "rule_name": "RemovedProperty",
        "location": "model WidgetProperties > property weight",
        "path": "/definitions/WidgetProperties/properties/weight",
        "old": "integer(int32)",
        "new": None,
        "message": "property 'weight' removed from WidgetProperties",
        "caller_impact": removed["caller_impact"],
        "caused_by": [],
        "used_by": [],
    }


def test_no_changes_in_every_format(run: Callable[..., ApiDiff]) -> None:
    result = run(base_spec(), base_spec(), same_version=True)
    assert "No changes to the API (api-version 2024-01-01, unchanged)" in (
        report.render_text(result)
    )
    markdown = report.render_markdown(result)
    assert "No breaking changes" in markdown and "| Severity |" not in markdown
    assert json.loads(report.render_json(result))["changes"] == []
