"""Per-document columns a searcher needs the moment it opens an index, written beside each segment
when it is committed (Lucene's doc values).

Derived from Whoosh at open time (a posting walk per facet value, a length lookup per document
and field), they took seconds at 35k articles, paid again by every process that opens the index:
each command-line query, each server worker. Here each segment gets one ``.dv.npz`` file at
commit: every text field's length per document, the date key per document, each facet's
(document, value) pairs, the spelling vocabulary, the body's words that are people's full names,
and each article's body fingerprint and headline key (near-identical articles are found by
comparing them; computed with the analysis and kept in the segment's ``copy_keys`` column, which
Whoosh carries through merges: the file only marks that the column has them, and they are read
from it when asked, which a search process does only when its generation's copies file is
missing). Its name is the segment's, so Whoosh publishes it with the segment's TOC and deletes it
with the segment. A segment without one (an index from older code, Whoosh's own writer) has its
columns derived as before.
"""
from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Callable

import numpy as np

from ..facets import DATE_RANGE, FACETS
from ..text.fingerprint import HASHES, copies, fingerprint, headline_key
from ..text.normalize import normalize_syllable
from ..text.terms import WORD_JOINER
from .schema import COPY_KEYS_FIELD, TEXT_FIELDS
from .whoosh_internals import SegmentColumns, read_postings

DOC_VALUES_EXT = ".dv.npz"
VOCABULARY_FIELD = "body"  # its terms of ASCII letters are the candidates for respelling
COPY_KEYS = ("fingerprints", "headlines")  # arrays older code wrote no columns for
# In a segment's file instead of the arrays: every document's keys are in its copy_keys column.
KEYS_IN_COLUMN = "copy_keys_in_column"
# The most common Vietnamese family names (nine in ten people bear one), as the index writes
# them: the body's words that begin with one are people's full names (``nguyễn_đức_chung``),
# which tell a search where a syllable (``Đức``) is part of a name. Kept here, because finding
# them in the term list took a search process 0.3-0.4 s at its first such query.
SURNAMES = tuple(normalize_syllable(n) for n in (
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "hồ", "ngô", "dương", "lý"))
PERSON_NAME_PREFIXES = tuple(surname + WORD_JOINER for surname in SURNAMES)


@dataclass
class FacetPairs:
    """One facet's values and its (document, value index) pairs, in document order (columns
    that older code wrote: in value order)."""

    values: list[str]
    docs: np.ndarray  # int64 docnums
    ids: np.ndarray  # int64 indexes into ``values``


@dataclass
class DocValues:
    size: int
    lengths: dict[str, np.ndarray]  # field -> float32 length per document
    date_keys: np.ndarray  # int64 per document (see ``store.indexer.date_key``)
    facets: dict[str, FacetPairs]
    vocabulary: list[str]  # the body's accent-less alphabetic terms: candidates for respelling
    # (fingerprints, headlines), or a function that reads them (``copy_keys``): fingerprints are
    # uint32 (documents x fingerprint.HASHES, see text.fingerprint), headlines uint64 per
    # document, its title's key (text.fingerprint.headline_key)
    keys: tuple[np.ndarray, np.ndarray] | Callable[[], tuple[np.ndarray, np.ndarray]] | None
    keys_in_column: bool = False  # derived: the segment's copy_keys column held every one
    # the body's terms that are people's full names (``PERSON_NAME_PREFIXES``); None in a
    # columns file older code wrote (``person_names`` reads them from the term list)
    person_names: list[str] | None = None

    def copy_keys(self) -> tuple[np.ndarray, np.ndarray]:
        if callable(self.keys):
            self.keys = self.keys()
        return self.keys

    @property
    def fingerprints(self) -> np.ndarray:
        return self.copy_keys()[0]

    @property
    def headlines(self) -> np.ndarray:
        return self.copy_keys()[1]


