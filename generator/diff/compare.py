"""Compare two API models, api-level first, then operations, then models."""

from __future__ import annotations

from generator.diff.api import api_changes
from generator.diff.changes import Change
from generator.diff.context import Context
from generator.diff.models import models_changes
from generator.diff.operations import operations_changes
from generator.model import Api


def compare_apis(old: Api, new: Api) -> tuple[Change, ...]:
    """Every change from `old` to `new`: api-level first, then operations, then models."""
    context = Context.of(old, new)
    changes = list(api_changes(context))
    changes += operations_changes(context)
    changes += models_changes(context)
    return tuple(changes)
