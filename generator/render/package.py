"""The whole package: one view of the API for every template, and the files rendered from it."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import jinja2

from generator import __version__
from generator.errors import OutputError
from generator.escape import SpecText
from generator.model import Api
from generator.render.docs import (
    client_doc,
    extra_examples,
    operation_doc,
    parameter_doc,
    property_doc,
)
from generator.render.environment import make_environment
from generator.render.errors import error_view
from generator.render.imports import export_order, import_order
from generator.render.models import enum_views, model_view, models_in_dependency_order
from generator.render.operations import operation_view, split_path
from generator.render.views import FlavorView, PackageView

PACKAGE_OUTPUTS = (
    ("__init__.py", "__init__.py", False),
    ("_client.py", "_client.py", False),
    ("_client.py", "aio/_client.py", True),
    ("_pipeline.py", "_pipeline.py", False),
    ("aio/_pipeline.py", "aio/_pipeline.py", True),
    ("_polling.py", "_polling.py", False),
    ("_polling.py", "aio/_polling.py", True),
    ("aio/__init__.py", "aio/__init__.py", True),
    ("models.py", "models.py", False),
    ("exceptions.py", "exceptions.py", False),
    ("_version.py", "_version.py", False),
    ("py.typed", "py.typed", False),
    ("README.md", "README.md", False),
)
"""(template under templates/package/, file in the package, async flavour?).

The sync and async clients (and pollers) come from one template, so they cannot drift apart."""
LONG_RUNNING_ONLY = frozenset({"_polling.py", "aio/_polling.py"})
"""Files written only for a spec with long-running operations."""
DEFAULT_POLLING_INTERVAL = 30
RUNTIME_FLOORS = (("azure-core", "1.38"), ("azure-mgmt-core", "1.4"))
"""The oldest azure-core and azure-mgmt-core the generated client runs on (azure-core 1.38 is the
first whose continuation tokens hold no bearer token); the generator's own `client` extra in
pyproject.toml states the same, and `nox -s client_deps` tests them."""


def render_package(api: Api, package_name: str) -> dict[PurePosixPath, str]:
    """Render every file of the package, keyed by path relative to the output directory."""
    view = _package_view(api, package_name)
    environment = make_environment()
    flavors = {False: _flavor(view, is_async=False), True: _flavor(view, is_async=True)}
    package_dir = PurePosixPath(*package_name.split("."))
    outputs = [
        (f"package/{t}.jinja", package_dir / f, a)
        for t, f, a in PACKAGE_OUTPUTS
        if view.has_long_running or f not in LONG_RUNNING_ONLY
    ]
    if "." not in package_name:
        outputs.append(("pyproject.toml.jinja", PurePosixPath("pyproject.toml"), False))
    files: dict[PurePosixPath, str] = {}
    for template_name, path, is_async in outputs:
        try:
            template = environment.get_template(template_name)
            files[path] = template.render(package=view, flavor=flavors[is_async])
        except jinja2.TemplateError as exc:
            raise OutputError(f"templates/{template_name}: {exc}") from None
    return files


def _flavor(package: PackageView, *, is_async: bool) -> FlavorView:
    prefix = "Async" if is_async else ""
    http_response = f"{prefix}HttpResponse"
    own_policies = [
        f"{prefix}BoundedBodyPolicy",
        f"{prefix}CallDeadlinePolicy",
        f"{prefix}SafeChallengePolicy",
    ]
    shared_pipeline = [
        *_PIPELINE_CONSTANTS,
        "RetryAfterCap",
        "_TokenOnlyForTheEndpoint",
    ]
    shared = {"API_VERSION", "DEFAULT_ENDPOINT", "_SDK_MONIKER", "_require_text"}
    shared.add("_require_limit")
    if package.retry_even_post:
        shared.add("_RETRY_EVEN_POST")
    shared |= {s.name for s in package.sentinels} | {
        s.class_name for s in package.sentinels
    }
    if package.has_long_running:
        shared.add("DEFAULT_POLLING_INTERVAL")
    if package.needs_string_list_check:
        shared.add("_require_strings")
    shared |= {
        f"_{op.method_name}_result"
        for op in package.operations
        if op.long_running or op.result_conversion
    }
    return FlavorView(
        is_async=is_async,
        module_doc=(
            "The asynchronous client: the same surface as the synchronous one, awaited."
            if is_async
            else "The synchronous client, built on azure-core's and azure-mgmt-core's pipeline."
        ),
        package_doc=f"Asynchronous client for {package.title}, on aiohttp.",
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
        credential_module=(
            "azure.core.credentials_async" if is_async else "azure.core.credentials"
        ),
        pipeline_client=f"{prefix}ARMPipelineClient",
        http_response=http_response,
        poller=f"{prefix}LROPoller",
        poller_class=f"{prefix}LROPoller",
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
        polling_imports=import_order(
            [f"{prefix}LROPoller", f"{prefix}NoPolling", f"{prefix}PollingMethod"]
        ),
        rest_imports=import_order(["HttpRequest", http_response]),
        pipeline_imports=import_order(
            own_policies
            + ([] if is_async else [*shared_pipeline, "DeadlineRetryPolicy"])
        ),
        shared_pipeline_imports=import_order(shared_pipeline),
        shared_imports=import_order(shared),
        collections_imports=import_order(
            (["Sequence"] if package.needs_sequence else [])
            + (["Callable"] if package.has_results and not is_async else [])
        ),
        typing_imports=import_order(
            ["Any"]
            + ([] if is_async else ["Final"])
            + (["TypeVar"] if package.has_results and not is_async else [])
        ),
        model_imports=import_order(
            [*package.client_imports, *([] if is_async else package.result_helpers)]
        ),
        exception_imports=import_order(
            ["error_from_response"]
            + (
                ["json_body", "unusable_answer"]
                if package.has_results and not is_async
                else []
            )
        ),
    )


_PIPELINE_CONSTANTS = (
    "CALL_TIMEOUT",
    "MAX_BODY_BYTES",
    "MAX_ERROR_BODY_BYTES",
    "MAX_RETRY_AFTER",
)
"""The pipeline's documented defaults, exported by the package."""


