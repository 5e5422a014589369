"""The whole package: the views of every module, and the files rendered from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import jinja2

from generator import __version__
from generator.cache import CacheSettings
from generator.errors import OutputError
from generator.escape import SpecText
from generator.model import Api, Location, Parameter
from generator.render.client import (
    PIPELINE_CONSTANTS,
    client_module,
    flavor_view,
    group_module,
    shared_module,
)
from generator.render.docs import (
    extra_examples,
    operation_docs,
    parameter_doc,
    property_doc,
)
from generator.render.environment import make_environment
from generator.render.errors import exceptions_module
from generator.render.imports import Imports, export_order, import_order
from generator.render.layout import fits
from generator.render.models import models_module
from generator.render.operations import split_path
from generator.render.polymorphism import polymorphic_doc
from generator.render.views import FlavorView, PackageView

DEFAULT_POLLING_INTERVAL = 30
RUNTIME_FLOORS = (("azure-core", "1.38"), ("azure-mgmt-core", "1.4"))
"""The oldest azure-core and azure-mgmt-core the generated client runs on (azure-core 1.38 is the
first whose continuation tokens hold no bearer token); the generator's own `client` extra in
pyproject.toml states the same, and `nox -s client_deps` tests them."""
ERROR_CLASSES = (
    "OperationNotDoneError",
    "ServiceAuthenticationError",
    "ServiceDecodeError",
    "ServiceError",
    "ServiceResourceExistsError",
    "ServiceResourceNotFoundError",
)
CLOUDS = ("AZURE_CHINA_CLOUD", "AZURE_PUBLIC_CLOUD", "AZURE_US_GOVERNMENT")

PACKAGE_OUTPUTS = (
    "__init__.py",
    "_client.py",
    "_shared.py",
    "_wire.py",
    "_codec.py",
    "_pipeline.py",
    "_polling.py",
    "_version.py",
    "aio/__init__.py",
    "aio/_client.py",
    "aio/_pipeline.py",
    "aio/_polling.py",
    "exceptions.py",
    "models.py",
    "operations/__init__.py",
    "aio/operations/__init__.py",
    "py.typed",
    "README.md",
)
"""The files of every package, besides one module per operation group (sync and async);
`operations/` only when there are groups, the pollers only for long-running operations."""
LONG_RUNNING_ONLY = frozenset({"_polling.py", "aio/_polling.py"})
GROUPS_ONLY = frozenset({"operations/__init__.py", "aio/operations/__init__.py"})


@dataclass(frozen=True)
class _Output:
    template: str
    path: PurePosixPath
    flavor: FlavorView
    module: Any = None


def render_package(
    api: Api, package_name: str, cache: CacheSettings | None = None
) -> dict[PurePosixPath, str]:
    """Render every file of the package, keyed by path relative to the output directory."""
    models = {model.name: model for model in api.models}
    flavors = {is_async: flavor_view(is_async, api.title) for is_async in (False, True)}
    package_dir = PurePosixPath(*package_name.split("."))
    sync, asynchronous = flavors[False], flavors[True]
    clients = {f: client_module(api, models, f) for f in (sync, asynchronous)}
    groups = {
        f: [(group, group_module(api, group, models, f)) for group in api.named_groups]
        for f in (sync, asynchronous)
    }
    sync_views = clients[sync].operations + tuple(
        view for _, module in groups[sync] for view in module.operations
    )
    view = _package_view(api, package_name, models, sync_views)
    outputs = [
        _Output("package/__init__.py.jinja", package_dir / "__init__.py", sync),
        _Output(
            "package/_client.py.jinja", package_dir / "_client.py", sync, clients[sync]
        ),
        _Output(
            "package/_client.py.jinja",
            package_dir / "aio" / "_client.py",
            asynchronous,
            clients[asynchronous],
        ),
        _Output("package/_shared.py.jinja", package_dir / "_shared.py", sync),
        _Output("package/_wire.py.jinja", package_dir / "_wire.py", sync),
        _Output("package/_codec.py.jinja", package_dir / "_codec.py", sync),
        _Output("package/_pipeline.py.jinja", package_dir / "_pipeline.py", sync),
        _Output(
            "package/aio/_pipeline.py.jinja",
            package_dir / "aio" / "_pipeline.py",
            asynchronous,
        ),
        _Output("package/_version.py.jinja", package_dir / "_version.py", sync),
        _Output(
            "package/aio/__init__.py.jinja",
            package_dir / "aio" / "__init__.py",
            asynchronous,
        ),
        _Output("package/exceptions.py.jinja", package_dir / "exceptions.py", sync),
        _Output("package/models.py.jinja", package_dir / "models.py", sync),
        _Output("package/py.typed.jinja", package_dir / "py.typed", sync),
        _Output("package/README.md.jinja", package_dir / "README.md", sync),
    ]
    if view.has_long_running:
        outputs += [
            _Output("package/_polling.py.jinja", package_dir / "_polling.py", sync),
            _Output(
                "package/_polling.py.jinja",
                package_dir / "aio" / "_polling.py",
                asynchronous,
            ),
        ]
    for flavor, folder in ((sync, package_dir), (asynchronous, package_dir / "aio")):
        if not api.named_groups:
            continue
        outputs.append(
            _Output(
                "package/operations/__init__.py.jinja",
                folder / "operations" / "__init__.py",
                flavor,
            )
        )
        for group, module in groups[flavor]:
            outputs.append(
                _Output(
                    "package/operations/_group.py.jinja",
                    folder / "operations" / f"{group.module}.py",
                    flavor,
                    module,
                )
            )
    if "." not in package_name:
        outputs.append(
            _Output("pyproject.toml.jinja", PurePosixPath("pyproject.toml"), sync)
        )
    environment = make_environment(cache=cache)
    files: dict[PurePosixPath, str] = {}
    for output in outputs:
        try:
            template = environment.get_template(output.template)
            files[output.path] = template.render(
                package=view, flavor=output.flavor, module=output.module
            )
        except jinja2.TemplateError as exc:
            raise OutputError(f"templates/{output.template}: {exc}") from None
    return files


def _package_view(
    api: Api, package_name: str, models: Any, sync_views: Any
) -> PackageView:
    shared = shared_module(api, models, sync_views)
    error, exceptions_imports = exceptions_module(
        api, models, status_errors=shared.status_errors
    )
    models_view = models_module(api, models)
    sentinels = shared.sentinels
    has_long_running = shared.has_long_running
    endpoint = "DEFAULT_ENDPOINT" if api.host_template is None else "HOST_TEMPLATE"
    shared_exports = {"API_VERSION", endpoint, *CLOUDS}
    shared_exports |= {s.name for s in sentinels} | {s.class_name for s in sentinels}
    if has_long_running:
        shared_exports.add("DEFAULT_POLLING_INTERVAL")
    polling_exports = {"ArmOperationPolling"} if has_long_running else set()
    model_names = set(models_view.exports)
    all_exports = (
        {api.client_name, "__version__"}
        | shared_exports
        | set(PIPELINE_CONSTANTS)
        | polling_exports
        | model_names
        | set(ERROR_CLASSES)
    )
    init = Imports()
    init.local("_client", api.client_name)
    init.local("_pipeline", *PIPELINE_CONSTANTS)
    if polling_exports:
        init.local("_polling", *polling_exports)
    init.local("_shared", *shared_exports)
    init.local("_version", "VERSION as __version__")
    init.local("exceptions", *ERROR_CLASSES)
    if model_names:
        init.local("models", *model_names)
    aio_init = Imports(("aio",))
    aio_init.local("aio._client", api.client_name)
    aio_exports = {api.client_name}
    if has_long_running:
        aio_init.local("aio._polling", "AsyncArmOperationPolling")
        aio_exports.add("AsyncArmOperationPolling")
    groups = api.named_groups
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
        default_endpoint=SpecText(
            f"{api.scheme}://{api.host}{api.base_path}"
            if api.host_template is None
            else api.host_template.url_template + api.base_path
        ),
        host_template=api.host_template is not None,
        endpoint_per_call=api.endpoint_per_call,
        client_name=api.client_name,
        client_parameters=tuple(
            parameter_doc(p, mark_client=False) for p in api.client_parameters
        ),
        constructor_arguments=tuple(
            p.python_name
            for p in api.client_parameters
            if p.wire_name != "api-version" and not _keyword(p)
        ),
        keyword_arguments=tuple(
            p.python_name for p in api.client_parameters if _keyword(p)
        ),
        operation_docs=operation_docs(api, sync_views),
        sentinels=sentinels,
        shared=shared,
        models=models_view,
        model_docs=tuple(
            (
                m.class_name,
                SpecText(
                    " ".join(filter(None, (m.description, polymorphic_doc(api, m))))
                ),
                tuple(property_doc(p) for p in m.fields),
            )
            for m in api.class_models
        ),
        error=error,
        exceptions_imports=exceptions_imports,
        init_imports=init.block(),
        aio_init_imports=aio_init.block(),
        exports=export_order(all_exports),
        aio_exports=export_order(aio_exports),
        error_exports=ERROR_CLASSES,
        group_imports=tuple(
            sorted(
                (
                    (
                        g.module,
                        g.class_name,
                        fits(0, f"from .{g.module} import {g.class_name}"),
                    )
                    for g in groups
                ),
                key=lambda item: item[0].lower(),
            )
        ),
        group_exports=export_order(g.class_name for g in groups),
        module_doc=SpecText(f"Client for {api.title}, api-version {api.api_version}."),
        distribution_name=package_name.replace("_", "-").replace(".", "-"),
        readme_path="/".join([*package_name.split("."), "README.md"]),
        has_long_running=has_long_running,
        polling_interval=DEFAULT_POLLING_INTERVAL,
        runtime_floors=RUNTIME_FLOORS,
        scopes=tuple(
            (SpecText(name), SpecText(text))
            for sec in api.security
            for name, text in sec.scopes
        ),
        extra_examples=extra_examples(api, package_name, sync_views),
        models_exports=import_order(model_names),
    )


def _keyword(parameter: Parameter) -> bool:
    """A host parameter with a default is a keyword argument of the client."""
    return parameter.location is Location.HOST and parameter.default is not None


__all__ = [
    "GROUPS_ONLY",
    "LONG_RUNNING_ONLY",
    "PACKAGE_OUTPUTS",
    "RUNTIME_FLOORS",
    "render_package",
]
