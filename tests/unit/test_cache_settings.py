"""The cache's settings are read from the environment in one place and passed as one object:
the stages use the settings they are given, not the environment of the moment."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from generator import cache as result_cache
from generator import format as format_stage
from generator.cache import CacheSettings
from generator.pipeline import project_options
from tests.helpers import REPO_ROOT

SOURCE = {PurePosixPath("pkg/mod.py"): "x=( 1,\n 2 )\n"}


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"ARMGEN_NO_CACHE": "1", "ARMGEN_CACHE_DIR": "/c"}, "linux", None),
        ({"ARMGEN_NO_CACHE": "0", "ARMGEN_CACHE_DIR": "/c"}, "linux", Path("/c")),
        ({"ARMGEN_NO_CACHE": "", "XDG_CACHE_HOME": "/x"}, "linux", Path("/x/armgen")),
        ({"LOCALAPPDATA": "/l"}, "win32", Path("/l/armgen")),
        ({}, "darwin", Path.home() / "Library" / "Caches" / "armgen"),
        ({}, "linux", Path.home() / ".cache" / "armgen"),
    ],
)
def test_settings_from_the_environment(
    environ: dict[str, str], platform: str, expected: Path | None
) -> None:
    assert CacheSettings.from_environment(environ, platform).directory == expected


def test_the_stage_uses_the_settings_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(result_cache.NO_CACHE_ENV, "1")
    format_stage.format_files(SOURCE, CacheSettings(tmp_path / "given"))
    assert any((tmp_path / "given" / "black").iterdir())
    monkeypatch.setenv(result_cache.NO_CACHE_ENV, "0")
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(tmp_path / "environment"))
    format_stage.format_files(SOURCE, CacheSettings(None))
    assert not (tmp_path / "environment").exists()


def test_options_carry_the_settings_read_when_they_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(result_cache.NO_CACHE_ENV, raising=False)
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(tmp_path))
    options = project_options(REPO_ROOT / "spec" / "codegen.yaml")
    assert options.cache == CacheSettings(tmp_path)
