"""Stage 3: the Python names the model stage makes from spec names, and the names it keeps
out of the generated code's way (generator/model/reserved.py)."""

from __future__ import annotations

import keyword
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.load import load_spec
from generator.model import Api, build_api
from generator.model.definitions import cross_file_names
from generator.model.reserved import METHOD_RESERVED
from tests.helpers import write_spec
from tests.helpers.model_specs import (
    ACT_POINTER,
    SUBSCRIPTION_ID,
    act_spec,
    assert_error,
    body,
    build,
    build_error,
    only_operation,
    operation,
    spec_document,
)

OK_ = {"responses": {"200": {"description": "OK"}}}


def test_x_ms_client_name_for_parameters_and_properties(tmp_path: Path) -> None:
    document = act_spec(
        [
            {
                "name": "$filter",
                "in": "query",
                "type": "string",
                "x-ms-client-name": "FilterExpression",
            },
            body("Settings", **{"x-ms-client-name": "NewSettings"}),
        ],
        definitions={
            "Settings": {
                "type": "object",
                "properties": {
                    "vmSize": {"type": "string", "x-ms-client-name": "SizeOfVm"},
                    "zone": {"type": "string"},
                },
            }
        },
        global_parameters={
            "SubscriptionIdParameter": SUBSCRIPTION_ID | {"x-ms-client-name": "SubId"}
        },
    )
    api = build(tmp_path, document)
    op = only_operation(api)

    names = {p.wire_name: p.python_name for p in op.parameters}
    assert names["$filter"] == "filter_expression"
    assert op.body is not None
    assert (op.body.wire_name, op.body.python_name) == ("parameters", "new_settings")
    assert {p.wire_name: p.python_name for p in api.client_parameters} == {
        "api-version": "api_version",
        "subscriptionId": "sub_id",
    }
    settings = api.model("Settings")
    assert [(p.wire_name, p.python_name) for p in settings.properties] == [
        ("vmSize", "size_of_vm"),
        ("zone", "zone"),
    ]


def test_python_keywords_and_reserved_names_are_padded(tmp_path: Path) -> None:
    document = act_spec(
        [
            {"name": "from", "in": "query", "type": "string"},
            {"name": "self", "in": "query", "type": "string"},
            {"name": "polling", "in": "query", "type": "string"},
            body("Thing"),
        ],
        definitions={
            "Thing": {
                "type": "object",
                "properties": {
                    name: {"type": "string"}
                    for name in ("class", "match", "type", "case", "from_dict", "None")
                },
            }
        },
    )
    api = build(tmp_path, document)
    properties = {p.wire_name: p.python_name for p in api.model("Thing").properties}
    assert properties == {
        "class": "class_",
        "match": "match_",
        "type": "type_",
        "case": "case_",
        "from_dict": "from_dict_",
        "None": "none",
    }
    method = {p.wire_name: p.python_name for p in only_operation(api).method_parameters}
    assert method == {
        "thingName": "thing_name",
        "from": "from_",
        "self": "self_",
        "polling": "polling_",
    }


def colliding_spec(order: Sequence[str]) -> dict[str, Any]:
    return act_spec(
        [{"name": wire, "in": "query", "type": "string"} for wire in order]
        + [body("Thing")],
        definitions={
            "Thing": {
                "type": "object",
                "properties": {wire: {"type": "string"} for wire in order},
            }
        },
    )


