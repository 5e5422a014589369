"""The async client (aio) against the same cassettes and error cases as the sync client."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError

from tests.helpers import FAKE_TOKEN, SUBSCRIPTION, SentRequests
from vmss_deallocate import ALL_INSTANCES, ServiceError
from vmss_deallocate.aio import ComputeManagementClient


class FakeAsyncCredential:
    def __init__(self) -> None:
        self.scopes: list[tuple[str, ...]] = []

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(FAKE_TOKEN, int(time.time()) + 3600)

    async def close(self) -> None:
        pass


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []

    async def fake_sleep(delay: float, *args: Any) -> None:
        recorded.append(delay)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    return recorded


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def deallocate(sent: SentRequests, *arguments: Any, **keywords: Any) -> Any:
    credential = FakeAsyncCredential()
    async with ComputeManagementClient(
        credential, SUBSCRIPTION, raw_request_hook=sent, retry_total=0
    ) as client:
        poller = await client.virtual_machine_scale_sets.begin_deallocate(
            *arguments, **keywords
        )
        return await poller.result(), credential


def test_202_location_polled_to_the_end(
    replay: Any, sent: SentRequests, no_sleep: list[float]
) -> None:
    with replay("deallocate_202_location") as cassette:
        result, credential = run(
            deallocate(sent, "rg-web", "vmss-frontend", ALL_INSTANCES)
        )
    assert cassette.all_played
    assert result is None
    assert [r.method for r in sent.requests] == ["POST", "GET", "GET"]
    first = sent.requests[0]
    assert parse_qs(urlsplit(first.url).query) == {"api-version": ["2024-07-01"]}
    assert not first.content
    assert first.headers["Authorization"] == f"Bearer {FAKE_TOKEN}"
    assert first.headers["User-Agent"].startswith("azsdk-python-vmss_deallocate/0.1.0")
    assert credential.scopes[0] == ("https://management.azure.com/.default",)
    assert [delay for delay in no_sleep if delay] == [
        20
    ]  # aiohttp yields with sleep(0)


def test_200_with_instance_ids_and_hibernate(replay: Any, sent: SentRequests) -> None:
    with replay("deallocate_200_ok") as cassette:
        result, _ = run(
            deallocate(sent, "rg-web", "vmss-frontend", ["0", "3"], hibernate=True)
        )
    assert cassette.all_played and result is None
    assert json.loads(sent.requests[0].content) == {"instanceIds": ["0", "3"]}
    assert parse_qs(urlsplit(sent.requests[0].url).query)["hibernate"] == ["true"]


def test_cloud_error_is_parsed(replay: Any, sent: SentRequests) -> None:
    with replay("deallocate_400_cloud_error"), pytest.raises(ServiceError) as caught:
        run(deallocate(sent, "rg-web", "vmss-frontend", ["0", "99"]))
    assert caught.value.status_code == 400
    assert caught.value.code == "InvalidParameter"
    assert caught.value.innererror is not None
    assert caught.value.details is not None and len(caught.value.details) == 2


@pytest.mark.parametrize(
    ("cassette_name", "arguments", "expected"),
    [
        (
            "deallocate_404_not_found",
            ("rg-web", "vmss-missing", ["0"]),
            ResourceNotFoundError,
        ),
        (
            "deallocate_409_conflict",
            ("rg-web", "vmss-frontend", ["2"]),
            ResourceExistsError,
        ),
    ],
)
def test_404_and_409(
    replay: Any, sent: SentRequests, cassette_name: str, arguments: Any, expected: type
) -> None:
    hibernate = True if cassette_name.endswith("conflict") else None
    with replay(cassette_name), pytest.raises(expected) as caught:
        run(deallocate(sent, *arguments, hibernate=hibernate))
    assert isinstance(caught.value, ServiceError)


def test_html_502_still_raises_with_the_status(replay: Any, sent: SentRequests) -> None:
    with replay("deallocate_502_html"), pytest.raises(ServiceError) as caught:
        run(deallocate(sent, "rg-web", "vmss-frontend", ["0"]))
    assert caught.value.status_code == 502 and caught.value.cloud_error is None


def test_bad_arguments_are_refused_before_any_request(sent: SentRequests) -> None:
    with pytest.raises(ValueError, match="instance_ids must not be empty"):
        run(deallocate(sent, "rg-web", "vmss-frontend", []))
    with pytest.raises(
        TypeError, match="instance_ids must be a sequence of str, not str"
    ):
        run(deallocate(sent, "rg-web", "vmss-frontend", "0"))
    assert sent.requests == []


def test_sync_and_async_share_constants_and_sentinel() -> None:
    import vmss_deallocate
    import vmss_deallocate.aio._client as async_client
    import vmss_deallocate.aio.operations._virtual_machine_scale_sets as async_group
    import vmss_deallocate.operations._virtual_machine_scale_sets as sync_group

    assert async_group.ALL_INSTANCES is sync_group.ALL_INSTANCES
    assert async_group.ALL_INSTANCES is vmss_deallocate.ALL_INSTANCES
    assert async_client.API_VERSION == vmss_deallocate.API_VERSION
