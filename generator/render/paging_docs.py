"""How a paged method's docs name its pagination: one sentence for the docstring, one short
phrase for `api.md`, both from the IR's decision (style, the parameter that moves, the field
it takes its next value from), and saying where the decision came from."""

from __future__ import annotations

from ..ir.types import Pagination

_STYLES = {
    "offset": "by offset",
    "page": "by page number",
    "cursor": "by cursor",
    "id_cursor": "by the last item's id",
    "next_url": "by the next page's URL in the response",
    "link_header": "by the next URL in the Link header",
}
_SOURCES = {"config": "as the generator config says", "extension": "as the spec's vendor extension says", "inference": "inferred from the spec"}


def paging_phrase(page: Pagination) -> str:
    """`pages by cursor: cursor <- meta.next_cursor` (the parameter, and the response field
    its next value comes from)."""
    taken = ".".join(page.next_path)
    detail = f"{page.param} <- {taken}" if page.param and taken else page.param or taken
    return f"pages {_STYLES[page.style]}" + (f": {detail}" if detail else "")


def paging_sentence(page: Pagination) -> str:
    """The docstring's sentence: what iterating the result does, and how it pages."""
    return (
        f"Returns a page; iterating it fetches the following pages. It {paging_phrase(page)} "
        f"({_SOURCES[page.source]})."
    )
