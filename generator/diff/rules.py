"""Each change kind: what it means, how severe it is, and which openapi-diff rules it carries.

The README's rule table is this table rendered (`python -m generator.diff.rules` prints it),
and `new_change` refuses a rule the table does not list for the kind, so the code, the table
and the README cannot drift apart. The rules were checked against Azure/openapi-diff's
sources (ComparisonMessages.cs, and where each is logged: ServiceDefinition.cs, Operation.cs,
SwaggerObject.cs, Response.cs): a kind lists a rule only where openapi-diff logs that rule for
the same difference.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from generator.diff.changes import (
    ADDED_ENUM_VALUE,
    ADDED_OPERATION,
    ADDED_OPTIONAL_PROPERTY,
    ADDED_PATH,
    ADDED_PROPERTY_IN_RESPONSE,
    ADDED_READ_ONLY_PROPERTY_IN_RESPONSE,
    ADDED_REQUIRED_PROPERTY,
    ADDED_XMS_ENUM,
    ADDING_HEADER,
    ADDING_OPTIONAL_PARAMETER,
    ADDING_REQUIRED_PARAMETER,
    ADDING_RESPONSE_CODE,
    CHANGED_PARAMETER_ORDER,
    CONSTRAINT_CHANGED,
    CONSTRAINT_IS_STRONGER,
    CONSTRAINT_IS_WEAKER,
    DEFAULT_VALUE_CHANGED,
    DIFFERENT_ALL_OF,
    DIFFERENT_DISCRIMINATOR,
    MODIFIED_OPERATION_ID,
    PARAMETER_IN_HAS_CHANGED,
    PARAMETER_LOCATION_HAS_CHANGED,
    READONLY_PROPERTY_CHANGED,
    REFERENCE_REDIRECTION,
    REMOVED_CLIENT_PARAMETER,
    REMOVED_DEFINITION,
    REMOVED_ENUM_VALUE,
    REMOVED_OPERATION,
    REMOVED_OPTIONAL_PARAMETER,
    REMOVED_PATH,
    REMOVED_PROPERTY,
    REMOVED_REQUIRED_PARAMETER,
    REMOVED_RESPONSE_CODE,
    REMOVED_XMS_ENUM,
    REMOVING_HEADER,
    REQUIRED_STATUS_CHANGE,
    TYPE_CHANGED,
    TYPE_FORMAT_CHANGED,
    VERSIONS_REVERSED,
    XMS_ENUM_CHANGED,
    XMS_LONG_RUNNING_OPERATION_CHANGED,
    ChangeKind,
    Rule,
)

BREAKING = "breaking"
NON_BREAKING = "non-breaking"
GROWTH = "breaking within the same api-version"
"""Growth: fine in a new api-version, while a service already running the version does not
know it."""


@dataclass(frozen=True)
class KindDoc:
    what: str
    severity: str
    rules: tuple[tuple[Rule, str], ...] = ()
    """Each rule the kind may carry, with when (empty: whenever it has one)."""


K = ChangeKind
KIND_DOCS: dict[ChangeKind, KindDoc] = {
    K.API_VERSION_CHANGED: KindDoc(
        "info.version", NON_BREAKING, ((VERSIONS_REVERSED, "NEW is earlier"),)
    ),
    K.CLIENT_RENAMED: KindDoc("the client class (from info.title)", BREAKING),
    K.ENDPOINT_CHANGED: KindDoc("host or basePath", BREAKING),
    K.CLIENT_PARAMETER_ADDED: KindDoc("a constructor argument", BREAKING),
    K.CLIENT_PARAMETER_REMOVED: KindDoc(
        "a constructor argument", BREAKING, ((REMOVED_CLIENT_PARAMETER, ""),)
    ),
    K.OPERATION_ADDED: KindDoc(
        "an operationId",
        GROWTH,
        ((ADDED_PATH, "its path is new"), (ADDED_OPERATION, "its path was there")),
    ),
    K.OPERATION_REMOVED: KindDoc(
        "an operationId",
        BREAKING,
        ((REMOVED_PATH, "its path is gone"), (REMOVED_OPERATION, "its path stays")),
    ),
    K.OPERATION_ID_CHANGED: KindDoc(
        "same method and path", BREAKING, ((MODIFIED_OPERATION_ID, ""),)
    ),
    K.PATH_CHANGED: KindDoc(
        "same operationId", BREAKING, ((REMOVED_PATH, "the old path is gone"),)
    ),
    K.HTTP_METHOD_CHANGED: KindDoc(
        "same operationId", BREAKING, ((REMOVED_OPERATION, ""),)
    ),
    K.METHOD_NAME_CHANGED: KindDoc("the generated method's name", BREAKING),
    K.DEPRECATION_CHANGED: KindDoc("`deprecated`", NON_BREAKING),
    K.PARAMETER_ADDED: KindDoc(
        "path, query or header parameter",
        "required: breaking; optional: breaking within the same api-version",
        (
            (ADDING_REQUIRED_PARAMETER, "required"),
            (ADDING_OPTIONAL_PARAMETER, "optional"),
        ),
    ),
    K.PARAMETER_REMOVED: KindDoc(
        "path, query or header parameter",
        BREAKING,
        (
            (REMOVED_REQUIRED_PARAMETER, "required"),
            (REMOVED_OPTIONAL_PARAMETER, "optional"),
        ),
    ),
    K.PARAMETER_RENAMED: KindDoc("same location, type and place", BREAKING),
    K.PARAMETER_MOVED: KindDoc(
        "same name, another location", BREAKING, ((PARAMETER_IN_HAS_CHANGED, ""),)
    ),
    K.PARAMETER_ORDER_CHANGED: KindDoc(
        "the method's positional arguments", BREAKING, ((CHANGED_PARAMETER_ORDER, ""),)
    ),
    K.PARAMETER_LEVEL_CHANGED: KindDoc(
        "method or client", BREAKING, ((PARAMETER_LOCATION_HAS_CHANGED, ""),)
    ),
    K.PYTHON_NAME_CHANGED: KindDoc(
        "an argument's or field's Python name (x-ms-client-name)", BREAKING
    ),
    K.REQUIRED_CHANGED: KindDoc(
        "parameter, body or property", BREAKING, ((REQUIRED_STATUS_CHANGE, ""),)
    ),
    K.TYPE_CHANGED: KindDoc("type or shape", BREAKING, ((TYPE_CHANGED, ""),)),
    K.FORMAT_CHANGED: KindDoc("format", BREAKING, ((TYPE_FORMAT_CHANGED, ""),)),
    K.MODEL_CHANGED: KindDoc(
        "another model (`$ref`)", BREAKING, ((REFERENCE_REDIRECTION, ""),)
    ),
    K.ENUM_VALUES_ADDED: KindDoc(
        "of a named enum (once) or an unnamed one", GROWTH, ((ADDED_ENUM_VALUE, ""),)
    ),
    K.ENUM_VALUES_REMOVED: KindDoc(
        "of a named enum (once) or an unnamed one",
        BREAKING,
        ((REMOVED_ENUM_VALUE, ""),),
    ),
    K.ENUM_ADDED: KindDoc(
        "a free value becomes an enum",
        BREAKING,
        ((ADDED_XMS_ENUM, "with x-ms-enum"),),
    ),
    K.ENUM_REMOVED: KindDoc(
        "an enum becomes a free value",
        BREAKING,
        ((REMOVED_XMS_ENUM, "it had x-ms-enum"),),
    ),
    K.ENUM_CHANGED: KindDoc(
        "x-ms-enum name or modelAsString",
        BREAKING,
        (
            (XMS_ENUM_CHANGED, "name or modelAsString"),
            (ADDED_XMS_ENUM, "now named"),
            (REMOVED_XMS_ENUM, "no longer named"),
        ),
    ),
    K.ENUM_TYPE_ADDED: KindDoc("a new x-ms-enum name, with its values", NON_BREAKING),
    K.ENUM_TYPE_REMOVED: KindDoc("an x-ms-enum name no file defines", BREAKING),
    K.DEFAULT_CHANGED: KindDoc(
        "a parameter's default", BREAKING, ((DEFAULT_VALUE_CHANGED, ""),)
    ),
    K.CONSTRAINT_CHANGED: KindDoc(
        "length, range, items, pattern",
        "stronger: breaking; weaker: breaking within the same api-version",
        (
            (CONSTRAINT_IS_STRONGER, "a bound is stronger"),
            (CONSTRAINT_IS_WEAKER, "a bound is weaker"),
            (CONSTRAINT_CHANGED, "pattern"),
        ),
    ),
    K.BODY_ADDED: KindDoc(
        "the request body",
        "like a parameter",
        (
            (ADDING_REQUIRED_PARAMETER, "required"),
            (ADDING_OPTIONAL_PARAMETER, "optional"),
        ),
    ),
    K.BODY_REMOVED: KindDoc(
        "the request body",
        BREAKING,
        (
            (REMOVED_REQUIRED_PARAMETER, "required"),
            (REMOVED_OPTIONAL_PARAMETER, "optional"),
        ),
    ),
    K.BODY_FLATTENING_CHANGED: KindDoc("x-ms-client-flatten of the body", BREAKING),
    K.PROPERTY_FLATTENING_CHANGED: KindDoc(
        "x-ms-client-flatten of a model property", BREAKING
    ),
    K.OMIT_SENTINEL_CHANGED: KindDoc("x-armgen-omit-sentinel", BREAKING),
    K.RESPONSE_ADDED: KindDoc(
        "a status code",
        "a success code: breaking; `default`: non-breaking",
        ((ADDING_RESPONSE_CODE, ""),),
    ),
    K.RESPONSE_REMOVED: KindDoc(
        "a status code",
        "breaking if it changes the result, else within the same api-version",
        ((REMOVED_RESPONSE_CODE, ""),),
    ),
    K.RESPONSE_BODY_ADDED: KindDoc("a response's schema", GROWTH),
    K.RESPONSE_BODY_REMOVED: KindDoc("a response's schema", BREAKING),
    K.RESPONSE_ERROR_CHANGED: KindDoc(
        "x-ms-error-response of a status (openapi-diff does not compare it)", BREAKING
    ),
    K.HEADER_ADDED: KindDoc("a response header", NON_BREAKING, ((ADDING_HEADER, ""),)),
    K.HEADER_REMOVED: KindDoc("a response header", BREAKING, ((REMOVING_HEADER, ""),)),
    K.LONG_RUNNING_CHANGED: KindDoc(
        "x-ms-long-running-operation",
        BREAKING,
        ((XMS_LONG_RUNNING_OPERATION_CHANGED, ""),),
    ),
    K.FINAL_STATE_CHANGED: KindDoc(
        "final-state-via (openapi-diff compares only the long-running flag)", BREAKING
    ),
    K.MODEL_ADDED: KindDoc("a model no OLD file defines", NON_BREAKING),
    K.MODEL_REMOVED: KindDoc(
        "a model no NEW file defines",
        BREAKING,
        ((REMOVED_DEFINITION, "it is a definition"),),
    ),
    K.NO_LONGER_REACHABLE: KindDoc(
        "a model or enum still defined, no longer used by the compared operations;"
        " names the changes that caused it",
        NON_BREAKING,
    ),
    K.NOW_REACHABLE: KindDoc(
        "a model or enum OLD defined but the compared operations did not use;"
        " names the changes that caused it",
        NON_BREAKING,
    ),
    K.MODEL_BASES_CHANGED: KindDoc(
        "`allOf`, with the inherited properties gained or lost",
        "breaking if a base is dropped or a required property gained",
        ((DIFFERENT_ALL_OF, ""),),
    ),
    K.PROPERTY_ADDED: KindDoc(
        "a model's property",
        "required: breaking; optional: breaking within the same api-version",
        (
            (ADDED_REQUIRED_PROPERTY, "required"),
            (ADDED_READ_ONLY_PROPERTY_IN_RESPONSE, "read-only"),
            (ADDED_PROPERTY_IN_RESPONSE, "in a response model"),
            (ADDED_OPTIONAL_PROPERTY, "otherwise"),
        ),
    ),
    K.PROPERTY_REMOVED: KindDoc(
        "a model's property", BREAKING, ((REMOVED_PROPERTY, ""),)
    ),
    K.READ_ONLY_CHANGED: KindDoc(
        "a property's readOnly", BREAKING, ((READONLY_PROPERTY_CHANGED, ""),)
    ),
    K.SUBTYPE_ADDED: KindDoc(
        "a subclass of a polymorphic model: a new discriminator value (older clients"
        " read it as the base, its fields kept)",
        NON_BREAKING,
    ),
    K.SUBTYPE_REMOVED: KindDoc(
        "a subclass of a polymorphic model",
        BREAKING,
        ((REMOVED_DEFINITION, "it is a definition"),),
    ),
    K.DISCRIMINATOR_CHANGED: KindDoc(
        "a model's `discriminator`: added, removed or another property",
        BREAKING,
        ((DIFFERENT_DISCRIMINATOR, ""),),
    ),
    K.DISCRIMINATOR_VALUE_CHANGED: KindDoc(
        "a subclass's `x-ms-discriminator-value` (openapi-diff compares none)",
        BREAKING,
    ),
}


def allows(kind: ChangeKind, rule: Rule | None) -> bool:
    """Whether the table lets a change of `kind` carry `rule` (None: always)."""
    return rule is None or any(rule == listed for listed, _ in KIND_DOCS[kind].rules)


def rule_table_markdown() -> str:
    """The README's table of kinds, one row per kind."""
    rows = [
        "| Kind | What | Severity | openapi-diff rule |",
        "| --- | --- | --- | --- |",
    ]
    for kind, doc in KIND_DOCS.items():
        rules = ", ".join(
            f"{rule.id} {rule.name}" + (f" ({when})" if when else "")
            for rule, when in doc.rules
        )
        rows.append(f"| `{kind.value}` | {doc.what} | {doc.severity} | {rules} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(rule_table_markdown())
