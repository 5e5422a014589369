"""The examples in the generated README run: each Python block is executed as written.

The service is replaced by a cassette that answers any POST and GET with 200, so what is tested
is the example code itself: imports, names, signatures and the sync and async call patterns.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import vcr
import yaml

from tests.helpers import GENERATED, SUBSCRIPTION, FakeCredential

README = GENERATED / "vmss_deallocate" / "README.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def python_blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


class FakeAsyncCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        return FakeCredential().get_token(*scopes)

    async def close(self) -> None:
        pass


@pytest.fixture
def any_request_answered_200(tmp_path: Path) -> Path:
    def interaction(method: str) -> dict[str, Any]:
        return {
            "request": {
                "body": None,
                "headers": {},
                "method": method,
                "uri": "https://management.azure.com/",
            },
            "response": {
                "body": {"string": ""},
                "headers": {"Content-Length": ["0"]},
                "status": {"code": 200, "message": "OK"},
            },
        }

    cassette = tmp_path / "any.yaml"
    cassette.write_text(
        yaml.safe_dump(
            {"interactions": [interaction("POST"), interaction("GET")], "version": 1}
        )
    )
    return cassette


def test_the_readme_has_the_examples_it_promises() -> None:
    blocks = python_blocks()
    executable = [block for block in blocks if "credential" in block]
    assert len(executable) == 5
    text = "\n".join(executable)
    for needle in (
        "ALL_INSTANCES",
        "continuation_token=token",
        "async with",
        "AZURE_CHINA_CLOUD",
    ):
        assert needle in text


@pytest.mark.parametrize(
    "block",
    [block for block in python_blocks() if "credential" in block],
    ids=lambda block: block.splitlines()[0][:40],
)
def test_each_example_runs(
    block: str, any_request_answered_200: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(GENERATED))
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    namespace: dict[str, Any] = {
        "credential": FakeCredential(),
        "async_credential": FakeAsyncCredential(),
        "subscription_id": SUBSCRIPTION,
        "__name__": "readme_example",
    }
    with vcr.use_cassette(
        str(any_request_answered_200),
        record_mode="none",
        match_on=["method"],
        allow_playback_repeats=True,
    ) as cassette:
        exec(compile(block, str(README), "exec"), namespace)
    assert cassette.play_count >= 1
    assert "vmss_deallocate" in sys.modules


def test_the_required_instance_ids_row_says_how_to_act_on_all() -> None:
    """The spec's own words say an omitted body acts on every VM; the row also says why the
    argument is required here, so the two do not read as a contradiction."""
    row = next(
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `instance_ids`") and "| body |" in line
    )
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[3] == "yes"
    assert "Required by this client: pass ALL\\_INSTANCES to act on all" in cells[4]
