"""The one Jinja environment of the render stage, for the generator and its tests alike.

Templates may lay values out, never compute new text from them: only the escaping filters of
escape.py exist here, and spec text (`SpecText`) cannot be printed without one.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import MutableMapping
from importlib.machinery import SourceFileLoader
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


COMPILED_DIR = Path(__file__).resolve().parent.parent / "compiled_templates"
"""generator/compiled_templates/: the templates compiled ahead of time, one module each."""


class _AheadOfTimeLoader(jinja2.FileSystemLoader):
    """The templates, taken compiled from generator/compiled_templates/ when a module there
    was compiled from exactly this source, by this Jinja, with these settings (its name says
    so: `compiled_name`); any other template is compiled here, as Jinja always does.

    Compiling the templates is most of the render stage's cost on a first run; a compiled
    module is read as Python reads any module (from its bytecode cache). The module is
    executed into a namespace of its own, so environments never share one.
    """

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        source, _, _ = self.get_source(environment, name)
        module = COMPILED_DIR / f"{compiled_name(environment, name, source)}.py"
        if not module.is_file():
            return super().load(environment, name, globals)
        code = SourceFileLoader(module.stem, str(module)).get_code(module.stem)
        if code is None:
            return super().load(environment, name, globals)
        return environment.template_class.from_code(
            environment, code, {} if globals is None else globals, None
        )


def compiled_name(environment: jinja2.Environment, name: str, source: str) -> str:
    """The module name of `name`'s template compiled from `source`: a hash of the source,
    the template's name, Jinja's version and every setting that changes compiled code.
    """
    settings = (
        jinja2.__version__,
        type(environment).__name__,
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        bool(environment.autoescape),
        environment.finalize is not None,
        environment.is_async,
    )
    digest = hashlib.sha256(repr(settings).encode())
    digest.update(b"\0" + name.encode() + b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return f"t_{digest.hexdigest()[:32]}"


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
        loader=_AheadOfTimeLoader(str(templates_dir)),
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
