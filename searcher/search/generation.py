"""One committed version of the index, opened for searching: its reader, arrays, facet columns
and date keys. A new generation is opened when an index run commits."""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..facets import FACETS
from ..store import docvalues
from ..store.schema import CARD_FIELD, unpack_card
from ..text.fingerprint import copies
from ..text.normalize import normalize_syllable, syllables
from .aliases import folded_sequence_pattern, is_dictionary_word
from .explore import NameIndex
from .facet_counts import FacetColumn
from . import query as query_builder
from .postings import IndexArrays
from .scoring import Evaluation, evaluate
from .spelling import Vocabulary
from .writing import stored_share

PARSED_QUERIES = 1024  # query texts whose parse a generation keeps
# Scores, tiers and result sets of the latest queries: ticking a filter, sorting by date or
# turning a page re-runs a query, and its words score the same (Lucene's query cache, bounded
# by bytes; each kept for the documents it touches only, see ``_Kept``).
EVALUATION_BYTES = 64 * 2**20


class Generation:
    """Kept open while anyone still reads it: a long export holds it (``hold``/``release``) and
    a newer generation only ``retire``s it, so the files close when the last reader is done."""

    def __init__(self, ix):
        self._holders = 0
        self._retired = False
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        columns = docvalues.for_reader(self.reader, ix.storage)
        self.arrays = IndexArrays(self.reader, columns.lengths, columns.person_names)
        self.doc_count = self.arrays.doc_count
        merges = docvalues.read_merges(ix.storage, self.reader.generation()) or {}
        self.facets = {facet.name: FacetColumn(facet, columns.facets[facet.name], self.arrays.live,
                                               merges.get(facet.name))
                       for facet in FACETS}
        self.date_keys = columns.date_keys
        # An index with no segment yet (created, nothing committed) has no columns to read.
        self.ids = [] if columns.size == 0 else self.reader.column_reader("id")
        self.vocabulary = Vocabulary(columns.vocabulary, self.body_frequency)
        self._names: dict[str, NameIndex] = {}
        self._columns = columns  # the copy keys are read from it only if the copies are not saved
        self._storage = ix.storage
        self._copies: tuple[np.ndarray, np.ndarray] | None = None
        self._cards: tuple | None = None  # (the card column's reader,), opened on first use
        self.parse = lru_cache(maxsize=PARSED_QUERIES)(self._parse)
        self._evaluations: OrderedDict[str, Evaluation | None] = OrderedDict()
        self._evaluation_bytes = 0

    def _parse(self, text: str):
        """The query text parsed against this generation's words (``query.parse``)."""
        return query_builder.parse(text, self.is_term)

    def evaluate(self, parsed) -> Evaluation | None:
        """``scoring.evaluate`` of a parsed query, kept for the next request that asks again
        (the caller must not change the arrays it gets)."""
        key = repr(parsed)
        if key in self._evaluations:
            self._evaluations.move_to_end(key)
            kept = self._evaluations[key]
            return None if kept is None else kept.restore()
        evaluation = evaluate(parsed, self.arrays, self.verify_phrase, self.proper_share)
        kept = None if evaluation is None else _Kept.of(evaluation)
        self._evaluations[key] = kept
        self._evaluation_bytes += _nbytes(kept)
        while self._evaluation_bytes > EVALUATION_BYTES:
            _, old = self._evaluations.popitem(last=False)
            self._evaluation_bytes -= _nbytes(old)
        return evaluation

    @property
    def copies(self) -> tuple[np.ndarray, np.ndarray]:
        """Per document, the first document of its group of near-identical articles (itself
        when it has none), and whether it has any (one in a hundred articles does): as the
        commit saved them, else grouped on first use (0.07 s at 35k articles)."""
        if self._copies is None:
            groups = docvalues.read_copies(self._storage, self.reader.generation(),
                                           self.arrays.size)
            if groups is None:
                groups = copies(*self._columns.copy_keys(), self.arrays.live)
            self._copies = groups, np.bincount(groups, minlength=len(groups))[groups] > 1
        return self._copies

    def names(self, facet: str) -> NameIndex:
        """The facet's values by the ways people type them (built on first use)."""
        if facet not in self._names:
            self._names[facet] = NameIndex(self.facets[facet])
        return self._names[facet]

    def body_frequency(self, term: str) -> int:
        return self.reader.doc_frequency("body", term)

    def is_term(self, term: str) -> bool:
        """Does the archive have this term (``hop_tac``, ``nagano``) in a title or body?"""
        return self.reader.doc_frequency("body", term) > 0 or \
            self.reader.doc_frequency("title", term) > 0

    def verify_phrase(self, docnums: np.ndarray, folded: tuple[str, ...],
                      normalized: tuple[str, ...] | None = None) -> np.ndarray:
        """Which of these documents hold the folded syllables in a row, in any stored text; with
        ``normalized``, spelled so (the accents as typed, in the index's normal form)."""
        pattern = folded_sequence_pattern(folded)
        found = np.zeros(len(docnums), dtype=bool)
        for i, docnum in enumerate(docnums):
            data = self.stored(int(docnum))
            texts = [data["title"], data["summary"] or "", data["body"], *data["captions"]]
            found[i] = any(normalized is None or _spelled_alone(text, match, normalized)
                           for text in texts for match in pattern.finditer(text))
        return found

    def proper_share(self, docnums: np.ndarray, syllable: str,
                     spelled_out: frozenset[str] = frozenset()) -> np.ndarray:
        """Per document, the share of a syllable's occurrences written as a proper name of its
        own (``writing.proper_share``), in its stored text."""
        return np.array([stored_share(self.stored(int(d)), syllable, spelled_out) for d in docnums],
                        dtype=np.float32)

    def card(self, docnum: int) -> dict:
        """An article's title, link and dates (``schema.CARD_FIELD``) without inflating its
        stored text; from the stored text in a segment written before the column existed."""
        if self._cards is None:
            self._cards = (self.reader.column_reader(CARD_FIELD),) \
                if CARD_FIELD in self.reader.schema and self.reader.has_column(CARD_FIELD) else ()
        value = self._cards[0][docnum] if self._cards else b""
        return unpack_card(value) if value else self.stored(docnum)

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)["data"]

    def hold(self) -> "Generation":
        self._holders += 1
        return self

    def release(self) -> None:
        self._holders -= 1
        if self._retired and self._holders == 0:
            self.close()

    def retire(self) -> None:
        """A newer generation is in service: close now, or when the last holder releases."""
        self._retired = True
        if self._holders == 0:
            self.close()

    def close(self) -> None:
        self.searcher.close()


