"""Review a spec update: what changes between two versions of the API model, breaking or not.

Both sides go through load -> validate -> model, and only the models are compared, so moving
keys, definitions or paths around, switching YAML for JSON or rewording a description reports
nothing. Each change says what it means for callers of the generated client, since that is what
a reviewer has to judge, and names the matching rule of Azure's openapi-diff (its
`ComparisonMessages`) so the report lines up with Azure's own breaking-change review.

Additions are breaking only within one api-version: a service already running that version does
not know the new parameter, property or value, while a new api-version may grow freely.

The package, one module per part: changes (what a diff reports), context (shared by the
comparisons), api, operations, parameters, bodies, responses, models and typerefs (the
comparisons), compare (all of them in order), code (the generated client's diff), sides
(loading each spec, from a file or a git revision) and report (text, Markdown, JSON).
"""

from generator.diff.changes import (
    ApiDiff,
    Change,
    ChangeKind,
    CodeDiff,
    Rule,
    Severity,
    SpecSide,
)
from generator.diff.code import code_diff
from generator.diff.compare import compare_apis
from generator.diff.defined import Defined
from generator.diff.report import (
    COMMENT_LIMIT,
    FORMATS,
    SCHEMA_VERSION,
    render_json,
    render_markdown,
    render_report,
    render_text,
    summary_line,
)
from generator.diff.sides import LoadedSide, compare_sides, diff_specs, load_side

__all__ = [
    "COMMENT_LIMIT",
    "FORMATS",
    "SCHEMA_VERSION",
    "ApiDiff",
    "Change",
    "ChangeKind",
    "CodeDiff",
    "Defined",
    "LoadedSide",
    "Rule",
    "Severity",
    "SpecSide",
    "code_diff",
    "compare_apis",
    "compare_sides",
    "diff_specs",
    "load_side",
    "render_json",
    "render_markdown",
    "render_report",
    "render_text",
    "summary_line",
]
