"""naming.py (identifiers from wire names) and escape.py (spec text into generated files)."""

from __future__ import annotations

import ast
import keyword
import re

import pytest

from generator.escape import (
    FILTERS,
    SpecText,
    comment,
    docstring,
    markdown,
    markdown_code,
    python_literal,
)
from generator.naming import (
    RESERVED_WORDS,
    constant_case,
    pascal_case,
    safe_identifier,
    snake_case,
    unique_names,
)

# --- naming ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("vmInstanceIDs", "vm_instance_ids"),
        ("api-version", "api_version"),
        ("IPAddress", "ip_address"),
        ("vmScaleSetName", "vm_scale_set_name"),
        ("resourceGroupName", "resource_group_name"),
        ("subscriptionId", "subscription_id"),
        ("osDiskSizeGB", "os_disk_size_gb"),
        ("HTTPSProxy", "https_proxy"),
        ("ETag", "e_tag"),
        ("VMs", "vms"),
        ("$filter", "filter"),
        ("x-ms-client-request-id", "x_ms_client_request_id"),
        ("already_snake", "already_snake"),
        ("__dunder__", "dunder"),
        ("2ndValue", "2nd_value"),
        ("", ""),
    ],
)
def test_snake_case(wire: str, expected: str) -> None:
    assert snake_case(wire) == expected


@pytest.mark.parametrize(
    "wire", ["größe", "naïveName", "日本語", "emoji🚀Name", "a\u202eb"]
)
def test_snake_case_keeps_only_ascii_letters_digits_and_underscores(wire: str) -> None:
    name = snake_case(wire)
    assert re.fullmatch(r"[a-z0-9_]*", name), name
    assert not name.startswith("_") and not name.endswith("_")
    assert "__" not in name


@pytest.mark.parametrize(
    "wire", ["a; import os", "x)\n__import__('os')", "name'\"", "a b\tc\nd"]
)
def test_snake_case_cannot_carry_code(wire: str) -> None:
    name = snake_case(wire)
    assert name.isidentifier()
    assert re.fullmatch(r"[a-z0-9_]+", name)


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("CloudError", "CloudError"),
        ("api-error_base", "ApiErrorBase"),
        ("virtualMachineScaleSet", "VirtualMachineScaleSet"),
        ("all_instances", "AllInstances"),
        ("VirtualMachineScaleSetVMInstanceIDs", "VirtualMachineScaleSetVMInstanceIDs"),
        ("", ""),
    ],
)
def test_pascal_case(wire: str, expected: str) -> None:
    assert pascal_case(wire) == expected


def test_constant_case() -> None:
    assert constant_case("vmInstanceIDs") == "VM_INSTANCE_IDS"


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("name", "name"),
        ("", "field"),
        ("2nd_value", "field_2nd_value"),
        ("class", "class_"),
        ("import", "import_"),
        ("none", "none"),
        ("match", "match_"),
        ("case", "case_"),
        ("type", "type_"),
        ("_", "__"),
        ("__class__", "__class___"),
    ],
)
def test_safe_identifier(candidate: str, expected: str) -> None:
    name = safe_identifier(candidate, fallback="field")
    assert name == expected
    assert name.isidentifier()
    assert not keyword.iskeyword(name)
    assert not keyword.issoftkeyword(name)


def test_safe_identifier_pads_caller_reserved_names() -> None:
    assert safe_identifier("self", fallback="p", reserved={"self"}) == "self_"
    assert safe_identifier("self", fallback="p") == "self"


def test_reserved_words_cover_keywords_soft_keywords_and_type() -> None:
    assert set(keyword.kwlist) <= RESERVED_WORDS
    assert {"match", "case", "type", "_"} <= RESERVED_WORDS


@pytest.mark.parametrize(
    "wire", ["class", "type", "match", "2fast", "", "日本", "from_dict", "async"]
)
def test_snake_then_safe_is_always_a_usable_identifier(wire: str) -> None:
    name = safe_identifier(snake_case(wire), fallback="field", reserved={"from_dict"})
    assert name.isidentifier()
    assert not keyword.iskeyword(name) and not keyword.issoftkeyword(name)
    assert name not in {"type", "from_dict"}


def test_unique_names_settles_collisions_by_sorted_wire_name() -> None:
    candidates = {"vm_id": "vm_id", "vmID": "vm_id", "VmId": "vm_id"}
    names = unique_names(candidates, fallback="field")
    assert names == {"VmId": "vm_id", "vmID": "vm_id_2", "vm_id": "vm_id_3"}
    # Same answer whatever the order of the input; output keeps the input's order.
    reordered = dict(reversed(list(candidates.items())))
    assert unique_names(reordered, fallback="field") == names
    assert list(unique_names(reordered, fallback="field")) == list(reordered)


