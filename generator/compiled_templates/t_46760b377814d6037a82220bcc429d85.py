# Written by `python -m tests.helpers.compiled_templates` from templates/package/_shared.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_shared.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = l_0_shared = missing
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_2 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/_shared.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_shared = environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'shared')
    context.vars['shared'] = l_0_shared
    context.exported_vars.add('shared')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n"""What the synchronous and asynchronous clients share: constants, the client\'s parameters,\nargument checks, and how a response becomes a result or an error."""\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'imports'))))
    yield '\nAPI_VERSION: Final = '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'api_version'))))
    yield '\n"""The API version this client was generated for, sent unless the client is told otherwise."""\n\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'host'):
        pass
        yield 'HOST_TEMPLATE: Final = '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'host'), 'url_template_literal')))
        yield '\n"""The endpoint, as the spec\'s x-ms-parameterized-host builds it from the host parameters."""\n\n_HOST_PARTS: Final = {\n'
        for (l_1_wire, l_1_part) in environment.getattr(environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'host'), 'parts'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(t_2(l_1_wire)))
            yield ': '
            yield str(environment.finalize(t_2(l_1_part)))
            yield ',\n'
        l_1_wire = l_1_part = missing
        yield '}\n_HOST_VALUES: Final = {\n    "url-start": re.compile(r"(?:https?://)?[A-Za-z0-9._~:-]+", re.ASCII),\n    "endpoint": re.compile(\n        r"(?:https?://)?[A-Za-z0-9._~:-]+(?:/[A-Za-z0-9._~!$&\'()*+,;=:@/-]*)?", re.ASCII\n    ),\n    "authority": re.compile(r"[A-Za-z0-9._~:-]+", re.ASCII),\n}\n_HOST_RULES: Final = {\n    "url-start": "http:// or https:// and host text (letters, digits, \'-._~:\')",\n    "endpoint": "an http:// or https:// URL without user, query or fragment",\n    "authority": "host text (letters, digits, \'-._~:\')",\n}\n'
    else:
        pass
        yield 'DEFAULT_ENDPOINT: Final = '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'default_endpoint'))))
        yield '\n"""The spec\'s Azure Resource Manager endpoint."""\n'
    yield '\nAZURE_PUBLIC_CLOUD: Final = "https://management.azure.com"\n"""Azure Resource Manager in the Azure public cloud."""\n\nAZURE_CHINA_CLOUD: Final = "https://management.chinacloudapi.cn"\n"""Azure Resource Manager in Azure operated by 21Vianet (China)."""\n\nAZURE_US_GOVERNMENT: Final = "https://management.usgovcloudapi.net"\n"""Azure Resource Manager in Azure US Government."""\n\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'has_long_running'):
        pass
        yield 'DEFAULT_POLLING_INTERVAL: Final = '
        yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'polling_interval')))
        yield '\n"""Seconds between polls of a long-running operation when the service sends no Retry-After."""\n\n'
    yield 'SDK_MONIKER: Final = f"'
    yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'package_name')))
    yield '/{VERSION}"\n_R = TypeVar("_R")\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'retry_even_post'):
        pass
        yield 'RETRY_EVEN_POST: Final = frozenset(\n    {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "TRACE"}\n)\n"""azure-core\'s retried methods plus POST, for operations the spec declares idempotent."""\n'
    for l_1_sentinel in environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'sentinels'):
        _loop_vars = {}
        pass
        yield '\n\nclass '
        yield str(environment.finalize(environment.getattr(l_1_sentinel, 'class_name')))
        yield '(enum.Enum):\n    '
        yield str(environment.finalize(t_1(environment.getattr(l_1_sentinel, 'doc'), 4)))
        yield '\n\n    '
        yield str(environment.finalize(environment.getattr(l_1_sentinel, 'name')))
        yield ' = '
        yield str(environment.finalize(t_2(environment.getattr(l_1_sentinel, 'name'))))
        yield '\n\n\n'
        yield str(environment.finalize(environment.getattr(l_1_sentinel, 'name')))
        yield ': Final = '
        yield str(environment.finalize(environment.getattr(l_1_sentinel, 'class_name')))
        yield '.'
        yield str(environment.finalize(environment.getattr(l_1_sentinel, 'name')))
        yield '\n'
    l_1_sentinel = missing
    yield '\n\n@dataclass(frozen=True)\nclass ClientParameters:\n    """The client\'s own parameters, which operations send without being given them."""\n\n'
    for (l_1_name, l_1_annotation) in environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'parameter_fields'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(l_1_name))
        yield ': '
        yield str(environment.finalize(l_1_annotation))
        yield '\n'
    l_1_name = l_1_annotation = missing
    if (not environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'parameter_fields')):
        pass
        yield '    pass\n'
    yield '\n\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'status_errors'):
        pass
        yield 'def check_status(\n    response: Any,\n    expected: tuple[int, ...],\n    error_models: Mapping[int, Callable[[Any], Any] | None] | None = None,\n) -> None:\n    """Raise the ServiceError of an answer whose status the spec does not list as a success;\n    `error_models` reads the body of each status the spec flags x-ms-error-response."""\n    if response.status_code not in expected:\n        raise error_from_response(response, error_models=error_models)\n'
    else:
        pass
        yield 'def check_status(response: Any, expected: tuple[int, ...]) -> None:\n    """Raise the ServiceError of an answer whose status the spec does not list as a success."""\n    if response.status_code not in expected:\n        raise error_from_response(response)\n'
    yield '\n\ndef result(\n    pipeline_response: PipelineResponse[HttpRequest, Any], convert: Callable[[Any], _R]\n) -> _R:\n    """The result built from the body: ServiceDecodeError when the body is not JSON, or not the\n    JSON the spec describes."""\n    response = pipeline_response.http_response\n    data = json_body(response, "result")\n    try:\n        return convert(data)\n    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as error:\n        raise unusable_answer(\n            response,\n            f"The result is not the JSON the spec describes: {error}",\n            error=error,\n        ) from error\n\n\ndef raw_body(pipeline_response: PipelineResponse[HttpRequest, Any]) -> bytes:\n    """The body as sent, for an operation whose result is bytes, not JSON."""\n    body = pipeline_response.http_response.body()\n    assert isinstance(body, bytes)\n    return body\n\n\ndef no_result(pipeline_response: PipelineResponse[HttpRequest, Any]) -> None:\n    """The result of an operation whose answer carries none."""\n    return None\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'has_paging'):
        pass
        yield '\n\ndef next_page_request(\n    first_url: str, next_link: str, api_version: str | None\n) -> HttpRequest:\n    """The GET of a page\'s next link, absolute or relative to the first page\'s URL, with its\n    query kept (re-encoded) and the client\'s api-version in place of the one the service wrote\n    into it. The link is not formatted as a URL template: braces in it stay braces."""\n    link = urljoin(first_url, next_link)\n    parts = urlsplit(link)\n    params = parse_qs(parts.query, keep_blank_values=True)\n    if api_version is not None:\n        for key in [key for key in params if key.lower() == "api-version"]:\n            del params[key]\n        params["api-version"] = [api_version]\n    encoded: dict[str, list[str]] = {}\n    for key, values in params.items():\n        encoded[quote(key, safe="$")] = [query_value(value) for value in values]\n    return HttpRequest("GET", urljoin(link, parts.path), params=encoded)\n'
    yield '\n\ndef query_value(text: str) -> str:\n    """A query value percent-encoded (azure-core sends `params` as given): `&`, `=`, `+`, `#`\n    and spaces stay part of the value."""\n    return quote(text, safe="")\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'sends_raw'):
        pass
        yield '\n\ndef raw_query(text: str) -> str:\n    """A query value the spec sends unencoded (x-ms-skip-url-encoding): the caller\'s text as\n    given, refused only when it would end the URL (`#`) or break the request line."""\n    _refuse_in_url("query value", text, "#")\n    return text\n\n\ndef raw_path(value: object, *, query: bool = False) -> str:\n    """A path parameter the spec sends unencoded (x-ms-skip-url-encoding), or a next link\n    (`query`: it may carry its own query): as given, refused when it could leave its place\n    (a `..` or `.` segment, `#`, and `?` unless `query`)."""\n    text = _wire.text(value)\n    _refuse_in_url("path value", text, "#" if query else "#?")\n    path = text.partition("?")[0]\n    if any(segment in (".", "..") for segment in path.split("/")):\n        raise ValueError(f"path value must not have a . or .. segment: {text!r}")\n    return text\n\n\ndef _refuse_in_url(what: str, text: str, forbidden: str) -> None:\n    if not isinstance(text, str):\n        raise TypeError(f"{what} must be a str, not {type(text).__name__}")\n    if any(ord(character) < 32 or ord(character) == 127 for character in text):\n        raise ValueError(f"{what} must not contain control characters")\n    if found := [character for character in forbidden if character in text]:\n        raise ValueError(f"{what} must not contain {found[0]!r}: {text!r}")\n'
    yield '\n\ndef path_segment(value: object) -> str:\n    """A path parameter\'s text, percent-encoded as one segment: `/`, `?` and `#` cannot\n    reach another resource."""\n    return quote(_wire.text(value), safe="")\n\n\n'
    if environment.getattr((undefined(name='shared') if l_0_shared is missing else l_0_shared), 'host'):
        pass
        yield 'def host_texts(values: dict[str, tuple[str, object]]) -> dict[str, str]:\n    """Each host parameter\'s text (wire name to (argument name, value)), checked against its\n    part of HOST_TEMPLATE: host text, a leading scheme, or a path segment (percent-encoded).\n    So no value ends the host early or adds a user, a query or a fragment."""\n    texts: dict[str, str] = {}\n    for wire, (name, value) in values.items():\n        text = require_text(name, value)\n        part = _HOST_PARTS[wire]\n        if part == "path":\n            text = path_segment(text)\n        elif _HOST_VALUES[part].fullmatch(text) is None:\n            raise ValueError(\n                f"{name} must be {_HOST_RULES[part]}: it is part of the endpoint"\n            )\n        texts[wire] = text\n    return texts\n\n\ndef host_endpoint(values: dict[str, tuple[str, object]]) -> str:\n    """The endpoint HOST_TEMPLATE names with these host parameters, refused (ValueError) unless\n    it is an http or https URL with a host, a valid port, and no user, query or fragment.\n    """\n    texts = host_texts(values)\n    endpoint = re.sub(\n        r"\\{([^{}]*)\\}", lambda found: texts[found.group(1)], HOST_TEMPLATE\n    )\n    parts = urlsplit(endpoint)\n    try:\n        parts.port\n    except ValueError:\n        parts = parts._replace(netloc="")\n    if (\n        parts.scheme not in ("http", "https")\n        or not parts.hostname\n        or "@" in parts.netloc\n        or "?" in endpoint\n        or "#" in endpoint\n    ):\n        names = ", ".join(name for name, _ in values.values())\n        raise ValueError(f"{names} make no usable endpoint of {HOST_TEMPLATE!r}")\n    return endpoint.rstrip("/")\n\n\ndef no_endpoint(options: dict[str, Any]) -> None:\n    """The client has no `endpoint` argument: refuse one rather than ignore it."""\n    if "endpoint" in options:\n        raise TypeError(\n            "endpoint is not an argument of this client: its endpoint is HOST_TEMPLATE,"\n            " filled from the host parameters"\n        )\n'
        if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'endpoint_per_call'):
            pass
            yield '\n\ndef require_scopes(scopes: object) -> list[str]:\n    """The token scopes, which the client cannot derive: its endpoint is chosen per call."""\n    if not scopes:\n        raise ValueError(\n            "credential_scopes is required: the endpoint is chosen per call, from"\n            " HOST_TEMPLATE, so no token scope can be derived from it"\n        )\n    return require_strings("credential_scopes", scopes)\n'
        yield '\n\n'
    yield 'def require_limit(name: str, value: object, *, whole: bool = False) -> None:\n    """A limit is a finite number >= 0 (a whole one for a number of bytes)."""\n    expected = "an int" if whole else "a number"\n    if isinstance(value, bool) or not isinstance(value, int | float):\n        raise TypeError(f"{name} must be {expected}, not {type(value).__name__}")\n    if whole and not isinstance(value, int):\n        raise TypeError(f"{name} must be {expected}, not {type(value).__name__}")\n    if not 0 <= value < float("inf"):\n        raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")\n\n\ndef require_text(\n    name: str,\n    value: object,\n    *,\n    min_length: int | None = None,\n    max_length: int | None = None,\n    pattern: str | None = None,\n) -> str:\n    """Refuse what would build a wrong URL (a non-string, an empty string, `.`, `..`, control\n    characters such as a newline) and what the spec\'s constraints on the parameter rule out.\n    """\n    if not isinstance(value, str):\n        raise TypeError(f"{name} must be a str, not {type(value).__name__}")\n    if value in ("", ".", ".."):\n        raise ValueError(f"{name} must not be {value!r}")\n    if any(ord(character) < 32 or ord(character) == 127 for character in value):\n        raise ValueError(f"{name} must not contain control characters")\n    if min_length is not None and len(value) < min_length:\n        raise ValueError(f"{name} must be at least {min_length} characters long")\n    if max_length is not None and len(value) > max_length:\n        raise ValueError(f"{name} must be at most {max_length} characters long")\n    if pattern is not None and re.search(pattern, value, re.ASCII) is None:\n        raise ValueError(f"{name} must match the pattern {pattern!r}")\n    return value\n\n\ndef require_strings(\n    name: str, value: object, *, if_empty: str | None = None\n) -> list[str]:\n    """A list of strings from any sequence of them; a lone string is refused, not split.\n\n    `if_empty`, when given, refuses an empty sequence and says what to do instead.\n    """\n    if isinstance(value, str | bytes) or not isinstance(value, Sequence):\n        raise TypeError(f"{name} must be a sequence of str, not {type(value).__name__}")\n    items = list(value)\n    if not items and if_empty is not None:\n        raise ValueError(f"{name} must not be empty: {if_empty}")\n    for index, item in enumerate(items):\n        if not isinstance(item, str):\n            raise TypeError(f"{name}[{index}] must be a str, not {type(item).__name__}")\n    return items\n'

blocks = {}
debug_info = '1=25&2=27&3=30&7=32&8=34&11=36&12=39&16=41&17=45&33=54&46=57&47=60&51=63&53=65&59=68&62=72&63=74&65=76&68=80&76=88&77=92&79=97&84=101&129=108&156=112&194=116&245=119'