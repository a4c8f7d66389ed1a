"""Search: parse, filter, rank, count facets, highlight. The API the CLI and the web share.

Facet counts are disjunctive: each facet is counted over the documents that match the query and
every *other* facet's selection, so ticking a second partner shows how many more it adds. Each
generation of the index keeps its facet values as (document, value) arrays, so counting is a
masked ``bincount``; Whoosh's ``groupedby`` would re-read them for every query.
"""
from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import rapidfuzz.process
from rapidfuzz.distance import Levenshtein
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from . import query as query_builder
from .postings import IndexArrays
from .schema import FACET_FIELDS
from .scoring import evaluate
from .snippets import highlight, needles_for, snippet
from .textnorm import fold

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_FACET_LIMIT = 1000
SORTS = ("relevance", "date")
UNKNOWN_YEAR = "unknown"
# Below this many hits, try respelling the query and suggest it if it finds more.
SUGGEST_BELOW = 3
VOCABULARY_WAIT = 0.5  # seconds a misspelt query waits for the spelling vocabulary to load


class SearchError(ValueError):
    """A request the engine cannot answer as asked; the message says why, for the user."""


class ArticleNotFound(KeyError):
    pass


@dataclass
class SearchParams:
    q: str = ""
    partner: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = 10
    facet_limit: int = 10

    def selections(self) -> dict[str, list[str]]:
        return {f: list(dict.fromkeys(getattr(self, f))) for f in FACET_FIELDS}


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date_bound(text: str | None, upper: bool) -> int | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a YYYYMMDD key (upper bounds round up)."""
    if text is None or not text.strip():
        return None
    match = _DATE_RE.match(text.strip())
    if not match:
        raise SearchError(f"Ngày không hợp lệ: {text!r} (dùng dạng YYYY-MM-DD, YYYY-MM hoặc YYYY)")
    year, month, day = int(match[1]), match[2], match[3]
    month_n = int(month) if month else (12 if upper else 1)
    try:
        if day:
            day_n = int(day)
        elif upper:
            day_n = (date(year + month_n // 12, month_n % 12 + 1, 1) - date(year, month_n, 1)).days
        else:
            day_n = 1
        date(year, month_n, day_n)
    except ValueError:
        raise SearchError(f"Ngày không hợp lệ: {text!r}") from None
    return year * 10000 + month_n * 100 + day_n


def validate(params: SearchParams) -> None:
    if len(params.q) > MAX_QUERY_CHARS:
        raise SearchError(f"Câu tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự).")
    if params.sort not in SORTS:
        raise SearchError(f"Cách sắp xếp không hợp lệ: {params.sort!r} (relevance hoặc date).")
    if params.page < 1:
        raise SearchError("Số trang phải từ 1 trở lên.")
    if not 1 <= params.limit <= MAX_LIMIT:
        raise SearchError(f"Số kết quả mỗi trang phải từ 1 đến {MAX_LIMIT}.")
    if not 1 <= params.facet_limit <= MAX_FACET_LIMIT:
        raise SearchError(f"Số giá trị mỗi bộ lọc phải từ 1 đến {MAX_FACET_LIMIT}.")
    low = parse_date_bound(params.date_from, upper=False)
    high = parse_date_bound(params.date_to, upper=True)
    if low and high and low > high:
        raise SearchError("Ngày bắt đầu phải trước ngày kết thúc.")


class _FacetValues:
    """One facet's (document, value) pairs as arrays, for counting and filtering by masks."""

    def __init__(self, reader, name: str, live: np.ndarray):
        self.values: list[str] = []
        docs, ids = [], []
        for raw in reader.field_terms(name):
            value = _text(raw)
            postings = np.fromiter(reader.postings(name, value).all_ids(), dtype=np.int64)
            postings = postings[live[postings]]
            if len(postings):
                docs.append(postings)
                ids.append(np.full(len(postings), len(self.values), dtype=np.int64))
                self.values.append(value)
        self.docs = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        self.ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        self.index = {v: i for i, v in enumerate(self.values)}

    def mask(self, values: list[str], size: int) -> np.ndarray:
        """Documents with any of the values (OR within a facet)."""
        wanted = [self.index[v] for v in values if v in self.index]
        mask = np.zeros(size, dtype=bool)
        mask[self.docs[np.isin(self.ids, wanted)]] = True
        return mask

    def counts(self, pool: np.ndarray) -> np.ndarray:
        """Documents in the pool per value (indexed like ``values``)."""
        return np.bincount(self.ids[pool[self.docs]], minlength=len(self.values))

    def ranked(self, counts: np.ndarray, selected: list[str], limit: int) -> list[dict]:
        """The ``limit`` most frequent values (ties alphabetical), plus every selected one."""
        present = np.flatnonzero(counts)
        if len(present) > limit:  # only the candidates for the top go through Python sorting
            threshold = np.partition(counts[present], -limit)[-limit]
            present = present[counts[present] >= threshold]
        ranked = sorted(present, key=lambda i: (-counts[i], self.values[i].casefold()))[:limit]
        shown = [self.values[i] for i in ranked]
        result = [{"value": v, "count": int(counts[i]), "selected": v in selected}
                  for v, i in zip(shown, ranked)]
        for value in selected:
            if value not in shown:
                i = self.index.get(value)
                result.append({"value": value, "count": int(counts[i]) if i is not None else 0,
                               "selected": True})
        return result

    def histogram(self, counts: np.ndarray) -> list[dict]:
        """Every value with its count, in order (years, with "unknown" last)."""
        order = sorted(np.flatnonzero(counts),
                       key=lambda i: (self.values[i] == UNKNOWN_YEAR, self.values[i]))
        return [{"value": self.values[i], "count": int(counts[i])} for i in order]


