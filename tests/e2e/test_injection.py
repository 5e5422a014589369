"""Injection-proof generation: no string in a spec can change what the generated code does.

A spec is hostile input: its descriptions, names, enum values, paths and header names end up
in Python source, Markdown and TOML. Code generators have been caught pasting them in raw
(Rapid7 R7-2016-06 / CVE-2016-5641 on swagger-codegen; swagger-codegen#11309, a path key
that closes a string and calls `exec`; openapi-generator#9809; openapi-python-client before
0.5.3). Here a small ARM-like spec is built with *every* spec-controlled string slot filled by
hypothesis from nasty alphabets, and the output is compared with the output of the same spec
with plain strings (the baseline):

- generation succeeds (the strategy builds valid specs only);
- every Python file is ASCII, parses and compiles;
- its syntax tree, with every identifier and string constant replaced by a placeholder, is
  exactly the baseline's: no statement, import, call or assignment more or less;
- imports are the baseline's, and no call to exec/eval/os.system and friends appears;
- names that the output takes from spec text are plain identifiers, never keywords;
- wire names, enum values, header names and path literals come back intact from the string
  literals they were put in (escaping loses nothing);
- README.md has the baseline's Markdown structure: its lines have the same block markers and
  the same unescaped special characters outside code spans (as a multiset: model sections
  come in the order of their names), every table row has its header's number of cells, and
  its code blocks tokenize like the baseline's;
- pyproject.toml parses to the baseline's keys.

Names are a second way in: a spec name that becomes the same identifier as one the templates
use (a parameter called `quote`, a model called `HttpRequest`) would change what the code means
without changing its shape. The model stage pads such names with `_` (`quote_`,
`HttpRequest_`), numbers class and method names that would be equal (`PokeRequest_2`), and
refuses sentinel names the generated client uses (`API_VERSION`). `scope_collisions` pairs
every identifier of a generated module with the baseline's, scope by scope, and reports two
baseline names that became one; `test_spec_names_cannot_capture_the_templates_names` runs it
on chosen names, and the tests after it check the exact names and messages. The property test's
strategy builds valid specs only: each must generate, with the baseline's shape
(`same_shape_as_baseline`); a refusal fails the test. It checks the rendered code, before black,
whose syntax tree is the same, and runs black only on the advisory examples.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from hypothesis import HealthCheck, example, given, settings

if sys.version_info >= (3, 11):
    pass
else:  # black, a dependency, brings tomli on Python 3.10
    pass
from tests.helpers.injection.checks import (
    check_generated,
)
from tests.helpers.injection.python import (
    name_tokens,
    operation_sources,
    scope_collisions,
    string_constants,
)
from tests.helpers.injection.spec import (
    BASELINE,
    PACKAGE,
    SPEC_NAME,
    Slots,
    baseline,
    build_spec,
    generate,
    load,
    render,
    rendered_baseline,
)
from tests.helpers.injection.strategies import (
    same_shape_as_baseline,
    slots_strategy,
)

# --- the property test ----------------------------------------------------------------------

ADVISORY_EXAMPLES = {
    "property name closing a string (openapi-python-client)": replace(
        BASELINE, body_property='a"); import os #', result_property="b'); import os #"
    ),
    "path key calling exec (swagger-codegen#11309)": replace(
        BASELINE, literal="uploadImage'+str(exec('import os;os.system(\"id\")'))+'"
    ),
    "path key closing a call (openapi-generator#9809)": replace(
        BASELINE,
        literal="x','GET',pathParams)&&console.log('godmode');returnType=('a",
    ),
    "description ending in a backslash": replace(
        BASELINE,
        post_description="Pokes it.\\",
        result_model_description="Ends with a backslash \\",
        body_property_description="\\",
        description="\\\\",
    ),
    'description with """ and \\N{...}': replace(
        BASELINE,
        post_description='Says """hi""" and \\N{BULLET} and \\x41 and \\u0041',
        result_model_description='"""',
        body_model_description='x"""; import os; """',
        description="''' \\N{LATIN SMALL LETTER A}",
    ),
    "enum value calling exec": replace(
        BASELINE,
        property_values=('");exec("print(1)")#', "');exec('print(1)')#"),
        query_values=("\\", '"'),
    ),
    "parameter names injecting code (CVE-2016-5641)": replace(
        BASELINE,
        query_name="x'; eval(compile('1','','exec')); '",
        header_name='X-Evil"\r\nInjected: 1',
        path_param="p'); import os; ('",
        body_name="*/ eval(1) /*",
    ),
    "template syntax everywhere": replace(
        BASELINE,
        title="{{ package.title }} {% include 'x' %}",
        post_description="{{ ''.__class__.__mro__ }} {% raw %}{% endraw %} {# #}",
        sentinel_description="{{ operation }}",
        final_state="{{ x }}",
    ),
    "markdown and html": replace(
        BASELINE,
        description="<script>alert(1)</script> | a | b | ```\n# Heading\n- item",
        result_model_description="`code` ``two`` ``` <!-- --> [x](javascript:alert(1))",
        location_description="| broken | table |",
        enum_property_description="***bold*** _em_ ~~strike~~",
    ),
    "bidi and invisible characters (trojan source)": replace(
        BASELINE,
        post_description="admin\u202e \u2066 \u200b \u2028 \u2029 \x85",
        property_values=("a\u202eb", "\u200b"),
        query_name="mode\u202e",
    ),
    "keywords as names": replace(
        BASELINE,
        path_param="class",
        query_name="import",
        header_name="lambda",
        body_property="match",
        client_name="type",
        result_property="None",
        enum_property="from_dict",
        post_id="return",
        get_id="async",
    ),
    "TOML breaking out of its string": replace(
        BASELINE, title='x"\n[tool.evil]\nkey = "', version="1\\u0022"
    ),
    "very long strings": replace(
        BASELINE,
        description="word " * 2000,
        post_description="x" * 5000,
        literal="segment-" * 200,
        property_values=("v" * 1000, "w" * 1000),
    ),
}


