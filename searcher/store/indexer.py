"""Build and update the index: read -> analyse in worker processes -> one Whoosh writer (or,
when every article comes from the analysis cache into an empty index, a writer per part, each
writing a segment that the run's writer publishes with its own: ``_write_part``).

Runs are incremental (a content fingerprint per article decides added / updated / unchanged /
removed) and atomic: Whoosh only publishes a new table of contents at ``commit()``, so a run that
fails or is killed half way leaves the previous index whole and searchable. What analysing an
article produced is kept in the analysis cache beside the index (``analysis_cache``): an article
analysed before by the same code is not sent to the workers again, on any run (``--rebuild``).
"""
from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.util.filelock import try_for
from whoosh.writing import CLEAR

from ..extract import EXTRACTION_ID, extract
from ..identity import code_identity
from ..facets import DATE_RANGE, FACETS
from ..ingest.reader import UnchangedFile, file_digest, iter_articles
from .. import model
from ..model import Article, Extraction, ReadError
from ..text import fingerprint as copy_key_code
from ..text.terms import analysis_id, index_terms, index_terms_with_prefix
from . import analysis_cache, docvalues
from .analysis_cache import AnalysisCache
from .durable import DurableStorage
from .codec import is_compact
from .health import first_damage, is_permission_error, reason
from .schema import (ANALYSIS_FIELD, CARD_FIELD, COPY_KEYS_FIELD, TEXT_FIELDS, analysis_identity,
                     build_schema, pack_card, schema_changed)
from .whoosh_internals import BUFFER_MB, BulkWriter, discard_run, open_writer

# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 32
# A run that writes at least this many articles, every one from the analysis cache, into an
# empty index (a --rebuild, a change of schema or ranking) splits them between this process and
# forked writers, one segment each, published together (see ``_write_part``).
PARALLEL_WRITE_THRESHOLD = 2000
# At most this many parts however many cores: each part is a segment every search then reads.
MAX_WRITE_PARTS = 4
# The longest article in the 35k-article news corpus has 37k characters. Analysing a runaway
# file (a whole site dump in one .txt) would stall the run for minutes: such articles are skipped.
MAX_ARTICLE_CHARS = 1_000_000
_LINE_SUFFIX = re.compile(r":\d+$")
LEAD_CHARS = 600
# Index bytes written per byte of article text, with room to spare (the 34,870-article corpus:
# 123 MB of text, a 221 MB index in four segments, a 167 MB analysis cache); free space is
# checked before a run of at least SPACE_CHECK_BYTES of text.
INDEX_BYTES_PER_TEXT_BYTE = 4
SPACE_CHECK_BYTES = 1_000_000
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


