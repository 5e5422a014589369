# Written by `python -m tests.helpers.compiled_templates` from templates/package/models.py.jinja.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/models.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    l_0_m = l_0_models = missing
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_2 = environment.filters['identifiers']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'identifiers' found.")
    try:
        t_3 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.jinja', 'package/models.py.jinja')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_models = environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'models')
    context.vars['models'] = l_0_models
    context.exported_vars.add('models')
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'header'), (undefined(name='package') if l_0_package is missing else l_0_package))))
    yield '\n"""Wire models as stdlib dataclasses.\n\n`from_dict` ignores fields it does not know, so a newer service version does not break an older\nclient; `to_dict` leaves out fields that are None and fields that only the service sets.\n"""\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'imports'))))
    yield '\n\n__all__ = [\n'
    for l_1_name in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'exports'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(t_3(l_1_name)))
        yield ',\n'
    l_1_name = missing
    yield ']\n'
    if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'enums'):
        pass
        yield '\n\nclass _StrEnum(str, enum.Enum):\n    """A string enum whose str() is its wire value."""\n\n    def __str__(self) -> str:\n        return str(self.value)\n'
        if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'sealed_enums'):
            pass
            yield '\n\nclass _SealedEnum(_StrEnum):\n    """An enum that takes no other value: one in another case names the same member, as\n    services send them (`succeeded` for `Succeeded`), and is sent as the spec spells it."""\n\n    @classmethod\n    def _missing_(cls, value: object) -> _SealedEnum | None:\n        if isinstance(value, str):\n            for member in cls:\n                if member.value.casefold() == value.casefold():\n                    return member\n        return None\n'
        for l_1_enum in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'enums'):
            _loop_vars = {}
            pass
            yield '\n\nclass '
            yield str(environment.finalize(environment.getattr(l_1_enum, 'class_name')))
            yield '('
            yield str(environment.finalize(environment.getattr(l_1_enum, 'base')))
            yield '):\n    '
            yield str(environment.finalize(t_1(environment.getattr(l_1_enum, 'doc'), 4)))
            yield '\n\n'
            for (l_2_name, l_2_value) in environment.getattr(l_1_enum, 'members'):
                _loop_vars = {}
                pass
                yield '    '
                yield str(environment.finalize(l_2_name))
                yield ' = '
                yield str(environment.finalize(t_3(l_2_value)))
                yield '\n'
            l_2_name = l_2_value = missing
        l_1_enum = missing
    l_1_loop = missing
    for l_1_model, l_1_loop in LoopContext(environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'models'), undefined):
        l_1_poly = missing
        _loop_vars = {}
        pass
        yield '\n\n@dataclass(kw_only=True)\nclass '
        yield str(environment.finalize(environment.getattr(l_1_model, 'class_name')))
        if environment.getattr(l_1_model, 'bases'):
            pass
            yield '('
            yield str(environment.finalize(t_2(environment.getattr(l_1_model, 'bases'))))
            yield ')'
        yield ':\n    '
        yield str(environment.finalize(t_1(environment.getattr(l_1_model, 'doc'), 4)))
        yield '\n\n'
        l_1_poly = environment.getattr(l_1_model, 'polymorphic')
        _loop_vars['poly'] = l_1_poly
        if (undefined(name='poly') if l_1_poly is missing else l_1_poly):
            pass
            for l_2_d in environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'declared'):
                _loop_vars = {}
                pass
                yield '    '
                yield str(environment.finalize(environment.getattr(l_2_d, 'name')))
                yield ': '
                yield str(environment.finalize(environment.getattr(l_2_d, 'annotation')))
                yield ' = field(default='
                yield str(environment.finalize(t_3(environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'value'))))
                yield ', init=False)\n    '
                yield str(environment.finalize(t_1(environment.getattr(l_2_d, 'doc'), 4)))
                yield '\n'
            l_2_d = missing
            if environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'root'):
                pass
                yield '    additional_properties: dict[str, Any] = field(default_factory=dict)\n    """Fields this version does not know: kept as read, sent back as they are."""\n'
        for l_2_field in environment.getattr(l_1_model, 'fields'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(environment.getattr(l_2_field, 'name')))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_2_field, 'annotation')))
            if environment.getattr(l_2_field, 'default'):
                pass
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_field, 'default')))
            yield '\n    '
            yield str(environment.finalize(t_1(environment.getattr(l_2_field, 'doc'), 4)))
            yield '\n'
        l_2_field = missing
        if (environment.getattr(l_1_model, 'additional') and environment.getattr(environment.getattr(l_1_model, 'additional'), 'declared')):
            pass
            yield '    '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_model, 'additional'), 'name')))
            yield ': '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_model, 'additional'), 'annotation')))
            yield ' = _dataclasses.field(default_factory=dict)\n    '
            yield str(environment.finalize(t_1(environment.getattr(environment.getattr(l_1_model, 'additional'), 'doc'), 4)))
            yield '\n'
        yield '\n    @classmethod\n    def from_dict(cls, data: Mapping[str, Any]) -> '
        yield str(environment.finalize(environment.getattr(l_1_model, 'class_name')))
        yield ':\n'
        if (undefined(name='poly') if l_1_poly is missing else l_1_poly):
            pass
            yield '        """Build from a JSON object: the subclass its discriminator names, else this class,\n        keeping what this version does not know."""\n        _wire.require_object(cls, data)\n'
            if environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'dispatch'):
                pass
                yield '        subtype = _wire.subtype(cls, data, '
                yield str(environment.finalize(t_3(environment.getitem(environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'dispatch'), 0))))
                yield ', '
                yield str(environment.finalize(environment.getitem(environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'dispatch'), 1)))
                yield ')\n        if subtype is not cls:\n            return subtype.from_dict(data)\n'
            for l_2_holder in environment.getattr(l_1_model, 'read_holders'):
                _loop_vars = {}
                pass
                yield '        '
                yield str(environment.finalize(environment.getattr(l_2_holder, 'name')))
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_holder, 'read')))
                yield '\n'
            l_2_holder = missing
            yield '        result = cls(\n'
            for l_2_field in environment.getattr(l_1_model, 'all_fields'):
                _loop_vars = {}
                pass
                yield '            '
                yield str(environment.finalize(environment.getattr(l_2_field, 'name')))
                yield '='
                yield str(environment.finalize(environment.getattr(l_2_field, 'from_wire')))
                yield ',\n'
            l_2_field = missing
            yield '        )\n'
            for l_2_d in environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'discriminators'):
                _loop_vars = {}
                pass
                yield '        result.'
                yield str(environment.finalize(environment.getattr(l_2_d, 'name')))
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_d, 'from_wire')))
                yield '\n'
            l_2_d = missing
            yield '        known = {'
            l_2_loop = missing
            for l_2_wire, l_2_loop in LoopContext(environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'known_wires'), undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(t_3(l_2_wire)))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ', '
            l_2_loop = l_2_wire = missing
            yield '}\n        result.additional_properties = {k: v for k, v in data.items() if k not in known}\n        return result\n'
        else:
            pass
            yield '        """Build from a JSON object; fields this version does not know are ignored."""\n        _wire.require_object(cls, data)\n'
            for l_2_holder in environment.getattr(l_1_model, 'read_holders'):
                _loop_vars = {}
                pass
                yield '        '
                yield str(environment.finalize(environment.getattr(l_2_holder, 'name')))
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_holder, 'read')))
                yield '\n'
            l_2_holder = missing
            if (environment.getattr(l_1_model, 'all_fields') or environment.getattr(l_1_model, 'additional')):
                pass
                yield '        return cls(\n'
                for l_2_field in environment.getattr(l_1_model, 'all_fields'):
                    _loop_vars = {}
                    pass
                    yield '            '
                    yield str(environment.finalize(environment.getattr(l_2_field, 'name')))
                    yield '='
                    yield str(environment.finalize(environment.getattr(l_2_field, 'from_wire')))
                    yield ',\n'
                l_2_field = missing
                if environment.getattr(l_1_model, 'additional'):
                    pass
                    yield '            '
                    yield str(environment.finalize(environment.getattr(environment.getattr(l_1_model, 'additional'), 'name')))
                    yield '='
                    yield str(environment.finalize(environment.getattr(environment.getattr(l_1_model, 'additional'), 'from_wire')))
                    yield ',\n'
                yield '        )\n'
            else:
                pass
                yield '        return cls()\n'
        yield '\n    def to_dict(self) -> dict[str, Any]:\n        """The JSON object to send: None and read-only fields are left out."""\n'
        if (undefined(name='poly') if l_1_poly is missing else l_1_poly):
            pass
            yield '        result: dict[str, Any] = dict(self.additional_properties)\n'
            for l_2_d in environment.getattr((undefined(name='poly') if l_1_poly is missing else l_1_poly), 'discriminators'):
                _loop_vars = {}
                pass
                yield '        result['
                yield str(environment.finalize(t_3(environment.getattr(l_2_d, 'wire'))))
                yield '] = '
                yield str(environment.finalize(environment.getattr(l_2_d, 'to_wire')))
                yield '\n'
            l_2_d = missing
        else:
            pass
            yield '        result: dict[str, Any] = '
            yield str(environment.finalize((environment.getattr(environment.getattr(l_1_model, 'additional'), 'to_wire') if environment.getattr(l_1_model, 'additional') else '{}')))
            yield '\n'
        for l_2_holder in environment.getattr(l_1_model, 'write_holders'):
            _loop_vars = {}
            pass
            yield '        '
            yield str(environment.finalize(environment.getattr(l_2_holder, 'name')))
            yield ': dict[str, Any] = {}\n'
        l_2_holder = missing
        def t_4(fiter):
            for l_2_field in fiter:
                if (not environment.getattr(l_2_field, 'read_only')):
                    yield l_2_field
        for l_2_field in t_4(environment.getattr(l_1_model, 'all_fields')):
            _loop_vars = {}
            pass
            if (environment.getattr(l_2_field, 'optional') or environment.getattr(l_2_field, 'nullable')):
                pass
                yield '        if self.'
                yield str(environment.finalize(environment.getattr(l_2_field, 'name')))
                yield ' is not None:\n            '
                yield str(environment.finalize(environment.getattr(l_2_field, 'target')))
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_field, 'to_wire')))
                yield '\n'
            else:
                pass
                yield '        '
                yield str(environment.finalize(environment.getattr(l_2_field, 'target')))
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_field, 'to_wire')))
                yield '\n'
        l_2_field = missing
        for l_2_holder in environment.getattr(l_1_model, 'write_holders'):
            _loop_vars = {}
            pass
            yield '        if '
            yield str(environment.finalize(environment.getattr(l_2_holder, 'name')))
            yield ':\n            '
            yield str(environment.finalize(environment.getattr(l_2_holder, 'attach')))
            yield ' = '
            yield str(environment.finalize(environment.getattr(l_2_holder, 'name')))
            yield '\n'
        l_2_holder = missing
        yield '        return result\n'
    l_1_loop = l_1_model = l_1_poly = missing
    for l_1_table in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'subtype_tables'):
        _loop_vars = {}
        pass
        yield '\n\n'
        yield str(environment.finalize(environment.getattr(l_1_table, 'name')))
        yield ': dict[str, type['
        yield str(environment.finalize(environment.getattr(l_1_table, 'base_class')))
        yield ']] = {\n'
        for (l_2_value, l_2_class_name) in environment.getattr(l_1_table, 'entries'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(t_3(l_2_value)))
            yield ': '
            yield str(environment.finalize(l_2_class_name))
            yield ',\n'
        l_2_value = l_2_class_name = missing
        yield '}\n'
    l_1_table = missing
    for l_1_group in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'groups'):
        _loop_vars = {}
        pass
        yield '\n\n@dataclass(kw_only=True)\nclass '
        yield str(environment.finalize(environment.getattr(l_1_group, 'class_name')))
        yield ':\n    '
        yield str(environment.finalize(t_1(environment.getattr(l_1_group, 'doc'), 4)))
        yield '\n\n'
        for l_2_field in environment.getattr(l_1_group, 'fields'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(environment.getattr(l_2_field, 'name')))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_2_field, 'annotation')))
            if environment.getattr(l_2_field, 'default'):
                pass
                yield ' = '
                yield str(environment.finalize(environment.getattr(l_2_field, 'default')))
            yield '\n    '
            yield str(environment.finalize(t_1(environment.getattr(l_2_field, 'doc'), 4)))
            yield '\n'
        l_2_field = missing
    l_1_group = missing

blocks = {}
debug_info = '1=31&2=33&3=36&10=38&13=40&14=44&17=48&25=51&40=54&43=58&44=62&46=64&47=68&51=75&55=80&56=87&58=89&59=91&60=93&61=97&62=103&64=106&69=109&70=113&72=121&74=124&75=127&76=131&80=134&81=136&85=139&86=142&90=146&91=150&94=156&95=160&98=166&99=170&101=177&107=189&108=193&110=198&112=201&113=205&115=210&116=213&126=222&128=225&129=229&132=237&134=239&135=243&137=246&138=253&139=256&140=258&142=265&145=270&146=274&147=276&151=283&154=287&155=291&156=295&160=302&164=306&165=308&167=310&168=314&170=322'