"""Every customisation at once on the Novu spec: an overlay (paths removed, a description
updated, an `x-` name added), renames in the config, default headers, the team's module (the
generated README's own subclassing example) re-exported from the root, and hooks seeing each
retry, sync and async; the package passes mypy --strict."""

from __future__ import annotations

import asyncio
import importlib
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import ROOT

from .support import Generated, Server, run_generator, run_mypy

PACKAGE = "feat_novu_custom"
OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "Novu, as our SDK shows it", "version": "1.0.0"},
    "actions": [
        {"target": "$.paths[?@.get.tags[0] == 'Changes' || @.post.tags[0] == 'Changes']", "remove": True},
        {"target": "$.paths['/v1/integrations'].get", "update": {"description": "Every integration of the environment."}},
        {"target": "$.paths['/v1/integrations/active'].get", "update": {"x-speakeasy-name-override": "active"}},
    ],
}
CONFIG = {
    "overlays": ["novu.overlay.yaml"],
    "rename": {
        "operations": {"IntegrationsController_listIntegrations": "all_integrations"},
        "models": {"StepFilter": "Condition"},
        "resources": {"workflow_groups": "groups"},
    },
    "default_headers": {"Novu-Api-Version": "2024-06-01"},
}


def _config(directory: Path, extra: dict[str, Any]) -> None:
    config = yaml.safe_load((ROOT / "specs" / "novu.generator.yaml").read_text(encoding="utf-8"))
    config.update(package=PACKAGE, **CONFIG, **extra)
    (directory / "novu.generator.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")


def _readme_example(readme: str) -> str:
    """The README's subclassing example, as a reader would copy it into the package."""
    found = re.search(r"```python\n# \w+/team\.py\n(.*?)```", readme, re.S)
    assert found, "no subclassing example in the README"
    return found.group(1)


@pytest.fixture(scope="module")
def novu(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp(PACKAGE)
    shutil.copy(ROOT / "specs" / "novu.yaml", root / "novu.yaml")
    (root / "novu.overlay.yaml").write_text(yaml.safe_dump(OVERLAY), encoding="utf-8")
    _config(root, {})
    out = root / "out"
    code, stderr = run_generator(root / "novu.yaml", out)
    assert code == 0, stderr
    (out / PACKAGE / "team.py").write_text(_readme_example((out / "README.md").read_text(encoding="utf-8")), encoding="utf-8")
    _config(root, {"extra_exports": {"team": ["TeamOrganizationsResource", "organizations"]}})
    code, stderr = run_generator(root / "novu.yaml", out)
    assert code == 0, stderr
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    return Generated(PACKAGE, out, importlib.import_module(PACKAGE), stderr)


def test_the_overlay_and_the_renames_shape_the_sdk(novu: Generated) -> None:
    client = novu.client_class(api_key="k")
    assert not hasattr(client, "changes")  # the overlay removed its paths
    integrations = type(client.integrations)
    assert "Every integration of the environment." in (integrations.all_integrations.__doc__ or "")
    assert callable(integrations.active) and not hasattr(integrations, "list_active")
    assert hasattr(client, "groups") and not hasattr(client, "workflow_groups")
    assert hasattr(novu.models, "Condition") and not hasattr(novu.models, "StepFilter")
    client.close()


def _novu_client(novu: Generated, server: Server, hooks: Any, asynchronous: bool = False) -> Any:
    server.reply(503, json={"message": "busy"}).reply(200, json={"data": []})
    make = novu.async_client if asynchronous else novu.client
    client = make(server, api_key="k", max_retries=1, hooks=hooks)
    client._sleep = (lambda _: asyncio.sleep(0)) if asynchronous else (lambda _: None)
    return client


def test_sync_hooks_see_each_retry_with_the_default_headers(novu: Generated, server: Server) -> None:
    seen: list[tuple[int, str | int]] = []

    def sign(request: httpx.Request, context: Any) -> None:
        seen.append((context.attempt, request.headers["Novu-Api-Version"]))
        request.headers["X-Signature"] = f"{request.headers['Authorization']}:{context.attempt}"

    def record(response: httpx.Response, context: Any) -> None:
        seen.append((context.attempt, response.status_code))

    client = _novu_client(novu, server, novu.module.Hooks(before_request=[sign], after_response=[record]))
    assert client.integrations.all_integrations() == []
    assert seen == [(1, "2024-06-01"), (1, 503), (2, "2024-06-01"), (2, 200)]
    assert [r.headers["X-Signature"] for r in server.requests] == ["ApiKey k:1", "ApiKey k:2"]


def test_async_hooks_see_each_retry(novu: Generated, server: Server) -> None:
    seen: list[tuple[str, int]] = []

    async def sign(request: httpx.Request, context: Any) -> None:
        seen.append((request.url.path, context.attempt))

    async def record(response: httpx.Response, context: Any) -> None:
        seen.append((str(response.status_code), context.attempt))

    async def call() -> Any:
        async with _novu_client(novu, server, novu.module.AsyncHooks(before_request=[sign], after_response=[record]), True) as client:
            return await client.integrations.all_integrations()

    assert asyncio.run(call()) == []
    assert seen == [("/v1/integrations", 1), ("503", 1), ("/v1/integrations", 2), ("200", 2)]


def test_the_readme_example_is_the_teams_module_re_exported(novu: Generated, server: Server) -> None:
    server.reply(204)
    client = novu.client(server, api_key="k")
    team = novu.module.organizations(client)
    assert isinstance(team, novu.module.TeamOrganizationsResource)
    assert team.health() == 204 and server.last.url.path == "/health"


def test_mypy_strict_over_the_customised_novu_sdk(novu: Generated, tmp_path: Path) -> None:
    assert run_mypy([novu], tmp_path / "cache") == {PACKAGE: []}
