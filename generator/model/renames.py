"""The project file's new names for what the spec names badly: a model's class or an operation
group, for the generated client only (the wire names stay the spec's)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SpecError, join_pointer


@dataclass(frozen=True)
class Renames:
    """Class names by model name (as the generated docs list models) and by operation group
    (the operationId prefix); `source` is the project file, named by any refusal."""

    models: Mapping[str, str] = field(default_factory=dict)
    groups: Mapping[str, str] = field(default_factory=dict)
    source: Path | None = None

    def check_known(self, models: Set[str], groups: Set[str]) -> None:
        """Refuse a rename of something the spec does not have: a typo must not pass."""
        for key, renamed, known, what in (
            ("models", self.models, models, "model"),
            ("operation-groups", self.groups, groups, "operation group"),
        ):
            for name in sorted(renamed):
                if name not in known:
                    raise self.error(
                        key, name, f"the spec has no {what} {name!r} to rename"
                    )

    def error(self, key: str, name: str, reason: str) -> SpecError:
        return SpecError(
            self.source or Path("."), join_pointer("/renames", key, name), reason
        )


NO_RENAMES = Renames()

__all__ = ["NO_RENAMES", "Renames"]
