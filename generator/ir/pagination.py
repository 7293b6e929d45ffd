"""Pass 5 (beside `finish`): each list operation's pagination, or none, first match wins:
1. the config's `pagination` entry for the operation (`off` turns paging off);
2. a vendor extension (`x-speakeasy-pagination`, `x-fern-pagination`; read in `extensions`);
3. inference from the spec: the paging parameters, the response's list, cursor, next URL
   and flag fields, and a declared `Link` header; only what is unambiguous, and never for
   an operation that returns no list.
A config entry naming what the operation lacks is an error located in the config; an
extension that cannot be followed a warning at the spec (the method returns one page).
What was decided, and what looked pageable but was left alone (and why), is counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from .. import pointer as jp
from ..config import Config
from ..diagnostics import Diagnostic
from .extensions import WrittenPagination
from .operations import OperationSpec
from .paging_fields import Fields, fields_of, normal
from .types import (
    PAGINATION_STYLES,
    NullableType,
    Operation,
    Pagination,
    PrimitiveType,
    Schema,
    TypeNode,
)

ConfigReport = Callable[[Diagnostic], None]
Report = Callable[[str, str, Literal["error", "warning"]], None]

_CURSOR_PARAMS = frozenset({"cursor", "pagetoken", "nexttoken", "continuationtoken", "startcursor", "pagecursor", "after", "nextpagetoken"})
_OFFSET_PARAMS = frozenset({"offset", "skip"})
_PAGE_PARAMS = frozenset({"page", "pagenumber", "pageno", "pagenum"})
_LIMIT_PARAMS = frozenset({"limit", "perpage", "pagesize", "size", "maxresults", "take", "pagelimit", "maxitems"})
_PAGING_PARAMS = _CURSOR_PARAMS | _OFFSET_PARAMS | _PAGE_PARAMS | {"startingafter", "endingbefore"}

_NEXT_CURSOR = frozenset({"nextcursor", "nextpagetoken", "nexttoken", "continuationtoken", "endcursor"})
_NEXT_URL = frozenset({"nextpageuri", "nextpageurl", "nexturl", "nextlink", "odatanextlink"})
_HAS_MORE = frozenset({"hasmore", "more", "hasnextpage", "hasnext"})
_TOTAL = frozenset({"total", "totalcount", "totalresults", "totalitems"})
_TOTAL_PAGES = frozenset({"totalpages", "pagecount", "numpages"})
_PAGE_FIELD = frozenset({"page", "currentpage", "pagenumber"})


@dataclass
class PagingSummary:
    """What the pass decided over the whole API: counts by (source, style), and the
    operations that look pageable but were left alone, with why."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    left_alone: list[tuple[str, str]] = field(default_factory=list)  # (operation, why)


