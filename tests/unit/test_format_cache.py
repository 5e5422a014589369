"""black's output is cached by (black, mode, text): a warm run gives the same bytes without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator import cache as result_cache
from generator import format as format_stage
from generator.write import read_tree
from tests.helpers import GENERATED, REPO_ROOT, without_spec_paths

SOURCE = {
    PurePosixPath("pkg/mod.py"): "x=( 1,\n 2 )\n",
    PurePosixPath("pkg/README.md"): "r\n\n",
}


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(result_cache.NO_CACHE_ENV, raising=False)
    return tmp_path / "cache"


def test_a_warm_cache_gives_the_same_output_without_black(
    cache_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = format_stage.format_files(SOURCE)
    assert cold[PurePosixPath("pkg/mod.py")] == "x = (1, 2)\n"
    assert len(list((cache_in / "black").iterdir())) == 1

    def no_black(text: str) -> tuple[bool, str]:
        raise AssertionError("black ran although its output was cached")

    monkeypatch.setattr(format_stage, "black_or_reason", no_black)
    assert format_stage.format_files(SOURCE) == cold


def test_a_changed_class_is_the_only_piece_formatted_again(
    cache_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An api-version bump that changes one model reformats that class only."""
    classes = [f"class M{i}:\n  x: int=( {i} )\n" for i in range(5)]
    source = {PurePosixPath("pkg/models.py"): "import os\n" + "".join(classes)}
    format_stage.format_files(source)
    formatted: list[str] = []
    real = format_stage.black_or_reason

    def counting(text: str) -> tuple[bool, str]:
        formatted.append(text)
        return real(text)

    monkeypatch.setattr(format_stage, "black_or_reason", counting)
    classes[3] = "class M3:\n  y: str='changed'\n"
    changed = {PurePosixPath("pkg/models.py"): "import os\n" + "".join(classes)}
    result = format_stage.format_files(changed)[PurePosixPath("pkg/models.py")]
    assert formatted == [classes[3]]
    assert 'class M3:\n    y: str = "changed"\n' in result


def test_a_cached_entry_is_still_compiled(cache_in: Path) -> None:
    """A damaged cache entry cannot put code that does not compile into the output."""
    format_stage.format_files(SOURCE)
    (entry,) = (cache_in / "black").iterdir()
    entry.write_text("def (:\n", encoding="utf-8")
    with pytest.raises(format_stage.OutputError, match="does not compile"):
        format_stage.format_files(SOURCE)


def test_with_the_cache_off_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(result_cache.NO_CACHE_ENV, "1")
    format_stage.format_files(SOURCE)
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv(
        result_cache.NO_CACHE_ENV, "0"
    )  # the same call with the cache on writes
    format_stage.format_files(SOURCE)
    assert any((tmp_path / "cache" / "black").iterdir())


def test_warm_generation_in_a_process_is_byte_identical(tmp_path: Path) -> None:
    environment = {"ARMGEN_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    trees = []
    for run in ("cold", "warm"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, "-m", "generator", "generate", "--out", str(out)],
            cwd=REPO_ROOT,
            env=environment,
            check=True,
            capture_output=True,
        )
        trees.append(read_tree(out))
    assert trees[0] == trees[1]
    assert without_spec_paths(trees[0]) == without_spec_paths(read_tree(GENERATED))
    assert any((tmp_path / "cache" / "black").iterdir())
