"""A spec file as read: its text (bounded), its document (YAML or JSON), and where each node is;
for a spec split over files, each file read (`Source`) and which part of the document came
from where, so that a problem is reported in the file it is written in.

Source positions are not kept on the fast path: the document is plain dicts and
lists, and `Spec.locate` re-reads the text for line numbers only when an error
needs one. YAML is read as YAML 1.2, with the C loader when present (`yaml12`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .. import pointer
from ..diagnostics import Diagnostic, GenerationError
from ..regular import NotRegularFile, read_regular
from .duplicates import duplicate_keys
from .json_positions import JsonPositions, NotJson
from .limits import MAX_DEPTH, MAX_NODES, Budget
from .normalize import yaml_key as _yaml_key
from .yaml12 import Yaml12Loader

_JSON_START = re.compile(r"\s*[\[{]")


class _SpecLoader(Yaml12Loader):
    """YAML 1.2 (`yaml12`): dates in examples and `yes`/`no`/`NO` stay the strings they were.

    It notes whether a mapping may have held a key twice (`duplicates` then says where)."""

    repeats_keys = False

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value) or not all(type(k) is str for k in mapping) and _keys_collide(mapping):
            self.repeats_keys = True
        return mapping


def _keys_collide(mapping: dict[Any, Any]) -> bool:
    """Whether two keys become one as JSON strings (`yes` and "true", `200` and "200")."""
    try:
        keys = {k if type(k) is str else _yaml_key(k) for k in mapping if isinstance(k, (str, int, float, bool, type(None)))}
    except ValueError:  # an integer too long to write: `normalize` refuses it
        return False
    return len(keys) != len(mapping)


@dataclass
class Source:
    """One file as read: the path it is shown by, its text, and the digest of its bytes (the
    run cache is keyed on the digests of every file a load read)."""

    path: Path
    text: str
    digest: str
    _positions: dict[str, tuple[int, int]] | None = field(default=None, repr=False)
    _json: JsonPositions | None = field(default=None, repr=False)

    def locate(self, at: str) -> tuple[int, int]:
        """(line, col) of the node at pointer `at`, or of its nearest located ancestor.

        Nothing is computed until a problem is located. JSON is scanned along the pointer
        only (`JsonPositions`); YAML (and text the scanner finds is not JSON) is composed
        once, for every pointer."""
        if self._positions is None and _JSON_START.match(self.text):
            try:
                return self._locate_json(at)
            except NotJson:
                pass
        if self._positions is None:
            self._positions = positions(self.text)
        while at:
            if at in self._positions:
                return self._positions[at]
            at = pointer.parent(at)
        return self._positions.get("", (1, 1))

    def _locate_json(self, at: str) -> tuple[int, int]:
        if self._json is None:
            self._json = JsonPositions(self.text)
        while (found := self._json.find(at)) is None:
            at = pointer.parent(at)
        return found

    def diagnostic(self, at: str, message: str, level: str = "error") -> Diagnostic:
        line, col = self.locate(at)
        return Diagnostic(
            str(self.path), line, col, at, message, "warning" if level == "warning" else "error"
        )


# A file the load tried to read, for the run cache: (its path, its resolved path, the digest
# of its bytes, or "" when it could not be read).
Input = tuple[str, str, str]


@dataclass
class Spec:
    """The loaded document and enough of its sources to say where things are.

    `origins` maps a place in the document that was copied in from another file (by `bundle`)
    to that file and the pointer there: a problem found under it is reported in that file.
    """

    path: Path
    document: dict[str, Any]
    text: str
    sources: dict[Path, Source] = field(default_factory=dict, repr=False)
    origins: dict[str, tuple[Path, str]] = field(default_factory=dict, repr=False)
    inputs: list[Input] = field(default_factory=list, repr=False)
    warnings: list[Diagnostic] = field(default_factory=list, repr=False)
    _root: Source | None = field(default=None, repr=False)

    def locate(self, at: str) -> tuple[int, int]:
        """(line, col) of the node at pointer `at` in the spec's own file."""
        return self.root.locate(at)

    @property
    def root(self) -> Source:
        if self._root is None:
            self._root = Source(self.path, self.text, "")
        return self._root

    def diagnostic(self, at: str, message: str, level: str = "error") -> Diagnostic:
        """A problem at `at`, reported in the file the node there was written in."""
        source, where = self.root, at
        if self.origins:
            place = at
            while place and place not in self.origins:
                place = pointer.parent(place)
            if place in self.origins:
                file, there = self.origins[place]
                source, where = self.sources[file], there + at[len(place) :]
        return source.diagnostic(where, message, level)


class Unreadable(GenerationError):
    """A file the system will not read (no permission, a name too long, a link loop): a `$ref`
    to it is where that is said."""


def fail(path: Path, message: str, line: int = 0, col: int = 0) -> GenerationError:
    """A problem with the file as a whole (it has no pointer yet): unreadable, unparsable."""
    return GenerationError([Diagnostic(str(path), line, col, "", message)])


# --- bytes -> text ---------------------------------------------------------------------------


def read_source(path: Path, budget: Budget, shown: Path | None = None, *, text: bool = False) -> Source:
    """The file as a `Source` shown as `shown` (else `path`); its bytes are taken from `budget`,
    and refused past a limit. A spec may not be empty; `text` (a description's file) may."""
    shown = path if shown is None else shown
    limit, which = budget.file_limit()
    data = _read_bytes(path, limit, shown)
    if len(data) > limit:
        raise fail(shown, f"too large: {which} may hold at most {limit // (1024 * 1024)} MiB")
    budget.bytes -= len(data)
    if not text and not data.strip():
        raise fail(shown, "file is empty")
    return Source(shown, _decode(shown, data), hashlib.sha256(data).hexdigest())


