"""Stage 4, render: turn the API model into the text of each generated file.

Decisions are made here, in Python: names, annotations, conversions, docstrings, imports.
Templates receive ready values and only lay them out. Spec text is handed over as `SpecText`,
which the environment refuses to print unless an escaping filter (escape.py) has run on it.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from generator import __version__
from generator.cache import cache_dir
from generator.errors import OutputError
from generator.escape import FILTERS, SpecText, python_literal
from generator.model import (
    Api,
    Kind,
    Location,
    Model,
    Operation,
    Parameter,
    Property,
    TypeRef,
)
from generator.naming import constant_case, unique_names

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PACKAGE_OUTPUTS = (
    ("__init__.py", "__init__.py", False),
    ("_client.py", "_client.py", False),
    ("_client.py", "aio/_client.py", True),
    ("aio/__init__.py", "aio/__init__.py", True),
    ("models.py", "models.py", False),
    ("exceptions.py", "exceptions.py", False),
    ("_version.py", "_version.py", False),
    ("_transport.py", "_transport.py", False),
    ("py.typed", "py.typed", False),
    ("README.md", "README.md", False),
)
"""(template under templates/package/, file in the package, async flavour?).

The sync and async clients come from one template, so they cannot drift apart."""
DEFAULT_POLLING_INTERVAL = 30


def _refuse_raw_spec_text(value: Any) -> Any:
    if isinstance(value, SpecText):
        raise jinja2.TemplateRuntimeError(
            f"spec text {str(value)[:40]!r} printed without an escaping filter"
        )
    return value


class _LayoutOnlyEnvironment(jinja2.Environment):
    """Templates may lay values out, never compute new text from them.

    Only the escaping filters exist here, and `~`, slicing and calls other than to macros are
    refused when a template is parsed, so spec text cannot reach the output unescaped by way
    of some other string operation.
    """

    def _parse(
        self, source: str, name: str | None, filename: str | None
    ) -> jinja2.nodes.Template:
        template = super()._parse(source, name, filename)
        for node in template.find_all((jinja2.nodes.Concat, jinja2.nodes.Slice)):
            raise jinja2.TemplateSyntaxError(
                "templates lay values out: `~` and slicing are not allowed",
                node.lineno,
                name,
                filename,
            )
        macros = {macro.name for macro in template.find_all(jinja2.nodes.Macro)}
        for call in template.find_all(jinja2.nodes.Call):
            callee = call.node
            is_macro = (
                isinstance(callee, jinja2.nodes.Getattr) and callee.attr in _MACROS
            ) or (
                isinstance(callee, jinja2.nodes.Name)
                and callee.name in macros | _MACROS
            )
            if not is_macro:
                raise jinja2.TemplateSyntaxError(
                    "templates may call macros only", call.lineno, name, filename
                )
        return template


_MACROS = frozenset({"header", "signature"})
"""The macros of templates/_macros.jinja, the only callables templates may use."""


class _BestEffortBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates, keyed by Jinja on each template's source: never stale, and a cache
    that cannot be written is no reason to fail."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        (directory / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BestEffortBytecodeCache(str(directory / "jinja"))


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The one Jinja environment, for the generator and its tests alike."""
    environment = _LayoutOnlyEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_refuse_raw_spec_text,
        bytecode_cache=_template_cache(),
    )
    environment.filters.clear()
    environment.filters.update(FILTERS)
    environment.tests.clear()
    return environment


# --- views: what the templates see ----------------------------------------------------------


@dataclass(frozen=True)
class FieldView:
    name: str
    wire: SpecText
    annotation: str
    default: str | None
    doc: SpecText
    from_wire: str
    to_wire: str
    optional: bool
    read_only: bool


@dataclass(frozen=True)
class ModelView:
    class_name: str
    bases: tuple[str, ...]
    doc: SpecText
    fields: tuple[FieldView, ...]
    """Declared in the class body: the model's own properties."""
    all_fields: tuple[FieldView, ...]
    """Read and written by from_dict and to_dict: inherited properties too."""


@dataclass(frozen=True)
class EnumView:
    class_name: str
    doc: SpecText
    members: tuple[tuple[str, SpecText], ...]


@dataclass(frozen=True)
class ArgumentView:
    """One argument of a generated method: its signature entry and what it is checked with."""

    name: str
    annotation: str
    default: str | None
    keyword_only: bool
    check: str | None


@dataclass(frozen=True)
class QueryView:
    """A query or header parameter: how its value is written as text."""

    wire: SpecText
    value: str
    required: bool
    source: str


