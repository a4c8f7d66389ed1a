"""The analysis cache (``searcher.store.analysis_cache``): a rebuild re-uses what earlier runs
analysed, only new or changed text is segmented, and the cache is never needed for a right index.

Real indexes on disk and real underthesea; what a run segmented is counted by the run's report
(``analysed`` and ``reused``), so a cache that is not used fails these tests.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SEED_IDS, run, write_jsonl
from searcher import Searcher, SearchParams
from searcher.ingest.reader import iter_articles
from searcher.store import analysis_cache, indexer
from searcher.store.analysis_cache import FILE_NAME, last_run
from searcher.store.indexer import index_paths

QUERIES = ["lao cai", "hợp tác du lịch", "Nagano", '"Vân Nam"', "đầu tư thương mại"]
SYNTHETIC = 40  # with the seeds, enough to analyse in worker processes (32 or more)


def synthetic_records(count: int, first: int = 0) -> list[dict]:
    """Articles recombined from the seed pages' paragraphs, each with a word of its own."""
    paragraphs = [p for article in iter_articles([CORPUS]) for p in article.body.split("\n\n")
                  if len(p) > 80]
    records = []
    for number in range(first, first + count):
        rng = random.Random(number)
        records.append({"id": f"synth-{number:03d}",
                        "title": " ".join(rng.choice(paragraphs).split()[:10]) + f" mã{number}",
                        "body": "\n\n".join(rng.sample(paragraphs, 4)),
                        "published": f"2023-0{number % 9 + 1}-1{number % 10}"})
    return records


@pytest.fixture
def corpus(tmp_path) -> Path:
    directory = tmp_path / "corpus"
    directory.mkdir()
    for seed in CORPUS.glob("*.txt"):
        (directory / seed.name).write_bytes(seed.read_bytes())
    write_jsonl(directory / "synthetic.jsonl", synthetic_records(SYNTHETIC))
    return directory


ARTICLES = len(SEED_IDS) + SYNTHETIC


def answers(index_dir: Path) -> list:
    """What searches of the index return: totals, every hit with its score, snippet and facts,
    the facets, and which articles fold together as copies (in an order of their own: articles
    of equal score may be numbered differently by two runs)."""
    searcher = Searcher(index_dir)
    seen = []
    for text in QUERIES:
        result = searcher.search(SearchParams(q=text, limit=100, fold=False))
        hits = sorted((-round(h.score, 6), h.id, h.date, h.snippet,
                       tuple(p["name"] for p in h.partners), tuple(h.countries))
                      for h in result.hits)
        facets = {name: sorted((v.value, v.count) for v in values)
                  for name, values in result.facets.items()}
        folded = searcher.search(SearchParams(q=text, limit=100))
        groups = sorted(tuple(sorted([h.id, *(c.id for c in h.copies)])) for h in folded.hits)
        seen.append((text, result.total, hits, facets, folded.total, groups))
    return seen


def analysed_and_reused(report) -> tuple[int, int]:
    return report.analysed, report.reused


def test_a_rebuild_of_an_unchanged_corpus_segments_nothing_and_gives_the_same_index(corpus,
                                                                                   tmp_path):
    index_dir = tmp_path / "index"
    first = index_paths([corpus], index_dir, workers=2)
    assert (first.added, *analysed_and_reused(first)) == (ARTICLES, ARTICLES, 0)
    assert (index_dir / FILE_NAME).is_file()
    before = answers(index_dir)
    assert all(seen[1] for seen in before), "every query finds something"

    rebuild = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert (rebuild.added, *analysed_and_reused(rebuild)) == (ARTICLES, 0, ARTICLES)
    assert answers(index_dir) == before
    assert last_run(index_dir) == {"analysed": 0, "reused": ARTICLES, "stored": 0, "pruned": 0,
                                   "entries": ARTICLES}

    # the same as an index built without the cache at all, which leaves no cache behind
    plain = tmp_path / "plain"
    report = index_paths([corpus], plain, workers=2, cache=False)
    assert analysed_and_reused(report) == (ARTICLES, 0)
    assert not (plain / FILE_NAME).exists()
    assert answers(plain) == before
    assert run("check", "--index", index_dir).returncode == 0


