"""A small API to change one thing at a time, and the changes `diff` finds between two versions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.diff.compare import Change
from generator.diff.report import bump
from generator.diff.rules import compare
from generator.diff.surface import surface
from generator.ir import build
from generator.load import load
from generator.render.views import package_version


def base() -> dict[str, Any]:
    """Items: read one (response model `Item`, response enum `Status`), update one (flattened
    request body `ItemInput`, request enum `Color`), list them (a query argument)."""
    item_id = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}}
    item = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}, "description": "ok"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Shop", "version": "1.2.0"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "tags": ["items"],
                    "parameters": [{"name": "limit", "in": "query", "required": False, "schema": {"type": "integer"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}}},
                }
            },
            "/items/{item_id}": {
                "get": {
                    "operationId": "getItem",
                    "summary": "Get an item",
                    "tags": ["items"],
                    "parameters": [item_id],
                    "responses": {"200": item},
                },
                "put": {
                    "operationId": "updateItem",
                    "tags": ["items"],
                    "parameters": [item_id],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemInput"}}}},
                    "responses": {"200": item},
                },
            },
        },
        "components": {
            "schemas": {
                "Item": {
                    "type": "object",
                    "required": ["id", "status", "price"],
                    "properties": {
                        "id": {"type": "string"},
                        "status": {"$ref": "#/components/schemas/Status"},
                        "price": {"type": "number"},
                        "label": {"type": "string", "description": "Shown to shoppers."},
                    },
                },
                "ItemInput": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "weight": {"type": "integer"},
                    },
                },
                "Status": {"type": "string", "enum": ["active", "archived"]},
                "Color": {"type": "string", "enum": ["red", "green"]},
            }
        },
    }


def changed(tweak: Any) -> dict[str, Any]:
    """The base API with `tweak(document)` applied to a copy."""
    document = copy.deepcopy(base())
    tweak(document)
    return document


def surface_of(document: dict[str, Any], path: Path) -> dict[str, Any]:
    path.write_text(json.dumps(document))
    # The base API has one tag: `resources: tags` keeps its operationId method names, which
    # the rules' cases rename and remove.
    api, _ = build(load(path), Config(resources="tags"))
    return surface(api, package_version(api))


def changes(old: dict[str, Any], new: dict[str, Any], tmp_path: Path) -> list[Change]:
    return compare(surface_of(old, tmp_path / "old.json"), surface_of(new, tmp_path / "new.json"))


def verdict(old: dict[str, Any], new: dict[str, Any], tmp_path: Path) -> tuple[str, list[tuple[str, str, str]]]:
    found = changes(old, new, tmp_path)
    return bump(found), [(c.severity, c.path, c.message) for c in found]
