# Written by `python -m tests.helpers.compiled_templates` from templates/package/_polling.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_polling.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_flavor = resolve('flavor')
    l_0_m = missing
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/_polling.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'polling_doc'))))
    yield '\n\nfrom __future__ import annotations\n\nfrom typing import Any\nfrom urllib.parse import urljoin\n\n'
    if environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async'):
        pass
        yield 'from azure.core.exceptions import HttpResponseError\n'
    else:
        pass
        yield 'from azure.core.exceptions import DecodeError, HttpResponseError\n'
    yield 'from azure.core.pipeline import PipelineResponse\n'
    if environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async'):
        pass
        yield 'from azure.core.polling.async_base_polling import AsyncLROBasePolling\nfrom azure.core.polling.base_polling import (\n    LocationPolling,\n    OperationFailed,\n    StatusCheckPolling,\n)\nfrom azure.core.rest import AsyncHttpResponse, HttpRequest\nfrom azure.mgmt.core.polling.arm_polling import (\n    AzureAsyncOperationPolling,\n    BodyContentPolling,\n)\n\nfrom .._polling import ended_badly, polling_failure\nfrom ..exceptions import (\n    OperationNotDoneError,\n    ServiceError,\n    operation_error,\n    unusable_answer,\n)\n'
    else:
        pass
        yield 'from azure.core.polling.base_polling import BadResponse, BadStatus, OperationFailed\nfrom azure.core.rest import HttpRequest, HttpResponse\nfrom azure.mgmt.core.polling.arm_polling import ARMPolling\n\nfrom .exceptions import (\n    OperationNotDoneError,\n    ServiceError,\n    error_from_response,\n    is_json,\n    operation_error,\n    unusable_answer,\n)\n\n_AZURE_CORE_FAILURES = (BadStatus, BadResponse, OperationFailed)\n"""Why azure-core\'s polling raised HttpResponseError: what a status answer said or lacked."""\n\n\ndef ended_badly(status: str | None) -> bool:\n    return status is not None and str(status).lower() in ("failed", "canceled")\n\n\ndef polling_failure(\n    error: BaseException, latest: Any, status: str | None, first: bool\n) -> ServiceError | None:\n    """The ServiceError for what azure-core\'s polling raised about an answer (`latest`), or None\n    for what no answer caused, such as a transport error, to be raised as it is."""\n    if isinstance(error, ServiceError):\n        return None\n    reason = getattr(error, "inner_exception", None)\n    if isinstance(error, HttpResponseError) and not (\n        type(error) is DecodeError or isinstance(reason, _AZURE_CORE_FAILURES)\n    ):\n        return None\n    response = getattr(error, "response", None) or getattr(\n        latest, "http_response", None\n    )\n    if response is None:\n        return None\n    answer = "first answer" if first else "status answer"\n    if (\n        isinstance(reason, OperationFailed)\n        and status is not None\n        and ended_badly(status)\n    ):\n        return operation_error(response, status, error=reason)\n    if isinstance(reason, BadStatus):\n        return error_from_response(response, error=reason)\n    if isinstance(reason, BadResponse):\n        return unusable_answer(\n            response, f"The {answer} is unusable: {reason}", error=reason\n        )\n    if not is_json(response):\n        return unusable_answer(response, f"The {answer} is not JSON", error=error)\n    return unusable_answer(\n        response, f"The {answer} is not the JSON ARM describes", error=error\n    )\n'
    if (not environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async')):
        pass
        yield '\n'
    yield '\n_ANSWER_FAULTS = (\n    HttpResponseError,\n    ValueError,\n    TypeError,\n    AttributeError,\n    RecursionError,\n)\n"""What azure-core\'s polling raises when an answer is an error, or not the JSON ARM describes."""\n\n\n'
    if environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async'):
        pass
        yield 'class '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'operation_polling')))
        yield '(\n    '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'operation_polling_base')))
        yield '\n):\n'
    else:
        pass
        yield 'class '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'operation_polling')))
        yield '('
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'operation_polling_base')))
        yield '):\n'
    yield '    """ARM\'s long-running operation rules (Azure-AsyncOperation, Location, provisioningState),\n    as azure-mgmt-core\'s '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'arm_polling')))
    yield ' has them, with what a caller needs on top:\n\n    - a failed or canceled operation raises ServiceError from the status monitor\'s error;\n    - an answer that is an error, or not the JSON ARM describes, raises ServiceError (a\n      ServiceDecodeError when it is not JSON at all), never azure-core\'s bare exceptions;\n    - relative Location and Azure-AsyncOperation links are resolved against the request\'s URL;\n    - resource(), and so the poller\'s result(), raises OperationNotDoneError before the end.\n\n    Subclass it to change a rule; use one instance per operation, as it holds the operation\'s\n    state. `timeout` is the seconds between polls when the service sends no Retry-After.\n    """\n\n    def __init__(\n        self,\n        timeout: float = 30,\n        lro_options: dict[str, Any] | None = None,\n        **operation_config: Any,\n    ) -> None:\n        super().__init__(\n            timeout,\n'
    if environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async'):
        pass
        yield '            lro_algorithms=[\n                AzureAsyncOperationPolling(lro_options=lro_options),\n                LocationPolling(),\n                BodyContentPolling(),\n                StatusCheckPolling(),\n            ],\n'
    yield '            lro_options=lro_options,\n            **operation_config,\n        )\n        self._first: Any = None\n        self._latest: Any = None\n        self._links_base: str | None = None\n        self._complete = False\n\n    def initialize(\n        self, client: Any, initial_response: Any, deserialization_callback: Any\n    ) -> None:\n        self._first = self._latest = initial_response\n        request = getattr(initial_response.http_response, "request", None)\n        self._links_base = getattr(request, "url", None)\n        try:\n            super().initialize(client, initial_response, deserialization_callback)\n        except _ANSWER_FAULTS as error:\n            failure = self._failure(error)\n            if failure is None:\n                raise\n            raise failure from error\n        self._complete = self.finished()\n\n    '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'def_')))
    yield ' run(self) -> None:\n        try:\n            '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'await_')))
    yield 'super().run()\n        except _ANSWER_FAULTS as error:\n            failure = self._failure(error)\n            if failure is None:\n                raise\n            raise failure from error\n        self._complete = True\n\n    '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'def_')))
    yield ' request_status(\n        self, status_link: str\n    ) -> PipelineResponse[HttpRequest, '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'http_response')))
    yield ']:\n        if self._links_base is not None:\n            status_link = urljoin(self._links_base, status_link)\n'
    if environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'is_async'):
        pass
        yield '        latest: PipelineResponse[HttpRequest, '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'http_response')))
        yield '] = (\n            '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'await_')))
        yield 'super().request_status(status_link)\n        )\n'
    else:
        pass
        yield '        latest: PipelineResponse[HttpRequest, '
        yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'http_response')))
        yield '] = super().request_status(\n            status_link\n        )\n'
    yield '        self._latest = latest\n        return latest\n\n    def resource(self) -> Any:\n        if not self._complete:\n            raise OperationNotDoneError(self.status(), self._token_or_none())\n        status = self.status()\n        if ended_badly(status):  # already so in the first answer\n            raise operation_error(\n                self._latest.http_response, status, error=OperationFailed(status)\n            )\n        return super().resource()\n\n    def get_continuation_token(self) -> str:\n        try:\n            token: str = super().get_continuation_token()\n        except RecursionError as error:  # azure-core parses the first answer to save it\n            raise unusable_answer(\n                self._first.http_response,\n                "The first answer nests too deeply to be saved",\n                error=error,\n            ) from error\n        return token\n\n    def _status_or_none(self) -> str | None:\n        try:\n            return self.status()\n        except (AttributeError, ValueError):  # no status yet\n            return None\n\n    def _token_or_none(self) -> str | None:\n        try:\n            return self.get_continuation_token()\n        except Exception:  # the error raised is what matters, not the token\n            return None\n\n    def _failure(self, error: BaseException) -> ServiceError | None:\n        return polling_failure(\n            error, self._latest, self._status_or_none(), self._latest is self._first\n        )\n'

blocks = {}
debug_info = '1=20&2=22&3=24&10=26&16=33&94=39&108=43&109=46&110=48&113=53&116=58&136=60&167=64&169=66&177=68&179=70&182=72&183=75&184=77&187=82'