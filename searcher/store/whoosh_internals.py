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
order, so this writer keeps the postings in columns (spilled, sorted by term, to scratch runs
when its buffer fills) and at commit hands each term's whole list to the compact codec's field
writer (``store.codec``), a batch of terms at a time: byte for byte what Whoosh's own writer
makes of the same documents (``tests/test_indexer.py`` compares the files).
Everything else (ids, facet tags, numbers, stored data, columns, deletions, merges of small
segments, the lock and the atomic TOC) stays on Whoosh's own code path.
"""
from __future__ import annotations

import struct
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter, ne
from pathlib import Path

import numpy as np
import whoosh
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from ..ragged import ranges
from .codec import CompactCodec, CompactTermsReader, CountMatcher
from .durable import remove_unpublished, write_checksums

SUPPORTED = whoosh.versionstring() == "2.7.4"


class WhooshInternalsError(RuntimeError):
    """Whoosh's private structures were not what this module expects."""


# Postings an index run holds in memory before it spills them to a run. Spilling costs little
# (a warm rebuild of 11,629 articles: 55-65 CPU-s with 64 MB, 58-61 s with 256 MB; peak RSS 287
# against 522 MB), so the buffer is small: it is most of the writer's memory.
BUFFER_MB = 64
# The same for the postings of the other fields (ids, facet values, dates), which go through
# Whoosh's own sorting pool (128 MB by default).
POOL_MB = 32
# Spilled runs of one level put together into one (Lucene's merge factor): however many articles
# a run indexes, the files open and the streams merged at commit stay few.
MERGE_RUNS = 16
# Terms handed to the field writer at a time (its short posting lists are packed together).
WRITE_BATCH_TERMS, WRITE_BATCH_POSTINGS = 4096, 1 << 17


def open_writer(ix, bulk_fields: tuple[str, ...], timeout: float, private: bool = SUPPORTED,
                 buffer_mb: float = BUFFER_MB, letter_terms_field: str | None = None,
                 term_prefixes: tuple[str, ...] = (), lock: bool = True):
    """The writer of an index run (segments in the compact codec, ``store.codec``): the bulk
    writer on the supported Whoosh, else Whoosh's own. ``lock=False``: a writer of a segment
    aside (``BulkWriter.write_segment_aside``) beside the run's writer, which holds the lock."""
    if private:
        return BulkWriter(ix, bulk_fields, timeout=timeout, codec=CompactCodec(),
                          buffer_bytes=int(buffer_mb * (1 << 20)), limitmb=POOL_MB,
                          letter_terms_field=letter_terms_field, term_prefixes=term_prefixes,
                          _lk=lock)
    return SegmentWriter(ix, timeout=timeout, codec=CompactCodec(), limitmb=POOL_MB)


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
                ids.append(found[0] + offset if offset else found[0])
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
    if len(ids) == 1:  # one segment holds the term (a copy of a common term's list is 0.3 ms)
        return ids[0], freqs[0]
    return np.concatenate(ids), np.concatenate(freqs)


def _spans(ends: np.ndarray, postings: int, terms: int | None = None) -> Iterator[tuple[int, int]]:
    """``(first, last)`` runs of terms, given the running total of their postings (``ends``),
    each of at most ``postings`` postings and ``terms`` terms (or one term, however many
    postings it has)."""
    first = 0
    while first < len(ends):
        done = int(ends[first - 1]) if first else 0
        last = max(int(np.searchsorted(ends, done + postings, "right")), first + 1)
        if terms is not None:
            last = min(last, first + terms)
        yield first, min(last, len(ends))
        first = last


def _batches(terms: Iterable[tuple[bytes, array, int, int]], most_terms: int,
             most_postings: int) -> Iterator[list[tuple[bytes, array, int, int]]]:
    """``(key, pairs, shortest, longest)`` terms in lists of at most ``most_terms`` terms, a list
    ending once it holds ``most_postings`` postings."""
    batch, postings = [], 0
    for term in terms:
        batch.append(term)
        postings += len(term[1]) >> 1
        if len(batch) >= most_terms or postings >= most_postings:
            yield batch
            batch, postings = [], 0
    if batch:
        yield batch


