"""validating_alongside: openapi-spec-validator runs in another process while later stages
run, and its verdict, awaited before the block ends, wins over whatever the block did.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from generator import validate
from generator.cache import CacheSettings
from generator.errors import SpecError
from generator.load import LoadedSpec, load_spec
from generator.validate_worker import ValidatorProcess, WorkerFailed
from tests.helpers import minimal_spec, write_spec

NO_CACHE = CacheSettings(None)


@pytest.fixture(autouse=True)
def with_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the worker: started even though the validator is imported."""
    monkeypatch.setattr(validate, "worker_pays", lambda: True)


def test_a_process_that_validated_before_validates_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()
    monkeypatch.setattr(validate, "_WORKERS_DONE", [])
    monkeypatch.delitem(sys.modules, "openapi_spec_validator", raising=False)
    assert validate.worker_pays()
    with validate.validating_alongside(
        load_spec(write_spec(tmp_path / "ok.yaml", minimal_spec())), NO_CACHE
    ):
        pass
    assert not validate.worker_pays()
    monkeypatch.setattr(ValidatorProcess, "start", _no_worker)
    with (
        pytest.raises(SpecError),
        validate.validating_alongside(invalid_spec(tmp_path), NO_CACHE),
    ):
        pass


def _no_worker(root: Path, documents: Any) -> None:
    raise AssertionError("a worker was started")


def invalid_spec(tmp_path: Path) -> LoadedSpec:
    """Past the quick checks; only openapi-spec-validator refuses it."""
    document = minimal_spec()
    document["paths"]["/things"]["get"]["responses"]["200"] = {"schema": {}}
    return load_spec(write_spec(tmp_path / "spec.yaml", document))


def in_process_error(spec: LoadedSpec) -> SpecError:
    with pytest.raises(SpecError) as caught:
        validate.validate_spec(spec, NO_CACHE)
    return caught.value


def test_the_worker_gives_the_in_process_verdict(tmp_path: Path) -> None:
    spec = invalid_spec(tmp_path)
    expected = in_process_error(spec)
    assert validate.validator_verdict(spec.root_file, dict(spec.documents)) == (
        expected.file,
        expected.pointer,
        expected.reason,
    )
    valid = load_spec(write_spec(tmp_path / "ok.yaml", minimal_spec()))
    assert validate.validator_verdict(valid.root_file, dict(valid.documents)) is None


def test_an_invalid_spec_is_refused_whatever_the_block_did(tmp_path: Path) -> None:
    spec = invalid_spec(tmp_path)
    expected = str(in_process_error(spec))
    ran = []
    with (
        pytest.raises(SpecError) as caught,
        validate.validating_alongside(spec, NO_CACHE),
    ):
        ran.append("block")
    assert (str(caught.value), ran) == (expected, ["block"])
    with (
        pytest.raises(SpecError) as caught,
        validate.validating_alongside(spec, NO_CACHE),
    ):
        raise KeyError("the model stage tripped over the invalid spec")
    assert str(caught.value) == expected
    assert caught.value.__suppress_context__


def test_a_valid_spec_lets_the_block_s_own_error_through(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path / "spec.yaml", minimal_spec()))
    alongside = validate.validating_alongside(spec, NO_CACHE)
    with pytest.raises(KeyError, match="its own"), alongside:
        raise KeyError("its own")


def test_a_pass_is_remembered_and_a_refusal_is_not(tmp_path: Path) -> None:
    cache = CacheSettings(tmp_path / "cache")
    spec = invalid_spec(tmp_path)
    with pytest.raises(SpecError), validate.validating_alongside(spec, cache):
        pass
    assert not (tmp_path / "cache" / "validated").exists()
    valid = load_spec(write_spec(tmp_path / "ok.yaml", minimal_spec()))
    with validate.validating_alongside(valid, cache):
        pass
    assert len(list((tmp_path / "cache" / "validated").iterdir())) == 1


class _DeadWorker:
    stopped = False

    def verdict(self) -> Any:
        raise WorkerFailed

    def stop(self) -> None:
        self.stopped = True


def test_a_dead_worker_means_validating_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = _DeadWorker()
    monkeypatch.setattr(ValidatorProcess, "start", lambda root, documents: worker)
    spec = invalid_spec(tmp_path)
    with (
        pytest.raises(SpecError) as caught,
        validate.validating_alongside(spec, NO_CACHE),
    ):
        pass
    assert str(caught.value) == str(in_process_error(spec))
    assert worker.stopped


def test_a_worker_that_dies_gives_no_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = invalid_spec(tmp_path)
    dying = tmp_path / "dying-python"
    dying.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.buffer.read()\nsys.exit(3)\n",
        encoding="utf-8",
    )
    dying.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(dying))
    worker = ValidatorProcess.start(spec.root_file, spec.documents)
    assert worker is not None
    try:
        with pytest.raises(WorkerFailed):
            worker.verdict()
    finally:
        worker.stop()


def test_without_an_interpreter_to_start_there_is_no_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = invalid_spec(tmp_path)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    assert ValidatorProcess.start(spec.root_file, spec.documents) is None


def test_without_a_worker_the_spec_is_validated_before_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ValidatorProcess, "start", lambda root, documents: None)
    ran = []
    alongside = validate.validating_alongside(invalid_spec(tmp_path), NO_CACHE)
    with pytest.raises(SpecError), alongside:
        ran.append("block")
    assert ran == []
