"""Which operations of the real specs page, in which style and decided from what (issue 20):
the counts per spec, chosen operations checked by hand against the APIs' documentation,
the operations that look pageable but are left alone (with why), and the same decisions
whatever the order of the spec's keys."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from pathlib import Path

import pytest

from generator.config import load_config
from generator.ir import build
from generator.ir.types import Api, Pagination
from generator.load import load
from generator.load.upgrade import upgrade
from tests.conftest import ROOT
from tests.corpus.test_corpus import CORPUS
from tests.order.permute import permute, reversed_order, shuffled

NOVU = ROOT / "specs" / "novu.yaml"

# spec -> {(source, style): count}; a spec not listed pages nowhere.
EXPECTED: dict[str, dict[tuple[str, str], int]] = {
    "apideck-crm.yaml": {("inference", "cursor"): 12},
    "asana_oas.yaml": {("inference", "cursor"): 62},
    "spotify-fixed-open-api.yml": {("inference", "cursor"): 2, ("inference", "offset"): 19},
    "stripe-spec3-2021-09.yaml": {("inference", "id_cursor"): 86},
    "redocly-cafe": {("inference", "cursor"): 2},
}

# (spec, operation) -> (style, parameter, where the next value comes from)
CHOSEN = {
    ("asana_oas.yaml", "GET /tasks"): ("cursor", "offset", ("next_page", "offset")),
    ("apideck-crm.yaml", "GET /crm/contacts"): ("cursor", "cursor", ("meta", "cursors", "next")),
    ("redocly-cafe", "GET /menu"): ("cursor", "after", ("page", "endCursor")),
    ("spotify-fixed-open-api.yml", "GET /me/albums"): ("offset", "offset", ()),
    ("spotify-fixed-open-api.yml", "GET /me/following"): ("cursor", "after", ("artists", "cursors", "after")),
    ("stripe-spec3-2021-09.yaml", "GET /v1/customers"): ("id_cursor", "starting_after", ()),
}


def api_of(path: Path, document: dict | None = None) -> Api:
    spec = upgrade(load(path))[0]
    if document is not None:
        spec = dataclasses.replace(spec, document=document)
    config = path.with_name(f"{path.stem}.generator.yaml")
    return build(spec, load_config(config if config.exists() else None, path))[0]


def decisions(api: Api) -> dict[str, Pagination | None]:
    return {f"{op.method} {op.path}": op.pagination for op in api.operations()}


@pytest.fixture(scope="module")
def apis() -> dict[str, Api]:
    return {}


def corpus_api(apis: dict[str, Api], name: str) -> Api:
    if name not in CORPUS:
        pytest.skip(f"{name} is not in this checkout's corpus")
    if name not in apis:
        apis[name] = api_of(CORPUS[name])
    return apis[name]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_operations_that_page_by_style_and_source(apis: dict[str, Api], name: str) -> None:
    api = corpus_api(apis, name)
    counts = Counter((op.pagination.source, op.pagination.style) for op in api.operations() if op.pagination)
    assert dict(counts) == EXPECTED.get(name, {})


@pytest.mark.parametrize(("name", "operation"), sorted(CHOSEN))
def test_chosen_operations_page_as_their_api_does(apis: dict[str, Api], name: str, operation: str) -> None:
    page = decisions(corpus_api(apis, name))[operation]
    assert page is not None
    assert (page.style, page.param, page.next_path) == CHOSEN[name, operation]


def test_what_looks_pageable_but_is_left_alone_says_why(apis: dict[str, Api]) -> None:
    petstore = dict(corpus_api(apis, "oai-v3.0-petstore.yaml").unpaged)
    assert petstore == {"GET /pets": "takes limit but nothing asks for a following page"}
    spotify = dict(corpus_api(apis, "spotify-fixed-open-api.yml").unpaged)
    assert spotify["PUT /me/player/play"].startswith("the response holds no single list of items")


def test_novu_every_operation_that_takes_page_pages() -> None:
    api = api_of(NOVU)
    taking_page = [op for op in api.operations() if any(p.wire_name == "page" for p in op.parameters)]
    paged = {f"{op.method} {op.path}": op.pagination for op in taking_page}
    # /v1/layouts documents no response body: there is no list to page through.
    assert [k for k, v in paged.items() if v is None] == ["GET /v1/layouts"]
    assert dict(api.unpaged) == {"GET /v1/layouts": "the response holds no single list of items (takes page)"}
    sources = {k: v.source for k, v in paged.items() if v is not None}
    assert sources["GET /v1/subscribers"] == sources["GET /v1/tenants"] == "extension"
    assert Counter(sources.values()) == {"extension": 2, "inference": 6}


@pytest.mark.parametrize("name", ["novu", "asana_oas.yaml", "spotify-fixed-open-api.yml", "redocly-cafe"])
@pytest.mark.parametrize("order", ["reversed", "shuffled"])
def test_the_same_decisions_in_any_key_order(apis: dict[str, Api], name: str, order: str) -> None:
    path = NOVU if name == "novu" else CORPUS.get(name)
    if path is None:
        pytest.skip(f"{name} is not in this checkout's corpus")
    expected = decisions(api_of(path))
    document = upgrade(load(path))[0].document
    reorder = reversed_order if order == "reversed" else shuffled(random.Random(3))
    assert decisions(api_of(path, permute(document, reorder))) == expected
