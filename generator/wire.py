"""Wire rules the generator applies in more than one place: where a path's placeholders are,
and how a path, query or header value is written as text.

The render stage writes these rules into the generated client (`_wire.text`, `path_segment`);
the cassettes stage computes, from an example, the request that client sends. Both take them
from here, and tests/unit/test_wire.py holds the generated `_wire.text` to `text_of`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
"""A path template's placeholder: `{name}`."""


def placeholders(path: str) -> list[str]:
    """The names of a path template's placeholders, in order."""
    return PLACEHOLDER.findall(path)


def url_template(path: str, url_names: Mapping[str, str]) -> str:
    """The path as a `str.format` template over Python names; literal braces are doubled."""
    pieces: list[str] = []
    rest = path
    while "{" in rest:
        before, _, after = rest.partition("{")
        wire, _, rest = after.partition("}")
        pieces.append(before.replace("}", "}}"))
        pieces.append("{" + url_names[wire] + "}")
    pieces.append(rest.replace("{", "{{").replace("}", "}}"))
    return "".join(pieces)


def text_of(value: Any) -> str:
    """A path, query or header value as the generated client writes it: booleans as JSON
    spells them, lists comma-separated, anything else as str() gives it (strings from example
    files carry dates and bytes already written as text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(text_of(item) for item in value)
    return str(value)


__all__ = ["PLACEHOLDER", "placeholders", "text_of", "url_template"]
