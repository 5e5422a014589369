"""A server that tries to stop the client: a Retry-After no clock can keep, a 401 challenge that
cannot be decoded, a body trickled a byte at a time. Each ends in an AzureError, or in a wait no
longer than the client allows (max_retry_after, call_timeout); the async twins of these tests
are in test_faults_async.py.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import pytest
from azure.core.exceptions import AzureError, ServiceResponseTimeoutError

from tests.helpers import SUBSCRIPTION, FakeCredential
from tests.helpers.server import (
    DEALLOCATE,
    TOKEN,
    FaultyServer,
    Reply,
    accepted,
    assert_no_token,
    deallocate,
    deallocate_fails,
    repeat,
)
from vmss_deallocate import (
    CALL_TIMEOUT,
    MAX_RETRY_AFTER,
    ComputeManagementClient,
    ServiceAuthenticationError,
)

TRICKLE = 0.2
"""Seconds between the bytes a trickling server sends."""
DEADLINE = 1.0
"""The call_timeout of the trickle tests: far less than the trickle takes (20 s or more)."""


@pytest.fixture
def credential() -> FakeCredential:
    """The credential hands out TOKEN here, so that any leak of it is found."""
    return FakeCredential(token=TOKEN)


def test_the_documented_defaults() -> None:
    assert (MAX_RETRY_AFTER, CALL_TIMEOUT) == (120, 300)


# --- Retry-After ------------------------------------------------------------------------------

UNUSABLE = [
    ("Retry-After", "inf"),
    ("Retry-After", "1e400"),
    ("Retry-After", "nan"),
    ("Retry-After", "-5"),
    ("Retry-After", "soon"),
    ("Retry-After", "/bar"),
    ("Retry-After", "Fri, 32 Dec 2024 25:61:61 GMT"),
    ("retry-after-ms", "1e400"),
    ("retry-after-ms", "Fri, 31 Dec 9999 23:59:59 GMT"),
    ("x-ms-retry-after-ms", "-1"),
]
"""Values that are no finite, non-negative delay: azure-core alone raises OverflowError or
ValueError on them, or (async) waits for ever."""
HUGE = [
    ("Retry-After", "4000000"),
    ("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"),
    ("retry-after-ms", "4000000000"),
    ("x-ms-retry-after-ms", "4000000000"),
]


@pytest.mark.parametrize(("header", "value"), UNUSABLE)
def test_an_unusable_retry_after_counts_as_absent(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    header: str,
    value: str,
) -> None:
    """The retry then waits as without the header: azure-core's backoff (0 s, then 1.6 s)."""
    server.script(
        "POST", DEALLOCATE, *repeat(Reply(503, {header: value}), 2), Reply(200)
    )
    deallocate(server, credential)
    assert sleeps == [1.6]
    assert len(server.requests("POST")) == 3
    server.assert_all_played()


@pytest.mark.parametrize(("header", "value"), HUGE)
def test_a_huge_retry_after_is_cut_to_max_retry_after(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    header: str,
    value: str,
) -> None:
    server.script("POST", DEALLOCATE, Reply(503, {header: value}), Reply(200))
    deallocate(server, credential)
    assert sleeps == [MAX_RETRY_AFTER]
    server.assert_all_played()


@pytest.mark.parametrize(("header", "value"), UNUSABLE + HUGE)
def test_a_poll_waits_the_polling_interval_or_at_most_max_retry_after(
    server: FaultyServer,
    credential: FakeCredential,
    sleeps: list[float],
    header: str,
    value: str,
) -> None:
    """ARM polling reads the same headers (through a private azure-core function that
    RetryAfterCap reaches first)."""
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(202, {header: value}), Reply(200))
    deallocate(server, credential, polling_interval=7)
    assert sleeps == [MAX_RETRY_AFTER if (header, value) in HUGE else 7]
    server.assert_all_played()


def test_max_retry_after_zero_ignores_retry_after(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op", retry_after="30"))
    server.script("GET", "/op", Reply(202, {"Retry-After": "30"}), Reply(200))
    deallocate(
        server, credential, polling_interval=2, client_options={"max_retry_after": 0}
    )
    assert sleeps == [2]  # azure-core polls once at once, then waits between polls
    server.assert_all_played()


def test_a_past_http_date_means_no_wait(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    past = email.utils.formatdate(time.time() - 3600, usegmt=True)
    server.script("POST", DEALLOCATE, Reply(429, {"Retry-After": past}), Reply(200))
    deallocate(server, credential)
    assert sleeps == []
    server.assert_all_played()


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("max_retry_after", -1, ValueError),
        ("max_retry_after", float("inf"), ValueError),
        ("max_retry_after", float("nan"), ValueError),
        ("max_retry_after", "60", TypeError),
        ("max_body_bytes", 1.5, TypeError),
        ("max_error_body_bytes", True, TypeError),
        ("max_error_body_bytes", -1, ValueError),
        ("call_timeout", float("inf"), ValueError),
    ],
)
def test_limits_are_checked_when_the_client_is_built(
    credential: FakeCredential, name: str, value: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match=f"^{name} must be"):
        ComputeManagementClient(credential, SUBSCRIPTION, **{name: value})


