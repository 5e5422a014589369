"""Stage 1, parse: YAML and JSON to JSON values, duplicate keys refused, budgets counted.

Budgets are given small here, so each boundary is checked exactly (at the budget: read; one
over: refused with the budget's name). tests/e2e/test_load_budgets.py runs the real ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.load import Budgets, load_spec
from generator.load import parse as parse_module
from generator.load.budgets import Allowance
from generator.load.parse import _json_values, parse_document


def parse(name: str, text: str, budgets: Budgets | None = None) -> Any:
    allowance = Allowance(budgets or Budgets())
    return parse_document(Path(name), text.encode("utf-8"), allowance)


def refusal(name: str, text: str, budgets: Budgets | None = None) -> SpecError:
    with pytest.raises(SpecError) as caught:
        parse(name, text, budgets)
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every YAML test runs on libyaml's event parser and on PyYAML's own, the fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(parse_module, "_EventLoader", yaml.SafeLoader)
    else:
        assert parse_module._EventLoader is yaml.CSafeLoader
    return str(request.param)


# --- duplicate keys ----------------------------------------------------------------------------

HOSTS = (
    'swagger: "2.0"\nhost: management.azure.com\npaths: {}\nhost: evil.example.com\n'
)


def test_a_second_host_is_refused_where_it_is(yaml_parser: str) -> None:
    """The issue's case: a second `host:` at the end silently moved the endpoint."""
    error = refusal("spec.yaml", HOSTS)
    assert error.pointer == "/host"
    assert "duplicate key 'host' (line 4)" in error.reason


def test_a_second_operation_is_refused(yaml_parser: str) -> None:
    """The issue's case: a second `post:` turned a long-running operation into a plain call."""
    text = (
        "paths:\n  /widgets/{name}/polish:\n"
        "    post: {operationId: Widgets_Polish, x-ms-long-running-operation: true}\n"
        "    post: {operationId: Widgets_Polish}\n"
    )
    error = refusal("spec.yaml", text)
    assert error.pointer == "/paths/~1widgets~1{name}~1polish/post"
    assert "duplicate key 'post'" in error.reason


def test_keys_that_become_the_same_string_are_duplicates(yaml_parser: str) -> None:
    error = refusal("spec.yaml", "responses:\n  200: {}\n  '200': {}\n")
    assert (error.pointer, "duplicate key '200'" in error.reason) == (
        "/responses/200",
        True,
    )
    assert refusal("spec.yaml", "a: {true: 1, 'true': 2}\n").pointer == "/a/true"


def test_json_duplicates_are_refused_with_their_pointer() -> None:
    error = refusal(
        "spec.json", '{"host": "a", "paths": {"/x": {"get": {}, "get": {}}}}'
    )
    assert error.pointer == "/paths/~1x/get"
    assert "duplicate key 'get'" in error.reason
    assert refusal("spec.json", '{"host": "a", "host": "b"}').pointer == "/host"


def test_merge_keys_are_refused(yaml_parser: str) -> None:
    """`<<` lets a key silently override a merged one: the hazard duplicates are refused for."""
    text = "base: &base {host: a}\nother:\n  <<: *base\n  host: b\n"
    error = refusal("spec.yaml", text)
    assert error.pointer == "/other"
    assert "merge keys (<<) are not supported" in error.reason
    assert "merge keys" in refusal("spec.yaml", "a: <<\n").reason


# --- YAML values -------------------------------------------------------------------------------


def test_yaml_scalars_become_json_values(yaml_parser: str) -> None:
    text = (
        "on: yes\n1: one\n1.5: x\nnull_value: ~\nday: 2024-01-01\n"
        "stamp: 2024-01-01T10:00:00Z\nhex: 0x1F\nquoted: '123'\nplain: '!'\n"
        "tagged: !!str 12\nempty:\n"
    )
    assert parse("spec.yaml", text) == {
        "true": True,  # YAML 1.1: `on` and `yes` are booleans
        "1": "one",
        "1.5": "x",
        "null_value": None,
        "day": "2024-01-01",
        "stamp": "2024-01-01T10:00:00+00:00",
        "hex": 31,
        "quoted": "123",
        "plain": "!",
        "tagged": "12",
        "empty": None,
    }


