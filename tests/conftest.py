"""Shared fixtures: real indexes on disk, built once per session from real article files."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", category=SyntaxWarning)  # Whoosh 2.7.4 on newer Pythons

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_IDS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    from searcher.store.indexer import index_paths

    directory = tmp_path_factory.mktemp("seed-index")
    report = index_paths([CORPUS], directory)
    assert report.added == len(SEED_IDS) and not report.errors
    return directory


@pytest.fixture(scope="session")
def seed_searcher(seed_index):
    from searcher import Searcher

    return Searcher(seed_index)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def build_index(tmp_path: Path, records: list[dict], name: str = "articles.jsonl"):
    """A real index over the given article records; returns a Searcher on it."""
    from searcher.store.indexer import index_paths
    from searcher import Searcher

    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    write_jsonl(corpus / name, records)
    index_paths([corpus], tmp_path / "index")
    return Searcher(tmp_path / "index")
