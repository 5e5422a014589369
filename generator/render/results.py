"""What an operation's method gives: the body converted, the raw body, True/False for a HEAD,
a pager of the page's items, or None; and the annotations that say so."""

from __future__ import annotations

from generator.model import Kind, Operation
from generator.render.conversions import TypeWriter
from generator.render.views import FlavorView, PagingView


class MethodResult:
    def __init__(self) -> None:
        self.annotation = "None"
        self.function_annotation = "None"
        self.conversion: str | None = None
        self.is_bytes = False
        self.head_as_bool = False
        self.paging: PagingView | None = None
        self.success_codes: list[str] = []

    def function(self, method_name: str, shared: str) -> str | None:
        """The function turning the final response into the result (the page, if paged)."""
        if self.conversion is not None:
            return f"_{method_name}_result"
        if self.is_bytes:
            return f"{shared}.raw_body"
        return None

    def expression(self, method_name: str, shared: str) -> str:
        """What a call returns from `pipeline_response`, when it is not long-running."""
        function = self.function(method_name, shared)
        if function is not None:
            return f"{function}(pipeline_response)"
        if self.head_as_bool:
            return "pipeline_response.http_response.status_code != 404"
        return "True" if self.annotation == "bool" else "None"

    def callback(self, method_name: str, shared: str) -> str:
        """A long-running operation's deserialization callback."""
        if self.paging is not None:
            return "get_long_running_output"
        return self.function(method_name, shared) or f"{shared}.no_result"


def method_result(
    operation: Operation, writer: TypeWriter, flavor: FlavorView
) -> MethodResult:
    """What the method gives: the body converted, the raw body, True/False for a HEAD, a pager
    of the page's items, or None.

    The conversion lives in the synchronous module's result function, which the async module
    imports: there, what it names is not imported."""
    result = MethodResult()
    result.success_codes = [r.status for r in operation.success_responses]
    body_type = next(
        (r.type for r in operation.success_responses if r.type is not None), None
    )
    if operation.http_method == "HEAD" and body_type is None:
        result.annotation = result.function_annotation = "bool"
        result.head_as_bool = "404" in result.success_codes
        return result
    if body_type is None:
        return result
    if body_type.kind is Kind.BINARY:
        result.is_bytes = True
        result.annotation = result.function_annotation = writer.builtin("bytes")
        return result
    converter = writer.elsewhere() if flavor.is_async else writer
    result.function_annotation = converter.annotation(body_type)
    result.conversion = converter.from_wire(body_type, "data")
    result.annotation = (
        writer.annotation(body_type)
        if operation.paging is None
        else result.function_annotation
    )
    if operation.paging is not None:
        item = operation.paging.item
        assert item.type.item is not None
        result.annotation = writer.annotation(item.type.item)
        next_link = operation.paging.next_link
        result.paging = PagingView(
            items=item.python_name,
            next_link=next_link.python_name if next_link is not None else None,
        )
    return result


def tuple_literal(items: list[str]) -> str:
    """A tuple literal that black keeps on one line (no magic trailing comma)."""
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def return_annotation(operation: Operation, result: str, flavor: FlavorView) -> str:
    if operation.paging is not None:
        result = f"{flavor.pager}[{result}]"
    if operation.long_running is not None:
        return f"{flavor.poller}[{result}]"
    return result
