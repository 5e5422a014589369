"""`diff`: no changes, the API version, operations, operation selection and the code diff.

Each test writes OLD as YAML and NEW as JSON (so reformatting is exercised everywhere), changes
one thing, and asserts the exact list of changes: a rule that also fires where it should not
fails the test as surely as one that does not fire. The other rules are in test_diff_parameters.py
(parameters, bodies), test_diff_responses.py (responses, long-running), test_diff_models.py (models,
properties) and test_diff_client.py (the rest of the client's surface).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.diff import (
    ApiDiff,
    CodeDiff,
    Severity,
    compare_apis,
    diff_specs,
    report,
)
from generator.errors import GeneratorError, OutputError
from generator.model.build import _Builder
from tests.helpers import write_spec
from tests.helpers.diff import (
    API_VERSION,
    ERROR,
    GROUP,
    NAME,
    RESTART,
    SUBSCRIPTION,
    WIDGET,
    base_spec,
    changes_without_version,
    diff_files,
    new_version,
    operation,
    summary,
    the_change,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


# --- no changes -----------------------------------------------------------------------------


def test_the_same_spec_reports_nothing(run: Callable[..., ApiDiff]) -> None:
    result = run(base_spec(), base_spec(), same_version=True)
    assert result.changes == ()
    assert not result.api_version_changed


def _reverse_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reverse_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reverse_keys(item) for item in value]
    return value


def test_reordering_and_rewording_a_file_reports_nothing(
    run: Callable[..., ApiDiff],
) -> None:
    new = _reverse_keys(base_spec())
    operation(new, RESTART, "post")["description"] = "Restarts the widget, reworded."
    new["definitions"]["Widget"]["properties"]["name"]["description"] = "The name."
    restart = operation(new, RESTART, "post")["parameters"]
    restart[3], restart[5] = restart[5], restart[3]  # optional ones: keyword-only
    assert list(new["paths"]) == [RESTART, WIDGET]
    assert run(base_spec(), new, same_version=True).changes == ()


# --- api-level ------------------------------------------------------------------------------


def test_api_version_change_is_reported_and_not_breaking(
    run: Callable[..., ApiDiff],
) -> None:
    result = run(base_spec(), new_version(base_spec(), "2025-01-01"))
    assert [summary(c) for c in result.changes] == [
        ("api_version_changed", "non-breaking", None, "api-version")
    ]
    change = result.changes[0]
    assert (change.old, change.new, change.path) == (
        "2024-01-01",
        "2025-01-01",
        "/info/version",
    )


def test_an_earlier_api_version_cites_versions_reversed(
    run: Callable[..., ApiDiff],
) -> None:
    result = run(base_spec(), new_version(base_spec(), "2023-01-01-preview"))
    assert [(c.rule_id, c.rule_name) for c in result.changes] == [
        (1000, "VersionsReversed")
    ]


# --- operations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("same_version", "severity"), [(False, "non-breaking"), (True, "breaking")]
)
def test_operation_added_breaks_only_within_the_same_api_version(
    run: Callable[..., ApiDiff], same_version: bool, severity: str
) -> None:
    new = base_spec()
    new["paths"][WIDGET]["delete"] = {
        "operationId": "Widgets_Delete",
        "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
        "responses": {"200": {"description": "OK"}, "default": ERROR},
    }
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == ("operation_added", severity, 1039, "Widgets_Delete")
    assert change.rule_name == "AddedOperation"
    assert "delete()" in change.caller_impact
    assert change.path.endswith("/delete")


def test_operation_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    del new["paths"][WIDGET]["get"]
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("operation_removed", "breaking", 1035, "Widgets_Get")
    assert change.rule_name == "RemovedOperation"
    assert "get()" in change.caller_impact and "AttributeError" in change.caller_impact


def test_operation_id_changed_is_matched_by_method_and_path(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["operationId"] = "Widgets_Read"
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("operation_id_changed", "breaking", 1008, "Widgets_Get")
    assert (change.old, change.new, change.rule_name) == (
        "Widgets_Get",
        "Widgets_Read",
        "ModifiedOperationId",
    )
    assert "client.widgets.get() is now client.widgets.read()" in change.caller_impact


def test_path_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["paths"][WIDGET + "/reboot"] = new["paths"].pop(RESTART)
    change = the_change(run(base_spec(), new))
    assert summary(change) == ("path_changed", "breaking", 1005, "Widgets_Restart")
    assert (change.old, change.new) == (RESTART, WIDGET + "/reboot")


def test_http_method_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    new["paths"][RESTART]["put"] = new["paths"][RESTART].pop("post")
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "http_method_changed",
        "breaking",
        1035,  # openapi-diff: the operation at the old method is gone
        "Widgets_Restart",
    )
    assert (change.old, change.new) == ("POST", "PUT")


def test_renaming_a_path_placeholder_is_a_parameter_rename_not_a_new_path(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    path = RESTART.replace("{widgetName}", "{name}")
    new["paths"][path] = new["paths"].pop(RESTART)
    restart = operation(new, path, "post")["parameters"]
    restart[2] = {**NAME, "name": "name"}
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "parameter_renamed",
        "breaking",
        None,
        "Widgets_Restart > parameter name (path)",
    )
    assert (change.old, change.new) == ("widgetName", "name")


def test_deprecating_an_operation_is_not_breaking(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["deprecated"] = True
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "deprecation_changed",
        "non-breaking",
        None,
        "Widgets_Get",
    )


# --- operation selection --------------------------------------------------------------------


def with_delete(spec: dict[str, Any]) -> dict[str, Any]:
    spec["paths"][WIDGET]["delete"] = {
        "operationId": "Widgets_Delete",
        "parameters": [SUBSCRIPTION, GROUP, NAME, API_VERSION],
        "responses": {"200": {"description": "OK"}},
    }
    return spec


def test_selection_reports_an_operation_that_only_one_side_has(
    run: Callable[..., ApiDiff],
) -> None:
    new = with_delete(base_spec())
    result = run(base_spec(), new, ["Widgets_Get", "Widgets_Delete"])
    assert result.operation_ids == ("Widgets_Get", "Widgets_Delete")
    assert [summary(c) for c in changes_without_version(result)] == [
        ("operation_added", "non-breaking", 1039, "Widgets_Delete")
    ]


def test_selection_finds_a_renamed_operation_when_given_both_ids(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["operationId"] = "Widgets_Read"
    result = run(base_spec(), new, ["Widgets_Get", "Widgets_Read"])
    assert [c.kind.value for c in changes_without_version(result)] == [
        "operation_id_changed"
    ]


def test_selection_refuses_an_operation_that_neither_side_has(
    run: Callable[..., ApiDiff],
) -> None:
    with pytest.raises(
        GeneratorError, match="no operation with operationId 'Nope_Nope'"
    ):
        run(base_spec(), base_spec(), ["Widgets_Get", "Nope_Nope"])


def test_selection_builds_each_operation_once_per_side(
    run: Callable[..., ApiDiff], monkeypatch: pytest.MonkeyPatch
) -> None:
    """OLD lacks Widgets_Delete: finding that out builds no operation of its own."""
    built: list[str] = []
    build_operation = _Builder._operation

    def counting(builder: _Builder, op_id: str, *args: Any) -> Any:
        built.append(op_id)
        return build_operation(builder, op_id, *args)

    monkeypatch.setattr(_Builder, "_operation", counting)
    run(base_spec(), with_delete(base_spec()), ["Widgets_Get", "Widgets_Delete"])
    assert sorted(built) == ["Widgets_Delete", "Widgets_Get", "Widgets_Get"]


def test_selection_still_refuses_a_requested_operation_the_model_cannot_build(
    run: Callable[..., ApiDiff],
) -> None:
    """A missing operationId on one side does not hide another operation's error there."""
    old = base_spec()
    operation(old, WIDGET, "get")["responses"]["200"]["schema"] = {
        "type": "string",
        "discriminator": "kind",
    }
    with pytest.raises(
        GeneratorError, match=r"widgets\.yaml#/paths/.*/discriminator: 'discriminator'"
    ):
        run(old, with_delete(base_spec()), ["Widgets_Get", "Widgets_Delete"])


