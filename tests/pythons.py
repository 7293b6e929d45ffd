"""The CPythons the generated package claims (3.10 to 3.13) that this machine has, found side
by side: `python3.X` on PATH, else under pyenv's root. A pyenv shim that answers for no
installed version is not a Python; each candidate is asked for its version."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

CLAIMED = ("3.10", "3.11", "3.12", "3.13")  # the generated pyproject's requires-python, up to the newest


def _candidates(version: str) -> list[str]:
    found = [shutil.which(f"python{version}") or ""]
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False).stdout.strip()
        found += sorted(str(p) for p in Path(root, "versions").glob(f"{version}.*/bin/python{version}"))
    return [c for c in found if c]


def _answers_as(executable: str, version: str) -> bool:
    try:
        done = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30, check=False, env={**os.environ, "PYENV_VERSION": ""},
        )
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == version


@functools.cache
def claimed_pythons() -> dict[str, str]:
    """Version -> executable, for each claimed version found here."""
    found: dict[str, str] = {}
    for version in CLAIMED:
        working = next((c for c in _candidates(version) if _answers_as(c, version)), None)
        if working:
            found[version] = working
    return found
