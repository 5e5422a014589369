"""SECURITY.md stays true: what it cites exists, and the logging claim it makes holds.

SECURITY.md names, for each threat, the code that protects against it and the test that shows
it. A renamed function or test would quietly turn the document into fiction, so every
`path::name` it cites is looked up here.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.helpers import GENERATED, REPO_ROOT

SECURITY = REPO_ROOT / "SECURITY.md"
CITATION = re.compile(r"`((?:generator|tests)/[\w/]+\.py)::(\w+)`")
FILE = re.compile(r"`((?:generator|tests|spec)/[\w/.-]+)`")


def defined_names(path: Path) -> set[str]:
    """Functions, classes and assigned names at module level and in classes."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_security_md_cites_code_and_tests_that_exist() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    citations = CITATION.findall(text)
    assert (
        len(citations) >= 20
    ), "SECURITY.md should cite what protects and what shows it"
    missing = [
        f"{file}::{name}"
        for file, name in citations
        if not (REPO_ROOT / file).is_file()
        or name not in defined_names(REPO_ROOT / file)
    ]
    assert missing == []
    files = [f for f in FILE.findall(text) if not f.endswith("/")]
    assert [f for f in files if not (REPO_ROOT / f).exists()] == []


def test_security_md_is_short() -> None:
    # The threat model with a test for each promise: a few pages at most, read end to end.
    assert len(SECURITY.read_text(encoding="utf-8").splitlines()) < 250


@pytest.mark.parametrize("module", ["_client.py", "aio/_client.py"])
def test_generated_clients_omit_network_trace_logging(module: str) -> None:
    """azure-core's NetworkTraceLoggingPolicy logs the Authorization header unredacted."""
    path = GENERATED / "vmss_deallocate" / module
    names = {
        node.id if isinstance(node, ast.Name) else node.attr
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name | ast.Attribute)
    }
    assert "NetworkTraceLoggingPolicy" not in names
    assert "ARMHttpLoggingPolicy" in names
