"""The call an example describes: the client's and the method's arguments, and the request
they make, built exactly as the generated client sends it (path parameters percent-encoded with
`quote(value, safe="")`, query values in the client's order) so vcrpy can match it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.cassettes.records import ExampleProblem, ExpectedRequest
from generator.model import Api
from generator.model.entities import (
    Body,
    Kind,
    Location,
    Operation,
    Parameter,
    TypeRef,
)
from generator.wire import PLACEHOLDER, text_of

API_VERSION_PARAMETER = "api-version"


@dataclass(frozen=True)
class Call:
    client_arguments: dict[str, Any]
    arguments: dict[str, Any]
    request: ExpectedRequest
    headers: tuple[tuple[str, str], ...]


def example_call(api: Api, operation: Operation, values: Mapping[str, Any]) -> Call:
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
    return Call(
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
        raise ExampleProblem(
            f"no value for the required parameter {parameter.wire_name!r}"
        )
    if value is not None and isinstance(value, Mapping):
        raise ExampleProblem(
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
            raise ExampleProblem(
                f"no value for the required body parameter {body.wire_name!r}"
            )
        return None
    if not body.flattened:
        arguments[body.python_name] = _argument(api, body.type, value)
        return value
    if not isinstance(value, Mapping):
        raise ExampleProblem(f"body parameter {body.wire_name!r} is not an object")
    for prop, name in zip(body.flattened, body.flattened_arguments, strict=True):
        found = _nested(value, prop.wire_location)
        if found is not None:
            arguments[name] = _argument(api, prop.type, found)
        elif prop.required:
            raise ExampleProblem(
                f"body parameter {body.wire_name!r} has no required {prop.wire_key!r}"
            )
    return value


def _nested(value: Mapping[str, Any], location: tuple[str, ...]) -> Any:
    """The value at `location` (a flattened property's keys), or None where one is missing."""
    found: Any = value
    for key in location:
        if not isinstance(found, Mapping):
            return None
        found = found.get(key)
    return found


def _argument(api: Api, type_ref: TypeRef, value: Any) -> Any:
    """A JSON value as the method takes it: models marked so the test can build them."""
    if value is None:
        return None
    if type_ref.kind is Kind.MODEL and type_ref.model is not None:
        return {"$model": api.model(type_ref.model).class_name, "value": value}
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        if not isinstance(value, list):
            raise ExampleProblem(f"expected an array, not {type(value).__name__}")
        return [_argument(api, type_ref.item, item) for item in value]
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        if not isinstance(value, Mapping):
            raise ExampleProblem(f"expected an object, not {type(value).__name__}")
        return {key: _argument(api, type_ref.item, item) for key, item in value.items()}
    return value


def _path(template: str, operation: Operation, sent: Mapping[str, Any]) -> str:
    path_parameters = {
        p.wire_name: p for p in operation.parameters if p.location is Location.PATH
    }

    def fill(match: re.Match[str]) -> str:
        parameter = path_parameters.get(match.group(1))
        if parameter is None or parameter.wire_name not in sent:
            raise ExampleProblem(f"no value for path parameter {match.group(1)!r}")
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
