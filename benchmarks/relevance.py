"""Relevance benchmark: nDCG@10 and MRR of the engine against a plain-Whoosh baseline.

Both index the same slice (see slice.py: the seed pages plus every 12th article of
vnnews-2017), read by the same reader, and answer the judged queries of
relevance_queries.json. The baseline is what Whoosh gives out of the box: StandardAnalyzer
and a default MultifieldParser, so the numbers show what the Vietnamese analysis buys.

    .venv/bin/python benchmarks/relevance.py [--engine-only] [--json out.json]
                                             [--slice-step N] [--keep DIR]

Grades: 2 = about the query, 1 = substantial mention, unjudged = 0. nDCG@10 uses gain
2^grade - 1 and a log2 discount; MRR counts the first hit of grade >= 1 (0 if none in the
top 10). Judgments are complete only for the default step of 12.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

warnings.filterwarnings("ignore", category=SyntaxWarning)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from slice import DEFAULT_STEP, build_slice  # noqa: E402

QUERIES_FILE = HERE / "relevance_queries.json"
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


# ----- the plain-Whoosh baseline ---------------------------------------------------------

class Baseline:
    """Whoosh as a newcomer would set it up: one StandardAnalyzer, default query parser."""

    def __init__(self, index_dir: Path, paths: list[Path]):
        from whoosh import index
        from whoosh.analysis import StandardAnalyzer
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser

        if index.exists_in(index_dir):
            self.index = index.open_dir(index_dir)
        else:
            schema = Schema(
                id=ID(stored=True, unique=True),
                title=TEXT(analyzer=StandardAnalyzer(), stored=True),
                body=TEXT(analyzer=StandardAnalyzer()),
            )
            index_dir.mkdir(parents=True, exist_ok=True)
            self.index = index.create_in(index_dir, schema)
            self._add(paths)
        self.parser = MultifieldParser(["title", "body"], schema=self.index.schema)
        self.searcher = self.index.searcher()

    def _add(self, paths: list[Path]) -> None:
        from searcher.reader import iter_articles

        writer = self.index.writer(limitmb=256)
        for article in iter_articles(paths):
            if not hasattr(article, "title"):
                print(f"baseline: skipped {article}", file=sys.stderr)
                continue
            body = "\n\n".join(filter(None, [article.summary, article.body, *article.captions]))
            writer.add_document(id=article.id, title=article.title, body=body)
        writer.commit()

    def search(self, query: str) -> list[tuple[str, str]]:
        hits = self.searcher.search(self.parser.parse(query), limit=CUTOFF)
        return [(hit["id"], hit["title"]) for hit in hits]


# ----- the engine ------------------------------------------------------------------------

class Engine:
    """The searcher package: its own indexer and query analysis."""

    def __init__(self, index_dir: Path, paths: list[Path]):
        from searcher.indexer import index_paths
        from searcher.search import SearchParams, Searcher

        report = index_paths(paths, index_dir)
        if getattr(report, "failed", 0):
            print(f"engine: {report.failed} input(s) failed to index", file=sys.stderr)
        self.searcher = Searcher(index_dir)
        self.params = SearchParams

    def search(self, query: str) -> list[tuple[str, str]]:
        result = self.searcher.search(self.params(q=query, limit=CUTOFF))
        return [(hit["id"], hit.get("title", "")) for hit in result["hits"]]


# ----- the run ---------------------------------------------------------------------------

def evaluate(system, queries: list[dict]) -> list[dict]:
    rows = []
    for query in queries:
        started = time.perf_counter()
        hits = system.search(query["q"])
        elapsed = time.perf_counter() - started
        ids = [doc_id for doc_id, _ in hits]
        rows.append({
            "q": query["q"],
            "kind": query["kind"],
            "ndcg": ndcg(ids, query["judgments"]),
            "mrr": reciprocal_rank(ids, query["judgments"]),
            "ms": elapsed * 1000,
            "hits": hits,
        })
    return rows


def summarise(rows: list[dict]) -> dict[str, dict[str, float]]:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    by_kind["ALL"] = rows
    return {
        kind: {
            "n": len(group),
            "ndcg": sum(r["ndcg"] for r in group) / len(group),
            "mrr": sum(r["mrr"] for r in group) / len(group),
        }
        for kind, group in by_kind.items()
    }


def print_table(results: dict[str, list[dict]]) -> None:
    summaries = {name: summarise(rows) for name, rows in results.items()}
    kinds = sorted(next(iter(summaries.values())), key=lambda k: (k == "ALL", k))
    names = list(results)
    header = f"{'kind':12} {'n':>3} " + " ".join(f"{name + ' nDCG@10':>20} {name + ' MRR':>14}" for name in names)
    print(header)
    print("-" * len(header))
    for kind in kinds:
        cells = " ".join(
            f"{summaries[name][kind]['ndcg']:>20.3f} {summaries[name][kind]['mrr']:>14.3f}" for name in names
        )
        print(f"{kind:12} {summaries[names[0]][kind]['n']:>3} {cells}")
    for name, rows in results.items():
        times = sorted(r["ms"] for r in rows)
        print(f"{name}: median query {times[len(times) // 2]:.1f} ms, slowest {times[-1]:.1f} ms")


def print_worst(rows: list[dict], queries: list[dict], other: dict[str, dict] | None) -> None:
    judged = {q["q"]: q["judgments"] for q in queries}
    print(f"\nEngine's worst {WORST_SHOWN} queries (nDCG@10):")
    for row in sorted(rows, key=lambda r: (r["ndcg"], r["mrr"]))[:WORST_SHOWN]:
        versus = f"  baseline {other[row['q']]['ndcg']:.3f}" if other else ""
        print(f"\n  [{row['kind']}] {row['q']!r}  nDCG {row['ndcg']:.3f}  MRR {row['mrr']:.3f}{versus}")
        grades = judged[row["q"]]
        for rank, (doc_id, title) in enumerate(row["hits"][:5], start=1):
            print(f"    {rank}. g{grades.get(doc_id, 0)} {doc_id}  {title[:80]}")
        missed = [d for d, g in sorted(grades.items(), key=lambda kv: -kv[1])
                  if g == 2 and d not in {h for h, _ in row["hits"]}]
        if missed:
            print(f"    missed grade-2: {', '.join(missed[:6])}{' ...' if len(missed) > 6 else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--engine-only", action="store_true", help="skip the plain-Whoosh baseline")
    only.add_argument("--baseline-only", action="store_true", help="skip the engine")
    parser.add_argument("--json", type=Path, help="write per-query results to this file")
    parser.add_argument("--slice-step", type=int, default=DEFAULT_STEP,
                        help=f"take every Nth corpus article (judgments assume {DEFAULT_STEP})")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the slice and indexes in this folder")
    args = parser.parse_args(argv)
    if args.slice_step < 1:
        parser.error("--slice-step must be at least 1")
    if args.slice_step != DEFAULT_STEP:
        print(f"note: judgments were made for --slice-step {DEFAULT_STEP}; figures for "
              f"{args.slice_step} are not comparable", file=sys.stderr)

    queries = json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory(prefix="relevance-") as scratch:
        work = args.keep or Path(scratch)
        slice_dir = work / f"slice-{args.slice_step}"
        marker = slice_dir / ".complete"
        if marker.exists():
            paths = sorted(p for p in slice_dir.iterdir() if p.suffix in (".jsonl", ".txt"))
        else:
            paths = build_slice(slice_dir, args.slice_step)
            marker.touch()
        systems = {}
        if not args.baseline_only:
            started = time.perf_counter()
            try:
                systems["engine"] = Engine(work / f"engine-{args.slice_step}", paths)
            except ImportError as problem:
                print(f"error: the engine cannot be imported ({problem}); "
                      "run with --baseline-only until it can", file=sys.stderr)
                return 2
            print(f"engine index ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if not args.engine_only:
            started = time.perf_counter()
            systems["baseline"] = Baseline(work / f"baseline-{args.slice_step}", paths)
            print(f"baseline index ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        results = {name: evaluate(system, queries) for name, system in systems.items()}

    print(f"\n{len(queries)} judged queries over slice step {args.slice_step}\n")
    print_table(results)
    if "engine" in results:
        baseline = {r["q"]: r for r in results["baseline"]} if "baseline" in results else None
        print_worst(results["engine"], queries, baseline)
    if args.json:
        args.json.write_text(json.dumps(
            {name: {"summary": summarise(rows), "queries": rows} for name, rows in results.items()},
            ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
