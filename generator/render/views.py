"""What the templates see: ready values, one frozen dataclass per kind of thing laid out.

Spec text travels as `SpecText`, so a template can print it only through an escaping filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.escape import SpecText

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
    result_conversion: str | None
    """The result from the JSON body `data`, or None when the operation returns nothing."""
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
    pipeline_exports: tuple[str, ...]
    polling_exports: tuple[str, ...]
    aio_exports: tuple[str, ...]
    error_exports: tuple[str, ...]
    client_imports: tuple[str, ...]
    result_helpers: tuple[str, ...]
    """The models module's helpers that result conversions call (_checked, ...)."""
    needs_quote: bool
    module_doc: SpecText
    distribution_name: str
    readme_path: str
    setuptools_packages: tuple[str, ...]
    has_long_running: bool
    has_results: bool
    """Some operation returns a value built from the body."""
    polling_interval: int
    runtime_floors: tuple[tuple[str, str], ...]
    needs_sequence: bool
    needs_string_list_check: bool
    retry_even_post: bool
    scopes: tuple[tuple[SpecText, SpecText], ...]
    extra_examples: tuple[ExampleView, ...]


@dataclass(frozen=True)
class FlavorView:
    """The names that differ between the sync client and the async one (in `aio`)."""

    is_async: bool
    module_doc: str
    package_doc: str
    polling_doc: str
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
    operation_polling: str
    operation_polling_base: str
    auth_policy: str
    deadline_policy: str
    retry_policy: str
    redirect_policy: str
    body_policy: str
    polling_imports: tuple[str, ...]
    rest_imports: tuple[str, ...]
    pipeline_imports: tuple[str, ...]
    """From the flavour's own _pipeline module."""
    shared_pipeline_imports: tuple[str, ...]
    """From ../_pipeline, in the async flavour."""
    shared_imports: tuple[str, ...]
    model_imports: tuple[str, ...]
    collections_imports: tuple[str, ...]
    typing_imports: tuple[str, ...]
    exception_imports: tuple[str, ...]
