"""Resources from the paths: a spec without tags or groups, or with one tag for everything,
gets `client.accounts.bank_accounts.retrieve(account, id)` from
`GET /v1/accounts/{account}/bank_accounts/{id}`, not one flat client of operationIds.
Tags and `x-speakeasy-group` still name the resources wherever a spec uses more than one."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
import pytest

from .support import Generated, Server, mypy_params, ok, openapi

OBJECT = {"type": "object", "properties": {"id": {"type": "string"}}}


def path_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def op(
    operation_id: str | None = None, tags: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": ok(OBJECT), **extra}
    if operation_id is not None:
        operation["operationId"] = operation_id
    if tags is not None:
        operation["tags"] = tags
    return operation


def stripe_like(tags: list[str] | None = None) -> dict[str, Any]:
    """Stripe's layout: `/v1` before every path, operationIds spelled from the path, no tags
    (or the given ones on every operation)."""

    def o(operation_id: str) -> dict[str, Any]:
        return op(operation_id, tags)

    return openapi(
        paths={
            "/v1/accounts": {"get": o("GetAccounts"), "post": o("PostAccounts")},
            "/v1/accounts/{account}": {
                "parameters": [path_param("account")],
                "get": o("GetAccountsAccount"),
                "post": o("PostAccountsAccount"),
                "delete": o("DeleteAccountsAccount"),
            },
            "/v1/accounts/{account}/bank_accounts": {
                "parameters": [path_param("account")],
                "get": o("GetAccountsAccountBankAccounts"),
                "post": o("PostAccountsAccountBankAccounts"),
            },
            "/v1/accounts/{account}/bank_accounts/{id}": {
                "parameters": [path_param("account"), path_param("id")],
                "get": o("GetAccountsAccountBankAccountsId"),
                "put": o("PutAccountsAccountBankAccountsId"),
                "delete": o("DeleteAccountsAccountBankAccountsId"),
            },
            "/v1/payment_intents/{intent}": {
                "parameters": [path_param("intent")],
                "get": o("GetPaymentIntentsIntent"),
                "patch": o("PatchPaymentIntentsIntent"),
            },
            "/v1/payment_intents/{intent}/confirm": {
                "parameters": [path_param("intent")],
                "post": o("PostPaymentIntentsIntentConfirm"),
            },
            "/v1/charges": {"get": o("GetCharges")},
            "/v1/charges/search": {"get": o("GetChargesSearch")},
            "/v1/customers/{customer}/discount": {
                "parameters": [path_param("customer")],
                "delete": o("DeleteCustomersCustomerDiscount"),
            },
            "/v1/billing_portal/sessions": {"post": o("PostBillingPortalSessions")},
        }
    )


# method path on the client -> (HTTP method, the path it sends for arguments "a", "b")
STRIPE_METHODS = {
    "accounts.list": ("GET", "/v1/accounts"),
    "accounts.create": ("POST", "/v1/accounts"),
    "accounts.retrieve": ("GET", "/v1/accounts/a"),
    "accounts.update": ("POST", "/v1/accounts/a"),
    "accounts.delete": ("DELETE", "/v1/accounts/a"),
    "accounts.bank_accounts.list": ("GET", "/v1/accounts/a/bank_accounts"),
    "accounts.bank_accounts.create": ("POST", "/v1/accounts/a/bank_accounts"),
    "accounts.bank_accounts.retrieve": ("GET", "/v1/accounts/a/bank_accounts/b"),
    "accounts.bank_accounts.update": ("PUT", "/v1/accounts/a/bank_accounts/b"),
    "accounts.bank_accounts.delete": ("DELETE", "/v1/accounts/a/bank_accounts/b"),
    "payment_intents.retrieve": ("GET", "/v1/payment_intents/a"),
    "payment_intents.update": ("PATCH", "/v1/payment_intents/a"),
    "payment_intents.confirm": ("POST", "/v1/payment_intents/a/confirm"),
    "charges.list": ("GET", "/v1/charges"),
    "charges.search": ("GET", "/v1/charges/search"),
    "customers.discount.delete": ("DELETE", "/v1/customers/a/discount"),
    "billing_portal.sessions.create": ("POST", "/v1/billing_portal/sessions"),
}

# No operationIds, mounted under /api/v2, one tag for everything, one name override.
MOUNTED = openapi(
    paths={
        "/api/v2/projects": {"get": op(tags=["default"]), "post": op(tags=["default"])},
        "/api/v2/projects/{projectId}": {
            "parameters": [path_param("projectId")],
            "get": op(tags=["default"]),
            "delete": op(tags=["default"], **{"x-speakeasy-name-override": "remove"}),
        },
        "/api/v2/projects/{projectId}/archive": {
            "parameters": [path_param("projectId")],
            "post": op(tags=["default"]),
        },
        "/api/v2": {"get": op("getRoot", tags=["default"])},
    }
)

# Two tags: they name the resources; the untagged operation stays on the client as before.
MIXED = openapi(
    paths={
        "/v1/users": {"get": op("listUsers", ["users"])},
        "/v1/users/{id}": {"parameters": [path_param("id")], "get": op("getUser", ["users"])},
        "/v1/teams": {"get": op("listTeams", ["teams"])},
        "/v1/health": {"get": op("getHealth")},
    }
)

# One group named by x-speakeasy-group: the spec names its groups, so paths do not.
GROUPED = openapi(
    paths={
        "/v1/users": {"get": op("listUsers", **{"x-speakeasy-group": "people"})},
        "/v1/teams": {"get": op("listTeams")},
    }
)

# Two paths that both want `charges.list`, and a verb that wants a sub-resource's name.
COLLIDING = openapi(
    paths={
        "/v2/charges": {"get": op("listLegacyCharges")},
        "/v1/charges": {"get": op("listChargesV1")},
        "/items/{id}/tags": {"parameters": [path_param("id")], "post": op("tagItem")},
        "/items/tags": {"get": op("listItemTags"), "post": op("createItemTag")},
        "/items/{id}": {"parameters": [path_param("id")], "get": op("getItem")},
    }
)

MYPY_CHECKED = ["stripe", "mounted"]


@pytest.fixture(scope="module")
def stripe(generate: Any) -> Generated:
    return generate(stripe_like(), "paths_stripe_like", config={"resources": "auto"})


@pytest.fixture(scope="module")
def mounted(generate: Any) -> Generated:
    return generate(MOUNTED, "paths_mounted", config={"resources": "auto"})


def method_at(client: Any, dotted: str) -> Any:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def call(generated: Generated, dotted: str) -> httpx.Request:
    server = Server()
    method = method_at(generated.client(server), dotted)
    parameters = inspect.signature(method).parameters.values()
    positional = [
        p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty
    ]
    method(*["a", "b"][: len(positional)])
    return server.last


@pytest.mark.parametrize("dotted", sorted(STRIPE_METHODS))
def test_an_untagged_spec_gets_resources_and_methods_from_its_paths(
    stripe: Generated, dotted: str
) -> None:
    request = call(stripe, dotted)
    assert (request.method, request.url.path) == STRIPE_METHODS[dotted]


def test_path_parameters_are_positional_in_path_order(stripe: Generated) -> None:
    retrieve = method_at(stripe.client(Server()), "accounts.bank_accounts.retrieve")
    assert list(inspect.signature(retrieve).parameters)[:2] == ["account", "id"]


def test_the_client_has_no_flat_operation_id_methods(stripe: Generated) -> None:
    client = stripe.client(Server())
    assert not hasattr(client, "get_accounts_account_bank_accounts_id")
    assert not hasattr(client, "v1")
    assert "warning" not in stripe.warnings


def test_one_tag_for_everything_and_a_mount_give_resources_from_the_paths(
    mounted: Generated,
) -> None:
    client = mounted.client(Server())
    assert not hasattr(client, "default") and not hasattr(client, "api")
    for dotted, expected in {
        "projects.list": ("GET", "/api/v2/projects"),
        "projects.create": ("POST", "/api/v2/projects"),
        "projects.retrieve": ("GET", "/api/v2/projects/a"),
        "projects.archive": ("POST", "/api/v2/projects/a/archive"),
        "projects.remove": ("DELETE", "/api/v2/projects/a"),  # the operation's own name wins
        "get_root": ("GET", "/api/v2"),  # no resource in the path: named as before
    }.items():
        request = call(mounted, dotted)
        assert (request.method, request.url.path) == expected, dotted


def test_a_spec_with_two_tags_keeps_them_and_its_untagged_operations_stay_on_the_client(
    generate: Any,
) -> None:
    mixed = generate(MIXED, "paths_mixed", config={"resources": "auto"})
    client = mixed.client(Server())
    assert call(mixed, "users.list_users").url.path == "/v1/users"
    assert call(mixed, "users.get_user").url.path == "/v1/users/a"
    assert call(mixed, "teams.list_teams").url.path == "/v1/teams"
    assert call(mixed, "get_health").url.path == "/v1/health"
    assert not hasattr(client, "health")


def test_a_spec_naming_one_group_keeps_tags_and_groups(generate: Any) -> None:
    grouped = generate(GROUPED, "paths_grouped", config={"resources": "auto"})
    assert call(grouped, "people.list_users").url.path == "/v1/users"
    assert call(grouped, "list_teams").url.path == "/v1/teams"


def test_resources_paths_and_tags_override_the_choice(generate: Any) -> None:
    by_paths = generate(MIXED, "paths_forced", config={"resources": "paths"})
    assert call(by_paths, "users.retrieve").url.path == "/v1/users/a"
    assert call(by_paths, "health.list").url.path == "/v1/health"
    by_tags = generate(stripe_like(), "paths_off", config={"resources": "tags"})
    assert (
        call(by_tags, "get_accounts_account_bank_accounts_id").url.path
        == "/v1/accounts/a/bank_accounts/b"
    )


def test_collisions_go_by_pointer_with_a_warning(generate: Any) -> None:
    colliding = generate(COLLIDING, "paths_colliding", config={"resources": "auto"})
    # /paths/~1v1~1charges sorts first: it keeps `list`; /v2 falls back to its operationId.
    assert call(colliding, "charges.list").url.path == "/v1/charges"
    assert call(colliding, "charges.list_legacy_charges").url.path == "/v2/charges"
    # The sub-resource `items.tags` keeps its name; the verb `tags` takes its operationId.
    assert call(colliding, "items.tags.list").url.path == "/items/tags"
    assert call(colliding, "items.tag_item").url.path == "/items/a/tags"
    assert "'list' is taken on charges; named 'list_legacy_charges'" in colliding.warnings
    assert "'tags' is taken on items; named 'tag_item'" in colliding.warnings


def test_a_tagged_spec_is_unchanged(generate: Any) -> None:
    """Every operation under one of several tags: the tags name the resources, operationIds the methods."""
    tagged = stripe_like()
    for path, item in tagged["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                item[method]["tags"] = ["payments" if "payment" in path else "core"]
    generated = generate(tagged, "paths_tagged", config={"resources": "auto"})
    assert (
        call(generated, "core.get_accounts_account_bank_accounts_id").url.path
        == "/v1/accounts/a/bank_accounts/b"
    )
    assert (
        call(generated, "payments.post_payment_intents_intent_confirm").url.path
        == "/v1/payment_intents/a/confirm"
    )


@pytest.mark.parametrize("package", mypy_params(*MYPY_CHECKED))
def test_generated_code_passes_mypy_strict(package: str, mypy_errors: dict[str, list[str]]) -> None:
    assert mypy_errors[package] == []
