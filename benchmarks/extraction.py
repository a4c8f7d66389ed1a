"""Score extraction against hand labels, and time it on real corpus articles.

    .venv/bin/python benchmarks/extraction.py [--corpus PATH] [--timing 1000]

Labels (benchmarks/extraction_labels.jsonl) were written by reading each article: the five seed
pages (ids as the reader gives them) and corpus articles (ids of the benchmark corpus, whose
text is read at run time, never stored here). Per field it prints micro precision and recall:
date (exact string), partners (name), countries, officials (name); and for officials found
with the right name, how often the title equals the labelled one.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from searcher import extract_article as extract  # noqa: E402
from searcher.model import Article  # noqa: E402
from searcher.ingest.reader import read_file  # noqa: E402
from corpus_paths import news_corpus  # noqa: E402

LABELS = ROOT / "benchmarks" / "extraction_labels.jsonl"
DEFAULT_CORPUS = news_corpus()  # $SEARCHER_CORPORA or ../shared/corpora (see corpus_paths.py)


def key(text: str) -> str:
    """Compare names loosely on spacing, case and dash style only."""
    text = unicodedata.normalize("NFC", text).replace("–", "-").replace("—", "-")
    return " ".join(text.replace(" - ", "-").split()).casefold()


def corpus_articles(path: Path, wanted: set[str] | None = None, limit: int | None = None, step: int = 1):
    """Articles of the JSONL corpus: the ``wanted`` ids, or every ``step``-th up to ``limit``."""
    count = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if wanted is None and number % step:
                continue
            record = json.loads(line)
            if wanted is not None and record["id"] not in wanted:
                continue
            yield Article(id=record["id"], title=record.get("title") or "", body=record.get("body") or "",
                          summary=record.get("summary"), source=f"{path}:{number + 1}")
            count += 1
            if limit and count >= limit:
                return


def load_articles(labels: list[dict], corpus: Path) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for item in read_file(path):
            if isinstance(item, Article):
                articles[item.id] = item
    wanted = {label["id"] for label in labels if label["source"] == "corpus"}
    for article in corpus_articles(corpus, wanted):
        articles[article.id] = article
    missing = [label["id"] for label in labels if label["id"] not in articles]
    if missing:
        sys.exit(f"labelled articles not found: {', '.join(missing)}")
    return articles


def score(labels: list[dict], articles: dict[str, Article]) -> dict[str, list[int]]:
    """field -> [true positives, predicted, gold]; plus officials' title agreement."""
    counts = {name: [0, 0, 0] for name in ("date", "partners", "countries", "officials", "titles")}
    for label in labels:
        got = extract(articles[label["id"]])
        gold_date, got_date = label["date"], got.date
        counts["date"][0] += int(gold_date is not None and gold_date == got_date)
        counts["date"][1] += int(got_date is not None)
        counts["date"][2] += int(gold_date is not None)
        pairs = {
            "partners": ({key(p["name"]) for p in label["partners"]}, {key(p.name) for p in got.partners}),
            "countries": ({key(c) for c in label["countries"]}, {key(c) for c in got.countries}),
            "officials": ({key(o["name"]) for o in label["officials"]}, {key(o.name) for o in got.officials}),
        }
        for name, (gold, predicted) in pairs.items():
            counts[name][0] += len(gold & predicted)
            counts[name][1] += len(predicted)
            counts[name][2] += len(gold)
        gold_titles = {key(o["name"]): o["title"] for o in label["officials"] if o["title"]}
        for official in got.officials:
            if key(official.name) in gold_titles:
                counts["titles"][2] += 1
                counts["titles"][0] += int(key(official.title or "") == key(gold_titles[key(official.name)]))
    return counts


def timing(corpus: Path, count: int) -> tuple[float, float, float]:
    """Mean, median and 99th-percentile milliseconds per article over ``count`` corpus articles
    spread through the file (every 30th line)."""
    articles = list(corpus_articles(corpus, limit=count, step=30))
    extract(articles[0])  # imports and data loading are not per-article costs
    times = []
    for article in articles:
        start = time.perf_counter()
        extract(article)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.mean(times), statistics.median(times), times[int(len(times) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--timing", type=int, default=1000, help="corpus articles to time (0: skip)")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = load_articles(labels, args.corpus)
    counts = score(labels, articles)
    seeds = sum(label["source"] == "seed" for label in labels)
    print(f"Extraction vs hand labels: {len(labels)} articles ({seeds} seed pages, {len(labels) - seeds} corpus)")
    print(f"{'field':<11}{'precision':>10}{'recall':>8}{'F1':>7}   (tp/predicted/gold)")
    for name in ("date", "partners", "countries", "officials"):
        tp, predicted, gold = counts[name]
        p = tp / predicted if predicted else 0.0
        r = tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<11}{p:>10.2f}{r:>8.2f}{f1:>7.2f}   ({tp}/{predicted}/{gold})")
    tp, _, total = counts["titles"]
    print(f"titles: {tp}/{total} officials found with the labelled name carry exactly the labelled title")
    if args.timing:
        mean, median, p99 = timing(args.corpus, args.timing)
        print(f"time per article over {args.timing} corpus articles: mean {mean:.2f} ms, "
              f"median {median:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
