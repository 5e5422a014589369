"""The order ruff keeps names in, so generated imports and `__all__` pass `ruff check`."""

from __future__ import annotations

import re
from collections.abc import Iterable


def export_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff keeps `__all__` in (RUF022): CONSTANTS, Classes, the rest, naturally."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=False)))


def import_order(names: Iterable[str]) -> tuple[str, ...]:
    """The order ruff's isort keeps imported names in: as `__all__`, but case-insensitive."""
    return tuple(sorted(set(names), key=lambda name: _isort_key(name, fold_case=True)))


def _isort_key(
    name: str, *, fold_case: bool
) -> tuple[int, list[tuple[int, int | str]], str]:
    group = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    pieces = re.split(r"(\d+)", name.lower() if fold_case else name)
    natural = [(1, int(p)) if p.isdigit() else (0, p) for p in pieces if p]
    return group, natural, name