@dataclass(frozen=True)
class SentinelView:
    name: str
    class_name: str
    doc: SpecText


@dataclass(frozen=True)
class OperationView:
    method_name: str
    doc: SpecText
    http_method: str
    url_template: tuple[SpecText, ...]
    path_arguments: tuple[tuple[str, str], ...]
    arguments: tuple[ArgumentView, ...]
    query: tuple[QueryView, ...]
    headers: tuple[QueryView, ...]
    body_expression: str | None
    sentinel: SentinelView | None
    sentinel_argument: str | None
    success_codes: str
    long_running: bool
    final_state_via: SpecText | None
    result_annotation: str
    result_expression: str
    models_used: tuple[str, ...]
    retry_even_post: bool

    @property
    def keyword_marker(self) -> bool:
        """A bare `*` is needed before keyword-only arguments, and is invalid without any."""
        return self.long_running or any(a.keyword_only for a in self.arguments)


@dataclass(frozen=True)
class ErrorView:
    envelope_class: str
    inner_class: str | None
    inner_attribute: str | None
    message_attribute: str | None
    code_attribute: str | None
    target_attribute: str | None
    properties: tuple[FieldView, ...]
    model_imports: tuple[str, ...]


@dataclass(frozen=True)
class ParameterDocView:
    name: str
    wire: SpecText
    location: str
    type: SpecText
    required: bool
    doc: SpecText


@dataclass(frozen=True)
class OperationDocView:
    method_name: str
    operation_id: SpecText
    http_method: str
    path: SpecText
    doc: SpecText
    parameters: tuple[ParameterDocView, ...]
    responses: tuple[tuple[SpecText, SpecText, SpecText], ...]
    long_running: bool
    sentinel: SentinelView | None
    example: str


@dataclass(frozen=True)
class ExampleView:
    """A README example: a title and code built here from identifiers and fixed literals."""

    title: str
    code: str


@dataclass(frozen=True)
class PackageView:
    package_name: str
    distribution_version: str
    generator_version: str
    spec_path_lines: tuple[SpecText, ...]
    spec_sha256: str
    title: SpecText
    description: SpecText
    api_version: SpecText
    default_endpoint: SpecText
    client_name: str
    client_doc: SpecText
    client_parameters: tuple[ParameterDocView, ...]
    constructor_arguments: tuple[str, ...]
    operations: tuple[OperationView, ...]
    operation_docs: tuple[OperationDocView, ...]
    sentinels: tuple[SentinelView, ...]
    models: tuple[ModelView, ...]
    models_exports: tuple[str, ...]
    models_imports: tuple[str, ...]
    enums: tuple[EnumView, ...]
    models_need_datetime: bool
    model_docs: tuple[tuple[str, SpecText, tuple[ParameterDocView, ...]], ...]
    error: ErrorView | None
    exports: tuple[str, ...]
    example_imports: tuple[str, ...]
    client_exports: tuple[str, ...]
    error_exports: tuple[str, ...]
    client_imports: tuple[str, ...]
    module_doc: SpecText
    distribution_name: str
    readme_path: str
    setuptools_packages: tuple[str, ...]
    has_long_running: bool
    polling_interval: int
    needs_sequence: bool
    needs_string_list_check: bool
    retry_even_post: bool
    scopes: tuple[tuple[SpecText, SpecText], ...]
    extra_examples: tuple[ExampleView, ...]


