"""Another judging round: pool a ranker's unjudged top DEPTH under a new provenance name.

    .venv/bin/python benchmarks/judged/add_round.py --name engine-v3 [--depth 15] \
        [--workdir /tmp/relevance3] [--ranker engine|cluster]

The ranker is the engine unless ``--ranker`` names another (``cluster``: the engine over a
local Sphinx cluster, see rankers.py).

After the engine's ranking changes, its top 10 holds documents nobody judged (relevance.py
counts them 0 and says how many). This runs every query of queries.json through the engine as
it is now (the slice and index of the work dir, built or reused as relevance.py does), takes
its top DEPTH, and adds each document that judgments.json does not grade for that query to
``pool.json`` with the provenance ``NAME`` (existing pool entries are kept; a document already
pooled gets ``NAME`` appended; new documents follow a query's earlier ones). The ranked lists go to ``WORKDIR/runs-NAME.json``.
Then: make_packets.py --round NAME, grade, merge_grades.py --base (keeps every earlier grade).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))
sys.path.append(str(BENCH.parent))

from rankers import DEFAULT_WORKDIR, load_rankers  # noqa: E402
from slice import DEFAULT_STEP, slice_paths  # noqa: E402

QUERIES = HERE / "queries.json"
POOL = HERE / "pool.json"
JUDGMENTS = HERE / "judgments.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", required=True, help="provenance of the new documents, e.g. engine-v3")
    parser.add_argument("--depth", type=int, default=15)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--ranker", default="engine", help="whose top DEPTH to pool (default engine)")
    args = parser.parse_args(argv)

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    pool = json.loads(POOL.read_text(encoding="utf-8"))
    judged = {q["id"]: q["judgments"] for q in json.loads(JUDGMENTS.read_text(encoding="utf-8"))}
    if any(args.name in who for docs in pool.values() for who in docs.values()):
        sys.exit(f"add_round: pool.json already has documents from {args.name!r}")

    engine = load_rankers(slice_paths(args.workdir, DEFAULT_STEP), args.workdir,
                          [args.ranker])[args.ranker]
    runs, added = {}, {}
    for query in queries:
        ids = engine.search(query["q"], k=args.depth)[: args.depth]
        runs[query["id"]] = ids
        new = [d for d in ids if d not in judged.get(query["id"], {})]
        if not new:
            continue
        docs = pool.setdefault(query["id"], {})
        for doc_id in new:
            docs.setdefault(doc_id, []).append(args.name)
        added[query["id"]] = new

    # the earlier order kept (each round's documents follow the earlier ones): a small diff
    POOL.write_text(json.dumps(pool, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.workdir / f"runs-{args.name}.json").write_text(json.dumps(runs, ensure_ascii=False),
                                                         encoding="utf-8")
    in_top10 = sum(1 for q, ids in runs.items() for d in ids[:10] if d not in judged.get(q, {}))
    print(f"{sum(map(len, added.values()))} unjudged documents of the {args.ranker}'s top {args.depth} "
          f"({in_top10} in its top 10) over {len(added)} queries added to {POOL} as {args.name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
