"""What a diff reports: each change, its kind and severity, the openapi-diff rule it matches,
and the whole result with both sides' labels and the generated client's diff.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TypeAlias

JsonValue: TypeAlias = str | int | float | bool | tuple["JsonValue", ...] | None


class Severity(str, enum.Enum):
    BREAKING = "breaking"
    NON_BREAKING = "non-breaking"


class ChangeKind(str, enum.Enum):
    """What changed; the JSON report's `kind` is the value."""

    API_VERSION_CHANGED = "api_version_changed"
    CLIENT_RENAMED = "client_renamed"
    ENDPOINT_CHANGED = "endpoint_changed"
    CLIENT_PARAMETER_ADDED = "client_parameter_added"
    CLIENT_PARAMETER_REMOVED = "client_parameter_removed"
    OPERATION_ADDED = "operation_added"
    OPERATION_REMOVED = "operation_removed"
    OPERATION_ID_CHANGED = "operation_id_changed"
    PATH_CHANGED = "path_changed"
    HTTP_METHOD_CHANGED = "http_method_changed"
    METHOD_NAME_CHANGED = "method_name_changed"
    DEPRECATION_CHANGED = "deprecation_changed"
    PARAMETER_ADDED = "parameter_added"
    PARAMETER_REMOVED = "parameter_removed"
    PARAMETER_RENAMED = "parameter_renamed"
    PARAMETER_MOVED = "parameter_moved"
    PARAMETER_ORDER_CHANGED = "parameter_order_changed"
    PARAMETER_LEVEL_CHANGED = "parameter_level_changed"
    PYTHON_NAME_CHANGED = "python_name_changed"
    REQUIRED_CHANGED = "required_changed"
    TYPE_CHANGED = "type_changed"
    FORMAT_CHANGED = "format_changed"
    MODEL_CHANGED = "model_changed"
    ENUM_VALUES_ADDED = "enum_values_added"
    ENUM_VALUES_REMOVED = "enum_values_removed"
    ENUM_ADDED = "enum_added"
    ENUM_REMOVED = "enum_removed"
    ENUM_CHANGED = "enum_changed"
    ENUM_TYPE_ADDED = "enum_type_added"
    ENUM_TYPE_REMOVED = "enum_type_removed"
    DEFAULT_CHANGED = "default_changed"
    CONSTRAINT_CHANGED = "constraint_changed"
    BODY_ADDED = "body_added"
    BODY_REMOVED = "body_removed"
    BODY_FLATTENING_CHANGED = "body_flattening_changed"
    PROPERTY_FLATTENING_CHANGED = "property_flattening_changed"
    OMIT_SENTINEL_CHANGED = "omit_sentinel_changed"
    RESPONSE_ADDED = "response_added"
    RESPONSE_REMOVED = "response_removed"
    RESPONSE_BODY_ADDED = "response_body_added"
    RESPONSE_BODY_REMOVED = "response_body_removed"
    RESPONSE_ERROR_CHANGED = "response_error_changed"
    HEADER_ADDED = "header_added"
    HEADER_REMOVED = "header_removed"
    LONG_RUNNING_CHANGED = "long_running_changed"
    FINAL_STATE_CHANGED = "final_state_changed"
    MODEL_ADDED = "model_added"
    MODEL_REMOVED = "model_removed"
    NO_LONGER_REACHABLE = "no_longer_reachable"
    NOW_REACHABLE = "now_reachable"
    MODEL_BASES_CHANGED = "model_bases_changed"
    PROPERTY_ADDED = "property_added"
    PROPERTY_REMOVED = "property_removed"
    READ_ONLY_CHANGED = "read_only_changed"
    SUBTYPE_ADDED = "subtype_added"
    SUBTYPE_REMOVED = "subtype_removed"
    DISCRIMINATOR_CHANGED = "discriminator_changed"
    DISCRIMINATOR_VALUE_CHANGED = "discriminator_value_changed"


@dataclass(frozen=True)
class Rule:
    """A rule of Azure's openapi-diff, as its `ComparisonMessages` names and numbers it."""

    id: int
    name: str


