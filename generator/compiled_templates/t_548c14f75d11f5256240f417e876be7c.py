# Written by `python -m tests.helpers.compiled_templates` from templates/package/py.typed.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/py.typed.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = missing
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/py.typed.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n'

blocks = {}
debug_info = '1=13&2=15'