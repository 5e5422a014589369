"""Our hand-written Deallocate spec describes the same operation as Microsoft's published one.

Both specs are loaded with the generator's own loader and reduced by a small normaliser to what
a client depends on: method, path, parameters, responses, the definitions reachable from them,
the long-running flag, security and the service address. Descriptions are ours on purpose and
are not compared; instead every item of our spec must have one.

Documented deliberate differences, each asserted explicitly:
- our 202 response declares a Location header (upstream declares none, the service sends it);
- our body parameter carries `x-ms-client-flatten` and `x-armgen-omit-sentinel`, and the
  operation `x-armgen-idempotent`.

The upstream file lives in ../shared (azure-rest-api-specs); when it is missing the tests fail,
they do not skip.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.load import LoadedSpec, Node, load_spec
from generator.validate import validate_spec
from tests.helpers import SPEC_FILE, UPSTREAM_STABLE

OPERATION_ID = "VirtualMachineScaleSets_Deallocate"
API_VERSION = "2024-07-01"
UPSTREAM_FILE = UPSTREAM_STABLE / API_VERSION / "virtualMachineScaleSet.json"
EXAMPLES_DIR = SPEC_FILE.parent / "examples"
HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
OUR_ONLY_BODY_EXTENSIONS = frozenset({"x-ms-client-flatten", "x-armgen-omit-sentinel"})

# (name, in, type, required); the type of a body parameter is its schema's definition name.
ParameterShape = tuple[str, str, str, bool]
# (type, or referenced definition name, or "array-of-X"; required)
PropertyShape = tuple[str, bool]
# (type, flow, scope names)
SecurityShape = tuple[str, str | None, frozenset[str]]


@dataclass(frozen=True)
class DefinitionShape:
    properties: dict[str, PropertyShape]
    required: tuple[str, ...]
    all_of: tuple[str, ...]


@dataclass(frozen=True)
class OperationShape:
    method: str
    path: str
    parameters: frozenset[ParameterShape]
    responses: dict[str, str | None]
    response_headers: dict[str, frozenset[str]]
    definitions: dict[str, DefinitionShape]
    long_running: bool
    long_running_options: Any
    security_definitions: dict[str, SecurityShape]
    security: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
    service: dict[str, Any]


# --- the normaliser -------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundOperation:
    path: str
    method: str
    path_item: Node
    operation: Node


def find_operation(
    spec: LoadedSpec, operation_id: str = OPERATION_ID
) -> FoundOperation:
    paths = spec.root.get("paths")
    assert paths is not None, f"{spec.root_file.name} has no paths"
    found = []
    for path in paths.value:
        path_item = spec.deref(paths.child(path))
        for method in HTTP_METHODS:
            operation = path_item.get(method)
            if (
                operation is not None
                and operation.value.get("operationId") == operation_id
            ):
                found.append(FoundOperation(path, method, path_item, operation))
    assert (
        len(found) == 1
    ), f"{spec.root_file.name}: {len(found)} operations named {operation_id}"
    return found[0]


def definition_name(node: Node) -> str:
    """The name of the definition a (dereferenced) node is, from its JSON pointer."""
    match = re.fullmatch(r"/definitions/([^/]+)", node.pointer)
    assert match, f"{node.file.name}#{node.pointer} is not a definition"
    return match.group(1).replace("~1", "/").replace("~0", "~")


def _scalar_type(value: Any) -> str:
    kind = str(value.get("type", "untyped"))
    return f"{kind}:{value['format']}" if "format" in value else kind


def parameter_locations(found: FoundOperation) -> list[Node]:
    """Path-level then operation-level parameter nodes (still possibly `$ref`s)."""
    nodes: list[Node] = []
    for owner in (found.path_item, found.operation):
        parameters = owner.get("parameters")
        if parameters is not None:
            nodes.extend(parameters.child(i) for i in range(len(parameters.value)))
    return nodes


class Normaliser:
    """Reduces one operation of a loaded spec to an OperationShape."""

    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.reachable: dict[str, Node] = {}

    def schema(self, node: Node) -> str:
        """A schema as a type string; a `$ref` makes its definition reachable."""
        value = node.value
        if "$ref" in value:
            target = self.spec.deref(node)
            name = definition_name(target)
            seen = self.reachable.setdefault(name, target)
            assert (seen.file, seen.pointer) == (
                target.file,
                target.pointer,
            ), f"two definitions named {name}: {seen.file.name} and {target.file.name}"
            return name
        if value.get("type") == "array":
            return "array-of-" + self.schema(node.child("items"))
        if isinstance(value.get("additionalProperties"), dict):
            return "map-of-" + self.schema(node.child("additionalProperties"))
        assert not ("properties" in value or "allOf" in value), (
            f"{node.file.name}#{node.pointer}: inline object schemas are not normalised;"
            " extend the normaliser"
        )
        return _scalar_type(value)

    def parameter(self, node: Node) -> ParameterShape:
        resolved = self.spec.deref(node)
        value = resolved.value
        if value["in"] == "body":
            kind = self.schema(resolved.child("schema"))
        elif value.get("type") == "array":
            kind = "array-of-" + _scalar_type(value["items"])
        else:
            kind = _scalar_type(value)
        return (value["name"], value["in"], kind, bool(value.get("required", False)))

    def definitions(self) -> dict[str, DefinitionShape]:
        shapes: dict[str, DefinitionShape] = {}
        while pending := [name for name in self.reachable if name not in shapes]:
            for name in pending:
                node = self.reachable[name]
                required = tuple(sorted(node.value.get("required", [])))
                properties: dict[str, PropertyShape] = {}
                properties_node = node.get("properties")
                if properties_node is not None:
                    for key in properties_node.value:
                        properties[key] = (
                            self.schema(properties_node.child(key)),
                            key in required,
                        )
                all_of_node = node.get("allOf")
                all_of = tuple(
                    self.schema(all_of_node.child(i))
                    for i in range(len(all_of_node.value) if all_of_node else 0)
                )
                shapes[name] = DefinitionShape(properties, required, all_of)
        return shapes

    def operation(self) -> OperationShape:
        found = find_operation(self.spec)
        root = self.spec.root.value
        operation = found.operation.value
        by_key: dict[tuple[str, str], ParameterShape] = {}
        for node in parameter_locations(found):  # operation-level ones override
            shape = self.parameter(node)
            by_key[(shape[0], shape[1])] = shape
        responses: dict[str, str | None] = {}
        headers: dict[str, frozenset[str]] = {}
        responses_node = found.operation.child("responses")
        for code in responses_node.value:
            response = self.spec.deref(responses_node.child(code))
            schema = response.get("schema")
            responses[code] = self.schema(schema) if schema is not None else None
            headers[code] = frozenset(
                name.lower() for name in response.value.get("headers", {})
            )
        security_definitions = {
            name: (item["type"], item.get("flow"), frozenset(item.get("scopes", {})))
            for name, item in root.get("securityDefinitions", {}).items()
        }
        security = tuple(
            tuple(
                sorted((name, tuple(sorted(scopes))) for name, scopes in item.items())
            )
            for item in operation.get("security", root.get("security", []))
        )
        service = {
            "host": root.get("host"),
            "basePath": root.get("basePath", "/"),
            "schemes": sorted(operation.get("schemes", root.get("schemes", []))),
            "consumes": sorted(operation.get("consumes", root.get("consumes", []))),
            "produces": sorted(operation.get("produces", root.get("produces", []))),
            "api-version": root["info"]["version"],
        }
        return OperationShape(
            method=found.method,
            path=found.path,
            parameters=frozenset(by_key.values()),
            responses=responses,
            response_headers=headers,
            definitions=self.definitions(),
            long_running=bool(operation.get("x-ms-long-running-operation", False)),
            long_running_options=operation.get("x-ms-long-running-operation-options"),
            security_definitions=security_definitions,
            security=security,
            service=service,
        )


# --- the two specs --------------------------------------------------------------------------


@cache
def our_spec() -> LoadedSpec:
    return load_spec(SPEC_FILE)


@cache
def upstream_spec() -> LoadedSpec:
    if not UPSTREAM_FILE.is_file():
        pytest.fail(
            f"upstream spec not found: {UPSTREAM_FILE}. The equivalence tests need "
            "Azure/azure-rest-api-specs (specification/compute) checked out under "
            f"{UPSTREAM_STABLE.parents[4]}; they fail rather than skip without it.",
            pytrace=False,
        )
    return load_spec(UPSTREAM_FILE)


@cache
def ours() -> OperationShape:
    return Normaliser(our_spec()).operation()


@cache
def upstream() -> OperationShape:
    return Normaliser(upstream_spec()).operation()


# --- equivalence ----------------------------------------------------------------------------


def test_upstream_spec_is_present() -> None:
    spec = upstream_spec()
    assert spec.root.value["info"]["version"] == API_VERSION
    common = [path.name for path in spec.documents if path.name == "common.json"]
    assert common == ["common.json"], "the common-types $refs were not followed"


def test_method_and_path() -> None:
    assert (ours().method, ours().path) == (upstream().method, upstream().path)
    assert ours().method == "post"
    assert ours().path.endswith("/virtualMachineScaleSets/{vmScaleSetName}/deallocate")


def test_parameters() -> None:
    assert ours().parameters == upstream().parameters
    assert ours().parameters == {
        ("subscriptionId", "path", "string", True),
        ("resourceGroupName", "path", "string", True),
        ("vmScaleSetName", "path", "string", True),
        ("api-version", "query", "string", True),
        ("hibernate", "query", "boolean", False),
        ("vmInstanceIDs", "body", "VirtualMachineScaleSetVMInstanceIDs", False),
    }


def test_responses_and_their_schemas() -> None:
    assert ours().responses == upstream().responses
    assert ours().responses == {"200": None, "202": None, "default": "CloudError"}


def test_the_only_header_difference_is_location_on_202() -> None:
    mine, theirs = ours().response_headers, upstream().response_headers
    difference = {
        (code, header, side)
        for code in mine.keys() | theirs.keys()
        for side, a, b in (("ours", mine, theirs), ("upstream", theirs, mine))
        for header in a.get(code, frozenset()) - b.get(code, frozenset())
    }
    assert difference == {("202", "location", "ours")}
    responses = find_operation(our_spec()).operation.value["responses"]
    assert responses["202"]["headers"]["Location"]["type"] == "string"


def test_reachable_definitions() -> None:
    assert ours().definitions.keys() == upstream().definitions.keys()
    assert set(ours().definitions) == {
        "VirtualMachineScaleSetVMInstanceIDs",
        "CloudError",
        "ApiError",
        "ApiErrorBase",
        "InnerError",
    }
    for name, shape in upstream().definitions.items():
        assert ours().definitions[name] == shape, name
    assert ours().definitions["ApiError"].properties["details"] == (
        "array-of-ApiErrorBase",
        False,
    )


def test_long_running_flag() -> None:
    assert ours().long_running is upstream().long_running is True
    assert ours().long_running_options == upstream().long_running_options


def test_security() -> None:
    assert ours().security_definitions == upstream().security_definitions
    assert ours().security_definitions == {
        "azure_auth": ("oauth2", "implicit", frozenset({"user_impersonation"}))
    }
    assert ours().security == upstream().security


def test_service_address_and_media_types() -> None:
    assert ours().service == upstream().service
    assert ours().service["api-version"] == API_VERSION


def test_whole_normal_form_differs_only_in_documented_headers() -> None:
    """Catches any part added to OperationShape that has no test of its own above."""
    comparable = dataclasses.replace(
        ours(), response_headers=upstream().response_headers
    )
    assert comparable == upstream()
    assert ours() != upstream()  # the Location header really is there


def _extensions(spec: LoadedSpec) -> set[tuple[str, str]]:
    found = find_operation(spec)
    result = {
        ("operation", key) for key in found.operation.value if key.startswith("x-")
    }
    for node in parameter_locations(found):
        value = spec.deref(node).value
        result |= {(value["name"], key) for key in value if key.startswith("x-")}
    return result


def test_extension_differences_are_the_documented_body_ones() -> None:
    mine, theirs = _extensions(our_spec()), _extensions(upstream_spec())
    assert theirs <= mine
    assert mine - theirs == {
        ("vmInstanceIDs", key) for key in OUR_ONLY_BODY_EXTENSIONS
    } | {("operation", "x-armgen-idempotent")}
    body = next(
        our_spec().deref(node).value
        for node in parameter_locations(find_operation(our_spec()))
        if our_spec().deref(node).value["in"] == "body"
    )
    assert body["x-ms-client-flatten"] is True
    assert body["x-armgen-omit-sentinel"]["name"] == "ALL_INSTANCES"


# --- our spec on its own --------------------------------------------------------------------


def _members(node: Node | None, key: str) -> list[Node]:
    """The entries of the mapping at `node[key]`, or none."""
    mapping = node.get(key) if node is not None else None
    return [mapping.child(name) for name in mapping.value] if mapping else []


def _described_items(spec: LoadedSpec) -> Iterator[tuple[str, Node, Node | None]]:
    """(label, node that should be described, `$ref` target whose description may stand in)."""

    def label(node: Node) -> str:
        return f"{node.file.name}#{node.pointer}"

    for file, document in sorted(spec.documents.items()):
        root = Node(file, "", document)
        for parameter in _members(root, "parameters"):
            yield label(parameter), parameter, None
        for definition in _members(root, "definitions"):
            yield label(definition), definition, None
            for prop in _members(definition, "properties"):
                # A `$ref`'s siblings are ignored in Swagger 2.0; the generator, too,
                # documents such a property with the referenced definition's description.
                target = spec.deref(prop) if "$ref" in prop.value else None
                yield label(prop), prop, target
    found = find_operation(spec)
    for node in parameter_locations(found):
        yield label(node), spec.deref(node), None
    for response in _members(found.operation, "responses"):
        for header in _members(spec.deref(response), "headers"):
            yield label(header), header, None


def _has_description(node: Node) -> bool:
    text = node.value.get("description")
    return isinstance(text, str) and bool(text.strip())


def test_every_item_of_our_spec_has_a_description() -> None:
    items = list(_described_items(our_spec()))
    labels = {label for label, _, _ in items}
    assert {  # the walk really reaches every kind of item
        "common-types.yaml#/definitions/ApiError",
        "common-types.yaml#/definitions/ApiError/properties/innererror",
        "common-types.yaml#/parameters/ApiVersionParameter",
        "compute-vmss-deallocate.yaml#/definitions/VirtualMachineScaleSetVMInstanceIDs"
        "/properties/instanceIds",
        f"compute-vmss-deallocate.yaml#{find_operation(our_spec()).operation.pointer}"
        "/parameters/2",
        f"compute-vmss-deallocate.yaml#{find_operation(our_spec()).operation.pointer}"
        "/responses/202/headers/Location",
    } <= labels
    undocumented = [
        label
        for label, node, target in items
        if not (_has_description(node) or (target and _has_description(target)))
    ]
    assert undocumented == []
    assert _has_description(our_spec().root.child("info"))
    assert _has_description(find_operation(our_spec()).operation)


def test_only_cloud_error_relies_on_its_referenced_definitions_description() -> None:
    """The one deliberate stand-in above: CloudError.error is a bare `$ref`, as upstream."""
    borrowed = [
        label
        for label, node, target in _described_items(our_spec())
        if target is not None and not _has_description(node)
    ]
    assert borrowed == ["common-types.yaml#/definitions/CloudError/properties/error"]


def test_our_spec_passes_openapi_spec_validator() -> None:
    validate_spec(our_spec())


# --- examples -------------------------------------------------------------------------------


def _example_files() -> dict[str, Path]:
    examples = find_operation(our_spec()).operation.value["x-ms-examples"]
    return {
        title: (SPEC_FILE.parent / entry["$ref"]).resolve()
        for title, entry in examples.items()
    }


def test_x_ms_examples_are_the_two_files_in_spec_examples() -> None:
    files = _example_files()
    assert len(files) == 2
    for title, path in files.items():
        assert path.is_file(), f"x-ms-examples {title!r}: {path} does not exist"
    assert sorted(files.values()) == sorted(
        path.resolve() for path in EXAMPLES_DIR.glob("*.json")
    )


@pytest.mark.parametrize(
    "name",
    [
        "VirtualMachineScaleSets_Deallocate_MaximumSet.json",
        "VirtualMachineScaleSets_Deallocate_MinimumSet.json",
    ],
)
def test_example_matches_the_operation(name: str) -> None:
    path = EXAMPLES_DIR / name
    assert path in set(_example_files().values()), f"{name} is not in x-ms-examples"
    example = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(example, dict)
    if "operationId" in example:
        assert example["operationId"] == OPERATION_ID
    declared = {shape[0]: shape for shape in ours().parameters}
    parameters = example["parameters"]
    missing = [
        name for name, shape in declared.items() if shape[3] and name not in parameters
    ]
    assert missing == []
    assert set(parameters) <= set(declared), "the example passes undeclared parameters"
    assert parameters["api-version"] == API_VERSION
    body = parameters.get("vmInstanceIDs")
    if body is not None:
        allowed = ours().definitions["VirtualMachineScaleSetVMInstanceIDs"].properties
        assert set(body) <= set(allowed)
        assert all(isinstance(item, str) for item in body.get("instanceIds", []))
    responses = example["responses"]
    assert responses, "an example must show at least one response"
    assert set(responses) <= set(ours().responses)
    for code, response in responses.items():
        headers = {name.lower() for name in response.get("headers", {})}
        assert headers <= set(ours().response_headers.get(code, ())), code
