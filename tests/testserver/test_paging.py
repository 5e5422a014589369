"""Every paging.json scenario of the AutoRest test server, through the generated client, sync
and async.

What each must give is what AutoRest's own Python acceptance tests (test_paging.py in
Azure/autorest.python, sync and async) assert: the items of every page, in order, or
azure-core's HttpResponseError while iterating. The pager fetches the next page through the
next link, or through the operation `x-ms-pageable.operationName` names; that operation is
only the pager's (no public method), as in AutoRest. Retries keep the server's scenario
cookie (the async client through an aiohttp session that keeps cookies, in the test only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError

from tests.helpers.testserver import Call, TestServer, call_async, call_sync

RUNNERS = {"sync": call_sync, "async": call_async}

Check = Callable[[list[Any]], None]


def products(*expected: tuple[int, str]) -> Check:
    def check(items: list[Any]) -> None:
        assert [(i.properties.id, i.properties.name) for i in items] == list(expected)

    return check


def count(
    expected: int, *, first_ids: list[int] | None = None, last_id: int | None = None
) -> Check:
    def check(items: list[Any]) -> None:
        assert len(items) == expected
        if first_ids is not None:
            assert [i.properties.id for i in items[: len(first_ids)]] == first_ids
        if last_id is not None:
            assert items[-1].properties.id == last_id

    return check


def fails(items: Any) -> None:
    assert isinstance(items, HttpResponseError), repr(items)


@dataclass(frozen=True)
class Scenario:
    operation_id: str
    check: Check
    kwargs: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    """The fields of the operation's body model, when it takes one."""


PRODUCT = products((1, "Product"))

SCENARIOS = [
    Scenario("Paging_getNoItemNamePages", PRODUCT),
    Scenario("Paging_getNullNextLinkNamePages", PRODUCT),
    Scenario("Paging_getEmptyNextLinkNamePages", PRODUCT),
    Scenario("Paging_getSinglePages", PRODUCT),
    Scenario("Paging_getSinglePagesWithBodyParams", PRODUCT, body={"name": "body"}),
    Scenario("Paging_firstResponseEmpty", count(1)),
    Scenario("Paging_getMultiplePages", count(10)),
    Scenario(
        "Paging_getWithQueryParams",
        count(2),
        kwargs={"required_query_parameter": 100},
    ),
    Scenario("Paging_getOdataMultiplePages", count(10)),
    Scenario(
        "Paging_getMultiplePagesWithOffset",
        count(10, last_id=110),
        kwargs={"offset": 100},
    ),
    Scenario("Paging_getMultiplePagesRetryFirst", count(10)),
    Scenario("Paging_getMultiplePagesRetrySecond", count(10)),
    Scenario("Paging_getSinglePagesFailure", fails),
    Scenario("Paging_getMultiplePagesFailure", fails),
    Scenario("Paging_getMultiplePagesFailureUri", fails),
    Scenario(
        "Paging_getMultiplePagesFragmentNextLink",
        count(10),
        kwargs={"api_version": "1.6", "tenant": "test_user"},
    ),
    Scenario(
        "Paging_getMultiplePagesFragmentWithGroupingNextLink",
        count(10),
        kwargs={"api_version": "1.6", "tenant": "test_user"},
    ),
    Scenario("Paging_GetMultiplePagesLRO", count(10), kwargs={"polling_interval": 0}),
    Scenario("Paging_getPagingModelWithItemNameWithXMSClientName", count(1)),
    Scenario("Paging_duplicateParams", PRODUCT, kwargs={"filter": "foo"}),
    Scenario("Paging_appendApiVersion", PRODUCT),
    Scenario("Paging_replaceApiVersion", PRODUCT),
    # The server's optional scenario: maxpagesize, optional, is not sent unless given.
    Scenario("Paging_pageWithMaxPageSize", products()),
]
NEXT_OPERATIONS = {
    "Paging_nextOperationWithQueryParams",
    "Paging_nextFragment",
    "Paging_nextFragmentWithGrouping",
}


def arguments(paging: Any, scenario: Scenario) -> dict[str, Any]:
    kwargs = dict(scenario.kwargs)
    if scenario.body is not None:
        operation = next(
            op
            for op in paging.api.operations
            if op.operation_id == scenario.operation_id
        )
        assert operation.body is not None and operation.body.type.model is not None
        model = paging.api.model(operation.body.type.model)
        kwargs[operation.body.python_name] = getattr(paging.client, model.class_name)(
            **scenario.body
        )
    return kwargs


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.operation_id for s in SCENARIOS])
def test_paging(
    paging: Any, testserver: TestServer, flavor: str, scenario: Scenario
) -> None:
    call = Call(scenario.operation_id, kwargs=arguments(paging, scenario))
    outcome = RUNNERS[flavor](paging, testserver, call)
    if scenario.check is not fails:
        assert not isinstance(outcome, BaseException), repr(outcome)
    scenario.check(outcome)


def test_the_table_covers_every_public_operation(paging: Any) -> None:
    operation_ids = {op.operation_id for op in paging.api.operations}
    assert {s.operation_id for s in SCENARIOS} == operation_ids - NEXT_OPERATIONS


def test_next_operations_are_the_pagers_only(paging: Any) -> None:
    """No public method for an operation that only fetches another's next pages."""
    public = {op.operation_id for group in paging.api.groups for op in group.operations}
    assert {op.operation_id for op in paging.api.operations} >= NEXT_OPERATIONS
    assert not NEXT_OPERATIONS & public
    client = paging.client.AutoRestPagingTestServiceClient(None)
    for name in ("next_operation_with_query_params", "next_fragment"):
        assert not hasattr(client.paging, name)
