"""One generated method per operation: its arguments, checks, request and result.

A method's view is built from its own operation alone (and the client's parameters), so adding
or removing another operation changes nothing in it. Helpers of the generated package are called
through their private modules (`_shared.require_text`, `_wire.text`), whose names start with
`_`: no argument, which the spec names, can shadow them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.errors import OutputError
from generator.escape import SpecText, python_literal
from generator.model import Kind, Location, Operation, Parameter, TypeRef
from generator.render.conversions import TypeWriter
from generator.render.docs import constant_text
from generator.render.groups import group_argument, unpack_groups
from generator.render.layout import Brackets, assigned, nested
from generator.render.requests import argument_source, next_request, request_parts
from generator.render.results import (
    MethodResult,
    method_result,
    return_annotation,
    tuple_literal,
)
from generator.render.statements import METHOD, method_statements
from generator.render.status_errors import status_errors
from generator.render.views import (
    ArgumentView,
    FlavorView,
    OperationView,
    SentinelView,
)


def operation_view(
    operation: Operation,
    base_path: str,
    writer: TypeWriter,
    flavor: FlavorView,
    *,
    has_api_version: bool,
    next_operation: Operation | None = None,
    host_position: str = "first",
    endpoint_per_call: bool = False,
) -> OperationView:
    """The method of `operation` in a class whose client parameters are `self._parameters`.

    With `endpoint_per_call`, the method builds its endpoint from the host parameters
    (`_shared.host_endpoint`) and names it to the token policy through `armgen_endpoint`.
    """
    shared = _shared(writer)
    arguments: list[ArgumentView] = []
    host_arguments: list[ArgumentView] = []
    host_values: list[str] = []
    checks: list[str] = []
    for parameter in operation.parameters:
        if parameter.location is Location.HOST:
            host_values.append(_host_value(parameter, argument_source(parameter)))
            if not parameter.client_level:
                host_arguments.append(_host_argument(parameter, writer))
    parts = request_parts(operation, base_path, writer, shared, argument_source)
    for parameter in operation.parameters:
        if (
            parameter.client_level
            or parameter.constant
            or parameter.location is Location.HOST
        ):
            continue
        if parameter.location is Location.PATH and parameter.type.kind is Kind.STRING:
            checks.append(_path_check(parameter, shared))
        if parameter.grouped:
            continue
        required = parameter.required
        arguments.append(
            ArgumentView(
                name=parameter.python_name,
                annotation=writer.annotation(parameter.type, sequence=True)
                + ("" if required else " | None"),
                default=None if required else "None",
                keyword_only=not required,
                check=None,
            )
        )
    body = _body(operation, writer, shared)
    arguments += body.arguments
    arguments += [group_argument(group, writer) for group in operation.group_arguments]
    checks = unpack_groups(operation) + checks
    if host_position == "first":
        arguments = host_arguments + arguments
    else:
        arguments += host_arguments
    positional = [a for a in arguments if not a.keyword_only]
    keyword = [a for a in arguments if a.keyword_only]
    url_parts = tuple(SpecText(part) for part in split_path(parts.url_template))
    path_arguments = parts.path_arguments
    per_call = endpoint_per_call and bool(host_values)
    if per_call:
        endpoint = Brackets(
            f"{shared}.host_endpoint(", [Brackets("{", host_values, "}")], ")"
        )
        checks += [
            assigned(METHOD, "_endpoint", endpoint),
            'kwargs["armgen_endpoint"] = _endpoint',
        ]
        url_parts, path_arguments = _at_call_endpoint(url_parts, path_arguments)
    result = method_result(operation, writer, flavor)
    if result.paging is not None and next_operation is not None:
        following = next_request(
            operation, next_operation, base_path, writer, shared, split_path
        )
        if per_call:
            url, arguments_of_url = _at_call_endpoint(
                following.url_template, following.path_arguments
            )
            following = replace(
                following, url_template=url, path_arguments=arguments_of_url
            )
        result.paging = replace(result.paging, next_request=following)
    view = OperationView(
        method_name=operation.method_name,
        doc=SpecText(
            _operation_doc_text(
                operation,
                positional + keyword,
                body.sentinel,
                body.sentinel_argument,
                result,
            )
        ),
        http_method=operation.http_method,
        url_template=url_parts,
        path_arguments=path_arguments,
        arguments=tuple(positional + keyword),
        checks=tuple(checks),
        query=parts.query,
        headers=parts.headers,
        accept=None if result.is_bytes else SpecText("application/json"),
        body_expression=_body_text(body),
        body_keyword="content" if body.binary else "json",
        content_type=SpecText("application/octet-stream") if body.binary else None,
        sentinel=body.sentinel,
        sentinel_argument=body.sentinel_argument,
        success_codes=tuple_literal(result.success_codes),
        long_running=operation.long_running is not None,
        final_state_via=(
            SpecText(operation.long_running.final_state_via)
            if operation.long_running and operation.long_running.final_state_via
            else None
        ),
        result_annotation=result.annotation,
        return_annotation=return_annotation(operation, result.annotation, flavor),
        result_function=result.function(operation.method_name, shared),
        result_expression=result.expression(operation.method_name, shared),
        poller_result=(
            f"{flavor.pager}[{result.annotation}]"
            if result.paging
            else result.annotation
        ),
        poller_callback=result.callback(operation.method_name, shared),
        result_conversion=result.conversion,
        function_annotation=result.function_annotation,
        result_is_bytes=result.is_bytes,
        head_as_bool=result.head_as_bool,
        paging=result.paging,
        sends_raw=any(p.skip_url_encoding for p in operation.parameters)
        or (result.paging is not None and result.paging.next_request is not None),
        page_codes=(
            "(200,)"
            if operation.long_running is not None
            else tuple_literal(result.success_codes)
        ),
        next_link_api_version=(
            "self._parameters.api_version" if has_api_version else "None"
        ),
        def_=(
            "def"
            if operation.paging and operation.long_running is None
            else flavor.def_
        ),
        retry_even_post=operation.idempotent
        and operation.http_method in ("POST", "PATCH"),
        status_errors=status_errors(operation, writer),
    )
    statements = method_statements(view, flavor, body.value, body.unless_none)
    return replace(view, statements=statements)


def _body_text(body: _Body) -> str | None:
    if body.value is None or body.unless_none is None:
        return None if body.value is None else str(body.value)
    return f"None if {body.unless_none} is None else {body.value}"


# --- arguments --------------------------------------------------------------------------------


def _shared(writer: TypeWriter) -> str:
    writer.imports.local_module("_shared")
    return "_shared"


def _path_check(parameter: Parameter, shared: str) -> str:
    """The `require_text` call for a path parameter, with the spec's constraints on it; the
    pattern is the one the model stage translated and checked (model/patterns.py)."""
    limits = parameter.constraints
    if limits.pattern is not None and limits.python_pattern is None:
        raise OutputError(f"{parameter.wire_name}: its pattern was never checked")
    options = (
        f"{keyword}={python_literal(value)}"
        for keyword, value in (
            ("min_length", limits.min_length),
            ("max_length", limits.max_length),
            ("pattern", limits.python_pattern),
        )
        if value is not None
    )
    name = parameter.python_name
    return nested(
        METHOD,
        Brackets(
            f"{shared}.require_text(", [python_literal(name), name, *options], ")"
        ),
    )


def _at_call_endpoint(
    url: tuple[SpecText, ...], arguments: tuple[tuple[str, str | Brackets], ...]
) -> tuple[tuple[SpecText, ...], tuple[tuple[str, str | Brackets], ...]]:
    """A request's URL template and path arguments, starting at the endpoint the method
    built from its host parameters (`_endpoint`)."""
    return (
        (SpecText("{_endpoint}" + url[0]), *url[1:]),
        (("_endpoint", "_endpoint"), *arguments),
    )


def _host_value(parameter: Parameter, source: str) -> str:
    """An entry of the mapping `_shared.host_endpoint` checks: wire name to (name, value)."""
    wire, name = python_literal(parameter.wire_name), python_literal(
        parameter.python_name
    )
    return f"{wire}: ({name}, {source})"


def _host_argument(parameter: Parameter, writer: TypeWriter) -> ArgumentView:
    """A host parameter of the method: text, keyword-only when the spec gives a default."""
    default = parameter.default
    return ArgumentView(
        name=parameter.python_name,
        annotation=writer.annotation(parameter.type),
        default=None if default is None else python_literal(str(default)),
        keyword_only=default is not None,
        check=None,
    )


class _Body:
    def __init__(self) -> None:
        self.arguments: list[ArgumentView] = []
        self.value: str | Brackets | None = None
        """The body sent, as an expression."""
        self.unless_none: str | None = None
        """The argument whose None sends no body (`None if <it> is None else <value>`)."""
        self.sentinel: SentinelView | None = None
        self.sentinel_argument: str | None = None
        self.binary = False


def _body(operation: Operation, writer: TypeWriter, shared: str) -> _Body:
    built = _Body()
    body = operation.body
    if body is None:
        return built
    sentinel = None
    if body.omit_sentinel is not None:
        sentinel = SentinelView(
            name=body.omit_sentinel.name,
            class_name=body.omit_sentinel.class_name,
            doc=SpecText(
                body.omit_sentinel.description or "Omit the request body on purpose."
            ),
        )
        built.sentinel = sentinel
        writer.imports.local("_shared", sentinel.name, sentinel.class_name)
    if body.flattened:
        assert body.type.model is not None
        model_class = writer.model_class(body.type)
        assignments: list[str | Brackets] = []
        for prop, argument in zip(
            body.flattened, body.flattened_arguments, strict=True
        ):
            checked = _checked_value(
                prop.type, argument, sentinel, prop.required, shared
            )
            if not body.grouped:
                built.arguments.append(
                    ArgumentView(
                        name=argument,
                        annotation=_argument_annotation(
                            prop.type, writer, prop.required, sentinel
                        ),
                        default=None if (prop.required or sentinel) else "None",
                        keyword_only=not (prop.required or sentinel),
                        check=None,
                        takes_sequence=prop.type.kind is Kind.ARRAY,
                    )
                )
            assignments.append(
                f"{prop.python_name}={checked}"
                if isinstance(checked, str)
                else Brackets(f"{prop.python_name}={checked.head}", checked.items, ")")
            )
        if not assignments:
            raise OutputError(
                f"{operation.operation_id}: a flattened body needs at least one property"
            )
        built.value = Brackets(f"{model_class}(", assignments, ").to_dict()")
        if sentinel is not None:
            built.sentinel_argument = body.flattened_arguments[0]
        return built
    built.binary = body.type.kind is Kind.BINARY
    if not body.grouped:
        built.arguments.append(
            ArgumentView(
                name=body.python_name,
                annotation=_argument_annotation(
                    body.type, writer, body.required, sentinel
                ),
                default=None if (body.required or sentinel) else "None",
                keyword_only=not (body.required or sentinel),
                check=None,
                takes_sequence=body.type.kind is Kind.ARRAY,
            )
        )
    expression = (
        body.python_name
        if built.binary
        else writer.to_wire(body.type, body.python_name)
    )
    built.value = expression
    if not body.required and sentinel is None and expression != body.python_name:
        built.unless_none = body.python_name
    if sentinel is not None:
        built.sentinel_argument = body.python_name
    return built


def _argument_annotation(
    type_ref: TypeRef, writer: TypeWriter, required: bool, sentinel: SentinelView | None
) -> str:
    text = writer.annotation(type_ref, sequence=True)
    if sentinel is not None:
        return f"{text} | {sentinel.class_name}"
    return text if required else f"{text} | None"


def _checked_value(
    type_ref: TypeRef,
    name: str,
    sentinel: SentinelView | None,
    required: bool,
    shared: str,
) -> str | Brackets:
    """The argument as sent, after the checks its type calls for."""
    if (
        type_ref.kind is not Kind.ARRAY
        or type_ref.item is None
        or type_ref.item.kind is not Kind.STRING
    ):
        return name
    if sentinel is not None:
        hint = f"to act on all of them, pass {sentinel.name}"
        return Brackets(
            f"{shared}.require_strings(",
            [python_literal(name), name, f"if_empty={python_literal(hint)}"],
            ")",
        )
    checked = Brackets(f"{shared}.require_strings(", [python_literal(name), name], ")")
    return checked if required else f"None if {name} is None else {checked}"


# --- docs ---------------------------------------------------------------------------------------


def split_path(template: str, width: int = 60) -> list[str]:
    """Cut a long URL template at slashes so each literal fits on a line."""
    parts: list[str] = []
    for segment in re.split(r"(?=/)", template):
        if parts and len(parts[-1]) + len(segment) <= width:
            parts[-1] += segment
        elif segment:
            parts.append(segment)
    return parts or [""]


def _operation_doc_text(
    operation: Operation,
    arguments: list[ArgumentView],
    sentinel: SentinelView | None,
    sentinel_argument: str | None,
    result: MethodResult,
) -> str:
    lines = [
        operation.description or operation.summary or f"Call {operation.operation_id}.",
        "",
    ]
    constants = [
        f"{p.location.value} {p.wire_name}={constant_text(p)}"
        for p in operation.parameters
        if p.constant
    ]
    if constants:
        lines += [f"Always sends the spec's constants: {', '.join(constants)}.", ""]
    descriptions = {p.python_name: p.description for p in operation.method_parameters}
    for group in operation.group_arguments:
        fields = ", ".join(field for field, _ in group.members)
        descriptions[group.argument] = f"A {group.class_name}: {fields}."
    if operation.body is not None:
        descriptions[operation.body.python_name] = operation.body.description
        for prop, name in zip(
            operation.body.flattened, operation.body.flattened_arguments, strict=True
        ):
            descriptions[name] = prop.description or operation.body.description
    for argument in arguments:
        kind = "keyword" if argument.keyword_only else "param"
        text = descriptions.get(argument.name, "")
        if argument.name == sentinel_argument and sentinel is not None:
            text += f" Pass {sentinel.name} to omit it on purpose; an empty value is refused."
        lines.append(f":{kind} {argument.name}: {text}".rstrip())
    gives = _gives(operation, result)
    if operation.long_running is not None:
        lines += [
            ":keyword polling: True (the default) to poll with ARM's rules, False not to poll, or a"
            " PollingMethod of your own.",
            ":keyword polling_interval: Seconds to wait between polls when the service gives no"
            " Retry-After.",
            ":keyword continuation_token: Resume a poller saved with continuation_token()"
            " instead of sending the request again.",
            f":return: A poller; its result() is {gives}.",
        ]
    else:
        lines.append(f":return: {gives}.")
    lines += [
        ":raises ValueError: An argument is empty or out of range; nothing was sent.",
        ":raises TypeError: An argument has the wrong type; nothing was sent.",
        ":raises ServiceError: The service answered with an error.",
    ]
    return "\n".join(lines)


def _gives(operation: Operation, result: MethodResult) -> str:
    if result.paging is not None:
        return f"an iterator over every page's {result.annotation} items, fetched as needed"
    if result.head_as_bool:
        return "True when the resource exists, False when the service answers 404"
    return result.annotation


__all__ = ["operation_view", "split_path"]
