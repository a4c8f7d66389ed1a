"""Print articles of the labelled set for reading: title, summary (lead) and body, paragraphs
numbered, by id (a seed page's id as the reader gives it, or a corpus id).

    .venv/bin/python benchmarks/labelled/show.py ID [ID ...]
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))

from corpus_paths import news_corpus  # noqa: E402
from searcher.ingest.reader import read_file  # noqa: E402
from searcher.model import Article  # noqa: E402


def find(ids: set[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for item in read_file(path):
            if isinstance(item, Article) and item.id in ids:
                found[item.id] = {"title": item.title, "summary": item.summary, "body": item.body,
                                  "published": getattr(item, "published", None)}
    if ids - found.keys():
        with gzip.open(news_corpus(), "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record["id"] in ids:
                    found[record["id"]] = record
    return found


def main() -> None:
    ids = sys.argv[1:]
    if not ids:
        sys.exit(__doc__)
    found = find(set(ids))
    for article_id in ids:
        record = found.get(article_id)
        if record is None:
            print(f"== {article_id}: not found")
            continue
        print(f"== {article_id}")
        print(f"TITLE: {record.get('title')}")
        if record.get("published"):
            print(f"PUBLISHED (page stamp): {record['published']}")
        print(f"SUMMARY: {record.get('summary')}")
        for number, paragraph in enumerate((record.get("body") or "").split("\n"), 1):
            if paragraph.strip():
                print(f"[{number}] {paragraph.strip()}")
        print()


if __name__ == "__main__":
    main()
