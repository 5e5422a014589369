"""The stages in order: load -> validate -> model -> render -> format (-> write, by the CLI).

Generation is a pure function of (spec files, options, generator version): it returns the whole
output in memory, so `generate` and `check` see exactly the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.format import format_files
from generator.load import load_spec
from generator.model import Api, build_api
from generator.render import render_package
from generator.validate import validate_spec

DEFAULT_SPEC = Path("spec/compute-vmss-deallocate.yaml")
DEFAULT_OUT = Path("generated")
DEFAULT_PACKAGE = "vmss_deallocate"


@dataclass(frozen=True)
class GenerateOptions:
    spec: Path = DEFAULT_SPEC
    package_name: str = DEFAULT_PACKAGE
    operation_ids: tuple[str, ...] | None = None


def load_api(spec_path: Path, operation_ids: Sequence[str] | None = None) -> Api:
    """load -> validate -> model."""
    spec = load_spec(spec_path)
    validate_spec(spec)
    return build_api(spec, operation_ids)


def generate_files(options: GenerateOptions) -> dict[PurePosixPath, str]:
    """load -> validate -> model -> render -> format: every output file, in memory."""
    api = load_api(options.spec, options.operation_ids)
    return format_files(render_package(api, options.package_name))


__all__ = [
    "DEFAULT_OUT",
    "DEFAULT_PACKAGE",
    "DEFAULT_SPEC",
    "GenerateOptions",
    "generate_files",
    "load_api",
]
