"""The AutoRest test server (npm `@microsoft.azure/autorest.testserver`) for tests/testserver.

The README's test command (and so .ci/run) installs the version pinned in
tests/testserver/node/package-lock.json there, with `npm ci --prefix tests/testserver/node`
(node_modules/ is git-ignored). `TestServer` runs its CLI on a free port of 127.0.0.1 only: the
preload tests/testserver/node/loopback.js makes the server's listen() bind the loopback address,
where the unpatched CLI listens on every interface. Scenario state (retries, multi-step
operations) lives in a `scenario` cookie, which each client must carry from call to call.
"""

from __future__ import annotations

import contextlib
import importlib
import ipaddress
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from generator.model import Api
from generator.pipeline import GenerateOptions, generate_files, load_api
from generator.write import write_tree
from tests.helpers import TESTS

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
    tree = generate_files(GenerateOptions(spec=spec, package_name=package), out)
    write_tree(tree.files, tree.root)
    sys.path.insert(0, str(out))
    try:
        yield Generated(
            api=load_api(spec),
            client=importlib.import_module(package),
            aio=importlib.import_module(f"{package}.aio"),
        )
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.partition(".")[0] == package]:
            del sys.modules[name]


def lro_scenarios() -> list[str]:
    """The coverage scenarios of lro.json: those its routes file (lros.js) counts."""
    text = LROS_ROUTES.read_text(encoding="utf-8")
    return sorted(set(re.findall(r'overage\["(\w+)"\]', text)))


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