def pack_copy_keys(body: str, title: str) -> bytes:
    """An article's copy keys as its ``COPY_KEYS_FIELD`` column holds them (little-endian)."""
    return (fingerprint(body).astype("<u4").tobytes()
            + np.uint64(headline_key(title)).astype("<u8").tobytes())


def copy_keys(reader) -> tuple[np.ndarray, np.ndarray]:
    """Every article's body fingerprint and headline key, in document order: read from the
    segment's column, computed from the stored text for documents that lack it (an index from
    older code)."""
    return _copy_keys(reader)[:2]


def _copy_keys(reader) -> tuple[np.ndarray, np.ndarray, bool]:
    """``copy_keys``, and whether the column held every document's."""
    size = reader.doc_count_all()
    prints = np.zeros((size, HASHES), dtype=np.uint32)
    headlines = np.zeros(size, dtype=np.uint64)
    if size and reader.has_column(COPY_KEYS_FIELD):
        raw = np.frombuffer(b"".join(reader.column_reader(COPY_KEYS_FIELD)), dtype=np.uint8)
        raw = raw.reshape(size, -1)
        prints[:] = raw[:, :HASHES * 4].copy().view("<u4")
        headlines[:] = raw[:, HASHES * 4:].copy().view("<u8").ravel()
        missing = np.flatnonzero(~raw.any(axis=1))  # the column's default: no value written
    else:
        missing = np.arange(size)
    for docnum in missing.tolist():
        data = reader.stored_fields(docnum)["data"]
        prints[docnum] = fingerprint(data["body"])
        headlines[docnum] = headline_key(data["title"])
    return prints, headlines, not len(missing)


def person_names(reader) -> list[str]:
    """The body's terms that are people's full names, read from a reader's term list, in the
    order a segment's writer keeps them (the term list's)."""
    return sorted(raw.decode("utf-8") if isinstance(raw, bytes) else raw
                  for prefix in PERSON_NAME_PREFIXES
                  for raw in reader.expand_prefix(VOCABULARY_FIELD, prefix))


def derive(reader, written: SegmentColumns | None = None) -> DocValues:
    """Read the columns out of one segment's reader (the slow way), but for the lengths and
    vocabulary its writer kept (``written``)."""
    size = reader.doc_count_all()
    if written is not None and any(len(column) != size for column in written.lengths.values()):
        written = None  # not this segment's: read back, as for any other
    if written is not None:
        lengths = {name: written.lengths[name] for name in TEXT_FIELDS}
    else:
        lengths = {name: np.array([reader.doc_field_length(d, name, 0) or 0 for d in range(size)],
                                  dtype=np.float32)
                   for name in TEXT_FIELDS}  # Whoosh answers None, not 0, for an empty field
    date_keys = np.zeros(size, dtype=np.int64)
    if size:
        column = reader.column_reader(DATE_RANGE.field)
        date_keys[:] = [column[d] for d in range(size)]
    facets = {}
    for facet in FACETS:
        values, docs, ids = [], [], []
        for raw in reader.lexicon(facet.name) if size else ():
            postings, _ = read_postings(reader, facet.name, raw)
            if len(postings):
                docs.append(postings)
                ids.append(np.full(len(postings), len(values), dtype=np.int64))
                values.append(raw.decode("utf-8"))
        docs = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        by_doc = np.argsort(docs, kind="stable")  # a search counts a few documents' pairs
        facets[facet.name] = FacetPairs(values, docs[by_doc], ids[by_doc])
    if written is not None:
        vocabulary, names = written.letter_terms, written.prefixed_terms
    else:
        vocabulary = [t for t in (raw.decode("utf-8") for raw in
                                  (reader.lexicon(VOCABULARY_FIELD) if size else ()))
                      if t.isascii() and t.isalpha()]
        names = person_names(reader) if size else []
    prints, headlines, in_column = _copy_keys(reader)
    return DocValues(size, lengths, date_keys, facets, vocabulary, (prints, headlines), in_column,
                     names)