def test_unique_names_with_reserved_padding_and_fallbacks() -> None:
    names = unique_names(
        {"class": "class", "klass": "class_", "": "", "日本": "", "self": "self"},
        fallback="field",
        reserved={"self"},
    )
    assert len(set(names.values())) == len(names)
    assert names["class"] == "class_"
    assert names["klass"].startswith("class_") and names["klass"] != "class_"
    assert names["self"] == "self_"
    assert {names[""], names["日本"]} == {"field", "field_2"}
    assert all(name.isidentifier() for name in names.values())


def test_unique_names_never_hands_out_a_reserved_name() -> None:
    names = unique_names(
        {"a": "kwargs", "b": "kwargs_", "c": "kwargs"},
        fallback="p",
        reserved={"kwargs"},
    )
    assert "kwargs" not in names.values()
    assert len(set(names.values())) == 3


# --- python_literal ----------------------------------------------------------------------------

NASTY_STRINGS = [
    "",
    "plain",
    "it's",
    'say "hi"',
    "both ' and \" quotes",
    '"""triple double"""',
    "'''triple single'''",
    '""""four""""',
    "back\\slash",
    "ends with backslash\\",
    "\\",
    "\\'",
    '\\"',
    "line\nbreak",
    "carriage\rreturn",
    "tab\there",
    "nul\x00byte",
    "escape \x1b[31m red",
    "{{ jinja }} {% raw %} {# comment #}",
    "f-string {x} and {{y}}",
    "unicode café 日本 🚀",
    "line\u2028separator",
    "paragraph\u2029separator",
    "right\u202eto-left override",
    "zero\u200bwidth",
    "next\x85line",
    "\\N{BULLET} \\u0041 \\x41",
    "#not a comment",
    "'); import os; ('",
]


@pytest.mark.parametrize("text", NASTY_STRINGS)
def test_python_literal_round_trips_strings(text: str) -> None:
    literal = python_literal(text)
    assert ast.literal_eval(literal) == text
    # It fits on one source line and is one expression.
    assert len(literal.splitlines()) == 1
    for raw in ("\n", "\r", "\u2028", "\u2029", "\u202e", "\x85", "\x00"):
        assert raw not in literal
    module = ast.parse(f"value = {literal}\n")
    assert len(module.body) == 1
    assert isinstance(module.body[0], ast.Assign)


def test_python_literal_of_spec_text_is_a_plain_string() -> None:
    literal = python_literal(SpecText('a "b"'))
    assert type(literal) is str
    assert ast.literal_eval(literal) == 'a "b"'


def test_python_literal_round_trips_json_values() -> None:
    value = {
        "s": "x\n'\"",
        "n": None,
        "t": True,
        "f": False,
        "i": -3,
        "x": 1.5,
        "list": [1, "two", [None, {"k": "v"}]],
        "weird key '\"\n": {},
    }
    literal = python_literal(value)
    assert ast.literal_eval(literal) == value
    assert len(literal.splitlines()) == 1


def test_python_literal_refuses_other_types() -> None:
    with pytest.raises(TypeError, match="set"):
        python_literal({1, 2})


# --- docstring ---------------------------------------------------------------------------------

PRINTABLE_NASTY = [
    text for text in NASTY_STRINGS if all(ch.isprintable() or ch == "\n" for ch in text)
] + [
    'ends with a quote"',
    '"starts with a quote',
    '"',
    '""',
    'x""" y',
    "text\n\nsecond paragraph\n\n\nthird",
    ":param a: first field\n:param b: second field\n  continued",
    "word " * 60,
    "a-very-long-hyphenated-token-" * 8,
    "Path /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}",
]


def parse_docstring(source_docstring: str, indent: int) -> str:
    """Place the docstring in a function at `indent` and return the docstring's value."""
    pad = " " * (indent - 4)
    source = (
        f"class C:\n    def f(self):\n{pad}        {source_docstring}\n"
        if indent == 8
        else f"def f():\n{pad}    {source_docstring}\n"
    )
    module = ast.parse(source)
    assert len(module.body) == 1
    function = module.body[0]
    if isinstance(function, ast.ClassDef):
        assert len(function.body) == 1
        function = function.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 1, ast.dump(function)
    statement = function.body[0]
    assert isinstance(statement, ast.Expr)
    assert isinstance(statement.value, ast.Constant)
    assert isinstance(statement.value.value, str)
    return statement.value.value


@pytest.mark.parametrize("indent", [4, 8])
@pytest.mark.parametrize("text", PRINTABLE_NASTY)
def test_docstring_parses_and_keeps_the_text(text: str, indent: int) -> None:
    source = docstring(text, indent=indent)
    assert source.startswith('"""') and source.endswith('"""')
    value = parse_docstring(source, indent)
    # Paragraphs are re-wrapped: compare modulo whitespace.
    assert value.split() == text.split()


