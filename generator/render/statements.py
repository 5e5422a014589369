"""A generated method's statements whose length depends on the spec (names of models, of
arguments, URL templates), laid out as black would lay them out (render/layout.py), so the
template only places them. The indentation each is laid out for is the one the template
places it at: 8 spaces in a method, 12 in a function nested in it, 4 in a module function.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.escape import SpecText, python_literal
from generator.render.layout import Brackets, assigned, chosen, fits, nested
from generator.render.views import FlavorView, OperationView

METHOD = 8
NESTED = 12


@dataclass(frozen=True)
class MethodStatements:
    """Ready text of an operation method's statements whose length depends on the spec,
    laid out as black would (render/statements.py); first lines unindented."""

    body: str | None
    """`body = ...`: the request body, when there is one."""
    url: str
    run: str
    check: str
    poller: str | None
    """`return <poller>(...)` of a long-running method."""
    polling_method: str | None
    """The default polling method's assignment, in `if polling is True:`."""
    first_request: str | None
    """`return HttpRequest(...)` of a paged method's first page, in `if next_link is None:`."""
    next_url: str | None
    next_request: str | None
    """How `prepare_request` builds the request of a following page."""
    page_result: str | None
    """`page = ...`: `extract_data`'s page, read off the response."""
    page: str | None
    """What `extract_data` returns."""
    page_run: str | None
    page_check: str | None
    """`get_next`'s call of the pipeline and its status check."""
    returned: str
    """What a method that is not long-running returns."""
    result: str | None
    """The body of the module's result function."""


def url_statement(
    indent: int,
    target: str,
    parts: tuple[SpecText, ...],
    path_arguments: tuple[tuple[str, str | Brackets], ...],
) -> str:
    """`target = self._client.format_url(...)`, one argument a line: the URL template's
    literals joined on one line when they fit, else one literal a line."""
    inner = " " * (indent + 4)
    literals = [python_literal(part) for part in parts]
    joined = " ".join(literals) + ","
    template = joined if fits(indent + 4, joined) else f"\n{inner}".join(literals) + ","
    lines = [
        template,
        *(_keyword(indent + 4, name, text) for name, text in path_arguments),
    ]
    body = "".join(f"{inner}{line}\n" for line in lines)
    return f"{target} = self._client.format_url(\n{body}{' ' * indent})"


def _keyword(indent: int, name: str, value: str | Brackets) -> str:
    """`name=value,` as an argument a line of its own, split inside `value` when too long."""
    if isinstance(value, str):
        return f"{name}={value},"
    return nested(
        indent, Brackets(f"{name}={value.head}", value.items, value.tail), ","
    )


def request_call(
    prefix: str,
    method: str,
    url: str,
    query: str,
    headers: str,
    body_keyword: str | None = None,
) -> Brackets:
    """`prefix` + `HttpRequest(...)`."""
    items = [python_literal(method), url, f"params={query}", f"headers={headers}"]
    if body_keyword:
        items.append(f"{body_keyword}=body")
    return Brackets(f"{prefix}HttpRequest(", items, ")")


def run_statement(indent: int, flavor: FlavorView, request: str | Brackets) -> str:
    run = Brackets(
        f"{flavor.await_}self._client._pipeline.run(",
        [request, "stream=False", "**kwargs"],
        ")",
    )
    target = f"pipeline_response: PipelineResponse[HttpRequest, {flavor.http_response}]"
    return assigned(indent, target, run)


def check_statement(indent: int, codes: str, status_errors: str | None) -> str:
    items = ["pipeline_response.http_response", codes]
    if status_errors is not None:
        items.append(status_errors)
    return nested(indent, Brackets("_shared.check_status(", items, ")"))


def call_statement(indent: int, head: str, items: list[str]) -> str:
    """`head(items)`: a call, perhaps after `return ` or `name = `."""
    return nested(indent, Brackets(f"{head}(", items, ")"))


