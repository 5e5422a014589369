# Written by `python -m tests.helpers.compiled_templates` from templates/package/operations/__init__.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/operations/__init__.py.jinja'

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
        t_2 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/operations/__init__.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n"""The client\'s operation groups: each is an attribute of the client (`client.widgets`)."""\n\n'
    for (l_1_module, l_1_class_name, l_1_one_line) in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'group_imports'):
        _loop_vars = {}
        pass
        if l_1_one_line:
            pass
            yield 'from .'
            yield str(environment.finalize(t_1([l_1_module])))
            yield ' import '
            yield str(environment.finalize(t_1([l_1_class_name])))
            yield '\n'
        else:
            pass
            yield 'from .'
            yield str(environment.finalize(t_1([l_1_module])))
            yield ' import (\n    '
            yield str(environment.finalize(t_1([l_1_class_name])))
            yield ',\n)\n'
    l_1_module = l_1_class_name = l_1_one_line = missing
    yield '\n__all__ = [\n'
    for l_1_class_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'group_exports'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(t_2(l_1_class_name)))
        yield ',\n'
    l_1_class_name = missing
    yield ']\n'

blocks = {}
debug_info = '1=25&2=27&5=29&6=32&7=35&9=42&10=44&16=48&17=52'