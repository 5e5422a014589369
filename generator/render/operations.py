"""One generated method per operation: its arguments, checks, request and result."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.errors import OutputError
from generator.escape import SpecText, python_literal
from generator.model import Api, Kind, Location, Model, Operation, Parameter, TypeRef
from generator.render.conversions import (
    annotation,
    from_wire,
    referenced_classes,
    to_wire,
)
from generator.render.views import (
    ArgumentView,
    OperationView,
    QueryView,
    SentinelView,
)

# --- operations -----------------------------------------------------------------------------


def _path_check(parameter: Parameter) -> str:
    """The `_require_text` call for a path parameter, with the spec's constraints on it; the
    pattern is the one the model stage translated and checked (model/patterns.py)."""
    limits = parameter.constraints
    if limits.pattern is not None and limits.python_pattern is None:
        raise OutputError(f"{parameter.wire_name}: its pattern was never checked")
    options = "".join(
        f", {keyword}={python_literal(value)}"
        for keyword, value in (
            ("min_length", limits.min_length),
            ("max_length", limits.max_length),
            ("pattern", limits.python_pattern),
        )
        if value is not None
    )
    name = parameter.python_name
    return f"_require_text({python_literal(name)}, {name}{options})"


def operation_view(
    api: Api, operation: Operation, models: Mapping[str, Model]
) -> OperationView:
    arguments: list[ArgumentView] = []
    path_arguments: list[tuple[str, str]] = []
    query: list[QueryView] = []
    headers: list[QueryView] = []
    url_names = {}
    for parameter in operation.parameters:
        source = (
            f"self._{parameter.python_name}"
            if parameter.client_level
            else parameter.python_name
        )
        if parameter.location is Location.PATH:
            url_names[parameter.wire_name] = parameter.python_name
            path_arguments.append((parameter.python_name, source))
        else:
            sent_in = query if parameter.location is Location.QUERY else headers
            sent_in.append(
                QueryView(
                    wire=SpecText(parameter.wire_name),
                    value=_query_text(parameter.type, source),
                    required=parameter.required or parameter.client_level,
                    source=source,
                )
            )
        if parameter.client_level:
            continue
        required = parameter.required
        arguments.append(
            ArgumentView(
                name=parameter.python_name,
                annotation=annotation(parameter.type, models)
                + ("" if required else " | None"),
                default=None if required else "None",
                keyword_only=not required,
                check=(
                    _path_check(parameter)
                    if parameter.location is Location.PATH
                    else None
                ),
            )
        )
    body_expression = None
    sentinel = None
    sentinel_argument = None
    models_used: set[str] = set()
    body = operation.body
    if body is not None:
        if body.omit_sentinel is not None:
            sentinel = SentinelView(
                name=body.omit_sentinel.name,
                class_name=body.omit_sentinel.class_name,
                doc=SpecText(
                    body.omit_sentinel.description
                    or "Omit the request body on purpose."
                ),
            )
        if body.flattened:
            assert body.type.model is not None
            model_class = models[body.type.model].class_name
            models_used.add(model_class)
            assignments = []
            for prop, argument in zip(
                body.flattened, body.flattened_arguments, strict=True
            ):
                checked = _checked_value(prop.type, argument, sentinel, prop.required)
                arguments.append(
                    ArgumentView(
                        name=argument,
                        annotation=_argument_annotation(
                            prop.type, models, prop.required, sentinel
                        ),
                        default=None if (prop.required or sentinel) else "None",
                        keyword_only=not (prop.required or sentinel),
                        check=None,
                    )
                )
                assignments.append(f"{prop.python_name}={checked}")
            if not assignments:
                raise OutputError(
                    f"{operation.operation_id}: a flattened body needs at least one property"
                )
            body_expression = f"{model_class}({', '.join(assignments)}).to_dict()"
            if sentinel is not None:
                sentinel_argument = body.flattened_arguments[0]
        else:
            if body.type.kind is Kind.MODEL:
                models_used.add(models[body.type.model or ""].class_name)
            arguments.append(
                ArgumentView(
                    name=body.python_name,
                    annotation=_argument_annotation(
                        body.type, models, body.required, sentinel
                    ),
                    default=None if (body.required or sentinel) else "None",
                    keyword_only=not (body.required or sentinel),
                    check=None,
                )
            )
            body_expression = to_wire(body.type, body.python_name)
            if not body.required and sentinel is None:
                body_expression = (
                    f"None if {body.python_name} is None else {body_expression}"
                )
            if sentinel is not None:
                sentinel_argument = body.python_name
    positional = [a for a in arguments if not a.keyword_only]
    keyword = [a for a in arguments if a.keyword_only]
    success = "(" + ", ".join(r.status for r in operation.success_responses) + ",)"
    result = next(
        (r.type for r in operation.success_responses if r.type is not None), None
    )
    touched = [p.type for p in operation.method_parameters]
    if body is not None:
        touched += [p.type for p in body.flattened] or [body.type]
    if result is not None:
        touched.append(result)
    for type_ref in touched:
        models_used |= referenced_classes(type_ref, models)
    result_annotation = annotation(result, models) if result else "None"
    result_conversion = None if result is None else from_wire(result, "data", models)
    return OperationView(
        method_name=operation.method_name,
        doc=SpecText(
            _operation_doc_text(
                operation,
                positional + keyword,
                sentinel,
                sentinel_argument,
                result_annotation,
            )
        ),
        http_method=operation.http_method,
        url_template=tuple(
            SpecText(part)
            for part in split_path(
                _url_template(api.base_path + operation.path, url_names)
            )
        ),
        path_arguments=tuple(path_arguments),
        arguments=tuple(positional + keyword),
        query=tuple(query),
        headers=tuple(headers),
        body_expression=body_expression,
        sentinel=sentinel,
        sentinel_argument=sentinel_argument,
        success_codes=success,
        long_running=operation.long_running is not None,
        final_state_via=(
            SpecText(operation.long_running.final_state_via)
            if operation.long_running and operation.long_running.final_state_via
            else None
        ),
        result_annotation=result_annotation,
        result_conversion=result_conversion,
        models_used=tuple(sorted(models_used)),
        retry_even_post=operation.idempotent
        and operation.http_method in ("POST", "PATCH"),
    )


def _argument_annotation(
    type_ref: TypeRef, models: Mapping[str, Model], required: bool, sentinel: Any
) -> str:
    text = annotation(type_ref, models, sequence=True)
    if sentinel is not None:
        return f"{text} | {sentinel.class_name}"
    return text if required else f"{text} | None"


def _checked_value(
    type_ref: TypeRef, name: str, sentinel: SentinelView | None, required: bool
) -> str:
    """The argument as sent, after the checks its type calls for."""
    if (
        type_ref.kind is not Kind.ARRAY
        or type_ref.item is None
        or type_ref.item.kind is not Kind.STRING
    ):
        return name
    if sentinel is not None:
        hint = f"to act on all of them, pass {sentinel.name}"
        return f"_require_strings({python_literal(name)}, {name}, if_empty={python_literal(hint)})"
    checked = f"_require_strings({python_literal(name)}, {name})"
    return checked if required else f"None if {name} is None else {checked}"


def _query_text(type_ref: TypeRef, source: str) -> str:
    if type_ref.kind is Kind.BOOLEAN:
        return f'"true" if {source} else "false"'
    if type_ref.kind is Kind.STRING:
        return source
    if type_ref.kind is Kind.ARRAY:
        return f'",".join(str(item) for item in {source})'
    return f"str({source})"


def _url_template(path: str, url_names: Mapping[str, str]) -> str:
    """The path as a `str.format` template over Python names; literal braces are doubled."""
    pieces: list[str] = []
    rest = path
    while "{" in rest:
        before, _, after = rest.partition("{")
        wire, _, rest = after.partition("}")
        pieces.append(before.replace("}", "}}"))
        pieces.append("{" + url_names[wire] + "}")
    pieces.append(rest.replace("{", "{{").replace("}", "}}"))
    return "".join(pieces)


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
    result_annotation: str,
) -> str:
    lines = [
        operation.description or operation.summary or f"Call {operation.operation_id}.",
        "",
    ]
    descriptions = {p.python_name: p.description for p in operation.method_parameters}
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
    if operation.long_running is not None:
        lines += [
            ":keyword polling: True (the default) to poll with ARM's rules, False not to poll, or a"
            " PollingMethod of your own.",
            ":keyword polling_interval: Seconds to wait between polls when the service gives no"
            " Retry-After.",
            ":keyword continuation_token: Resume a poller saved with continuation_token()"
            " instead of sending the request again.",
            f":return: A poller; its result() is {result_annotation}.",
        ]
    else:
        lines.append(f":return: {result_annotation}.")
    lines += [
        ":raises ValueError: An argument is empty or out of range; nothing was sent.",
        ":raises TypeError: An argument has the wrong type; nothing was sent.",
        ":raises ServiceError: The service answered with an error.",
    ]
    return "\n".join(lines)
