"""Generated source -> its top-level definitions by name, with what may follow spec order normalised.

The order tier compares packages generated from one spec with its mappings in different
orders. It reads the generated source, not the IR (which is being rewritten), and only
forgives what is allowed to follow the spec's order: the order in which members are
listed. So, per definition:

- the statements of a class body are sorted (an attribute's docstring stays with it);
- keyword-only parameters are sorted (with their defaults), and so are runs of attribute
  assignments in a function body (`self.create = ...; self.delete = ...` lists members);
- dict literals, set literals and `frozenset((...))`/`set((...))` arguments are sorted;
- the lines of every docstring are sorted (a docstring listing members follows their order);
- `__all__` is sorted, and imports are compared as a set of imported names.

Everything else (names, annotations, bodies, endpoint tables, aliases) must be equal.
"""

from __future__ import annotations

import ast
import difflib
import functools
from collections.abc import Mapping

IMPORTS = "<imports>"
STATEMENTS = "<statements>"
MODULE_DOC = "<docstring>"

Module = dict[str, str]  # definition name -> normalised text
Package = dict[str, Module | None]  # file path -> definitions (None: not a Python module)


def package_definitions(files: Mapping[str, str]) -> Package:
    """Every generated file by path; the definitions of each `.py` module."""
    return {
        path: module_definitions(text, path) if path.endswith(".py") else None
        for path, text in files.items()
    }


@functools.lru_cache(maxsize=512)  # the runtime modules are the same in every package
def module_definitions(source: str, path: str = "<module>") -> Module:
    """Top-level definitions of one module: name -> normalised source (not to be mutated)."""
    tree = ast.parse(source, filename=path)
    found: dict[str, list[str]] = {}
    _collect(tree.body, "", found)
    return {name: "\n".join(sorted(texts)) for name, texts in found.items()}


def _collect(body: list[ast.stmt], prefix: str, found: dict[str, list[str]]) -> None:
    for i, (statement, doc) in enumerate(_with_attribute_docs(body)):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            found.setdefault(IMPORTS, []).extend(prefix + text for text in _imported(statement))
            continue
        if isinstance(statement, ast.If) and not statement.orelse:
            _collect(statement.body, f"{prefix}if {ast.unparse(statement.test)}: ", found)
            continue
        name = _defined_name(statement)
        if name is None:
            name = MODULE_DOC if i == 0 and not prefix and _is_docstring(statement) else STATEMENTS
        text = _normalised(statement, all_list=name == "__all__")
        if doc is not None:
            text += "\n" + _normalised(doc)
        found.setdefault(prefix + name, []).append(text)


