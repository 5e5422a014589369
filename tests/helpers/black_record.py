"""Builds generator/black_record.py: the pieces of fixed code black leaves as they are.

    .venv/bin/python -m tests.helpers.black_record

A piece is recorded when it is rendered for at least two of RECORD_SPECS (code every package
of that kind shares, not one spec's) and black, run here, leaves it as it is up to blank lines
at its ends. tests/unit/test_black_record.py rebuilds the record and compares.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator.format import black_mode, record_key, split_top_level
from generator.pipeline import load_api
from generator.render import render_package
from tests.helpers import REPO_ROOT, SPEC_FILE, UPSTREAM_STABLE
from tests.helpers.testserver import SWAGGER

RECORD_SPECS = (
    SPEC_FILE,
    UPSTREAM_STABLE / "2024-07-01" / "computeRPCommon.json",
    SWAGGER / "lro.json",
    SWAGGER / "paging.json",
    SWAGGER / "body-array.json",
    SWAGGER / "xml-service.json",
)
"""Specs of every kind of package: with and without long-running operations, an error
envelope, paging, XML."""
RECORD_FILE = REPO_ROOT / "generator" / "black_record.py"


def shared_pieces(specs: tuple[Path, ...] = RECORD_SPECS) -> list[str]:
    """The pieces of Python rendered for at least two of `specs`."""
    counts: Counter[str] = Counter()
    for spec in specs:
        rendered = render_package(load_api(spec), "pkg")
        counts.update(
            {
                piece
                for path, text in rendered.items()
                if path.suffix == ".py"
                for piece in split_top_level(text)
            }
        )
    return sorted(piece for piece, count in counts.items() if count >= 2)


def unchanged_by_black(pieces: list[str]) -> tuple[str, frozenset[str]]:
    """The installed black's version, and the keys of the pieces it leaves as they are."""
    import black

    unchanged = {
        record_key(black.__version__, piece)
        for piece in pieces
        if black.format_str(piece, mode=black_mode()).strip("\n") == piece.strip("\n")
    }
    return black.__version__, frozenset(unchanged)


def record_text(version: str, keys: frozenset[str]) -> str:
    lines = "".join(f'        "{key}",\n' for key in sorted(keys))
    return (
        RECORD_DOC
        + f"\nBLACK_VERSION = {version!r}\n".replace("'", '"')
        + "UNCHANGED: frozenset[str] = frozenset(\n    {\n"
        + lines
        + "    }\n)\n"
    )


RECORD_DOC = '''"""Written by `python -m tests.helpers.black_record`; do not edit.

The pieces of generated code (see generator/format.py) that this black leaves as they are, up
to blank lines at their ends, each named by `record_key`: the fixed code every package shares.
tests/unit/test_black_record.py checks that the record is current.
"""
'''


def main() -> None:
    version, keys = unchanged_by_black(shared_pieces())
    RECORD_FILE.write_text(record_text(version, keys), encoding="utf-8")
    print(f"{RECORD_FILE.relative_to(REPO_ROOT)}: {len(keys)} pieces, black {version}")


if __name__ == "__main__":
    main()