class IndexError_(Exception):
    """An index run that cannot start (locked index, unusable directory)."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[ReadError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the run did besides indexing
    analysed: int = 0  # articles analysed (segmented) by this run
    reused: int = 0  # articles whose analysis came from the analysis cache

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, failed {self.failed}"
        )


def fingerprint(article: Article) -> str:
    payload = [analysis_id(), EXTRACTION_ID, article.title, article.body, article.captions,
               article.summary, article.url, article.published, article.published_from]
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def source_file(source: str) -> str:
    """The file an article or error came from (JSONL sources carry a ":LINE" suffix)."""
    return _LINE_SUFFIX.sub("", source)


def date_key(date: str | None) -> int:
    """Sort key: YYYYMMDD for a full date, MMDD when only day and month are known, else 0."""
    if not date:
        return 0
    digits = date.lstrip("-").replace("-", "")
    return int(digits) if digits.isdigit() else 0


def lead(article: Article) -> str:
    """What an article opens with: its summary and first paragraph (at most ``LEAD_CHARS``)."""
    first = article.body.split("\n\n", 1)[0]
    return "\n\n".join(filter(None, [article.summary, first]))[:LEAD_CHARS]


Terms = dict[str, dict[str, int]]  # text field -> term -> count


def analysis_of(article: Article) -> tuple[Terms, Extraction, bytes]:
    """The expensive part of indexing an article, run by the workers and kept in the analysis
    cache: the terms of each text field (segmentation), the extraction and the copy keys."""
    extraction = extract(article)
    body = f"{article.summary}\n\n{article.body}" if article.summary else article.body
    body_terms, lead_terms = index_terms_with_prefix(body, lead(article))  # the lead opens it
    terms = {
        "title": index_terms(article.title),
        "lead": lead_terms,
        "captions": index_terms("\n".join(article.captions)),
        "body": body_terms,
    }
    return terms, extraction, docvalues.pack_copy_keys(article.body, article.title)


def document(article: Article, terms: Terms, extraction: Extraction, copy_keys: bytes,
             print_: str | None = None) -> dict:
    """The fields of one document, from the article and its analysis (cheap)."""
    data = {
        "title": article.title,
        "body": article.body,
        "captions": article.captions,
        "summary": article.summary,
        "url": article.url,
        "published": article.published,
        "published_from": article.published_from,
        **dataclasses.asdict(extraction),  # date, year and every facet's stored values
    }
    return {
        "id": article.id,
        "fingerprint": print_ or fingerprint(article),
        "source": source_file(article.source),
        ANALYSIS_FIELD: _IDENTITY,
        **terms,
        **{facet.name: facet.values(extraction) for facet in FACETS},
        DATE_RANGE.field: date_key(extraction.date),
        "data": data,
        COPY_KEYS_FIELD: copy_keys,
        CARD_FIELD: pack_card(article.title, article.url, extraction.date, article.published),
    }


def analyse(article: Article) -> dict:
    """All fields of one document."""
    return document(article, *analysis_of(article))


_IDENTITY = analysis_identity()
# A file's digest stands for its articles only while the reader and the analysis are the same.
_FILES_IDENTITY = code_identity("searcher.ingest", _IDENTITY, "index fingerprint 1")
# What else shapes a cached analysis besides the analysis and extraction identities.
CACHE_IDENTITY = analysis_cache.cache_identity(_IDENTITY, analysis_of, lead, LEAD_CHARS, model,
                                                docvalues.pack_copy_keys, copy_key_code)


def open_or_create(index_dir: Path, storage_class=DurableStorage):
    index_dir.mkdir(parents=True, exist_ok=True)
    storage = storage_class(str(index_dir))
    if storage.index_exists():
        return storage.open_index()
    return storage.create_index(build_schema())


def set_aside_damaged(index_dir: Path, damage, storage_class, lock_timeout: float) -> str:
    """Move a damaged index's files into ``damaged-<time>/`` inside it (kept for inspection, not
    deleted) and start an empty index, holding the write lock; return a note saying so."""
    storage = storage_class(str(index_dir))
    lock = storage.lock(f"{whoosh_index._DEF_INDEX_NAME}_WRITELOCK")
    if not try_for(lock.acquire, timeout=lock_timeout, delay=0.1):
        raise IndexError_(f"index {index_dir} is locked by another indexing run "
                          f"(waited {lock_timeout:g} s)")
    try:
        generation = whoosh_index.TOC._latest_generation(storage, whoosh_index._DEF_INDEX_NAME)
        aside = index_dir / time.strftime("damaged-%Y%m%d-%H%M%S")
        aside.mkdir()
        for name in os.listdir(index_dir):
            if name.startswith(("_MAIN_", "MAIN_")) and name != "MAIN_WRITELOCK" \
                    and (index_dir / name).is_file():
                os.replace(index_dir / name, aside / name)
        storage.sync_dir()
        # The next generation number, so a server holding the damaged one sees a newer index.
        whoosh_index.TOC(build_schema(), [], generation + 1).write(storage, whoosh_index._DEF_INDEX_NAME)
    finally:
        lock.release()
    return (f"{index_dir} was damaged ({damage}); its files were moved to {aside} "
            f"and the index was rebuilt from the articles")


def disk_full_message(index_dir: Path, needed: int) -> str:
    free = shutil.disk_usage(index_dir).free
    return (f"the disk holding {index_dir}/ is full ({_mb(needed)} MB needed, {_mb(free)} MB free); "
            f"the previous index is intact")


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f}" if size >= 10e6 else f"{size / 1e6:.1f}"


def _text_bytes(article: Article) -> int:
    return len(article.title.encode()) + len(article.body.encode()) \
        + len((article.summary or "").encode()) + sum(len(c.encode()) for c in article.captions)


def _indexed(reader) -> dict[str, tuple[str, str]]:
    """id -> (fingerprint, source file) of every live document, read from columns (fast)."""
    if reader.doc_count() == 0:
        return {}
    ids = reader.column_reader("id")
    prints = reader.column_reader("fingerprint")
    sources = reader.column_reader("source")
    return {ids[n]: (prints[n], sources[n]) for n in reader.all_doc_ids()}


def _analyse_chunk(chunk: list[tuple[Article, str]], encode_for: str | None
                   ) -> list[tuple[dict, bytes | None]]:
    """The documents of a few articles (with their fingerprints), each with its analysis cache
    entry when ``encode_for`` names the cache's identity (run in a worker process)."""
    results = []
    for article, print_ in chunk:
        terms, extraction, copy_keys = analysis_of(article)
        doc = document(article, terms, extraction, copy_keys, print_)
        value = None
        if encode_for is not None:
            value = analysis_cache.encode(analysis_cache.entry_key(encode_for, print_), terms,
                                          (extraction, copy_keys))
        results.append((doc, value))
    return results


