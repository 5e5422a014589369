"""Command line: `generate`, `check`, `validate`, `diff` and `cassettes`.

Every failure the user can cause is reported as one line on stderr with exit code 2; `check`
exits 1 when generated/ is stale, `diff --fail-on breaking` when a change breaks callers. No
traceback reaches the user for a bad spec.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.config import DEFAULT_CONFIG
from generator.errors import (
    GeneratorError,
    display_path,
    missing_dependency,
    printable,
)
from generator.naming import package_name_problem
from generator.pipeline import (
    DEFAULT_OUT,
    DEFAULT_PACKAGE,
    DEFAULT_SPEC,
    GenerateOptions,
    diff_options,
    generate_files,
    load_api,
    output_root,
    project_options,
)
from generator.write import (
    compare_tree,
    out_folder,
    refuse_unsafe_output,
    write_output,
    write_tree,
)

EXIT_OK, EXIT_STALE, EXIT_ERROR = 0, 1, 2
EXIT_BREAKING = 1
# generator.diff.FORMATS, repeated so that building the parser does not import the diff
# machinery (a test keeps the two equal). diff and cassettes are imported by their commands.
DIFF_FORMATS = ("text", "markdown", "json")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except GeneratorError as exc:
        print(f"error: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except (
        ModuleNotFoundError
    ) as error:  # a dependency imported by a command, when it runs
        message = missing_dependency(error)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program_name(),
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
            default=None,
            help=f"output directory (default: {DEFAULT_OUT}); armgen changes only the files it"
            " wrote there",
        )
        command.add_argument(
            "--package-name",
            type=_package_name,
            default=None,
            help="Python package to generate (default: the project file's, else "
            f"{DEFAULT_PACKAGE})",
        )
        command.add_argument(
            "--operation",
            dest="operations",
            action="append",
            metavar="OPERATION_ID",
            help="generate only this operationId (repeatable; default: the project file's, "
            "else every operation)",
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

    diff = commands.add_parser(
        "diff",
        help="what a spec update changes for callers of the client, breaking or not",
        description=_cmd_diff.__doc__,
    )
    for side in ("OLD", "NEW"):
        diff.add_argument(
            side.lower(),
            metavar=side,
            help="Swagger 2.0 file (YAML or JSON), or git:REV:path for a file at a revision",
        )
    diff.add_argument(
        "--operation",
        dest="operations",
        action="append",
        metavar="OPERATION_ID",
        help="compare only this operationId (repeatable; default: every operation)",
    )
    diff.add_argument(
        "--format",
        dest="output_format",
        choices=DIFF_FORMATS,
        default="text",
        help="text for a terminal, markdown for a pull-request comment, json for tools"
        " (default: text)",
    )
    diff.add_argument(
        "--fail-on",
        choices=("breaking", "never"),
        default="never",
        help="exit 1 when a breaking change is found (default: never)",
    )
    diff.add_argument(
        "--code",
        action="store_true",
        help=f"also show the unified diff of the generated client ({DEFAULT_PACKAGE})",
    )
    diff.add_argument(
        "--config",
        type=Path,
        default=None,
        help="project file whose x- hints both sides get, as `generate` gives them (default:"
        " none; the generator's built-in safety hints apply either way)",
    )
    _add_spec_root_argument(
        diff, "; for a git:REV:path side, that folder as it was at REV"
    )
    diff.set_defaults(handler=_cmd_diff)

    cassettes = commands.add_parser(
        "cassettes",
        help="turn the spec's x-ms-examples files into vcrpy cassettes and a manifest",
        description=_cmd_cassettes.__doc__,
    )
    # The same spec, operations and extensions as `generate`, so the cassettes fit its client.
    _add_spec_argument(cassettes)
    cassettes.add_argument(
        "--operation",
        dest="operations",
        action="append",
        metavar="OPERATION_ID",
        help="only this operationId's examples (repeatable; default: the project file's, "
        "else every operation)",
    )
    cassettes.add_argument(
        "--out",
        required=True,
        help="directory for the cassettes and manifest.json (armgen changes only the files"
        " it wrote there)",
    )
    cassettes.set_defaults(handler=_cmd_cassettes)
    return parser


def _program_name() -> str:
    """`python -m generator` or `armgen`, as the user typed it."""
    invoked = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m generator" if invoked in ("", "__main__.py", "-c") else invoked


def _add_spec_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--spec",
        type=Path,
        default=None,
        help="Swagger 2.0 file, YAML or JSON (default: the project file's, else "
        f"{DEFAULT_SPEC})",
    )
    command.add_argument(
        "--config",
        type=Path,
        default=None,
        help=f"project file (default: {DEFAULT_CONFIG} when it exists and either no --spec is"
        " given or --spec names its spec)",
    )
    _add_spec_root_argument(command)


def _add_spec_root_argument(command: argparse.ArgumentParser, more: str = "") -> None:
    command.add_argument(
        "--spec-root",
        type=Path,
        default=None,
        metavar="DIR",
        help="the folder that $refs and example files may be read from (default: the"
        " nearest folder named specification above the spec, else the spec's folder)"
        + more,
    )


def _package_name(text: str) -> str:
    if problem := package_name_problem(text):
        raise argparse.ArgumentTypeError(
            f"not a Python package name: {text!r}: {problem}"
        )
    return text


def _options(args: argparse.Namespace) -> GenerateOptions:
    return project_options(
        args.config,
        spec=args.spec,
        package_name=getattr(args, "package_name", None),
        operation_ids=args.operations,
        spec_root=args.spec_root,
    )


def _project_note(project_file: Path | None) -> str:
    """Which project file applied, said after a success: its hints and operations change
    the client, and which one applies depends on the options and the working directory.
    """
    if project_file is None:
        return "project file: none, built-in safety hints only"
    return f"project file: {printable(display_path(project_file))}"


def _out(args: argparse.Namespace, options: GenerateOptions) -> Path:
    """--out, once the folder the generator would own there is known to be a safe one."""
    out = DEFAULT_OUT if args.out is None else out_folder(args.out)
    refuse_unsafe_output(
        out,
        output_root(options.package_name, out),
        (("spec", options.spec), ("project file", options.project_file)),
    )
    return out


def _cmd_generate(args: argparse.Namespace) -> int:
    """Regenerate the client from the spec. armgen changes only the files it wrote itself
    (recorded in .armgen-manifest.json): other files stay, and one where a generated file must
    go stops it. On any error the output is left as it was; a run that was killed is finished
    by the next one.

    With a dotted --package-name only that package's folder under --out is written."""
    options = _options(args)
    tree = generate_files(options, _out(args, options))
    outcome = write_output(tree.files, tree.root)
    if outcome.recovered:
        print(
            f"note: finished an interrupted generation in {printable(display_path(tree.root))}",
            file=sys.stderr,
        )
    state = (
        f"wrote {len(tree.files)} files to"
        if outcome.changed
        else f"{len(tree.files)} files already up to date in"
    )
    print(
        f"{state} {printable(display_path(tree.root))}"
        f" ({_project_note(options.project_file)})"
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    """Compare the files armgen wrote in the output directory with what the spec produces;
    exit 1 with a diff. Files it did not write are listed as notes and do not count."""
    options = _options(args)
    tree = generate_files(options, _out(args, options))
    root = display_path(tree.root)
    difference = compare_tree(tree.files, tree.root)
    for entry in difference.foreign:
        print(
            f"foreign: {printable(f'{root}/{entry}')} (not written by armgen; left as is)",
            file=sys.stderr,
        )
    if difference.clean:
        print(
            f"{printable(root)} is up to date with {printable(display_path(options.spec))}"
            f" ({_project_note(options.project_file)})"
        )
        return EXIT_OK
    sys.stdout.write(difference.diff)
    for label, paths in (
        ("stale", difference.stale),
        ("missing", difference.missing),
        ("orphaned", difference.orphaned),
        ("conflict", difference.conflicts),
    ):
        for path in paths:
            print(f"{label}: {printable(f'{root}/{path}')}", file=sys.stderr)
    if difference.interrupted:
        print(
            f"unfinished: {printable(root)} (a generation was interrupted; the next generate"
            " finishes it)",
            file=sys.stderr,
        )
    print(
        f"{printable(root)} is not what {printable(display_path(options.spec))} produces:"
        f" run `{_command_line(args, 'generate')}`",
        file=sys.stderr,
    )
    return EXIT_STALE


def _command_line(args: argparse.Namespace, command: str) -> str:
    """The command to run, with the options this one was given, ready to paste."""
    words = [*_program_name().split(), command]
    for flag, value in (
        ("--spec", args.spec),
        ("--config", args.config),
        ("--spec-root", args.spec_root),
        ("--out", args.out),
        ("--package-name", args.package_name),
    ):
        if value is not None:
            words += [flag, str(value)]
    for operation in args.operations or ():
        words += ["--operation", operation]
    return printable(shlex.join(words))


def _cmd_validate(args: argparse.Namespace) -> int:
    """Load, validate and model the spec (every operation) without writing anything."""
    options = _options(args)
    api = load_api(
        options.spec,
        None,
        options.hints,
        spec_root=options.spec_root,
        cache=options.cache,
    )
    print(
        f"{printable(display_path(options.spec))}: valid Swagger 2.0, api-version"
        f" {printable(api.api_version)}, {len(api.operations)} operations,"
        f" {len(api.models)} models ({_project_note(options.project_file)})"
    )
    return EXIT_OK


def _cmd_cassettes(args: argparse.Namespace) -> int:
    """Turn every x-ms-examples file of the selected operations into vcrpy cassettes (the
    request the generated client sends, the example's responses; a 202 is polled once at its
    Location) and a manifest.json that tests replay them from. A missing or malformed example is
    a warning and the rest are still written; exit 2 when nothing could be made.
    """
    from generator.cassettes import build_cassettes, render_cassettes

    options = _options(args)
    out = out_folder(args.out)
    refuse_unsafe_output(
        out, out, (("spec", options.spec), ("project file", options.project_file))
    )
    api = load_api(
        options.spec,
        options.operation_ids,
        options.hints,
        spec_root=options.spec_root,
        cache=options.cache,
    )
    cassette_set = build_cassettes(api, options.spec, options.spec_root)
    for warning in cassette_set.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not cassette_set.cassettes:
        print(
            f"error: {options.spec}: no example of the selected operations gave a cassette;"
            f" {printable(display_path(out))} is unchanged",
            file=sys.stderr,
        )
        return EXIT_ERROR
    files = render_cassettes(cassette_set)
    changed = write_tree(files, out)
    count = len(cassette_set.cassettes)
    state = (
        f"wrote {count} cassettes to" if changed else f"{count} cassettes up to date in"
    )
    print(
        f"{state} {printable(display_path(out))} ({len(cassette_set.warnings)}"
        f" warnings; {_project_note(options.project_file)})"
    )
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    """Compare two specs at the level of the API model (operations, parameters, bodies,
    responses, models, enums, long-running options, api-version), so reordering or reformatting
    reports nothing. Each change is breaking or not for callers of the generated client, with the
    matching openapi-diff rule. Exit 0, or 1 with --fail-on breaking when something breaks.
    """
    from generator.diff import diff_specs, render_report

    operations = tuple(args.operations) if args.operations else None
    options = diff_options(args.config)
    result = diff_specs(
        args.old,
        args.new,
        operations,
        code_package=DEFAULT_PACKAGE if args.code else None,
        options=options,
        spec_root=args.spec_root,
    )
    sys.stdout.write(render_report(result, args.output_format))
    print(_project_note(options.project_file), file=sys.stderr)
    if args.fail_on == "breaking" and result.breaking:
        return EXIT_BREAKING
    return EXIT_OK