def test_colliding_names_are_distinct_and_independent_of_spec_order(
    tmp_path: Path,
) -> None:
    forward = ["vmID", "vm_id", "VmId", "vm-id"]
    backward = list(reversed(forward))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = build(tmp_path / "a", colliding_spec(forward))
    second = build(tmp_path / "b", colliding_spec(backward))

    def property_names(api: Api) -> dict[str, str]:
        return {p.wire_name: p.python_name for p in api.model("Thing").properties}

    def parameter_names(api: Api) -> dict[str, str]:
        return {
            p.wire_name: p.python_name
            for p in only_operation(api).method_parameters
            if p.wire_name in forward
        }

    for names in (property_names(first), parameter_names(first)):
        assert set(names) == set(forward)
        assert len(set(names.values())) == len(forward)
        assert all(name.startswith("vm_id") for name in names.values())
        assert all(name.isidentifier() for name in names.values())
    assert property_names(first) == property_names(second)
    assert parameter_names(first) == parameter_names(second)
    # The documented rule: by sorted wire name, the first keeps the name.
    assert property_names(first)[sorted(forward)[0]] == "vm_id"
    # Spec order of the properties themselves is kept.
    assert [p.wire_name for p in second.model("Thing").properties] == backward


# --- names the generated code uses ----------------------------------------------------------


def test_a_path_parameter_cannot_take_a_keyword_of_format_url(tmp_path: Path) -> None:
    """Path parameters are keyword arguments of azure-core's format_url(url_template, ...):
    `urlTemplate` and `template` are padded there, and only there."""
    path = "/things/{urlTemplate}/{template}"
    parameters = [
        {"name": wire, "in": location, "required": True, "type": "string"}
        for wire, location in (
            ("urlTemplate", "path"),
            ("template", "path"),
            ("url_template", "query"),
        )
    ]
    document = spec_document(
        {path: {"get": {"operationId": "Things_Get", "parameters": parameters, **OK_}}}
    )
    names = {
        (p.location.value, p.wire_name): p.python_name
        for p in only_operation(build(tmp_path, document)).parameters
    }
    assert names == {
        ("path", "urlTemplate"): "url_template_",
        ("path", "template"): "template_",
        ("query", "url_template"): "url_template",
    }


@pytest.mark.parametrize(
    ("wire", "expected"),
    [("str", "str_"), ("list", "list_"), ("quote", "quote_"), ("request", "request_")],
)
def test_a_parameter_cannot_take_a_builtin_or_a_name_of_the_method(
    tmp_path: Path, wire: str, expected: str
) -> None:
    document = act_spec([{"name": wire, "in": "query", "type": "integer"}])
    method = {
        p.wire_name: p.python_name
        for p in only_operation(build(tmp_path, document)).method_parameters
    }
    assert method[wire] == expected


def test_client_parameters_cannot_take_the_clients_names(tmp_path: Path) -> None:
    """`api-version` is the client's `api_version` keyword; any other client parameter is
    padded away from it, from `client` (`self._client` is the pipeline) and from builtins.
    """
    extra = {
        name: {"name": wire, "in": "query", "required": True, "type": "string"}
        for name, wire in (("A", "apiVersion"), ("B", "client"), ("C", "id"))
    }
    document = act_spec(
        [{"$ref": f"#/parameters/{name}"} for name in extra], global_parameters=extra
    )
    api = build(tmp_path, document)
    assert {p.wire_name: p.python_name for p in api.client_parameters} == {
        "api-version": "api_version",
        "apiVersion": "api_version_",
        "client": "client_",
        "id": "id_",
        "subscriptionId": "subscription_id",
    }


def test_a_method_cannot_take_a_name_its_class_body_reads(tmp_path: Path) -> None:
    """mypy resolves a class's signatures (`str`, `float`) in its class body, where a method of
    that name would be found first. An operation group's `list` keeps its name, as in
    azure-mgmt-*: the render stage writes `_builtins.list` there. The client's own methods
    (operationIds without a group) also avoid `close` and the names its constructor reads.
    """
    document = spec_document(
        {
            f"/{name.lower()}": {"get": {"operationId": name, **OK_}}
            for name in (
                "Things_List",
                "Things_Str",
                "Things_Close",
                "Things_Get",
                "List",
                "Close",
                "Get",
            )
        }
    )
    api = build(tmp_path, document)
    assert {op.operation_id: op.method_name for op in api.operations} == {
        "Things_List": "list",
        "Things_Str": "str_",
        "Things_Close": "close",
        "Things_Get": "get",
        "List": "list_",
        "Close": "close_",
        "Get": "get",
    }