class _Analysts:
    """Analyses articles in worker processes (ended on ``close``), on a dask.distributed
    cluster (``dask``: the scheduler's address; the same code path for one machine or many),
    or, with one worker, in this process. At most ``IN_FLIGHT`` chunks per worker are out at a
    time, so the articles held in memory stay few however large the run. Local workers are
    forked while this process is small: by the run before it reads its plan (``pool``, see
    ``_fork_workers``), else here, before the writer holds postings."""

    CHUNK, IN_FLIGHT = 16, 4

    def __init__(self, workers: int, encode_for: str | None, dask: str | None = None,
                 pool=None):
        self.workers, self.encode_for = workers, encode_for
        self.pool = self.client = None
        if dask:
            try:
                from distributed import Client
            except ImportError:
                raise IndexError_("--dask needs the dask.distributed package: "
                                  "pip install 'searcher[cluster]'") from None
            try:
                self.client = Client(dask, timeout=10)
            except (OSError, TimeoutError) as exc:
                raise IndexError_(f"cannot reach the dask scheduler at {dask} ({exc})") from None
            self.workers = max(1, sum(self.client.nthreads().values()))
        elif pool is not None:
            self.pool = pool
        elif workers > 1:
            self.pool = _fork_workers(workers)
        self.chunk: list[tuple[Article, str]] = []
        self.out: deque = deque()

    def add(self, article: Article, print_: str) -> Iterator[tuple[dict, bytes | None]]:
        """Queue an article; yields the results that are done (waits when too many are out)."""
        self.chunk.append((article, print_))
        if len(self.chunk) >= self.CHUNK:
            yield from self._send()
        yield from self.done()

    def _send(self) -> Iterator[tuple[dict, bytes | None]]:
        chunk, self.chunk = self.chunk, []
        if self.pool is None and self.client is None:
            yield from _analyse_chunk(chunk, self.encode_for)
            return
        while len(self.out) >= self.workers * self.IN_FLIGHT:
            yield from self._result(self.out.popleft())
        if self.client is not None:
            self.out.append(self.client.submit(_analyse_chunk, chunk, self.encode_for, pure=False))
        else:
            self.out.append(self.pool.apply_async(_analyse_chunk, (chunk, self.encode_for)))

    def _result(self, pending) -> list[tuple[dict, bytes | None]]:
        return pending.result() if self.client is not None else pending.get()

    def done(self) -> Iterator[tuple[dict, bytes | None]]:
        """The results ready now, in the order the chunks were sent."""
        while self.out and (self.out[0].done() if self.client is not None else self.out[0].ready()):
            yield from self._result(self.out.popleft())

    def finish(self) -> Iterator[tuple[dict, bytes | None]]:
        """Every remaining result."""
        if self.chunk:
            yield from self._send()
        while self.out:
            yield from self._result(self.out.popleft())

    def end_workers(self) -> Iterator[tuple[dict, bytes | None]]:
        """Every remaining result; then the local workers end, so that their memory is not held
        while the run writes what the cache already has, and anything still to analyse is
        analysed in this process."""
        yield from self.finish()
        if self.pool is not None:
            self.close()
            self.pool, self.workers = None, 1

    def close(self) -> None:
        if self.pool is not None:
            _end_pool(self.pool)
        if self.client is not None:
            for pending in self.out:
                pending.cancel()
            self.client.close()


