"""`x-ms-error-response` in the model stage: a flagged status is an error response with the
model of its own schema, never a success; `default` stays the fallback error model. The AutoRest
test server's xms-error-responses.json runs it end to end (tests/testserver), a local server
the generated client (tests/client/test_error_statuses.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import Kind, TypeRef
from tests.helpers.model_specs import (
    ACT_POINTER,
    act_spec,
    assert_error,
    build,
    build_error,
    only_operation,
)

THING = {"$ref": "#/definitions/Thing"}
PROBLEM = {"$ref": "#/definitions/Problem"}
DEFINITIONS = {
    "Thing": {"type": "object", "properties": {"name": {"type": "string"}}},
    "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
}


def spec(responses: dict[str, Any]) -> dict[str, Any]:
    return act_spec(definitions=DEFINITIONS, responses=responses)


def flagged(schema: Any = PROBLEM, flag: Any = True) -> dict[str, Any]:
    response = {"description": "failed", "x-ms-error-response": flag}
    return response | ({"schema": schema} if schema is not None else {})


def test_a_flagged_status_is_an_error_with_its_own_model(tmp_path: Path) -> None:
    op = only_operation(
        build(
            tmp_path,
            spec(
                {
                    "200": {"description": "OK", "schema": THING},
                    "404": flagged(),
                    "400": flagged({"type": "string"}),
                    "default": {"description": "Error", "schema": THING},
                }
            ),
        )
    )
    assert [r.status for r in op.success_responses] == ["200"]
    assert [(r.status, r.error) for r in op.error_statuses] == [
        ("400", True),
        ("404", True),
    ]
    assert op.error_statuses[1].type == TypeRef(Kind.MODEL, model="Problem")
    assert op.error_statuses[0].type == TypeRef(Kind.STRING)
    error = op.error_response
    assert error is not None and (error.status, error.error) == ("default", False)
    assert error.type == TypeRef(Kind.MODEL, model="Thing")


def test_a_flagged_2xx_is_an_error_too_and_the_result_comes_from_the_others(
    tmp_path: Path,
) -> None:
    """AutoRest treats the flag as authoritative: a 2xx flagged x-ms-error-response raises."""
    op = only_operation(
        build(
            tmp_path,
            spec(
                {
                    "200": flagged(),
                    "201": {"description": "Created", "schema": THING},
                    "202": flagged(None),
                }
            ),
        )
    )
    assert [r.status for r in op.success_responses] == ["201"]
    assert [r.status for r in op.error_statuses] == ["200", "202"]
    assert op.error_statuses[1].type is None


def test_false_or_absent_keeps_the_status_a_success(tmp_path: Path) -> None:
    op = only_operation(
        build(
            tmp_path,
            spec(
                {
                    "200": {"description": "OK", "schema": THING},
                    "202": flagged(None, flag=False),
                }
            ),
        )
    )
    assert [(r.status, r.error) for r in op.success_responses] == [
        ("200", False),
        ("202", False),
    ]
    assert op.error_statuses == ()


def test_default_flagged_true_is_still_the_one_error_response(tmp_path: Path) -> None:
    op = only_operation(
        build(tmp_path, spec({"200": {"description": "OK"}, "default": flagged()}))
    )
    assert op.error_statuses == ()
    assert op.error_response is not None and op.error_response.error is False


@pytest.mark.parametrize("value", ["true", 1, None, ["yes"]])
def test_a_flag_that_is_not_a_boolean_is_refused(tmp_path: Path, value: Any) -> None:
    error = build_error(
        tmp_path,
        spec({"200": {"description": "OK"}, "404": flagged(flag=value)}),
    )
    assert_error(
        error,
        f"{ACT_POINTER}/responses/404/x-ms-error-response",
        "x-ms-error-response must be true or false",
    )


def test_false_on_default_is_refused(tmp_path: Path) -> None:
    error = build_error(
        tmp_path, spec({"200": {"description": "OK"}, "default": flagged(flag=False)})
    )
    assert_error(
        error,
        f"{ACT_POINTER}/responses/default/x-ms-error-response",
        "cannot make the default response a success",
    )


def test_a_paged_operation_takes_its_page_from_a_success_status(tmp_path: Path) -> None:
    """A flagged status before the success one is not the page (x-ms-pageable)."""
    page = {
        "type": "object",
        "properties": {"value": {"type": "array", "items": {"type": "string"}}},
    }
    document = act_spec(
        definitions=DEFINITIONS | {"Page": page},
        responses={
            "200": flagged(),
            "201": {"description": "OK", "schema": {"$ref": "#/definitions/Page"}},
        },
        **{"x-ms-pageable": {"nextLinkName": None}},
    )
    op = only_operation(build(tmp_path, document))
    assert op.paging is not None and op.paging.page_model == "Page"
