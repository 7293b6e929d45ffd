"""Side-by-side speed figures for the generator and the client it writes (issue 6).

Not a test and not run by CI: it installs the peers it compares with into a throwaway venv, runs
every figure round-robin (each round runs every case once, so a busy machine slows all alike),
and prints a table of medians and ratios. See benchmarks/README.md.

    .venv/bin/python benchmarks/run.py [--runs 5] [--peers-venv DIR] [--skip-asana]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
NOVU_SPEC = ROOT / "specs" / "novu.yaml"
NOVU_2025_SPEC = ROOT / "specs" / "novu-2025-02.yaml"
ASANA_SPEC = ROOT.parent / "shared" / "corpus" / "asana_oas.yaml"
GENERATED = ROOT / "generated"
PEERS = ["openapi-python-client==0.29.1", "novu-py==3.19.0"]
PY = sys.executable

FLOOR = """
import sys, yaml
from openapi_spec_validator import validate

def keys_as_strings(node):  # YAML reads `200:` as an integer; the validator needs strings
    if isinstance(node, dict):
        return {str(k): keys_as_strings(v) for k, v in node.items()}
    if isinstance(node, list):
        return [keys_as_strings(v) for v in node]
    return node

with open(sys.argv[1], "rb") as f:
    document = keys_as_strings(yaml.load(f, Loader=yaml.CSafeLoader))
validate(document)
"""

IMPORT_TIME = """
import sys, time
start = time.perf_counter()
{statement}
print(time.perf_counter() - start)
"""


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Case:
    """One command, run once per round; `prepare(i)` (untimed) runs before run `i`."""

    name: str
    command: list[str]
    prepare: Callable[[int], None] | None = None
    env: dict[str, str] | None = None
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system time, worker processes included

    def run(self, i: int) -> None:
        if self.prepare is not None:
            self.prepare(i)
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            process = subprocess.Popen(
                self.command, env=self.env, stdout=subprocess.DEVNULL, stderr=err
            )
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                err.seek(0)
                tail = err.read().decode(errors="replace")[-3000:]
                sys.exit(
                    f"{self.name}: {' '.join(self.command)} exited {process.returncode}\n{tail}"
                )
        self.seconds.append(elapsed)
        self.cpu.append(usage.ru_utime + usage.ru_stime)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cell(self) -> str:
        """Median wall-clock time, and median CPU time beside it."""
        return f"{self.median:.3f} s (cpu {statistics.median(self.cpu):.2f})"


def peak_memory(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(peak proportional set size of the whole process tree, peak RSS of its largest process), MiB.

    Sampled every 5 ms from /proc. Forked workers share pages with their parent: PSS counts a
    shared page once, so the PSS of the tree is what the run really holds.
    """
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak_pss = peak_rss = 0
    while process.poll() is None:
        sizes = [_sizes(p) for p in _tree(process.pid)]
        peak_pss = max(peak_pss, sum(pss for pss, _ in sizes))
        peak_rss = max([peak_rss, *(rss for _, rss in sizes)])
        time.sleep(0.005)
    return peak_pss / 1024, peak_rss / 1024


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return found


