"""Spec file -> document: YAML (C loader when present) or JSON, with `$ref`s into other files bundled in.

Source positions are not kept on the fast path: the document is plain dicts and
lists, and `Spec.locate` re-reads the text for line numbers only when an error
needs one.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from .diagnostics import Diagnostic, GenerationError, escape_pointer_token

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader without timestamp resolution: dates in examples stay the strings they were."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SpecLoader.yaml_implicit_resolvers.items()
}

MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Spec:
    """The loaded document and enough of its source to say where things are."""

    path: Path
    document: dict[str, Any]
    text: str
    _positions: dict[str, tuple[int, int]] | None = field(default=None, repr=False)

    def locate(self, pointer: str) -> tuple[int, int]:
        """(line, col) of the node at `pointer`, or of its nearest located ancestor."""
        if self._positions is None:
            self._positions = _positions(self.text)
        while pointer:
            if pointer in self._positions:
                return self._positions[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return self._positions.get("", (1, 1))

    def diagnostic(self, pointer: str, message: str, level: str = "error") -> Diagnostic:
        line, col = self.locate(pointer)
        return Diagnostic(
            str(self.path), line, col, pointer, message, "warning" if level == "warning" else "error"
        )


def load(path: Path) -> Spec:
    """Read, parse and bundle a spec; raise GenerationError with a located message on failure."""
    text = _read(path)
    document = _parse(path, text)
    if not isinstance(document, dict):
        raise GenerationError(
            [Diagnostic(str(path), 1, 1, "", "not an OpenAPI document: the top level is not a mapping")]
        )
    document = _stringify_keys(document)
    spec = Spec(path, document, text)
    if "openapi" not in document and "swagger" not in document:
        raise GenerationError(
            [spec.diagnostic("", "not an OpenAPI document: no `openapi` or `swagger` key")]
        )
    _Bundler(spec).run()
    return spec


def _read(path: Path) -> str:
    def fail(message: str) -> GenerationError:
        return GenerationError([Diagnostic(str(path), 0, 0, "", message)])

    if not path.exists():
        raise fail("no such file")
    if not path.is_file():
        raise fail("not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"file is {size} bytes; specs over {MAX_BYTES} bytes are refused")
        data = path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise fail("file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start})") from None


def _parse(path: Path, text: str) -> Any:
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if path.suffix.lower() == ".json":
                raise GenerationError(
                    [Diagnostic(str(path), exc.lineno, exc.colno, "", f"invalid JSON: {exc.msg}")]
                ) from None
    try:
        return yaml.load(text, Loader=_SpecLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise GenerationError(
            [Diagnostic(str(path), line, col, "", f"invalid YAML: {exc.problem or exc}")]
        ) from None
    except yaml.YAMLError as exc:
        raise GenerationError([Diagnostic(str(path), 0, 0, "", f"invalid YAML: {exc}")]) from None


def _stringify_keys(node: Any) -> Any:
    """YAML reads `200:` as an int and `yes:` as a bool; OpenAPI keys are always strings."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if any(not isinstance(k, str) for k in current):
                items = list(current.items())
                current.clear()
                for key, value in items:
                    current[_yaml_key(key)] = value
            stack.extend(v for v in current.values() if isinstance(v, (dict, list)))
        elif isinstance(current, list):
            stack.extend(v for v in current if isinstance(v, (dict, list)))
    return node


def _yaml_key(key: object) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _positions(text: str) -> dict[str, tuple[int, int]]:
    """Pointer -> (line, col) for every node, from the YAML composer (JSON is YAML enough)."""
    try:
        root = yaml.compose(text, Loader=_SpecLoader)
    except yaml.YAMLError:
        return {}
    positions: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    while stack:
        pointer, node = stack.pop()
        positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = f"{pointer}/{escape_pointer_token(str(key_node.value))}"
                positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((child, value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((f"{pointer}/{i}", item) for i, item in enumerate(node.value))
    return positions


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The node at a JSON pointer; KeyError when there is none."""
    node = document
    for raw in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
        token = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node


class _Bundler:
    """Pulls `$ref`s to other files into the root document, so later stages see one document.

    A schema from another file becomes a component schema of the root (named after
    its own component name, or the file); anything else is inlined. URLs are refused.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.files: dict[Path, Any] = {spec.path.resolve(): spec.document}
        self.bundled: dict[tuple[Path, str], str] = {}
        self.errors: list[Diagnostic] = []

    def run(self) -> None:
        self._walk(self.spec.document, self.spec.path.resolve(), "")
        if self.errors:
            raise GenerationError(self.errors)

    def _walk(self, node: Any, base: Path, pointer: str) -> None:
        root = self.spec.path.resolve()
        stack: list[tuple[Any, Path, str]] = [(node, base, pointer)]
        while stack:
            current, base, where = stack.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str) and (not ref.startswith("#") or base != root):
                    replacement = self._external(ref, base, where)
                    if replacement is not None:
                        current.clear()
                        current.update(replacement)
                    if "$ref" in current and str(current["$ref"]).startswith("#"):
                        continue
                for key, value in current.items():
                    if isinstance(value, (dict, list)):
                        stack.append((value, base, f"{where}/{escape_pointer_token(key)}"))
            elif isinstance(current, list):
                stack.extend(
                    (v, base, f"{where}/{i}") for i, v in enumerate(current) if isinstance(v, (dict, list))
                )

    def _external(self, ref: str, base: Path, where: str) -> dict[str, Any] | None:
        location, _, fragment = ref.partition("#")
        if "://" in location:
            self.errors.append(
                self.spec.diagnostic(where, f"$ref to a URL is not fetched: {ref!r}; download it next to the spec")
            )
            return None
        target_file = (base.parent / unquote(location)).resolve() if location else base
        if target_file not in self.files:
            try:
                text = _read(target_file)
                self.files[target_file] = _stringify_keys(_parse(target_file, text))
            except GenerationError as exc:
                self.errors.append(
                    self.spec.diagnostic(where, f"$ref {ref!r}: {exc.diagnostics[0].message}")
                )
                return None
        try:
            target = resolve_pointer(self.files[target_file], fragment)
        except KeyError:
            self.errors.append(self.spec.diagnostic(where, f"$ref {ref!r} points at nothing in that file"))
            return None
        key = (target_file, fragment)
        parts = fragment.strip("/").split("/")
        if len(parts) == 3 and parts[:2] == ["components", "schemas"] or not fragment.strip("/"):
            if key not in self.bundled:
                schemas = self.spec.document.setdefault("components", {}).setdefault("schemas", {})
                name = parts[-1] if fragment.strip("/") else target_file.stem
                while name in schemas:
                    name += "_"
                self.bundled[key] = name
                schemas[name] = copy.deepcopy(target)
                self._walk(schemas[name], target_file, f"/components/schemas/{escape_pointer_token(name)}")
            return {"$ref": f"#/components/schemas/{escape_pointer_token(self.bundled[key])}"}
        inlined = copy.deepcopy(target)
        self._walk(inlined, target_file, where)
        return inlined if isinstance(inlined, dict) else None
