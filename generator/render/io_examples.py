"""The README's streams, downloads and uploads: one call of each the spec has, chosen from the
IR's operations (what streams, what returns bytes, what takes a file), shaped like the other
README examples (`attributes`, `arguments`, `keywords`) so its `call` macro prints them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..ir.types import Operation, Resource
from .example_values import Value
from .method_views import MethodView, ResourceView
from .stream_views import file_fields


@dataclass(frozen=True)
class IOCall:
    """`client.<attributes>(<arguments>, <keyword>=<value>)`; `file` names the file argument
    of an upload."""

    attributes: tuple[str, ...]
    arguments: tuple[Value, ...]
    keywords: tuple[tuple[str, Value], ...]
    file: str | None = None


@dataclass(frozen=True)
class IOExamples:
    stream: IOCall | None
    download: IOCall | None
    upload: IOCall | None


def io_examples(root: ResourceView, api_root: Resource) -> IOExamples:
    found = _methods(root, api_root)
    return IOExamples(
        stream=_first(found, _stream),
        download=_first(found, lambda op, m: _plain(op, m) if op.downloads and not m.paged else None),
        upload=_first(found, _upload),
    )


Found = list[tuple[tuple[str, ...], Operation, MethodView]]


def _methods(view: ResourceView, resource: Resource, prefix: tuple[str, ...] = ()) -> Found:
    """Every method under a resource, depth first, with its operation and the attributes that reach it."""
    operations = {op.python_name: op for op in resource.operations}
    found = [((*prefix, m.name), operations[m.name], m) for m in view.methods]
    children = {child.python_name: child for child in resource.children}
    for child in view.children:
        found += _methods(child, children[child.attribute], (*prefix, child.attribute))
    return found


Shape = Callable[[Operation, MethodView], "IOCall | None"]


def _first(found: Found, shape: Shape) -> IOCall | None:
    """The call `shape` makes of the method needing the fewest arguments (the first of those);
    among streams, one a `stream` flag asks for first, as readers of LLM APIs expect."""
    best: tuple[tuple[bool, int], IOCall] | None = None
    for attributes, op, method in found:
        call = shape(op, method)
        flagged = op.stream is not None and op.stream.flag is not None
        cost = (not flagged, len(method.positional) + len(method.required_keywords))
        if call is not None and (best is None or cost < best[0]):
            best = (cost, replace(call, attributes=attributes))
    return best[1] if best else None


def _plain(op: Operation, method: MethodView) -> IOCall:
    return IOCall((), tuple(a.name for a in method.positional), tuple((k, ...) for k in method.required_keywords))


def _stream(op: Operation, method: MethodView) -> IOCall | None:
    if op.stream is None:
        return None
    call = _plain(op, method)
    keywords = call.keywords
    if op.stream.flag is not None:
        keywords = (*(k for k in keywords if k[0] != op.stream.flag), (op.stream.flag, True))
    return IOCall((), call.arguments, keywords)


def _upload(op: Operation, method: MethodView) -> IOCall | None:
    """A multipart file field, or an octet-stream body, given a path."""
    fields = file_fields(op)
    body = op.body
    raw = body is not None and not body.flattened and "octet-stream" in body.content_type
    if not fields and not raw:
        return None
    argument = fields[0][1] if fields else "body"
    call = _plain(op, method)
    keywords = tuple((k, v) for k, v in call.keywords if k != argument)
    return IOCall((), call.arguments, keywords, file=argument)