class Paging:
    """Decides each operation's pagination; `finish_config` then reports config entries
    that named no operation."""

    def __init__(
        self, config: Config, table: Mapping[str, Schema], report: Report, config_report: ConfigReport, level: Literal["error", "warning"] = "error"
    ) -> None:
        """`level`: of what the config names that the spec lacks (a warning for `diff`)."""
        self.config, self.table, self.report, self.config_report = config, table, report, config_report
        self.level = level
        self.summary = PagingSummary()
        self._matched: set[str] = set()
        self._fields: dict[TypeNode | None, Fields] = {}  # by return type: many operations share one

    def decide(self, spec: OperationSpec, op: Operation) -> Pagination | None:
        entry_key = next((k for k in (spec.operation_id, f"{spec.method} {spec.path}") if k in self.config.pagination), None)
        if op.return_type not in self._fields:
            self._fields[op.return_type] = fields_of(op.return_type, self.table)
        found = self._fields[op.return_type]
        if entry_key is not None:
            self._matched.add(entry_key)
            decided = self._from_config(entry_key, op, found)
        elif spec.pagination is not None:
            decided = self._from_extension(spec, spec.pagination, op, found)
        else:
            decided = self._inferred(spec, op, found)
        if decided is not None:
            self.summary.counts[decided.source, decided.style] += 1
        return decided

    def finish_config(self) -> None:
        for key in sorted(set(self.config.pagination) - self._matched):
            message = f"pagination: no operation {key!r} (name it by operationId or as `GET /path`)"
            self.config_report(self.config.diagnostic(jp.join("/pagination", key), message, self.level))

    def _from_config(self, key: str, op: Operation, found: Fields) -> Pagination | None:
        raw = self.config.pagination[key]
        if raw is None:
            return None
        at = jp.join("/pagination", key)
        written = WrittenPagination(pointer=at, **raw)
        resolved, problem = resolve(written, op, found, "config")
        if problem is not None:
            where, message = problem
            self.config_report(self.config.diagnostic(jp.join(at, where) if where else at, f"pagination of {key!r}: {message}", self.level))
        return resolved

    def _from_extension(self, spec: OperationSpec, written: WrittenPagination, op: Operation, found: Fields) -> Pagination | None:
        """What the extension describes; one that names only a style is followed when
        inference, unambiguous, finds that style."""
        if written.style_only:
            inferred, _ = infer(spec, op, found)
            if inferred is None or inferred.style != written.style:
                self.report(written.pointer, f"pagination not understood (no unambiguous {written.style} pagination found); the method returns one page", "warning")
                return None
            written = replace(inferred, pointer=written.pointer)
        resolved, problem = resolve(written, op, found, "extension")
        if problem is not None:
            self.report(written.pointer, f"pagination not understood ({problem[1]}); the method returns one page", "warning")
        return resolved

    def _inferred(self, spec: OperationSpec, op: Operation, found: Fields) -> Pagination | None:
        written, why = infer(spec, op, found)
        if written is None:
            if why is not None:
                self.summary.left_alone.append((f"{spec.method} {spec.path}", why))
            return None
        resolved, problem = resolve(written, op, found, "inference")
        if problem is not None:
            self.summary.left_alone.append((f"{spec.method} {spec.path}", problem[1]))
        return resolved


# --- resolving a written description against the operation --------------------------------


Problem = tuple[str, str]  # (the entry's key at fault, what is wrong)


def resolve(
    written: WrittenPagination, op: Operation, found: Fields, source: Literal["config", "extension", "inference"]
) -> tuple[Pagination | None, Problem | None]:
    """The pagination `written` describes, with every name checked against `op`."""
    if written.style not in PAGINATION_STYLES:
        return None, ("style", f"style {written.style!r} is not one of {', '.join(PAGINATION_STYLES)}")
    items = found.list_at(written.items) if written.items else found.only_list()
    if items is None:
        return None, ("items", f"no list of items at {written.items or 'the top level or a single list field'}")
    arguments = _arguments(op)
    (param, location), param_problem = _parameter(written, arguments)
    paths, path_problem = _paths(written, found)
    if param_problem or path_problem:
        return None, param_problem or path_problem
    pagination = Pagination(
        style=written.style,
        source=source,
        items_path=items[0],
        item_type=items[1],
        param=param,
        location=location,
        limit_param=written.limit,
        next_path=paths["next"],
        has_more_path=paths["has_more"],
        total_path=paths["total"],
        id_field=written.id_field or "id",
    )
    return _settled(pagination, op, found, arguments), None


def _paths(written: WrittenPagination, found: Fields) -> tuple[dict[str, tuple[str, ...]], Problem | None]:
    """The response fields `written` names, each found in the response; the flag and the
    total it leaves out, found by their usual names."""
    paths: dict[str, tuple[str, ...]] = {}
    for key, path in (("next", written.next), ("has_more", written.has_more), ("total", written.total)):
        located = found.path(path) if path else ()
        if located is None:
            return paths, (key, f"the response has no field {path}")
        paths[key] = located
    if written.style in ("cursor", "next_url") and not paths["next"]:
        return paths, ("next", f"a {written.style} needs the response field that holds the next one")
    return _with_usual_fields(paths, written.style, found), None


def _with_usual_fields(paths: dict[str, tuple[str, ...]], style: str, found: Fields) -> dict[str, tuple[str, ...]]:
    """The `has_more` flag and the total, when not named, found by their usual names."""
    totals = _TOTAL_PAGES if style == "page" else _TOTAL
    paths["has_more"] = paths["has_more"] or found.unique(_HAS_MORE, "bool") or ()
    paths["total"] = paths["total"] or found.unique(totals, "number") or ()
    return paths


