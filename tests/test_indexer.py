"""Index runs: incremental, reporting bad inputs, never losing the previous index."""
from __future__ import annotations

import json
import shutil
import time

import pytest

from conftest import CORPUS, SEED_IDS, write_jsonl
from searcher.store import indexer
from searcher.store.indexer import IndexError_, index_paths
from searcher import SearchParams, Searcher, iter_articles


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


def _refused_after(index_dir, corpus, lock_timeout: float) -> float:
    """Seconds an index run on a locked index takes to give up (timed in this process)."""
    started = time.monotonic()
    with pytest.raises(IndexError_, match="locked") as refusal:
        index_paths([corpus], index_dir, lock_timeout=lock_timeout)
    took = time.monotonic() - started
    assert f"waited {lock_timeout:g} s" in str(refusal.value)
    return took


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(corpus, tmp_path):
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    holder = indexer.open_or_create(index_dir).writer()
    try:
        at_once = _refused_after(index_dir, corpus, lock_timeout=0)
        patient = _refused_after(index_dir, corpus, lock_timeout=1.0)
    finally:
        holder.cancel()
    assert at_once < 0.5, "no timeout: refused at once"
    assert patient - at_once >= 0.9, "it waited for the lock about as long as it was told"
    assert _ids(index_dir) == SEED_IDS
    assert index_paths([corpus], index_dir, lock_timeout=0).unchanged == len(SEED_IDS), \
        "the lock was released: the next run proceeds"


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


@pytest.mark.slow
def test_the_bulk_writer_writes_exactly_the_postings_whoosh_would(tmp_path):
    """The writer lays out text postings itself (for speed); Whoosh must read them as its own."""
    from whoosh import index as whoosh_index

    from searcher.store.codec import CompactCodec
    from searcher.store.whoosh_internals import BulkWriter
    from searcher.ingest.reader import iter_articles
    from searcher.store.schema import TEXT_FIELDS, build_schema

    docs = [indexer.analyse(a) for a in iter_articles([CORPUS])]
    long_body = {f"từ{i}": 1 for i in range(300)} | {"lào": 7}
    docs += [{**docs[0], "id": f"copy-{i}", "body": long_body} for i in range(300)]  # long lists
    files = {}
    for name in ("whoosh", "bulk"):
        (tmp_path / name).mkdir()
        ix = whoosh_index.create_in(str(tmp_path / name), build_schema())
        options = dict(codec=CompactCodec(), compound=False)
        writer = BulkWriter(ix, TEXT_FIELDS, **options) if name == "bulk" else ix.writer(**options)
        for doc in docs:
            writer.add_document(**{k: dict(v) if k in TEXT_FIELDS else v for k, v in doc.items()})
        writer.commit()
        files[name] = {p.name.split(".", 1)[1]: p.read_bytes() for p in (tmp_path / name).glob("MAIN_*.*")}
    assert {"pdx", "tdx", "_body_len.col"} <= set(files["bulk"])
    assert files["bulk"].pop("dv.npz")  # the columns it adds for searchers (store/docvalues.py)
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
    hits = searcher.search(SearchParams(q='"đoàn số 7"', limit=10, fold=False)).hits  # one headline
    assert sorted(h.id for h in hits) == ["doc-7-0", "doc-7-1", "doc-7-2"]
    assert searcher.search(SearchParams(q="lào cai", limit=1)).hits[0].id.endswith("-2")


def _code(n: int) -> str:
    """A made-up word of its own for article n (zobak, zobal, ...): found in that article only."""
    letters = "bcdghklmnpqrstv"
    return f"zo{letters[n // len(letters) % len(letters)]}a{letters[n % len(letters)]}"


