"""Is an index whole? ``searcher check``, and naming the damaged file when opening fails.

Like Lucene's CheckIndex: read the table of contents, open every segment, compare each segment
file with the CRC-32 recorded when it was committed (any torn or rotten byte shows), read its
stored columns (``store.docvalues``), read every stored document and cross-check it with the
``id`` column. ``deep`` also walks every term's
postings (minutes on a large index): each ``id`` term must point at the document storing that id,
and no posting may name a document the segment does not have.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, _DEF_INDEX_NAME
from whoosh.reading import SegmentReader

from . import docvalues
from .durable import checksum_name, file_crc32
from .schema import ANALYSIS_FIELD, analysis_identity
from .whoosh_internals import read_postings

REMEDY = "run `searcher index --rebuild`"


@dataclass
class Finding:
    file: str  # the file at fault, relative to the index directory ("" for the directory itself)
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}" if self.file else self.problem


@dataclass
class IndexHealth:
    index_dir: str
    generation: int = -1
    segments: int = 0
    documents: int = 0
    deleted: int = 0
    stale: int = 0  # documents analysed by other analysis or extraction code
    unchecksummed: int = 0  # segments written before checksums were recorded
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"index": self.index_dir, "healthy": self.healthy, "generation": self.generation,
                "segments": self.segments, "documents": self.documents, "deleted": self.deleted,
                "stale": self.stale, "unchecksummed": self.unchecksummed, "problems": [str(f) for f in self.findings],
                "remedy": None if self.healthy else REMEDY}


def reason(exc: BaseException) -> str:
    """An exception as a short phrase for a one-line message."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return os.strerror(exc.errno).lower()
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def unreadable_directory(index_dir: Path) -> Finding | None:
    """Why the directory itself cannot be read, if it cannot."""
    try:
        os.listdir(index_dir)
    except FileNotFoundError:
        return Finding("", f"{index_dir} does not exist")
    except NotADirectoryError:
        return Finding("", f"{index_dir} is not a directory")
    except OSError as exc:
        return Finding("", f"cannot read {index_dir} ({reason(exc)})")
    return None


def first_damage(index_dir: str | Path, checksums: bool = False) -> Finding | None:
    """The first file of the newest generation that cannot be opened (or, with ``checksums``,
    differs from its recorded checksum), or None when all are whole.

    A file that may not be read is not damage: that ``PermissionError`` is raised."""
    index_dir = Path(index_dir)
    found = unreadable_directory(index_dir)
    if found:
        return found
    storage = FileStorage(str(index_dir), supports_mmap=False, readonly=True)
    generation, toc = _newest_toc(storage)
    if generation < 0 or isinstance(toc, Finding):
        return toc
    for segment in toc.segments:
        try:
            if checksums and checksum_matches(storage, segment) is False:
                return Finding(segment_file(segment), CHECKSUM_MISMATCH)
            reader = SegmentReader(storage, toc.schema, segment)
            size = reader.doc_count_all()
            reader.close()
        except Exception as exc:  # noqa: BLE001 -- a damaged file raises anything unpickling raises
            if is_permission_error(exc):
                raise
            return Finding(segment_file(segment), f"cannot be read ({reason(exc)})")
        found = _columns_problem(storage, segment, size)
        if found:
            return found
    return None


def _newest_toc(storage) -> tuple[int, object]:
    """(generation, its TOC), (generation, a Finding when the TOC cannot be read) or (-1, None)
    when there is no index. A TOC that may not be read raises its ``PermissionError``."""
    generation = TOC._latest_generation(storage, _DEF_INDEX_NAME)
    if generation < 0:
        return generation, None
    try:
        return generation, TOC.read(storage, _DEF_INDEX_NAME, generation)
    except Exception as exc:  # noqa: BLE001
        if is_permission_error(exc):
            raise
        return generation, Finding(TOC._filename(_DEF_INDEX_NAME, generation),
                                   f"cannot be read ({reason(exc)})")


