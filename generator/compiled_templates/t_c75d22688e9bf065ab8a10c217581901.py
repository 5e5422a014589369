# Written by `python -m tests.helpers.compiled_templates` from templates/package/exceptions.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/exceptions.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = l_0_error = l_0_status_errors = missing
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
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/exceptions.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_error = environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'error')
    context.vars['error'] = l_0_error
    context.exported_vars.add('error')
    l_0_status_errors = environment.getattr(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'shared'), 'status_errors')
    context.vars['status_errors'] = l_0_status_errors
    context.exported_vars.add('status_errors')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n"""Exceptions raised when the service answers with an error, or with something unusable.\n\nEach is an azure-core AzureError. ServiceError is azure-core\'s HttpResponseError, and 401, 404\nand 409 are also the azure-core exceptions that other Azure SDKs raise for them, so existing\n`except` clauses keep working. An answer that is not JSON raises ServiceDecodeError, both a\nServiceError and azure-core\'s DecodeError.\n"""\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'exceptions_imports'))))
    yield '\n__all__ = [\n'
    for l_1_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'error_exports'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(t_2(l_1_name)))
        yield ',\n'
    l_1_name = missing
    yield ']\n\n_Response = HttpResponse | AsyncHttpResponse\n\n\nclass ServiceError(HttpResponseError):\n    """The service refused or failed the request, or answered with something unusable.\n\n    `status_code`, `reason` and `response` come from azure-core\'s HttpResponseError.\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield "    `cloud_error` is the parsed error body (for a failed long-running operation, the status\n    monitor's `error`), or None when there was none; the other attributes are shortcuts into it\n    and are None when the service did not send them.\n"
    yield '    `operation_status` is the terminal status (Failed, Canceled) of a long-running operation\n    that did not succeed, else None.\n'
    if (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield "    For a status the spec flags x-ms-error-response, `model` is the body read as that status's\n    own model (the subclass its discriminator names), or None when the body is not one; it is\n"
        if (undefined(name='error') if l_0_error is missing else l_0_error):
            pass
            yield '    also `cloud_error` when it is a '
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
            yield '.\n'
        else:
            pass
            yield '    None for a status the spec does not flag.\n'
    yield '    """\n\n    def __init__(\n        self,\n        response: _Response,\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield '        cloud_error: '
        yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
        yield ' | None = None,\n'
    yield '        *,\n'
    if (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield '        model: Any = None,\n'
    yield '        operation_status: str | None = None,\n        problem: str | None = None,\n        error: BaseException | None = None,\n    ) -> None:\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        if (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
            pass
            yield '        super().__init__(\n            response=response,\n            model=cloud_error if model is None else model,\n            error=error,\n        )\n'
        else:
            pass
            yield '        super().__init__(response=response, model=cloud_error, error=error)\n'
        yield '        self.cloud_error = cloud_error\n'
        if environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'inner_class'):
            pass
            yield '        self.api_error = None if cloud_error is None else cloud_error.'
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'inner_attribute')))
            yield '\n'
        else:
            pass
            yield '        self.api_error: '
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
            yield ' | None = cloud_error\n'
    elif (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield '        super().__init__(response=response, model=model, error=error)\n'
    else:
        pass
        yield '        super().__init__(response=response, error=error)\n'
    yield '        self.operation_status = operation_status\n        self.message = _summary(\n            response,\n'
    if ((undefined(name='error') if l_0_error is missing else l_0_error) and (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors)):
        pass
        yield '            _details(self.api_error) or (None if model is None else repr(model)),\n'
    elif (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield '            _details(self.api_error),\n'
    elif (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield '            None if model is None else repr(model),\n'
    else:
        pass
        yield '            None,\n'
    yield '            operation_status,\n            problem,\n        )\n        self.args = (self.message,)\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        for l_1_field in environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'properties'):
            _loop_vars = {}
            pass
            yield '\n    @property\n    def '
            yield str(environment.finalize(environment.getattr(l_1_field, 'name')))
            yield '(self) -> '
            yield str(environment.finalize(environment.getattr(l_1_field, 'annotation')))
            yield ':\n        '
            yield str(environment.finalize(t_1(environment.getattr(l_1_field, 'doc'), 8)))
            yield '\n        return self.api_error.'
            yield str(environment.finalize(environment.getattr(l_1_field, 'name')))
            yield ' if self.api_error is not None else None\n'
        l_1_field = missing
    yield '\n\nclass ServiceAuthenticationError(ServiceError, ClientAuthenticationError):\n    """401: the credential was missing, expired or not accepted."""\n\n\nclass ServiceResourceNotFoundError(ServiceError, ResourceNotFoundError):\n    """404: the subscription, resource group or resource does not exist."""\n\n\nclass ServiceResourceExistsError(ServiceError, ResourceExistsError):\n    """409: the request conflicts with the resource\'s current state."""\n\n\nclass ServiceDecodeError(ServiceError, DecodeError):\n    """An answer that is not JSON, nests too deeply, or was cut at the body size limit:\n    `except ServiceError` and `except DecodeError` both catch it."""\n\n\nclass OperationNotDoneError(AzureError):\n    """poller.result(timeout) returned before the operation ended: it is not a result.\n\n    `status` is the operation\'s latest status; `continuation_token` resumes polling, here or in\n    another process (`begin_...(continuation_token=...)`).\n    """\n\n    def __init__(self, status: str, continuation_token: str | None) -> None:\n        super().__init__(\n            f"The operation is still {status}: result(timeout) returned before it ended",\n            continuation_token=continuation_token,\n        )\n        self.status = status\n\n\n_ERRORS_BY_STATUS: dict[int, type[ServiceError]] = {\n    401: ServiceAuthenticationError,\n    404: ServiceResourceNotFoundError,\n    409: ServiceResourceExistsError,\n}\n\n\n'
    if (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield 'def error_from_response(\n    response: _Response,\n    *,\n    error: BaseException | None = None,\n    error_models: Mapping[int, Callable[[Any], Any] | None] | None = None,\n) -> ServiceError:\n    """The exception for an error response, with its body parsed when it is a JSON error.\n\n    401, 404 and 409 have classes of their own; otherwise a body that is not JSON (or was cut\n    at max_error_body_bytes) makes it a ServiceDecodeError. A status in `error_models` (the\n    spec flags it x-ms-error-response) has its body read by that status\'s reader instead: a\n    model, or None when the body is not one or the status has no model.\n    """\n    error_class = _ERRORS_BY_STATUS.get(response.status_code) or (\n        ServiceDecodeError if _parsed(response) is _NOT_JSON else ServiceError\n    )\n    if error_models is not None and response.status_code in error_models:\n        model = _read_model(_parsed(response), error_models[response.status_code])\n'
        if (undefined(name='error') if l_0_error is missing else l_0_error):
            pass
            yield '        cloud_error = model if isinstance(model, '
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
            yield ') else None\n        return error_class(response, cloud_error, model=model, error=error)\n'
        else:
            pass
            yield '        return error_class(response, model=model, error=error)\n'
    else:
        pass
        yield 'def error_from_response(\n    response: _Response, *, error: BaseException | None = None\n) -> ServiceError:\n    """The exception for an error response, with its body parsed when it is a JSON error.\n\n    401, 404 and 409 have classes of their own; otherwise a body that is not JSON (or was cut\n    at max_error_body_bytes) makes it a ServiceDecodeError.\n    """\n    error_class = _ERRORS_BY_STATUS.get(response.status_code) or (\n        ServiceDecodeError if _parsed(response) is _NOT_JSON else ServiceError\n    )\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield '    return error_class(response, _parse_error_body(response), error=error)\n'
    else:
        pass
        yield '    return error_class(response, error=error)\n'
    yield '\n\ndef operation_error(\n    response: _Response, operation_status: str, *, error: BaseException | None = None\n) -> ServiceError:\n    """The exception for a long-running operation that ended Failed or Canceled, built from\n    the status monitor\'s `error` when it has one."""\n    return ServiceError(\n        response,\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield '        _parse_operation_error(response),\n'
    yield '        operation_status=operation_status,\n        error=error,\n    )\n\n\ndef unusable_answer(\n    response: _Response, problem: str, *, error: BaseException | None = None\n) -> ServiceDecodeError:\n    """The exception for an answer that is not what the spec or ARM describes."""\n    cut = body_cut_at(response)\n    if cut is not None:\n        problem += f" (body cut at {cut} bytes)"\n    return ServiceDecodeError(response, problem=problem, error=error)\n\n\ndef is_json(response: _Response) -> bool:\n    """Whether the body parses as JSON (not too deeply nested, and not cut)."""\n    return _parsed(response) is not _NOT_JSON\n\n\ndef json_body(response: _Response, what: str) -> Any:\n    """The body as JSON; ServiceDecodeError when it is not JSON, nests too deeply or was cut."""\n    data = _parsed(response)\n    if data is _NOT_JSON:\n        raise unusable_answer(response, f"The {what} is not JSON")\n    return data\n\n\n_NOT_JSON: Any = object()\n\n\ndef _parsed(response: _Response) -> Any:\n    """The body as JSON, or _NOT_JSON; an empty body is None, and a cut one is not JSON."""\n    try:\n        text = response.text()\n        if not text:\n            return None\n        if body_cut_at(response) is not None:\n            return _NOT_JSON\n        return json.loads(text)\n    except (ValueError, TypeError, RecursionError):\n        return _NOT_JSON\n'
    if (undefined(name='status_errors') if l_0_status_errors is missing else l_0_status_errors):
        pass
        yield '\n\ndef _read_model(data: Any, read: Callable[[Any], Any] | None) -> Any:\n    """A flagged status\'s body as its model; None when it has none or the body is not one."""\n    try:\n        return read(data) if read is not None and isinstance(data, dict) else None\n    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):\n        return None\n'
    if (undefined(name='error') if l_0_error is missing else l_0_error):
        pass
        yield '\n\ndef _parse_error_body(response: _Response) -> '
        yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
        yield ' | None:\n    return _parse_error(_parsed(response))\n\n\ndef _parse_operation_error(response: _Response) -> '
        yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
        yield ' | None:\n'
        if environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'inner_class'):
            pass
            yield '    """ARM\'s operation status, `{"status": "Failed", "error": {...}}`, has the error\'s shape."""\n'
        else:
            pass
            yield '    """ARM\'s operation status is `{"status": "Failed", "error": {...}}`: the spec\'s error is\n    its `error` member."""\n'
        yield '    data = _parsed(response)\n'
        if (not environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'inner_class')):
            pass
            yield '    data = data.get("error") if isinstance(data, dict) else None\n'
        yield '    return _parse_error(data)\n\n\ndef _parse_error(data: Any) -> '
        yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
        yield ' | None:\n    try:\n        return '
        yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class')))
        yield '.from_dict(data) if isinstance(data, dict) else None\n    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):\n        return None\n\n\ndef _details(api_error: '
        yield str(environment.finalize((environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'inner_class') or environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'envelope_class'))))
        yield ' | None) -> str | None:\n'
        if (environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'code_attribute') and environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'message_attribute')):
            pass
            if environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'details_check_fits'):
                pass
                yield '    if api_error is None or not (api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'code_attribute')))
                yield ' or api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'message_attribute')))
                yield '):\n'
            else:
                pass
                yield '    if api_error is None or not (\n        api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'code_attribute')))
                yield ' or api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'message_attribute')))
                yield '\n    ):\n'
            yield '        return None\n    text = f"({api_error.'
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'code_attribute')))
            yield " or 'no code'}) {api_error."
            yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'message_attribute')))
            yield ' or \'no message\'}"\n'
            if environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'target_attribute'):
                pass
                yield '    if api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'target_attribute')))
                yield ':\n        text += f" Target: {api_error.'
                yield str(environment.finalize(environment.getattr((undefined(name='error') if l_0_error is missing else l_0_error), 'target_attribute')))
                yield '}."\n'
            yield '    return text\n'
        else:
            pass
            yield '    return None if api_error is None else repr(api_error)\n'
    yield '\n\ndef _summary(\n    response: _Response,\n    details: str | None,\n    operation_status: str | None,\n    problem: str | None,\n) -> str:\n    """`[The operation ended <status>: ]<what went wrong> [HTTP <status> <reason>]`.\n\n    Without error details, what went wrong is azure-core\'s own wording for a response it could\n    not explain, `Operation returned an invalid status \'<reason>\'`, and why.\n    """\n    status = f"HTTP {response.status_code} {response.reason or \'\'}".rstrip()\n    if problem is not None:\n        text = problem\n    elif details is not None:\n        text = details\n    else:\n        # HttpResponseError\'s own message for a body it cannot explain.\n        text = f"Operation returned an invalid status \'{response.reason}\'; " + (\n            "no error details" if operation_status else _body_problem(response)\n        )\n    if operation_status is not None:\n        text = f"The operation ended {operation_status}: {text}"\n    return f"{text} [{status}]"\n\n\ndef _body_problem(response: _Response) -> str:\n    cut = body_cut_at(response)\n    if cut is not None:\n        return f"the response body is not a JSON error object (cut at {cut} bytes)"\n    try:\n        empty = not response.text()\n    except (ValueError, TypeError):\n        empty = False\n    return (\n        "the response has no body"\n        if empty\n        else "the response body is not a JSON error object"\n    )\n'

blocks = {}
debug_info = '1=25&2=27&3=30&4=33&13=35&15=37&16=41&27=45&34=49&37=52&38=55&48=61&49=64&52=67&59=71&60=73&70=80&71=83&73=88&75=90&83=97&85=100&87=103&96=110&97=112&100=116&101=120&102=122&146=126&165=129&166=132&184=140&198=147&243=151&253=154&256=157&260=159&261=161&268=168&274=172&276=174&281=176&282=178&283=180&284=183&287=190&291=195&292=199&293=202&294=204'