def _postings_by_id(index_dir, fields=("title", "body")) -> dict:
    """field -> term -> {article id: count}, and field -> {article id: field length}, of the
    live documents of an index (independent of document numbers)."""
    from whoosh import index as whoosh_index

    from searcher.store.whoosh_internals import read_postings

    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        ids = {n: reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        postings = {}
        for field in fields:
            for term in reader.field_terms(field):
                docnums, counts = read_postings(reader, field, term)
                live = {ids[d]: int(c) for d, c in zip(docnums.tolist(), counts.tolist()) if d in ids}
                if live:
                    postings.setdefault(field, {})[term] = live
            postings[f"{field} lengths"] = {ids[n]: reader.doc_field_length(n, field) for n in ids}
    return postings


def test_merging_many_segments_with_deletions_keeps_exactly_the_live_articles(tmp_path):
    """Incremental runs add, update and delete articles: each run leaves a segment, updates and
    deletions leave deleted documents in older ones. A forced merge copies every segment through
    the bulk writer; what is live must come out whole, and nothing deleted or replaced."""
    from whoosh import index as whoosh_index

    from searcher.store.schema import TEXT_FIELDS
    from searcher.store.whoosh_internals import open_writer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    index_dir = tmp_path / "index"
    files: dict[int, dict[str, dict]] = {}  # run -> id -> record: the corpus as it stands
    words: dict[str, str] = {}  # id -> its own word now
    replaced: dict[str, str] = {}  # the word an updated article no longer has
    deleted: dict[str, str] = {}
    serial = 0
    for run in range(6):
        files[run] = {}
        for i in range(24):
            doc_id = f"doc-{run}-{i}"
            words[doc_id] = _code(serial)
            serial += 1
            files[run][doc_id] = {"id": doc_id, "title": f"Đoàn số {run} thăm Lào Cai",
                                  "body": f"Hợp tác du lịch lần {run}, mã {words[doc_id]}. "
                                          + "Lào Cai " * (i % 4 + 1)}
        if run:  # update two articles of the previous run, delete two of the one before
            for doc_id in (f"doc-{run - 1}-0", f"doc-{run - 1}-1"):
                replaced[doc_id], words[doc_id] = words[doc_id], _code(serial)
                serial += 1
                files[run - 1][doc_id]["body"] = f"Bài đã sửa, mã {words[doc_id]}."
            for doc_id in (f"doc-{max(run - 2, 0)}-5", f"doc-{max(run - 2, 0)}-6"):
                if doc_id not in deleted:
                    deleted[doc_id] = words.pop(doc_id)
                    del files[max(run - 2, 0)][doc_id]
        for number, records in files.items():
            write_jsonl(corpus / f"run-{number}.jsonl", list(records.values()))
        report = index_paths([corpus], index_dir, workers=1)
        assert report.added == 24 and report.updated == (2 if run else 0)

    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        segments = reader.leaf_readers()
        assert len(segments) >= 5, "each run left its own segment"
        assert sum(leaf.has_deletions() for leaf, _ in segments) >= 3
        assert reader.doc_count() == len(words) < reader.doc_count_all()

    ix = whoosh_index.open_dir(str(index_dir))
    writer = open_writer(ix, TEXT_FIELDS, timeout=5)
    writer.commit(optimize=True)  # every segment merged into one

    with whoosh_index.open_dir(str(index_dir)).reader() as reader:
        assert reader.is_atomic() and not reader.has_deletions()
        assert reader.doc_count_all() == len(words)
    searcher = Searcher(index_dir)

    def found(text):
        # exactly as typed: a deleted article's code word must not be respelled into another's
        return [h.id for h in searcher.search(SearchParams(q=text, limit=100, correct=False)).hits]

    for doc_id, word in words.items():
        assert found(word) == [doc_id], (doc_id, word)
    for doc_id, word in deleted.items():
        assert found(word) == [], ("deleted", doc_id)
    for doc_id, word in replaced.items():
        assert found(word) == [], ("replaced text", doc_id)
    assert searcher.search(SearchParams(q="lao cai", limit=1)).total == len(words)
    # Every posting, count and field length as a fresh index of the same corpus has them.
    fresh = tmp_path / "fresh"
    index_paths([corpus], fresh, workers=1)
    assert _postings_by_id(index_dir) == _postings_by_id(fresh)
    query = SearchParams(q="hop tac du lich lao cai", limit=100)
    assert [(h.id, h.score) for h in searcher.search(query).hits] == \
        [(h.id, h.score) for h in Searcher(fresh).search(query).hits]


@pytest.mark.parametrize("field", ["title", "captions", "body"])
def test_whoosh_public_fallback_writes_and_reads_the_same_postings(fallback_indexes, field):
    """On another Whoosh version, whoosh_internals falls back to Whoosh's own writer and
    matchers. Both writers, read both ways, must give the same postings for every term."""
    from whoosh import index as whoosh_index

    from searcher.store.whoosh_internals import read_postings

    readings = {}
    for name, index_dir in fallback_indexes.items():
        with whoosh_index.open_dir(str(index_dir)).reader() as reader:
            terms = list(reader.field_terms(field))
            for private in (True, False):
                readings[name, private] = {
                    term: [(int(d), float(c)) for d, c in zip(*read_postings(
                        reader, field, term, private=private))] for term in terms}
    bulk = readings["bulk", True]
    assert len(bulk) > 100 and all(bulk.values())
    for term in ("nagano", "lào_cai", "lao_cai", "lào", "lao"):
        assert term in bulk or field == "captions", term
    for key, reading in readings.items():
        assert reading == bulk, key


def test_whoosh_public_fallback_index_answers_searches_alike(fallback_indexes):
    searchers = {name: Searcher(index_dir) for name, index_dir in fallback_indexes.items()}
    for text in ("lao cai", "hop tac du lich nhat ban", '"Đại sứ quán Trung Quốc"', "nghị sỹ"):
        answers = {name: [(h.id, h.score, h.snippet) for h in s.search(SearchParams(q=text)).hits]
                   for name, s in searchers.items()}
        assert answers["bulk"] and answers["bulk"] == answers["whoosh"], text


@pytest.fixture(scope="module")
def fallback_indexes(tmp_path_factory) -> dict:
    """The seed corpus indexed twice: by the bulk writer (the private path, the default on
    Whoosh 2.7.4) and by Whoosh's own SegmentWriter (the public fallback)."""
    from functools import partial

    from searcher.store import whoosh_internals

    assert whoosh_internals.SUPPORTED, "the private path is the default on this Whoosh"
    work = tmp_path_factory.mktemp("fallback")
    index_paths([CORPUS], work / "bulk")
    with pytest.MonkeyPatch.context() as patch:  # the writer a different Whoosh version gets
        patch.setattr(indexer, "open_writer", partial(whoosh_internals.open_writer, private=False))
        index_paths([CORPUS], work / "whoosh")
    return {"bulk": work / "bulk", "whoosh": work / "whoosh"}


def test_a_file_the_last_run_read_whole_is_not_read_again_until_it_changes(tmp_path, monkeypatch):
    """Adding articles to a large archive must not re-read it: a file whose bytes the last run
    read cleanly is skipped (its articles are the index's), a changed file is read again, and a
    file with a broken line is read (and its error reported) on every run."""
    from searcher.ingest import reader

    parsed = []
    parse = reader._parse_record

    def counted(raw, path, line):
        parsed.append(path.name)
        return parse(raw, path, line)

    monkeypatch.setattr(reader, "_parse_record", counted)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    record = lambda n, body="Hợp tác du lịch.": {"id": f"doc-{n}", "title": f"Tin {n}", "body": body}
    write_jsonl(corpus / "a.jsonl", [record(n) for n in range(3)])
    (corpus / "b.jsonl").write_text('{"id": "doc-9", "title": "Tin 9", "body": "Lào Cai."}\n{oops\n',
                                    encoding="utf-8")
    index_dir = tmp_path / "index"
    first = index_paths([corpus], index_dir, workers=1)
    assert (first.added, len(first.errors)) == (4, 1)

    parsed.clear()
    write_jsonl(corpus / "c.jsonl", [record(3)])
    second = index_paths([corpus], index_dir, workers=1)
    assert (second.added, second.unchanged, len(second.errors)) == (1, 4, 1)
    assert sorted(parsed) == ["b.jsonl", "b.jsonl", "c.jsonl"]  # a.jsonl not read

    parsed.clear()
    write_jsonl(corpus / "a.jsonl", [record(0), record(1, "Hợp tác với tỉnh Nagano."), record(2)])
    third = index_paths([corpus], index_dir, workers=1)
    assert (third.updated, third.unchanged) == (1, 4)
    assert sorted(parsed) == ["a.jsonl"] * 3 + ["b.jsonl"] * 2
    hits = Searcher(index_dir).search(SearchParams(q="Nagano", limit=5)).hits
    assert [h.id for h in hits] == ["doc-1"]


@pytest.fixture
def news_corpus(tmp_path):
    """The seed pages and every 300th article of the news corpus (122 articles)."""
    from conftest import NEWS, index_news

    if not NEWS.exists():
        pytest.skip(f"SKIPPED: the news corpus {NEWS} is missing (set SEARCHER_CORPORA)")
    (tmp_path / "news").mkdir()
    index_news(tmp_path / "news", lambda number, _: number % 300 == 0)
    return tmp_path / "news" / "corpus", tmp_path / "news" / "index"


def _answers(index_dir) -> list:
    searcher = Searcher(index_dir)
    answers = []
    for q in ("hợp tác", "hop tac nhat ban", "Lào Cai", "bóng đá", "Trump", "kinh tế Việt Nam"):
        for sort in ("relevance", "date"):
            result = searcher.search(SearchParams(q=q, sort=sort, limit=20))
            answers.append((q, sort, result.total, [hit.id for hit in result.hits],
                            {name: [(v.value, v.count) for v in values]
                             for name, values in result.facets.items()}))
    return answers


def test_a_warm_rebuild_writes_parts_in_parallel_and_answers_as_one_writer_does(
        news_corpus, tmp_path, monkeypatch):
    """A rebuild whose every article is in the analysis cache splits them between the run's
    writer and a forked one, each writing a segment, published in one TOC: same articles, same
    answers and facet counts as one writer's rebuild."""
    corpus, index_dir = news_corpus
    with open(corpus / "news.jsonl", encoding="utf-8") as lines:
        first = json.loads(next(lines))
    write_jsonl(corpus / "wire-copy.jsonl", [{**first, "id": "wire-copy"}])  # one cache entry
    assert index_paths([corpus], index_dir).reused == 1
    serial = tmp_path / "serial"
    shutil.copytree(index_dir, serial)
    monkeypatch.setattr(indexer, "PARALLEL_WRITE_THRESHOLD", 50)
    one = index_paths([corpus], serial, rebuild=True, workers=1)
    two = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert (two.added, two.reused, two.analysed) == (one.added, one.reused, 0) == (123, 123, 0)
    assert len(list(serial.glob("*.seg"))) == 1 and len(list(index_dir.glob("*.seg"))) == 2
    assert _answers(index_dir) == _answers(serial)
    assert any(total > 10 for _, _, total, _, _ in _answers(index_dir))


def test_a_part_writer_that_fails_leaves_the_previous_index_and_the_next_run_completes(
        news_corpus, monkeypatch):
    corpus, index_dir = news_corpus
    before = _answers(index_dir)
    seg_files = sorted(p.name for p in index_dir.glob("*.seg"))
    monkeypatch.setattr(indexer, "PARALLEL_WRITE_THRESHOLD", 50)
    real_document = indexer.document
    last = list(iter_articles([corpus], lambda _: False))[-1].id  # in the forked writer's half

    def document_that_breaks(article, *args):
        if article.id == last:
            raise OSError(28, "No space left on device")
        return real_document(article, *args)

    monkeypatch.setattr(indexer, "document", document_that_breaks)
    with pytest.raises(IndexError_, match="a writer of part of the run failed .*No space left"):
        index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert _answers(index_dir) == before
    assert sorted(p.name for p in index_dir.glob("*.seg")) == seg_files
    monkeypatch.setattr(indexer, "document", real_document)
    report = index_paths([corpus], index_dir, rebuild=True, workers=2)
    assert report.added == 122 and _answers(index_dir) == before
