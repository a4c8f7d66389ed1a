"""Every use of Whoosh's private API, in one guarded place.

Whoosh 2.7.4 is the only version whose internals this module knows (``SUPPORTED``). With any
other version it falls back to Whoosh's public paths: ``SegmentWriter`` instead of the bulk
writer, posting-by-posting matchers instead of whole blocks, ``cancel()`` alone to abandon a run.
The fast paths and the fallbacks write and read the same index (``tests/test_indexer.py``).

The bulk writer: the single Whoosh writer of an index run, taking pre-analysed text fields.

Whoosh's ``SegmentWriter`` sends every posting through its external sorting pool: a tuple per
posting, sorted runs spilled to disk, a heap merge and a per-posting length lookup at commit.
The 35k-article news corpus has 34 M postings, and that path was most of a build's serial time.
Text fields arrive from the analysis workers as ``term -> count`` per document, in document
order, so this writer keeps each term's postings in one array and at commit writes them in the
W3 codec's blocks: long lists through the codec's own ``_write_block``, lists of one block (most
terms) directly, byte for byte the same (``tests/test_indexer.py`` compares the files).
Everything else (ids, facet tags, numbers, stored data, columns, deletions, merges of small
segments, the lock and the atomic TOC) stays on Whoosh's own code path.
"""
from __future__ import annotations

from array import array
from itertools import groupby
from operator import itemgetter
from pickle import dumps

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.system import pack_int, pack_uint, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import PostingPool, SegmentWriter

from .durable import remove_unpublished, write_checksums

SUPPORTED = whoosh.versionstring() == "2.7.4"


class WhooshInternalsError(RuntimeError):
    """Whoosh's private structures were not what this module expects."""


BUFFER_MB = 256  # postings an index run holds in memory before it writes them as a segment


def open_writer(ix, bulk_fields: tuple[str, ...], timeout: float, private: bool = SUPPORTED,
                buffer_mb: float = BUFFER_MB):
    """The writer of an index run: the bulk writer on the supported Whoosh, else Whoosh's own.

    Uncompressed posting blocks: zlib was a fifth of the single writer's commit, the serial tail
    of a build (the index grows by about a sixth)."""
    codec = W3Codec(compression=0)
    if private:
        return BulkWriter(ix, bulk_fields, timeout=timeout, codec=codec,
                          buffer_bytes=int(buffer_mb * (1 << 20)))
    return SegmentWriter(ix, timeout=timeout, codec=codec)


def discard_run(writer) -> None:
    """Abandon a run and delete every file it wrote, holding the write lock until they are gone.

    Whoosh's ``cancel()`` leaves the new segment's files behind (three per no-op run), and on a
    full disk it fails part way (closing a file flushes its buffer), leaving the lock held and
    the scratch folder full. Here closing may fail; the files are removed and the lock released
    regardless."""
    if not SUPPORTED:
        writer.cancel()
        remove_unpublished(writer.storage, writer.indexname)
        return
    try:
        writer._close_segment()
    except OSError:
        pass  # a buffer that cannot be flushed belongs to a file about to be deleted
    try:
        remove_unpublished(writer.storage, writer.indexname)
    finally:
        try:
            writer._tempstorage.destroy()
        except OSError:
            pass
        if writer.writelock:
            writer.writelock.release()
        writer.is_closed = True


def read_postings(reader, field: str, term: str, private: bool = SUPPORTED):
    """(docnums, frequencies) of a term in a field across the reader's segments, deleted
    documents included (the caller masks them), as NumPy arrays.

    The supported path reads whole posting blocks; Whoosh's matchers would walk them posting
    by posting in Python, which costs seconds for common syllables at tens of thousands of
    articles."""
    ids, freqs = [], []
    for leaf, offset in reader.leaf_readers():
        if (field, term) not in leaf:
            continue
        matcher = leaf.postings(field, term)
        if not private:
            leaf_ids, leaf_freqs = [], []
            while matcher.is_active():
                leaf_ids.append(matcher.id())
                leaf_freqs.append(matcher.weight())
                matcher.next()
            ids.append(np.asarray(leaf_ids, dtype=np.int64) + offset)
            freqs.append(np.asarray(leaf_freqs, dtype=np.float32))
            continue
        while hasattr(matcher, "child"):  # unwrap the deleted-documents filter
            matcher = matcher.child
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int64) + offset)
            freqs.append(np.asarray(matcher._weights, dtype=np.float32))
            matcher._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(freqs)


