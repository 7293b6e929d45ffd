"""What an operation is called and where it goes: its method names to try, best first, and the
resource its group or first tag names."""

from __future__ import annotations

import re
from typing import Any

from . import extensions, identifiers
from .paths import PATH_PARAMETER


def controller_tail(op_id: Any) -> str | None:
    """`SubscribersController_list` -> `list`: NestJS prefixes every operationId with its controller."""
    if not isinstance(op_id, str):
        return None
    head, sep, tail = op_id.partition("_")
    return tail if sep and tail and head.lower().endswith("controller") else None


def resource_group(op: dict[str, Any]) -> tuple[str, ...]:
    """The resource path: `x-speakeasy-group` (dotted paths nest), else the first tag."""
    parts = extensions.group(op)
    if parts is not None:
        return tuple(identifiers.resource_name(part) for part in parts)
    tags = op.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and tags[0].strip():
        return (identifiers.resource_name(tags[0]),)
    return ()


def name_candidates(
    path: str, method: str, op: dict[str, Any], rules: list[tuple[re.Pattern[str], str]], from_path: str | None
) -> tuple[str, ...]:
    """Method names to try, best first: explicit override, the name from the path (when the
    resources come from the paths), naming rules, operationId."""
    found: list[str] = []
    override = extensions.method_name(op)
    if override is not None:
        found.append(identifiers.attribute_name(override))
    found.extend([from_path] if from_path else [])
    op_id = op.get("operationId")
    if isinstance(op_id, str) and op_id.strip():
        found.extend(_operation_id_names(op_id, rules))
    else:
        words = [w for w in PATH_PARAMETER.sub(lambda m: f"by {m.group(1)}", path).split("/") if w]
        found.append(identifiers.attribute_name(" ".join([method, *words])))
    return tuple(dict.fromkeys(found))


def _operation_id_names(op_id: str, rules: list[tuple[re.Pattern[str], str]]) -> list[str]:
    """Names from the operationId: a naming rule's replacement, its controller tail, itself."""
    replacement = next((r for pattern, r in rules if r and pattern.search(op_id)), "")
    tail = controller_tail(op_id)
    return [identifiers.attribute_name(n) for n in (replacement, tail, op_id) if n]
