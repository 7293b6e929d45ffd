"""What the generated client is configured with: its names, servers and credentials, and the
config's names checked against the spec (its retries are an extension: `extensions.py`)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from .. import pointer as jp
from ..config import Config, shadowed_module
from ..diagnostics import Diagnostic
from ..reserved import CLIENT_MODULE_NAMES, KEYWORDS
from . import flows, identifiers
from .shapes import Report
from .types import Naming, SecurityScheme, Server, ServerVariable

_STOP_WORDS = {"with", "and", "for", "the", "of", "from", "by", "to"}
_FILLER_WORDS = {"api", "apis", "rest", "openapi", "service", "http"}
_VERSION = re.compile(r"v?\d+(\.\d+)*")
_TOKEN = re.compile(r"[^\W_]+")
_SCHEME_KINDS = ("apiKey", "http", "oauth2", "openIdConnect")


def client_naming(title: str, config: Config, report: Report) -> Naming:
    """Package, distribution, client and environment names: the config's, else from the title.

    A package named from the title that would shadow a module the SDK needs (a title such as
    `Email` or `Typing`) is renamed with a warning; the config's is checked when it is read.
    """
    words = _title_words(title)
    package = identifiers.escape_keyword(_package(words, config), {"test", "tests", "generator"})
    shadowed = None if config.package else shadowed_module(package)
    if shadowed is not None:
        report("/info/title", f"a package named {package!r} would shadow {shadowed}: named {package}_client", "warning")
        package = f"{package}_client"
    client = identifiers.class_name(config.client) if config.client else _client_class(title)
    if client in CLIENT_MODULE_NAMES and not config.client:
        client = identifiers.class_name(f"{package} client")
    return Naming(
        package=package,
        distribution=config.distribution or package.replace("_", "-"),
        client=client,
        async_client=f"Async{client}",
        env_prefix=identifiers.constant(config.env_prefix or package),
    )


def _package(words: list[str], config: Config) -> str:
    """The config's package name, else the title's words (shortened: it is a file name)."""
    if config.package:
        return identifiers.snake(config.package)
    return identifiers.module_name(identifiers.snake("_".join(words) or "client"))


def _title_tokens(title: str) -> list[str]:
    """The title's words as people write them (`GitHub`, not `git hub`): up to four, before the
    first stop word or version, without filler words (`api`, `rest`)."""
    tokens: list[str] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()):
        lower = token.lower()
        if lower in _STOP_WORDS or _VERSION.fullmatch(lower) or len(tokens) == 4:
            break
        if lower not in _FILLER_WORDS:
            tokens.append(token)
    return tokens


def _client_class(title: str) -> str:
    """`OpenAI API` -> `OpenAI`: the title's words capitalised, each kept as written."""
    name = "".join(t[:1].upper() + t[1:] for t in _title_tokens(title))
    if name.isidentifier() and name not in KEYWORDS and len(name) <= 60:
        return name
    return identifiers.class_name(name or "Client")


def _title_words(title: str) -> list[str]:
    """`GitHub v3 REST API` -> [github], `OpenAI API` -> [openai]: one word per title word."""
    return [identifiers.snake(token).replace("_", "") for token in _title_tokens(title)]


def config_problems(
    document: dict[str, Any], config: Config, spec: str, level: Literal["error", "warning"]
) -> list[Diagnostic]:
    """What the config names that the spec (the file `spec`) lacks, located in the config.

    A prefix for a scheme the spec does not define is never sent (every call unauthorised), and
    server names that do not pair up with the servers name the wrong ones: the run would succeed.
    """
    return [*_unknown_schemes(document, config, spec, level), *_server_count(document, config, spec, level)]


def _unknown_schemes(
    document: dict[str, Any], config: Config, spec: str, level: Literal["error", "warning"]
) -> list[Diagnostic]:
    schemes = [str(k) for k in _mapping(_mapping(document.get("components")).get("securitySchemes"))]
    problems = []
    for key in config.auth_prefixes:
        if key in schemes:
            continue
        close = difflib.get_close_matches(key, schemes, n=1)
        guess = f": did you mean {close[0]!r}?" if close else ""
        listed = f"its schemes: {', '.join(schemes)}" if schemes else "it defines none"
        message = f"{spec} has no security scheme {key!r}{guess} ({listed})"
        problems.append(config.diagnostic(jp.join("/auth_prefixes", key), message, level))
    return problems


def _server_count(
    document: dict[str, Any], config: Config, spec: str, level: Literal["error", "warning"]
) -> list[Diagnostic]:
    """An empty list names no server; else one name per server."""
    urls = [raw["url"] for raw in _listed_servers(document)]
    names = len(config.server_names)
    if not names or names == len(urls):
        return []
    has = f"{len(urls)} server{'s' * (len(urls) != 1)}: {', '.join(urls)}" if urls else "no servers"
    message = f"server_names lists {names} name{'s' * (names != 1)} but {spec} has {has}"
    return [config.diagnostic("/server_names", message, level)]


def servers(document: dict[str, Any], config: Config) -> tuple[Server, ...]:
    found = []
    for i, raw in enumerate(_listed_servers(document)):
        name = config.server_names[i] if i < len(config.server_names) else None
        found.append(Server(raw["url"].rstrip("/"), name, _text(raw.get("description")), _variables(raw)))
    return tuple(found) or (Server("http://localhost"),)