class PostingTable:
    """Postings of bulk fields for the segment being written: per field, per term, a flat array of
    (docnum, frequency) pairs in ascending docnum order; and each document's field length."""

    # Memory a new term costs (its array, its key, its slot in the field's dict) and a posting.
    TERM_BYTES, POSTING_BYTES = 150, 8

    def __init__(self) -> None:
        self.terms: dict[str, dict[str, array]] = {}
        self.lengths: dict[str, dict[int, int]] = {}
        self.nbytes = 0  # about what the table holds in memory

    def add_document(self, fieldname: str, docnum: int, counts: dict[str, int]) -> int:
        """Record one document's term counts for a field; return the field length."""
        terms = self.terms.setdefault(fieldname, {})
        new = 0
        for term, count in counts.items():
            postings = terms.get(term)
            if postings is None:
                postings = terms[term] = array("I")
                new += 1
            postings.append(docnum)
            postings.append(count)
        self.nbytes += new * self.TERM_BYTES + len(counts) * self.POSTING_BYTES
        length = sum(counts.values())
        self.lengths.setdefault(fieldname, {})[docnum] = length
        return length

    def add_posting(self, fieldname: str, term: str, docnum: int, count: int, length: int) -> None:
        """Record one posting copied from an existing segment (a merge)."""
        postings = self.terms.setdefault(fieldname, {}).get(term)
        if postings is None:
            postings = self.terms[fieldname][term] = array("I")
        postings.append(docnum)
        postings.append(count)
        self.lengths.setdefault(fieldname, {})[docnum] = length


_ENCODED_COUNTS = [pack_uint(n) for n in range(256)]


def _encoded(count: int) -> bytes:
    """The Frequency format's value for a count (the small ones shared)."""
    return _ENCODED_COUNTS[count] if count < 256 else pack_uint(count)


class BulkWriter(SegmentWriter):
    """A ``SegmentWriter`` whose ``bulk_fields`` take ``term -> count`` dicts (see module doc).

    When the postings it holds reach ``buffer_bytes`` it writes them out as a segment and starts
    another (Lucene's indexing buffer): the postings held stay bounded however large the run.
    The segments written are published together at commit, in one TOC, so a run stopped half
    way leaves nothing visible (their files are removed as unpublished, see ``discard_run``)."""

    def __init__(self, ix, bulk_fields: tuple[str, ...], buffer_bytes: int = BUFFER_MB << 20,
                 **kwargs):
        super().__init__(ix, **kwargs)
        self.buffer_bytes = buffer_bytes
        self.flushed: list = []  # segments this run has written, published at commit
        if self.codec._compression != 0:
            raise WhooshInternalsError("the bulk writer writes uncompressed posting blocks only")
        for name in bulk_fields:  # a field new to this run (a rebuild) is built without boost
            if name in self.schema and self.schema[name].format.field_boost != 1.0:
                raise WhooshInternalsError(f"bulk field {name!r} has a field boost")
        self.bulk_fields = frozenset(bulk_fields)
        self._doc_lengths: dict[str, int] = {}
        self._start_table()

    def _start_table(self) -> None:
        self.table = PostingTable()
        # Whoosh's add_document writes the other fields between start_doc and finish_doc; the
        # bulk fields' lengths (BM25 needs them) join the document just before it closes.
        self._finish_doc = self.perdocwriter.finish_doc
        self.perdocwriter.finish_doc = self._finish_doc_with_lengths

    def add_document(self, **fields):
        docnum = self.docnum
        for name in self.bulk_fields.intersection(fields):
            counts = fields.pop(name)
            if counts:
                self._doc_lengths[name] = self.table.add_document(name, docnum, counts)
        super().add_document(**fields)
        if self.table.nbytes >= self.buffer_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the documents added since the last flush as a segment (unpublished until the
        commit) and start a new one, as ``SegmentWriter.__init__`` does."""
        if not self._added:
            return
        self.flushed.append(self._finalize_segment())
        self.newsegment = self.codec.new_segment(self.storage, self.indexname)
        self.compound = self.compound and self.newsegment.should_assemble()
        self.pool = PostingPool(self._tempstorage, self.newsegment)
        self.perdocwriter = self.codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = self.codec.field_writer(self.storage, self.newsegment)
        self.docnum = 0
        self._added = False
        self._start_table()

    def _commit_toc(self, segments):
        from . import docvalues  # it reads postings through this module

        # The flushed segments go before the last one, so documents keep the order they came in.
        last = [segments[-1]] if segments and segments[-1] is self.newsegment else []
        segments = [*segments[:len(segments) - len(last)], *self.flushed, *last]
        docvalues.write_missing(self.storage, self.schema, segments)
        write_checksums(self.storage, segments)
        super()._commit_toc(segments)

    def _finish_doc_with_lengths(self):
        for name, length in self._doc_lengths.items():
            self.perdocwriter.add_field(name, self.schema[name], None, length)
        self._doc_lengths = {}
        self._finish_doc()

    def _flush_segment(self):
        """Write every field in name order (multi-segment readers merge terms in that order): the
        pool's fields through Whoosh's path, the bulk fields from the table."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        pool_fields = groupby(self.pool.iter_postings(), key=itemgetter(0))
        for fieldname in sorted(self.pool.fieldnames | set(self.table.terms)):
            if fieldname in self.table.terms:
                self._write_field(fieldname)
            else:
                pooled_name, postings = next(pool_fields)
                if pooled_name != fieldname:
                    raise WhooshInternalsError(f"pool field {pooled_name!r}, expected {fieldname!r}")
                self.fieldwriter.add_postings(self.schema, lengths, postings)
        if lengths:
            lengths.close()
        self.fieldwriter.close()

    def _write_field(self, fieldname: str) -> None:
        fieldobj = self.schema[fieldname]
        terms = self.table.terms.pop(fieldname)
        lengths = self.table.lengths.pop(fieldname)
        writer = self.fieldwriter
        writer.start_field(fieldname, fieldobj)
        postwriter = writer._postwriter
        size = postwriter._blocklimit
        one_block = _OneBlockTerms(writer, fieldobj.format)
        for term in sorted(terms):  # UTF-8 keeps code point order, so this is byte order
            pairs = terms[term]
            docnums, counts = pairs[0::2], pairs[1::2]
            if len(docnums) <= size:
                one_block.write(term.encode("utf-8"), docnums, counts,
                                [lengths[d] for d in docnums])
                continue
            writer.start_term(term.encode("utf-8"))
            for start in range(0, len(docnums), size):
                if start:
                    postwriter._write_block()
                block_docs = docnums[start:start + size]
                block_counts = counts[start:start + size]
                block_lengths = [lengths[d] for d in block_docs]
                weights = array("f", block_counts)
                postwriter._ids = block_docs
                postwriter._weights = weights
                postwriter._values = [_encoded(c) for c in block_counts]
                postwriter._maxweight = max(weights)
                postwriter._minlength = min(block_lengths)
                postwriter._maxlength = max(block_lengths)
            writer.finish_term()  # writes the last block
        writer.finish_field()

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """A merge copies a small segment's documents in: its bulk-field postings go to the table
        (after this run's documents, so each term's docnums stay ascending)."""
        schema = self.schema
        add_post = self.pool.add
        lengths: dict[tuple[str, int], int] = {}
        for fieldname, btext, docnum, weight, vbytes in reader.iter_postings():
            if fieldname not in schema:
                continue
            newdoc = docmap[docnum] if docmap is not None else startdoc + docnum
            if fieldname in self.bulk_fields:
                key = (fieldname, docnum)
                if key not in lengths:
                    lengths[key] = reader.doc_field_length(docnum, fieldname)
                count = schema[fieldname].format.decode_frequency(vbytes)
                self.table.add_posting(fieldname, btext.decode("utf-8"), newdoc, count, lengths[key])
            else:
                add_post((fieldname, btext, newdoc, weight, vbytes))


