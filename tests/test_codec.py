"""The compact codec (``searcher.store.codec``): what it writes, Whoosh reads back exactly."""
from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import fields, index as whoosh_index, query

from searcher.store import codec
from searcher.store.codec import CompactCodec, decode_postings, decode_postings_list

EDGES = [0, 1, 127, 128, 255, 16383, 16384, 2**21 - 1, 2**21, 2**28 - 1, 2**28, 2**32 - 1]


@pytest.mark.parametrize("size", [len(EDGES), 200])  # the Python path and the NumPy path
def test_variable_length_integers_come_back_as_written(size):
    values = (EDGES * 20)[:size]
    data = codec.encode_varints(values)
    assert codec.decode_varints(data).tolist() == values
    assert len(codec.encode_varints([5, 127])) == 2 and len(codec.encode_varints([128])) == 2


@pytest.mark.parametrize("df", [1, 2, 7, 47, 48, 49, 500])
@pytest.mark.parametrize("ones", [True, False])
def test_posting_lists_come_back_as_written(df, ones):
    rng = random.Random(df)
    docnums = sorted(rng.sample(range(3_000_000), df))
    counts = [1] * df if ones else [rng.choice([1, 1, 2, 3, 200, 70_000]) for _ in range(df)]
    data = codec.encode_postings(docnums, counts)
    arrays = decode_postings(data, df)
    assert arrays[0].tolist() == docnums and arrays[1].tolist() == counts
    assert decode_postings_list(data, df) == (docnums, counts)


def _schema():
    return fields.Schema(id=fields.ID(stored=True, unique=True), tags=fields.KEYWORD(),
                         body=fields.TEXT(phrase=False))


def test_whoosh_writes_and_searches_a_segment_of_this_codec(tmp_path):
    """Whoosh's own writer and searcher over the codec: many dictionary blocks, short lists kept
    in the term info and long ones in the postings file, counts above one, a merge."""
    ix = whoosh_index.create_in(str(tmp_path), _schema())
    words = [f"w{n:04d}" for n in range(300)]  # 300 terms: many blocks of the dictionary
    for run in range(2):  # two segments, then merged into one
        writer = ix.writer(codec=CompactCodec())
        for n in range(150):
            doc = run * 150 + n
            body = " ".join([words[doc % 300], "common", "common" * 0, "twice twice"][:4])
            writer.add_document(id=f"d{doc}", tags="even" if doc % 2 == 0 else "odd", body=body)
        writer.commit(merge=False)
    assert len(ix.reader().leaf_readers()) == 2
    ix.writer(codec=CompactCodec()).commit(optimize=True)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 1
        assert reader.doc_frequency("body", "common") == 300
        assert reader.frequency("body", "twice") == 600  # count 2 in each document
        assert reader.doc_frequency("body", "absent") == 0 and reader.frequency("body", "absent") == 0
        assert list(reader.field_terms("body")) == sorted(words + ["common", "twice"])
        assert [t.decode() for t in reader.expand_prefix("body", "w01")] == \
            [f"w01{n:02d}" for n in range(100)]
        hits = searcher.search(query.Term("body", "w0007"), limit=None)
        assert sorted(hit["id"] for hit in hits) == ["d7"]
        evens = searcher.search(query.And([query.Term("body", "common"), query.Term("tags", "even")]),
                                limit=None)
        assert len(evens) == 150
        info = reader.term_info("body", "common")
        assert (info.doc_frequency(), info.min_id(), info.max_id()) == (300, 0, 299)
        assert reader.term_info("body", "w0007").min_id() == 7  # a list kept in its term info


def test_rare_terms_cost_a_fraction_of_what_whoosh_spends(tmp_path):
    """Most of a news archive's terms are in one article: each costs a dictionary entry of a
    few bytes (Whoosh's own codec spends about 120 on each, 700 KB for these documents)."""
    from whoosh.codec.whoosh3 import W3Codec

    sizes = {}
    for name, codec_ in (("w3", W3Codec()), ("compact", CompactCodec())):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), _schema())
        writer = ix.writer(codec=codec_)
        for n in range(2_000):
            writer.add_document(id=f"d{n}", body=f"hapax{n:05d} ordinary")
        writer.commit()
        sizes[name] = sum(p.stat().st_size for p in folder.glob("*.seg"))
    assert sizes["compact"] < sizes["w3"] / 4  # ids, lengths and stored ids included
    with ix.searcher() as searcher:
        assert [h["id"] for h in searcher.search(query.Term("body", "hapax01234"))] == ["d1234"]
        docnums = np.array(list(searcher.reader().postings("body", "ordinary").all_ids()))
        assert (docnums == np.arange(2_000)).all()


