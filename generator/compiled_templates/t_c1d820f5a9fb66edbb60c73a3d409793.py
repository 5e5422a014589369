# Written by `python -m tests.helpers.compiled_templates` from templates/package/operations/_group.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/operations/_group.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_module = resolve('module')
    l_0_package = resolve('package')
    l_0_flavor = resolve('flavor')
    l_0_m = l_0_group = missing
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/operations/_group.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_group = (undefined(name='module') if l_0_module is missing else l_0_module)
    context.vars['group'] = l_0_group
    context.exported_vars.add('group')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'doc'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'imports'))))
    yield '\n\n\nclass '
    yield str(environment.finalize(environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'class_name')))
    yield ':\n    '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'doc'), 4)))
    yield '\n\n    def __init__(\n        self,\n        client: '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'pipeline_client')))
    yield '[HttpRequest, '
    yield str(environment.finalize(environment.getattr((undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), 'http_response')))
    yield '],\n        parameters: _shared.ClientParameters,\n    ) -> None:\n        self._client = client\n        self._parameters = parameters\n'
    for l_1_operation in environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'operations'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'operation'), l_1_operation, (undefined(name='flavor') if l_0_flavor is missing else l_0_flavor), _loop_vars=_loop_vars)))
    l_1_operation = missing
    for l_1_operation in environment.getattr((undefined(name='group') if l_0_group is missing else l_0_group), 'result_functions'):
        _loop_vars = {}
        pass
        yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'result_function'), l_1_operation, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_operation = missing

blocks = {}
debug_info = '1=21&2=23&3=26&4=28&6=30&9=32&10=34&14=36&19=40&20=43&22=45&23=48'