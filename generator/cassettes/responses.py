"""The responses an example gives, and the interactions a replay serves: the call's answer
and, for a long-running 202 (or 201), the poll ARM's poller makes, answered 200."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.cassettes.records import ExampleProblem, Interaction
from generator.cassettes.requests import Call
from generator.model.entities import Operation

JSON_CONTENT_TYPE = "application/json"


@dataclass(frozen=True)
class ExampleResponse:
    status: int
    body: Any
    has_body: bool
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        return next(
            (value for key, value in self.headers if key.lower() == name.lower()), None
        )


def example_responses(raw: Mapping[str, Any]) -> dict[int, ExampleResponse]:
    responses = {}
    for key, entry in raw.items():
        if not key.isdigit() or not 100 <= int(key) <= 599:
            raise ExampleProblem(f"malformed example: response key {key!r}")
        if entry is None:
            entry = {}
        if not isinstance(entry, Mapping):
            raise ExampleProblem(f"malformed example: response {key} is not an object")
        headers = entry.get("headers") or {}
        if not isinstance(headers, Mapping) or any(
            isinstance(value, Mapping | list) for value in headers.values()
        ):
            raise ExampleProblem(
                f"malformed example: headers of response {key} are not name: value"
            )
        responses[int(key)] = ExampleResponse(
            status=int(key),
            body=entry.get("body"),
            has_body="body" in entry,
            headers=tuple(
                (name, _header_text(value)) for name, value in headers.items()
            ),
        )
    return responses


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def call_result(operation: Operation, response: ExampleResponse | None) -> Any:
    """What the method returns: the 200 body when the spec gives the 200 a type."""
    typed = any(
        r.status == "200" and r.type is not None for r in operation.success_responses
    )
    if not typed or response is None:
        return None
    return response.body


def interactions_for(
    call: Call,
    responses: Mapping[int, ExampleResponse],
    status: int,
    operation: Operation,
) -> tuple[Interaction, ...]:
    """The first answer, then the polls ARM's poller makes (azure-mgmt-core's ARMPolling):
    a 202, or a 201 with a `Location`, is polled at that Location; a PUT or PATCH answering
    201 without one, whose body is not yet in a terminal state, is polled at its own URL.
    """
    response = responses[status]
    first = _interaction(call, response, long_running=bool(operation.long_running))
    if not operation.long_running or status not in (201, 202):
        return (first,)
    if response.header("Azure-AsyncOperation") is not None:
        raise ExampleProblem(
            "replaying an Azure-AsyncOperation status monitor is not supported"
        )
    location = response.header("Location")
    if location:
        poll_uri = location
    elif status == 201 and call.request.method in ("PUT", "PATCH"):
        if _provisioning_state(response.body) in _TERMINAL_STATES:
            return (first,)
        poll_uri = call.request.url
    else:
        raise ExampleProblem(f"{status} without a Location header to poll")
    final = responses.get(200) or ExampleResponse(200, None, False, ())
    poll = Interaction(
        method="GET",
        uri=poll_uri,
        request_body=None,
        request_headers=(("Accept", JSON_CONTENT_TYPE),),
        status=200,
        response_body=_body_text(final),
        response_headers=_response_headers(
            ExampleResponse(200, final.body, final.has_body, ())
        ),
    )
    return (first, poll)


_TERMINAL_STATES = frozenset({"succeeded", "failed", "canceled"})


def _provisioning_state(body: Any) -> str | None:
    properties = body.get("properties") if isinstance(body, Mapping) else None
    state = (
        properties.get("provisioningState") if isinstance(properties, Mapping) else None
    )
    return state.lower() if isinstance(state, str) else None


def _interaction(
    call: Call, response: ExampleResponse, *, long_running: bool = False
) -> Interaction:
    body = call.request.json
    headers = [("Accept", JSON_CONTENT_TYPE), *call.headers]
    if body is not None:
        headers.append(("Content-Type", JSON_CONTENT_TYPE))
    return Interaction(
        method=call.request.method,
        uri=call.request.url,
        request_body=None if body is None else json.dumps(body),
        request_headers=tuple(headers),
        status=response.status,
        response_body=_body_text(response),
        response_headers=_response_headers(response, long_running=long_running),
    )


def _body_text(response: ExampleResponse) -> str:
    return json.dumps(response.body) if response.has_body else ""


def _response_headers(
    response: ExampleResponse, *, long_running: bool = False
) -> tuple[tuple[str, str], ...]:
    """The example's headers, plus what a replay needs: a content type and no waiting."""
    headers = list(response.headers)
    if response.has_body and response.header("Content-Type") is None:
        headers.append(("Content-Type", JSON_CONTENT_TYPE))
    polled = response.status == 202 or (long_running and response.status == 201)
    if polled and response.header("Retry-After") is None:
        headers.append(("Retry-After", "0"))
    return tuple(headers)
