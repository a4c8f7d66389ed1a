"""Match and rank a parsed query over the index arrays (BM25F with Vietnamese-aware alternatives).

Each word matches, best first: its accent-exact form (when the user typed accents; see
``_Scorer.word``), its folded form, its syllables standing together (folded pairs: a different
segmentation), and, as the recall net, its syllables anywhere in the document. Scores add up
across the alternatives that match and across fields, weighted; words of one query item are
ANDed, ``OR`` unites items, ``-`` excludes. Neighbouring query words found side by side earn a proximity bonus.

Documents that match every word as a word (``strict``) rank before those that need the
scattered-syllables net, whatever their scores.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text.segment import Word
from ..text.terms import exact_word_term, folded_word_term, pair_terms
from .postings import IndexArrays
from .query import Item, ParsedQuery
from .ranking import EXACT_BOOST, FIELD_BOOSTS, FOLDED_BOOST, PROXIMITY_BOOST, SCATTERED_BOOST


@dataclass
class Evaluation:
    scores: np.ndarray  # float32 per docnum
    matched: np.ndarray  # bool per docnum
    strict: np.ndarray  # bool: matched without the scattered-syllables net


class _Scorer:
    """Scores for one query; a term's dense scores are computed once per query (a query word,
    its pairs and the proximity bonus ask for the same terms) and are read-only."""

    def __init__(self, arrays: IndexArrays):
        self.arrays = arrays
        self.size = arrays.size
        self._terms: dict[str, np.ndarray] = {}

    def zeros(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.float32)

    def term(self, term: str) -> np.ndarray:
        """Field-weighted BM25 of one term for every document (0 where absent)."""
        dense = self._terms.get(term)
        if dense is None:
            dense = self.zeros()
            for field, boost in FIELD_BOOSTS.items():
                docs, scores = self.arrays.term_scores(field, term)
                dense[docs] += boost * scores
            dense.flags.writeable = False
            self._terms[term] = dense
        return dense

    def pair(self, a: str, b: str) -> np.ndarray:
        """Scores where two folded syllables stand side by side: as a word or across words."""
        across, word = pair_terms(a, b)
        return self.term(across) + self.term(word)

    def together(self, syllables: tuple[str, ...]) -> np.ndarray:
        """Scores where every neighbouring pair of (folded) syllables stands together, else 0.

        For two syllables this is exactly a phrase; for more, pairs are checked, not the chain.
        """
        if len(syllables) == 1:
            return self.term(syllables[0])
        total = self.zeros()
        mask = np.ones(self.size, dtype=bool)
        for a, b in zip(syllables, syllables[1:]):
            scores = self.pair(a, b)
            mask &= scores > 0
            total += scores
        return np.where(mask, total, 0).astype(np.float32)

    def word(self, word: Word, recall_net: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scores, strict mask, match mask) of one query word.

        Typed accents are taken at their word: an accented word matches its exact spelling, and
        its folded forms only inside documents that also have its exact syllables (the same
        word, segmented differently), unless the archive lacks that spelling altogether (a
        mistyped accent). So ``bão`` is not drowned by ``báo``, ``bảo`` and ``bao``."""
        exact_parts = [self.term(s) for s in word.normalized]
        exact_present = np.logical_and.reduce([p > 0 for p in exact_parts])
        trust_accents = word.accented and bool(exact_present.any())
        if len(word.folded) == 1:
            score = EXACT_BOOST * exact_parts[0] if trust_accents else self.term(word.folded[0])
            strict = score > 0
            return score, strict, strict
        folded = self.together(word.folded)  # holds the folded word term of two syllables
        if len(word.folded) > 2:
            folded = folded + self.term(folded_word_term(word))
        if trust_accents:
            score = EXACT_BOOST * self.term(exact_word_term(word)) + \
                np.where(exact_present, FOLDED_BOOST * folded, 0).astype(np.float32)
        else:
            score = folded
        strict = score > 0
        matched = strict
        if recall_net:
            score = score + np.where(exact_present, SCATTERED_BOOST * sum(exact_parts), 0)
            matched = strict | exact_present
        return score.astype(np.float32), strict, matched

    def phrase(self, words: list[Word]) -> np.ndarray:
        """A quoted phrase: syllables together, accent-tolerant; the exact spelling ranks first."""
        folded = tuple(s for w in words for s in w.folded)
        normalized = tuple(s for w in words for s in w.normalized)
        score = self.together(folded)
        if normalized != folded:
            exact = sum(self.term(s) for s, f in zip(normalized, folded) if s != f)
            score = score + np.where(score > 0, EXACT_BOOST * exact, 0)
        return score.astype(np.float32)

    def item(self, item: Item, recall_net: bool = True):
        """(scores, strict, matched) of a plain run (all words) or a quoted phrase."""
        if item.phrase:
            score = self.phrase(item.words)
            return score, score > 0, score > 0
        score = self.zeros()
        strict = np.ones(self.size, dtype=bool)
        matched = np.ones(self.size, dtype=bool)
        for word in item.words:
            s, st, m = self.word(word, recall_net)
            score += s
            strict &= st
            matched &= m
        return score, strict, matched

    def excluded(self, item: Item) -> np.ndarray:
        if item.phrase:
            return self.phrase(item.words) > 0
        return np.logical_or.reduce([self.word(w, recall_net=False)[1] for w in item.words])


def evaluate(parsed: ParsedQuery, arrays: IndexArrays) -> Evaluation | None:
    """Scores and matches of every document; None when the query has no words (browse)."""
    scorer = _Scorer(arrays)
    score = scorer.zeros()
    strict = arrays.live.copy()
    matched = arrays.live.copy()
    positive = False
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            out = scorer.excluded(group[0])
            strict &= ~out
            matched &= ~out
            continue
        group_score = scorer.zeros()
        group_strict = np.zeros(arrays.size, dtype=bool)
        group_matched = np.zeros(arrays.size, dtype=bool)
        for item in group:
            if item.negated:
                continue
            s, st, m = scorer.item(item)
            group_score += s
            group_strict |= st
            group_matched |= m
        score += group_score
        strict &= group_strict
        matched &= group_matched
        positive = True
    if not positive:
        if not parsed.groups:
            return None
        return Evaluation(score, matched, matched)
    words = parsed.positive_words
    for a, b in zip(words, words[1:]):
        score += PROXIMITY_BOOST * scorer.pair(a.folded[-1], b.folded[0])
    return Evaluation(np.where(matched, score, 0).astype(np.float32), matched, strict & matched)