def render_package(api: Api, package_name: str) -> dict[PurePosixPath, str]:
    """Render every file of the package, keyed by path relative to the output directory."""
    view = _package_view(api, package_name)
    environment = make_environment()
    flavors = {False: _flavor(view, is_async=False), True: _flavor(view, is_async=True)}
    package_dir = PurePosixPath(*package_name.split("."))
    outputs = [
        (f"package/{t}.jinja", package_dir / f, a) for t, f, a in PACKAGE_OUTPUTS
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


@dataclass(frozen=True)
class FlavorView:
    """The names that differ between the sync client and the async one (in `aio`)."""

    is_async: bool
    module_doc: str
    package_doc: str
    def_: str
    await_: str
    enter: str
    exit: str
    credential: str
    credential_module: str
    pipeline_client: str
    http_response: str
    poller: str
    poller_class: str
    polling_method: str
    no_polling: str
    arm_polling: str
    arm_polling_module: str
    auth_policy: str
    retry_policy: str
    redirect_policy: str
    polling_imports: tuple[str, ...]
    rest_imports: tuple[str, ...]
    policy_imports: tuple[str, ...]
    pipeline_imports: tuple[str, ...]
    urllib_imports: tuple[str, ...]
    shared_imports: tuple[str, ...]
    collections_imports: tuple[str, ...]
    typing_imports: tuple[str, ...]
    exception_imports: tuple[str, ...]


def _flavor(package: PackageView, *, is_async: bool) -> FlavorView:
    prefix = "Async" if is_async else ""
    auth_policy = f"{prefix}ARMChallengeAuthenticationPolicy"
    http_response = f"{prefix}HttpResponse"
    sync_poller = package.has_long_running and not is_async
    shared = {"API_VERSION", "DEFAULT_ENDPOINT", "_SDK_MONIKER", "_require_text"}
    shared.add("_TokenOnlyForTheEndpoint")
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
        f"_{op.method_name}_result" for op in package.operations if op.long_running
    }
    return FlavorView(
        is_async=is_async,
        module_doc=(
            "The asynchronous client: the same surface as the synchronous one, awaited."
            if is_async
            else "The synchronous client, built on azure-core's and azure-mgmt-core's pipeline."
        ),
        package_doc=f"Asynchronous client for {package.title}, on aiohttp.",
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
        # azure-core's sync LROPoller starts a thread per operation; ours polls in the caller's.
        poller_class="AsyncLROPoller" if is_async else "_CallerThreadPoller",
        polling_method=f"{prefix}PollingMethod",
        no_polling=f"{prefix}NoPolling",
        arm_polling=f"{prefix}ARMPolling",
        arm_polling_module="azure.mgmt.core.polling."
        + ("async_arm_polling" if is_async else "arm_polling"),
        auth_policy=auth_policy,
        retry_policy=f"{prefix}RetryPolicy",
        redirect_policy=f"{prefix}RedirectPolicy",
        polling_imports=_import_order(
            [f"{prefix}LROPoller", f"{prefix}NoPolling", f"{prefix}PollingMethod"]
        ),
        rest_imports=_import_order(["HttpRequest", http_response]),
        policy_imports=_import_order([auth_policy, "ARMHttpLoggingPolicy"]),
        pipeline_imports=_import_order(
            ["PipelineResponse", "policies"] + ([] if is_async else ["PipelineRequest"])
        ),
        urllib_imports=("quote",) if is_async else ("quote", "urlsplit"),
        shared_imports=_import_order(shared),
        collections_imports=_import_order(
            (["Sequence"] if package.needs_sequence else [])
            + (["Callable"] if sync_poller else [])
        ),
        typing_imports=_import_order(
            ["Any", "cast"]
            + ([] if is_async else ["Final"])
            + (["TypeVar"] if sync_poller else [])
        ),
        exception_imports=_import_order(
            ["HttpResponseError"] + (["AzureError"] if sync_poller else [])
        ),
    )


