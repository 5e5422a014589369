"""How much one spec may make the generator read and build, and the running count against it.

Every budget is checked while the work grows (bytes before a file is read, values as they are
parsed, `$ref` steps as they are followed), so input over a budget is refused in the time it
takes to reach the budget, never after the work it asks for. Each refusal names its budget and
the value, so a user with a legitimately larger spec knows what was hit.

The values: upstream virtualMachineScaleSet.json and the files it references are 510 kB of
JSON, 9 000 values, 324 000 characters of text, nesting 9, no `$ref` to a `$ref`, and 2 000 `$ref`
steps to validate and model all 56 operations. The budgets allow 25 to 50 times that (a
closure of some 15 MB of JSON), so the largest published specs fit. The work a spec asks for is
linear in what they admit: bench/load_budgets.py times the costliest spec under each
(loading is at most 3 s; `validate` of 250 000 values of tiny models takes about 15 s, most of
it openapi-spec-validator).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SPEC_BYTES = 16 * 1024 * 1024
MAX_VALUES = 250_000
MAX_TEXT = 8 * 1024 * 1024
MAX_INTEGER_DIGITS = 100
MAX_NESTING = 100
MAX_REF_CHAIN = 32
MAX_REF_STEPS = 100_000


@dataclass(frozen=True)
class Budgets:
    """The limits of one load; tests pass smaller ones, the generator always the defaults."""

    spec_bytes: int = MAX_SPEC_BYTES
    """Bytes read for a spec and every file it references, together."""
    values: int = MAX_VALUES
    """Values (mappings, lists, scalars) of all its documents, YAML aliases expanded."""
    text: int = MAX_TEXT
    """Characters of all its strings, keys included, YAML aliases expanded."""
    integer_digits: int = MAX_INTEGER_DIGITS
    """Digits of one integer (Python refuses to convert past 4300; no API needs 20)."""
    nesting: int = MAX_NESTING
    """Depth of mappings and lists; the later stages recurse as deep (jsonschema fails near
    400)."""
    ref_chain: int = MAX_REF_CHAIN
    """`$ref`s followed from one `$ref` before a value that is not a reference."""
    ref_steps: int = MAX_REF_STEPS
    """`$ref` steps all stages together may follow for one spec. References that fan out
    (schemas whose properties name five schemas of the level below by JSON pointer, eight
    levels deep) made the model stage build 488 281 models from 11 kB, for a minute."""


DEFAULT_BUDGETS = Budgets()


class Allowance:
    """What is left of the budgets of one load: one per spec (all its files), or per document
    read on its own (an example, a project file)."""

    def __init__(self, budgets: Budgets = DEFAULT_BUDGETS) -> None:
        self.budgets = budgets
        self.bytes_read = 0
        self.values = 0
        self.text = 0

    def bytes_reason(self, name: str, size: int) -> str | None:
        """Why a file of `size` bytes may not be read now, or None when it may."""
        limit = self.budgets.spec_bytes
        if self.bytes_read == 0 and size > limit:
            return f"{name} is {size} bytes, over the byte budget ({limit} bytes)"
        if self.bytes_read + size > limit:
            return (
                f"{name} is {size} bytes; with the {self.bytes_read} bytes of the files"
                f" read before it that is over the byte budget ({limit} bytes) of a spec"
                " and the files it references"
            )
        return None


def values_reason(limit: int, aliases: bool) -> str:
    return f"more than {limit} values (the value budget){_ONCE_EXPANDED if aliases else ''}"


def text_reason(limit: int, aliases: bool) -> str:
    return (
        f"more than {limit} characters of text (the text budget)"
        f"{_ONCE_EXPANDED if aliases else ''}"
    )


def digits_reason(digits: int, limit: int) -> str:
    return f"an integer of {digits} digits, over the integer budget ({limit} digits)"


def nesting_reason(limit: int) -> str:
    return f"nested more than {limit} deep (the nesting budget)"


_ONCE_EXPANDED = " once YAML aliases (*name) are expanded"


__all__ = [
    "DEFAULT_BUDGETS",
    "MAX_INTEGER_DIGITS",
    "MAX_NESTING",
    "MAX_REF_CHAIN",
    "MAX_REF_STEPS",
    "MAX_SPEC_BYTES",
    "MAX_TEXT",
    "MAX_VALUES",
    "Allowance",
    "Budgets",
]
