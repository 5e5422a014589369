"""Every azure-special-properties.json scenario of the AutoRest test server, through the
generated client, sync and async.

What each must give is what AutoRest's own Python acceptance tests (test_parameter.py and
test_xms.py in Azure/autorest.python) assert: the subscription id and api-version from the
client, the method or the spec's constant; path and query values sent unencoded where the spec
says x-ms-skip-url-encoding; azure-core's request-id policy and the spec's own request-id
headers. Where AutoRest expects msrest's ValidationError (nothing sent), this client raises
TypeError before sending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError

from tests.helpers.testserver import (
    REQUEST_ID,
    Call,
    TestServer,
    call_async,
    call_sync,
)

RUNNERS = {"sync": call_sync, "async": call_async}
SUBSCRIPTION = "1234-5678-9012-3456"
UNENCODED_PATH = "path1/path2/path3"
UNENCODED_QUERY = "value1&q2=value2&q3=value3"


@dataclass(frozen=True)
class Scenario:
    operation_id: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    client_kwargs: dict[str, Any] = field(default_factory=dict)
    raises: type[BaseException] | None = None
    label: str = ""

    @property
    def name(self) -> str:
        return self.operation_id + (f"-{self.label}" if self.label else "")


SCENARIOS = [
    Scenario("subscriptionInCredentials_postMethodGlobalValid"),
    Scenario("subscriptionInCredentials_postMethodGlobalNotProvidedValid"),
    Scenario("subscriptionInCredentials_postPathGlobalValid"),
    Scenario("subscriptionInCredentials_postSwaggerGlobalValid"),
    # No AutoRest test nor coverage scenario: the route wants no subscription id, the
    # client always sends its own.
    Scenario(
        "subscriptionInCredentials_postMethodGlobalNull", raises=HttpResponseError
    ),
    Scenario("subscriptionInMethod_postMethodLocalValid", args=(SUBSCRIPTION,)),
    Scenario("subscriptionInMethod_postPathLocalValid", args=(SUBSCRIPTION,)),
    Scenario("subscriptionInMethod_postSwaggerLocalValid", args=(SUBSCRIPTION,)),
    Scenario(
        "subscriptionInMethod_postMethodLocalNull", args=(None,), raises=TypeError
    ),
    Scenario("apiVersionDefault_getMethodGlobalValid"),
    Scenario("apiVersionDefault_getMethodGlobalNotProvidedValid"),
    Scenario("apiVersionDefault_getPathGlobalValid"),
    Scenario("apiVersionDefault_getSwaggerGlobalValid"),
    Scenario("apiVersionLocal_getMethodLocalValid"),
    Scenario("apiVersionLocal_getMethodLocalNull"),
    Scenario("apiVersionLocal_getPathLocalValid"),
    Scenario("apiVersionLocal_getSwaggerLocalValid"),
    Scenario("skipUrlEncoding_getMethodPathValid", args=(UNENCODED_PATH,)),
    Scenario("skipUrlEncoding_getPathPathValid", args=(UNENCODED_PATH,)),
    Scenario("skipUrlEncoding_getSwaggerPathValid"),
    Scenario("skipUrlEncoding_getMethodQueryValid", args=(UNENCODED_QUERY,)),
    Scenario("skipUrlEncoding_getPathQueryValid", args=(UNENCODED_QUERY,)),
    Scenario("skipUrlEncoding_getSwaggerQueryValid"),
    Scenario("skipUrlEncoding_getMethodQueryNull"),
    Scenario("skipUrlEncoding_getMethodQueryNull", kwargs={"q1": None}, label="none"),
    Scenario(
        "odata_getWithFilter",
        kwargs={"filter": "id gt 5 and name eq 'foo'", "top": 10, "orderby": "id"},
    ),
    # azure-core's request-id policy sends a fresh id; the server wants its own.
    Scenario("x-ms-client-request-id_Get", raises=HttpResponseError, label="generated"),
    Scenario("x-ms-client-request-id_Get", kwargs={"request_id": None}, label="none"),
    Scenario(
        "x-ms-client-request-id_Get", kwargs={"request_id": REQUEST_ID}, label="given"
    ),
    Scenario(
        "x-ms-client-request-id_ParamGet",
        args=(REQUEST_ID,),
        client_kwargs={"auto_request_id": False},
    ),
    Scenario("header_customNamedRequestId", args=(REQUEST_ID,)),
    Scenario(
        "header_customNamedRequestIdParamGrouping",
        kwargs={"foo_client_request_id": REQUEST_ID},
    ),
    Scenario("header_customNamedRequestIdHead", args=(REQUEST_ID,)),
]


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_azure_special(
    azure_special: Any, testserver: TestServer, flavor: str, scenario: Scenario
) -> None:
    call = Call(
        scenario.operation_id,
        args=scenario.args,
        kwargs=scenario.kwargs,
        client_args=(SUBSCRIPTION,),
        client_kwargs=scenario.client_kwargs,
    )
    outcome = RUNNERS[flavor](azure_special, testserver, call)
    if scenario.raises is None:
        assert not isinstance(outcome, BaseException), repr(outcome)
        assert outcome in (None, True)
    else:
        assert isinstance(outcome, scenario.raises), repr(outcome)


def test_the_table_covers_every_operation(azure_special: Any) -> None:
    operation_ids = {op.operation_id for op in azure_special.api.operations}
    assert {s.operation_id for s in SCENARIOS} == operation_ids


def test_skip_url_encoding_values_cannot_leave_their_place(
    azure_special: Any, testserver: TestServer
) -> None:
    """Sent as given, but not past the path or the query: nothing is sent."""
    for operation_id, value in [
        ("skipUrlEncoding_getMethodPathValid", "path1/../admin"),
        ("skipUrlEncoding_getMethodPathValid", "path1?x=1"),
        ("skipUrlEncoding_getMethodPathValid", "path1#x"),
        ("skipUrlEncoding_getMethodQueryValid", "value1#x"),
        ("skipUrlEncoding_getMethodQueryValid", "value1\r\nX: 1"),
    ]:
        outcome = call_sync(
            azure_special,
            testserver,
            Call(operation_id, args=(value,), client_args=(SUBSCRIPTION,)),
        )
        assert isinstance(outcome, ValueError), (value, outcome)


@pytest.mark.parametrize("flavor", RUNNERS)
def test_query_values_are_encoded_unless_the_spec_says_not_to(
    azure_special: Any, testserver: TestServer, flavor: str
) -> None:
    """`&`, `=` and `+` stay inside an encoded value (azure-core sends `params` as given);
    x-ms-skip-url-encoding sends the caller's text as it is."""
    urls: list[str] = []

    def seen(request: Any) -> None:
        urls.append(request.http_request.url)

    for operation_id, options in [
        ("skipUrlEncoding_getMethodQueryValid", {"q1": UNENCODED_QUERY}),
        ("odata_getWithFilter", {"filter": "a&b=c+d"}),
    ]:
        RUNNERS[flavor](
            azure_special,
            testserver,
            Call(
                operation_id,
                kwargs={**options, "raw_request_hook": seen},
                client_args=(SUBSCRIPTION,),
            ),
        )
    assert urls[0].endswith("?q1=value1&q2=value2&q3=value3")
    assert urls[1].endswith("?$filter=a%26b%3Dc%2Bd")
