"""The stages in order: load -> validate -> model -> render -> format (-> write, by the CLI).

Generation is a pure function of (spec files, options, generator version): it returns the whole
output in memory, so `generate` and `check` see exactly the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.config import (
    DEFAULT_CONFIG,
    ParameterExtensions,
    ProjectConfig,
    load_config,
)
from generator.load import load_spec, with_parameter_extensions
from generator.model import Api, build_api
from generator.validate import start_validation, validate_spec

DEFAULT_SPEC = Path("spec/compute-vmss-deallocate.yaml")
DEFAULT_OUT = Path("generated")
DEFAULT_PACKAGE = "vmss_deallocate"


@dataclass(frozen=True)
class GenerateOptions:
    spec: Path = DEFAULT_SPEC
    package_name: str = DEFAULT_PACKAGE
    operation_ids: tuple[str, ...] | None = None
    extensions: ParameterExtensions = field(default_factory=dict)


def project_options(
    config: Path | None = DEFAULT_CONFIG,
    *,
    spec: Path | None = None,
    package_name: str | None = None,
    operation_ids: Sequence[str] | None = None,
) -> GenerateOptions:
    """The project file's options (when it exists), overridden by those given."""
    project = (
        load_config(config)
        if config is not None and config.exists()
        else ProjectConfig()
    )
    return GenerateOptions(
        spec=spec or project.spec or DEFAULT_SPEC,
        package_name=package_name or project.package_name or DEFAULT_PACKAGE,
        operation_ids=tuple(operation_ids) if operation_ids else project.operations,
        extensions=project.extensions,
    )


def load_api(
    spec_path: Path,
    operation_ids: Sequence[str] | None = None,
    extensions: ParameterExtensions | None = None,
) -> Api:
    """load -> validate -> model."""
    spec = with_parameter_extensions(load_spec(spec_path), extensions or {})
    validate_spec(spec)
    return build_api(spec, operation_ids)


def generate_files(options: GenerateOptions) -> dict[PurePosixPath, str]:
    """load -> validate -> model -> render -> format: every output file, in memory.

    The validator's verdict is awaited before returning (it may run in a child process beside
    the later stages), so nothing reaches the write stage from an invalid spec."""
    # Imported here: `validate` and `cassettes` need neither Jinja nor black.
    from generator.format import format_files
    from generator.render import render_package

    spec = with_parameter_extensions(load_spec(options.spec), options.extensions)
    with start_validation(spec) as validation:
        try:
            api = build_api(spec, options.operation_ids)
            files = format_files(render_package(api, options.package_name))
        except Exception:
            validation.wait()  # an invalid spec's own error comes first, as in stage order
            raise
        validation.wait()
    return files


def placed(
    files: Mapping[PurePosixPath, str], package_name: str, out: Path
) -> tuple[Path, dict[PurePosixPath, str]]:
    """Where the output goes and which directory the generator owns there.

    A top-level package owns the whole output directory (package, pyproject.toml). A dotted
    name such as `myservice._vendor.vmss` owns only `out/myservice/_vendor/vmss`, so generating
    into a service's source tree never touches the service's own files.
    """
    if "." not in package_name:
        return out, dict(files)
    root = PurePosixPath(*package_name.split("."))
    return out.joinpath(*root.parts), {
        path.relative_to(root): text for path, text in files.items()
    }


__all__ = [
    "DEFAULT_OUT",
    "DEFAULT_PACKAGE",
    "DEFAULT_SPEC",
    "GenerateOptions",
    "generate_files",
    "load_api",
    "placed",
    "project_options",
]