def _package_view(api: Api, package_name: str) -> PackageView:
    models = {model.name: model for model in api.models}
    operations = tuple(
        operation_view(api, operation, models) for operation in api.operations
    )
    sentinels = tuple(
        {
            view.sentinel.name: view.sentinel for view in operations if view.sentinel
        }.values()
    )
    error = error_view(api, models)
    enums = enum_views(api, models)
    model_views = [model_view(api, model, models) for model in api.models]
    model_names = tuple(model.class_name for model in api.models)
    error_names = _error_class_names()
    constructor_arguments = tuple(
        p.python_name for p in api.client_parameters if p.wire_name != "api-version"
    )
    has_long_running = any(view.long_running for view in operations)
    conversions = [view.result_conversion or "" for view in operations]
    helpers = {
        name for text in conversions for name in re.findall(_MODEL_HELPERS, text)
    }
    client_imports = sorted({name for view in operations for name in view.models_used})
    client_exports = {api.client_name, "API_VERSION", "DEFAULT_ENDPOINT"}
    client_exports |= {"AZURE_PUBLIC_CLOUD", "AZURE_CHINA_CLOUD", "AZURE_US_GOVERNMENT"}
    client_exports |= {s.name for s in sentinels} | {s.class_name for s in sentinels}
    pipeline_exports = set(_PIPELINE_CONSTANTS)
    polling_exports = {"ArmOperationPolling"} if has_long_running else set()
    all_exports = client_exports | {"__version__"} | set(model_names) | set(error_names)
    all_exports |= pipeline_exports | polling_exports
    all_exports |= {enum.class_name for enum in enums}
    return PackageView(
        package_name=package_name,
        distribution_version=__version__,
        generator_version=__version__,
        spec_path_lines=tuple(
            SpecText(part) for part in split_path(api.source.path, 80)
        ),
        spec_sha256=api.source.sha256,
        title=SpecText(api.title),
        description=SpecText(api.description),
        api_version=SpecText(api.api_version),
        default_endpoint=SpecText(f"{api.scheme}://{api.host}{api.base_path}"),
        client_name=api.client_name,
        client_doc=SpecText(client_doc(api)),
        client_parameters=tuple(
            parameter_doc(p, mark_client=False) for p in api.client_parameters
        ),
        constructor_arguments=constructor_arguments,
        operations=operations,
        operation_docs=tuple(
            operation_doc(api, op, view)
            for op, view in zip(api.operations, operations, strict=True)
        ),
        sentinels=sentinels,
        models=tuple(
            model_view(api, model, models) for model in models_in_dependency_order(api)
        ),
        enums=enums,
        models_exports=export_order(
            [m.class_name for m in model_views] + [e.class_name for e in enums]
        ),
        models_imports=import_order(
            [m.class_name for m in model_views] + [e.class_name for e in enums]
        ),
        models_need_datetime="_parse_datetime" in helpers
        or any(
            re.search(r"\bdatetime\b", f.annotation) is not None
            for m in model_views
            for f in m.all_fields
        ),
        model_docs=tuple(
            (
                m.class_name,
                SpecText(m.description),
                tuple(property_doc(p) for p in m.properties),
            )
            for m in api.models
        ),
        error=error,
        exports=export_order(all_exports),
        client_exports=import_order(client_exports),
        pipeline_exports=import_order(pipeline_exports),
        polling_exports=import_order(polling_exports),
        aio_exports=export_order(
            {api.client_name}
            | ({"AsyncArmOperationPolling"} if has_long_running else set())
        ),
        example_imports=(api.client_name,),
        error_exports=error_names,
        client_imports=import_order(client_imports),
        result_helpers=import_order(helpers),
        needs_quote=any(view.path_arguments for view in operations),
        module_doc=SpecText(f"Client for {api.title}, api-version {api.api_version}."),
        distribution_name=package_name.replace("_", "-").replace(".", "-"),
        readme_path="/".join([*package_name.split("."), "README.md"]),
        setuptools_packages=(package_name, f"{package_name}.aio"),
        has_long_running=has_long_running,
        has_results=any(view.result_conversion for view in operations),
        polling_interval=DEFAULT_POLLING_INTERVAL,
        runtime_floors=RUNTIME_FLOORS,
        needs_sequence=any(
            "Sequence[" in a.annotation for v in operations for a in v.arguments
        ),
        retry_even_post=any(view.retry_even_post for view in operations),
        needs_string_list_check=any(
            "_require_strings(" in (v.body_expression or "") for v in operations
        ),
        extra_examples=extra_examples(api, package_name, operations),
        scopes=tuple(
            (SpecText(name), SpecText(text))
            for sec in api.security
            for name, text in sec.scopes
        ),
    )


def _error_class_names() -> tuple[str, ...]:
    return (
        "OperationNotDoneError",
        "ServiceAuthenticationError",
        "ServiceDecodeError",
        "ServiceError",
        "ServiceResourceExistsError",
        "ServiceResourceNotFoundError",
    )


_MODEL_HELPERS = r"\b(_checked|_enum_or_text|_parse_datetime)\("
"""The models module's conversion helpers that a result conversion may call."""
