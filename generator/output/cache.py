"""The generator's caches: formatted files by content, and whole runs by everything that shapes them.

They live under the user's cache directory (`$XDG_CACHE_HOME/openapi-pyclient-generator`, else
`~/.cache/openapi-pyclient-generator`), never in the output directory, and `--no-cache` turns
them off. None can change what a run writes:

- `format/`: black's output for one file, stored under the hash of the exact text black was given,
  black's version and the mode. A hit is the very text black returned for that input.
- `runs/`: the finished files and the warnings of a successful run, stored under the hash of every
  input that can change them: the spec's and the config's paths and bytes, `--lenient`, the
  generator's own source and templates, the Python version and every installed distribution
  (name, version, install time), and every file the load read (the spec and each file its
  `$ref`s named, found or not, by path, where it resolves and the digest of its bytes).
- `templates/`: the templates compiled by Jinja, checked by Jinja against the template's source
  and the Python and Jinja versions (`render/compiled.py`).
- `inputs/`: which files a load read, under the key of what is known before loading, so that
  a lookup can hash those files as they are now: editing any one of them is a miss.

Entries are written atomically and carry a checksum; an unreadable or damaged entry is a miss.
The cache directory is trusted like the user's own files: the checksum catches damage, not
an attacker, who could recompute it. What is read is still checked: only regular files of a
bounded size, a run's files and warnings of the types a run stores, its files agreeing with
their manifest; anything else is a miss.
This module imports nothing heavy: a warm run is a key, the files its load read hashed again,
two reads and a write.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..paths import templates_dir
from ..regular import read_regular
from .manifest import manifest_matches

CACHE_NAME = "openapi-pyclient-generator"
_SCHEMA = "1"
_PRUNE_EVERY = 24 * 3600  # seconds between sweeps
_MAX_AGE = 30 * 24 * 3600  # entries unused for this long are removed by a sweep
MAX_RUNS = 16
_MAX_ENTRY_BYTES = 512 * 1024 * 1024
_WARNING_FIELDS = {"file": str, "line": int, "col": int, "pointer": str, "message": str, "level": str}


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / CACHE_NAME


# --- entries: `<sha256 of body>\n<body>`, written atomically --------------------------------------


def read_entry(path: Path) -> bytes | None:
    """The body of a cache entry, or None when it is missing or damaged."""
    try:
        data = read_regular(path, _MAX_ENTRY_BYTES)  # not a FIFO, a device, or a link to one
    except OSError:
        return None
    digest, sep, body = data.partition(b"\n")
    if not sep or hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    try:
        os.utime(path)  # recently used: kept by the sweep
    except OSError:
        pass
    return body


def write_entry(path: Path, body: bytes) -> None:
    """Store an entry; a cache that cannot be written is no error, just no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def prune(root: Path, now: float | None = None) -> None:
    """Once a day at most: drop entries unused for `_MAX_AGE`."""
    now = time.time() if now is None else now
    stamp = root / ".last-prune"
    try:
        if now - stamp.stat().st_mtime < _PRUNE_EVERY:
            return
    except OSError:
        pass
    try:
        root.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    except OSError:
        return
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                if name != ".last-prune" and now - os.stat(path).st_mtime > _MAX_AGE:
                    os.unlink(path)
            except OSError:
                pass


# --- the whole-run key --------------------------------------------------------------------------


def generator_dir() -> Path:
    return Path(__file__).resolve().parent.parent


def _tree(root: Path, suffixes: tuple[str, ...] | None) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if suffixes is None or name.endswith(suffixes):
                path = Path(dirpath) / name
                found.append((path.relative_to(root).as_posix(), path.read_bytes()))
    return found


def _distributions() -> list[str]:
    """Every distribution the interpreter can import from, with version and install time."""
    found: list[str] = []
    for entry in dict.fromkeys(sys.path):
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth")):
                try:
                    mtime = os.stat(os.path.join(entry or ".", name)).st_mtime_ns
                except OSError:
                    mtime = 0
                found.append(f"{entry}/{name}@{mtime}")
    return found


_MAX_KEYED_BYTES = 64 * 1024 * 1024


def run_key(spec: Path, config: Path, lenient: bool, extra: tuple[str, ...] = ()) -> str | None:
    """The key of the inputs known before loading: `spec` (and `config`, present or not), the
    flags and the generator; None when the spec cannot be read. The files the spec refers to
    are added by `inputs_key` once a load has said which they are."""
    h = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    try:
        # Only a regular file of a sane size: a pipe or a device is left for the loader to refuse.
        spec_bytes = read_regular(spec, _MAX_KEYED_BYTES)
        config_bytes = read_regular(config, _MAX_KEYED_BYTES) if os.path.lexists(config) else None
    except OSError:
        return None
    if len(spec_bytes) > _MAX_KEYED_BYTES:
        return None
    add("schema", _SCHEMA.encode())
    add("python", f"{sys.implementation.name} {sys.version} {sys.executable}".encode())
    add("args", json.dumps([str(spec), str(config), lenient, *extra]).encode())
    add("spec", spec_bytes)
    add("config", b"\0absent" if config_bytes is None else config_bytes)
    try:
        for name, data in _tree(generator_dir(), (".py",)):
            add(f"generator/{name}", data)
        for name, data in _tree(templates_dir(), None):
            add(f"templates/{name}", data)
    except OSError:
        return None
    add("distributions", "\n".join(_distributions()).encode())
    return h.hexdigest()


