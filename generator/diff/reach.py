"""Why a model or enum started or stopped being reachable: the changes that made it so.

A model or enum that the compared operations no longer use (or newly use) while both sides
define it breaks nothing on its own; what matters is the change that cut it off or brought it
in. That change sits where the model or enum was, or now is, held: a property whose type
changed, a base dropped, a body or response that changed, an operation removed or added. When
the holder is itself cut off or brought in, the search goes on from the holder.
"""

from __future__ import annotations

from dataclasses import replace

from generator.diff.changes import Change, ChangeKind
from generator.diff.context import Context, has_model
from generator.diff.operations import OperationMatch, match_operations
from generator.diff.slots import Slot, slots

_REACHABILITY = (ChangeKind.NO_LONGER_REACHABLE, ChangeKind.NOW_REACHABLE)


def with_causes(context: Context, changes: list[Change]) -> list[Change]:
    """`changes`, each reachability change with the locations of the changes that caused it.

    A cause is named by the location of a change in `changes`; should none of the places
    found carry a change (which the tests rule out on real specs), the places are named.
    """
    if not any(change.kind in _REACHABILITY for change in changes):
        return changes
    locations = {change.location for change in changes}
    match = match_operations(context)
    result = []
    for change in changes:
        if change.kind in _REACHABILITY:
            what, _, name = change.location.partition(" ")
            gone = change.kind is ChangeKind.NO_LONGER_REACHABLE
            places = _Causes(context, match, gone).of(what, name)
            found = [place for place in places if place in locations] or places
            change = replace(change, caused_by=tuple(dict.fromkeys(found)))
        result.append(change)
    return result


class _Causes:
    """Follows the holders of a model or enum on the side that reaches it."""

    def __init__(self, context: Context, match: OperationMatch, gone: bool) -> None:
        source, self.other = (
            (context.old, context.new) if gone else (context.new, context.old)
        )
        self.other_defined = context.new_defined if gone else context.old_defined
        self.slots = list(slots(source))
        self.match = match
        self.gone = gone
        self.seen: set[tuple[str, str]] = set()

    def of(self, what: str, name: str) -> list[str]:
        if (what, name) in self.seen:
            return []
        self.seen.add((what, name))
        places: list[str] = []
        for slot in self.slots:
            if what == "model" and not slot.refers_to_model(name):
                continue
            if what == "enum" and (slot.base or slot.enum_name != name):
                continue
            places += self._cause_at(slot)
        return places

    def _cause_at(self, slot: Slot) -> list[str]:
        if slot.model is not None:
            if has_model(self.other, slot.model):
                return [slot.where.location]
            if slot.model in self.other_defined.models:
                return self.of("model", slot.model)
            return [f"model {slot.model}"]
        assert slot.operation is not None
        counterpart = self.match.counterpart(slot.operation, in_new=not self.gone)
        if counterpart is None:
            return [slot.operation]
        reported_as = counterpart if self.gone else slot.operation
        return [reported_as + slot.where.location[len(slot.operation) :]]
