# README.md.jinja, compiled by Jinja 3.1.6: written by `python -m generator.render.ship_templates`.
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'README.md.jinja'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_naming = resolve('naming')
    l_0_title = resolve('title')
    l_0_version = resolve('version')
    l_0_generator = resolve('generator')
    l_0_client = resolve('client')
    l_0_examples = resolve('examples')
    l_0_models = resolve('models')
    l_0_io = resolve('io')
    l_0_webhooks = resolve('webhooks')
    l_0_options = l_0_idempotency = l_0_call = l_0_call_lines = l_0_masked = missing
    try:
        t_1 = environment.filters['inline']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'inline' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['pyliteral']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'pyliteral' found.")
    pass
    l_0_options = ['timeout=10.0', 'extra_headers={"X-Trace": "1"}', 'extra_query={"debug": "true"}']
    context.vars['options'] = l_0_options
    context.exported_vars.add('options')
    l_0_idempotency = ['idempotency_key="order-1234"']
    context.vars['idempotency'] = l_0_idempotency
    context.exported_vars.add('idempotency')
    def macro(l_1_c, l_1_extra, l_1_raw, l_1_via):
        t_6 = []
        l_1_path = missing
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        if l_1_extra is missing:
            l_1_extra = []
        if l_1_raw is missing:
            l_1_raw = False
        if l_1_via is missing:
            l_1_via = None
        pass
        l_1_path = ((t_4(context.eval_ctx, environment.getattr(l_1_c, 'attributes')[:-1]) + ([l_1_via] if l_1_via else (['with_raw_response'] if l_1_raw else []))) + t_4(context.eval_ctx, environment.getattr(l_1_c, 'attributes')[-1:]))
        t_6.extend((
            str(environment.finalize(t_2(context.eval_ctx, (undefined(name='path') if l_1_path is missing else l_1_path), '.'))),
            '(',
        ))
        l_2_loop = missing
        for l_2_a, l_2_loop in LoopContext(environment.getattr(l_1_c, 'arguments'), undefined):
            _loop_vars = {}
            pass
            t_6.extend((
                str(environment.finalize(('' if environment.getattr(l_2_loop, 'first') else ', '))),
                str(environment.finalize(t_5(l_2_a))),
            ))
        l_2_loop = l_2_a = missing
        l_2_loop = missing
        for (l_2_k, l_2_v), l_2_loop in LoopContext(environment.getattr(l_1_c, 'keywords'), undefined):
            _loop_vars = {}
            pass
            t_6.extend((
                str(environment.finalize(('' if (environment.getattr(l_2_loop, 'first') and (not environment.getattr(l_1_c, 'arguments'))) else ', '))),
                str(environment.finalize(l_2_k)),
                '=',
                str(environment.finalize(t_5(l_2_v))),
            ))
        l_2_loop = l_2_k = l_2_v = missing
        l_2_loop = missing
        for l_2_e, l_2_loop in LoopContext(l_1_extra, undefined):
            _loop_vars = {}
            pass
            t_6.extend((
                str(environment.finalize(('' if (environment.getattr(l_2_loop, 'first') and (not (environment.getattr(l_1_c, 'arguments') or environment.getattr(l_1_c, 'keywords')))) else ', '))),
                str(environment.finalize(l_2_e)),
            ))
        l_2_loop = l_2_e = missing
        t_6.append(
            ')',
        )
        return concat(t_6)
    context.exported_vars.add('call')
    context.vars['call'] = l_0_call = Macro(environment, macro, 'call', ('c', 'extra', 'raw', 'via'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_7 = []
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_7.extend((
            str(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_1_c, 'attributes'), '.'))),
            '(\n',
        ))
        for l_2_a in environment.getattr(l_1_c, 'arguments'):
            _loop_vars = {}
            pass
            t_7.extend((
                '    ',
                str(environment.finalize(t_5(l_2_a))),
                ',\n',
            ))
        l_2_a = missing
        for (l_2_k, l_2_v) in environment.getattr(l_1_c, 'keywords'):
            _loop_vars = {}
            pass
            t_7.extend((
                '    ',
                str(environment.finalize(l_2_k)),
                '=',
                str(environment.finalize(t_5(l_2_v))),
                ',\n',
            ))
        l_2_k = l_2_v = missing
        t_7.append(
            ')',
        )
        return concat(t_7)
    context.exported_vars.add('call_lines')
    context.vars['call_lines'] = l_0_call_lines = Macro(environment, macro, 'call_lines', ('c',), False, False, False, context.eval_ctx.autoescape)
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'distribution')))
    yield '\n\nA typed Python client for '
    yield str(environment.finalize(t_1((undefined(name='title') if l_0_title is missing else l_0_title))))
    yield ' (API version '
    yield str(environment.finalize((undefined(name='version') if l_0_version is missing else l_0_version)))
    yield '), built on httpx and pydantic v2.\nGenerated by '
    yield str(environment.finalize((undefined(name='generator') if l_0_generator is missing else l_0_generator)))
    yield '; do not edit by hand.\n\n## Install\n\n```sh\npip install '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'distribution')))
    yield '\n```\n\n## Use\n\n```python\nfrom '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield ' import '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '\n\nclient = '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '('
    for l_1_s in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'security')[:1]:
        _loop_vars = {}
        pass
        if environment.getattr(l_1_s, 'client_credentials'):
            pass
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_id')))
            yield '="...", '
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_secret')))
            yield '="..."'
        else:
            pass
            yield str(environment.finalize(environment.getattr(l_1_s, 'credential')))
            yield '="..."'
    l_1_s = missing
    yield ')\n'
    if (environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'body') and environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'body'), 'returns')):
        pass
        yield 'result = client.'
        yield str(environment.finalize(context.call((undefined(name='call_lines') if l_0_call_lines is missing else l_0_call_lines), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'body'))))
        yield '\nprint(result)\n'
    elif environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'body'):
        pass
        yield 'client.'
        yield str(environment.finalize(context.call((undefined(name='call_lines') if l_0_call_lines is missing else l_0_call_lines), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'body'))))
        yield '\n'
    yield '```\n\n'
    for l_1_s in environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'security'):
        _loop_vars = {}
        pass
        yield '- `'
        yield str(environment.finalize(environment.getattr(l_1_s, 'credential')))
        yield '`: read from the environment variable `'
        yield str(environment.finalize(environment.getattr(l_1_s, 'env_var')))
        yield '` when not passed.'
        if environment.getattr(l_1_s, 'token_provider'):
            pass
            yield ' A token, or a callable returning the current one (sync, or `async` on `'
            yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
            yield '`) for flows you run yourself'
            if environment.getattr(l_1_s, 'flows'):
                pass
                yield ' ('
                yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_1_s, 'flows'), ', ')))
                yield ')'
            yield '.'
        yield '\n'
        if environment.getattr(l_1_s, 'client_credentials'):
            pass
            yield '- `'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_id')))
            yield '=` and `'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_secret')))
            yield '=` (or `'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_id_env')))
            yield '` and `'
            yield str(environment.finalize(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'client_secret_env')))
            yield '`): instead of a token, the client fetches one from `'
            yield str(environment.finalize(t_1(environment.getattr(environment.getattr(l_1_s, 'client_credentials'), 'token_url'))))
            yield "` (OAuth2 client credentials) with the scopes each operation needs, shares it between threads or tasks (one token request at a time), renews it before it expires, and fetches a new one once if a call is refused with 401. A refused token request raises `AuthenticationError` with the server's `error` and `error_description`.\n"
    l_1_s = missing
    if environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'credentials_required'):
        pass
        yield '- Every operation needs a credential: a client made without any raises `MissingCredentialsError` at once.\n'
    yield '- `server=`: the index'
    if (environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'servers') and environment.getattr(environment.getitem(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'servers'), 0), 'name')):
        pass
        yield ' or name'
    yield " of one of the spec's servers:\n"
    l_1_loop = missing
    for l_1_server, l_1_loop in LoopContext(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'servers'), undefined):
        _loop_vars = {}
        pass
        yield '  - `'
        yield str(environment.finalize(environment.getattr(l_1_loop, 'index0')))
        yield '`'
        if environment.getattr(l_1_server, 'name'):
            pass
            yield ' or `"'
            yield str(environment.finalize(t_1(environment.getattr(l_1_server, 'name'))))
            yield '"`'
        yield ': '
        yield str(environment.finalize(t_1(environment.getattr(l_1_server, 'url'))))
        yield '\n'
    l_1_loop = l_1_server = missing
    yield '- `base_url=` overrides `server=`. Without either argument, the environment variable `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'env_prefix')))
    yield '_BASE_URL` is used if set, else the first server: an argument always beats the environment, so `server=` wins over `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'env_prefix')))
    yield '_BASE_URL`.\n- `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
    yield '` has the same resources and methods, with `await`.\n\n## Resources\n\nOne call per resource (`...` stands for your values):\n\n```python\n'
    for l_1_example in environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'per_resource'):
        _loop_vars = {}
        pass
        yield 'client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), l_1_example, _loop_vars=_loop_vars)))
        yield '\n'
    l_1_example = missing
    yield '```\n\nPath parameters are positional, everything else keyword-only. Optional arguments you leave out\nare not sent; `None` is sent as `null` where the spec allows it, and raises `TypeError` (naming\nthe argument) where it does not. A keyword that is neither an argument nor a per-call option\nraises `TypeError` too, before anything is sent; so does a value that cannot be serialised, and a\nheader value that is not ASCII, or a NaN or infinity in a JSON body (JSON has neither), raises\n`ValueError` naming the argument. Every method has the same signature on\n`'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
    yield "`, where it is awaited.\n\n\n## Arguments as you write them\n\nAn enum argument takes a member of the enum or its value as a string. Models are\nbuilt with Python field names (`models.X(field_name=...)`), and a model argument also takes a plain\ndict with the model's JSON keys, which mypy checks as the TypedDict `models.<Model>Param`.\nResponses are always models, read by attribute. `"
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield '.models` holds one module per\nmodel, enum and type alias, each imported when a name of it is first used\n(`from '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield '.models import X` and `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield '.models.X` both work): importing\nthe package, or creating a client, loads none of them.\n'
    if environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'params'):
        pass
        yield '\nThe dicts arguments take (required keys in bold):\n\n| TypedDict | keys |\n|---|---|\n'
        l_1_loop = missing
        for l_1_param, l_1_loop in LoopContext(environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'params'), undefined):
            _loop_vars = {}
            pass
            yield '| `models.'
            yield str(environment.finalize(environment.getattr(l_1_param, 'name')))
            yield '` | '
            l_2_loop = missing
            for (l_2_key, l_2__), l_2_loop in LoopContext(environment.getattr(l_1_param, 'keys'), undefined):
                _loop_vars = {}
                pass
                if (l_2_key in environment.getattr(l_1_param, 'required')):
                    pass
                    yield '**`'
                    yield str(environment.finalize(t_1(l_2_key)))
                    yield '`**'
                else:
                    pass
                    yield '`'
                    yield str(environment.finalize(t_1(l_2_key)))
                    yield '`'
                yield str(environment.finalize(('' if environment.getattr(l_2_loop, 'last') else ', ')))
            l_2_loop = l_2_key = l_2__ = missing
            yield ' |\n'
        l_1_loop = l_1_param = missing
    if environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'):
        pass
        yield '\n## Async\n\n```python\nimport asyncio\n\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
        yield '\n\n\nasync def main() -> None:\n    async with '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
        yield '() as client:\n        result = await client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'))))
        yield "\n        print(result)\n\n\nasyncio.run(main())\n```\n\n## Errors\n\nEvery failure is an `APIError`. A non-2xx answer raises `APIStatusError` (with `status_code`,\n`headers`, `body` parsed into the spec's error model where it declares one, `response`, `request`)\nor one of its subclasses: `BadRequestError` (400), `AuthenticationError` (401),\n`PermissionDeniedError` (403), `NotFoundError` (404), `ConflictError` (409),\n`UnprocessableEntityError` (422), `RateLimitError` (429), `InternalServerError` (5xx).\nA network failure raises `APIConnectionError`, a timeout `APITimeoutError`, a 2xx body that\ndoes not fit its model `APIResponseValidationError` (a body that is not JSON, and a 204 where a\nmodel is promised, included), a body the client will not read `ResponseBodyError` (see\n[Limits](#limits-on-what-a-server-can-make-the-client-do)), and a call on a closed client\n`ClientClosedError`. Messages quote at most 500 characters of what the server sent, with\ncontrol characters escaped (`\\x1b`), so a server cannot forge log lines or repaint a terminal.\n\n```python\nfrom "
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import APIConnectionError, APIStatusError, NotFoundError, '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\ntry:\n    client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'))))
        yield '\nexcept NotFoundError as error:\n    print("not found:", error.body)\nexcept APIStatusError as error:\n    print(error.status_code, error.headers, error.body)\nexcept APIConnectionError as error:\n    print("could not reach the server:", error)\n```\n\n## Retries, timeouts and per-call options\n\nFailed calls are retried with exponential backoff and full jitter on 408, 409, 429, 5xx,\nconnection errors and timeouts (the spec\'s `x-speakeasy-retries` policy where it has one),\n`max_retries` times (default 2) and within the policy\'s total time. A `Retry-After` (seconds or\nan HTTP date, as RFC 9110 writes them) or `retry-after-ms` is honoured, stretched by up to 10 %\nso that clients told the same wait do not come back together; a value of zero or less, a date\nin the past or anything else is ignored (the backoff applies). A server asking for more than\n60 s, or for more than the call has left, gets no retry: the error is raised at once, and its\n`retry_after` says how long the server asked the caller to wait.\n\nThe `timeout` bounds the whole call: connecting, sending, every attempt, every wait between\nattempts and reading the last byte of the body all end within it (its largest value, for an\n`httpx.Timeout`: 60 s by default, of which at most 5 s to connect; no bound when one of its\nvalues is `None`), however slowly the server trickles bytes. `APITimeoutError` is raised when it runs out. With an `http_client` of your own,\nthe sync client bounds the body but not a server that trickles its headers.\n\n```python\nimport httpx\n\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '(max_retries=5, timeout=httpx.Timeout(30.0, connect=5.0))\nquick = client.with_options(max_retries=0, timeout=5)\nquick.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'))))
        yield '\n\nclient.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'), (undefined(name='options') if l_0_options is missing else l_0_options))))
        yield '\n```\n'
    yield '\n## Limits on what a server can make the client do\n\n- **Body size**: at most `max_response_size` bytes of a response body (default 50 MiB, counted\n  after decompression) are read into memory; a larger one raises `ResponseTooLargeError` and is\n  not read further. Set it per client (`'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield "(max_response_size=...)`,\n  `with_options`) or per call (`max_response_size=` on any method).\n- **Compression**: the client asks for `gzip, deflate` and inflates one coding, within the cap;\n  a body encoded twice (`gzip, gzip`) or with another coding raises `ResponseBodyError`.\n- **Nesting**: JSON nested deeper than the parser allows (about 200 levels) raises\n  `ResponseBodyError`, never `RecursionError`.\n- **Cookies**: the client keeps no cookie jar. It sends the cookies the spec declares and you pass,\n  never ones a server set.\n- **Redirects**: followed hop by hop, at most 20 (the httpx client's `max_redirects`). A redirect\n  to another origin (scheme, host or port) is followed only for GET and HEAD without a body, and\n  without the API's credentials; a POST, PUT, PATCH or DELETE redirected elsewhere, a redirect\n  from https to http and one to a scheme other than http(s) raise `APIStatusError` and are not\n  retried.\n- **Plain http**: a `base_url` of `http://` to a host other than this machine warns\n  (`InsecureBaseURLWarning`) when the client has a credential, since it would travel in clear.\n- **Logs**: debug logs redact the API's credentials and any header whose name looks like one\n  (`Authorization`, `X-Api-Key`, `X-Auth-Token`, `Cookie`...), and log no bodies.\n"
    if (environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'write') and environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'idempotency_header')):
        pass
        yield '\n## Idempotency\n\nCalls other than GET and HEAD carry an idempotency key (header `'
        yield str(environment.finalize(t_1(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'idempotency_header'))))
        yield '`), the same\non every retry of one call, so the server can drop duplicates. Pass your own to make a call safe to\nrepeat yourself:\n\n```python\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nclient.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'write'), (undefined(name='idempotency') if l_0_idempotency is missing else l_0_idempotency))))
        yield '\n```\n'
    if environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'):
        pass
        yield "\n## Raw responses\n\n`with_raw_response` gives every method, on every resource and sub-resource, returning the HTTP\nresponse beside the parsed value (for a paginated method: the first page's response).\n\n```python\nfrom "
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nraw = client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'simple'), raw=True)))
        yield '\nprint(raw.status_code, raw.headers)\nresult = raw.parse()\n```\n'
    if environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'stream'):
        pass
        yield '\n## Streaming\n\n`'
        yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'stream'), 'attributes'), '.')))
        yield '` streams: it returns a `Stream` (`AsyncStream` on the async\nclient) that yields each item, typed as the spec declares it, as soon as the server sends it (server-sent events or JSON lines, parsed as they\narrive). Leaving the `with` block, breaking out of the loop inside it, or an exception closes the\nconnection; a stream read to its end closes it too. An `error` event raises `StreamError` (an\n`APIError`). Retries happen only before the first byte.\n\n```python\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nwith client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'stream'))))
        yield ' as stream:\n    for item in stream:\n        print(item)\n```\n\nWith `'
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
        yield '`: `async with await client.'
        yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'stream'), 'attributes'), '.')))
        yield '(...) as stream:` and\n`async for item in stream:` (cancelling the task closes the connection too).\n'
    if environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'download'):
        pass
        yield '\n## Downloads\n\nA method that returns a file returns its `bytes`. To keep a large one out of memory, take the\nresponse before its body is read: `with_streaming_response`, on every resource, gives\n`iter_bytes()`, `iter_text()`, `iter_lines()`, `read()`, `parse()` and `write_to_file(path)`.\n\n```python\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nwith client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'download'), via='with_streaming_response')))
        yield ' as response:\n    response.write_to_file("download.bin")\n```\n'
    if environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'upload'):
        pass
        yield '\n## Uploads\n\nA file argument takes `bytes`, a binary file object, a `pathlib.Path` (any `os.PathLike`), or a\ntuple `(filename, content[, content_type[, headers]])`; a list of them where the spec takes\nseveral. The filename and content type are taken from the file where you give none. A path is\nopened only as the request is sent, and a raw body given as a path or a file is sent from it in\nchunks. Any other value raises `TypeError`, naming the argument, before anything is sent.\n\n```python\nfrom pathlib import Path\n\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nclient.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'upload'), [str_join((environment.getattr(environment.getattr((undefined(name='io') if l_0_io is missing else l_0_io), 'upload'), 'file'), '=Path("report.pdf")', ))])))
        yield '\n```\n'
    if environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'):
        pass
        yield "\n## Pagination\n\nList methods that page return a page object: iterating it yields items across all pages,\nfetching the next page only when needed, however the API pages (offset, page number, cursor,\nthe last item's id, a next URL in the body or the `Link` header; each method's docstring and\n`api.md` say which). Iteration stops, with a warning on the `"
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield "` logger, when\nthe next page would repeat a request already made (a server that does not advance, a repeated\ncursor). A next URL on another host is requested without the client's credentials. The page\nclasses are `"
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.SyncPage` and `'
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.AsyncPage` (also in\n`'
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.pagination`), for annotations.\n\n```python\nfrom '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield ' import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\n\nclient = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '()\nfor item in client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'))))
        yield ':\n    print(item)\n\npage = client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'))))
        yield "\nprint(page.items, page.has_next_page())\nprint(page.body)  # the whole response as its model: what the API says about the page\nprint(page.response.headers)  # the page's HTTP response\nfor each_page in page.iter_pages():\n    print(len(each_page.items))\n\nraw = client."
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'), raw=True)))
        yield '\nprint(raw.status_code, raw.parse().items)  # the first page\n```\n\nOn `'
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
        yield '`: `async for item in client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'))))
        yield ': ...`, and\n`await client.'
        yield str(environment.finalize(context.call((undefined(name='call') if l_0_call is missing else l_0_call), environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'page'))))
        yield '` gives the first page.\n'
    yield '\n'
    if (undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks):
        pass
        yield '## Webhooks\n\nThe API sends '
        yield str(environment.finalize(t_3(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'events'))))
        yield ' kind'
        yield str(environment.finalize(('s' if (t_3(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'events')) != 1) else '')))
        yield " of event (listed in `api.md`).\n`unwrap_webhook` checks a delivery's signature ("
        yield str(environment.finalize(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'scheme')))
        yield ') and returns the event as\nits model; `verify_webhook` only checks. Pass the raw body, as received:\n\n```python\nimport os\n\nfrom fastapi import FastAPI, Request, Response\n\nimport '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '\n\napp = FastAPI()\nSECRET = os.environ["'
        yield str(environment.finalize(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'secret_env')))
        yield '"]\n\n\n@app.post("/webhooks")\nasync def receive(request: Request) -> Response:\n    try:\n        event = '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.unwrap_webhook(await request.body(), request.headers, secret=SECRET)\n    except '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.WebhookVerificationError:\n        return Response(status_code=400)\n'
        for l_1_e in environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'events')[:1]:
            _loop_vars = {}
            pass
            yield '    if isinstance(event, '
            yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
            yield '.'
            yield str(environment.finalize(environment.getattr(l_1_e, 'type')))
            yield '):\n        ...  # the '
            yield str(environment.finalize(t_1(environment.getattr(l_1_e, 'name'))))
            yield ' event\n'
        l_1_e = missing
        yield '    if isinstance(event, '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '.UnknownWebhookEvent):\n        print("an event this SDK does not know:", event.type)\n    return Response(status_code=204)\n```\n\n`client.unwrap_webhook(payload, headers)` and `client.verify_webhook(...)` do the same with the\nclient\'s `'
        yield str(environment.finalize(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'secret_argument')))
        yield '=` (or `'
        yield str(environment.finalize(environment.getattr((undefined(name='webhooks') if l_0_webhooks is missing else l_0_webhooks), 'secret_env')))
        yield '`).\nA delivery signed more than 5 minutes from now is refused (`tolerance=` in seconds); an event\ntype this SDK does not know is an `UnknownWebhookEvent` (with `strict=True`, an error).\n\n'
    yield '## Servers, strict parsing, logging and the rest\n\n```python\nimport httpx\n\nfrom '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield ' import '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '\n\nwith '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '(\n    server='
    yield str(environment.finalize((t_3(environment.getattr((undefined(name='client') if l_0_client is missing else l_0_client), 'servers')) - 1)))
    yield ',\n    strict_response_validation=True,\n    http_client=httpx.Client(proxy=None),\n) as client:\n    response = client.request("GET", "/health")\n    print(response.status_code)\n```\n\n- Responses with fields or enum values the spec does not list parse anyway (unknown fields are kept\n  and readable); `strict_response_validation=True` rejects them instead.\n- `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'env_prefix')))
    yield '_LOG=debug` logs each request line, status, attempt and time to the\n  `'
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield "` logger, with credentials redacted and bodies left out.\n- `client.request(method, path, ...)` calls an endpoint the spec lacks, with the client's auth,\n  retries and errors; `cast_to=` parses the body.\n- A client you pass as `http_client=` is never closed by this one.\n- Redirects are followed when the httpx client follows them (the one this client makes does), up\n  to its `max_redirects`. Credentials are never sent to another origin: once a redirect leaves the\n  scheme, host and port of the request, it goes without the `Authorization` header, the API's\n  key headers and query parameters, and cookies.\n- Each method's docstring lists every argument (as the spec describes it, allowed values and\n  defaults included, or where it goes when the spec says nothing), the per-call options, what it\n  returns and the errors it raises. Deprecated operations are marked with `typing_extensions.deprecated`, which\n  type checkers and IDEs show, and warn once (`DeprecationWarning`) when called; a deprecated\n  argument warns once when it is given, unless it is required (a call cannot leave it out; its\n  docs still say it is deprecated).\n- Model fields that hold secrets are masked in `repr()` and `str()`, so a model logged or\n  printed does not show them (the attribute still holds the value, and it is sent as given). A\n  field is secret when the spec says so (`format: password`, `writeOnly: true`, or\n  `x-sensitive: true` / `x-secret: true`; set to `false`, they keep a field shown), when the\n  generator config lists it (`secret_fields`), or when its name says so (unless it holds a\n  number, a boolean or a date): a name ending in `secret`, `password`, `passwd`, `passphrase`,\n  `token` or `apiKey`; `secret` and one more word (`secretValue`); `key` or `keys` after another\n  word (`api_key`, `private_key`, `signingKeys`), except keys that name something\n  (`idempotency_key`, `public_key`, `topic_key`...); `service_account`, `webhook_url`,\n  `connection_string`; a bare `key` or `value` in a model about keys (`ApiKey.key`). A model\n  inside another masks its own fields when the outer one is printed.\n"
    l_0_masked = []
    context.vars['masked'] = l_0_masked
    context.exported_vars.add('masked')
    def t_8(fiter):
        for l_1_module in fiter:
            if (environment.getattr(l_1_module, 'model') and environment.getattr(environment.getattr(l_1_module, 'model'), 'secret')):
                yield l_1_module
    for l_1_module in t_8(environment.getattr((undefined(name='models') if l_0_models is missing else l_0_models), 'modules')):
        _loop_vars = {}
        pass
        for l_2_field in environment.getattr(environment.getattr(l_1_module, 'model'), 'secret'):
            l_2__ = missing
            _loop_vars = {}
            pass
            l_2__ = context.call(environment.getattr((undefined(name='masked') if l_0_masked is missing else l_0_masked), 'append'), str_join((environment.getattr(l_1_module, 'name'), '.', l_2_field, )), _loop_vars=_loop_vars)
            _loop_vars['_'] = l_2__
        l_2_field = l_2__ = missing
    l_1_module = missing
    if (undefined(name='masked') if l_0_masked is missing else l_0_masked):
        pass
        yield '  Masked in this SDK: '
        l_1_loop = missing
        for l_1_name, l_1_loop in LoopContext((undefined(name='masked') if l_0_masked is missing else l_0_masked), undefined):
            _loop_vars = {}
            pass
            yield '`'
            yield str(environment.finalize(l_1_name))
            yield '`'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_name = missing
        yield '.\n'
    yield "- Cookie parameters are percent-encoded, so a value cannot add a cookie of its own; a path\n  parameter that is empty, `.` or `..` raises `ValueError` (it would address another route).\n\n## Customising the SDK\n\nHooks run your code on every attempt of every request: `before_request` after auth and the\nclient's headers are in the request and just before it is sent (signing, tracing headers; change\nthe request in place, or return another), `after_response` on every response before a retry is\ndecided or an error status is raised (metrics). Retries are attempts of their own, counted in\n`context.attempt`; `"
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'async_client')))
    yield '` takes `AsyncHooks`, whose hooks may be coroutines.\n\n```python\nimport httpx\n\nfrom '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
    yield ' import HookContext, Hooks, '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '\n\n\ndef trace(request: httpx.Request, context: HookContext) -> None:\n    request.headers["X-Request-Attempt"] = str(context.attempt)\n\n\ndef record(response: httpx.Response, context: HookContext) -> None:\n    print(context.method, context.path, response.status_code)\n\n\nclient = '
    yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
    yield '(hooks=Hooks(before_request=[trace], after_response=[record]))\n```\n'
    if environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'):
        pass
        yield '\nModules you add to the `'
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield "` directory are kept when the SDK is regenerated and ship\nin its wheel; the generator config's `extra_exports` re-exports their names from the package root.\nTo add a method to a resource, subclass it (this type-checks with `mypy --strict`):\n\n```python\n# "
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'package')))
        yield '/team.py\nfrom ._client import '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield '\nfrom .resources.'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'attribute')))
        yield ' import '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'class_name')))
        yield '\n\n\nclass Team'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'class_name')))
        yield '('
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'class_name')))
        yield '):\n    """`client.'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'attribute')))
        yield '`, with a method of the team\'s own."""\n\n    def health(self) -> int:\n        return self._client.request("GET", "/health").status_code\n\n\ndef '
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'attribute')))
        yield '(client: '
        yield str(environment.finalize(environment.getattr((undefined(name='naming') if l_0_naming is missing else l_0_naming), 'client')))
        yield ') -> Team'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'class_name')))
        yield ':\n    return Team'
        yield str(environment.finalize(environment.getattr(environment.getattr((undefined(name='examples') if l_0_examples is missing else l_0_examples), 'subclassed'), 'class_name')))
        yield '(client)\n```\n'
    yield "\nThe generator itself is shaped by its config (`default_headers` every call sends, `rename:` for\nmethods, models and resources, `extra_exports`), by OpenAPI Overlays applied to the spec\n(`--overlay`), and by template overrides (`--templates`); see the generator's README.\n"

blocks = {}
debug_info = '1=51&2=54&4=57&5=69&6=71&7=75&8=84&9=95&12=109&13=115&14=118&15=123&17=127&18=132&22=145&24=147&25=151&30=153&36=155&38=159&39=176&40=179&42=181&43=184&47=187&48=191&50=207&51=210&54=221&57=225&58=230&59=234&61=246&62=250&69=252&70=256&80=260&88=262&90=264&92=268&98=272&99=276&102=296&109=299&113=303&114=305&136=307&138=311&140=313&169=315&171=319&173=321&175=323&183=326&200=328&204=331&209=333&211=337&212=339&215=341&223=344&225=348&226=350&231=352&235=355&242=357&244=361&245=363&250=365&253=369&262=372&264=376&265=378&269=380&282=383&284=387&285=389&288=391&295=394&298=396&299=400&302=402&304=406&305=408&308=410&315=412&319=414&320=418&323=421&326=424&327=428&335=430&338=432&344=434&345=436&347=438&348=442&349=446&351=450&357=452&367=457&369=461&370=463&380=465&381=467&406=469&407=472&408=479&410=487&411=491&422=503&427=505&438=509&440=511&442=514&447=516&448=518&449=520&452=524&453=528&459=530&460=536'