def test_classes_cannot_take_a_builtin_name(tmp_path: Path) -> None:
    """A model `ValueError` would be caught by `except ValueError` in models.py."""
    document = act_spec(
        [body("ValueError")],
        definitions={
            "ValueError": {
                "type": "object",
                "properties": {
                    "kind": {
                        "type": "string",
                        "enum": ["a"],
                        "x-ms-enum": {"name": "Exception"},
                    }
                },
            }
        },
    )
    api = build(tmp_path, document)
    assert [model.class_name for model in api.models] == ["ValueError_"]
    assert api.enum_class(api.models[0].properties[0].type) == "ExceptionEnum"


@pytest.mark.parametrize("name", ["T", "A1"])
def test_a_sentinel_cannot_be_named_like_its_own_class(
    tmp_path: Path, name: str
) -> None:
    """`T: Final = T.T` would rebind the class `T` to its member."""
    document = act_spec(
        [
            body(
                "Ids",
                **{
                    "x-ms-client-flatten": True,
                    "x-armgen-omit-sentinel": {"name": name},
                },
            )
        ],
        definitions={
            "Ids": {
                "type": "object",
                "properties": {"ids": {"type": "array", "items": {"type": "string"}}},
            }
        },
    )
    assert_error(
        build_error(tmp_path, document),
        f"{ACT_POINTER}/parameters/3/x-armgen-omit-sentinel/name",
        f"sentinel name {name!r} would also be its class's name",
    )


# --- earlier bugs ----------------------------------------------------------------------------


def assert_safe_identifier(name: str) -> None:
    assert name.isidentifier(), name
    assert not keyword.iskeyword(name), name
    assert not keyword.issoftkeyword(name), name


def test_body_parameter_name_is_a_safe_identifier(tmp_path: Path) -> None:
    document = act_spec(
        [body("Thing", name="class")],
        definitions={
            "Thing": {"type": "object", "properties": {"a": {"type": "string"}}}
        },
    )
    op = only_operation(build(tmp_path, document))
    assert op.body is not None
    assert_safe_identifier(op.body.python_name)


def test_flattened_property_names_avoid_method_reserved_names(tmp_path: Path) -> None:
    document = act_spec(
        [body("Options", **{"x-ms-client-flatten": True})],
        definitions={
            "Options": {
                "type": "object",
                "properties": {
                    "self": {"type": "string"},
                    "polling": {"type": "string"},
                },
            }
        },
        **{"x-ms-long-running-operation": True},
    )
    op = only_operation(build(tmp_path, document))
    assert op.body is not None
    assert [p.python_name for p in op.body.flattened] == ["self", "polling"]
    names = op.body.flattened_arguments
    assert len(set(names)) == 2
    assert METHOD_RESERVED.isdisjoint(names), names


@pytest.mark.parametrize("wire_name", ["class", "endpoint"])
def test_client_parameter_names_agree_between_operation_and_client(
    tmp_path: Path, wire_name: str
) -> None:
    document = act_spec(
        [{"$ref": "#/parameters/Odd"}],
        global_parameters={
            "Odd": {
                "name": wire_name,
                "in": "query",
                "required": True,
                "type": "string",
            }
        },
    )
    api = build(tmp_path, document)
    in_operation = {p.wire_name: p.python_name for p in only_operation(api).parameters}
    on_client = {p.wire_name: p.python_name for p in api.client_parameters}
    assert in_operation[wire_name] == on_client[wire_name]
    assert_safe_identifier(in_operation[wire_name])


# --- definitions of one name in several files -------------------------------------------------


