"""The rankers the relevance benchmark compares and pools: the engine and three baselines.

Each ranker has ``build(paths, workdir)`` (index the slice, or reuse the index cached in
``workdir`` from an earlier run) and ``search(query, k=10) -> list[doc_id]``. All of them read
the articles through the project's reader (``read_articles`` below, the one place that imports
it), so they see the same text: title, and summary + body + image captions as the body.

* ``engine``  this project (``index_paths`` + ``Searcher``; the import lives in
  ``engine_api()`` only, so switching to a public ``from searcher import Searcher, SearchParams``
  is a one-line change).
* ``cluster`` this project over a two-shard Sphinx cluster (``--backend sphinxql://``; searchd
  started here by ``local_cluster.py``), fed from the engine's analysis cache: the same
  analysis and matching, Sphinx's ranking. Only on request (``relevance.py --cluster``): it
  needs Debian's ``sphinxsearch``, and the engine built first.
* ``whoosh``  plain Whoosh 2.7.4 BM25F over title + body. Analyzer: ``StandardAnalyzer(minsize=1)``
  (regex words, lower-case, English stop list; minsize 1 so one-letter words such as ``Ý`` =
  Italy survive) followed by ``FoldFilter`` (NFC, strip diacritics, đ -> d). The query string is
  NFC-normalised before parsing (the tokenizer would split NFD text at its combining marks).
  ``MultifieldParser(["title", "body"])`` with title boost 2 and Whoosh's default AND group; if
  the AND query finds nothing, the same text is parsed again with an OR group (recorded as a
  fallback so the numbers can say how often it happened). Phrases, ``-word`` and ``OR`` use
  Whoosh's own syntax.
* ``fts5``    SQLite FTS5, ``tokenize="unicode61 remove_diacritics 2"``, ranked by ``bm25()``
  with title weight 2, body 1. The query is every word of the query text, each double-quoted,
  joined by OR (no phrase, exclusion or AND semantics: a bag of words). One addition to the
  plain set-up: ``đ``/``Đ`` are mapped to ``d``/``D`` in the indexed text and the query, since
  unicode61 does not fold đ (it is a letter, not d + a mark) and ``da nang`` would otherwise
  never find ``Đà Nẵng``.
* ``bm25s``   the ``bm25s`` package (Lucene BM25 variant, k1 1.5, b 0.75) over the accent-folded,
  lower-cased syllables (``\\w+`` runs) of title + body, a bag of words too. Not a project
  dependency; install it with::

      .venv/bin/pip install bm25s==0.3.16

  Without it the ranker is skipped with a loud message on stderr.

Indexes are cached in ``WORKDIR/<ranker>-<slice folder name>`` with a ``.built`` stamp naming
the slice files (name, size, mtime): a rerun over the same slice opens them instead of
rebuilding. The engine is always handed to ``index_paths``, which is incremental (an unchanged
slice costs a read of the files and no writes).
"""
from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_WORKDIR = Path("/tmp/relevance2")
RANKER_NAMES = ("engine", "whoosh", "fts5", "bm25s")
_WORD = re.compile(r"\w+")
_D = str.maketrans({"đ": "d", "Đ": "D", "\u00f0": "d", "\u00d0": "D"})


# ----- the two adapters: the only places that import the project -------------------------

def read_articles(paths: Iterable[Path]) -> Iterator:
    """The project's reader over ``paths``: yields Article objects, reports and skips errors."""
    try:  # the one import of the reader: the public API, else the pre-refactor module
        from searcher import iter_articles
    except ImportError:
        from searcher.reader import iter_articles

    for item in iter_articles(paths):
        if not hasattr(item, "title"):
            print(f"reader: skipped {item}", file=sys.stderr)
            continue
        yield item


def engine_api():
    """``(index_paths, Searcher, SearchParams)`` of the engine under test.

    The one place that imports the engine: the public API (``from searcher import ...``) when
    the package has it, else the module paths of the layout before the refactor.
    """
    try:
        from searcher import SearchParams, Searcher, index_paths
    except ImportError:
        from searcher.indexer import index_paths
        from searcher.search import SearchParams, Searcher

    return index_paths, Searcher, SearchParams


def _field(record, name: str):
    """A field of a search result or hit, whether it is a dict or an object."""
    return record[name] if isinstance(record, dict) else getattr(record, name)


def article_text(article) -> tuple[str, str]:
    """(title, body) as every baseline indexes them: body = summary + body + captions."""
    body = "\n\n".join(filter(None, [article.summary, article.body, *article.captions]))
    return article.title or "", body


# ----- text helpers ----------------------------------------------------------------------

