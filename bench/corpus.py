"""The spec corpus, file by file: what armgen makes of every spec the tests know.

    .venv/bin/python bench/corpus.py [--workers N] [--keep DIR]

Runs what tests/e2e/test_corpus.py runs (tests/helpers/corpus.py says which files and why)
and prints a Markdown table: per file, generated or refused, ruff F findings and mypy --strict
errors by code, whether every module imports, and the generation time; then the REFUSALS and
KNOWN_FAILURES entries that describe this run, to compare with (or paste over) those in
tests/helpers/corpus.py. Also written to bench/out/corpus.md. Not part of the suite.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.corpus import KNOWN_FAILURES, REFUSALS, corpus  # noqa: E402
from tests.helpers.corpus_run import CorpusRun, Verdict, run_corpus  # noqa: E402

OUT = ROOT / "bench" / "out" / "corpus.md"


def _counts(verdict: Verdict, tool: str) -> str:
    counts = Counter(m.code for m in verdict.messages if m.tool == tool)
    if not verdict.generated:
        return "-"
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "0"


def _outcome(verdict: Verdict) -> str:
    if verdict.generated:
        return "generated"
    if verdict.refusal is not None:
        return f"refused: {verdict.refusal}"
    if verdict.generation.traceback:
        last = verdict.generation.traceback.strip().splitlines()[-1]
        return f"**crash**: {last}"
    return f"**exit {verdict.generation.exit}**: {verdict.generation.stderr.strip()}"


def _imports(verdict: Verdict) -> str:
    if not verdict.generated:
        return "-"
    failed = [m.text for m in verdict.messages if m.tool in ("import", "syntax")]
    return "ok" if not failed else "**no**: " + failed[0]


def table(run: CorpusRun) -> str:
    rows = [
        "| file | outcome | ruff F | mypy --strict | import | s | invariant |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, verdict in run.verdicts.items():
        cells = [
            name,
            _outcome(verdict).replace("|", "\\|"),
            _counts(verdict, "ruff"),
            _counts(verdict, "mypy"),
            _imports(verdict).replace("|", "\\|"),
            f"{verdict.generation.seconds:.1f}",
            "holds" if not verdict.kinds else "**fails**",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    holds = sum(not verdict.kinds for verdict in run.verdicts.values())
    rows += [
        "",
        f"{holds} of {len(run.verdicts)} files hold the invariant. Generation"
        f" {run.seconds['generate']:.1f} s, checks {run.seconds['check']:.1f} s.",
        "",
        f"Canaries: {', '.join(f'{k}: {sorted(v)}' for k, v in run.canaries.items())}",
    ]
    return "\n".join(rows) + "\n"


def lists(run: CorpusRun) -> str:
    """REFUSALS and KNOWN_FAILURES as this run found them, with what changed."""
    lines = ["```python", "REFUSALS = {"]
    for name, verdict in run.verdicts.items():
        if verdict.refusal is not None:
            lines.append(f"    {name!r}: {verdict.refusal!r},")
    lines += ["}", "KNOWN_FAILURES = {"]
    for name, verdict in run.verdicts.items():
        if verdict.kinds:
            known = KNOWN_FAILURES.get(name)
            reason = known.reason if known else "TODO: why"
            kinds = ", ".join(repr(kind) for kind in sorted(verdict.kinds))
            lines.append(f"    {name!r}: known({reason!r}, {kinds}),")
    lines += ["}", "```"]
    changed = sorted(
        name
        for name, verdict in run.verdicts.items()
        if (KNOWN_FAILURES[name].kinds if name in KNOWN_FAILURES else frozenset())
        != verdict.kinds
        or (name in REFUSALS) != (verdict.refusal is not None)
    )
    lines.append(
        f"\nDiffer from tests/helpers/corpus.py: {', '.join(changed) or 'none'}"
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--keep", type=Path, default=None, help="generate here and keep it"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="armgen-corpus-") as scratch:
        out = args.keep or Path(scratch)
        run = run_corpus(corpus(), out.resolve(), args.workers)
    report = table(run) + "\n" + lists(run)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