def _package_view(api: Api, package_name: str) -> PackageView:
    models = {model.name: model for model in api.models}
    operations = tuple(
        _operation_view(api, operation, models) for operation in api.operations
    )
    sentinels = tuple(
        {
            view.sentinel.name: view.sentinel for view in operations if view.sentinel
        }.values()
    )
    error = _error_view(api, models)
    enums = _enum_views(api, models)
    model_views = [_model_view(api, model, models) for model in api.models]
    model_names = tuple(model.class_name for model in api.models)
    error_names = _error_class_names()
    constructor_arguments = tuple(
        p.python_name for p in api.client_parameters if p.wire_name != "api-version"
    )
    client_imports = sorted({name for view in operations for name in view.models_used})
    client_exports = {api.client_name, "API_VERSION", "DEFAULT_ENDPOINT"}
    client_exports |= {"AZURE_PUBLIC_CLOUD", "AZURE_CHINA_CLOUD", "AZURE_US_GOVERNMENT"}
    client_exports |= {s.name for s in sentinels} | {s.class_name for s in sentinels}
    all_exports = client_exports | {"__version__"} | set(model_names) | set(error_names)
    all_exports |= {enum.class_name for enum in enums}
    return PackageView(
        package_name=package_name,
        distribution_version=__version__,
        generator_version=__version__,
        spec_path_lines=tuple(
            SpecText(part) for part in _split_path(api.source.path, 80)
        ),
        spec_sha256=api.source.sha256,
        title=SpecText(api.title),
        description=SpecText(api.description),
        api_version=SpecText(api.api_version),
        default_endpoint=SpecText(f"https://{api.host}{api.base_path}"),
        client_name=api.client_name,
        client_doc=SpecText(_client_doc(api)),
        client_parameters=tuple(
            _parameter_doc(p, mark_client=False) for p in api.client_parameters
        ),
        constructor_arguments=constructor_arguments,
        operations=operations,
        operation_docs=tuple(
            _operation_doc(api, op, view)
            for op, view in zip(api.operations, operations, strict=True)
        ),
        sentinels=sentinels,
        models=tuple(
            _model_view(api, model, models)
            for model in _models_in_dependency_order(api)
        ),
        enums=enums,
        models_exports=_export_order(
            [m.class_name for m in model_views] + [e.class_name for e in enums]
        ),
        models_imports=_import_order(
            [m.class_name for m in model_views] + [e.class_name for e in enums]
        ),
        models_need_datetime=any(
            re.search(r"\bdatetime\b", f.annotation) is not None
            for m in model_views
            for f in m.all_fields
        ),
        model_docs=tuple(
            (
                m.class_name,
                SpecText(m.description),
                tuple(_property_doc(p) for p in m.properties),
            )
            for m in api.models
        ),
        error=error,
        exports=_export_order(all_exports),
        client_exports=_import_order(client_exports),
        example_imports=(api.client_name,),
        error_exports=error_names,
        client_imports=_import_order(client_imports),
        module_doc=SpecText(f"Client for {api.title}, api-version {api.api_version}."),
        distribution_name=package_name.replace("_", "-").replace(".", "-"),
        readme_path="/".join([*package_name.split("."), "README.md"]),
        setuptools_packages=(package_name, f"{package_name}.aio"),
        has_long_running=any(view.long_running for view in operations),
        polling_interval=DEFAULT_POLLING_INTERVAL,
        needs_sequence=any(
            "Sequence[" in a.annotation for v in operations for a in v.arguments
        ),
        retry_even_post=any(view.retry_even_post for view in operations),
        needs_string_list_check=any(
            "_require_strings(" in (v.body_expression or "") for v in operations
        ),
        extra_examples=_extra_examples(api, package_name, operations),
        scopes=tuple(
            (SpecText(name), SpecText(text))
            for sec in api.security
            for name, text in sec.scopes
        ),
    )


def _error_class_names() -> tuple[str, ...]:
    return (
        "ServiceAuthenticationError",
        "ServiceError",
        "ServiceResourceExistsError",
        "ServiceResourceNotFoundError",
    )


def _export_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff keeps `__all__` in (RUF022): CONSTANTS, Classes, the rest, naturally."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=False)))


def _import_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff's isort keeps imported names in: as `__all__`, but case-insensitive."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=True)))


def _isort_key(
    name: str, *, fold_case: bool
) -> tuple[int, list[tuple[int, int | str]], str]:
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    pieces = re.split(r"(\d+)", name.lower() if fold_case else name)
    natural = [(1, int(p)) if p.isdigit() else (0, p) for p in pieces if p]
    return group, natural, name


# --- types and conversions ------------------------------------------------------------------


_SCALAR_ANNOTATIONS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
    Kind.ANY: "Any",
}


def annotation(
    type_ref: TypeRef, models: Mapping[str, Model], *, sequence: bool = False
) -> str:
    """The Python annotation of a type; `sequence` accepts any sequence where a list is sent.

    A named enum also accepts plain strings: the service may send values newer than the client.
    """
    if type_ref.kind is Kind.MODEL:
        return models[type_ref.model or ""].class_name
    if type_ref.kind is Kind.ARRAY:
        assert type_ref.item is not None
        container = "Sequence" if sequence else "list"
        return f"{container}[{annotation(type_ref.item, models)}]"
    if type_ref.kind is Kind.DICT:
        assert type_ref.item is not None
        return f"dict[str, {annotation(type_ref.item, models)}]"
    if (enum_class := enum_class_name(type_ref)) is not None:
        return f"{enum_class} | str"
    if _is_datetime(type_ref):
        return "datetime"
    return _SCALAR_ANNOTATIONS[type_ref.kind]


def enum_class_name(type_ref: TypeRef) -> str | None:
    """The class of a named string enum (named in the model stage), else None."""
    return type_ref.enum_class if type_ref.kind is Kind.STRING else None


def _is_datetime(type_ref: TypeRef) -> bool:
    return type_ref.kind is Kind.STRING and type_ref.format == "date-time"


