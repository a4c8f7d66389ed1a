"""Index storage whose commits survive power loss, and the cleanup of an abandoned run.

Whoosh writes segment files and renames a new table of contents (TOC) into place, but never
``fsync``s: after a power cut the renamed TOC can be on disk while the segment data it names is
not (metadata is journaled, file data is not). ``DurableStorage`` orders the writes as Lucene
does: every file is flushed and ``fsync``ed when it is closed (segment files, then the TOC's
temporary file), and the directory is ``fsync``ed after each rename, so the TOC is published only
after everything it names is durable, and the commit is durable before it is reported.
``tests/test_durability.py`` replays index runs against a recording storage that forgets unsynced
data, at every point of the run.
"""
from __future__ import annotations

import os
import re
import shutil
import zlib

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import TOC, _DEF_INDEX_NAME, clean_files

# Whoosh's temporary TOC ("_MAIN_3.toc.1733094811.12") and a writer's scratch folder ("MAIN.tmp").
_TEMPORARY = re.compile(r"^_%s_\d+\.toc\..+$|^%s\.tmp$" % (_DEF_INDEX_NAME, _DEF_INDEX_NAME))


class DurableStorage(FileStorage):
    """A Whoosh ``FileStorage`` that syncs each file on close and the directory on renames."""

    def __init__(self, path: str, readonly: bool = False):
        # No mmap: Whoosh copies each mapped segment into private memory (BytesIO), which doubled
        # a served 35k-article index to 1.2 GB. Files are read with ``os.pread`` instead.
        super().__init__(path, supports_mmap=False, readonly=readonly)

    def open_file(self, name, **kwargs):
        return PositionalFile.open(self._fpath(name), name=name, **kwargs)

    def create_file(self, name, **kwargs):
        stream = super().create_file(name, **kwargs)
        own_onclose = stream.onclose

        def sync_on_close(file):
            if own_onclose:
                own_onclose(file)
            file.flush()
            self.sync_file(name, file.file)

        stream.onclose = sync_on_close
        return stream

    def rename_file(self, oldname, newname, safe=False):
        super().rename_file(oldname, newname, safe=safe)
        self.sync_dir()

    def create(self):
        super().create()
        self.sync_dir()
        return self

    # The two durability points; the test storage records them.

    def sync_file(self, name: str, fileobj) -> None:
        os.fsync(fileobj.fileno())

    def sync_dir(self) -> None:
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Range:
    """A stretch of an open file, read with ``os.pread`` at its own position: no seek is shared
    between the files of a compound segment, or between threads."""

    def __init__(self, fd: int, offset: int, length: int, owner: bool):
        self.fd, self.offset, self.length, self.owner = fd, offset, length, owner
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > self.length - self.pos:
            size = max(0, self.length - self.pos)
        data = _pread(self.fd, size, self.offset + self.pos)
        self.pos += len(data)
        return data

    def seek(self, pos: int, whence: int = 0) -> int:
        self.pos = pos if whence == 0 else self.pos + pos if whence == 1 else self.length + pos
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readline(self) -> bytes:
        rest = self.read()
        line, newline, _ = rest.partition(b"\n")
        self.pos -= len(rest) - len(line) - len(newline)
        return line + newline

    def close(self) -> None:
        if self.owner:
            os.close(self.fd)
            self.owner = False


class PositionalFile(StructFile):
    """A ``StructFile`` whose reads are one ``os.pread`` each. Whoosh's own reads a compound
    segment's inner files through a ``seek`` and a buffered ``read`` on the one shared file
    object (two calls through three Python layers, hundreds of times a search); its ranges
    (``subset``, which a compound segment opens its files with) share the file descriptor,
    which only the file opened from the storage closes."""

    @classmethod
    def open(cls, path: str, name=None, onclose=None) -> "PositionalFile":
        fd = os.open(path, os.O_RDONLY)
        return cls(_Range(fd, 0, os.fstat(fd).st_size, owner=True), name=name, onclose=onclose)

    def subset(self, offset, length, name=None):
        whole = self.file
        return PositionalFile(_Range(whole.fd, whole.offset + offset, length, owner=False),
                              name=name or self._name)

    def get(self, position, length):
        return _pread(self.file.fd, min(length, max(0, self.file.length - position)),
                      self.file.offset + position)


def _pread(fd: int, size: int, offset: int) -> bytes:
    """``size`` bytes at ``offset``, fewer only at the end of the file (one ``pread`` returns
    at most 2 GB on Linux)."""
    data = os.pread(fd, size, offset)
    while 0 < len(data) < size:
        more = os.pread(fd, size - len(data), offset + len(data))
        if not more:
            break
        data += more
    return data


CHECKSUM_EXT = ".crc32"


def checksum_name(segment) -> str:
    """Where a segment's checksum lives: a file of the segment, so Whoosh keeps it while the
    segment is current and deletes it with the segment."""
    return segment.make_filename(CHECKSUM_EXT)


def file_crc32(storage: FileStorage, name: str) -> int:
    crc = 0
    with open(os.path.join(storage.folder, name), "rb") as handle:
        while block := handle.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc


def write_checksums(storage: FileStorage, segments) -> None:
    """Record the CRC-32 of each compound segment file that has none yet (the segments this run
    wrote), before the TOC naming them is published; ``searcher check`` compares them."""
    for segment in segments:
        name = checksum_name(segment)
        if segment.is_compound() and not storage.file_exists(name):
            crc = file_crc32(storage, segment.make_filename(".seg"))
            with storage.create_file(name) as stream:
                stream.write(b"%08x\n" % crc)


def remove_unpublished(storage: FileStorage, indexname: str = _DEF_INDEX_NAME) -> None:
    """Delete what an abandoned run left: segment files and TOCs that the current TOC does not
    name, temporary TOCs and the writer's scratch folder. Call it holding the write lock."""
    generation = TOC._latest_generation(storage, indexname)
    if generation >= 0:
        toc = TOC.read(storage, indexname, generation)
        clean_files(storage, indexname, generation, toc.segments)
    for name in storage.list():
        if _TEMPORARY.match(name):
            path = os.path.join(storage.folder, name)
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.remove(path)
                except OSError:
                    pass
