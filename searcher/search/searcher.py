"""The Searcher: parse, match and rank, filter and count facets, page, highlight.

Facet counts are disjunctive: each facet is counted over the documents that match the query and
every *other* facet's selection, so ticking a second partner shows how many more it adds.
"""
from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from ..store.durable import DurableStorage
from ..text.paragraphs import paragraphs
from ..store.health import REMEDY, first_damage, is_permission_error, reason, unreadable_directory

from .facet_counts import count_facets, selected
from . import explore
from .generation import Generation
from .params import SearchError, SearchParams, parse_date_bound, validate
from .ranking import SUGGEST_BELOW
from .results import ArticleRecord, Copy, Hit, SearchResult, facts
from .scoring import STRICT, Evaluation
from .snippets import highlight, needles_for, plain_with_marks, snippet
from .spelling import EXAMPLES, respell


log = logging.getLogger(__name__)
EXPORT_BATCH = 200  # rows read per turn of the lock: other requests run between batches
EXPORT_SCAN_CHARS = 3000  # an exported row's snippet comes from the body's opening, if it can
# Near-identical articles listed under a hit (``copy_count`` says how many in all; the page can
# show them one by one): each is an article read, and ten hits of a wire story carried by a
# dozen sites read a hundred or more for a list that stays folded unless opened.
MAX_COPIES = 5


@dataclass
class _Matches:
    """A search's words resolved (see ``Searcher._matches``)."""

    query: str  # what the results are for: as typed, or respelled
    parsed: object
    evaluation: Evaluation | None  # None: no words (browsing)
    base: np.ndarray  # the documents the words and the dates let through
    suggestion: str | None  # a respelling to offer
    corrected_from: str | None  # the query as typed, when the results are its respelling


def query_needles(parsed):
    """What snippets mark: the query's words and phrases, not the excluded ones."""
    return needles_for(
        [i.words for g in parsed.groups for i in g if not i.negated and not i.phrase],
        [i.words for g in parsed.groups for i in g if i.phrase and not i.negated])


def hit_from(doc_id: str, data: dict, score: float | None, needles,
             scan_chars: int | None = None) -> Hit:
    """A result card from an article's stored data: title and snippet with the query's words
    marked. ``scan_chars``: look for the snippet in the body's first characters only (the whole
    body when they hold no query word), for exports, where scanning is most of the cost."""
    text_snippet = snippet(data["body"][:scan_chars], needles)
    if scan_chars is not None and needles and "<mark>" not in text_snippet:
        text_snippet = snippet(data["body"], needles)
    if needles and "<mark>" not in text_snippet:
        caption_snippet = snippet(" ".join(data["captions"]), needles)
        if "<mark>" in caption_snippet:
            text_snippet = caption_snippet
    title_html = highlight(data["title"], needles)
    snippet_text, snippet_marks = plain_with_marks(text_snippet)
    return Hit(
        id=doc_id,
        title=data["title"],
        title_html=title_html,
        score=round(score, 4) if score is not None else None,
        url=data["url"],
        snippet=text_snippet,
        snippet_text=snippet_text,
        snippet_marks=snippet_marks,
        title_marks=plain_with_marks(title_html)[1],
        **facts(data),
    )


def record_from(doc_id: str, data: dict) -> ArticleRecord:
    """An article page's record from its stored data; laid out here, not at index time, so a
    better layout needs no re-index."""
    return ArticleRecord(id=doc_id, title=data["title"], url=data["url"],
                         summary=data["summary"], captions=data["captions"],
                         body=data["body"], **facts(data),
                         paragraphs=[{"text": p.text, "kind": p.kind}
                                     for p in paragraphs(data["body"])])


class ArticleNotFound(KeyError):
    pass


