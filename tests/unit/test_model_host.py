"""x-ms-parameterized-host in the model: the template, each placeholder's part of the endpoint,
host parameters on the client or the method, and what is refused (one line, its pointer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.model import HostPart, Location
from tests.helpers.model_specs import act_spec, assert_error, build, build_error

ACCOUNT = {"name": "accountName", "in": "path", "required": True, "type": "string"}
SUFFIX = {"name": "suffix", "in": "path", "required": True, "type": "string"}


def hosted(
    template: str = "{accountName}.things.example",
    parameters: list[dict[str, Any]] | None = None,
    **extension: Any,
) -> dict[str, Any]:
    document = act_spec(global_parameters={"Suffix": SUFFIX})
    document["x-ms-parameterized-host"] = {
        "hostTemplate": template,
        "parameters": [ACCOUNT] if parameters is None else parameters,
        **extension,
    }
    return document


def test_the_template_its_parts_and_its_parameters(tmp_path: Path) -> None:
    document = hosted(
        "{accountName}.{suffix}/api/{version}",
        [
            ACCOUNT,
            {"$ref": "#/parameters/Suffix"},
            {"name": "version", "in": "path", "required": True, "type": "string"},
        ],
        positionInOperation="last",
    )
    document["schemes"] = ["https"]
    api = build(tmp_path, document)
    host = api.host_template
    assert host is not None
    assert host.url_template == "https://{accountName}.{suffix}/api/{version}"
    assert host.position == "last"
    assert host.parts == (
        ("accountName", HostPart.AUTHORITY),
        ("suffix", HostPart.AUTHORITY),
        ("version", HostPart.PATH),
    )
    by_wire = {p.wire_name: p for p in api.host_parameters}
    assert all(p.location is Location.HOST for p in by_wire.values())
    assert by_wire["suffix"].client_level  # by $ref to the file's parameters
    assert not by_wire["accountName"].client_level  # inline: the method's
    assert api.endpoint_per_call
    (operation,) = api.operations
    assert [p.wire_name for p in operation.parameters][-3:] == [
        "accountName",
        "suffix",
        "version",
    ]
    assert [
        p.wire_name for p in api.client_parameters if p.location is Location.HOST
    ] == ["suffix"]


def test_without_schemes_the_prefix_is_http_as_autorest_has_it(tmp_path: Path) -> None:
    api = build(tmp_path, hosted())
    assert api.host_template is not None
    assert api.host_template.url_template == "http://{accountName}.things.example"


def test_a_client_location_makes_the_endpoint_the_clients(tmp_path: Path) -> None:
    api = build(
        tmp_path, hosted(parameters=[{**ACCOUNT, "x-ms-parameter-location": "client"}])
    )
    assert not api.endpoint_per_call
    assert [p.python_name for p in api.host_parameters] == ["account_name"]


@pytest.mark.parametrize(
    ("template", "parts"),
    [
        ("{endpoint}", [HostPart.ENDPOINT]),
        ("{endpoint}/text/{version}", [HostPart.ENDPOINT, HostPart.PATH]),
        (
            "{vault}{secret}{dns}",
            [HostPart.URL_START, HostPart.AUTHORITY, HostPart.AUTHORITY],
        ),
        ("https://{a}.example/{b}", [HostPart.AUTHORITY, HostPart.PATH]),
    ],
)
def test_each_placeholder_is_given_its_part_of_the_endpoint(
    tmp_path: Path, template: str, parts: list[HostPart]
) -> None:
    names = [name.partition("}")[0] for name in template.split("{")[1:]]
    parameters = [{**ACCOUNT, "name": name} for name in names]
    api = build(tmp_path, hosted(template, parameters, useSchemePrefix=False))
    assert api.host_template is not None
    assert [part for _, part in api.host_template.parts] == parts


POINTER = "/x-ms-parameterized-host"


@pytest.mark.parametrize(
    ("extension", "pointer", "reason"),
    [
        ({"hostTemplate": "{accountName}?x=1"}, "/hostTemplate", "is not supported"),
        ({"hostTemplate": "{accountName}@evil"}, "/hostTemplate", "is not supported"),
        (
            {"hostTemplate": "https://{accountName}"},
            "/hostTemplate",
            "is not supported",
        ),
        ({"hostTemplate": "a.example"}, "/hostTemplate", "without placeholders"),
        ({"hostTemplate": "{accountName}{accountName}"}, "/hostTemplate", "used twice"),
        ({"positionInOperation": "middle"}, "/positionInOperation", "is not supported"),
        ({"useSchemePrefix": "yes"}, "/useSchemePrefix", "true or false"),
        ({"hostTemplate": "{other}"}, "/parameters/0", "does not appear"),
        ({"parameters": []}, "/parameters", "has no parameter"),
        (
            {"parameters": [{**ACCOUNT, "in": "query"}]},
            "/parameters/0",
            "not supported",
        ),
        (
            {"parameters": [{**ACCOUNT, "type": "integer"}]},
            "/parameters/0",
            "not supported",
        ),
        (
            {"parameters": [{**ACCOUNT, "pattern": "^a$"}]},
            "/parameters/0",
            "not supported",
        ),
        (
            {"parameters": [{**ACCOUNT, "required": False}]},
            "/parameters/0",
            "not supported",
        ),
        ({"x-ms-other": 1}, "/x-ms-other", "is not supported"),
    ],
)
def test_what_is_not_understood_is_refused_at_its_pointer(
    tmp_path: Path, extension: dict[str, Any], pointer: str, reason: str
) -> None:
    document = hosted()
    document["x-ms-parameterized-host"].update(extension)
    error = build_error(tmp_path, document, validate=False)
    assert_error(error, POINTER + pointer, reason)
    assert "\n" not in str(error)


def test_a_client_host_parameter_may_not_share_a_client_parameters_name(
    tmp_path: Path,
) -> None:
    document = hosted(
        "{subscriptionId}.things.example",
        [{**ACCOUNT, "name": "subscriptionId", "x-ms-parameter-location": "client"}],
    )
    error = build_error(tmp_path, document)
    assert_error(error, POINTER, "'subscriptionId'", "not supported")


def test_a_method_host_parameter_is_named_apart_from_the_path_parameters(
    tmp_path: Path,
) -> None:
    """thingName is in the operation's path; a host parameter of that name gets another."""
    api = build(
        tmp_path, hosted("{thingName}.example", [{**ACCOUNT, "name": "thingName"}])
    )
    (operation,) = api.operations
    names = [p.python_name for p in operation.parameters if not p.client_level]
    assert [p.location for p in operation.parameters].count(Location.HOST) == 1
    assert len(set(names)) == len(names) == 2, names
