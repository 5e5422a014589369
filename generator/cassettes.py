"""Published examples become tests: every `x-ms-examples` file turns into vcrpy cassettes.

Azure ships an example file per operation and api-version: the parameters of one call and the
responses the service gives. Replaying them against the generated client checks the request it
builds and the result it returns, so a new api-version brings its own tests. This module is pure
domain logic, Api in and files out; the CLI writes them and prints the warnings.

The request is built exactly as the generated client sends it (path parameters percent-encoded
with `quote(value, safe="")`, query values written as the client writes them, in its order), so
vcrpy can match on method, full URI and body. A long-running operation gives one cassette per
success status of the example: `__200` answered at once, `__202` answered with its `Location`
(and `Retry-After: 0`), then one poll of that `Location` answered 200. Output is deterministic:
sorted keys, stable names, `\\n` line endings.

An example file that is missing or malformed gives a warning naming it and its operation; the
other examples still give their cassettes.
"""

from __future__ import annotations

import http
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import yaml

from generator.errors import GeneratorError, display_path, one_line
from generator.load import RefusedFile, SpecTree, read_document, spec_tree
from generator.model import Api
from generator.model.entities import (
    Body,
    ExampleRef,
    Kind,
    Location,
    Operation,
    Parameter,
    TypeRef,
)
from generator.wire import PLACEHOLDER, text_of

MANIFEST = PurePosixPath("manifest.json")
"""Per output directory: what each cassette replays and what the test must see."""

CASSETTE_VERSION = 1
"""vcrpy's cassette format version."""

API_VERSION_PARAMETER = "api-version"
JSON_CONTENT_TYPE = "application/json"


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


class _ExampleProblem(Exception):
    """Raised while reading one example; becomes a warning, never an error of the run."""


@dataclass(frozen=True)
class _Call:
    client_arguments: dict[str, Any]
    arguments: dict[str, Any]
    request: ExpectedRequest
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _ExampleResponse:
    status: int
    body: Any
    has_body: bool
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        return next(
            (value for key, value in self.headers if key.lower() == name.lower()), None
        )


def build_cassettes(
    api: Api, spec_file: Path, spec_root: Path | None = None
) -> CassetteSet:
    """The cassettes of every example of every operation of `api`, in a stable order.

    `spec_file` is the spec the Api came from: example paths in the manifest are relative to
    its directory, so the manifest does not depend on where the specs are checked out.
    Example files are read only inside its spec tree (`spec_root`, else the default), as the
    spec's own `$ref`s are.
    """
    spec_dir = spec_file.resolve().parent
    tree = spec_tree(spec_file, spec_root)
    cassettes: dict[str, Cassette] = {}
    skipped: list[Skipped] = []
    warnings: list[ExampleWarning] = []
    for operation in api.operations:
        seen: set[Path] = set()
        for ref in operation.examples:
            if ref.file in seen:
                continue
            seen.add(ref.file)
            example = _relative(ref.file, spec_dir)
            made, problems = _example_cassettes(api, operation, ref, example, tree)
            for cassette in made:
                if cassette.file_name in cassettes:
                    other = cassettes[cassette.file_name].example
                    problems.append(
                        f"cassette {cassette.file_name} is already made from {other}"
                    )
                else:
                    cassettes[cassette.file_name] = cassette
            for reason in problems:
                warnings.append(
                    ExampleWarning(ref.file, operation.operation_id, reason)
                )
                skipped.append(
                    Skipped(example, operation.operation_id, one_line(reason))
                )
    return CassetteSet(
        spec_name=spec_file.name,
        api_version=api.api_version,
        cassettes=tuple(cassettes[name] for name in sorted(cassettes)),
        skipped=tuple(
            sorted(skipped, key=lambda s: (s.example, s.operation_id, s.reason))
        ),
        warnings=tuple(warnings),
    )


