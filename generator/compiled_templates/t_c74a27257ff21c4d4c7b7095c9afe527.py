# Written by `python -m tests.helpers.compiled_templates` from templates/package/_client.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_client.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_module = resolve('module')
    l_0_package = resolve('package')
    l_0_flavor = resolve('flavor')
    l_0_m = l_0_client = missing
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
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/_client.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_client = (undefined(name='module') if l_0_module is missing else l_0_module)
    context.vars['client'] = l_0_client
    context.exported_vars.add('client')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'module_doc'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'imports'))))
    yield '\n\n\nclass '
    yield str(environment.finalize(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'client_name')))
    yield ':\n    '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'doc'), 4)))
    yield '\n\n    def __init__(\n        self,\n        credential: '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'credential')))
    yield ',\n'
    def t_3(fiter):
        for (l_1_name, l_1_annotation, l_1_default) in fiter:
            if (not l_1_default):
                yield (l_1_name, l_1_annotation, l_1_default)
    for (l_1_name, l_1_annotation, l_1_default) in t_3(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'constructor_arguments')):
        _loop_vars = {}
        pass
        yield '        '
        yield str(environment.finalize(l_1_name))
        yield ': '
        yield str(environment.finalize(l_1_annotation))
        yield ',\n'
    l_1_name = l_1_annotation = l_1_default = missing
    yield '        *,\n'
    def t_4(fiter):
        for (l_1_name, l_1_annotation, l_1_default) in fiter:
            if l_1_default:
                yield (l_1_name, l_1_annotation, l_1_default)
    for (l_1_name, l_1_annotation, l_1_default) in t_4(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'constructor_arguments')):
        _loop_vars = {}
        pass
        yield '        '
        yield str(environment.finalize(l_1_name))
        yield ': '
        yield str(environment.finalize(l_1_annotation))
        yield ' = '
        yield str(environment.finalize(l_1_default))
        yield ',\n'
    l_1_name = l_1_annotation = l_1_default = missing
    if (not environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'host_values')):
        pass
        yield '        endpoint: str = DEFAULT_ENDPOINT,\n'
    yield '        api_version: str = API_VERSION,\n        max_retry_after: float = MAX_RETRY_AFTER,\n        max_body_bytes: int = MAX_BODY_BYTES,\n        max_error_body_bytes: int = MAX_ERROR_BODY_BYTES,\n        call_timeout: float | None = CALL_TIMEOUT,\n        **kwargs: Any,\n    ) -> None:\n'
    def t_5(fiter):
        for (l_1_name, l_1_annotation, l_1_default) in fiter:
            if (l_1_name in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'text_arguments')):
                yield (l_1_name, l_1_annotation, l_1_default)
    for (l_1_name, l_1_annotation, l_1_default) in t_5(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'constructor_arguments')):
        _loop_vars = {}
        pass
        yield '        _shared.require_text('
        yield str(environment.finalize(t_2(l_1_name)))
        yield ', '
        yield str(environment.finalize(l_1_name))
        yield ')\n'
    l_1_name = l_1_annotation = l_1_default = missing
    yield '        _shared.require_text("api_version", api_version)\n'
    if (not environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'host_values')):
        pass
        yield '        endpoint = _shared.require_text("endpoint", endpoint).rstrip("/")\n'
    elif environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'endpoint_per_call'):
        pass
        yield '        _shared.no_endpoint(kwargs)\n        _shared.host_texts('
        yield str(environment.finalize(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'host_values')))
        yield ')\n'
    else:
        pass
        yield '        _shared.no_endpoint(kwargs)\n        endpoint = _shared.host_endpoint('
        yield str(environment.finalize(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'host_values')))
        yield ')\n'
    yield '        _shared.require_limit("max_retry_after", max_retry_after)\n        _shared.require_limit("max_body_bytes", max_body_bytes, whole=True)\n        _shared.require_limit("max_error_body_bytes", max_error_body_bytes, whole=True)\n        if call_timeout is not None:\n            _shared.require_limit("call_timeout", call_timeout)\n'
    if environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'endpoint_per_call'):
        pass
        yield '        scopes = _shared.require_scopes(kwargs.pop("credential_scopes", None))\n'
    else:
        pass
        yield '        scopes = kwargs.pop("credential_scopes", None) or [f"{endpoint}/.default"]\n'
    yield '        pipeline_policies = kwargs.pop("policies", None)\n        if not pipeline_policies:\n            pipeline_policies = [\n                policies.RequestIdPolicy(**kwargs),\n                policies.HeadersPolicy(**kwargs),\n                policies.UserAgentPolicy(sdk_moniker=SDK_MONIKER, **kwargs),\n                policies.ProxyPolicy(**kwargs),\n                policies.'
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'redirect_policy')))
    yield '(**kwargs),\n                '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'deadline_policy')))
    yield '(call_timeout),\n                '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'retry_policy')))
    yield '(**kwargs),\n                RetryAfterCap(max_retry_after),\n                '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'auth_policy')))
    yield '(credential, *scopes, **kwargs),\n                _TokenOnlyForTheEndpoint('
    yield str(environment.finalize(('None' if environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'endpoint_per_call') else 'endpoint')))
    yield '),\n                policies.CustomHookPolicy(**kwargs),\n                policies.DistributedTracingPolicy(**kwargs),\n                policies.SensitiveHeaderCleanupPolicy(**kwargs),\n                ARMHttpLoggingPolicy(**kwargs),\n                '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'body_policy')))
    yield '(max_body_bytes, max_error_body_bytes),\n            ]\n'
    if environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'endpoint_per_call'):
        pass
        yield '        pipeline_policies = keep_call_endpoints(pipeline_policies)\n'
    yield '        '
    yield str(environment.finalize(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'pipeline_client')))
    yield '\n'
    if environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'parameter_fields'):
        pass
        yield '        self._parameters = _shared.ClientParameters(\n'
        for l_1_name in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'parameter_fields'):
            _loop_vars = {}
            pass
            yield '            '
            yield str(environment.finalize(l_1_name))
            yield '='
            yield str(environment.finalize(l_1_name))
            yield ',\n'
        l_1_name = missing
        yield '        )\n'
    else:
        pass
        yield '        self._parameters = _shared.ClientParameters()\n'
    for l_1_group in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'groups'):
        _loop_vars = {}
        pass
        yield '        '
        yield str(environment.finalize(environment.getattr(l_1_group, 'assignment')))
        yield '\n'
    l_1_group = missing
    yield '\n    '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'def_')))
    yield ' close(self) -> None:\n        """Close the transport\'s connections."""\n        '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'await_')))
    yield 'self._client.close()\n\n    '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'def_')))
    yield ' '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'enter')))
    yield '(self) -> '
    yield str(environment.finalize(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'client_name')))
    yield ':\n        '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'await_')))
    yield 'self._client.'
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'enter')))
    yield '()\n        return self\n\n    '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'def_')))
    yield ' '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'exit')))
    yield '(\n        self,\n        exc_type: type[BaseException] | None,\n        exc_value: BaseException | None,\n        traceback: TracebackType | None,\n    ) -> None:\n        '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'await_')))
    yield 'self._client.'
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'exit')))
    yield '(exc_type, exc_value, traceback)\n'
    for l_1_operation in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'operations'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'operation'), l_1_operation, (undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), _loop_vars=_loop_vars)))
    l_1_operation = missing
    for l_1_operation in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'result_functions'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'result_function'), l_1_operation, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_operation = missing

blocks = {}
debug_info = '1=27&2=29&3=32&4=34&6=36&9=38&10=40&14=42&15=44&16=52&19=58&20=66&22=73&32=77&33=85&36=91&38=94&40=97&43=102&50=105&62=112&63=114&64=116&66=118&67=120&72=122&74=124&77=128&78=130&80=133&81=137&87=146&88=150&91=154&93=156&95=158&96=164&99=168&105=172&106=176&107=179&109=181&110=184'