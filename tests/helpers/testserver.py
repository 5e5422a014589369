"""The AutoRest test server (npm `@microsoft.azure/autorest.testserver`) for tests/testserver.

The README's test command (and so .ci/run) installs the version pinned in
tests/testserver/node/package-lock.json there, with `npm ci --prefix tests/testserver/node`
(node_modules/ is git-ignored). `TestServer` runs its CLI on a free port of 127.0.0.1 only: the
preload tests/testserver/node/loopback.js makes the server's listen() bind the loopback address,
where the unpatched CLI listens on every interface. Scenario state (retries, multi-step
operations) lives in a `scenario` cookie, which each client must carry from call to call.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import ipaddress
import json
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import aiohttp
from azure.core.async_paging import AsyncItemPaged
from azure.core.credentials import AccessToken
from azure.core.paging import ItemPaged
from azure.core.pipeline.transport import AioHttpTransport
from azure.core.polling import AsyncLROPoller, LROPoller

from generator.model import Api
from generator.pipeline import load_api
from tests.helpers import TESTS
from tests.helpers.packages import generated_package

NODE_FILES = TESTS / "testserver" / "node"
INSTALL_DIR = NODE_FILES
PACKAGE_DIR = INSTALL_DIR / "node_modules" / "@microsoft.azure" / "autorest.testserver"
CLI = PACKAGE_DIR / "dist" / "cli" / "cli.js"
SWAGGER = PACKAGE_DIR / "swagger"
LROS_ROUTES = PACKAGE_DIR / "legacy" / "routes" / "lros.js"
LOOPBACK_PRELOAD = NODE_FILES / "loopback.js"

INSTALL_HINT = (
    "the AutoRest test server is not installed in tests/testserver/node/: run\n"
    "  npm ci --no-audit --no-fund --prefix tests/testserver/node"
)
READY_TIMEOUT = 60.0
"""Seconds the server may take to say which port it listens on (it takes about 0.5 s)."""
STOP_TIMEOUT = 10.0

_STARTED = re.compile(r"Started server on port (\d+)")
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def missing_install() -> str | None:
    """Why the test server cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not on PATH; " + INSTALL_HINT
    if not CLI.is_file():
        return INSTALL_HINT
    return None


