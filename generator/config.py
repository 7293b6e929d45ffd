"""The optional generator config file: what a spec cannot say (names, auth prefixes, envelopes).

Looked up next to the spec as `<spec stem>.generator.yaml` unless `--config` names one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, GenerationError


@dataclass(frozen=True)
class Config:
    package: str | None = None
    distribution: str | None = None
    client: str | None = None
    env_prefix: str | None = None
    package_version: str | None = None
    auth_prefixes: dict[str, str] = field(default_factory=dict)
    server_names: tuple[str, ...] = ()
    envelope_key: str | None = None
    idempotency_header: str | None = None


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "package": str,
    "distribution": str,
    "client": str,
    "env_prefix": str,
    "package_version": str,
    "auth_prefixes": dict,
    "server_names": list,
    "envelope_key": str,
    "idempotency_header": str,
}


def default_config_path(spec_path: Path) -> Path:
    return spec_path.with_name(f"{spec_path.stem}.generator.yaml")


def load_config(path: Path | None, spec_path: Path) -> Config:
    """The config at `path`, or the one next to the spec if present, or defaults."""
    if path is None:
        path = default_config_path(spec_path)
        if not path.exists():
            return Config()

    def fail(message: str, line: int = 0) -> GenerationError:
        return GenerationError([Diagnostic(str(path), line, 1 if line else 0, "", message)])

    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise fail(f"cannot read config: {exc.strerror}") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise fail(f"invalid YAML in config: {exc.problem}", line) from None
    if raw is None:
        return Config()
    if not isinstance(raw, dict):
        raise fail("config must be a mapping")
    problems = []
    for key, value in raw.items():
        expected = _FIELDS.get(key)
        if expected is None:
            problems.append(f"unknown config key {key!r} (known: {', '.join(_FIELDS)})")
        elif not isinstance(value, expected):
            problems.append(f"config key {key!r} must be a {getattr(expected, '__name__', expected)}")
    if problems:
        raise GenerationError([Diagnostic(str(path), 0, 0, "", p) for p in problems])
    values = dict(raw)
    if "server_names" in values:
        values["server_names"] = tuple(str(v) for v in values["server_names"])
    if "auth_prefixes" in values:
        values["auth_prefixes"] = {str(k): str(v) for k, v in values["auth_prefixes"].items()}
    return Config(**values)