def render_cassettes(cassette_set: CassetteSet) -> dict[PurePosixPath, str]:
    """Every output file: one YAML cassette per call and the manifest, as text."""
    files = {
        PurePosixPath(cassette.file_name): _dump_yaml(_cassette_data(cassette))
        for cassette in cassette_set.cassettes
    }
    files[MANIFEST] = _dump_json(_manifest_data(cassette_set))
    return files


def _relative(file: Path, spec_dir: Path) -> str:
    try:
        return Path(os.path.relpath(file, spec_dir)).as_posix()
    except ValueError:  # on another drive (Windows): the name is all that is portable
        return file.name


def _read_example(file: Path, tree: SpecTree) -> Mapping[str, Any]:
    """The example's document; whether it exists is asked only inside the spec tree."""
    try:
        document = read_document(file, tree)
    except RefusedFile as exc:
        raise _ExampleProblem(f"example file not read: {exc.reason}") from None
    except GeneratorError as exc:
        if not file.exists():
            raise _ExampleProblem("example file not found") from None
        raise _ExampleProblem(
            f"malformed example: {getattr(exc, 'reason', exc)}"
        ) from None
    except OSError as exc:
        raise _ExampleProblem(
            f"cannot read example: {exc.strerror or type(exc).__name__}"
        ) from None
    if not isinstance(document, Mapping):
        raise _ExampleProblem("malformed example: not a JSON object")
    for key in ("parameters", "responses"):
        if not isinstance(document.get(key), Mapping):
            raise _ExampleProblem(f"malformed example: no {key!r} object")
    return document


def _example_cassettes(
    api: Api, operation: Operation, ref: ExampleRef, example: str, tree: SpecTree
) -> tuple[list[Cassette], list[str]]:
    """The cassettes of one example file, and why any of them could not be made."""
    try:
        document = _read_example(ref.file, tree)
        call = _call(api, operation, document["parameters"])
        responses = _responses(document["responses"])
    except _ExampleProblem as problem:
        return [], [str(problem)]
    declared = {
        int(response.status)
        for response in operation.success_responses
        if response.status.isdigit()
    }
    present = sorted(status for status in responses if status in declared)
    if not present:
        codes = ", ".join(str(code) for code in sorted(declared)) or "none"
        return [], [
            f"no response with a success status the operation declares ({codes})"
        ]
    statuses = present if operation.long_running else present[:1]
    result = _result(operation, responses.get(200))
    stem = PurePosixPath(example).stem
    made: list[Cassette] = []
    problems: list[str] = []
    for status in statuses:
        try:
            interactions = _interactions(call, responses, status, operation)
        except _ExampleProblem as problem:
            problems.append(f"{status} response: {problem}")
            continue
        made.append(
            Cassette(
                file_name=f"{stem}__{status}.yaml",
                operation_id=operation.operation_id,
                method_name=operation.call_path.removeprefix("client."),
                example=example,
                example_title=ref.title,
                client_arguments=call.client_arguments,
                arguments=call.arguments,
                request=call.request,
                result=result,
                interactions=interactions,
            )
        )
    return made, problems


def _call(api: Api, operation: Operation, values: Mapping[str, Any]) -> _Call:
    """The client's constructor and method arguments, and the request they make."""
    client_arguments: dict[str, Any] = {}
    arguments: dict[str, Any] = {}
    sent: dict[str, Any] = {}
    for parameter in operation.parameters:
        if parameter.constant:
            sent[parameter.wire_name] = parameter.constant_value
            continue
        value = _parameter_value(api, parameter, values)
        if value is None:
            continue
        sent[parameter.wire_name] = value
        if parameter.client_level:
            if not (
                parameter.wire_name == API_VERSION_PARAMETER
                and value == api.api_version
            ):
                client_arguments[parameter.python_name] = value
        else:
            arguments[parameter.python_name] = value
    body_json = None
    if operation.body is not None:
        body_json = _body_arguments(api, operation.body, values, arguments)
    url = f"https://{api.host or 'management.azure.com'}" + _path(
        api.base_path + operation.path, operation, sent
    )
    query = _query(operation, sent)
    if query:
        url += "?" + query
    headers = [
        (parameter.wire_name, text_of(sent[parameter.wire_name]))
        for parameter in operation.parameters
        if parameter.location is Location.HEADER and parameter.wire_name in sent
    ]
    return _Call(
        client_arguments,
        arguments,
        ExpectedRequest(operation.http_method.upper(), url, body_json),
        tuple(headers),
    )


