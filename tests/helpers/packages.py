"""A generated package, importable for the length of a test: the one way tests generate a
client from a spec file and import it."""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.pipeline import GenerateOptions, generate_files
from generator.write import write_tree


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@contextlib.contextmanager
def generated_package(spec: Path, package: str, out: Path) -> Iterator[ModuleType]:
    """Generate `spec` as `package` into `out` and import it; afterwards it is removed from
    sys.path and sys.modules, so another test can generate a package of the same name.
    """
    tree = generate_files(GenerateOptions(spec=spec, package_name=package), out)
    write_tree(tree.files, tree.root)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.partition(".")[0] == package]:
            del sys.modules[name]
