"""The analysis cache: what analysing an article produced, kept next to the index for the next run.

Segmentation is most of an index run. The indexer keeps each article's analysis (the term counts
of its text fields and its extraction) in ``<index>/analysis-cache.sqlite``, so a ``--rebuild``,
a schema change or a change of ranking re-uses it and only new or changed text is segmented.

* **Key**: SHA-1 of the cache identity and the article's fingerprint (its text, captions, summary,
  URL and date, with the analysis and extraction identities: ``indexer.fingerprint``). The cache
  identity names the code that produced the value beyond those (the indexer's ``analysis_of``
  and ``lead``, ``searcher.model``, the copy keys' code, this module's format), so any change of analysis or
  extraction code, underthesea's version, the gazetteer or the word lists misses.
* **Value**: zlib over a pickle of the key (checked on reading) and, per field, its terms sorted
  and joined by newlines beside their counts as a byte array, plus what the indexer adds (the
  extraction and the body's copy keys): about 1.2x
  the article's UTF-8 text (the file, with SQLite's pages and key index, 1.3x). A value that
  does not decompress, unpickle or name its own key is a miss: the article is analysed again
  and its entry replaced.
* **Bounded**: at the end of a run whose inputs were all read, entries no article of the run
  used (changed, removed, or analysed by other code) are deleted and the file gives the pages
  back (``auto_vacuum=INCREMENTAL``). On a disk without room for both the index's and the
  cache's growth, the indexer only reads the cache.
* **Never needed for correctness**: a file that is not a database, or damaged, is removed and
  started afresh (the run says so in one line); a cache that cannot be opened or written at all
  is left alone and the run analyses every article. It is written outside the index's table of
  contents and is no part of its commit; the index's own atomicity and durability are unchanged.
  SQLite's rollback journal makes each batch of entries atomic: a killed run leaves the entries
  of its completed batches. One run writes at a time: the indexer holds the index's write lock.

The values are pickles, read back only from this file inside the index directory (the index's
own table of contents is a pickle too): the same trust as the index itself.
"""
from __future__ import annotations

import ast
import hashlib
import inspect
import json
import os
import pickle
import sqlite3
import sys
import zlib
from array import array
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..identity import _without_docstrings

FILE_NAME = "analysis-cache.sqlite"
FORMAT = 1  # of the values; another format empties the cache
# A batch of new entries is committed (one transaction) when it holds this many bytes, so a
# run killed half way keeps most of what it analysed, and commits stay few.
BATCH_BYTES = 16 << 20
# Bytes of cache per byte of article text (values ~1.2x, SQLite pages and the key index).
CACHE_BYTES_PER_TEXT_BYTE = 1.5
_SEP = "\n"
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def code_digest(*parts) -> str:
    """A short hash of functions' or modules' syntax trees (docstrings and comments left out)
    and of any other values given (constants)."""
    digest = hashlib.sha256()
    for part in parts:
        if inspect.isfunction(part) or inspect.ismodule(part):
            tree = _without_docstrings(ast.parse(inspect.getsource(part)))
            digest.update(ast.dump(tree).encode())
        else:
            digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cache_identity(*parts) -> str:
    """The identity of cached values: the given parts, the value format and the byte order."""
    return code_digest(*parts, FORMAT, sys.byteorder)


def entry_key(identity: str, fingerprint: str) -> bytes:
    return hashlib.sha1(f"{identity}\0{fingerprint}".encode()).digest()


# --- values -------------------------------------------------------------------------------------

def encode(key: bytes, terms: dict[str, dict[str, int]], extra) -> bytes:
    """A compact value: per field, sorted terms joined by newlines and their counts as an array
    (a field whose terms could not be joined that way is pickled as it is)."""
    fields = []
    for name, counts in terms.items():
        words = sorted(counts)
        joined = _SEP.join(words)
        if "" in counts or joined.count(_SEP) != max(len(words) - 1, 0):
            fields.append((name, None, None, dict(counts)))
            continue
        values = [counts[w] for w in words]
        top = max(values, default=0)
        code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I"
        fields.append((name, joined, code, array(code, values).tobytes()))
    return zlib.compress(pickle.dumps((FORMAT, key, fields, extra), protocol=5), 6)


