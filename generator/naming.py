"""Python names from wire names.

Every name is made here, once, in the model stage, and is a valid, safe identifier by
construction: templates never build names from spec text themselves. The wire name stays beside
the Python name for serialization.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping

RESERVED_WORDS = (
    frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"type", "_"}
)
"""Keywords and soft keywords, with "type" pinned so output is the same on Python 3.10 to 3.13."""

_ACRONYM_PLURAL = re.compile(r"([A-Z]{2,})s(?=[A-Z0-9_]|$)")
_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def snake_case(wire_name: str) -> str:
    """`vmScaleSetName` -> `vm_scale_set_name`, `vmInstanceIDs` -> `vm_instance_ids`.

    Only ASCII letters and digits survive, so a name from a spec can never carry code.
    """
    text = _ACRONYM_PLURAL.sub(lambda match: match.group(1) + "S", wire_name)
    text = _ACRONYM_WORD.sub(r"\1_\2", _LOWER_UPPER.sub(r"\1_\2", text))
    words = [word for word in _NOT_WORD.split(text.replace("_", " ")) if word]
    return "_".join(words).lower()


def pascal_case(wire_name: str) -> str:
    """`CloudError` stays, `api-error_base` -> `ApiErrorBase`."""
    words = [word for word in _NOT_WORD.split(wire_name) if word]
    return "".join(word[0].upper() + word[1:] for word in words)


def constant_case(wire_name: str) -> str:
    return snake_case(wire_name).upper()


def safe_identifier(
    candidate: str, *, fallback: str, reserved: Iterable[str] = ()
) -> str:
    """Make `candidate` a usable identifier: never empty, never a digit first, never reserved."""
    name = candidate or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in RESERVED_WORDS or name in frozenset(reserved) or name.startswith("__"):
        name += "_"
    return name


def unique_names(
    wire_to_candidate: Mapping[str, str], *, fallback: str, reserved: Iterable[str] = ()
) -> dict[str, str]:
    """Map each wire name to a distinct identifier.

    Collisions are settled by sorted wire name, not by order in the spec, so reordering a spec
    never renames anything: the first keeps the name, later ones get `_2`, `_3`, ...
    """
    reserved = frozenset(reserved)
    taken = set(reserved)
    result: dict[str, str] = {}
    for wire_name in sorted(wire_to_candidate):
        base = safe_identifier(
            wire_to_candidate[wire_name], fallback=fallback, reserved=reserved
        )
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        taken.add(name)
        result[wire_name] = name
    return {wire_name: result[wire_name] for wire_name in wire_to_candidate}


__all__ = [
    "RESERVED_WORDS",
    "constant_case",
    "pascal_case",
    "safe_identifier",
    "snake_case",
    "unique_names",
]
