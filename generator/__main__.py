"""`python -m generator` and the `armgen` console script.

Importing the command line needs the generator's dependencies; run from a Python that lacks
them (outside its virtual environment, say), the user gets one line saying so, not a traceback.
"""

from __future__ import annotations

import sys

from generator.errors import missing_dependency

EARLY_WORKERS = {"generate": 1, "check": 1, "diff": 1}
"""The commands that validate in a worker process (generator/validate.py): one is started
first, to import the validator meanwhile (diff's second side starts its own once loaded: a
third process at start-up only competes with the other two for two cores)."""


def run() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in EARLY_WORKERS and "openapi_spec_validator" not in sys.modules:
        from generator.validate_worker import start_early

        start_early(EARLY_WORKERS[command])
    try:
        from generator.cli import main
    except ModuleNotFoundError as error:
        message = missing_dependency(error)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 2
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
