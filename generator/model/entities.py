"""The API model: what the later stages know of a spec, as frozen, typed dataclasses.

Nothing after the model stage sees a raw spec dict. Every name here is already a valid Python
identifier (see naming.py); every description is raw text that the render stage must escape.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Kind(enum.Enum):
    STRING = "string"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    NUMBER = "number"
    ARRAY = "array"
    DICT = "dict"
    MODEL = "model"
    ANY = "any"
    BINARY = "binary"
    """Raw bytes, not JSON: `type: file`, or a string of `format: binary`."""


@dataclass(frozen=True)
class TypeRef:
    """The type of a value: `model` names a Model by spec name; `item` is for arrays and maps."""

    kind: Kind
    format: str | None = None
    item: TypeRef | None = None
    model: str | None = None
    enum_values: tuple[str | int | float | bool, ...] = ()
    enum_name: str | None = None
    """`x-ms-enum.name`, when the spec names the enum."""
    enum_extensible: bool = False
    """`x-ms-enum.modelAsString`: the service may send values not listed in the spec."""

    def describe(self) -> str:
        """A spec-level name for docs and diffs: `string`, `array<string>`, `CloudError`."""
        if self.kind is Kind.MODEL:
            return self.model or "object"
        if self.item is not None:
            name = "array" if self.kind is Kind.ARRAY else "map"
            return f"{name}<{self.item.describe()}>"
        return f"{self.kind.value}({self.format})" if self.format else self.kind.value


@dataclass(frozen=True)
class EnumClass:
    """The Python class of the string enums of one `x-ms-enum` name, named with the other
    classes (`Api.enum_class` finds it for a TypeRef)."""

    enum_name: str
    class_name: str


@dataclass(frozen=True)
class Constraints:
    """Validation keywords of a parameter or property, kept for client-side checks and docs."""

    pattern: str | None = None
    """As the spec gives it: an ECMA-262 regular expression."""
    python_pattern: str | None = None
    """The pattern as the generated client runs it (model/patterns.py), for path parameters."""
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class Property:
    wire_name: str
    python_name: str
    type: TypeRef
    required: bool
    read_only: bool
    """`readOnly`, or `x-ms-mutability: [read]`: set by the service, never sent."""
    description: str
    constraints: Constraints = field(default_factory=Constraints)
    secret: bool = False
    """`x-ms-secret`: never shown in a repr (the service returns it only on demand)."""
    mutability: tuple[str, ...] = ()
    """`x-ms-mutability` as the spec lists it (`create`, `read`, `update`); () when absent."""
    nullable: bool = False
    """`x-nullable`: the service may send null for it, even when it is required."""
    constant: bool = False
    """Required with a one-value enum: the field holds `default` and is always sent."""
    default: str | int | float | bool | None = None
    """The value a caller need not give: a constant's, or `x-ms-client-default`."""
    flattened: bool = False
    """`x-ms-client-flatten`, honoured: the client shows this object's properties as fields
    of the model that holds it (see `Model.fields`)."""
    wire_path: tuple[str, ...] = ()
    """The keys of the objects this field sits in on the wire, outermost first: set on the
    fields that flattening lifted out of a nested object (`properties` > `provisioningState`)."""

    @property
    def wire_location(self) -> tuple[str, ...]:
        """Where the value sits in its model's JSON object: the keys to follow, in order."""
        return (*self.wire_path, self.wire_name)

    @property
    def wire_key(self) -> str:
        """`wire_location` as one text, escaped as a JSON pointer is: two fields never share it."""
        return "/".join(
            key.replace("~", "~0").replace("/", "~1") for key in self.wire_location
        )


