"""Developer sessions. `nox` runs tests, lint and typecheck; generate and check on demand.

Dependency lists live in pyproject.toml only; these sessions install the project's extras.
`nox --no-venv -s lint typecheck` runs them in the current environment instead (CI does, from
the virtual environment it has just installed).
"""

from __future__ import annotations

import nox
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


def _install(session: nox.Session, target: str) -> None:
    """The project, editable, into the session's own environment; nothing with --no-venv."""
    if not isinstance(session.virtualenv, PassthroughEnv):
        session.install("-e", target)
