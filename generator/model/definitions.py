"""The names of definitions: which model name each definition gets (cross-file collisions
settled from the files alone) and the Python class name of a model name."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from generator.load import LoadedSpec, Node
from generator.naming import pascal_case


def cross_file_names(spec: LoadedSpec) -> dict[tuple[Path, str], str]:
    """Model names for definitions that several files of the spec define: the root file's
    keeps its name; another file's is named after its file (`ErrorResponseFromTypes`), and
    numbered in path order when that is taken too. Decided from the files alone, so a
    definition's name never depends on which operations are generated."""
    files_by_name: dict[str, list[Path]] = {}
    for file in sorted(
        spec.documents, key=lambda f: relative_to_root(f, spec.root_file)
    ):
        document = spec.documents[file]
        definitions = (
            document.get("definitions") if isinstance(document, Mapping) else None
        )
        if isinstance(definitions, Mapping):
            for name in definitions:
                if isinstance(name, str):
                    files_by_name.setdefault(name, []).append(file)
    taken = {name for name in files_by_name}
    renamed: dict[tuple[Path, str], str] = {}
    for name, files in sorted(files_by_name.items()):
        if len(files) < 2:
            continue
        for file in files:
            if file == spec.root_file:
                continue
            base = f"{name}From{pascal_case(file.stem) or 'File'}"
            candidate, counter = base, 2
            while candidate in taken:
                candidate, counter = f"{base}{counter}", counter + 1
            taken.add(candidate)
            renamed[(file, name)] = candidate
    return renamed


def relative_to_root(file: Path, root_file: Path) -> str:
    """`file` as the spec's own `$ref`s would name it from the root file's folder."""
    return Path(os.path.relpath(file, root_file.parent)).as_posix()


def definition_name(node: Node) -> str | None:
    parts = node.pointer.split("/")
    if len(parts) == 3 and parts[1] == "definitions":
        return parts[2].replace("~1", "/").replace("~0", "~")
    return None


def python_class_name(name: str) -> str:
    class_name = pascal_case(name)
    return class_name if class_name[:1].isalpha() else "Model" + class_name
