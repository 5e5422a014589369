"""Documentation: the client's docstring, the README's operation, parameter and model
tables, and its examples (code built here from identifiers and fixed literals)."""

from __future__ import annotations

import json

from generator.escape import SpecText
from generator.model import Api, Operation, Parameter, Property
from generator.render.imports import import_order
from generator.render.views import (
    ExampleView,
    OperationDocView,
    OperationView,
    ParameterDocView,
)


def client_doc(api: Api) -> str:
    names = ", ".join(op.method_name for op in api.operations)
    return "\n".join(
        [
            f"Client for {api.title} (api-version {api.api_version}): {names}.",
            "",
            f"{api.description}",
            "",
            ":param credential: Any azure-core TokenCredential, e.g."
            " azure.identity.DefaultAzureCredential().",
            ":param subscription_id: ID of the Azure subscription that owns the resources.",
            ":keyword endpoint: Resource Manager endpoint; the token scope is derived from it.",
            ":keyword api_version: Override the API version, at your own risk.",
            ":keyword max_retry_after: Seconds: the longest wait a Retry-After can ask"
            " for (MAX_RETRY_AFTER).",
            ":keyword max_body_bytes: Bytes read of a success body, after"
            " decompression (MAX_BODY_BYTES).",
            ":keyword max_error_body_bytes: Bytes read of an error body"
            " (MAX_ERROR_BODY_BYTES).",
            ":keyword call_timeout: Seconds one call may take, retries and waits"
            " included (CALL_TIMEOUT); None for no deadline.",
            ":keyword credential_scopes: Override the token scopes.",
            ":keyword kwargs: azure-core configuration: retry_total, transport,"
            " logging_enable and the rest; policies= replaces the pipeline, these"
            " limits included.",
        ]
    )


# --- docs -----------------------------------------------------------------------------------


def parameter_doc(
    parameter: Parameter, *, mark_client: bool = True
) -> ParameterDocView:
    return ParameterDocView(
        name=parameter.python_name,
        wire=SpecText(parameter.wire_name),
        location=parameter.location.value
        + (", client" if parameter.client_level and mark_client else ""),
        type=SpecText(parameter.type.describe()),
        required=parameter.required,
        doc=SpecText(parameter.description),
    )


def property_doc(prop: Property) -> ParameterDocView:
    return ParameterDocView(
        name=prop.python_name,
        wire=SpecText(prop.wire_name),
        location="read-only" if prop.read_only else "",
        type=SpecText(prop.type.describe()),
        required=prop.required,
        doc=SpecText(prop.description),
    )


def operation_doc(
    api: Api, operation: Operation, view: OperationView
) -> OperationDocView:
    signature_order = {
        argument.name: index for index, argument in enumerate(view.arguments)
    }
    parameters = sorted(
        (parameter_doc(p) for p in operation.parameters),
        key=lambda doc: (
            doc.name not in signature_order,
            signature_order.get(doc.name, 0),
        ),
    )
    if operation.body is not None:
        body = operation.body
        if body.flattened:
            parameters += [
                ParameterDocView(
                    name=argument,
                    wire=SpecText(f"{body.wire_name}.{prop.wire_name}"),
                    location="body",
                    type=SpecText(prop.type.describe()),
                    required=prop.required or body.omit_sentinel is not None,
                    doc=SpecText(prop.description or body.description),
                )
                for prop, argument in zip(
                    body.flattened, body.flattened_arguments, strict=True
                )
            ]
        else:
            parameters.append(
                ParameterDocView(
                    name=body.python_name,
                    wire=SpecText(body.wire_name),
                    location="body",
                    type=SpecText(body.type.describe()),
                    required=body.required or body.omit_sentinel is not None,
                    doc=SpecText(body.description),
                )
            )
    responses = tuple(
        (
            SpecText(r.status),
            SpecText(r.type.describe() if r.type else "(no body)"),
            SpecText(
                " ".join(
                    [r.description]
                    + [f"Header {h.wire_name}: {h.description}" for h in r.headers]
                ).strip()
            ),
        )
        for r in operation.responses
    )
    return OperationDocView(
        method_name=operation.method_name,
        operation_id=SpecText(operation.operation_id),
        http_method=operation.http_method,
        path=SpecText(api.base_path + operation.path),
        doc=SpecText(operation.description),
        parameters=tuple(parameters),
        responses=responses,
        long_running=operation.long_running is not None,
        sentinel=view.sentinel,
        example=_usage_example(api, view),
    )


