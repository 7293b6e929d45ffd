"""IR -> {relative path: source text}, through the Jinja templates in `templates/`.

The only module that knows templates. It turns IR values into finished strings
(type expressions, literals, escaped docstrings) so templates only lay them out.
Spec text reaches templates as `SpecText`, which cannot be printed without the
`docstring` or `pyliteral` filter: a description can never become code.
"""

from __future__ import annotations

import inspect
import json
import keyword
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .ir import naming
from .ir.types import (
    AliasSchema,
    AnyType,
    Api,
    EnumSchema,
    ListType,
    LiteralType,
    MapType,
    NullableType,
    ObjectSchema,
    Operation,
    PrimitiveType,
    Property,
    Resource,
    Response,
    TypeNode,
    TypeRef,
    UnionType,
)

GENERATOR_NAME = "openapi-pyclient-generator"


class SpecText(str):
    """Text from the spec: printable only through an escaping filter."""


def templates_dir() -> Path:
    """Templates sit at the checkout's top level, and inside the package once installed."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


def _refuse_raw(value: Any) -> Any:
    if isinstance(value, SpecText):
        raise ValueError("spec text printed without a filter (use | docstring or | pyliteral)")
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\x85]")


def docstring(text: Any, indent: int = 0) -> str:
    """Escape text for the inside of a triple-quoted docstring indented by `indent`."""
    if text is None:
        return ""
    body = str(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body = _CONTROL.sub(" ", body.replace("\r\n", "\n").replace("\t", "    "))
    lines = inspect.cleandoc(body).splitlines()
    margin = " " * indent
    body = "\n".join(f"{margin}{line}".rstrip() if i else line for i, line in enumerate(lines))
    if len(lines) > 1:
        body += f"\n{margin}"
    elif body.endswith('"'):
        body += " "
    return body


def inline(text: Any) -> str:
    """Spec text for one line of Markdown: no line breaks, no code spans to break out of."""
    return " ".join(_CONTROL.sub(" ", str(text)).replace("`", "'").split())


def toml_string(text: Any) -> str:
    """A TOML basic string holding `text` (JSON's escapes are TOML's; lone surrogates dropped)."""
    clean = str(text).encode("utf-8", "ignore").decode("utf-8")
    return json.dumps(clean, ensure_ascii=False)


def pyliteral(value: Any) -> str:
    """A Python literal that evaluates to exactly `value` (str, number, bool, None, tuples)."""
    if isinstance(value, str):
        return repr(str(value))
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else f'float("{value}")'
    if isinstance(value, (tuple, list)):
        inner = ", ".join(pyliteral(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    raise TypeError(f"no literal for {type(value).__name__}")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_refuse_raw,
    )
    env.filters["docstring"] = docstring
    env.filters["pyliteral"] = pyliteral
    env.filters["inline"] = inline
    env.filters["toml_string"] = toml_string
    return env


# --- type expressions --------------------------------------------------------------------


def annotation(
    node: TypeNode,
    prefix: str = "",
    typing_generics: bool = False,
    models: Mapping[str, ObjectSchema] | None = None,
    file_type: str = "bytes",
) -> str:
    """The Python type expression for `node`; `prefix` qualifies model names (`models.`).

    Given the models, a union with a discriminator becomes a pydantic tagged union,
    so a body is validated as the member its tag names, never the first that fits.
    """

    def go(n: TypeNode) -> str:
        if isinstance(n, PrimitiveType):
            return file_type if n.kind == "file" else _PRIMITIVES[n.kind]
        if isinstance(n, AnyType):
            return "Any"
        if isinstance(n, TypeRef):
            return f"{prefix}{n.name}"
        if isinstance(n, ListType):
            return f"{'List' if typing_generics else 'list'}[{go(n.items)}]"
        if isinstance(n, MapType):
            return f"{'Dict' if typing_generics else 'dict'}[str, {go(n.values)}]"
        if isinstance(n, LiteralType):
            return f"Literal[{pyliteral(n.value)}]"
        if isinstance(n, NullableType):
            inner = go(n.inner)
            return inner if inner == "Any" else f"{inner} | None"
        members = list(dict.fromkeys(go(m) for m in n.members))
        if "Any" in members:
            return "Any"
        if n.discriminator is not None and models is not None:
            return tagged_union(n, models)
        return " | ".join(members)

    def tagged_union(n: UnionType, models: Mapping[str, ObjectSchema]) -> str:
        assert n.discriminator is not None
        wire = n.discriminator.wire_name
        first = models[n.discriminator.mapping[0][1]]
        attr = next(p.python_name for p in first.properties if p.wire_name == wire)
        tagged = ", ".join(f"Annotated[{go(m)}, Tag({pyliteral(go(m))})]" for m in n.members)
        mapping = ", ".join(f"{pyliteral(value)}: {pyliteral(name)}" for value, name in n.discriminator.mapping)
        return (
            f"Annotated[Union[{tagged}], "
            f"Discriminator(discriminate({pyliteral(wire)}, {pyliteral(attr)}, {{{mapping}}}))]"
        )

    return go(node)


_PRIMITIVES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "bytes": "bytes",
    "file": "bytes",
    "datetime": "datetime.datetime",
    "date": "datetime.date",
    "uuid": "str",
}


def _with_none(expr: str) -> str:
    return expr if expr == "Any" or expr.endswith("| None") else f"{expr} | None"


def _references(node: TypeNode) -> set[str]:
    if isinstance(node, TypeRef):
        return {node.name}
    if isinstance(node, ListType):
        return _references(node.items)
    if isinstance(node, MapType):
        return _references(node.values)
    if isinstance(node, NullableType):
        return _references(node.inner)
    if isinstance(node, UnionType):
        return set().union(*(_references(m) for m in node.members))
    return set()


# --- views: what each template prints ----------------------------------------------------


@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: str
    default: str | None  # None: required
    alias: str | None
    doc: SpecText | None


@dataclass(frozen=True)
class ArgView:
    name: str
    annotation: str
    default: str | None


@dataclass(frozen=True)
class MethodView:
    name: str
    http_method: str
    endpoint: str
    doc: SpecText
    positional: tuple[ArgView, ...]
    keyword: tuple[ArgView, ...]
    return_annotation: str
    request_call: str  # `_request` or `_request_page`
    path: tuple[tuple[str, str], ...]
    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    cookies: tuple[tuple[str, str], ...]
    body: str
    endpoint_fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ResourceView:
    attribute: str
    class_name: str
    doc: SpecText | None
    children: tuple[ResourceView, ...]
    methods: tuple[MethodView, ...]


def _doc(*parts: str | None) -> SpecText:
    return SpecText("\n\n".join(inspect.cleandoc(p) for p in parts if p and p.strip()))


def _model_views(api: Api) -> dict[str, Any]:
    by_name = {s.name: s for s in api.schemas if isinstance(s, ObjectSchema)}
    enums: list[dict[str, Any]] = []
    models: list[dict[str, Any]] = []
    aliases: list[AliasSchema] = []
    for schema in api.schemas:
        if isinstance(schema, EnumSchema):
            base = {"str": "OpenStrEnum", "int": "OpenIntEnum", "float": "OpenFloatEnum"}[schema.kind]
            members = [(m.python_name, pyliteral(m.value)) for m in schema.members]
            enums.append({"name": schema.name, "base": base, "members": members, "doc": _doc(schema.docs.description)})
        elif isinstance(schema, ObjectSchema):
            fields = [_field_view(p, by_name) for p in schema.properties]
            nullable = tuple(p.python_name for p in schema.properties if p.nullable)
            models.append(
                {
                    "name": schema.name,
                    "extra": annotation(schema.extra, models=by_name) if schema.extra is not None else None,
                    "fields": fields,
                    "nullable": pyliteral(nullable) if nullable else None,
                    "doc": _doc(schema.docs.summary, schema.docs.description),
                }
            )
        elif isinstance(schema, AliasSchema):
            aliases.append(schema)
    runtime_names = sorted({"BaseModel", *(str(e["base"]) for e in enums)})
    ordered = _ordered_aliases(aliases, by_name)
    return {"enums": enums, "models": models, "aliases": ordered, "runtime_names": runtime_names}


def _field_view(prop: Property, models: Mapping[str, ObjectSchema]) -> FieldView:
    expr = annotation(prop.type, models=models)
    if prop.nullable:
        expr = _with_none(expr)
    default = None
    if not prop.required or prop.write_only:  # servers never send write-only fields back
        expr, default = _with_none(expr), "None"
    alias = prop.wire_name if prop.wire_name != prop.python_name else None
    return FieldView(prop.python_name, expr, default, alias, SpecText(prop.description) if prop.description else None)


def _ordered_aliases(aliases: list[AliasSchema], models: Mapping[str, ObjectSchema]) -> list[dict[str, Any]]:
    """Aliases are evaluated at import: each comes after the aliases it names.

    An alias that names itself through other aliases is printed as `Any`.
    """
    by_name = {a.name: a for a in aliases}
    ordered: list[dict[str, Any]] = []
    state: dict[str, str] = {}

    def visit(alias: AliasSchema) -> None:
        state[alias.name] = "visiting"
        cyclic = False
        for dep in sorted(_references(alias.target) & by_name.keys()):
            if state.get(dep) == "visiting":
                cyclic = True
            elif dep not in state:
                visit(by_name[dep])
        expr = "Any" if cyclic else annotation(alias.target, models=models)
        ordered.append({"name": alias.name, "expr": expr, "doc": _doc(alias.docs.description)})
        state[alias.name] = "done"

    for alias in aliases:
        if alias.name not in state:
            visit(alias)
    return ordered


def _method_view(op: Operation, resource_key: str, constants: set[str]) -> MethodView:
    def qualified(node: TypeNode) -> str:
        return annotation(node, "models.", typing_generics=True, file_type="FileTypes")

    positional, keyword_args = [], []
    for param in op.parameters:
        expr = qualified(param.type)
        if param.nullable:
            expr = _with_none(expr)
        if param.location == "path":
            positional.append(ArgView(param.python_name, expr, None))
        elif param.required:
            keyword_args.append(ArgView(param.python_name, expr, None))
        else:
            keyword_args.append(ArgView(param.python_name, f"{expr} | NotGiven", "NOT_GIVEN"))
    body_expr = "None"
    body = op.body
    if body is not None and body.flattened:
        items = []
        for prop in body.properties:
            expr = qualified(prop.type)
            if prop.nullable:
                expr = _with_none(expr)
            if prop.required and body.required:
                keyword_args.append(ArgView(prop.python_name, expr, None))
            else:
                keyword_args.append(ArgView(prop.python_name, f"{expr} | NotGiven", "NOT_GIVEN"))
            items.append(f"{pyliteral(prop.wire_name)}: {prop.python_name}")
        body_expr = "{" + ", ".join(items) + "}"
    elif body is not None:
        expr = qualified(body.type)
        if body.required:
            keyword_args.append(ArgView("body", expr, None))
        else:
            keyword_args.append(ArgView("body", f"{expr} | None", "None"))
        body_expr = "body"
    keyword_args.sort(key=lambda a: a.default is not None)

    def located(location: str) -> tuple[tuple[str, str], ...]:
        return tuple((pyliteral(p.wire_name), p.python_name) for p in op.parameters if p.location == location)

    return_annotation = qualified(op.return_type) if op.return_type is not None else "None"
    request_call = "_request"
    fields: list[tuple[str, str]] = [("method", pyliteral(op.method)), ("path", pyliteral(op.path))]
    fields.append(("responses", _status_map(op.responses, qualified)))
    if op.errors:
        fields.append(("errors", _status_map(op.errors, qualified)))
    if body is not None:
        fields.append(("request_content_type", pyliteral(body.content_type)))
    if op.security is not None:
        fields.append(("security", pyliteral(tuple(op.security))))
    styles = [
        f"{pyliteral(p.wire_name)}: ({pyliteral(p.style)}, {p.explode})"
        for p in op.parameters
        if p.location == "query" and (p.style != "form" or not p.explode)
    ]
    if styles:
        fields.append(("parameter_styles", "{" + ", ".join(styles) + "}"))
    if op.pagination is not None:
        page = op.pagination
        item = qualified(page.item_type)
        fields.append(
            (
                "pagination",
                (
                    f"Pagination(offset_param={pyliteral(page.offset_param)}, kind={pyliteral(page.offset_kind)}, "
                    f"limit_param={pyliteral(page.limit_param)}, items_path={pyliteral(page.items_path)}, "
                    f"item_type={item})"
                ),
            )
        )
        return_annotation = f"SyncPage[{item}]"
        request_call = "_request_page"
    return MethodView(
        name=op.python_name,
        http_method=op.method,
        endpoint=op.endpoint_constant,
        doc=_doc(op.docs.summary, op.docs.description, "Deprecated." if op.docs.deprecated else None),
        positional=tuple(positional),
        keyword=tuple(keyword_args),
        return_annotation=return_annotation,
        request_call=request_call,
        path=located("path"),
        query=located("query"),
        headers=located("header"),
        cookies=located("cookie"),
        body=body_expr,
        endpoint_fields=tuple(fields),
    )


def _status_map(responses: tuple[Response, ...], qualified: Callable[[TypeNode], str]) -> str:
    entries = [
        f"{pyliteral(r.status.lower() if r.status == 'DEFAULT' else r.status)}: "
        f"{qualified(r.type) if r.type is not None else 'None'}"
        for r in responses
    ]
    return "{" + ", ".join(entries) + "}"


def _resource_view(resource: Resource, key: str, constants: set[str] | None = None) -> ResourceView:
    """`constants` holds the endpoint names taken in this resource's module (one per top-level resource)."""
    taken = set() if constants is None else constants

    def child_view(child: Resource) -> ResourceView:
        child_key = f"{key}_{child.python_name}".lstrip("_")
        return _resource_view(child, child_key, taken if key else None)

    return ResourceView(
        attribute=resource.python_name,
        class_name=resource.class_name,
        doc=SpecText(resource.description) if resource.description else None,
        children=tuple(child_view(c) for c in resource.children),
        methods=tuple(_method_view(op, key, taken) for op in resource.operations),
    )


