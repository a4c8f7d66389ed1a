"""Warm query latency of two engine versions on one index, side by side in one run.

Each version runs in its own process (``PYTHONPATH`` names its checkout), alternating round by
round, over the same queries of queries_mix.json and the same index; p50/p95 per round, median of
the rounds. Versions from before the package layout (``searcher/search.py``) are driven through
their own API; an index written by the current layout is opened through a module alias.

    .venv/bin/python benchmarks/compare_engines.py --index DIR --old CHECKOUT [--new CHECKOUT]
        [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIX = HERE / "queries_mix.json"
FACETS = ("partner", "country", "official", "year")

RUNNER = r'''
import json, statistics, sys, time, types, warnings
warnings.filterwarnings("ignore")
index, mix, rounds = sys.argv[1], json.load(open(sys.argv[2]))["queries"], int(sys.argv[3])
facets = ("partner", "country", "official", "year")
try:
    from searcher import Searcher, SearchParams
    def params(e):
        return SearchParams(q=e["q"], limit=10, selections={f: list(e.get(f, [])) for f in facets})
except ImportError:  # before the package layout
    import searcher.schema as old_schema
    sys.modules["searcher.store"] = types.ModuleType("searcher.store")
    sys.modules["searcher.store.schema"] = old_schema
    from searcher.search import Searcher, SearchParams
    def params(e):
        return SearchParams(q=e["q"], limit=10, **{f: list(e.get(f, [])) for f in facets})
s = Searcher(index)
for e in mix:
    s.search(params(e))
out = []
for _ in range(rounds):
    times = []
    for e in mix:
        t = time.perf_counter(); s.search(params(e)); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    out.append({"p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))]})
print(json.dumps(out))
'''


def run(checkout: Path, index: Path, rounds: int) -> list[dict]:
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", RUNNER, str(index), str(MIX), str(rounds)],
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True, help="checkout of the older version")
    parser.add_argument("--new", type=Path, default=HERE.parent, help="default: this checkout")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"old": [], "new": []}
    for _ in range(args.rounds):  # alternate, so a drift of the host's speed hits both
        results["old"] += run(args.old, args.index, 1)
        results["new"] += run(args.new, args.index, 1)
    print(f"# {' '.join(sys.argv)}")
    for name, rows in results.items():
        p50 = statistics.median(r["p50"] for r in rows)
        p95 = statistics.median(r["p95"] for r in rows)
        print(f"{name:4} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  (rounds: "
              + ", ".join(f"{r['p50']:.1f}/{r['p95']:.1f}" for r in rows) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
