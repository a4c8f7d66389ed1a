"""Posting lists of one index generation as NumPy arrays, scored with BM25F.

Whoosh stores the index; its query matchers walk postings one at a time in Python, which at tens
of thousands of articles costs seconds for a query of common Vietnamese syllables. Here each
posting list is read once, block by block (``store.whoosh_internals.read_postings``), into arrays
(and cached), so a query is a handful of vectorised operations over dense per-document arrays.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..store import docvalues
from ..store.schema import TEXT_FIELDS
from ..text.terms import WORD_JOINER
from ..store.whoosh_internals import read_postings
from . import ranking

_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class IndexArrays:
    """Per-document arrays and cached posting lists for a Whoosh reader (one generation)."""

    def __init__(self, reader, lengths: dict[str, np.ndarray],
                 person_names: list[str] | None = None):
        """``lengths``: each text field's length per document, ``person_names``: the body's
        terms that are people's full names (both ``store.docvalues``; the names are read from
        the term list when the columns files lack them)."""
        self.reader = reader
        self.size = reader.doc_count_all()  # docnums run 0..size-1, deleted ones included
        self.live = np.ones(self.size, dtype=bool)
        for leaf, offset in reader.leaf_readers():
            if leaf.has_deletions():  # rare: asking every document of every segment took 60 ms
                live = list(leaf.all_doc_ids())
                self.live[offset:offset + leaf.doc_count_all()] = False
                self.live[np.asarray(live, dtype=np.int64) + offset] = True
        self.doc_count = int(self.live.sum())
        self.lengths = lengths
        self.average_length = {name: float(self.lengths[name][self.live].mean()) or 1.0
                               if self.doc_count else 1.0 for name in TEXT_FIELDS}
        # a field no article has text in (articles from JSONL have no captions) has no postings:
        # not looked up (a dictionary lookup per term of a query)
        self._empty_fields = {name for name in TEXT_FIELDS if not self.lengths[name].any()}
        self.postings = lru_cache(maxsize=20_000)(self._read_postings)
        self.frequencies = lru_cache(maxsize=2_000)(self._frequencies)
        self.term_scores = lru_cache(maxsize=20_000)(self._term_scores)
        self.has_term = lru_cache(maxsize=20_000)(self._has_term)
        self.idf = lru_cache(maxsize=20_000)(self._idf)  # asked once per field a term is scored in
        self._person_name_terms = person_names
        self._person_names: dict[str, tuple[str, ...]] | None = None

    def _read_postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of the live documents containing the term."""
        if field in self._empty_fields:
            return _EMPTY
        docs, tf = read_postings(self.reader, field, term)
        if self.doc_count == self.size:  # no deletions: nothing to drop (a sixth of the read)
            return docs, tf
        keep = self.live[docs]
        return docs[keep], tf[keep]

    def _frequencies(self, term: str) -> np.ndarray:
        return _dense_frequencies(self, term)

    def person_names(self, syllable: str) -> tuple[str, ...]:
        """The word terms of the body that are people's full names (a surname first, as
        Vietnamese names are written) holding ``syllable`` after the surname: ``đức`` ->
        ``nguyễn_đức_chung``, ``vũ_đức_đam``. Grouped once per generation."""
        if self._person_names is None:
            terms = self._person_name_terms
            if terms is None:
                terms = docvalues.person_names(self.reader)
            names: dict[str, list[str]] = {}
            for term in terms:
                for part in set(term.split(WORD_JOINER)[1:]):
                    names.setdefault(part, []).append(term)
            self._person_names = {k: tuple(v) for k, v in names.items()}
        return self._person_names.get(syllable, ())

    def doc_frequency(self, term: str) -> int:
        """Articles holding the term in their body."""
        return self.reader.doc_frequency("body", term)

    def same_postings(self, term: str, like: str) -> bool:
        """Does ``term`` have ``like``'s postings in every text field? Asked of a folded word and
        its spelling with accents (``giao_duc``, ``giáo_dục``): every occurrence of the spelling
        is one of the folded word, so equal totals mean equal postings, and the folded word's
        lists need not be read (at 348,700 articles, a millisecond a word)."""
        return all(self.reader.frequency(field, term) == self.reader.frequency(field, like)
                   for field in TEXT_FIELDS if field not in self._empty_fields)

    def _has_term(self, term: str) -> bool:
        return any(self.reader.doc_frequency(field, term) for field in TEXT_FIELDS)

    def _idf(self, term: str) -> float:
        """One IDF per term, the body's, for every field: BM25F weights fields but measures
        rarity once (Whoosh's per-field IDF made any title match outweigh a relevant body)."""
        df = self.reader.doc_frequency("body", term) or self.reader.doc_frequency("title", term)
        return math.log(self.size / (df + 1)) + 1

    def _term_scores(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, BM25 scores) of a term in one field."""
        docs, tf = self.postings(field, term)
        if not len(docs):
            return _EMPTY
        return docs, self.bm25(field, term, tf, self.lengths[field][docs])

    def bm25(self, field: str, term: str, tf: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """BM25 scores of a term in one field for these documents' frequencies and lengths."""
        k1, b = ranking.K1, ranking.B
        norm = k1 * (1 - b + b * lengths / self.average_length[field])
        return (self.idf(term) * tf * (k1 + 1) / (tf + norm)).astype(np.float32)


class Subset:
    """``IndexArrays`` seen through some of the documents (sorted docnums: those a query can
    match), renumbered 0..len-1: a query's dense arrays are as long as its candidates, so its
    arithmetic costs what it touches, not the archive's size. Rarity, names and document
    frequencies stay the archive's; its posting lists are cut from the archive's (cached
    there), so every value is the one the whole archive gives."""

    def __init__(self, arrays: IndexArrays, docs: np.ndarray):
        self.docs = docs
        self.size = len(docs)
        self.live = arrays.live[docs]
        self._arrays = arrays
        self._local = np.full(arrays.size, -1, dtype=np.int32)
        self._local[docs] = np.arange(len(docs), dtype=np.int32)
        self._postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._scores: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._frequencies: dict[str, np.ndarray] = {}
        self.has_term = arrays.has_term
        self.same_postings = arrays.same_postings
        self.person_names = arrays.person_names
        self.doc_frequency = arrays.doc_frequency
        self.idf = arrays.idf

    def _cut(self, docs: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        local = self._local[docs]
        keep = local >= 0
        return local[keep], values[keep]

    def postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        key = (field, term)
        if key not in self._postings:
            self._postings[key] = self._cut(*self._arrays.postings(field, term))
        return self._postings[key]

    def term_scores(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Scored here, for the subset's postings only (the archive's scores are per element
        the same, for the whole posting list)."""
        key = (field, term)
        if key not in self._scores:
            docs, tf = self.postings(field, term)
            self._scores[key] = docs, self._arrays.bm25(
                field, term, tf, self._arrays.lengths[field][self.docs[docs]])
        return self._scores[key]

    def frequencies(self, term: str) -> np.ndarray:
        if term not in self._frequencies:
            self._frequencies[term] = _dense_frequencies(self, term)
        return self._frequencies[term]


def _dense_frequencies(arrays: IndexArrays | Subset, term: str) -> np.ndarray:
    """A term's occurrences per document, all text fields together (dense, read-only)."""
    dense = np.zeros(arrays.size, dtype=np.float32)
    for field in TEXT_FIELDS:
        docs, tf = arrays.postings(field, term)
        dense[docs] += tf
    dense.flags.writeable = False
    return dense