def _fork_workers(workers: int):
    """A pool of ``workers`` analysis processes, forked from this one: each shares the pages
    this process holds now, which a summed RSS counts once per process."""
    return multiprocessing.get_context("fork").Pool(workers)


def _end_pool(pool) -> None:
    pool.terminate()
    pool.join()


def analysed_documents(todo: Iterable[tuple[Article, str]], workers: int,
                       cache: AnalysisCache | None, report: IndexReport,
                       dask: str | None = None, to_analyse: int | None = None,
                       pool=None) -> Iterator[dict]:
    """The documents of the articles of ``todo`` (each with its fingerprint), in no set order:
    from the analysis cache where it has them, the others analysed (by workers while this
    process adds the cached ones) and stored in the cache. ``to_analyse``: how many texts of
    ``todo`` the cache lacks; the workers end once they have had them all (new texts that come
    first, as in an archive re-imported with a few new articles at its head). ``pool``: the
    workers, forked already (``_fork_workers``)."""
    analysts = _Analysts(workers, cache.identity if cache and cache.writable else None, dask,
                         pool)
    sent: set[str] = set()  # the texts given to the analysts

    def analysed(results) -> Iterator[dict]:
        for doc, value in results:
            report.analysed += 1
            if value is not None:
                cache.put(cache.key(doc["fingerprint"]), value)
            yield doc

    try:
        for article, print_ in todo:
            entry = cache.get(cache.key(print_)) if cache else None
            if entry is None:
                yield from analysed(analysts.add(article, print_))
                sent.add(print_)
                if len(sent) == to_analyse:
                    yield from analysed(analysts.end_workers())
                continue
            report.reused += 1
            terms, (extraction, copy_keys) = entry
            yield document(article, terms, extraction, copy_keys, print_)
            yield from analysed(analysts.done())
        yield from analysed(analysts.finish())
    finally:
        analysts.close()


