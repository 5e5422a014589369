"""Building the cassettes: every example file of every selected operation, read inside the
spec tree; a missing or malformed one is a warning, and the others still give cassettes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from generator.cassettes.records import (
    Cassette,
    CassetteSet,
    ExampleProblem,
    ExampleWarning,
    Skipped,
)
from generator.cassettes.requests import example_call
from generator.cassettes.responses import (
    call_result,
    example_responses,
    interactions_for,
)
from generator.errors import GeneratorError, one_line
from generator.load import RefusedFile, SpecTree, read_document, spec_tree
from generator.model import Api
from generator.model.entities import ExampleRef, Operation


def build_cassettes(
    api: Api, spec_file: Path, spec_root: Path | None = None
) -> CassetteSet:
    """The cassettes of every example of every operation of `api`, in a stable order.

    `spec_file` is the spec the Api came from: example paths in the manifest are relative to
    its directory, so the manifest does not depend on where the specs are checked out.
    Example files are read only inside its spec tree (`spec_root`, else the default), as the
    spec's own `$ref`s are.
    """
    spec_dir = spec_file.resolve().parent
    tree = spec_tree(spec_file, spec_root)
    cassettes: dict[str, Cassette] = {}
    skipped: list[Skipped] = []
    warnings: list[ExampleWarning] = []
    for operation in api.operations:
        seen: set[Path] = set()
        for ref in operation.examples:
            if ref.file in seen:
                continue
            seen.add(ref.file)
            example = _relative(ref.file, spec_dir)
            made, problems = _example_cassettes(api, operation, ref, example, tree)
            for cassette in made:
                if cassette.file_name in cassettes:
                    other = cassettes[cassette.file_name].example
                    problems.append(
                        f"cassette {cassette.file_name} is already made from {other}"
                    )
                else:
                    cassettes[cassette.file_name] = cassette
            for reason in problems:
                warnings.append(
                    ExampleWarning(ref.file, operation.operation_id, reason)
                )
                skipped.append(
                    Skipped(example, operation.operation_id, one_line(reason))
                )
    return CassetteSet(
        spec_name=spec_file.name,
        api_version=api.api_version,
        cassettes=tuple(cassettes[name] for name in sorted(cassettes)),
        skipped=tuple(
            sorted(skipped, key=lambda s: (s.example, s.operation_id, s.reason))
        ),
        warnings=tuple(warnings),
    )


def _relative(file: Path, spec_dir: Path) -> str:
    try:
        return Path(os.path.relpath(file, spec_dir)).as_posix()
    except ValueError:  # on another drive (Windows): the name is all that is portable
        return file.name


def _read_example(file: Path, tree: SpecTree) -> Mapping[str, Any]:
    """The example's document; whether it exists is asked only inside the spec tree."""
    try:
        document = read_document(file, tree)
    except RefusedFile as exc:
        raise ExampleProblem(f"example file not read: {exc.reason}") from None
    except GeneratorError as exc:
        if not file.exists():
            raise ExampleProblem("example file not found") from None
        raise ExampleProblem(
            f"malformed example: {getattr(exc, 'reason', exc)}"
        ) from None
    except OSError as exc:
        raise ExampleProblem(
            f"cannot read example: {exc.strerror or type(exc).__name__}"
        ) from None
    if not isinstance(document, Mapping):
        raise ExampleProblem("malformed example: not a JSON object")
    for key in ("parameters", "responses"):
        if not isinstance(document.get(key), Mapping):
            raise ExampleProblem(f"malformed example: no {key!r} object")
    return document


def _example_cassettes(
    api: Api, operation: Operation, ref: ExampleRef, example: str, tree: SpecTree
) -> tuple[list[Cassette], list[str]]:
    """The cassettes of one example file, and why any of them could not be made."""
    try:
        document = _read_example(ref.file, tree)
        call = example_call(api, operation, document["parameters"])
        responses = example_responses(document["responses"])
    except ExampleProblem as problem:
        return [], [str(problem)]
    declared = {
        int(response.status)
        for response in operation.success_responses
        if response.status.isdigit()
    }
    present = sorted(status for status in responses if status in declared)
    if not present:
        codes = ", ".join(str(code) for code in sorted(declared)) or "none"
        return [], [
            f"no response with a success status the operation declares ({codes})"
        ]
    statuses = present if operation.long_running else present[:1]
    result = call_result(operation, responses.get(200))
    stem = PurePosixPath(example).stem
    made: list[Cassette] = []
    problems: list[str] = []
    for status in statuses:
        try:
            interactions = interactions_for(call, responses, status, operation)
        except ExampleProblem as problem:
            problems.append(f"{status} response: {problem}")
            continue
        made.append(
            Cassette(
                file_name=f"{stem}__{status}.yaml",
                operation_id=operation.operation_id,
                method_name=operation.call_path.removeprefix("client."),
                example=example,
                example_title=ref.title,
                client_arguments=call.client_arguments,
                arguments=call.arguments,
                request=call.request,
                result=(
                    call_result(operation, responses[status])
                    if status == 201 and len(interactions) == 1
                    else result
                ),
                interactions=interactions,
            )
        )
    return made, problems
