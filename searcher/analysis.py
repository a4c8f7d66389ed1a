"""The Vietnamese analysis chain, shared by indexing and querying.

    text -> NFC -> underthesea regex tokens -> CRF word segmentation -> words of syllables
         -> per syllable: normalised form + folded form; per multi-syllable word: both joined by "_"

Neighbouring syllables also make a folded term, their two-syllable word (``du_lich``) or a
bigram (``du lich``), so phrases do not depend on how underthesea happened to segment a sentence.
A document that says ``du lịch`` matches the word, one that only has ``du`` here and ``lịch``
there matches only the syllables, and ranks far below.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from os.path import dirname, join

from underthesea.pipeline.word_tokenize import regex_tokenize
from underthesea.pipeline.word_tokenize import __file__ as _word_tokenize_init

from .textnorm import fold, normalize_syllable, normalize_token, syllables

WORD_JOINER = "_"

_tagger = None


def _crf_tagger():
    """underthesea's word-segmentation CRF, loaded once per process.

    ``word_tokenize`` returns normalised strings, not positions in the input; calling its tagger on
    our own token list keeps every syllable tied to the text it came from.
    """
    global _tagger
    if _tagger is None:
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

        tagger = FastCRFSequenceTagger()
        tagger.load(join(dirname(_word_tokenize_init), "models", "ws_crf_vlsp2013_20230727"))
        _tagger = tagger
    return _tagger


@dataclass(frozen=True)
class Word:
    """One segmented word: its syllables as written, normalised and folded."""

    raw: tuple[str, ...]
    normalized: tuple[str, ...]
    folded: tuple[str, ...]

    @property
    def accented(self) -> bool:
        """True when the writer typed diacritics, so exact-accent matches should rank first."""
        return self.normalized != self.folded

    @property
    def term(self) -> str:
        return WORD_JOINER.join(self.normalized)

    @property
    def folded_term(self) -> str:
        return WORD_JOINER.join(self.folded)


def _make_word(raw_syllables: list[str]) -> Word:
    return Word(
        tuple(raw_syllables),
        tuple(normalize_syllable(s) for s in raw_syllables),
        tuple(fold(s) for s in raw_syllables),
    )


def word_syllables(text: str) -> list[list[str]]:
    """The words of a text as lists of syllables as written (punctuation dropped), segmented by
    underthesea's CRF."""
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")
    tokens = regex_tokenize.tokenize(text, use_token_normalize=False)
    if not tokens:
        return []
    features = [[normalize_token(t)] for t in tokens]  # the tagger was trained on normalised text
    tags = _crf_tagger().predict(features)
    words: list[list[str]] = []
    current: list[str] = []
    for tag, token in zip(tags, tokens):
        parts = _token_syllables(token)
        if not parts:  # punctuation ends a word
            if current:
                words.append(current)
                current = []
            continue
        if tag != "I-W" and current:
            words.append(current)
            current = []
        current.extend(parts)
    if current:
        words.append(current)
    return words


def segment(text: str) -> list[Word]:
    """Split a text into words (punctuation dropped), using underthesea's segmenter."""
    return [_make_word(raw) for raw in word_syllables(text)]


@lru_cache(maxsize=200_000)
def _token_syllables(token: str) -> tuple[str, ...]:
    return tuple(syllables(token))


@lru_cache(maxsize=500_000)
def _forms(syllable: str) -> tuple[str, str]:
    """(normalised, folded) of a syllable as written: one cache lookup per occurrence."""
    return normalize_syllable(syllable), fold(syllable)


def bigram(first: str, second: str) -> str:
    """The term for two folded syllables standing together across a word boundary (or inside a
    long word): phrases and proximity become term lookups instead of position checks. Inside a
    two-syllable word the folded word term (``du_lich``) already says it."""
    return f"{first} {second}"


def index_terms(text: str) -> dict[str, int]:
    """Terms of a text with their counts.

    Each syllable contributes its normalised form and, when different, its folded form; a word of
    several syllables contributes its joined normalised and folded forms; each pair of
    neighbouring syllables not already a two-syllable word contributes its folded bigram.
    (The same terms as ``segment`` and ``Word`` give, without building a ``Word`` per word: this
    runs on every word of the corpus.)
    """
    counts: dict[str, int] = defaultdict(int)
    previous = None
    for raw in word_syllables(text):
        forms = [_forms(s) for s in raw]
        if len(forms) > 1:
            term = WORD_JOINER.join([n for n, _ in forms])
            folded_term = WORD_JOINER.join([f for _, f in forms])
            counts[term] += 1
            if folded_term != term:
                counts[folded_term] += 1
        two_syllable_word = len(forms) == 2  # its folded word term stands for its inner pair
        for i, (normalized, folded) in enumerate(forms):
            counts[normalized] += 1
            if folded != normalized:
                counts[folded] += 1
            if previous is not None and not (i == 1 and two_syllable_word):
                counts[bigram(previous, folded)] += 1
            previous = folded
    return counts