class IndexUnavailable(SearchError):
    """The index cannot be opened: missing (``missing``), unreadable or damaged; the message
    names the remedy."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class Searcher:
    """Searches an index directory; picks up newly committed index generations by itself.

    Safe to share between threads: Whoosh's readers share file handles, so requests take turns
    (a search is a few milliseconds of mostly NumPy work, and the GIL would serialise it anyway)."""

    def __init__(self, index_dir: str | Path):
        self.index_dir = Path(index_dir)
        missing = IndexUnavailable(f"no index in {self.index_dir}: run `searcher index` first",
                                   missing=True)
        if not os.path.exists(self.index_dir):
            raise missing
        unreadable = unreadable_directory(self.index_dir)
        if unreadable is not None:
            raise IndexUnavailable(unreadable.problem)
        if not whoosh_index.exists_in(str(self.index_dir)):
            raise missing
        self._lock = threading.RLock()
        self.problem: str | None = None  # why a newer generation could not be opened
        self._failed_generation = -1
        try:
            self._ix = self._open()
            self._gen = Generation(self._ix)
        except Exception as exc:  # noqa: BLE001 -- a damaged file raises anything unpickling raises
            raise IndexUnavailable(self._explain(exc)) from None

    def _open(self):
        return DurableStorage(str(self.index_dir), readonly=True).open_index()

    def _explain(self, exc: BaseException) -> str:
        """One line: which file cannot be read and what to do."""
        if is_permission_error(exc):
            return f"cannot read {exc.filename or self.index_dir} ({reason(exc)})"
        try:
            damage = first_damage(self.index_dir)
        except OSError as again:
            return f"cannot read {again.filename or self.index_dir} ({reason(again)})"
        where = f"{damage.file} {damage.problem}" if damage else f"it cannot be read ({reason(exc)})"
        return f"index {self.index_dir} is damaged: {where}; {REMEDY}"

    def _current(self) -> Generation:
        """The newest committed generation (reopened after an index run commits). A generation
        that cannot be opened leaves the last good one in service; ``problem`` says why."""
        with self._lock:
            if not self._gen.searcher.up_to_date():
                latest = self._ix.latest_generation()
                if latest != self._failed_generation:
                    try:
                        ix = self._open()
                        gen = Generation(ix)
                    except Exception as exc:  # noqa: BLE001
                        self._failed_generation = latest
                        self.problem = self._explain(exc)
                        log.error("still serving generation %s: %s",
                                  self._gen.reader.generation(), self.problem)
                        return self._gen
                    old, self._ix, self._gen = self._gen, ix, gen
                    self.problem = None
                    old.retire()
            return self._gen

    def close(self) -> None:
        with self._lock:
            self._gen.close()

    @property
    def doc_count(self) -> int:
        return self._current().doc_count

    # -- search -------------------------------------------------------------------------------

    def search(self, params: SearchParams) -> SearchResult:
        validate(params)
        with self._lock:
            gen = self._current()
            return self._search(gen, params, self._parse(gen, params))

    @staticmethod
    def _parse(gen: Generation, params: SearchParams):
        parsed = gen.parse(params.q)
        if parsed.is_empty and not params.has_filters:
            raise SearchError("Hãy nhập từ khóa tìm kiếm hoặc chọn một bộ lọc.")
        return parsed

    def _matches(self, gen: Generation, params: SearchParams, parsed,
                 selections: dict[str, list[str]]) -> _Matches:
        """What the results are for: the query, or its respelling when no article holds every
        word and the respelling finds some (unless ``params.correct`` is off); and, when few
        hold every word, the respelling to offer (``suggestion``). A search and its export
        both start here, so a download holds what the page showed."""
        evaluation = gen.evaluate(parsed)
        suggestion = None
        if evaluation is not None and not parsed.is_empty and evaluation.complete < SUGGEST_BELOW:
            suggestion = self._respelled(gen, params.q, evaluation.complete)
            if suggestion is not None and params.correct and evaluation.complete == 0:
                respelled = gen.parse(suggestion)
                corrected = gen.evaluate(respelled)
                base = self._base(gen, params, corrected)
                if selected(gen.facets, base, selections, gen.arrays.size).any():
                    return _Matches(suggestion, respelled, corrected, base, None, params.q)
        return _Matches(params.q, parsed, evaluation, self._base(gen, params, evaluation),
                        suggestion, None)

    @staticmethod
    def _selections(gen: Generation, params: SearchParams) -> dict[str, list[str]]:
        """The ticked values as the index spells them: a partner, country or official typed another way ("nagano",
        "Yunnan", "bộ ngoại giao nga") is the value it names, as on its explore page; a value the archive does not
        hold stays as typed, and matches nothing."""
        chosen = params.all_selected()
        for name, values in chosen.items():
            if values and explore.entity_facet(name) is not None:
                names = gen.names(name)
                chosen[name] = list(dict.fromkeys(names.resolve(value) or value for value in values))
        return chosen

    def _base(self, gen: Generation, params: SearchParams, evaluation) -> np.ndarray:
        """The documents the words and the dates let through (a new array: the evaluation's
        own stays whole)."""
        return (evaluation.matched if evaluation else gen.arrays.live) & \
            self._date_filter(gen, params)

    def _search(self, gen: Generation, params: SearchParams, parsed) -> SearchResult:
        selections = self._selections(gen, params)
        found = self._matches(gen, params, parsed, selections)
        matched, facets, histogram = count_facets(gen.facets, found.base, selections,
                                                  params.facet_limit, gen.arrays.size)
        docs = np.flatnonzero(matched)
        total = len(docs)
        needles = query_needles(found.parsed)
        evaluation = found.evaluation
        keys = self._sort_keys(gen, evaluation, docs, params.sort)
        wanted = params.page * params.limit
        if params.fold:
            order, shown = self._folded(gen, docs, keys, wanted)
        else:
            order, shown = _first_in_order(docs, keys, wanted), len(docs)
        start = (params.page - 1) * params.limit
        page = order[start:start + params.limit]
        group, has_copies = gen.copies if params.fold else (None, None)
        copied = docs[:0]
        if params.fold and has_copies[page].any():  # the copies of this page's hits, in order
            on_page = has_copies[docs] & np.isin(group[docs], group[page[has_copies[page]]])
            copied = docs[on_page][np.argsort(keys[on_page], kind="stable")]
        hits = []
        for docnum in page:
            score = None if evaluation is None else float(evaluation.scores[docnum])
            hit = self._hit(gen, int(docnum), score, needles)
            if len(copied) and has_copies[docnum]:
                others = copied[(group[copied] == group[docnum]) & (copied != docnum)]
                hit.copy_count = len(others)
                hit.copies = [self._copy(gen, int(d)) for d in others[:MAX_COPIES]]
            hits.append(hit)
        return SearchResult(
            query=found.query,
            total=total,
            page=params.page,
            pages=max(1, math.ceil(shown / params.limit)),
            limit=params.limit,
            sort=params.sort,
            filters={**selections, "from": params.date_from, "to": params.date_to},
            hits=hits,
            facets=facets,
            histogram=histogram,
            suggestion=found.suggestion,
            corrected_from=found.corrected_from,
            matching=evaluation.level if evaluation is not None else STRICT,
            months=explore.months(gen, matched, selections.get("year", [])),
            undated_in_range=self._undated_count(gen, params, evaluation, selections),
            folded=total - shown,
        )

    @staticmethod
    def _folded(gen: Generation, docs: np.ndarray, keys: np.ndarray, wanted: int
                ) -> tuple[np.ndarray, int]:
        """The first ``wanted`` results (or all) with each group of near-identical articles shown
        once, at its best-placed member, and how many results there are so folded. Only as much
        of the order as holds them is sorted (a group's members may all come first)."""
        group, has_copies = gen.copies
        count = wanted
        while True:
            ranked = _first_in_order(docs, keys, count)
            copied_at = np.flatnonzero(has_copies[ranked])
            keep = np.ones(len(ranked), dtype=bool)
            keep[copied_at] = False
            keep[copied_at[np.unique(group[ranked[copied_at]], return_index=True)[1]]] = True
            order = ranked[keep]
            if len(ranked) == len(docs):
                return order, len(order)
            if len(order) >= wanted:
                break
            count *= 4
        groups = np.zeros(len(group), dtype=bool)
        groups[group[docs[has_copies[docs]]]] = True
        return order, int((~has_copies[docs]).sum()) + int(groups.sum())

    @staticmethod
    def _copy(gen: Generation, docnum: int) -> Copy:
        data = gen.card(docnum)
        return Copy(id=gen.ids[docnum], title=data["title"], url=data["url"],
                    date=data.get("date"), published=data.get("published"))

    @staticmethod
    def _undated_count(gen: Generation, params: SearchParams, evaluation, selections) -> int:
        """Articles of unknown year whose day and month fall in the date range, among those
        the query and the facet selections match (0 without a date range)."""
        if not (params.date_from or params.date_to):
            return 0
        undated = Searcher._undated_in(gen, parse_date_bound(params.date_from, upper=False),
                                       parse_date_bound(params.date_to, upper=True))
        words = evaluation.matched if evaluation else gen.arrays.live
        return int(selected(gen.facets, words & undated, selections, gen.arrays.size).sum())

    @staticmethod
    def _respelled(gen: Generation, query: str, complete: int) -> str | None:
        """The query with its unknown syllables respelled (``spelling``), written as the
        articles it finds best write it, if more articles hold every word of it than the
        query's ``complete``; else None."""
        respelled = respell(query, gen.is_term, gen.vocabulary)
        if respelled is None:
            return None
        evaluation = gen.evaluate(gen.parse(respelled.text))
        if evaluation is None or evaluation.complete <= complete:
            return None
        found = np.flatnonzero(evaluation.matched)
        best = found[np.lexsort((-evaluation.scores[found], -evaluation.rank[found]))][:EXAMPLES]
        stored = [gen.stored(int(docnum)) for docnum in best]
        return respelled.as_written([text for data in stored
                                     for text in (data["title"], data["body"])])

    @staticmethod
    def _date_filter(gen: Generation, params: SearchParams) -> np.ndarray:
        low = parse_date_bound(params.date_from, upper=False)
        high = parse_date_bound(params.date_to, upper=True)
        if low is None and high is None:
            return gen.arrays.live
        keys = gen.date_keys
        # Full dates (YYYYMMDD > 9999) fall in a range by their value; a day and month of
        # unknown year (MMDD) only when asked for (``undated``).
        dated = (keys > 9999) & (keys >= (low or 0)) & (keys <= (high or 99_991_231))
        return dated | Searcher._undated_in(gen, low, high) if params.undated else dated

    @staticmethod
    def _undated_in(gen: Generation, low: int | None, high: int | None) -> np.ndarray:
        """Articles dated by day and month only (MMDD keys) whose day and month fall in the
        range; a range of a year or more takes all of them."""
        keys = gen.date_keys
        undated = (keys >= 101) & (keys <= 1231)
        low, high = low or 0, high or 99_991_231
        if high - low >= 10000:  # a whole year or more
            return undated
        first, last = low % 10000, high % 10000
        if first <= last:
            return undated & (keys >= first) & (keys <= last)
        return undated & ((keys >= first) | (keys <= last))  # across a new year

    @staticmethod
    def _order(gen: Generation, evaluation: Evaluation | None, matched: np.ndarray,
               sort: str) -> np.ndarray:
        """The matched docnums in result order (``_sort_keys``)."""
        docs = np.flatnonzero(matched)
        return _first_in_order(docs, Searcher._sort_keys(gen, evaluation, docs, sort), len(docs))

    @staticmethod
    def _sort_keys(gen: Generation, evaluation: Evaluation | None, docs: np.ndarray,
                   sort: str) -> np.ndarray:
        """One key per document (``docs`` ascending), smaller first; equal keys keep docnum
        order. By relevance: the tier, then the score. Newest first keeps the tiers: articles
        holding every word as a word come first, newest first, then looser matches, newest
        first; unknown years (smaller date keys) last in each. One key sorts in one pass, where
        sorting by three arrays took 6-9 ms for 80,000 results."""
        newest = np.uint64(2**32 - 1) - gen.date_keys[docs].astype(np.uint64)
        if evaluation is None:
            return newest
        if sort == "date":
            # strict 3, loose 2, partial 0
            tier = np.floor(evaluation.rank[docs]).astype(np.uint64)
            return ((np.uint64(3) - tier) << np.uint64(32)) | newest
        return (_descending(evaluation.rank[docs]) << np.uint64(32)) | \
            _descending(evaluation.scores[docs])

    @staticmethod
    def _hit(gen: Generation, docnum: int, score: float | None, needles,
             scan_chars: int | None = None) -> Hit:
        return hit_from(gen.ids[docnum], gen.stored(docnum), score, needles, scan_chars)

    # -- take away ----------------------------------------------------------------------------

    def export(self, params: SearchParams) -> Iterator[Hit]:
        """Every article the search matches, in its order (``page`` and ``limit`` ignored),
        one at a time: a download of 100,000 rows never holds them all. The generation the
        search ran on stays open until the last row, even if an index run commits meanwhile."""
        validate(params)
        with self._lock:
            gen = self._current().hold()
        try:
            with self._lock:
                selections = self._selections(gen, params)
                found = self._matches(gen, params, self._parse(gen, params), selections)
                evaluation = found.evaluation
                matched = selected(gen.facets, found.base, selections, gen.arrays.size)
                order = self._order(gen, evaluation, matched, params.sort)
                needles = query_needles(found.parsed)
            for start in range(0, len(order), EXPORT_BATCH):
                with self._lock:
                    batch = [self._hit(gen, int(d), None if evaluation is None
                                       else float(evaluation.scores[d]), needles,
                                       EXPORT_SCAN_CHARS)
                             for d in order[start:start + EXPORT_BATCH]]
                yield from batch
        finally:
            with self._lock:
                gen.release()

    # -- explore ------------------------------------------------------------------------------

    def overview(self, year: str | None = None, latest: int = 10,
                 facet_limit: int = 10) -> explore.Overview:
        """The whole archive at a glance: size, date span, years (months of ``year``), the
        most frequent partners, countries and officials, and the newest articles."""
        with self._lock:
            gen = self._current()
            mask = gen.arrays.live
            return explore.Overview(
                **explore.summarise(gen, mask, facet_limit, year),
                latest=[self._hit(gen, int(d), None, ())
                        for d in explore.newest_first(gen, mask, latest)])

    def resolve(self, facet: str, name: str) -> str | None:
        """The partner, country or official (``facet``) that ``name`` means, as the index
        spells it (``Nagano``, ``nagano`` and ``Nagano-ken`` are ``tỉnh Nagano``), or None."""
        if explore.entity_facet(facet) is None:
            raise SearchError(f"Không có trang cho {facet!r} (có: đối tác, quốc gia, lãnh đạo).")
        with self._lock:
            return self._current().names(facet).resolve(name.strip())

    def profile(self, facet: str, name: str, year: str | None = None, page: int = 1,
                limit: int = 20, facet_limit: int = 15) -> explore.Profile:
        """One partner's, country's or official's articles (newest first) and companions: the
        other partners, countries and officials of those articles, with counts."""
        if explore.entity_facet(facet) is None:
            raise SearchError(f"Không có trang cho {facet!r} (có: đối tác, quốc gia, lãnh đạo).")
        with self._lock:
            gen = self._current()
            if name not in gen.facets[facet].index:
                raise ArticleNotFound(name)
            mask = gen.facets[facet].mask([name], gen.arrays.size)
            start = (max(page, 1) - 1) * limit
            return explore.Profile(
                **explore.summarise(gen, mask, facet_limit, year, leave_out=(facet, name)),
                latest=[self._hit(gen, int(d), None, ())
                        for d in explore.newest_first(gen, mask, limit, start)],
                facet=facet, name=name, aliases=gen.names(facet).aliases(name))

    def related(self, doc_id: str, limit: int = 5) -> list[explore.Related]:
        """Articles sharing this one's partners, officials and distinctive words, each with
        the reasons ("cùng đối tác: tỉnh Nagano"); copies with the same title are left out."""
        with self._lock:
            gen = self._current()
            docnum = gen.searcher.document_number(id=doc_id)
            if docnum is None:
                raise ArticleNotFound(doc_id)
            title = gen.card(docnum)["title"]
            words, phrases = explore.title_scores(gen, title)
            scores, shared = explore.related_scores(gen, docnum, words)
            related = []
            for candidate in np.argsort(-scores, kind="stable")[:limit * 4]:
                if scores[candidate] <= 0 or len(related) == limit:
                    break
                hit = self._hit(gen, int(candidate), None, ())
                if hit.title.casefold() == title.casefold():
                    continue
                related.append(explore.Related(
                    **hit.to_dict(),
                    reasons=explore.reasons(shared, int(candidate), phrases)))
            return related

    def suggest(self, text: str, limit: int = 8, kinds: tuple[str, ...] | None = None) -> list:
        """Completions for what is being typed: partners, officials, countries and title
        words (``kinds``: only some of them), matched without accents and by any alias
        (``completion``)."""
        from . import completion

        with self._lock:
            return completion.complete(self._current(), text, limit, kinds or completion.KINDS)

    # -- articles -----------------------------------------------------------------------------

    def article(self, doc_id: str) -> ArticleRecord:
        with self._lock:
            gen = self._current()
            docnum = gen.searcher.document_number(id=doc_id)
            if docnum is None:
                raise ArticleNotFound(doc_id)
            data = gen.stored(docnum)
        return record_from(doc_id, data)


def _descending(values: np.ndarray) -> np.ndarray:
    """float32 values as unsigned integers that sort in the opposite order (-0.0 as 0.0)."""
    bits = (values.astype(np.float32) + np.float32(0)).view(np.uint32)
    ascending = np.where(bits >> np.uint32(31), ~bits, bits | np.uint32(0x80000000))
    return (~ascending).astype(np.uint64)


def _first_in_order(docs: np.ndarray, keys: np.ndarray, count: int) -> np.ndarray:
    """The first ``count`` of ``docs`` by ``keys`` (stable), and any tied with the last: the
    start of the whole order, sorted without sorting the rest."""
    if count >= len(docs):
        return docs[np.argsort(keys, kind="stable")]
    within = keys <= np.partition(keys, count - 1)[count - 1]
    return docs[within][np.argsort(keys[within], kind="stable")]