def _settled(pagination: Pagination, op: Operation, found: Fields, arguments: Mapping[str, str]) -> Pagination:
    """What a page-number or id-cursor pagination also needs: where numbering starts, the
    page number the server reports, the parameter that pages backwards."""
    if pagination.style == "page":
        return replace(
            pagination,
            page_path=found.unique(_PAGE_FIELD, "number") or (),
            first_page=_first_page(op, pagination.param),
            next_path=pagination.next_path or found.unique(frozenset({"nextpage"}), "number") or (),
        )
    if pagination.style == "id_cursor":
        reverse = next((name for name in arguments if normal(name) == "endingbefore"), None)
        return replace(pagination, reverse_param=reverse)
    return pagination


def _arguments(op: Operation) -> dict[str, str]:
    """Wire name -> where it goes: query parameters, and a flattened body's fields."""
    arguments = {p.wire_name: "query" for p in op.parameters if p.location == "query"}
    if op.body is not None and op.body.flattened:
        arguments.update({p.wire_name: "body" for p in op.body.properties if p.wire_name not in arguments})
    return arguments


Moving = tuple[str | None, Literal["query", "body"]]  # the parameter that moves, and where


def _parameter(written: WrittenPagination, arguments: Mapping[str, str]) -> tuple[Moving, Problem | None]:
    """The parameter that moves, and where it goes; the limit parameter is checked too."""
    none: Moving = (None, "query")
    if written.limit is not None and written.limit not in arguments:
        return none, ("limit", f"the operation has no parameter {written.limit!r}")
    if written.style in ("next_url", "link_header"):
        return none, None
    if written.param is None:
        return none, ("param", f"a {written.style} pagination needs the parameter that moves")
    where = arguments.get(written.param)
    if where is None or (written.location is not None and where != written.location):
        place = f"{written.location} " if written.location else ""
        return none, ("param", f"the operation has no {place}parameter {written.param!r}")
    return (written.param, "body" if where == "body" else "query"), None


def _first_page(op: Operation, param: str | None) -> int:
    """0 when the page parameter defaults to 0; else 1, where most APIs start."""
    parameter = next((p for p in op.parameters if p.wire_name == param), None)
    return 0 if parameter is not None and parameter.has_default and parameter.default == 0 else 1


# --- inference ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clues:
    """What an operation says that bears on paging: its arguments (by normalised name) and
    their types, the paging ones among them, a declared `Link` header, a next-URL field."""

    names: Mapping[str, str]
    types: Mapping[str, TypeNode]
    paging: list[str]
    declares_link: bool
    next_url: tuple[str, ...] | None

    def listed(self, keys: list[str]) -> str:
        return ", ".join(self.names[k] for k in keys)


def infer(spec: OperationSpec, op: Operation, found: Fields) -> tuple[WrittenPagination | None, str | None]:
    """The pagination the spec implies, or (None, why) when it looks pageable but is not
    unambiguous ((None, None) when it does not look pageable at all)."""
    clues = _clues(spec, op, found)
    if not clues.paging and not clues.declares_link and not clues.next_url:
        return None, _limited_only(spec, clues, found)
    if found.only_list() is None:
        taking = f" (takes {clues.listed(clues.paging)})" if clues.paging else ""
        return None, "the response holds no single list of items" + taking
    return _chosen(spec.pointer, clues, found)


def _clues(spec: OperationSpec, op: Operation, found: Fields) -> _Clues:
    types = _argument_types(op)
    names = {normal(name): name for name in types}
    return _Clues(
        names,
        types,
        sorted(k for k in names if k in _PAGING_PARAMS),
        any("link" in r.headers for r in spec.responses if r.status.startswith("2")),
        found.unique(_NEXT_URL, "str") or found.unique(frozenset({"next"}), "url"),
    )


def _limited_only(spec: OperationSpec, clues: _Clues, found: Fields) -> str | None:
    """Why a list that takes only a limit is left alone (None: it does not look pageable)."""
    limited = [k for k in sorted(clues.names) if k in _LIMIT_PARAMS]
    if limited and spec.method == "GET" and found.only_list() is not None:
        return f"takes {clues.listed(limited[:1])} but nothing asks for a following page"
    return None


