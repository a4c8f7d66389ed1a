"""Build and update the index: read -> analyse in worker processes -> one Whoosh writer.

Runs are incremental (a content fingerprint per article decides added / updated / unchanged /
removed) and atomic: Whoosh only publishes a new table of contents at ``commit()``, so a run that
fails or is killed half way leaves the previous index whole and searchable.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tqdm import tqdm
from whoosh import index as whoosh_index
from whoosh.writing import CLEAR

from ..extract import EXTRACTION_ID, extract
from ..facets import DATE_RANGE, FACETS
from ..ingest.reader import iter_articles
from ..model import Article, ReadError
from ..text.terms import ANALYSIS_ID, index_terms
from .schema import TEXT_FIELDS, build_schema, schema_changed
from .whoosh_internals import discard_run, open_writer

# Below this many articles, starting worker processes costs more than it saves.
_PARALLEL_THRESHOLD = 32
# The longest article in the 35k-article news corpus has 37k characters. Analysing a runaway
# file (a whole site dump in one .txt) would stall the run for minutes: such articles are skipped.
MAX_ARTICLE_CHARS = 1_000_000
_LINE_SUFFIX = re.compile(r":\d+$")
LEAD_CHARS = 600


class IndexError_(Exception):
    """An index run that cannot start (locked index, unusable directory)."""


@dataclass
class IndexReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[ReadError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, failed {self.failed}"
        )


def fingerprint(article: Article) -> str:
    payload = [ANALYSIS_ID, EXTRACTION_ID, article.title, article.body, article.captions,
               article.summary, article.url, article.published]
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


def analyse(article: Article) -> dict:
    """All fields of one document; runs in a worker process."""
    extraction = extract(article)
    body = f"{article.summary}\n\n{article.body}" if article.summary else article.body
    data = {
        "title": article.title,
        "body": article.body,
        "captions": article.captions,
        "summary": article.summary,
        "url": article.url,
        "published": article.published,
        **dataclasses.asdict(extraction),  # date, year and every facet's stored values
    }
    return {
        "id": article.id,
        "fingerprint": fingerprint(article),
        "source": source_file(article.source),
        "title": index_terms(article.title),
        "lead": index_terms(lead(article)),
        "captions": index_terms("\n".join(article.captions)),
        "body": index_terms(body),
        **{facet.name: facet.values(extraction) for facet in FACETS},
        DATE_RANGE.field: date_key(extraction.date),
        "data": data,
    }


def open_or_create(index_dir: Path):
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir)):
        return whoosh_index.open_dir(str(index_dir))
    return whoosh_index.create_in(str(index_dir), build_schema())


def _indexed(reader) -> dict[str, tuple[str, str]]:
    """id -> (fingerprint, source file) of every live document, read from columns (fast)."""
    if reader.doc_count() == 0:
        return {}
    ids = reader.column_reader("id")
    prints = reader.column_reader("fingerprint")
    sources = reader.column_reader("source")
    return {ids[n]: (prints[n], sources[n]) for n in reader.all_doc_ids()}


# The articles of the current run, inherited by forked workers: tasks are then only numbers, so
# the main process (busy in the Whoosh writer, holding the GIL) does not starve the workers.
_pending: list[Article] = []


def _analyse_pending(i: int) -> dict:
    return analyse(_pending[i])


def _analysed(articles: list[Article], workers: int) -> Iterable[dict]:
    if workers <= 1 or len(articles) < _PARALLEL_THRESHOLD:
        yield from map(analyse, articles)
        return
    global _pending
    _pending = articles
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap_unordered(_analyse_pending, range(len(articles)), chunksize=16)
    finally:
        _pending = []


def _plan(paths, indexed: dict, report: IndexReport) -> tuple[list[Article], set[str]]:
    """Read every input; return the articles that need analysis and every id seen."""
    todo: list[Article] = []
    first_source: dict[str, str] = {}
    for item in iter_articles(paths):
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
        known = indexed.get(item.id)
        if known and known[0] == fingerprint(item):
            report.unchanged += 1
        else:
            todo.append(item)
    return todo, set(first_source)


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
) -> IndexReport:
    """Bring the index in ``index_dir`` in line with the articles under ``paths``."""
    index_dir = Path(index_dir)
    ix = open_or_create(index_dir)
    rebuild = rebuild or schema_changed(ix.schema, build_schema())
    try:
        writer = open_writer(ix, TEXT_FIELDS, timeout=lock_timeout)
    except whoosh_index.LockError:
        raise IndexError_(
            f"index {index_dir} is locked by another indexing run (waited {lock_timeout:g} s)"
        ) from None
    try:
        if rebuild:
            writer.schema = build_schema()  # published with the new TOC at commit, atomically
        report = IndexReport()
        indexed = {} if rebuild else _indexed(writer.reader())
        todo, seen = _plan(paths, indexed, report)
        failed_files = {source_file(e.source) for e in report.errors}
        gone = [doc_id for doc_id, (_, source) in indexed.items()
                if doc_id not in seen and source not in failed_files]
        kept = sum(1 for doc_id in indexed if doc_id not in seen) - len(gone)  # unreadable files
        # Every old article replaced or removed (new analysis code re-indexes them all): start
        # from empty segments, as a rebuild does, instead of deleting article by article.
        replace_all = bool(indexed) and report.unchanged == 0 and kept == 0
        deleter = None if rebuild or replace_all else writer.searcher()  # one reader for all deletes
        bar = tqdm(total=len(todo), unit="article", disable=not progress, dynamic_ncols=True)
        for doc in _analysed(todo, workers or os.cpu_count() or 1):
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
        if rebuild or report.added or report.updated or report.removed:
            writer.commit(mergetype=CLEAR if rebuild or replace_all else None)
        else:
            discard_run(writer)
        return report
    except BaseException:
        discard_run(writer)
        raise