@pytest.mark.parametrize("documents", [5, 200])  # fewer than the training documents, and more
def test_stored_fields_come_back_whole_and_smaller_with_the_segments_own_dictionary(
        tmp_path, documents):
    """Stored articles are compressed with a dictionary made of the segment's first documents;
    each comes back exactly, after a merge too, and takes less room than Whoosh's zlib alone."""
    from whoosh.codec.whoosh3 import W3Codec

    schema = fields.Schema(id=fields.ID(stored=True, unique=True), data=fields.STORED())
    rng = random.Random(documents)
    words = ["hợp tác", "du lịch", "tỉnh", "Nagano", "Lào Cai", "đoàn", "thăm", "ký kết", "năm"]
    records = [{"id": f"d{n}", "data": {"title": f"Đoàn {n} thăm Lào Cai", "body": " ".join(
        rng.choice(words) for _ in range(300)), "partners": ["tỉnh Nagano"] * (n % 2)}}
        for n in range(documents)]
    sizes = {}
    for name, codec_ in (("w3", W3Codec()), ("compact", CompactCodec())):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), schema)
        for half in (records[:documents // 2], records[documents // 2:]):  # two segments, then one
            writer = ix.writer(codec=codec_)
            for record in half:
                writer.add_document(**record)
            writer.commit(merge=False)
        ix.writer(codec=codec_).commit(optimize=True)
        sizes[name] = sum(p.stat().st_size for p in folder.glob("*.seg"))
        with ix.searcher() as searcher:
            assert [searcher.stored_fields(n) for n in range(documents)] == records
    assert sizes["compact"] < sizes["w3"] * (0.8 if documents > 64 else 1.0)


@pytest.mark.parametrize("size", [1, 7, 8, 9, 100, codec._UNPACK_BITS_UNTIL - 1,
                                  codec._UNPACK_BITS_UNTIL, 10_000, codec._LANES_FROM + 5])
def test_bit_packed_runs_come_back_as_written(size):
    """A run of one width with exceptions (wider values patched in), through every unpacking
    path (bit by bit, eight values to a word, a word per group shifted lane by lane, eight
    strided reads)."""
    rng = np.random.default_rng(size)
    cases = [np.zeros(size, dtype=np.int64),  # width 0, no exceptions
             rng.integers(0, 8, size),  # narrow
             rng.integers(0, 2, size), rng.integers(0, 4, size), rng.integers(0, 16, size),
             rng.integers(0, 30, size), rng.integers(0, 250, size),  # 5 and 8 bits: a word's
             rng.integers(0, 1000, size),  # wider
             rng.integers(0, 2**32, size),  # as wide as a value gets
             np.where(rng.random(size) < 0.05, rng.integers(0, 2**32, size), rng.integers(0, 4, size)),
             np.where(rng.random(size) < 0.1, 1, 0)]  # mostly 0: width 0 and exceptions
    for values in cases:
        data = codec.pack_run(values)
        back, end = codec.unpack_run(data + b"tail", size)
        assert back.tolist() == values.tolist() and end == len(data)


def test_runs_packed_in_a_batch_are_those_packed_one_by_one():
    """The commit packs its short lists together (``pack_runs``): every list's bytes must be
    what ``pack_run`` writes for it alone (each width, exceptions or none, width 0, one value),
    or a reader would decode another index than the one built."""
    rng = np.random.default_rng(5)
    lists = [np.zeros(3, dtype=np.int64), np.array([7]), np.array([0]), np.array([2**32 - 1])]
    for size in rng.integers(1, 300, 400).tolist():
        lists.append(rng.choice([
            rng.integers(0, 8, size), rng.integers(0, 2**32, size), np.zeros(size, dtype=np.int64),
            np.where(rng.random(size) < 0.05, rng.integers(0, 2**32, size), rng.integers(0, 4, size)),
            np.where(rng.random(size) < 0.1, 1, 0), rng.integers(0, 1000, size)]))
    batch = codec.pack_runs(np.concatenate(lists), [len(values) for values in lists])
    assert batch == [codec.pack_run(values) for values in lists]
    pairs = []
    for values in lists[4:]:
        docnums = np.cumsum(values % 5000 + 1)
        counts = np.ones(len(values), dtype=np.int64) if len(pairs) % 2 else values % 7 + 1
        pairs.append((docnums, counts))
    values, spans = [], []  # the lists with other terms' pairs between them, as at commit
    for docnums, counts in pairs:
        values += [9, 9] * (len(spans) % 3)
        spans.append((len(values), len(values) + 2 * len(docnums)))
        values += np.column_stack([docnums, counts]).ravel().tolist()
    batch = codec.encode_packed_postings_batch(np.array(values, dtype=np.uint32), spans)
    assert batch == [codec.encode_packed_postings(d, c) for d, c in pairs]


@pytest.mark.parametrize("df", [1, 25, 300, 5000])
@pytest.mark.parametrize("ones", [True, False])
def test_packed_posting_lists_come_back_as_written(df, ones):
    rng = random.Random(df)
    docnums = sorted(rng.sample(range(2**32 - 1), df))
    counts = [1] * df if ones else [rng.choice([1, 1, 2, 3, 200, 70_000, 2**31]) for _ in range(df)]
    data = codec.encode_packed_postings(docnums, counts)
    arrays = codec.decode_packed_postings(data, df)
    assert arrays[0].tolist() == docnums and arrays[1].tolist() == counts
    assert codec.decode_packed_postings_list(data, df) == (docnums, counts)


def _frequent_words_index(folder, codec_):
    """2,000 documents of a few frequent words with small counts (a news archive's common
    words: most of the postings)."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), _schema())
    rng = random.Random(7)
    writer = ix.writer(codec=codec_)
    for n in range(2_000):
        words = [w for w in ("và", "của", "tỉnh", "hợp", "tác", "du", "lịch", "đoàn")
                 if rng.random() < 0.6] * rng.choice([1, 1, 1, 2, 3])
        writer.add_document(id=f"d{n}", body=" ".join(words or ["và"]))
    writer.commit()
    return ix


def test_packed_postings_take_less_room_and_read_back_the_same(tmp_path):
    """Bit-packed lists (postings format 2) take well under the varints' bytes (format 1) and
    give the same postings, through NumPy and through Whoosh's own matchers."""
    from whoosh.filedb.compound import CompoundStorage

    indexes, sizes = {}, {}
    for version in (1, 2):
        ix = indexes[version] = _frequent_words_index(tmp_path / f"v{version}",
                                                      CompactCodec(postings_format=version))
        segment = ix._segments()[0]
        assert segment.codec().postings_format == version
        compound = CompoundStorage(ix.storage.open_file(segment.make_filename(".seg")))
        sizes[version] = compound.file_length(segment.make_filename(".pdx"))
    assert sizes[2] < sizes[1] * 0.6, sizes
    readers = {version: ix.reader() for version, ix in indexes.items()}
    for word in ("và", "của", "tỉnh", "đoàn"):
        lists = [readers[v]._terms.postings("body", word.encode()) for v in (1, 2)]
        assert lists[0][0].tolist() == lists[1][0].tolist()
        assert lists[0][1].tolist() == lists[1][1].tolist()
        matchers = [list(readers[v].postings("body", word).items_as("frequency")) for v in (1, 2)]
        assert matchers[0] == matchers[1]


def test_segments_of_earlier_formats_still_read_and_merge(tmp_path):
    """An index written before bit-packing (its TOC's codec has no ``postings_format``) reads
    as varints, one of format 2 with two length bytes in every term info; merged with a new
    segment, everything is rewritten in the current format."""
    ix = whoosh_index.create_in(str(tmp_path), _schema())
    old = CompactCodec()
    del old.postings_format  # as a codec unpickled from an older TOC
    assert old.postings_format == 1
    codecs = (old, CompactCodec(postings_format=2), CompactCodec())
    for run, codec_ in enumerate(codecs):
        writer = ix.writer(codec=codec_)
        for n in range(300):
            writer.add_document(id=f"d{run}-{n}", body="common " + f"w{n % 40}" + " twice" * (n % 3)
                                + f" once{run}_{n}")
        writer.commit(merge=False)
    current = CompactCodec.POSTINGS_FORMAT
    assert [s.codec().postings_format for s in ix._segments()] == [1, 2, current] and current == 3
    expected = {w: sorted(h["id"] for h in ix.searcher().search(query.Term("body", w), limit=None))
                for w in ("common", "w7", "twice", "once0_5", "once1_5", "once2_5")}
    assert len(expected["common"]) == 900 and len(expected["w7"]) == 24
    assert expected["once1_5"] == ["d1-5"]
    ix.writer(codec=CompactCodec()).commit(optimize=True)
    assert [s.codec().postings_format for s in ix._segments()] == [current]
    with ix.searcher() as searcher:
        for word, ids in expected.items():
            assert sorted(h["id"] for h in searcher.search(query.Term("body", word), limit=None)) == ids
        reader = searcher.reader()
        assert reader.frequency("body", "twice") == 3 * 300 * (1 + 2) // 3
        assert reader.doc_frequency("body", "once2_5") == 1
        info = reader.term_info("body", "common")
        assert (info.min_length(), info.max_length()) == (3, 5)  # "common wN once..", + twice twice
        info = reader.term_info("body", "once0_7")
        assert (info.min_length(), info.max_length()) == (4, 4) and info.doc_frequency() == 1


def test_a_term_of_one_document_writes_its_field_length_once(tmp_path):
    """Format 3: a term whose shortest and longest field lengths are the same byte (every term
    of one document) keeps one length byte, not two."""
    from whoosh.filedb.compound import CompoundStorage

    sizes = {}
    for version in (2, 3):
        folder = tmp_path / f"v{version}"
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), _schema())
        writer = ix.writer(codec=CompactCodec(postings_format=version))
        for n in range(2_000):
            writer.add_document(id=f"d{n}", body=f"hapax{n:05d} ordinary")
        writer.commit()
        segment = ix._segments()[0]
        compound = CompoundStorage(ix.storage.open_file(segment.make_filename(".seg")))
        sizes[version] = compound.file_length(segment.make_filename(".tdx"))
        with ix.searcher() as searcher:
            info = searcher.reader().term_info("body", "hapax01234")
            assert (info.min_length(), info.max_length(), info.doc_frequency()) == (2, 2, 1)
            assert [h["id"] for h in searcher.search(query.Term("body", "hapax01234"))] == ["d1234"]
    # one byte fewer for each of the 4,000 terms of one document (the ids' and the hapaxes)
    assert sizes[3] <= sizes[2] - 3_900


