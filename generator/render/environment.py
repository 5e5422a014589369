"""The one Jinja environment of the render stage, for the generator and its tests alike.

Templates may lay values out, never compute new text from them: only the escaping filters of
escape.py exist here, and spec text (`SpecText`) cannot be printed without one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import jinja2

from generator.cache import CacheSettings
from generator.escape import FILTERS, SpecText


def _templates_root() -> Path:
    """The templates: inside the installed package, where a wheel puts the repository's
    templates/ (pyproject.toml maps it to `generator.templates`), else beside the package in a
    source checkout, which an editable install runs from."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES_DIR = _templates_root()


def _refuse_raw_spec_text(value: Any) -> Any:
    if isinstance(value, SpecText):
        raise jinja2.TemplateRuntimeError(
            f"spec text {str(value)[:40]!r} printed without an escaping filter"
        )
    return value


class _LayoutOnlyEnvironment(jinja2.Environment):
    """Templates may lay values out, never compute new text from them.

    Only the escaping filters exist here, and `~`, slicing and calls other than to macros are
    refused when a template is parsed, so spec text cannot reach the output unescaped by way
    of some other string operation.
    """

    def _parse(
        self, source: str, name: str | None, filename: str | None
    ) -> jinja2.nodes.Template:
        template = super()._parse(source, name, filename)
        for node in template.find_all((jinja2.nodes.Concat, jinja2.nodes.Slice)):
            raise jinja2.TemplateSyntaxError(
                "templates lay values out: `~` and slicing are not allowed",
                node.lineno,
                name,
                filename,
            )
        macros = {macro.name for macro in template.find_all(jinja2.nodes.Macro)}
        for call in template.find_all(jinja2.nodes.Call):
            callee = call.node
            is_macro = (
                isinstance(callee, jinja2.nodes.Getattr) and callee.attr in _MACROS
            ) or (
                isinstance(callee, jinja2.nodes.Name)
                and callee.name in macros | _MACROS
            )
            if not is_macro:
                raise jinja2.TemplateSyntaxError(
                    "templates may call macros only", call.lineno, name, filename
                )
        return template


_MACROS = frozenset(
    {
        "header",
        "signature",
        "imports",
        "operation",
        "request",
        "result_function",
        "text_dict",
    }
)
"""The macros of templates/_macros.jinja, the only callables templates may use."""


class _BestEffortBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates, keyed by Jinja on each template's source: never stale, and a cache
    that cannot be written is no reason to fail."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError, ValueError, EOFError):
            super().load_bytecode(bucket)


def _template_cache(cache: CacheSettings) -> jinja2.BytecodeCache | None:
    directory = cache.directory
    if directory is None:
        return None
    try:
        (directory / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BestEffortBytecodeCache(str(directory / "jinja"))


def make_environment(
    templates_dir: Path = TEMPLATES_DIR, cache: CacheSettings | None = None
) -> jinja2.Environment:
    """The one Jinja environment, for the generator and its tests alike; compiled templates
    are kept in the result cache `cache` says (default: the environment's settings)."""
    environment = _LayoutOnlyEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_refuse_raw_spec_text,
        bytecode_cache=_template_cache(cache or CacheSettings.from_environment()),
    )
    environment.filters.clear()
    environment.filters.update(FILTERS)
    environment.tests.clear()
    return environment