class TestServer:
    """The test server's process, started on a free port and stopped by `stop()`.

    Its log (a line per request) goes to `log_path`; the readiness wait and the stop are bounded.
    """

    __test__ = False  # not a pytest test class

    def __init__(self, coverage_dir: Path, log_path: Path) -> None:
        self.log_path = log_path
        self._ready = threading.Event()
        self._port: int | None = None
        self._process = subprocess.Popen(
            [
                "node",
                "-r",
                str(LOOPBACK_PRELOAD),
                str(CLI),
                "run",
                "--port",
                "0",
                "--coverageDirectory",
                str(coverage_dir),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=INSTALL_DIR,
        )
        assert self._process.stdout is not None
        self._reader = threading.Thread(
            target=self._read_log, args=(self._process.stdout,), daemon=True
        )
        self._reader.start()
        if not self._ready.wait(READY_TIMEOUT) or self._port is None:
            self.stop()
            raise RuntimeError(
                f"the test server did not start within {READY_TIMEOUT:g} s;"
                f" its log: {self.log_path}"
            )

    @property
    def port(self) -> int:
        assert self._port is not None
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def report(self, category: str = "azure") -> dict[str, int]:
        """Hits per scenario of one coverage category (vanilla, azure, optional, dpg)."""
        path = "/report" if category == "vanilla" else f"/report/{category}"
        with urllib.request.urlopen(self.url + path, timeout=10) as answer:
            report: dict[str, int] = json.load(answer)
        return report

    def stop(self) -> None:
        """Ask the server to stop, then make sure it did."""
        if self._process.poll() is None and self._port is not None:
            request = urllib.request.Request(self.url + "/.admin/stop", method="POST")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(request, timeout=STOP_TIMEOUT).close()
        try:
            self._process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(STOP_TIMEOUT)
        self._reader.join(STOP_TIMEOUT)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _read_log(self, output: IO[bytes]) -> None:
        with self.log_path.open("w", encoding="utf-8") as log:
            for raw in output:
                line = _COLOURS.sub("", raw.decode("utf-8", errors="replace"))
                log.write(line)
                if self._port is None and (found := _STARTED.search(line)):
                    self._port = int(found.group(1))
                    self._ready.set()
        self._ready.set()  # the process ended: stop waiting


@dataclass(frozen=True)
class Generated:
    """A test-server Swagger file's generated client, and the model it was generated from (to
    find methods by operationId, whatever the generator names them)."""

    api: Api
    client: ModuleType
    aio: ModuleType

    def bound(self, client: Any, operation_id: str) -> Any:
        """The client's method for `operation_id`: `client.<group>.<method>`."""
        for group in self.api.groups:
            for op in group.operations:
                if op.operation_id == operation_id:
                    owner = getattr(client, group.attribute) if group.name else client
                    return getattr(owner, op.method_name)
        raise KeyError(operation_id)


@contextlib.contextmanager
def generated_client(swagger_file: str, package: str, out: Path) -> Iterator[Generated]:
    """Generate the client of SWAGGER/`swagger_file` as `package` into `out`, importable
    while the context lasts (then removed from sys.path and sys.modules)."""
    spec = SWAGGER / swagger_file
    with generated_package(spec, package, out) as client:
        yield Generated(
            api=load_api(spec),
            client=client,
            aio=importlib.import_module(f"{package}.aio"),
        )


_LEGACY_SCENARIO = re.compile(r'overage\["(\w+)"\]')
_ROUTE_SCENARIO = re.compile(
    r'app\.(?:get|put|post|patch|delete|head)\("[^"]*", "(\w+)"'
)


def route_scenarios(*route_files: str, exclude: str | None = None) -> tuple[str, ...]:
    """The coverage scenarios the server's route files (under PACKAGE_DIR) count, both
    styles: the legacy `coverage["Name"]++` and the typed `app.get(path, "Name", ...)`;
    without those whose name matches `exclude`."""
    names: set[str] = set()
    for route_file in route_files:
        text = (PACKAGE_DIR / route_file).read_text(encoding="utf-8")
        names |= set(_LEGACY_SCENARIO.findall(text)) | set(
            _ROUTE_SCENARIO.findall(text)
        )
    return tuple(
        sorted(n for n in names if exclude is None or not re.search(exclude, n))
    )


@dataclass(frozen=True)
class Suite:
    """A test-server Swagger file, the package its client is generated as, and the coverage
    scenarios of the server that its operations reach (the figure the summary prints).
    """

    swagger: str
    package: str
    scenarios: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.swagger.removesuffix(".json")


def suites() -> tuple[Suite, ...]:
    """The suites of tests/testserver, by Swagger file; where routes serve several files,
    the scenarios are those of this file's paths (AutoRest's own split)."""
    head = ("HttpSuccess200Head", "HttpSuccess204Head", "HttpSuccess404Head")
    return (
        Suite("lro.json", "armgen_testserver_lro", lro_scenarios()),
        Suite(
            "paging.json",
            "armgen_testserver_paging",
            route_scenarios(
                "legacy/routes/paging.js",
                "dist/test-routes/paging.js",
                exclude=r"^PagingCustomUrl",  # custom-baseUrl-paging.json's
            ),
        ),
        Suite("head.json", "armgen_testserver_head", head),
        Suite("head-exceptions.json", "armgen_testserver_head_exceptions", head),
        Suite(
            "azure-special-properties.json",
            "armgen_testserver_azure_special",
            route_scenarios("legacy/routes/azureSpecials.js"),
        ),
        Suite(
            "subscriptionId-apiVersion.json",
            "armgen_testserver_subscription_api_version",
            route_scenarios("legacy/routes/azureUrl.js"),
        ),
        # The coverage report itself: it counts no scenario.
        Suite("azure-report.json", "armgen_testserver_azure_report", ()),
        Suite(
            "xms-error-responses.json",
            "armgen_testserver_xms_error_responses",
            route_scenarios("legacy/routes/errorStatusCodes.js"),
        ),
    )


def suite(swagger: str) -> Suite:
    return next(s for s in suites() if s.swagger == swagger)


def lro_scenarios() -> tuple[str, ...]:
    """The coverage scenarios of lro.json: those its routes file (lros.js) counts."""
    return route_scenarios("legacy/routes/lros.js")


@dataclass(frozen=True)
class Coverage:
    """What the server counted for one suite's scenarios: hits per scenario, and the names
    the server's report does not list at all (a stale suite list, never silently dropped).
    """

    suite: str
    hits: dict[str, int]
    unknown: tuple[str, ...]

    @property
    def hit(self) -> int:
        return sum(1 for count in self.hits.values() if count)

    @property
    def total(self) -> int:
        return len(self.hits) + len(self.unknown)

    @property
    def missed(self) -> list[str]:
        return sorted(name for name, count in self.hits.items() if not count)

    def line(self) -> str:
        text = f"{self.suite}: {self.hit}/{self.total}"
        if self.missed:
            text += f"; not hit: {', '.join(self.missed)}"
        if self.unknown:
            text += f"; not in the server's report: {', '.join(self.unknown)}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "hit": self.hit,
            "total": self.total,
            "scenarios": dict(sorted(self.hits.items())),
            "unknown": list(self.unknown),
        }


