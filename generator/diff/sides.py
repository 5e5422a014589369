"""Loading both sides of a diff: spec files and `git:REV:path` revisions, with errors labelled
as the user named the spec.
"""

from __future__ import annotations

import contextlib
import posixpath
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeAlias

from generator.cache import CacheSettings
from generator.diff.changes import ApiDiff, Change, SpecSide
from generator.diff.code import code_diff
from generator.diff.compare import compare_apis
from generator.diff.defined import Defined
from generator.errors import (
    GeneratorError,
    SpecError,
    UnknownOperationError,
    display_path,
    one_line,
)
from generator.hints import BUILTIN_ONLY, Hints
from generator.load import load_spec, spec_tree, with_hints
from generator.model import Api, build_api
from generator.model.renames import NO_RENAMES, Renames
from generator.pipeline import GenerateOptions, open_spec
from generator.validate import validating_alongside

_Labeler: TypeAlias = Callable[[Path], str]


GIT_PREFIX = "git:"


@dataclass(frozen=True)
class LoadedSide:
    api: Api
    label: str
    missing: tuple[str, ...]
    """Requested operationIds this side does not have (added or removed ones)."""
    defined: Defined
    """What the side's files define, whether the selected operations reach it or not."""


def compare_sides(old: LoadedSide, new: LoadedSide) -> tuple[Change, ...]:
    return compare_apis(old.api, new.api, old.defined, new.defined)


def load_side(
    reference: str,
    operation_ids: Sequence[str] | None,
    hints: Hints = BUILTIN_ONLY,
    spec_root: Path | None = None,
    cache: CacheSettings | None = None,
    *,
    client_name: str | None = None,
    renames: Renames = NO_RENAMES,
    verdicts: contextlib.ExitStack | None = None,
) -> LoadedSide:
    """Load a spec file or `git:REV:path`, keeping only the requested operations it has.

    With `verdicts`, openapi-spec-validator runs in another process and its verdict is
    awaited when `verdicts` closes (see validating_alongside); else before the model is built.

    An operation that only one side has is what a diff must report, so a missing operationId
    is not an error here; `diff_specs` refuses one that neither side has. build_api checks
    every operationId before it builds anything, so asking it for a missing one costs only
    that check; the model itself is built once.
    """
    selected = None if operation_ids is None else list(dict.fromkeys(operation_ids))
    missing: tuple[str, ...] = ()
    with _materialized(reference, spec_root) as (path, to_label, root):
        try:
            if verdicts is None:
                spec = open_spec(path, hints, root, cache)
            else:
                spec = with_hints(load_spec(path, root), hints)
                verdicts.enter_context(
                    _labelled(validating_alongside(spec, cache), to_label)
                )
            try:
                api = build_api(
                    spec,
                    selected,
                    source_path=reference,
                    client_name=client_name,
                    renames=renames,
                )
            except UnknownOperationError as exc:
                missing = exc.operation_ids
                selected = [op_id for op_id in selected or () if op_id not in missing]
                api = build_api(
                    spec,
                    selected,
                    source_path=reference,
                    client_name=client_name,
                    renames=renames,
                )
        except SpecError as exc:
            raise GeneratorError(
                f"{to_label(exc.file)}#{exc.pointer}: {exc.reason}"
            ) from None
    return LoadedSide(
        api=api, label=reference, missing=missing, defined=Defined.in_spec(spec)
    )


def diff_specs(
    old_reference: str,
    new_reference: str,
    operation_ids: Sequence[str] | None = None,
    *,
    code_package: str | None = None,
    hints: Hints = BUILTIN_ONLY,
    spec_root: Path | None = None,
    cache: CacheSettings | None = None,
    options: GenerateOptions | None = None,
) -> ApiDiff:
    """Load both sides and compare them; with `code_package`, diff the generated clients too.

    `hints` (the built-in safety hints, and a project file's) go to both sides, as `generate`
    applies them. With `code_package`, both sides are validated in worker processes while the
    clients are rendered and formatted; without, there is too little to overlap that with.
    """
    if options is not None:  # a project file's hints, client name and renames
        hints, cache = options.hints, options.cache
    cache = cache or CacheSettings.from_environment()
    client_name = options.client_name if options else None
    renames = options.renames if options else NO_RENAMES
    with contextlib.ExitStack() as verdicts:
        old, new = (
            load_side(
                reference,
                operation_ids,
                hints,
                spec_root,
                cache,
                client_name=client_name,
                renames=renames,
                verdicts=verdicts if code_package is not None else None,
            )
            for reference in (old_reference, new_reference)
        )
        return _compared(old, new, operation_ids, code_package, cache)


def _compared(
    old: LoadedSide,
    new: LoadedSide,
    operation_ids: Sequence[str] | None,
    code_package: str | None,
    cache: CacheSettings,
) -> ApiDiff:
    old_reference, new_reference = old.label, new.label
    if unknown := [op_id for op_id in old.missing if op_id in new.missing]:
        raise GeneratorError(
            f"no operation with operationId {', '.join(map(repr, unknown))} in"
            f" {old_reference} or {new_reference}"
        )
    return ApiDiff(
        old=SpecSide(old.label, old.api.api_version),
        new=SpecSide(new.label, new.api.api_version),
        operation_ids=tuple(dict.fromkeys(operation_ids)) if operation_ids else None,
        changes=compare_sides(old, new),
        code=(
            code_diff(old.api, new.api, code_package, cache)
            if code_package is not None
            else None
        ),
    )


