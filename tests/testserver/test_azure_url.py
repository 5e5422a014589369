"""subscriptionId-apiVersion.json and azure-report.json of the AutoRest test server, sync and
async.

AutoRest's test_azure_url.py: the client's subscription id and api-version reach the path and
query of a resource group's GET (the server checks api-version 2014-04-01-preview and answers
testgroup101 in West US). Its test_zzz.py reads the coverage report through the client of
azure-report.json: here the report must be the server's own, scenario by scenario.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.helpers.testserver import (
    Call,
    TestServer,
    call_async,
    call_sync,
)

RUNNERS = {"sync": call_sync, "async": call_async}


@pytest.mark.parametrize("flavor", RUNNERS)
def test_subscription_id_and_api_version_reach_the_request(
    subscription_api_version: Any, testserver: TestServer, flavor: str
) -> None:
    call = Call(
        "group_getSampleResourceGroup",
        args=("testgoup101",),
        client_args=(str(uuid.uuid4()),),
    )
    group = RUNNERS[flavor](subscription_api_version, testserver, call)
    assert not isinstance(group, BaseException), repr(group)
    assert (group.name, group.location) == ("testgroup101", "West US")


def test_the_api_version_is_the_specs(subscription_api_version: Any) -> None:
    assert subscription_api_version.client.API_VERSION == "2014-04-01-preview"


@pytest.mark.parametrize("flavor", RUNNERS)
def test_the_report_client_reads_the_servers_own_report(
    azure_report: Any,
    subscription_api_version: Any,
    testserver: TestServer,
    flavor: str,
) -> None:
    call = Call(
        "group_getSampleResourceGroup",
        args=("testgoup101",),
        client_args=(str(uuid.uuid4()),),
    )
    assert not isinstance(
        call_sync(subscription_api_version, testserver, call), Exception
    )
    report = RUNNERS[flavor](
        azure_report, testserver, Call("getReport", kwargs={"qualifier": "3.11"})
    )
    assert not isinstance(report, BaseException), repr(report)
    assert set(report) == set(testserver.report("azure"))
    assert all(isinstance(hits, int) and hits >= 0 for hits in report.values())
    assert report["SubscriptionIdAndApiVersion"] >= 1
