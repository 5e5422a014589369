"""Render an ApiDiff for a terminal, a pull-request comment, or a machine (JSON).

Spec text reaches every format escaped for it: control characters never reach a terminal,
Markdown cells go through escape.markdown / markdown_code (so `|`, backticks and newlines in a
name cannot break the table), and JSON is json.dumps. The JSON layout is versioned by
`schema_version`; its keys come in a fixed order, documented in the README.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator.diff.changes import ApiDiff, Change, CodeDiff
from generator.errors import one_line
from generator.escape import markdown, markdown_code

SCHEMA_VERSION = 2
FORMATS = ("text", "markdown", "json")
_ARROW = "\u2192"


def render_report(diff: ApiDiff, output_format: str) -> str:
    renderers: dict[str, Callable[[ApiDiff], str]] = {
        "text": render_text,
        "markdown": render_markdown,
        "json": render_json,
    }
    return renderers[output_format](diff)


def summary_line(diff: ApiDiff, arrow: str = "->") -> str:
    """`2 changes, 1 breaking (api-version 2022-11-01 -> 2024-07-01)`."""
    total, breaking = len(diff.changes), len(diff.breaking)
    if diff.api_version_changed:
        versions = f"api-version {diff.old.api_version} {arrow} {diff.new.api_version}"
    else:
        versions = f"api-version {diff.new.api_version}, unchanged"
    if not total:
        return f"No changes to the API ({versions})"
    counted = f"{total} change{'s' if total != 1 else ''}"
    return f"{counted}, {breaking or 'none'} breaking ({versions})"


def _ordered(diff: ApiDiff) -> list[Change]:
    """Breaking first; otherwise the order compare_apis gives (api, operations, models)."""
    return [c for c in diff.changes if c.breaking] + [
        c for c in diff.changes if not c.breaking
    ]


def _rule(change: Change) -> str:
    return f"{change.rule_id} {change.rule_name}" if change.rule_id else ""


def _related(change: Change) -> list[tuple[str, tuple[str, ...]]]:
    """The locations a change points to: what caused it, what uses the enum."""
    return [
        (label, places)
        for label, places in (
            ("caused by", change.caused_by),
            ("used by", change.used_by),
        )
        if places
    ]


# --- text -----------------------------------------------------------------------------------


def render_text(diff: ApiDiff) -> str:
    lines = [
        f"OLD {_plain(diff.old.label)} (api-version {_plain(diff.old.api_version)})",
        f"NEW {_plain(diff.new.label)} (api-version {_plain(diff.new.api_version)})",
    ]
    if diff.operation_ids:
        lines.append(f"operations: {_plain(', '.join(diff.operation_ids))}")
    lines += [_plain(summary_line(diff)), ""]
    for change in _ordered(diff):
        rule = f" [{_rule(change)}]" if change.rule_id else ""
        lines += [
            f"{change.severity.value.upper():<13} {_plain(change.location)}",
            f"    {_plain(change.message)} ({change.kind.value}){rule}",
            *(
                f"    {label}: {_plain('; '.join(places))}"
                for label, places in _related(change)
            ),
            f"    callers: {_plain(change.caller_impact)}",
        ]
    text = "\n".join(lines).rstrip("\n") + "\n"
    if diff.code is not None:
        text += "\n" + _code_text(diff.code)
    return text


def _plain(text: str) -> str:
    """One line, nothing a terminal would interpret."""
    return one_line(text, limit=2000)


def _code_text(code: CodeDiff) -> str:
    if code.error is not None:
        return f"Generated client: not available: {_plain(code.error)}\n"
    if not code.files:
        return "Generated client: unchanged\n"
    listing = ", ".join(f"{path} ({status})" for path, status in code.files)
    return f"Generated client: {listing}\n{code.text}"


# --- Markdown -------------------------------------------------------------------------------


def render_markdown(diff: ApiDiff) -> str:
    """A pull-request comment: summary, table of changes, what callers get, the code diff.

    It fits GitHub's limit on a comment (COMMENT_LIMIT characters): the code diff is cut first,
    then the last changes, each with a line that says so and where to read all of it.
    """
    old, new = diff.old, diff.new
    breaking = len(diff.breaking)
    verdict = "**Breaking changes**" if breaking else "No breaking changes"
    head = (
        f"### armgen diff: {markdown(summary_line(diff, arrow=_ARROW))}\n\n"
        f"{verdict}. OLD {markdown_code(old.label)} (api-version"
        f" {markdown_code(old.api_version)}), NEW {markdown_code(new.label)}"
        f" (api-version {markdown_code(new.api_version)})"
        + (
            f"; operations {', '.join(markdown_code(i) for i in diff.operation_ids)}"
            if diff.operation_ids
            else ""
        )
        + ".\n"
    )
    text = head + _markdown_changes(
        _ordered(diff), COMMENT_LIMIT - _RESERVE - len(head)
    )
    if diff.code is not None:
        text += "\n" + _code_markdown(diff.code, room=COMMENT_LIMIT - len(text) - 1)
    return text


COMMENT_LIMIT = 65_536
"""The most characters GitHub takes in a pull-request comment."""
_RESERVE = 500
"""Room kept after the changes for the code diff's summary or the note that it was cut."""


