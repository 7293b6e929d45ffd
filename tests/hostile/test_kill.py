"""A generator run killed with SIGKILL at any point leaves the previous output byte-identical.

Killed by itself at named points of the write (the `_PYCLIENT_CRASH_AT` hook in
`generator/write.py`), with the atomic exchange and with the two-rename fallback
(`_PYCLIENT_SWAP=rename`); and killed from outside after random delays. After each
kill the output directory holds exactly the previous tree or exactly the new one,
never a mix, and the next run cleans up. With the two-rename fallback a kill
between the renames leaves the previous tree intact beside the target, and the
next run puts it back before it does anything else.

`PYCLIENT_KILL_RUNS=<n>` sets the number of random kills (default 6).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.output.swap import CRASH_ENV, SWAP_ENV

from .conftest import document, operation, run, tree, write

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
ROOT = Path(__file__).resolve().parents[2]
RANDOM_RUNS = int(os.environ.get("PYCLIENT_KILL_RUNS", "6"))


def spec_v(directory: Path, version: int) -> Path:
    paths = {f"/v{i}": {"get": operation(f"getV{i}", {"type": "object", "properties": {"x": {"type": "string"}}})} for i in range(version)}
    return write(directory / f"api-v{version}.yaml", document(paths, info={"title": "Kill", "version": f"{version}.0.0"}))


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes], Path]:
    """The previous output (a directory to copy from), the previous and the new tree, the new spec."""
    root = tmp_path_factory.mktemp("kill")
    old_spec, new_spec = spec_v(root / "spec", 1), spec_v(root / "spec", 2)
    assert run(old_spec, "-o", root / "previous").code == 0
    assert run(new_spec, "-o", root / "expected").code == 0
    previous, new = tree(root / "previous"), tree(root / "expected")
    assert previous != new
    return root / "previous", previous, new, new_spec


def fresh_output(previous: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    return out


def generator(spec: Path, out: Path, cache_home: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", str(spec), "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home), **env},
    )


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def assert_recovers(out: Path, spec: Path, new: dict[str, bytes]) -> None:
    """The next run finishes the job: the new tree, nothing left beside it."""
    outcome = run(spec, "-o", out)
    assert outcome.code == 0, outcome.stderr
    assert tree(out) == new
    assert siblings(out) == ["out"]


CRASHES = [
    ("exchange", "writing", "previous"),
    ("exchange", "staged", "previous"),
    ("exchange", "swapped", "new"),
    ("rename", "writing", "previous"),
    ("rename", "staged", "previous"),
    ("rename", "retired", "moved aside"),
    ("rename", "swapped", "new"),
]


@pytest.mark.parametrize(("swap", "point", "left"), CRASHES, ids=[f"{s}-{p}" for s, p, _ in CRASHES])
def test_killed_at_a_named_point(
    trees: tuple[Path, dict[str, bytes], dict[str, bytes], Path], tmp_path: Path, cache_home: Path, swap: str, point: str, left: str
) -> None:
    previous_dir, previous, new, spec = trees
    out = fresh_output(previous_dir, tmp_path)
    process = generator(spec, out, cache_home, **{CRASH_ENV: point, SWAP_ENV: swap})
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, stderr
    if left == "previous":
        assert tree(out) == previous
    elif left == "new":
        assert tree(out) == new
    else:  # between the two renames: the previous tree is whole, beside the target
        assert not out.exists()
        [aside] = [p / "old" for p in out.parent.iterdir() if p.name.startswith(".out.pyclient-")]
        assert tree(aside) == previous
    assert_recovers(out, spec, new)


def test_killed_at_random_moments(
    trees: tuple[Path, dict[str, bytes], dict[str, bytes], Path], tmp_path: Path, cache_home: Path
) -> None:
    previous_dir, previous, new, spec = trees
    durations = []
    for i in range(3):  # the first run fills the cache; the others take as long as the runs killed below
        started = time.perf_counter()
        warm = generator(spec, fresh_output(previous_dir, tmp_path / f"warm{i}"), cache_home)
        assert warm.wait(timeout=120) == 0
        durations.append(time.perf_counter() - started)
    duration = min(durations)
    rng = random.Random(5)
    outcomes = []
    for i in range(RANDOM_RUNS):
        out = fresh_output(previous_dir, tmp_path / str(i))
        process = generator(spec, out, cache_home)
        # From early in the run to its end, a little jitter so that repeated runs probe new moments.
        time.sleep((0.3 + 0.7 * i / max(RANDOM_RUNS - 1, 1)) * duration * rng.uniform(0.95, 1.05))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        state = tree(out)
        assert state in (previous, new), f"run {i}: a mix of trees after a kill"
        outcomes.append("previous" if state == previous else "new")
        assert_recovers(out, spec, new)
    print("random kills left:", outcomes)


def test_concurrent_runs_do_not_interleave(
    trees: tuple[Path, dict[str, bytes], dict[str, bytes], Path], tmp_path: Path, cache_home: Path
) -> None:
    previous_dir, _, new, spec = trees
    out = fresh_output(previous_dir, tmp_path)
    processes = [generator(spec, out, cache_home) for _ in range(4)]
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in processes]
    for code, stderr in results:
        assert code == 0 or (code == 2 and "another generator run" in stderr), stderr
        assert "Traceback" not in stderr
    assert any(code == 0 for code, _ in results)
    assert tree(out) == new
    assert siblings(out) == ["out"]


def _alive(pid: int) -> bool:
    """Whether the process is there and not a zombie (a zombie has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", ["death-signal", "watching"])
def test_forked_workers_exit_when_their_parent_is_killed(tmp_path: Path, how: str) -> None:
    """A worker busy for an hour: once the parent is SIGKILLed, it must not go on (the kernel's
    parent-death signal, or where there is none, the fallback that watches the parent id)."""
    script = (
        "import os, sys, time\n"
        "from generator.output import parallel\n"
        "from generator.output.parallel import Forked\n"
        + ("parallel._parent_death_signal = lambda: False\n" if how == "watching" else "")
        + "workers = [Forked(time.sleep, 3600) for _ in range(3)]\n"
        "print(' '.join(str(w.pid) for w in workers), flush=True)\n"
        "time.sleep(3600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 3 and all(map(_alive, pids))
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=60)
    for _ in range(600):  # a bound on waiting for the event, not a timing: up to a minute
        if not any(map(_alive, pids)):
            break
        time.sleep(0.1)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers still alive after their parent was killed: {left}"
