"""Build the API model from a loaded spec: the only code that reads raw spec values.

Unsupported constructs are refused here with their JSON pointer, never turned into wrong code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar, cast

from generator.errors import UnknownOperationError, display_path
from generator.load import HTTP_METHODS, LoadedSpec, Node
from generator.model.entities import (
    Api,
    Body,
    Constraints,
    ExampleRef,
    Header,
    Kind,
    Location,
    LongRunning,
    Model,
    OAuth2Security,
    OmitSentinel,
    Operation,
    Parameter,
    Property,
    Response,
    SpecSource,
    TypeRef,
)
from generator.naming import pascal_case, snake_case, unique_names

_T = TypeVar("_T")

# Names the generated modules use for their own purposes; a spec cannot take them.
METHOD_RESERVED = frozenset(
    {"self", "polling", "polling_interval", "continuation_token", "kwargs"}
    # locals of a generated method, and module names it reads
    | {"body", "query", "headers", "request", "pipeline_response", "response"}
    | {"polling_method", "quote", "urlsplit", "cast", "error_from_response"}
)
CLIENT_RESERVED = frozenset(
    {"self", "credential", "endpoint", "kwargs", "scopes"}
    | {"pipeline_policies", "policies"}
)
MODEL_RESERVED = frozenset(
    {"from_dict", "to_dict", "classmethod", "staticmethod", "property", "cls"}
    # names the class body's annotations use
    | {"str", "int", "float", "bool", "list", "dict", "datetime", "Any", "Mapping"}
)
RESERVED_CLASS_NAMES = frozenset(
    # imported or defined by the generated modules
    {"Any", "Final", "TypeVar", "Mapping", "Sequence", "TracebackType", "HttpRequest"}
    | {"HttpResponse", "AsyncHttpResponse", "TokenCredential", "AsyncTokenCredential"}
    | {"PipelineRequest", "PipelineResponse", "SansIOHTTPPolicy", "HttpResponseError"}
    | {"LROPoller", "AsyncLROPoller", "NoPolling", "AsyncNoPolling", "PollingMethod"}
    | {"AsyncPollingMethod", "ARMPipelineClient", "AsyncARMPipelineClient"}
    | {"ARMChallengeAuthenticationPolicy", "AsyncARMChallengeAuthenticationPolicy"}
    | {"ARMHttpLoggingPolicy", "ARMPolling", "AsyncARMPolling"}
    | {"ClientAuthenticationError", "ResourceExistsError", "ResourceNotFoundError"}
    | {"ServiceError", "ServiceAuthenticationError", "ServiceResourceExistsError"}
    | {"ServiceResourceNotFoundError"}
)
RESERVED_CONSTANTS = frozenset(
    {"API_VERSION", "DEFAULT_ENDPOINT", "DEFAULT_POLLING_INTERVAL", "VERSION"}
    | {"AZURE_PUBLIC_CLOUD", "AZURE_CHINA_CLOUD", "AZURE_US_GOVERNMENT"}
)
OMIT_SENTINEL_EXTENSION = "x-armgen-omit-sentinel"
IDEMPOTENT_EXTENSION = "x-armgen-idempotent"
UNSUPPORTED_SCHEMA_KEYWORDS = ("anyOf", "oneOf", "discriminator")
_PRIMITIVES = {
    "string": Kind.STRING,
    "boolean": Kind.BOOLEAN,
    "integer": Kind.INTEGER,
    "number": Kind.NUMBER,
    "file": Kind.ANY,
}
_SENTINEL_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_PATH_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def build_api(
    spec: LoadedSpec,
    operation_ids: Sequence[str] | None = None,
    *,
    source_path: str | None = None,
) -> Api:
    """The API model of the operations named in `operation_ids` (all of them when None)."""
    return _Builder(spec).build(
        operation_ids, source_path or display_path(spec.root_file)
    )


class _Builder:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.model_nodes: dict[str, Node] = {}
        self.models: dict[str, Model] = {}
        self.models_in_progress: set[str] = set()
        self.sentinel_nodes: dict[str, Node] = {}

    def build(self, operation_ids: Sequence[str] | None, source_path: str) -> Api:
        root = self.spec.root
        info = _required(root, "info")
        operation_nodes = self._select_operations(root, operation_ids)
        method_names = unique_names(
            {
                op_id: _method_candidate(op_id, node)
                for op_id, _, _, node, _ in operation_nodes
            },
            fallback="operation",
            reserved={"close"},
        )
        operations = _name_client_parameters(
            tuple(
                self._operation(
                    op_id, path, method, node, path_item, method_names[op_id]
                )
                for op_id, path, method, node, path_item in operation_nodes
            )
        )
        while pending := sorted(set(self.model_nodes) - set(self.models)):
            for name in pending:
                self._model(name)
        class_names = unique_names(
            {name: _class_name(name) for name in self.models},
            fallback="Model",
            reserved=RESERVED_CLASS_NAMES | {_client_name(operation_nodes, root)},
        )
        models = tuple(
            replace(self.models[name], class_name=class_names[name])
            for name in sorted(self.models)
        )
        client_name = _client_name(operation_nodes, root)
        enum_classes = _enum_class_names(
            (*models, *operations),
            taken={client_name, *class_names.values(), *RESERVED_CLASS_NAMES},
        )
        for class_name, name_node in sorted(self.sentinel_nodes.items()):
            if (
                class_name == client_name
                or class_name in class_names.values()
                or class_name in enum_classes.values()
            ):
                raise name_node.error(
                    f"sentinel name {name_node.value!r} would take the class name"
                    f" {class_name!r} of the client, a model or an enum"
                )
        models, operations = _with_enum_classes((models, operations), enum_classes)
        title = _text(info, "title") or "Api"
        return Api(
            title=title,
            description=_text(info, "description"),
            api_version=str(_required(info, "version").value),
            host=str(root.value.get("host", "management.azure.com")),
            base_path=str(root.value.get("basePath", "")).rstrip("/"),
            client_name=client_name,
            operations=operations,
            models=models,
            client_parameters=_client_parameters(operations),
            security=self._security(root),
            source=SpecSource(path=source_path, sha256=self.spec.sha256),
        )

    def _select_operations(
        self, root: Node, operation_ids: Sequence[str] | None
    ) -> list[tuple[str, str, str, Node, Node]]:
        found: dict[str, tuple[str, str, str, Node, Node]] = {}
        paths = _required(root, "paths")
        for path in paths.value:
            path_item = self.spec.deref(paths.child(path))
            for method in HTTP_METHODS:
                if (node := path_item.get(method)) is None:
                    continue
                op_id_node = _required(node, "operationId")
                op_id = str(op_id_node.value)
                if op_id in found:
                    raise op_id_node.error(f"operationId {op_id!r} is used twice")
                found[op_id] = (op_id, path, method, node, path_item)
        if operation_ids is None:
            return list(found.values())
        missing = [op_id for op_id in operation_ids if op_id not in found]
        if missing:
            raise UnknownOperationError(paths.file, paths.pointer, missing)
        return [found[op_id] for op_id in dict.fromkeys(operation_ids)]

    def _operation(
        self,
        op_id: str,
        path: str,
        method: str,
        node: Node,
        path_item: Node,
        method_name: str,
    ) -> Operation:
        group, name = _split_operation_id(op_id)
        parameter_nodes = self._parameter_nodes(node, path_item)
        plain = [
            (n, ref, client)
            for n, ref, client in parameter_nodes
            if n.value.get("in") != "body"
        ]
        bodies = [n for n, _, _ in parameter_nodes if n.value.get("in") == "body"]
        if len(bodies) > 1:
            raise bodies[1].error("an operation can have only one body parameter")
        body = self._body(bodies[0], op_id) if bodies else None
        candidates = {
            f"{n.value['in']}:{n.value['name']}": _python_candidate(n)
            for n, _, client in plain
            if not client
        }
        if body is not None and body.flattened:
            candidates |= {f"body:{p.wire_name}": p.python_name for p in body.flattened}
        elif body is not None:
            candidates["body"] = body.python_name
        names = unique_names(candidates, fallback="parameter", reserved=METHOD_RESERVED)
        if body is not None:
            body = replace(
                body,
                python_name=names.get("body", body.python_name),
                flattened_arguments=tuple(
                    names[f"body:{p.wire_name}"] for p in body.flattened
                ),
            )
        parameters = tuple(
            self._parameter(
                n, client, names.get(f"{n.value['in']}:{n.value['name']}", "")
            )
            for n, _, client in plain
        )
        base_path = str(self.spec.root.value.get("basePath", ""))
        self._check_path_parameters(node, base_path.rstrip("/") + path, parameters)
        long_running = None
        if _flag(node, "x-ms-long-running-operation"):
            options = node.get("x-ms-long-running-operation-options")
            final_state = options.get("final-state-via") if options else None
            long_running = LongRunning(str(final_state.value) if final_state else None)
        return Operation(
            operation_id=op_id,
            group=group,
            name=name,
            method_name=method_name,
            http_method=method.upper(),
            path=path,
            summary=_text(node, "summary"),
            description=_text(node, "description") or _text(node, "summary"),
            parameters=parameters,
            body=body,
            responses=self._responses(_required(node, "responses"), op_id),
            long_running=long_running,
            examples=self._examples(node),
            deprecated=_flag(node, "deprecated"),
            idempotent=_flag(node, IDEMPOTENT_EXTENSION)
            or method in ("get", "put", "delete"),
        )

    def _parameter_nodes(
        self, node: Node, path_item: Node
    ) -> list[tuple[Node, bool, bool]]:
        """(resolved parameter, came from a $ref, is a client parameter), path-level ones first."""
        by_key: dict[tuple[str, str], tuple[Node, bool, bool]] = {}
        for owner in (path_item, node):
            listing = owner.get("parameters")
            for index in range(len(listing.value) if listing else 0):
                assert listing is not None
                entry = listing.child(index)
                resolved = self.spec.deref(entry)
                is_ref = resolved is not entry
                location = resolved.value.get("x-ms-parameter-location")
                client = (
                    location == "client"
                    if location
                    else is_ref and _is_global(resolved)
                )
                if resolved.value.get("in") == "formData":
                    raise resolved.error("formData parameters are not supported")
                key = (str(resolved.value.get("in")), str(resolved.value.get("name")))
                by_key[key] = (resolved, is_ref, client)
        return list(by_key.values())

    def _parameter(self, node: Node, client: bool, python_name: str) -> Parameter:
        value = node.value
        if value.get("in") not in {location.value for location in Location}:
            raise node.error(f"parameter location {value.get('in')!r} is not supported")
        return Parameter(
            wire_name=str(value["name"]),
            python_name=python_name if not client else _python_candidate(node),
            location=Location(value["in"]),
            type=self._type(node),
            required=bool(value.get("required", False)),
            description=_text(node, "description"),
            client_level=client,
            default=value.get("default"),
            constraints=_constraints(value),
        )

    def _check_path_parameters(
        self, node: Node, path: str, parameters: Sequence[Parameter]
    ) -> None:
        placeholders = set(_PATH_PLACEHOLDER.findall(path))
        declared = {p.wire_name for p in parameters if p.location is Location.PATH}
        if missing := sorted(placeholders - declared):
            raise node.error(f"path placeholder {{{missing[0]}}} has no path parameter")
        if extra := sorted(declared - placeholders):
            raise node.error(f"path parameter {extra[0]!r} does not appear in the path")

    def _body(self, node: Node, operation_name: str) -> Body:
        schema = _required(node, "schema")
        body_type = self._type(schema, f"{operation_name}_body")
        required = bool(node.value.get("required", False))
        flattened: tuple[Property, ...] = ()
        if _flag(node, "x-ms-client-flatten"):
            if body_type.kind is not Kind.MODEL or body_type.model is None:
                raise node.error(
                    "x-ms-client-flatten needs a body whose schema is a model"
                )
            flattened = self._all_properties(body_type.model)
        sentinel = self._omit_sentinel(node, required, flattened)
        return Body(
            wire_name=str(node.value["name"]),
            python_name=_python_candidate(node),
            type=body_type,
            required=required,
            description=_text(node, "description"),
            flattened=flattened,
            omit_sentinel=sentinel,
        )

    def _omit_sentinel(
        self, node: Node, required: bool, flattened: tuple[Property, ...]
    ) -> OmitSentinel | None:
        extension = node.get(OMIT_SENTINEL_EXTENSION)
        if extension is None:
            return None
        if not isinstance(extension.value, Mapping):
            raise extension.error(
                f"{OMIT_SENTINEL_EXTENSION} must be a mapping with a 'name'"
            )
        name_node = _required(extension, "name")
        name = name_node.value
        if not isinstance(name, str) or not _SENTINEL_NAME.fullmatch(name):
            raise name_node.error(
                f"sentinel name must be UPPER_SNAKE_CASE, not {name!r}"
            )
        class_name = pascal_case(name.lower())
        if name in RESERVED_CONSTANTS or class_name in RESERVED_CLASS_NAMES:
            raise name_node.error(
                f"sentinel name {name!r} is taken by the generated client"
            )
        self.sentinel_nodes.setdefault(class_name, name_node)
        if required:
            raise extension.error(
                "a required body cannot be omitted, so it cannot have a sentinel"
            )
        if len(flattened) > 1:
            raise extension.error(
                "a flattened body with a sentinel must have exactly one property"
            )
        return OmitSentinel(
            name=name,
            class_name=class_name,
            description=_text(extension, "description"),
        )

    def _responses(self, node: Node, operation_name: str) -> tuple[Response, ...]:
        responses = []
        for status in node.value:
            if not (status == "default" or (status.isdigit() and len(status) == 3)):
                if status.startswith("x-"):
                    continue
                raise node.child(status).error(
                    f"response key {status!r} is not a status code"
                )
            response = self.spec.deref(node.child(status))
            schema = response.get("schema")
            header_nodes = response.get("headers")
            headers = tuple(
                Header(
                    wire_name=wire,
                    python_name=snake_case(wire) or "header",
                    type=self._type(header_nodes.child(wire)),
                    description=_text(header_nodes.child(wire), "description"),
                )
                for wire in (
                    sorted(header_nodes.value, key=str.lower) if header_nodes else ()
                )
                if header_nodes is not None
            )
            responses.append(
                Response(
                    status=status,
                    description=_text(response, "description"),
                    type=(
                        self._type(schema, f"{operation_name}_response")
                        if schema
                        else None
                    ),
                    headers=headers,
                )
            )
        return tuple(sorted(responses, key=lambda r: (r.status == "default", r.status)))

    def _examples(self, node: Node) -> tuple[ExampleRef, ...]:
        examples = node.get("x-ms-examples")
        if examples is None:
            return ()
        if not isinstance(examples.value, Mapping):
            raise examples.error("x-ms-examples must map titles to {$ref: file}")
        result = []
        for title in examples.value:
            entry = examples.child(title)
            ref = entry.value.get("$ref") if isinstance(entry.value, Mapping) else None
            if not isinstance(ref, str):
                raise entry.error(
                    "an x-ms-examples entry must be a {$ref: file} mapping"
                )
            result.append(
                ExampleRef(title=title, file=(node.file.parent / ref).resolve())
            )
        return tuple(result)

    def _type(self, node: Node, hint: str = "") -> TypeRef:
        """The TypeRef of a schema, parameter or header node; registers the models it reaches.

        `hint` names an inline object schema's model, as AutoRest does: owner + property.
        """
        if self.spec.ref_target(node) is not None:
            target = self.spec.deref(node)
            name = _definition_name(target)
            if name is not None and _is_object_schema(target.value):
                self._register_model(name, target)
                return TypeRef(Kind.MODEL, model=name)
            return self._type(target, name or hint)
        value = node.value
        for keyword in UNSUPPORTED_SCHEMA_KEYWORDS:
            if keyword in value:
                raise node.child(keyword).error(f"'{keyword}' is not supported yet")
        if "allOf" in value:
            return self._inline_all_of(node)
        declared = value.get("type")
        if declared == "array":
            items = _required(node, "items")
            return TypeRef(Kind.ARRAY, item=self._type(items, hint and hint + "Item"))
        if declared == "object" or (
            declared is None
            and ("properties" in value or "additionalProperties" in value)
        ):
            additional = node.get("additionalProperties")
            if additional is not None and additional.value is False:
                additional = None  # "no other keys": the same Python type
            if "properties" in value or additional is None:
                if not value.get("properties") and additional is None:
                    return TypeRef(Kind.ANY)
                if not hint:
                    raise node.error("an inline object schema needs a named owner")
                name = self._unused_model_name(pascal_case(hint), node)
                self._register_model(name, node)
                return TypeRef(Kind.MODEL, model=name)
            if additional.value is True or additional.value == {}:
                return TypeRef(Kind.DICT, item=TypeRef(Kind.ANY))
            return TypeRef(
                Kind.DICT, item=self._type(additional, hint and hint + "Value")
            )
        if declared is None:
            return TypeRef(Kind.ANY)
        if not isinstance(declared, str) or declared not in _PRIMITIVES:
            raise node.error(f"type {declared!r} is not supported")
        return TypeRef(
            _PRIMITIVES[declared], format=value.get("format"), **_enum_fields(node)
        )

    def _inline_all_of(self, node: Node) -> TypeRef:
        """`{allOf: [{$ref: X}], description: ...}` is X with a description: Azure's idiom."""
        entries = _required(node, "allOf")
        if len(entries.value) != 1 or "properties" in node.value:
            raise entries.error(
                "inline object schemas are not supported yet: move it to definitions"
            )
        return self._type(entries.child(0))

    def _unused_model_name(self, name: str, node: Node) -> str:
        """`name`, or `name2`, ... when another schema already has it."""
        candidate, counter = name, 2
        while (known := self.model_nodes.get(candidate)) is not None and (
            known.file,
            known.pointer,
        ) != (node.file, node.pointer):
            candidate, counter = f"{name}{counter}", counter + 1
        return candidate

    def _register_model(self, name: str, node: Node) -> None:
        known = self.model_nodes.get(name)
        if known is None:
            self.model_nodes[name] = node
        elif (known.file, known.pointer) != (node.file, node.pointer):
            raise node.error(
                f"two definitions are named {name!r}"
                f" (also {display_path(known.file)}#{known.pointer})"
            )

    def _model(self, name: str) -> Model:
        if name in self.models:
            return self.models[name]
        node = self.model_nodes[name]
        for keyword in UNSUPPORTED_SCHEMA_KEYWORDS:
            if keyword in node.value:
                raise node.child(keyword).error(f"'{keyword}' is not supported yet")
        if name in self.models_in_progress:
            raise node.error(f"model {name!r} extends itself through allOf")
        self.models_in_progress.add(name)
        bases = self._bases(node)
        required = set(node.value.get("required", ()))
        properties_node = node.get("properties")
        wires = list(properties_node.value) if properties_node else []
        if unknown := sorted(required - set(wires)):
            raise node.error(
                f"required property {unknown[0]!r} is not among the properties"
            )
        names = unique_names(
            (
                {
                    wire: _python_candidate(properties_node.child(wire), wire)
                    for wire in wires
                }
                if properties_node
                else {}
            ),
            fallback="field",
            reserved=MODEL_RESERVED,
        )
        properties = []
        for wire in wires:
            assert properties_node is not None
            prop = properties_node.child(wire)
            resolved = self.spec.deref(prop)
            properties.append(
                Property(
                    wire_name=wire,
                    python_name=names[wire],
                    type=self._type(prop, f"{name}_{wire}"),
                    required=wire in required,
                    read_only=bool(
                        prop.value.get(
                            "readOnly", resolved.value.get("readOnly", False)
                        )
                    ),
                    description=_text(prop, "description")
                    or _text(resolved, "description"),
                    constraints=_constraints(resolved.value),
                )
            )
        model = Model(
            name=name,
            class_name=_class_name(name),
            description=_text(node, "description"),
            properties=tuple(properties),
            external=_flag(node, "x-ms-external"),
            bases=bases,
        )
        self.models[name] = model
        self.models_in_progress.discard(name)
        return model

    def _all_properties(self, name: str) -> tuple[Property, ...]:
        """Inherited properties first, then the model's own; as Api.all_properties."""
        model = self._model(name)
        inherited: dict[str, Property] = {}
        for base in model.bases:
            for prop in self._all_properties(base):
                inherited.setdefault(prop.wire_name, prop)
        own = {prop.wire_name for prop in model.properties}
        return tuple(p for w, p in inherited.items() if w not in own) + model.properties

    def _bases(self, node: Node) -> tuple[str, ...]:
        entries = node.get("allOf")
        bases: list[str] = []
        for index in range(len(entries.value) if entries else 0):
            assert entries is not None
            entry = entries.child(index)
            base = self._type(entry)
            if base.kind is not Kind.MODEL or base.model is None:
                raise entry.error("allOf entries must reference object definitions")
            self._model(base.model)
            bases.append(base.model)
        return tuple(bases)

    def _security(self, root: Node) -> tuple[OAuth2Security, ...]:
        definitions = root.get("securityDefinitions")
        result = []
        for name in sorted(definitions.value) if definitions else ():
            assert definitions is not None
            entry = definitions.child(name)
            if entry.value.get("type") != "oauth2":
                continue
            scopes = entry.value.get("scopes", {})
            result.append(
                OAuth2Security(
                    name=name,
                    flow=str(entry.value.get("flow", "")),
                    authorization_url=str(entry.value.get("authorizationUrl", "")),
                    description=_text(entry, "description"),
                    scopes=tuple((str(k), str(v)) for k, v in sorted(scopes.items())),
                )
            )
        return tuple(result)


