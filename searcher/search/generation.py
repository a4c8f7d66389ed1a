"""One committed version of the index, opened for searching: its reader, arrays, facet columns
and date keys. A new generation is opened when an index run commits."""
from __future__ import annotations

import numpy as np

from ..facets import DATE_RANGE, FACETS
from .aliases import folded_sequence_pattern
from .facet_counts import FacetColumn
from .postings import IndexArrays
from .spelling import Vocabulary


class Generation:
    def __init__(self, ix):
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        self.arrays = IndexArrays(self.reader)
        self.doc_count = self.arrays.doc_count
        self.facets = {facet.name: FacetColumn(self.reader, facet, self.arrays.live)
                       for facet in FACETS}
        self.date_keys = np.zeros(self.arrays.size, dtype=np.int64)
        # An index with no segment yet (created, nothing committed) has no columns to read.
        empty = self.reader.doc_count_all() == 0
        column = [] if empty else self.reader.column_reader(DATE_RANGE.field)
        for d in np.flatnonzero(self.arrays.live):
            self.date_keys[d] = column[int(d)]
        self.ids = [] if empty else self.reader.column_reader("id")
        self.vocabulary = Vocabulary(ix, self.body_frequency)

    def body_frequency(self, term: str) -> int:
        return self.reader.doc_frequency("body", term)

    def is_term(self, term: str) -> bool:
        """Does the archive have this term (``hop_tac``, ``nagano``) in a title or body?"""
        return self.reader.doc_frequency("body", term) > 0 or \
            self.reader.doc_frequency("title", term) > 0

    def verify_phrase(self, docnums: np.ndarray, folded: tuple[str, ...]) -> np.ndarray:
        """Which of these documents hold the folded syllables in a row, in any stored text."""
        pattern = folded_sequence_pattern(folded)
        found = np.zeros(len(docnums), dtype=bool)
        for i, docnum in enumerate(docnums):
            data = self.stored(int(docnum))
            texts = [data["title"], data["summary"] or "", data["body"], *data["captions"]]
            found[i] = any(pattern.search(text) for text in texts)
        return found

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)["data"]

    def close(self) -> None:
        self.searcher.close()
