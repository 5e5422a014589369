"""The local TLS server for the call benchmark (127.0.0.1 only) and its throwaway certificate."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections import Counter
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------
# The local server for the call benchmark


class BenchServer(ThreadingHTTPServer):
    """Answers POST .../deallocate with 202 + Location + Retry-After: 0 and GET of that Location
    with 200. Serves at most `budget` requests and shuts itself down after `deadline` seconds.
    """

    daemon_threads = True

    def __init__(
        self, budget: int, deadline: float, tls: tuple[Path, Path] | None
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.counts: Counter[str] = Counter()
        self.remaining = budget
        self.lock = threading.Lock()
        scheme = "https" if tls else "http"
        self.base_url = f"{scheme}://127.0.0.1:{self.server_address[1]}"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.watchdog = threading.Timer(deadline, self.shutdown)
        self.watchdog.daemon = True
        self.thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> BenchServer:
        self.watchdog.start()
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.watchdog.cancel()
        self.shutdown()
        self.server_close()

    def take(self, tag: str) -> bool:
        with self.lock:
            if self.remaining <= 0:
                return False
            self.remaining -= 1
            self.counts[tag] += 1
            return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: BenchServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, headers: Sequence[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        parts = self.path.split("?")[0].split("/")
        tag = parts[4] if len(parts) > 4 and parts[3] == "resourceGroups" else "other"
        if not self.server.take(tag) or parts[-1] != "deallocate":
            self.close_connection = True
            self._answer(503 if self.server.remaining <= 0 else 404)
            return
        location = f"{self.server.base_url}/bench-operations/{tag}"
        self._answer(202, [("Location", location), ("Retry-After", "0")])

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].split("/")
        tag = parts[2] if len(parts) > 2 and parts[1] == "bench-operations" else "other"
        if not self.server.take(tag) or tag == "other":
            self.close_connection = True
            self._answer(503 if self.server.remaining <= 0 else 404)
            return
        self._answer(200)


def throwaway_certificate(directory: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1, made now with the openssl CLI; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "cert.pem", directory / "key.pem"
    result = subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        capture_output=True,
        check=False,
    )
    return (cert, key) if result.returncode == 0 else None