def _name_client_parameters(operations: tuple[Operation, ...]) -> tuple[Operation, ...]:
    """Client parameters get one name, the same in every operation and on the client."""
    names = {p.wire_name: p.python_name for p in _client_parameters(operations)}
    return tuple(
        replace(
            operation,
            parameters=tuple(
                replace(p, python_name=names[p.wire_name]) if p.client_level else p
                for p in operation.parameters
            ),
        )
        for operation in operations
    )


def _client_name(operation_nodes: Sequence[tuple[str, ...] | Any], root: Node) -> str:
    """`<Group>Client` when every operation is in one group (`Group_Name`), else the title's."""
    groups = {_split_operation_id(op_id)[0] for op_id, *_ in operation_nodes}
    if len(groups) == 1 and (group := next(iter(groups))):
        name = pascal_case(group) + "Client"
    else:
        info = root.value.get("info", {})
        name = pascal_case(
            str(info.get("title", "")) if isinstance(info, Mapping) else ""
        )
        name = name if name.endswith("Client") else name + "Client"
    name = name if name[0].isalpha() else "Api" + name
    return name + "_" if name in RESERVED_CLASS_NAMES else name


def _client_parameters(operations: Sequence[Operation]) -> tuple[Parameter, ...]:
    by_wire: dict[str, Parameter] = {}
    for operation in operations:
        for parameter in operation.parameters:
            if parameter.client_level:
                by_wire.setdefault(parameter.wire_name, parameter)
    names = unique_names(
        {wire: p.python_name for wire, p in by_wire.items()},
        fallback="parameter",
        reserved=CLIENT_RESERVED,
    )
    return tuple(
        replace(p, python_name=names[wire]) for wire, p in sorted(by_wire.items())
    )


