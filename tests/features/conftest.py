"""Feature tests: a small spec written in the test is generated, imported and driven.

Each test module builds its packages once (module-scoped fixtures calling
``generate``), calls the generated client against ``httpx.MockTransport`` and
checks what went on the wire and what came back. Every package a module builds
is also type-checked with ``mypy --strict``, in one mypy run per module (see
``mypy_errors``).

Package names are unique per test session (``feat_<name>``, set through the
``<stem>.generator.yaml`` config beside the spec), so the generated modules never
clash in ``sys.modules``.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml

from .support import Generated, Outcome, Server, run_generator, run_mypy, write_spec

_USED_NAMES: set[str] = set()


@pytest.fixture(scope="module")
def generate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Generated]]:
    """``generate(spec, name)``: generate ``spec`` (a dict, or raw text) as package
    ``feat_<name>``, import it and return it.

    ``config`` adds keys to the generator config; ``fmt`` is ``json`` or ``yaml``;
    ``args`` are extra command-line arguments (``--lenient``). The specs here are small and
    mostly untagged: they keep their operationId method names (``resources: tags``) so that each
    module tests its construct; ``test_resources_from_paths`` tests the default (``auto``).
    """
    made: list[Generated] = []

    def _generate(
        spec: dict[str, Any] | str,
        name: str,
        *,
        config: dict[str, Any] | None = None,
        fmt: str = "json",
        args: tuple[str, ...] = (),
    ) -> Generated:
        package = f"feat_{name}"
        assert package not in _USED_NAMES, f"package name {package} used twice in this session"
        _USED_NAMES.add(package)
        root = tmp_path_factory.mktemp(package)
        spec_path = write_spec(root / "spec", spec, fmt)
        settings = {"package": package, "resources": "tags", **(config or {})}
        (spec_path.parent / f"{spec_path.stem}.generator.yaml").write_text(
            yaml.safe_dump(settings), encoding="utf-8"
        )
        out = root / "out"
        code, stderr = run_generator(spec_path, out, *args)
        assert code == 0, f"generation failed ({code}):\n{stderr}"
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        assert (out / package / "__init__.py").exists(), (
            f"no package {package} in {sorted(out.iterdir())}"
        )
        sys.path.insert(0, str(out))
        importlib.invalidate_caches()
        module = importlib.import_module(package)
        generated = Generated(package, out, module, stderr)
        made.append(generated)
        return generated

    yield _generate
    for generated in made:
        for client in generated.clients:
            client.close()
        with contextlib.suppress(ValueError):
            sys.path.remove(str(generated.out))


@pytest.fixture(scope="module")
def run_cli(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Outcome]:
    """Runs the generator on a spec without importing anything: its exit code and stderr."""

    def _run(
        spec: dict[str, Any] | str, *, fmt: str = "json", args: tuple[str, ...] = ()
    ) -> Outcome:
        root = tmp_path_factory.mktemp("refused")
        spec_path = write_spec(root / "spec", spec, fmt)
        code, stderr = run_generator(spec_path, root / "out", *args)
        return Outcome(code, stderr)

    return _run


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture(scope="module")
def mypy_errors(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """``mypy --strict`` over every package the module lists in ``MYPY_CHECKED``
    (names of its package fixtures), in one run; the error lines by fixture name."""
    names: tuple[str, ...] = request.module.MYPY_CHECKED
    generated = {name: request.getfixturevalue(name) for name in names}
    found = run_mypy(list(generated.values()), tmp_path_factory.mktemp("mypy") / "cache")
    unattributed = found.get("?", [])
    return {name: found[g.package] + unattributed for name, g in generated.items()}
