"""Posting lists of one index generation as NumPy arrays, scored with BM25F.

Whoosh stores the index; its query matchers walk postings one at a time in Python, which at tens
of thousands of articles costs seconds for a query of common Vietnamese syllables. Here each
posting list is read once, block by block, into arrays (and cached), so a query is a handful of
vectorised operations over dense per-document arrays.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .schema import TEXT_FIELDS

K1 = 1.2
B = 0.75
_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))


class IndexArrays:
    """Per-document arrays and cached posting lists for a Whoosh reader (one generation)."""

    def __init__(self, reader):
        self.reader = reader
        self.size = reader.doc_count_all()  # docnums run 0..size-1, deleted ones included
        self.live = np.zeros(self.size, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        self.doc_count = int(self.live.sum())
        self.lengths = {
            # Whoosh answers None, not 0, for an empty field
            name: np.array([reader.doc_field_length(d, name, 0) or 0 for d in range(self.size)],
                           dtype=np.float32)
            for name in TEXT_FIELDS}
        self.average_length = {name: float(self.lengths[name][self.live].mean()) or 1.0
                               if self.doc_count else 1.0 for name in TEXT_FIELDS}
        self.postings = lru_cache(maxsize=20_000)(self._read_postings)
        self.term_scores = lru_cache(maxsize=20_000)(self._term_scores)

    def _read_postings(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of the live documents containing the term."""
        ids, freqs = [], []
        for leaf, offset in self.reader.leaf_readers():
            if (field, term) not in leaf:
                continue
            matcher = leaf.postings(field, term)
            while hasattr(matcher, "child"):  # unwrap the deleted-documents filter
                matcher = matcher.child
            while matcher.is_active():  # whole blocks at a time, not posting by posting
                matcher._read_ids()
                matcher._read_weights()
                ids.append(np.asarray(matcher._ids, dtype=np.int64) + offset)
                freqs.append(np.asarray(matcher._weights, dtype=np.float32))
                matcher._next_block()
        if not ids:
            return _EMPTY
        docs, tf = np.concatenate(ids), np.concatenate(freqs)
        keep = self.live[docs]
        return docs[keep], tf[keep]

    def idf(self, term: str) -> float:
        """One IDF per term, the body's, for every field: BM25F weights fields but measures
        rarity once (Whoosh's per-field IDF made any title match outweigh a relevant body)."""
        df = self.reader.doc_frequency("body", term) or self.reader.doc_frequency("title", term)
        return math.log(self.size / (df + 1)) + 1

    def _term_scores(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, BM25 scores) of a term in one field."""
        docs, tf = self.postings(field, term)
        if not len(docs):
            return _EMPTY
        norm = K1 * (1 - B + B * self.lengths[field][docs] / self.average_length[field])
        return docs, (self.idf(term) * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