def _required(node: Node, key: str) -> Node:
    child = node.get(key)
    if child is None:
        raise node.error(f"missing required field {key!r}")
    return child


def _text(node: Node, key: str) -> str:
    value = node.value.get(key) if isinstance(node.value, Mapping) else None
    return value.strip() if isinstance(value, str) else ""


def _flag(node: Node, key: str) -> bool:
    return node.value.get(key) is True


def _python_candidate(node: Node, wire_name: str | None = None) -> str:
    """snake_case of `x-ms-client-name` when given, else of the wire name."""
    client_name = node.value.get("x-ms-client-name")
    if isinstance(client_name, str):
        return snake_case(client_name)
    return snake_case(
        wire_name if wire_name is not None else str(node.value.get("name", ""))
    )


def _method_candidate(op_id: str, node: Node) -> str:
    """`begin_` for a long-running operation is part of the name that must be unique."""
    prefix = "begin_" if _flag(node, "x-ms-long-running-operation") else ""
    return prefix + (_method_base(op_id) or "operation")


def _method_base(op_id: str) -> str:
    return snake_case(_split_operation_id(op_id)[1])


def _split_operation_id(op_id: str) -> tuple[str, str]:
    group, _, name = op_id.rpartition("_")
    return group, name


def _is_global(node: Node) -> bool:
    """A parameter from a `parameters` section is a client parameter unless it says otherwise."""
    return node.pointer.startswith("/parameters/")