def method_statements(
    op: OperationView,
    flavor: FlavorView,
    body: str | Brackets | None,
    unless_none: str | None = None,
) -> MethodStatements:
    """The statements of `op`'s method; `body` is the request body it sends, if any (no
    body when the argument `unless_none` is None)."""
    body_keyword = op.body_keyword if op.body_expression else None
    request = request_call("", op.http_method, "url", "query", "headers", body_keyword)
    paging = op.paging
    following = paging.next_request if paging else None
    status_errors = op.status_errors
    polling_method = poller = None
    if op.long_running:
        options = ["polling_interval"]
        if op.final_state_via is not None:
            via = python_literal(op.final_state_via)
            options.append(f'lro_options={{"final-state-via": {via}}}')
        polling_method = assigned(
            NESTED,
            f"polling_method: {flavor.polling_method}[{op.poller_result}]",
            Brackets(f"{flavor.operation_polling}(", [*options, "**kwargs"], ")"),
        )
        poller = call_statement(
            METHOD,
            f"return {flavor.poller}",
            ["self._client", "pipeline_response", op.poller_callback, "polling_method"],
        )
    first_request = next_url = next_request = page = page_run = page_check = None
    page_result = None
    if paging is not None:
        page_result = assigned(
            NESTED,
            "page",
            Brackets(f"{op.result_function}(", ["pipeline_response"], ")"),
        )
        first_request = nested(
            NESTED + 4,
            request_call(
                "return ", op.http_method, "url", "query", "headers", body_keyword
            ),
        )
        if following is not None:
            next_url = url_statement(
                NESTED, "next_url", following.url_template, following.path_arguments
            )
            next_request = nested(
                NESTED,
                request_call(
                    "return ",
                    following.http_method,
                    "next_url",
                    "next_query",
                    "next_headers",
                ),
            )
        else:
            next_request = call_statement(
                NESTED,
                "return _shared.next_page_request",
                ["url", "next_link", op.next_link_api_version],
            )
        link = f"page.{paging.next_link} or None" if paging.next_link else "None"
        page = call_statement(
            NESTED,
            f"return {link}, {flavor.item_list}",
            [f"page.{paging.items} or []"],
        )
        page_run = run_statement(NESTED, flavor, "prepare_request(next_link)")
        page_check = check_statement(NESTED, op.page_codes, status_errors)
    body_statement = None
    if body is not None and op.sentinel is not None:
        omitted = f"{op.sentinel_argument} is {op.sentinel.name}"
        body_statement = chosen(METHOD, "body", "None", omitted, body)
    elif body is not None and unless_none is not None:
        body_statement = chosen(METHOD, "body", "None", f"{unless_none} is None", body)
    elif body is not None:
        body_statement = assigned(METHOD, "body", body)
    returned = op.result_expression
    call = "(pipeline_response)"
    return MethodStatements(
        body=body_statement,
        url=url_statement(METHOD, "url", op.url_template, op.path_arguments),
        run=run_statement(METHOD, flavor, request),
        check=check_statement(METHOD, op.success_codes, status_errors),
        poller=poller,
        polling_method=polling_method,
        first_request=first_request,
        next_url=next_url,
        next_request=next_request,
        page_result=page_result,
        page=page,
        page_run=page_run,
        page_check=page_check,
        returned=(
            call_statement(
                METHOD, f"return {returned.removesuffix(call)}", ["pipeline_response"]
            )
            if returned.endswith(call)
            else f"return {returned}"
        ),
        result=(
            None
            if op.result_conversion is None
            else result_statement(op.result_conversion)
        ),
    )


def result_statement(conversion: str) -> str:
    """The body of a module's result function."""
    return call_statement(
        4, "return _shared.result", ["pipeline_response", f"lambda data: {conversion}"]
    )


__all__ = [
    "METHOD",
    "NESTED",
    "MethodStatements",
    "method_statements",
    "result_statement",
]
