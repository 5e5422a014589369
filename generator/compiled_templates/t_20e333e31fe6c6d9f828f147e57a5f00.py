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
        t_2 = environment.filters['module']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'module' found.")
    try:
        t_3 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/operations/__init__.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n"""The client\'s operation groups: each is an attribute of the client (`client.widgets`)."""\n\n'
    for l_1_line in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'group_imports'):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_line, 'exploded'):
            pass
            yield 'from '
            yield str(environment.finalize(t_2(environment.getattr(l_1_line, 'module'))))
            yield ' import (\n    '
            yield str(environment.finalize(t_1(environment.getattr(l_1_line, 'names'))))
            yield ',\n)\n'
        else:
            pass
            yield 'from '
            yield str(environment.finalize(t_2(environment.getattr(l_1_line, 'module'))))
            yield ' import '
            yield str(environment.finalize(t_1(environment.getattr(l_1_line, 'names'))))
            yield '\n'
    l_1_line = missing
    yield '\n'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'group_exports'):
        pass
        yield '__all__ = [\n'
        for l_1_class_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'group_exports'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(t_3(l_1_class_name)))
            yield ',\n'
        l_1_class_name = missing
        yield ']\n'
    else:
        pass
        yield '__all__ = []\n'

blocks = {}
debug_info = '1=31&2=33&5=35&6=38&7=41&8=43&11=48&15=54&17=57&18=61'