"""Compare two API models: api-level first, then operations, models and named enums."""

from __future__ import annotations

from dataclasses import replace

from generator.diff.api import api_changes
from generator.diff.changes import Change
from generator.diff.context import Context
from generator.diff.defined import Defined
from generator.diff.enums import enum_renames, enums_changes
from generator.diff.models import models_changes
from generator.diff.operations import operations_changes
from generator.diff.reach import with_causes
from generator.model import Api


def compare_apis(
    old: Api,
    new: Api,
    old_defined: Defined | None = None,
    new_defined: Defined | None = None,
) -> tuple[Change, ...]:
    """Every change from `old` to `new`: api-level first, then operations, models, enums.

    `old_defined` and `new_defined` are what each side's files define (sides.py reads them);
    without them only what the models reach is known, so whatever one side's operations stop
    reaching counts as removed.
    """
    context = Context.of(old, new, old_defined, new_defined)
    context = replace(context, enum_renames=enum_renames(context))
    changes = list(api_changes(context))
    changes += operations_changes(context)
    changes += models_changes(context)
    changes += enums_changes(context)
    return tuple(with_causes(context, changes))