class _OneBlockTerms:
    """Writes a posting list that fits in one block, byte for byte as ``W3PostingsWriter`` (a
    header, the block's info and data pickles) and its term info row, in a few calls instead of
    a few dozen: most terms of a news corpus (bigrams, names) are in only a few documents."""

    def __init__(self, fieldwriter, format_):
        self._postfile = fieldwriter._postwriter._postfile
        self._tindex = fieldwriter._tindex
        self._key_prefix = pack_ushort(fieldwriter._fieldid)
        if format_.fixed_value_size() != len(_ENCODED_COUNTS[0]):  # Frequency: values joined
            raise WhooshInternalsError("bulk fields must use the Frequency format")

    def write(self, btext: bytes, docnums: array, counts: array, lengths: list[int]) -> None:
        """One term's postings."""
        weights = array("f", counts)
        if all(w == 1.0 for w in weights):
            mini_weights = None
        elif all(w == weights[0] for w in weights):
            mini_weights = weights[0]
        else:
            mini_weights = tuple(weights)
        data = dumps((tuple(delta_encode(docnums)), mini_weights,
                      b"".join([_encoded(c) for c in counts])), 2)
        min_length, max_length, max_weight = min(lengths), max(lengths), max(weights)
        info = dumps((len(docnums), docnums[-1], max_weight, 0, length_to_byte(min_length),
                      length_to_byte(max_length)), 2)
        postfile = self._postfile
        start = postfile.tell()
        postfile.write(b"".join([WHOOSH3_HEADER_MAGIC, pack_int(-(len(info) + len(data))), info,
                                 data]))
        terminfo = W3TermInfo(sum(weights), len(docnums), min_length, max_length, max_weight,
                              docnums[0], docnums[-1])
        terminfo.set_extent(start, postfile.tell() - start)
        self._tindex.add(self._key_prefix + btext, terminfo.to_bytes())