_WORD_BEFORE = re.compile(r"(\w+) +$")
_WORD_AFTER = re.compile(r" +(\w+)")


def _spelled_alone(text: str, match: re.Match, normalized: tuple[str, ...]) -> bool:
    """Is ``match`` spelled as ``normalized`` and not split between the words beside it: the
    syllable before it and its first make no common word, nor its last and the one after
    (``tập trung quốc gia`` holds "trung quốc", but as ``tập_trung quốc_gia``)?"""
    if tuple(normalize_syllable(s) for s in syllables(match.group())) != normalized:
        return False
    before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
    after = _WORD_AFTER.match(text, match.end())
    return not (before and is_dictionary_word((normalize_syllable(before.group(1)), normalized[0]))
                or after and is_dictionary_word((normalized[-1], normalize_syllable(after.group(1)))))


@dataclass
class _Kept:
    """An evaluation as the cache keeps it: the documents it scores, ranks or matches, and their
    values. Whole arrays take 9 bytes an article (3 MB at 348,700 articles: twenty queries
    filled the cache, and a mix of 64 never found one again); a query matching a thousand
    articles keeps 13 KB. Restoring the arrays costs a millisecond at 348,700 articles."""

    size: int
    docs: np.ndarray
    scores: np.ndarray
    rank: np.ndarray
    matched: np.ndarray
    level: str
    complete: int

    @classmethod
    def of(cls, evaluation: Evaluation) -> "_Kept":
        # only where values can be, if known (a query scored over its candidates)
        docs = evaluation.support if evaluation.support is not None else slice(None)
        kept = evaluation.matched[docs] | (evaluation.scores[docs] != 0) | \
            (evaluation.rank[docs] != 0)
        docs = np.flatnonzero(kept) if evaluation.support is None else docs[kept]
        return cls(len(evaluation.scores), docs.astype(np.int32), evaluation.scores[docs],
                   evaluation.rank[docs], evaluation.matched[docs], evaluation.level,
                   evaluation.complete)

    def restore(self) -> Evaluation:
        return Evaluation.spread(self.size, self.docs, self.scores, self.matched, self.rank,
                                 self.level, self.complete)


def _nbytes(kept: _Kept | None) -> int:
    if kept is None:
        return 0
    return kept.docs.nbytes + kept.scores.nbytes + kept.rank.nbytes + kept.matched.nbytes
