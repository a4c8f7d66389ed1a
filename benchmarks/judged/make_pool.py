"""Pool the judged set: every ranker's top 10 for every query of queries.json -> pool.json.

    PYTHONPATH=/path/to/frozen/engine .venv/bin/python benchmarks/judged/make_pool.py \
        [--workdir /tmp/relevance2] [--depth 10]

Builds (or reuses) the step-3 slice (benchmarks/slice.py) and the four rankers
(benchmarks/rankers.py) in the work dir, runs each query through each ranker and writes
``pool.json`` next to this file: ``{query_id: {doc_id: [rankers that returned it in their top
DEPTH]}}`` (query ids and doc ids sorted). It also keeps every ranker's ranked lists in
``WORKDIR/runs-pool.json`` for reference. A ranker whose package is missing is skipped loudly:
a pool made without all four rankers is not the pool the judgments describe.

Supplementary runs: none of the four rankers maps ``Japan`` to *Nhật Bản* or ``laocai`` to
*Lào Cai*, so on foreign_name and run_together queries their pools would hold (almost) nothing
relevant, and a ranker that learns these mappings later would be scored against an empty
judged set. For the queries listed in ``aliases.json``, each ranker is therefore also run on the
Vietnamese form the query refers to (``pool_as``), and its top DEPTH is pooled under the name
``<ranker>@vi`` (e.g. ``engine@vi``). This is the usual "manual run" of pooled evaluations; it
is marked so that pool statistics can tell the two apart.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))
sys.path.append(str(BENCH.parent))  # after PYTHONPATH, so a frozen engine copy there wins

from rankers import DEFAULT_WORKDIR, RANKER_NAMES, load_rankers  # noqa: E402
from slice import DEFAULT_STEP, slice_paths  # noqa: E402

QUERIES = HERE / "queries.json"
POOL = HERE / "pool.json"
ALIASES = HERE / "aliases.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--depth", type=int, default=10)
    args = parser.parse_args(argv)

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    paths = slice_paths(args.workdir, DEFAULT_STEP)
    rankers = load_rankers(paths, args.workdir)
    missing = [name for name in RANKER_NAMES if name not in rankers]
    if missing:
        print(f"make_pool: WARNING: pooling without {', '.join(missing)}", file=sys.stderr)

    aliases = json.loads(ALIASES.read_text(encoding="utf-8"))
    runs: dict[str, dict[str, list[str]]] = {}
    pool: dict[str, dict[str, list[str]]] = {}
    for query in queries:
        found: dict[str, list[str]] = {}
        texts = [("", query["q"])]
        if query["id"] in aliases:
            texts.append(("@vi", aliases[query["id"]]["pool_as"]))
        for suffix, text in texts:
            for name, ranker in rankers.items():
                ids = ranker.search(text, k=args.depth)[: args.depth]
                runs.setdefault(name + suffix, {})[query["id"]] = ids
                for doc_id in ids:
                    found.setdefault(doc_id, []).append(name + suffix)
        pool[query["id"]] = dict(sorted(found.items()))

    POOL.write_text(json.dumps(pool, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    (args.workdir / "runs-pool.json").write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")

    sizes = [len(docs) for docs in pool.values()]
    print(f"{len(pool)} queries, {sum(sizes)} pooled docs: mean {statistics.mean(sizes):.1f}, "
          f"median {statistics.median(sizes):.0f}, min {min(sizes)}, max {max(sizes)} per query")
    for name in runs:
        alone = sum(1 for docs in pool.values() for who in docs.values() if who == [name])
        empty = sum(1 for ids in runs[name].values() if not ids)
        print(f"  {name:10} found {alone:4} pooled docs no other run did; "
              f"{empty} of its {len(runs[name])} queries had no result")
    direct = [sum(1 for who in docs.values() if any("@" not in w for w in who))
              for docs in pool.values()]
    print(f"  from the queries as typed alone: mean {statistics.mean(direct):.1f} docs per query")
    if "whoosh" in rankers:
        print(f"  whoosh fell back from AND to OR on {rankers['whoosh'].fallbacks} queries")
    print(f"wrote {POOL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
