"""The peers (openapi-python-client, azure-mgmt-compute) in pinned virtual environments."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from settings import ROOT, VENVS

# --------------------------------------------------------------------------------------------
# Peers in their own virtual environments


def ensure_venv(name: str, pins: Sequence[str]) -> tuple[Path | None, str]:
    """bench/.venvs/<name> with exactly `pins` installed; (python, "") or (None, why not)."""
    venv = VENVS / name
    python = venv / "bin" / "python"
    stamp = venv / "bench-pins.txt"
    wanted = "\n".join(pins) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python, ""
    print(
        f"installing {' '.join(pins)} into {venv.relative_to(ROOT)} ...",
        file=sys.stderr,
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                *pins,
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = ""
        if isinstance(exc, subprocess.CalledProcessError):
            lines = [
                line
                for line in (exc.stderr or b"").decode(errors="replace").splitlines()
                if line.strip() and "is ignored" not in line
            ]
            detail = lines[-1] if lines else ""
        return None, f"cannot install {' '.join(pins)}: {detail or exc}"[:200]
    stamp.write_text(wanted)
    return python, ""


def versions(python: Path | str, names: Sequence[str]) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return None\n"
        "print(json.dumps({'python': sys.version.split()[0], "
        f"**{{n: v(n) for n in {list(names)!r}}}}}))"
    )
    result = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode:
        return {}
    found: dict[str, str] = json.loads(result.stdout)
    return {key: value for key, value in found.items() if value}
