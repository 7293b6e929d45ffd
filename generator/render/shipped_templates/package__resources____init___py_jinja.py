# package/resources/__init__.py.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/resources/__init__.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_naming = resolve('naming')
    pass
    yield '"""Resources of the '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield ' client, one module per top-level resource."""\n'

blocks = {}
debug_info = '1=13'
