"""The names the generated code uses for its own purposes: a name made from a spec never takes
one of them, where taking it would change what the code means.

Each set is what one kind of spec name meets in the generated code. A parameter is a local of
the operation method, so it must not be a builtin, a local or argument the method has, or a name
of the module it reads (`quote`, `cast`, ...); a model property is a class attribute, so it must
not be a name the class body reads (the `classmethod` decorator, the types its annotations name);
a class is a module name beside the ones the modules import and define.

The lists are written out, not found at run time; tests/e2e/test_reserved_names.py parses the
code generated from a spec that uses every template branch and fails when a name the templates
use is missing here, and calls a client whose parameters and properties take every one of them.
"""

from __future__ import annotations

from generator.naming import PYTHON_BUILTINS

CLIENT_MODULE_NAMES = frozenset(
    {"annotations", "cast", "distributed_trace", "enum", "error_from_response"}
    | {"policies", "quote", "re", "threading", "urlsplit", "with_current_context"}
    | {"json_body", "unusable_answer"}
)
"""Lower-case names bound at module level in _client.py or aio/_client.py (imports, helpers)."""

METHOD_LOCALS = frozenset(
    {"self", "polling", "polling_interval", "continuation_token", "kwargs"}
    | {"body", "url", "query", "headers", "request", "pipeline_response", "response"}
    | {"polling_method", "prepare_request", "extract_data", "get_next", "next_link"}
    | {"page", "first", "get_long_running_output", "internal_get_next"}
)
"""The arguments and locals of a generated operation method besides the spec's parameters."""

FORMAT_URL_KEYWORDS = frozenset({"self", "url_template", "template"})
"""Path parameters are passed by name to azure-core's `format_url(self, url_template,
**kwargs)`, which passes them on to `_format_url_section(template, **kwargs)`."""

METHOD_BUILTINS = frozenset(
    {
        "bool",
        "dict",
        "float",
        "int",
        "isinstance",
        "iter",
        "len",
        "list",
        "str",
        "tuple",
    }
    | {"type", "None", "True", "False"}
)
"""The builtins a generated operation method reads (its body and its signature's defaults);
the drift test in tests/e2e/test_reserved_names.py holds the templates to this list. Other
builtins are fine as parameter names (`filter`, `id`, `all`, as azure-mgmt-* have them): the
method never reads them."""

METHOD_RESERVED = METHOD_BUILTINS | METHOD_LOCALS | CLIENT_MODULE_NAMES
"""What an operation method's parameter cannot be called."""

CLIENT_RESERVED = (
    PYTHON_BUILTINS
    | CLIENT_MODULE_NAMES
    | FORMAT_URL_KEYWORDS
    # arguments and locals of the client's __init__
    | {"self", "credential", "endpoint", "api_version", "kwargs", "scopes"}
    | {"pipeline_policies", "default_transport"}
    | {"max_retry_after", "max_body_bytes", "max_error_body_bytes", "call_timeout"}
    # attributes: `self._client`, `self._parameters`
    | {"client", "parameters"}
)
"""What a client parameter (an argument of the client's constructor) cannot be called."""

CLASS_SCOPE_NAMES = frozenset(
    {"str", "bool", "int", "float", "list", "dict", "type", "datetime", "property"}
    | {"classmethod"}
)
"""Lower-case names a class body of the generated modules reads: in annotations (which mypy
resolves in the class's scope, where a method or field of that name would be found first) and
decorators."""

GROUP_METHOD_RESERVED = frozenset(
    {"bool", "bytes", "dict", "float", "int", "object", "str", "tuple", "type"}
)
"""What a method of an operation group cannot be called: the builtins its fixed signatures
read. Another builtin is fine (`list`, as azure-mgmt-* have it): the render stage writes
`_builtins.list` in the annotations of a class that has a method `list`."""

CLIENT_MEMBER_RESERVED = (
    CLASS_SCOPE_NAMES
    | GROUP_METHOD_RESERVED
    | {"close", "object", "bytes", "credential", "endpoint", "kwargs", "policies"}
)
"""What a method of the client itself, or an operation group's attribute, cannot be called:
`close`, and the names the client class's body and fixed signatures read."""

MODEL_RESERVED = (
    CLASS_SCOPE_NAMES
    | {"from_dict", "to_dict", "staticmethod", "cls"}
    | {"Any", "Mapping"}
)
"""What a model property cannot be called: the model's methods and the names its body reads."""

RESERVED_CONSTANTS = frozenset(
    {"API_VERSION", "DEFAULT_ENDPOINT", "DEFAULT_POLLING_INTERVAL", "VERSION"}
    | {"AZURE_PUBLIC_CLOUD", "AZURE_CHINA_CLOUD", "AZURE_US_GOVERNMENT"}
    | {"CALL_TIMEOUT", "MAX_BODY_BYTES", "MAX_ERROR_BODY_BYTES", "MAX_RETRY_AFTER"}
    | {"SDK_MONIKER", "RETRY_EVEN_POST"}
)
"""Module constants of _client.py: a sentinel cannot take one."""

RESERVED_CLASS_NAMES = (
    PYTHON_BUILTINS
    | RESERVED_CONSTANTS
    # imported or defined by the generated modules
    | {"Any", "Callable", "Final", "TypeVar", "Mapping", "Sequence", "TracebackType"}
    | {"HttpRequest", "HttpResponse", "AsyncHttpResponse", "TokenCredential"}
    | {
        "AsyncTokenCredential",
        "PipelineRequest",
        "PipelineResponse",
        "SansIOHTTPPolicy",
    }
    | {"AzureError", "HttpResponseError", "LROPoller", "AsyncLROPoller", "NoPolling"}
    | {"AsyncNoPolling", "PollingMethod", "AsyncPollingMethod", "ARMPipelineClient"}
    | {"AsyncARMPipelineClient", "ARMChallengeAuthenticationPolicy"}
    | {"AsyncARMChallengeAuthenticationPolicy", "ARMHttpLoggingPolicy", "ARMPolling"}
    | {"AsyncARMPolling", "ClientAuthenticationError", "ResourceExistsError"}
    | {"ResourceNotFoundError", "ServiceError", "ServiceAuthenticationError"}
    | {"ServiceResourceExistsError", "ServiceResourceNotFoundError"}
    | {"ArmOperationPolling", "OperationNotDoneError", "ServiceDecodeError"}
    | {"BoundedBodyPolicy", "CallDeadlinePolicy", "DeadlineRetryPolicy"}
    | {"RetryAfterCap", "SafeChallengePolicy", "AsyncArmOperationPolling"}
    | {"AsyncBoundedBodyPolicy", "AsyncCallDeadlinePolicy", "AsyncSafeChallengePolicy"}
    | {"DecodeError", "ClientParameters", "ItemPaged", "AsyncItemPaged", "AsyncList"}
    | {"Iterator", "AsyncIterator"}
)
"""What a model, enum, sentinel or client class cannot be called: a builtin, a constant of
_client.py, or a class the generated modules import or define."""

__all__ = [
    "CLASS_SCOPE_NAMES",
    "CLIENT_MEMBER_RESERVED",
    "CLIENT_MODULE_NAMES",
    "CLIENT_RESERVED",
    "FORMAT_URL_KEYWORDS",
    "GROUP_METHOD_RESERVED",
    "METHOD_BUILTINS",
    "METHOD_LOCALS",
    "METHOD_RESERVED",
    "MODEL_RESERVED",
    "RESERVED_CLASS_NAMES",
    "RESERVED_CONSTANTS",
]
