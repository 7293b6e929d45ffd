"""The path rule on its own: which segments are mounts, resources and verbs."""

from __future__ import annotations

import pytest

from generator.ir.paths import PathResources, Placement

PATHS = {
    "/api/v2/projects": {"get", "post"},
    "/v1beta1/projects/{id}": {"get"},
    "/2.0/users/{username}": {"get"},
    "/2010-04-01/Accounts/{AccountSid}/Calls": {"get", "post"},
    "/v1/charges": {"get"},
    "/v1/charges/search": {"get"},
    "/v1/charges/{charge}/capture": {"post"},
    "/v1/charges/{charge}/dispute": {"get", "post"},
    "/v1/customers/{customer}/discount": {"delete"},
    "/v1/reports/run": {"post"},
    "/v1/api_keys": {"get"},
    "/v1": {"get"},
}


@pytest.mark.parametrize(
    ("path", "method", "expected"),
    [
        ("/api/v2/projects", "get", Placement(("projects",), "list")),
        ("/v1beta1/projects/{id}", "get", Placement(("projects",), "retrieve")),
        ("/2.0/users/{username}", "get", Placement(("users",), "retrieve")),
        (
            "/2010-04-01/Accounts/{AccountSid}/Calls",
            "post",
            Placement(("accounts", "calls"), "create"),
        ),
        ("/v1/charges/search", "get", Placement(("charges",), "search")),
        ("/v1/charges/{charge}/capture", "post", Placement(("charges",), "capture")),
        # Two operations: a resource, not a verb.
        ("/v1/charges/{charge}/dispute", "post", Placement(("charges", "dispute"), "create")),
        # A DELETE is never a verb.
        (
            "/v1/customers/{customer}/discount",
            "delete",
            Placement(("customers", "discount"), "delete"),
        ),
        # `/v1/reports` has no operations: `run` is a resource.
        ("/v1/reports/run", "post", Placement(("reports", "run"), "create")),
        # Only a leading run of mounts is dropped, and only whole segments.
        ("/v1/api_keys", "get", Placement(("api_keys",), "list")),
        ("/v1", "get", Placement((), None)),
    ],
)
def test_placement(path: str, method: str, expected: Placement) -> None:
    assert PathResources(PATHS).place(path, method) == expected


def test_a_long_segment_names_a_resource_short_enough_for_a_file_name() -> None:
    long = "segment_" * 40
    [name] = PathResources({f"/v1/{long}": {"get"}}).place(f"/v1/{long}", "get").group
    assert len(name) <= 100 and name.startswith("segment_segment")