def _chosen(pointer: str, clues: _Clues, found: Fields) -> tuple[WrittenPagination | None, str | None]:
    """The style, from the most specific clue: a `Link` header, Stripe's `starting_after`,
    a cursor, then an offset or page number, then a next URL alone.

    An `offset` or `page` parameter that takes text is a cursor (Asana's `offset`, Stripe
    search's `page`): the response gives its next value."""
    names = clues.names
    if clues.declares_link:
        return WrittenPagination("link_header", pointer), None
    if "startingafter" in names:
        return WrittenPagination("id_cursor", pointer, names["startingafter"], limit=_limit(names)), None
    cursor = _cursor_params(clues)
    if cursor:
        return _cursor(pointer, clues, cursor, found)
    kinds = [k for k in clues.paging if k in _OFFSET_PARAMS | _PAGE_PARAMS]
    if kinds:
        return _counted(pointer, clues, kinds)
    if clues.next_url:
        return WrittenPagination("next_url", pointer, next=_dotted(clues.next_url)), None
    return None, f"takes {clues.listed(clues.paging)} but nothing says how to page"


def _cursor_params(clues: _Clues) -> list[str]:
    """The cursor parameters, an `offset` or `page` that takes text among them."""
    counted = _OFFSET_PARAMS | _PAGE_PARAMS
    return [
        k
        for k in clues.paging
        if k in _CURSOR_PARAMS or (k in counted and _is_text(clues.types[clues.names[k]]))
    ]


def _next_cursor(clues: _Clues, param: str, found: Fields) -> tuple[str, ...] | None:
    plain_next = found.unique(frozenset({"next"}), "token")
    return (
        found.unique(_NEXT_CURSOR | {"nextpage"}, "token")
        or found.cursor_under_cursors()
        or found.under_next(param)
        or (plain_next if plain_next != clues.next_url else None)
    )


def _counted(pointer: str, clues: _Clues, kinds: list[str]) -> tuple[WrittenPagination | None, str | None]:
    """An offset or a page number, when the operation takes exactly one of them."""
    if len(kinds) > 1:
        return None, f"both {clues.listed(kinds)}: which one pages is ambiguous"
    style = "offset" if kinds[0] in _OFFSET_PARAMS else "page"
    return WrittenPagination(style, pointer, clues.names[kinds[0]], limit=_limit(clues.names)), None


def _argument_types(op: Operation) -> dict[str, TypeNode]:
    types = {p.wire_name: p.type for p in op.parameters if p.location == "query"}
    if op.body is not None and op.body.flattened:
        types.update({p.wire_name: p.type for p in op.body.properties if p.wire_name not in types})
    return types


def _is_text(node: TypeNode) -> bool:
    node = node.inner if isinstance(node, NullableType) else node
    return isinstance(node, PrimitiveType) and node.kind == "str"


def _cursor(pointer: str, clues: _Clues, cursor: list[str], found: Fields) -> tuple[WrittenPagination | None, str | None]:
    """A cursor parameter and the response field that gives its next value (a plain `next`
    string counts when it is not a URL); else a next URL; else an offset or page number
    the operation also takes (Novu's notifications take `page` and `after`)."""
    if len(cursor) > 1:
        return None, f"several cursor parameters ({clues.listed(cursor)})"
    param = clues.names[cursor[0]]
    following = _next_cursor(clues, param, found)
    if following is not None:
        return WrittenPagination("cursor", pointer, param, limit=_limit(clues.names), next=_dotted(following)), None
    if clues.next_url is not None:
        return WrittenPagination("next_url", pointer, next=_dotted(clues.next_url)), None
    counted = [k for k in clues.paging if k in _OFFSET_PARAMS | _PAGE_PARAMS and k not in cursor]
    if counted:
        return _counted(pointer, clues, counted)
    return None, f"takes {param} but the response names no next cursor"


def _limit(names: Mapping[str, str]) -> str | None:
    limits = [names[k] for k in sorted(names) if k in _LIMIT_PARAMS]
    return limits[0] if len(limits) == 1 else None


def _dotted(path: tuple[str, ...]) -> str:
    return "$." + ".".join(path)

