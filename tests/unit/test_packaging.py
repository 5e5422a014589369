"""pyproject.toml ships every module and template: a regular install (a wheel, not `-e`) works
with no source tree around it. CI builds and installs the wheel; this keeps the lists whole.
"""

from __future__ import annotations

import fnmatch

import tomllib

from tests.helpers import REPO_ROOT

SETUPTOOLS = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["tool"][
    "setuptools"
]
GENERATOR = REPO_ROOT / "generator"
TEMPLATES = REPO_ROOT / "templates"


def test_every_python_package_of_the_generator_is_shipped() -> None:
    on_disk = {
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for init in GENERATOR.rglob("__init__.py")
    }
    listed = {
        name
        for name in SETUPTOOLS["packages"]
        if not name.startswith("generator.templates")
    }
    assert listed == on_disk


def test_every_template_is_shipped_inside_the_package() -> None:
    assert SETUPTOOLS["package-dir"] == {"generator.templates": "templates"}
    folders = {TEMPLATES, *(p for p in TEMPLATES.rglob("*") if p.is_dir())}
    for folder in folders:
        package = ".".join(
            ("generator", "templates", *folder.relative_to(TEMPLATES).parts)
        )
        assert package in SETUPTOOLS["packages"], package
        patterns = SETUPTOOLS["package-data"][package]
        for file in folder.iterdir():
            if file.is_file():
                assert any(fnmatch.fnmatch(file.name, p) for p in patterns), file
