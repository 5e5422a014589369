"""Fixtures for every test: the result cache off, and the example suites' clients."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.examples import Clients


@pytest.fixture(autouse=True)
def no_result_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs the whole pipeline (black included), and leaves ~/.cache alone; the
    cache's own tests turn it back on in a folder of their own."""
    monkeypatch.setenv("ARMGEN_NO_CACHE", "1")


@pytest.fixture(scope="session")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clients]:
    """The example suites' clients, each generated once per session when first asked for."""
    generated = Clients(tmp_path_factory.mktemp("clients"))
    try:
        yield generated
    finally:
        generated.close()
