"""azure-parameter-grouping.json of the AutoRest test server, through the generated client, sync
and async.

Parameters with `x-ms-parameter-grouping` are passed as one dataclass argument per group, named
as AutoRest names them (`ParameterGroupingPostRequiredParameters`, `FirstParameterGroup`,
`ParameterGroupingPostMultiParamGroupsSecondParamGroup`, `Grouper`, ...). What each call sends
and must be accepted is what AutoRest's own Python acceptance tests (test_parameter.py in
Azure/autorest.python) send; each accepted call is also counted by the server's coverage report.
Where AutoRest raises msrest's ValidationError for a missing required group or member, this
client raises ValueError, before anything is sent.

Fields and methods are found through the generator's model, so the suite does not depend on how
the generator spells names that are Python keywords (`from`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.helpers.testserver import (
    AsyncCredential,
    Credential,
    Generated,
    TestServer,
    generated_client,
)

PACKAGE = "armgen_testserver_parameter_grouping"
OPTIONS: dict[str, Any] = {"enforce_https": False}


@pytest.fixture(scope="module")
def grouping(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    with generated_client(
        "azure-parameter-grouping.json",
        PACKAGE,
        tmp_path_factory.mktemp("parameter_grouping"),
    ) as generated:
        yield generated


# --- what each call passes ------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A group's class (by AutoRest's name) and its members' values, by wire name."""

    class_name: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    name: str
    operation_id: str
    groups: tuple[Group | None, ...]
    """The method's group arguments in order; None passes None (or leaves an optional out)."""
    scenario: str | None
    """The coverage scenario the server counts; None: the call must fail before sending."""


REQUIRED = "ParameterGroupingPostRequiredParameters"
OPTIONAL = "ParameterGroupingPostOptionalParameters"
FIRST = "FirstParameterGroup"
SECOND = "ParameterGroupingPostMultiParamGroupsSecondParamGroup"
RESERVED_WORDS = "ParameterGroupingPostReservedWordsParameters"

CALLS = [
    Call(
        "post_all_required_parameters",
        "parameterGrouping_postRequired",
        (
            Group(
                REQUIRED,
                {"body": 1234, "path": "path", "customHeader": "header", "query": 21},
            ),
        ),
        "postParameterGroupingRequiredParameters",
    ),
    Call(
        "post_required_parameters_null_optional_parameters",
        "parameterGrouping_postRequired",
        (Group(REQUIRED, {"body": 1234, "path": "path", "query": None}),),
        "postParameterGroupingRequiredParameters",
    ),
    Call(
        "post_required_parameters_with_null_required_property",
        "parameterGrouping_postRequired",
        (Group(REQUIRED, {"body": None, "path": "path"}),),
        None,
    ),
    Call(
        "post_required_parameters_without_the_group",
        "parameterGrouping_postRequired",
        (None,),
        None,
    ),
    Call(
        "post_all_optional",
        "parameterGrouping_postOptional",
        (Group(OPTIONAL, {"customHeader": "header", "query": 21}),),
        "postParameterGroupingOptionalParameters",
    ),
    Call(
        "post_none_optional",
        "parameterGrouping_postOptional",
        (None,),
        "postParameterGroupingOptionalParameters",
    ),
    Call(
        "post_all_multi_param_groups",
        "parameterGrouping_postMultiParamGroups",
        (
            Group(FIRST, {"header-one": "header", "query-one": 21}),
            Group(SECOND, {"header-two": "header2", "query-two": 42}),
        ),
        "postParameterGroupingMultipleParameterGroups",
    ),
    Call(
        "post_some_multi_param_groups",
        "parameterGrouping_postMultiParamGroups",
        (
            Group(FIRST, {"header-one": "header"}),
            Group(SECOND, {"query-two": 42}),
        ),
        "postParameterGroupingMultipleParameterGroups",
    ),
    Call(
        "post_shared_parameter_group_object",
        "parameterGrouping_postSharedParameterGroupObject",
        (Group(FIRST, {"header-one": "header"}),),
        "postParameterGroupingSharedParameterGroupObject",
    ),
    Call(
        "post_reserved_words",
        "parameterGrouping_postReservedWords",
        (Group(RESERVED_WORDS, {"from": "bob", "accept": "yes"}),),
        "PostParameterGroupingWithReservedWords",
    ),
    Call(
        "group_with_constant",
        "parameterGrouping_groupWithConstant",
        (Group("Grouper", {"groupedConstant": "foo", "groupedParameter": "bar"}),),
        "PutParameterGroupingConstant",
    ),
]


