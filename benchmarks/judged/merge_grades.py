"""Merge the judges' grade files with the pool into judgments.json.

    .venv/bin/python benchmarks/judged/merge_grades.py [--grades /tmp/relevance2/grades]
    .venv/bin/python benchmarks/judged/merge_grades.py --base --grades /tmp/relevance3/grades

Reads every ``batch_*.json`` in the grades folder (``{query_id: {doc_id: grade}}``, grades 0, 1
or 2; ``*.template.json`` files are ignored), plus queries.json and pool.json, and writes
``judgments.json`` next to this file:
``[{id, q, kind, intent, judgments: {doc_id: grade}, pool: {doc_id: [rankers]}}]``.

It refuses (one line on stderr, exit 1, nothing written) if any pooled document has no grade,
a grade is not 0/1/2, a query id is unknown, or two files grade one document differently.
Grades for documents outside the pool (judges may add relevant ones they found) are kept.

``--base`` starts from the grades already in judgments.json (a later round: only the new
documents need grade files; an earlier grade that a file contradicts is refused like any other
conflict).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.json"
POOL = HERE / "pool.json"
JUDGMENTS = HERE / "judgments.json"
DEFAULT_GRADES = Path("/tmp/relevance2/grades")


def refuse(message: str) -> int:
    print(f"merge_grades: refused: {message}; nothing written", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grades", type=Path, default=DEFAULT_GRADES, help="folder of batch_*.json")
    parser.add_argument("--out", type=Path, default=JUDGMENTS)
    parser.add_argument("--base", action="store_true",
                        help="keep the grades of the existing judgments.json and add the files' grades")
    args = parser.parse_args(argv)

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    pool = json.loads(POOL.read_text(encoding="utf-8"))
    known = {q["id"] for q in queries}
    files = sorted(p for p in args.grades.glob("batch_*.json") if not p.name.endswith(".template.json"))
    if not files:
        return refuse(f"no batch_*.json in {args.grades}")

    grades: dict[str, dict[str, int]] = {}
    if args.base:
        grades = {q["id"]: dict(q["judgments"]) for q in json.loads(JUDGMENTS.read_text(encoding="utf-8"))}
        print(f"base: {sum(map(len, grades.values()))} grades of {JUDGMENTS.name}")
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            return refuse(f"{path.name} is not readable JSON ({problem})")
        for query_id, docs in data.items():
            if query_id not in known:
                return refuse(f"{path.name} grades unknown query {query_id}")
            for doc_id, grade in docs.items():
                if grade not in (0, 1, 2) or isinstance(grade, bool):
                    return refuse(f"{path.name}: {query_id}/{doc_id} has grade {grade!r} (want 0, 1 or 2)")
                previous = grades.setdefault(query_id, {}).get(doc_id)
                if previous is not None and previous != grade:
                    return refuse(f"{query_id}/{doc_id} graded both {previous} and {grade}")
                grades[query_id][doc_id] = grade

    missing = [(q, d) for q, docs in pool.items() for d in docs if d not in grades.get(q, {})]
    if missing:
        q, d = missing[0]
        return refuse(f"{len(missing)} pooled docs have no grade (first: {q} {d})")

    out = []
    for query in queries:
        judged = grades.get(query["id"], {})
        out.append({**query,
                    "judgments": dict(sorted(judged.items(), key=lambda kv: (-kv[1], kv[0]))),
                    "pool": pool.get(query["id"], {})})
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    extra = sum(1 for q, docs in grades.items() for d in docs if d not in pool.get(q, {}))
    relevant = sum(1 for q in out for g in q["judgments"].values() if g > 0)
    print(f"wrote {args.out}: {len(out)} queries, {sum(len(q['judgments']) for q in out)} grades "
          f"({relevant} relevant, {extra} outside the pool) from {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
