"""Output folders the generator refuses before it reads or writes anything there.

An empty `--out` (an unset variable, most likely; argparse would read it as `.`), a filesystem
root, a file, and a folder that holds the generator's own inputs (the spec, the project file):
ownership would keep their files safe, but such an `--out` is a mistake, not a wish.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.errors import OutputError, display_path

EMPTY_OUT = (
    "--out is empty: name the output folder (`--out .` for the current one);"
    " nothing was written"
)


def out_folder(text: str) -> Path:
    """`--out` as given on the command line, refused when empty."""
    if not text:
        raise OutputError(EMPTY_OUT)
    return Path(text)


def refuse_unsafe_output(
    out: Path, root: Path, inputs: Iterable[tuple[str, Path | None]]
) -> None:
    """Refuse, with one line, an output root the generator must not own.

    `out` is the folder given, `root` the one the generator owns in it (the same for a
    top-level package); `inputs` are (what, path) of the files the generation reads.
    """
    for folder in (out, root):
        real = Path(os.path.realpath(folder))
        if real.parent == real:
            raise OutputError(
                f"--out {display_path(folder)}: a filesystem root is no output folder;"
                " nothing was written"
            )
    if root.exists() and not root.is_dir():
        raise OutputError(
            f"{display_path(root)} is a file, not a folder; nothing was written"
        )
    owned = {Path(os.path.abspath(root)), Path(os.path.realpath(root))}
    for what, path in inputs:
        if path is None:
            continue
        for location in {Path(os.path.abspath(path)), Path(os.path.realpath(path))}:
            if any(
                folder == location or folder in location.parents for folder in owned
            ):
                raise OutputError(
                    f"--out {display_path(out)}: the folder armgen would own,"
                    f" {display_path(root)}, holds the {what} {display_path(path)}; the"
                    " output needs a folder of its own, nothing was written"
                )