class TermCounts(Mapping):
    """One field's term counts as a value keeps them: the terms in order and their counts as an
    ``array("I")``. The index writer reads the terms, then ``values()``, with no dictionary
    made (a warm rebuild made 33 M entries of them at 35k articles); one is made if a term is
    looked up."""

    __slots__ = ("terms", "counts", "_lookup")

    def __init__(self, terms: list[str], counts: array):
        self.terms, self.counts, self._lookup = terms, counts, None

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, term: str) -> int:
        if self._lookup is None:
            self._lookup = dict(zip(self.terms, self.counts))
        return self._lookup[term]

    def values(self) -> array:  # type: ignore[override]
        return self.counts


def decode(key: bytes, value: bytes) -> tuple[dict[str, Mapping[str, int]], object]:
    """(terms per field, extra) of a value; raises ``ValueError`` for one that is not whole or
    belongs to another key."""
    try:
        version, stored_key, fields, extra = pickle.loads(zlib.decompress(value))
        if version != FORMAT or stored_key != key:
            raise ValueError("the entry belongs to another key or format")
        terms = {}
        for name, joined, code, data in fields:
            if joined is None:
                terms[name] = data
            elif joined:
                words = joined.split(_SEP)
                counts = np.frombuffer(data, dtype=code)
                if len(words) != len(counts):
                    raise ValueError("terms and counts differ in number")
                terms[name] = TermCounts(words, array("I", counts.astype(np.uint32).tobytes()))
            else:
                terms[name] = {}
        return terms, extra
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 -- a damaged value raises anything unpickling raises
        raise ValueError(f"unreadable entry ({type(exc).__name__})") from None


# --- the file ---------------------------------------------------------------------------------

@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One transaction (the connection is in autocommit mode: ``with db:`` would not open one)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolled back by itself (a full disk)
        raise
    db.execute("COMMIT")


def _is_corrupt(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT
    text = str(exc)
    return "not a database" in text or "malformed" in text


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]