def test_only_new_and_changed_articles_are_analysed_and_stale_entries_are_pruned(corpus,
                                                                                 tmp_path):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=2)
    changed = corpus / f"{SEED_IDS[1]}.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Kawaguchi", "Kawaguchi Zentrovia", 1), encoding="utf-8")
    # an incremental run analyses the changed article alone (the others are unchanged)
    report = index_paths([corpus], index_dir, workers=2)
    assert (report.updated, report.unchanged) == (1, ARTICLES - 1)
    assert analysed_and_reused(report) == (1, 0)
    assert last_run(index_dir)["pruned"] == 1, "the entry of the old text"
    assert [h.id for h in Searcher(index_dir).search(SearchParams(q="zentrovia")).hits] \
        == [SEED_IDS[1]]

    # a rebuild with 40 new articles and one removed: the new ones analysed by the workers
    # while the cached ones are added
    write_jsonl(corpus / "more.jsonl", synthetic_records(40, first=SYNTHETIC))
    (corpus / f"{SEED_IDS[2]}.txt").unlink()
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert report.added == ARTICLES - 1 + 40
    assert analysed_and_reused(report) == (40, ARTICLES - 1)
    assert last_run(index_dir)["entries"] == ARTICLES - 1 + 40
    assert last_run(index_dir)["pruned"] == 1, "the removed article's entry"
    fresh = tmp_path / "fresh"
    index_paths([corpus], fresh, workers=2, cache=False)
    assert answers(index_dir) == answers(fresh)


def test_workers_end_once_the_texts_the_cache_lacks_are_analysed(corpus, tmp_path):
    """A run whose new articles come first (an archive re-imported with new ones at its head,
    the ten-times corpus of the scale benchmarks) ends its analysis workers once the cache
    lacks nothing more, instead of holding their memory while it writes the rest."""
    import multiprocessing

    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=2)  # fills the cache
    new = [article for article in iter_articles([write_jsonl(
        tmp_path / "new.jsonl", synthetic_records(40, first=SYNTHETIC))])]
    old = list(iter_articles([corpus]))
    todo = [(article, indexer.fingerprint(article)) for article in new + old]
    cache = analysis_cache.AnalysisCache.open(index_dir, indexer.CACHE_IDENTITY, [])
    report = indexer.IndexReport()
    to_analyse = cache.missing(cache.key(p) for _, p in todo)
    assert to_analyse == len(new)
    workers_while_writing_cached = []
    try:
        documents = []
        for doc in indexer.analysed_documents(todo, 2, cache, report, to_analyse=to_analyse):
            documents.append(doc)
            if report.analysed == len(new):
                workers_while_writing_cached.append(len(multiprocessing.active_children()))
    finally:
        cache.close()
    assert (report.analysed, report.reused) == (len(new), len(old))
    assert sorted(d["id"] for d in documents) == sorted(a.id for a, _ in todo)
    # the workers that analysed the new texts were gone before the cached articles came through
    assert workers_while_writing_cached[1:] == [0] * len(old)


