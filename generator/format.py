"""Stage 5, format: black every Python file in memory, with a pinned mode, then compile it.

The mode is fixed here and never read from a user's pyproject, so the same spec gives the same
bytes on every machine (with black pinned to one version in pyproject.toml).

black dominates the cost of a big client (models.py of a 56-operation file is ~11k lines), so
each file is formatted in pieces: its head (docstring, imports) and each top-level class with
what follows it. black lays out a top-level class with two blank lines before it whatever came
earlier, so formatting the pieces alone and joining them with two blank lines gives black's own
output for the whole file, to the byte (tests/unit/test_format.py compares the two over
generated packages). The pieces then make the cache finer: black is a pure function of (its
version, the mode, the text), so each formatted piece is kept under a key of all three, and an
api-version bump reformats only the classes that changed. Pieces not in the cache are
formatted on every core when there are enough of them to pay for starting the workers.

Most pieces need no black at all: the render stage writes black's layout, and a piece that
generator/black_layout.py can vouch for (or that the black record lists) is taken as it is.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import itertools
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib.util import find_spec
from multiprocessing import get_context
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator import cache as result_cache
from generator.black_layout import black_stable
from generator.black_record import BLACK_VERSION, UNCHANGED
from generator.errors import OutputError

if TYPE_CHECKING:
    import black

MODE_SETTINGS = (
    "target=py310 line-length=88 string-normalization magic-trailing-comma stable"
)
"""What `black_mode()` sets, spelled out for the cache key."""
PARALLEL_MIN_LINES = 4000
"""Lines left to format below which one process is faster than starting workers (each
worker starts an interpreter and imports black: ~0.3 s)."""
JOBS_ENV = "ARMGEN_JOBS"
"""How many processes may format at once (default: the usable cores; 1 turns workers off)."""


def black_mode() -> black.Mode:
    import black
    from black.mode import TargetVersion

    return black.Mode(
        target_versions={TargetVersion.PY310},
        line_length=88,
        string_normalization=True,
        magic_trailing_comma=True,
        preview=False,
    )


@dataclass(frozen=True)
class _Piece:
    path: PurePosixPath
    """The file it comes from, for error messages."""
    text: str


def format_files(
    files: Mapping[PurePosixPath, str], cache: result_cache.CacheSettings | None = None
) -> dict[PurePosixPath, str]:
    """Formatted copies of `files`: Python is blacked and compiled, all end in one newline.
    `cache` defaults to the environment's settings."""
    cache = cache or result_cache.CacheSettings.from_environment()
    identity = result_cache.package_fingerprint("black")
    keys: dict[PurePosixPath, list[str]] = {}
    unique: dict[str, _Piece] = {}
    for path, text in sorted(files.items()):
        if path.suffix == ".py":
            for piece in split_top_level(text):
                key = _piece_key(identity, piece)
                keys.setdefault(path, []).append(key)
                unique.setdefault(key, _Piece(path, piece))
    done = _recorded(unique)
    for key in unique:
        cached = None
        if identity and key not in done:
            cached = result_cache.read("black", key, cache)
        if cached is not None:
            done[key] = cached.decode("utf-8")
    pending = {key: piece for key, piece in unique.items() if key not in done}
    vouched = _vouched_for(pending)
    pending = {key: piece for key, piece in pending.items() if key not in vouched}
    formatted = zip(pending, _black_pieces(list(pending.values())), strict=True)
    for key, text in [*vouched.items(), *formatted]:
        done[key] = text
        if identity:
            result_cache.write("black", key, text.encode("utf-8"), cache)
    result = {}
    for path, text in sorted(files.items()):
        if path.suffix != ".py":
            result[path] = text.rstrip("\n") + "\n"
            continue
        result[path] = join_top_level([done[key] for key in keys[path]])
        _check_compiles(path, result[path])
    return result


def _recorded(unique: Mapping[str, _Piece]) -> dict[str, str]:
    """The fixed pieces the committed record (generator/black_record.py) lists as black's
    own layout, named by the hash of their text, as they are: black need not run on them.
    The record speaks for the black it was made with only."""
    if installed_black_version() != BLACK_VERSION:
        return {}
    return {
        key: piece.text
        for key, piece in unique.items()
        if record_key(BLACK_VERSION, piece.text) in UNCHANGED
    }


def _vouched_for(pending: Mapping[str, _Piece]) -> dict[str, str]:
    """The pieces whose layout `black_stable` vouches for (generator/black_layout.py: the
    render stage writes black's layout, and what a spec's names could still change it
    checks), as they are. Its rules are the pinned black's: with any other, none."""
    if installed_black_version() != BLACK_VERSION:
        return {}
    return {
        key: piece.text for key, piece in pending.items() if black_stable(piece.text)
    }


