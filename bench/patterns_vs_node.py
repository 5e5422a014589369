"""Does the generated client's check match what ECMA-262 matches? Ask Node.js.

    .venv/bin/python bench/patterns_vs_node.py [SEED] [COUNT]

Builds random ECMA-262 patterns (anchors, classes, `\\d \\w \\s \\S \\b`, `.`, groups, named
groups, lookaheads, alternation, lazy and counted quantifiers) and random non-empty arguments
over characters where the two languages could differ (NO-BREAK SPACE, LINE SEPARATOR, `\\r`,
non-ASCII letters), then compares, for every pattern armgen accepts, Python's
`re.search(python_pattern(p), s, re.ASCII)` with Node's `new RegExp(p).test(s)`. Arguments
hold no `\\n` and are never empty: the generated `_require_text` refuses both before matching.
Prints the differences and a count. Needs `node` on PATH; not part of the test suite.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

from generator.model.patterns import PatternError, python_pattern

ATOMS = [
    *("a", "b", "-", "\\.", ".", " ", "\u00a0", "\u2028", "\\d", "\\w", "\\s", "\\S"),
    *("\\D", "\\W", "[ab]", "[^a]", "[\\s]", "[\\S]", "[a-c]", "[\\d-]", "\\b", "\\B"),
    *("\\x41", "\\u00e9", "é", "_", "[.]", "\\-", "[\\w.]", "[^\\s]", "\\/"),
]
QUANTIFIERS = ["", "", "", "?", "*", "+", "{1,2}", "{2}", "??", "*?"]
ALPHABET = "ab-. _\u00a0\u2028\u2029\re0A\u00e9Z"


def random_pattern(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.15 and depth < 2:
            inner = random_pattern(rng, depth + 1)
            if rng.random() < 0.3:
                inner += "|" + random_pattern(rng, depth + 1)
            opening = rng.choice(
                ["(", "(?:", f"(?<g{rng.randint(0, 99)}>", "(?=", "(?!"]
            )
            atom = opening + inner + ")"
        else:
            atom = rng.choice(ATOMS)
        zero_width = atom.startswith(("(?=", "(?!", "\\b", "\\B"))
        parts.append(atom + ("" if zero_width else rng.choice(QUANTIFIERS)))
    pattern = "".join(parts)
    if depth == 0:
        pattern = ("^" if rng.random() < 0.6 else "") + pattern
        pattern += "$" if rng.random() < 0.6 else ""
    return pattern


def main(seed: int, count: int) -> int:
    rng = random.Random(seed)
    cases: list[tuple[str, str, str]] = []
    while len(cases) < count:
        pattern = random_pattern(rng)
        names = re.findall(r"\(\?<(g\d+)>", pattern)
        if len(names) != len(set(names)):
            continue
        try:
            translated = python_pattern(pattern)
        except PatternError:
            continue
        for _ in range(6):
            argument = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8)))
            cases.append((pattern, translated, argument))
    script = """
    const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    console.log(JSON.stringify(cases.map(([p, s]) => {
      try { return new RegExp(p).test(s); } catch (e) { return 'error: ' + e.message; }
    })));
    """
    node = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([(p, s) for p, _, s in cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    differences = 0
    for (pattern, translated, argument), ecma in zip(
        cases, json.loads(node.stdout), strict=True
    ):
        python = re.search(translated, argument, re.ASCII) is not None
        if python != ecma:
            differences += 1
            print(f"{pattern!r} -> {translated!r} on {argument!r}: {python} vs {ecma}")
    patterns = len({pattern for pattern, _, _ in cases})
    print(
        f"{len(cases)} arguments, {patterns} accepted patterns, {differences} differences"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(
        main(*(int(arg) for arg in sys.argv[1:3])) if sys.argv[1:] else main(0, 3000)
    )