def _flatten(view: ResourceView) -> list[ResourceView]:
    """A resource module's classes, children first so each class names only earlier ones."""
    found: list[ResourceView] = []
    for child in view.children:
        found.extend(_flatten(child))
    found.append(view)
    return found


# --- the package -----------------------------------------------------------------------


def render_package(api: Api) -> dict[str, str]:
    """Every file of the generated project, by path relative to the output directory."""
    env = _environment()
    pkg = api.naming.package
    root_view = _resource_view(api.root, "")
    top = root_view.children
    context: dict[str, Any] = {
        "api": api,
        "naming": api.naming,
        "title": SpecText(api.title),
        "project_description": SpecText(f"Python client for {api.title}"),
        "description": SpecText(api.description or ""),
        "version": pyliteral(api.version if _is_version(api.version) else "0.0.0"),
        "package_version": api.version if _is_version(api.version) else "0.0.0",
        "servers": [
            {
                "url": pyliteral(s.url),
                "name": pyliteral(s.name),
                "url_text": SpecText(s.url),
                "name_text": SpecText(s.name or ""),
                "variables": [(pyliteral(v.name), pyliteral(v.default), pyliteral(v.enum)) for v in s.variables],
            }
            for s in api.servers
        ],
        "security": [
            {
                "key": pyliteral(s.key),
                "kind": pyliteral(s.kind),
                "location": pyliteral(s.location),
                "parameter_name": pyliteral(s.parameter_name),
                "scheme": pyliteral(s.scheme),
                "prefix": pyliteral(s.prefix),
                "credential": s.python_name,
                "credential_literal": pyliteral(s.python_name),
                "credential_type": "str | tuple[str, str] | None" if s.scheme == "basic" else "str | None",
                "env_var": s.env_var,
                "doc": SpecText(s.description or ""),
            }
            for s in api.security_schemes
        ],
        "default_security": pyliteral(tuple(api.default_security)),
        "retry": [
            ("initial_interval", pyliteral(api.retry.initial_interval_ms / 1000)),
            ("max_interval", pyliteral(api.retry.max_interval_ms / 1000)),
            ("max_elapsed", pyliteral(api.retry.max_elapsed_ms / 1000)),
            ("exponent", pyliteral(api.retry.exponent)),
            ("status_codes", pyliteral(api.retry.status_codes)),
            ("retry_connection_errors", pyliteral(api.retry.retry_connection_errors)),
        ],
        "envelope_key": pyliteral(api.envelope_key),
        "idempotency_header": pyliteral(api.idempotency_header),
        "idempotency_header_text": SpecText(api.idempotency_header or ""),
        "last_server": len(api.servers) - 1,
        "has_server_variables": any(s.variables for s in api.servers),
        "client_view": root_view,
        "resources": top,
        "generator": GENERATOR_NAME,
        "examples": _readme_examples(root_view),
    }
    files: dict[str, str] = {
        "pyproject.toml": env.get_template("pyproject.toml.jinja").render(context),
        "README.md": env.get_template("README.md.jinja").render(context),
        f"{pkg}/__init__.py": env.get_template("package/__init__.py.jinja").render(context),
        f"{pkg}/_version.py": env.get_template("package/_version.py.jinja").render(context),
        f"{pkg}/_client.py": env.get_template("package/_client.py.jinja").render(context),
        f"{pkg}/py.typed": "",
        f"{pkg}/models.py": env.get_template("package/models.py.jinja").render(context, **_model_views(api)),
        f"{pkg}/resources/__init__.py": env.get_template("package/resources/__init__.py.jinja").render(context),
    }
    resource_template = env.get_template("package/resources/resource.py.jinja")
    for view in top:
        files[f"{pkg}/resources/{view.attribute}.py"] = resource_template.render(
            context, classes=_flatten(view), module_doc=view.doc
        )
    runtime = templates_dir() / "runtime"
    for source in sorted(runtime.glob("*.py")):
        files[f"{pkg}/_runtime/{source.name}"] = source.read_text(encoding="utf-8")
    return files


