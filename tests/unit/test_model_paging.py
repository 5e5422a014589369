"""x-ms-pageable's operationName, x-ms-paths, constants and x-ms-skip-url-encoding in the
model stage (the AutoRest test server's paging.json and azure-special-properties.json run
them end to end in tests/testserver)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.model_specs import (
    THING_PATH,
    act_spec,
    assert_error,
    build,
    build_error,
    only_operation,
    operation,
    spec_document,
)

PAGE = {
    "type": "object",
    "properties": {
        "value": {"type": "array", "items": {"type": "string"}},
        "nextLink": {"type": "string"},
    },
}
OK_PAGE = {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Page"}}}
NEXT_LINK = {
    "name": "nextLink",
    "in": "path",
    "required": True,
    "type": "string",
    "x-ms-skip-url-encoding": True,
}


def paged(operation_id: str, next_name: str | None, *parameters: Any) -> Any:
    pageable = {"nextLinkName": "nextLink"}
    if next_name is not None:
        pageable["operationName"] = next_name
    return operation(operation_id, parameters, OK_PAGE, **{"x-ms-pageable": pageable})


def document(*next_parameters: Any, next_path: str = "/next/{nextLink}") -> Any:
    return spec_document(
        {
            f"{THING_PATH}/list": {"get": paged("Things_List", "Things_ListNext")},
        },
        definitions={"Page": PAGE},
    ) | {
        "x-ms-paths": {
            f"{THING_PATH}{next_path}": {
                "get": paged("Things_ListNext", None, *next_parameters)
            }
        }
    }


def test_the_named_next_operation_comes_from_x_ms_paths_and_is_internal(
    tmp_path: Path,
) -> None:
    api = build(tmp_path, document(NEXT_LINK))
    by_id = {op.operation_id: op for op in api.operations}
    assert by_id["Things_List"].paging is not None
    assert by_id["Things_List"].paging.next_operation == "Things_ListNext"
    assert by_id["Things_ListNext"].internal
    assert not by_id["Things_List"].internal
    assert by_id["Things_ListNext"].path == f"{THING_PATH}/next/{{nextLink}}"
    public = [op.operation_id for group in api.groups for op in group.operations]
    assert public == ["Things_List"]
    (link,) = [
        p for p in by_id["Things_ListNext"].parameters if p.wire_name == "nextLink"
    ]
    assert link.skip_url_encoding


def test_an_operation_name_that_names_nothing_is_refused(tmp_path: Path) -> None:
    spec = document(NEXT_LINK)
    del spec["x-ms-paths"]
    error = build_error(tmp_path, spec)
    assert_error(
        error,
        f"/paths/{THING_PATH.replace('/', '~1')}~1list/get/x-ms-pageable/operationName",
        "names no operation",
    )


def test_a_next_operation_that_needs_more_than_the_first_takes_is_refused(
    tmp_path: Path,
) -> None:
    extra = {"name": "token", "in": "query", "required": True, "type": "string"}
    error = build_error(tmp_path, document(NEXT_LINK, extra))
    assert "needs 'token'" in error.reason and "not supported" in error.reason


def test_a_next_link_outside_the_path_is_refused(tmp_path: Path) -> None:
    in_query = {**NEXT_LINK, "in": "query"}
    error = build_error(tmp_path, document(in_query, next_path="/next"))
    assert "not supported" in error.reason


def test_an_x_ms_paths_key_with_query_parameters_is_refused(tmp_path: Path) -> None:
    spec = document(NEXT_LINK, next_path="/next/{nextLink}?kind=x")
    error = build_error(tmp_path, spec, validate=False)
    assert "not supported" in error.reason


def test_a_bare_name_after_an_x_ms_paths_key_only_tells_keys_apart(
    tmp_path: Path,
) -> None:
    api = build(tmp_path, document(NEXT_LINK, next_path="/{nextLink}?Things_ListNext"))
    by_id = {op.operation_id: op for op in api.operations}
    assert by_id["Things_ListNext"].path == f"{THING_PATH}/{{nextLink}}"


def test_a_required_single_value_is_a_constant(tmp_path: Path) -> None:
    constant = {
        "name": "kind",
        "in": "query",
        "required": True,
        "type": "string",
        "enum": ["only"],
    }
    named = {**constant, "name": "named", "x-ms-enum": {"name": "Named"}}
    extensible = {
        **constant,
        "name": "extensible",
        "x-ms-enum": {"name": "Open", "modelAsString": True},
    }
    optional = {**constant, "name": "optional", "required": False}
    two = {**constant, "name": "two", "enum": ["a", "b"]}
    spec = act_spec([constant, named, extensible, optional, two])
    op = only_operation(build(tmp_path, spec))
    constants = {p.wire_name: p.constant for p in op.parameters if not p.client_level}
    assert constants == {
        "thingName": False,
        "kind": True,
        "named": True,
        "extensible": False,
        "optional": False,
        "two": False,
    }