def fold(text: str) -> str:
    """NFC text without diacritics, đ -> d (and its look-alike ð -> d; case kept)."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_D)


def folded_words(text: str) -> list[str]:
    """Lower-cased, accent-folded syllables (``\\w+`` runs) of ``text``."""
    return _WORD.findall(fold(unicodedata.normalize("NFC", text)).lower())


def _stamp(paths: list[Path]) -> str:
    return json.dumps(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths))


def _cache_dir(name: str, paths: list[Path], workdir: Path) -> Path:
    return Path(workdir) / f"{name}-{Path(paths[0]).parent.name}"


def _is_built(target: Path, paths: list[Path]) -> bool:
    stamp = target / ".built"
    return stamp.exists() and stamp.read_text() == _stamp(paths)


def _mark_built(target: Path, paths: list[Path]) -> None:
    (target / ".built").write_text(_stamp(paths))


# ----- rankers ---------------------------------------------------------------------------

class Ranker:
    name = ""
    build_seconds: float | None = None  # None: reused a cached index
    note = ""

    def build(self, paths: list[Path], workdir: Path = DEFAULT_WORKDIR) -> "Ranker":
        raise NotImplementedError

    def search(self, query: str, k: int = 10) -> list[str]:
        raise NotImplementedError


class EngineRanker(Ranker):
    name = "engine"

    def build(self, paths, workdir=DEFAULT_WORKDIR):
        index_paths, Searcher, SearchParams = engine_api()
        print(f"engine: from {Path(sys.modules[index_paths.__module__].__file__).parents[1]}",
              file=sys.stderr)
        target = _cache_dir(self.name, paths, workdir)
        started = time.perf_counter()
        report = index_paths(paths, target)
        changed = report.added + report.updated + report.removed
        self.build_seconds = time.perf_counter() - started if changed else None
        if report.errors:
            print(f"engine: {len(report.errors)} input(s) failed to index", file=sys.stderr)
        self.searcher = Searcher(target)
        self.params = SearchParams
        self.titles: dict[str, str] = {}
        return self

    def search(self, query, k=10):
        hits = _field(self.searcher.search(self.params(q=query, limit=k)), "hits")
        ids = [_field(hit, "id") for hit in hits]
        for doc_id, hit in zip(ids, hits):
            self.titles[doc_id] = _field(hit, "title") or ""
        return ids


class ClusterRanker(Ranker):
    name = "cluster"

    def build(self, paths, workdir=DEFAULT_WORKDIR):
        from contextlib import ExitStack

        from local_cluster import local_cluster
        from searcher import index_cluster, open_searcher

        self._running = ExitStack()
        address = self._running.enter_context(
            local_cluster(_cache_dir(self.name, paths, workdir)))
        started = time.perf_counter()
        report = index_cluster(paths, address, _cache_dir("engine", paths, workdir))
        changed = report.added + report.updated + report.removed
        self.build_seconds = time.perf_counter() - started if changed else None
        self.searcher = open_searcher(address)
        _, _, self.params = engine_api()
        return self

    def search(self, query, k=10):
        return [hit.id for hit in self.searcher.search(self.params(q=query, limit=k)).hits]


def _fold_filter_class():
    from whoosh.analysis import Filter

    class FoldFilter(Filter):
        """NFC-normalise, strip diacritics and map đ -> d in every token."""

        def __call__(self, tokens):
            for token in tokens:
                token.text = fold(unicodedata.normalize("NFC", token.text))
                yield token

    FoldFilter.__module__ = "rankers"  # what relevance.py imports; the pickled name
    FoldFilter.__qualname__ = "FoldFilter"
    return FoldFilter


try:  # Whoosh pickles the analyzer into the index: the class must live at module level
    FoldFilter = _fold_filter_class()
except ImportError:  # pragma: no cover - whoosh is a project dependency
    FoldFilter = None


class WhooshRanker(Ranker):
    name = "whoosh"

    def build(self, paths, workdir=DEFAULT_WORKDIR):
        from whoosh import index
        from whoosh.analysis import StandardAnalyzer
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser, OrGroup

        target = _cache_dir(self.name, paths, workdir)
        if _is_built(target, paths) and index.exists_in(target):
            ix = index.open_dir(target)
        else:
            started = time.perf_counter()
            analyzer = StandardAnalyzer(minsize=1) | FoldFilter()
            schema = Schema(id=ID(stored=True, unique=True),
                            title=TEXT(analyzer=analyzer, stored=True),
                            body=TEXT(analyzer=analyzer))
            target.mkdir(parents=True, exist_ok=True)
            ix = index.create_in(target, schema)
            writer = ix.writer(limitmb=256)
            for article in read_articles(paths):
                title, body = article_text(article)
                writer.add_document(id=article.id, title=title, body=body)
            writer.commit()
            _mark_built(target, paths)
            self.build_seconds = time.perf_counter() - started
        self.searcher = ix.searcher()
        self.and_parser = MultifieldParser(["title", "body"], schema=ix.schema,
                                           fieldboosts={"title": 2.0})
        self.or_parser = MultifieldParser(["title", "body"], schema=ix.schema,
                                          fieldboosts={"title": 2.0}, group=OrGroup)
        self.fallbacks = 0
        return self

    def search(self, query, k=10):
        text = unicodedata.normalize("NFC", query)
        hits = self.searcher.search(self.and_parser.parse(text), limit=k)
        if not len(hits):
            hits = self.searcher.search(self.or_parser.parse(text), limit=k)
            self.fallbacks += 1
        return [hit["id"] for hit in hits]


class Fts5Ranker(Ranker):
    name = "fts5"

    @staticmethod
    def _d(text: str) -> str:
        return unicodedata.normalize("NFC", text).translate(_D)

    def build(self, paths, workdir=DEFAULT_WORKDIR):
        target = _cache_dir(self.name, paths, workdir)
        db = target / "fts.sqlite"
        if not (_is_built(target, paths) and db.exists()):
            started = time.perf_counter()
            target.mkdir(parents=True, exist_ok=True)
            db.unlink(missing_ok=True)
            con = sqlite3.connect(db)
            con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                        "tokenize = 'unicode61 remove_diacritics 2')")
            con.executemany("INSERT INTO docs (id, title, body) VALUES (?, ?, ?)",
                            ((a.id, *map(self._d, article_text(a))) for a in read_articles(paths)))
            con.commit()
            con.close()
            _mark_built(target, paths)
            self.build_seconds = time.perf_counter() - started
        self.con = sqlite3.connect(db)
        return self

    def search(self, query, k=10):
        words = _WORD.findall(self._d(query))  # drops quotes, -, *, ^, :, ( ) and other syntax
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self.con.execute("SELECT id FROM docs WHERE docs MATCH ? "
                                "ORDER BY bm25(docs, 0.0, 2.0, 1.0) LIMIT ?", (match, k))
        return [row[0] for row in rows]


class Bm25sRanker(Ranker):
    name = "bm25s"

    def build(self, paths, workdir=DEFAULT_WORKDIR):
        import bm25s  # see the module docstring for the pip command

        target = _cache_dir(self.name, paths, workdir)
        ids_file = target / "ids.json"
        if _is_built(target, paths) and ids_file.exists():
            self.model = bm25s.BM25.load(str(target / "model"), show_progress=False)
            self.ids = json.loads(ids_file.read_text())
        else:
            started = time.perf_counter()
            ids, docs = [], []
            for article in read_articles(paths):
                title, body = article_text(article)
                ids.append(article.id)
                docs.append(folded_words(title + "\n" + body))
            self.model = bm25s.BM25()
            self.model.index(docs, show_progress=False)
            target.mkdir(parents=True, exist_ok=True)
            self.model.save(str(target / "model"), show_progress=False)
            ids_file.write_text(json.dumps(ids))
            self.ids = ids
            _mark_built(target, paths)
            self.build_seconds = time.perf_counter() - started
        self.vocab = self.model.vocab_dict
        return self

    def search(self, query, k=10):
        words = [w for w in folded_words(query) if w in self.vocab]
        if not words:
            return []
        docs, scores = self.model.retrieve([words], k=min(k, len(self.ids)), show_progress=False)
        return [self.ids[d] for d, s in zip(docs[0], scores[0]) if s > 0]


RANKERS = {cls.name: cls for cls in (EngineRanker, WhooshRanker, Fts5Ranker, Bm25sRanker,
                                     ClusterRanker)}


def load_rankers(paths: list[Path], workdir: Path = DEFAULT_WORKDIR,
                 names: Iterable[str] = RANKER_NAMES) -> dict[str, Ranker]:
    """Build (or reopen) the named rankers over ``paths``; a missing package skips its ranker."""
    rankers = {}
    for name in names:
        started = time.perf_counter()
        try:
            ranker = RANKERS[name]().build(paths, workdir)
        except ImportError as problem:
            bar = "!" * 78
            hint = ("install it: .venv/bin/pip install bm25s==0.3.16" if name == "bm25s" else
                    "the engine's import path changed? see engine_api() in benchmarks/rankers.py")
            print(f"{bar}\n!! ranker {name!r} SKIPPED: {problem}\n!! {hint}\n{bar}", file=sys.stderr)
            continue
        how = (f"built in {ranker.build_seconds:.0f} s" if ranker.build_seconds is not None
               else f"reused ({time.perf_counter() - started:.1f} s)")
        print(f"{name}: index {how}", file=sys.stderr)
        rankers[name] = ranker
    return rankers


def _main() -> None:
    """``rankers.py [NAME ...]``: build (or reopen) rankers over the default slice, try a query."""
    from slice import slice_paths

    chosen = sys.argv[1:] or RANKER_NAMES
    for name, ranker in load_rankers(slice_paths(DEFAULT_WORKDIR), DEFAULT_WORKDIR, chosen).items():
        print(name, ranker.search("hợp tác du lịch nhật bản")[:5])


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH: a frozen
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # engine copy there wins
    import rankers  # the module, not __main__: Whoosh pickles rankers.FoldFilter

    rankers._main()
