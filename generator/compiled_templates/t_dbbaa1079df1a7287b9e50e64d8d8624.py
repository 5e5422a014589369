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
        t_1 = environment.filters['attribute_docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'attribute_docstring' found.")
    try:
        t_2 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
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
    yield '\n"""Wire models as stdlib dataclasses.\n\nEach class lists its fields as the wire has them in `_fields`; `from_dict` and `to_dict`\n(`_Model`) follow that list. `from_dict` ignores fields it does not know, so a newer\nservice version does not break an older client; `to_dict` leaves out fields that are None and\nfields that only the service sets.\n"""\n\n'
    yield str(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'imports'), environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'imports'))))
    yield '\n'
    if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'exports'):
        pass
        yield '__all__ = [\n'
        for l_1_name in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'exports'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(t_3(l_1_name)))
            yield ',\n'
        l_1_name = missing
        yield ']\n'
    else:
        pass
        yield '__all__ = []\n'
    if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'enums'):
        pass
        yield '\n\nclass _StrEnum(str, enum.Enum):\n    """A string enum whose str() is its wire value."""\n\n    def __str__(self) -> str:\n        return str(self.value)\n'
        if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'sealed_enums'):
            pass
            yield '\n\nclass _SealedEnum(_StrEnum):\n    """An enum that takes no other value: one in another case names the same member, as\n    services send them (`succeeded` for `Succeeded`), and is sent as the spec spells it.\n    """\n\n    @classmethod\n    def _missing_(cls, value: object) -> _SealedEnum | None:\n        if isinstance(value, str):\n            for member in cls:\n                if member.value.casefold() == value.casefold():\n                    return member\n        return None\n'
        for l_1_enum in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'enums'):
            _loop_vars = {}
            pass
            yield '\n\nclass '
            yield str(environment.finalize(environment.getattr(l_1_enum, 'declaration')))
            yield '\n    '
            yield str(environment.finalize(t_2(environment.getattr(l_1_enum, 'doc'), 4)))
            yield '\n\n'
            for (l_2_name, l_2_value) in environment.getattr(l_1_enum, 'values'):
                _loop_vars = {}
                pass
                yield '    '
                yield str(environment.finalize(l_2_name))
                yield ' = '
                yield str(environment.finalize(l_2_value))
                yield '\n'
            l_2_name = l_2_value = missing
        l_1_enum = missing
    if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'models'):
        pass
        yield '\n\n_M = TypeVar("_M", bound="_Model")\n\n\nclass _Model:\n    """The base of every model class: `from_dict` and `to_dict` follow the class\'s `_fields`\n    and its bases\' (`_codec.read_model`, `_codec.write_model`)."""\n\n    @classmethod\n    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:\n        """Build from a JSON object; fields it does not know are ignored, or kept by a\n        class of a hierarchy, which reads as the subclass its discriminator names."""\n        return _codec.read_model(cls, data)\n\n    def to_dict(self) -> dict[str, Any]:\n        """The JSON object to send: None and read-only fields are left out."""\n        return _codec.write_model(self)\n'
    for l_1_model in environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'models'):
        l_1_poly = missing
        _loop_vars = {}
        pass
        yield '\n\n@dataclass(kw_only=True)\nclass '
        yield str(environment.finalize(environment.getattr(l_1_model, 'declaration')))
        yield '\n    '
        yield str(environment.finalize(t_2(environment.getattr(l_1_model, 'doc'), 4)))
        yield '\n'
        if (not environment.getattr(l_1_model, 'empty')):
            pass
            yield '\n'
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
            yield str(environment.finalize(environment.getattr(l_2_field, 'declaration')))
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
        if environment.getattr(l_1_model, 'table'):
            pass
            yield '\n    _fields = _codec.fields(\n'
            for l_2_entry in environment.getattr(l_1_model, 'table'):
                _loop_vars = {}
                pass
                yield '        '
                yield str(environment.finalize(l_2_entry))
                yield '\n'
            l_2_entry = missing
            yield '    )\n'
        if environment.getattr(l_1_model, 'subtypes'):
            pass
            yield '    _subtypes = '
            yield str(environment.finalize(environment.getattr(l_1_model, 'subtypes')))
            yield '\n'
        if environment.getattr(l_1_model, 'keeps_other_keys'):
            pass
            yield '    _additional = '
            yield str(environment.finalize(environment.getattr(l_1_model, 'keeps_other_keys')))
            yield '\n'
    l_1_model = l_1_poly = missing
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
        yield str(environment.finalize(t_2(environment.getattr(l_1_group, 'doc'), 4)))
        yield '\n\n'
        for l_2_field in environment.getattr(l_1_group, 'fields'):
            _loop_vars = {}
            pass
            yield '    '
            yield str(environment.finalize(environment.getattr(l_2_field, 'declaration')))
            yield '\n    '
            yield str(environment.finalize(t_1(environment.getattr(l_2_field, 'doc'), 4)))
            yield '\n'
        l_2_field = missing
    l_1_group = missing

blocks = {}
debug_info = '1=31&2=33&3=36&12=38&13=40&15=43&16=47&22=54&30=57&46=60&49=64&50=66&52=68&53=72&57=78&77=81&81=86&82=88&83=90&86=93&87=95&88=97&89=101&90=107&92=110&97=113&98=117&99=119&101=122&102=125&103=129&105=131&108=134&109=138&113=142&114=145&116=147&117=150&120=153&123=157&124=161&125=165&129=172&133=176&134=178&136=180&137=184&138=186'