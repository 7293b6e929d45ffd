# pyproject.toml.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'pyproject.toml.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_naming = resolve('naming')
    l_0_version = resolve('version')
    l_0_title = resolve('title')
    l_0_metadata = resolve('metadata')
    try:
        t_1 = environment.filters['toml_list']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'toml_list' found.")
    try:
        t_2 = environment.filters['toml_string']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'toml_string' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'distribution'))))
    yield '\nversion = '
    yield str(environment.finalize(t_2((undefined(name='version') if l_0_version is missing else l_0_version))))
    yield '\ndescription = '
    yield str(environment.finalize(t_2(str_join(('Python client for ', (undefined(name='title') if l_0_title is missing else l_0_title), )))))
    yield '\nreadme = "README.md"\n'
    if (not t_3(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'license'))):
        pass
        yield 'license = '
        yield str(environment.finalize(t_2(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'license'))))
        yield '\n'
    if environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'license_files'):
        pass
        yield 'license-files = '
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'license_files'))))
        yield '\n'
    if environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'authors'):
        pass
        yield 'authors = [\n'
        l_1_loop = missing
        for l_1_author, l_1_loop in LoopContext(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'authors'), undefined):
            _loop_vars = {}
            pass
            yield '    { '
            l_2_loop = missing
            for (l_2_key, l_2_value), l_2_loop in LoopContext(l_1_author, undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(l_2_key))
                yield ' = '
                yield str(environment.finalize(t_2(l_2_value)))
                yield str(environment.finalize(('' if environment.getattr(l_2_loop, 'last') else ', ')))
            l_2_loop = l_2_key = l_2_value = missing
            yield ' },\n'
        l_1_loop = l_1_author = missing
        yield ']\n'
    if environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'keywords'):
        pass
        yield 'keywords = '
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'keywords'))))
        yield '\n'
    yield 'classifiers = [\n'
    for l_1_classifier in environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'classifiers'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(environment.finalize(t_2(l_1_classifier)))
        yield ',\n'
    l_1_classifier = missing
    yield ']\nrequires-python = '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'requires_python'))))
    yield '\ndependencies = ["httpx>=0.28,<1", "pydantic>=2.7,<3", "typing-extensions>=4.6.1"]\n'
    if environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'urls'):
        pass
        yield '\n[project.urls]\n'
        for (l_1_label, l_1_url) in environment.getattr((undefined(name='metadata') if l_0_metadata is missing else l_0_metadata), 'urls'):
            _loop_vars = {}
            pass
            yield str(environment.finalize(l_1_label))
            yield ' = '
            yield str(environment.finalize(t_2(l_1_url)))
            yield '\n'
        l_1_label = l_1_url = missing
    yield "\n# The whole package directory ships, modules added by hand included. `ignore-vcs`: a\n# repository's .gitignore (`models/`, say) must not take files out of the package.\n[tool.hatch.build.targets.wheel]\npackages = ["
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package'))))
    yield ']\nignore-vcs = true\n\n[tool.hatch.build.targets.sdist]\ninclude = ['
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package'))))
    yield ', "README.md", "api.md", "api.json"]\nignore-vcs = true\n'

blocks = {}
debug_info = '6=34&7=36&8=38&10=40&11=43&13=45&14=48&16=50&18=54&19=59&23=70&24=73&27=76&28=80&31=84&33=86&36=89&37=92&44=98&48=100'
