# package/pagination.py.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'package/pagination.py.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '"""The page objects list methods return: iterating one yields the items of every page.\n\n``SyncPage`` and ``AsyncPage`` carry ``items``, ``body`` (the page\'s documented model),\n``response``, ``has_next_page()``, ``next_page()`` and ``iter_pages()``.\n"""\n\nfrom ._runtime import AsyncPage, SyncPage\n\n__all__ = ["AsyncPage", "SyncPage"]\n'

blocks = {}
debug_info = ''
