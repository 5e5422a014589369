"""The files a cassettes run writes: one vcrpy YAML cassette per call and manifest.json, with
sorted keys and stable names so the output is deterministic."""

from __future__ import annotations

import http
import json
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

import yaml

from generator.cassettes.records import (
    CASSETTE_VERSION,
    MANIFEST,
    Cassette,
    CassetteSet,
)
from generator.errors import one_line


def render_cassettes(cassette_set: CassetteSet) -> dict[PurePosixPath, str]:
    """Every output file: one YAML cassette per call and the manifest, as text."""
    files = {
        PurePosixPath(cassette.file_name): _dump_yaml(_cassette_data(cassette))
        for cassette in cassette_set.cassettes
    }
    files[MANIFEST] = _dump_json(_manifest_data(cassette_set))
    return files


def _header_map(headers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, value in headers:
        result.setdefault(name, []).append(value)
    return result


def _cassette_data(cassette: Cassette) -> dict[str, Any]:
    return {
        "interactions": [
            {
                "request": {
                    "body": interaction.request_body,
                    "headers": _header_map(interaction.request_headers),
                    "method": interaction.method,
                    "uri": interaction.uri,
                },
                "response": {
                    "body": {"string": interaction.response_body},
                    "headers": _header_map(interaction.response_headers),
                    "status": {
                        "code": interaction.status,
                        "message": _reason(interaction.status),
                    },
                },
            }
            for interaction in cassette.interactions
        ],
        "version": CASSETTE_VERSION,
    }


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _manifest_data(cassette_set: CassetteSet) -> dict[str, Any]:
    return {
        "api_version": cassette_set.api_version,
        "cassettes": [
            {
                "arguments": dict(cassette.arguments),
                "client_arguments": dict(cassette.client_arguments),
                "example": cassette.example,
                "example_title": cassette.example_title,
                "file": cassette.file_name,
                "method_name": cassette.method_name,
                "operation_id": cassette.operation_id,
                "request": {
                    "json": cassette.request.json,
                    "method": cassette.request.method,
                    "url": cassette.request.url,
                },
                "result": cassette.result,
            }
            for cassette in cassette_set.cassettes
        ],
        "skipped": [
            {
                "example": skipped.example,
                "operation_id": skipped.operation_id,
                "reason": one_line(skipped.reason),
            }
            for skipped in cassette_set.skipped
        ],
        "spec": cassette_set.spec_name,
    }


def _dump_yaml(data: Any) -> str:
    text: str = yaml.safe_dump(
        data, sort_keys=True, default_flow_style=False, width=4096, allow_unicode=False
    )
    return text


def _dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True) + "\n"