def _listed_servers(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The spec's servers that have a URL."""
    return [raw for raw in _list(document.get("servers")) if isinstance(raw, dict) and isinstance(raw.get("url"), str)]


def _variables(server: dict[str, Any]) -> tuple[ServerVariable, ...]:
    variables = server.get("variables")
    return tuple(
        ServerVariable(
            str(name), str(var.get("default", "")), tuple(str(v) for v in var.get("enum") or [])
        )
        for name, var in (variables.items() if isinstance(variables, dict) else ())
        if isinstance(var, dict)
    )


def security_schemes(
    document: dict[str, Any], config: Config, env_prefix: str, servers: tuple[Server, ...] = ()
) -> tuple[SecurityScheme, ...]:
    """The schemes in the order listed, each with its constructor argument.

    The first of a kind gets the plain name (`api_key`), the others are named after their key.
    "First" is a rule on the document, never the order schemes are listed in: the schemes the
    default `security` names, in the order of its alternatives, then the others by key.
    """
    components = _mapping(document.get("components"))
    raw = {str(k): v for k, v in _mapping(components.get("securitySchemes")).items()}
    usable = {
        key: scheme
        for key, scheme in raw.items()
        if isinstance(scheme, dict) and scheme.get("type") in _SCHEME_KINDS
    }
    taken: set[str] = set()
    names: dict[str, str] = {}
    for key in sorted(usable, key=_default_first(document)):
        generic, suffix = _argument_name(usable[key])
        python_name = generic if generic not in taken else identifiers.parameter_name(f"{key}{suffix}")
        names[key] = identifiers.unique(python_name, taken, sep="_")
    granted = {
        key: flows.client_credentials(key, usable[key], taken, servers, env_prefix)
        for key in sorted(usable, key=_default_first(document))
    }
    return tuple(
        replace(_scheme(key, scheme, names[key], config, env_prefix), client_credentials=granted[key])
        for key, scheme in usable.items()
    )


def _default_first(document: dict[str, Any]) -> Callable[[str], tuple[int, str]]:
    """A sort key for scheme keys: those the default `security` uses first, then by key."""
    default = document.get("security")
    alternatives = default if isinstance(default, list) else []
    rank: dict[str, int] = {}
    for i, alternative in enumerate(alternatives):
        for key in _mapping(alternative):
            rank.setdefault(str(key), i)
    return lambda key: (rank.get(key, len(alternatives)), key)


def _argument_name(scheme: dict[str, Any]) -> tuple[str, str]:
    """The constructor argument for a kind of credential, and the suffix a second one gets."""
    if scheme["type"] == "apiKey":
        return "api_key", ""
    if scheme["type"] == "http" and _http_scheme(scheme) == "basic":
        return "basic_auth", "_auth"
    return ("bearer_token" if scheme["type"] == "http" else "access_token"), "_token"


def _http_scheme(scheme: dict[str, Any]) -> str | None:
    return str(scheme.get("scheme", "bearer")).lower() if scheme["type"] == "http" else None


def _scheme(
    key: str, scheme: dict[str, Any], python_name: str, config: Config, env_prefix: str
) -> SecurityScheme:
    where = scheme.get("in")
    location: Literal["header", "query", "cookie"] = (
        "query" if where == "query" else "cookie" if where == "cookie" else "header"
    )
    return SecurityScheme(
        key=key,
        python_name=python_name,
        env_var=f"{env_prefix}_{python_name.upper()}",
        kind=scheme["type"],
        location=location,
        parameter_name=str(scheme.get("name") or "Authorization"),
        scheme=_http_scheme(scheme),
        prefix=config.auth_prefixes.get(key, ""),
        description=_text(scheme.get("description")),
        flows=flows.flow_names(scheme),
    )


def declared_idempotency_header(document: dict[str, Any]) -> str | None:
    """The spec's own idempotency header parameter, wherever an operation declares one
    (the first spelling by sort order, if operations spell it differently)."""
    found = {
        str(param["name"])
        for item in _mapping(document.get("paths")).values()
        for op in _mapping(item).values()
        for param in _list(_mapping(op).get("parameters"))
        if isinstance(param, dict)
        and param.get("in") == "header"
        and str(param.get("name", "")).lower() == "idempotency-key"
    }
    return min(found) if found else None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def security_alternatives(raw: list[Any]) -> tuple[tuple[str, ...], ...]:
    """`[{b: [], a: []}, {c: []}]` -> (("a", "b"), ("c",)): alternatives in order, the schemes
    each needs (all of them) sorted; `{}` means "no auth" is an option."""
    return tuple(tuple(sorted(str(k) for k in alt)) for alt in raw if isinstance(alt, dict))


def security_scopes(raw: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`[{oauth: [b, a]}, {oauth: [c]}]` -> (("oauth", ("a", "b", "c")),): the scopes a requirement
    names for each scheme, whichever alternative is used; schemes naming none are left out."""
    found: dict[str, set[str]] = {}
    for alternative in _list(raw):
        for key, scopes in _mapping(alternative).items():
            found.setdefault(str(key), set()).update(str(s) for s in _list(scopes))
    return tuple((key, tuple(sorted(scopes))) for key, scopes in sorted(found.items()) if scopes)


def credentials_required(
    operations: tuple[tuple[tuple[str, ...], ...] | None, ...],
    default: tuple[tuple[str, ...], ...],
    schemes: tuple[SecurityScheme, ...],
) -> bool:
    """Whether every operation needs a credential: each has a requirement (its own, else the
    default) without an empty alternative, naming only schemes the client knows."""
    known = {scheme.key for scheme in schemes}
    for security in operations:
        alternatives = default if security is None else security
        if not alternatives or any(not alt or not set(alt) <= known for alt in alternatives):
            return False
    return bool(operations)
