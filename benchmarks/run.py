"""Side-by-side speed figures for the generator and the client it writes (issues 6 and 12).

Not a test and not run by CI: it installs the peers it compares with into a throwaway venv, runs
every figure round-robin (each round runs every case once, so a busy machine slows all alike),
and prints a table of medians and ratios. See benchmarks/README.md.

    .venv/bin/python benchmarks/run.py [--runs 5] [--peers-venv DIR] [--skip-big] [--skip-huge | --only-huge]
"""

from __future__ import annotations

import argparse
import itertools
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

import huge
import imports

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
NOVU_SPEC = ROOT / "specs" / "novu.yaml"
NOVU_2025_SPEC = ROOT / "specs" / "novu-2025-02.yaml"
BIG_SPEC = ROOT.parent / "shared" / "corpus" / "stripe-spec3-2021-09.yaml"
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

# The black floor: loading the spec, then one black pass over the generated package's Python
# files (already black's output, so one pass each), shared between the cores as evenly as
# lengths allow. What a run that formats with black must at least do. The loaded document is
# kept alive and frozen out of the garbage collector, and each file is formatted with the
# collector off and collected once after, as the generator does (`format._format_collected`).
BLACK_FLOOR = """
import gc, os, sys, yaml, black
from black.mode import TargetVersion

with open(sys.argv[1], "rb") as f:
    document = yaml.load(f, Loader=yaml.CSafeLoader)
gc.freeze()
texts = [
    open(os.path.join(d, n), encoding="utf-8").read()
    for d, _, names in os.walk(sys.argv[2]) if "_runtime" not in d for n in names if n.endswith(".py")
]
cores = len(os.sched_getaffinity(0))
shares, loads = [[] for _ in range(cores)], [0] * cores
for text in sorted(texts, key=len, reverse=True):
    least = loads.index(min(loads))
    shares[least].append(text)
    loads[least] += len(text)
mode = black.Mode(target_versions={TargetVersion.PY310}, line_length=100)


def format_all(share):
    for text in share:
        gc.disable()
        black.format_str(text, mode=mode)
        gc.enable()
        gc.collect()


children = []
for share in shares[1:]:
    pid = os.fork()
    if pid == 0:
        format_all(share)
        os._exit(0)
    children.append(pid)
format_all(shares[0])
for pid in children:
    os.waitpid(pid, 0)
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
    may_fail: bool = False  # a peer that cannot generate this spec: its time until it gives up
    failed: bool = False
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system time, worker processes included
    stages: list[dict[str, float]] = field(default_factory=list)  # from `--timings`, when given

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
            self.failed = self.failed or process.returncode != 0
            if process.returncode != 0 and not self.may_fail:
                err.seek(0)
                tail = err.read().decode(errors="replace")[-3000:]
                sys.exit(
                    f"{self.name}: {' '.join(self.command)} exited {process.returncode}\n{tail}"
                )
            if "--timings" in self.command:
                err.seek(0)
                found = huge.stage_times(err.read().decode(errors="replace"))
                if found is not None and i >= 0:
                    self.stages.append(found)
        self.seconds.append(elapsed)
        self.cpu.append(usage.ru_utime + usage.ru_stime)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cell(self) -> str:
        """Median wall-clock time, and median CPU time beside it."""
        failed = ", FAILED" if self.failed else ""
        return f"{self.median:.3f} s (cpu {statistics.median(self.cpu):.2f}{failed})"


def moved_aside(output: Path) -> Callable[[int], None]:
    """A `prepare` that makes `output` a new directory again by moving the last run's aside (all
    are deleted at the end). Deleting thousands of files just before the next run writes as many
    made its write five times slower on an ext4 disk (GitHub's SDK: 0.17 s into a new directory,
    0.9 s just after the last one was deleted): a cost of the benchmark, not of a run."""

    moves = itertools.count()

    def prepare(i: int) -> None:
        if output.exists():
            aside = output.parent / "aside"
            aside.mkdir(exist_ok=True)
            output.rename(aside / f"{output.name}-{next(moves)}")

    return prepare


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
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median)")
    parser.add_argument(
        "--peers-venv", type=Path, help="reuse (or create and keep) the peers' venv here"
    )
    parser.add_argument("--skip-big", action="store_true", help="leave out the big spec (Stripe)")
    parser.add_argument(
        "--skip-huge", action="store_true", help="leave out the largest specs (GitHub, Cloudflare)"
    )
    parser.add_argument(
        "--only-huge", action="store_true", help="the issue 26 table alone: ours (ruff) and opc on every spec"
    )
    parser.add_argument("--calls", type=int, default=2000, help="calls per per-call repeat")
    parser.add_argument(
        "--scratch", type=Path, help="where the runs write their output (default: the system's temporary directory)"
    )
    args = parser.parse_args()
    runs = max(args.runs, 1)
    if runs < 5:
        print(f"{runs} run(s) a figure: indicative only (5 or more for figures to quote)", file=sys.stderr)

    scratch = Path(tempfile.mkdtemp(prefix="pyclient-bench-", dir=args.scratch))
    try:
        _run(args, runs, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


Row = tuple[str, str, str, str]  # (figure, ours, peer or floor, ratio and target)


def _run(args: argparse.Namespace, runs: int, scratch: Path) -> None:
    imports.compile_as_installed(ROOT / "generator")
    peers = peers_venv(args.peers_venv, scratch)
    peer_py = str(peers / "bin" / "python")
    opc = str(peers / "bin" / "openapi-python-client")

    specs = {"novu": NOVU_SPEC}
    if not args.skip_big and BIG_SPEC.exists():
        specs["stripe"] = BIG_SPEC
    huge_specs = {} if args.skip_huge else huge.huge_specs()
    cases = _all_cases(args, specs, huge_specs, scratch, opc)

    print(f"timing {len(cases)} commands x {runs} rounds ...", file=sys.stderr)
    for i in range(runs):
        for case in cases.values():
            case.run(i)

    rows = _issue26_rows(cases, [*specs, *huge_specs] if args.only_huge else list(huge_specs), scratch, runs)
    counts = {name: huge.operations(path) for name, path in {**specs, **{n: p for n, (p, _) in huge_specs.items()}}.items()}
    timings = {name: cases[name, "ours ruff"].stages for name in counts if (name, "ours ruff") in cases}
    rows += huge.per_operation_rows(timings, counts)
    if not args.only_huge:
        rows += _classic_rows(cases, specs, scratch, runs)
        rows += _client_rows(peer_py, runs, args.calls)
    rows.append(_creation_row(scratch))
    _print_table(rows, runs)


def _creation_row(scratch: Path, count: int = 2000) -> Row:
    """What creating a file costs where the runs write (an SDK is thousands of files): on some
    virtual disks it is ten times the cost in another directory of the same file system."""
    where = Path(tempfile.mkdtemp(prefix="creation-", dir=scratch))
    start = time.perf_counter()
    for i in range(count):
        os.close(os.open(where / f"{i}.py", os.O_WRONLY | os.O_CREAT, 0o666))
    each = (time.perf_counter() - start) / count
    shutil.rmtree(where, ignore_errors=True)
    return ("file creation where the runs write (context)", f"{each * 1e6:.0f} us a file", "", "")


def _all_cases(
    args: argparse.Namespace,
    specs: dict[str, Path],
    huge_specs: dict[str, tuple[Path, tuple[str, ...]]],
    scratch: Path,
    opc: str,
) -> dict[tuple[str, str], Case]:
    cache_env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "cache")}  # never the user's cache
    cases: dict[tuple[str, str], Case] = {}
    for name, spec in specs.items():
        if args.only_huge:
            cases.update(_huge_cases(name, spec, (), scratch, opc))
        else:
            cases.update(_generation_cases(name, spec, scratch, opc, cache_env))
    for name, (spec, flags) in huge_specs.items():
        cases.update(_huge_cases(name, spec, flags, scratch, opc))
    return cases


def _issue26_rows(cases: dict[tuple[str, str], Case], names: list[str], scratch: Path, runs: int) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        rows += _huge_rows(name, {k[1]: v for k, v in cases.items() if k[0] == name}, scratch, runs)
    return rows


def _classic_rows(cases: dict[tuple[str, str], Case], specs: dict[str, Path], scratch: Path, runs: int) -> list[Row]:
    """Novu's and Stripe's figures: cold, warm, --check, diff, memory, lines, scale, big SDK."""
    rows: list[Row] = []
    mems: dict[str, dict[str, tuple[float, float]]] = {}
    for name in specs:
        c = {k[1]: v for k, v in cases.items() if k[0] == name}
        rows += _cold_rows(name, c)
        rows += _diff_rows(name, c)
        if "ours edit" in c:
            rows += _warm_rows(name, c)
        mems[name] = _memory(c, runs)
        rows += _memory_rows(name, mems[name])
        rows.append(_lines_row(name, scratch))
    if "stripe" in specs:
        rows += _scale_rows(cases, mems)
        rows += _big_sdk_rows(scratch / "stripe" / "cold", runs)
    return rows


def _cold_rows(name: str, c: dict[str, Case]) -> list[Row]:
    """Cold runs against the black floor, openapi-python-client and (ruff) the validation floor."""
    ours, ruff, opc = c["ours cold"], c["ours ruff"], c["opc"]
    black_floor, floor = c["black floor"], c["floor"]
    opc_note = "opc failed: time until it gave up" if opc.failed else "opc/ours"
    rows = [
        (
            f"{name}: cold, black (default)",
            ours.cell,
            f"black floor {black_floor.cell}",
            f"ours/black floor {ours.median / black_floor.median:.2f}x (target <= 1.2x)",
        ),
        ("", "", f"opc {opc.cell}", f"{opc_note} {opc.median / ours.median:.2f}x (target > 1x)"),
    ]
    if name == "novu":
        target = f"{opc_note} {opc.median / ruff.median:.2f}x (target >= 3x)"
        rows.append((f"{name}: cold, --formatter ruff", ruff.cell, f"opc {_s(opc.median)}", target))
    else:
        target = f"ours/floor {ruff.median / floor.median:.2f}x (target <= 1.5x)"
        rows.append((f"{name}: cold, --formatter ruff", ruff.cell, f"load+validate floor {floor.cell}", target))
    return rows


def _warm_rows(name: str, c: dict[str, Case]) -> list[Row]:
    opc_s = c["opc"].median
    rows = [
        (
            f"{name}: warm, one description edited",
            c["ours edit"].cell,
            f"opc cold {_s(opc_s)}",
            f"opc/ours {opc_s / c['ours edit'].median:.1f}x (target >= 5x)",
        )
    ]
    for key, label in (
        ("ours warm", "warm, spec unchanged"),
        ("ours check", "--check (cache)"),
        ("ours check cold", "--check --no-cache"),
    ):
        rows.append((f"{name}: {label}", c[key].cell, f"opc cold {_s(opc_s)}", f"opc/ours {opc_s / c[key].median:.1f}x"))
    return rows


def _memory(c: dict[str, Case], runs: int) -> dict[str, tuple[float, float]]:
    """One extra, untimed run each: peak memory."""
    found = {}
    for label in ("ours cold", "ours ruff", "opc", "floor"):
        prepare = c[label].prepare
        if prepare is not None:
            prepare(runs)
        found[label] = peak_memory(c[label].command)
    return found


def _memory_rows(name: str, mem: dict[str, tuple[float, float]]) -> list[Row]:
    ratio = mem["ours cold"][0] / mem["opc"][0]
    return [
        (
            f"{name}: peak memory, cold (PSS of all processes / RSS of the largest)",
            f"{mem['ours cold'][0]:.0f} / {mem['ours cold'][1]:.0f} MiB (ruff {mem['ours ruff'][0]:.0f} / {mem['ours ruff'][1]:.0f})",
            f"opc {mem['opc'][0]:.0f} / {mem['opc'][1]:.0f} MiB, floor {mem['floor'][0]:.0f} / {mem['floor'][1]:.0f}",
            f"ours/opc (PSS) {ratio:.2f}x (target <= 2x)",
        )
    ]


def _lines_row(name: str, scratch: Path) -> Row:
    files, lines = py_lines(scratch / name / "cold")
    opc_files, opc_lines = py_lines(scratch / name / "opc")
    return (
        f"{name}: generated package (files, Python lines)",
        f"{files} files, {lines:,} lines",
        f"opc {opc_files} files, {opc_lines:,} lines",
        f"ours/opc {lines / opc_lines:.2f}" if opc_lines else "opc wrote nothing",
    )


def _scale_rows(cases: dict[tuple[str, str], Case], mems: dict[str, dict[str, tuple[float, float]]]) -> list[Row]:
    size = BIG_SPEC.stat().st_size / NOVU_SPEC.stat().st_size
    ratio = {k: cases["stripe", k].median / cases["novu", k].median for k in ("ours cold", "ours ruff", "floor")}
    memory = {k: mems["stripe"][k][0] / mems["novu"][k][0] for k in ("ours cold", "floor")}
    return [
        (
            "scale: stripe / novu, cold time",
            f"x{ratio['ours cold']:.1f} (ruff x{ratio['ours ruff']:.1f})",
            f"floor x{ratio['floor']:.1f}",
            f"spec bytes x{size:.1f}",
        ),
        (
            "scale: stripe / novu, peak memory (PSS)",
            f"x{memory['ours cold']:.1f}",
            f"floor x{memory['floor']:.1f}",
            f"spec bytes x{size:.1f}",
        ),
    ]


def _big_sdk_rows(sdk: Path, runs: int) -> list[Row]:
    """The Stripe SDK a cold run wrote: what importing it costs, and how many model modules one
    call loads (`imports.py`)."""
    print(f"import figures for the Stripe SDK x {runs} rounds ...", file=sys.stderr)
    f = imports.measure(sdk, runs)
    base, client, call = f["baseline"], f["client"], f["one_call"]
    wall, rss = client["process_s"] / base["process_s"], client["peak_rss_mb"] / base["peak_rss_mb"]
    return [
        (
            f"stripe SDK: {imports.CLIENT}",
            f"{_ms(client['process_s'])}, {client['peak_rss_mb']:.0f} MB",
            f"{imports.BASELINE} {_ms(base['process_s'])}, {base['peak_rss_mb']:.0f} MB",
            f"wall {wall:.2f}x, peak RSS {rss:.2f}x (targets <= 1.5x)",
        ),
        (
            "stripe SDK: model modules loaded by customers.retrieve()",
            f"{call['model_modules_loaded']} of {call['model_modules']}",
            "",
            f"{call['share']:.1%} (target < 10%)",
        ),
    ]


def _diff_rows(name: str, cases: dict[str, Case]) -> list[tuple[str, str, str, str]]:
    if "diff" not in cases:
        return []
    return [(f"{name}: diff novu.yaml -> novu-2025-02.yaml", cases["diff"].cell, "", "(two specs: load, validate, IR)")]


def _client_rows(peer_py: str, runs: int, calls: int) -> list[tuple[str, str, str, str]]:
    imports.compile_as_installed(GENERATED)
    gen_env = {**os.environ, "PYTHONPATH": str(GENERATED)}
    percall = str(HERE / "percall.py")
    figures: dict[str, list[float]] = {"bare": [], "generated": [], "peer bare": [], "novu_py": []}
    import_times: dict[str, list[float]] = {
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
            import_times[label].append(float(out.stdout))
    m = {k: statistics.median(v) for k, v in figures.items()}
    i = {k: statistics.median(v) for k, v in import_times.items()}
    return [
        (
            "per call: set_as_primary (MockTransport)",
            _us(m["generated"]),
            f"bare httpx+json.loads {_us(m['bare'])}",
            f"ours/bare {m['generated'] / m['bare']:.2f}x (target <= 1.3x)",
        ),
        (
            "",
            "",
            f"novu-py {_us(m['novu_py'])} (its venv's bare: {_us(m['peer bare'])})",
            f"novu-py/ours {m['novu_py'] / m['generated']:.1f}x (target >= 5x)",
        ),
        (
            "import novu (bytecode compiled, as installed)",
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


def _generation_cases(
    name: str, spec: Path, scratch: Path, opc: str, cache_env: dict[str, str]
) -> dict[tuple[str, str], Case]:
    """Our generator cold (black and ruff), and for Novu warm, on an edited spec and with --check;
    openapi-python-client; the floors (load + validate, and load + one black pass)."""
    work = scratch / name
    work.mkdir()

    def ours(out: str, *flags: str, spec: Path = spec) -> list[str]:
        return [PY, "-m", "generator", str(spec), "-o", str(work / out), *flags]

    def fresh(out: str) -> Callable[[int], None]:
        return moved_aside(work / out)

    cases = {
        (name, "ours cold"): Case(f"{name}: ours cold", ours("cold", "--no-cache"), fresh("cold")),
        (name, "ours ruff"): Case(
            f"{name}: ours cold --formatter ruff",
            ours("ruff", "--no-cache", "--formatter", "ruff", "--timings"),
            fresh("ruff"),
        ),
        (name, "opc"): Case(
            f"{name}: openapi-python-client",
            [opc, "generate", "--path", str(spec), "--output-path", str(work / "opc")],
            fresh("opc"),
            may_fail=True,
        ),
        (name, "floor"): Case(f"{name}: floor", [PY, "-c", FLOOR, str(spec)]),
    }
    # Untimed: the output the black floor formats again (black's own output: one pass a file).
    reference = Case(f"{name}: reference output", ours("reference", "--no-cache"))
    reference.run(-1)
    cases[name, "black floor"] = Case(
        f"{name}: black floor", [PY, "-c", BLACK_FLOOR, str(spec), str(work / "reference")]
    )
    if name == "novu":
        cases.update(_warm_cases(name, spec, work, ours, cache_env))
    return cases


def _huge_cases(
    name: str, spec: Path, flags: tuple[str, ...], scratch: Path, opc: str
) -> dict[tuple[str, str], Case]:
    """The issue 26 table: ours cold with ruff (stage times printed) and openapi-python-client."""
    work = scratch / name
    work.mkdir(exist_ok=True)
    command = [PY, "-m", "generator", str(spec), "-o", str(work / "ruff"), "--no-cache"]
    return {
        (name, "ours ruff"): Case(
            f"{name}: ours cold --formatter ruff",
            [*command, "--formatter", "ruff", "--timings", *flags],
            moved_aside(work / "ruff"),
        ),
        (name, "opc"): Case(
            f"{name}: openapi-python-client",
            [opc, "generate", "--path", str(spec), "--output-path", str(work / "opc")],
            moved_aside(work / "opc"),
            may_fail=True,
        ),
    }


def _huge_rows(name: str, c: dict[str, Case], scratch: Path, runs: int) -> list[Row]:
    """Ours (ruff, cold) against openapi-python-client, peak memory, and the SDK's import time."""
    if "ours ruff" not in c or "opc" not in c or "ours cold" in c:
        return []
    ours, opc = c["ours ruff"], c["opc"]
    note = "opc failed: time until it gave up" if opc.failed else "opc/ours"
    rows = [
        (
            f"{name}: cold, --formatter ruff",
            ours.cell,
            f"opc {opc.cell}",
            f"{note} {opc.median / ours.median:.2f}x (target >= 3x, ours < 10 s)",
        )
    ]
    for case in (ours, opc):
        if case.prepare is not None:
            case.prepare(runs)
    mine, theirs = peak_memory(ours.command), peak_memory(opc.command)
    rows.append(
        (
            f"{name}: peak memory (PSS of all processes / RSS of the largest)",
            f"{mine[0]:.0f} / {mine[1]:.0f} MiB",
            f"opc {theirs[0]:.0f} / {theirs[1]:.0f} MiB",
            "target < 1 GB",
        )
    )
    return rows + _import_rows(name, scratch / name / "ruff", runs)