def coverage(server: TestServer, of: Suite) -> Coverage:
    """The server's own count for the suite's scenarios, from every category it keeps."""
    report: dict[str, int] = {}
    for category in ("vanilla", "azure", "optional"):
        report |= server.report(category)
    return Coverage(
        suite=of.swagger,
        hits={name: report[name] for name in of.scenarios if name in report},
        unknown=tuple(name for name in of.scenarios if name not in report),
    )


# --- what every suite's tests share ---------------------------------------------------------


REQUEST_ID = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"
"""The x-ms-client-request-id the test server's request-id scenarios require."""
PLAIN_HTTP = {"enforce_https": False}
"""Per-call option: the test server speaks plain http, where the bearer policy refuses."""


class Credential:
    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken("testserver-token", int(time.time()) + 3600)


class AsyncCredential:
    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken("testserver-token", int(time.time()) + 3600)

    async def close(self) -> None:
        pass


@contextlib.asynccontextmanager
async def cookie_transport() -> AsyncIterator[AioHttpTransport]:
    """An async transport that keeps the server's scenario cookie (azure-core's own aiohttp
    session drops every cookie, and aiohttp's default jar those of an IP address)."""
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session:
        yield AioHttpTransport(session=session, session_owner=False)


RESULT_DEADLINE = 30.0
"""Seconds an async call may take before the test says it is stuck (it takes milliseconds)."""


@dataclass(frozen=True)
class Call:
    """One call of a generated method, found by operationId: its arguments, and those of the
    client (positional after the credential, and keywords)."""

    operation_id: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    client_args: tuple[Any, ...] = ()
    client_kwargs: dict[str, Any] = field(default_factory=dict)


def grouped(generated: Generated, call: Call) -> dict[str, Any]:
    """The call's keywords with the members of each parameter group (x-ms-parameter-grouping)
    passed as that group's object, as AutoRest's tests pass them; scenarios name members.
    """
    operation = next(
        op for op in generated.api.operations if op.operation_id == call.operation_id
    )
    kwargs = dict(call.kwargs)
    for group in operation.group_arguments:
        fields = {
            field: kwargs.pop(member)
            for field, member in group.members
            if member in kwargs
        }
        if fields or group.required:
            kwargs[group.argument] = getattr(generated.client, group.class_name)(
                **fields
            )
    return kwargs


def call_sync(generated: Generated, server: TestServer, call: Call) -> Any:
    """What the call gives once settled (a poller's result, a pager's every item as a list),
    or the exception it raised."""
    client_class = getattr(generated.client, generated.api.client_name)
    with client_class(
        Credential(), *call.client_args, endpoint=server.url, **call.client_kwargs
    ) as client:
        method = generated.bound(client, call.operation_id)
        try:
            kwargs = grouped(generated, call)
            result = method(*call.args, **PLAIN_HTTP, **kwargs)
            if isinstance(result, LROPoller):
                result = result.result()
            return list(result) if isinstance(result, ItemPaged) else result
        except Exception as error:
            return error


def call_async(generated: Generated, server: TestServer, call: Call) -> Any:
    """call_sync through the async client, whose transport keeps the scenario cookie."""

    async def settle(result: Any) -> Any:
        if inspect.isawaitable(result):
            result = await result
        if isinstance(result, AsyncLROPoller):
            result = await result.result()
        if isinstance(result, AsyncItemPaged):
            return [item async for item in result]
        return result

    async def run() -> Any:
        client_class = getattr(generated.aio, generated.api.client_name)
        async with (
            cookie_transport() as transport,
            client_class(
                AsyncCredential(),
                *call.client_args,
                endpoint=server.url,
                transport=transport,
                **call.client_kwargs,
            ) as client,
        ):
            method = generated.bound(client, call.operation_id)
            try:
                return await asyncio.wait_for(
                    settle(
                        method(*call.args, **PLAIN_HTTP, **grouped(generated, call))
                    ),
                    RESULT_DEADLINE,
                )
            except asyncio.TimeoutError as error:
                raise AssertionError(f"stuck after {RESULT_DEADLINE} s") from error
            except Exception as error:
                return error

    return asyncio.run(run())


def listening_hosts(port: int) -> set[str]:
    """The local addresses on which a TCP socket listens on `port` (Linux: /proc/net)."""
    hosts: set[str] = set()
    for table in ("tcp", "tcp6"):
        path = Path("/proc/net") / table
        if not path.exists():
            continue
        for row in path.read_text(encoding="ascii").splitlines()[1:]:
            fields = row.split()
            address, _, hex_port = fields[1].partition(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                hosts.add(_address(address))
    return hosts


def _address(hex_address: str) -> str:
    if len(hex_address) == 8:  # IPv4, little-endian
        return ".".join(str(int(hex_address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    words = [hex_address[i : i + 8] for i in range(0, 32, 8)]
    data = b"".join(bytes.fromhex(word)[::-1] for word in words)
    return str(ipaddress.IPv6Address(data))