@pytest.mark.parametrize(
    ("text", "pointer", "reason"),
    [
        ("a: !!binary aGVsbG8=\n", "/a", "the YAML tag !!binary is not supported"),
        ("a: !!set {x}\n", "/a", "!!set"),
        ("a: !!python/name:os.system\n", "/a", "!!python/name:os.system"),
        ("a: !custom x\n", "/a", "!custom"),
        ("a: !!str [1]\n", "/a", "!!str"),
        ("a: 2024-13-45\n", "/a", "not a valid YAML timestamp"),
        ("~: 1\n", "", "a mapping key must be a string, not null"),
        ("? [1]\n: 2\n", "", "not a collection"),
        ("x: &a [1]\n*a : 2\n", "", "not a collection"),
        ("a: &x [1, *x]\n", "/a/1", "YAML alias *x is inside its own anchor"),
        ("a: *nowhere\n", "/a", "YAML alias *nowhere has no anchor"),
        ("a: 1\n---\nb: 2\n", "", "a second YAML document at line 2"),
        ("a: [1\n", "", "invalid YAML at line 2"),
    ],
)
def test_what_is_not_plain_data_is_refused(
    yaml_parser: str, text: str, pointer: str, reason: str
) -> None:
    error = refusal("spec.yaml", text)
    assert (error.pointer, reason in error.reason) == (pointer, True), error


def test_an_anchor_named_again_names_the_newer_value(yaml_parser: str) -> None:
    assert parse("spec.yaml", "a: &x 1\nb: &x 2\nc: *x\n") == {"a": 1, "b": 2, "c": 2}


def test_an_empty_document_is_none(yaml_parser: str) -> None:
    assert parse("spec.yaml", "# nothing\n") is None


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(document=JSON_LIKE, flow=st.booleans())
def test_yaml_reads_what_pyyaml_reads(document: Any, flow: bool) -> None:
    """For plain data, the event-built values are PyYAML's (libyaml's parser here)."""
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert parse("doc.yaml", text) == yaml.safe_load(text)


