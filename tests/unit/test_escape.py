"""escape.py: spec text into generated Python, Markdown and comments."""

from __future__ import annotations

import ast
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
        argument = "text" if name == "module" else SpecText("text")
        result = function(argument)
        assert type(result) is str, name


@pytest.mark.parametrize(
    "name", [SpecText("models"), "", "a b", "x;import os", "..models.", "a..b", "1x"]
)
def test_the_module_filter_takes_module_names_of_the_generator_only(name: str) -> None:
    with pytest.raises(ValueError, match="not a module name"):
        FILTERS["module"](name)


@pytest.mark.parametrize("name", ["models", "..models", ".", "..", "azure.core.rest"])
def test_the_module_filter_passes_module_names(name: str) -> None:
    assert FILTERS["module"](name) == name


@pytest.mark.parametrize("names", [["a as"], ["a as b as c"], [SpecText("x")], ["a,b"]])
def test_import_names_are_identifiers_perhaps_aliased(names: list[str]) -> None:
    with pytest.raises(ValueError, match="not an importable name"):
        FILTERS["import_names"](names)
