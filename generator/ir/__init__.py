"""Build the IR from a validated document: `build(spec, config) -> Api`."""

from __future__ import annotations

from typing import Any, Literal

from ..config import Config
from ..diagnostics import Diagnostic, GenerationError
from ..load import Spec
from . import naming
from .operations import OperationBuilder, security_alternatives
from .schemas import SchemaBuilder
from .types import Api, Naming, RetryPolicy, SecurityScheme, Server, ServerVariable

__all__ = ["build"]


def build(spec: Spec, config: Config) -> tuple[Api, list[Diagnostic]]:
    """The API's IR and the warnings met on the way; raises GenerationError on errors."""
    diagnostics: list[Diagnostic] = []
    document = spec.document
    schemas = SchemaBuilder(spec, diagnostics)
    schemas.build_components()
    idempotency_header = config.idempotency_header or _declared_idempotency_header(document)
    operations = OperationBuilder(spec, schemas, diagnostics, idempotency_header)
    root = operations.build()
    operations.build_webhook_models()
    schemas.finish()
    errors = [d for d in diagnostics if d.level == "error"]
    if errors:
        raise GenerationError(sorted(errors))
    info = _mapping(document.get("info"))
    title = str(info.get("title") or spec.path.stem)
    names = _naming(title, config)
    api = Api(
        title=title,
        version=str(info.get("version") or "0.0.0"),
        description=info.get("description") if isinstance(info.get("description"), str) else None,
        naming=names,
        servers=_servers(document, config),
        security_schemes=_security_schemes(document, config, names.env_prefix),
        default_security=security_alternatives(document.get("security") or []),
        schemas=tuple(sorted(schemas.schemas.values(), key=lambda s: s.name)),
        root=root,
        retry=_retry_policy(document.get("x-speakeasy-retries")),
        envelope_key=config.envelope_key,
        idempotency_header=idempotency_header,
    )
    return api, sorted(d for d in diagnostics if d.level == "warning")


_STOP_WORDS = {"with", "and", "for", "the", "of", "from", "by", "to", "v1", "v2", "v3"}


def _naming(title: str, config: Config) -> Naming:
    words: list[str] = []
    for word in naming.words(title):
        if word in _STOP_WORDS or len(words) == 4:
            break
        if word not in ("api", "rest", "openapi", "service"):
            words.append(word)
    package = config.package or "_".join(words) or "client"
    package = naming.escape_keyword(naming.snake(package), {"test", "tests", "generator"})
    client = naming.class_name(config.client or "".join(w.capitalize() for w in words) or "Client")
    if client in ("Client", "AsyncClient") and not config.client:
        client = naming.class_name(f"{package} client")
    return Naming(
        package=package,
        distribution=config.distribution or package.replace("_", "-"),
        client=client,
        async_client=f"Async{client}",
        env_prefix=naming.constant(config.env_prefix or package),
    )


def _servers(document: dict[str, Any], config: Config) -> tuple[Server, ...]:
    servers = []
    for i, raw in enumerate(document.get("servers") or []):
        if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
            continue
        variables = tuple(
            ServerVariable(
                name=str(name),
                default=str(var.get("default", "")),
                enum=tuple(str(v) for v in var.get("enum") or []),
            )
            for name, var in (raw.get("variables") or {}).items()
            if isinstance(var, dict)
        )
        name = config.server_names[i] if i < len(config.server_names) else None
        description = raw.get("description") if isinstance(raw.get("description"), str) else None
        servers.append(Server(raw["url"].rstrip("/"), name, description, variables))
    return tuple(servers) or (Server("http://localhost"),)


def _security_schemes(document: dict[str, Any], config: Config, env_prefix: str) -> tuple[SecurityScheme, ...]:
    raw = _mapping(_mapping(document.get("components")).get("securitySchemes"))
    schemes: list[SecurityScheme] = []
    taken: set[str] = set()
    for key, scheme in raw.items() if isinstance(raw, dict) else ():
        if not isinstance(scheme, dict) or scheme.get("type") not in ("apiKey", "http", "oauth2", "openIdConnect"):
            continue
        kind = scheme["type"]
        http_scheme = str(scheme.get("scheme", "bearer")).lower() if kind == "http" else None
        if kind == "apiKey":
            generic, suffix = "api_key", ""
        elif http_scheme == "basic":
            generic, suffix = "basic_auth", "_auth"
        else:
            generic, suffix = ("bearer_token" if kind == "http" else "access_token"), "_token"
        # The first scheme of a kind gets the plain name; others are named after their key.
        python_name = generic if generic not in taken else naming.parameter_name(f"{key}{suffix}")
        python_name = naming.unique(python_name, taken, sep="_")
        location: Literal["header", "query", "cookie"] = (
            "query" if scheme.get("in") == "query" else "cookie" if scheme.get("in") == "cookie" else "header"
        )
        schemes.append(
            SecurityScheme(
                key=str(key),
                python_name=python_name,
                env_var=f"{env_prefix}_{python_name.upper()}",
                kind=kind,
                location=location,
                parameter_name=str(scheme.get("name") or "Authorization"),
                scheme=http_scheme,
                prefix=config.auth_prefixes.get(str(key), ""),
                description=scheme.get("description") if isinstance(scheme.get("description"), str) else None,
            )
        )
    return tuple(schemes)


def _retry_policy(raw: Any) -> RetryPolicy:
    if not isinstance(raw, dict) or raw.get("strategy") != "backoff":
        return RetryPolicy()
    backoff = _mapping(raw.get("backoff"))
    default = RetryPolicy()
    return RetryPolicy(
        initial_interval_ms=int(backoff.get("initialInterval", default.initial_interval_ms)),
        max_interval_ms=int(backoff.get("maxInterval", default.max_interval_ms)),
        max_elapsed_ms=int(backoff.get("maxElapsedTime", default.max_elapsed_ms)),
        exponent=float(backoff.get("exponent", default.exponent)),
        status_codes=tuple(str(c).upper() for c in raw.get("statusCodes") or default.status_codes),
        retry_connection_errors=raw.get("retryConnectionErrors", True) is True,
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _declared_idempotency_header(document: dict[str, Any]) -> str | None:
    """The spec's own idempotency header parameter, wherever an operation declares one."""
    for item in (document.get("paths") or {}).values():
        for op in item.values() if isinstance(item, dict) else ():
            for param in op.get("parameters") or [] if isinstance(op, dict) else []:
                if isinstance(param, dict) and param.get("in") == "header":
                    name = str(param.get("name", ""))
                    if name.lower() == "idempotency-key":
                        return name
    return None
