"""errors.py: an error is one line on a terminal, whatever characters the spec holds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SpecError, one_line, printable

CONTROL = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
"""Every C0 and C1 control character, DEL included."""
LINE_BREAKS = [
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]


def looks_like_one_line(text: str) -> bool:
    return text.isprintable() and len(text.splitlines()) <= 1


def test_every_control_character_is_escaped_not_printed() -> None:
    for character in [*CONTROL, *LINE_BREAKS, "\u202e", "\ufeff"]:
        shown = printable(f"a{character}b")
        assert looks_like_one_line(shown), repr(character)
        assert shown.startswith("a\\") and shown.endswith("b"), repr(shown)


def test_printable_text_is_left_as_it_is() -> None:
    assert (
        printable("paths/~1widgets/{name}: café ✓") == "paths/~1widgets/{name}: café ✓"
    )


@given(
    pointer=st.lists(
        st.sampled_from([*CONTROL, *LINE_BREAKS, "a", "/", "\x1b[2J"])
    ).map("".join),
    reason=st.text(),
    file_name=st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=20,
    ),
)
def test_a_spec_error_is_one_printable_line(
    pointer: str, reason: str, file_name: str
) -> None:
    message = str(SpecError(Path("/specs") / file_name, pointer, reason))
    assert looks_like_one_line(message), repr(message)
    assert "\x1b" not in message


def test_one_line_collapses_whitespace_and_cuts_long_text() -> None:
    assert one_line("a\n  b\r\n\tc") == "a b c"
    assert one_line("x\x1b[31my") == "x\\x1b[31my"
    long = one_line("w" * 1000, limit=50)
    assert len(long) == 50 and long.endswith("...")
