"""`diff` rules for responses and long-running operations, on small inline specs.

Each test writes OLD as YAML and NEW as JSON, changes one thing, and asserts the exact list of
changes: a rule that also fires where it should not fails the test as surely as one that does not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.diff import (
    ApiDiff,
)
from tests.helpers.diff import (
    RESTART,
    WIDGET,
    base_spec,
    changes_without_version,
    diff_files,
    operation,
    summary,
    the_change,
)


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., ApiDiff]:
    """`diff_files` in the test's own folder."""
    return functools.partial(diff_files, tmp_path)


# --- responses ------------------------------------------------------------------------------


def test_success_response_code_added(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["204"] = {"description": "Gone"}
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "response_added",
        "breaking",
        1011,
        "Widgets_Get > response 204",
    )
    assert change.rule_name == "AddingResponseCode"


def test_error_response_added_is_not_breaking(run: Callable[..., ApiDiff]) -> None:
    old = base_spec()
    del operation(old, WIDGET, "get")["responses"]["default"]
    change = the_change(run(old, base_spec()))
    assert summary(change) == (
        "response_added",
        "non-breaking",
        1011,  # openapi-diff logs AddingResponseCode for `default` too
        "Widgets_Get > response default",
    )


@pytest.mark.parametrize(
    ("same_version", "severity"), [(False, "non-breaking"), (True, "breaking")]
)
def test_response_code_removed(
    run: Callable[..., ApiDiff], same_version: bool, severity: str
) -> None:
    new = base_spec()
    del operation(new, WIDGET, "put")["responses"]["201"]
    change = the_change(run(base_spec(), new, same_version=same_version))
    assert summary(change) == (
        "response_removed",
        severity,
        1012,
        "Widgets_CreateOrUpdate > response 201",
    )


def test_removing_the_response_that_gave_the_result_breaks(
    run: Callable[..., ApiDiff],
) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["202"] = {"description": "Accepted"}
    del operation(new, WIDGET, "get")["responses"]["200"]
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c)[:3] for c in found] == [
        ("response_removed", "breaking", 1012),
        ("response_added", "breaking", 1011),
    ]
    assert "returns None instead of Widget" in found[0].caller_impact


def test_response_model_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["200"]["schema"] = {
        "$ref": "#/definitions/WidgetProperties"
    }
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "model_changed",
        "breaking",
        1017,
        "Widgets_Get > response 200",
    )
    assert (change.old, change.new) == ("Widget", "WidgetProperties")


def test_response_headers_added_and_removed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, RESTART, "post")["responses"]["202"]["headers"] = {
        "Retry-After": {"type": "integer"}
    }
    found = changes_without_version(run(base_spec(), new))
    assert [summary(c) for c in found] == [
        (
            "header_removed",
            "breaking",
            1014,
            "Widgets_Restart > response 202 > header Location",
        ),
        (
            "header_added",
            "non-breaking",
            1013,
            "Widgets_Restart > response 202 > header Retry-After",
        ),
    ]


# --- long-running ---------------------------------------------------------------------------


def test_long_running_flag_changed(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, RESTART, "post")["x-ms-long-running-operation"] = False
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "long_running_changed",
        "breaking",
        1044,
        "Widgets_Restart > long-running",
    )
    assert (change.old, change.new, change.rule_name) == (
        True,
        False,
        "XmsLongRunningOperationChanged",
    )
    assert (
        "client.widgets.begin_restart() becomes client.widgets.restart()"
        in change.caller_impact
    )


def test_final_state_via_changed(run: Callable[..., ApiDiff]) -> None:
    old, new = base_spec(), base_spec()
    for spec, via in ((old, "location"), (new, "azure-async-operation")):
        operation(spec, RESTART, "post")["x-ms-long-running-operation-options"] = {
            "final-state-via": via
        }
    change = the_change(run(old, new))
    assert summary(change) == (
        "final_state_changed",
        "breaking",
        None,
        "Widgets_Restart > long-running",
    )
    assert (change.old, change.new) == ("location", "azure-async-operation")
    assert change.path.endswith("/x-ms-long-running-operation-options/final-state-via")


# --- x-ms-error-response --------------------------------------------------------------------


@pytest.mark.parametrize("turned_on", [True, False])
def test_a_status_turning_into_an_error_or_back_breaks(
    run: Callable[..., ApiDiff], turned_on: bool
) -> None:
    flagged = base_spec()
    operation(flagged, WIDGET, "put")["responses"]["201"]["x-ms-error-response"] = True
    old, new = (base_spec(), flagged) if turned_on else (flagged, base_spec())
    change = the_change(run(old, new))
    assert summary(change) == (
        "response_error_changed",
        "breaking",
        None,
        "Widgets_CreateOrUpdate > response 201",
    )
    assert change.path.endswith("/responses/201/x-ms-error-response")
    assert (change.old, change.new) == (not turned_on, turned_on)
    assert ("raises ServiceError for status 201" in change.caller_impact) is turned_on


def test_an_added_error_status_is_not_breaking(run: Callable[..., ApiDiff]) -> None:
    new = base_spec()
    operation(new, WIDGET, "get")["responses"]["404"] = {
        "description": "Not found",
        "schema": {"$ref": "#/definitions/Widget"},
        "x-ms-error-response": True,
    }
    change = the_change(run(base_spec(), new))
    assert summary(change) == (
        "response_added",
        "non-breaking",
        1011,
        "Widgets_Get > response 404",
    )
    assert "parses the errors of status 404 as Widget" in change.caller_impact
