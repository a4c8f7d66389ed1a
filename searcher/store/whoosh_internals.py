"""Every use of Whoosh's private API, in one guarded place (with ``store.codec``, whose codec
extends W3's writer and reader classes through the codec interface).

Whoosh 2.7.4 is the only version whose internals this module knows (``SUPPORTED``). With any
other version it falls back to Whoosh's public paths: ``SegmentWriter`` instead of the bulk
writer, posting-by-posting matchers instead of whole lists, ``cancel()`` alone to abandon a run.
The fast paths and the fallbacks write and read the same index (``tests/test_indexer.py``).

The bulk writer: the single Whoosh writer of an index run, taking pre-analysed text fields.

Whoosh's ``SegmentWriter`` sends every posting through its external sorting pool: a tuple per
posting, sorted runs spilled to disk, a heap merge and a per-posting length lookup at commit.
The 35k-article news corpus has 34 M postings, and that path was most of a build's serial time.
Text fields arrive from the analysis workers as ``term -> count`` per document, in document
order, so this writer keeps each term's postings in one array and at commit hands each whole list
to the compact codec's field writer (``store.codec``), byte for byte what Whoosh's own writer
makes of the same documents (``tests/test_indexer.py`` compares the files).
Everything else (ids, facet tags, numbers, stored data, columns, deletions, merges of small
segments, the lock and the atomic TOC) stays on Whoosh's own code path.
"""
from __future__ import annotations

import heapq
from array import array
from itertools import groupby
from operator import itemgetter

import numpy as np
import whoosh
from whoosh.reading import SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from .codec import CompactCodec, CompactTermsReader, CountMatcher
from .durable import remove_unpublished, write_checksums

SUPPORTED = whoosh.versionstring() == "2.7.4"


class WhooshInternalsError(RuntimeError):
    """Whoosh's private structures were not what this module expects."""


BUFFER_MB = 256  # postings an index run holds in memory before it writes them as a segment


def open_writer(ix, bulk_fields: tuple[str, ...], timeout: float, private: bool = SUPPORTED,
                 buffer_mb: float = BUFFER_MB):
    """The writer of an index run (segments in the compact codec, ``store.codec``): the bulk
    writer on the supported Whoosh, else Whoosh's own."""
    if private:
        return BulkWriter(ix, bulk_fields, timeout=timeout, codec=CompactCodec(),
                          buffer_bytes=int(buffer_mb * (1 << 20)))
    return SegmentWriter(ix, timeout=timeout, codec=CompactCodec())


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

    The compact codec's segments decode a whole list at once; other segments (an index from
    before it, or another Whoosh) are read posting by posting through Whoosh's matchers."""
    ids, freqs = [], []
    btext = term if isinstance(term, bytes) else term.encode("utf-8")
    for leaf, offset in reader.leaf_readers():
        terms = getattr(leaf, "_terms", None) if private else None
        if isinstance(terms, CompactTermsReader):
            found = terms.postings(field, btext)
            if found is not None:
                ids.append(found[0] + offset)
                freqs.append(found[1].astype(np.float32))
            continue
        if (field, term) not in leaf:
            continue
        matcher = leaf.postings(field, term)
        while hasattr(matcher, "child"):  # unwrap the deleted-documents filter
            matcher = matcher.child
        leaf_ids, leaf_freqs = [], []
        while matcher.is_active():
            leaf_ids.append(matcher.id())
            leaf_freqs.append(matcher.weight())
            matcher.next()
        ids.append(np.asarray(leaf_ids, dtype=np.int64) + offset)
        freqs.append(np.asarray(leaf_freqs, dtype=np.float32))
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


