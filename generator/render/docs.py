"""Documentation: the client's docstring, the README's operation, parameter and model
tables, and its examples (code built here from identifiers and fixed literals)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

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
    reach = [group.attribute for group in api.named_groups] + [
        f"{op.method_name}()" for op in api.client_operations
    ]
    return "\n".join(
        [
            f"Client for {api.title} (api-version {api.api_version}): {', '.join(reach)}.",
            "",
            f"{api.description}",
            "",
            ":param credential: Any azure-core TokenCredential, e.g."
            " azure.identity.DefaultAzureCredential().",
            ":param subscription_id: ID of the Azure subscription that owns the resources.",
            (
                ":keyword endpoint: Resource Manager endpoint; the token scope is derived from it."
                if api.host_template is None
                else ":param host parameters: fill HOST_TEMPLATE, the endpoint; a value that"
                " would step out of its part of the endpoint is refused with ValueError."
            ),
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
    doc = parameter.description
    if parameter.constant:
        doc = f"{constant_note(parameter)} {doc}".rstrip()
    return ParameterDocView(
        name=parameter.python_name,
        wire=SpecText(parameter.wire_name),
        location=parameter.location.value
        + (", client" if parameter.client_level and mark_client else "")
        + (", constant" if parameter.constant else ""),
        type=SpecText(parameter.type.describe()),
        required=parameter.required,
        doc=SpecText(doc),
    )


def constant_note(parameter: Parameter) -> str:
    """What the docs say of a constant: the value the client always sends."""
    return f"Constant: always sent as {constant_text(parameter)}, not an argument."


def constant_text(parameter: Parameter) -> str:
    return json.dumps(parameter.constant_value, ensure_ascii=False)


def property_doc(prop: Property) -> ParameterDocView:
    return ParameterDocView(
        name=prop.python_name,
        wire=SpecText(".".join(prop.wire_location)),
        location="read-only" if prop.read_only else "",
        type=SpecText(prop.type.describe()),
        required=prop.required,
        doc=SpecText(prop.description),
    )


@dataclass(frozen=True)
class MethodCall:
    """An operation, its method's view, and how a caller reaches the method."""

    operation: Operation
    view: OperationView
    path: str
    """`client.widgets`, or `client` for an operation without a group."""


def method_calls(api: Api, views: Sequence[OperationView]) -> tuple[MethodCall, ...]:
    """Pair each operation with its view: `views` are the client's own methods, then each
    group's, in the order of `api.groups`."""
    pairs = [
        (operation, "client" + (f".{group.attribute}" if group.name else ""))
        for group in api.groups
        for operation in group.operations
    ]
    return tuple(
        MethodCall(operation, view, path)
        for (operation, path), view in zip(pairs, views, strict=True)
    )


def operation_docs(
    api: Api, views: Sequence[OperationView]
) -> tuple[OperationDocView, ...]:
    return tuple(operation_doc(api, call) for call in method_calls(api, views))


def operation_doc(api: Api, call: MethodCall) -> OperationDocView:
    operation, view = call.operation, call.view
    signature_order = {
        argument.name: index for index, argument in enumerate(view.arguments)
    }
    in_groups = {
        local: f"{group.argument}.{field}"
        for group in operation.group_arguments
        for field, local in group.members
    }
    parameters = sorted(
        (
            replace(doc, name=in_groups.get(doc.name, doc.name))
            for doc in (parameter_doc(p) for p in operation.parameters)
        ),
        key=lambda doc: (
            doc.name not in signature_order,
            signature_order.get(doc.name, 0),
        ),
    )
    if operation.body is not None:
        body = operation.body
        required_here = (
            f" Required by this client: pass {body.omit_sentinel.name} to act on all,"
            " on purpose."
            if body.omit_sentinel is not None
            else ""
        )
        if body.flattened:
            parameters += [
                ParameterDocView(
                    name=argument,
                    wire=SpecText(f"{body.wire_name}.{prop.wire_name}"),
                    location="body",
                    type=SpecText(prop.type.describe()),
                    required=prop.required or body.omit_sentinel is not None,
                    doc=SpecText(
                        (prop.description or body.description) + required_here
                    ),
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
                    doc=SpecText(body.description + required_here),
                )
            )
    responses = tuple(
        (
            SpecText(f"{r.status} (error)" if r.error else r.status),
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
        call=f"{call.path}.{operation.method_name}",
        operation_id=SpecText(operation.operation_id),
        http_method=operation.http_method,
        path=SpecText(api.base_path + operation.path),
        doc=SpecText(operation.description),
        parameters=tuple(parameters),
        responses=responses,
        long_running=operation.long_running is not None,
        paged=operation.paging is not None,
        sentinel=view.sentinel,
        example=_usage_example(call),
    )


_EXAMPLE_VALUES = {
    "resource_group_name": "rg-web",
    "vm_scale_set_name": "vmss-frontend",
}


def extra_examples(
    api: Api, package_name: str, views: Sequence[OperationView]
) -> tuple[ExampleView, ...]:
    """Sentinel, resume, async and cloud examples, for the first operation that shows each."""
    client = api.client_name
    calls = method_calls(api, views)
    examples = []
    open_client = f"with {client}(credential, subscription_id) as client:"
    with_sentinel = next((c for c in calls if c.view.sentinel), None)
    if with_sentinel is not None and with_sentinel.view.sentinel is not None:
        name = with_sentinel.view.sentinel.name
        examples.append(
            ExampleView(
                f"**Safe by default.** Acting on everything takes `{name}`:",
                f"from {package_name} import {name}, {client}\n\n"
                f"{open_client}\n    {_usage_example(with_sentinel, use_sentinel=True)}",
            )
        )
    first = calls[0] if calls else None
    long_running = next(
        (c for c in calls if c.view.long_running and not c.view.paging), None
    )
    if long_running is not None:
        call = _usage_example(long_running).removesuffix(".result()")
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
        call = _usage_example(first)
        if first.view.paging and not first.view.long_running:
            pager = call.removeprefix("list(").removesuffix(")")
            awaited = f"[item async for item in {pager}]"
        elif first.view.long_running:
            poller = call.removesuffix(".result()")
            awaited = f"poller = await {poller}\n        await poller.result()"
        else:
            awaited = f"await {call}"
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
        if api.host_template is not None:
            return tuple(examples)
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


def _import_line(api: Api, call: MethodCall, prefix: str = "") -> str:
    names = [api.client_name]
    view = call.view
    if view.sentinel is not None and not _takes_sequence(view):
        names.append(view.sentinel.name)
    return prefix + ", ".join(import_order(names))


def _takes_sequence(view: OperationView) -> bool:
    """Whether the argument the sentinel stands in for takes a list of IDs (shown as one)."""
    return any(
        argument.name == view.sentinel_argument and argument.takes_sequence
        for argument in view.arguments
    )


def _usage_example(call: MethodCall, *, use_sentinel: bool = False) -> str:
    view = call.view
    values = []
    for argument in view.arguments:
        if argument.keyword_only:
            continue
        if argument.name == view.sentinel_argument and view.sentinel is not None:
            use_list = argument.takes_sequence and not use_sentinel
            values.append('["0", "3"]' if use_list else view.sentinel.name)
        else:
            values.append(json.dumps(_EXAMPLE_VALUES.get(argument.name, "my-value")))
    text = f"{call.path}.{view.method_name}({', '.join(values)})"
    if view.long_running:
        return text + ".result()"
    return f"list({text})" if view.paging else text
