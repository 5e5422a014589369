"""A value of a spec file with the place it came from, so every stage can name that place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SpecError, join_pointer


@dataclass(frozen=True)
class Node:
    """A value from a spec file with the file and JSON pointer it sits at."""

    file: Path
    pointer: str
    value: Any

    def child(self, key: str | int) -> Node:
        return Node(self.file, join_pointer(self.pointer, key), self.value[key])

    def get(self, key: str) -> Node | None:
        if isinstance(self.value, Mapping) and key in self.value:
            return self.child(key)
        return None

    def error(self, reason: str) -> SpecError:
        return SpecError(self.file, self.pointer, reason)


class RefusedFile(SpecError):
    """A file that was not read: outside the spec tree, not a regular file, over a budget.

    Its own type so that the cassettes can say "refused" rather than "malformed". Its message
    names the file, never anything in it.
    """


__all__ = ["Node", "RefusedFile"]
