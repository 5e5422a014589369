"""The stages in order: load -> validate -> model -> render -> format (-> write, by the CLI).

Every command reads a spec through `open_spec` (load, add hints, validate); generation is a
pure function of (spec files, options, output folder, generator version): it returns the whole
output in memory, so `generate` and `check` see exactly the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.cache import CacheSettings
from generator.config import DEFAULT_CONFIG, ProjectConfig, load_config
from generator.errors import GeneratorError, display_path
from generator.hints import BUILTIN_ONLY, Hints, project_hints
from generator.load import LoadedSpec, load_spec, with_hints
from generator.model import Api, build_api
from generator.model.renames import NO_RENAMES, Renames
from generator.naming import package_name_problem
from generator.validate import validate_spec, validating_alongside

DEFAULT_SPEC = Path("spec/compute-vmss-deallocate.yaml")
DEFAULT_OUT = Path("generated")
DEFAULT_PACKAGE = "vmss_deallocate"


@dataclass(frozen=True)
class GenerateOptions:
    spec: Path = DEFAULT_SPEC
    package_name: str = DEFAULT_PACKAGE
    operation_ids: tuple[str, ...] | None = None
    hints: Hints = BUILTIN_ONLY
    project_file: Path | None = None
    """The project file that applied, if any: the CLI says which."""
    client_name: str | None = None
    """The project file's name for the client class, else the spec's title gives it."""
    renames: Renames = NO_RENAMES
    """The project file's class names for models and operation groups."""
    spec_root: Path | None = None
    """The folder the spec's `$ref`s and example files must stay in (default: see
    generator/load/files.py::spec_tree). Only an option sets it, never a project file: a
    project file comes with the specs it builds and must not widen what they may read."""
    cache: CacheSettings = field(default_factory=CacheSettings.from_environment)
    """Where validated specs and formatted files are cached, or that they are not."""


def project_options(
    config: Path | None = None,
    *,
    spec: Path | None = None,
    package_name: str | None = None,
    operation_ids: Sequence[str] | None = None,
    spec_root: Path | None = None,
    default_config: Path = DEFAULT_CONFIG,
) -> GenerateOptions:
    """The options given, filled in from a project file.

    A project file named with `config` must exist and applies whole. Otherwise
    `default_config` applies when it exists and no spec is given, or the spec given is its own:
    its operations and hints were written for that spec, not for whatever `--spec` names.
    With no project file the generator's built-in safety hints still apply.
    """
    project = _applicable_project(config, spec, default_config)
    if project is None:
        if spec is None:
            raise GeneratorError(
                f"no --spec given and no project file {display_path(default_config)} here;"
                " give --spec FILE or --config FILE"
            )
        return GenerateOptions(
            spec=spec,
            package_name=package_name or DEFAULT_PACKAGE,
            operation_ids=tuple(operation_ids) if operation_ids else None,
            spec_root=spec_root,
        )
    return GenerateOptions(
        spec=spec or project.spec or DEFAULT_SPEC,
        package_name=package_name or project.package_name or DEFAULT_PACKAGE,
        operation_ids=tuple(operation_ids) if operation_ids else project.operations,
        hints=project_hints(
            project.extensions,
            without_builtin=project.without_builtin_hints,
            project_origin=f"the project file {display_path(project.path)}",
        ),
        project_file=project.path,
        client_name=project.client_name,
        renames=project.renames,
        spec_root=spec_root,
    )


def diff_options(config: Path | None) -> GenerateOptions:
    """What `diff` builds both sides' models with, as `generate` would: a project file's
    hints, client name and renames, only when the project file is named."""
    if config is None:
        return GenerateOptions()
    project = load_config(_existing(config))
    return GenerateOptions(
        hints=project_hints(
            project.extensions,
            without_builtin=project.without_builtin_hints,
            project_origin=f"the project file {display_path(config)}",
        ),
        project_file=config,
        client_name=project.client_name,
        renames=project.renames,
    )


