"""The generated client's side of a diff: both clients rendered in memory, diffed by file."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import PurePosixPath

from generator.cache import CacheSettings
from generator.diff.changes import CodeDiff
from generator.errors import GeneratorError, one_line
from generator.format import format_files
from generator.model import Api
from generator.render import render_package


def code_diff(
    old: Api, new: Api, package_name: str, cache: CacheSettings | None = None
) -> CodeDiff:
    """Unified diff of both generated clients, rendered and formatted in memory.

    Both are rendered with NEW's spec source, so the header lines naming the spec path and
    its sha256 never differ: only what the spec's content changes shows. Only the files whose
    rendered text differs are formatted, both sides in one call, so that a class the two
    share is formatted once (black is most of the cost).
    """
    try:
        old_rendered = render_package(
            replace(old, source=new.source), package_name, cache
        )
        new_rendered = render_package(new, package_name, cache)
        changed = {
            path
            for path in old_rendered.keys() | new_rendered.keys()
            if old_rendered.get(path) != new_rendered.get(path)
        }
        formatted = format_files(
            {
                PurePosixPath(side, path): text
                for side, rendered in (("old", old_rendered), ("new", new_rendered))
                for path, text in rendered.items()
                if path in changed
            },
            cache,
        )
    except GeneratorError as exc:
        return CodeDiff(error=one_line(str(exc)))
    old_files = {
        path: formatted[PurePosixPath("old", path)]
        for path in changed
        if path in old_rendered
    }
    new_files = {
        path: formatted[PurePosixPath("new", path)]
        for path in changed
        if path in new_rendered
    }
    files: list[tuple[str, str]] = []
    chunks: list[str] = []
    for path in sorted(old_files.keys() | new_files.keys()):
        before, after = old_files.get(path), new_files.get(path)
        if before == after:
            continue
        name = path.as_posix()
        files.append(
            (
                name,
                (
                    "added"
                    if before is None
                    else "removed" if after is None else "changed"
                ),
            )
        )
        chunks.extend(
            difflib.unified_diff(
                (before or "").splitlines(keepends=True),
                (after or "").splitlines(keepends=True),
                fromfile="/dev/null" if before is None else f"a/{name}",
                tofile="/dev/null" if after is None else f"b/{name}",
            )
        )
    return CodeDiff(files=tuple(files), text="".join(chunks))
