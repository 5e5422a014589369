"""What one cassettes run makes: the frozen records passed from building to the files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import display_path

MANIFEST = PurePosixPath("manifest.json")
"""Per output directory: what each cassette replays and what the test must see."""

CASSETTE_VERSION = 1
"""vcrpy's cassette format version."""


@dataclass(frozen=True)
class ExampleWarning:
    """Why an example (or one status of it) gave no cassette; the run goes on without it."""

    file: Path
    operation_id: str
    reason: str

    def __str__(self) -> str:
        return f"{display_path(self.file)}: {self.reason} ({self.operation_id})"


@dataclass(frozen=True)
class Interaction:
    """One request and its canned response, as vcrpy replays it."""

    method: str
    uri: str
    request_body: str | None
    request_headers: tuple[tuple[str, str], ...]
    status: int
    response_body: str
    response_headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ExpectedRequest:
    """The first request the client must send: the test asserts it, vcrpy matches it."""

    method: str
    url: str
    json: Any
    """The JSON body, or None when no body is sent."""


@dataclass(frozen=True)
class Cassette:
    """One replayable call: how to make it, what goes on the wire and what comes back."""

    file_name: str
    operation_id: str
    method_name: str
    example: str
    """The example file, relative to the spec's directory, so the manifest is portable."""
    example_title: str
    client_arguments: Mapping[str, Any]
    """Keyword arguments of the client's constructor (subscription_id, api_version)."""
    arguments: Mapping[str, Any]
    """Keyword arguments of the method, JSON values with `$model` / `$sentinel` markers."""
    request: ExpectedRequest
    result: Any
    """What the call returns, as JSON: None, or the body of a typed 200 response."""
    interactions: tuple[Interaction, ...]


@dataclass(frozen=True)
class Skipped:
    """An example file or status that gave no cassette, as the manifest records it."""

    example: str
    operation_id: str
    reason: str


@dataclass(frozen=True)
class CassetteSet:
    """Everything one run produces: cassettes, what was skipped, and the warnings to print."""

    spec_name: str
    api_version: str
    cassettes: tuple[Cassette, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[ExampleWarning, ...] = ()


class ExampleProblem(Exception):
    """Raised while reading one example; becomes a warning, never an error of the run."""
