"""The validation worker is a fresh interpreter, not a multiprocessing child: a script that
calls the generator without an `if __name__ == "__main__"` guard runs once, and works.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO_ROOT, SPEC_FILE


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    runs = tmp_path / "runs.txt"
    script.write_text(
        "from pathlib import Path\n"
        "from generator.pipeline import GenerateOptions, generate_files\n"
        f"with open({str(runs)!r}, 'a', encoding='utf-8') as log:\n"
        "    log.write('run\\n')\n"
        f"tree = generate_files(GenerateOptions(spec=Path({str(SPEC_FILE)!r})))\n"
        "print(len(tree.files))\n",
        encoding="utf-8",
    )
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("ARMGEN_")
    }
    environment["ARMGEN_CACHE_DIR"] = str(tmp_path / "cache")
    environment["PYTHONPATH"] = str(REPO_ROOT)
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert int(result.stdout) > 10
    assert runs.read_text(encoding="utf-8") == "run\n"
    assert len(list((tmp_path / "cache" / "validated").iterdir())) == 1


def test_an_early_worker_takes_the_first_spec() -> None:
    """`start_early` (the CLI's first step for generate, check and diff) starts a worker
    before any spec is loaded; the first spec goes to it, and its verdict is the one a
    worker started then would give."""
    from generator import validate_worker
    from generator.load import load_spec

    spec = load_spec(SPEC_FILE)
    validate_worker.start_early(1)
    try:
        early = validate_worker._EARLY[0]
        worker = validate_worker.ValidatorProcess.start(spec.root_file, spec.documents)
        assert worker is not None and worker._process is early
        assert not validate_worker._EARLY
        assert worker.verdict() is None
        worker.stop()
    finally:
        validate_worker.discard_early()


def test_an_early_worker_no_spec_needs_is_ended() -> None:
    from generator import validate_worker

    validate_worker.start_early(1)
    process = validate_worker._EARLY[0]
    validate_worker.discard_early()
    assert process.poll() is not None
    assert not validate_worker._EARLY
