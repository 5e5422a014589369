# Written by `python -m tests.helpers.compiled_templates` from templates/pyproject.toml.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'pyproject.toml.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = missing
    try:
        t_1 = environment.filters['toml']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'toml' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'pyproject.toml.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n# `pip install ./generated` installs the client with its run-time dependencies only;\n# `pip install \'./generated[aio]\'` adds aiohttp for the asynchronous client.\n\n[build-system]\nrequires = ["flit_core>=3.9,<5"]\nbuild-backend = "flit_core.buildapi"\n\n[project]\nname = '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'distribution_name'))))
    yield '\nversion = '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'distribution_version'))))
    yield '\ndescription = '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'module_doc'))))
    yield '\nreadme = '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'readme_path'))))
    yield '\nrequires-python = ">=3.10"\ndependencies = [\n'
    for (l_1_name, l_1_floor) in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'runtime_floors'):
        _loop_vars = {}
        pass
        yield '    "'
        yield str(environment.finalize(l_1_name))
        yield '>='
        yield str(environment.finalize(l_1_floor))
        yield ',<2",\n'
    l_1_name = l_1_floor = missing
    yield ']\n\n[project.optional-dependencies]\naio = ["aiohttp>=3.9,<4"]\n\n[tool.flit.module]\nname = '
    yield str(environment.finalize(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'package_name'))))
    yield '\n'

blocks = {}
debug_info = '1=19&2=21&11=23&12=25&13=27&14=29&17=31&18=35&26=41'