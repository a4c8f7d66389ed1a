"""Relevance gate: a fixed slice of the pooled judged set must keep its nDCG@10.

Every third judged query of ``benchmarks/judged/judgments.json``, answered over an index of the
articles judged for them plus every 40th article of the shared news corpus as distractors (read
from ``../shared/corpora``, or ``$SEARCHER_CORPORA``). The floor sits a little under the figure
measured when it was set (see BENCHMARKS.md), so a change that damages ranking fails here; the
full set and the other rankers are in ``benchmarks/relevance.py``.
"""
from __future__ import annotations

import json
import math

import pytest

from conftest import NEWS, ROOT, index_news

JUDGMENTS = ROOT / "benchmarks" / "judged" / "judgments.json"
DISTRACTOR_STEP = 40
# Measured 2026-12-01: nDCG@10 0.827 over 51 queries, weakest kind run_together 0.639; after
# judging round 3 (2026-12-02, Trung answerable: 52 queries) 0.818, run_together 0.630;
# 2026-12-03 (places run together checked for another name, split words as typed) 0.830 -> 0.842,
# run_together 0.641 -> 0.868.
NDCG_FLOOR = 0.80
PER_KIND_FLOOR = 0.55  # a kind has about five queries here: one bad query moves it by 0.15

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not NEWS.exists(), reason=f"SKIPPED relevance gate: the shared news corpus "
                       f"{NEWS} is missing (set SEARCHER_CORPORA to the folder holding it)"),
]


def gate_queries() -> list[dict]:
    queries = json.loads(JUDGMENTS.read_text(encoding="utf-8"))
    return [q for i, q in enumerate(queries)
            if i % 3 == 0 and any(g >= 1 for g in q["judgments"].values())]


def ndcg(ranked: list[str], grades: dict[str, int], cutoff: int = 10) -> float:
    def dcg(gains):
        return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains[:cutoff]))
    return dcg([grades.get(d, 0) for d in ranked]) / dcg(sorted(grades.values(), reverse=True))


@pytest.fixture(scope="module")
def gate_searcher(tmp_path_factory):
    wanted = {doc for q in gate_queries() for doc in q["judgments"]}
    return index_news(tmp_path_factory.mktemp("relevance-gate"),
                      lambda number, record: record["id"] in wanted or number % DISTRACTOR_STEP == 0)


def test_the_gate_slice_keeps_its_ndcg(gate_searcher):
    from searcher import SearchParams

    by_kind: dict[str, list[float]] = {}
    for q in gate_queries():
        hits = gate_searcher.search(SearchParams(q=q["q"], limit=10)).hits
        by_kind.setdefault(q["kind"], []).append(ndcg([h.id for h in hits], q["judgments"]))
    every = [v for values in by_kind.values() for v in values]
    mean = sum(every) / len(every)
    kinds = {kind: sum(v) / len(v) for kind, v in by_kind.items()}
    print(f"relevance gate: nDCG@10 {mean:.3f} over {len(every)} queries; "
          + ", ".join(f"{k} {v:.3f}" for k, v in sorted(kinds.items())))
    assert mean >= NDCG_FLOOR, (mean, kinds)
    assert min(kinds.values()) >= PER_KIND_FLOOR, kinds
