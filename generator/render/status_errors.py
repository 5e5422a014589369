"""`x-ms-error-response`: the statuses an operation answers on failure, each with an error body
of its own, as a generated method hands them to `_shared.check_status`.

Such a status raises the exception any unexpected status raises (404 is also azure-core's
ResourceNotFoundError, and so on), with the body read as that status's model in `model`.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Kind, Operation
from generator.render.conversions import TypeWriter


def status_errors(operation: Operation, writer: TypeWriter) -> str | None:
    """`{400: None, 404: NotFoundErrorBase.from_dict}`, or None when no status is flagged
    with a body.

    A model's `from_dict` picks the subclass its discriminator names. A body that is not a
    model (a string, a number) gives no model, as AutoRest's clients attach none; a flagged
    status without a schema is read as the default error, like any unexpected status.
    """
    entries = []
    for response in operation.error_statuses:
        body = response.type
        if body is None:
            continue
        reader = (
            f"{writer.model_class(body)}.from_dict"
            if body.kind is Kind.MODEL and body.model is not None
            else "None"
        )
        entries.append(f"{int(response.status)}: {reader}")
    return "{" + ", ".join(entries) + "}" if entries else None


def any_status_errors(texts: Iterable[str | None]) -> bool:
    """Some method hands its flagged statuses to `check_status`: the package needs the code
    that reads them."""
    return any(text is not None for text in texts)


__all__ = ["any_status_errors", "status_errors"]
