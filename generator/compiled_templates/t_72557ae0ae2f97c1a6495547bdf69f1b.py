# Written by `python -m tests.helpers.compiled_templates` from templates/package/__init__.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/__init__.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = missing
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
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/__init__.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n'
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'module_doc'))))
    yield '\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'init_imports'))))
    yield '\n__all__ = [\n'
    for l_1_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'exports'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(t_2(l_1_name)))
        yield ',\n'
    l_1_name = missing
    yield ']\n'

blocks = {}
debug_info = '1=25&2=27&3=29&5=31&7=33&8=37'