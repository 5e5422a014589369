"""The client's modules: `_client.py` (the client class, its operation groups as attributes and
the operations without a group), one module per operation group under `operations/`, their
async twins under `aio/`, and `_shared.py`, what they share.

Each module's imports are gathered as its views are built; names a spec makes never start with
`_`, and every lowercase module-level name of these modules does, so none can shadow another.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.escape import SpecText, python_literal
from generator.model import Api, Kind, Location, Model, Operation, OperationGroup
from generator.render.conversions import TypeWriter, special_type
from generator.render.docs import client_doc
from generator.render.imports import Imports
from generator.render.layout import Brackets, assigned
from generator.render.operations import operation_view
from generator.render.statements import METHOD
from generator.render.status_errors import any_status_errors
from generator.render.views import (
    ClientModuleView,
    FlavorView,
    GroupAttributeView,
    GroupModuleView,
    HostTemplateView,
    OperationView,
    SharedModuleView,
)

PIPELINE_CONSTANTS = (
    "CALL_TIMEOUT",
    "MAX_BODY_BYTES",
    "MAX_ERROR_BODY_BYTES",
    "MAX_RETRY_AFTER",
)
"""The pipeline's documented defaults, exported by the package."""

GROUP_SHADOWED = frozenset({"list"})
"""Builtins a method of an operation group may be named after (model/reserved.py reserves the
others its signatures use). A group's signatures always write `_builtins.list`, whether or not
it has a method `list`, so a method's code never depends on the group's other operations."""


def flavor_view(is_async: bool, title: str) -> FlavorView:
    prefix = "Async" if is_async else ""
    return FlavorView(
        is_async=is_async,
        module_doc=(
            "The asynchronous client: the same surface as the synchronous one, awaited."
            if is_async
            else "The synchronous client, built on azure-core's and azure-mgmt-core's pipeline."
        ),
        package_doc=f"Asynchronous client for {title}, on aiohttp.",
        polling_doc=(
            "The asynchronous client's polling: the twin of ../_polling.py."
            if is_async
            else "How the client polls a long-running operation, through azure-core's public"
            " PollingMethod interface."
        ),
        def_="async def" if is_async else "def",
        await_="await " if is_async else "",
        enter="__aenter__" if is_async else "__enter__",
        exit="__aexit__" if is_async else "__exit__",
        credential=f"{prefix}TokenCredential",
        pipeline_client=f"{prefix}ARMPipelineClient",
        http_response=f"{prefix}HttpResponse",
        poller=f"{prefix}LROPoller",
        pager=f"{prefix}ItemPaged",
        polling_method=f"{prefix}PollingMethod",
        no_polling=f"{prefix}NoPolling",
        arm_polling=f"{prefix}ARMPolling",
        operation_polling=f"{prefix}ArmOperationPolling",
        operation_polling_base=(
            "AsyncLROBasePolling[Any, HttpRequest, AsyncHttpResponse]"
            if is_async
            else "ARMPolling"
        ),
        auth_policy=f"{prefix}SafeChallengePolicy",
        deadline_policy=f"{prefix}CallDeadlinePolicy",
        retry_policy="policies.AsyncRetryPolicy" if is_async else "DeadlineRetryPolicy",
        redirect_policy=f"{prefix}RedirectPolicy",
        body_policy=f"{prefix}BoundedBodyPolicy",
        async_="async " if is_async else "",
        iterator="AsyncIterator" if is_async else "Iterator",
        item_list="AsyncList" if is_async else "iter",
    )


def _location(flavor: FlavorView, *package: str) -> tuple[str, ...]:
    return ("aio", *package) if flavor.is_async else package


class _Methods:
    """The operation methods of one class, and what they make the module import."""

    def __init__(
        self,
        api: Api,
        operations: tuple[Operation, ...],
        models: Mapping[str, Model],
        imports: Imports,
        flavor: FlavorView,
    ) -> None:
        in_group = any(operation.group_attribute for operation in operations)
        writer = TypeWriter(
            models,
            imports,
            enum_classes=api.enum_classes,
            shadowed=GROUP_SHADOWED if in_group else frozenset(),
        )
        has_api_version = any(
            p.wire_name == "api-version" for p in api.client_parameters
        )
        self.views = tuple(
            operation_view(
                operation,
                api.base_path,
                writer,
                flavor,
                has_api_version=has_api_version,
                host_position=api.host_template.position if api.host_template else "",
                endpoint_per_call=api.endpoint_per_call,
                next_operation=_next_operation(api, operation),
            )
            for operation in operations
        )
        if self.views:
            _method_imports(self.views, imports, flavor)

    @property
    def result_functions(self) -> tuple[OperationView, ...]:
        return tuple(view for view in self.views if view.result_conversion is not None)