def _parameter_value(api: Api, parameter: Parameter, values: Mapping[str, Any]) -> Any:
    value = values.get(parameter.wire_name)
    if value is None and parameter.wire_name == API_VERSION_PARAMETER:
        value = api.api_version
    if value is None and parameter.client_level:
        value = parameter.default
    if value is None and parameter.required:
        raise _ExampleProblem(
            f"no value for the required parameter {parameter.wire_name!r}"
        )
    if value is not None and isinstance(value, Mapping):
        raise _ExampleProblem(
            f"parameter {parameter.wire_name!r} is an object, not a value"
        )
    return value


def _body_arguments(
    api: Api, body: Body, values: Mapping[str, Any], arguments: dict[str, Any]
) -> Any:
    """Add the body's method arguments; return the JSON body sent (None for no body)."""
    value = values.get(body.wire_name)
    if value is None:
        if body.omit_sentinel is not None:
            name = body.flattened_arguments[0] if body.flattened else body.python_name
            arguments[name] = {"$sentinel": body.omit_sentinel.name}
        elif body.required:
            raise _ExampleProblem(
                f"no value for the required body parameter {body.wire_name!r}"
            )
        return None
    if not body.flattened:
        arguments[body.python_name] = _argument(api, body.type, value)
        return value
    if not isinstance(value, Mapping):
        raise _ExampleProblem(f"body parameter {body.wire_name!r} is not an object")
    for prop, name in zip(body.flattened, body.flattened_arguments, strict=True):
        if prop.wire_name in value:
            arguments[name] = _argument(api, prop.type, value[prop.wire_name])
        elif prop.required:
            raise _ExampleProblem(
                f"body parameter {body.wire_name!r} has no required {prop.wire_name!r}"
            )
    return value


def _argument(api: Api, type_ref: TypeRef, value: Any) -> Any:
    """A JSON value as the method takes it: models marked so the test can build them."""
    if value is None:
        return None
    if type_ref.kind is Kind.MODEL and type_ref.model is not None:
        return {"$model": api.model(type_ref.model).class_name, "value": value}
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        if not isinstance(value, list):
            raise _ExampleProblem(f"expected an array, not {type(value).__name__}")
        return [_argument(api, type_ref.item, item) for item in value]
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        if not isinstance(value, Mapping):
            raise _ExampleProblem(f"expected an object, not {type(value).__name__}")
        return {key: _argument(api, type_ref.item, item) for key, item in value.items()}
    return value


def _path(template: str, operation: Operation, sent: Mapping[str, Any]) -> str:
    path_parameters = {
        p.wire_name: p for p in operation.parameters if p.location is Location.PATH
    }

    def fill(match: re.Match[str]) -> str:
        parameter = path_parameters.get(match.group(1))
        if parameter is None or parameter.wire_name not in sent:
            raise _ExampleProblem(f"no value for path parameter {match.group(1)!r}")
        return quote(text_of(sent[parameter.wire_name]), safe="")

    return PLACEHOLDER.sub(fill, template)


