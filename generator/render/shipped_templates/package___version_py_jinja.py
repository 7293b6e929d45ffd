# package/_version.py.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/_version.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_version = resolve('version')
    l_0_provenance = resolve('provenance')
    try:
        t_1 = environment.filters['pyliteral']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'pyliteral' found.")
    pass
    yield '__version__ = '
    yield str(environment.finalize(t_1((undefined(name='version') if l_0_version is missing else l_0_version))))
    yield '\n__generator__ = '
    yield str(environment.finalize(t_1((undefined(name='provenance') if l_0_provenance is missing else l_0_provenance))))
    yield '  # what generated this package, and its version\n'

blocks = {}
debug_info = '1=20&2=22'