def _sizes(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; zeros once it is gone."""
    found = {"Pss:": 0, "Rss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(("Pss:", "Rss:")):
                    found[line.split()[0]] = int(line.split()[1])
    except OSError:
        pass
    return found["Pss:"], found["Rss:"]


def py_lines(directory: Path) -> tuple[int, int]:
    """(number of files, lines of Python) under `directory`."""
    files = [p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files if p.suffix == ".py")
    return len(files), lines


# --- the peers -----------------------------------------------------------------------------------


def peers_venv(where: Path | None, scratch: Path) -> Path:
    if where is not None and (where / "bin" / "python").exists():
        return where
    target = where or scratch / "peers"
    print(f"installing {', '.join(PEERS)} into a throwaway venv ...", file=sys.stderr)
    venv.EnvBuilder(with_pip=True).create(target)
    subprocess.run(
        [
            str(target / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *PEERS,
        ],
        check=True,
    )
    return target


# --- the figures ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median; at least 5)")
    parser.add_argument(
        "--peers-venv", type=Path, help="reuse (or create and keep) the peers' venv here"
    )
    parser.add_argument("--skip-asana", action="store_true", help="leave out the large spec")
    parser.add_argument("--calls", type=int, default=2000, help="calls per per-call repeat")
    args = parser.parse_args()
    runs = max(args.runs, 5)

    scratch = Path(tempfile.mkdtemp(prefix="pyclient-bench-"))
    try:
        _run(args, runs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(args: argparse.Namespace, runs: int, scratch: Path) -> None:
    peers = peers_venv(args.peers_venv, scratch)
    peer_py = str(peers / "bin" / "python")
    opc = str(peers / "bin" / "openapi-python-client")
    cache_env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "cache")}  # never the user's cache
    rows: list[tuple[str, str, str, str]] = []  # (figure, ours, peer or floor, ratio and target)

    specs = {"novu": NOVU_SPEC}
    if not args.skip_asana and ASANA_SPEC.exists():
        specs["asana"] = ASANA_SPEC

    cases: dict[tuple[str, str], Case] = {}
    for name, spec in specs.items():
        cases.update(_generation_cases(name, spec, scratch, opc, cache_env))

    print(f"timing {len(cases)} commands x {runs} rounds ...", file=sys.stderr)
    for i in range(runs):
        for case in cases.values():
            case.run(i)

    mems: dict[str, dict[str, tuple[float, float]]] = {}
    for name in specs:
        c = {k[1]: v for k, v in cases.items() if k[0] == name}
        opc_s, floor_s = c["opc"].median, c["floor"].median
        rows.append(
            (
                f"{name}: cold generation",
                c["ours cold"].cell,
                f"opc {c['opc'].cell}",
                f"opc/ours {opc_s / c['ours cold'].median:.2f}x (target >= 3x)",
            )
        )
        rows.append(
            (
                "",
                "",
                f"floor {c['floor'].cell}",
                f"ours/floor {c['ours cold'].median / floor_s:.2f}x (target <= 2x)",
            )
        )
        for key, label in (
            ("ours warm", "warm, spec unchanged"),
            ("ours edit", "warm, one description edited"),
            ("ours check", "--check (cache)"),
            ("ours check cold", "--check --no-cache"),
        ):
            rows.append(
                (
                    f"{name}: {label}",
                    c[key].cell,
                    f"opc {_s(opc_s)}",
                    f"opc/ours {opc_s / c[key].median:.1f}x (target >= 10x)",
                )
            )
        rows += _diff_rows(name, c)
        mem = mems[name] = {}
        for label in ("ours cold", "opc", "floor"):
            prepare = c[label].prepare
            if prepare is not None:
                prepare(runs)
            mem[label] = peak_memory(c[label].command)
        rows.append(
            (
                f"{name}: peak memory, cold (PSS of all processes / RSS of the largest)",
                f"{mem['ours cold'][0]:.0f} / {mem['ours cold'][1]:.0f} MiB",
                f"opc {mem['opc'][0]:.0f} / {mem['opc'][1]:.0f} MiB",
                f"floor {mem['floor'][0]:.0f} / {mem['floor'][1]:.0f} MiB",
            )
        )
        files, lines = py_lines(scratch / name / "cold")
        opc_files, opc_lines = py_lines(scratch / name / "opc")
        rows.append(
            (
                f"{name}: generated package (files, Python lines)",
                f"{files} files, {lines:,} lines",
                f"opc {opc_files} files, {opc_lines:,} lines",
                f"ours/opc {lines / opc_lines:.2f} (target <= 0.33)",
            )
        )

    if "asana" in specs:
        size = ASANA_SPEC.stat().st_size / NOVU_SPEC.stat().st_size
        ours_ratio = cases["asana", "ours cold"].median / cases["novu", "ours cold"].median
        floor_ratio = cases["asana", "floor"].median / cases["novu", "floor"].median
        opc_ratio = cases["asana", "opc"].median / cases["novu", "opc"].median
        memory = {
            k: mems["asana"][k][0] / mems["novu"][k][0] for k in ("ours cold", "opc", "floor")
        }
        rows.append(
            (
                "scale: asana / novu, cold time",
                f"x{ours_ratio:.1f}",
                f"opc x{opc_ratio:.1f}, floor x{floor_ratio:.1f}",
                f"spec bytes x{size:.1f}",
            )
        )
        rows.append(
            (
                "scale: asana / novu, peak memory (PSS)",
                f"x{memory['ours cold']:.1f}",
                f"opc x{memory['opc']:.1f}, floor x{memory['floor']:.1f}",
                f"spec bytes x{size:.1f}",
            )
        )

    rows += _client_rows(peer_py, runs, args.calls)
    _print_table(rows, runs)


def _client_rows(peer_py: str, runs: int, calls: int) -> list[tuple[str, str, str, str]]:
    gen_env = {**os.environ, "PYTHONPATH": str(GENERATED)}
    percall = str(HERE / "percall.py")
    figures: dict[str, list[float]] = {"bare": [], "generated": [], "peer bare": [], "novu_py": []}
    imports: dict[str, list[float]] = {
        "novu": [],
        "httpx+pydantic": [],
        "novu_py": [],
        "first call": [],
    }
    first_call = "import novu, httpx\nfrom percall import transport\nnovu.Novu(api_key='k', http_client=httpx.Client(transport=transport())).integrations.set_as_primary('id')"
    print(f"per-call and import figures x {runs} rounds ...", file=sys.stderr)
    for _ in range(runs):
        for label, py, mode, env in (
            ("bare", PY, "bare", None),
            ("generated", PY, "generated", gen_env),
            ("peer bare", peer_py, "bare", None),
            ("novu_py", peer_py, "novu_py", None),
        ):
            out = subprocess.run(
                [py, percall, mode, str(calls), "1"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            figures[label] += json.loads(out.stdout)
        for label, py, statement, env in (
            ("novu", PY, "import novu", gen_env),
            ("httpx+pydantic", PY, "import httpx, pydantic", None),
            ("novu_py", peer_py, "import novu_py", None),
            (
                "first call",
                PY,
                first_call,
                {**os.environ, "PYTHONPATH": f"{GENERATED}{os.pathsep}{HERE}"},
            ),
        ):
            out = subprocess.run(
                [py, "-c", IMPORT_TIME.format(statement=statement)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            imports[label].append(float(out.stdout))
    m = {k: statistics.median(v) for k, v in figures.items()}
    i = {k: statistics.median(v) for k, v in imports.items()}
    return [
        (
            "per call: set_as_primary (MockTransport)",
            _us(m["generated"]),
            f"bare httpx+json.loads {_us(m['bare'])}",
            f"ours/bare {m['generated'] / m['bare']:.2f}x (target <= 1.5x)",
        ),
        (
            "",
            "",
            f"novu-py {_us(m['novu_py'])} (its venv's bare: {_us(m['peer bare'])})",
            f"novu-py/ours {m['novu_py'] / m['generated']:.1f}x (target >= 5x)",
        ),
        (
            "import novu",
            _ms(i["novu"]),
            f"import httpx, pydantic {_ms(i['httpx+pydantic'])}",
            f"ours/base {i['novu'] / i['httpx+pydantic']:.2f}x (target <= 1.25x)",
        ),
        (
            "",
            "",
            f"import novu_py {_ms(i['novu_py'])}",
            f"import + first call (lazy models): {_ms(i['first call'])}",
        ),
    ]


def _diff_rows(name: str, cases: dict[str, Case]) -> list[tuple[str, str, str, str]]:
    if "diff" not in cases:
        return []
    return [(f"{name}: diff novu.yaml -> novu-2025-02.yaml", cases["diff"].cell, "", "(two specs: load, validate, IR)")]


def _generation_cases(
    name: str, spec: Path, scratch: Path, opc: str, cache_env: dict[str, str]
) -> dict[tuple[str, str], Case]:
    """Our generator cold, warm, on an edited spec and with --check; openapi-python-client; the floor."""
    work = scratch / name
    work.mkdir()

    def ours(out: str, *flags: str, spec: Path = spec) -> list[str]:
        return [PY, "-m", "generator", str(spec), "-o", str(work / out), *flags]

    def fresh(out: str) -> Callable[[int], None]:
        return lambda i: shutil.rmtree(work / out, ignore_errors=True)

    # The edited copy: one operation's description changes before every run (with its config).
    edited = work / "edited" / spec.name
    edited.parent.mkdir()
    config = spec.with_name(f"{spec.stem}.generator.yaml")
    if config.exists():
        shutil.copy(config, edited.with_name(config.name))
    text = spec.read_text(encoding="utf-8")

    def edit(i: int) -> None:
        edited.write_text(_edit_description(text, name, i), encoding="utf-8")

    # openapi-python-client reads YAML `200:` keys as integers and refuses Asana's document: it
    # gets the same document as JSON with string keys.
    opc_spec = spec
    if name == "asana":
        sys.path.insert(0, str(ROOT))
        from generator.load import load

        opc_spec = work / "asana.json"
        opc_spec.write_text(json.dumps(load(spec).document))

    cases = {
        (name, "ours cold"): Case(f"{name}: ours cold", ours("cold", "--no-cache"), fresh("cold")),
        (name, "ours warm"): Case(f"{name}: ours warm", ours("warm"), env=cache_env),
        (name, "ours edit"): Case(
            f"{name}: ours edited", ours("edit", spec=edited), edit, cache_env
        ),
        (name, "ours check"): Case(f"{name}: ours --check", ours("warm", "--check"), env=cache_env),
        (name, "ours check cold"): Case(
            f"{name}: ours --check --no-cache", ours("warm", "--check", "--no-cache")
        ),
        (name, "opc"): Case(
            f"{name}: openapi-python-client",
            [opc, "generate", "--path", str(opc_spec), "--output-path", str(work / "opc")],
            fresh("opc"),
        ),
        (name, "floor"): Case(f"{name}: floor", [PY, "-c", FLOOR, str(spec)]),
    }
    if name == "novu":  # what moving to the February 2025 edition means for callers
        diff = [PY, "-m", "generator", "diff", str(spec), str(NOVU_2025_SPEC), "--format", "json"]
        cases[name, "diff"] = Case(f"{name}: diff -> 2025-02", diff)
    # Untimed: the warm and --check cases start from a filled cache and an existing output.
    cases[name, "ours warm"].run(-1)
    cases[name, "ours edit"].run(-1)
    for case in cases.values():
        case.seconds.clear()
    return cases


def _edit_description(text: str, name: str, i: int) -> str:
    """The spec with one operation's description set to something new for run `i`."""
    anchors = {
        "novu": "      summary: Set integration as primary\n",
        "asana": "      summary: Get an attachment\n",
    }
    anchor = anchors[name]
    if anchor not in text:
        sys.exit(f"{name}: cannot find the operation to edit ({anchor.strip()!r})")
    return text.replace(anchor, f"{anchor}      description: 'Edited for benchmark run {i}.'\n", 1)


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} us"


def _print_table(rows: list[tuple[str, str, str, str]], runs: int) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    head = ("figure", "ours", "peer / floor", "ratio (target)")
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(4)]
    print(
        f"\nmedians of {runs} runs; {cpus} CPUs; load average at the end {load:.2f}; Python {sys.version.split()[0]}\n"
    )
    for row in [head, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
