"""Build the API model from a loaded spec: the only code that reads raw spec values.

Unsupported constructs are refused here with their JSON pointer, never turned into wrong code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.errors import UnknownOperationError, display_path
from generator.extensions import IDEMPOTENT_EXTENSION
from generator.load import HTTP_METHODS, LoadedSpec, Node
from generator.model.api import Api
from generator.model.constants import is_constant
from generator.model.definitions import python_class_name
from generator.model.document import (
    check_one_error_model,
    definition_names,
    is_global,
    operation_ids,
    path_keys,
    scheme,
    security,
)
from generator.model.entities import (
    Location,
    LongRunning,
    Operation,
    Parameter,
    SpecSource,
)
from generator.model.enums import enum_classes
from generator.model.grouping import (
    GroupRegistry,
    group_argument_candidate,
    group_key,
    group_members,
)
from generator.model.groups import (
    client_class_name,
    group_operations,
    method_name,
    split_operation_id,
)
from generator.model.host import HostParameterNode, check_host_names, host_template
from generator.model.messages import MessageReader
from generator.model.nodes import flag_value, python_candidate, required_key, text_value
from generator.model.paging import paging, with_next_operations
from generator.model.patterns import PatternError, python_pattern
from generator.model.renames import NO_RENAMES, Renames
from generator.model.reserved import (
    CLIENT_RESERVED,
    FORMAT_URL_KEYWORDS,
    METHOD_RESERVED,
    RESERVED_CLASS_NAMES,
)
from generator.model.schemas import SchemaReader, constraints
from generator.naming import safe_identifier, unique_names
from generator.wire import placeholders


def build_api(
    spec: LoadedSpec,
    operation_ids: Sequence[str] | None = None,
    *,
    source_path: str | None = None,
    client_name: str | None = None,
    renames: Renames = NO_RENAMES,
) -> Api:
    """The API model of the operations named in `operation_ids` (all of them when None).

    `client_name` is the project file's name for the client class (else the spec's);
    `renames` its class names for models and operation groups."""
    return _Builder(spec, renames).build(
        operation_ids, source_path or display_path(spec.root_file), client_name
    )


class _Builder:
    def __init__(self, spec: LoadedSpec, renames: Renames = NO_RENAMES) -> None:
        self.spec = spec
        self.renames = renames
        self.schemas = SchemaReader(spec)
        self.messages = MessageReader(spec, self.schemas)
        self.host_nodes: tuple[HostParameterNode, ...] = ()
        self.host_position = "first"
        self.parameter_groups = GroupRegistry()

    def build(
        self,
        operation_ids: Sequence[str] | None,
        source_path: str,
        client_name: str | None,
    ) -> Api:
        root = self.spec.root
        info = required_key(root, "info")
        # No `schemes`: http, as AutoRest has it (a token is never sent over http unasked).
        listed = "schemes" in root.value
        host = host_template(self.spec, root, scheme(root) if listed else "http")
        if host is not None:
            self.host_position = host[0].position
            self.host_nodes = host[1]
        operation_nodes = self._select_operations(root, operation_ids)
        operations = _name_client_parameters(
            tuple(
                self._operation(
                    op_id, path, method, node, path_item, method_name(op_id, node)
                )
                for op_id, path, method, node, path_item in operation_nodes
            )
        )
        nodes = {op_id: node for op_id, _, _, node, _ in operation_nodes}
        operations = with_next_operations(operations, nodes)
        check_one_error_model(operations, nodes)
        check_host_names(root, self.host_nodes, operations)
        groups = group_operations(operations, nodes)
        grouped = {op.operation_id: op for group in groups for op in group.operations}
        operations = tuple(grouped.get(op.operation_id, op) for op in operations)
        client_class = client_class_name(info, client_name)
        group_classes = {group.class_name for group in groups if group.name}
        read_models = self.schemas.finish()
        class_names = self._class_names(read_models, client_class, group_classes)
        models = tuple(
            replace(read_models[name], class_name=class_names[name])
            for name in sorted(read_models)
        )
        self.parameter_groups.check_class_names(
            {client_class: "the client"}
            | {name: "a model" for name in class_names.values()}
            | {name: "an operation group" for name in group_classes}
        )
        enums = enum_classes(
            models,
            operations,
            taken={
                client_class,
                *class_names.values(),
                *group_classes,
                *self.parameter_groups.nodes,
                *RESERVED_CLASS_NAMES,
            },
        )
        for class_name, name_node in sorted(self.messages.sentinel_nodes.items()):
            if (
                class_name == client_class
                or class_name in class_names.values()
                or class_name in {enum.class_name for enum in enums}
                or class_name in group_classes
                or class_name in self.parameter_groups.nodes
            ):
                raise name_node.error(
                    f"sentinel name {name_node.value!r} would take the class name"
                    f" {class_name!r} of the client, a model or an enum"
                )
        title = text_value(info, "title") or "Api"
        return Api(
            title=title,
            description=text_value(info, "description"),
            api_version=str(required_key(info, "version").value),
            host=str(root.value.get("host", "management.azure.com")),
            base_path=str(root.value.get("basePath", "")).rstrip("/"),
            client_name=client_class,
            operations=operations,
            models=models,
            client_parameters=_client_parameters(operations),
            security=security(root),
            source=SpecSource(path=source_path, sha256=self.spec.sha256),
            scheme=scheme(root),
            groups=groups,
            host_template=host[0] if host is not None else None,
            enums=enums,
            parameter_groups=self.parameter_groups.groups(),
        )

    def _class_names(
        self, models: Mapping[str, object], client_class: str, group_classes: set[str]
    ) -> dict[str, str]:
        """Each model's class name: the project file's rename, else from its name; a
        rename that would take another class's name is refused."""
        self.renames.check_known(
            set(models) | definition_names(self.spec),
            {split_operation_id(op_id)[0] for op_id in operation_ids(self.spec.root)},
        )
        renamed = {
            name: new for name, new in self.renames.models.items() if name in models
        }
        names = unique_names(
            {name: python_class_name(name) for name in models if name not in renamed},
            fallback="Model",
            reserved=RESERVED_CLASS_NAMES
            | {client_class}
            | group_classes
            | set(renamed.values()),
        )
        taken = (
            RESERVED_CLASS_NAMES | {client_class} | group_classes | set(names.values())
        )
        seen: set[str] = set()
        for name, new in sorted(renamed.items()):
            if new in taken or new in seen:
                raise self.renames.error(
                    "models", name, f"{new!r} is already the name of another class"
                )
            seen.add(new)
        return {**names, **renamed}

    def _select_operations(
        self, root: Node, operation_ids: Sequence[str] | None
    ) -> list[tuple[str, str, str, Node, Node]]:
        found: dict[str, tuple[str, str, str, Node, Node]] = {}
        paths = required_key(root, "paths")
        for section, key in path_keys(root):
            path, query = key, ""
            if section.pointer == "/x-ms-paths":
                path, _, query = key.partition("?")
            if "=" in query:
                raise section.child(key).error(
                    "an x-ms-paths key with query parameters is not supported yet"
                )
            path_item = self.spec.deref(section.child(key))
            for method in HTTP_METHODS:
                if (node := path_item.get(method)) is None:
                    continue
                op_id_node = required_key(node, "operationId")
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
        group, name = split_operation_id(op_id)
        group = self.renames.groups.get(group, group)
        parameter_nodes = self._parameter_nodes(node, path_item)
        plain = [
            (n, client and not is_constant(n, client_level=True))
            for n, _, client in parameter_nodes
            if n.value.get("in") != "body"
        ]
        bodies = [n for n, _, _ in parameter_nodes if n.value.get("in") == "body"]
        if len(bodies) > 1:
            raise bodies[1].error("an operation can have only one body parameter")
        body = self.messages.body(bodies[0], op_id) if bodies else None
        candidates = {
            f"{n.value['in']}:{n.value['name']}": _parameter_candidate(n)
            for n, client in plain
            if not client
        }
        candidates |= {
            f"host:{h.node.value['name']}": python_candidate(h.node)
            for h in self.host_nodes
            if not h.client
        }
        if body is not None and body.flattened:
            candidates |= {f"body:{p.wire_key}": p.python_name for p in body.flattened}
        elif body is not None:
            candidates["body"] = body.python_name
        members = group_members(
            op_id, plain, (bodies[0], body) if body else None, self.schemas
        )
        candidates |= {
            group_key(m.class_name): group_argument_candidate(m.class_name)
            for m in members
        }
        names = unique_names(candidates, fallback="parameter", reserved=METHOD_RESERVED)
        grouped = {member.key for member in members}
        if body is not None:
            body = replace(
                body,
                python_name=names.get("body", body.python_name),
                flattened_arguments=tuple(
                    names[f"body:{p.wire_key}"] for p in body.flattened
                ),
                grouped=any(key.partition(":")[0] == "body" for key in grouped),
            )
        parameters = tuple(
            replace(
                self._parameter(n, client, names.get(key, "")), grouped=key in grouped
            )
            for n, client in plain
            for key in [f"{n.value['in']}:{n.value['name']}"]
        )
        hosts = tuple(
            replace(
                self._parameter(
                    h.node, h.client, names.get(f"host:{h.node.value['name']}", "")
                ),
                location=Location.HOST,
            )
            for h in self.host_nodes
        )
        first = self.host_position == "first"
        parameters = hosts + parameters if first else parameters + hosts
        base_path = str(self.spec.root.value.get("basePath", ""))
        self._check_path_parameters(node, base_path.rstrip("/") + path, parameters)
        long_running = None
        if flag_value(node, "x-ms-long-running-operation"):
            options = node.get("x-ms-long-running-operation-options")
            final_state = options.get("final-state-via") if options else None
            long_running = LongRunning(str(final_state.value) if final_state else None)
        responses = self.messages.responses(required_key(node, "responses"), op_id)
        return Operation(
            operation_id=op_id,
            group=group,
            name=name,
            method_name=method_name,
            http_method=method.upper(),
            path=path,
            summary=text_value(node, "summary"),
            description=text_value(node, "description") or text_value(node, "summary"),
            parameters=parameters,
            body=body,
            responses=responses,
            long_running=long_running,
            paging=paging(node, responses, self.schemas),
            group_arguments=self.parameter_groups.arguments(members, names),
            examples=self.messages.examples(node),
            deprecated=flag_value(node, "deprecated"),
            idempotent=flag_value(node, IDEMPOTENT_EXTENSION)
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
                    location == "client" if location else is_ref and is_global(resolved)
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
        limits = constraints(value)
        if value["in"] == "path" and limits.pattern is not None:
            limits = replace(limits, python_pattern=_python_pattern(node))
        constant = is_constant(node, client_level=client)
        return Parameter(
            wire_name=str(value["name"]),
            python_name=python_name if not client else python_candidate(node),
            location=Location(value["in"]),
            type=self.schemas.type_of(node),
            required=bool(value.get("required", False)),
            description=text_value(node, "description"),
            client_level=client,
            default=value.get("default"),
            constraints=limits,
            skip_url_encoding=flag_value(node, "x-ms-skip-url-encoding"),
            constant=constant,
        )

    def _check_path_parameters(
        self, node: Node, path: str, parameters: Sequence[Parameter]
    ) -> None:
        in_path = set(placeholders(path))
        declared = {p.wire_name for p in parameters if p.location is Location.PATH}
        if missing := sorted(in_path - declared):
            raise node.error(f"path placeholder {{{missing[0]}}} has no path parameter")
        if extra := sorted(declared - in_path):
            raise node.error(f"path parameter {extra[0]!r} does not appear in the path")


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


def _client_parameters(operations: Sequence[Operation]) -> tuple[Parameter, ...]:
    by_wire: dict[str, Parameter] = {}
    for operation in operations:
        for parameter in operation.parameters:
            if parameter.client_level:
                by_wire.setdefault(parameter.wire_name, parameter)
    names = unique_names(
        {wire: p.python_name for wire, p in by_wire.items() if wire != "api-version"},
        fallback="parameter",
        reserved=CLIENT_RESERVED,
    )
    # The client takes it as the keyword argument `api_version` and keeps `self._api_version`.
    names["api-version"] = "api_version"
    return tuple(
        replace(p, python_name=names[wire]) for wire, p in sorted(by_wire.items())
    )


def _python_pattern(node: Node) -> str:
    """A path parameter's pattern as the generated client runs it, checked on every call."""
    pattern = required_key(node, "pattern")
    if not isinstance(pattern.value, str):
        raise pattern.error("pattern must be a string")
    try:
        return python_pattern(pattern.value)
    except PatternError as error:
        raise pattern.error(f"pattern refused: {error}") from None


def _parameter_candidate(node: Node) -> str:
    """A path parameter is also a keyword argument of azure-core's `format_url`."""
    candidate = python_candidate(node)
    if node.value.get("in") == "path":
        return safe_identifier(
            candidate, fallback="parameter", reserved=FORMAT_URL_KEYWORDS
        )
    return candidate
