"""A path parameter's pattern reaches the generated client as the Python pattern that means
what the ECMA-262 one means (generator/model/patterns.py), and a pattern that Python cannot run
as written, or that could make every call slow, stops generation at its pointer."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cli import main
from tests.helpers import FakeCredential
from tests.helpers.packages import generated_package, write_json
from tests.helpers.server import FaultyServer, Reply

PACKAGE = "armgen_path_patterns"
PATTERNS = {
    "anyName": r"^.{1,10}$",  # `.` stops at ECMA-262's line terminators
    "groupName": r"^(?<word>[a-z]+)$",  # a named group, as ECMA-262 writes it
    "vmName": r"^[-\w\._]+$",  # the upstream Compute files' pattern, kept as is
}


def patterns_spec(patterns: dict[str, str]) -> dict[str, Any]:
    placeholders = "/".join(f"{{{name}}}" for name in patterns)
    return {
        "swagger": "2.0",
        "info": {"title": "Widgets", "version": "2024-01-01"},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {
            f"/widgets/{placeholders}": {
                "get": {
                    "operationId": "Widgets_Get",
                    "parameters": [
                        {
                            "name": name,
                            "in": "path",
                            "required": True,
                            "type": "string",
                            "pattern": pattern,
                        }
                        for name, pattern in patterns.items()
                    ],
                    "responses": {"200": {"description": "OK."}},
                }
            }
        },
    }


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("patterns")
    spec = write_json(root / "spec.json", patterns_spec(PATTERNS))
    with generated_package(spec, PACKAGE, root / "out") as package:
        yield package


def test_the_client_checks_the_translated_pattern(widgets: ModuleType) -> None:
    package = Path(widgets.__file__ or "").parent
    source = (package / "operations" / "_widgets.py").read_text("utf-8")
    checked = {
        node.args[0].value: keyword.value.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "require_text"
        and isinstance(node.args[0], ast.Constant)
        for keyword in node.keywords
        if keyword.arg == "pattern" and isinstance(keyword.value, ast.Constant)
    }
    assert checked == {
        "any_name": r"^[^\n\r\u2028\u2029]{1,10}$",
        "group_name": "^(?P<word>[a-z]+)$",
        "vm_name": PATTERNS["vmName"],
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("a\u2028b", "abc", "vm-1"), "any_name must match the pattern"),
        (("a" * 11, "abc", "vm-1"), "any_name must match the pattern"),
        (("ab", "ABC", "vm-1"), "group_name must match the pattern"),
        (("ab", "abc", "vm/1"), "vm_name must match the pattern"),
    ],
)
def test_a_value_the_ecma_pattern_refuses_is_refused_before_sending(
    widgets: ModuleType, arguments: tuple[str, str, str], message: str
) -> None:
    with (
        widgets.WidgetsClient(
            FakeCredential(), endpoint="https://127.0.0.1:9"
        ) as client,
        pytest.raises(ValueError, match=message),
    ):
        client.widgets.get(*arguments)


def test_a_value_the_ecma_pattern_accepts_is_sent(widgets: ModuleType) -> None:
    server = FaultyServer()
    try:
        server.script("GET", "/widgets/a%20b%C2%A0c/abc/vm-1._x", Reply(200))
        with widgets.WidgetsClient(FakeCredential(), endpoint=server.url) as client:
            assert (
                client.widgets.get("a b\u00a0c", "abc", "vm-1._x", enforce_https=False)
                is None
            )
        server.assert_all_played()
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"^(a+)+$", "a repetition can match the same text in more than one way"),
        (r"[-\w\._]+$", "without a leading ^ the search tries every start"),
        (r"^[a-z]+\Z", r"the escape \Z is not supported"),
    ],
)
def test_generate_stops_at_the_pattern_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str, reason: str
) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(patterns_spec({"vmName": pattern})), encoding="utf-8")
    code = main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")])
    [line] = capsys.readouterr().err.splitlines()
    assert code == 2
    assert line.startswith(
        f"error: {spec}#/paths/~1widgets~1{{vmName}}/get/parameters/0/pattern:"
        f" pattern refused: {reason}"
    )
    assert not (tmp_path / "out").exists()
