"""Developer sessions. `nox` runs tests, lint and typecheck; generate and check on demand.

Dependency lists live in pyproject.toml only; these sessions install the project's extras.
`nox --no-venv -s lint typecheck` runs them in the current environment instead (CI does, from
the virtual environment it has just installed).
"""

from __future__ import annotations

import re
from pathlib import Path

import nox
import tomllib
from nox.virtualenv import PassthroughEnv

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = "3.11"


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite, generated-client cassettes included."""
    _install(session, ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff and black --check over the generator, the tests and the generated package."""
    _install(session, ".[test]")
    session.run(
        "ruff", "check", "generator", "tests", "generated", "bench", "noxfile.py"
    )
    session.run(
        "black", "--check", "generator", "tests", "generated", "bench", "noxfile.py"
    )


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict on generator/ and generated/."""
    _install(session, ".[test]")
    session.run("mypy", "--strict", "generator", "generated")


@nox.session(python=PYTHON, default=False)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from spec/."""
    _install(session, ".")
    session.run("python", "-m", "generator", "generate", *session.posargs)


@nox.session(python=PYTHON, default=False)
def check(session: nox.Session) -> None:
    """Fail when generated/ is not what spec/ produces."""
    _install(session, ".")
    session.run("python", "-m", "generator", "check", *session.posargs)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Generation, import, call and diff cost beside the peers (bench/run.py; not a test)."""
    _install(session, ".[test]")
    session.run("python", "bench/run.py", *session.posargs)


def _client_floors() -> list[str]:
    """The `client` extra of pyproject.toml with each lower bound pinned: azure-core>=1.38,<2
    becomes azure-core==1.38 (the generated pyproject.toml states the same: RUNTIME_FLOORS).
    """
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    return [
        re.sub(r">=([^,]+).*", r"==\1", requirement)
        for requirement in project["project"]["optional-dependencies"]["client"]
    ]


@nox.session(python=PYTHON, default=False)
@nox.parametrize("azure", ["minimum", "latest"])
def client_deps(session: nox.Session, azure: str) -> None:
    """tests/client on the lowest azure-core and azure-mgmt-core the generated client allows,
    and on the newest: the client relies on one private azure-core field (see SECURITY.md).
    """
    session.install("-e", ".[test]")
    if azure == "minimum":
        session.install(*_client_floors())
    else:
        session.install("--upgrade", "azure-core", "azure-mgmt-core")
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run("pytest", "-p", "no:cacheprovider", "tests/client", *session.posargs)


def _install(session: nox.Session, target: str) -> None:
    """The project, editable, into the session's own environment; nothing with --no-venv."""
    if not isinstance(session.virtualenv, PassthroughEnv):
        session.install("-e", target)