def _query(operation: Operation, sent: Mapping[str, Any]) -> str:
    """The query string azure-core builds from the client's dict: `name=value`, in its order.

    The client fills required (and client-level) parameters first, then optional ones, each
    group in the spec's order; azure-core joins them without further encoding.
    """
    query = [p for p in operation.parameters if p.location is Location.QUERY]
    ordered = [p for p in query if p.required or p.client_level] + [
        p for p in query if not (p.required or p.client_level)
    ]
    return "&".join(
        f"{p.wire_name}={text_of(sent[p.wire_name])}"
        for p in ordered
        if p.wire_name in sent
    )


def _responses(raw: Mapping[str, Any]) -> dict[int, _ExampleResponse]:
    responses = {}
    for key, entry in raw.items():
        if not key.isdigit() or not 100 <= int(key) <= 599:
            raise _ExampleProblem(f"malformed example: response key {key!r}")
        if entry is None:
            entry = {}
        if not isinstance(entry, Mapping):
            raise _ExampleProblem(f"malformed example: response {key} is not an object")
        headers = entry.get("headers") or {}
        if not isinstance(headers, Mapping) or any(
            isinstance(value, Mapping | list) for value in headers.values()
        ):
            raise _ExampleProblem(
                f"malformed example: headers of response {key} are not name: value"
            )
        responses[int(key)] = _ExampleResponse(
            status=int(key),
            body=entry.get("body"),
            has_body="body" in entry,
            headers=tuple(
                (name, _header_text(value)) for name, value in headers.items()
            ),
        )
    return responses


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _result(operation: Operation, response: _ExampleResponse | None) -> Any:
    """What the method returns: the 200 body when the spec gives the 200 a type."""
    typed = any(r.status == "200" and r.type is not None for r in operation.responses)
    if not typed or response is None:
        return None
    return response.body


def _interactions(
    call: _Call,
    responses: Mapping[int, _ExampleResponse],
    status: int,
    operation: Operation,
) -> tuple[Interaction, ...]:
    response = responses[status]
    first = _interaction(call, response)
    if not (operation.long_running and status == 202):
        return (first,)
    if response.header("Azure-AsyncOperation") is not None:
        raise _ExampleProblem(
            "replaying an Azure-AsyncOperation status monitor is not supported"
        )
    location = response.header("Location")
    if not location:
        raise _ExampleProblem("202 without a Location header to poll")
    final = responses.get(200) or _ExampleResponse(200, None, False, ())
    poll = Interaction(
        method="GET",
        uri=location,
        request_body=None,
        request_headers=(("Accept", JSON_CONTENT_TYPE),),
        status=200,
        response_body=_body_text(final),
        response_headers=_response_headers(
            _ExampleResponse(200, final.body, final.has_body, ())
        ),
    )
    return (first, poll)


def _interaction(call: _Call, response: _ExampleResponse) -> Interaction:
    body = call.request.json
    headers = [("Accept", JSON_CONTENT_TYPE), *call.headers]
    if body is not None:
        headers.append(("Content-Type", JSON_CONTENT_TYPE))
    return Interaction(
        method=call.request.method,
        uri=call.request.url,
        request_body=None if body is None else json.dumps(body),
        request_headers=tuple(headers),
        status=response.status,
        response_body=_body_text(response),
        response_headers=_response_headers(response),
    )


def _body_text(response: _ExampleResponse) -> str:
    return json.dumps(response.body) if response.has_body else ""


def _response_headers(response: _ExampleResponse) -> tuple[tuple[str, str], ...]:
    """The example's headers, plus what a replay needs: a content type and no waiting."""
    headers = list(response.headers)
    if response.has_body and response.header("Content-Type") is None:
        headers.append(("Content-Type", JSON_CONTENT_TYPE))
    if response.status == 202 and response.header("Retry-After") is None:
        headers.append(("Retry-After", "0"))
    return tuple(headers)


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


__all__ = [
    "MANIFEST",
    "Cassette",
    "CassetteSet",
    "ExampleWarning",
    "ExpectedRequest",
    "Interaction",
    "Skipped",
    "build_cassettes",
    "render_cassettes",
]