_EXAMPLE_VALUES = {
    "resource_group_name": "rg-web",
    "vm_scale_set_name": "vmss-frontend",
}


def extra_examples(
    api: Api, package_name: str, operations: tuple[OperationView, ...]
) -> tuple[ExampleView, ...]:
    """Sentinel, resume, async and cloud examples, for the first operation that shows each."""
    client = api.client_name
    examples = []
    open_client = f"with {client}(credential, subscription_id) as client:"
    with_sentinel = next((v for v in operations if v.sentinel), None)
    if with_sentinel is not None and with_sentinel.sentinel is not None:
        call = _usage_example(api, with_sentinel, use_sentinel=True)
        examples.append(
            ExampleView(
                f"**Safe by default.** Acting on everything takes `{with_sentinel.sentinel.name}`:",
                f"from {package_name} import {with_sentinel.sentinel.name}, {client}\n\n"
                f"{open_client}\n    {call}",
            )
        )
    first = operations[0] if operations else None
    long_running = next((v for v in operations if v.long_running), None)
    if long_running is not None:
        call = _usage_example(api, long_running).removesuffix(".result()")
        examples.append(
            ExampleView(
                "**Resume** a long-running operation in another process: save the poller's"
                " `continuation_token()`, and pass it back; the request is not sent again.",
                f"from {package_name} import {_import_line(api, long_running)}\n\n"
                f"{open_client}\n    token = {call}.continuation_token()\n\n"
                f"{open_client}\n"
                f"    {call.removesuffix(')')}, continuation_token=token).result()",
            )
        )
    if first is not None:
        call = _usage_example(api, first)
        awaited = (
            f"poller = await {call.removesuffix('.result()')}\n        await poller.result()"
            if first.long_running
            else f"await {call}"
        )
        examples.append(
            ExampleView(
                "**Asynchronous**, with the same surface (`pip install aiohttp`):",
                "import asyncio\n\n"
                f"from {package_name}{_import_line(api, first, prefix='.aio import ')}\n\n\n"
                "async def main() -> None:\n"
                f"    async with {client}(async_credential, subscription_id) as client:\n"
                f"        {awaited}\n\n\nasyncio.run(main())",
            )
        )
        examples.append(
            ExampleView(
                "**Other clouds**: the endpoint decides the token scope too"
                " (`AZURE_PUBLIC_CLOUD`, `AZURE_CHINA_CLOUD`, `AZURE_US_GOVERNMENT` or any URL):",
                f"from {package_name} import AZURE_CHINA_CLOUD, {_import_line(api, first)}\n\n"
                f"with {client}(credential, subscription_id, endpoint=AZURE_CHINA_CLOUD) as client:"
                f"\n    {call}",
            )
        )
    return tuple(examples)


def _import_line(api: Api, view: OperationView, prefix: str = "") -> str:
    names = [api.client_name]
    if view.sentinel is not None and "Sequence" not in _sentinel_annotation(view):
        names.append(view.sentinel.name)
    return prefix + ", ".join(import_order(names))


def _sentinel_annotation(view: OperationView) -> str:
    return next(
        (a.annotation for a in view.arguments if a.name == view.sentinel_argument), ""
    )


def _usage_example(api: Api, view: OperationView, *, use_sentinel: bool = False) -> str:
    values = []
    for argument in view.arguments:
        if argument.keyword_only:
            continue
        if argument.name == view.sentinel_argument and view.sentinel is not None:
            use_list = "Sequence" in argument.annotation and not use_sentinel
            values.append('["0", "3"]' if use_list else view.sentinel.name)
        else:
            values.append(json.dumps(_EXAMPLE_VALUES.get(argument.name, "my-value")))
    call = f"client.{view.method_name}({', '.join(values)})"
    return call + (".result()" if view.long_running else "")