def referenced_classes(type_ref: TypeRef, models: Mapping[str, Model]) -> set[str]:
    """Model and enum classes that an annotation of `type_ref` names."""
    if type_ref.kind is Kind.MODEL:
        return {models[type_ref.model or ""].class_name}
    if type_ref.item is not None:
        return referenced_classes(type_ref.item, models)
    enum_class = enum_class_name(type_ref)
    return {enum_class} if enum_class else set()


_JSON_SCALARS = {
    Kind.STRING: "str",
    Kind.BOOLEAN: "bool",
    Kind.INTEGER: "int",
    Kind.NUMBER: "float",
}


def from_wire(
    type_ref: TypeRef, expression: str, models: Mapping[str, Model], depth: int = 0
) -> str:
    """An expression converting the JSON value `expression` into the Python value.

    Every value is checked against its JSON type on the way in (`_checked`): a field typed
    `str | None` holds a str or None, whatever the service sent.
    """
    if type_ref.kind is Kind.MODEL:
        return f"{models[type_ref.model or ''].class_name}.from_dict({expression})"
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        item = f"item{depth or ''}"
        items = f"_checked(list, {expression})"
        inner = from_wire(type_ref.item, item, models, depth + 1)
        return f"[{inner} for {item} in {items}]"
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        key, value = f"key{depth or ''}", f"value{depth or ''}"
        inner = from_wire(type_ref.item, value, models, depth + 1)
        pairs = f"_checked(dict, {expression}).items()"
        return f"{{{key}: {inner} for {key}, {value} in {pairs}}}"
    if (enum_class := enum_class_name(type_ref)) is not None:
        return f"_enum_or_text({enum_class}, _checked(str, {expression}))"
    if _is_datetime(type_ref):
        return f"_parse_datetime(_checked(str, {expression}))"
    if type_ref.kind in _JSON_SCALARS:
        return f"_checked({_JSON_SCALARS[type_ref.kind]}, {expression})"
    return expression


def to_wire(type_ref: TypeRef, expression: str, depth: int = 0) -> str:
    """An expression converting the Python value `expression` into a JSON value."""
    if type_ref.kind is Kind.MODEL:
        return f"{expression}.to_dict()"
    if _is_datetime(type_ref):
        return f"{expression}.isoformat()"
    if type_ref.kind is Kind.ARRAY and type_ref.item is not None:
        item = f"item{depth or ''}"
        inner = to_wire(type_ref.item, item, depth + 1)
        return (
            f"list({expression})"
            if inner == item
            else f"[{inner} for {item} in {expression}]"
        )
    if type_ref.kind is Kind.DICT and type_ref.item is not None:
        key, value = f"key{depth or ''}", f"value{depth or ''}"
        inner = to_wire(type_ref.item, value, depth + 1)
        if inner == value:
            return f"dict({expression})"
        return f"{{{key}: {inner} for {key}, {value} in {expression}.items()}}"
    return expression


def _field_view(prop: Property, models: Mapping[str, Model]) -> FieldView:
    wire = python_literal(prop.wire_name)
    optional = not prop.required
    type_text = annotation(prop.type, models)
    convert = from_wire(prop.type, f"data[{wire}]", models)
    scalar = _JSON_SCALARS.get(prop.type.kind)
    if prop.required or convert == f"data[{wire}]":
        from_expression = convert if prop.required else f"data.get({wire})"
    elif convert == f"_checked({scalar}, data[{wire}])":
        from_expression = f"_checked_or_none({scalar}, data.get({wire}))"
    else:
        from_expression = f"None if data.get({wire}) is None else {convert}"
    doc = prop.description or "(no description in the spec)"
    if prop.read_only:
        doc += " Set by the service; never sent."
    return FieldView(
        name=prop.python_name,
        wire=SpecText(prop.wire_name),
        annotation=f"{type_text} | None" if optional else type_text,
        default="None" if optional else None,
        doc=SpecText(doc),
        from_wire=from_expression,
        to_wire=to_wire(prop.type, f"self.{prop.python_name}"),
        optional=optional,
        read_only=prop.read_only,
    )


