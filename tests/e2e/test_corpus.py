"""Every spec the tests know gives a package that imports and passes `ruff check --select F`
and `mypy --strict`, or is refused with one clear line naming what is not supported.

The corpus and the invariant are defined in tests/helpers/corpus.py: the AutoRest test
server's Swagger files (all of them), Microsoft's files in ../shared, our own spec/ and the
hostile-but-valid cases of tests/bad_specs. The whole corpus is generated once for this module
(tests/helpers/corpus_run.py: one worker per core, then one ruff run, one mypy run and one
importing interpreter over all packages), and each file is then judged by its own test, so a
failure names the file and its first findings.

What does not hold today is listed there, strictly in both directions: REFUSALS (files refused
today, with the construct named) and KNOWN_FAILURES (files that fail today, with the exact kinds
of failure and why). A file outside these lists that is refused or fails, a listed file that now
generates or passes, and a listed failure whose kinds changed, all fail the test: the lists can
only shrink, by the change that fixes each entry. This is the only acceptable way to land a
list of known failures here; `python bench/corpus.py` prints the table and the lists as they
are now.
"""

from __future__ import annotations

from typing import NoReturn

import pytest

from tests.helpers.corpus import (
    KNOWN_FAILURES,
    NOT_SPECS,
    REFUSALS,
    CorpusFile,
    corpus,
    spec_folder_non_specs,
)
from tests.helpers.corpus_run import CANARIES, NO_PROJECT_FILE, CorpusRun, run_corpus

try:
    CORPUS: tuple[CorpusFile, ...] = corpus()
    MISSING = ""
except FileNotFoundError as error:
    CORPUS, MISSING = (), str(error)

NAMES = [file.name for file in CORPUS]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    return run_corpus(CORPUS, tmp_path_factory.mktemp("corpus"))


def test_the_corpus_is_there_and_complete() -> None:
    """The sources are installed, and nothing in them escapes the corpus or the lists."""
    assert not MISSING, MISSING
    testserver = [name for name in NAMES if name.startswith("testserver/")]
    assert len(testserver) >= 70, testserver  # 74 in autorest.testserver 3.3.51
    assert "testserver/lro.json" in NAMES
    assert sum(name.startswith("azure-specs/") for name in NAMES) == 10
    assert "spec/compute-vmss-deallocate.yaml" in NAMES
    assert spec_folder_non_specs() == sorted(
        NOT_SPECS
    ), "spec/ has a new file: a spec or not?"
    assert set(REFUSALS) <= set(NAMES), set(REFUSALS) - set(NAMES)
    assert set(KNOWN_FAILURES) <= set(NAMES), set(KNOWN_FAILURES) - set(NAMES)
    assert not set(REFUSALS) & set(KNOWN_FAILURES)
    assert all(known.kinds and known.reason for known in KNOWN_FAILURES.values())


def test_the_checks_find_what_they_look_for(corpus_run: CorpusRun) -> None:
    """A package with one known fault per check goes through the same runs: a check that
    checks nothing (a wrong path, a package mypy never saw) would let it through."""
    assert corpus_run.canaries == {
        package: kinds for package, (_, kinds) in CANARIES.items()
    }


def test_no_project_file_applied(corpus_run: CorpusRun) -> None:
    generated = [v for v in corpus_run.verdicts.values() if v.generated]
    assert generated
    for verdict in generated:
        assert verdict.generation.stdout.rstrip().endswith(NO_PROJECT_FILE), (
            verdict.file.name,
            verdict.generation.stdout,
        )


@pytest.mark.parametrize("name", NAMES)
def test_generates_a_clean_package_or_is_refused_clearly(
    corpus_run: CorpusRun, name: str
) -> None:
    verdict = corpus_run.verdicts[name]
    refusal = verdict.refusal
    if name in REFUSALS:
        if refusal is None:
            fail(
                f"{name} is no longer refused: remove it from REFUSALS; what it gives now"
                f" must hold the invariant: {sorted(verdict.kinds) or 'it does'}",
                verdict.problems(),
            )
        assert REFUSALS[name] in refusal, refusal
        return
    if refusal is not None:
        fail(f"{name} is refused: {refusal}; add it to REFUSALS if that is meant")
    expected = KNOWN_FAILURES[name].kinds if name in KNOWN_FAILURES else frozenset()
    if verdict.kinds == expected:
        return
    if not verdict.kinds:
        fail(f"{name} now holds the invariant: remove it from KNOWN_FAILURES")
    gone, new = sorted(expected - verdict.kinds), sorted(verdict.kinds - expected)
    fail(
        f"{name} fails with {sorted(verdict.kinds)}"
        + (f"; no longer {gone}: update its KNOWN_FAILURES entry" if gone else "")
        + (f"; new: {new}" if new else ""),
        verdict.problems(),
    )


def fail(summary: str, details: str = "") -> NoReturn:
    pytest.fail(
        f"{summary} (tests/helpers/corpus.py)" + (f"\n{details}" if details else ""),
        pytrace=False,
    )