# --- the files a load read: every one of them is part of the run's key -------------------------


def inputs_key(key: str, inputs: list[tuple[str, str, str]]) -> str:
    """The key of a run: `key` and each file its load read (as named, resolved, digest)."""
    h = hashlib.sha256(key.encode())
    for named, resolved, digest in inputs:
        h.update(f"{len(named)}:{named}\0{len(resolved)}:{resolved}\0{digest}\0".encode())
    return h.hexdigest()


def store_inputs(root: Path, key: str, inputs: list[tuple[str, str, str]]) -> str:
    """Remember which files a load under `key` read; the key of its run."""
    write_entry(root / "inputs" / key, json.dumps(inputs).encode("utf-8"))
    return inputs_key(key, inputs)


def stored_run_key(root: Path, key: str) -> str | None:
    """The key of the run stored under `key`, from the files its load read as they are now
    (an edited, moved or new file gives another key); None when there is none."""
    body = read_entry(root / "inputs" / key)
    try:
        listed = json.loads(body) if body is not None else None
    except ValueError:
        return None
    if not isinstance(listed, list) or not all(_is_input(item) for item in listed):
        return None
    return inputs_key(key, [_input_now(named) for named, _, _ in listed])


def _is_input(item: object) -> bool:
    return isinstance(item, list) and len(item) == 3 and all(isinstance(part, str) for part in item)


def tree_digest(root: Path) -> str:
    """The digest of a directory's files, names and bytes: an input that is a directory (template
    overrides), so that a file added, edited or removed there gives another key."""
    h = hashlib.sha256()
    try:
        for name, data in _tree(root, None):
            h.update(f"{len(name)}:{name}\0{len(data)}\0".encode())
            h.update(data)
    except OSError:
        return ""
    return h.hexdigest()


def _input_now(named: str) -> tuple[str, str, str]:
    """A file as the loader would record it now: where it resolves, the digest of its bytes
    ("" when it is not a regular file of a size the loader reads: a FIFO put in its place
    neither blocks nor is read), or of a directory's tree."""
    try:
        resolved = Path(named).resolve()
    except (OSError, ValueError, RuntimeError):
        return named, named, ""
    if resolved.is_dir():
        return named, str(resolved), tree_digest(resolved)
    try:
        data = read_regular(resolved, _MAX_KEYED_BYTES)
    except (OSError, ValueError):
        return named, str(resolved), ""
    if len(data) > _MAX_KEYED_BYTES:
        return named, str(resolved), ""
    return named, str(resolved), hashlib.sha256(data).hexdigest()


def load_run(root: Path, key: str) -> tuple[dict[str, str], list[dict[str, Any]]] | None:
    """The files and warnings stored for `key`, or None."""
    body = read_entry(root / "runs" / key)
    if body is None:
        return None
    try:
        data = json.loads(body)
        files, warnings = data["files"], data["warnings"]
    except (ValueError, KeyError, TypeError):
        return None
    if not _are_files(files) or not isinstance(warnings, list) or not all(map(_is_warning, warnings)):
        return None
    return files, warnings


def _are_files(files: object) -> bool:
    """Relative path -> text, for every file of a run, and the manifest listing exactly them."""
    return (
        isinstance(files, dict)
        and all(isinstance(p, str) and isinstance(t, str) for p, t in files.items())
        and manifest_matches(files)
    )


def _is_warning(fields: object) -> bool:
    """The fields of a `Diagnostic` warning, each of its type."""
    return (
        isinstance(fields, dict)
        and fields.keys() == _WARNING_FIELDS.keys()
        and all(type(fields[name]) is kind for name, kind in _WARNING_FIELDS.items())
        and fields["level"] == "warning"
    )


def store_run(root: Path, key: str, files: dict[str, str], warnings: list[dict[str, Any]]) -> None:
    """Store a run; only the `MAX_RUNS` most recently used runs are kept (each is a whole package)."""
    body = json.dumps({"files": files, "warnings": warnings}, sort_keys=True, ensure_ascii=False)
    runs = root / "runs"
    write_entry(runs / key, body.encode("utf-8"))
    try:
        entries = sorted(runs.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[MAX_RUNS:]:
            stale.unlink()
    except OSError:
        pass
    prune(root)
