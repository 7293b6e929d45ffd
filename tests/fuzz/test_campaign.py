"""A seeded mutation campaign: real specs with hostile changes, run through the whole generator.

Each spec starts from a real one (the small specs vendored in tests/corpus/specs, Novu, and one
using every Speakeasy extension the generator reads: files of this repository only, so that the
campaign is the same on every machine), gets one to four mutations from the classes of input that once
broke the generator (values of the wrong type, hostile strings, integers too long to write,
malformed extensions, long tags, broken `$ref`s, keys written twice, shared subtrees that YAML
writes as aliases), and is generated as JSON or YAML, with or without `--lenient`. Every run must
end in a package or in located errors: never an internal error. A package must be sound: every
module compiles, `pyproject.toml` is valid TOML, and no file holds a raw bidirectional control.

The campaign is seeded, so a failure names the spec that reproduces it. Its size is small by
default; the full campaign is

    PYCLIENT_FUZZ_CAMPAIGN=600 .venv/bin/python -m pytest tests/fuzz/test_campaign.py -s

(`PYCLIENT_FUZZ_SEED` picks another campaign). The summary line gives the figures.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main as generator_main
from tests.hostile.conftest import LINE, OTHER_LINES

try:
    import tomllib  # Python 3.11+
except ImportError:  # pragma: no cover
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "tests" / "corpus" / "specs"
SPECS = int(os.environ.get("PYCLIENT_FUZZ_CAMPAIGN", "24"))
SEED = int(os.environ.get("PYCLIENT_FUZZ_SEED", "13"))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SEED_FILES = [
    "oai-v3.0-petstore.yaml",
    "oai-v3.0-petstore-expanded.yaml",
    "oai-v3.0-uspto.yaml",
    "oai-v3.0-link-example.yaml",
    "oai-v3.0-callback-example.yaml",
    "oai-v3.0-api-with-examples.yaml",
    "oai-v3.1-webhook-example.yaml",
    "oai-v3.1-non-oauth-scopes.yaml",
    "swagger2-oai-petstore-expanded.yaml",
]


def speakeasy_spec() -> dict[str, Any]:
    """A small spec with every extension the generator reads, so that mutations can reach them."""
    item = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
    page = {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}
    listing = {
        "operationId": "ItemsController_list",
        "tags": ["Items"],
        "x-speakeasy-group": "items.archive",
        "x-speakeasy-name-override": "listAll",
        "parameters": [
            {"name": "page", "in": "query", "schema": {"type": "integer"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer"}},
        ],
        "x-speakeasy-pagination": {
            "type": "offsetLimit",
            "inputs": [{"name": "page", "in": "parameters", "type": "page"}, {"name": "limit", "in": "parameters", "type": "limit"}],
            "outputs": {"results": "$.data.resultArray"},
        },
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}},
    }
    create = {
        "operationId": "ItemsController_create",
        "tags": ["Items"],
        "parameters": [{"name": "idempotency-key", "in": "header", "schema": {"type": "string"}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
        "responses": {"201": {"description": "created"}, "409": {"description": "conflict"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Speakeasy Shop", "version": "1.0.0", "description": "Every extension."},
        "servers": [{"url": "https://api.shop.test"}],
        "tags": [{"name": "Items", "description": "The items."}],
        "x-speakeasy-retries": {
            "strategy": "backoff",
            "backoff": {"initialInterval": 500, "maxInterval": 60000, "maxElapsedTime": 3600000, "exponent": 1.5},
            "statusCodes": ["408", "429", "5XX"],
            "retryConnectionErrors": True,
        },
        "x-speakeasy-name-override": [{"operationId": "^ItemsController_(.*)$", "methodNameOverride": "item_$1"}],
        "security": [{"ApiKey": []}],
        "paths": {"/items": {"get": listing, "post": create}},
        "components": {
            "schemas": {"Item": item, "Page": page, "Kind": {"type": "string", "enum": ["a", "b"]}},
            "securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "Authorization"}},
        },
    }


def seed_paths() -> list[Path]:
    return [VENDORED / name for name in SEED_FILES] + [ROOT / "specs" / "novu.yaml"]


def seeds() -> list[tuple[str, dict[str, Any]]]:
    found = [(path.name, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in seed_paths()]
    found.append(("speakeasy", speakeasy_spec()))
    return found + [pair for pair in found if pair[0] in ("speakeasy", "swagger2-oai-petstore-expanded.yaml")]  # twice: the extensions, Swagger 2.0


# --- values --------------------------------------------------------------------------------------


def hostile_string(rng: random.Random) -> str:
    pieces = [
        "x", "Name", "a b", "", " ", "-", "_", "1st", "class", "None", "self", "__init__", "ÄÖü", "名前", "🙂",
        '"""', "'''", "\\", "\\n", "{{ x }}", "{% raw %}", "`", "$", "#", "\x00", "\x1b[31m", "\x7f", "\x85", "\u2028",
        "import os", "');", "../", "/", "%2e%2e", ":", "\t", "\r\n", *BIDI,
    ]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
    return text * rng.choice([1, 1, 1, 40, 300]) if rng.random() < 0.2 else text


def hostile_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(12 if depth < 2 else 8)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2**31, 2**63, -(2**64), 10**300, int("9" * 4000)])
    if kind == 3:
        return rng.choice([0.5, -0.0, 1e308, 1e-308, float("inf"), float("-inf"), float("nan")])
    if kind in (4, 5, 6, 7):
        return hostile_string(rng)
    if kind in (8, 9):
        return [hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {hostile_string(rng): hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


BAD_REFS = ["#/components/schemas/Nope", "#/nowhere", "http://example.test/x.yaml", "/etc/passwd", "../x.yaml#/A", "#", "#/", "nope.yaml", "#/paths", "#/components/schemas/Item/properties"]
EXTENSIONS = ["x-speakeasy-retries", "x-speakeasy-pagination", "x-speakeasy-group", "x-speakeasy-name-override", "x-speakeasy-enums"]


# --- mutations of the document -------------------------------------------------------------------


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    stack = [(node, path)]
    while stack:
        value, at = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in items:
            found.append((*at, key))
            stack.append((child, (*at, key)))
    return found


def parent_of(document: Any, place: tuple[Any, ...]) -> Any:
    for key in place[:-1]:
        document = document[key]
    return document


def pick(rng: random.Random, document: Any, where: Callable[[tuple[Any, ...], Any], bool] = lambda p, v: True) -> tuple[Any, ...] | None:
    """A place: first a depth, then a place at that depth (so structure is hit as often as text)."""
    by_depth: dict[int, list[tuple[Any, ...]]] = {}
    for p in places(document):
        if p and where(p, parent_of(document, p)[p[-1]]):
            by_depth.setdefault(len(p), []).append(p)
    if not by_depth:
        return None
    return rng.choice(by_depth[rng.choice(sorted(by_depth))])


def delete(rng: random.Random, document: Any) -> str:
    place = pick(rng, document)
    if place is None:
        return "nothing to delete"
    del parent_of(document, place)[place[-1]]
    return f"delete {place}"


def replace_value(rng: random.Random, document: Any) -> str:
    place = pick(rng, document)
    if place is None:
        return "nothing to replace"
    parent_of(document, place)[place[-1]] = hostile_value(rng)
    return f"replace {place}"


def hostile_text(rng: random.Random, document: Any) -> str:
    place = pick(rng, document, lambda p, v: isinstance(v, str))
    if place is None:
        return "no string"
    parent_of(document, place)[place[-1]] = hostile_string(rng)
    return f"string at {place}"


def rename_key(rng: random.Random, document: Any) -> str:
    place = pick(rng, document, lambda p, v: isinstance(p[-1], str))
    if place is None:
        return "no key"
    parent = parent_of(document, place)
    parent[hostile_string(rng)] = parent.pop(place[-1])
    return f"rename key {place}"


def bad_ref(rng: random.Random, document: Any) -> str:
    place = pick(rng, document, lambda p, v: isinstance(v, dict))
    if place is None:
        return "no mapping"
    parent_of(document, place)[place[-1]] = {"$ref": rng.choice(BAD_REFS + [hostile_string(rng)])}
    return f"bad $ref at {place}"


def operations(document: Any) -> list[dict[str, Any]]:
    items = document.get("paths") if isinstance(document, dict) else None
    return [op for item in (items.values() if isinstance(items, dict) else []) if isinstance(item, dict) for op in item.values() if isinstance(op, dict)]


def extension(rng: random.Random, document: Any) -> str:
    """A Speakeasy extension where the generator reads it (the root, or an operation), its value
    a working one with parts replaced, or anything at all."""
    name = rng.choice(EXTENSIONS)
    ops = operations(document)
    on_root = name in ("x-speakeasy-retries", "x-speakeasy-name-override") and rng.random() < 0.8 or not ops
    target = document if on_root or not isinstance(document, dict) else rng.choice(ops)
    good = speakeasy_spec()
    example = good.get(name) if on_root else good["paths"]["/items"]["get"].get(name)
    if example is None or rng.random() < 0.3:
        value = hostile_value(rng)
    else:
        value = copy.deepcopy(example)
        for _ in range(rng.randint(1, 2)):
            if isinstance(value, (dict, list)) and len(places(value)) > 1:
                replace_value(rng, value)
    if isinstance(target, dict):
        target[name] = value
    return f"{name} ({'root' if on_root else 'an operation'})"


def long_tag(rng: random.Random, document: Any) -> str:
    ops = [p for p in places(document) if len(p) == 3 and p[0] == "paths" and isinstance(parent_of(document, p)[p[-1]], dict)]
    if not ops:
        return "no operation"
    place = rng.choice(ops)
    parent_of(document, place)[place[-1]]["tags"] = [rng.choice(["t" * 300, "Long tag " * 60, hostile_string(rng) * 50])]
    return f"long tag at {place}"


def share(rng: random.Random, document: Any) -> str:
    """One subtree in two places: YAML writes it once, with an anchor and an alias."""
    source = pick(rng, document, lambda p, v: isinstance(v, (dict, list)))
    target = pick(rng, document, lambda p, v: isinstance(v, dict))
    if source is None or target is None:
        return "nothing to share"
    value = parent_of(document, source)[source[-1]]
    container = parent_of(document, target)[target[-1]]
    if any(container is v for v in places_values(value)):
        return "would contain itself"
    container[hostile_string(rng)] = value
    return f"share {source} into {target}"


def places_values(node: Any) -> list[Any]:
    return [node] + [v for child in (node.values() if isinstance(node, dict) else node if isinstance(node, list) else []) for v in places_values(child)]


DOCUMENT_MUTATIONS = [delete, replace_value, replace_value, hostile_text, hostile_text, rename_key, bad_ref, extension, extension, long_tag, share]


# --- mutations of the text -----------------------------------------------------------------------


def duplicate_key(rng: random.Random, text: str) -> str:
    """A top-level key written again, or a status code written both quoted and not."""
    if rng.random() < 0.5:
        return text + rng.choice(["\ninfo: {title: Again, version: '2'}\n", "\npaths: {}\n", "\nopenapi: 3.0.3\n"])
    return text.replace("'200':", "'200': {description: first}\n        200:", 1)


def big_hex(rng: random.Random, text: str) -> str:
    return text + f"\nx-big: [0x{'f' * rng.choice([100, 5000, 20000])}]\n"


def yes_beside_true(rng: random.Random, text: str) -> str:
    return text + "\nx-keys: {'true': 1, yes: 2, '1': 3, 1: 4}\n"


TEXT_MUTATIONS = [duplicate_key, big_hex, yes_beside_true]


# --- one run -------------------------------------------------------------------------------------


@dataclass
class Case:
    index: int
    seed: str
    mutations: list[str]
    args: tuple[str, ...]
    spec: Path


def mutated(index: int, root: Path, all_seeds: list[tuple[str, dict[str, Any]]]) -> Case:
    rng = random.Random(f"{SEED}-{index}")
    name, seed = rng.choice(all_seeds)
    document = copy.deepcopy(seed)
    done = [mutation(rng, document) for mutation in rng.choices(DOCUMENT_MUTATIONS, k=rng.randint(1, 4))]
    case_dir = root / f"case-{index}"
    case_dir.mkdir()
    if rng.random() < 0.5:
        text = json.dumps(document, indent=1, ensure_ascii=rng.random() < 0.5)
        spec = case_dir / "spec.json"
    else:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=rng.random() < 0.5)
        if rng.random() < 0.3:
            text_mutation = rng.choice(TEXT_MUTATIONS)
            text = text_mutation(rng, text)
            done.append(text_mutation.__name__)
        spec = case_dir / "spec.yaml"
    spec.write_text(text, encoding="utf-8", errors="surrogatepass")
    args = ("--lenient",) if rng.random() < 0.5 else ()
    return Case(index, name, done, args, spec)


def problems_with(case: Case) -> tuple[int, list[str]]:
    """Run the case; its exit code and what is wrong with the outcome (nothing, if all is well)."""
    out = case.spec.parent / "out"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stderr):
        code = generator_main([str(case.spec), "-o", str(out), *case.args])
    said = stderr.getvalue()
    problems = []
    if "Traceback" in said or "internal error" in said or code not in (0, 2):
        problems.append(f"exit {code}: {said.strip().splitlines()[-1] if said.strip() else ''}"[:500])
    problems += [f"not a located diagnostic: {line!r}"[:300] for line in said.splitlines() if not (LINE.fullmatch(line) or OTHER_LINES.fullmatch(line))]
    if code == 0:
        problems += package_problems(out)
    return code, problems


def package_problems(out: Path) -> list[str]:
    problems = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        content = path.read_text(encoding="utf-8")
        if any(c in content for c in BIDI):
            problems.append(f"{path.relative_to(out)}: a raw bidirectional control")
        if path.suffix == ".py":
            try:
                compile(content, str(path), "exec")
            except SyntaxError as exc:
                problems.append(f"{path.relative_to(out)} does not compile: {exc}")
    if tomllib is not None:
        try:
            tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.append(f"pyproject.toml: {exc}")
    return problems


def test_the_campaign_starts_from_files_of_this_repository_only() -> None:
    """Not from whatever corpus lies beside the checkout: a fresh clone runs the campaign CI runs."""
    assert all(path.is_relative_to(ROOT) and path.is_file() for path in seed_paths())
    assert len(seeds()) == len(SEED_FILES) + 4  # Novu, the Speakeasy spec, and two seeds twice


@pytest.mark.filterwarnings("ignore")
def test_a_seeded_mutation_campaign_gives_packages_or_located_errors(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("campaign")
    all_seeds = seeds()
    codes: Counter[int] = Counter()
    failures = []
    started = time.perf_counter()
    for index in range(SPECS):
        case = mutated(index, root, all_seeds)
        code, problems = problems_with(case)
        codes[code] += 1
        if problems:
            failures.append(f"case {index} (from {case.seed}, {case.args or 'strict'}; {'; '.join(case.mutations)}):\n  " + "\n  ".join(problems[:5]))
        shutil.rmtree(case.spec.parent, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(
        f"\ncampaign seed {SEED}: {SPECS} specs in {seconds:.0f} s; exit codes {dict(sorted(codes.items()))}; "
        f"{len(failures)} with problems (internal errors or unsound packages)"
    )
    assert not failures, "\n".join(failures[:15])
