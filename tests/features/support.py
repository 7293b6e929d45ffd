"""Helpers of the feature tests: a scripted fake server, the generated package, spec snippets."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

from generator.cli import main as generator_main

Answer = Callable[[httpx.Request], httpx.Response]


class Server:
    """An ``httpx.MockTransport`` handler: records each request and answers from a
    script, repeating the last answer once the script runs out (200 ``{}`` when
    nothing was scripted)."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._script: list[Answer] = []
        self._last: Answer = lambda _: httpx.Response(200, json={})

    def reply(
        self,
        status: int = 200,
        *,
        json: Any = None,
        content: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Server:
        def answer(request: httpx.Request) -> httpx.Response:
            if json is not None:
                return httpx.Response(status, json=json, headers=headers)
            return httpx.Response(status, content=content, headers=headers)

        self._script.append(answer)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self._script:
            self._last = self._script.pop(0)
        return self._last(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


@dataclass
class Generated:
    """One generated and imported package."""

    package: str
    out: Path
    module: ModuleType
    warnings: str
    clients: list[Any] = field(default_factory=list)

    @property
    def models(self) -> Any:
        return importlib.import_module(f"{self.package}.models")

    @property
    def client_class(self) -> Any:
        return getattr(self.module, self.module.__all__[0])

    @property
    def async_client_class(self) -> Any:
        return getattr(self.module, self.module.__all__[1])

    def client(self, server: Server, **options: Any) -> Any:
        """The sync client, sending to ``server`` without retries."""
        options.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(server)))
        options.setdefault("base_url", "https://api.test")
        options.setdefault("max_retries", 0)
        made = self.client_class(**options)
        self.clients.append(made)
        return made

    def async_client(self, server: Server, **options: Any) -> Any:
        options.setdefault("http_client", httpx.AsyncClient(transport=httpx.MockTransport(server)))
        options.setdefault("base_url", "https://api.test")
        options.setdefault("max_retries", 0)
        return self.async_client_class(**options)

    def source(self, relative: str) -> str:
        """A generated file's text, by path inside the package (``resources/pets.py``)."""
        return (self.out / self.package / relative).read_text(encoding="utf-8")

    def model_source(self, name: str) -> str:
        """The text of the models module that defines `name` (``Pet`` in ``models/pet.py``)."""
        module = getattr(self.models, name).__module__.rsplit(".", 1)[1]
        return self.source(f"models/{module}.py")


@dataclass
class Outcome:
    """Exit code and stderr of one generator run."""

    exit_code: int
    stderr: str


def write_spec(directory: Path, spec: dict[str, Any] | str, fmt: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        path = directory / f"spec.{fmt}"
        path.write_text(spec, encoding="utf-8")
    elif fmt == "yaml":
        path = directory / "spec.yaml"
        path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    else:
        path = directory / "spec.json"
        path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return path


def run_generator(spec_path: Path, out: Path, *extra: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = generator_main([str(spec_path), "-o", str(out), *extra])
    return code, stderr.getvalue()


def openapi(
    paths: dict[str, Any] | None = None,
    schemas: dict[str, Any] | None = None,
    *,
    version: str = "3.0.3",
    title: str = "Feature API",
    **extra: Any,
) -> dict[str, Any]:
    """A minimal OpenAPI document around ``paths`` and ``components.schemas``."""
    document: dict[str, Any] = {
        "openapi": version,
        "info": {"title": title, "version": "1.0.0"},
        "paths": paths or {},
    }
    components = dict(extra.pop("components", {}))
    if schemas:
        components["schemas"] = schemas
    if components:
        document["components"] = components
    document.update(extra)
    return document


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict[str, Any], media_type: str = "application/json") -> dict[str, Any]:
    return {"content": {media_type: {"schema": schema}}}


def ok(schema: dict[str, Any] | None = None, status: str = "200") -> dict[str, Any]:
    """A ``responses`` object with one response, JSON when ``schema`` is given."""
    response: dict[str, Any] = {"description": "ok"}
    if schema is not None:
        response.update(json_content(schema))
    return {status: response}


def run_mypy(generated: list[Generated], cache: Path) -> dict[str, list[str]]:
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(g.out) for g in generated)}
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--cache-dir",
        str(cache),
        "--no-error-summary",
    ]
    for g in generated:
        command += ["-p", g.package]
    result = subprocess.run(command, capture_output=True, text=True, cwd=cache.parent, env=env)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    errors: dict[str, list[str]] = {g.package: [] for g in generated}
    for line in lines:
        match = re.match(r"(?:.*[\\/])?(feat_[A-Za-z0-9_]+)[\\/]", line)
        errors.setdefault(match.group(1) if match else "?", []).append(line)
    if result.returncode not in (0, 1) or (result.returncode == 1 and not lines):
        errors.setdefault("?", []).append(
            f"mypy exited {result.returncode}: {result.stderr[-2000:]}"
        )
    return errors


def mypy_params(*names: str, xfail: dict[str, str] | None = None) -> list[Any]:
    """Parameters for a module's mypy test; ``xfail`` maps a fixture name to the reason."""
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=(xfail or {})[name]))
        if name in (xfail or {})
        else name
        for name in names
    ]