def _model_view(api: Api, model: Model, models: Mapping[str, Model]) -> ModelView:
    def required_first(fields: tuple[FieldView, ...]) -> tuple[FieldView, ...]:
        return tuple(f for f in fields if not f.optional) + tuple(
            f for f in fields if f.optional
        )

    return ModelView(
        class_name=model.class_name,
        bases=tuple(models[base].class_name for base in model.bases),
        doc=SpecText(model.description or f"The {model.name} model."),
        fields=required_first(tuple(_field_view(p, models) for p in model.properties)),
        all_fields=required_first(
            tuple(_field_view(p, models) for p in api.all_properties(model.name))
        ),
    )


def _models_in_dependency_order(api: Api) -> tuple[Model, ...]:
    """Sorted by name, except that a base class always comes before the classes using it."""
    by_name = {model.name: model for model in api.models}
    ordered: dict[str, Model] = {}

    def visit(model: Model) -> None:
        for base in model.bases:
            visit(by_name[base])
        ordered.setdefault(model.name, model)

    for model in api.models:
        visit(model)
    return tuple(ordered.values())


def _enum_views(api: Api, models: Mapping[str, Model]) -> tuple[EnumView, ...]:
    """Every named string enum the package's types use; same-named enums are merged."""
    type_refs: list[TypeRef] = [p.type for m in api.models for p in m.properties]
    for operation in api.operations:
        type_refs += [p.type for p in operation.parameters]
    values: dict[str, dict[str, None]] = {}
    while type_refs:
        type_ref = type_refs.pop()
        if type_ref.item is not None:
            type_refs.append(type_ref.item)
        elif (class_name := enum_class_name(type_ref)) is not None:
            values.setdefault(class_name, {}).update(
                dict.fromkeys(map(str, type_ref.enum_values))
            )
    views = []
    for class_name in sorted(values):
        names = unique_names(
            {value: constant_case(value) for value in values[class_name]},
            fallback="VALUE",
        )
        views.append(
            EnumView(
                class_name=class_name,
                doc=SpecText(f"Known values of {class_name}; others may appear."),
                members=tuple(
                    (names[value], SpecText(value))
                    for value in sorted(values[class_name])
                ),
            )
        )
    return tuple(views)


# --- operations -----------------------------------------------------------------------------


def _path_check(parameter: Parameter) -> str:
    """The `_require_text` call for a path parameter, with the spec's constraints on it."""
    limits = parameter.constraints
    options = "".join(
        f", {keyword}={python_literal(value)}"
        for keyword, value in (
            ("min_length", limits.min_length),
            ("max_length", limits.max_length),
            ("pattern", limits.pattern),
        )
        if value is not None
    )
    name = parameter.python_name
    return f"_require_text({python_literal(name)}, {name}{options})"


def _operation_view(
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
    result_expression = (
        "None" if result is None else from_wire(result, "response.json()", models)
    )
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
            for part in _split_path(
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
        result_expression=result_expression,
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


def _split_path(template: str, width: int = 60) -> list[str]:
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


def _client_doc(api: Api) -> str:
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
            ":keyword credential_scopes: Override the token scopes.",
            ":keyword kwargs: azure-core configuration: retry_total, transport,"
            " logging_enable and the rest.",
        ]
    )


def _error_view(api: Api, models: Mapping[str, Model]) -> ErrorView | None:
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
    imports = {envelope.class_name, inner_model.class_name}
    for prop in exposed_properties:
        imports |= referenced_classes(prop.type, models)
    return ErrorView(
        envelope_class=envelope.class_name,
        inner_class=inner_model.class_name if inner else None,
        inner_attribute=inner.python_name if inner else None,
        message_attribute=(
            by_wire["message"].python_name if "message" in by_wire else None
        ),
        code_attribute=by_wire["code"].python_name if "code" in by_wire else None,
        target_attribute=by_wire["target"].python_name if "target" in by_wire else None,
        properties=tuple(_field_view(p, models) for p in exposed_properties),
        model_imports=_import_order(imports),
    )


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


# --- docs -----------------------------------------------------------------------------------


def _parameter_doc(
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


def _property_doc(prop: Property) -> ParameterDocView:
    return ParameterDocView(
        name=prop.python_name,
        wire=SpecText(prop.wire_name),
        location="read-only" if prop.read_only else "",
        type=SpecText(prop.type.describe()),
        required=prop.required,
        doc=SpecText(prop.description),
    )


def _operation_doc(
    api: Api, operation: Operation, view: OperationView
) -> OperationDocView:
    signature_order = {
        argument.name: index for index, argument in enumerate(view.arguments)
    }
    parameters = sorted(
        (_parameter_doc(p) for p in operation.parameters),
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


def _extra_examples(
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
    return prefix + ", ".join(_import_order(names))


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
