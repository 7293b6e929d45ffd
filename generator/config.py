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

from . import customise, package_metadata, pointer, webhook_signing
from .diagnostics import Diagnostic, GenerationError
from .load.duplicates import duplicate_keys
from .load.yaml12 import Yaml12Loader, compose_yaml, load_yaml
from .package_metadata import LicenseFile
from .regular import NotRegularFile, read_regular
from .reserved import DEPENDENCIES, KEYWORDS, STDLIB_MODULES
from .webhook_signing import WebhookSigning

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
    secret_fields: tuple[str, ...] = ()  # `Schema.property` or `property` (wire names): masked
    envelope_key: str | None = None
    idempotency_header: str | None = None
    resources: str = "auto"
    webhook_signing: WebhookSigning | None = None  # None: Standard Webhooks
    # Operation (operationId, or `GET /path`) -> its pagination's keys, or None: paging off.
    pagination: Mapping[str, Mapping[str, Any] | None] = field(default_factory=dict)
    # Customisation (`customise`): headers every call sends, overlays applied to the spec (paths
    # as written, relative to this file), a directory of template overrides, renames by kind
    # (`customise.RENAME_KINDS`), and the team's modules re-exported from the package.
    default_headers: dict[str, str] = field(default_factory=dict)
    overlays: tuple[str, ...] = ()
    templates: str | None = None
    rename: dict[str, Any] = field(default_factory=dict)  # kind -> old -> new (parameters, properties: one level more)
    extra_exports: dict[str, tuple[str, ...]] = field(default_factory=dict)
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
_KNOWN = (
    *_STRING_KEYS,
    "auth_prefixes",
    "server_names",
    "webhook_signing",
    "pagination",
    "secret_fields",
    *customise.KEYS,
    *package_metadata.KEYS,
)


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
            at = _problem_pointer(str(key), problem, positions)
            line, col = positions.get(at, (0, 0))
            problems.append(Diagnostic(str(path), line, col, at, str(problem)))
    for key, problem in package_metadata.finish(values, path.parent):
        line, col = positions.get(pointer.join("", key), (0, 0))
        problems.append(Diagnostic(str(path), line, col, pointer.join("", key), problem))
    if problems:
        raise GenerationError(problems)
    return Config(**values, file=str(path), positions=positions)


def _problem_pointer(key: str, problem: str, positions: Mapping[str, tuple[int, int]]) -> str:
    """Where a problem is: the key, or the key inside its mapping it names (`webhook_signing`)."""
    at = pointer.join("", key)
    inner = getattr(problem, "key", "")
    return pointer.join(at, inner) if inner and pointer.join(at, inner) in positions else at


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
    """Where each key is written, by pointer, four levels down, and each item of a list (the
    first time, if twice)."""
    positions: dict[str, tuple[int, int]] = {}
    _record(root, "", positions, depth=4)  # `/rename/properties/<schema>/<property>`
    return positions


def _record(node: yaml.Node | None, at: str, positions: dict[str, tuple[int, int]], depth: int) -> None:
    for key_node, value in _pairs(node):
        inner = pointer.join(at, str(key_node.value))
        positions.setdefault(inner, _mark(key_node))
        if depth > 1:
            _record(value, inner, positions, depth - 1)
        if isinstance(value, yaml.SequenceNode):  # `/overlays/0`
            for index, item in enumerate(value.value):
                positions.setdefault(pointer.join(inner, str(index)), _mark(item))


def _pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check(key: object, value: Any) -> tuple[Any, str | None]:
    """(the value as `Config` takes it, None), or (None, what is wrong with it)."""
    if isinstance(key, str) and key in _STRING_KEYS:
        return _string(key, value)
    check = _checks().get(key) if isinstance(key, str) else None
    if check is None:
        return None, f"unknown config key {str(key)!r} (known: {', '.join(_KNOWN)})"
    return check(value)


def _checks() -> dict[str, Callable[[Any], tuple[Any, str | None]]]:
    """The check of each key that is not a plain string."""
    return {
        "auth_prefixes": _auth_prefixes,
        "server_names": _server_names,
        "webhook_signing": webhook_signing.check,
        "pagination": _pagination,
        "secret_fields": _secret_fields,
        **package_metadata.KEYS,
        **customise.KEYS,
    }


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


def _secret_fields(value: Any) -> tuple[Any, str | None]:
    """Fields masked when printed, besides those the spec and their names mark (`ir/secrets.py`)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return None, "config key 'secret_fields' must be a list of `Schema.property` or `property` names"
    return tuple(sorted(set(value))), None


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


_PAGINATION_KEYS = ("style", "param", "location", "limit", "items", "next", "has_more", "total", "id_field")
_PAGINATION_STYLES = ("offset", "page", "cursor", "id_cursor", "next_url", "link_header")


def _pagination(value: Any) -> tuple[Any, str | None]:
    """Operation -> `off` (or false), or a mapping: `style` and the names it needs. Whether the
    operation, its parameters and fields exist is checked against the spec (`ir/pagination`)."""
    if not isinstance(value, dict):
        return None, "config key 'pagination' must map operations (operationId or `GET /path`) to their pagination"
    entries: dict[str, Mapping[str, Any] | None] = {}
    for operation, entry in value.items():
        if entry is False or entry == "off":
            entries[str(operation)] = None
            continue
        problem = _pagination_entry(entry)
        if problem:
            return None, f"pagination[{str(operation)!r}]: {problem}"
        entries[str(operation)] = {str(k): str(v) for k, v in entry.items()}
    return entries, None


def _pagination_entry(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return "must be `off` or a mapping of " + ", ".join(_PAGINATION_KEYS)
    unknown = sorted(str(k) for k in entry if k not in _PAGINATION_KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (known: {', '.join(_PAGINATION_KEYS)})"
    if entry.get("style") not in _PAGINATION_STYLES:
        return f"`style` must be one of {', '.join(_PAGINATION_STYLES)}"
    if entry.get("location", "query") not in ("query", "body"):
        return "`location` must be query or body"
    if not all(isinstance(v, str) and v.strip() for v in entry.values()):
        return "every value must be a non-empty string"
    return None