@dataclass(frozen=True)
class Model:
    """A named definition that becomes a dataclass."""

    name: str
    class_name: str
    description: str
    properties: tuple[Property, ...]
    """The model's own properties; see `Api.all_properties` for inherited ones too."""
    external: bool = False
    bases: tuple[str, ...] = ()
    """Spec names of the models this one extends through `allOf`."""
    discriminator: str | None = None
    """The wire name of the property whose value names the subclass (`discriminator`), when
    this model declares one."""
    discriminator_value: str | None = None
    """What that property holds for this class (`x-ms-discriminator-value`, else the
    definition's name); None outside a polymorphic hierarchy."""
    additional: AdditionalProperties | None = None
    """`additionalProperties` beside the named properties: the other keys, kept."""
    flattened_fields: tuple[Property, ...] | None = None
    """The client's own fields when a property is flattened (`x-ms-client-flatten`): its
    object's properties stand in its place, each with its `wire_path`. None when the fields
    are the properties as the spec declares them."""

    @property
    def fields(self) -> tuple[Property, ...]:
        """The model's own fields as its class declares them (`Api.all_fields` adds the
        inherited ones); `properties` stays what the wire declares, for diff."""
        return (
            self.properties if self.flattened_fields is None else self.flattened_fields
        )


@dataclass(frozen=True)
class AdditionalProperties:
    """The keys of an object that are not its named properties, kept in one dict field."""

    python_name: str
    type: TypeRef
    """The type of each value (`any` for `additionalProperties: true`)."""


