"""head.json and head-exceptions.json of the AutoRest test server, sync and async.

AutoRest's test_head.py: a HEAD whose spec lists 404 answers True/False (head.json), and one
whose spec does not raises azure-core's HttpResponseError on 404 (head-exceptions.json). This
suite asks the error to be azure-core's ResourceNotFoundError too, as AutoRest's error map
makes it, and the client's own ServiceError.
"""

from __future__ import annotations

from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from tests.helpers.testserver import Call, TestServer, call_async, call_sync

RUNNERS = {"sync": call_sync, "async": call_async}

HEAD = [
    ("httpSuccess_head200", True),
    ("httpSuccess_head204", True),
    ("httpSuccess_head404", False),
]


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize("operation_id, expected", HEAD, ids=[o for o, _ in HEAD])
def test_head_answers_whether_the_resource_exists(
    head: Any, testserver: TestServer, flavor: str, operation_id: str, expected: bool
) -> None:
    outcome = RUNNERS[flavor](head, testserver, Call(operation_id))
    assert outcome is expected


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize(
    "operation_id", ["headException_head200", "headException_head204"]
)
def test_head_exceptions_succeed_on_success(
    head_exceptions: Any, testserver: TestServer, flavor: str, operation_id: str
) -> None:
    outcome = RUNNERS[flavor](head_exceptions, testserver, Call(operation_id))
    assert outcome is True


@pytest.mark.parametrize("flavor", RUNNERS)
def test_head_exceptions_raise_resource_not_found_on_404(
    head_exceptions: Any, testserver: TestServer, flavor: str
) -> None:
    outcome = RUNNERS[flavor](
        head_exceptions, testserver, Call("headException_head404")
    )
    assert isinstance(outcome, HttpResponseError), repr(outcome)
    assert isinstance(outcome, ResourceNotFoundError), repr(outcome)
    assert isinstance(outcome, head_exceptions.client.ServiceError), repr(outcome)
    assert outcome.status_code == 404
