"""Search: parse, filter, rank, count facets, highlight. The API the CLI and the web share.

Facet counts are disjunctive: each facet is counted over the documents that match the query and
every *other* facet's selection, so ticking a second partner shows how many more it adds. Counting
uses per-document value lists cached once per index generation; Whoosh's ``groupedby`` would
re-read them for every query.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

import rapidfuzz.process
from rapidfuzz.distance import Levenshtein
from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh import query as q
from whoosh.scoring import BM25F, BM25FScorer

from . import query as query_builder
from .schema import FACET_FIELDS
from .snippets import highlight, needles_for, snippet
from .textnorm import fold

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_FACET_LIMIT = 1000
SORTS = ("relevance", "date")
UNKNOWN_YEAR = "unknown"
# Below this many hits, try respelling the query and suggest it if it finds more.
SUGGEST_BELOW = 3


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


class SharedIdfBM25F(BM25F):
    """BM25F with one IDF per term, the body's, for every text field.

    Whoosh gives each field its own IDF, and almost every word is rare among titles: one title
    match (``họp ... Nhật Bản``) would outweigh a body that is about the query. BM25F proper
    weights fields, but measures a term's rarity once."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf)
        if fieldname != "body" and isinstance(scorer, BM25FScorer):
            scorer.idf = searcher.get_parent().idf("body", text)
        return scorer


class _Generation:
    """One committed version of the index: a Whoosh searcher and the facet caches built on it."""

    def __init__(self, ix):
        self.searcher = ix.searcher(weighting=SharedIdfBM25F())
        reader = self.searcher.reader()
        self.doc_count = reader.doc_count()
        self.live = frozenset(reader.all_doc_ids())
        # field -> value -> docnums, and field -> docnum -> values
        self.postings: dict[str, dict[str, frozenset[int]]] = {}
        self.values: dict[str, dict[int, list[str]]] = {}
        for name in FACET_FIELDS:
            by_value, by_doc = {}, {}
            for value in reader.field_terms(name):
                docs = frozenset(d for d in reader.postings(name, value).all_ids() if d in self.live)
                if docs:
                    by_value[value] = docs
                    for d in docs:
                        by_doc.setdefault(d, []).append(value)
            self.postings[name], self.values[name] = by_value, by_doc
        self.reader = reader
        self.date_keys = reader.column_reader("date_key")
        self.ids = reader.column_reader("id")


    def is_term(self, term: str) -> bool:
        """Does the archive have this term (``hop_tac``, ``nagano``) in a title or body?"""
        return self.reader.doc_frequency("body", term) > 0 or \
            self.reader.doc_frequency("title", term) > 0

    @cached_property
    def _spelling_vocabulary(self) -> tuple[list[str], list[int]]:
        """Accent-less syllables of the archive with their document counts: the candidates for
        "did you mean". Built on the first misspelt query of an index generation."""
        terms, counts = [], []
        for raw, info in self.reader.iter_field("body"):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if term.isascii() and term.isalpha():
                terms.append(term)
                counts.append(info.doc_frequency())
        return terms, counts

    def closest_term(self, folded: str) -> str | None:
        """The most frequent known syllable within edit distance 1 (2 for longer words)."""
        terms, counts = self._spelling_vocabulary
        cutoff = 2 if len(folded) >= 6 else 1
        matches = rapidfuzz.process.extract(folded, terms, scorer=Levenshtein.distance,
                                            score_cutoff=cutoff, limit=50)
        if not matches:
            return None
        return min(matches, key=lambda m: (m[1], -counts[m[2]]))[0]