class _Numbering(dict):
    """Terms numbered in the order they first come (``numbering[term]`` numbers a new one)."""

    def __missing__(self, term: str) -> int:
        self[term] = number = len(self)
        return number


class _FieldTable:
    """One field's postings in columns: each posting's term number and count, documents in
    order (each document's number, field length and where its postings end)."""

    def __init__(self) -> None:
        self.numbering = _Numbering()
        self.term_numbers, self.counts = array("I"), array("I")
        self.docnums, self.lengths, self.ends = array("I"), array("I"), array("Q")


class PostingTable:
    """Postings of bulk fields for the segment being written, column by column per field (see
    ``_FieldTable``): taking a document's term counts is a few loops in C (a term looked up,
    its number and count appended), where a list per term took a Python loop over every term
    of every article, most of a warm rebuild's time after the commit's."""

    # Memory a new term costs (its key, its slot in the field's dict) and a posting (its term's
    # number and its count, and the rank a spill gives it beside them).
    TERM_BYTES, POSTING_BYTES = 120, 12
    SORT_POSTINGS = 1 << 20  # postings sorted at a time when the table is spilled

    def __init__(self) -> None:
        self.fields: dict[str, _FieldTable] = {}
        self.nbytes = 0  # about what the table holds in memory

    def add_document(self, fieldname: str, docnum: int, counts: Mapping[str, int]) -> int:
        """Record one document's term counts for a field; return the field length. ``counts``:
        a dict, or any mapping whose ``values()`` come in its keys' order (an ``array("I")``
        is taken whole: ``analysis_cache.TermCounts``)."""
        table = self.fields.get(fieldname)
        if table is None:
            table = self.fields[fieldname] = _FieldTable()
        terms_before = len(table.numbering)
        table.term_numbers.extend(map(table.numbering.__getitem__, counts))
        values = counts.values()
        table.counts.extend(values)
        length = sum(values)
        table.docnums.append(docnum)
        table.lengths.append(length)
        table.ends.append(len(table.counts))
        self.nbytes += (len(table.numbering) - terms_before) * self.TERM_BYTES \
            + len(counts) * self.POSTING_BYTES
        return length

    def pop_field(self, fieldname: str) -> Iterator["TermColumns"]:
        """The field's terms in byte order with their postings, in blocks of about
        ``SORT_POSTINGS`` postings (sorting them all at once took four times the table's
        memory); the field leaves the table."""
        table = self.fields.pop(fieldname, None)
        if table is None or not table.counts:
            return
        keys = list(table.numbering)
        order = sorted(range(len(keys)), key=keys.__getitem__)  # UTF-8 keeps code point order
        rank = np.empty(len(keys), dtype=np.uint32)
        rank[order] = np.arange(len(keys), dtype=np.uint32)
        posting_rank = rank[np.frombuffer(table.term_numbers, dtype=np.uint32)]
        del rank, table.term_numbers
        document_ends = np.frombuffer(table.ends, dtype=np.uint64).astype(np.int64)
        docnums = np.frombuffer(table.docnums, dtype=np.uint32)
        counts = np.frombuffer(table.counts, dtype=np.uint32)
        lengths = np.frombuffer(table.lengths, dtype=np.uint32)
        frequency = np.bincount(posting_rank, minlength=len(keys)).astype(np.uint32)
        for first, last in _spans(np.cumsum(frequency, dtype=np.int64), self.SORT_POSTINGS):
            chosen = np.flatnonzero((posting_rank >= first) & (posting_rank < last))
            chosen = chosen[np.argsort(posting_rank[chosen], kind="stable")]  # documents in order
            of = np.searchsorted(document_ends, chosen, "right")  # the posting's document
            pairs = np.empty((len(chosen), 2), dtype=np.uint32)
            pairs[:, 0] = docnums[of]
            pairs[:, 1] = counts[chosen]
            field_lengths = lengths[of]
            block = frequency[first:last]
            starts = np.cumsum(block, dtype=np.int64) - block
            yield TermColumns([keys[i].encode("utf-8") for i in order[first:last]], block,
                              np.minimum.reduceat(field_lengths, starts),
                              np.maximum.reduceat(field_lengths, starts), pairs.ravel())