def _columns_problem(storage, segment, size: int) -> Finding | None:
    """Why a segment's stored columns (``store.docvalues``) cannot serve it, if they cannot."""
    columns = segment.make_filename(docvalues.DOC_VALUES_EXT)
    if not storage.file_exists(columns):
        return None
    try:
        if docvalues.load(storage, segment, size) is not None:
            return None
        why = f"holds another number of documents than the segment's {size}"
    except Exception as exc:  # noqa: BLE001
        if is_permission_error(exc):
            raise
        why = reason(exc)
    return Finding(columns, f"cannot be read ({why})")


CHECKSUM_MISMATCH = "does not match the checksum recorded at commit (torn or corrupted on disk)"


def checksum_matches(storage, segment) -> bool | None:
    """Does the segment file still have its recorded CRC-32? None when none was recorded."""
    if not storage.file_exists(checksum_name(segment)):
        return None
    with storage.open_file(checksum_name(segment)) as stream:
        recorded = int(stream.read().strip() or b"0", 16)
    return file_crc32(storage, segment_file(segment)) == recorded


def segment_file(segment) -> str:
    return segment.make_filename(".seg") if segment.is_compound() else f"{segment.segment_id()}.*"


def check_index(index_dir: str | Path, deep: bool = False) -> IndexHealth:
    """Verify the newest generation (see module doc); report what is wrong."""
    index_dir = Path(index_dir)
    health = IndexHealth(str(index_dir))
    found = unreadable_directory(index_dir)
    if found:
        health.findings.append(found)
        return health
    storage = FileStorage(str(index_dir), supports_mmap=False, readonly=True)
    try:
        health.generation, toc = _newest_toc(storage)
    except OSError as exc:  # a TOC that may not be read: here a finding like any other
        health.findings.append(Finding(os.path.basename(exc.filename or ""),
                                       f"cannot be read ({reason(exc)})"))
        return health
    if health.generation < 0:
        health.findings.append(Finding("", f"no index in {index_dir}"))
        return health
    if isinstance(toc, Finding):
        health.findings.append(toc)
        return health
    health.segments = len(toc.segments)
    current = analysis_identity()
    for segment in toc.segments:
        name = segment_file(segment)
        try:
            _check_segment(storage, toc.schema, segment, health, current, deep)
        except Exception as exc:  # noqa: BLE001
            health.findings.append(Finding(name, f"cannot be read ({reason(exc)})"))
    return health


def _check_segment(storage, schema, segment, health: IndexHealth, current: str, deep: bool) -> None:
    name = segment_file(segment)
    matches = checksum_matches(storage, segment)
    if matches is False:
        health.findings.append(Finding(name, CHECKSUM_MISMATCH))
        return
    health.unchecksummed += matches is None
    reader = SegmentReader(storage, schema, segment)
    try:
        total = reader.doc_count_all()
        found = _columns_problem(storage, segment, total)
        if found:
            health.findings.append(found)
            return
        live = reader.doc_count()
        health.documents += live
        health.deleted += total - live
        ids = reader.column_reader("id")
        identities = reader.column_reader(ANALYSIS_FIELD) if ANALYSIS_FIELD in schema else None
        for docnum in range(total):
            stored = reader.stored_fields(docnum)
            if stored.get("id") != ids[docnum]:
                health.findings.append(Finding(name, f"document {docnum}: stored id "
                                                     f"{stored.get('id')!r} differs from its column"))
                return
            if not reader.is_deleted(docnum) and (identities is None or identities[docnum] != current):
                health.stale += 1
        if not deep:
            return
        for fieldname in sorted(reader.indexed_field_names()):
            for term in reader.lexicon(fieldname):
                docnums, _ = read_postings(reader, fieldname, term)
                if len(docnums) == 0 or docnums.max() >= total or docnums.min() < 0:
                    health.findings.append(Finding(name, f"postings of {fieldname}:{term!r} name "
                                                         f"documents the segment does not have"))
                    return
                if fieldname == "id" and ids[int(docnums[0])] != term.decode("utf-8"):
                    health.findings.append(Finding(name, f"id {term!r} points at another document"))
                    return
    finally:
        reader.close()


def is_permission_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
