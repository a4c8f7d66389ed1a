"""The relevance benchmarks' corpus: the seed pages plus every Nth article of vnnews-2017.

The slice is rebuilt at run time from the shared corpus (found by corpus_paths.py:
``$SEARCHER_CORPORA`` or ``../shared/corpora``), so no third-party text lives in the
repository. It is deterministic (line numbers 0, N, 2N, ... of the gzip file, which is in
article-id order, so the sample spans the whole crawl and all its categories) and is not chosen
by looking at the queries.

Two steps are in use:

* ``DEFAULT_STEP`` = 3 (11,624 articles + 5 seeds): the pooled judged set in ``judged/``.
* ``OLD_STEP`` = 12 (2,906 articles + 5 seeds): the older 50-query set in
  ``relevance_queries.json``, kept as a regression check.

    .venv/bin/python benchmarks/slice.py [--step N] TARGET_DIR   # write a slice by hand
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_paths import news_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "corpus"
DEFAULT_STEP = 3  # the pooled judged set (judged/judgments.json)
OLD_STEP = 12  # the older set (relevance_queries.json)
SLICE_FILE = "vnnews-slice.jsonl"
COMPLETE_MARKER = ".complete"


def news_records(step: int = DEFAULT_STEP, corpus: Path | None = None) -> Iterator[dict]:
    """Yield ``{"id","title","summary","body"}`` for lines 0, step, 2*step, ... of the corpus."""
    corpus = corpus or news_corpus()
    if not corpus.exists():
        raise SystemExit(f"slice: news corpus {corpus} not found; set SEARCHER_CORPORA to its folder")
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % step == 0:
                record = json.loads(line)
                yield {key: record.get(key) or "" for key in ("id", "title", "summary", "body")}


def seed_paths(seed_dir: Path = SEED_DIR) -> list[Path]:
    return sorted(seed_dir.glob("*.txt"))


def build_slice(target: Path, step: int = DEFAULT_STEP) -> list[Path]:
    """Write the slice into ``target`` (a JSONL file and copies of the seeds); return the paths.

    Copies, not links, so every ranker indexes exactly the same text even if the seed folder
    changes while the benchmark runs.
    """
    target.mkdir(parents=True, exist_ok=True)
    jsonl = target / SLICE_FILE
    with jsonl.open("w", encoding="utf-8") as out:
        for record in news_records(step):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    seeds = []
    for seed in seed_paths():
        copy = target / seed.name
        shutil.copyfile(seed, copy)
        seeds.append(copy)
    return [jsonl, *seeds]


def slice_paths(workdir: Path, step: int = DEFAULT_STEP) -> list[Path]:
    """The slice in ``workdir/slice-STEP``, built on first use and reused afterwards."""
    target = Path(workdir) / f"slice-{step}"
    marker = target / COMPLETE_MARKER
    if not marker.exists():
        build_slice(target, step)
        marker.touch()
    return [target / SLICE_FILE, *sorted(target.glob("*.txt"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a relevance slice into a folder.")
    parser.add_argument("target", type=Path)
    parser.add_argument("--step", type=int, default=DEFAULT_STEP)
    args = parser.parse_args(argv)
    paths = build_slice(args.target, args.step)
    print("\n".join(map(str, paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