class BulkWriter(SegmentWriter):
    """A ``SegmentWriter`` whose ``bulk_fields`` take ``term -> count`` dicts (see module doc).

    When the postings it holds reach ``buffer_bytes`` it writes them out as a segment and starts
    another (Lucene's indexing buffer): the postings held stay bounded however large the run.
    At commit the segments the run wrote are merged into one, and published in one TOC, so a run
    stopped half way leaves nothing visible (their files are removed as unpublished, see
    ``discard_run``). Merges (these, and Whoosh's merges of small segments) stream the bulk
    fields' postings term by term from the segments merged (``sources``), so they too hold one
    term's postings at a time."""

    def __init__(self, ix, bulk_fields: tuple[str, ...], buffer_bytes: int = BUFFER_MB << 20,
                 **kwargs):
        super().__init__(ix, **kwargs)
        self.buffer_bytes = buffer_bytes
        self.flushed: list = []  # segments this run has written, merged at commit
        # Segments being merged into the current one: (reader, first docnum, docmap or None).
        self.sources: list[tuple] = []
        if not isinstance(self.codec, CompactCodec):
            raise WhooshInternalsError("the bulk writer writes the compact codec only")
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

    def commit(self, *args, **kwargs):
        """Publish the run; the segments it flushed (and its last) are merged into one first, in
        the order their documents came."""
        if self.flushed:
            self.flush()
            flushed, self.flushed = self.flushed, []
            for segment in flushed:
                reader = SegmentReader(self.storage, self.schema, segment)
                self.add_reader(reader)
                reader.close()
        super().commit(*args, **kwargs)

    def _commit_toc(self, segments):
        from . import docvalues  # it reads postings through this module

        docvalues.write_missing(self.storage, self.schema, segments)
        docvalues.write_copies(self.storage, self.schema, segments, self.generation)
        write_checksums(self.storage, segments)
        super()._commit_toc(segments)

    def _finish_doc_with_lengths(self):
        for name, length in self._doc_lengths.items():
            self.perdocwriter.add_field(name, self.schema[name], None, length)
        self._doc_lengths = {}
        self._finish_doc()

    def _flush_segment(self):
        """Write every field in name order (multi-segment readers merge terms in that order): the
        pool's fields through Whoosh's path, the bulk fields from the table and the sources."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        pool_fields = groupby(self.pool.iter_postings(), key=itemgetter(0))
        merged = {name for reader, _, _ in self.sources for name in reader.indexed_field_names()
                  if name in self.bulk_fields}
        for fieldname in sorted(self.pool.fieldnames | set(self.table.terms) | merged):
            if fieldname in self.bulk_fields:
                self._write_field(fieldname)
            else:
                pooled_name, postings = next(pool_fields)
                if pooled_name != fieldname:
                    raise WhooshInternalsError(f"pool field {pooled_name!r}, expected {fieldname!r}")
                self.fieldwriter.add_postings(self.schema, lengths, postings)
        if lengths:
            lengths.close()
        self.fieldwriter.close()
        for reader, _, _ in self.sources:
            reader.close()
        self.sources = []

    def _write_field(self, fieldname: str) -> None:
        terms = self.table.terms.pop(fieldname, {})
        lengths = self.table.lengths.pop(fieldname, {})
        writer = self.fieldwriter
        writer.start_field(fieldname, self.schema[fieldname])
        if self.sources:
            self._write_merged_field(fieldname, terms, lengths)
            writer.finish_field()
            return
        write_term = writer.write_term
        for term in sorted(terms):  # UTF-8 keeps code point order, so this is byte order
            pairs = terms[term]
            if len(pairs) == 2:  # one document (most terms)
                length = lengths[pairs[0]]
                write_term(term.encode("utf-8"), pairs[:1], pairs[1:], length, length)
                continue
            docnums, counts = pairs[0::2], pairs[1::2]
            field_lengths = [lengths[d] for d in docnums]
            write_term(term.encode("utf-8"), docnums, counts, min(field_lengths),
                       max(field_lengths))
        writer.finish_field()

    def _write_merged_field(self, fieldname: str, terms: dict, lengths: dict) -> None:
        """Every term of the field from the table (this run's documents, first) and the sources
        (their documents after, in order), one term at a time."""
        def tagged(i: int, items):
            return ((btext, i, postings) for btext, *postings in items)

        streams = [((term.encode("utf-8"), -1, None) for term in sorted(terms))]
        streams += [tagged(i, reader._terms.field_postings(fieldname))
                    for i, (reader, _, _) in enumerate(self.sources)]
        for btext, group in groupby(heapq.merge(*streams, key=itemgetter(0, 1)), key=itemgetter(0)):
            docnums, counts, low, high = [], [], [], []
            for _, i, postings in group:
                if i < 0:
                    pairs = terms.pop(btext.decode("utf-8"))
                    docnums += pairs[0::2]
                    counts += pairs[1::2]
                    field_lengths = [lengths[d] for d in pairs[0::2]]
                    low.append(min(field_lengths))
                    high.append(max(field_lengths))
                    continue
                _, startdoc, docmap = self.sources[i]
                source_docs, source_counts, min_length, max_length = postings
                if docmap is None:
                    docnums += [d + startdoc for d in source_docs]
                    counts += source_counts
                else:  # deleted documents have no new number
                    kept = [(docmap[d], c) for d, c in zip(source_docs, source_counts) if d in docmap]
                    docnums += [d for d, _ in kept]
                    counts += [c for _, c in kept]
                low.append(min_length)
                high.append(max_length)
            if docnums:
                self.fieldwriter.write_term(btext, docnums, counts, min(low), max(high))

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """A merge copies a segment's documents in: its bulk fields become a source, read when
        the segment is written (through a reader of its own: Whoosh closes ``reader`` at once);
        the other fields' postings go through Whoosh's pool."""
        if not isinstance(getattr(reader, "_terms", None), CompactTermsReader):
            raise WhooshInternalsError("only segments of the compact codec can be merged")
        reader = SegmentReader(self.storage, self.schema, reader.segment())
        terms = reader._terms
        self.sources.append((reader, startdoc, docmap))
        add_post = self.pool.add
        for fieldname in sorted(set(reader.indexed_field_names()) - self.bulk_fields):
            if fieldname not in self.schema:
                continue
            format_ = self.schema[fieldname].format
            for btext, docnums, counts, _, _ in terms.field_postings(fieldname):
                for docnum, count in zip(docnums, counts):
                    if docmap is not None:
                        if docnum not in docmap:
                            continue
                        docnum = docmap[docnum]
                    else:
                        docnum += startdoc
                    add_post((fieldname, btext, docnum, count * format_.field_boost,
                              CountMatcher.encode(format_, count)))
