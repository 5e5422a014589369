"""Shared fixtures: paths, the generated package on sys.path, a fake credential, cassettes."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import vcr
from azure.core.credentials import AccessToken

from generator.config import load_config

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_FILE = REPO_ROOT / "spec" / "compute-vmss-deallocate.yaml"
GENERATED = REPO_ROOT / "generated"
CASSETTES = Path(__file__).resolve().parent / "cassettes"
SHARED_SPECS = REPO_ROOT.parent / "shared" / "azure-specs" / "specification" / "compute"
UPSTREAM_STABLE = (
    SHARED_SPECS / "resource-manager" / "Microsoft.Compute" / "ComputeRP" / "stable"
)

sys.path.insert(0, str(GENERATED))

TEN_OPERATIONS_PROJECT = REPO_ROOT / "spec" / "codegen-upstream-ten.yaml"
TEN_OPERATIONS: tuple[str, ...] = load_config(TEN_OPERATIONS_PROJECT).operations or ()
"""The reference set of upstream operations: Deallocate's siblings and a GET with rich models."""

FAKE_TOKEN = "fake-token-for-tests-c2VjcmV0"
SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"


@dataclass
class FakeCredential:
    """A TokenCredential that hands out a fixed token and records the scopes asked for."""

    token: str = FAKE_TOKEN
    scopes: list[tuple[str, ...]] = field(default_factory=list)

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(self.token, int(time.time()) + 3600)


@dataclass
class SentRequests:
    """Every request the client put on the wire, captured by azure-core's raw_request_hook."""

    requests: list[Any] = field(default_factory=list)

    def __call__(self, pipeline_request: Any) -> None:
        self.requests.append(pipeline_request.http_request)


@pytest.fixture(autouse=True)
def no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs the whole pipeline (black included), and leaves ~/.cache alone; the
    cache's own tests turn it back on in a folder of their own."""
    monkeypatch.setenv("ARMGEN_NO_CACHE", "1")


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
