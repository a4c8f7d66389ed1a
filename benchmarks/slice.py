"""The relevance benchmark's corpus: the seed pages plus every Nth article of vnnews-2017.

The slice is rebuilt at run time from the shared corpus, so no third-party text lives in the
repository. It is deterministic (line numbers 0, N, 2N, ... of the gzip file, which is in
article-id order, so the sample spans the whole crawl and all its categories) and is not
chosen by looking at the queries. Judgments in relevance_queries.json refer to the ids it
yields, and are only complete for the default step of 12.
"""
from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "corpus"
NEWS_CORPUS = Path("/work/shared/corpora/vnnews-2017.jsonl.gz")
DEFAULT_STEP = 12
SLICE_FILE = "vnnews-slice.jsonl"


def news_records(step: int = DEFAULT_STEP, corpus: Path = NEWS_CORPUS) -> Iterator[dict]:
    """Yield ``{"id","title","summary","body"}`` for lines 0, step, 2*step, ... of the corpus."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % step == 0:
                record = json.loads(line)
                yield {key: record.get(key) or "" for key in ("id", "title", "summary", "body")}


def seed_paths(seed_dir: Path = SEED_DIR) -> list[Path]:
    return sorted(seed_dir.glob("*.txt"))


def build_slice(target: Path, step: int = DEFAULT_STEP) -> list[Path]:
    """Write the slice into ``target`` (a JSONL file and copies of the seeds); return the paths.

    Copies, not links, so the engine indexes exactly what the baseline reads even if the seed
    folder changes while the benchmark runs.
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
