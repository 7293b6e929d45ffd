"""`--formatter ruff`: ruff format, black-compatible and fast, run once over every file to format.

Opt-in (the `ruff` extra): the default and the committed snapshot stay on black. Ruff is a program,
not a library: the files go into a private directory, one `ruff format` run formats them all (on
every core) with the generator's line length and target version, whatever configuration the user
has, and the results are read back.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from ..diagnostics import Diagnostic, GenerationError
from .write import write_file

INSTALL_HINT = "install it with: pip install 'openapi-pyclient-generator[ruff]' (or use the default, black)"

Result = tuple[str | None, str | None]  # (formatted text, error message)


@cache
def ruff_binary() -> str:
    """The ruff program: the one the `ruff` package installed, else one on PATH; raises when neither."""
    try:
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        found = shutil.which("ruff")
    if found is None:
        raise GenerationError(
            [Diagnostic("--formatter ruff", 0, 0, "", "ruff is not installed")], hint=INSTALL_HINT
        )
    return found


@cache
def ruff_version() -> str:
    """`ruff --version`: part of every cache key of a ruff-formatted file."""
    done = subprocess.run([ruff_binary(), "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or f"unknown ({done.returncode})"


# Ruff's files are written to memory where there is some to write to (a disk's file system may
# take a millisecond a file when busy; GitHub's SDK has 6,900), unless TMPDIR names a place.
_IN_MEMORY = "/dev/shm"


def format_all(todo: dict[str, str], line_length: int, target_version: str) -> dict[str, Result]:
    """Every file of `todo` through one `ruff format` run; a file ruff cannot parse gets its error."""
    if not todo:
        return {}
    if "TMPDIR" not in os.environ and os.path.isdir(_IN_MEMORY) and os.access(_IN_MEMORY, os.W_OK):
        try:
            return _format_in(_IN_MEMORY, todo, line_length, target_version)
        except OSError as exc:  # full (a container's is small): on disk instead
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM):
                raise
    return _format_in(None, todo, line_length, target_version)


def _format_in(parent: str | None, todo: dict[str, str], line_length: int, target_version: str) -> dict[str, Result]:
    """`format_all`, its files in a private directory made in `parent` (None: the system's default)."""
    with tempfile.TemporaryDirectory(prefix="pyclient-ruff-", dir=parent) as tmp:
        files = {path: Path(tmp, f"{i}.py") for i, path in enumerate(todo)}
        for path, file in files.items():
            write_file(str(file), todo[path].encode("utf-8"))
        command = [ruff_binary(), "format", "--isolated", "--no-cache", f"--line-length={line_length}"]
        command += [f"--target-version={target_version}", tmp]
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp)
        errors = _errors(done.stderr, files) if done.returncode else {}
        if done.returncode and not errors:
            raise GenerationError(
                [Diagnostic("--formatter ruff", 0, 0, "", f"ruff format failed: {done.stderr.strip()[:300]}")]
            )
        return {
            path: (None, errors[path]) if path in errors else (file.read_text(encoding="utf-8"), None)
            for path, file in files.items()
        }


_FILE_IN_ERROR = re.compile(r"(?:^|[\s/\\])(\d+)\.py:")


def _errors(stderr: str, files: dict[str, Path]) -> dict[str, str]:
    """The files ruff could not parse, with what it said (its lines name the files it was given)."""
    by_name = {file.stem: path for path, file in files.items()}
    found: dict[str, str] = {}
    for line in stderr.splitlines():
        match = _FILE_IN_ERROR.search(line)
        if match and match[1] in by_name:
            found[by_name[match[1]]] = line.removeprefix("error: ")
    return found