def _applicable_project(
    config: Path | None, spec: Path | None, default_config: Path
) -> ProjectConfig | None:
    if config is not None:
        return load_config(_existing(config))
    if not default_config.is_file():
        return None
    project = load_config(default_config)
    if spec is None or (
        project.spec is not None and project.spec.resolve() == spec.resolve()
    ):
        return project
    return None


def _existing(config: Path) -> Path:
    if not config.is_file():
        raise GeneratorError(f"project file not found: {display_path(config)}")
    return config


def open_spec(
    path: Path,
    hints: Hints = BUILTIN_ONLY,
    spec_root: Path | None = None,
    cache: CacheSettings | None = None,
) -> LoadedSpec:
    """load -> hints -> validate: the one way every command reads a spec."""
    spec = with_hints(load_spec(path, spec_root), hints)
    validate_spec(spec, cache)
    return spec


def load_api(
    spec_path: Path,
    operation_ids: Sequence[str] | None = None,
    hints: Hints = BUILTIN_ONLY,
    *,
    source_path: str | None = None,
    spec_root: Path | None = None,
    client_name: str | None = None,
    renames: Renames = NO_RENAMES,
    cache: CacheSettings | None = None,
) -> Api:
    """load -> validate -> model."""
    return build_api(
        open_spec(spec_path, hints, spec_root, cache),
        operation_ids,
        source_path=source_path,
        client_name=client_name,
        renames=renames,
    )


@dataclass(frozen=True)
class GeneratedTree:
    """The output in memory: `files` relative to `root`, the folder the generator owns."""

    root: Path
    files: Mapping[PurePosixPath, str]


def generate_files(options: GenerateOptions, out: Path = DEFAULT_OUT) -> GeneratedTree:
    """load -> validate -> model -> render -> format: every output file, in memory.

    openapi-spec-validator runs in another process meanwhile (`validating_alongside`); its
    verdict is in before anything is returned, so nothing is written for an invalid spec.

    Headers name the spec relative to the output's root folder, so the same output is
    produced, and `check` gives the same verdict, from any working directory.
    """
    # Imported here: `validate` and `cassettes` need neither Jinja nor black.
    from generator.format import format_files
    from generator.render import render_package

    if problem := package_name_problem(options.package_name):
        raise GeneratorError(
            f"not a Python package name: {options.package_name!r}: {problem}"
        )
    root = output_root(options.package_name, out)
    spec = with_hints(load_spec(options.spec, options.spec_root), options.hints)
    with validating_alongside(spec, options.cache, options.operation_ids):
        api = build_api(
            spec,
            options.operation_ids,
            source_path=spec_path_from(root, options.spec),
            client_name=options.client_name,
            renames=options.renames,
        )
        files = format_files(
            render_package(api, options.package_name, options.cache), options.cache
        )
    return GeneratedTree(root, _inside_root(files, options.package_name))


def output_root(package_name: str, out: Path) -> Path:
    """The folder the generator owns: `out` for a top-level package (package and
    pyproject.toml), only the package's own folder for a dotted name such as
    `myservice._vendor.vmss`, so generating into a service's tree never touches its files.
    """
    if "." not in package_name:
        return out
    return out.joinpath(*package_name.split("."))


def spec_path_from(root: Path, spec: Path) -> str:
    """The spec's path as the headers give it: relative to the output root, `/`-separated."""
    try:
        relative = os.path.relpath(spec.resolve(), root.resolve())
    except ValueError:  # another drive on Windows
        return spec.resolve().as_posix()
    return relative.replace(os.sep, "/")


def _inside_root(
    files: Mapping[PurePosixPath, str], package_name: str
) -> dict[PurePosixPath, str]:
    if "." not in package_name:
        return dict(files)
    package_dir = PurePosixPath(*package_name.split("."))
    return {path.relative_to(package_dir): text for path, text in files.items()}


__all__ = [
    "DEFAULT_OUT",
    "DEFAULT_PACKAGE",
    "DEFAULT_SPEC",
    "GenerateOptions",
    "GeneratedTree",
    "diff_options",
    "generate_files",
    "load_api",
    "open_spec",
    "output_root",
    "project_options",
    "spec_path_from",
]
