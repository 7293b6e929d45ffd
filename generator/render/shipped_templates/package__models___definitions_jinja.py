# package/models/_definitions.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/models/_definitions.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_enum_class = l_0_model_class = l_0_alias_line = l_0_param_dict = missing
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_2 = environment.filters['pyliteral']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'pyliteral' found.")
    try:
        t_3 = environment.filters['whole_docstring']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'whole_docstring' found.")
    try:
        t_4 = environment.filters['wrap']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'wrap' found.")
    try:
        t_5 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_enum):
        t_6 = []
        l_1_values = resolve('values')
        if l_1_enum is missing:
            l_1_enum = undefined("parameter 'enum' was not provided", name='enum')
        pass
        t_6.extend((
            'class ',
            str(environment.finalize(environment.getattr(l_1_enum, 'name'))),
            '(',
            str(environment.finalize(environment.getattr(l_1_enum, 'base'))),
            '):\n',
        ))
        if environment.getattr(l_1_enum, 'doc'):
            pass
            t_6.extend((
                '    """',
                str(environment.finalize(t_3(environment.getattr(l_1_enum, 'doc'), 4))),
                '"""\n',
            ))
            if environment.getattr(l_1_enum, 'members'):
                pass
                t_6.append(
                    '\n',
                )
        for (l_2_name, l_2_value) in environment.getattr(l_1_enum, 'members'):
            _loop_vars = {}
            pass
            t_6.extend((
                str(environment.finalize(t_4(str_join((l_2_name, ' = ', t_2(l_2_value), )), 4))),
                '\n',
            ))
        l_2_name = l_2_value = missing
        if environment.getattr(l_1_enum, 'values_alias'):
            pass
            t_6.append(
                '\n\n',
            )
            t_7 = []
            pass
            t_7.extend((
                str(environment.finalize(environment.getattr(l_1_enum, 'values_alias'))),
                ': TypeAlias = Literal[',
            ))
            l_3_loop = missing
            for (l_3__, l_3_value), l_3_loop in LoopContext(environment.getattr(l_1_enum, 'members'), undefined):
                _loop_vars = {}
                pass
                t_7.append(
                    str(environment.finalize(t_2(l_3_value))),
                )
                if (not environment.getattr(l_3_loop, 'last')):
                    pass
                    t_7.append(
                        ', ',
                    )
            l_3_loop = l_3__ = l_3_value = missing
            t_7.append(
                ']',
            )
            l_1_values = (Markup if context.eval_ctx.autoescape else identity)(concat(t_7))
            t_6.extend((
                str(environment.finalize(t_4((undefined(name='values') if l_1_values is missing else l_1_values), 0))),
                '\n',
            ))
        return concat(t_6)
    context.exported_vars.add('enum_class')
    context.vars['enum_class'] = l_0_enum_class = Macro(environment, macro, 'enum_class', ('enum',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_model):
        t_8 = []
        if l_1_model is missing:
            l_1_model = undefined("parameter 'model' was not provided", name='model')
        pass
        t_8.extend((
            'class ',
            str(environment.finalize(environment.getattr(l_1_model, 'name'))),
            '(',
            str(environment.finalize(environment.getattr(l_1_model, 'base'))),
            '):\n',
        ))
        if environment.getattr(l_1_model, 'doc'):
            pass
            t_8.extend((
                '    """',
                str(environment.finalize(t_3(environment.getattr(l_1_model, 'doc'), 4))),
                '"""\n',
            ))
            if (((environment.getattr(l_1_model, 'nullable') or environment.getattr(l_1_model, 'secret')) or environment.getattr(l_1_model, 'extra')) or environment.getattr(l_1_model, 'fields')):
                pass
                t_8.append(
                    '\n',
                )
        if environment.getattr(l_1_model, 'nullable'):
            pass
            t_8.extend((
                str(environment.finalize(t_4(str_join(('__nullable_fields__: ClassVar[frozenset[str]] = frozenset(', t_2(environment.getattr(l_1_model, 'nullable')), ')', )), 4))),
                '\n',
            ))
        if environment.getattr(l_1_model, 'secret'):
            pass
            t_8.extend((
                str(environment.finalize(t_4(str_join(('__secret_fields__: ClassVar[frozenset[str]] = frozenset(', t_2(environment.getattr(l_1_model, 'secret')), ')', )), 4))),
                '\n',
            ))
        if environment.getattr(l_1_model, 'extra'):
            pass
            t_8.extend((
                '    __pydantic_extra__: ',
                str(environment.finalize(environment.getattr(l_1_model, 'extra'))),
                ' = Field(init=False)\n',
            ))
        for l_2_field in environment.getattr(l_1_model, 'fields'):
            l_2_line = resolve('line')
            _loop_vars = {}
            pass
            if (not t_5(environment.getattr(l_2_field, 'alias'))):
                pass
                t_9 = []
                pass
                t_9.extend((
                    str(environment.finalize(environment.getattr(l_2_field, 'name'))),
                    ': ',
                    str(environment.finalize(environment.getattr(l_2_field, 'annotation'))),
                    ' = Field(',
                ))
                if environment.getattr(l_2_field, 'optional'):
                    pass
                    t_9.append(
                        'default=None, ',
                    )
                t_9.extend((
                    'validation_alias=',
                    str(environment.finalize(t_2(environment.getattr(l_2_field, 'alias')))),
                    ', serialization_alias=',
                    str(environment.finalize(t_2(environment.getattr(l_2_field, 'alias')))),
                    ')',
                ))
                l_2_line = (Markup if context.eval_ctx.autoescape else identity)(concat(t_9))
                _loop_vars['line'] = l_2_line
                t_8.extend((
                    str(environment.finalize(t_4((undefined(name='line') if l_2_line is missing else l_2_line), 4))),
                    '\n',
                ))
            else:
                pass
                t_8.extend((
                    str(environment.finalize(t_4(str_join((environment.getattr(l_2_field, 'name'), ': ', environment.getattr(l_2_field, 'annotation'), (' = None' if environment.getattr(l_2_field, 'optional') else ''), )), 4))),
                    '\n',
                ))
            if environment.getattr(l_2_field, 'doc'):
                pass
                t_8.extend((
                    '    """',
                    str(environment.finalize(t_1(environment.getattr(l_2_field, 'doc'), 4))),
                    '"""\n',
                ))
        l_2_field = l_2_line = missing
        if (((((not environment.getattr(l_1_model, 'fields')) and (not environment.getattr(l_1_model, 'nullable'))) and (not environment.getattr(l_1_model, 'secret'))) and (not environment.getattr(l_1_model, 'doc'))) and (not environment.getattr(l_1_model, 'extra'))):
            pass
            t_8.append(
                '    pass\n',
            )
        return concat(t_8)
    context.exported_vars.add('model_class')
    context.vars['model_class'] = l_0_model_class = Macro(environment, macro, 'model_class', ('model',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_alias):
        t_10 = []
        if l_1_alias is missing:
            l_1_alias = undefined("parameter 'alias' was not provided", name='alias')
        pass
        t_10.extend((
            str(environment.finalize(t_4(str_join((environment.getattr(l_1_alias, 'name'), ' = ', environment.getattr(l_1_alias, 'expr'), ))))),
            '\n',
        ))
        if environment.getattr(l_1_alias, 'doc'):
            pass
            t_10.extend((
                '"""',
                str(environment.finalize(t_1(environment.getattr(l_1_alias, 'doc')))),
                '"""\n',
            ))
        return concat(t_10)
    context.exported_vars.add('alias_line')
    context.vars['alias_line'] = l_0_alias_line = Macro(environment, macro, 'alias_line', ('alias',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_param):
        t_11 = []
        l_1_keys = missing
        if l_1_param is missing:
            l_1_param = undefined("parameter 'param' was not provided", name='param')
        pass
        t_11.extend((
            str(environment.finalize(environment.getattr(l_1_param, 'name'))),
            ' = TypedDict(\n    ',
            str(environment.finalize(t_2(environment.getattr(l_1_param, 'name')))),
            ',\n',
        ))
        t_12 = []
        pass
        t_12.append(
            '{',
        )
        l_3_loop = missing
        for (l_3_key, l_3_annotation), l_3_loop in LoopContext(environment.getattr(l_1_param, 'keys'), undefined):
            _loop_vars = {}
            pass
            t_12.extend((
                str(environment.finalize(t_2(l_3_key))),
                ': ',
                str(environment.finalize(t_2(l_3_annotation))),
            ))
            if (not environment.getattr(l_3_loop, 'last')):
                pass
                t_12.append(
                    ', ',
                )
        l_3_loop = l_3_key = l_3_annotation = missing
        t_12.append(
            '},',
        )
        l_1_keys = (Markup if context.eval_ctx.autoescape else identity)(concat(t_12))
        t_11.extend((
            str(environment.finalize(t_4((undefined(name='keys') if l_1_keys is missing else l_1_keys), 4))),
            '\n    total=False,\n)\n"""What `',
            str(environment.finalize(environment.getattr(l_1_param, 'model'))),
            '` holds, as a dict a method argument also takes (keys are the JSON names)."""\n',
        ))
        return concat(t_11)
    context.exported_vars.add('param_dict')
    context.vars['param_dict'] = l_0_param_dict = Macro(environment, macro, 'param_dict', ('param',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=50&4=55&5=59&6=62&10=67&11=71&13=75&16=83&17=104&21=111&22=118&23=123&24=127&25=130&29=135&30=138&32=141&33=144&35=147&36=151&38=154&39=158&40=163&41=183&43=189&45=192&46=196&49=200&54=209&55=215&56=218&57=222&61=229&62=236&63=238&64=247&65=266&68=268'
