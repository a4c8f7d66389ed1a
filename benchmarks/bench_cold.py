"""A query from a fresh process, as a script or a shell loop runs the command line.

    .venv/bin/python benchmarks/bench_cold.py [--index DIR] [--runs 7]

Runs ``searcher query TEXT --limit 1 --json`` as a new process ``--runs`` times per query (after
one unmeasured run, so the index files are in the page cache as they are for a second call),
and reports the median wall time; beside it, the wall time of a process that only imports what
the command imports (the Python start-up and import share) and the corpus size of the index.
Query kinds: accent-less words (no segmenter needed), accented words (underthesea's CRF),
a foreign name (its Vietnamese spellings), a filter alone.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL_INDEX, REPO, SEARCHER_BIN, command_line, load_average  # noqa: E402

QUERIES = [
    ("accent-less words", ["hop tac du lich nhat ban"]),
    ("accented words", ["hợp tác du lịch Nhật Bản"]),
    ("foreign name", ["Nagano"]),
    ("filter alone", ["--country", "Nhật Bản"]),
]
PYTHON = REPO / ".venv" / "bin" / "python"
# what `searcher query` imports, as it imports it (``cli._import_engine_without_unused_modules``)
IMPORTS = "from searcher import cli; cli._import_engine_without_unused_modules()"


# As on a user's machine, the first (unmeasured) run writes the package's bytecode: a shell that
# sets PYTHONDONTWRITEBYTECODE would compile every module of the package in every measured run.
ENVIRONMENT = {name: value for name, value in os.environ.items()
               if name != "PYTHONDONTWRITEBYTECODE"}


def wall(argv: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=ENVIRONMENT)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}: {result.stderr.strip()}")
    return time.perf_counter() - started, result.stdout


def median_wall(argv: list[str], runs: int) -> tuple[float, str]:
    _, out = wall(argv)
    times = [wall(argv)[0] for _ in range(runs)]
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=FULL_INDEX)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"# {command_line()}; load {load_average()}")
    imports, _ = median_wall([str(PYTHON), "-c", IMPORTS], args.runs)
    print(f"Python start-up and the command's imports: {imports * 1000:.0f} ms (median of {args.runs})")
    rows = []
    for kind, words in QUERIES:
        seconds, out = median_wall([str(SEARCHER_BIN), "query", *words, "--index", str(args.index),
                                    "--limit", "1", "--json"], args.runs)
        rows.append((kind, " ".join(words), seconds, json.loads(out)["total"]))
    documents = json.loads(wall([str(SEARCHER_BIN), "check", "--index", str(args.index),
                                 "--json"])[1])["documents"]
    print(f"index {args.index}: {documents:,} articles")
    print(f"{'query':<20}{'text':<28}{'median s':>9}{'results':>9}")
    for kind, text, seconds, total in rows:
        print(f"{kind:<20}{text:<28}{seconds:>9.2f}{total:>9}")
    print(f"# load {load_average()}")


if __name__ == "__main__":
    main()