def record_key(version: str, text: str) -> str:
    """A piece's name in the record: the black version, the mode and the text."""
    digest = hashlib.sha256(f"black {version}\0{MODE_SETTINGS}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.cache
def installed_black_version() -> str | None:
    """The installed black's version, from its distribution's folder beside the package
    (importing black, or importlib.metadata, costs more than the record saves on a small
    client); None when that is not one clear answer."""
    try:
        found = find_spec("black")
    except (ImportError, ValueError):
        return None
    if found is None or found.origin is None:
        return None
    site = Path(found.origin).parent.parent
    names = [path.name for path in site.glob("black-*.dist-info")]
    if len(names) != 1:
        return None
    return names[0].removeprefix("black-").removesuffix(".dist-info")


def split_top_level(text: str) -> list[str]:
    """The file's header comment, the rest of its head (docstring, imports), then each
    top-level class (with its decorators, not under a comment) with the statements up to the
    next one: pieces black formats alike alone or together. The header (which names the spec) is its
    own piece so that the rest of a fixed module's head is the same text for every spec.
    """
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return [text]  # black and compile() say what is wrong, for the whole file
    lines = text.splitlines(keepends=True)
    starts = []
    for node in tree.body[1:]:
        if not isinstance(node, ast.ClassDef):
            continue
        start = (node.decorator_list[0] if node.decorator_list else node).lineno - 1
        above = start - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        if above >= 0 and not lines[above].lstrip().startswith(("#", "@")):
            starts.append(start)
    header = _header_length(lines, tree)
    bounds = [0, *([header] if header else []), *starts, len(lines)]
    return ["".join(lines[a:b]) for a, b in itertools.pairwise(bounds)]


def _header_length(lines: Sequence[str], tree: ast.Module) -> int:
    """How many comment lines open the file, when a module docstring or an import follows
    them directly (black keeps those lines as they are, with no blank line added); else 0.
    """
    count = 0
    while count < len(lines) and lines[count].startswith("#"):
        count += 1
    first = tree.body[0] if tree.body else None
    opens = isinstance(first, ast.Import | ast.ImportFrom) or (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    return count if count and opens and first and first.lineno == count + 1 else 0


def join_top_level(parts: Sequence[str]) -> str:
    """Formatted pieces as one file: the header comment directly above what follows it, two
    blank lines before each top-level class."""
    kept = [part.strip("\n") for part in parts]
    if len(kept) > 1 and _is_comment_block(kept[0]):
        kept[:2] = [f"{kept[0]}\n{kept[1]}"]
    return "\n\n\n".join(part for part in kept if part) + "\n"


def _is_comment_block(text: str) -> bool:
    return bool(text) and all(line.startswith("#") for line in text.split("\n"))


def _black_pieces(pieces: Sequence[_Piece]) -> list[str]:
    texts = [piece.text for piece in pieces]
    outcomes: list[tuple[bool, str]] | None = None
    jobs = _jobs()
    if jobs > 1 and sum(text.count("\n") for text in texts) >= PARALLEL_MIN_LINES:
        outcomes = _black_in_workers(texts, jobs)
    if outcomes is None:
        outcomes = [black_or_reason(text) for text in texts]
    formatted = []
    for piece, (ok, text) in zip(pieces, outcomes, strict=True):
        if not ok:
            raise OutputError(
                f"{piece.path}: generated code does not format: {text}"
            ) from None
        formatted.append(text)
    return formatted


def _black_in_workers(texts: list[str], jobs: int) -> list[tuple[bool, str]] | None:
    """The pieces formatted by `jobs` worker processes, biggest first; None when workers
    cannot be started here (the caller then formats them itself)."""
    order = sorted(range(len(texts)), key=lambda index: -len(texts[index]))
    try:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(texts)), mp_context=get_context("spawn")
        ) as pool:
            done = list(pool.map(black_or_reason, [texts[i] for i in order]))
    except (OSError, BrokenProcessPool, NotImplementedError):
        return None
    outcomes: list[tuple[bool, str]] = [(False, "")] * len(texts)
    for index, outcome in zip(order, done, strict=True):
        outcomes[index] = outcome
    return outcomes


def black_or_reason(text: str) -> tuple[bool, str]:
    """(True, formatted text), or (False, the first line of black's complaint)."""
    import black

    try:
        return True, black.format_str(text, mode=black_mode())
    except Exception as exc:  # black reports invalid code with several exception types
        return False, (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _jobs() -> int:
    configured = os.environ.get(JOBS_ENV, "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _check_compiles(path: PurePosixPath, text: str) -> None:
    try:
        compile(text, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise OutputError(
            f"{path}:{exc.lineno}: generated code does not compile: {exc.msg}"
        ) from None


def _piece_key(identity: str | None, text: str) -> str:
    """The piece's cache key: black's installed version, the mode and the text. Without a
    black to name, the text alone (kept in memory only: nothing is cached)."""
    digest = hashlib.sha256(f"{identity}\0{MODE_SETTINGS}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


__all__ = [
    "JOBS_ENV",
    "MODE_SETTINGS",
    "black_mode",
    "format_files",
    "installed_black_version",
    "join_top_level",
    "record_key",
    "split_top_level",
]
