"""Child process of bench/run.py: time `begin_deallocate(...).result()` against the local server.

Run with an interpreter that has azure-core and azure-mgmt-core (and, for the official SDK,
azure-mgmt-compute), with generated/ on PYTHONPATH. Prints one JSON object on stdout.

Contenders, each making the same two exchanges (POST ... /deallocate -> 202 + Location, then
GET Location -> 200) on a keep-alive connection:
  armgen    the generated ComputeManagementClient
  requests  a requests.Session doing the two exchanges by hand (the floor for any Python client)
  sdk       azure-mgmt-compute's ComputeManagementClient.virtual_machine_scale_sets

`--calls N` times N calls of each, interleaved call by call (the order rotates), after
`--warmup` untimed calls of each. `--single NAME` imports one contender, makes one call and exits
(the bench measures that process's wall time and peak RSS).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any

SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
API_VERSION = "2024-07-01"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument(
        "--verify", default="", help="CA file for TLS; empty for plain http"
    )
    parser.add_argument("--contenders", default="armgen,requests,sdk")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--single", default=None)
    args = parser.parse_args()

    if args.single:
        call = _make(args.single, args.base_url, args.verify)
        call()
        return 0

    names = [name for name in args.contenders.split(",") if name]
    calls: dict[str, Callable[[], None]] = {}
    unavailable: dict[str, str] = {}
    for name in names:
        try:
            calls[name] = _make(name, args.base_url, args.verify)
        except ImportError as exc:
            unavailable[name] = f"cannot import: {exc}"
    active = list(calls)
    for _ in range(args.warmup):
        for name in active:
            calls[name]()
    samples: dict[str, list[float]] = {name: [] for name in active}
    cpu: dict[str, list[float]] = {name: [] for name in active}
    clock, cpu_clock = time.perf_counter_ns, time.process_time_ns
    for index in range(args.calls):
        shift = index % len(active) if active else 0
        for name in active[shift:] + active[:shift]:
            call = calls[name]
            start, cpu_start = clock(), cpu_clock()
            call()
            cpu_end, end = cpu_clock(), clock()
            samples[name].append((end - start) / 1e9)
            # CPU of the whole process (the poller's thread too): the client's own work,
            # without the wait for the server, and far less moved by other load.
            cpu[name].append((cpu_end - cpu_start) / 1e9)
    json.dump({"samples": samples, "cpu": cpu, "unavailable": unavailable}, sys.stdout)
    return 0


def _make(name: str, base_url: str, verify: str) -> Callable[[], None]:
    """Build a contender (client construction is not timed) and return its one call."""
    tls = base_url.startswith("https:")
    # Bench-only switch for the plain-http fallback: azure-core refuses bearer tokens over http.
    transport_options: dict[str, Any] = (
        {"connection_verify": verify} if tls else {"enforce_https": False}
    )
    if name == "armgen":
        from vmss_deallocate import (  # type: ignore[import-not-found, unused-ignore]
            ComputeManagementClient,
        )

        client = ComputeManagementClient(
            _FakeCredential(), SUBSCRIPTION, endpoint=base_url, **transport_options
        )
        options: dict[str, Any] = {} if tls else {"enforce_https": False}

        def armgen() -> None:
            client.virtual_machine_scale_sets.begin_deallocate(
                "rg-armgen", "vmss", ["0"], polling_interval=0, **options
            ).result()

        return armgen
    if name == "sdk":
        from azure.mgmt.compute import (  # type: ignore[import-untyped, unused-ignore]
            ComputeManagementClient,
        )
        from azure.mgmt.compute.models import (  # type: ignore[import-untyped, unused-ignore]
            VirtualMachineScaleSetVMInstanceIDs,
        )

        sdk_client = ComputeManagementClient(
            _FakeCredential(), SUBSCRIPTION, base_url=base_url, **transport_options
        )
        operations = sdk_client.virtual_machine_scale_sets
        sdk_options: dict[str, Any] = {} if tls else {"enforce_https": False}

        def sdk() -> None:
            operations.begin_deallocate(
                "rg-sdk",
                "vmss",
                VirtualMachineScaleSetVMInstanceIDs(instance_ids=["0"]),
                polling_interval=0,
                **sdk_options,
            ).result()

        return sdk
    if name == "requests":
        import requests

        session = requests.Session()
        # verify= on each request: a Session's own verify loses to REQUESTS_CA_BUNDLE.
        check: str | bool = verify if tls else True
        url = (
            f"{base_url}/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-requests"
            "/providers/Microsoft.Compute/virtualMachineScaleSets/vmss/deallocate"
        )
        headers = {"Authorization": "Bearer bench-token", "Accept": "application/json"}
        params = {"api-version": API_VERSION}

        def plain() -> None:
            accepted = session.post(
                url,
                params=params,
                headers=headers,
                json={"instanceIds": ["0"]},
                verify=check,
            )
            if accepted.status_code != 202:
                raise RuntimeError(f"POST answered {accepted.status_code}")
            done = session.get(
                accepted.headers["Location"], headers=headers, verify=check
            )
            if done.status_code != 200:
                raise RuntimeError(f"GET answered {done.status_code}")

        return plain
    raise SystemExit(f"unknown contender {name!r}")


class _FakeCredential:
    """A TokenCredential that never leaves the process: one fixed token, valid for an hour."""

    def __init__(self) -> None:
        from azure.core.credentials import AccessToken

        self._token = AccessToken("bench-token", int(time.time()) + 3600)

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        return self._token


if __name__ == "__main__":
    raise SystemExit(main())