def _json_bytes(value) -> np.ndarray:
    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode(), np.uint8)


def write(storage, schema, segment, written: SegmentColumns | None = None) -> None:
    """Derive a committed-to-be segment's columns (but what its writer kept: ``written``) and
    store them beside it."""
    from whoosh.reading import SegmentReader

    reader = SegmentReader(storage, schema, segment)
    try:
        values = derive(reader, written)
    finally:
        reader.close()
    arrays = {"date_keys": values.date_keys,
              **{f"length.{name}": column.astype(np.uint32) for name, column in values.lengths.items()}}
    for name, pairs in values.facets.items():
        arrays[f"facet.{name}.docs"] = pairs.docs.astype(np.int32)
        arrays[f"facet.{name}.ids"] = pairs.ids.astype(np.int32)
        arrays[f"facet.{name}.values"] = _json_bytes(pairs.values)
    arrays["vocabulary"] = _json_bytes(values.vocabulary)
    arrays["person_names"] = _json_bytes(values.person_names)
    if values.keys_in_column:  # not twice: the column is what a merge carries, and this file is read often
        arrays[KEYS_IN_COLUMN] = np.ones(1, dtype=np.uint8)
    else:
        arrays.update({key: getattr(values, key) for key in COPY_KEYS})
    buffer = io.BytesIO()
    # Stored, not deflated, so that opening is a read and views (``_read_arrays``): inflating
    # took 0.09 s of a cold query at 348,700 articles, for 0.6 -> 1.6 MB at 35k articles.
    np.savez(buffer, **arrays)
    # Written aside and renamed: columns that older code wrote are replaced while servers
    # may be reading them.
    name = segment.make_filename(DOC_VALUES_EXT)
    with storage.create_file(name + ".new") as stream:
        stream.write(buffer.getvalue())
    storage.rename_file(name + ".new", name)


def write_missing(storage, schema, segments,
                  written: dict[str, SegmentColumns] | None = None) -> None:
    """Store the columns of every segment that has none yet (the ones this run wrote), or
    whose columns older code wrote without the keys that find copies. ``written``: the
    columns a writer kept, by segment id."""
    for segment in segments:
        if not _has_copy_keys(storage, segment.make_filename(DOC_VALUES_EXT)):
            write(storage, schema, segment, (written or {}).get(segment.segment_id()))


def _has_copy_keys(storage, name: str) -> bool:
    if not storage.file_exists(name):
        return False
    with storage.open_file(name) as stream, zipfile.ZipFile(io.BytesIO(stream.read())) as archive:
        names = {member.removesuffix(".npy") for member in archive.namelist()}
    return set(COPY_KEYS) <= names or KEYS_IN_COLUMN in names


def load(storage, segment, size: int) -> DocValues | None:
    """A segment's stored columns, or None when it has none (or they do not fit it)."""
    name = segment.make_filename(DOC_VALUES_EXT)
    if not storage.file_exists(name):
        return None
    with storage.open_file(name) as stream:
        arrays = _read_arrays(stream.read())
    date_keys = arrays["date_keys"].astype(np.int64)
    if len(date_keys) != size:
        return None
    lengths = {field: arrays[f"length.{field}"].astype(np.float32) for field in TEXT_FIELDS}
    facets = {facet.name: FacetPairs(
        json.loads(arrays[f"facet.{facet.name}.values"].tobytes()),
        arrays[f"facet.{facet.name}.docs"].astype(np.int64),
        arrays[f"facet.{facet.name}.ids"].astype(np.int64)) for facet in FACETS}
    vocabulary = json.loads(arrays["vocabulary"].tobytes())
    keys = tuple(arrays[key] for key in COPY_KEYS) if set(COPY_KEYS) <= arrays.keys() \
        else None  # in the column (KEYS_IN_COLUMN), or written by older code
    names = json.loads(arrays["person_names"].tobytes()) if "person_names" in arrays else None
    return DocValues(size, lengths, date_keys, facets, vocabulary, keys, person_names=names)


