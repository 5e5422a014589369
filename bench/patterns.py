"""What a path parameter's pattern costs the generated client on a hostile 1 KiB argument.

    .venv/bin/python bench/patterns.py

For each pattern: whether armgen accepts it (generator/model/patterns.py) and, for an accepted
one, the slowest `re.search(python_pattern(p), argument, re.ASCII)` over arguments built to
make it backtrack (a run of one character, 1 KiB long, then one that breaks the match); for a
refused one, what Python's `re` takes on the pattern as written: on 1 KiB when it is refused as
polynomial, on only 24 characters when refused as exponential. Prints a Markdown table. Not
part of the test suite.
"""

from __future__ import annotations

import re
import statistics
import time

from generator.model.patterns import PatternError, python_pattern

ACCEPTED_OR_NOT = [
    r"^[-\w\._]+$",  # the upstream Compute files' only pattern
    r"^[-\w\._\(\)]+$",  # ARM's resource group names
    r"[-\w\._]+$",
    r"^[a-z0-9]+(-[a-z0-9]+)*$",
    r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
    r"[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
    r"^(?!.*\.$)[a-z.]+$",
    r"^((?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+[A-Za-z]{2,6}$",
    r"^[^<>%&:\\?/#*$^]*[^<>%&:\\?/#*$^.\s]$",
    r"^(?:[a-z]+-)*[a-z]+$",
    r"^[\s\S]{1,64}$",
    r"^\w*\w*!",
    r"^[a-z]*[a-z]*[a-z]{0,3}$",
    r"^(?:ab)*(?:ab)*!",
    r"(?=.*[a-z])(?=.*[A-Z])^.{8,}$",
    r"^(a+)+$",
    r"^(\w+\s?)*$",
    r"(x+x+)+y",
    r"\w*\w*!",
    r"^\w+\w+\w+!",
]
RUNS = ("a", "x", "-", ".", "0", "ab", "a-", "a.", " ", "\u2028")
BREAKERS = ("!", "\u2028", "", ".", "-")


def slowest(pattern: str, length: int) -> float:
    """Seconds of the slowest search over the hostile arguments of about `length`."""
    compiled = re.compile(pattern, re.ASCII)
    worst = 0.0
    for run in RUNS:
        for breaker in BREAKERS:
            argument = run * (length // len(run)) + breaker
            times = []
            for _ in range(3):
                start = time.perf_counter()
                compiled.search(argument)
                times.append(time.perf_counter() - start)
            worst = max(worst, statistics.median(times))
    return worst


def main() -> None:
    print("| pattern | armgen | slowest search |")
    print("| --- | --- | --- |")
    for pattern in ACCEPTED_OR_NOT:
        try:
            translated = python_pattern(pattern)
        except PatternError as error:
            length = 24 if "more than one way" in str(error) else 1024
            seconds = slowest(pattern, length)
            print(
                f"| `{pattern}` | refused: {str(error).split(',')[0]} | {seconds * 1000:.2f} ms"
                f" on {length} characters, as written |"
            )
            continue
        seconds = slowest(translated, 1024)
        print(f"| `{pattern}` | accepted | {seconds * 1000:.2f} ms on 1 KiB |")


if __name__ == "__main__":
    main()