@settings(max_examples=200, deadline=None)
@given(document=JSON_LIKE, indent=st.sampled_from([None, 0, 2]))
def test_json_values_are_counted_exactly_before_parsing(
    document: Any, indent: int | None
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    assert _json_values(text) == _count(document)


def _count(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(_count(item) for item in value.values())
    if isinstance(value, list):
        return 1 + sum(_count(item) for item in value)
    return 1


# --- budgets -----------------------------------------------------------------------------------


def test_value_budget_yaml(yaml_parser: str) -> None:
    text = "a: [1, 2, 3]\n"  # the mapping, the list, three numbers: 5 values
    assert parse("spec.yaml", text, Budgets(values=5)) == {"a": [1, 2, 3]}
    error = refusal("spec.yaml", text, Budgets(values=4))
    assert error.pointer == "/a/2"
    assert error.reason == "more than 4 values (the value budget)"


def test_value_budget_json() -> None:
    text = '{"a": [1, 2, 3]}'
    assert parse("spec.json", text, Budgets(values=5)) == {"a": [1, 2, 3]}
    error = refusal("spec.json", text, Budgets(values=4))
    assert error.reason == "more than 4 values (the value budget)"


def test_aliases_count_at_their_expanded_size(yaml_parser: str) -> None:
    text = "a: &x [1, 2, 3]\nb: [*x, *x]\n"  # 1 + 4 + (1 + 4 + 4)
    assert parse("spec.yaml", text, Budgets(values=14))["b"][1] == [1, 2, 3]
    error = refusal("spec.yaml", text, Budgets(values=13))
    assert error.pointer == "/b/1"
    assert error.reason == (
        "more than 13 values (the value budget) once YAML aliases (*name) are expanded"
    )


def test_text_budget_counts_keys_and_strings_through_aliases(yaml_parser: str) -> None:
    text = "ab: &s xyz\ncd: *s\n"  # keys 2 + 2, strings 3 + 3
    assert parse("spec.yaml", text, Budgets(text=10)) == {"ab": "xyz", "cd": "xyz"}
    error = refusal("spec.yaml", text, Budgets(text=9))
    assert error.pointer == "/cd"
    assert "more than 9 characters of text (the text budget) once YAML" in error.reason
    json_error = refusal("spec.json", '{"ab": "xyz", "cd": "xyz"}', Budgets(text=9))
    assert json_error.reason == "more than 9 characters of text (the text budget)"


@pytest.mark.parametrize("name", ["spec.yaml", "spec.json"])
def test_integer_budget(name: str) -> None:
    budgets = Budgets(integer_digits=5)
    assert parse(name, '{"a": [99999, -99999]}', budgets) == {"a": [99999, -99999]}
    error = refusal(name, '{"a": [1, -123456]}', budgets)
    assert error.pointer == "/a/1"
    assert error.reason == "an integer of 6 digits, over the integer budget (5 digits)"


def test_the_issues_5000_digit_integer_is_one_clear_refusal() -> None:
    """Python refuses to convert past 4300 digits: a ValueError traceback, before."""
    for name in ("spec.yaml", "spec.json"):
        error = refusal(name, '{"x": ' + "9" * 5000 + "}")
        assert error.reason.startswith("an integer of 5000 digits")


def test_yaml_integers_in_other_bases_are_measured_by_their_value(
    yaml_parser: str,
) -> None:
    budgets = Budgets(integer_digits=5)
    assert parse("spec.yaml", "a: 0x1869F\n", budgets) == {"a": 99999}
    error = refusal("spec.yaml", "a: 0x186A0\n", budgets)  # 100000
    assert "an integer of 6 digits" in error.reason
    binary = "a: 0b" + "1" * 40 + "\n"  # 1099511627775
    assert parse("spec.yaml", binary, Budgets(integer_digits=13)) == {"a": 2**40 - 1}
    error = refusal("spec.yaml", binary, Budgets(integer_digits=12))
    assert "an integer of 13 digits" in error.reason


def test_nesting_budget_yaml(yaml_parser: str) -> None:
    assert parse("spec.yaml", "a: [[1]]\n", Budgets(nesting=3)) == {"a": [[1]]}
    error = refusal("spec.yaml", "a: [[[1]]]\n", Budgets(nesting=3))
    assert error.pointer == "/a/0/0"
    assert error.reason == "nested more than 3 deep (the nesting budget)"


def test_nesting_budget_json() -> None:
    assert parse("spec.json", '{"a": [[1]]}', Budgets(nesting=3)) == {"a": [[1]]}
    error = refusal("spec.json", '{"a": [[[1]]]}', Budgets(nesting=3))
    assert error.pointer == "/a/0/0"
    assert error.reason == "nested more than 3 deep (the nesting budget)"


def test_yaml_nested_past_libyamls_own_limit_names_the_budget(
    yaml_parser: str,
) -> None:
    """libyaml reads ahead and stops at 1000 levels before the values reach the budget."""
    error = refusal("spec.yaml", "[" * 5000 + "]" * 5000)
    assert error.reason.startswith("nested more than 100 deep (the nesting budget)")


def test_the_budgets_are_shared_by_a_spec_and_its_files(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("X: [1, 2]\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: {$ref: 'other.yaml#/X'}\n", encoding="utf-8")
    # spec: mapping, mapping, string (3); other: mapping, list, two numbers (4)
    assert load_spec(spec, budgets=Budgets(values=7)).documents
    with pytest.raises(SpecError) as caught:
        load_spec(spec, budgets=Budgets(values=6))
    assert caught.value.file == (tmp_path / "other.yaml").resolve()
    assert "(the value budget)" in caught.value.reason


def test_an_alias_free_file_over_the_value_budget_is_not_blamed_on_aliases(
    yaml_parser: str,
) -> None:
    """The issue's 30 MB YAML was refused after 95 s 'once aliases are expanded'."""
    error = refusal("spec.yaml", "x:\n" + "- v\n" * 101, Budgets(values=100))
    assert error.reason == "more than 100 values (the value budget)"
    assert error.pointer == "/x/98"