def remove_files(path: Path) -> None:
    """Delete a cache file and whatever SQLite keeps beside it."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass


class AnalysisCache:
    """The cache of one index run (see module doc). Every method swallows SQLite's errors: after
    one, the cache stops being read or written (as the error requires) and ``notes`` says so once.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, identity: str, writable: bool,
                 notes: list[str]):
        self.db = db
        self.path = path
        self.identity = identity
        self.writable = writable
        self.readable = True
        self.notes = notes
        self.pending: list[tuple[bytes, bytes]] = []
        self.pending_bytes = 0
        self.stored = 0
        self.pruned = 0

    # opening

    @classmethod
    def open(cls, index_dir: Path, identity: str, notes: list[str],
             writable: bool = True) -> AnalysisCache | None:
        """The cache of ``index_dir``; None when there is none to read (``writable=False`` and no
        file) or it cannot be used. A damaged file is removed and started afresh when writable."""
        path = Path(index_dir) / FILE_NAME
        if not writable and not path.exists():
            return None
        try:
            return cls(_connect(path, writable), path, identity, writable, notes)
        except sqlite3.Error as exc:
            if not (_is_corrupt(exc) and writable):
                notes.append(f"the analysis cache {path} cannot be used ({_why(exc)}); "
                             f"every article was analysed")
                return None
            why = _why(exc)
        try:
            remove_files(path)
            cache = cls(_connect(path, True), path, identity, True, notes)
        except (OSError, sqlite3.Error) as exc:
            notes.append(f"the analysis cache {path} is damaged ({why}) and could not be "
                         f"replaced ({_why(exc)}); every article was analysed")
            return None
        notes.append(f"the analysis cache {path} was damaged ({why}); it was started afresh")
        return cache

    def key(self, fingerprint: str) -> bytes:
        return entry_key(self.identity, fingerprint)

    # reading

    def get(self, key: bytes):
        """The decoded entry for ``key`` (``(terms, extra)``), or None (missing or unreadable)."""
        if not self.readable:
            return None
        try:
            row = self.db.execute("SELECT value FROM analysis WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return None
        if row is None:
            return None
        try:
            return decode(key, row[0])
        except ValueError:
            return None  # analysed again, and replaced

    def missing(self, keys: Iterable[bytes]) -> int:
        """How many of these keys (each counted once: articles of one text share an entry) the
        cache has no entry for, whole or not; all of them if it cannot be read."""
        keys = list(set(keys))
        if not self.readable:
            return len(keys)
        found = 0
        try:
            for start in range(0, len(keys), 500):
                batch = keys[start:start + 500]
                found += self.db.execute(
                    f"SELECT count(*) FROM analysis WHERE key IN ({','.join('?' * len(batch))})",
                    batch).fetchone()[0]
        except sqlite3.Error as exc:
            self._failed(exc, "read")
            return len(keys)
        return len(keys) - found

    # writing

    def put(self, key: bytes, value: bytes) -> None:
        if not self.writable:
            return
        self.pending.append((key, value))
        self.pending_bytes += len(value)
        if self.pending_bytes >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Commit the pending entries (one transaction)."""
        if not self.pending or not self.writable:
            self.pending, self.pending_bytes = [], 0
            return
        batch, self.pending, self.pending_bytes = self.pending, [], 0
        try:
            with _transaction(self.db):
                self.db.executemany("INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)",
                                    batch)
            self.stored += len(batch)
        except sqlite3.Error as exc:
            self._failed(exc, "written")

    def finish(self, live: Iterable[bytes] | None, stats: dict) -> None:
        """Commit what is pending; with ``live`` (the keys of every article of a run that read
        all its inputs), delete every other entry and give their pages back. Records ``stats``
        (with what this run stored and pruned) as the last run's."""
        self.flush()
        if not self.writable:
            return
        try:
            if live is not None:
                with _transaction(self.db):
                    self.db.execute("CREATE TEMP TABLE live (key BLOB PRIMARY KEY) WITHOUT ROWID")
                    self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)",
                                        ((k,) for k in live))
                    self.pruned = self.db.execute(
                        "DELETE FROM analysis WHERE key NOT IN (SELECT key FROM live)").rowcount
                    self.db.execute("DROP TABLE live")
                if self.pruned:
                    self.db.execute("PRAGMA incremental_vacuum")
            entries = self.db.execute("SELECT count(*) FROM analysis").fetchone()[0]
            record = {**stats, "stored": self.stored, "pruned": self.pruned, "entries": entries}
            with _transaction(self.db):
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('last_run', ?)",
                                (json.dumps(record),))
        except sqlite3.Error as exc:
            self._failed(exc, "written")

    def close(self) -> None:
        """Close without committing what is pending (a failed run)."""
        self.pending = []
        try:
            self.db.close()
        except sqlite3.Error:
            pass

    def _failed(self, exc: sqlite3.Error, what: str) -> None:
        corrupt = _is_corrupt(exc)
        if corrupt:  # removed once this run is over, so the next one starts afresh
            self.readable = False
        if what == "read":
            self.readable = False
        self.writable = False
        self.pending, self.pending_bytes = [], 0
        if corrupt:
            self.notes.append(f"the analysis cache {self.path} is damaged ({_why(exc)}); it was "
                              f"not used further and will be started afresh")
            try:
                self.db.close()
                remove_files(self.path)
            except (OSError, sqlite3.Error):
                pass
        else:
            self.notes.append(f"the analysis cache {self.path} could not be {what} "
                              f"({_why(exc)}); it was not used further")


def _connect(path: Path, writable: bool) -> sqlite3.Connection:
    if not writable:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        _check_format(db, writable=False)
        return db
    db = sqlite3.connect(str(path), isolation_level=None, timeout=5)
    try:
        # Page size and vacuum mode take effect only on a new file, before its first table.
        db.execute("PRAGMA page_size = 32768")
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")
        # A rollback journal, not WAL: new entries are appended once (WAL writes them twice), and
        # no -wal/-shm files stay beside the index between runs. FULL: whole after a power cut.
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        with _transaction(db):
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS analysis "
                       "(key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        _check_format(db, writable=True)
    except BaseException:
        db.close()
        raise
    return db


def _check_format(db: sqlite3.Connection, writable: bool) -> None:
    """Read the whole file header and schema (a damaged file fails here); a cache of another
    value format is emptied (or, read-only, raises)."""
    row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    if row is not None and row[0] == str(FORMAT):
        return
    if not writable:
        raise sqlite3.DatabaseError("another cache format")
    with _transaction(db):
        db.execute("DELETE FROM analysis")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (str(FORMAT),))


def last_run(index_dir: str | Path) -> dict | None:
    """What the last run that wrote the cache of ``index_dir`` recorded (``analysed``, ``reused``,
    ``stored``, ``pruned``, ``entries``), or None. For benchmarks and tests."""
    path = Path(index_dir) / FILE_NAME
    if not path.exists():
        return None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'last_run'").fetchone()
    finally:
        db.close()
    return json.loads(row[0]) if row else None
