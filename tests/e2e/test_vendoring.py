"""Service teams vendor the client: relocated under another name, installed, resumed elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.write import read_tree
from tests.helpers import CASSETTES, GENERATED, REPO_ROOT, SUBSCRIPTION

PACKAGE = GENERATED / "vmss_deallocate"


def run_python(code: str, *, cwd: Path, python: str = sys.executable) -> str:
    """Run `code` in a fresh interpreter (no state shared with the test process)."""
    result = subprocess.run(
        [python, "-c", textwrap.dedent(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_copy_under_another_dotted_name_works_in_a_fresh_interpreter(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    vendored = project / "myservice" / "_vendor" / "vmss"
    shutil.copytree(PACKAGE, vendored, ignore=shutil.ignore_patterns("__pycache__"))
    for package in (project / "myservice", project / "myservice" / "_vendor"):
        (package / "__init__.py").write_text("", encoding="utf-8")
    output = run_python(
        f"""
        import json, sys, time
        import vcr
        from azure.core.credentials import AccessToken
        from myservice._vendor.vmss import ALL_INSTANCES, ComputeManagementClient
        from myservice._vendor.vmss.aio import ComputeManagementClient as AsyncClient
        assert "vmss_deallocate" not in sys.modules

        class Credential:
            def get_token(self, *scopes, **kwargs):
                return AccessToken("token", int(time.time()) + 3600)

        time.sleep = lambda seconds: None
        sent = []
        with vcr.use_cassette(
            {str(CASSETTES / "deallocate_202_location.yaml")!r},
            record_mode="none",
            match_on=["method", "uri", "body"],
            allow_playback_repeats=False,
        ) as cassette:
            with ComputeManagementClient(
                Credential(), {SUBSCRIPTION!r}, raw_request_hook=lambda r: sent.append(r)
            ) as client:
                scale_sets = client.virtual_machine_scale_sets
                name = "vmss-frontend"
                poller = scale_sets.begin_deallocate("rg-web", name, ALL_INSTANCES)
                result = poller.result()
            assert cassette.all_played
        print(json.dumps({{"result": result, "methods": [r.http_request.method for r in sent]}}))
        """,
        cwd=project,
    )
    assert json.loads(output) == {"result": None, "methods": ["POST", "GET", "GET"]}


def normalized(requirement: str) -> str:
    """`name>=1,<2` and `name<2,>=1` alike (build backends write either)."""
    name = requirement.split("<")[0].split(">")[0].split("=")[0].strip()
    clauses = requirement[len(name) :].replace(" ", "").split(",")
    return name + ",".join(sorted(clauses))


def test_pip_install_gives_a_working_distribution_with_runtime_dependencies_only(
    tmp_path: Path,
) -> None:
    source = tmp_path / "generated"
    shutil.copytree(GENERATED, source, ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    output = run_python(
        """
        import importlib.metadata as metadata, json
        import vmss_deallocate, vmss_deallocate.aio
        requires = metadata.requires("vmss-deallocate")
        installed = sorted(d.metadata["Name"].lower() for d in metadata.distributions())
        print(json.dumps({"version": vmss_deallocate.__version__, "requires": requires,
                          "installed": installed, "typed": vmss_deallocate.__file__}))
        """,
        cwd=tmp_path,
        python=python,
    )
    facts = json.loads(output)
    assert facts["version"] == "0.1.0"
    assert sorted(normalized(r) for r in facts["requires"] if "extra" not in r) == [
        "azure-core<2,>=1.38",
        "azure-mgmt-core<2,>=1.4",
    ]
    assert any("aiohttp" in r and 'extra == "aio"' in r for r in facts["requires"])
    assert "site-packages" in facts["typed"]
    assert (Path(facts["typed"]).parent / "py.typed").is_file()
    for tool in ("black", "jinja2", "vcrpy", "openapi-spec-validator", "armgen"):
        assert tool not in facts["installed"]


class _Operation:
    """A local ARM double: POST -> 202 + Location; polls say "wait an hour" until `done`."""

    def __init__(self) -> None:
        self.posts = 0
        self.polls = 0
        self.done = False
        self.lock = threading.Lock()


@pytest.fixture
def local_arm() -> Iterator[tuple[str, _Operation]]:
    state = _Operation()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            with state.lock:
                state.posts += 1
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(202)
            self.send_header(
                "Location", f"http://127.0.0.1:{self.server.server_port}/op"
            )
            self.send_header("Retry-After", "3600")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            with state.lock:
                state.polls += 1
                done = state.done
            self.send_response(200 if done else 202)
            if not done:
                self.send_header("Retry-After", "3600")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", state
    finally:
        server.shutdown()
        server.server_close()


RESUME_PRELUDE = """
import sys, time
from azure.core.credentials import AccessToken
from vmss_deallocate import ComputeManagementClient

