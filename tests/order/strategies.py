"""Small specs whose generated names or shapes could hang on the order of their mappings.

A spec is a few fragments, each a construct that makes the generator choose a name or a
shape from more than one place: recursion, discriminated unions, allOf over a base with an
inline enum, inline schemas in bodies, responses and parameters, names that collide (by
case, by inline hint, by method name, by security scheme kind, by endpoint constant),
nullable references, shared components/responses and components/parameters, webhooks.
Each fragment uses its own names and paths, so every drawn spec is valid; the collisions
are the ones a fragment means to make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st


def ref(name: str, kind: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def ok(schema: dict[str, Any] | None = None, status: str = "200") -> dict[str, Any]:
    """A `responses` object with one response, JSON when `schema` is given."""
    return {status: {"description": "ok", **(json_body(schema) if schema is not None else {})}}


def obj(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def openapi(version: str = "3.0.3") -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "Order API", "version": "1.0.0"},
        "paths": {},
        "components": {},
    }


class Spec:
    """A document being assembled by fragments."""

    def __init__(self, version: str) -> None:
        self.document = openapi(version)

    @property
    def is31(self) -> bool:
        return self.document["openapi"].startswith("3.1")

    def component(self, name: str, value: dict[str, Any], kind: str = "schemas") -> None:
        self.document["components"].setdefault(kind, {})[name] = value

    def operation(self, path: str, method: str, op: dict[str, Any]) -> None:
        op.setdefault("responses", ok())
        self.document["paths"].setdefault(path, {})[method] = op

    def tag(self, name: str, description: str) -> None:
        self.document.setdefault("tags", []).append({"name": name, "description": description})

    def nullable(self, schema: dict[str, Any], style: int) -> dict[str, Any]:
        """`schema` that may also be null, in one of the ways real specs write it."""
        if self.is31:
            return (
                {"oneOf": [schema, {"type": "null"}]}
                if style
                else {"anyOf": [schema, {"type": "null"}]}
            )
        return (
            {"allOf": [schema], "nullable": True}
            if style
            else {"oneOf": [schema], "nullable": True}
        )


Fragment = Callable[[st.DrawFn, Spec], None]


def tree(draw: st.DrawFn, spec: Spec) -> None:
    """A model that holds a list of itself (and maybe a nullable parent)."""
    name = draw(st.sampled_from(["Tree", "Folder"]))
    properties: dict[str, Any] = {
        "label": {"type": "string"},
        "children": {"type": "array", "items": ref(name)},
    }
    if draw(st.booleans()):
        properties["parent"] = spec.nullable(ref(name), draw(st.integers(0, 1)))
    spec.component(name, obj(properties, ("label",)))
    spec.operation(
        f"/{name.lower()}s",
        "get",
        {"operationId": f"get{name}", "tags": ["trees"], "responses": ok(ref(name))},
    )


def discriminated(draw: st.DrawFn, spec: Spec) -> None:
    """`Node: oneOf [Leaf, Branch]` with a discriminator mapping, `Branch.children: [Node]`."""
    tagged = draw(st.booleans())  # the discriminator property is an enum of its one value

    def kind(value: str) -> dict[str, Any]:
        return enum(value) if tagged else {"type": "string"}

    mapping = {"leaf": "#/components/schemas/Leaf", "branch": "#/components/schemas/Branch"}
    spec.component(
        "Node",
        {
            "oneOf": [ref("Leaf"), ref("Branch")],
            "discriminator": {"propertyName": "kind", "mapping": mapping},
        },
    )
    spec.component("Leaf", obj({"kind": kind("leaf"), "value": {"type": "integer"}}, ("kind",)))
    branch = {"kind": kind("branch"), "children": {"type": "array", "items": ref("Node")}}
    if draw(st.booleans()):
        branch["first"] = spec.nullable(ref("Node"), draw(st.integers(0, 1)))
    spec.component("Branch", obj(branch, ("kind", "children")))
    spec.operation(
        "/nodes", "get", {"operationId": "getNode", "tags": ["nodes"], "responses": ok(ref("Node"))}
    )
    if draw(st.booleans()):
        spec.operation(
            "/nodes",
            "post",
            {"operationId": "postNode", "tags": ["nodes"], "requestBody": json_body(ref("Node"))},
        )


def all_of_inline_enum(draw: st.DrawFn, spec: Spec) -> None:
    """Models built by allOf over a base whose property is an inline enum."""
    spec.component(
        "Animal", obj({"id": {"type": "string"}, "status": enum("active", "retired")}, ("id",))
    )
    for name in draw(
        st.lists(st.sampled_from(["Cat", "Dog", "Bird"]), min_size=1, max_size=3, unique=True)
    ):
        own: dict[str, Any] = {"name": {"type": "string"}}
        if draw(st.booleans()):
            own["mood"] = enum("calm", "wild")  # inline enums of their own too
        spec.component(name, {"allOf": [ref("Animal"), obj(own)]})
        spec.operation(
            f"/animals/{name.lower()}",
            "get",
            {"operationId": f"get{name}", "tags": ["animals"], "responses": ok(ref(name))},
        )


def inline_schemas(draw: st.DrawFn, spec: Spec) -> None:
    """Inline objects and enums in a body, a response and a parameter, on two operations
    whose operationIds make the same class-name hint (`create-order`, `createOrder`)."""
    ids = draw(st.permutations(["create-order", "createOrder"]))
    tags = draw(st.sampled_from([["orders", "orders"], ["orders", "basket"]]))
    for n, (op_id, tag) in enumerate(zip(ids, tags, strict=True)):
        body = obj(
            {
                "item": {"type": "string"},
                "size": enum(*(["s", "m"] if n else ["l", "xl"])),
                "note": obj({"text": {"type": "string"}}),
            }
        )
        op = {
            "operationId": op_id,
            "tags": [tag],
            "parameters": [
                {
                    "name": "sort",
                    "in": "query",
                    "schema": enum("asc", "desc") if n else enum("up", "down"),
                }
            ],
            "requestBody": {"required": True, **json_body(body)},
            "responses": ok(
                obj({"id": {"type": "string"}, "state": enum("new", "done") if n else enum("open")})
            ),
        }
        spec.operation(f"/orders{n}", "post", op)


def case_fold(draw: st.DrawFn, spec: Spec) -> None:
    """Component names equal but for case or punctuation."""
    names = draw(
        st.sampled_from([("Money", "money"), ("Money", "MONEY", "money"), ("user_id", "UserId")])
    )
    for n, name in enumerate(names):
        spec.component(name, obj({f"field{n}": {"type": "integer"}}))
        spec.operation(
            f"/money/{n}",
            "get",
            {"operationId": f"getMoney{n}", "tags": ["money"], "responses": ok(ref(name))},
        )


def inline_vs_component(draw: st.DrawFn, spec: Spec) -> None:
    """Inline schemas that want a taken class name: `Invoice.line` against component
    `InvoiceLine`, and `Invoice.lineItem` against `InvoiceLine.item` (both `InvoiceLineItem`)."""
    line_item = obj({"quantity": {"type": "integer"}, "unit": enum("kg", "g")})
    spec.component(
        "Invoice", obj({"line": obj({"amount": {"type": "number"}}), "lineItem": line_item})
    )
    item = obj({"sku": {"type": "string"}, "unit": enum("m", "cm")})
    spec.component("InvoiceLine", obj({"item": item, "kind": enum("a", "b")}))
    if draw(st.booleans()):
        spec.component("InvoiceLineKind", enum("x", "y"))
    spec.operation(
        "/invoices",
        "get",
        {"operationId": "getInvoice", "tags": ["invoices"], "responses": ok(ref("Invoice"))},
    )
    spec.operation(
        "/invoice-lines",
        "get",
        {
            "operationId": "getInvoiceLine",
            "tags": ["invoices"],
            "responses": ok(ref("InvoiceLine")),
        },
    )


def method_names(draw: st.DrawFn, spec: Spec) -> None:
    """Operations of one resource that want the same method name, and tags equal but for case."""
    count = draw(st.integers(2, 3))
    how = draw(st.sampled_from(["override", "operationId"]))
    for n in range(count):
        op: dict[str, Any] = {"tags": ["Users" if n % 2 else "users"], "summary": f"variant {n}"}
        if how == "override":
            op["operationId"] = f"users_variant{n}"
            op["x-speakeasy-name-override"] = "list"
        else:
            op["operationId"] = ["listUsers", "list_users", "ListUsers"][n]
        spec.operation(f"/users/v{n}", "get", op)
    spec.tag("users", "Lower-case users.")
    spec.tag("Users", "Upper-case users.")


def endpoint_constants(draw: st.DrawFn, spec: Spec) -> None:
    """Two methods of one module whose endpoint constants collide: `a.b.c()` and `a.b_c()`."""
    spec.operation(
        "/reports/daily",
        "get",
        {
            "operationId": "reportsDaily",
            "x-speakeasy-group": "reports.daily",
            "x-speakeasy-name-override": "get",
        },
    )
    spec.operation(
        "/reports/daily-get",
        "get",
        {
            "operationId": "reportsDailyGet",
            "x-speakeasy-group": "reports",
            "x-speakeasy-name-override": "daily_get",
        },
    )
    if draw(st.booleans()):
        spec.operation(
            "/reports/daily-get2",
            "get",
            {
                "operationId": "reportsDailyGet2",
                "x-speakeasy-group": "reports",
                "x-speakeasy-name-override": "daily_get_2",
            },
        )


def security(draw: st.DrawFn, spec: Spec) -> None:
    """Security schemes of one kind: the first of a kind gets the plain credential name."""
    kind = draw(st.sampled_from(["apiKey", "bearer", "basic"]))
    keys = draw(
        st.sampled_from(
            [("primaryKey", "secondaryKey"), ("primaryKey", "secondaryKey", "tertiaryKey")]
        )
    )
    for n, key in enumerate(keys):
        if kind == "apiKey":
            scheme = {"type": "apiKey", "in": "header", "name": f"X-Key-{n}"}
        else:
            scheme = {"type": "http", "scheme": kind}
        spec.component(key, scheme, "securitySchemes")
    spec.document["security"] = [{key: []} for key in keys]
    spec.operation(
        "/secure",
        "get",
        {"operationId": "getSecure", "tags": ["secure"], "security": [{keys[1]: []}]},
    )
    if draw(st.booleans()):  # one requirement naming two schemes: both are sent
        spec.operation(
            "/secure",
            "post",
            {
                "operationId": "postSecure",
                "tags": ["secure"],
                "security": [{keys[0]: [], keys[1]: []}],
            },
        )


def shared_components(draw: st.DrawFn, spec: Spec) -> None:
    """components/responses and components/parameters with inline schemas, used by two operations."""
    spec.component(
        "Problem",
        {
            "description": "failed",
            **json_body(
                obj({"code": enum("bad", "worse"), "detail": obj({"text": {"type": "string"}})})
            ),
        },
        "responses",
    )
    spec.component(
        "Listing",
        {
            "description": "a page",
            **json_body(
                obj({"items": {"type": "array", "items": obj({"id": {"type": "string"}})}})
            ),
        },
        "responses",
    )
    spec.component(
        "Order", {"name": "order", "in": "query", "schema": enum("asc", "desc")}, "parameters"
    )
    for op_id in draw(st.permutations(["listShelves", "listBooks"])):
        responses = {"200": ref("Listing", "responses"), "400": ref("Problem", "responses")}
        spec.operation(
            f"/{op_id.lower()}",
            "get",
            {
                "operationId": op_id,
                "tags": ["library"],
                "parameters": [ref("Order", "parameters")],
                "responses": responses,
            },
        )


def nullable_refs(draw: st.DrawFn, spec: Spec) -> None:
    """Properties and aliases that are a `$ref` or null."""
    style = draw(st.integers(0, 1))
    spec.component("Address", obj({"street": {"type": "string"}, "zone": enum("in", "out")}))
    spec.component(
        "Person",
        obj(
            {
                "home": spec.nullable(ref("Address"), style),
                "work": spec.nullable(ref("Address"), 1 - style),
            }
        ),
    )
    if draw(st.booleans()):
        spec.component("MaybeAddress", spec.nullable(ref("Address"), style))
        spec.component(
            "Household",
            obj(
                {
                    "address": ref("MaybeAddress"),
                    "members": {"type": "array", "items": ref("Person")},
                }
            ),
        )
    spec.operation(
        "/people",
        "get",
        {"operationId": "getPerson", "tags": ["people"], "responses": ok(ref("Person"))},
    )


def webhooks(draw: st.DrawFn, spec: Spec) -> None:
    """Webhook payloads (so `specs` makes the document 3.1): their model names come from the
    webhooks' keys, two of which (`orderPaid`, `order-paid`) make the same name."""
    for name in draw(
        st.lists(
            st.sampled_from(["orderPaid", "order-paid", "orderShipped"]),
            min_size=2,
            max_size=3,
            unique=True,
        )
    ):
        payload = obj({"event": enum(name), "at": {"type": "string", "format": "date-time"}})
        spec.document.setdefault("webhooks", {})[name] = {
            "post": {"requestBody": json_body(payload), "responses": ok()}
        }


FRAGMENTS: tuple[Fragment, ...] = (
    tree, discriminated, all_of_inline_enum, inline_schemas, case_fold, inline_vs_component,
    method_names, endpoint_constants, security, shared_components, nullable_refs, webhooks,
)  # fmt: skip


@st.composite
def specs(draw: st.DrawFn, fragments: tuple[Fragment, ...] = FRAGMENTS) -> dict[str, Any]:
    """A small valid document made of some of `fragments` (all of them when there is one)."""
    chosen = (
        draw(st.lists(st.sampled_from(fragments), min_size=1, max_size=4, unique=True))
        if len(fragments) > 1
        else fragments
    )
    spec = Spec("3.1.0" if webhooks in chosen else draw(st.sampled_from(["3.0.3", "3.1.0"])))
    for fragment in fragments:  # in a fixed order: the spec's order is the permuter's business
        if fragment in chosen:
            fragment(draw, spec)
    return spec.document
