"""Imports as data: each generated module's views say what they use, as they are built, and the
module's import block is laid out from that, in the order ruff's isort keeps.

No generated text is searched for names; a name imported and unused, or used and not imported,
is a bug in the view that used it (the corpus tests run ruff's F rules over every package).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.render.layout import fits

STDLIB = frozenset(
    {"builtins", "collections.abc", "dataclasses", "datetime", "enum", "json", "re"}
    | {"types", "typing", "urllib.parse", "base64", "email.utils", "threading"}
)
"""The standard-library modules generated code imports (isort's stdlib section)."""


@dataclass(frozen=True)
class ImportLine:
    """`from module import names`, or `import module [as alias]` when `names` is empty."""

    module: str
    names: tuple[str, ...] = ()
    alias: str | None = None

    @property
    def fits(self) -> bool:
        """`from module import names` fits on one line (else black puts one name a line)."""
        return fits(0, f"from {self.module} import {', '.join(self.names)}")


@dataclass(frozen=True)
class ImportBlock:
    """A module's imports: `from __future__ import annotations`, then the sections isort keeps
    apart (standard library, third party, the package's own modules), blank lines between.
    """

    sections: tuple[tuple[ImportLine, ...], ...]


class Imports:
    """What one generated module imports, gathered while its views are built.

    `location` is the module's package inside the generated package, as parts: () for the
    package itself, ("aio",), ("operations",), ("aio", "operations"); local modules are named
    from the package's top (`models`, `_wire`) and imported relatively.
    """

    def __init__(self, location: tuple[str, ...] = ()) -> None:
        self._location = location
        self._names: dict[str, set[str]] = {}
        self._modules: dict[str, str | None] = {}

    def name(self, module: str, *names: str) -> None:
        """`from module import name`; `module` is a dotted absolute module, or a local one."""
        self._names.setdefault(module, set()).update(names)

    def local(self, module: str, *names: str) -> None:
        """`from <relative module> import name` for a module of the generated package."""
        self.name(self._relative(module), *names)

    def local_module(self, module: str) -> None:
        """`from <relative package> import module` for a module of the generated package: its
        names are then used as `module.name`, and a private module's name starts with `_`, so
        no name the spec makes (never starting with `_`) can shadow it."""
        parent, _, leaf = module.rpartition(".")
        self.name(self._relative(parent), leaf)

    def module(self, module: str, alias: str | None = None) -> None:
        """`import module [as alias]`."""
        self._modules[module] = alias

    def merge(self, other: Imports) -> None:
        for module, names in other._names.items():
            self.name(module, *names)
        self._modules.update(other._modules)

    def block(self) -> ImportBlock:
        stdlib: list[ImportLine] = []
        third_party: list[ImportLine] = []
        local: list[ImportLine] = []
        plain = sorted(self._modules.items(), key=lambda item: item[0].lower())
        for module, alias in plain:
            section = stdlib if module in STDLIB else third_party
            section.append(ImportLine(module, (), alias))
        for module in sorted(self._names, key=_module_order):
            line = ImportLine(module, import_order(self._names[module]))
            if module.startswith("."):
                local.append(line)
            elif module in STDLIB:
                stdlib.append(line)
            else:
                third_party.append(line)
        return ImportBlock(
            tuple(tuple(section) for section in (stdlib, third_party, local) if section)
        )

    def _relative(self, module: str) -> str:
        dots = "." * (len(self._location) + 1)
        return dots + module


def _module_order(module: str) -> tuple[int, str]:
    """isort's order: absolute modules by name; relative ones furthest first."""
    depth = len(module) - len(module.lstrip("."))
    return (-depth, module.lstrip(".").lower())


def export_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff keeps `__all__` in (RUF022): CONSTANTS, Classes, the rest, naturally."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=False)))


def import_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff's isort keeps imported names in: as `__all__`, but case-insensitive."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=True)))


def _isort_key(
    name: str, *, fold_case: bool
) -> tuple[int, list[tuple[int, int | str]], str]:
    name = name.split(" as ")[0]
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    pieces = re.split(r"(\d+)", name.lower() if fold_case else name)
    natural = [(1, int(p)) if p.isdigit() else (0, p) for p in pieces if p]
    return group, natural, name


__all__ = [
    "ImportBlock",
    "ImportLine",
    "Imports",
    "export_order",
    "import_order",
]
