# package/_methods.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_methods.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_signature = l_0_default = l_0_returns = l_0_pairs = l_0_call = l_0_docstring_of = l_0_method = l_0_sync_method = l_0_async_method = l_0_endpoints = l_0_raw_classes = l_0_streaming_classes = missing
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
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
    def macro(l_1_m, l_1_keyword):
        t_6 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_keyword is missing:
            l_1_keyword = None
        pass
        l_1_keyword = (environment.getattr(l_1_m, 'keyword') if t_5(l_1_keyword) else l_1_keyword)
        t_6.append(
            'self',
        )
        for l_2_a in environment.getattr(l_1_m, 'positional'):
            _loop_vars = {}
            pass
            t_6.extend((
                ', ',
                str(environment.finalize(environment.getattr(l_2_a, 'name'))),
                ': ',
                str(environment.finalize(environment.getattr(l_2_a, 'annotation'))),
            ))
        l_2_a = missing
        if l_1_keyword:
            pass
            t_6.append(
                ', *',
            )
        for l_2_a in l_1_keyword:
            _loop_vars = {}
            pass
            t_6.extend((
                ', ',
                str(environment.finalize(environment.getattr(l_2_a, 'name'))),
                ': ',
                str(environment.finalize(environment.getattr(l_2_a, 'annotation'))),
                str(environment.finalize(context.call((undefined(name='default') if l_0_default is missing else l_0_default), l_2_a, _loop_vars=_loop_vars))),
            ))
        l_2_a = missing
        t_6.append(
            ', **options: Unpack[RequestOptions]',
        )
        return concat(t_6)
    context.exported_vars.add('signature')
    context.vars['signature'] = l_0_signature = Macro(environment, macro, 'signature', ('m', 'keyword'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_a):
        t_7 = []
        if l_1_a is missing:
            l_1_a = undefined("parameter 'a' was not provided", name='a')
        pass
        if (environment.getattr(l_1_a, 'default') == 'not_given'):
            pass
            t_7.append(
                ' = NOT_GIVEN',
            )
        elif (environment.getattr(l_1_a, 'default') == 'none'):
            pass
            t_7.append(
                ' = None',
            )
        return concat(t_7)
    context.exported_vars.add('default')
    context.vars['default'] = l_0_default = Macro(environment, macro, 'default', ('a',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m, l_1_prefix, l_1_kind):
        t_8 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_prefix is missing:
            l_1_prefix = undefined("parameter 'prefix' was not provided", name='prefix')
        if l_1_kind is missing:
            l_1_kind = 'either'
        pass
        if environment.getattr(l_1_m, 'paged'):
            pass
            t_8.extend((
                str(environment.finalize((l_1_prefix or 'Sync'))),
                'Page[',
                str(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_m, 'endpoint'), 'pagination'), 'item_type'))),
                ', ',
                str(environment.finalize(environment.getattr(l_1_m, 'returns'))),
                ']',
            ))
        elif (t_5(environment.getattr(l_1_m, 'stream')) or (l_1_kind == 'plain')):
            pass
            t_8.append(
                str(environment.finalize(environment.getattr(l_1_m, 'returns'))),
            )
        elif (environment.getattr(environment.getattr(l_1_m, 'stream'), 'always') or (l_1_kind == 'stream')):
            pass
            t_8.extend((
                str(environment.finalize(l_1_prefix)),
                'Stream[',
                str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'stream'), 'item'))),
                ']',
            ))
        else:
            pass
            t_8.extend((
                str(environment.finalize(environment.getattr(l_1_m, 'returns'))),
                ' | ',
                str(environment.finalize(l_1_prefix)),
                'Stream[',
                str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'stream'), 'item'))),
                ']',
            ))
        return concat(t_8)
    context.exported_vars.add('returns')
    context.vars['returns'] = l_0_returns = Macro(environment, macro, 'returns', ('m', 'prefix', 'kind'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_items):
        t_9 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        t_9.append(
            '{',
        )
        l_2_loop = missing
        for (l_2_key, l_2_value), l_2_loop in LoopContext(l_1_items, undefined):
            _loop_vars = {}
            pass
            t_9.extend((
                str(environment.finalize(t_2(l_2_key))),
                ': ',
                str(environment.finalize(l_2_value)),
            ))
            if (not environment.getattr(l_2_loop, 'last')):
                pass
                t_9.append(
                    ', ',
                )
        l_2_loop = l_2_key = l_2_value = missing
        t_9.append(
            '}',
        )
        return concat(t_9)
    context.exported_vars.add('pairs')
    context.vars['pairs'] = l_0_pairs = Macro(environment, macro, 'pairs', ('items',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m, l_1_target, l_1_indent):
        t_10 = []
        l_1_body = resolve('body')
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_target is missing:
            l_1_target = undefined("parameter 'target' was not provided", name='target')
        if l_1_indent is missing:
            l_1_indent = 16
        pass
        t_10.extend((
            str(environment.finalize(l_1_target)),
            '.',
            str(environment.finalize(('_request_page' if environment.getattr(l_1_m, 'paged') else '_request'))),
            '(\n',
            str(environment.finalize((' ' * l_1_indent))),
            str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'endpoint'), 'constant'))),
            ',\n',
        ))
        def t_11(fiter):
            for (l_2_name, l_2_items) in fiter:
                if l_2_items:
                    yield (l_2_name, l_2_items)
        for (l_2_name, l_2_items) in t_11([('path', environment.getattr(l_1_m, 'path')), ('query', environment.getattr(l_1_m, 'query')), ('headers', environment.getattr(l_1_m, 'headers')), ('cookies', environment.getattr(l_1_m, 'cookies'))]):
            _loop_vars = {}
            pass
            t_10.extend((
                str(environment.finalize(t_4(str_join((l_2_name, '=', context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), l_2_items, _loop_vars=_loop_vars), ',', )), l_1_indent))),
                '\n',
            ))
        l_2_name = l_2_items = missing
        if (not t_5(environment.getattr(l_1_m, 'body'))):
            pass
            t_12 = []
            pass
            t_12.append(
                'body=',
            )
            if environment.getattr(environment.getattr(l_1_m, 'body'), 'argument'):
                pass
                t_12.append(
                    str(environment.finalize(environment.getattr(environment.getattr(l_1_m, 'body'), 'argument'))),
                )
            else:
                pass
                t_12.append(
                    str(environment.finalize(context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr(environment.getattr(l_1_m, 'body'), 'fields')))),
                )
            t_12.append(
                ',',
            )
            l_1_body = (Markup if context.eval_ctx.autoescape else identity)(concat(t_12))
            t_10.extend((
                str(environment.finalize(t_4((undefined(name='body') if l_1_body is missing else l_1_body), l_1_indent))),
                '\n',
            ))
        t_10.extend((
            str(environment.finalize((' ' * l_1_indent))),
            'options=options,\n',
            str(environment.finalize((' ' * (l_1_indent - 4)))),
            ')',
        ))
        return concat(t_10)
    context.exported_vars.add('call')
    context.vars['call'] = l_0_call = Macro(environment, macro, 'call', ('m', 'target', 'indent'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m):
        t_13 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        pass
        if environment.getattr(l_1_m, 'doc'):
            pass
            t_13.extend((
                '        """',
                str(environment.finalize(t_3(environment.getattr(l_1_m, 'doc'), 8))),
                '"""\n',
            ))
        return concat(t_13)
    context.exported_vars.add('docstring_of')
    context.vars['docstring_of'] = l_0_docstring_of = Macro(environment, macro, 'docstring_of', ('m',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m, l_1_target, l_1_prefix, l_1_keyword):
        t_14 = []
        l_1_line = missing
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_target is missing:
            l_1_target = undefined("parameter 'target' was not provided", name='target')
        if l_1_prefix is missing:
            l_1_prefix = undefined("parameter 'prefix' was not provided", name='prefix')
        if l_1_keyword is missing:
            l_1_keyword = undefined("parameter 'keyword' was not provided", name='keyword')
        pass
        for l_2_o in environment.getattr(l_1_m, 'overloads'):
            l_2_line = l_1_line
            _loop_vars = {}
            pass
            t_14.append(
                '    @overload\n',
            )
            t_15 = []
            pass
            t_15.extend((
                str(environment.finalize(l_1_keyword)),
                ' ',
                str(environment.finalize(environment.getattr(l_1_m, 'name'))),
                '(',
                str(environment.finalize(context.call((undefined(name='signature') if l_0_signature is missing else l_0_signature), l_1_m, environment.getattr(l_2_o, 'keyword')))),
                ') -> ',
                str(environment.finalize(context.call((undefined(name='returns') if l_0_returns is missing else l_0_returns), l_1_m, l_1_prefix, environment.getattr(l_2_o, 'returns')))),
                ': ...',
            ))
            l_2_line = (Markup if context.eval_ctx.autoescape else identity)(concat(t_15))
            _loop_vars['line'] = l_2_line
            t_14.extend((
                str(environment.finalize(t_4((undefined(name='line') if l_2_line is missing else l_2_line), 4))),
                '\n\n',
            ))
        l_2_o = l_2_line = missing
        if (not t_5(environment.getattr(l_1_m, 'deprecated'))):
            pass
            t_14.extend((
                str(environment.finalize(t_4(str_join(('@deprecated(', t_2(environment.getattr(l_1_m, 'deprecated')), ', category=None)', )), 4))),
                '\n',
            ))
        t_16 = []
        pass
        t_16.extend((
            str(environment.finalize(l_1_keyword)),
            ' ',
            str(environment.finalize(environment.getattr(l_1_m, 'name'))),
            '(',
            str(environment.finalize(context.call((undefined(name='signature') if l_0_signature is missing else l_0_signature), l_1_m))),
            ') -> ',
            str(environment.finalize(context.call((undefined(name='returns') if l_0_returns is missing else l_0_returns), l_1_m, l_1_prefix))),
            ':',
        ))
        l_1_line = (Markup if context.eval_ctx.autoescape else identity)(concat(t_16))
        t_14.extend((
            str(environment.finalize(t_4((undefined(name='line') if l_1_line is missing else l_1_line), 4))),
            '\n',
            str(environment.finalize(context.call((undefined(name='docstring_of') if l_0_docstring_of is missing else l_0_docstring_of), l_1_m))),
            '\n',
        ))
        if environment.getattr(l_1_m, 'casts'):
            pass
            t_14.extend((
                '        return cast(\n',
                str(environment.finalize(t_4(str_join((context.call((undefined(name='returns') if l_0_returns is missing else l_0_returns), l_1_m, l_1_prefix), ',', )), 12))),
                '\n            ',
                str(environment.finalize(('await ' if (l_1_keyword == 'async def') else ''))),
                str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), l_1_m, l_1_target))),
                ',\n        )\n',
            ))
        else:
            pass
            t_14.extend((
                '        return ',
                str(environment.finalize(('await ' if (l_1_keyword == 'async def') else ''))),
                str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), l_1_m, l_1_target, 12))),
                '\n',
            ))
        return concat(t_14)
    context.exported_vars.add('method')
    context.vars['method'] = l_0_method = Macro(environment, macro, 'method', ('m', 'target', 'prefix', 'keyword'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m, l_1_target):
        t_17 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_target is missing:
            l_1_target = 'self'
        pass
        t_17.append(
            str(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_m, l_1_target, '', 'def'))),
        )
        return concat(t_17)
    context.exported_vars.add('sync_method')
    context.vars['sync_method'] = l_0_sync_method = Macro(environment, macro, 'sync_method', ('m', 'target'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_m, l_1_target):
        t_18 = []
        if l_1_m is missing:
            l_1_m = undefined("parameter 'm' was not provided", name='m')
        if l_1_target is missing:
            l_1_target = 'self'
        pass
        t_18.append(
            str(environment.finalize(context.call((undefined(name='method') if l_0_method is missing else l_0_method), l_1_m, l_1_target, 'Async', ('def' if environment.getattr(l_1_m, 'paged') else 'async def')))),
        )
        return concat(t_18)
    context.exported_vars.add('async_method')
    context.vars['async_method'] = l_0_async_method = Macro(environment, macro, 'async_method', ('m', 'target'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_methods):
        t_19 = []
        if l_1_methods is missing:
            l_1_methods = undefined("parameter 'methods' was not provided", name='methods')
        pass
        l_2_loop = missing
        for l_2_m, l_2_loop in LoopContext(l_1_methods, undefined):
            l_2_scopes = resolve('scopes')
            l_2_p = resolve('p')
            l_2_pagination = resolve('pagination')
            l_2_st = resolve('st')
            l_2_stream = resolve('stream')
            l_2_files = resolve('files')
            l_2_arguments = resolve('arguments')
            l_2_e = missing
            _loop_vars = {}
            pass
            l_2_e = environment.getattr(l_2_m, 'endpoint')
            _loop_vars['e'] = l_2_e
            t_19.extend((
                str(environment.finalize(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'constant'))),
                ' = Endpoint(\n    method=',
                str(environment.finalize(t_2(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'method')))),
                ',\n    path=',
                str(environment.finalize(t_2(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'path')))),
                ',\n',
                str(environment.finalize(t_4(str_join(('responses=', context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'responses'), _loop_vars=_loop_vars), ',', )), 4))),
                '\n',
            ))
            if environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'errors'):
                pass
                t_19.extend((
                    str(environment.finalize(t_4(str_join(('errors=', context.call((undefined(name='pairs') if l_0_pairs is missing else l_0_pairs), environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'errors'), _loop_vars=_loop_vars), ',', )), 4))),
                    '\n',
                ))
            if (not t_5(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'request_content_type'))):
                pass
                t_19.extend((
                    '    request_content_type=',
                    str(environment.finalize(t_2(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'request_content_type')))),
                    ',\n',
                ))
            if (not t_5(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'security'))):
                pass
                t_19.extend((
                    str(environment.finalize(t_4(str_join(('security=', t_2(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'security')), ',', )), 4))),
                    '\n',
                ))
            if environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'scopes'):
                pass
                t_20 = []
                pass
                t_20.append(
                    'scopes={',
                )
                l_4_loop = missing
                for (l_4_key, l_4_names), l_4_loop in LoopContext(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'scopes'), undefined):
                    _loop_vars = {}
                    pass
                    t_20.extend((
                        str(environment.finalize(t_2(l_4_key))),
                        ': ',
                        str(environment.finalize(t_2(l_4_names))),
                    ))
                    if (not environment.getattr(l_4_loop, 'last')):
                        pass
                        t_20.append(
                            ', ',
                        )
                l_4_loop = l_4_key = l_4_names = missing
                t_20.append(
                    '},',
                )
                l_2_scopes = (Markup if context.eval_ctx.autoescape else identity)(concat(t_20))
                _loop_vars['scopes'] = l_2_scopes
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='scopes') if l_2_scopes is missing else l_2_scopes), 4))),
                    '\n',
                ))
            def t_21(fiter):
                for (l_3_key, l_3_entries) in fiter:
                    if l_3_entries:
                        yield (l_3_key, l_3_entries)
            l_3_loop = missing
            for (l_3_key, l_3_entries), l_3_loop in LoopContext(t_21([('parameter_styles', environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'parameter_styles')), ('body_styles', environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'body_styles'))]), undefined):
                l_3_styles = missing
                _loop_vars = {}
                pass
                t_22 = []
                pass
                t_22.extend((
                    str(environment.finalize(l_3_key)),
                    '={',
                ))
                l_5_loop = missing
                for (l_5_name, l_5_style, l_5_explode), l_5_loop in LoopContext(l_3_entries, undefined):
                    _loop_vars = {}
                    pass
                    t_22.extend((
                        str(environment.finalize(t_2(l_5_name))),
                        ': (',
                        str(environment.finalize(t_2(l_5_style))),
                        ', ',
                        str(environment.finalize(t_2(l_5_explode))),
                        ')',
                    ))
                    if (not environment.getattr(l_5_loop, 'last')):
                        pass
                        t_22.append(
                            ', ',
                        )
                l_5_loop = l_5_name = l_5_style = l_5_explode = missing
                t_22.append(
                    '},',
                )
                l_3_styles = (Markup if context.eval_ctx.autoescape else identity)(concat(t_22))
                _loop_vars['styles'] = l_3_styles
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='styles') if l_3_styles is missing else l_3_styles), 4))),
                    '\n',
                ))
            l_3_loop = l_3_key = l_3_entries = l_3_styles = missing
            if (not t_5(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'pagination'))):
                pass
                l_2_p = environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'pagination')
                _loop_vars['p'] = l_2_p
                t_23 = []
                pass
                t_23.append(
                    'pagination=Pagination(',
                )
                for (l_4_key, l_4_value) in environment.getattr((undefined(name='p') if l_2_p is missing else l_2_p), 'values'):
                    _loop_vars = {}
                    pass
                    t_23.extend((
                        str(environment.finalize(l_4_key)),
                        '=',
                        str(environment.finalize(t_2(l_4_value))),
                        ', ',
                    ))
                l_4_key = l_4_value = missing
                t_23.extend((
                    'item_type=',
                    str(environment.finalize(environment.getattr((undefined(name='p') if l_2_p is missing else l_2_p), 'item_type'))),
                    '),',
                ))
                l_2_pagination = (Markup if context.eval_ctx.autoescape else identity)(concat(t_23))
                _loop_vars['pagination'] = l_2_pagination
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='pagination') if l_2_pagination is missing else l_2_pagination), 4))),
                    '\n',
                ))
            if environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'deprecated'):
                pass
                t_19.append(
                    '    deprecated=True,\n',
                )
            if (not t_5(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'stream'))):
                pass
                l_2_st = environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'stream')
                _loop_vars['st'] = l_2_st
                t_24 = []
                pass
                t_24.extend((
                    'stream=StreamFormat(',
                    str(environment.finalize(t_2(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'kind')))),
                ))
                if (not t_5(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'item_type'))):
                    pass
                    t_24.extend((
                        ', item_type=',
                        str(environment.finalize(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'item_type'))),
                    ))
                if environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'fields'):
                    pass
                    t_24.extend((
                        ', fields=',
                        str(environment.finalize(t_2(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'fields')))),
                    ))
                if (not environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'json_data')):
                    pass
                    t_24.append(
                        ', json_data=False',
                    )
                if (not t_5(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'sentinel'))):
                    pass
                    t_24.extend((
                        ', sentinel=',
                        str(environment.finalize(t_2(environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'sentinel')))),
                    ))
                if environment.getattr((undefined(name='st') if l_2_st is missing else l_2_st), 'always'):
                    pass
                    t_24.append(
                        ', always=True',
                    )
                t_24.append(
                    '),',
                )
                l_2_stream = (Markup if context.eval_ctx.autoescape else identity)(concat(t_24))
                _loop_vars['stream'] = l_2_stream
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='stream') if l_2_stream is missing else l_2_stream), 4))),
                    '\n',
                ))
            if environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'files'):
                pass
                t_25 = []
                pass
                t_25.append(
                    'files={',
                )
                l_4_loop = missing
                for (l_4_wire, l_4_argument), l_4_loop in LoopContext(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'files'), undefined):
                    _loop_vars = {}
                    pass
                    t_25.extend((
                        str(environment.finalize(t_2(l_4_wire))),
                        ': ',
                        str(environment.finalize(t_2(l_4_argument))),
                    ))
                    if (not environment.getattr(l_4_loop, 'last')):
                        pass
                        t_25.append(
                            ', ',
                        )
                l_4_loop = l_4_wire = l_4_argument = missing
                t_25.append(
                    '},',
                )
                l_2_files = (Markup if context.eval_ctx.autoescape else identity)(concat(t_25))
                _loop_vars['files'] = l_2_files
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='files') if l_2_files is missing else l_2_files), 4))),
                    '\n',
                ))
            if environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'arguments'):
                pass
                t_26 = []
                pass
                t_26.append(
                    'arguments=(',
                )
                l_4_loop = missing
                for l_4_a, l_4_loop in LoopContext(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'arguments'), undefined):
                    _loop_vars = {}
                    pass
                    t_26.extend((
                        'Argument(',
                        str(environment.finalize(t_2(environment.getattr(l_4_a, 'location')))),
                        ', ',
                        str(environment.finalize(t_2(environment.getattr(l_4_a, 'wire_name')))),
                        ', ',
                        str(environment.finalize(t_2(environment.getattr(l_4_a, 'name')))),
                    ))
                    if environment.getattr(l_4_a, 'nullable'):
                        pass
                        t_26.append(
                            ', nullable=True',
                        )
                    if environment.getattr(l_4_a, 'deprecated'):
                        pass
                        t_26.append(
                            ', deprecated=True',
                        )
                    if environment.getattr(l_4_a, 'model'):
                        pass
                        t_26.extend((
                            ', model=',
                            str(environment.finalize(environment.getattr(l_4_a, 'model'))),
                        ))
                    t_26.append(
                        ')',
                    )
                    if (not environment.getattr(l_4_loop, 'last')):
                        pass
                        t_26.append(
                            ', ',
                        )
                l_4_loop = l_4_a = missing
                t_26.extend((
                    str(environment.finalize((',' if (t_1(environment.getattr((undefined(name='e') if l_2_e is missing else l_2_e), 'arguments')) == 1) else ''))),
                    '),',
                ))
                l_2_arguments = (Markup if context.eval_ctx.autoescape else identity)(concat(t_26))
                _loop_vars['arguments'] = l_2_arguments
                t_19.extend((
                    str(environment.finalize(t_4((undefined(name='arguments') if l_2_arguments is missing else l_2_arguments), 4))),
                    '\n',
                ))
            t_19.append(
                ')\n',
            )
        l_2_loop = l_2_m = l_2_e = l_2_scopes = l_2_p = l_2_pagination = l_2_st = l_2_stream = l_2_files = l_2_arguments = missing
        return concat(t_19)
    context.exported_vars.add('endpoints')
    context.vars['endpoints'] = l_0_endpoints = Macro(environment, macro, 'endpoints', ('methods',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_prefix):
        t_27 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_prefix is missing:
            l_1_prefix = undefined("parameter 'prefix' was not provided", name='prefix')
        pass
        t_27.extend((
            'class ',
            str(environment.finalize(l_1_prefix)),
            str(environment.finalize(environment.getattr(l_1_view, 'class_name'))),
            'WithRawResponse:\n    def __init__(self, resource: ',
            str(environment.finalize(l_1_prefix)),
            str(environment.finalize(environment.getattr(l_1_view, 'class_name'))),
            ') -> None:\n        self._resource = resource\n',
        ))
        for l_2_m in environment.getattr(l_1_view, 'raw_methods'):
            _loop_vars = {}
            pass
            if t_5(environment.getattr(l_2_m, 'deprecated')):
                pass
                t_27.extend((
                    str(environment.finalize(t_4(str_join(('self.', environment.getattr(l_2_m, 'name'), ' = to_', ('async_' if l_1_prefix else ''), 'raw_response_wrapper(resource.', environment.getattr(l_2_m, 'name'), ')', )), 8))),
                    '\n',
                ))
            else:
                pass
                t_27.extend((
                    '        self.',
                    str(environment.finalize(environment.getattr(l_2_m, 'name'))),
                    ' = to_',
                    str(environment.finalize(('async_' if l_1_prefix else ''))),
                    'raw_response_wrapper(resource.',
                    str(environment.finalize(environment.getattr(l_2_m, 'name'))),
                    ')  # pyright: ignore[reportDeprecated]  # fmt: skip\n',
                ))
        l_2_m = missing
        for l_2_child in environment.getattr(l_1_view, 'children'):
            _loop_vars = {}
            pass
            t_27.extend((
                '\n    @functools.cached_property\n',
                str(environment.finalize(t_4(str_join(('def ', environment.getattr(l_2_child, 'attribute'), '(self) -> ', l_1_prefix, environment.getattr(l_2_child, 'class_name'), 'WithRawResponse:', )), 4))),
                '\n        return self._resource.',
                str(environment.finalize(environment.getattr(l_2_child, 'attribute'))),
                '.with_raw_response\n',
            ))
        l_2_child = missing
        return concat(t_27)
    context.exported_vars.add('raw_classes')
    context.vars['raw_classes'] = l_0_raw_classes = Macro(environment, macro, 'raw_classes', ('view', 'prefix'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_prefix):
        t_28 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_prefix is missing:
            l_1_prefix = undefined("parameter 'prefix' was not provided", name='prefix')
        pass
        t_28.extend((
            'class ',
            str(environment.finalize(l_1_prefix)),
            str(environment.finalize(environment.getattr(l_1_view, 'class_name'))),
            'WithStreamingResponse:\n    def __init__(self, resource: ',
            str(environment.finalize(l_1_prefix)),
            str(environment.finalize(environment.getattr(l_1_view, 'class_name'))),
            ') -> None:\n        self._resource = resource\n',
        ))
        for l_2_m in environment.getattr(l_1_view, 'raw_methods'):
            _loop_vars = {}
            pass
            if t_5(environment.getattr(l_2_m, 'deprecated')):
                pass
                t_28.extend((
                    str(environment.finalize(t_4(str_join(('self.', environment.getattr(l_2_m, 'name'), ' = to_', ('async_' if l_1_prefix else ''), 'streamed_response_wrapper(resource.', environment.getattr(l_2_m, 'name'), ')', )), 8))),
                    '\n',
                ))
            else:
                pass
                t_28.extend((
                    '        self.',
                    str(environment.finalize(environment.getattr(l_2_m, 'name'))),
                    ' = to_',
                    str(environment.finalize(('async_' if l_1_prefix else ''))),
                    'streamed_response_wrapper(resource.',
                    str(environment.finalize(environment.getattr(l_2_m, 'name'))),
                    ')  # pyright: ignore[reportDeprecated]  # fmt: skip\n',
                ))
        l_2_m = missing
        for l_2_child in environment.getattr(l_1_view, 'children'):
            _loop_vars = {}
            pass
            t_28.extend((
                '\n    @functools.cached_property\n',
                str(environment.finalize(t_4(str_join(('def ', environment.getattr(l_2_child, 'attribute'), '(self) -> ', l_1_prefix, environment.getattr(l_2_child, 'class_name'), 'WithStreamingResponse:', )), 4))),
                '\n        return self._resource.',
                str(environment.finalize(environment.getattr(l_2_child, 'attribute'))),
                '.with_streaming_response\n',
            ))
        l_2_child = missing
        return concat(t_28)
    context.exported_vars.add('streaming_classes')
    context.vars['streaming_classes'] = l_0_streaming_classes = Macro(environment, macro, 'streaming_classes', ('view', 'prefix'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=42&3=49&5=53&6=63&7=68&11=86&12=91&16=105&17=114&18=124&19=129&20=140&23=151&24=160&28=181&29=192&30=196&31=200&32=208&34=212&35=219&36=234&38=238&39=240&42=247&43=252&44=256&48=263&49=275&51=285&52=297&55=301&56=304&58=310&59=321&60=323&61=326&63=330&64=332&67=340&71=348&72=356&75=362&76=370&79=376&80=382&81=393&82=396&83=398&84=400&85=402&86=405&87=408&89=411&90=415&92=418&93=421&95=424&96=432&97=452&99=455&100=467&101=494&103=498&104=500&105=507&106=525&108=528&111=533&112=535&113=541&114=543&115=549&116=555&117=560&118=566&113=574&119=577&121=580&122=588&123=608&125=611&127=619&128=656&126=659&129=662&135=673&136=682&137=685&139=689&140=692&141=695&143=702&146=710&149=715&150=717&154=725&155=734&156=737&158=741&159=744&160=747&162=754&165=762&168=767&169=769'
