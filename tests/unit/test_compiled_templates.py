"""generator/compiled_templates/: the templates compiled ahead of time are current, are used
only for the very source they were compiled from, and render what a live compile renders.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.cache import CacheSettings
from generator.pipeline import load_api
from generator.render import environment as environment_module
from generator.render import render_package
from tests.helpers import SPEC_FILE
from tests.helpers.compiled_templates import compiled_modules, on_disk


def test_the_compiled_templates_are_current() -> None:
    assert (
        on_disk() == compiled_modules()
    ), "stale: run .venv/bin/python -m tests.helpers.compiled_templates"


def test_every_template_is_taken_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    live: list[str] = []
    real = jinja2.FileSystemLoader.load

    def compiled_live(self: jinja2.BaseLoader, *args: object) -> jinja2.Template:
        live.append(str(args[1]))
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.FileSystemLoader, "load", compiled_live)
    environment = environment_module.make_environment(cache=CacheSettings(None))
    for path in environment_module.TEMPLATES_DIR.rglob("*.jinja"):
        environment.get_template(
            path.relative_to(environment_module.TEMPLATES_DIR).as_posix()
        )
    assert live == []


def test_the_compiled_templates_render_what_a_live_compile_renders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    api = load_api(SPEC_FILE)
    compiled = render_package(api, "pkg", CacheSettings(None))
    monkeypatch.setattr(environment_module, "COMPILED_DIR", tmp_path / "none")
    assert render_package(api, "pkg", CacheSettings(None)) == compiled


def test_a_changed_template_is_compiled_live_and_checked(tmp_path: Path) -> None:
    """A compiled module speaks for its source only: a template edited since is compiled,
    and the layout-only checks refuse what they refuse."""
    (tmp_path / "t.jinja").write_text("{{ 'a' ~ 'b' }}\n", encoding="utf-8")
    environment = environment_module.make_environment(tmp_path, CacheSettings(None))
    with pytest.raises(jinja2.TemplateSyntaxError, match="not allowed"):
        environment.get_template("t.jinja")
    name = "package/_version.py.jinja"
    source = (environment_module.TEMPLATES_DIR / name).read_text(encoding="utf-8")
    key = environment_module.compiled_name(environment, name, source)
    assert (environment_module.COMPILED_DIR / f"{key}.py").is_file()
    edited = environment_module.compiled_name(environment, name, source + "\n")
    assert not (environment_module.COMPILED_DIR / f"{edited}.py").exists()
