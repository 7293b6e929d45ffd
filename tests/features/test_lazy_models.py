"""Import cost that does not grow with the spec: one module per model, each loaded when needed.

`import pkg; Pkg(...)` loads no resource and no model module; a call loads its resource module,
the models its endpoints name, and only the models its response data holds: an unexpanded id
(`anyOf: [string, $ref]`, as Stripe's expandable fields) loads nothing more. What is loaded
is checked in a fresh interpreter, so that nothing another test imported is counted.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pydantic
import pytest

from tests.conftest import ROOT

from .support import Generated, Server, mypy_params, ok, openapi, ref


def expandable(name: str) -> dict[str, Any]:
    """Stripe's expandable field: an id, or the object when the call asks to expand it."""
    return {"anyOf": [{"type": "string", "maxLength": 5000}, ref(name)], "nullable": True}


def obj(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, **({"required": required} if required else {})}


STRING, INTEGER = {"type": "string"}, {"type": "integer"}

SPEC = openapi(
    paths={
        "/v1/customers/{customer}": {
            "get": {
                "parameters": [{"name": "customer", "in": "path", "required": True, "schema": STRING}],
                "responses": {**ok(ref("Customer")), "default": {"description": "error", "content": {"application/json": {"schema": ref("Error")}}}},
            }
        },
        "/v1/invoices/{invoice}": {
            "get": {
                "parameters": [{"name": "invoice", "in": "path", "required": True, "schema": STRING}],
                "responses": ok(ref("Invoice")),
            }
        },
        "/v1/filters": {"post": {"requestBody": {"content": {"application/json": {"schema": ref("Filter")}}}, "responses": ok(ref("Filter"))}},
        "/v1/payments": {"get": {"responses": ok(ref("Payment"))}},
        "/v1/products": {"get": {"responses": ok({"type": "array", "items": ref("Product")})}},
    },
    schemas={
        "Error": obj(["message"], message=STRING),
        "Customer": obj(
            ["id", "object"],
            id=STRING,
            object={"type": "string", "enum": ["customer"]},
            email={"type": "string", "nullable": True},
            currency=ref("Currency"),
            address={**ref("Address"), "nullable": True},
            invoice=expandable("Invoice"),
            default_source={"anyOf": [STRING, ref("Card"), ref("BankAccount")], "nullable": True},
            metadata={"type": "object", "additionalProperties": STRING},
            subscriptions=ref("SubscriptionList"),
            password={"type": "string", "format": "password"},
        ),
        "Address": obj([], city=STRING, line1=STRING, postalCode=STRING),
        # An alias naming no other schema is a leaf, as an enum: it loads with its model.
        "Currency": {"type": "string", "description": "Three-letter ISO currency code."},
        "Invoice": obj(
            ["id", "total"],
            id=STRING,
            total=INTEGER,
            customer=expandable("Customer"),
            lines={"type": "array", "items": ref("InvoiceLine")},
        ),
        "InvoiceLine": obj(["amount"], amount=INTEGER, description=STRING),
        "Card": obj(["id"], id=STRING, brand=STRING, last4=STRING),
        "BankAccount": obj(["id"], id=STRING, bank_name=STRING, routing_number=STRING, last4=STRING),
        "SubscriptionList": obj(["data"], data={"type": "array", "items": ref("Subscription")}, has_more={"type": "boolean"}),
        "Subscription": obj(["id"], id=STRING, status=STRING),
        # A model and a part of it, in two modules, each naming the other.
        "Filter": obj(["kind"], kind=STRING, parts={"type": "array", "items": ref("FilterPart")}, children={"type": "array", "items": ref("Filter")}),
        "FilterPart": obj([], field=STRING, filter=ref("Filter")),
        # A tagged union whose members load when a body names them.
        "Payment": {
            "oneOf": [ref("CardPayment"), ref("BankPayment")],
            "discriminator": {"propertyName": "type", "mapping": {"card": "#/components/schemas/CardPayment", "bank": "#/components/schemas/BankPayment"}},
        },
        "CardPayment": obj(["type"], type=STRING, last4=STRING),
        "BankPayment": obj(["type"], type=STRING, iban=STRING),
        "Product": obj(["id"], id=STRING, name=STRING),
    },
)
SPEC["components"]["securitySchemes"] = {"key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}
SPEC["security"] = [{"key": []}]

CUSTOMER = {
    "id": "cus_1",
    "object": "customer",
    "email": "jenny@example.com",
    "currency": "eur",
    "address": {"city": "Paris", "line1": "1 rue", "postalCode": "75001"},
    "invoice": "in_1",
    "default_source": "card_1",
    "metadata": {"order": "6735"},
    "subscriptions": {"data": [], "has_more": False},
}


@pytest.fixture(scope="module")
def lazy(generate: Any) -> Generated:
    return generate(SPEC, "lazy", config={"resources": "paths"})


def run(cwd: Path, script: str) -> Any:
    """Runs `script` in a fresh interpreter in `cwd`; what it prints is JSON."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


LOADED = """
import json, sys
def loaded(kind):
    return sorted(m.split(".", 2)[2] for m in sys.modules if m.startswith(f"{PKG}.{kind}."))
"""


def call(generated: Generated, body: Any, code: str) -> Any:
    """Calls through `httpx.MockTransport` answering `body`, then runs `code` (`client`, `got`)."""
    script = f"""
    import httpx, json, sys
    PKG = {generated.package!r}
    {textwrap.indent(LOADED, "    ").strip()}
    import {generated.package} as pkg
    body = json.loads({json.dumps(json.dumps(body))})
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    client = pkg.{generated.client_class.__name__}(
        api_key="k", base_url="https://api.test", http_client=httpx.Client(transport=transport)
    )
    {textwrap.indent(textwrap.dedent(code), "    ").strip()}
    """
    return run(generated.out, script)


def test_import_and_a_client_load_no_resource_and_no_model(lazy: Generated) -> None:
    loaded = run(
        lazy.out,
        f"""
        import sys
        PKG = {lazy.package!r}
        {textwrap.indent(LOADED, "        ").strip()}
        import {lazy.package} as pkg
        pkg.{lazy.client_class.__name__}(api_key="k")
        print(json.dumps([loaded("resources"), loaded("models")]))
        """,
    )
    assert loaded == [[], []]


def test_one_call_loads_its_resource_and_only_the_models_its_data_holds(lazy: Generated) -> None:
    resources, models, got = call(
        lazy,
        CUSTOMER,
        """
        got = client.customers.retrieve("cus_1")
        print(json.dumps([loaded("resources"), loaded("models"), [type(got).__name__, got.invoice, got.address.postal_code]]))
        """,
    )
    assert resources == ["customers"]
    # The endpoint's response and error models with their leaves (an enum, an alias), and what the
    # body holds: an address, an empty list of subscriptions. The unexpanded invoice and source
    # are ids: nothing of theirs loads.
    assert models == ["address", "currency", "customer", "customer_object", "error", "subscription_list"]
    assert got == ["Customer", "in_1", "75001"]


def test_an_expanded_object_is_the_real_class_and_its_ids_load_nothing_more(lazy: Generated) -> None:
    expanded = {**CUSTOMER, "invoice": {"id": "in_1", "total": 5, "customer": "cus_1", "lines": [{"amount": 5}]}}
    models, got = call(
        lazy,
        expanded,
        """
        got = client.customers.retrieve("cus_1")
        invoice = got.invoice
        real = [type(invoice) is pkg.models.Invoice, type(invoice.lines[0]) is pkg.models.InvoiceLine, invoice.customer]
        print(json.dumps([loaded("models"), real]))
        """,
    )
    assert "invoice" in models and "invoice_line" in models
    assert not {"card", "bank_account", "product", "filter"} & set(models)
    assert got == [True, True, "cus_1"]


def test_models_are_reachable_as_attributes_and_imports(lazy: Generated) -> None:
    got = run(
        lazy.out,
        f"""
        import json
        import {lazy.package}.models as models
        from {lazy.package}.models import Invoice, CustomerObject
        print(json.dumps([
            models.Invoice is Invoice,
            Invoice.__module__,
            "Product" in dir(models),
            "Product" in models.__all__,
            CustomerObject.CUSTOMER.value,
            hasattr(models, "NoSuchModel"),
        ]))
        """,
    )
    assert got == [True, f"{lazy.package}.models.invoice", True, True, "customer", False]


def test_nested_errors_keep_their_locations(lazy: Generated) -> None:
    models = lazy.models
    with pytest.raises(pydantic.ValidationError) as raised:
        models.Invoice.model_validate({"id": "in_1", "total": 1, "lines": [{"amount": 1}, {"amount": "x"}]})
    assert [e["loc"] for e in raised.value.errors()] == [("lines", 1, "amount")]
    with pytest.raises(pydantic.ValidationError) as raised:
        models.Customer.model_validate({**CUSTOMER, "invoice": {"id": "in_1", "total": "x"}})
    locations = [e["loc"] for e in raised.value.errors()]
    # Pydantic names a member loaded when needed by its function, named as the class.
    assert locations == [("invoice", "str"), ("invoice", "function-plain[Invoice()]", "total")]


def test_strict_validation_reaches_nested_models(lazy: Generated, server: Server) -> None:
    strict = lazy.client(server, api_key="k", strict_response_validation=True)
    server.reply(json={**CUSTOMER, "address": {"city": "Paris", "undocumented": 1}})
    with pytest.raises(Exception, match="undocumented"):
        strict.customers.retrieve("cus_1")
    server.reply(json={**CUSTOMER, "address": {"city": "Paris", "undocumented": 1}})
    assert lazy.client(server, api_key="k").customers.retrieve("cus_1").address.model_extra == {"undocumented": 1}


def test_a_union_of_models_of_other_modules_picks_the_best_fit(lazy: Generated) -> None:
    bank = {"id": "ba_1", "bank_name": "STRIPE TEST BANK", "routing_number": "110000000", "last4": "6789"}
    customer = lazy.models.Customer.model_validate({**CUSTOMER, "default_source": bank})
    assert type(customer.default_source) is lazy.models.BankAccount
    card = {"id": "card_1", "brand": "Visa", "last4": "4242"}
    assert type(lazy.models.Customer.model_validate({**CUSTOMER, "default_source": card}).default_source) is lazy.models.Card


def test_a_tagged_union_of_lazily_loaded_members(lazy: Generated, server: Server) -> None:
    client = lazy.client(server, api_key="k")
    server.reply(json={"type": "bank", "iban": "FR76"})
    assert type(client.payments.list()) is lazy.models.BankPayment
    server.reply(json={"type": "card", "last4": "4242"})
    assert type(client.payments.list()) is lazy.models.CardPayment


def test_models_across_modules_dump_and_load_as_before(lazy: Generated) -> None:
    models = lazy.models
    customer = models.Customer.model_validate({**CUSTOMER, "password": "hunter2"})
    assert customer.model_dump(by_alias=True, exclude_none=True)["address"] == CUSTOMER["address"]
    again = models.Customer.model_validate_json(customer.model_dump_json(by_alias=True))
    assert again == customer and type(again.address) is models.Address
    assert customer.model_dump(mode="json")["address"]["postal_code"] == "75001"
    assert "hunter2" not in repr(customer) and "Paris" in repr(customer)
    # Each model once, a `$ref` where it is named (the customer too, inside its invoice).
    schema = models.Customer.model_json_schema()
    assert {"Address", "Customer", "Invoice", "InvoiceLine"} <= set(schema["$defs"])
    invoice = schema["$defs"]["Invoice"]["properties"]["customer"]["anyOf"]
    assert {"$ref": "#/$defs/Customer"} in invoice
    source = schema["$defs"]["Customer"]["properties"]["default_source"]["anyOf"]
    assert {"$ref": "#/$defs/Card"} in source and {"$ref": "#/$defs/BankAccount"} in source


def test_models_naming_each_other_across_modules(lazy: Generated, server: Server) -> None:
    models = lazy.models
    tree = {"kind": "and", "parts": [{"field": "a", "filter": {"kind": "or", "children": [{"kind": "leaf"}]}}]}
    parsed = models.Filter.model_validate(tree)
    assert type(parsed.parts[0].filter.children[0]) is models.Filter
    assert parsed.model_dump(exclude_none=True) == tree
    assert set(models.Filter.model_json_schema()["$defs"]) == {"Filter", "FilterPart"}
    server.reply(json=tree)
    assert lazy.client(server, api_key="k").filters.create(kind="and", parts=parsed.parts) == parsed
    assert json.loads(server.last.content) == tree


def test_novu_imports_lightly_and_a_call_loads_what_it_needs() -> None:
    """The committed Novu SDK: a client loads no model; one call loads its resource's."""
    out = ROOT / "generated"
    before, resources, models, model_count = run(
        out,
        """
        import httpx, json, sys, os
        def loaded(kind):
            return sorted(m.split(".", 2)[2] for m in sys.modules if m.startswith(f"novu.{kind}."))
        import novu
        body = {"data": {"_id": "s1", "subscriberId": "s1", "_organizationId": "o", "_environmentId": "e",
                "deleted": False, "createdAt": "2024-01-01", "updatedAt": "2024-01-01", "channels": []}}
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
        client = novu.Novu(api_key="k", http_client=httpx.Client(transport=transport))
        before = [loaded("resources"), loaded("models")]
        got = client.subscribers.retrieve("s1")
        count = len([f for f in os.listdir("novu/models") if f != "__init__.py"])
        print(json.dumps([before, loaded("resources"), loaded("models"), count]))
        """,
    )
    assert before == [[], []]
    assert resources == ["subscribers"]
    assert "subscriber_response_dto" in models
    assert len(models) < model_count / 4, models


def test_novu_import_leaves_what_a_call_may_never_use_unloaded() -> None:
    """`import novu` loads no event loop, no socket layer (a client's transport loads it) and
    none of the runtime's paging, streams and webhooks: the first that needs them does."""
    loaded = run(
        ROOT / "generated",
        """
        import json, sys
        import novu
        print(json.dumps(sorted(sys.modules)))
        """,
    )
    later = ("_pagination", "_streaming", "_sse", "_streamed_response", "_webhooks", "_loops")
    unwanted = {"asyncio", "anyio", "httpcore", *(f"novu._runtime.{m}" for m in later)}
    assert not unwanted & set(loaded)


def test_runtime_dataclasses_have_docstrings() -> None:
    """Without one, `@dataclass` writes it with `inspect.signature`, at import time (slow)."""
    missing = []
    for path in sorted((ROOT / "generator" / "runtime").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                "dataclass" in ast.unparse(d) for d in node.decorator_list
            ):
                if ast.get_docstring(node) is None:
                    missing.append(f"{path.name}: {node.name}")
    assert missing == []


@pytest.mark.slow
def test_stripe_loads_under_a_tenth_of_its_models_for_one_call(tmp_path: Path) -> None:
    spec = ROOT.parent / "shared" / "corpus" / "stripe-spec3-2021-09.yaml"
    if not spec.exists():
        pytest.skip("the shared corpus has no Stripe spec")
    out = tmp_path / "out"
    generated = subprocess.run(
        [sys.executable, "-m", "generator", str(spec), "-o", str(out), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert generated.returncode == 0, generated.stderr
    before, models, count = run(
        out,
        """
        import httpx, json, os, sys
        def loaded(kind):
            return sorted(m for m in sys.modules if m.startswith(f"stripe.{kind}."))
        import stripe
        body = {"id": "cus_1", "object": "customer", "created": 1, "livemode": False, "invoice_prefix": "A",
                "default_source": "card_1", "address": {"city": "Paris", "country": "FR", "line1": "1 rue",
                "line2": None, "postal_code": "75001", "state": None}, "metadata": {},
                "subscriptions": {"object": "list", "data": [], "has_more": False, "url": "/v1/x"}}
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
        client = stripe.Stripe(bearer_token="k", http_client=httpx.Client(transport=transport))
        before = [loaded("resources"), loaded("models")]
        client.customers.retrieve("cus_1")
        count = len([f for f in os.listdir("stripe/models") if f != "__init__.py"])
        print(json.dumps([before, loaded("models"), count]))
        """,
    )
    assert before == [[], []]
    # The resource's endpoints name cards and bank accounts; an unexpanded invoice loads nothing.
    assert "stripe.models.invoice" not in models and "stripe.models.address" in models
    assert len(models) < count / 10, (len(models), count)


MYPY_CHECKED = ("lazy",)


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