@dataclass
class TermColumns:
    """Terms in byte order with their postings, column by column: keys, document frequencies,
    shortest and longest field length, and every term's (document, count) pairs end to end."""

    keys: list[bytes]
    frequency: np.ndarray  # uint32
    shortest: np.ndarray
    longest: np.ndarray
    pairs: np.ndarray  # uint32, two a posting

    @classmethod
    def gather(cls, terms: list[tuple[bytes, array, int, int]]) -> "TermColumns":
        """Columns of ``(key, pairs, shortest, longest)`` terms."""
        return cls([key for key, _, _, _ in terms],
                   np.fromiter((len(pairs) >> 1 for _, pairs, _, _ in terms), dtype=np.uint32,
                               count=len(terms)),
                   np.fromiter((low for _, _, low, _ in terms), dtype=np.uint32, count=len(terms)),
                   np.fromiter((high for _, _, _, high in terms), dtype=np.uint32, count=len(terms)),
                   np.frombuffer(b"".join(pairs for _, pairs, _, _ in terms), dtype=np.uint32))

    def blocks(self, terms: int, postings: int) -> Iterator["TermColumns"]:
        """The columns cut into blocks of at most ``terms`` terms and ``postings`` postings (or
        one term, however many postings it has)."""
        ends = np.cumsum(self.frequency, dtype=np.int64)
        for first, last in _spans(ends, postings, terms):
            yield self.part(first, last, ends)

    def __len__(self) -> int:
        return len(self.keys)

    def part(self, first: int, last: int, pair_ends: np.ndarray) -> "TermColumns":
        """Terms ``first`` to ``last`` (exclusive), given the running total of the postings."""
        start, end = (int(pair_ends[first - 1]) if first else 0), int(pair_ends[last - 1])
        return TermColumns(self.keys[first:last], self.frequency[first:last],
                           self.shortest[first:last], self.longest[first:last],
                           self.pairs[2 * start:2 * end])

    def without_empty(self) -> "TermColumns":
        """The terms that have postings."""
        kept = np.flatnonzero(self.frequency)
        if len(kept) == len(self.keys):
            return self
        return TermColumns([self.keys[i] for i in kept.tolist()], self.frequency[kept],
                           self.shortest[kept], self.longest[kept], self.pairs)

    @classmethod
    def merged(cls, parts: list["TermColumns"]) -> "TermColumns":
        """The terms of ``parts`` (each in key order; their documents in the parts' order) in key
        order, one column of each: a term of several parts has their pairs end to end, the
        shortest of their shortest and the longest of their longest lengths. One sort of the
        keys and a few array operations, where a heap merge took a tuple per term per part."""
        if len(parts) == 1:
            return parts[0]
        keys = [key for part in parts for key in part.keys]
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: parts stay in order
        ordered = [keys[i] for i in order]
        order = np.array(order, dtype=np.int64)
        frequency = np.concatenate([part.frequency for part in parts]).astype(np.int64)
        pair_starts = (np.cumsum(frequency) - frequency)[order]
        frequency = frequency[order]
        pairs = np.concatenate([part.pairs for part in parts]).reshape(-1, 2)
        pairs = pairs[ranges(pair_starts, frequency)].ravel()
        first = np.ones(len(ordered), dtype=bool)
        first[1:] = np.fromiter(map(ne, ordered[1:], ordered[:-1]), dtype=bool,
                                count=len(ordered) - 1)
        starts = np.flatnonzero(first)
        shortest = np.concatenate([part.shortest for part in parts])[order]
        longest = np.concatenate([part.longest for part in parts])[order]
        return cls([ordered[i] for i in starts.tolist()],
                   np.add.reduceat(frequency, starts).astype(np.uint32),
                   np.minimum.reduceat(shortest, starts), np.maximum.reduceat(longest, starts),
                   pairs)