def _defined_name(statement: ast.stmt) -> str | None:
    if isinstance(statement, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return statement.name
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    return None


def _imported(statement: ast.Import | ast.ImportFrom) -> list[str]:
    """One entry per imported name: the order of imports is a listing."""
    if isinstance(statement, ast.Import):
        return [ast.unparse(ast.Import([alias])) for alias in statement.names]
    return [
        ast.unparse(ast.ImportFrom(statement.module, [alias], statement.level))
        for alias in statement.names
    ]


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _with_attribute_docs(body: list[ast.stmt]) -> list[tuple[ast.stmt, ast.stmt | None]]:
    """Statements paired with the string that documents them (`x: int` then `\"\"\"doc\"\"\"`)."""
    paired: list[tuple[ast.stmt, ast.stmt | None]] = []
    for statement in body:
        previous = paired[-1] if paired else None
        undocumented = (
            previous is not None
            and previous[1] is None
            and isinstance(previous[0], (ast.Assign, ast.AnnAssign))
        )
        if previous is not None and undocumented and _is_docstring(statement):
            paired[-1] = (previous[0], statement)
        else:
            paired.append((statement, None))
    return paired


def _normalised(statement: ast.stmt, all_list: bool = False) -> str:
    node = _Normaliser().visit(statement)
    if all_list and isinstance(node, ast.Assign) and isinstance(node.value, (ast.List, ast.Tuple)):
        node.value.elts.sort(key=ast.unparse)
    return ast.unparse(node)


class _Normaliser(ast.NodeTransformer):
    """Puts in a canonical order what the generated code may list in spec order."""

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.bases = [self.visit(b) for b in node.bases]
        members = [
            _normalised(s) + ("\n" + _normalised(d) if d else "")
            for s, d in _with_attribute_docs(node.body)
        ]
        # Re-parsed members keep each one's text; sorting them is the normalisation.
        node.body = [s for text in sorted(members) for s in ast.parse(text).body]
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        _sort_keyword_only(node.args)
        self.generic_visit(node)
        node.body = _attribute_runs_sorted(node.body)
        return node

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AsyncFunctionDef:
        _sort_keyword_only(node.args)
        self.generic_visit(node)
        node.body = _attribute_runs_sorted(node.body)
        return node

    def visit_Dict(self, node: ast.Dict) -> ast.Dict:
        self.generic_visit(node)
        pairs = sorted(
            zip(node.keys, node.values, strict=True),
            key=lambda kv: ast.unparse(kv[0]) if kv[0] is not None else "**" + ast.unparse(kv[1]),
        )
        node.keys = [k for k, _ in pairs]
        node.values = [v for _, v in pairs]
        return node

    def visit_Set(self, node: ast.Set) -> ast.Set:
        self.generic_visit(node)
        node.elts.sort(key=ast.unparse)
        return node

    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        unordered = isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set")
        if unordered and len(node.args) == 1 and isinstance(node.args[0], (ast.Tuple, ast.List)):
            node.args[0].elts.sort(key=ast.unparse)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.Expr:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            node.value = ast.Constant("\n".join(sorted(node.value.value.splitlines())))
            return node
        self.generic_visit(node)
        return node


def _sort_keyword_only(args: ast.arguments) -> None:
    pairs = sorted(
        zip(args.kwonlyargs, args.kw_defaults, strict=True), key=lambda pair: pair[0].arg
    )
    args.kwonlyargs = [a for a, _ in pairs]
    args.kw_defaults = [d for _, d in pairs]


def _attribute_runs_sorted(body: list[ast.stmt]) -> list[ast.stmt]:
    """Each run of consecutive `obj.attr = value` statements in sorted order."""
    result: list[ast.stmt] = []
    run: list[ast.stmt] = []
    for statement in [*body, None]:
        if isinstance(statement, ast.Assign) and all(
            isinstance(t, ast.Attribute) for t in statement.targets
        ):
            run.append(statement)
            continue
        result += sorted(run, key=ast.unparse)
        run = []
        if statement is not None:
            result.append(statement)
    return result


# --- comparison ----------------------------------------------------------------------------

MAX_REPORTED = 8
MAX_DIFF_LINES = 30
LONG_LINE = 150


def differences(expected: Package, actual: Package) -> list[str]:
    """What differs, one message per file or definition, each with a short unified diff."""
    found: list[str] = []
    missing, extra = (
        sorted(expected.keys() - actual.keys()),
        sorted(actual.keys() - expected.keys()),
    )
    if missing or extra:
        found.append(
            f"generated files differ: only in the original {missing}, only in the permuted {extra}"
        )
    for path in sorted(expected.keys() & actual.keys()):
        before, after = expected[path], actual[path]
        if before is None or after is None:
            continue
        gone, new = sorted(before.keys() - after.keys()), sorted(after.keys() - before.keys())
        if gone or new:
            found.append(
                f"{path}: names differ: only in the original {gone}, only in the permuted {new}"
            )
        for name in sorted(before.keys() & after.keys()):
            if before[name] != after[name]:
                found.append(
                    f"{path}: definition {name} differs:\n{_diff(before[name], after[name])}"
                )
    return found


def _diff(before: str, after: str) -> str:
    lines = list(
        difflib.unified_diff(
            before.splitlines(), after.splitlines(), "original", "permuted", n=1, lineterm=""
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines"]
    if any(
        len(line) > LONG_LINE for line in lines
    ):  # endpoint tables, SETTINGS: show where they part
        at = next(
            (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
            min(len(before), len(after)),
        )
        start = max(0, at - 40)
        lines += [
            f"first difference: original ...{before[start : at + 60]!r}",
            f"                  permuted ...{after[start : at + 60]!r}",
        ]
    return "\n".join("    " + line for line in lines)


def defined_names(package: Package) -> set[str]:
    """`path:name` of every real definition (not imports, statements or docstrings)."""
    special = {IMPORTS, STATEMENTS, MODULE_DOC}
    return {
        f"{path}:{name}"
        for path, module in package.items()
        if module
        for name in module
        if name not in special
    }


def assert_same_definitions(expected: Package, actual: Package, what: str) -> None:
    """Fail with the differences, the first few in full, when `actual` is not `expected`."""
    assert defined_names(expected), f"{what}: nothing to compare (no definitions generated)"
    found = differences(expected, actual)
    if found:
        shown = "\n\n".join(found[:MAX_REPORTED])
        more = f"\n\n... and {len(found) - MAX_REPORTED} more" if len(found) > MAX_REPORTED else ""
        raise AssertionError(f"{what}: {len(found)} difference(s)\n\n{shown}{more}")