def _definition_name(node: Node) -> str | None:
    parts = node.pointer.split("/")
    if len(parts) == 3 and parts[1] == "definitions":
        return parts[2].replace("~1", "/").replace("~0", "~")
    return None


def _is_object_schema(value: Any) -> bool:
    if not isinstance(value, Mapping):
        return False
    if "properties" in value or "allOf" in value:
        return True
    return value.get("type") == "object" and "additionalProperties" not in value


def _enum_class_names(parts: Iterable[object], taken: set[str]) -> dict[str, str]:
    """A distinct class for each `x-ms-enum` name (enums of the same name are one class):
    `Enum` is added to a name a model, the client or the generated modules have, and two names
    that read alike (`poke mode`, `poke-mode`) get `PokeMode` and `PokeMode_2`."""
    candidates: dict[str, str] = {}
    for type_ref in _type_refs(parts):
        if type_ref.kind is Kind.STRING and type_ref.enum_name:
            name = pascal_case(type_ref.enum_name) or "Values"
            name = name if name[0].isalpha() else "Enum" + name
            if name in taken or name.endswith("Client"):
                name += "Enum"
            candidates[type_ref.enum_name] = name
    return unique_names(candidates, fallback="Values", reserved=taken)


def _type_refs(value: object) -> Iterator[TypeRef]:
    """Every TypeRef in a tree of the model's dataclasses and tuples."""
    if isinstance(value, TypeRef):
        yield value
        if value.item is not None:
            yield from _type_refs(value.item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _type_refs(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for each in fields(value):
            yield from _type_refs(getattr(value, each.name))


def _with_enum_classes(value: _T, enum_classes: Mapping[str, str]) -> _T:
    """`value` with every named string enum's TypeRef given its class."""
    result: Any = value
    if isinstance(value, TypeRef):
        changes: dict[str, Any] = {}
        if value.item is not None:
            changes["item"] = _with_enum_classes(value.item, enum_classes)
        if value.kind is Kind.STRING and value.enum_name:
            changes["enum_class"] = enum_classes[value.enum_name]
        result = replace(value, **changes) if changes else value
    elif isinstance(value, tuple):
        result = tuple(_with_enum_classes(item, enum_classes) for item in value)
    elif is_dataclass(value) and not isinstance(value, type):
        result = replace(
            value,
            **{
                each.name: _with_enum_classes(getattr(value, each.name), enum_classes)
                for each in fields(value)
                if each.init
            },
        )
    return cast(_T, result)


def _class_name(name: str) -> str:
    class_name = pascal_case(name)
    return class_name if class_name[:1].isalpha() else "Model" + class_name


def _enum_fields(node: Node) -> dict[str, Any]:
    values = node.value.get("enum")
    if not values:
        return {}
    if not isinstance(values, list):
        raise node.child("enum").error("enum must be a list")
    extension = node.value.get("x-ms-enum")
    if not isinstance(extension, Mapping):
        return {"enum_values": tuple(values), "enum_extensible": False}
    name = extension.get("name")
    return {
        "enum_values": tuple(values),
        "enum_name": name if isinstance(name, str) and name else None,
        "enum_extensible": extension.get("modelAsString", False) is True,
    }


def _constraints(value: Mapping[str, Any]) -> Constraints:
    return Constraints(
        pattern=value.get("pattern"),
        min_length=value.get("minLength"),
        max_length=value.get("maxLength"),
        minimum=value.get("minimum"),
        maximum=value.get("maximum"),
        min_items=value.get("minItems"),
        max_items=value.get("maxItems"),
    )