ADVISORY_SLOTS = frozenset(ADVISORY_EXAMPLES.values())


def run_property(slots: Slots) -> None:
    """Every spec the strategy builds is valid: it must generate, with the baseline's shape.

    The advisory examples go through the whole pipeline, black included, to show that the
    formatter, too, takes their text as data; the others are checked as rendered.
    """
    advisory = slots in ADVISORY_SLOTS
    generated = generate(slots) if advisory else render(slots)
    assert same_shape_as_baseline(generated.api)
    check_generated(slots, generated, baseline() if advisory else rendered_baseline())


def with_advisory_examples(test: Any) -> Any:
    """An explicit @example for each attack string of a published generator advisory."""
    for slots in ADVISORY_EXAMPLES.values():
        test = example(slots=slots)(test)
    return test


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@with_advisory_examples
@given(slots=slots_strategy())
def test_spec_text_cannot_change_the_generated_code(slots: Slots) -> None:
    run_property(slots)


def test_baseline_is_its_own_reference() -> None:
    """The checks accept the baseline itself, so a failure above is about the spec text."""
    reference = baseline()
    check_generated(BASELINE, reference)
    for path, text in reference.files.items():
        if path.suffix == ".py":
            assert scope_collisions(text, text) == []


def test_exec_in_a_path_key_stays_in_the_url_literal() -> None:
    """swagger-codegen#11309's payload: the whole path key is one string constant."""
    payload = "uploadImage'+str(exec('import os;os.system(\"id\")'))+'"
    files = generate(replace(BASELINE, literal=payload)).files
    source = operation_sources(files)
    urls = [
        text for text in string_constants(ast.parse(source)) if text.endswith(payload)
    ]
    assert urls == ["/subscriptions/{subscription_id}/things/{thing_name}/" + payload]
    assert "exec" not in name_tokens(source)


UNNAMEABLE = replace(
    BASELINE,
    post_id="\U0001f680",
    get_id="***",
    path_param="\u65e5\u672c",
    query_name="'''",
    header_name='"""',
    body_property="\u00e9\u00e9",
    client_name="",
    result_model="###",
    result_property="\\",
    enum_property="\u202e",
    query_enum_name="\u2603",
    query_values=("?", "!"),
    property_values=("\u00e9", "\u00e8"),
)
"""Names with no ASCII letter or digit in them: nothing of them can be kept."""


def test_names_that_cannot_be_made_valid_get_deterministic_safe_names(
    tmp_path: Path,
) -> None:
    """Fallback names, numbered in the order of the wire names, the same in every process."""
    generated = generate(UNNAMEABLE)
    client = operation_sources(generated.files)
    models = generated.files[PurePosixPath(PACKAGE, "models.py")]
    for expected in ("def operation(", "parameter: str,"):
        assert expected in client, expected
    for expected in (
        "class Model(_Model):",
        "class Values(_StrEnum):",
        "    field: str\n",
    ):
        assert expected in models, expected
    assert 'VALUE = "!"' in models and 'VALUE_2 = "?"' in models
    check_generated(UNNAMEABLE, generated)

    (tmp_path / SPEC_NAME).write_text(
        json.dumps(build_spec(UNNAMEABLE)), encoding="utf-8"
    )
    trees = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out-{seed}"
        command = [sys.executable, "-m", "generator", "generate", "--spec", SPEC_NAME]
        command += ["--package-name", PACKAGE, "--out", str(out)]
        completed = subprocess.run(
            command,
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        trees.append(
            {
                PurePosixPath(path.relative_to(out).as_posix()): path.read_text("utf-8")
                for path in sorted(out.rglob("*"))
                if path.is_file() and path.name != ".armgen-manifest.json"
            }
        )
    assert trees[0] == trees[1] == generated.files


def test_a_long_running_operation_without_a_name_gets_the_fallback_name() -> None:
    methods = {op.operation_id: op.method_name for op in load(UNNAMEABLE).operations}
    assert methods["Things_***"] == "operation"
    assert re.fullmatch(
        r"begin_operation(_\d+)?", methods["Things_\U0001f680"]
    ), methods