# A zip member's local header: its signature, and the lengths of its name and extra field.
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_NPY_HEADER_MAX = 4096  # an .npy header of a few dimensions takes 64 or 128 bytes
_NPY_HEADER_READERS = {1: np.lib.format.read_array_header_1_0,
                       2: np.lib.format.read_array_header_2_0,
                       3: np.lib.format.read_array_header_2_0}


def _read_arrays(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of a columns file, by name: read-only views of ``data`` for members stored
    uncompressed (as ``write`` saves them; ``np.load`` would copy each), inflated for members
    older code deflated. Either way each member's checksum is compared (6 ms for 17 MB)."""
    arrays = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            name = member.filename.removesuffix(".npy")
            if member.compress_type != zipfile.ZIP_STORED:
                with archive.open(member) as stream:
                    arrays[name] = np.lib.format.read_array(stream)
                continue
            signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(
                data, member.header_offset)
            if signature != b"PK\x03\x04":
                raise ValueError(f"{member.filename} has no zip header")
            start = member.header_offset + _LOCAL_HEADER.size + name_length + extra_length
            if zlib.crc32(memoryview(data)[start:start + member.file_size]) != member.CRC:
                raise ValueError(f"{member.filename} does not match its checksum")
            npy = io.BytesIO(data[start:start + min(member.file_size, _NPY_HEADER_MAX)])
            read_header = _NPY_HEADER_READERS[np.lib.format.read_magic(npy)[0]]
            shape, fortran, dtype = read_header(npy)
            if dtype.hasobject or fortran:
                raise ValueError(f"{member.filename} is not a plain array")
            count = int(np.prod(shape))
            if start + npy.tell() + count * dtype.itemsize > start + member.file_size:
                raise ValueError(f"{member.filename} is cut short")
            arrays[name] = np.frombuffer(data, dtype, count, start + npy.tell()).reshape(shape)
    return arrays


def for_reader(reader, storage) -> DocValues:
    """The columns of a whole (multi-segment) reader: each segment's stored ones where it has
    them, derived otherwise, laid end to end at the segments' document offsets."""
    parts = []
    for leaf, _ in reader.leaf_readers():
        size = leaf.doc_count_all()
        segment = leaf.segment() if hasattr(leaf, "segment") else None  # None: an empty index
        stored = load(storage, segment, size) if segment is not None else None
        if stored is not None and stored.keys is None:  # read from the column when asked
            stored.keys = lambda leaf=leaf: copy_keys(leaf)
        parts.append(stored or derive(leaf))
    if len(parts) == 1:
        return parts[0]
    size = sum(p.size for p in parts)
    offsets = np.cumsum([0] + [p.size for p in parts])[:-1]
    lengths = {field: np.concatenate([p.lengths[field] for p in parts]) if parts
               else np.zeros(0, np.float32) for field in TEXT_FIELDS}
    date_keys = np.concatenate([p.date_keys for p in parts]) if parts else np.zeros(0, np.int64)
    facets = {}
    for facet in FACETS:
        index: dict[str, int] = {}
        docs, ids = [], []
        for part, offset in zip(parts, offsets):
            pairs = part.facets[facet.name]
            remap = np.array([index.setdefault(v, len(index)) for v in pairs.values], dtype=np.int64)
            docs.append(pairs.docs + offset)
            ids.append(remap[pairs.ids] if len(remap) else pairs.ids)
        facets[facet.name] = FacetPairs(
            list(index), np.concatenate(docs) if docs else np.zeros(0, np.int64),
            np.concatenate(ids) if ids else np.zeros(0, np.int64))
    vocabulary = sorted(set().union(*(p.vocabulary for p in parts)))
    names = None if any(p.person_names is None for p in parts) \
        else sorted(set().union(*(p.person_names for p in parts)))
    return DocValues(size, lengths, date_keys, facets, vocabulary,
                     lambda: (np.concatenate([p.fingerprints for p in parts]),
                              np.concatenate([p.headlines for p in parts])),
                     person_names=names)


# The groups of near-identical articles of a whole generation (``fingerprint.copies``), worked
# out by the commit that publishes it: a search process reads them instead of grouping every
# article at its first search (a second at 348,700 articles).
COPIES_FILE = "copies-{generation}.npy"
# The facet values a generation merges into others (``Facet.same``), worked out by its commit:
# 0.15-0.3 s of a search process's start at 348,700 articles otherwise.
MERGES_FILE = "merges-{generation}.json"


def write_generation_files(storage, schema, segments, generation: int) -> None:
    """Group the articles of ``segments`` (in TOC order, deletions left alone) and save the
    groups for ``generation``, and the facet values it merges, before its TOC is written."""
    from whoosh.reading import SegmentReader

    prints, headlines, live, columns = [], [], [], []
    for segment in segments:
        size = segment.doc_count_all()
        stored = load(storage, segment, size)
        columns.append(stored)
        if stored.keys is None:
            reader = SegmentReader(storage, schema, segment)
            try:
                stored.keys = copy_keys(reader)
            finally:
                reader.close()
        prints.append(stored.fingerprints)
        headlines.append(stored.headlines)
        alive = np.ones(size, dtype=bool)
        alive[list(segment.deleted_docs())] = False
        live.append(alive)
    if not segments:
        return
    groups = copies(np.concatenate(prints), np.concatenate(headlines), np.concatenate(live))
    with storage.create_file(COPIES_FILE.format(generation=generation)) as out:
        out.write(groups.astype(np.int64).tobytes())
    saved = {"rules": _merge_rules(), "facets": merges(columns, live)}
    with storage.create_file(MERGES_FILE.format(generation=generation)) as out:
        out.write(json.dumps(saved, ensure_ascii=False).encode("utf-8"))


@cache
def _merge_rules() -> str:
    """The identity of the code that merges facet values: merges saved by other rules are
    worked out again. Once a process (10 ms: a server reads it at every new generation)."""
    from ..identity import modules_identity

    return modules_identity("searcher.facets")


def merges(columns: list[DocValues], live: list[np.ndarray]) -> dict[str, dict[str, str]]:
    """Per facet that merges values across the archive (``Facet.same``), the values merged and
    the value each is merged into, from the live articles of every segment."""
    found = {}
    for facet in FACETS:
        if facet.same is None:
            continue
        counts: dict[str, int] = {}
        for stored, alive in zip(columns, live):
            pairs = stored.facets[facet.name]
            per_value = np.bincount(pairs.ids[alive[pairs.docs]], minlength=len(pairs.values))
            for value, count in zip(pairs.values, per_value.tolist()):
                if count:
                    counts[value] = counts.get(value, 0) + count
        found[facet.name] = facet.same(list(counts), list(counts.values()))
    return found


def read_merges(storage, generation: int) -> dict[str, dict[str, str]] | None:
    """The merged facet values saved for ``generation``, or None (none saved, saved by other
    rules, or unreadable: the caller works them out)."""
    name = MERGES_FILE.format(generation=generation)
    if not storage.file_exists(name):
        return None
    try:
        with storage.open_file(name) as stream:
            saved = json.loads(stream.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return saved.get("facets") if isinstance(saved, dict) and saved.get("rules") == _merge_rules() else None


def read_copies(storage, generation: int, size: int) -> np.ndarray | None:
    """The groups saved for ``generation``, or None (none saved, or not for this many articles)."""
    name = COPIES_FILE.format(generation=generation)
    if not storage.file_exists(name) or storage.file_length(name) != size * 8:
        return None
    with storage.open_file(name) as stream:
        return np.frombuffer(stream.read(), dtype=np.int64).copy()
