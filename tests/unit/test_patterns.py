"""model/patterns.py and model/backtracking.py: a path parameter's ECMA-262 pattern becomes a
Python pattern that means the same and cannot backtrack for long, or is refused with why.

No test here is timed: a refused shape is refused by its structure. What the accepted and
refused patterns cost Python's `re` is measured by bench/patterns.py.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.model.backtracking import MAX_ANALYSIS_STEPS
from generator.model.patterns import MAX_PATTERN_LENGTH, PatternError, python_pattern
from tests.helpers import UPSTREAM_STABLE
from tests.helpers.model_specs import build, build_error, spec_document

COMPUTE_PATTERN = r"^[-\w\._]+$"
"""The only pattern of the upstream Compute files."""


def test_every_upstream_compute_pattern_is_accepted_as_written() -> None:
    patterns = {
        match.group(1)
        for path in sorted(UPSTREAM_STABLE.glob("*/*.json"))
        for match in re.finditer(
            r'"pattern":\s*("(?:[^"\\]|\\.)*")', path.read_text("utf-8")
        )
    }
    assert {json.loads(pattern) for pattern in patterns} == {COMPUTE_PATTERN}
    assert python_pattern(COMPUTE_PATTERN) == COMPUTE_PATTERN


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[-\w\._\(\)]+$",
        r"^[a-z][a-z0-9-]*$",
        r"^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$",
        r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        r"^[a-zA-Z0-9-]{3,24}$",
        r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$",
        r"^((?!-)[A-Za-z0-9-]{1,63}(?<!-)\.)+[A-Za-z]{2,6}$",
        r"^(a|ab)*$",
        r"abc",
        r"a}+",
    ],
)
def test_linear_patterns_are_kept_as_written(pattern: str) -> None:
    assert python_pattern(pattern) == pattern


ECMA_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^(?<name>[a-z]+)$", r"^(?P<name>[a-z]+)$"),
        (r"^.{1,64}$", r"^[^\n\r\u2028\u2029]{1,64}$"),
        (r"^[.]+$", r"^[.]+$"),
        (r"^\s?x$", rf"^[{ECMA_SPACE}]?x$"),
        (r"^\S+$", rf"^[^{ECMA_SPACE}]+$"),
        (r"^[a\s]+$", rf"^[a{ECMA_SPACE}]+$"),
        (r"^[[]+$", r"^[\[]+$"),
        (r"^[&&]+$", r"^[&\&]+$"),
    ],
)
def test_constructs_python_reads_otherwise_are_translated(
    pattern: str, expected: str
) -> None:
    assert python_pattern(pattern) == expected


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("a b", True),
        ("a\u00a0b", True),  # NO-BREAK SPACE: whitespace to ECMA-262, not to re.ASCII
        ("a\u2028b", True),
        ("a\ufeffb", True),
        ("a\u0085b", False),  # NEXT LINE: whitespace to Python's str, not to ECMA-262
        ("ab", False),
    ],
)
def test_whitespace_is_ecma_262s(text: str, matches: bool) -> None:
    assert (re.search(python_pattern(r"^a\sb$"), text, re.ASCII) is not None) is matches
    assert (re.search(python_pattern(r"^a\Sb$"), text, re.ASCII) is not None) is (
        not matches and len(text) == 3
    )


def test_the_dot_does_not_match_ecma_line_terminators() -> None:
    dot = python_pattern(r"^a.b$")
    assert re.search(dot, "a-b", re.ASCII)
    for terminator in "\n\r\u2028\u2029":
        assert re.search(dot, f"a{terminator}b", re.ASCII) is None


def test_s_and_not_s_split_every_character_between_them() -> None:
    space = re.compile(python_pattern(r"^\s$"), re.ASCII)
    not_space = re.compile(python_pattern(r"^[\S]$"), re.ASCII)
    for code in [*range(0x3100), *range(0xFE00, 0x10000), 0x1F600, 0x10FFFF]:
        char = chr(code)
        assert bool(space.search(char)) != bool(not_space.search(char)), hex(code)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("[", "Python's re cannot compile it: unterminated character set"),
        (
            r"(?<=a+)b",
            "Python's re cannot compile it: look-behind requires fixed-width",
        ),
        (r"\u{1F600}", "Python's re cannot compile it"),
        (r"^[a-z]+\Z", r"the escape \Z is not supported"),
        (r"\Aabc", r"the escape \A is not supported"),
        (r"\a", r"the escape \a is not supported"),
        (r"\cJ", r"the escape \c is not supported"),
        (r"(a)\1", "backreferences are not supported"),
        (r"(?<n>a)\k<n>", "backreferences are not supported"),
        (r"(?i)abc", "'(?i' is not ECMA-262"),
        (r"(?>a)", "'(?>' is not ECMA-262"),
        (r"(?P<n>a)", "'(?P' is not ECMA-262"),
        (r"(?(1)a|b)", "'(?(' is not ECMA-262"),
        (r"a*+", "possessive quantifiers"),
        (r"a{2}+", "possessive quantifiers"),
        (r"x{,3}", "'{,n}' is a literal in ECMA-262"),
        (r"[]a]", "an empty class [] or [^]"),
        (r"[^]", "an empty class [] or [^]"),
        (r"[a--]", "'--' in a class"),
        ("abc\\", "it ends with a lone backslash"),
        ("a" * (MAX_PATTERN_LENGTH + 1), "it is longer than 1000 characters"),
    ],
)
def test_what_python_cannot_run_as_written_is_refused(
    pattern: str, reason: str
) -> None:
    with pytest.raises(PatternError) as caught:
        python_pattern(pattern)
    assert str(caught.value).startswith(reason), caught.value


EXPONENTIAL = "a repetition can match the same text in more than one way"
POLYNOMIAL = "repetitions in a row can match the same text"
UNANCHORED = "without a leading ^ the search tries every start"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"^(a+)+$", EXPONENTIAL),  # 29 characters took 10 s before
        (r"^(\w+\s?)*$", EXPONENTIAL),
        (r"^(a|a)*$", EXPONENTIAL),
        (r"x(a|a)*y", EXPONENTIAL),
        (r"^(a|ab|b)*$", EXPONENTIAL),
        (r"(x+x+)+y", EXPONENTIAL),
        (r"^(a{1,100}){1,100}$", EXPONENTIAL),  # counted repetitions nest as well
        (r"^((|)a)+$", EXPONENTIAL),  # two empty ways into each round
        (r"^(a?){30}a{30}$", "a repeated part can match the empty string"),
        (r"^(a*)*$", "a repeated part can match the empty string"),
        (r"^\w*\w*!", POLYNOMIAL),
        (r"^\w+\w+\w+!", POLYNOMIAL),
        (r".*.*=.*", POLYNOMIAL),
        (r"^(?:ab)*(?:ab)*!", POLYNOMIAL),
        (r"^a*(?=.*b)", POLYNOMIAL),  # a repeating lookaround tried at each step
        (r"(?=.*[a-z])(?=.*[A-Z])^.{8,}$", POLYNOMIAL),  # ... or at each start
        (r"[-\w\._]+$", UNANCHORED),
        (r"[a-z0-9]([-a-z0-9]*[a-z0-9])?$", UNANCHORED),
    ],
)
def test_patterns_that_can_backtrack_for_long_are_refused(
    pattern: str, reason: str
) -> None:
    """Refused by shape: exponential and polynomial backtracking, and what the implicit
    search of an unanchored pattern adds."""
    with pytest.raises(PatternError) as caught:
        python_pattern(pattern)
    assert str(caught.value).startswith(reason), caught.value


@pytest.mark.parametrize(
    "pattern", [r"[a-zA-Z0-9']+", r"(a+)+", r"x(a|a)*", r"[a-z][-a-z0-9]*"]
)
def test_a_pattern_without_end_anchor_succeeds_at_the_first_end_reached(
    pattern: str,
) -> None:
    """Without `$` the search stops at the first match, so only the paths that never reach
    the end can be retried: these are linear although ambiguous as whole-text matchers.
    """
    compiled = re.compile(python_pattern(pattern), re.ASCII)
    assert compiled.search("x" + "a" * 50 + "!") is not None
    with pytest.raises(PatternError):
        python_pattern(pattern + "$")


def test_a_pattern_too_complex_to_analyse_is_refused() -> None:
    with pytest.raises(PatternError, match="too complex to prove"):
        python_pattern("[ab]?" * 190 + "$")
    assert MAX_ANALYSIS_STEPS < 10**6


# --- properties ---------------------------------------------------------------------------------

_ATOMS = ["a", "b", "-", r"\.", ".", r"\d", r"\w", r"\s", r"\S", "[ab]", "[^a]", r"\b"]
atom = st.sampled_from(_ATOMS)
quantifier = st.sampled_from(["", "", "?", "*", "+", "{1,2}", "*?"])
piece = st.one_of(
    st.tuples(atom, quantifier).map("".join),
    st.tuples(
        st.lists(st.tuples(atom, quantifier).map("".join), min_size=1, max_size=3)
    )
    .map(lambda parts: "(" + "".join(parts[0]) + ")")
    .flatmap(lambda group: quantifier.map(lambda q: group + q)),
)
ecma_pattern = st.tuples(
    st.sampled_from(["", "^"]), st.lists(piece, max_size=5), st.sampled_from(["", "$"])
).map(lambda parts: parts[0] + "".join(parts[1]) + parts[2])


@settings(max_examples=300, deadline=None)
@given(ecma_pattern)
def test_a_pattern_is_translated_and_compiled_or_refused_never_crashes(
    pattern: str,
) -> None:
    """Whatever the pattern: a PatternError, or a Python pattern that compiles under
    re.ASCII without a warning and keeps every group of the original."""
    try:
        translated = python_pattern(pattern)
    except PatternError as error:
        assert str(error)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compiled = re.compile(translated, re.ASCII)
    assert compiled.groups == pattern.count("(")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_translated_or_refused(pattern: str) -> None:
    try:
        translated = python_pattern(pattern)
    except PatternError:
        return
    re.compile(translated, re.ASCII)


# --- the model stage ----------------------------------------------------------------------------


def widget_spec(pattern: Any, location: str = "path") -> dict[str, Any]:
    name = {"name": "widgetName", "in": location, "type": "string", "pattern": pattern}
    if location == "path":
        name["required"] = True
    path = "/widgets/{widgetName}" if location == "path" else "/widgets"
    return spec_document(
        {
            path: {
                "get": {
                    "operationId": "Widgets_Get",
                    "parameters": [name],
                    "responses": {"200": {"description": "OK"}},
                }
            }
        }
    )


POINTER = "/paths/~1widgets~1{widgetName}/get/parameters/0/pattern"


def test_a_path_pattern_is_refused_at_its_pointer(tmp_path: Path) -> None:
    error = build_error(tmp_path, widget_spec(r"^(a+)+$"))
    assert isinstance(error, SpecError)
    assert error.pointer == POINTER
    assert error.reason.startswith(f"pattern refused: {EXPONENTIAL}")


def test_a_path_pattern_reaches_the_model_translated(tmp_path: Path) -> None:
    api = build(tmp_path, widget_spec(r"^(?<n>.+)$"))
    [parameter] = api.operations[0].parameters
    assert parameter.constraints.pattern == r"^(?<n>.+)$"
    assert parameter.constraints.python_pattern == r"^(?P<n>[^\n\r\u2028\u2029]+)$"


def test_a_pattern_the_client_does_not_check_is_left_alone(tmp_path: Path) -> None:
    """Only path parameters' patterns reach the generated code."""
    api = build(tmp_path, widget_spec(r"^(a+)+$", location="query"))
    [parameter] = api.operations[0].parameters
    assert parameter.constraints.pattern == r"^(a+)+$"
    assert parameter.constraints.python_pattern is None
