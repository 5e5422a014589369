# Written by `python -m tests.helpers.compiled_templates` from templates/package/README.md.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/README.md.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = missing
    try:
        t_1 = environment.filters['identifiers']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'identifiers' found.")
    try:
        t_2 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_3 = environment.filters['md_code']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'md_code' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/README.md.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield '<!--\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package), prefix='')))
    yield '\n-->\n# '
    yield str(environment.finalize(t_3(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'package_name'))))
    yield ': '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'title'))))
    yield ', api-version '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'api_version'))))
    yield '\n\n'
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'description'))))
    yield '\n\n## Install or vendor\n\nCopy the `'
    yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'package_name')))
    yield "` folder anywhere in your code base, under any package name: it\nimports itself only relatively. Or install it: `pip install ./generated`, and\n`pip install './generated[aio]'` for the asynchronous client. At run time it needs only\n"
    l_1_loop = missing
    for (l_1_name, l_1_floor), l_1_loop in LoopContext(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'runtime_floors'), undefined):
        _loop_vars = {}
        pass
        yield '`'
        yield str(environment.finalize(l_1_name))
        yield '` ('
        yield str(environment.finalize(l_1_floor))
        yield ' or later)'
        yield str(environment.finalize((' and ' if environment.getattr(l_1_loop, 'first') else ', ')))
    l_1_loop = l_1_name = l_1_floor = missing
    yield "and `aiohttp` for `aio`.\n\nA vendored copy is stale when the generator would write something else for your spec and name:\n`armgen check --spec <spec> --package-name <your.dotted.name> --out <folder>`\nexits 1 with a diff, where `<folder>` holds your copy's top-level package.\n\n## Examples\n\nIn the examples, `credential` is any azure-core `TokenCredential`, for example\n`azure.identity.DefaultAzureCredential()` (`async_credential`: its `aio` counterpart), and\n`subscription_id` is your subscription's ID. The examples are run by the generator's tests.\n\n```python\nfrom "
    yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'package_name')))
    yield ' import '
    yield str(environment.finalize(t_1([environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'client_name')])))
    yield '\n\nwith '
    yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'client_name')))
    yield '(credential, subscription_id) as client:\n'
    for l_1_operation in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'operation_docs'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(environment.getattr(l_1_operation, 'example')))
        yield '\n'
    l_1_operation = missing
    yield '```\n'
    for l_1_example in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'extra_examples'):
        _loop_vars = {}
        pass
        yield '\n'
        yield str(environment.finalize(environment.getattr(l_1_example, 'title')))
        yield '\n\n```python\n'
        yield str(environment.finalize(environment.getattr(l_1_example, 'code')))
        yield '\n```\n'
    l_1_example = missing
    yield '\n## Client\n\n```text\n'
    yield str(environment.finalize(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'client_name')))
    yield '(credential, '
    for l_1_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'constructor_arguments'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(l_1_name))
        yield ', '
    l_1_name = missing
    yield '*, '
    for l_1_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'keyword_arguments'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(l_1_name))
        yield '=<default>, '
    l_1_name = missing
    if (not environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'host_template')):
        pass
        yield 'endpoint=DEFAULT_ENDPOINT, '
    yield 'api_version=API_VERSION,\n    max_retry_after=120, max_body_bytes=64 MiB, max_error_body_bytes=1 MiB, call_timeout=300, **kwargs)\n```\n\n'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'host_template'):
        pass
        yield "The endpoint is the spec's host template, `HOST_TEMPLATE` = "
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'default_endpoint'))))
        yield ',\nfilled from its host parameters; `API_VERSION` is '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'api_version'))))
        yield ". A host\nparameter's value may hold only what its part of the endpoint may (host text: letters, digits,\n`-._~:`); anything else is refused with ValueError before a request is sent.\n"
        if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'endpoint_per_call'):
            pass
            yield "Methods take some host parameters, so the endpoint is chosen per call: pass `credential_scopes`\n(it cannot be derived from an endpoint); the bearer token goes only to each call's own host.\n"
        else:
            pass
            yield "The token scope is the endpoint followed by `/.default`; the token goes to the endpoint's host only.\n"
    else:
        pass
        yield '`DEFAULT_ENDPOINT` is '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'default_endpoint'))))
        yield ' and `API_VERSION` is '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'api_version'))))
        yield ".\nThe token scope is the endpoint followed by `/.default`, so another cloud's endpoint works as is.\n"
    yield "The client is a context manager; `close()` releases connections. It runs on azure-core's own\npipeline and transport (`RequestsTransport`; `AioHttpTransport` for `aio`). Other keyword\narguments configure azure-core: `retry_total`, `connection_timeout`, `read_timeout`,\n`connection_verify`, `proxies`, `logging_enable`, `transport`, `per_call_policies`,\n`per_retry_policies`, `credential_scopes` and the rest. `policies=` replaces the whole pipeline,\nthe limits below included (a call's `call_timeout=` then means nothing to it).\n\nWhat a server can make the client do is bounded, and each bound can be changed:\n\n| Keyword | Default | What it bounds |\n| --- | --- | --- |\n| `max_retry_after` | `MAX_RETRY_AFTER`, 120 s | The wait a `Retry-After` (`retry-after-ms`, `x-ms-retry-after-ms`) can ask for, before a retry or a poll. A value that is no finite delay (`inf`, `soon`) counts as absent; `0` ignores the header. |\n| `max_body_bytes` | `MAX_BODY_BYTES`, 64 MiB | The bytes read of a success body, after decompression; the rest is cut and not read. |\n| `max_error_body_bytes` | `MAX_ERROR_BODY_BYTES`, 1 MiB | The same for a status >= 400. The error's message says where the body was cut. |\n| `call_timeout` | `CALL_TIMEOUT`, 300 s | One call, retries, redirects and waits included (each poll is a call): then `ServiceResponseTimeoutError`. Each method also takes `call_timeout=`; `None` means no deadline. |\n\n`connection_timeout` and `read_timeout` bound each connect and each read. The synchronous client\nkeeps `call_timeout` while a body is read by shutting the socket down (with urllib3 2.3 or later,\nor a connection kept alive; one daemon thread per process, `armgen-watchdog`, started at the\nfirst call, keeps the deadlines), but not while the status line and headers arrive: a server that\nsends them a byte at a time is bounded only per read, by `read_timeout` (lowered to the time the\ncall has left). The asynchronous client bounds the whole call.\n\n| Client parameter | Sent as | Type | Description |\n| --- | --- | --- | --- |\n"
    for l_1_parameter in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'client_parameters'):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(t_3(environment.getattr(l_1_parameter, 'name'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_parameter, 'location')))
        yield ' '
        yield str(environment.finalize(t_3(environment.getattr(l_1_parameter, 'wire'))))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_parameter, 'type'))))
        yield ' | '
        yield str(environment.finalize(t_2(environment.getattr(l_1_parameter, 'doc'))))
        yield ' |\n'
    l_1_parameter = missing
    for l_1_operation in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'operation_docs'):
        _loop_vars = {}
        pass
        yield '\n## `'
        yield str(environment.finalize(environment.getattr(l_1_operation, 'call')))
        yield '`\n\n`'
        yield str(environment.finalize(environment.getattr(l_1_operation, 'http_method')))
        yield '` '
        yield str(environment.finalize(t_3(environment.getattr(l_1_operation, 'path'))))
        yield ' (operation '
        yield str(environment.finalize(t_3(environment.getattr(l_1_operation, 'operation_id'))))
        yield ')\n\n'
        yield str(environment.finalize(t_2(environment.getattr(l_1_operation, 'doc'))))
        yield '\n'
        if environment.getattr(l_1_operation, 'long_running'):
            pass
            yield "\nLong-running: the method returns azure-core's `LROPoller` (see Long-running operations).\n"
        if environment.getattr(l_1_operation, 'paged'):
            pass
            yield "\nPaged: the method returns azure-core's `ItemPaged` (`AsyncItemPaged` in `aio`), which fetches each\npage as the iteration reaches it, following the service's next link; `by_page()` iterates pages,\n`by_page(continuation_token=...)` resumes at a page.\n"
        if environment.getattr(l_1_operation, 'sentinel'):
            pass
            yield '\n**Safe by default.** Without a request body the service acts on every resource, so the argument\nis required: pass the IDs to act on, or `'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_operation, 'sentinel'), 'name')))
            yield '` on purpose: '
            yield str(environment.finalize(t_2(environment.getattr(environment.getattr(l_1_operation, 'sentinel'), 'doc'))))
            yield '\nAn empty list raises `ValueError` and a non-string ID raises `TypeError`, before any request.\n'
        yield '\nClient parameters are set once on the client.\n\n| Parameter | In | Type | Required | Description |\n| --- | --- | --- | --- | --- |\n'
        for l_2_parameter in environment.getattr(l_1_operation, 'parameters'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_3(environment.getattr(l_2_parameter, 'name'))))
            yield ' ('
            yield str(environment.finalize(t_3(environment.getattr(l_2_parameter, 'wire'))))
            yield ') | '
            yield str(environment.finalize(environment.getattr(l_2_parameter, 'location')))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_2_parameter, 'type'))))
            yield ' | '
            yield str(environment.finalize(('yes' if environment.getattr(l_2_parameter, 'required') else 'no')))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_2_parameter, 'doc'))))
            yield ' |\n'
        l_2_parameter = missing
        yield '\n| Response | Body | Description |\n| --- | --- | --- |\n'
        for (l_2_status, l_2_body, l_2_description) in environment.getattr(l_1_operation, 'responses'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_2(l_2_status)))
            yield ' | '
            yield str(environment.finalize(t_2(l_2_body)))
            yield ' | '
            yield str(environment.finalize(t_2(l_2_description)))
            yield ' |\n'
        l_2_status = l_2_body = l_2_description = missing
    l_1_operation = missing
    yield '\n## Errors\n\nEvery failure the service or the network can cause is an azure-core `AzureError`.\n\n'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'error'):
        pass
        yield "A response outside the documented success codes raises `ServiceError`, an azure-core\n`HttpResponseError`. For 401, 404 and 409 the exception is also azure-core's\n`ClientAuthenticationError`, `ResourceNotFoundError` or `ResourceExistsError`. The parsed body is in\n`cloud_error` and `api_error`; `status_code`, `reason` and `response` come from azure-core. A body\nthat is not a JSON error still raises, with the status code in the message.\n"
    else:
        pass
        yield "A response outside the documented success codes raises `ServiceError`, an azure-core\n`HttpResponseError`; for 401, 404 and 409 also azure-core's `ClientAuthenticationError`,\n`ResourceNotFoundError` or `ResourceExistsError`.\n"
    if environment.getattr(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'shared'), 'status_errors'):
        pass
        yield '\nA status the spec flags `x-ms-error-response` (marked "(error)" in the tables of responses) is an\nerror too, even a 2xx: it raises the same exception, with the body read as that status\'s own\nmodel in `model` (the subclass its discriminator names), or None when the body is not one.\n'
    yield "\nAn answer that is not JSON (or was cut at the body limit), a result that is not the JSON the spec\ndescribes and a status answer that is not the JSON ARM describes raise `ServiceDecodeError`,\nwhich is both a `ServiceError` and azure-core's `DecodeError` (an error status keeps the 401, 404\nand 409 classes). The message is `(code) message [HTTP status reason]`, or, without error\ndetails, azure-core's own words, `Operation returned an invalid status 'reason'`, and why.\n"
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'has_long_running'):
        pass
        yield "\nA long-running operation that ends Failed or Canceled raises `ServiceError` built from the status\nmonitor's `error`, with `operation_status` set and a message that starts\n`The operation ended Failed:`. `result(timeout)` on an operation that has not ended raises\n`OperationNotDoneError`, whose `continuation_token` resumes it.\n"
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'error'):
        pass
        yield '\n| Attribute | Type | Description |\n| --- | --- | --- |\n'
        for l_1_field in environment.getattr(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'error'), 'properties'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_3(environment.getattr(l_1_field, 'name'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(l_1_field, 'annotation'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_field, 'doc'))))
            yield ' |\n'
        l_1_field = missing
    yield '\n## Models\n'
    for (l_1_name, l_1_doc, l_1_properties) in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'model_docs'):
        _loop_vars = {}
        pass
        yield '\n### `'
        yield str(environment.finalize(l_1_name))
        yield '`\n\n'
        yield str(environment.finalize(t_2(l_1_doc)))
        yield '\n\n| Field | Wire name | Type | Required | Description |\n| --- | --- | --- | --- | --- |\n'
        for l_2_prop in l_1_properties:
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_3(environment.getattr(l_2_prop, 'name'))))
            yield ' | '
            yield str(environment.finalize(t_3(environment.getattr(l_2_prop, 'wire'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_2_prop, 'type'))))
            yield ' | '
            yield str(environment.finalize(('yes' if environment.getattr(l_2_prop, 'required') else 'no')))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_2_prop, 'doc'))))
            yield ' |\n'
        l_2_prop = missing
    l_1_name = l_1_doc = l_1_properties = missing
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'has_long_running'):
        pass
        yield "\n## Long-running operations\n\n`begin_*` methods send the request and return azure-core's `LROPoller` (`AsyncLROPoller` in\n`aio`), polling with azure-mgmt-core's ARM rules through the package's `ArmOperationPolling`\n(`AsyncArmOperationPolling`): `result()` waits for the end, `done()`, `wait()`,\n`add_done_callback()` and `status()` are azure-core's. Relative `Location` and\n`Azure-AsyncOperation` links are resolved against the request's URL.\n\n- **A thread per operation.** Once the first answer is not final, the synchronous `LROPoller`\n  polls in a thread of its own, whether or not `result()` is called (the asynchronous one uses\n  no thread). To avoid it, pass `polling=False` (`result()` is then the first answer's result),\n  keep `poller.continuation_token()`, and resume later, in any process, with\n  `begin_...(..., continuation_token=token)`.\n- **Waiting with a bound.** `poller.result(timeout=60)` raises `OperationNotDoneError` if the\n  operation has not ended by then, never a partial result; call `result()` again, or resume from\n  its `continuation_token`. In `aio`, use `asyncio.wait_for(poller.result(), 60)`, then\n  `result()` again. After Ctrl-C in `result()`, a later `result()` may raise\n  `OperationNotDoneError` at once (CPython 3.11's `Thread.join` forgets an interrupted thread):\n  resume from the continuation token.\n- **Your own polling.** `polling=` takes any azure-core `PollingMethod` (`AsyncPollingMethod`);\n  subclass `ArmOperationPolling` to keep ARM's rules and the errors above, one instance per\n  operation. `polling_interval=` is the wait between polls when the service sends no\n  `Retry-After`.\n- **Your own transport.** `transport=` takes any azure-core transport, for example\n  `RequestsTransport(session=your_session, session_owner=False)` for your own adapters,\n  proxies or CA bundle, or `AioHttpTransport(session=aiohttp.ClientSession(...),\n  session_owner=False)`.\n"
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'scopes'):
        pass
        yield "\n## Authentication\n\nAzure AD OAuth2 bearer tokens, asked of the credential for the endpoint's `/.default` scope.\nThe spec declares these scopes:\n\n"
        for (l_1_name, l_1_text) in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'scopes'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(t_3(l_1_name)))
            yield ': '
            yield str(environment.finalize(t_2(l_1_text)))
            yield '\n'
        l_1_name = l_1_text = missing

blocks = {}
debug_info = '1=31&3=34&5=36&7=42&11=44&14=47&27=58&29=62&30=64&31=68&34=72&36=76&39=78&46=82&50=101&51=104&52=106&55=108&62=117&90=122&91=126&93=137&95=141&97=143&99=149&100=151&104=154&110=157&113=160&121=165&122=169&127=183&128=187&136=196&147=202&159=206&166=209&170=212&171=216&176=224&178=228&180=230&184=232&185=236&188=248&218=251&225=254&226=258'