def _write_part(writer_options: dict, schema, part: frozenset[str], articles: Iterable,
                index_dir: Path, identity: str, conn) -> None:
    """In a forked process: write the articles of ``part`` (ids) from the analysis cache as a
    segment aside, and send it back with how many documents it holds and how many were
    analysed again (an entry that does not read back), or the error that stopped it.

    A warm rebuild was one process writing, on one core: every article is one segment writer's
    work (terms numbered, fields stored, postings encoded at commit), so writers of their own
    parts share it out, as Lucene's per-thread writers do. Only the run's writer holds the
    index's lock and publishes the TOC: a part's segment is never visible on its own."""
    run = os.getppid()
    try:
        writer = open_writer(lock=False, **writer_options)
        writer.schema = schema
        cache = AnalysisCache.open(index_dir, identity, [], writable=False)
        counts = IndexReport()
        written = 0
        ours = ((article, print_) for article, print_ in articles if article.id in part)
        for doc in analysed_documents(ours, 1, cache, counts):
            if written % 256 == 0 and os.getppid() != run:  # the run was killed: nobody waits
                os._exit(1)
            writer.add_document(**doc)
            written += 1
        conn.send((writer.write_segment_aside(), written, counts.analysed))
    except BaseException as exc:  # noqa: BLE001 -- reported to the run, which stops
        conn.send((None, 0, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _finish_parts(writers: list, report: IndexReport) -> list:
    """The segments the part writers wrote, once each is done (their articles were counted as
    reused when they started: an entry that did not read back moves to ``analysed``);
    ``IndexError_`` if one failed or left out an article (the run then publishes nothing)."""
    segments = []
    while writers:
        part, process, conn = writers[0]
        try:
            segment, written, analysed = conn.recv()
        except EOFError:
            segment, written, analysed = None, 0, "it ended without an answer"
        conn.close()
        process.join()
        writers.pop(0)
        if segment is None or written != len(part):
            why = analysed if segment is None else f"{written} of {len(part)} articles written"
            raise IndexError_(f"a writer of part of the run failed ({why}); the previous index "
                              f"is intact")
        report.analysed += analysed
        report.reused -= analysed
        segments.append(segment)
    return segments


def _start_part_writer(writer_options: dict, schema, part: frozenset[str], plan: "_Plan", paths,
                       index_dir: Path, identity: str):
    """Fork a writer of ``part`` (``_write_part``); return (part, process, its connection)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_write_part, daemon=True, args=(
        writer_options, schema, part, plan.articles(paths), index_dir, identity, send))
    process.start()
    send.close()
    return part, process, receive


def _parts(ids: list[str], count: int) -> list[frozenset[str]]:
    """``ids`` in ``count`` consecutive parts of (nearly) equal size."""
    bounds = [len(ids) * i // count for i in range(count + 1)]
    return [frozenset(ids[bounds[i]:bounds[i + 1]]) for i in range(count)]


@dataclass
class _Plan:
    """What a run must do, from reading every input once. The articles to index are kept while
    their text stays under ``HOLD_BYTES`` (a small update is read once); past that they are
    read again, one at a time, as they are indexed, so memory does not grow with the run."""

    HOLD_BYTES = 64 << 20

    todo: dict[str, str] = field(default_factory=dict)  # id -> fingerprint, to (re)index
    held: list[tuple[Article, str]] | None = field(default_factory=list)
    text_bytes: int = 0  # of the articles to index
    prints: list[str] = field(default_factory=list)  # fingerprint of every article seen
    files: dict[str, str] = field(default_factory=dict)  # digest of each file read cleanly
    unchanged_files: set[str] = field(default_factory=set)

    def add(self, article: Article, print_: str, size: int) -> None:
        self.todo[article.id] = print_
        self.text_bytes += size
        if self.held is not None:
            self.held.append((article, print_))
            if self.text_bytes > self.HOLD_BYTES:
                self.held = None

    def articles(self, paths) -> Iterator[tuple[Article, str]]:
        """The articles to index, with their fingerprints (read again if not held)."""
        if self.held is not None:
            yield from self.held
            return
        todo = dict(self.todo)
        for item in iter_articles(paths, lambda path: str(path) in self.unchanged_files):
            if isinstance(item, Article) and item.id in todo:
                yield item, todo.pop(item.id)  # a duplicate id later in the inputs is skipped


def plan_run(paths, indexed: dict, known_files: dict[str, str], report: IndexReport
          ) -> tuple[_Plan, set[str]]:
    """Read every input; return the plan and every id seen. A file whose digest is in
    ``known_files`` (every article of it indexed, unchanged, by the last run) is not read: its
    articles are those the index holds from it."""
    plan = _Plan()
    first_source: dict[str, str] = {}
    from_file: dict[str, list[str]] = {}
    for doc_id, (_, source) in indexed.items():
        from_file.setdefault(source, []).append(doc_id)
    errors_before = len(report.errors)

    def unchanged(path: Path) -> bool:
        digest = plan.files[str(path)] = file_digest(path)
        return digest is not None and known_files.get(str(path)) == digest \
            and not any(doc_id in first_source for doc_id in from_file.get(str(path), ()))

    for item in iter_articles(paths, unchanged):
        if isinstance(item, UnchangedFile):
            plan.unchanged_files.add(item.path)
            for doc_id in from_file.get(item.path, ()):
                first_source[doc_id] = item.path
                plan.prints.append(indexed[doc_id][0])
                report.unchanged += 1
            continue
        if isinstance(item, ReadError):
            report.errors.append(item)
            continue
        if item.id in first_source:
            report.errors.append(ReadError(
                source_file(item.source), f"duplicate id {item.id!r} (first in {first_source[item.id]})",
                line=_line_of(item.source)))
            continue
        size = len(item.title) + len(item.body) + len(item.summary or "") \
            + sum(map(len, item.captions))
        if size > MAX_ARTICLE_CHARS:
            report.errors.append(ReadError(
                source_file(item.source),
                f"article {item.id!r} too large "
                f"({size:,} characters; the limit is {MAX_ARTICLE_CHARS:,})",
                line=_line_of(item.source)))
            continue
        first_source[item.id] = item.source
        print_ = fingerprint(item)
        plan.prints.append(print_)
        known = indexed.get(item.id)
        if known and known[0] == print_:
            report.unchanged += 1
        else:
            plan.add(item, print_, _text_bytes(item))
    for error in report.errors[errors_before:]:  # a file with errors is read again next time
        plan.files.pop(source_file(error.source), None)
    plan.files = {path: digest for path, digest in plan.files.items() if digest}
    return plan, set(first_source)


# The digests of the files a committed run read cleanly, beside the TOC of its generation: a
# later run with the same analysis does not read them again.
_FILES = "files-{generation}.json"


def _known_files(index_dir: Path, ix) -> dict[str, str]:
    path = index_dir / _FILES.format(generation=ix.latest_generation())
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved["files"] if saved.get("identity") == _FILES_IDENTITY else {}


def _save_files(index_dir: Path, generation: int, files: dict[str, str]) -> None:
    """Written (and synced) before the TOC of ``generation``: a run that fails to commit
    leaves a file no TOC names, which the next commit removes."""
    path = index_dir / _FILES.format(generation=generation)
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"identity": _FILES_IDENTITY, "files": files}, out, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())


# Files written for one generation beside its TOC (the files read, the groups of copies, the
# merged facet values).
_GENERATION_FILES = (_FILES, docvalues.COPIES_FILE, docvalues.MERGES_FILE)


def _remove_generation_files(index_dir: Path, keep: int | None = None,
                             only: int | None = None) -> None:
    """Delete the per-generation files of every generation but ``keep`` (or of ``only``)."""
    for pattern in _GENERATION_FILES:
        for path in index_dir.glob(pattern.format(generation="*")):
            if only is not None and path.name != pattern.format(generation=only):
                continue
            if keep is None or path.name != pattern.format(generation=keep):
                path.unlink(missing_ok=True)


def _line_of(source: str) -> int | None:
    match = _LINE_SUFFIX.search(source)
    return int(match.group()[1:]) if match else None


def index_paths(
    paths: Iterable[str | Path],
    index_dir: str | Path,
    rebuild: bool = False,
    progress: bool = False,
    lock_timeout: float = 30.0,
    workers: int | None = None,
    storage_class=DurableStorage,
    cache: bool = True,
    buffer_mb: float | None = None,
    dask: str | None = None,
) -> IndexReport:
    """Bring the index in ``index_dir`` in line with the articles under ``paths``.

    A damaged index is set aside and rebuilt; a full disk or a directory that cannot be written
    ends the run with ``IndexError_``, its partial files removed, the previous index intact.
    ``cache=False`` neither reads nor writes the analysis cache (every article is analysed).
    ``buffer_mb``: postings held in memory before they are spilled to a scratch file (default
    ``BUFFER_MB``). ``dask``: analyse on the dask.distributed cluster whose scheduler is at
    this address instead of in local worker processes."""
    index_dir = Path(index_dir)
    report = IndexReport()
    needed = [0]
    try:
        damage = first_damage(index_dir, checksums=True) if index_dir.is_dir() else None
        if damage is not None:
            if not damage.file:  # the directory itself: unreadable, not damaged
                raise IndexError_(f"cannot use {index_dir}: {damage}")
            report.notes.append(set_aside_damaged(index_dir, damage, storage_class, lock_timeout))
            rebuild = True
        return _run(paths, index_dir, rebuild, progress, lock_timeout, workers, storage_class,
                    report, needed, cache, buffer_mb, dask)
    except OSError as exc:
        if exc.errno in _NO_SPACE:
            raise IndexError_(disk_full_message(index_dir, needed[0])) from None
        if is_permission_error(exc):
            writable = os.access(index_dir, os.W_OK) or \
                (not os.access(index_dir, os.F_OK) and os.access(index_dir.parent, os.W_OK))
            what = f"read {exc.filename}" if writable and exc.filename else f"write to {index_dir}"
            raise IndexError_(f"cannot {what} ({reason(exc)}); the previous index is intact") from None
        raise


def _run(paths, index_dir: Path, rebuild: bool, progress: bool, lock_timeout: float,
         workers: int | None, storage_class, report: IndexReport, needed: list[int],
         use_cache: bool, buffer_mb: float | None, dask: str | None) -> IndexReport:
    ix = open_or_create(index_dir, storage_class)
    # An index written with another codec is rewritten whole (from the analysis cache).
    rebuild = rebuild or schema_changed(ix.schema, build_schema()) or not is_compact(ix)
    try:
        writer_options = dict(ix=ix, bulk_fields=TEXT_FIELDS, timeout=lock_timeout,
                              buffer_mb=buffer_mb or BUFFER_MB,
                              letter_terms_field=docvalues.VOCABULARY_FIELD,
                              term_prefixes=docvalues.PERSON_NAME_PREFIXES)
        writer = open_writer(**writer_options)
    except whoosh_index.LockError:
        raise IndexError_(
            f"index {index_dir} is locked by another indexing run (waited {lock_timeout:g} s)"
        ) from None
    writers: list = []  # (part, process, connection) of each forked writer still running
    workers = workers or os.cpu_count() or 1
    # Forked before the plan is read, while this process is small: the plan of 348,700
    # articles (their ids and fingerprints) was otherwise in each worker's pages too (140 MB).
    pool = _fork_workers(workers) if workers > 1 and dask is None else None
    try:
        if rebuild:
            writer.schema = build_schema()  # published with the new TOC at commit, atomically
        indexed = {} if rebuild else _indexed(writer.reader())
        known_files = {} if rebuild else _known_files(index_dir, ix)
        plan, seen = plan_run(paths, indexed, known_files, report)
        text = plan.text_bytes
        needed[0] = text * INDEX_BYTES_PER_TEXT_BYTE + 1_000_000
        free = shutil.disk_usage(index_dir).free
        if text >= SPACE_CHECK_BYTES and needed[0] > free:
            raise OSError(errno.ENOSPC, "estimated before the run")
        failed_files = {source_file(e.source) for e in report.errors}
        gone = [doc_id for doc_id, (_, source) in indexed.items()
                if doc_id not in seen and source not in failed_files]
        kept = sum(1 for doc_id in indexed if doc_id not in seen) - len(gone)  # unreadable files
        # Every old article replaced or removed (new analysis code re-indexes them all): start
        # from empty segments, as a rebuild does, instead of deleting article by article.
        replace_all = bool(indexed) and report.unchanged == 0 and kept == 0
        deleter = None if rebuild or replace_all else writer.searcher()  # one reader for all deletes
        cache = None
        if use_cache and (plan.todo or gone):
            # Never at the index's expense: on a nearly full disk the cache is only read.
            room = free >= needed[0] + text * analysis_cache.CACHE_BYTES_PER_TEXT_BYTE
            if not room and plan.todo:
                report.notes.append(f"the disk holding {index_dir}/ is nearly full: the analysis "
                                    f"cache was not extended")
            cache = AnalysisCache.open(index_dir, CACHE_IDENTITY, report.notes, writable=room)
        try:
            bar = tqdm(total=len(plan.todo), unit="article", disable=not progress,
                       dynamic_ncols=True)
            if len(plan.todo) < PARALLEL_THRESHOLD:
                workers = 1
            articles = plan.articles(paths)
            to_analyse = None if cache is None or workers == 1 else \
                cache.missing(cache.key(p) for p in plan.todo.values())
            if pool is not None and (workers == 1 or to_analyse == 0):
                _end_pool(pool)  # nothing for them: ended before a part's writer is forked
                pool = None
            if deleter is None and to_analyse == 0 and dask is None \
                    and len(plan.todo) >= PARALLEL_WRITE_THRESHOLD \
                    and isinstance(writer, BulkWriter):
                mine, *others = _parts(list(plan.todo), min(workers, MAX_WRITE_PARTS))
                for part in others:
                    writers.append(_start_part_writer(writer_options, writer.schema, part, plan,
                                                      paths, index_dir, cache.identity))
                    updated = sum(1 for doc_id in part if doc_id in indexed)
                    report.updated += updated
                    report.added += len(part) - updated
                    report.reused += len(part)
                writer.segments_aside = partial(_finish_parts, writers, report)
                articles = ((article, print_) for article, print_ in articles if article.id in mine)
                bar.total = len(mine)
            if to_analyse == 0:
                workers = 1  # nothing to analyse: no workers
            for doc in analysed_documents(articles, workers, cache, report, dask, to_analyse,
                                          pool):
                if doc["id"] in indexed:
                    if deleter is not None:
                        writer.delete_by_term("id", doc["id"], searcher=deleter)
                    report.updated += 1
                else:
                    report.added += 1
                writer.add_document(**doc)
                bar.update()
            bar.close()
            for doc_id in gone:
                if deleter is not None:
                    writer.delete_by_term("id", doc_id, searcher=deleter)
                report.removed += 1
            if cache is not None:  # before the commit, holding the index's lock
                live = (cache.key(p) for p in plan.prints) if kept == 0 else None
                cache.finish(live, {"analysed": report.analysed, "reused": report.reused})
        finally:
            if cache is not None:
                cache.close()
        if rebuild or report.added or report.updated or report.removed:
            _save_files(index_dir, writer.generation, plan.files)
            writer.commit(mergetype=CLEAR if rebuild or replace_all else None)
            _remove_generation_files(index_dir, keep=writer.generation)
        else:
            if plan.files != known_files:  # first seen whole at this generation
                _save_files(index_dir, ix.latest_generation(), plan.files)
            # Nothing to index: an index from before columns were stored gets them (holding
            # the lock), so its searches open fast without a rebuild.
            docvalues.write_missing(writer.storage, writer.schema, writer.segments)
            if isinstance(writer.storage, DurableStorage):
                writer.storage.sync_dir()
            discard_run(writer)
        return report
    except BaseException:
        if pool is not None:
            _end_pool(pool)
        for _, process, _ in writers:  # the run stopped: so do the writers of its parts
            process.terminate()
            process.join()
        discard_run(writer)
        _remove_generation_files(index_dir, only=writer.generation)
        raise
