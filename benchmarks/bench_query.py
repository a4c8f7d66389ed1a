"""Warm query latency: the engine's Searcher against naive Whoosh facets, on the same index.

Every query of queries_mix.json runs once to warm up, then ``--rounds`` times. Engine:
``Searcher(ix).search(SearchParams(...))`` (top 10, snippets, four disjunctive facet counts, year
histogram). Naive: the engine's parsed query (same segmentation) as a plain Whoosh query
(``whoosh_query``), the same facet selections as a filter, ``searcher.search(q, limit=10,
filter=..., groupedby={four FieldFacet(allow_overlap=True)})`` and the stored fields of the 10
hits; no highlights
(the text fields hold pre-analysed postings, not text Whoosh's highlighter could re-analyse).
Both timings include parsing (query segmentation). Figures: p50 and p95 over the mix in each
round, median of the rounds.

    .venv/bin/python benchmarks/bench_query.py [--sizes 1000,10000,34870] [--rounds 5]
        [--index DIR] [--no-naive] [--fresh] [--profile-slowest 5]

``--fresh`` opens the index anew (untimed) before each round, so no query's parse, evaluation or
postings are cached from an earlier round: every query is one nobody asked that server before.

``--sizes`` picks /tmp/bench/index-N (full-index for 34870), built by bench_index.py.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (CORPUS_SIZE, FULL_INDEX, OUT_DIR, WORKDIR, command_line,  # noqa: E402
                    load_average, percentile, print_table, save_results)

from whoosh import index as whoosh_index  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh import sorting  # noqa: E402

from searcher import FACET_NAMES, SearchParams, Searcher  # noqa: E402
from searcher.search import query as query_builder  # noqa: E402
from searcher.store.schema import TEXT_FIELDS  # noqa: E402
from searcher.text.terms import exact_word_term, folded_word_term, pair_terms  # noqa: E402

MIX = Path(__file__).resolve().parent / "queries_mix.json"


def load_mix(path: Path = MIX) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def params_for(entry: dict) -> SearchParams:
    return SearchParams(q=entry["q"], limit=10,
                        selections={f: list(entry.get(f, [])) for f in FACET_NAMES})


def label(entry: dict) -> str:
    filters = " ".join(f"{f}={'|'.join(entry[f])}" for f in FACET_NAMES if entry.get(f))
    return " ".join(p for p in (entry["q"], filters) if p)


def whoosh_query(parsed) -> wq.Query:
    """The parsed query (same segmentation as the engine) as a plain Whoosh query: each word as
    its accented or folded term in any text field, phrases as their neighbouring folded pairs
    (the index has no positions), ``OR`` as Or, ``-`` as AndNot, no words (browse) as Every."""
    def word(w) -> wq.Query:
        return wq.Or([wq.Term(f, t) for f in TEXT_FIELDS for t in {exact_word_term(w), folded_word_term(w)}])

    def item(it) -> wq.Query:
        syllables = [s for w in it.words for s in w.folded]
        if it.phrase and len(syllables) > 1:  # neighbouring pairs, as the index stores them
            return wq.And([wq.Or([wq.Term(f, t) for f in TEXT_FIELDS
                                  for t in pair_terms(a, b)])
                           for a, b in zip(syllables, syllables[1:])])
        if it.phrase:
            return wq.Or([wq.Term(f, syllables[0]) for f in TEXT_FIELDS])
        return wq.And([word(w) for w in it.words])

    required, excluded = [], []
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            excluded.append(item(group[0]))
        else:
            required.append(wq.Or([item(i) for i in group if not i.negated]))
    query = wq.And(required) if required else wq.Every()
    return wq.AndNot(query, wq.Or(excluded)) if excluded else query


class NaiveWhoosh:
    """What Whoosh offers out of the box for the same request: its matchers and groupedby."""

    def __init__(self, index_dir: Path):
        self.searcher = whoosh_index.open_dir(str(index_dir)).searcher()
        reader = self.searcher.reader()
        self.is_word = lambda t: reader.doc_frequency("body", t) > 0 or \
            reader.doc_frequency("title", t) > 0
        self.facets = {name: sorting.FieldFacet(name, allow_overlap=True) for name in FACET_NAMES}

    def search(self, entry: dict) -> int:
        text_query = whoosh_query(query_builder.parse(entry["q"], self.is_word))
        selections = [wq.Or([wq.Term(f, v) for v in entry[f]]) for f in FACET_NAMES if entry.get(f)]
        filter_query = wq.And(selections) if selections else None
        results = self.searcher.search(text_query, limit=10, filter=filter_query,
                                       groupedby=self.facets)
        for name in FACET_NAMES:
            results.groups(name)
        for hit in results:
            hit.fields()
        return len(results)


def timed(fn, entry) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn(entry)
    return (time.perf_counter() - start) * 1000, value


def run_rounds(fn, mix: list[dict], rounds: int, before_round=None
               ) -> tuple[list[dict], list[list[float]], list]:
    """Warm-up pass, then ``rounds`` passes; per-round stats, per-query times, last answers.
    ``before_round`` (untimed) runs before each pass."""
    answers = [fn(entry) for entry in mix]
    per_query: list[list[float]] = [[] for _ in mix]
    stats = []
    for _ in range(rounds):
        if before_round is not None:
            before_round()
        times = []
        for i, entry in enumerate(mix):
            ms, answers[i] = timed(fn, entry)
            per_query[i].append(ms)
            times.append(ms)
        stats.append({"p50": percentile(times, 50), "p95": percentile(times, 95),
                      "mean": statistics.fmean(times), "max": max(times)})
        print(f"    round {len(stats)}: p50 {stats[-1]['p50']:.1f} ms, p95 {stats[-1]['p95']:.1f} ms",
              flush=True)
    return stats, per_query, answers


def summarise(stats: list[dict]) -> dict:
    return {f"{k}_ms": round(statistics.median(s[k] for s in stats), 1)
            for k in ("p50", "p95", "mean", "max")}


def profile_queries(engine: Searcher, entries: list[dict], repeats: int = 3, top: int = 30) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeats):
        for entry in entries:
            engine.search(params_for(entry))
    profiler.disable()
    text = [f"# cProfile of Searcher.search, {repeats}x each: "
            + "; ".join(label(e) for e in entries)]
    for key in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(key).print_stats(top)
        text.append(f"## by {key}\n" + buffer.getvalue()[buffer.getvalue().find("   ncalls"):])
    return "\n".join(text)


def bench_index(index_dir: Path, mix: list[dict], args) -> tuple[dict, list[dict], str]:
    start = time.perf_counter()
    engine = Searcher(index_dir)
    open_s = time.perf_counter() - start
    row = {"index": str(index_dir), "docs": engine.doc_count, "queries": len(mix),
           "rounds": args.rounds, "open_s": round(open_s, 2), "load_before": load_average()}
    reopen = None
    if args.fresh:  # a new generation each round: no query of the mix was asked of it before
        def reopen():
            nonlocal engine
            engine = Searcher(index_dir)
            engine.search(SearchParams(q="thời sự", limit=10))
    engine_stats, engine_times, engine_answers = run_rounds(
        lambda e: engine.search(params_for(e)).total, mix, args.rounds, reopen)
    row.update({f"engine_{k}": v for k, v in summarise(engine_stats).items()})
    per_query = [{"query": label(e), "kind": e["kind"], "total": engine_answers[i],
                  "engine_ms": round(statistics.median(engine_times[i]), 1)}
                 for i, e in enumerate(mix)]
    if not args.no_naive:
        naive = NaiveWhoosh(index_dir)
        naive_stats, naive_times, naive_answers = run_rounds(naive.search, mix, args.rounds)
        row.update({f"naive_{k}": v for k, v in summarise(naive_stats).items()})
        row["speedup_p50"] = round(row["naive_p50_ms"] / row["engine_p50_ms"], 1)
        row["speedup_p95"] = round(row["naive_p95_ms"] / row["engine_p95_ms"], 1)
        for i, item in enumerate(per_query):
            item["naive_ms"] = round(statistics.median(naive_times[i]), 1)
            item["naive_total"] = naive_answers[i]
    row["load_after"] = load_average()
    slowest = sorted(range(len(mix)), key=lambda i: -per_query[i]["engine_ms"])[:args.profile_slowest]
    profile = profile_queries(engine, [mix[i] for i in slowest]) if slowest else ""
    return row, per_query, profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"1000,10000,{CORPUS_SIZE}")
    parser.add_argument("--index", type=Path, help="one index directory instead of --sizes")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--queries", type=Path, default=MIX)
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--fresh", action="store_true",
                        help="open the index anew before each round (nothing of the mix cached)")
    parser.add_argument("--profile-slowest", type=int, default=5, metavar="N")
    args = parser.parse_args()
    mix = load_mix(args.queries)
    if args.index:
        indexes = [args.index]
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        indexes = [FULL_INDEX if n == CORPUS_SIZE else WORKDIR / f"index-{n}" for n in sizes]
    print(f"# {command_line()}\n# {len(mix)} queries, load at start {load_average()}", flush=True)
    rows, details = [], {}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for index_dir in indexes:
        if not whoosh_index.exists_in(str(index_dir)):
            print(f"  skipped {index_dir}: no index (run bench_index.py first)")
            continue
        row, per_query, profile = bench_index(index_dir, mix, args)
        rows.append(row)
        details[str(index_dir)] = per_query
        profile_path = OUT_DIR / f"query-profile-{row['docs']}.txt"
        profile_path.write_text(profile, encoding="utf-8")
        print(f"  {index_dir}: {row['docs']} docs, engine p50 {row['engine_p50_ms']} ms, "
              f"p95 {row['engine_p95_ms']} ms; load {row['load_after']}", flush=True)
        save_results("query", {"summary": rows, "per_query": details})
    if not rows:
        raise SystemExit("no index to query")
    print()
    columns = ["docs", "open_s", "engine_p50_ms", "engine_p95_ms", "engine_max_ms"]
    if not args.no_naive:
        columns += ["naive_p50_ms", "naive_p95_ms", "speedup_p50", "speedup_p95"]
    print_table(rows, columns + ["load_after"])
    last = details[rows[-1]["index"]]
    print(f"\nslowest queries at {rows[-1]['docs']} docs (median ms):")
    print_table(sorted(last, key=lambda r: -r["engine_ms"])[:10],
                ["query", "kind", "total", "engine_ms", "naive_ms"])
    path = save_results("query", {"summary": rows, "per_query": details})
    print(f"\nresults: {path}; profiles: {OUT_DIR}/query-profile-*.txt")


if __name__ == "__main__":
    main()
