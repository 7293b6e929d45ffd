"""The issue's bar: a 1 GiB body, a gzip bomb (single and stacked), 20,000 levels of nesting and
a one-byte-a-second server each end in a ``novu.APIError`` within the caller's timeout and in
bounded memory. Each runs in a subprocess (``hostile_probe``) whose address space is capped at
1 GiB, so a client that reads without bound fails the test with a MemoryError (or dies) instead
of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import novu
import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MIB = 1024
# Peak resident memory allowed: the interpreter and imports (~40 MiB), the 50 MiB cap, and
# the copies a read makes of it (the bytearray and the bytes handed to the parser).
PEAK_MIB = 200

CASES = {
    "big_body": "ResponseTooLargeError",
    "gzip_bomb": "ResponseTooLargeError",
    "stacked_bomb": "ResponseBodyError",
    "deep": "ResponseBodyError",
    "slowloris": "APITimeoutError",
}


def probe(case: str, mode: str) -> dict[str, object]:
    sdk = Path(novu.__file__).resolve().parents[1]
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(sdk), str(ROOT)]),
        "MALLOC_ARENA_MAX": "2",  # glibc's per-thread arenas would count against the cap
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.client.hostile_probe", case, mode, str(LIMIT_MIB)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_server_ends_in_an_api_error_in_bounded_time_and_memory(
    case: str, mode: str
) -> None:
    result = probe(case, mode)
    assert result["error"] == CASES[case], result
    assert result["api_error"] is True
    assert isinstance(result["seconds"], float) and result["seconds"] < 2.5  # timeout=2
    assert isinstance(result["peak_rss_mib"], int) and result["peak_rss_mib"] < PEAK_MIB
