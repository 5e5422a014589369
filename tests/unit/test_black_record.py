"""The committed record of fixed code black leaves as it is (generator/black_record.py): it is
current, it is used only for the black it was made with, and only for exactly the text it
names, so every output is still black's."""

from __future__ import annotations

from pathlib import PurePosixPath

import black
import pytest

from generator import black_record
from generator import format as format_stage
from generator.pipeline import load_api
from generator.render import render_package
from tests.helpers import SPEC_FILE
from tests.helpers.black_record import shared_pieces, unchanged_by_black


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_NO_CACHE", "1")
    monkeypatch.setenv(format_stage.JOBS_ENV, "1")


def _blacked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts black is run on from now on."""
    seen: list[str] = []
    real = format_stage.black_or_reason

    def counting(text: str) -> tuple[bool, str]:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(format_stage, "black_or_reason", counting)
    return seen


def test_the_record_is_current() -> None:
    version, unchanged = unchanged_by_black(shared_pieces())
    assert (
        version,
        unchanged,
    ) == (
        black_record.BLACK_VERSION,
        black_record.UNCHANGED,
    ), "the record is stale: run .venv/bin/python -m tests.helpers.black_record"
    assert len(unchanged) >= 20


def test_the_installed_black_is_found_without_importing_it() -> None:
    assert format_stage.installed_black_version() == black.__version__


def test_recorded_pieces_skip_black_and_the_files_are_still_black(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered = render_package(load_api(SPEC_FILE), "pkg")
    blacked = _blacked(monkeypatch)
    formatted = format_stage.format_files(rendered)
    recorded = {
        piece
        for path, text in rendered.items()
        if path.suffix == ".py"
        for piece in format_stage.split_top_level(text)
        if format_stage.record_key(black.__version__, piece) in black_record.UNCHANGED
    }
    assert len(recorded) >= 15
    assert not recorded & set(blacked)
    for path, text in rendered.items():
        if path.suffix == ".py":
            mode = format_stage.black_mode()
            assert formatted[path] == black.format_str(text, mode=mode), path


def test_a_record_made_with_another_black_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered = render_package(load_api(SPEC_FILE), "pkg")
    expected = format_stage.format_files(rendered)
    monkeypatch.setattr(format_stage, "installed_black_version", lambda: "0.0")
    blacked = _blacked(monkeypatch)
    assert format_stage.format_files(rendered) == expected
    pieces = {
        piece
        for path, text in rendered.items()
        if path.suffix == ".py"
        for piece in format_stage.split_top_level(text)
    }
    assert set(blacked) == pieces


def test_a_recorded_piece_laid_out_otherwise_is_blacked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stale record speaks for text no longer rendered; the new text is black's to lay out."""
    rendered = render_package(load_api(SPEC_FILE), "pkg")
    pipeline = rendered[PurePosixPath("pkg/_pipeline.py")]
    piece = next(
        piece
        for piece in format_stage.split_top_level(pipeline)
        if piece.startswith("class _ReadGuard")
    )
    assert format_stage.record_key(black.__version__, piece) in black_record.UNCHANGED
    changed = piece.replace("(self", "( self", 1)
    assert changed != piece
    blacked = _blacked(monkeypatch)
    source = {PurePosixPath("pkg/guard.py"): changed}
    formatted = format_stage.format_files(source)[PurePosixPath("pkg/guard.py")]
    assert blacked == [changed]
    assert formatted == black.format_str(changed, mode=format_stage.black_mode())
    assert formatted.strip("\n") == piece.strip("\n")
