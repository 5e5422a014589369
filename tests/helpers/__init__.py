"""What the tests share: paths, the reference operations, a fake credential, spec files.

Tests import these from here (fixtures live in the conftest.py files); the misbehaving server is
in tests.helpers.server, the example cassettes' suites in tests.helpers.examples, the `diff`
specs in tests.helpers.diff_specs, and the child process the crash tests kill in
tests/helpers/crash.py.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from azure.core.credentials import AccessToken

from generator.config import load_config

TESTS = Path(__file__).resolve().parent.parent
REPO_ROOT = TESTS.parent
SPEC_FILE = REPO_ROOT / "spec" / "compute-vmss-deallocate.yaml"
GENERATED = REPO_ROOT / "generated"
CASSETTES = TESTS / "cassettes"
BAD_SPECS = TESTS / "bad_specs"
SHARED_SPECS = REPO_ROOT.parent / "shared" / "azure-specs" / "specification" / "compute"
UPSTREAM_STABLE = (
    SHARED_SPECS / "resource-manager" / "Microsoft.Compute" / "ComputeRP" / "stable"
)

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


def minimal_spec(**extra: Any) -> dict[str, Any]:
    """The smallest valid Swagger 2.0 document: one operation, no models."""
    spec: dict[str, Any] = {
        "swagger": "2.0",
        "info": {"title": "Things", "version": "2024-01-01"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "Things_List",
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
    }
    spec.update(extra)
    return spec


def write_spec(path: Path, document: Any) -> Path:
    """Write `document` to `path` (its folder made if need be): JSON for a .json name, else
    YAML in the document's own key order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".json":
        path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def without_spec_path(content: bytes) -> bytes:
    """A generated file less its header's spec path, which is relative to the output folder."""
    return re.sub(rb"Spec: [^\n]*\n", b"Spec: ...\n", content, count=1)


def without_spec_paths(tree: Mapping[Any, bytes]) -> dict[Any, bytes]:
    return {path: without_spec_path(content) for path, content in tree.items()}