class Searcher:
    """Searches an index directory; picks up newly committed index generations by itself."""

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        if not whoosh_index.exists_in(str(self.index_dir)):
            raise SearchError(f"no index in {self.index_dir}: run `searcher index` first")
        self._ix = whoosh_index.open_dir(str(self.index_dir))
        self._lock = threading.Lock()
        self._gen = _Generation(self._ix)

    def _current(self) -> _Generation:
        """The newest committed generation (reopened after an index run commits)."""
        with self._lock:
            if not self._gen.searcher.up_to_date():
                self._ix = whoosh_index.open_dir(str(self.index_dir))
                old, self._gen = self._gen, _Generation(self._ix)
                old.searcher.close()
            return self._gen

    @property
    def doc_count(self) -> int:
        return self._current().doc_count

    # -- search -------------------------------------------------------------------------------

    def search(self, params: SearchParams) -> dict:
        validate(params)
        gen = self._current()
        parsed = query_builder.parse(params.q, gen.is_term)
        if parsed.is_empty and not any(params.selections().values()) \
                and not (params.date_from or params.date_to):
            raise SearchError("Hãy nhập từ khóa tìm kiếm hoặc chọn một bộ lọc.")
        with self._lock:
            return self._search(gen, params, parsed)

    @staticmethod
    def _text_matches(gen: _Generation, parsed):
        """The Whoosh query (None: no text, browse) and the live documents it matches."""
        text_query = query_builder.build(parsed)
        if text_query is None:
            return None, set(gen.live)
        return text_query, set(text_query.matcher(gen.searcher).all_ids()) & gen.live

    def _search(self, gen: _Generation, params: SearchParams, parsed) -> dict:
        text_query, base = self._text_matches(gen, parsed)
        base &= self._date_filter(gen, params)

        selections = params.selections()
        selected_sets = {f: self._union(gen, f, vals) for f, vals in selections.items() if vals}
        matched = set(base)
        for docs in selected_sets.values():
            matched &= docs
        facets = {}
        for name in FACET_FIELDS:
            pool = set(base)
            for other, docs in selected_sets.items():
                if other != name:
                    pool &= docs
            facets[name] = self._facet(gen, name, pool, selections[name], params.facet_limit)
            if name == "year":  # the timeline ignores its own selection, like the year facet
                histogram = self._histogram(gen, pool)

        total = len(matched)
        pages = max(1, math.ceil(total / params.limit))
        strict = None
        if text_query is not None and params.sort == "relevance" \
                and query_builder.uses_recall_net(parsed):
            strict = set(query_builder.build(parsed, recall_net=False)
                         .matcher(gen.searcher).all_ids()) & matched
        hits = self._page(gen, text_query, matched, strict, params)
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

    def _date_filter(self, gen: _Generation, params: SearchParams) -> set[int]:
        low = parse_date_bound(params.date_from, upper=False)
        high = parse_date_bound(params.date_to, upper=True)
        if low is None and high is None:
            return set(gen.live)
        low, high = low or 0, high or 99_991_231
        keys = gen.date_keys
        # Only full dates (YYYYMMDD > 9999) can fall in a range; unknown years cannot.
        return {d for d in gen.live if keys[d] > 9999 and low <= keys[d] <= high}

    @staticmethod
    def _union(gen: _Generation, name: str, values: list[str]) -> set[int]:
        docs: set[int] = set()
        for value in values:
            docs |= gen.postings[name].get(value, frozenset())
        return docs

    @staticmethod
    def _facet(gen, name: str, pool: set[int], selected: list[str], limit: int) -> list[dict]:
        values = gen.values[name]
        counts = Counter(v for d in pool for v in values.get(d, ()))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:limit]
        shown = {v for v, _ in ranked}
        ranked += [(v, counts.get(v, 0)) for v in selected if v not in shown]
        return [{"value": v, "count": c, "selected": v in selected} for v, c in ranked]

    @staticmethod
    def _histogram(gen: _Generation, docs: set[int]) -> list[dict]:
        years = gen.values["year"]
        counts = Counter(v for d in docs for v in years.get(d, ()))
        order = sorted(counts, key=lambda y: (y == UNKNOWN_YEAR, y))
        return [{"value": y, "count": counts[y]} for y in order]

    def _page(self, gen: _Generation, text_query, matched: set[int], strict: set[int] | None,
              params: SearchParams):
        """(docnum, score) pairs of the requested page.

        By relevance, documents that contain every query word as a word (``strict``) come before
        those found only through the scattered-syllables net, whatever their BM25F scores."""
        start = (params.page - 1) * params.limit
        if not matched or start >= len(matched):
            return []
        if text_query is None or params.sort == "date":
            keys = gen.date_keys
            ordered = sorted(matched, key=lambda d: (-keys[d], gen.ids[d]))
            if text_query is None:
                return [(d, None) for d in ordered[start:start + params.limit]]
        tiered = strict is not None and len(strict) < len(matched)
        # Whoosh's matcher replacement and block-quality skipping misrank phrase and AndMaybe
        # scores (a top-2 search can miss the true second hit): collect without them.
        limit = len(matched) if params.sort == "date" or tiered else start + params.limit
        collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
        collector = collectors.FilterCollector(collector, allow=matched)
        gen.searcher.search_with_collector(text_query, collector)
        scored = [(hit.docnum, hit.score) for hit in collector.results()]
        if params.sort == "date":
            scores = dict(scored)
            return [(d, scores.get(d)) for d in ordered[start:start + params.limit]]
        if tiered:
            scored.sort(key=lambda pair: (pair[0] in strict, pair[1]), reverse=True)
        return scored[start:start + params.limit]

    def _hit(self, gen: _Generation, docnum: int, score, needles) -> dict:
        data = gen.searcher.stored_fields(docnum)["data"]
        doc_id = gen.ids[docnum]
        text = data["body"]
        text_snippet = snippet(text, needles) if needles else snippet(text, [])
        if needles and "<mark>" not in text_snippet:
            caption_text = " ".join(data["captions"])
            caption_snippet = snippet(caption_text, needles)
            if "<mark>" in caption_snippet:
                text_snippet = caption_snippet
        return {
            "id": doc_id,
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
        _, docs = self._text_matches(gen, query_builder.parse(suggestion, gen.is_term))
        return suggestion if len(docs) > total else None

    # -- articles -----------------------------------------------------------------------------

    def article(self, doc_id: str) -> dict:
        gen = self._current()
        with self._lock:
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
