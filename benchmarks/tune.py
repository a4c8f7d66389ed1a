"""Tune ranking constants on the pooled judged set with K-fold cross-validation.

For each fold (``relevance.fold_of``: a fixed split by query id), the grid value with the best
mean nDCG@10 on the *other* folds is chosen and scored on the held-out fold; the printed
held-out figures are what a value chosen this way can be expected to give on unseen queries.
The engine index of the relevance slice must exist (run ``benchmarks/relevance.py`` once).

    .venv/bin/python benchmarks/tune.py [--folds 5] [--workdir /tmp/relevance2]
"""
from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import warnings
from pathlib import Path

import numpy as np

warnings.filterwarnings("ignore", category=SyntaxWarning)
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))

from rankers import DEFAULT_WORKDIR  # noqa: E402
from relevance import JUDGMENTS_FILE, fold_of, ndcg  # noqa: E402

from searcher import Searcher  # noqa: E402
from searcher.search import query as query_builder  # noqa: E402
from searcher.search import ranking  # noqa: E402
from searcher.search.scoring import evaluate  # noqa: E402

# The grid: each key a constant of searcher/search/ranking.py (FIELD_BOOSTS entries as
# "FIELD_BOOSTS.title"); the first value of each list is today's.
GRID = {
    "K1": [1.2, 0.9, 1.6],
    "B": [0.75, 0.5, 0.9],
    "FIELD_BOOSTS.title": [2.0, 3.0],
    "FIELD_BOOSTS.lead": [0.5, 0.0, 1.0],
    "COORDINATION_POWER": [2.0, 1.0],
}


def apply(setting: dict, searcher: Searcher) -> None:
    for name, value in setting.items():
        if name.startswith("FIELD_BOOSTS."):
            ranking.FIELD_BOOSTS[name.split(".", 1)[1]] = value
        else:
            setattr(ranking, name, value)
    searcher._current().arrays.term_scores.cache_clear()  # BM25 scores depend on K1 and B


def top_ids(searcher: Searcher, text: str, k: int = 10) -> list[str]:
    """The first page's ids, as ``Searcher.search`` orders them (near-identical articles folded
    under the first), without facets, snippets or the evaluation cache (the constants change
    between calls). A query no article matches whole is not respelled here."""
    gen = searcher._current()
    evaluation = evaluate(query_builder.parse(text, gen.is_term), gen.arrays, gen.verify_phrase,
                          gen.proper_share)
    docs = np.flatnonzero(evaluation.matched)
    order, _ = searcher._folded(gen, docs, searcher._sort_keys(gen, evaluation, docs, "relevance"), k)
    return [gen.ids[d] for d in order[:k]]


def scores(searcher: Searcher, queries: list[dict]) -> dict[str, float]:
    return {q["id"]: ndcg(top_ids(searcher, q["q"]), q["judgments"]) for q in queries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    queries = [q for q in json.loads(JUDGMENTS_FILE.read_text(encoding="utf-8"))
               if any(g >= 1 for g in q["judgments"].values())]
    searcher = Searcher(args.workdir / "engine-slice-3")
    names = list(GRID)
    settings = [dict(zip(names, values)) for values in itertools.product(*GRID.values())]
    table = []
    for n, setting in enumerate(settings, 1):
        apply(setting, searcher)
        table.append((setting, scores(searcher, queries)))
        print(f"\r{n}/{len(settings)} settings", end="", file=sys.stderr)
    print(file=sys.stderr)
    default = table[0]
    folds = {q["id"]: fold_of(q["id"], args.folds) for q in queries}

    def mean(result: dict[str, float], keep) -> float:
        return statistics.mean(v for k, v in result.items() if keep(folds[k]))

    print(f"{len(queries)} queries, {len(settings)} settings, {args.folds} folds\n")
    print(f"{'fold':>4} {'n':>3}  {'default':>7}  {'tuned':>7}  chosen on the other folds")
    held_out_default, held_out_tuned = [], []
    for fold in range(args.folds):
        best = max(table, key=lambda row: mean(row[1], lambda f: f != fold))
        n = sum(1 for f in folds.values() if f == fold)
        d, t = mean(default[1], lambda f: f == fold), mean(best[1], lambda f: f == fold)
        held_out_default += [v for k, v in default[1].items() if folds[k] == fold]
        held_out_tuned += [v for k, v in best[1].items() if folds[k] == fold]
        print(f"{fold:>4} {n:>3}  {d:7.3f}  {t:7.3f}  {best[0]}")
    print(f"\nheld-out mean: default {statistics.mean(held_out_default):.3f}, "
          f"tuned {statistics.mean(held_out_tuned):.3f}")
    overall = max(table, key=lambda row: statistics.mean(row[1].values()))
    print(f"best on all queries (the fit, not a held-out figure): "
          f"{statistics.mean(overall[1].values()):.3f} with {overall[0]}")
    if args.json:
        args.json.write_text(json.dumps([{"setting": s, "ndcg": r} for s, r in table]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
