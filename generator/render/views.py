"""What the templates see: ready values, one frozen dataclass per kind of thing laid out
(models.py's in model_views.py).

Spec text travels as `SpecText`, so a template can print it only through an escaping filter.
Every generated module's imports come as an `ImportBlock`, gathered while its views were built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.escape import SpecText, python_literal
from generator.render.imports import ImportBlock, ImportLine
from generator.render.layout import (
    Brackets,
    fits,
    parameter,
    value_after,
)
from generator.render.model_views import FieldView, ModelsModuleView

if TYPE_CHECKING:
    from generator.render.statements import MethodStatements


# --- operations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArgumentView:
    """One argument of a generated method: its signature entry and what it is checked with."""

    name: str
    annotation: str
    default: str | None
    keyword_only: bool
    check: str | None
    takes_sequence: bool = False
    """Takes any sequence of its items, where the spec has an array."""

    @property
    def entry(self) -> str:
        """Its line of the signature (a method's, 8 spaces in), with its default when it is
        keyword-only, laid out for black."""
        default = self.default if self.keyword_only else None
        return parameter(8, self.name, self.annotation, default)


@dataclass(frozen=True)
class QueryView:
    """A query or header parameter: how its value is written as text."""

    wire: SpecText
    value: str
    required: bool
    source: str
    entry: str = ""
    """`"wire": value,` as an entry of the dict literal, laid out for black."""
    assignments: Mapping[str, str] = field(default_factory=dict)
    """`mapping["wire"] = value` by the mapping's name (`query`, `next_query`, ...), laid
    out for black in an `if` of a method."""


@dataclass(frozen=True)
class SentinelView:
    name: str
    class_name: str
    doc: SpecText


@dataclass(frozen=True)
class PagingView:
    """How the method walks the pages of an `x-ms-pageable` operation."""

    items: str
    """The page model's attribute holding the items."""
    next_link: str | None
    """The page model's attribute holding the next page's link; None: one page only."""
    next_request: NextRequestView | None = None
    """The request of `x-ms-pageable.operationName`'s operation; None: a GET of the link."""


@dataclass(frozen=True)
class NextRequestView:
    """The request of the operation that fetches the following pages: its query and headers
    are built with the first request's (`next_query`, `next_headers`), its URL per page.
    """

    http_method: str
    url_template: tuple[SpecText, ...]
    path_arguments: tuple[tuple[str, str | Brackets], ...]
    query: tuple[QueryView, ...]
    headers: tuple[QueryView, ...]


@dataclass(frozen=True)
class OperationView:
    method_name: str
    doc: SpecText
    http_method: str
    url_template: tuple[SpecText, ...]
    path_arguments: tuple[tuple[str, str | Brackets], ...]
    """(name in the URL template, the expression of its percent-encoded text)."""
    arguments: tuple[ArgumentView, ...]
    checks: tuple[str, ...]
    """Statements run before anything is sent: argument checks."""
    query: tuple[QueryView, ...]
    headers: tuple[QueryView, ...]
    accept: SpecText | None
    body_expression: str | None
    body_keyword: str
    """How the body is passed to HttpRequest: `json` for JSON, `content` for raw bytes."""
    content_type: SpecText | None
    sentinel: SentinelView | None
    sentinel_argument: str | None
    success_codes: str
    long_running: bool
    final_state_via: SpecText | None
    result_annotation: str
    """What the call (or the poller's result(), or each page's item) gives."""
    return_annotation: str
    """The method's own return annotation, poller or pager included (flavour-free part:
    templates wrap it in the flavour's poller or pager class)."""
    result_function: str | None
    """The module function turning the final response into the result; None: no result."""
    result_conversion: str | None
    """For `result_function`: the result from the JSON body `data`."""
    function_annotation: str
    """What `result_function` returns (the page, for a paged operation)."""
    result_is_bytes: bool
    """The result is the raw body."""
    result_expression: str
    """What a call that is not long-running returns, from `pipeline_response`."""
    poller_result: str
    """What a long-running operation's poller gives (a pager, for a paged one)."""
    poller_callback: str
    """The poller's deserialization callback."""
    head_as_bool: bool
    """A HEAD whose 404 answers False (AutoRest's convention); other successes True."""
    paging: PagingView | None
    page_codes: str
    sends_raw: bool
    """A path or query value is sent as given (see `_shared.raw_path`, `raw_query`)."""
    """The statuses of a page: the operation's own, but 200 after a long-running one."""
    next_link_api_version: str
    """The api-version a next-page request keeps (`None` when the spec has none)."""
    def_: str
    """`def` or `async def`: a pager is returned at once, even by the async client."""
    retry_even_post: bool
    status_errors: str | None = None
    """The statuses flagged `x-ms-error-response` with a body, and how each is read
    (render/status_errors.py); None when there are none."""
    statements: MethodStatements | None = None
    """The statements laid out for black; set once the rest of the view is known."""

    @property
    def fixed_headers(self) -> tuple[tuple[SpecText, SpecText], ...]:
        """Accept and Content-Type, which every request of the method sends."""
        fixed = []
        if self.accept is not None:
            fixed.append((SpecText("Accept"), self.accept))
        if self.content_type is not None:
            fixed.append((SpecText("Content-Type"), self.content_type))
        return tuple(fixed)

    @property
    def filled(self) -> dict[str, bool]:
        """Which of the query and header dicts get an entry whatever the arguments (the
        others start empty: `{}`), by the name the method gives the dict."""
        dicts = {
            "query": (self.query, ()),
            "headers": (self.headers, self.fixed_headers),
        }
        following = self.paging.next_request if self.paging else None
        if following is not None:
            dicts["next_query"] = (following.query, ())
            dicts["next_headers"] = (following.headers, self.fixed_headers)
        return {
            name: bool(fixed) or any(entry.required for entry in entries)
            for name, (entries, fixed) in dicts.items()
        }

    @property
    def keyword_marker(self) -> bool:
        """A bare `*` is needed before keyword-only arguments, and is invalid without any."""
        return self.long_running or any(a.keyword_only for a in self.arguments)


@dataclass(frozen=True)
class GroupModuleView:
    """One operation group's module (operations/_name.py, or aio/operations/_name.py)."""

    imports: ImportBlock
    class_name: str
    doc: SpecText
    operations: tuple[OperationView, ...]
    result_functions: tuple[OperationView, ...]
    """Operations whose results the sync module converts (the async one imports them)."""


@dataclass(frozen=True)
class GroupAttributeView:
    attribute: str
    class_name: str
    assignment: str = ""
    """`self.<attribute> = <class_name>(...)`, laid out for black in the constructor."""


@dataclass(frozen=True)
class ClientModuleView:
    """_client.py or aio/_client.py: the client class, its groups and its own operations."""

    imports: ImportBlock
    client_name: str
    doc: SpecText
    constructor_arguments: tuple[tuple[str, str, str | None], ...]
    """(name, annotation, default) of the client's own parameters, api-version aside; only
    host parameters have a default (the spec's), and take it as keywords."""
    text_arguments: frozenset[str]
    """The arguments checked as text (no empty, `.` or control characters)."""
    parameter_fields: tuple[str, ...]
    """The fields of ClientParameters, filled from the arguments of the same name."""
    groups: tuple[GroupAttributeView, ...]
    operations: tuple[OperationView, ...]
    result_functions: tuple[OperationView, ...]
    host_values: str | None = None
    """The mapping `_shared.host_endpoint` checks, of the client's host parameters, when the
    spec has a host template; None when the endpoint is a plain argument."""
    endpoint_per_call: bool = False
    """Method arguments complete the endpoint: the constructor only checks its own parts."""
    pipeline_client: str = ""
    """`self._client = ...`, laid out for black in the constructor."""


@dataclass(frozen=True)
class HostTemplateView:
    """The host template as `_shared.py` keeps it, and each placeholder's part of the URL."""

    url_template: SpecText
    parts: tuple[tuple[SpecText, str], ...]

    @property
    def url_template_literal(self) -> str:
        """The template's literal, laid out as black does after `HOST_TEMPLATE: Final = `."""
        head = "HOST_TEMPLATE: Final = "
        return value_after(0, head, python_literal(self.url_template), annotated=True)


@dataclass(frozen=True)
class SharedModuleView:
    """_shared.py: what the sync and async modules share."""

    imports: ImportBlock
    parameter_fields: tuple[tuple[str, str], ...]
    """(name, annotation) of ClientParameters' fields."""
    sentinels: tuple[SentinelView, ...]
    has_long_running: bool
    has_paging: bool
    retry_even_post: bool
    host: HostTemplateView | None = None
    sends_raw: bool = False
    """Some value is sent as given (x-ms-skip-url-encoding, a next operation's link)."""
    status_errors: bool = False
    """Some method raises for statuses flagged `x-ms-error-response`, each with its model."""


# --- errors and docs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorView:
    envelope_class: str
    inner_class: str | None
    inner_attribute: str | None
    message_attribute: str | None
    code_attribute: str | None
    target_attribute: str | None
    properties: tuple[FieldView, ...]

    @property
    def details_check_fits(self) -> bool:
        """`_details`'s test of the code and message fits on its line (black then joins it)."""
        code, message = self.code_attribute, self.message_attribute
        check = (
            f"if api_error is None or not (api_error.{code} or api_error.{message}):"
        )
        return fits(4, check)


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
    call: str
    """How a caller reaches it: `client.widgets.get`."""
    operation_id: SpecText
    http_method: str
    path: SpecText
    doc: SpecText
    parameters: tuple[ParameterDocView, ...]
    responses: tuple[tuple[SpecText, SpecText, SpecText], ...]
    long_running: bool
    paged: bool
    sentinel: SentinelView | None
    example: str


@dataclass(frozen=True)
class ExampleView:
    """A README example: a title and code built here from identifiers and fixed literals."""

    title: str
    code: str


# --- the package --------------------------------------------------------------------------------


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
    """The spec's endpoint; with a host template, the template (HOST_TEMPLATE)."""
    client_name: str
    client_parameters: tuple[ParameterDocView, ...]
    constructor_arguments: tuple[str, ...]
    operation_docs: tuple[OperationDocView, ...]
    sentinels: tuple[SentinelView, ...]
    shared: SharedModuleView
    models: ModelsModuleView
    model_docs: tuple[tuple[str, SpecText, tuple[ParameterDocView, ...]], ...]
    error: ErrorView | None
    exceptions_imports: ImportBlock
    init_imports: ImportBlock
    aio_init_imports: ImportBlock
    exports: tuple[str, ...]
    aio_exports: tuple[str, ...]
    error_exports: tuple[str, ...]
    group_imports: tuple[ImportLine, ...]
    """Each operation group's class from its module, in the order operations/__init__.py
    imports them."""
    group_exports: tuple[str, ...]
    module_doc: SpecText
    distribution_name: str
    readme_path: str
    has_long_running: bool
    polling_interval: int
    runtime_floors: tuple[tuple[str, str], ...]
    scopes: tuple[tuple[SpecText, SpecText], ...]
    extra_examples: tuple[ExampleView, ...]
    models_exports: tuple[str, ...]
    keyword_arguments: tuple[str, ...] = ()
    """The client's keyword arguments with the spec's default (host parameters only)."""
    host_template: bool = False
    """The endpoint is the spec's host template, filled from host parameters."""
    endpoint_per_call: bool = False


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
    pipeline_client: str
    http_response: str
    poller: str
    pager: str
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
    async_: str
    """`async ` before a nested function's `def`, or nothing."""
    iterator: str
    item_list: str
    """What extract_data wraps a page's items in: iter or AsyncList."""