VERSIONS_REVERSED = Rule(1000, "VersionsReversed")
REMOVED_PATH = Rule(1005, "RemovedPath")
REMOVED_DEFINITION = Rule(1006, "RemovedDefinition")
REMOVED_CLIENT_PARAMETER = Rule(1007, "RemovedClientParameter")
MODIFIED_OPERATION_ID = Rule(1008, "ModifiedOperationId")
REMOVED_REQUIRED_PARAMETER = Rule(1009, "RemovedRequiredParameter")
ADDING_REQUIRED_PARAMETER = Rule(1010, "AddingRequiredParameter")
ADDING_RESPONSE_CODE = Rule(1011, "AddingResponseCode")
REMOVED_RESPONSE_CODE = Rule(1012, "RemovedResponseCode")
ADDING_HEADER = Rule(1013, "AddingHeader")
REMOVING_HEADER = Rule(1014, "RemovingHeader")
PARAMETER_IN_HAS_CHANGED = Rule(1015, "ParameterInHasChanged")
REFERENCE_REDIRECTION = Rule(1017, "ReferenceRedirection")
REMOVED_ENUM_VALUE = Rule(1019, "RemovedEnumValue")
ADDED_ENUM_VALUE = Rule(1020, "AddedEnumValue")
TYPE_FORMAT_CHANGED = Rule(1023, "TypeFormatChanged")
CONSTRAINT_IS_STRONGER = Rule(1024, "ConstraintIsStronger")
REQUIRED_STATUS_CHANGE = Rule(1025, "RequiredStatusChange")
TYPE_CHANGED = Rule(1026, "TypeChanged")
DEFAULT_VALUE_CHANGED = Rule(1027, "DefaultValueChanged")
READONLY_PROPERTY_CHANGED = Rule(1029, "ReadonlyPropertyChanged")
DIFFERENT_DISCRIMINATOR = Rule(1030, "DifferentDiscriminator")
DIFFERENT_ALL_OF = Rule(1032, "DifferentAllOf")
REMOVED_PROPERTY = Rule(1033, "RemovedProperty")
ADDED_REQUIRED_PROPERTY = Rule(1034, "AddedRequiredProperty")
REMOVED_OPERATION = Rule(1035, "RemovedOperation")
CONSTRAINT_CHANGED = Rule(1036, "ConstraintChanged")
CONSTRAINT_IS_WEAKER = Rule(1037, "ConstraintIsWeaker")
ADDED_PATH = Rule(1038, "AddedPath")
ADDED_OPERATION = Rule(1039, "AddedOperation")
ADDED_READ_ONLY_PROPERTY_IN_RESPONSE = Rule(1040, "AddedReadOnlyPropertyInResponse")
ADDED_PROPERTY_IN_RESPONSE = Rule(1041, "AddedPropertyInResponse")
CHANGED_PARAMETER_ORDER = Rule(1042, "ChangedParameterOrder")
ADDING_OPTIONAL_PARAMETER = Rule(1043, "AddingOptionalParameter")
XMS_LONG_RUNNING_OPERATION_CHANGED = Rule(1044, "XmsLongRunningOperationChanged")
ADDED_OPTIONAL_PROPERTY = Rule(1045, "AddedOptionalProperty")
REMOVED_OPTIONAL_PARAMETER = Rule(1046, "RemovedOptionalParameter")
XMS_ENUM_CHANGED = Rule(1047, "XmsEnumChanged")
ADDED_XMS_ENUM = Rule(1048, "AddedXmsEnum")
REMOVED_XMS_ENUM = Rule(1049, "RemovedXmsEnum")
PARAMETER_LOCATION_HAS_CHANGED = Rule(1050, "ParameterLocationHasChanged")


@dataclass(frozen=True)
class Change:
    """One difference between OLD and NEW, judged for callers of the generated client."""

    kind: ChangeKind
    severity: Severity
    rule_id: int | None
    rule_name: str | None
    location: str
    """Readable: `VirtualMachineScaleSets_Deallocate > parameter hibernate (query)`."""
    path: str
    """JSON-pointer-like, into NEW (into OLD for what NEW no longer has); array items are
    named rather than numbered, and shared definitions may live in another file."""
    old: JsonValue
    new: JsonValue
    message: str
    caller_impact: str
    caused_by: tuple[str, ...] = ()
    """For a model or enum that stops or starts being reachable: the locations of the
    changes that made it so."""
    used_by: tuple[str, ...] = ()
    """For a named enum's own changes: the properties, parameters and headers that use it."""

    @property
    def breaking(self) -> bool:
        return self.severity is Severity.BREAKING


@dataclass(frozen=True)
class SpecSide:
    label: str
    """The spec as the user named it: a path or `git:REV:path`."""
    api_version: str


@dataclass(frozen=True)
class CodeDiff:
    """The unified diff of the generated client, or why it could not be generated."""

    files: tuple[tuple[str, str], ...] = ()
    """(path, "added" | "removed" | "changed"), sorted by path."""
    text: str = ""
    error: str | None = None


@dataclass(frozen=True)
class ApiDiff:
    old: SpecSide
    new: SpecSide
    operation_ids: tuple[str, ...] | None
    changes: tuple[Change, ...]
    code: CodeDiff | None = None

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.breaking)

    @property
    def api_version_changed(self) -> bool:
        return self.old.api_version != self.new.api_version
