"""How far two judges agree on the pooled set, and so how much a ranking figure can mean.

    .venv/bin/python benchmarks/judged/agreement.py --merge /tmp/relevance2/second/grades
    .venv/bin/python benchmarks/judged/agreement.py [--run RUN.json]

A second judge grades the whole pools of some queries again, from packets that show nothing of
the first grades (``make_packets.py --second QIDS``). ``--merge`` checks their files
(``second_*.json``: every pooled document of each query graded 0, 1 or 2) and writes
``second_judgments.json`` next to this file; without it the saved file is read.

Printed per query kind, over the queries both judges graded:
- exact agreement and Cohen's kappa, linear-weighted on the three grades, and on relevant (1 or 2)
  against not;
- the **ceiling**: the nDCG@10 of one judge's own ideal ranking scored with the other judge's
  grades (ties in order of the document id, averaged over both directions). A ranker cannot be
  shown to do better than this: above it, the figure measures the first judge's taste.
- with ``--run`` (the ``--json`` output of ``relevance.py``): every ranker's nDCG@10 on those
  queries under each judge, and the engine's lead over the best other ranker under each.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from relevance import CUTOFF, ndcg  # noqa: E402

JUDGMENTS = HERE / "judgments.json"
SECOND = HERE / "second_judgments.json"
GRADES = (0, 1, 2)


def refuse(message: str) -> int:
    print(f"agreement: {message}", file=sys.stderr)
    return 1


def merge(folder: Path, first: dict[str, dict]) -> dict[str, dict[str, int]] | str:
    """The second judge's grades from ``folder``, or why they cannot be used."""
    files = sorted(p for p in folder.glob("second_*.json") if not p.name.endswith(".template.json"))
    if not files:
        return f"no second_*.json in {folder}"
    grades: dict[str, dict[str, int]] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            return f"{path.name} is not readable JSON ({problem})"
        for query_id, docs in data.items():
            if query_id not in first:
                return f"{path.name} grades unknown query {query_id}"
            for doc_id, grade in docs.items():
                if grade not in GRADES or isinstance(grade, bool):
                    return f"{path.name}: {query_id}/{doc_id} has grade {grade!r} (want 0, 1 or 2)"
            grades.setdefault(query_id, {}).update(docs)
    for query_id, docs in grades.items():
        missing = set(first[query_id]["pool"]) - set(docs)
        if missing:
            return f"{query_id}: {len(missing)} pooled documents have no second grade (e.g. {sorted(missing)[0]})"
    return {q: dict(sorted(docs.items())) for q, docs in sorted(grades.items())}


def kappa(pairs: list[tuple[int, int]], weighted: bool = True) -> float:
    """Cohen's kappa of paired grades; linear weights over 0/1/2 when ``weighted``."""
    n = len(pairs)
    if not n:
        return float("nan")
    top = max(GRADES)

    def disagreement(a: int, b: int) -> float:
        return abs(a - b) / top if weighted else float(a != b)
    observed = sum(disagreement(a, b) for a, b in pairs) / n
    share_a = {g: sum(a == g for a, _ in pairs) / n for g in GRADES}
    share_b = {g: sum(b == g for _, b in pairs) / n for g in GRADES}
    expected = sum(share_a[a] * share_b[b] * disagreement(a, b) for a in GRADES for b in GRADES)
    return 1.0 - observed / expected if expected else 1.0


def ceiling(grades: dict[str, int], other: dict[str, int]) -> float:
    """nDCG@10 of the ranking ``grades`` call ideal, scored by ``other``."""
    ranked = sorted(grades, key=lambda doc: (-grades[doc], doc))[:CUTOFF]
    return ndcg(ranked, other)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--merge", type=Path, metavar="GRADES", help="folder of the second judge's second_*.json")
    parser.add_argument("--run", type=Path, help="relevance.py --json output: rankers' figures under each judge")
    args = parser.parse_args(argv)

    first = {q["id"]: q for q in json.loads(JUDGMENTS.read_text(encoding="utf-8"))}
    if args.merge:
        merged = merge(args.merge, first)
        if isinstance(merged, str):
            return refuse(f"refused: {merged}; nothing written")
        SECOND.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SECOND.name}: {len(merged)} queries, {sum(map(len, merged.values()))} grades")
    if not SECOND.exists():
        return refuse(f"{SECOND.name} is missing: grade packets of make_packets.py --second, then --merge")
    second: dict[str, dict[str, int]] = json.loads(SECOND.read_text(encoding="utf-8"))

    first_grades = {q: {doc: first[q]["judgments"].get(doc, 0) for doc in first[q]["pool"]}  # ungraded: 0
                    for q in second}

    kinds: dict[str, list[str]] = {}
    for query_id in second:
        kinds.setdefault(first[query_id]["kind"], []).append(query_id)
    kinds["ALL"] = list(second)

    runs: dict[str, dict[str, list[str]]] = {}
    if args.run:
        pooled = json.loads(args.run.read_text(encoding="utf-8"))["pooled"]
        runs = {ranker: {row["id"]: row["hits"] for row in data["queries"]} for ranker, data in pooled.items()}

    print(f"Two judges on {len(second)} queries of the pooled set (judge 1: judgments.json, judge 2: "
          f"{SECOND.name}); nDCG@{CUTOFF}")
    print(f"{'kind':<13} {'queries':>7} {'docs':>5} {'exact':>6} {'kappa_w':>7} {'kappa_rel':>9} {'ceiling':>7}")
    for kind, ids in kinds.items():
        pairs = [(first_grades[q][doc], second[q][doc]) for q in ids for doc in first[q]["pool"]]
        exact = sum(a == b for a, b in pairs) / len(pairs)
        relevant = [(int(a > 0), int(b > 0)) for a, b in pairs]
        both_ways = mean([(ceiling(first_grades[q], second[q]) + ceiling(second[q], first_grades[q])) / 2 for q in ids])
        print(f"{kind:<13} {len(ids):>7} {len(pairs):>5} {exact:>6.2f} {kappa(pairs):>7.2f} "
              f"{kappa(relevant, weighted=False):>9.2f} {both_ways:>7.3f}")
    if runs:
        rankers = list(runs)
        print()
        print("nDCG@10 of each ranker under judge 1 / judge 2, and the engine's lead over the best other")
        print(f"{'kind':<13} " + " ".join(f"{r:>13}" for r in rankers) + f" {'lead':>13}")
        for kind, ids in kinds.items():
            cells, by_judge = [], {1: {}, 2: {}}
            for ranker in rankers:
                for judge, grades in ((1, first_grades), (2, second)):
                    by_judge[judge][ranker] = mean([ndcg(runs[ranker][q][:CUTOFF], grades[q]) for q in ids])
                cells.append(f"{by_judge[1][ranker]:.3f}/{by_judge[2][ranker]:.3f}")
            leads = [by_judge[j]["engine"] - max(v for r, v in by_judge[j].items() if r != "engine") for j in (1, 2)]
            print(f"{kind:<13} " + " ".join(f"{c:>13}" for c in cells) + f" {leads[0]:+.3f}/{leads[1]:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
