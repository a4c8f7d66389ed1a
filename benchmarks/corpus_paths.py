"""Where the benchmarks find the shared (third-party) news corpus: one place for every script.

``$SEARCHER_CORPORA`` if set, else ``../shared/corpora`` next to the checkout (the checkout's
parent folder holds ``shared/``), so no machine path is written into the repository.
"""
from __future__ import annotations

import os
from pathlib import Path

NEWS_FILE = "vnnews-2017.jsonl.gz"


def corpora_dir() -> Path:
    """The folder holding the shared corpora."""
    configured = os.environ.get("SEARCHER_CORPORA")
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parents[2] / "shared" / "corpora"


def news_corpus() -> Path:
    """The vnnews-2017 JSONL dump (34,870 articles, id order)."""
    return corpora_dir() / NEWS_FILE