def merged_columns(streams: list[Iterator[TermColumns]]) -> Iterator[TermColumns]:
    """Blocks of streams of ``TermColumns`` (each stream in key order, its documents after the
    previous stream's) put together in key order (``TermColumns.merged``), a window at a time:
    every held block's terms up to the smallest of their last keys, as no stream can bring a
    smaller key after it. A window holds one block of every stream."""
    held: list = [None] * len(streams)  # (block, its running postings, first term not taken)

    def refill(i: int) -> None:
        for block in streams[i]:
            if len(block):
                held[i] = (block, np.cumsum(block.frequency, dtype=np.int64), 0)
                return
        held[i] = None

    for i in range(len(streams)):
        refill(i)
    while True:
        live = [i for i, cursor in enumerate(held) if cursor is not None]
        if not live:
            return
        bound = min(held[i][0].keys[-1] for i in live)
        parts = []
        for i in live:
            block, pair_ends, first = held[i]
            last = bisect_right(block.keys, bound, first)
            if last > first:
                parts.append(block.part(first, last, pair_ends))
            if last == len(block):
                refill(i)
            else:
                held[i] = (block, pair_ends, last)
        yield TermColumns.merged(parts)


class PostingRun:
    """Postings spilled to a scratch file: per bulk field, blocks of its terms in byte order,
    each block ``TermColumns`` (a header, then the key ends, frequencies, shortest and longest
    lengths, the keys and the pairs, each written whole).

    Runs hold the postings of one segment's consecutive documents, so a term's list is its runs'
    pairs end to end: at commit each term is encoded once, where merging flushed segments
    decoded and encoded every list again (as much CPU as writing it the first time). ``level``:
    0 for a spilled table, one more than its parts for runs put together (see ``BulkWriter``)."""

    HEAD = struct.Struct("<IIQ")  # terms, key bytes, pairs
    # A block's size: the commit holds one block of every run at a time.
    BLOCK_TERMS, BLOCK_POSTINGS = 1 << 14, 1 << 18

    def __init__(self, path: Path, fields: Iterable[tuple[str, Iterable[TermColumns]]],
                 level: int) -> None:
        self.path, self.level = path, level
        self.fields: dict[str, tuple[int, int]] = {}  # field -> (start, end) in the file
        with open(path, "wb", buffering=1 << 20) as out:
            for fieldname, blocks in fields:
                start = out.tell()
                for columns in blocks:
                    for block in columns.blocks(self.BLOCK_TERMS, self.BLOCK_POSTINGS):
                        self._write(out, block)
                self.fields[fieldname] = (start, out.tell())

    @classmethod
    def gathered(cls, terms: Iterable[tuple[bytes, array, int, int]]) -> Iterator["TermColumns"]:
        """``(key, pairs, shortest, longest)`` terms in order, as blocks of columns."""
        for block in _batches(terms, cls.BLOCK_TERMS, cls.BLOCK_POSTINGS):
            yield TermColumns.gather(block)

    def _write(self, out, columns: TermColumns) -> None:
        keys = b"".join(columns.keys)
        ends = np.cumsum([len(key) for key in columns.keys], dtype=np.uint64).astype(np.uint32)
        out.write(self.HEAD.pack(len(columns.keys), len(keys), len(columns.pairs)))
        for part in (ends, columns.frequency.astype(np.uint32, copy=False),
                     columns.shortest.astype(np.uint32, copy=False),
                     columns.longest.astype(np.uint32, copy=False)):
            out.write(part.tobytes())
        out.write(keys)
        out.write(columns.pairs.astype(np.uint32, copy=False).tobytes())

    def columns(self, fieldname: str) -> Iterator[TermColumns]:
        """The field's terms in byte order, block by block."""
        if fieldname not in self.fields:
            return
        position, end = self.fields[fieldname]
        unpack, size = self.HEAD.unpack, self.HEAD.size
        with open(self.path, "rb", buffering=1 << 16) as run:
            run.seek(position)
            while run.tell() < end:
                count, key_bytes, pair_count = unpack(run.read(size))
                ends, frequency, shortest, longest = (
                    np.frombuffer(run.read(count * 4), dtype=np.uint32) for _ in range(4))
                keys = run.read(key_bytes)
                pairs = np.frombuffer(run.read(pair_count * 4), dtype=np.uint32)
                bounds = [0, *ends.tolist()]
                yield TermColumns([keys[bounds[i]:bounds[i + 1]] for i in range(count)],
                                  frequency, shortest, longest, pairs)


@dataclass
class SegmentColumns:
    """What the columns file of a segment (``store.docvalues``) needs and its writer already
    held: each bulk field's length per document, as the segment stores it (one byte, Whoosh's
    ``length_to_byte``), and the terms of one field made of ASCII letters only, and those
    that begin with one of the writer's ``term_prefixes``, in order."""

    lengths: dict[str, np.ndarray]  # float32 per document
    letter_terms: list[str]
    prefixed_terms: list[str]


