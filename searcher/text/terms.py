"""The terms of the index: the one contract between what indexing writes and what queries ask.

Term kinds, for the text ``Hợp tác du lịch`` (segmented ``Hợp_tác du_lịch``):

==================  ============  ============================================================
kind                example       written for
==================  ============  ============================================================
exact syllable      ``hợp``       every syllable, normalised (``normalize_syllable``)
folded syllable     ``hop``       every syllable whose folded form differs from the exact one
word                ``hợp_tác``   every word of two or more syllables, normalised
folded word         ``hop_tac``   every such word whose folded form differs
folded pair         ``tac du``    two neighbouring syllables, except the two syllables of a
                                  two-syllable word (its folded word already says they stand
                                  together); so ``pair_terms`` names both places a pair can be
==================  ============  ============================================================

Queries build terms only through the functions here (``tests/test_terms.py`` checks that a query
for a text asks only for terms that indexing the same text wrote). ``ANALYSIS_ID`` changes with
this package's code, so an index built with other analysis re-analyses every article.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache
from importlib.metadata import version

from ..identity import code_identity
from .normalize import fold, normalize_syllable
from .segment import Word, word_syllables, word_syllables_with_prefix

WORD_JOINER = "_"
PAIR_JOINER = " "



@cache
def analysis_id() -> str:
    """The identity of this analysis: the code of ``searcher.text`` and underthesea's version
    (worked out when an index run needs it, not by every query process)."""
    return code_identity(__package__, f"underthesea {version('underthesea')}")


def word_term(syllables: tuple[str, ...] | list[str]) -> str:
    """The word (or folded word) term of a word's normalised (or folded) syllables."""
    return WORD_JOINER.join(syllables)


def exact_word_term(word: Word) -> str:
    return word_term(word.normalized)


def folded_word_term(word: Word) -> str:
    return word_term(word.folded)


def pair_terms(first: str, second: str) -> tuple[str, str]:
    """The two terms under which two folded syllables standing together are indexed: a pair
    across a word boundary (or inside a long word), or a two-syllable word."""
    return f"{first}{PAIR_JOINER}{second}", f"{first}{WORD_JOINER}{second}"


@lru_cache(maxsize=500_000)
def _forms(syllable: str) -> tuple[str, str]:
    """(normalised, folded) of a syllable as written: one cache lookup per occurrence."""
    return normalize_syllable(syllable), fold(syllable)


def index_terms(text: str) -> dict[str, int]:
    """The terms of a text (see the table above) with their counts."""
    return _terms_of(word_syllables(text))


def index_terms_with_prefix(text: str, prefix: str) -> tuple[dict[str, int], dict[str, int]]:
    """The terms of a text and those of its opening ``prefix`` (the words that begin there),
    from one segmentation."""
    words, in_prefix = word_syllables_with_prefix(text, prefix)
    return _terms_of(words), _terms_of(words[:in_prefix])


def _terms_of(words: list[list[str]]) -> dict[str, int]:
    """The terms of segmented words, with their counts.

    Builds the same terms as ``Word`` and the functions above would, without a ``Word`` per word:
    this runs on every word of the corpus."""
    counts: dict[str, int] = defaultdict(int)
    previous = None
    for raw in words:
        forms = [_forms(s) for s in raw]
        if len(forms) > 1:
            term = word_term([n for n, _ in forms])
            folded_term = word_term([f for _, f in forms])
            counts[term] += 1
            if folded_term != term:
                counts[folded_term] += 1
        two_syllable_word = len(forms) == 2  # its folded word term stands for its inner pair
        for i, (normalized, folded) in enumerate(forms):
            counts[normalized] += 1
            if folded != normalized:
                counts[folded] += 1
            if previous is not None and not (i == 1 and two_syllable_word):
                counts[f"{previous}{PAIR_JOINER}{folded}"] += 1
            previous = folded
    return counts