class Location(enum.Enum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    HOST = "host"
    """A parameter of `x-ms-parameterized-host`: part of the endpoint, not of the path."""


@dataclass(frozen=True)
class Parameter:
    """A path, query or header parameter. Client parameters live on the client, not the method."""

    wire_name: str
    python_name: str
    location: Location
    type: TypeRef
    required: bool
    description: str
    client_level: bool
    default: Any = None
    constraints: Constraints = field(default_factory=Constraints)
    skip_url_encoding: bool = False
    """`x-ms-skip-url-encoding`: the value is sent as given, already encoded."""

    constant: bool = False
    """Required, with a single enum value and no `modelAsString: true`: not an argument, always
    sent with that value (AutoRest's constant)."""
    grouped: bool = False
    """A member of a parameter group (`Operation.group_arguments`), not an argument itself."""

    @property
    def constant_value(self) -> str | int | float | bool:
        return self.type.enum_values[0]


@dataclass(frozen=True)
class GroupField:
    """A field of a parameter group's class: one grouped parameter (or the body)."""

    python_name: str
    type: TypeRef
    required: bool
    description: str


@dataclass(frozen=True)
class ParameterGroup:
    """`x-ms-parameter-grouping`: parameters passed together as one dataclass argument, as
    AutoRest groups them. One class per group name; its fields are those of every operation.
    """

    class_name: str
    fields: tuple[GroupField, ...]


@dataclass(frozen=True)
class GroupArgument:
    """A method's argument holding a parameter group: the method reads each member's value
    (a parameter's `python_name`, or the body's) off the group's field."""

    class_name: str
    argument: str
    required: bool
    """Some member is required, so the group is too."""
    members: tuple[tuple[str, str], ...]
    """(field of the group's class, the member's name in the method)."""


@dataclass(frozen=True)
class OmitSentinel:
    """Declared by `x-armgen-omit-sentinel`: omitting the body widens the operation's reach.

    The generated method then requires the argument; the caller passes this named sentinel to
    omit the body on purpose, and an empty value is refused as ambiguous.
    """

    name: str
    class_name: str
    description: str


@dataclass(frozen=True)
class Body:
    """The request body. When flattened, the model's properties are the method's arguments."""

    wire_name: str
    python_name: str
    type: TypeRef
    required: bool
    description: str
    flattened: tuple[Property, ...] = ()
    flattened_arguments: tuple[str, ...] = ()
    """The method's argument name for each flattened property, in the same order."""
    omit_sentinel: OmitSentinel | None = None
    grouped: bool = False
    """A member of a parameter group (`Operation.group_arguments`), not an argument itself."""


@dataclass(frozen=True)
class Header:
    wire_name: str
    python_name: str
    type: TypeRef
    description: str


@dataclass(frozen=True)
class Response:
    """One entry of `responses`: a status code ("200") or "default", the error response."""

    status: str
    description: str
    type: TypeRef | None
    headers: tuple[Header, ...] = ()
    error: bool = False
    """`x-ms-error-response: true`: the service answers this status on failure, with `type` as
    its error body, so the client raises for it, even for a 2xx (the flag is authoritative)."""


@dataclass(frozen=True)
class LongRunning:
    final_state_via: str | None = None


@dataclass(frozen=True)
class Paging:
    """`x-ms-pageable`: the result is a page; the client walks every page and yields the items.

    `item` is the page's property holding the items (an array), `next_link` the one holding the
    next page's URL (None: a single page), `next_operation` the operationId that fetches the
    following pages, when the spec names one instead of a plain GET of the next link.
    """

    page_model: str
    item: Property
    next_link: Property | None
    next_operation: str | None = None


@dataclass(frozen=True)
class ExampleRef:
    """An `x-ms-examples` entry: the example's title and the file it lives in (read on demand)."""

    title: str
    file: Path


@dataclass(frozen=True)
class Operation:
    operation_id: str
    group: str
    name: str
    method_name: str
    http_method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    long_running: LongRunning | None
    examples: tuple[ExampleRef, ...] = ()
    deprecated: bool = False
    idempotent: bool = False
    """`x-armgen-idempotent`: sending it twice does no harm, so even a POST may be retried."""
    paging: Paging | None = None
    internal: bool = False
    """Only another operation's paging calls it (x-ms-pageable's `operationName`)."""
    group_attribute: str = ""
    """The client's attribute holding the method (`widgets`); "" for the client's own."""
    group_arguments: tuple[GroupArgument, ...] = ()
    """`x-ms-parameter-grouping`: the arguments that hold parameter groups."""

    @property
    def call_path(self) -> str:
        """How a caller reaches the method: `client.widgets.get`."""
        owner = f"client.{self.group_attribute}" if self.group_attribute else "client"
        return f"{owner}.{self.method_name}"

    @property
    def success_responses(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status != "default" and not r.error)

    @property
    def error_statuses(self) -> tuple[Response, ...]:
        """The statuses flagged `x-ms-error-response`, each with its own error body."""
        return tuple(r for r in self.responses if r.status != "default" and r.error)

    @property
    def error_response(self) -> Response | None:
        return next((r for r in self.responses if r.status == "default"), None)

    @property
    def method_parameters(self) -> tuple[Parameter, ...]:
        return tuple(
            parameter
            for parameter in self.parameters
            if not (parameter.client_level or parameter.constant or parameter.grouped)
        )


@dataclass(frozen=True)
class OperationGroup:
    """The operations whose operationIds share a prefix (`Widgets_Get`, `Widgets_List`), as
    AutoRest and azure-mgmt-* group them: an attribute of the client holding their methods.
    Operations without a prefix live on the client itself (the group named "")."""

    name: str
    """The operationIds' prefix, as the spec spells it."""
    attribute: str
    """The client's attribute: `widgets`."""
    class_name: str
    """`WidgetsOperations`."""
    module: str
    """The module of the generated package's `operations` folder that defines the class."""
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class OAuth2Security:
    name: str
    flow: str
    authorization_url: str
    description: str
    scopes: tuple[tuple[str, str], ...]


class HostPart(enum.Enum):
    """Which part of the endpoint a host parameter fills, and so which values it may take."""

    URL_START = "url-start"
    """Leads a template without a scheme prefix: an optional `http(s)://` and host text."""
    ENDPOINT = "endpoint"
    """Leads a template without a scheme prefix and ends it, or is followed by `/`: a whole
    endpoint (scheme, host and a path)."""
    AUTHORITY = "authority"
    """Host text: letters, digits, `-._~` and `:` (a port)."""
    PATH = "path"
    """After the host: one percent-encoded path segment."""


@dataclass(frozen=True)
class HostTemplate:
    """`x-ms-parameterized-host`: the endpoint is a template whose placeholders are host
    parameters (Location.HOST, on the client or on every method, as each one says)."""

    template: str
    """As the spec writes it: `{accountName}{host}`."""
    url_template: str
    """With the scheme prefix when the spec asks for one: `https://{accountName}{host}`."""
    use_scheme_prefix: bool
    position: str
    """`first` or `last`: where the host parameters go among a method's arguments."""
    parts: tuple[tuple[str, HostPart], ...]
    """Each placeholder's wire name and the part of the endpoint it fills, in order."""


@dataclass(frozen=True)
class SpecSource:
    """Where the model came from, for the generated files' headers."""

    path: str
    sha256: str
