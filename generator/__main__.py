"""`python -m generator` and the `armgen` console script.

Importing the command line needs the generator's dependencies; run from a Python that lacks
them (outside its virtual environment, say), the user gets one line saying so, not a traceback.
"""

from __future__ import annotations

import sys

from generator.errors import missing_dependency


def run() -> int:
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
