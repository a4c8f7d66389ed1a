"""Relevance benchmark: nDCG@10 and MRR of the engine and three baselines on the pooled set.

The pooled set (``judged/judgments.json``: queries of several kinds, each judged over the union
of the four rankers' top 10; see ``judged/GUIDELINES.md``) is answered over the step-3 slice
(the seed pages plus every 3rd article of vnnews-2017, benchmarks/slice.py) by every ranker of
benchmarks/rankers.py: ``engine`` (this project), ``whoosh`` (plain Whoosh BM25F with accent
folding), ``fts5`` (SQLite FTS5, unicode61 remove_diacritics 2, bm25) and ``bm25s`` (the bm25s
package on folded syllables; ``.venv/bin/pip install bm25s==0.3.16``, skipped loudly without it).
The older 50-query set (``relevance_queries.json``, step-12 slice) still runs for the engine, as a
regression check.

    .venv/bin/python benchmarks/relevance.py [--engine-only] [--json OUT] [--workdir DIR]
                                             [--kinds natural,phrase] [--folds K] [--no-old]

To measure a frozen copy of the engine while the working tree changes, put it first on the path:
``PYTHONPATH=/tmp/engine-snapshot .venv/bin/python benchmarks/relevance.py`` (the repository
is only appended to ``sys.path``).

Metrics: nDCG@10 with gain 2^grade - 1 and a log2 discount, the ideal ranking taken from all the
query's judgments; MRR counts the first hit of grade >= 1 in the top 10 (0 if none). Unjudged
documents count as grade 0 (their number per ranker is printed, and ``g?`` marks them among the
worst queries' hits). Queries without any document of grade >= 1 have no defined nDCG and
are left out of every mean (their number is printed).

``--folds K`` splits the pooled set into K folds by query id, fixed and independent of the
queries' content: ``fold = int(sha1(query_id).hexdigest(), 16) % K``; it prints each fold's
figures, so a change tuned on K-1 folds can be checked on the held-out one.

Indexes and slices are cached in the work dir (default /tmp/relevance2), so reruns only query.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

warnings.filterwarnings("ignore", category=SyntaxWarning)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # after PYTHONPATH: a frozen engine copy given there wins

from rankers import DEFAULT_WORKDIR, RANKER_NAMES, load_rankers  # noqa: E402
from slice import DEFAULT_STEP, OLD_STEP, slice_paths  # noqa: E402

JUDGMENTS_FILE = HERE / "judged" / "judgments.json"
OLD_QUERIES_FILE = HERE / "relevance_queries.json"
CUTOFF = 10
WORST_SHOWN = 12


# ----- metrics ---------------------------------------------------------------------------

def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(grades[:CUTOFF]))


def ndcg(ranked_ids: list[str], judgments: dict[str, int]) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True))
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(doc_id, 0) for doc_id in ranked_ids]) / ideal


def reciprocal_rank(ranked_ids: list[str], judgments: dict[str, int]) -> float:
    for rank, doc_id in enumerate(ranked_ids[:CUTOFF], start=1):
        if judgments.get(doc_id, 0) >= 1:
            return 1.0 / rank
    return 0.0


def fold_of(query_id: str, folds: int) -> int:
    """The fixed cross-validation fold of a query: sha1 of its id, modulo the fold count."""
    return int(hashlib.sha1(query_id.encode("utf-8")).hexdigest(), 16) % folds


# ----- running ---------------------------------------------------------------------------

def evaluate(ranker, queries: list[dict]) -> list[dict]:
    rows = []
    for query in queries:
        started = time.perf_counter()
        ids = ranker.search(query["q"], k=CUTOFF)[:CUTOFF]
        elapsed = time.perf_counter() - started
        rows.append({
            "id": query.get("id", query["q"]),
            "q": query["q"],
            "kind": query["kind"],
            "ndcg": ndcg(ids, query["judgments"]),
            "mrr": reciprocal_rank(ids, query["judgments"]),
            "ms": elapsed * 1000,
            "hits": ids,
        })
    return rows


def summarise(rows: list[dict]) -> dict[str, dict[str, float]]:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    by_kind["ALL"] = list(rows)
    return {
        kind: {
            "n": len(group),
            "ndcg": sum(r["ndcg"] for r in group) / len(group),
            "mrr": sum(r["mrr"] for r in group) / len(group),
        }
        for kind, group in by_kind.items() if group
    }


def print_table(results: dict[str, list[dict]]) -> None:
    summaries = {name: summarise(rows) for name, rows in results.items()}
    names = list(results)
    kinds = sorted(summaries[names[0]], key=lambda k: (k == "ALL", k))
    header = f"{'kind':14} {'n':>3}  " + "  ".join(f"{name:>8} nDCG   MRR" for name in names)
    print(header)
    print("-" * len(header))
    for kind in kinds:
        cells = "  ".join(f"{summaries[n][kind]['ndcg']:>13.3f} {summaries[n][kind]['mrr']:>5.3f}"
                          for n in names)
        print(f"{kind:14} {summaries[names[0]][kind]['n']:>3}  {cells}")
    for name, rows in results.items():
        times = sorted(r["ms"] for r in rows)
        print(f"{name}: median query {times[len(times) // 2]:.1f} ms, slowest {times[-1]:.1f} ms")


def print_folds(results: dict[str, list[dict]], folds: int) -> None:
    print(f"\nFolds (fold = int(sha1(query_id), 16) % {folds}): nDCG@10 / MRR")
    names = list(results)
    print(f"{'fold':>4} {'n':>3}  " + "  ".join(f"{name:>8} nDCG   MRR" for name in names))
    for fold in range(folds):
        cells, n = [], 0
        for name in names:
            group = [r for r in results[name] if fold_of(r["id"], folds) == fold]
            n = len(group)
            if group:
                cells.append(f"{sum(r['ndcg'] for r in group) / n:>13.3f} "
                             f"{sum(r['mrr'] for r in group) / n:>5.3f}")
            else:
                cells.append(f"{'-':>13} {'-':>5}")
        print(f"{fold:>4} {n:>3}  " + "  ".join(cells))


def print_worst(results: dict[str, list[dict]], queries: list[dict], titles: dict[str, str]) -> None:
    judged = {q.get("id", q["q"]): q["judgments"] for q in queries}
    others = {name: {r["id"]: r for r in rows} for name, rows in results.items() if name != "engine"}
    print(f"\nEngine's worst {WORST_SHOWN} queries (nDCG@10):")
    for row in sorted(results["engine"], key=lambda r: (r["ndcg"], r["mrr"]))[:WORST_SHOWN]:
        versus = "  ".join(f"{name} {rows[row['id']]['ndcg']:.3f}" for name, rows in others.items())
        print(f"\n  {row['id']} [{row['kind']}] {row['q']!r}  nDCG {row['ndcg']:.3f}  "
              f"MRR {row['mrr']:.3f}  {versus}")
        grades = judged[row["id"]]
        for rank, doc_id in enumerate(row["hits"][:5], start=1):
            print(f"    {rank}. g{grades.get(doc_id, '?')} {doc_id}  {titles.get(doc_id, '')[:80]}")
        missed = [d for d, g in sorted(grades.items(), key=lambda kv: -kv[1])
                  if g == 2 and d not in row["hits"]]
        if missed:
            print(f"    missed grade-2: {', '.join(missed[:6])}{' ...' if len(missed) > 6 else ''}")


def print_unjudged(results: dict[str, list[dict]], queries: list[dict]) -> None:
    """How many of each ranker's top 10 were never judged (counted as grade 0): when a ranker's
    figure rests on many, its pool needs another round (judged/GUIDELINES.md)."""
    judged = {q.get("id", q["q"]): q["judgments"] for q in queries}
    for name, rows in results.items():
        unjudged = {r["id"]: sum(d not in judged[r["id"]] for d in r["hits"][:CUTOFF]) for r in rows}
        worst = sorted((n, i) for i, n in unjudged.items() if n)[::-1][:5]
        print(f"{name}: {sum(unjudged.values())} unjudged documents in the top {CUTOFF} of "
              f"{sum(1 for n in unjudged.values() if n)} queries"
              + (f" (most: {', '.join(f'{i} {n}' for n, i in worst)})" if worst else ""))


def run_pooled(args, names: list[str]) -> dict | None:
    if not JUDGMENTS_FILE.exists():
        print(f"note: {JUDGMENTS_FILE.relative_to(HERE.parent)} does not exist yet (judging not "
              "merged: see judged/GUIDELINES.md); skipping the pooled set", file=sys.stderr)
        return None
    queries = json.loads(JUDGMENTS_FILE.read_text(encoding="utf-8"))
    if args.kinds:
        wanted = set(args.kinds.split(","))
        unknown = wanted - {q["kind"] for q in queries}
        if unknown:
            raise SystemExit(f"--kinds: no queries of kind {', '.join(sorted(unknown))}")
        queries = [q for q in queries if q["kind"] in wanted]
    unanswerable = [q["id"] for q in queries if not any(g >= 1 for g in q["judgments"].values())]
    queries = [q for q in queries if q["id"] not in unanswerable]

    rankers = load_rankers(slice_paths(args.workdir, DEFAULT_STEP), args.workdir, names)
    if "engine" not in rankers:
        raise SystemExit("relevance: the engine could not be loaded")
    results = {name: evaluate(ranker, queries) for name, ranker in rankers.items()}

    print(f"\nPooled set: {len(queries)} judged queries over slice step {DEFAULT_STEP}"
          + (f" ({len(unanswerable)} without any relevant document left out: "
             f"{', '.join(unanswerable)})" if unanswerable else "") + "\n")
    print_table(results)
    if "whoosh" in rankers:
        print(f"whoosh fell back from AND to OR on {rankers['whoosh'].fallbacks} queries")
    print_unjudged(results, queries)
    if args.folds:
        print_folds(results, args.folds)
    print_worst(results, queries, rankers["engine"].titles)
    return {name: {"summary": summarise(rows), "queries": rows} for name, rows in results.items()}


def run_old(args) -> dict:
    """The older 50-query set on its step-12 slice, engine only: a regression check."""
    queries = json.loads(OLD_QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
    rankers = load_rankers(slice_paths(args.workdir, OLD_STEP), args.workdir, ["engine"])
    rows = evaluate(rankers["engine"], queries)
    summary = summarise(rows)
    print(f"\nRegression check: the older {len(queries)}-query set over slice step {OLD_STEP}, engine")
    print(f"{'kind':14} {'n':>3}  nDCG@10    MRR")
    for kind in sorted(summary, key=lambda k: (k == "ALL", k)):
        s = summary[kind]
        print(f"{kind:14} {s['n']:>3}  {s['ndcg']:>7.3f}  {s['mrr']:>5.3f}")
    return {"engine": {"summary": summary, "queries": rows}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine-only", action="store_true", help="skip the three baselines")
    parser.add_argument("--json", type=Path, help="write per-query results to this file")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"slices and cached indexes (default {DEFAULT_WORKDIR})")
    parser.add_argument("--kinds", help="comma-separated query kinds of the pooled set to evaluate")
    parser.add_argument("--folds", type=int, help="also print figures per fold of a K-fold split")
    parser.add_argument("--no-old", action="store_true", help="skip the older 50-query set")
    parser.add_argument("--cluster", action="store_true",
                        help="also the engine over a two-shard Sphinx cluster (needs searchd)")
    args = parser.parse_args(argv)
    if args.folds is not None and args.folds < 2:
        parser.error("--folds needs at least 2")

    names = ["engine"] if args.engine_only else list(RANKER_NAMES)
    if args.cluster:
        names.append("cluster")  # after the engine: it is fed from the engine's analysis cache
    payload = {"pooled": run_pooled(args, names)}
    if not args.no_old:
        payload["old"] = run_old(args)
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
