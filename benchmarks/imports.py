"""What importing a big generated SDK costs, and how much of it one call loads (issue 12).

Not a test: generates the Stripe SDK (the big corpus spec) into a temporary directory, then in
fresh interpreters, round-robin, measures

- `import stripe; Stripe(bearer_token="k")` against `import httpx, pydantic`: median wall time
  (of the whole process, start-up included, and of the statements alone) and peak RSS;
- after `client.customers.retrieve("cus_...")` through `httpx.MockTransport`, answered with a
  customer as Stripe documents it (unexpanded ids as strings), how many of the package's model
  modules are imported, and which share of them.

    .venv/bin/python benchmarks/imports.py [--runs 9] [--sdk DIR]

`--sdk DIR` reuses a package generated earlier (`DIR/stripe`); `run.py` calls `measure()`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STRIPE_SPEC = ROOT.parent / "shared" / "corpus" / "stripe-spec3-2021-09.yaml"
PACKAGE = "stripe"

# Each child prints {"seconds": statements' wall time, "rss_kb": peak RSS}.
_TIMED = """
import resource, time, json
start = time.perf_counter()
{statements}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""
BASELINE = "import httpx, pydantic"
CLIENT = f"import {PACKAGE}; {PACKAGE}.Stripe(bearer_token='k')"

# A customer as Stripe's API reference shows one: expandable fields unexpanded (ids), the
# sub-lists empty list objects.
CUSTOMER = {
    "id": "cus_NffrFeUfNV2Hib",
    "object": "customer",
    "address": {
        "city": "South San Francisco",
        "country": "US",
        "line1": "354 Oyster Point Blvd",
        "line2": None,
        "postal_code": "94080",
        "state": "CA",
    },
    "balance": 0,
    "created": 1680893993,
    "currency": "usd",
    "default_source": "card_1MtvzG2eZvKYlo2CTyOBp2O7",
    "delinquent": False,
    "description": None,
    "discount": None,
    "email": "jennyrosen@example.com",
    "invoice_prefix": "0759376C",
    "invoice_settings": {
        "custom_fields": None,
        "default_payment_method": "pm_1MtvzG2eZvKYlo2CRFtGxoOp",
        "footer": None,
    },
    "livemode": False,
    "metadata": {"order_id": "6735"},
    "name": "Jenny Rosen",
    "next_invoice_sequence": 1,
    "phone": None,
    "preferred_locales": [],
    "shipping": None,
    "sources": {"object": "list", "data": [], "has_more": False, "url": "/v1/customers/cus_NffrFeUfNV2Hib/sources"},
    "subscriptions": {"object": "list", "data": [], "has_more": False, "url": "/v1/customers/cus_NffrFeUfNV2Hib/subscriptions"},
    "tax_exempt": "none",
    "test_clock": None,
}

_ONE_CALL = """
import httpx, json, os, sys
import {package}
body = json.loads({body!r})
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
client = {package}.Stripe(bearer_token="k", http_client=httpx.Client(transport=transport))
customer = client.customers.retrieve(body["id"])
assert type(customer).__name__ == "Customer", type(customer)
assert customer.address.postal_code == body["address"]["postal_code"]
folder = os.path.join(os.path.dirname({package}.__file__), "models")
total = len([f for f in os.listdir(folder) if f.endswith(".py") and f != "__init__.py"])
loaded = sorted(m for m in sys.modules if m.startswith("{package}.models."))
print(json.dumps({{"loaded": loaded, "total": total}}))
"""


def generate(out: Path) -> None:
    """The Stripe SDK, formatted with ruff (the layout is the same; it is only faster)."""
    command = [sys.executable, "-m", "generator", str(STRIPE_SPEC), "-o", str(out), "--formatter", "ruff"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"generating the Stripe SDK failed:\n{result.stderr}")


def compile_as_installed(directory: Path) -> None:
    """Bytecode for every module under `directory`, as `pip install` writes it: the peers and
    httpx/pydantic are timed from their installed bytecode, and an environment with
    PYTHONDONTWRITEBYTECODE set would otherwise compile our modules on every run."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(directory)], check=True, capture_output=True)


def _child(code: str, cwd: Path) -> tuple[float, dict[str, Any]]:
    """Runs `code` in a fresh interpreter: its wall time (start-up included) and its JSON output."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"a measured child failed:\n{result.stderr}")
    return elapsed, json.loads(result.stdout)


def measure(sdk: Path, runs: int) -> dict[str, Any]:
    """Medians over `runs` rounds, each round running each case once, the SDK from bytecode."""
    compile_as_installed(sdk)
    cases = {"baseline": BASELINE, "client": CLIENT}
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, statements in cases.items():
            process, out = _child(_TIMED.format(statements=statements), sdk)
            samples[name].append((process, out["seconds"], out["rss_kb"]))
    figures: dict[str, Any] = {
        name: {
            "process_s": statistics.median(s[0] for s in rows),
            "statements_s": statistics.median(s[1] for s in rows),
            "peak_rss_mb": statistics.median(s[2] for s in rows) / 1024,
        }
        for name, rows in samples.items()
    }
    _, call = _child(_ONE_CALL.format(package=PACKAGE, body=json.dumps(CUSTOMER)), sdk)
    figures["one_call"] = {
        "model_modules_loaded": len(call["loaded"]),
        "model_modules": call["total"],
        "share": len(call["loaded"]) / call["total"],
    }
    return figures


def report(figures: dict[str, Any]) -> str:
    base, client, call = figures["baseline"], figures["client"], figures["one_call"]
    lines = [
        f"{'':50} {'process':>9} {'statements':>11} {'peak RSS':>10}",
        *(
            f"{label:50} {f['process_s'] * 1000:7.1f}ms {f['statements_s'] * 1000:9.1f}ms {f['peak_rss_mb']:7.1f} MB"
            for label, f in ((BASELINE, base), (CLIENT, client))
        ),
        f"{'ratio':50} {client['process_s'] / base['process_s']:8.2f}x "
        f"{client['statements_s'] / base['statements_s']:10.2f}x {client['peak_rss_mb'] / base['peak_rss_mb']:9.2f}x",
        "",
        f"after client.customers.retrieve(): {call['model_modules_loaded']} of {call['model_modules']} "
        f"model modules imported ({call['share']:.1%})",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sdk", type=Path, help="a directory holding a generated `stripe` package")
    args = parser.parse_args()
    if args.sdk is not None:
        print(report(measure(args.sdk, args.runs)))
        return
    if not STRIPE_SPEC.exists():
        raise SystemExit(f"no Stripe spec at {STRIPE_SPEC.relative_to(ROOT.parent)}")
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "out")
        print(report(measure(Path(tmp) / "out", args.runs)))


if __name__ == "__main__":
    main()
