"""Spec file -> document: YAML (C loader when present) or JSON, with `$ref`s into other files bundled in.

Source positions are not kept on the fast path: the document is plain dicts and
lists, and `Spec.locate` re-reads the text for line numbers only when an error
needs one.

Everything here treats the input as hostile. A document is bounded in bytes,
in values (after YAML aliases are expanded) and in nesting depth; YAML values
that are not JSON data (`!!binary`, `!!set`, an alias inside itself) are refused;
`$ref`s are only followed to files inside the spec's own directory, never to
URLs; every `$ref` must point at something, and a chain of `$ref`s must end in
something that is not a `$ref`. Each problem is a located `Diagnostic`.
"""

from __future__ import annotations

import copy
import json
import re
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

MAX_BYTES = 64 * 1024 * 1024  # one file
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # the spec and every file it refers to
MAX_NODES = 1_000_000  # values in all files, YAML aliases expanded (Novu has 8k, Asana 46k)
MAX_DEPTH = 128  # nesting of mappings and lists (real specs stay under 20)
MAX_REF_DEPTH = 64  # files referring to files referring to files...
MAX_REF_CHAIN = 100  # a `$ref` to a `$ref` to a `$ref`...
MAX_ERRORS = 50

_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")
_JSON_SCALARS = (str, int, float, bool, type(None))
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


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
    budget = _Budget()
    text = _read(path, budget)
    document = _parse(path, text)
    if not isinstance(document, dict):
        raise GenerationError(
            [Diagnostic(str(path), 1, 1, "", "not an OpenAPI document: the top level is not a mapping")]
        )
    spec = Spec(path, document, text)
    problems = _normalize(document, budget, surrogates=bool(_ESCAPED_SURROGATE.search(text)))
    if problems:
        raise GenerationError([spec.diagnostic(pointer, message) for pointer, message in problems])
    if "openapi" not in document and "swagger" not in document:
        raise GenerationError(
            [spec.diagnostic("", "not an OpenAPI document: no `openapi` or `swagger` key")]
        )
    _Bundler(spec, budget).run()
    _check_refs(spec)
    return spec


@dataclass
class _Budget:
    """What is left of the byte and value limits, shared by every file one spec pulls in."""

    bytes: int = field(default_factory=lambda: MAX_TOTAL_BYTES)
    nodes: int = field(default_factory=lambda: MAX_NODES)


