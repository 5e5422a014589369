"""The exceptions module's view: which model is the error body, and what ServiceError exposes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator.errors import OutputError
from generator.model import Api, Kind, Model
from generator.render.conversions import TypeWriter
from generator.render.imports import ImportBlock, Imports
from generator.render.models import field_view
from generator.render.views import ErrorView


def exceptions_module(
    api: Api, models: Mapping[str, Model], *, status_errors: bool = False
) -> tuple[ErrorView | None, ImportBlock]:
    """exceptions.py's view of the error body, and the module's imports (with
    `status_errors`, what reads the model of a status flagged `x-ms-error-response`)."""
    imports = Imports()
    imports.module("json")
    imports.name("typing", "Any")
    if status_errors:
        imports.name("collections.abc", "Callable", "Mapping")
    imports.name(
        "azure.core.exceptions",
        "AzureError",
        "ClientAuthenticationError",
        "DecodeError",
        "HttpResponseError",
        "ResourceExistsError",
        "ResourceNotFoundError",
    )
    imports.name("azure.core.rest", "AsyncHttpResponse", "HttpResponse")
    imports.local("_pipeline", "body_cut_at")
    view = error_view(api, TypeWriter(models, imports, enum_classes=api.enum_classes))
    return view, imports.block()


def error_view(api: Api, writer: TypeWriter) -> ErrorView | None:
    models = writer.models
    error_types = {
        op.error_response.type.model
        for op in api.operations
        if op.error_response is not None and op.error_response.type is not None
    }
    if not error_types:
        return None
    if len(error_types) > 1 or None in error_types:
        raise OutputError(
            "operations with different or non-model error responses are not supported yet"
        )
    envelope = models[next(iter(error_types)) or ""]
    inner = next(
        (
            p
            for p in envelope.properties
            if p.type.kind is Kind.MODEL and p.wire_name == "error"
        ),
        None,
    )
    inner_model = models[inner.type.model or ""] if inner else envelope
    by_wire = {p.wire_name: p for p in inner_model.properties}
    exposed_properties = [
        p
        for p in inner_model.properties
        if p.wire_name != "message"
        and p.python_name not in _HTTP_RESPONSE_ERROR_ATTRIBUTES
    ]
    writer.class_name(envelope.class_name)
    writer.class_name(inner_model.class_name)
    return ErrorView(
        envelope_class=envelope.class_name,
        inner_class=inner_model.class_name if inner else None,
        inner_attribute=inner.python_name if inner else None,
        message_attribute=(
            by_wire["message"].python_name if "message" in by_wire else None
        ),
        code_attribute=by_wire["code"].python_name if "code" in by_wire else None,
        target_attribute=by_wire["target"].python_name if "target" in by_wire else None,
        properties=tuple(
            replace(field_view(p, writer, conversions=False), annotation=annotation)
            for p in exposed_properties
            for annotation in [_optional(writer.annotation(p.type))]
        ),
    )


def _optional(annotation: str) -> str:
    """ServiceError's shortcut to a property is None without an error body, required or not."""
    return annotation if annotation.endswith(" | None") else f"{annotation} | None"


_HTTP_RESPONSE_ERROR_ATTRIBUTES = frozenset(
    {
        "message",
        "reason",
        "status_code",
        "response",
        "model",
        "error",
        "exc_type",
        "exc_value",
        "exc_traceback",
        "exc_msg",
        "inner_exception",
        "continuation_token",
        "api_error",
        "cloud_error",
        # BaseException's own
        "args",
        "with_traceback",
        "add_note",
    }
)