def _next_operation(api: Api, operation: Operation) -> Operation | None:
    """The operation x-ms-pageable's operationName names for the following pages, if any."""
    name = operation.paging.next_operation if operation.paging else None
    if name is None or name == operation.operation_id:
        return None
    return next(op for op in api.operations if op.operation_id == name)


def _method_imports(
    views: tuple[OperationView, ...], imports: Imports, flavor: FlavorView
) -> None:
    imports.name("typing", "Any")
    imports.name("azure.core.pipeline", "PipelineResponse")
    imports.name("azure.core.rest", "HttpRequest", flavor.http_response)
    imports.local_module("_shared")
    if any(view.long_running for view in views):
        imports.name(
            "azure.core.polling",
            flavor.poller,
            flavor.no_polling,
            flavor.polling_method,
        )
        imports.local("_shared", "DEFAULT_POLLING_INTERVAL")
        polling = "aio._polling" if flavor.is_async else "_polling"
        imports.local(polling, flavor.operation_polling)
    if any(view.paging for view in views):
        module = "azure.core.async_paging" if flavor.is_async else "azure.core.paging"
        imports.name(module, flavor.pager)
        imports.name("collections.abc", flavor.iterator)
        if flavor.is_async:
            imports.name("azure.core.async_paging", "AsyncList")


def group_module(
    api: Api,
    group: OperationGroup,
    models: Mapping[str, Model],
    flavor: FlavorView,
) -> GroupModuleView:
    imports = Imports(_location(flavor, "operations"))
    methods = _Methods(api, group.operations, models, imports, flavor)
    if flavor.is_async:
        imports.name("azure.mgmt.core", "AsyncARMPipelineClient")
        sync_module = f"operations.{group.module}"
        names = [view.result_function or "" for view in methods.result_functions]
        if names:
            imports.local(sync_module, *names)
    else:
        imports.name("azure.mgmt.core", "ARMPipelineClient")
    imports.local_module("_shared")
    return GroupModuleView(
        imports=imports.block(),
        class_name=group.class_name,
        doc=SpecText(_group_doc(group)),
        operations=methods.views,
        result_functions=() if flavor.is_async else methods.result_functions,
    )


def _group_doc(group: OperationGroup) -> str:
    names = ", ".join(operation.method_name for operation in group.operations)
    return (
        f"The {group.name} operations ({names}). Reach them through the client's"
        f" `{group.attribute}` attribute; do not create this class yourself."
    )


