"""A long-running PUT whose example answers 201 (as VMSS Extensions CreateOrUpdate's do): its
cassette holds the poll that azure-mgmt-core's ARMPolling makes, so the replay finishes.

A small spec of our own with three examples: 201 with a `Location` (polled there), 201 without
one and not yet provisioned (polled at the resource's own URL), 201 already `Succeeded` (no
poll: the 201 body is the result). Each is turned into a cassette, and replayed strictly against
the client generated from the same spec.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import vcr

from generator.cassettes import build_cassettes, render_cassettes
from generator.pipeline import load_api
from generator.write import write_tree
from tests.helpers import FakeCredential
from tests.helpers.packages import generated_package

PACKAGE = "widgets_created"
WIDGET_URL = (
    "https://management.azure.com/subscriptions/sub/resourceGroups/rg/providers"
    "/Contoso.Widgets/widgets/w1?api-version=2024-01-01"
)
MONITOR_URL = "https://management.azure.com/operations/op1?api-version=2024-01-01"


def widget(state: str) -> dict[str, Any]:
    return {"id": "/widgets/w1", "properties": {"provisioningState": state}}


EXAMPLES = {
    "with_location": {
        "201": {"body": widget("Creating"), "headers": {"Location": MONITOR_URL}},
        "200": {"body": widget("Succeeded")},
    },
    "creating": {
        "201": {"body": widget("Creating")},
        "200": {"body": widget("Succeeded")},
    },
    "created": {
        "201": {"body": widget("Succeeded")},
        "200": {"body": widget("Succeeded")},
    },
}


def spec() -> dict[str, Any]:
    path_parameter = {"in": "path", "required": True, "type": "string"}
    widget_schema = {"$ref": "#/definitions/Widget"}
    return {
        "swagger": "2.0",
        "info": {"title": "Widgets", "version": "2024-01-01"},
        "host": "management.azure.com",
        "schemes": ["https"],
        "paths": {
            "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            "/providers/Contoso.Widgets/widgets/{widgetName}": {
                "put": {
                    "operationId": "Widgets_CreateOrUpdate",
                    "x-ms-long-running-operation": True,
                    "parameters": [
                        {"name": "subscriptionId", **path_parameter},
                        {"name": "resourceGroupName", **path_parameter},
                        {"name": "widgetName", **path_parameter},
                        {
                            "name": "api-version",
                            "in": "query",
                            "required": True,
                            "type": "string",
                        },
                        {
                            "name": "widget",
                            "in": "body",
                            "required": True,
                            "schema": widget_schema,
                        },
                    ],
                    "responses": {
                        "200": {"description": "OK", "schema": widget_schema},
                        "201": {"description": "Created", "schema": widget_schema},
                    },
                    "x-ms-examples": {
                        name: {"$ref": f"./examples/{name}.json"} for name in EXAMPLES
                    },
                }
            }
        },
        "definitions": {
            "Widget": {
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "properties": {"$ref": "#/definitions/WidgetProperties"},
                }
            },
            "WidgetProperties": {
                "properties": {"provisioningState": {"type": "string"}}
            },
        },
    }


@pytest.fixture(scope="module")
def created(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Any, ModuleType]]:
    folder = tmp_path_factory.mktemp("created")
    spec_file = folder / "specs" / "widgets.json"
    (spec_file.parent / "examples").mkdir(parents=True)
    spec_file.write_text(json.dumps(spec()), encoding="utf-8")
    for name, responses in EXAMPLES.items():
        example = {
            "parameters": {
                "subscriptionId": "sub",
                "resourceGroupName": "rg",
                "widgetName": "w1",
                "api-version": "2024-01-01",
                "widget": {"properties": {"provisioningState": "Creating"}},
            },
            "responses": responses,
        }
        (spec_file.parent / "examples" / f"{name}.json").write_text(
            json.dumps(example), encoding="utf-8"
        )
    api = load_api(spec_file)
    cassettes = folder / "cassettes"
    write_tree(render_cassettes(build_cassettes(api, spec_file)), cassettes)
    with generated_package(spec_file, PACKAGE, folder / "client") as package:
        yield cassettes, api, package


@pytest.mark.parametrize(
    ("example", "polled", "state"),
    [
        ("with_location", MONITOR_URL, "Succeeded"),
        ("creating", WIDGET_URL, "Succeeded"),
        ("created", None, "Succeeded"),
    ],
)
def test_a_201_example_replays_with_the_poll_arm_polling_makes(
    created: tuple[Path, Any, ModuleType],
    sleeps: list[float],
    example: str,
    polled: str | None,
    state: str,
) -> None:
    cassettes, api, package = created
    data = json.loads((cassettes / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["cassettes"] if e["file"] == f"{example}__201.yaml")
    recorder = vcr.VCR(
        cassette_library_dir=str(cassettes),
        record_mode="none",
        match_on=["method", "uri", "body"],
    )
    with (
        recorder.use_cassette(entry["file"], allow_playback_repeats=False) as cassette,
        getattr(package, api.client_name)(
            FakeCredential(), **entry["client_arguments"], retry_total=0
        ) as client,
    ):
        body = package.Widget.from_dict(entry["arguments"]["widget"]["value"])
        arguments = {**entry["arguments"], "widget": body}
        result = client.widgets.begin_create_or_update(**arguments).result()
    assert cassette.all_played
    uris = [request.uri for request in cassette.requests]
    assert uris == [WIDGET_URL] + ([polled] if polled else [])
    assert result.properties.provisioning_state == state
    assert not any(sleeps), "the replay asked to wait"