def test_workers_are_forked_before_the_run_reads_its_plan(corpus, tmp_path, monkeypatch):
    """The analysis workers share the pages the run holds when they are forked, and a summed
    RSS counts those once per worker: they are forked before the plan (every article's id and
    fingerprint, 140 MB at 348,700 articles) is read, and a run with nothing to analyse ends
    them before it writes."""
    import multiprocessing

    children_when_planned = []
    plan_run = indexer.plan_run

    def planned(*args, **kwargs):
        children_when_planned.append(len(multiprocessing.active_children()))
        return plan_run(*args, **kwargs)

    monkeypatch.setattr(indexer, "plan_run", planned)
    children_when_written = []
    add_document = indexer.BulkWriter.add_document

    def added(self, **doc):
        children_when_written.append(len(multiprocessing.active_children()))
        return add_document(self, **doc)

    monkeypatch.setattr(indexer.BulkWriter, "add_document", added)
    index_dir = tmp_path / "index"
    report = index_paths([corpus], index_dir, workers=2)
    assert report.analysed == report.added > indexer.PARALLEL_THRESHOLD
    assert children_when_planned == [2]
    children_when_written.clear()
    rebuilt = index_paths([corpus], index_dir, workers=2, rebuild=True)  # from the cache
    assert rebuilt.analysed == 0 and rebuilt.reused == report.added
    assert children_when_planned == [2, 2] and set(children_when_written) == {0}
    assert multiprocessing.active_children() == []
    assert answers(index_dir)


@pytest.mark.slow
@pytest.mark.parametrize("changed", ["text analysis", "extraction", "analysis code"])
def test_another_analysis_identity_misses_every_entry(corpus, tmp_path, monkeypatch, changed):
    """New analysis or extraction code (searcher/text, searcher/extract with its data, or the
    indexer's own analysis function) must not be served what the old code produced."""
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=2)
    if changed == "text analysis":
        real = indexer.analysis_id
        monkeypatch.setattr(indexer, "analysis_id", lambda: real() + "-next")
    elif changed == "extraction":
        monkeypatch.setattr(indexer, "EXTRACTION_ID", indexer.EXTRACTION_ID + "-next")
    else:
        monkeypatch.setattr(indexer, "CACHE_IDENTITY", indexer.CACHE_IDENTITY + "-next")
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert analysed_and_reused(report) == (ARTICLES, 0)
    assert last_run(index_dir)["pruned"] == ARTICLES, "the old code's entries are dropped"
    assert last_run(index_dir)["entries"] == ARTICLES
    again = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert analysed_and_reused(again) == (0, ARTICLES)


def test_the_cache_identity_follows_the_code_that_fills_it():
    parts = (indexer._IDENTITY, indexer.analysis_of, indexer.lead, indexer.LEAD_CHARS)
    identity = analysis_cache.cache_identity(*parts)
    assert analysis_cache.cache_identity(*parts) == identity
    assert analysis_cache.cache_identity(*parts[:-1], indexer.LEAD_CHARS + 1) != identity
    assert analysis_cache.cache_identity(indexer.document, *parts[1:]) != identity


def test_a_cache_file_of_garbage_is_ignored_with_one_line_and_started_afresh(corpus, tmp_path):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    before = answers(index_dir)
    cache = index_dir / FILE_NAME
    cache.write_bytes(random.Random(7).randbytes(cache.stat().st_size))
    result = run("index", corpus, "--index", index_dir, "--rebuild")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"added {ARTICLES}, updated 0, unchanged 0, removed 0, failed 0"
    assert result.stderr == (f"searcher: the analysis cache {cache} was damaged (file is not a "
                             f"database); it was started afresh\n")
    assert answers(index_dir) == before
    assert last_run(index_dir)["analysed"] == ARTICLES
    # whole again: the next rebuild segments nothing
    result = run("index", corpus, "--index", index_dir, "--rebuild")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (last_run(index_dir)["analysed"], last_run(index_dir)["reused"]) == (0, ARTICLES)


