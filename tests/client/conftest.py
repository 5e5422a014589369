"""Fixtures for the generated client's tests: a fake credential, what it sent, the sleeps it
asked for, strict cassette replay, a client, and local misbehaving servers."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
import vcr

from tests.helpers import CASSETTES, SUBSCRIPTION, FakeCredential, SentRequests
from tests.helpers.gizmos import generated_gizmos
from tests.helpers.server import FaultyServer
from tests.helpers.widgets import generate_widgets


@pytest.fixture
def credential() -> FakeCredential:
    return FakeCredential()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Polls and retries ask to sleep; record how long instead of sleeping."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


@pytest.fixture
def async_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """asyncio.sleep recorded, not slept (aiohttp's own sleep(0) yields are left out)."""
    recorded: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_sleep(delay: float, *args: Any) -> None:
        if delay:
            recorded.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    return recorded


@pytest.fixture(scope="session")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client of tests.helpers.widgets: constrained names, a POST not declared
    idempotent, a GET with a result and a long-running PUT with one."""
    with generate_widgets(tmp_path_factory.mktemp("widgets")) as module:
        yield module


@pytest.fixture(scope="session")
def gizmos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client of tests.helpers.gizmos: pages, HEAD, bytes and scalar results."""
    with generated_gizmos(tmp_path_factory.mktemp("gizmos")) as module:
        yield module


@pytest.fixture
def replay() -> Any:
    """Replay a cassette strictly: no network, every interaction must be played, in order."""

    def use(name: str) -> Any:
        recorder = vcr.VCR(
            cassette_library_dir=str(CASSETTES),
            record_mode="none",
            match_on=["method", "uri", "body"],
            filter_headers=["authorization"],
        )
        return recorder.use_cassette(f"{name}.yaml", allow_playback_repeats=False)

    return use


@pytest.fixture
def sent() -> SentRequests:
    return SentRequests()


@pytest.fixture
def client(credential: FakeCredential, sent: SentRequests) -> Iterator[Any]:
    from vmss_deallocate import ComputeManagementClient

    with ComputeManagementClient(
        credential, SUBSCRIPTION, raw_request_hook=sent, retry_total=0
    ) as instance:
        yield instance


@pytest.fixture
def make_server() -> Iterator[Callable[[], FaultyServer]]:
    """Servers for one test (a second one plays "another host"); all stopped afterwards."""
    servers: list[FaultyServer] = []

    def start() -> FaultyServer:
        servers.append(FaultyServer())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def server(make_server: Callable[[], FaultyServer]) -> FaultyServer:
    return make_server()
