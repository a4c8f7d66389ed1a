"""Index runs: incremental, reporting bad inputs, never losing the previous index."""
from __future__ import annotations

import shutil

import pytest

from conftest import CORPUS, SEED_IDS, write_jsonl
from searcher.store import indexer
from searcher.store.indexer import IndexError_, index_paths
from searcher import SearchParams, Searcher


@pytest.fixture
def corpus(tmp_path):
    directory = tmp_path / "corpus"
    shutil.copytree(CORPUS, directory)
    return directory


def _ids(index_dir, text="lao cai"):
    return sorted(h.id for h in Searcher(index_dir).search(SearchParams(q=text, limit=100)).hits)


def test_rerun_skips_unchanged_updates_changed_adds_new_and_removes_deleted(corpus, tmp_path):
    index_dir = tmp_path / "index"
    first = index_paths([corpus], index_dir)
    assert (first.added, first.updated, first.unchanged, first.removed) == (5, 0, 0, 0)

    again = index_paths([corpus], index_dir)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 5, 0)

    changed = corpus / f"{SEED_IDS[1]}.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Kawaguchi", "Kawaguchi Fujisawa", 1), encoding="utf-8")
    (corpus / f"{SEED_IDS[2]}.txt").unlink()
    write_jsonl(corpus / "new.jsonl", [{"id": "new-1", "title": "Lào Cai đón đoàn Fujisawa",
                                        "body": "Đoàn công tác đến Lào Cai."}])
    report = index_paths([corpus], index_dir)
    assert (report.added, report.updated, report.unchanged, report.removed) == (1, 1, 3, 1)
    assert _ids(index_dir) == sorted(set(SEED_IDS) - {SEED_IDS[2]} | {"new-1"})
    assert _ids(index_dir, "fujisawa") == sorted([SEED_IDS[1], "new-1"])


def test_bad_files_are_reported_by_name_and_the_rest_indexed(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Tiêu đề\n\nNội dung".encode("utf-16"))
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (corpus / "records.jsonl").write_text(
        '{"id": "ok", "title": "Lào Cai", "body": "Tin tốt."}\nnot json\n'
        '{"id": "ok", "title": "Trùng", "body": "Trùng id."}\n', encoding="utf-8")
    report = index_paths([corpus], tmp_path / "index")
    failed = {str(e) for e in report.errors}
    assert report.added == 6
    assert any("empty.txt" in f for f in failed)
    assert any("latin1.txt" in f for f in failed)
    assert any("binary.txt" in f for f in failed)
    assert any("records.jsonl:2" in f for f in failed)
    assert any("records.jsonl:3" in f and "duplicate" in f for f in failed)
    assert "ok" in _ids(tmp_path / "index")


def test_a_run_that_fails_half_way_leaves_the_previous_index_searchable(corpus, tmp_path,
                                                                        monkeypatch):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    before = _ids(index_dir)
    write_jsonl(corpus / "more.jsonl", [
        {"id": f"more-{i}", "title": f"Lào Cai tin {i}", "body": "Nội dung."} for i in range(5)])
    real_extract = indexer.extract

    def extract_that_breaks(article):
        if article.id == "more-3":
            raise RuntimeError("disk full")
        return real_extract(article)

    monkeypatch.setattr(indexer, "extract", extract_that_breaks)
    with pytest.raises(RuntimeError):
        index_paths([corpus], index_dir)
    assert _ids(index_dir) == before
    monkeypatch.setattr(indexer, "extract", real_extract)
    report = index_paths([corpus], index_dir)
    assert report.added == 5 and len(_ids(index_dir)) == len(before) + 5


def test_a_file_that_fails_to_read_keeps_its_articles(corpus, tmp_path):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    (corpus / f"{SEED_IDS[0]}.txt").write_bytes(b"\xff\xfe broken \x00")
    report = index_paths([corpus], index_dir)
    assert report.removed == 0 and report.failed == 1
    assert SEED_IDS[0] in _ids(index_dir)


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(corpus, tmp_path):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    holder = indexer.open_or_create(index_dir).writer()
    try:
        with pytest.raises(IndexError_, match="locked"):
            index_paths([corpus], index_dir, lock_timeout=0.3)
    finally:
        holder.cancel()
    assert _ids(index_dir) == SEED_IDS


def test_rebuild_reindexes_everything_and_parallel_workers_index_it_all(tmp_path):
    records = [{"id": f"doc-{i}", "title": f"Hợp tác du lịch số {i}",
                "body": f"Tỉnh Lào Cai và đối tác số {i} bàn về du lịch."} for i in range(80)]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "many.jsonl", records)
    index_dir = tmp_path / "index"
    assert index_paths([corpus], index_dir, workers=2).added == 80
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert report.added == 80 and report.unchanged == 0
    assert Searcher(index_dir).search(SearchParams(q="du lich", limit=1)).total == 80


def test_the_bulk_writer_writes_exactly_the_postings_whoosh_would(tmp_path):
    """The writer lays out text postings itself (for speed); Whoosh must read them as its own."""
    from whoosh import index as whoosh_index
    from whoosh.codec.whoosh3 import W3Codec

    from searcher.store.whoosh_internals import BulkWriter
    from searcher.ingest.reader import iter_articles
    from searcher.store.schema import TEXT_FIELDS, build_schema

    docs = [indexer.analyse(a) for a in iter_articles([CORPUS])]
    long_body = {f"từ{i}": 1 for i in range(300)} | {"lào": 7}
    docs += [{**docs[0], "id": f"copy-{i}", "body": long_body} for i in range(300)]  # 3 blocks
    files = {}
    for name in ("whoosh", "bulk"):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        options = dict(codec=W3Codec(compression=0), compound=False)
        writer = BulkWriter(ix, TEXT_FIELDS, **options) if name == "bulk" else ix.writer(**options)
        for doc in docs:
            writer.add_document(**{k: dict(v) if k in TEXT_FIELDS else v for k, v in doc.items()})
        writer.commit()
        files[name] = {p.name.split(".", 1)[1]: p.read_bytes() for p in (tmp_path / name).glob("MAIN_*.*")}
    assert {"pst", "trm", "_body_len.col"} <= set(files["bulk"])
    assert files["bulk"] == files["whoosh"]


def test_many_small_runs_merge_their_segments_and_keep_every_article(tmp_path):
    """Each run adds a segment; Whoosh merges small ones, copying their postings through the
    bulk writer. Every article stays findable, with the right counts."""
    from whoosh import index as whoosh_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    index_dir = tmp_path / "index"
    for run in range(12):
        write_jsonl(corpus / f"run-{run}.jsonl", [
            {"id": f"doc-{run}-{i}", "title": f"Đoàn số {run} thăm Lào Cai",
             "body": f"Hợp tác du lịch lần {run}. " + "Lào Cai " * (i + 1)} for i in range(3)])
        assert index_paths([corpus], index_dir, workers=1).added == 3
    segments = whoosh_index.open_dir(str(index_dir)).reader().leaf_readers()
    assert len(segments) < 12  # merged
    searcher = Searcher(index_dir)
    assert searcher.search(SearchParams(q="lào cai", limit=1)).total == 36
    hits = searcher.search(SearchParams(q='"đoàn số 7"', limit=10)).hits
    assert sorted(h.id for h in hits) == ["doc-7-0", "doc-7-1", "doc-7-2"]
    assert searcher.search(SearchParams(q="lào cai", limit=1)).hits[0].id.endswith("-2")