@pytest.mark.parametrize("indent", [4, 8])
def test_docstring_continuation_lines_fit_and_are_indented(indent: int) -> None:
    text = "word " * 80 + "\n\n:param name: " + "more words " * 20
    lines = docstring(text, indent=indent, width=88).splitlines()
    assert len(lines) > 3
    assert all(len(line) <= 88 for line in lines[1:])
    assert all(line.startswith(" " * indent) for line in lines[1:] if line)
    # A field list entry gets a hanging indent.
    field = next(i for i, line in enumerate(lines) if ":param name:" in line)
    assert lines[field + 1].startswith(" " * (indent + 4))
    assert not lines[field + 1].startswith(" " * (indent + 5))
    assert lines[-1] == " " * indent + '"""'


@pytest.mark.parametrize("indent", [4, 8])
def test_docstring_first_line_fits(indent: int) -> None:
    lines = docstring("word " * 80, indent=indent, width=88).splitlines()
    assert indent + len(lines[0]) <= 88


def test_empty_docstring_is_an_empty_string() -> None:
    assert parse_docstring(docstring("   \n\n  ", indent=4), 4) == ""


@pytest.mark.parametrize(
    "text",
    [
        "before\u2028after",
        "before\u202eafter",
        "before\tafter",
        "before\rafter",
        "before\x00after",
        "before\x1bafter",
        "before\x0cafter",
        "before\x85after",
        "before\u2029after",
    ],
)
def test_docstring_escapes_unprintable_characters(text: str) -> None:
    source = docstring(text, indent=4)
    raw = text[len("before")]
    assert raw not in source
    assert len(source.splitlines()) == 1
    value = parse_docstring(source, 4)
    assert value.startswith("before")
    assert value.endswith("after")


@pytest.mark.parametrize("text", ['say "hi" ', 'say "hi"\n\n', 'quote" \n '])
def test_docstring_with_a_quote_before_trailing_whitespace(text: str) -> None:
    value = parse_docstring(docstring(text, indent=4), 4)
    assert value.split() == text.split()


# --- comment -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*NASTY_STRINGS, "a\nb\r\nc\x0bd\x0ce\u2028f\x85g"])
def test_comment_is_one_harmless_line(text: str) -> None:
    line = comment(text)
    assert len(line.splitlines()) <= 1
    assert line == line.strip()
    module = ast.parse(f"# {line}\nvalue = 1\n")
    assert len(module.body) == 1
    for word in text.split():
        if word.isascii() and word.isprintable():
            assert word in line


def test_comment_collapses_whitespace() -> None:
    line = comment("  several   words\n\nand lines  ")
    assert line.startswith("several words")
    assert line.endswith("and lines")
    assert "  " not in line and "\n" not in line


# --- markdown ----------------------------------------------------------------------------------


def test_markdown_escapes_table_and_code_characters() -> None:
    text = markdown("a|b `code` <script>alert(1)</script>\nnext & *em* _u_ [l](u)")
    assert "\n" not in text
    assert "\\|" in text and "|" not in text.replace("\\|", "")
    assert "\\`code\\`" in text
    assert "<" not in text.replace("\\<", "")
    assert ">" not in text.replace("\\>", "")
    assert "&amp;" in text
    assert "\\*em\\*" in text and "\\_u\\_" in text and "\\[l\\]" in text
    assert text.startswith("a\\|b ")
    assert " next " in text


@pytest.mark.parametrize("text", ["# heading", "- item", "+ item", "= underline"])
def test_markdown_does_not_start_a_block(text: str) -> None:
    assert markdown(text).startswith("\\" + text[0])


def test_markdown_is_one_paragraph() -> None:
    assert markdown("one\n\ntwo\r\nthree\u2028four").count("\n") == 0


def backtick_runs(text: str) -> list[int]:
    return [len(run) for run in re.findall(r"`+", text)]


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "`",
        "a`b",
        "a``b```c",
        "```",
        "`starts",
        "ends`",
        "`` both ``",
        "pipe | inside",
        "multi\nline\u2028text",
    ],
)
def test_markdown_code_cannot_be_closed_by_the_text(text: str) -> None:
    span = markdown_code(text)
    assert "\n" not in span and len(span.splitlines()) == 1
    fence = re.match(r"`+", span)
    assert fence is not None
    width = len(fence.group())
    assert span.endswith("`" * width)
    inner = span[width:-width]
    assert not inner.startswith("`") and not inner.endswith("`")
    # CommonMark closes a code span only at a backtick run of the same length.
    assert all(run < width for run in backtick_runs(inner)), (span, width)
    assert "|" not in inner.replace("\\|", "")
    if text.isprintable():
        assert inner.strip().replace("\\|", "|") == text.strip()


def test_every_filter_returns_plain_str() -> None:
    for name, function in FILTERS.items():
        result = function(SpecText("text"))
        assert type(result) is str, name