class _Generation:
    """One committed version of the index: its reader, arrays and facet values."""

    def __init__(self, ix):
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        self.arrays = IndexArrays(self.reader)
        self.doc_count = self.arrays.doc_count
        self.facets = {name: _FacetValues(self.reader, name, self.arrays.live)
                       for name in FACET_FIELDS}
        self.date_keys = np.zeros(self.arrays.size, dtype=np.int64)
        column = self.reader.column_reader("date_key")
        for d in np.flatnonzero(self.arrays.live):
            self.date_keys[d] = column[int(d)]
        self.ids = self.reader.column_reader("id")
        self._vocabulary: list[str] | None = None
        self._vocabulary_loader = threading.Thread(target=self._load_vocabulary, args=(ix,),
                                                   daemon=True)
        self._vocabulary_loader.start()

    def is_term(self, term: str) -> bool:
        """Does the archive have this term (``hop_tac``, ``nagano``) in a title or body?"""
        return self.reader.doc_frequency("body", term) > 0 or \
            self.reader.doc_frequency("title", term) > 0

    def _load_vocabulary(self, ix) -> None:
        """Accent-less syllables of the archive: the candidates for "did you mean".

        Reading a large lexicon takes seconds, so it happens in the background, on a reader of
        its own (readers share file handles); until it is done, no suggestion is offered."""
        with ix.reader() as reader:
            self._vocabulary = [t for t in map(_text, reader.lexicon("body"))
                                if t.isascii() and t.isalpha()]

    def closest_term(self, folded: str) -> str | None:
        """The most frequent known syllable within edit distance 1 (2 for longer words)."""
        self._vocabulary_loader.join(timeout=VOCABULARY_WAIT)
        if self._vocabulary is None:
            return None
        cutoff = 2 if len(folded) >= 6 else 1
        matches = rapidfuzz.process.extract(folded, self._vocabulary, scorer=Levenshtein.distance,
                                            score_cutoff=cutoff, limit=50)
        if not matches:
            return None
        return min(matches, key=lambda m: (m[1], -self.reader.doc_frequency("body", m[0])))[0]


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


