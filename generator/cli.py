"""Command line: `generate`, `check` and `validate`.

Every failure the user can cause is reported as one line on stderr with exit code 2; `check`
exits 1 when generated/ is stale. No traceback reaches the user for a bad spec.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import GeneratorError
from generator.pipeline import (
    DEFAULT_OUT,
    DEFAULT_PACKAGE,
    DEFAULT_SPEC,
    GenerateOptions,
    generate_files,
    load_api,
)
from generator.write import compare_tree, write_tree

EXIT_OK, EXIT_STALE, EXIT_ERROR = 0, 1, 2
_PACKAGE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate typed Python clients for Azure Resource Manager operations.",
    )
    parser.add_argument("--version", action="version", version=f"armgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate = commands.add_parser(
        "generate",
        help="write the client into the output directory",
        description=_cmd_generate.__doc__,
    )
    check = commands.add_parser(
        "check",
        help="exit 1 if the output directory is not what the spec produces",
        description=_cmd_check.__doc__,
    )
    for command in (generate, check):
        _add_spec_argument(command)
        command.add_argument(
            "--out",
            type=Path,
            default=DEFAULT_OUT,
            help=f"output directory (default: {DEFAULT_OUT})",
        )
        command.add_argument(
            "--package-name",
            type=_package_name,
            default=DEFAULT_PACKAGE,
            help=f"Python package to generate (default: {DEFAULT_PACKAGE})",
        )
        command.add_argument(
            "--operation",
            dest="operations",
            action="append",
            metavar="OPERATION_ID",
            help="generate only this operationId (repeatable; default: every operation)",
        )
    generate.set_defaults(handler=_cmd_generate)
    check.set_defaults(handler=_cmd_check)

    validate = commands.add_parser(
        "validate",
        help="check the spec and print a summary",
        description=_cmd_validate.__doc__,
    )
    _add_spec_argument(validate)
    validate.set_defaults(handler=_cmd_validate, operations=None)
    return parser


def _add_spec_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--spec",
        type=Path,
        default=DEFAULT_SPEC,
        help=f"Swagger 2.0 file, YAML or JSON (default: {DEFAULT_SPEC})",
    )


def _package_name(text: str) -> str:
    if not _PACKAGE_NAME.fullmatch(text):
        raise argparse.ArgumentTypeError(f"not a Python package name: {text!r}")
    return text


def _options(args: argparse.Namespace) -> GenerateOptions:
    operations = tuple(args.operations) if args.operations else None
    return GenerateOptions(
        spec=args.spec, package_name=args.package_name, operation_ids=operations
    )


def _cmd_generate(args: argparse.Namespace) -> int:
    """Regenerate the client from the spec. On any error the output directory is left as it was."""
    files = generate_files(_options(args))
    changed = write_tree(files, args.out)
    state = (
        f"wrote {len(files)} files to"
        if changed
        else f"{len(files)} files already up to date in"
    )
    print(f"{state} {args.out}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    """Compare the output directory with what the spec produces; exit 1 with a diff."""
    difference = compare_tree(generate_files(_options(args)), args.out)
    if difference.clean:
        print(f"{args.out} is up to date with {args.spec}")
        return EXIT_OK
    sys.stdout.write(difference.diff)
    for label, paths in (
        ("stale", difference.stale),
        ("missing", difference.missing),
        ("orphaned", difference.orphaned),
    ):
        for path in paths:
            print(f"{label}: {args.out / path}", file=sys.stderr)
    print(
        f"{args.out} is not what {args.spec} produces: run `python -m generator generate`",
        file=sys.stderr,
    )
    return EXIT_STALE


def _cmd_validate(args: argparse.Namespace) -> int:
    """Load, validate and model the spec without writing anything."""
    api = load_api(args.spec)
    print(
        f"{args.spec}: valid Swagger 2.0, api-version {api.api_version}, "
        f"{len(api.operations)} operations, {len(api.models)} models"
    )
    return EXIT_OK