def _error_spec(tmp_path: Path, common_name: str = "types.yaml") -> Path:
    """A root file and a shared file that both define ErrorResponse (as storage.json and
    common-types do); the operation answers the root's model and fails with the shared one.
    """
    common = tmp_path / "common" / common_name
    write_spec(
        common,
        {
            "swagger": "2.0",
            "info": {"title": "Common", "version": "5.0"},
            "paths": {},
            "definitions": {
                "ErrorResponse": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}},
                }
            },
        },
    )
    document = spec_document(
        {
            "/subscriptions/{subscriptionId}/things/{thingName}": {
                "get": operation(
                    "Things_Get",
                    responses={
                        "200": {
                            "description": "OK",
                            "schema": {"$ref": "#/definitions/ErrorResponse"},
                        },
                        "default": {
                            "description": "Error",
                            "schema": {
                                "$ref": f"common/{common_name}#/definitions/ErrorResponse"
                            },
                        },
                    },
                )
            }
        },
        definitions={
            "ErrorResponse": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
            }
        },
    )
    return write_spec(tmp_path / "spec.yaml", document)


def test_a_name_defined_in_two_files_is_kept_by_the_root_file_and_qualified_elsewhere(
    tmp_path: Path,
) -> None:
    """As Storage's own ErrorResponse beside common-types': no refusal, one class each, the
    shared file's named after its file, saying so in its docstring."""
    spec = load_spec(_error_spec(tmp_path))
    api = build_api(spec)
    by_name = {model.name: model for model in api.models}
    assert sorted(by_name) == ["ErrorResponse", "ErrorResponseFromTypes"]
    assert [p.wire_name for p in by_name["ErrorResponse"].properties] == ["detail"]
    renamed = by_name["ErrorResponseFromTypes"]
    assert [p.wire_name for p in renamed.properties] == ["code"]
    assert "'ErrorResponse' of common/types.yaml" in renamed.description
    error = only_operation(api).error_response
    assert error is not None and error.type is not None
    assert error.type.model == "ErrorResponseFromTypes"


def test_the_qualified_name_does_not_depend_on_the_operations_chosen(
    tmp_path: Path,
) -> None:
    spec = load_spec(_error_spec(tmp_path, "error.yaml"))
    assert cross_file_names(spec) == {
        (tmp_path / "common" / "error.yaml", "ErrorResponse"): "ErrorResponseFromError"
    }


def test_a_project_that_generates_both_models_passes_its_checks(tmp_path: Path) -> None:
    """The whole package, formatted and compiled, with both classes."""
    from generator.pipeline import GenerateOptions, generate_files

    tree = generate_files(
        GenerateOptions(spec=_error_spec(tmp_path), package_name="things"),
        tmp_path / "out",
    )
    models = next(text for path, text in tree.files.items() if path.name == "models.py")
    assert "class ErrorResponse(_Model):" in models
    assert "class ErrorResponseFromTypes(_Model):" in models


def test_two_shared_files_of_one_stem_are_numbered_in_path_order(
    tmp_path: Path,
) -> None:
    """Neither is the root file's: both are qualified, by file, then numbered by path."""
    thing = {"type": "object", "properties": {"id": {"type": "string"}}}
    for version in ("v1", "v2"):
        write_spec(
            tmp_path / "common" / version / "types.json",
            {
                "swagger": "2.0",
                "info": {"title": "Common", "version": version},
                "paths": {},
                "definitions": {"Thing": thing},
            },
        )
    answers = {
        status: {
            "description": "A thing.",
            "schema": {"$ref": f"common/{version}/types.json#/definitions/Thing"},
        }
        for status, version in (("200", "v1"), ("201", "v2"))
    }
    document = spec_document(
        {
            "/subscriptions/{subscriptionId}/things/{thingName}": {
                "get": operation("Things_Get", responses=answers)
            }
        }
    )
    spec = load_spec(write_spec(tmp_path / "spec.json", document))
    assert cross_file_names(spec) == {
        (tmp_path / "common" / "v1" / "types.json", "Thing"): "ThingFromTypes",
        (tmp_path / "common" / "v2" / "types.json", "Thing"): "ThingFromTypes2",
    }
    assert sorted(m.class_name for m in build_api(spec).models) == [
        "ThingFromTypes",
        "ThingFromTypes2",
    ]
