"""Fixtures of the peer suite: the AutoRest test server (one per session, on 127.0.0.1 only), the
lro.json client generated into a temporary folder, and polls that do not sleep."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import REPO_ROOT
from tests.helpers.testserver import (
    INSTALL_DIR,
    Generated,
    TestServer,
    generated_client,
    lro_scenarios,
    missing_install,
)

HERE = REPO_ROOT / "tests" / "testserver"
LRO_PACKAGE = "armgen_testserver_lro"
LRO_COVERAGE = pytest.StashKey[dict[str, int]]()


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Stop at once, with one message, when the suite is selected but cannot run."""
    if any(HERE in item.path.parents for item in items):
        why = missing_install()
        if why is not None:
            pytest.exit(f"tests/testserver: {why}", returncode=1)


@pytest.fixture(scope="session")
def testserver(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[TestServer]:
    folder = tmp_path_factory.mktemp("testserver")
    server = TestServer(folder / "coverage", folder / "server.log")
    try:
        yield server
        report = {**server.report("azure"), **server.report("optional")}
        coverage = {name: report.get(name, 0) for name in lro_scenarios()}
        pytestconfig.stash[LRO_COVERAGE] = coverage
        (INSTALL_DIR / "node_modules" / "coverage-lro.json").write_text(
            json.dumps(coverage, indent=2, sort_keys=True), encoding="utf-8"
        )
    finally:
        server.stop()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    coverage = config.stash.get(LRO_COVERAGE, None)
    if not coverage:
        return
    missed = sorted(name for name, hits in coverage.items() if not hits)
    terminalreporter.write_line(
        f"AutoRest test server, lro.json scenarios hit: {len(coverage) - len(missed)}"
        f"/{len(coverage)}" + (f"; not hit: {', '.join(missed)}" if missed else "")
    )


@pytest.fixture(scope="session")
def lro(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    with generated_client(
        "lro.json", LRO_PACKAGE, tmp_path_factory.mktemp("lro")
    ) as generated:
        yield generated


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Polls and retries ask to wait (Retry-After, backoff); record it instead of waiting."""
    asked: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_async_sleep(delay: float, *args: Any) -> None:
        if delay:
            asked.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(time, "sleep", asked.append)
    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    return asked