def _readme_examples(root: ResourceView) -> dict[str, Any]:
    """Calls for the README's snippets, made from the API's own methods (compiled by the tests)."""
    calls: list[tuple[str, MethodView]] = []

    def walk(view: ResourceView, prefix: str) -> None:
        calls.extend((f"{prefix}{m.name}", m) for m in view.methods)
        for child in view.children:
            walk(child, f"{prefix}{child.attribute}.")

    walk(root, "")

    def call(path: str, m: MethodView, *extra: str) -> str:
        args = [f'"{a.name}"' for a in m.positional]
        args += [f"{a.name}=..." for a in m.keyword if a.default is None]
        return f"{path}({', '.join([*args, *extra])})"

    def raw(path: str, m: MethodView) -> str:
        head, _, name = path.rpartition(".")
        return call(".".join(p for p in (head, "with_raw_response", name) if p), m)

    def cost(m: MethodView) -> int:
        """Prefer reads with one path argument: the most telling, least surprising example."""
        reads = 0 if m.http_method == "GET" else 3
        return sum(a.default is None for a in m.keyword) * 2 + (0 if m.positional else 1) + reads

    plain = [(p, m) for p, m in calls if m.request_call == "_request"]
    per_resource = []
    for view in root.children:
        own = [(p, m) for p, m in plain if p.startswith(f"{view.attribute}.") and p.count(".") == 1]
        if own:
            per_resource.append(call(*min(own, key=lambda pm: cost(pm[1]))))
    writes = [(p, m) for p, m in plain if m.http_method not in ("GET", "HEAD")]
    pages = [(p, m) for p, m in calls if m.request_call == "_request_page"]
    simple = min(plain, key=lambda pm: cost(pm[1])) if plain else None
    write = min(writes, key=lambda pm: cost(pm[1])) if writes else None
    return {
        "per_resource": per_resource,
        "simple": call(*simple) if simple else None,
        "simple_with_options": call(*simple, *_OPTIONS_EXAMPLE) if simple else None,
        "simple_raw": raw(*simple) if simple else None,
        "write_with_key": call(*write, 'idempotency_key="order-1234"') if write else None,
        "page": call(*pages[0]) if pages else None,
    }


_OPTIONS_EXAMPLE = ("timeout=10.0", 'extra_headers={"X-Trace": "1"}', 'extra_query={"debug": "true"}')


def _is_version(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)*([ab]|rc)?\d*", text) is not None and not keyword.iskeyword(text)
