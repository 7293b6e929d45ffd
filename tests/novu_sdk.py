"""Which Novu SDK `import novu` gets in a test session: the one the generator writes now.

At the start of the session the current generator turns `specs/novu.yaml` into a package in a
temporary directory, put first on `sys.path`; the client and contract tiers (in one process,
one `novu` module) both run it. So a change to the runtime (`generator/runtime`) or to the
templates reaches them at once, without regenerating the committed snapshot (`generated/`,
which `--check` and the snapshot tier compare with a fresh run). The run cache, kept in
pytest's cache directory (never the user's), makes a repeat take a fraction of a second.

The environment variable SDK_UNDER_TEST chooses another: a directory holding a `novu`
package, or `installed`, the `novu` installed in the running Python (the install tests run
the client tier so on every Python the package claims, from its wheel; the generator need not
be importable then).
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
CHOSEN = os.environ.get("SDK_UNDER_TEST")
INSTALLED = CHOSEN == "installed"
_ROOT: list[Path] = []  # the session's SDK directory, once chosen


def put_first(config: pytest.Config) -> Path | None:
    """The SDK's directory, first on `sys.path` (None: the installed one); chosen once."""
    if INSTALLED:
        import novu

        if Path(novu.__file__).resolve().is_relative_to(CHECKOUT):
            raise RuntimeError(f"SDK_UNDER_TEST=installed, yet novu comes from the checkout: {novu.__file__}")
        return None
    if not _ROOT:
        _ROOT.append(Path(CHOSEN).resolve() if CHOSEN else _generate(config))
        sys.path.insert(0, str(_ROOT[0]))
    return _ROOT[0]


def _generate(config: pytest.Config) -> Path:
    """The Novu SDK generated from `specs/novu.yaml` into a new temporary directory, removed
    when the session's process ends."""
    from generator.cli import main

    directory = Path(tempfile.mkdtemp(prefix="novu-sdk-"))
    atexit.register(shutil.rmtree, directory, True)
    cache = getattr(config, "cache", None)  # absent under `-p no:cacheprovider`
    arguments = [str(CHECKOUT / "specs" / "novu.yaml"), "-o", str(directory / "sdk"), "--no-progress"]
    if cache is None:
        arguments.append("--no-cache")
    previous = os.environ.get("XDG_CACHE_HOME")
    if cache is not None:
        os.environ["XDG_CACHE_HOME"] = str(cache.mkdir("generator-runs"))
    output = io.StringIO()
    try:
        with redirect_stdout(output), redirect_stderr(output):
            code = main(arguments)
    finally:
        if previous is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = previous
    if code != 0:
        raise RuntimeError(f"generating the Novu SDK failed ({code}):\n{output.getvalue()}")
    return directory / "sdk"
