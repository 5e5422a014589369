"""The committed example cassettes (tests/cassettes/examples/): one suite per api-version.

Each suite is a directory written by `python -m generator cassettes` from Microsoft's upstream
file of that api-version, with a manifest of what each cassette calls and returns. `Clients`
generates each suite's client once per session (the `clients` fixture).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cassettes import MANIFEST as MANIFEST_FILE
from generator.model import Api
from generator.pipeline import generate_files, load_api, project_options
from generator.write import write_tree
from tests.helpers import CASSETTES, REPO_ROOT, UPSTREAM_STABLE

API_VERSION = "2024-07-01"
UPSTREAM_FILE = UPSTREAM_STABLE / API_VERSION / "virtualMachineScaleSet.json"
PROJECT_FILE = REPO_ROOT / "spec" / "codegen.yaml"
COMMITTED = CASSETTES / "examples" / API_VERSION


@dataclass(frozen=True)
class Suite:
    """One directory of committed cassettes: the examples of one upstream api-version."""

    directory: Path
    manifest: Mapping[str, Any]

    @property
    def api_version(self) -> str:
        return str(self.manifest["api_version"])

    @property
    def upstream_file(self) -> Path:
        return UPSTREAM_STABLE / self.api_version / str(self.manifest["spec"])

    @property
    def operations(self) -> tuple[str, ...]:
        listed = [*self.manifest["cassettes"], *self.manifest["skipped"]]
        return tuple(sorted({item["operation_id"] for item in listed}))

    @property
    def package(self) -> str:
        return "vmss_ops_" + self.api_version.replace("-", "_")

    @property
    def command(self) -> list[str]:
        """The command that wrote the directory, minus `--out`."""
        return [
            "cassettes",
            "--spec",
            str(self.upstream_file),
            "--config",
            str(PROJECT_FILE),
            *(argument for op in self.operations for argument in ("--operation", op)),
        ]

    def require_upstream(self) -> None:
        if not self.upstream_file.is_file():
            pytest.fail(
                f"{self.upstream_file} is missing: check out azure-rest-api-specs in "
                "../shared",
                pytrace=False,
            )


SUITES = tuple(
    Suite(directory, json.loads((directory / MANIFEST_FILE).read_text("utf-8")))
    for directory in sorted((CASSETTES / "examples").iterdir())
    if (directory / MANIFEST_FILE).is_file()
)
"""Every api-version whose cassettes are committed: a new directory brings its own tests."""
SUITE = next(suite for suite in SUITES if suite.directory == COMMITTED)
ENTRIES: list[dict[str, Any]] = SUITE.manifest["cassettes"]


@dataclass
class Clients:
    """Each suite's client, generated from its whole upstream file once per session, and
    its Api."""

    root: Path
    loaded: dict[Path, tuple[Api, ModuleType]] = field(default_factory=dict)

    def get(self, suite: Suite) -> tuple[Api, ModuleType]:
        """One client of the whole upstream file (every operation, in its groups), with the
        project file's hints, as a service team would generate it."""
        if suite.directory not in self.loaded:
            suite.require_upstream()
            options = replace(
                project_options(
                    PROJECT_FILE, spec=suite.upstream_file, package_name=suite.package
                ),
                operation_ids=None,
            )
            out = self.root / suite.package
            tree = generate_files(options, out)
            write_tree(tree.files, tree.root)
            sys.path.insert(0, str(out))
            api = load_api(options.spec, options.operation_ids, options.hints)
            package = importlib.import_module(suite.package)
            self.loaded[suite.directory] = (api, package)
        return self.loaded[suite.directory]

    def close(self) -> None:
        """Leave sys.path and sys.modules as they were for the rest of the session."""
        packages = {package.__name__ for _, package in self.loaded.values()}
        sys.path[:] = [entry for entry in sys.path if Path(entry).parent != self.root]
        for name in [m for m in sys.modules if m.partition(".")[0] in packages]:
            del sys.modules[name]
