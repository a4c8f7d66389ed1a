"""Did you mean: respell a query's unknown syllables as the archive's nearest known ones."""
from __future__ import annotations

import logging
import re
import threading

import rapidfuzz.process
from rapidfuzz.distance import Levenshtein

from ..text.normalize import clean, fold
from .ranking import LONG_WORD, SUGGEST_BELOW, VOCABULARY_WAIT

log = logging.getLogger(__name__)


class Vocabulary:
    """The archive's accent-less syllables, the candidates for a respelling.

    Reading a large lexicon takes seconds, so it loads in the background, on a reader of its
    own (readers share file handles); until it is done, no suggestion is offered."""

    def __init__(self, ix, doc_frequency):
        self._doc_frequency = doc_frequency
        self._words: list[str] | None = None
        self._loader = threading.Thread(target=self._load, args=(ix,), daemon=True)
        self._loader.start()

    def _load(self, ix) -> None:
        try:
            with ix.reader() as reader:
                words = (t.decode("utf-8") if isinstance(t, bytes) else t
                         for t in reader.lexicon("body"))
                self._words = [t for t in words if t.isascii() and t.isalpha()]
        except Exception as exc:  # noqa: BLE001 -- a damaged or vanished index: no suggestions
            log.warning("no spelling suggestions: the vocabulary could not be read (%s)", exc)
            self._words = []

    def closest(self, folded: str) -> str | None:
        """The most frequent known syllable within one edit (two for long syllables)."""
        self._loader.join(timeout=VOCABULARY_WAIT)
        if self._words is None:
            return None
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