# --- the generated client -------------------------------------------------------------------


def _diff_lines(code: CodeDiff) -> list[str]:
    return [
        line
        for line in code.text.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_code_diff_shows_the_new_argument_and_ignores_spec_headers(
    tmp_path: Path,
) -> None:
    old = base_spec()
    new = new_version(base_spec())
    operation(new, WIDGET, "get")["parameters"].append(
        {"name": "$expand", "in": "query", "type": "string"}
    )
    old_file = write_spec(tmp_path / "a" / "one.yaml", old)
    new_file = write_spec(tmp_path / "b" / "two.json", new)
    result = diff_specs(str(old_file), str(new_file), code_package="widgets")
    assert result.code is not None and result.code.error is None
    assert ("widgets/_client.py", "changed") in result.code.files
    changed = _diff_lines(result.code)
    assert any(
        line.startswith("+") and "expand: str | None = None" in line for line in changed
    )
    assert not any(
        "Spec" in line and ("sha256" in line or "one.yaml" in line) for line in changed
    )
    assert "--- a/widgets/_client.py" in result.code.text


def test_code_diff_is_empty_when_only_the_spec_file_differs(tmp_path: Path) -> None:
    old_file = write_spec(tmp_path / "one.yaml", base_spec())
    new_file = write_spec(tmp_path / "two.json", base_spec())
    result = diff_specs(str(old_file), str(new_file), code_package="widgets")
    assert result.code == CodeDiff()
    assert "Generated client: unchanged" in report.render_text(result)


def test_code_diff_reports_a_client_that_cannot_be_generated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> Any:
        raise OutputError("templates/package/_client.py.jinja: nope")

    monkeypatch.setattr("generator.diff.code.render_package", refuse)
    file = write_spec(tmp_path / "one.yaml", base_spec())
    result = diff_specs(str(file), str(file), code_package="widgets")
    assert result.code == CodeDiff(error="templates/package/_client.py.jinja: nope")
    assert json.loads(report.render_json(result))["code"] == {
        "available": False,
        "error": "templates/package/_client.py.jinja: nope",
        "files": [],
        "diff": "",
    }


def test_compare_apis_is_a_pure_function_of_the_models(tmp_path: Path) -> None:
    from generator.pipeline import load_api

    file = write_spec(tmp_path / "one.yaml", base_spec())
    api = load_api(file)
    assert compare_apis(api, api) == ()
    assert compare_apis(api, replace(api, operations=api.operations[::-1])) == ()


def test_severities_are_the_two_the_issue_names() -> None:
    assert [s.value for s in Severity] == ["breaking", "non-breaking"]
