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


def segment(text: str) -> list[Word]:
    """Split a text into words (punctuation dropped), using underthesea's segmenter."""
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")
    tokens = regex_tokenize.tokenize(text, use_token_normalize=False)
    if not tokens:
        return []
    features = [[normalize_token(t)] for t in tokens]  # the tagger was trained on normalised text
    tags = _crf_tagger().predict(features)
    words: list[Word] = []
    current: list[str] = []
    for tag, token in zip(tags, tokens):
        parts = syllables(token)
        if not parts:  # punctuation ends a word
            if current:
                words.append(_make_word(current))
                current = []
            continue
        if tag != "I-W" and current:
            words.append(_make_word(current))
            current = []
        current.extend(parts)
    if current:
        words.append(_make_word(current))
    return words


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
    """
    counts: dict[str, int] = defaultdict(int)
    previous = None
    for word in segment(text):
        if len(word.normalized) > 1:
            counts[word.term] += 1
            if word.accented:
                counts[word.folded_term] += 1
        for i, (norm, folded) in enumerate(zip(word.normalized, word.folded)):
            counts[norm] += 1
            if folded != norm:
                counts[folded] += 1
            if previous is not None and not (i == 1 and len(word.folded) == 2):
                counts[bigram(previous, folded)] += 1
            previous = folded
    return counts