def operation(grouping: Generated, operation_id: str) -> Any:
    return next(op for op in grouping.api.operations if op.operation_id == operation_id)


def arguments(grouping: Generated, call: Call) -> dict[str, Any]:
    """The method's keyword arguments: each group built from its members' wire names."""
    op = operation(grouping, call.operation_id)
    local_of_wire = {p.wire_name: p.python_name for p in op.parameters}
    if op.body is not None:
        local_of_wire[op.body.wire_name] = op.body.python_name
    values: dict[str, Any] = dict(OPTIONS)
    assert len(op.group_arguments) == len(call.groups)
    for group_argument, group in zip(op.group_arguments, call.groups, strict=True):
        if group is None:
            values[group_argument.argument] = None
            continue
        assert group_argument.class_name == group.class_name
        field_of_local = {local: name for name, local in group_argument.members}
        group_class = getattr(grouping.client, group.class_name)
        values[group_argument.argument] = group_class(
            **{
                field_of_local[local_of_wire[wire]]: value
                for wire, value in group.values.items()
            }
        )
    return values


def hits(testserver: TestServer, scenario: str) -> int:
    return testserver.report("azure").get(scenario, 0)


def judge(
    testserver: TestServer, call: Call, run: Callable[[dict[str, Any]], Any], kw: Any
) -> None:
    if call.scenario is None:
        with pytest.raises(ValueError, match="is required"):
            run(kw)
        return
    before = hits(testserver, call.scenario)
    assert run(kw) is None
    assert hits(testserver, call.scenario) == before + 1


@pytest.mark.parametrize("call", CALLS, ids=[c.name for c in CALLS])
def test_sync(grouping: Generated, testserver: TestServer, call: Call) -> None:
    client_class = getattr(grouping.client, grouping.api.client_name)
    with client_class(Credential(), endpoint=testserver.url) as client:
        method = grouping.bound(client, call.operation_id)
        judge(testserver, call, lambda kw: method(**kw), arguments(grouping, call))


@pytest.mark.parametrize("call", CALLS, ids=[c.name for c in CALLS])
def test_async(grouping: Generated, testserver: TestServer, call: Call) -> None:
    client_class = getattr(grouping.aio, grouping.api.client_name)

    def run(kw: dict[str, Any]) -> Any:
        async def call_it() -> Any:
            async with client_class(
                AsyncCredential(), endpoint=testserver.url
            ) as client:
                return await grouping.bound(client, call.operation_id)(**kw)

        return asyncio.run(call_it())

    judge(testserver, call, run, arguments(grouping, call))


def test_the_group_classes_are_autorests(grouping: Generated) -> None:
    expected = [FIRST, "Grouper", SECOND, OPTIONAL, REQUIRED, RESERVED_WORDS]
    assert [g.class_name for g in grouping.api.parameter_groups] == sorted(expected)
    for group in grouping.api.parameter_groups:
        assert getattr(grouping.client, group.class_name).__name__ == group.class_name


def test_a_group_with_a_required_member_is_a_required_argument(
    grouping: Generated,
) -> None:
    required = operation(grouping, "parameterGrouping_postRequired")
    optional = operation(grouping, "parameterGrouping_postOptional")
    assert [g.required for g in required.group_arguments] == [True]
    assert [g.required for g in optional.group_arguments] == [False]
    assert not required.method_parameters and required.body is not None
    assert required.body.grouped


def test_an_optional_one_value_enum_in_a_group_stays_a_field(
    grouping: Generated,
) -> None:
    """GroupedConstant is optional: not a constant (only a required one is), so the caller
    may leave it out, as AutoRest's Grouper(grouped_constant=...) lets them."""
    op = operation(grouping, "parameterGrouping_groupWithConstant")
    (constant,) = (p for p in op.parameters if p.wire_name == "groupedConstant")
    assert constant.grouped and not constant.constant