# --- 401 challenges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claims",
    ["%%%not-base64%%%", "_w", "abcde", "=" * 5],
    ids=["not-base64", "not-utf8", "bad-length", "padding-only"],
)
def test_a_challenge_whose_claims_cannot_be_decoded_returns_the_401(
    server: FaultyServer, credential: FakeCredential, claims: str
) -> None:
    """azure-core decodes the claims unguarded (binascii.Error, UnicodeDecodeError); the
    client's SafeChallengePolicy does not act on them, and the 401 is raised as such."""
    challenge = f'Bearer error="insufficient_claims", claims="{claims}"'
    server.script("POST", DEALLOCATE, Reply(401, {"WWW-Authenticate": challenge}))
    error = deallocate_fails(ServiceAuthenticationError, server, credential)
    assert error.status_code == 401
    assert len(credential.scopes) == 1  # no second token was asked for
    server.assert_all_played()


@pytest.mark.parametrize(
    "challenge",
    [
        "Bearer",
        'Bearer error="insufficient_claims"',
        'Bearer error="insufficient_claims", claims=""',
        'Bearer realm="x", error=',
        "Basic realm=x",
        ",,,",
        'Bearer error="insufficient_claims", claims="e30"',  # {}: decodes, asks a new token
    ],
)
def test_any_challenge_ends_in_an_azure_error(
    server: FaultyServer, credential: FakeCredential, challenge: str
) -> None:
    server.script(
        "POST", DEALLOCATE, *repeat(Reply(401, {"WWW-Authenticate": challenge}), 2)
    )
    with pytest.raises(AzureError) as caught:
        deallocate(server, credential)
    assert type(caught.value) is ServiceAuthenticationError
    assert_no_token(caught.value)


# --- the whole call's deadline ------------------------------------------------------------------


def test_a_body_trickled_a_byte_at_a_time_ends_at_call_timeout(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """Each byte comes well within read_timeout, so only a deadline for the whole call stops
    it; the client's watchdog shuts the socket down then. The call is not retried: the time
    is up."""
    server.script("POST", DEALLOCATE, Reply(400, body="x" * 100, trickle=TRICKLE))
    started = time.monotonic()
    error = deallocate_fails(
        ServiceResponseTimeoutError,
        server,
        credential,
        client_options={"call_timeout": DEADLINE},
    )
    assert time.monotonic() - started < 100 * TRICKLE / 2
    assert str(error).startswith("The call did not complete within call_timeout=1 s")
    assert len(server.requests("POST")) == 1


def test_a_calls_own_call_timeout_replaces_the_clients(
    server: FaultyServer, credential: FakeCredential
) -> None:
    server.script("POST", DEALLOCATE, Reply(400, body="x" * 100, trickle=TRICKLE))
    started = time.monotonic()
    deallocate_fails(
        ServiceResponseTimeoutError, server, credential, call_timeout=DEADLINE
    )
    assert time.monotonic() - started < 100 * TRICKLE / 2


def test_a_poll_trickled_a_byte_at_a_time_ends_at_call_timeout(
    server: FaultyServer, credential: FakeCredential
) -> None:
    """Each poll is a call of its own, with its own deadline."""
    server.script("POST", DEALLOCATE, accepted(f"{server.url}/op"))
    server.script("GET", "/op", Reply(200, body="x" * 100, trickle=TRICKLE))
    started = time.monotonic()
    deallocate_fails(
        ServiceResponseTimeoutError,
        server,
        credential,
        client_options={"call_timeout": DEADLINE},
    )
    assert time.monotonic() - started < 100 * TRICKLE / 2


def test_a_retry_after_longer_than_the_time_left_is_cut_to_it(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    """The retry policy never waits past the deadline (the waits are recorded, not slept,
    so the retry here still finds the deadline ahead)."""
    server.script("POST", DEALLOCATE, Reply(503, {"Retry-After": "100"}), Reply(200))
    deallocate(server, credential, client_options={"call_timeout": 5})
    (wait,) = sleeps
    assert 4 < wait <= 5
    server.assert_all_played()


def test_without_call_timeout_a_call_has_no_deadline(
    server: FaultyServer, credential: FakeCredential, sleeps: list[float]
) -> None:
    server.script("POST", DEALLOCATE, Reply(503, {"Retry-After": "100"}), Reply(200))
    deallocate(server, credential, client_options={"call_timeout": None})
    assert sleeps == [100]
    server.assert_all_played()