class BulkWriter(SegmentWriter):
    """A ``SegmentWriter`` whose ``bulk_fields`` take ``term -> count`` dicts (see module doc).

    When the postings it holds reach ``buffer_bytes`` it spills them, sorted, to a scratch file
    (a ``PostingRun``) and starts an empty table (Lucene's indexing buffer): the postings held
    stay bounded however large the run. Everything else of a document goes to the one segment
    being written, as it comes. At commit each term's list is put together from the runs and
    the table and encoded once, and the segment is published in one TOC, so a run stopped half
    way leaves nothing visible (its files are removed as unpublished and its runs with the
    scratch folder, see ``discard_run``). Merges (Whoosh's merges of small segments) stream the
    bulk fields' postings term by term from the segments merged (``sources``), so they too hold
    one term's postings at a time.

    ``written`` holds the new segment's ``SegmentColumns`` once it is written without merging
    other segments in (``letter_terms_field``: the field whose ASCII-letter terms, and terms
    beginning with one of ``term_prefixes``, it keeps): reading them back from the segment was
    a fifth of a warm rebuild's time."""

    def __init__(self, ix, bulk_fields: tuple[str, ...], buffer_bytes: int = BUFFER_MB << 20,
                 letter_terms_field: str | None = None, term_prefixes: tuple[str, ...] = (),
                 **kwargs):
        super().__init__(ix, **kwargs)
        self.buffer_bytes = buffer_bytes
        self.runs: list[PostingRun] = []  # tables spilled by this run, in document order
        self._runs_written = 0
        # Segments being merged into the current one: (reader, first docnum, docmap or None).
        self.sources: list[tuple] = []
        if not isinstance(self.codec, CompactCodec):
            raise WhooshInternalsError("the bulk writer writes the compact codec only")
        for name in bulk_fields:  # a field new to this run (a rebuild) is built without boost
            if name in self.schema and self.schema[name].format.field_boost != 1.0:
                raise WhooshInternalsError(f"bulk field {name!r} has a field boost")
        self.bulk_fields = frozenset(bulk_fields)
        self._doc_lengths: dict[str, int] = {}
        self._lengths = {name: array("I") for name in sorted(self.bulk_fields)}
        self.letter_terms_field = letter_terms_field
        self._letter_terms: list[str] = []
        self._term_prefixes = tuple(prefix.encode("utf-8") for prefix in term_prefixes)
        self._prefixed_terms: list[str] = []
        self.written: SegmentColumns | None = None
        # Asked once this writer's segment is written, before the TOC: the segments other
        # writers of the run wrote aside, published after this one's (``write_segment_aside``).
        self.segments_aside: Callable[[], list] = list
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
            self.spill()

    def spill(self) -> None:
        """Write the postings held to a run in the scratch folder and start an empty table; put
        the last ``MERGE_RUNS`` runs together while they are of one level."""
        if not self.table.fields:
            return
        table, self.table = self.table, PostingTable()
        self._add_run([(name, table.pop_field(name)) for name in sorted(table.fields)], 0)
        while len(self.runs) >= MERGE_RUNS and self.runs[-MERGE_RUNS].level == self.runs[-1].level:
            parts = self.runs[-MERGE_RUNS:]
            del self.runs[-MERGE_RUNS:]
            names = sorted(set().union(*(run.fields for run in parts)))
            self._add_run([(name, merged_columns([run.columns(name) for run in parts]))
                           for name in names], parts[-1].level + 1)
            for run in parts:
                run.path.unlink()

    def _add_run(self, fields: list[tuple[str, Iterable]], level: int) -> None:
        self._runs_written += 1
        name = f"{self.newsegment.segment_id()}-{self._runs_written}.postings"
        self.runs.append(PostingRun(Path(self._tempstorage.folder) / name, fields, level))

    def write_segment_aside(self):
        """Write this writer's documents as a segment with its columns and checksum, for the
        run's writer to publish (``segments_aside``); the writer of a part of a run, in a
        process of its own (Lucene's per-thread segment writers). Return the segment."""
        from . import docvalues

        segment = self._finalize_segment()
        docvalues.write(self.storage, self.schema, segment, self.written)
        write_checksums(self.storage, [segment])
        return segment

    def _commit_toc(self, segments):
        from . import docvalues  # it reads postings through this module

        segments = [*segments, *self.segments_aside()]
        written = {self.newsegment.segment_id(): self.written} if self.written else {}
        docvalues.write_missing(self.storage, self.schema, segments, written)
        docvalues.write_generation_files(self.storage, self.schema, segments, self.generation)
        write_checksums(self.storage, segments)
        super()._commit_toc(segments)

    def _finish_doc_with_lengths(self):
        for name, length in self._doc_lengths.items():
            self.perdocwriter.add_field(name, self.schema[name], None, length)
        if self.perdocwriter._indoc:  # W3's close() calls finish_doc once more, outside a document
            for name, lengths in self._lengths.items():
                length = self._doc_lengths.get(name)
                lengths.append(byte_to_length(length_to_byte(length)) if length else 0)
        self._doc_lengths = {}
        self._finish_doc()

    def _flush_segment(self):
        """Write every field in name order (multi-segment readers merge terms in that order): the
        pool's fields through Whoosh's path, the bulk fields from the runs, the table and the
        sources."""
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        pool_fields = groupby(self.pool.iter_postings(), key=itemgetter(0))
        bulk = set(self.table.fields).union(*(run.fields for run in self.runs))
        bulk |= {name for reader, _, _ in self.sources for name in reader.indexed_field_names()
                 if name in self.bulk_fields}
        for fieldname in sorted(self.pool.fieldnames | bulk):
            if fieldname in self.bulk_fields:
                self._write_field(fieldname)
            else:
                pooled_name, postings = next(pool_fields)
                if pooled_name != fieldname:
                    raise WhooshInternalsError(f"pool field {pooled_name!r}, expected {fieldname!r}")
                # A field without lengths gets 0 either way; asking W3 looks for its length
                # file on disk once per posting.
                scorable = self.schema[fieldname].scorable
                self.fieldwriter.add_postings(self.schema, lengths if scorable else None, postings)
        if lengths:
            lengths.close()
        self.fieldwriter.close()
        if not self.sources:
            self.written = SegmentColumns(
                {name: np.frombuffer(column, dtype=np.uint32).astype(np.float32)
                 for name, column in self._lengths.items()}, self._letter_terms,
                self._prefixed_terms)
        for reader, _, _ in self.sources:
            reader.close()
        self.sources = []

    def _write_field(self, fieldname: str) -> None:
        """Every term of the field, its documents in order: the runs', the table's, then the
        sources' (whose documents come after), a window of terms at a time."""
        streams = [run.columns(fieldname) for run in self.runs]
        streams.append(self.table.pop_field(fieldname))
        streams += [PostingRun.gathered(self._source_terms(fieldname, i))
                    for i in range(len(self.sources))]
        writer = self.fieldwriter
        writer.start_field(fieldname, self.schema[fieldname])
        for window in merged_columns(streams):
            if self.sources:  # a term whose only documents were a source's deleted ones
                window = window.without_empty()
            if fieldname == self.letter_terms_field:
                self._letter_terms += [key.decode() for key in window.keys if key.isalpha()]
                if self._term_prefixes:
                    self._prefixed_terms += [key.decode("utf-8") for key in window.keys
                                             if key.startswith(self._term_prefixes)]
            for batch in window.blocks(WRITE_BATCH_TERMS, WRITE_BATCH_POSTINGS):
                writer.write_terms(batch.keys, batch.frequency, batch.shortest, batch.longest,
                                   batch.pairs)
        writer.finish_field()

    def _source_terms(self, fieldname: str, i: int):
        """A merged segment's terms of the field as ``(key, pairs, shortest, longest)``, its
        documents renumbered (deleted ones have no new number)."""
        reader, startdoc, docmap = self.sources[i]
        for btext, docnums, counts, low, high in reader._terms.field_postings(fieldname):
            if docmap is None:
                kept = [(d + startdoc, c) for d, c in zip(docnums, counts)]
            else:
                kept = [(docmap[d], c) for d, c in zip(docnums, counts) if d in docmap]
            pairs = array("I", [value for pair in kept for value in pair])
            yield btext, pairs, low, high

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
