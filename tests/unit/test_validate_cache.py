"""The validated-spec cache and the lazy imports that keep `generate` fast (see bench/).

A marker in the cache only ever skips re-validating the very same content with the same generator
and validator; failures are never remembered.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import cache as result_cache
from generator import cli, diff, validate
from generator.errors import SpecError
from generator.load import load_spec
from generator.validate import validate_spec
from tests.helpers import REPO_ROOT


def spec_file(directory: Path, title: str = "Things", **extra: Any) -> Path:
    document: dict[str, Any] = {
        "swagger": "2.0",
        "info": {"title": title, "version": "2024-01-01"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "Things_List",
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
        **extra,
    }
    path = directory / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


class _ValidatorRan(Exception):
    pass


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(directory))
    monkeypatch.delenv(result_cache.NO_CACHE_ENV, raising=False)
    return directory


def forbid_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building openapi-spec-validator's validator (validate.py::_validator) fail."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise _ValidatorRan

    monkeypatch.setattr(validate, "_validator", refuse)


def markers(cache: Path) -> list[Path]:
    return sorted((cache / "validated").glob("*")) if cache.exists() else []


def test_a_valid_spec_is_validated_once(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = spec_file(tmp_path)
    validate_spec(load_spec(path))
    (marker,) = markers(cache)
    assert marker.read_bytes() == b""  # nothing is stored, so nothing can be read back

    forbid_validator(monkeypatch)
    validate_spec(load_spec(path))  # the same content: the validator is not run again


def test_changed_content_is_validated_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate_spec(load_spec(spec_file(tmp_path)))
    forbid_validator(monkeypatch)
    with pytest.raises(_ValidatorRan):
        validate_spec(load_spec(spec_file(tmp_path, title="Other things")))


def test_a_referenced_file_is_part_of_the_key(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps({"definitions": {"Thing": {"type": "object"}}}))
    path = spec_file(
        tmp_path, definitions={"Local": {"$ref": "./shared.json#/definitions/Thing"}}
    )
    validate_spec(load_spec(path))
    shared.write_text(json.dumps({"definitions": {"Thing": {"type": "string"}}}))
    forbid_validator(monkeypatch)
    with pytest.raises(_ValidatorRan):
        validate_spec(load_spec(path))


def test_the_generator_version_is_part_of_the_key(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = spec_file(tmp_path)
    validate_spec(load_spec(path))
    monkeypatch.setattr(validate, "__version__", "999.0.0")
    forbid_validator(monkeypatch)
    with pytest.raises(_ValidatorRan):
        validate_spec(load_spec(path))


def test_an_invalid_spec_is_never_cached(cache: Path, tmp_path: Path) -> None:
    path = spec_file(tmp_path, schemes=["gopher"])
    for _ in range(2):
        with pytest.raises(SpecError, match="gopher"):
            validate_spec(load_spec(path))
    assert markers(cache) == []


def test_the_cache_can_be_turned_off(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(result_cache.NO_CACHE_ENV, "1")
    path = spec_file(tmp_path)
    validate_spec(load_spec(path))
    assert markers(cache) == []
    forbid_validator(monkeypatch)
    with pytest.raises(_ValidatorRan):
        validate_spec(load_spec(path))


def test_an_unwritable_cache_does_not_fail_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv(result_cache.CACHE_DIR_ENV, str(blocker / "cache"))
    validate_spec(load_spec(spec_file(tmp_path)))


def test_default_cache_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(result_cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv(result_cache.NO_CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    monkeypatch.setattr(sys, "platform", "linux")
    assert result_cache.cache_dir() == Path("/somewhere/cache/armgen")


def test_diff_formats_match_the_report_module() -> None:
    assert cli.DIFF_FORMATS == diff.FORMATS


def _modules_after(code: str, cache: Path) -> set[str]:
    env = {**os.environ, result_cache.CACHE_DIR_ENV: str(cache)}
    env.pop(result_cache.NO_CACHE_ENV, None)
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_the_cli_imports_no_heavy_module_up_front(cache: Path) -> None:
    loaded = _modules_after("import generator.cli", cache)
    heavy = {
        "openapi_spec_validator",
        "jsonschema",
        "generator.diff",
        "generator.cassettes",
    }
    assert not heavy & loaded


def test_validate_with_a_warm_cache_never_imports_the_validator(
    cache: Path, tmp_path: Path
) -> None:
    run = (
        "from generator.cli import main\n"
        f"assert main(['validate', '--spec', {str(spec_file(tmp_path))!r}]) == 0"
    )
    assert "openapi_spec_validator" in _modules_after(run, cache)  # a miss: validated
    assert "openapi_spec_validator" not in _modules_after(run, cache)  # a hit