class Credential:
    def get_token(self, *scopes, **kwargs):
        return AccessToken("token", int(time.time()) + 3600)

client = ComputeManagementClient(Credential(), "sub", endpoint=sys.argv[1], retry_total=0)
"""


def test_a_continuation_token_resumes_in_another_process_without_posting_again(
    local_arm: tuple[str, _Operation], tmp_path: Path
) -> None:
    endpoint, state = local_arm
    start = RESUME_PRELUDE + (
        "scale_sets = client.virtual_machine_scale_sets\n"
        "poller = scale_sets.begin_deallocate('rg', 'vmss', ['0'], enforce_https=False)\n"
        "print(poller.continuation_token())\n"
    )
    resume = RESUME_PRELUDE + (
        "token = sys.stdin.read().strip()\n"
        "scale_sets = client.virtual_machine_scale_sets\n"
        "poller = scale_sets.begin_deallocate('rg', 'vmss', ['0'], continuation_token=token,"
        " enforce_https=False, polling_interval=0)\n"
        "print(poller.result(timeout=60), poller.status())\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(GENERATED)}
    first = subprocess.run(
        [sys.executable, "-c", start, endpoint],
        capture_output=True, text=True, timeout=60, env=environment, check=True,
    )  # fmt: skip
    token = first.stdout.strip()
    assert token and state.posts == 1
    polls_before = state.polls
    state.done = True
    second = subprocess.run(
        [sys.executable, "-c", resume, endpoint],
        input=token, capture_output=True, text=True, timeout=60, env=environment, check=True,
    )  # fmt: skip
    assert second.stdout.split() == ["None", "Succeeded"]
    assert state.posts == 1
    assert state.polls > polls_before


def test_named_cloud_presets_set_url_and_scope() -> None:
    import vmss_deallocate

    assert vmss_deallocate.AZURE_PUBLIC_CLOUD == "https://management.azure.com"
    assert vmss_deallocate.AZURE_CHINA_CLOUD == "https://management.chinacloudapi.cn"
    assert vmss_deallocate.AZURE_US_GOVERNMENT == "https://management.usgovcloudapi.net"
    assert vmss_deallocate.DEFAULT_ENDPOINT == vmss_deallocate.AZURE_PUBLIC_CLOUD


def test_the_repo_root_is_where_the_tests_think() -> None:
    assert (REPO_ROOT / "generated" / "pyproject.toml").is_file()


def test_building_the_generated_package_leaves_its_folder_as_it_was(
    tmp_path: Path,
) -> None:
    """`pip install ./generated` must not leave build/ or *.egg-info behind (a second copy
    of the package that `mypy generated` then trips over): the wheel carries every module,
    py.typed and the README, and the folder is byte for byte what it was."""
    import zipfile

    copy = tmp_path / "generated"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = read_tree(copy)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path / "dist"), str(copy)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert read_tree(copy) == before
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        path.relative_to(copy).as_posix()
        for path in (copy / "vmss_deallocate").rglob("*")
        if path.is_file()
    }
    assert shipped <= names
    assert {"vmss_deallocate/py.typed", "vmss_deallocate/README.md"} <= names