def _read(path: Path, budget: _Budget | None = None) -> str:
    def fail(message: str) -> GenerationError:
        return GenerationError([Diagnostic(str(path), 0, 0, "", message)])

    try:
        if not path.exists():
            raise fail("no such file")
        if not path.is_file():
            raise fail("not a regular file")
        limit = min(MAX_BYTES, budget.bytes) if budget else MAX_BYTES
        with path.open("rb") as stream:  # read at most limit + 1 bytes: sizes can lie (/proc, FUSE)
            data = stream.read(limit + 1)
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        which = "one spec file" if limit == MAX_BYTES else "a spec and the files it refers to"
        raise fail(f"too large: {which} may hold at most {limit // (1024 * 1024)} MiB")
    if budget:
        budget.bytes -= len(data)
    if not data.strip():
        raise fail("file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise GenerationError(
            [Diagnostic(str(path), line, col, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")]
        ) from None


def _parse(path: Path, text: str) -> Any:
    def fail(line: int, col: int, message: str) -> GenerationError:
        return GenerationError([Diagnostic(str(path), line, col, "", message)])

    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if path.suffix.lower() == ".json":
                raise fail(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from None
        except RecursionError:
            raise fail(0, 0, f"nested too deeply: more than {MAX_DEPTH} levels are refused") from None
        except ValueError as exc:  # an integer with more digits than Python converts
            raise _value_error(path, text, exc, "JSON") from None
    try:
        return yaml.load(text, Loader=_SpecLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "cannot parse"
        if "nesting depth" in problem:
            problem += f" (more than {MAX_DEPTH} levels are refused anyway)"
        raise fail(line, col, f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise fail(line, col, f"invalid YAML: {exc.reason} (U+{char:04X})") from None
    except yaml.YAMLError as exc:
        raise fail(0, 0, f"invalid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise fail(0, 0, f"nested too deeply: more than {MAX_DEPTH} levels are refused") from None
    except ValueError as exc:  # an integer with more digits than Python converts
        raise _value_error(path, text, exc, "YAML") from None


def _value_error(path: Path, text: str, exc: ValueError, kind: str) -> GenerationError:
    long_number = re.search(r"\d{4000,}", text)
    if "digits" in str(exc) and long_number:
        line, col = _line_col(text, long_number.start())
        return GenerationError(
            [Diagnostic(str(path), line, col, "", f"invalid {kind}: a number with too many digits; quote it as a string")]
        )
    return GenerationError([Diagnostic(str(path), 0, 0, "", f"invalid {kind}: {exc}")])


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- the shape of the document -----------------------------------------------------------

_Link = tuple[Any, object, Any]  # (parent link, key in the parent, the parent container)


def _pointer(link: _Link | None) -> str:
    tokens: list[str] = []
    while link is not None:
        link, key, _ = link
        tokens.append(escape_pointer_token(str(key)))
    return "".join("/" + t for t in reversed(tokens))


def _normalize(document: Any, budget: _Budget, surrogates: bool = False) -> list[tuple[str, str]]:
    """Make `document` plain JSON data in place and check its size; (pointer, message) problems.

    YAML reads `200:` as an int key and `yes:` as a bool; OpenAPI keys are always
    strings. Values must be JSON scalars. Mappings and lists may be shared (YAML
    aliases) but not contain themselves, and count once per place they appear.
    With `surrogates`, strings are checked for lone UTF-16 surrogates (JSON `"\\ud800"`),
    which are not text and could not be written out.
    """
    problems: list[tuple[str, str]] = []
    too_deep = False
    seen: set[int] = set()
    stack: list[tuple[Any, _Link | None, int]] = [(document, None, 0)]
    while stack and len(problems) < MAX_ERRORS:
        value, link, depth = stack.pop()
        budget.nodes -= 1
        if budget.nodes < 0:
            problems.append(
                (_pointer(link), f"too large: more than {MAX_NODES} values (YAML aliases count once per use)")
            )
            break
        if isinstance(value, (dict, list)):
            if id(value) in seen:
                ancestor = link
                while ancestor is not None and ancestor[2] is not value:
                    ancestor = ancestor[0]
                if ancestor is not None:
                    problems.append((_pointer(link), "a YAML alias that contains itself: the document would be infinite"))
                    continue
            seen.add(id(value))
            if depth >= MAX_DEPTH:
                if not too_deep:  # once is enough: the rest are as deep or deeper
                    too_deep = True
                    problems.append(
                        (_pointer(link), f"nested deeper than {MAX_DEPTH} levels; move inner schemas to components")
                    )
                continue
            if isinstance(value, dict):
                if surrogates and any(_SURROGATE.search(k) for k in value if isinstance(k, str)):
                    problems.append((_pointer(link), "a key holds a lone UTF-16 surrogate (\\ud800-\\udfff): not text"))
                    continue
                if any(not isinstance(k, str) for k in value):
                    bad = next((k for k in value if not isinstance(k, _JSON_SCALARS)), None)
                    if bad is not None:
                        problems.append((_pointer(link), f"a key of type {type(bad).__name__} is not allowed: {bad!r}"))
                        continue
                    items = list(value.items())
                    value.clear()
                    for key, item in items:
                        value[_yaml_key(key)] = item
                stack.extend((item, (link, key, value), depth + 1) for key, item in value.items())
            else:
                stack.extend((item, (link, i, value), depth + 1) for i, item in enumerate(value))
        elif surrogates and isinstance(value, str) and _SURROGATE.search(value):
            problems.append((_pointer(link), "a string holds a lone UTF-16 surrogate (\\ud800-\\udfff): not text"))
        elif not isinstance(value, _JSON_SCALARS):
            kind = type(value).__name__
            problems.append(
                (_pointer(link), f"a YAML {kind} value is not JSON data (a !!binary, !!set or !!timestamp tag?); quote it")
            )
    return problems


def _yaml_key(key: object) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _positions(text: str) -> dict[str, tuple[int, int]]:
    """Pointer -> (line, col) for every node, from the YAML composer (JSON is YAML enough)."""
    try:
        root = yaml.compose(text, Loader=_SpecLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    positions: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    expanded: set[int] = set()  # an alias is located where it is used, but expanded once
    while stack and len(positions) < 4 * MAX_NODES:
        pointer, node = stack.pop()
        positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in expanded:
                continue
            expanded.add(id(node))
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
    node, problem = _follow(document, pointer)
    if problem is not None:
        raise KeyError(pointer)
    return node


def _missing_part(document: Any, pointer: str) -> str:
    """Why `pointer` resolves to nothing: `no 'Pet' in /components/schemas`."""
    return _follow(document, pointer)[1] or "nothing there"


def _follow(document: Any, pointer: str) -> tuple[Any, str | None]:
    """Walk a JSON pointer: (the node, None), or (None, which step found nothing)."""
    node, found = document, ""
    for raw in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
        token = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None, f"no {token!r} in {found or 'the document'}"
        found += f"/{raw}"
    return node, None


# --- $refs -----------------------------------------------------------------------------------


class _Bundler:
    """Pulls `$ref`s to other files into the root document, so later stages see one document.

    A schema from another file becomes a component schema of the root (named after
    its own component name, or the file); anything else is inlined. URLs and files
    outside the spec's directory are refused.
    """

    def __init__(self, spec: Spec, budget: _Budget) -> None:
        self.spec = spec
        self.budget = budget
        self.root = spec.path.resolve()
        self.files: dict[Path, Any] = {self.root: spec.document}
        self.bundled: dict[tuple[Path, str], str] = {}
        self.inlining: list[tuple[Path, str]] = []
        self.errors: list[Diagnostic] = []

    def run(self) -> None:
        self._walk(self.spec.document, self.root, "")
        if self.errors:
            raise GenerationError(self.errors[:MAX_ERRORS])

    def _walk(self, node: Any, base: Path, pointer: str) -> None:
        stack: list[tuple[Any, Path, str]] = [(node, base, pointer)]
        while stack:
            current, base, where = stack.pop()
            if isinstance(current, dict):
                ref = current.get("$ref")
                if isinstance(ref, str) and (not ref.startswith("#") or base != self.root):
                    replacement = self._external(ref, base, where)
                    if replacement is not None:  # already walked, or a local $ref
                        current.clear()
                        current.update(replacement)
                    continue
                for key, value in current.items():
                    if isinstance(value, (dict, list)):
                        stack.append((value, base, f"{where}/{escape_pointer_token(key)}"))
            elif isinstance(current, list):
                stack.extend(
                    (v, base, f"{where}/{i}") for i, v in enumerate(current) if isinstance(v, (dict, list))
                )

    def _error(self, where: str, base: Path, message: str) -> None:
        if base != self.root:
            message += f" (in {base.name})"
        self.errors.append(self.spec.diagnostic(where, message))

    def _external(self, ref: str, base: Path, where: str) -> dict[str, Any] | None:
        location, _, fragment = ref.partition("#")
        if _URL.match(location):
            self._error(where, base, f"$ref to a URL is refused, nothing is fetched: {ref!r}; save the file next to the spec and refer to it by a relative path")
            return None
        if fragment and not fragment.startswith("/"):
            self._error(where, base, f"$ref {ref!r}: the part after # must be a JSON pointer such as #/components/schemas/Name")
            return None
        try:
            target_file = (base.parent / unquote(location)).resolve() if location else base
        except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop, a name too long
            self._error(where, base, f"$ref {ref!r} does not name a file that can be read")
            return None
        if not target_file.is_relative_to(self.root.parent):
            self._error(where, base, f"$ref {ref!r} leaves the spec's directory; only files beside the spec or below it are read")
            return None
        if target_file == self.root:
            return {"$ref": "#" + fragment}
        if target_file not in self.files:
            try:
                text = _read(target_file, self.budget)
                document = _parse(target_file, text)
            except GenerationError as exc:
                self._error(where, base, f"$ref {ref!r}: {exc.diagnostics[0]}")
                self.files[target_file] = None
                return None
            problems = _normalize(document, self.budget, surrogates=bool(_ESCAPED_SURROGATE.search(text)))
            if problems:
                pointer, message = problems[0]
                self._error(where, base, f"$ref {ref!r}: {target_file.name} at {pointer or '/'}: {message}")
                self.files[target_file] = None
                return None
            self.files[target_file] = document
        if self.files[target_file] is None:  # reported when first read
            return None
        try:
            target = resolve_pointer(self.files[target_file], fragment)
        except KeyError:
            self._error(where, base, f"$ref {ref!r} points at nothing: {_missing_part(self.files[target_file], fragment)} of {target_file.name}")
            return None
        if not isinstance(target, dict):
            self._error(where, base, f"$ref {ref!r} points at a {type(target).__name__}, not an object")
            return None
        key = (target_file, fragment)
        parts = fragment.strip("/").split("/")
        is_schema = len(parts) == 3 and parts[:2] == ["components", "schemas"] or len(parts) == 2 and parts[0] == "definitions"
        if is_schema or not fragment.strip("/") or key in self.inlining:
            # A schema (or anything that refers to itself, which only a schema can do) is bundled once.
            if key not in self.bundled:
                schemas = self.spec.document.setdefault("components", {}).setdefault("schemas", {})
                if not isinstance(schemas, dict):
                    self._error(where, base, "components/schemas is not a mapping")
                    return None
                name = parts[-1] if fragment.strip("/") else target_file.stem
                name = unquote(name).replace("~1", "/").replace("~0", "~") or "Schema"
                while name in schemas:
                    name += "_"
                self.bundled[key] = name
                schemas[name] = copy.deepcopy(target)
                self._nested(key, schemas[name], target_file, f"/components/schemas/{escape_pointer_token(name)}", where, base)
            return {"$ref": f"#/components/schemas/{escape_pointer_token(self.bundled[key])}"}
        inlined = copy.deepcopy(target)
        self._nested(key, inlined, target_file, where, where, base)
        return inlined

    def _nested(self, key: tuple[Path, str], node: Any, file: Path, pointer: str, where: str, base: Path) -> None:
        if len(self.inlining) >= MAX_REF_DEPTH:
            self._error(where, base, f"$refs across files nest deeper than {MAX_REF_DEPTH} levels")
            return
        self.inlining.append(key)
        try:
            self._walk(node, file, pointer)
        finally:
            self.inlining.pop()


def _check_refs(spec: Spec) -> None:
    """Every local `$ref` points at something, and no chain of `$ref`s comes back to itself.

    Run before validation: the validator follows `$ref`s itself and fails with
    a Python exception (or a RecursionError) on either.
    """
    document = spec.document
    errors: list[Diagnostic] = []
    reported_loops: set[frozenset[str]] = set()
    stack: list[tuple[Any, str]] = [(document, "")]
    expanded: set[int] = set()
    while stack and len(errors) < MAX_ERRORS:
        node, where = stack.pop()
        if isinstance(node, dict):
            if id(node) in expanded:  # shared through a YAML alias: checked where first met
                continue
            expanded.add(id(node))
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                chain = [ref]
                target: Any = node
                while isinstance(target, dict) and isinstance(target.get("$ref"), str):
                    current = target["$ref"]
                    if not current.startswith("#"):
                        break
                    try:
                        target = resolve_pointer(document, current[1:])
                    except KeyError:
                        if current == ref:
                            errors.append(spec.diagnostic(f"{where}/$ref", f"unresolved $ref {ref!r}: {_missing_part(document, ref[1:])}"))
                        break  # a broken link further on is reported where it is written
                    following = target.get("$ref") if isinstance(target, dict) else None
                    if isinstance(following, str) and following in chain:
                        loop = frozenset(chain[chain.index(following):])
                        if loop not in reported_loops:
                            reported_loops.add(loop)
                            cycle = " -> ".join([*chain[chain.index(following):], following])
                            errors.append(spec.diagnostic(f"{where}/$ref", f"$ref chain loops with no schema in it: {cycle}"))
                        break
                    if isinstance(following, str):
                        chain.append(following)
                        if len(chain) > MAX_REF_CHAIN:
                            errors.append(spec.diagnostic(f"{where}/$ref", f"a chain of more than {MAX_REF_CHAIN} $refs"))
                            break
            stack.extend((v, f"{where}/{escape_pointer_token(k)}") for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, f"{where}/{i}") for i, v in enumerate(node) if isinstance(v, (dict, list)))
    if errors:
        raise GenerationError(sorted(errors))
