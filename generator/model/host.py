"""`x-ms-parameterized-host`: the endpoint as a template over host parameters, as AutoRest reads
it (hostTemplate, useSchemePrefix, positionInOperation, parameters).

Each placeholder is given the part of the endpoint it fills (model.HostPart), from the template
alone, so the generated client can check every value against its part: a value never moves
the endpoint's host. Anything this does not understand is refused at its pointer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.load import LoadedSpec, Node
from generator.model.entities import HostPart, HostTemplate, Location, Operation
from generator.model.nodes import required_key

EXTENSION = "x-ms-parameterized-host"

_LITERAL = re.compile(r"[A-Za-z0-9._~:/-]*")
"""What the template may hold between placeholders: host and path characters, no query,
fragment, user or percent-escape."""
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_SCHEME = re.compile(r"https?://")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class HostParameterNode:
    """A host parameter as the spec gives it, and whether the client holds it."""

    node: Node
    client: bool


def host_template(
    spec: LoadedSpec, root: Node, scheme: str
) -> tuple[HostTemplate, tuple[HostParameterNode, ...]] | None:
    """The spec's host template and its parameters' nodes, or None when it has none."""
    extension = root.get(EXTENSION)
    if extension is None:
        return None
    if not isinstance(extension.value, dict):
        raise extension.error(f"{EXTENSION} must be an object")
    for key in extension.value:
        if key not in (
            "hostTemplate",
            "useSchemePrefix",
            "positionInOperation",
            "parameters",
        ):
            raise extension.child(key).error(f"{EXTENSION} {key!r} is not supported")
    template_node = required_key(extension, "hostTemplate")
    template = template_node.value
    if not isinstance(template, str) or not template:
        raise template_node.error("hostTemplate must be a non-empty string")
    use_prefix = _flag(extension, "useSchemePrefix", default=True)
    position = _position(extension)
    if use_prefix and "://" in template:
        raise template_node.error(
            "a hostTemplate with its own scheme and useSchemePrefix true is not supported"
        )
    url = f"{scheme}://{template}" if use_prefix else template
    parts = _parts(template_node, url)
    nodes = _parameters(spec, extension, [wire for wire, _ in parts])
    return (
        HostTemplate(
            template=template,
            url_template=url,
            use_scheme_prefix=use_prefix,
            position=position,
            parts=parts,
        ),
        nodes,
    )


def _flag(extension: Node, key: str, *, default: bool) -> bool:
    node = extension.get(key)
    if node is None:
        return default
    if not isinstance(node.value, bool):
        raise node.error(f"{key} must be true or false")
    return node.value


def _position(extension: Node) -> str:
    node = extension.get("positionInOperation")
    if node is None:
        return "first"
    if node.value not in ("first", "last"):
        raise node.error(
            f"positionInOperation {node.value!r} is not supported (first or last)"
        )
    return str(node.value)


def _parts(node: Node, url: str) -> tuple[tuple[str, HostPart], ...]:
    """Each placeholder's part of the endpoint: before the first `/` after the scheme it is
    the host; after it, the path; a leading placeholder carries the scheme itself."""
    pieces = _PLACEHOLDER.split(url)  # literal, name, literal, name, ..., literal
    literals, names = pieces[0::2], pieces[1::2]
    first = _SCHEME.match(literals[0])
    for index, literal in enumerate(literals):
        if index == 0 and first is not None:
            literal = literal[first.end() :]
        if not _LITERAL.fullmatch(literal):
            raise node.error(
                "a hostTemplate with characters other than letters, digits, '-._~:/' and"
                " {placeholders} is not supported"
            )
    for name in names:
        if not _NAME.fullmatch(name):
            raise node.error(f"hostTemplate placeholder {{{name}}} is not supported")
    if len(set(names)) != len(names):
        raise node.error(
            "a hostTemplate with a placeholder used twice is not supported"
        )
    if not names:
        raise node.error("a hostTemplate without placeholders is not supported")
    parts: list[tuple[str, HostPart]] = []
    if literals[0]:
        if first is None:
            raise node.error(
                "a hostTemplate that starts with neither http://, https:// nor a"
                " placeholder is not supported"
            )
        in_path = "/" in literals[0][first.end() :]
    else:
        follows = literals[1]
        whole = (follows == "" and len(names) == 1) or follows.startswith("/")
        parts.append((names[0], HostPart.ENDPOINT if whole else HostPart.URL_START))
        in_path = whole or "/" in follows
        names, literals = names[1:], literals[1:]
    for name, after in zip(names, literals[1:], strict=True):
        parts.append((name, HostPart.PATH if in_path else HostPart.AUTHORITY))
        in_path = in_path or "/" in after
    return tuple(parts)


def _parameters(
    spec: LoadedSpec, extension: Node, placeholders: list[str]
) -> tuple[HostParameterNode, ...]:
    listing = required_key(extension, "parameters")
    if not isinstance(listing.value, list):
        raise listing.error("parameters must be a list")
    found: dict[str, HostParameterNode] = {}
    for index in range(len(listing.value)):
        entry = listing.child(index)
        resolved = spec.deref(entry)
        value = resolved.value
        if not isinstance(value, dict):
            raise resolved.error("a host parameter must be an object")
        name = value.get("name")
        if value.get("in") != "path":
            raise resolved.error("a host parameter not `in: path` is not supported")
        if name not in placeholders:
            raise resolved.error(
                f"host parameter {name!r} does not appear in the hostTemplate"
            )
        if name in found:
            raise resolved.error(f"host parameter {name!r} is declared twice")
        if value.get("type") != "string" or "enum" in value or "format" in value:
            raise resolved.error(
                "a host parameter that is not a plain string is not supported"
            )
        if any(key in value for key in ("pattern", "minLength", "maxLength")):
            raise resolved.error(
                "a host parameter with pattern, minLength or maxLength is not supported"
            )
        if not value.get("required", False) and not isinstance(
            value.get("default"), str
        ):
            raise resolved.error(
                "an optional host parameter without a default is not supported"
            )
        location = value.get("x-ms-parameter-location")
        if location not in (None, "client", "method"):
            raise resolved.error(
                f"x-ms-parameter-location {location!r} is not supported"
            )
        is_global = resolved is not entry and resolved.pointer.startswith(
            "/parameters/"
        )
        client = location == "client" if location else is_global
        found[str(name)] = HostParameterNode(resolved, client)
    if missing := [name for name in placeholders if name not in found]:
        raise listing.error(
            f"hostTemplate placeholder {{{missing[0]}}} has no parameter"
        )
    return tuple(found[name] for name in placeholders)


def check_host_names(
    root: Node, nodes: Sequence[HostParameterNode], operations: Sequence[Operation]
) -> None:
    """A client parameter is known by its wire name: a host one may not share it."""
    hosts = {str(h.node.value["name"]) for h in nodes if h.client}
    for operation in operations:
        for p in operation.parameters:
            shared = p.client_level and p.location is not Location.HOST
            if shared and p.wire_name in hosts:
                raise required_key(root, EXTENSION).error(
                    f"host parameter {p.wire_name!r} sharing its name with another"
                    " client parameter is not supported"
                )


__all__ = ["EXTENSION", "HostParameterNode", "check_host_names", "host_template"]