def test_the_analysis_identity_column_keeps_each_value_once(tmp_path):
    """Every document of a segment has one of a few analysis identities: the column keeps the
    values once and a small reference per document (it held the 16 characters each time)."""
    from whoosh.filedb.compound import CompoundStorage

    from searcher.store.schema import ANALYSIS_FIELD, build_schema

    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = ix.writer(codec=CompactCodec())
    for n in range(1_000):
        writer.add_document(id=f"d{n}", **{ANALYSIS_FIELD: "0123456789abcdef" if n % 3 else "fedcba9876543210"})
    writer.commit()
    segment = ix._segments()[0]
    compound = CompoundStorage(ix.storage.open_file(segment.make_filename(".seg")))
    assert compound.file_length(segment.make_filename(f".{ANALYSIS_FIELD}.col")) < 2 * 1_000
    with ix.reader() as reader:
        column = reader.column_reader(ANALYSIS_FIELD)
        assert [column[n] for n in (0, 1, 3, 999)] == ["fedcba9876543210", "0123456789abcdef",
                                                      "fedcba9876543210", "fedcba9876543210"]


def test_dictionary_entries_made_in_batches_are_those_added_one_by_one(tmp_path):
    """The commit adds a batch of keys at once (``add_many``): its front coding must be byte for
    byte ``add``'s, across block boundaries and batches (keys with zero bytes, keys that are
    prefixes of the next, long shared prefixes), or the dictionary would not read back."""
    from whoosh.filedb.filestore import FileStorage

    rng = random.Random(11)
    words = sorted({bytes(rng.choice(b"\x00ab\xc3\xa1z") for _ in range(rng.randint(0, 9)))
                    for _ in range(700)} - {b""})
    batches = [words[:1], words[1:40], words[40:41], words[41:300], words[300:]]
    values = [bytes(rng.randrange(256) for _ in range(rng.choice([1, 2, 7, 30, 200])))
              for _ in words]
    storage = FileStorage(str(tmp_path))
    one = codec.TermDictionaryWriter(storage.create_file("one"))
    for word, value in zip(words, values):
        one.add(b"\x00\x01" + word, value)
    one.close()
    many = codec.TermDictionaryWriter(storage.create_file("many"))
    start = 0
    for batch in batches:
        part = values[start:start + len(batch)]
        many.add_many(b"\x00\x01", batch, b"".join(part), np.cumsum([len(v) for v in part]))
        start += len(batch)
    many.close()
    assert storage.open_file("many").read() == storage.open_file("one").read()
    with pytest.raises(codec.CodecError):
        codec.TermDictionaryWriter(storage.create_file("bad")).add_many(
            b"", [b"b", b"a"], b"xy", np.array([1, 2]))