@contextlib.contextmanager
def _labelled(
    verdict: contextlib.AbstractContextManager[None], to_label: _Labeler
) -> Iterator[None]:
    """`verdict`'s SpecError with the file named as the user named the spec."""
    try:
        with verdict:
            yield
    except SpecError as exc:
        raise GeneratorError(
            f"{to_label(exc.file)}#{exc.pointer}: {exc.reason}"
        ) from None


@contextlib.contextmanager
def _materialized(
    reference: str, spec_root: Path | None
) -> Iterator[tuple[Path, _Labeler, Path | None]]:
    """A local path for `reference` and its spec root; a git revision is extracted into a
    temporary tree, and its spec tree lies inside that tree."""
    if not reference.startswith(GIT_PREFIX):
        yield Path(reference), _plain_label, spec_root
        return
    revision, _, inner = reference[len(GIT_PREFIX) :].partition(":")
    if not revision or not inner:
        raise GeneratorError(
            f"{reference}: expected git:REV:path, e.g. git:main:spec/x.yaml"
        )
    top = _git(reference, ["rev-parse", "--show-toplevel"], Path.cwd()).strip()
    root = Path(top)
    commit = _git_commit(reference, revision, root)
    relative = _repository_path(reference, inner)
    if (
        subprocess.run(
            ["git", "cat-file", "-e", f"{commit}:{relative}"],
            cwd=root,
            capture_output=True,
            check=False,
        ).returncode
        != 0
    ):
        raise GeneratorError(f"{reference}: no file {relative} at {revision}")
    with tempfile.TemporaryDirectory(prefix="armgen-diff-") as temporary:
        tree = Path(temporary)
        _extract_revision(reference, commit, root, tree)

        def to_label(file: Path) -> str:
            try:
                inside = file.resolve().relative_to(tree.resolve())
            except ValueError:
                return _plain_label(file)
            return f"{GIT_PREFIX}{revision}:{inside.as_posix()}"

        spec = tree / relative
        if spec_root is None:
            yield spec, to_label, spec_tree(spec, within=tree).root
        else:
            yield spec, to_label, tree / _inside_repository(reference, spec_root, root)


def _inside_repository(reference: str, spec_root: Path, top: Path) -> Path:
    """`--spec-root` as a path inside the repository, for a side read from a revision."""
    try:
        return spec_root.resolve().relative_to(top.resolve())
    except ValueError:
        raise GeneratorError(
            f"{reference}: --spec-root {display_path(spec_root)} is outside the repository"
        ) from None


def _plain_label(file: Path) -> str:
    return display_path(file)


def _git(reference: str, arguments: Sequence[str], cwd: Path) -> str:
    try:
        result = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise GeneratorError(f"{reference}: cannot run git: {exc.strerror}") from None
    if result.returncode != 0:
        reason = one_line(result.stderr) or f"git {arguments[0]} failed"
        raise GeneratorError(f"{reference}: {reason}")
    return result.stdout


def _git_commit(reference: str, revision: str, root: Path) -> str:
    result = subprocess.run(
        [
            "git",
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{revision}^{{commit}}",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise GeneratorError(f"{reference}: unknown git revision {revision!r}")
    return result.stdout.strip()


def _repository_path(reference: str, inner: str) -> str:
    """`./` and `../` are relative to the working directory, anything else to the top."""
    if inner.startswith(("./", "../")):
        prefix = _git(reference, ["rev-parse", "--show-prefix"], Path.cwd()).strip()
        inner = prefix + inner
    relative = posixpath.normpath(inner)
    if relative.startswith(("../", "/")) or relative in ("..", "."):
        raise GeneratorError(f"{reference}: {inner} is outside the repository")
    return relative


def _extract_revision(reference: str, commit: str, root: Path, tree: Path) -> None:
    """`git archive` of the whole revision, so relative `$ref`s resolve as they did then.

    Only plain files and directories are written, and only inside `tree`.
    """
    with subprocess.Popen(
        ["git", "archive", "--format=tar", commit],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
                for member in archive:
                    parts = PurePosixPath(member.name).parts
                    if member.name.startswith("/") or ".." in parts:
                        continue
                    target = tree.joinpath(*parts)
                    if member.isdir():
                        target.mkdir(parents=True, exist_ok=True)
                    elif member.isfile():
                        source = archive.extractfile(member)
                        if source is None:
                            continue
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(source.read())
        except tarfile.TarError as exc:
            raise GeneratorError(
                f"{reference}: cannot read git archive: {exc}"
            ) from None
        stderr = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        reason = one_line(stderr.decode("utf-8", "replace")) or "git archive failed"
        raise GeneratorError(f"{reference}: {reason}")