@pytest.mark.slow
def test_damage_inside_the_cache_never_reaches_the_index(corpus, tmp_path):
    """Bytes overwritten in the middle of the file, a value cut short, a value stored under
    another article's key: each entry is checked, so the index is the same as without the cache."""
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir, workers=2)
    before = answers(index_dir)
    cache = index_dir / FILE_NAME
    with sqlite3.connect(cache) as db:
        (first, value), (second, other) = db.execute(
            "SELECT key, value FROM analysis ORDER BY key LIMIT 2").fetchall()
        third = db.execute("SELECT key FROM analysis ORDER BY key LIMIT 1 OFFSET 2").fetchone()[0]
        db.execute("UPDATE analysis SET value = ? WHERE key = ?", (other, first))  # swapped
        db.execute("UPDATE analysis SET value = ? WHERE key = ?", (value, second))
        db.execute("UPDATE analysis SET value = substr(value, 1, 100) WHERE key = ?", (third,))
    db.close()
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert analysed_and_reused(report) == (3, ARTICLES - 3)
    assert answers(index_dir) == before
    assert analysed_and_reused(index_paths([corpus], index_dir, rebuild=True)) == (0, ARTICLES)

    size = cache.stat().st_size
    with open(cache, "r+b") as handle:  # pages in the middle of the file
        handle.seek(size // 3)
        handle.write(random.Random(3).randbytes(size // 3))
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert report.analysed > 0 and report.analysed + report.reused == ARTICLES
    assert answers(index_dir) == before
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert answers(index_dir) == before


@pytest.mark.slow
def test_a_run_killed_while_filling_the_cache_leaves_a_usable_cache(corpus, tmp_path):
    """SIGKILL while entries are committed one by one (a batch per entry): the next run re-uses
    the committed ones, analyses the rest, and the index is as a run without the cache builds."""
    index_dir = tmp_path / "index"
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from searcher.store import analysis_cache, indexer\n"
              "analysis_cache.BATCH_BYTES = 1\n"
              f"indexer.index_paths([{str(corpus)!r}], {str(index_dir)!r}, workers=1)\n"
              "print('finished')\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    cache = index_dir / FILE_NAME
    deadline = time.monotonic() + 120
    try:
        while True:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no entry was committed in time"
            if cache.exists():
                try:
                    with sqlite3.connect(f"{cache.as_uri()}?mode=ro", uri=True, timeout=0) as db:
                        if db.execute("SELECT count(*) FROM analysis").fetchone()[0] >= 5:
                            break
                except sqlite3.OperationalError:
                    pass  # created or being written this very moment
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    result = run("index", corpus, "--index", index_dir)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.strip() == f"added {ARTICLES}, updated 0, unchanged 0, removed 0, failed 0"
    stats = last_run(index_dir)
    assert stats["reused"] >= 5 and stats["analysed"] + stats["reused"] == ARTICLES
    assert stats["entries"] == ARTICLES
    plain = tmp_path / "plain"
    index_paths([corpus], plain, cache=False)
    assert answers(index_dir) == answers(plain)


def test_no_cache_neither_reads_nor_writes_it(corpus, tmp_path):
    index_dir = tmp_path / "index"
    result = run("index", corpus, "--index", index_dir, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert not (index_dir / FILE_NAME).exists()
    index_paths([corpus], index_dir, rebuild=True)  # fills it
    stamp = (index_dir / FILE_NAME).stat()
    result = run("index", corpus, "--index", index_dir, "--rebuild", "--no-cache")
    assert result.returncode == 0, result.stderr
    after = (index_dir / FILE_NAME).stat()
    assert (after.st_size, after.st_mtime_ns) == (stamp.st_size, stamp.st_mtime_ns)


def test_values_round_trip_and_name_their_key():
    key, other = b"k" * 20, b"o" * 20
    terms = {"title": {"lào": 1, "lao": 1, "lào_cai": 2}, "lead": {}, "captions": {"x": 300},
             "body": {"a b": 70_000, "": 1}}  # counts of every width; a term that cannot be joined
    value = analysis_cache.encode(key, terms, {"date": "2024-01-02"})
    assert analysis_cache.decode(key, value) == (terms, {"date": "2024-01-02"})
    with pytest.raises(ValueError):
        analysis_cache.decode(other, value)
    with pytest.raises(ValueError):
        analysis_cache.decode(key, value[:-5])
