"""Fixtures of the peer suite: the AutoRest test server (one per session, on 127.0.0.1 only),
each Swagger file's client generated into a temporary folder, and polls that do not sleep.

At the end of the session the server's own coverage figure of every suite that ran (scenarios
hit / scenarios its routes count) is printed in the terminal summary and written to
tests/testserver/node/node_modules/coverage-<suite>.json, where the README's table is quoted
from.
"""

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
    Coverage,
    Generated,
    Suite,
    TestServer,
    coverage,
    generated_client,
    missing_install,
    suite,
)

HERE = REPO_ROOT / "tests" / "testserver"
SUITES_RUN = pytest.StashKey[dict[str, Suite]]()
COVERAGE = pytest.StashKey[list[Coverage]]()


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
        figures = [
            coverage(server, ran)
            for _, ran in sorted(pytestconfig.stash.get(SUITES_RUN, {}).items())
            if ran.scenarios
        ]
        pytestconfig.stash[COVERAGE] = figures
        for figure in figures:
            name = figure.suite.removesuffix(".json")
            (INSTALL_DIR / "node_modules" / f"coverage-{name}.json").write_text(
                json.dumps(figure.to_json(), indent=2) + "\n", encoding="utf-8"
            )
    finally:
        server.stop()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    figures = config.stash.get(COVERAGE, None)
    if not figures:
        return
    terminalreporter.write_line("AutoRest test server, scenarios hit (server's count):")
    for figure in figures:
        terminalreporter.write_line("  " + figure.line())


def _suite_client(
    swagger: str,
    tmp_path_factory: pytest.TempPathFactory,
    config: pytest.Config,
) -> Iterator[Generated]:
    """The generated client of one suite; the suite's coverage is reported at the end."""
    ran = suite(swagger)
    config.stash.setdefault(SUITES_RUN, {})[ran.swagger] = ran
    out = tmp_path_factory.mktemp(ran.name)
    with generated_client(ran.swagger, ran.package, out) as generated:
        yield generated


@pytest.fixture(scope="session")
def lro(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("lro.json", tmp_path_factory, pytestconfig)


@pytest.fixture(scope="session")
def paging(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("paging.json", tmp_path_factory, pytestconfig)


@pytest.fixture(scope="session")
def head(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("head.json", tmp_path_factory, pytestconfig)


@pytest.fixture(scope="session")
def head_exceptions(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("head-exceptions.json", tmp_path_factory, pytestconfig)


@pytest.fixture(scope="session")
def azure_special(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client(
        "azure-special-properties.json", tmp_path_factory, pytestconfig
    )


@pytest.fixture(scope="session")
def subscription_api_version(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client(
        "subscriptionId-apiVersion.json", tmp_path_factory, pytestconfig
    )


@pytest.fixture(scope="session")
def azure_report(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("azure-report.json", tmp_path_factory, pytestconfig)


@pytest.fixture(scope="session")
def xms_error_responses(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Generated]:
    yield from _suite_client("xms-error-responses.json", tmp_path_factory, pytestconfig)


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
