"""The parts of the HTTP request a method sends (URL template, path arguments, query and
headers), for an operation and for the operation that fetches its following pages.

Every value is the text of an expression already in scope (`sources`, by parameter): the
method's argument, the client's parameter, a constant, or the page's next link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.escape import SpecText, python_literal
from generator.model import Kind, Location, Operation, Parameter, TypeRef
from generator.model.paging import NEXT_LINK_PARAMETER
from generator.render.conversions import TypeWriter, special_type
from generator.render.layout import Brackets, assigned, nested
from generator.render.views import NextRequestView, QueryView
from generator.wire import url_template

NEXT_LINK = "next_link"
"""The variable of `prepare_request` holding the page's next link."""


@dataclass(frozen=True)
class RequestParts:
    url_template: str
    path_arguments: tuple[tuple[str, str | Brackets], ...]
    query: tuple[QueryView, ...]
    headers: tuple[QueryView, ...]


def request_parts(
    operation: Operation,
    base_path: str,
    writer: TypeWriter,
    shared: str,
    source: Callable[[Parameter], str | None],
) -> RequestParts:
    """The request of `operation`, each parameter's value from `source` (None: not sent)."""
    url_names: dict[str, str] = {}
    path_arguments: list[tuple[str, str | Brackets]] = []
    query: list[QueryView] = []
    headers: list[QueryView] = []
    for parameter in operation.parameters:
        expression = source(parameter)
        if expression is None or parameter.location is Location.HOST:
            continue  # a host parameter is part of the endpoint, not of the request
        if parameter.location is Location.PATH:
            url_names[parameter.wire_name] = parameter.python_name
            path_arguments.append(
                (parameter.python_name, _path_value(parameter, expression, shared))
            )
            continue
        text = _text(parameter.type, expression, writer)
        if parameter.location is Location.QUERY:
            function = "raw_query" if parameter.skip_url_encoding else "query_value"
            text = Brackets(f"{shared}.{function}(", [text], ")")
        sent_in = query if parameter.location is Location.QUERY else headers
        sent_in.append(
            QueryView(
                wire=SpecText(parameter.wire_name),
                value=str(text),
                entry=_entry(parameter.wire_name, text),
                assignments={
                    mapping: assigned(
                        12, f"{mapping}[{python_literal(parameter.wire_name)}]", text
                    )
                    for mapping in _MAPPINGS[parameter.location]
                },
                required=parameter.required
                or parameter.client_level
                or parameter.constant,
                source=expression,
            )
        )
    return RequestParts(
        url_template=url_template(base_path + operation.path, url_names),
        path_arguments=tuple(path_arguments),
        query=tuple(query),
        headers=tuple(headers),
    )


def next_request(
    first: Operation,
    following: Operation,
    base_path: str,
    writer: TypeWriter,
    shared: str,
    split: Callable[[str], list[str]],
) -> NextRequestView:
    """The request of `following` (x-ms-pageable's operationName) for the pages after the
    first: the first one's arguments by name and place, the next link, its constants; the
    model stage refused a next operation that needs anything else."""
    given = {(p.location, p.wire_name): p for p in first.parameters}

    def source(parameter: Parameter) -> str | None:
        if parameter.client_level:
            return client_source(parameter)
        if parameter.wire_name == NEXT_LINK_PARAMETER:
            return NEXT_LINK
        if (match := given.get((parameter.location, parameter.wire_name))) is not None:
            return argument_source(match)
        if parameter.constant:
            return python_literal(parameter.type.enum_values[0])
        return None

    parts = request_parts(following, base_path, writer, shared, source)
    return NextRequestView(
        http_method=following.http_method,
        url_template=tuple(SpecText(part) for part in split(parts.url_template)),
        path_arguments=parts.path_arguments,
        query=parts.query,
        headers=parts.headers,
    )


def client_source(parameter: Parameter) -> str:
    return f"self._parameters.{parameter.python_name}"


def argument_source(parameter: Parameter) -> str:
    """Where a method finds a parameter's value: a constant's literal, the client's
    parameter, or its own argument (a grouped one is unpacked into a local of that name).
    """
    if parameter.constant:
        return python_literal(parameter.constant_value)
    return client_source(parameter) if parameter.client_level else parameter.python_name


_MAPPINGS = {
    Location.QUERY: ("query", "next_query"),
    Location.HEADER: ("headers", "next_headers"),
}
"""The names of the dicts a method fills with query and header values (templates/_macros)."""


def _path_value(parameter: Parameter, expression: str, shared: str) -> Brackets:
    """A path parameter's text: one percent-encoded segment, or as given when the spec says
    so (x-ms-skip-url-encoding; a next link keeps its own query)."""
    if expression == NEXT_LINK:
        return Brackets(f"{shared}.raw_path(", [expression, "query=True"], ")")
    if parameter.skip_url_encoding:
        return Brackets(f"{shared}.raw_path(", [expression], ")")
    return Brackets(f"{shared}.path_segment(", [expression], ")")


def _entry(wire: str, value: str | Brackets) -> str:
    """`"wire": value,` in a dict literal, laid out as black does in a method's
    nested block (render/statements.py's NESTED)."""
    key = python_literal(wire)
    if isinstance(value, str):
        return f"{key}: {value},"
    return nested(12, Brackets(f"{key}: {value.head}", value.items, value.tail), ",")


def _text(type_ref: TypeRef, source: str, writer: TypeWriter) -> str | Brackets:
    """The text of a query or header value: a plain string as it is, anything else through
    `_wire.text` (booleans as `true`/`false`, dates in ISO 8601, lists comma-separated).
    """
    plain = type_ref.kind is Kind.STRING and special_type(type_ref) is None
    if plain and writer.enum_class(type_ref) is None:
        return source
    return Brackets(writer.wire("text("), [source], ")")


__all__ = [
    "NEXT_LINK",
    "RequestParts",
    "argument_source",
    "client_source",
    "next_request",
    "request_parts",
]
