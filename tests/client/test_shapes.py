"""Every result shape beside models, sync and async, against a local server: pages
(x-ms-pageable) walked with azure-core's ItemPaged, pages after a long-running operation, HEAD
as bool, raw bytes, arrays, dicts, integers, date-times, durations and booleans."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.gizmos import API_VERSION, page
from tests.helpers.server import AsyncCredential, FaultyServer, Reply

GIZMOS_PATH = f"/subscriptions/{SUBSCRIPTION}/gizmos"
OPTIONS: dict[str, Any] = {"enforce_https": False}


@pytest.fixture
def server() -> Iterator[FaultyServer]:
    instance = FaultyServer()
    try:
        yield instance
    finally:
        instance.stop()


def client(gizmos: ModuleType, server: FaultyServer) -> Any:
    return gizmos.GizmoManagementClient(
        FakeCredential(), SUBSCRIPTION, endpoint=server.url, retry_total=0
    )


def query(seen: Any) -> dict[str, str]:
    return dict(parse_qsl(seen.query, keep_blank_values=True))


def names(items: Any) -> list[str]:
    return [item.name for item in items]


# --- paging ----------------------------------------------------------------------------------


def script_three_pages(server: FaultyServer) -> None:
    """Page 1 links absolutely to page 2 (with a stale api-version), page 2 relatively to 3.
    A str body is sent as it is (so JSON strings are written quoted below)."""
    server.script(
        "GET",
        GIZMOS_PATH,
        Reply(
            body=page(["a", "b"], f"{server.url}/next/2?api-version=2001-01-01&skip=2")
        ),
    )
    server.script("GET", "/next/2", Reply(body=page(["c"], "/next/3?skip=3")))
    server.script("GET", "/next/3", Reply(body=page(["d"])))


def test_a_paged_operation_yields_every_page_s_items(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    script_three_pages(server)
    with client(gizmos, server) as gizmo_client:
        pager = gizmo_client.gizmos.list(filter="size gt 0", **OPTIONS)
        assert server.seen == [], "nothing is sent before the iteration starts"
        assert names(pager) == ["a", "b", "c", "d"]
    first, second, third = server.seen
    assert query(first) == {"api-version": API_VERSION, "$filter": "size gt 0"}
    assert query(second) == {"api-version": API_VERSION, "skip": "2"}
    assert query(third) == {"api-version": API_VERSION, "skip": "3"}


def test_pages_one_by_one_and_a_continuation_token(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    script_three_pages(server)
    with client(gizmos, server) as gizmo_client:
        pages = gizmo_client.gizmos.list(**OPTIONS).by_page()
        assert names(next(pages)) == ["a", "b"]
        token = pages.continuation_token
    assert token == f"{server.url}/next/2?api-version=2001-01-01&skip=2"
    with client(gizmos, server) as gizmo_client:
        resumed = gizmo_client.gizmos.list(**OPTIONS).by_page(continuation_token=token)
        assert [names(p) for p in resumed] == [["c"], ["d"]]


def test_a_single_page_operation_ignores_a_next_link(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", GIZMOS_PATH + "/all", Reply(body=page(["a"], "/never")))
    with client(gizmos, server) as gizmo_client:
        assert names(gizmo_client.gizmos.list_all(**OPTIONS)) == ["a"]
    assert len(server.seen) == 1


def test_a_failing_page_raises_service_error_while_iterating(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", GIZMOS_PATH, Reply(body=page(["a"], "/next/2")))
    server.script(
        "GET",
        "/next/2",
        Reply(404, body={"error": {"code": "Gone", "message": "No page 2."}}),
    )
    with client(gizmos, server) as gizmo_client:
        items = iter(gizmo_client.gizmos.list(**OPTIONS))
        assert next(items).name == "a"
        with pytest.raises(gizmos.ServiceError, match=r"\(Gone\) No page 2"):
            next(items)


def test_a_page_that_is_not_the_spec_s_json_is_a_service_decode_error(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", GIZMOS_PATH, Reply(body={"value": "not a list"}))
    with (
        client(gizmos, server) as gizmo_client,
        pytest.raises(gizmos.ServiceDecodeError),
    ):
        list(gizmo_client.gizmos.list(**OPTIONS))


def test_a_long_running_paged_operation_gives_a_pager(
    gizmos: ModuleType, server: FaultyServer, sleeps: list[float]
) -> None:
    server.script(
        "POST",
        GIZMOS_PATH + "/sweep",
        Reply(202, headers={"Location": f"{server.url}/status/1", "Retry-After": "0"}),
    )
    server.script("GET", "/status/1", Reply(body=page(["a"], "/next/2")))
    server.script("GET", "/next/2", Reply(body=page(["b"])))
    with client(gizmos, server) as gizmo_client:
        poller = gizmo_client.gizmos.begin_sweep(polling_interval=0, **OPTIONS)
        assert names(poller.result()) == ["a", "b"]


def test_async_paging(gizmos: ModuleType, server: FaultyServer) -> None:
    script_three_pages(server)
    aio = __import__(f"{gizmos.__name__}.aio", fromlist=["GizmoManagementClient"])

    async def walk() -> list[str]:
        async with aio.GizmoManagementClient(
            AsyncCredential(), SUBSCRIPTION, endpoint=server.url, retry_total=0
        ) as gizmo_client:
            return [item.name async for item in gizmo_client.gizmos.list(**OPTIONS)]

    assert asyncio.run(walk()) == ["a", "b", "c", "d"]
    assert query(server.seen[2]) == {"api-version": API_VERSION, "skip": "3"}


def test_async_long_running_paged_operation(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script(
        "POST",
        GIZMOS_PATH + "/sweep",
        Reply(202, headers={"Location": f"{server.url}/status/1", "Retry-After": "0"}),
    )
    server.script("GET", "/status/1", Reply(body=page(["a"], "/next/2")))
    server.script("GET", "/next/2", Reply(body=page(["b"])))
    aio = __import__(f"{gizmos.__name__}.aio", fromlist=["GizmoManagementClient"])

    async def sweep() -> list[str]:
        async with aio.GizmoManagementClient(
            AsyncCredential(), SUBSCRIPTION, endpoint=server.url, retry_total=0
        ) as gizmo_client:
            poller = await gizmo_client.gizmos.begin_sweep(
                polling_interval=0, **OPTIONS
            )
            pager = await poller.result()
            return [item.name async for item in pager]

    assert asyncio.run(sweep()) == ["a", "b"]


# --- other shapes -----------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "expected"), [(200, True), (404, False)])
def test_head_answers_true_or_false(
    gizmos: ModuleType, server: FaultyServer, status: int, expected: bool
) -> None:
    server.script("HEAD", GIZMOS_PATH + "/g1", Reply(status))
    with client(gizmos, server) as gizmo_client:
        assert gizmo_client.gizmos.exists("g1", **OPTIONS) is expected


def test_head_raises_for_an_error_the_spec_does_not_list(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script("HEAD", GIZMOS_PATH + "/g1", Reply(403))
    with client(gizmos, server) as gizmo_client, pytest.raises(gizmos.ServiceError):
        gizmo_client.gizmos.exists("g1", **OPTIONS)


RESULTS = [
    ("photo", b"\x89PNG\x00\xff", b"\x89PNG\x00\xff"),
    ("tags", ["a", "b"], ["a", "b"]),
    ("count", 42, 42),
    (
        "since",
        '"2025-01-02T03:04:05.1234567Z"',
        datetime.datetime(2025, 1, 2, 3, 4, 5, 123456, tzinfo=datetime.timezone.utc),
    ),
    (
        "age",
        '"P1DT2H3M4.5S"',
        datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5),
    ),
    ("sizes", {"s": 1, "m": 2}, {"s": 1, "m": 2}),
]


@pytest.mark.parametrize(("method", "body", "expected"), RESULTS)
def test_results_that_are_not_models(
    gizmos: ModuleType, server: FaultyServer, method: str, body: Any, expected: Any
) -> None:
    server.script("GET", f"{GIZMOS_PATH}/g1/{method}", Reply(body=body))
    with client(gizmos, server) as gizmo_client:
        result = getattr(gizmo_client.gizmos, method)("g1", **OPTIONS)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("tags", [1, 2]),
        ("count", '"42"'),
        ("since", '"yesterday"'),
        ("age", '"P1Y"'),
        ("sizes", []),
    ],
)
def test_results_of_the_wrong_json_type_are_service_decode_errors(
    gizmos: ModuleType, server: FaultyServer, method: str, body: Any
) -> None:
    server.script("GET", f"{GIZMOS_PATH}/g1/{method}", Reply(body=body))
    with (
        client(gizmos, server) as gizmo_client,
        pytest.raises(gizmos.ServiceDecodeError),
    ):
        getattr(gizmo_client.gizmos, method)("g1", **OPTIONS)


def test_an_operation_without_a_group_is_a_method_of_the_client(
    gizmos: ModuleType, server: FaultyServer
) -> None:
    server.script("GET", f"/subscriptions/{SUBSCRIPTION}/ping", Reply(body=True))
    with client(gizmos, server) as gizmo_client:
        assert gizmo_client.ping(**OPTIONS) is True
