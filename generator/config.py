"""The optional generator config file: what a spec cannot say (names, auth prefixes, envelopes).

Looked up next to the spec as `<spec stem>.generator.yaml` unless `--config` names one.
Every value is checked here, located by line, because some of them end up in the
generated package as they are (the distribution name in `pyproject.toml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from . import package_metadata, pointer
from .diagnostics import Diagnostic, GenerationError
from .load.duplicates import duplicate_keys
from .load.yaml12 import Yaml12Loader, compose_yaml, load_yaml
from .package_metadata import LicenseFile
from .regular import NotRegularFile, read_regular
from .reserved import DEPENDENCIES, KEYWORDS, STDLIB_MODULES

MAX_CONFIG_BYTES = 1024 * 1024


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
    resources: str = "auto"
    # The file read and where each key is written, by JSON pointer (`/auth_prefixes/api-key`):
    # some values can only be checked against the spec, once it is loaded.
    file: str = field(default="", compare=False)
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def diagnostic(self, at: str, message: str, level: Literal["error", "warning"] = "error") -> Diagnostic:
        """A problem with the value at pointer `at`, located at its key in the config file."""
        line, col = self.positions.get(at, (0, 0))
        return Diagnostic(self.file or "generator config", line, col, at, message, level)
    # What the published package says about itself (checked in `package_metadata`).
    license: str | None = None  # an SPDX expression
    license_file: LicenseFile | None = None
    authors: tuple[tuple[str | None, str | None], ...] = ()  # (name, email)
    homepage: str | None = None
    repository: str | None = None
    documentation: str | None = None
    keywords: tuple[str, ...] = ()
    classifiers: tuple[str, ...] | None = None  # None: the generator's defaults


_PACKAGE = re.compile(r"[a-z_][a-z0-9_]*")
_DISTRIBUTION = re.compile(r"[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")  # PEP 508 names
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_VERSION = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?")  # PEP 440, public, plain
_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP token (RFC 9110)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shadowed_module(package: str) -> str | None:
    """What a top-level package named `package` would shadow: a standard library module or a
    dependency of the generated package (`typing`, `email`, `httpx`), described; else None."""
    if package in STDLIB_MODULES:
        return f"the standard library module {package!r}"
    if package in DEPENDENCIES:
        return f"the dependency {package!r}"
    return None


def _text_check(pattern: re.Pattern[str] | None, what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if len(value) > 200:
            return "is longer than 200 characters"
        if pattern is not None and not pattern.fullmatch(value):
            return f"must be {what}"
        if pattern is None and _CONTROL.search(value):
            return "must not contain control characters or line breaks"
        if pattern is _PACKAGE and value in KEYWORDS:
            return "must not be a Python keyword"
        shadowed = shadowed_module(value) if pattern is _PACKAGE else None
        if shadowed is not None:
            return f"must not shadow {shadowed}: importing it would break"
        return None

    return check


_STRING_KEYS: dict[str, Callable[[str], str | None]] = {
    "package": _text_check(_PACKAGE, "a Python module name: lowercase letters, digits and _ (e.g. my_api)"),
    "distribution": _text_check(_DISTRIBUTION, "a PEP 508 distribution name: letters, digits, ., _ and - (e.g. my-api-client)"),
    "client": _text_check(_IDENTIFIER, "a Python class name: letters, digits and _ (e.g. MyApi)"),
    "env_prefix": _text_check(_IDENTIFIER, "an environment variable prefix: letters, digits and _ (e.g. MY_API)"),
    "package_version": _text_check(_VERSION, "a version such as 1.2.3"),
    "envelope_key": _text_check(None, "a JSON key"),
    "idempotency_header": _text_check(_HEADER, "an HTTP header name such as Idempotency-Key"),
    "resources": _text_check(re.compile("auto|paths|tags"), "auto, paths or tags"),
}
_KNOWN = (*_STRING_KEYS, "auth_prefixes", "server_names", *package_metadata.KEYS)


def default_config_path(spec_path: Path) -> Path:
    return spec_path.with_name(f"{spec_path.stem}.generator.yaml")


def load_config(path: Path | None, spec_path: Path, warnings: list[Diagnostic] | None = None) -> Config:
    """The config at `path`, or the one next to the spec if present, or defaults.

    A key written twice is an error, or with `warnings` (`--lenient`), a warning there."""
    if path is None:
        path = default_config_path(spec_path)
        if not path.exists():
            return Config()
    root, raw = _parse(path, _read(path))
    _duplicates(path, root, warnings)
    if raw is None:
        return Config()
    if not isinstance(raw, dict):
        raise _fail(path, "config must be a mapping of the keys " + ", ".join(_KNOWN), 1, 1)
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    positions = _key_positions(root)
    for key, value in raw.items():
        checked, problem = _check(key, value)
        if problem is None:
            values[key] = checked
        else:
            line, col = positions.get(pointer.join("", key), (0, 0))
            problems.append(Diagnostic(str(path), line, col, pointer.join("", key), problem))
    for key, problem in package_metadata.finish(values, path.parent):
        line, col = positions.get(pointer.join("", key), (0, 0))
        problems.append(Diagnostic(str(path), line, col, pointer.join("", key), problem))
    if problems:
        raise GenerationError(problems)
    return Config(**values, file=str(path), positions=positions)


def _duplicates(path: Path, root: yaml.Node | None, warnings: list[Diagnostic] | None) -> None:
    level: Literal["error", "warning"] = "error" if warnings is None else "warning"
    found = [Diagnostic(str(path), d.line, d.col, d.at, d.message, level) for d in duplicate_keys(root, Yaml12Loader)]
    if found and warnings is None:
        raise GenerationError(found)
    if warnings is not None:
        warnings.extend(found)


def _fail(path: Path, message: str, line: int = 0, col: int = 0) -> GenerationError:
    return GenerationError([Diagnostic(str(path), line, col, "", message)])


def _read(path: Path) -> str:
    """The config's text: a regular file, small, UTF-8."""
    try:
        if not path.exists():
            raise _fail(path, "config: no such file")
        data = read_regular(path, MAX_CONFIG_BYTES)
    except NotRegularFile:
        raise _fail(path, "config: not a regular file") from None
    except OSError as exc:
        raise _fail(path, f"cannot read config: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise _fail(path, f"config is larger than {MAX_CONFIG_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"config is not UTF-8 text (byte {exc.start})") from None


def _parse(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for the lines of keys) and the data."""
    try:
        return compose_yaml(text), load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise _fail(path, f"invalid YAML in config: {exc.problem or exc.context}", line, col) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _fail(path, f"invalid YAML in config: {detail}") from None


def _key_positions(root: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """Where each key is written, by pointer, down to the keys of `auth_prefixes` (the first
    time, if twice)."""
    positions: dict[str, tuple[int, int]] = {}
    for key_node, value in _pairs(root):
        at = pointer.join("", key_node.value)
        positions.setdefault(at, _mark(key_node))
        for inner, _ in _pairs(value):
            positions.setdefault(pointer.join(at, inner.value), _mark(inner))
    return positions


def _pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check(key: object, value: Any) -> tuple[Any, str | None]:
    """(the value as `Config` takes it, None), or (None, what is wrong with it)."""
    if isinstance(key, str) and key in _STRING_KEYS:
        return _string(key, value)
    if key == "auth_prefixes":
        return _auth_prefixes(value)
    if key == "server_names":
        return _server_names(value)
    if isinstance(key, str) and key in package_metadata.KEYS:
        return package_metadata.KEYS[key](value)
    return None, f"unknown config key {str(key)!r} (known: {', '.join(_KNOWN)})"


def _string(key: str, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, f"config key {key!r} must be a string"
    why = _STRING_KEYS[key](value)
    if why:
        return None, f"config key {key!r} {why}; got {value!r}"
    return value, None


def _auth_prefixes(value: Any) -> tuple[Any, str | None]:
    """Security scheme name -> the text put before its credential (`Bearer `): a header value."""
    if not isinstance(value, dict):
        return None, "config key 'auth_prefixes' must be a mapping of security scheme name to prefix"
    prefixes = {str(k): v for k, v in value.items()}
    bad = [k for k, v in prefixes.items() if not isinstance(v, str) or _CONTROL.search(v) or len(v) > 200]
    if bad:
        return None, f"auth_prefixes[{bad[0]!r}] must be a short string without control characters or line breaks"
    return prefixes, None


def _server_names(value: Any) -> tuple[Any, str | None]:
    """One name per server, in the spec's order: they become names in the client."""
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        return None, "config key 'server_names' must be a list of names"
    names = tuple(str(v) for v in value)
    if len(set(names)) != len(names):
        return None, "config key 'server_names' lists a name twice"
    if any(_CONTROL.search(n) or len(n) > 200 for n in names):
        return None, "server_names must be short names without control characters"
    return names, None