def _markdown_changes(changes: list[Change], room: int) -> str:
    if not changes:
        return ""
    rows, impacts = [], []
    for change in changes:
        severity = "**breaking**" if change.breaking else "non-breaking"
        related = "".join(
            f"; {label} " + ", ".join(markdown_code(place) for place in places)
            for label, places in _related(change)
        )
        rows.append(
            f"| {severity} | {markdown_code(change.location)} |"
            f" {markdown(change.message)}{related} | {markdown(_rule(change))} |\n"
        )
        mark = "**breaking**: " if change.breaking else ""
        impacts.append(
            f"- {markdown_code(change.location)}: {mark}"
            f"{markdown(change.caller_impact)}\n"
        )

    def layout(shown: int) -> str:
        left_out = len(changes) - shown
        return (
            "\n| Severity | Location | Change | openapi-diff rule |\n| --- | --- | --- | --- |\n"
            + "".join(rows[:shown])
            + (f"\n{_cut_note(f'{left_out} more changes')}\n" if left_out else "")
            + "\n#### For callers of the generated client\n\n"
            + "".join(impacts[:shown])
        )

    shown = _most_that_fit(
        [len(row) + len(impact) for row, impact in zip(rows, impacts, strict=True)],
        room - len(layout(0)),
    )
    return layout(shown)


def _most_that_fit(sizes: list[int], room: int) -> int:
    """How many of the first items fit in `room` characters."""
    used = 0
    for count, size in enumerate(sizes):
        used += size
        if used > room:
            return count
    return len(sizes)


def _cut_note(what: str) -> str:
    return (
        f"*{what} left out to fit a GitHub comment ({COMMENT_LIMIT:,} characters):"
        " `--format text` or `--format json` gives all of it.*"
    )


def _code_markdown(code: CodeDiff, room: int = COMMENT_LIMIT) -> str:
    if code.error is not None:
        return f"Generated client: not available ({markdown(code.error)}).\n"
    if not code.files:
        return "Generated client: unchanged.\n"
    files = ", ".join(
        f"{markdown_code(path)} ({markdown(status)})" for path, status in code.files
    )
    fence = "`" * max(3, _longest_backtick_run(code.text) + 1)
    lines = code.text.splitlines(keepends=True)

    def layout(shown: int) -> str:
        left_out = len(lines) - shown
        note = f"{_cut_note(f'{left_out} lines')}\n\n" if left_out else ""
        return (
            f"<details><summary>Generated client: {len(code.files)} file(s)"
            f" changed</summary>\n\n{files}\n\n{fence}diff\n{''.join(lines[:shown])}"
            f"{fence}\n\n{note}</details>\n"
        )

    shown = _most_that_fit([len(line) for line in lines], room - len(layout(0)))
    block = layout(shown)
    if len(block) > room:
        return _cut_note("The generated client's diff") + "\n"
    return block


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for ch in text:
        current = current + 1 if ch == "`" else 0
        longest = max(longest, current)
    return longest


# --- JSON -----------------------------------------------------------------------------------


def render_json(diff: ApiDiff) -> str:
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "old": {"spec": diff.old.label, "api_version": diff.old.api_version},
        "new": {"spec": diff.new.label, "api_version": diff.new.api_version},
        "api_version_changed": diff.api_version_changed,
        "operations": list(diff.operation_ids) if diff.operation_ids else None,
        "summary": {
            "total": len(diff.changes),
            "breaking": len(diff.breaking),
            "non_breaking": len(diff.changes) - len(diff.breaking),
        },
        "changes": [_change_json(change) for change in diff.changes],
        "code": _code_json(diff.code),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "severity": change.severity.value,
        "rule_id": change.rule_id,
        "rule_name": change.rule_name,
        "location": change.location,
        "path": change.path,
        "old": change.old,
        "new": change.new,
        "message": change.message,
        "caller_impact": change.caller_impact,
        "caused_by": list(change.caused_by),
        "used_by": list(change.used_by),
    }


def _code_json(code: CodeDiff | None) -> dict[str, Any] | None:
    if code is None:
        return None
    return {
        "available": code.error is None,
        "error": code.error,
        "files": [{"path": path, "status": status} for path, status in code.files],
        "diff": code.text,
    }


__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "render_json",
    "render_markdown",
    "render_report",
    "render_text",
    "summary_line",
]
