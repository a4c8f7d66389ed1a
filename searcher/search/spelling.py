"""Did you mean: respell a query's unknown syllables as the archive's nearest known ones."""
from __future__ import annotations

import re

import rapidfuzz.process
from rapidfuzz.distance import Levenshtein

from ..text.normalize import clean, fold
from .ranking import LONG_WORD, SUGGEST_BELOW


class Vocabulary:
    """The archive's accent-less syllables, the candidates for a respelling (stored with each
    segment at commit: ``store.docvalues``)."""

    def __init__(self, words: list[str], doc_frequency):
        self._words = words
        self._doc_frequency = doc_frequency

    def closest(self, folded: str) -> str | None:
        """The most frequent known syllable within one edit (two for long syllables)."""
        cutoff = 2 if len(folded) >= LONG_WORD else 1
        matches = rapidfuzz.process.extract(folded, self._words, scorer=Levenshtein.distance,
                                            score_cutoff=cutoff, limit=50)
        if not matches:
            return None
        return min(matches, key=lambda m: (m[1], -self._doc_frequency(m[0])))[0]


def suggest(query: str, total: int, is_term, vocabulary: Vocabulary, count_matches) -> str | None:
    """A respelling of the query's unknown syllables that finds more than ``total``, or None.

    ``is_term(folded)`` tells known syllables; ``count_matches(text)`` runs a query."""
    if total >= SUGGEST_BELOW:
        return None
    changed = False
    out = []
    for token in re.findall(r"\w+|\W+", clean(query).strip()):
        folded = fold(token)
        if not token[0].isalnum() or is_term(folded):
            out.append(token)
            continue
        respelled = vocabulary.closest(folded)
        out.append(respelled or token)
        changed = changed or respelled is not None
    if not changed:
        return None
    suggestion = "".join(out)
    return suggestion if count_matches(suggestion) > total else None