def _read_bytes(path: Path, limit: int, shown: Path) -> bytes:
    """At most `limit + 1` bytes of a regular file: its size can lie (/proc, FUSE)."""
    try:
        if not path.exists():
            raise fail(shown, "no such file")
        return read_regular(path, limit)
    except NotRegularFile:
        raise fail(shown, "not a regular file") from None
    except OSError as exc:
        raise Unreadable(fail(shown, f"cannot read: {exc.strerror or exc}").diagnostics) from None


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); anything else is refused where its first bad byte is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise fail(path, message, line, col) from None


# --- text -> document ------------------------------------------------------------------------


def parse(path: Path, text: str, warnings: list[Diagnostic] | None = None) -> Any:
    """The document in `text`: JSON when it looks like JSON and parses as such, else YAML.

    A key written twice in a mapping is an error; a warning added to `warnings` when given
    (`--lenient`: the last one is kept, as the parsers do)."""
    document, repeats_keys = None, False
    if text.lstrip().startswith(("{", "[")):
        document, repeats_keys = _parse_json(path, text)
    if document is None:
        document, repeats_keys = _parse_yaml(path, text)
    if repeats_keys:
        _duplicates(path, text, warnings)
    return document


def _parse_json(path: Path, text: str) -> tuple[Any, bool]:
    """The JSON document (None when it does not parse but may be YAML, not in a `.json` file),
    and whether an object repeats a key.

    JSON goes first because it is faster, and because a YAML parser refuses JSON it should
    read (tab indentation, surrogate pair escapes).
    """
    repeated: list[bool] = []

    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated.append(True)
        return result

    try:
        return json.loads(text, object_pairs_hook=mapping), bool(repeated)
    except json.JSONDecodeError as exc:
        if path.suffix.lower() == ".json":
            raise fail(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        return None, False
    except RecursionError:
        raise _nested_too_deeply(path) from None
    except ValueError as exc:  # an integer with more digits than Python converts
        raise _value_error(path, text, exc, "JSON") from None


def _parse_yaml(path: Path, text: str) -> tuple[Any, bool]:
    loader = _SpecLoader(text)
    try:
        return loader.get_single_data(), loader.repeats_keys
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(path, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _unreadable_character(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise fail(path, f"invalid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise _nested_too_deeply(path) from None
    except ValueError as exc:  # an integer with more digits than Python converts
        raise _value_error(path, text, exc, "YAML") from None
    finally:
        loader.dispose()


def _duplicates(path: Path, text: str, warnings: list[Diagnostic] | None) -> None:
    """Report the keys written twice: raise them as errors, or add them to `warnings`."""
    level: Literal["error", "warning"] = "error" if warnings is None else "warning"
    root = _compose(text)
    found = [Diagnostic(str(path), d.line, d.col, d.at, d.message, level) for d in duplicate_keys(root, _SpecLoader)]
    if root is None:  # JSON that YAML cannot read: no lines to give
        found = [Diagnostic(str(path), 0, 0, "", "an object has a key twice; only the last one would be kept", level)]
    if not found:  # a YAML merge overrode a key: allowed
        return
    if warnings is None:
        raise GenerationError(found)
    warnings.extend(found)


def _yaml_error(path: Path, exc: yaml.MarkedYAMLError) -> GenerationError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or exc.context or "cannot parse"
    if "nesting depth" in problem:
        problem += f" (more than {MAX_DEPTH} levels are refused anyway)"
    return fail(path, f"invalid YAML: {problem}", line, col)


def _unreadable_character(path: Path, text: str, exc: yaml.reader.ReaderError) -> GenerationError:
    """A character YAML does not allow (a control character), named by its code point."""
    line, col = _line_col(text, exc.position)
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return fail(path, f"invalid YAML: {exc.reason} (U+{char:04X})", line, col)


def _nested_too_deeply(path: Path) -> GenerationError:
    return fail(path, f"nested too deeply: more than {MAX_DEPTH} levels are refused")


def _value_error(path: Path, text: str, exc: ValueError, kind: str) -> GenerationError:
    long_number = re.search(r"\d{4000,}", text)
    if "digits" in str(exc) and long_number:
        line, col = _line_col(text, long_number.start())
        message = f"invalid {kind}: a number with too many digits; quote it as a string"
        return fail(path, message, line, col)
    return fail(path, f"invalid {kind}: {exc}")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- pointer -> (line, col) ------------------------------------------------------------------


def positions(text: str) -> dict[str, tuple[int, int]]:
    """Pointer -> (line, col) for every node, from the YAML composer (JSON is YAML enough).

    Children are visited last first. A node shared through an alias is located at its anchor,
    and what is inside it under the place visited first: `bundle` and `refs` visit places in
    the same order, so a problem inside a shared node is reported where it is located.
    """
    root = _compose(text)
    found: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, yaml.Node]] = [("", root)] if root is not None else []
    expanded: set[int] = set()
    while stack and len(found) < 4 * MAX_NODES:
        at, node = stack.pop()
        found[at] = _start(node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and id(node) not in expanded:
            expanded.add(id(node))
            stack.extend(_children(node, at, found))
    return found


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_SpecLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def _start(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _children(
    node: yaml.MappingNode | yaml.SequenceNode, at: str, found: dict[str, tuple[int, int]]
) -> list[tuple[str, yaml.Node]]:
    """The children of a node with their pointers. A value is placed at its key until it is
    visited itself (which it always is, short of the limit on positions)."""
    if isinstance(node, yaml.SequenceNode):
        return [(pointer.join(at, i), item) for i, item in enumerate(node.value)]
    children = []
    for key_node, value_node in node.value:
        child = pointer.join(at, key_node.value)
        found[child] = _start(key_node)
        children.append((child, value_node))
    return children