def client_module(
    api: Api, models: Mapping[str, Model], flavor: FlavorView
) -> ClientModuleView:
    imports = Imports(_location(flavor))
    own = api.client_operations
    methods = _Methods(api, own, models, imports, flavor)
    credential_module = (
        "azure.core.credentials_async" if flavor.is_async else "azure.core.credentials"
    )
    imports.name(credential_module, flavor.credential)
    imports.name("types", "TracebackType")
    imports.name("typing", "Any")
    imports.name("azure.core.pipeline", "policies")
    imports.name("azure.core.rest", "HttpRequest", flavor.http_response)
    imports.name("azure.mgmt.core", flavor.pipeline_client)
    imports.name("azure.mgmt.core.policies", "ARMHttpLoggingPolicy")
    imports.local_module("_shared")
    imports.local("_shared", "API_VERSION", "SDK_MONIKER")
    if api.host_template is None:
        imports.local("_shared", "DEFAULT_ENDPOINT")
    shared_policies = [*PIPELINE_CONSTANTS, "RetryAfterCap", "_TokenOnlyForTheEndpoint"]
    if api.endpoint_per_call:
        shared_policies.append("keep_call_endpoints")
    own_policies = [flavor.body_policy, flavor.deadline_policy, flavor.auth_policy]
    if flavor.is_async:
        imports.local("_pipeline", *shared_policies)
        imports.local("aio._pipeline", *own_policies)
    else:
        imports.local(
            "_pipeline", *shared_policies, *own_policies, "DeadlineRetryPolicy"
        )
    groups = api.named_groups
    if groups:
        operations_package = "aio.operations" if flavor.is_async else "operations"
        imports.local(operations_package, *(group.class_name for group in groups))
    if flavor.is_async:
        names = [view.result_function or "" for view in methods.result_functions]
        if names:
            imports.local("_client", *names)
    return ClientModuleView(
        imports=imports.block(),
        client_name=api.client_name,
        doc=SpecText(client_doc(api)),
        constructor_arguments=tuple(
            (
                p.python_name,
                TypeWriter(models, imports, enum_classes=api.enum_classes).annotation(
                    p.type
                ),
                _host_default(p.default) if p.location is Location.HOST else None,
            )
            for p in api.client_parameters
            if p.wire_name != "api-version"
        ),
        text_arguments=frozenset(
            p.python_name
            for p in api.client_parameters
            if p.type.kind is Kind.STRING and special_type(p.type) is None
        ),
        parameter_fields=tuple(p.python_name for p in api.client_parameters),
        groups=tuple(
            GroupAttributeView(
                group.attribute,
                group.class_name,
                assigned(
                    METHOD,
                    f"self.{group.attribute}",
                    Brackets(
                        f"{group.class_name}(",
                        ["self._client", "self._parameters"],
                        ")",
                    ),
                ),
            )
            for group in groups
        ),
        pipeline_client=assigned(
            METHOD,
            f"self._client: {flavor.pipeline_client}[HttpRequest, {flavor.http_response}]",
            Brackets(
                f"{flavor.pipeline_client}(",
                [
                    f"base_url={'_shared.HOST_TEMPLATE' if api.endpoint_per_call else 'endpoint'}",
                    "policies=pipeline_policies",
                    "**kwargs",
                ],
                ")",
            ),
        ),
        operations=methods.views,
        result_functions=() if flavor.is_async else methods.result_functions,
        host_values=_host_values(api) if api.host_template else None,
        endpoint_per_call=api.endpoint_per_call,
    )


def _host_default(default: object) -> str | None:
    return None if default is None else python_literal(str(default))


def _host_values(api: Api) -> str:
    """The client's host parameters as `_shared.host_endpoint` takes them."""
    entries = (
        f"{python_literal(p.wire_name)}: ({python_literal(p.python_name)}, {p.python_name})"
        for p in api.client_parameters
        if p.location is Location.HOST
    )
    return "{" + ", ".join(entries) + "}"


def shared_module(
    api: Api, models: Mapping[str, Model], views: tuple[OperationView, ...]
) -> SharedModuleView:
    """_shared.py, for the operations' views of the synchronous flavour."""
    imports = Imports()
    imports.name("dataclasses", "dataclass")
    imports.name("typing", "Any", "Final", "TypeVar")
    imports.name("collections.abc", "Callable")
    imports.name("urllib.parse", "quote")
    imports.module("re")
    imports.name("azure.core.pipeline", "PipelineResponse")
    imports.name("azure.core.rest", "HttpRequest")
    imports.local("_version", "VERSION")
    imports.local("exceptions", "error_from_response", "json_body", "unusable_answer")
    imports.local_module("_wire")
    sentinels = tuple(
        {view.sentinel.name: view.sentinel for view in views if view.sentinel}.values()
    )
    if sentinels:
        imports.module("enum")
    has_paging = any(view.paging for view in views)
    if api.host_template is not None:
        imports.name("urllib.parse", "urlsplit")
    if has_paging:
        imports.name("urllib.parse", "parse_qs", "urljoin", "urlsplit")
    imports.name("collections.abc", "Sequence")
    flagged = any_status_errors(view.status_errors for view in views)
    if flagged:
        imports.name("collections.abc", "Mapping")
    writer = TypeWriter(models, imports, enum_classes=api.enum_classes)
    return SharedModuleView(
        imports=imports.block(),
        parameter_fields=tuple(
            (p.python_name, writer.annotation(p.type)) for p in api.client_parameters
        ),
        sentinels=sentinels,
        has_long_running=any(view.long_running for view in views),
        has_paging=has_paging,
        sends_raw=any(view.sends_raw for view in views),
        retry_even_post=any(view.retry_even_post for view in views),
        status_errors=flagged,
        host=(
            HostTemplateView(
                url_template=SpecText(api.host_template.url_template),
                parts=tuple(
                    (SpecText(wire), part.value)
                    for wire, part in api.host_template.parts
                ),
            )
            if api.host_template is not None
            else None
        ),
    )


__all__ = [
    "PIPELINE_CONSTANTS",
    "client_module",
    "flavor_view",
    "group_module",
    "shared_module",
]
