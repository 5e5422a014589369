"""Fixtures for the generated client's tests: a fake credential, what it sent, the sleeps it
asked for, strict cassette replay, a client, and local misbehaving servers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import vcr

from tests.helpers import CASSETTES, SUBSCRIPTION, FakeCredential, SentRequests
from tests.helpers.server import FaultyServer


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
    from vmss_deallocate import VirtualMachineScaleSetsClient

    with VirtualMachineScaleSetsClient(
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