class Searcher:
    """Searches an index directory; picks up newly committed index generations by itself.

    Safe to share between threads: Whoosh's readers share file handles, so requests take turns
    (a search is a few milliseconds of mostly NumPy work, and the GIL would serialise it anyway)."""

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        if not whoosh_index.exists_in(str(self.index_dir)):
            raise SearchError(f"no index in {self.index_dir}: run `searcher index` first")
        self._ix = self._open()
        self._lock = threading.RLock()
        self._gen = _Generation(self._ix)

    def _open(self):
        """Open without mmap: Whoosh copies each mapped segment into private memory (BytesIO),
        which doubled a served 35k-article index to 1.2 GB; plain file reads cost nothing."""
        return FileStorage(str(self.index_dir), supports_mmap=False).open_index()

    def _current(self) -> _Generation:
        """The newest committed generation (reopened after an index run commits)."""
        with self._lock:
            if not self._gen.searcher.up_to_date():
                self._ix = self._open()
                old, self._gen = self._gen, _Generation(self._ix)
                old.searcher.close()
            return self._gen

    @property
    def doc_count(self) -> int:
        return self._current().doc_count

    # -- search -------------------------------------------------------------------------------

    def search(self, params: SearchParams) -> dict:
        validate(params)
        with self._lock:
            gen = self._current()
            parsed = query_builder.parse(params.q, gen.is_term)
            if parsed.is_empty and not any(params.selections().values()) \
                    and not (params.date_from or params.date_to):
                raise SearchError("Hãy nhập từ khóa tìm kiếm hoặc chọn một bộ lọc.")
            return self._search(gen, params, parsed)

    def _search(self, gen: _Generation, params: SearchParams, parsed) -> dict:
        evaluation = evaluate(parsed, gen.arrays)
        base = evaluation.matched if evaluation else gen.arrays.live.copy()
        base &= self._date_filter(gen, params)

        selections = params.selections()
        selected = {f: gen.facets[f].mask(vals, gen.arrays.size)
                    for f, vals in selections.items() if vals}
        matched = base.copy()
        for mask in selected.values():
            matched &= mask
        facets, histogram = {}, []
        for name in FACET_FIELDS:
            pool = base.copy()
            for other, mask in selected.items():
                if other != name:
                    pool &= mask
            counts = gen.facets[name].counts(pool)
            facets[name] = gen.facets[name].ranked(counts, selections[name], params.facet_limit)
            if name == "year":  # the timeline ignores its own selection, like the year facet
                histogram = gen.facets[name].histogram(counts)

        total = int(matched.sum())
        pages = max(1, math.ceil(total / params.limit))
        hits = self._page(gen, evaluation, matched, params)
        needles = needles_for(
            [i.words for g in parsed.groups for i in g if not i.negated and not i.phrase],
            [i.words for g in parsed.groups for i in g if i.phrase and not i.negated])
        return {
            "query": params.q,
            "total": total,
            "page": params.page,
            "pages": pages,
            "limit": params.limit,
            "sort": params.sort,
            "filters": {**selections, "from": params.date_from, "to": params.date_to},
            "hits": [self._hit(gen, docnum, score, needles) for docnum, score in hits],
            "facets": facets,
            "histogram": histogram,
            "suggestion": self._suggestion(gen, params, parsed, total),
        }

    @staticmethod
    def _date_filter(gen: _Generation, params: SearchParams) -> np.ndarray:
        low = parse_date_bound(params.date_from, upper=False)
        high = parse_date_bound(params.date_to, upper=True)
        if low is None and high is None:
            return gen.arrays.live
        keys = gen.date_keys
        # Only full dates (YYYYMMDD > 9999) can fall in a range; unknown years cannot.
        return (keys > 9999) & (keys >= (low or 0)) & (keys <= (high or 99_991_231))

    @staticmethod
    def _page(gen: _Generation, evaluation, matched: np.ndarray, params: SearchParams):
        """(docnum, score) pairs of the requested page.

        By relevance, documents that match every word as a word come before those found only
        through the scattered-syllables net; by date (or when browsing), newest first."""
        start = (params.page - 1) * params.limit
        docs = np.flatnonzero(matched)
        if start >= len(docs):
            return []
        if evaluation is None or params.sort == "date":
            order = np.lexsort((docs, -gen.date_keys[docs]))
        else:
            scores = evaluation.scores[docs]
            order = np.lexsort((docs, -scores, ~evaluation.strict[docs]))
        page = docs[order[start:start + params.limit]]
        if evaluation is None:
            return [(int(d), None) for d in page]
        return [(int(d), float(evaluation.scores[d])) for d in page]

    def _hit(self, gen: _Generation, docnum: int, score, needles) -> dict:
        data = gen.searcher.stored_fields(docnum)["data"]
        text_snippet = snippet(data["body"], needles)
        if needles and "<mark>" not in text_snippet:
            caption_snippet = snippet(" ".join(data["captions"]), needles)
            if "<mark>" in caption_snippet:
                text_snippet = caption_snippet
        return {
            "id": gen.ids[docnum],
            "title": data["title"],
            "title_html": highlight(data["title"], needles),
            "date": data["date"],
            "year": data["year"],
            "score": round(score, 4) if score is not None else None,
            "url": data["url"],
            "snippet": text_snippet,
            "partners": data["partners"],
            "countries": data["countries"],
            "officials": data["officials"],
        }

    # -- did you mean -------------------------------------------------------------------------

    def _suggestion(self, gen: _Generation, params: SearchParams, parsed, total: int) -> str | None:
        """A respelling of the query's unknown syllables that finds more, or None."""
        if total >= SUGGEST_BELOW or parsed.is_empty:
            return None
        changed = False
        out = []
        for token in re.findall(r"\w+|\W+", query_builder.clean_query(params.q)):
            folded = fold(token)
            if not token[0].isalnum() or gen.is_term(folded):
                out.append(token)
                continue
            respelled = gen.closest_term(folded)
            out.append(respelled or token)
            changed = changed or respelled is not None
        if not changed:
            return None
        suggestion = "".join(out)
        better = evaluate(query_builder.parse(suggestion, gen.is_term), gen.arrays)
        return suggestion if better is not None and int(better.matched.sum()) > total else None

    # -- articles -----------------------------------------------------------------------------

    def article(self, doc_id: str) -> dict:
        with self._lock:
            gen = self._current()
            docnum = gen.searcher.document_number(id=doc_id)
            if docnum is None:
                raise ArticleNotFound(doc_id)
            data = gen.searcher.stored_fields(docnum)["data"]
        return {
            "id": doc_id,
            "title": data["title"],
            "date": data["date"],
            "year": data["year"],
            "url": data["url"],
            "summary": data["summary"],
            "captions": data["captions"],
            "body": data["body"],
            "partners": data["partners"],
            "countries": data["countries"],
            "officials": data["officials"],
        }
