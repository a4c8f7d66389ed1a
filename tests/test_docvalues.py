"""Columns stored with each segment at commit (``searcher.store.docvalues``) are what a searcher
would otherwise derive from Whoosh when it opens the index: the same lengths, dates, facet values
and spelling vocabulary, over several segments and deletions, so a cold query can trust them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from conftest import CORPUS, SEED_IDS, SYNTHETIC_ARTICLES, write_synthetic_corpus
from searcher import Searcher, SearchParams, index_paths
from searcher.store import docvalues
from searcher.store.schema import TEXT_FIELDS
from searcher.store.whoosh_internals import open_writer
from searcher.text.fingerprint import copies, fingerprint, headline_key


def seed_pages_copied(corpus: Path) -> Path:
    """A corpus directory of its own holding the seed pages (a test may add or remove some)."""
    corpus.mkdir()
    for seed in CORPUS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    return corpus


def facet_counts(columns: docvalues.DocValues, live: np.ndarray) -> dict[str, dict[str, int]]:
    """facet -> value -> live documents with it (a value listed twice is summed)."""
    counts: dict[str, dict[str, int]] = {}
    for name, pairs in columns.facets.items():
        keep = live[pairs.docs]
        per_value = counts.setdefault(name, {})
        for i, n in enumerate(np.bincount(pairs.ids[keep], minlength=len(pairs.values))):
            if n:
                per_value[pairs.values[i]] = per_value.get(pairs.values[i], 0) + int(n)
    return counts


def test_stored_columns_equal_the_derived_ones_across_segments_and_deletions(tmp_path):
    corpus = seed_pages_copied(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    write_synthetic_corpus(corpus / "synthetic.jsonl")  # a second segment
    (corpus / f"{SEED_IDS[0]}.txt").unlink()  # and a deletion in the first
    report = index_paths([corpus], index_dir)
    assert report.added == 7 and report.removed == 1
    assert len(list(index_dir.glob("*.dv.npz"))) == len(list(index_dir.glob("*.seg"))) >= 1

    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        stored = docvalues.for_reader(reader, ix.storage)
        assert callable(stored.keys)  # read from the segments' columns only when asked
        stored.copy_keys()
        derived = [docvalues.derive(leaf) for leaf, _ in reader.leaf_readers()]
        live = np.zeros(reader.doc_count_all(), dtype=bool)
        live[list(reader.all_doc_ids())] = True
    assert stored.size == sum(d.size for d in derived) == len(live)
    for field, lengths in stored.lengths.items():
        assert np.array_equal(lengths, np.concatenate([d.lengths[field] for d in derived]))
    assert np.array_equal(stored.date_keys, np.concatenate([d.date_keys for d in derived]))
    merged = docvalues.DocValues(stored.size, {}, stored.date_keys, {
        name: docvalues.FacetPairs(
            sum((d.facets[name].values for d in derived), []),
            np.concatenate([d.facets[name].docs + off for d, off in
                            zip(derived, np.cumsum([0] + [d.size for d in derived]))]),
            np.concatenate([d.facets[name].ids + sum(len(e.facets[name].values) for e in derived[:i])
                            for i, d in enumerate(derived)]))
        for name in stored.facets}, [], (np.concatenate([d.fingerprints for d in derived]),
                                         np.concatenate([d.headlines for d in derived])))
    assert facet_counts(stored, live) == facet_counts(merged, live)
    assert facet_counts(stored, live)["partner"]["tỉnh Vân Nam"] >= 3
    assert stored.vocabulary == sorted(set().union(*(d.vocabulary for d in derived)))
    assert "nagano" in stored.vocabulary
    assert stored.person_names == sorted(set().union(*(d.person_names for d in derived)))
    assert {"nguyễn_phú_trọng", "phạm_minh_chính"} <= set(stored.person_names)
    assert np.array_equal(stored.fingerprints, merged.fingerprints)
    assert np.array_equal(stored.headlines, merged.headlines)
    assert len({bytes(row) for row in stored.fingerprints}) >= 6  # real bodies, each its own
    # The groups of copies the commit saved are those a search would work out (deletions too).
    saved = docvalues.read_copies(ix.storage, ix.latest_generation(), stored.size)
    assert saved is not None
    assert np.array_equal(saved, copies(stored.fingerprints, stored.headlines, live))
    assert [p.name for p in index_dir.glob("copies-*.npy")] == [
        docvalues.COPIES_FILE.format(generation=ix.latest_generation())]  # the last one only


def test_an_index_without_stored_columns_still_searches_the_same(tmp_path):
    """An index written before columns were stored (or by Whoosh's own writer) derives them."""
    corpus = write_synthetic_corpus(tmp_path / "synthetic.jsonl")
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    params = SearchParams(q="Lào Cai", selections={"partner": ["tỉnh Vân Nam"]})
    with_columns = Searcher(index_dir).search(params).to_dict()
    for path in index_dir.glob("*.dv.npz"):
        path.unlink()
    assert Searcher(index_dir).search(params).to_dict() == with_columns
    assert with_columns["total"] == 3


def test_people_s_names_are_read_from_the_columns_and_from_the_term_list_alike(
        tmp_path, monkeypatch):
    """A one-syllable word inside a person's full name (``Trọng`` in ``Nguyễn Phú Trọng``) is
    told apart with the body's full names, which the commit keeps in the columns file: a search
    reads them there instead of walking the term list (0.3-0.4 s of a search process's first
    such query at 348,700 articles), and an index from older code, whose columns lack them,
    answers the same from its term list."""
    corpus = seed_pages_copied(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    index_paths([corpus], index_dir)
    queries = [SearchParams(q=q) for q in ("Trọng", "Chính", "Minh", "Phong")]

    def walk_the_term_list(reader):
        raise AssertionError("the names were read from the term list")

    monkeypatch.setattr(docvalues, "person_names", walk_the_term_list)
    from_columns = [Searcher(index_dir).search(q).to_dict() for q in queries]
    monkeypatch.undo()
    assert from_columns[0]["total"] >= 1
    for path in index_dir.glob("*.dv.npz"):  # as older code wrote them: no names
        arrays = dict(np.load(path))
        del arrays["person_names"]
        np.savez(path, **arrays)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        assert docvalues.for_reader(reader, ix.storage).person_names is None
    assert [Searcher(index_dir).search(q).to_dict() for q in queries] == from_columns


def test_copy_keys_come_with_the_analysis_so_no_commit_or_merge_fingerprints_a_body_again(
        tmp_path, monkeypatch):
    """A body's fingerprint is computed once, with its analysis, and kept in the analysis cache
    and a column of the segment: a rebuild from the cache and a run whose segments Whoosh merges
    read them there (a warm rebuild of the 35k articles spent a minute fingerprinting again)."""
    corpus = seed_pages_copied(tmp_path / "corpus")
    synthetic = write_synthetic_corpus(tmp_path / "synthetic.jsonl")
    index_dir = tmp_path / "index"
    index_paths([corpus, synthetic], index_dir)  # analyses every article, fills the cache
    index_paths([corpus], index_dir, cache=False)  # the synthetic articles removed

    def fingerprint_again(body):
        raise AssertionError("a stored body was fingerprinted again")

    monkeypatch.setattr(docvalues, "fingerprint", fingerprint_again)
    added = index_paths([corpus, synthetic], index_dir)  # back, from the cache
    assert added.added == len(SYNTHETIC_ARTICLES) and added.analysed == 0
    assert len(list(index_dir.glob("*.seg"))) == 2
    writer = open_writer(whoosh_index.open_dir(str(index_dir)), TEXT_FIELDS, timeout=5)
    writer.commit(optimize=True)  # Whoosh merges the two, as its merge policy does in time
    assert len(list(index_dir.glob("*.seg"))) == 1
    index_paths([corpus, synthetic], index_dir, rebuild=True)  # everything from the cache
    for path in index_dir.glob("*.dv.npz"):
        path.unlink()  # columns derived from the segments' own copy-key column
    monkeypatch.undo()
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        stored = docvalues.for_reader(reader, ix.storage)
        bodies = [reader.stored_fields(d)["data"] for d in range(reader.doc_count_all())]
    assert len(bodies) == len(SEED_IDS) + len(SYNTHETIC_ARTICLES)
    assert np.array_equal(stored.fingerprints, [fingerprint(d["body"]) for d in bodies])
    assert np.array_equal(stored.headlines, [headline_key(d["title"]) for d in bodies])


def test_copy_keys_are_kept_once_in_the_column_and_read_from_it_only_when_asked(tmp_path):
    """The segment's copy_keys column holds every article's keys, so the columns file only says
    so (it held them a second time: 4.5 MB of the 35k-article index). A file that holds them
    (older code, which also deflated it) is still read as before."""
    import io

    corpus = seed_pages_copied(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    index_paths([corpus, write_synthetic_corpus(tmp_path / "synthetic.jsonl")], index_dir)
    [path] = index_dir.glob("*.dv.npz")
    with np.load(path) as arrays:
        assert docvalues.KEYS_IN_COLUMN in arrays.files
        assert not set(docvalues.COPY_KEYS) & set(arrays.files)
        older = {name: arrays[name] for name in arrays.files if name != docvalues.KEYS_IN_COLUMN}
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        expected = docvalues.copy_keys(reader.leaf_readers()[0][0])
        columns = docvalues.for_reader(reader, ix.storage)
        assert callable(columns.keys)
        assert all(np.array_equal(a, b) for a, b in zip(columns.copy_keys(), expected))
    assert len({bytes(row) for row in expected[0]}) >= 6
    # As older code wrote it: the keys in the file, read from there, the whole file deflated.
    lengths = columns.lengths
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **older, fingerprints=expected[0] + 1, headlines=expected[1])
    path.write_bytes(buffer.getvalue())
    with ix.reader() as reader:
        columns = docvalues.for_reader(reader, ix.storage)
        assert np.array_equal(columns.fingerprints, expected[0] + 1)
        assert all(np.array_equal(columns.lengths[f], lengths[f]) for f in lengths)
    assert Searcher(index_dir).search(SearchParams(q="Nagano")).total >= 1
