# package/_imports.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_imports.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_imports = missing
    try:
        t_1 = environment.filters['wrap_import']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'wrap_import' found.")
    pass
    def macro(l_1_block, l_1_indent):
        t_2 = []
        if l_1_block is missing:
            l_1_block = undefined("parameter 'block' was not provided", name='block')
        if l_1_indent is missing:
            l_1_indent = 0
        pass
        l_2_loop = missing
        for l_2_group, l_2_loop in LoopContext(l_1_block, undefined):
            _loop_vars = {}
            pass
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                t_2.append(
                    '\n',
                )
            for l_3_line in l_2_group:
                _loop_vars = {}
                pass
                if environment.getattr(l_3_line, 'module'):
                    pass
                    t_2.extend((
                        str(environment.finalize(t_1(environment.getattr(l_3_line, 'module'), environment.getattr(l_3_line, 'names'), l_1_indent))),
                        '\n',
                    ))
                else:
                    pass
                    t_2.extend((
                        str(environment.finalize((' ' * l_1_indent))),
                        'import ',
                        str(environment.finalize(environment.getitem(environment.getattr(l_3_line, 'names'), 0))),
                        '\n',
                    ))
            l_3_line = missing
        l_2_loop = l_2_group = missing
        return concat(t_2)
    context.exported_vars.add('imports')
    context.vars['imports'] = l_0_imports = Macro(environment, macro, 'imports', ('block', 'indent'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&3=26&4=29&7=34&8=37&9=40&11=46'
