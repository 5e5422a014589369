"""Writes generator/compiled_templates/: every template, compiled ahead of time.

    .venv/bin/python -m tests.helpers.compiled_templates

Each module is what the generator's own environment compiles the template into (so the
layout-only checks of generator/render/environment.py ran on it), under `compiled_name`.
tests/unit/test_compiled_templates.py compiles them again and compares.
"""

from __future__ import annotations

from generator.cache import CacheSettings
from generator.render.environment import (
    COMPILED_DIR,
    TEMPLATES_DIR,
    compiled_name,
    make_environment,
)

HEADER = (
    "# Written by `python -m tests.helpers.compiled_templates` from templates/{name}.\n"
)


def compiled_modules() -> dict[str, str]:
    """File name -> text of every template's compiled module."""
    environment = make_environment(cache=CacheSettings(None))
    modules = {}
    for path in sorted(TEMPLATES_DIR.rglob("*.jinja")):
        name = path.relative_to(TEMPLATES_DIR).as_posix()
        source = path.read_text(encoding="utf-8")
        code = environment.compile(source, name, raw=True)
        file = f"{compiled_name(environment, name, source)}.py"
        modules[file] = HEADER.format(name=name) + code
    return modules


def on_disk() -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted(COMPILED_DIR.glob("t_*.py"))
    }


def main() -> None:
    modules = compiled_modules()
    for name in on_disk().keys() - modules.keys():
        (COMPILED_DIR / name).unlink()
    for name, text in modules.items():
        (COMPILED_DIR / name).write_text(text, encoding="utf-8")
    print(f"generator/compiled_templates/: {len(modules)} templates")


if __name__ == "__main__":
    main()