def _import_rows(name: str, out: Path, runs: int) -> list[Row]:
    """`import <package>` of the SDK written, against `import httpx, pydantic` (fresh
    interpreters, round-robin, medians)."""
    packages = [p.name for p in out.iterdir() if (p / "__init__.py").exists()] if out.exists() else []
    if len(packages) != 1:
        return []
    imports.compile_as_installed(out)
    env = {**os.environ, "PYTHONPATH": str(out)}
    times: dict[str, list[float]] = {"sdk": [], "base": []}
    for _ in range(runs):
        for label, statement in (("sdk", f"import {packages[0]}"), ("base", "import httpx, pydantic")):
            result = subprocess.run(
                [PY, "-c", IMPORT_TIME.format(statement=statement)],
                env=env, check=True, capture_output=True, text=True,
            )
            times[label].append(float(result.stdout))
    sdk, base = statistics.median(times["sdk"]), statistics.median(times["base"])
    return [
        (
            f"{name} SDK: import {packages[0]} (bytecode compiled, as installed)",
            _ms(sdk),
            f"import httpx, pydantic {_ms(base)}",
            f"ours/base {sdk / base:.2f}x (target <= 1.5x)",
        )
    ]


def _warm_cases(
    name: str, spec: Path, work: Path, ours: Callable[..., list[str]], cache_env: dict[str, str]
) -> dict[tuple[str, str], Case]:
    """With the cache: unchanged, one description edited before every run, and --check."""
    edited = work / "edited" / spec.name  # with its config beside it
    edited.parent.mkdir()
    config = spec.with_name(f"{spec.stem}.generator.yaml")
    if config.exists():
        shutil.copy(config, edited.with_name(config.name))
    text = spec.read_text(encoding="utf-8")

    def edit(i: int) -> None:
        edited.write_text(_edit_description(text, i), encoding="utf-8")

    cases = {
        (name, "ours warm"): Case(f"{name}: ours warm", ours("warm"), env=cache_env),
        (name, "ours edit"): Case(
            f"{name}: ours edited", ours("edit", spec=edited), edit, cache_env
        ),
        (name, "ours check"): Case(f"{name}: ours --check", ours("warm", "--check"), env=cache_env),
        (name, "ours check cold"): Case(
            f"{name}: ours --check --no-cache", ours("warm", "--check", "--no-cache")
        ),
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


def _edit_description(text: str, i: int) -> str:
    """Novu with one operation's description set to something new for run `i`."""
    anchor = "      summary: Set integration as primary\n"
    if anchor not in text:
        sys.exit(f"cannot find the operation to edit ({anchor.strip()!r})")
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
