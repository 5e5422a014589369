"""Stage 4, render: turn the API model into the text of each generated file.

Decisions are made here, in Python: names, annotations, conversions, docstrings, imports.
Templates receive ready values and only lay them out. Spec text is handed over as `SpecText`,
which the environment refuses to print unless an escaping filter (escape.py) has run on it.

One module per section: `views` (what templates see), `conversions` (types and JSON
conversions), `models`, `operations`, `errors`, `docs`, `imports`, and `package`, which puts
the package's view together and renders every file; `environment` is the Jinja set-up.
"""

from generator.render.environment import TEMPLATES_DIR, make_environment
from generator.render.package import (
    GROUPS_ONLY,
    LONG_RUNNING_ONLY,
    PACKAGE_OUTPUTS,
    render_package,
)

__all__ = [
    "GROUPS_ONLY",
    "LONG_RUNNING_ONLY",
    "PACKAGE_OUTPUTS",
    "TEMPLATES_DIR",
    "make_environment",
    "render_package",
]
