"""Word segmentation, shared by indexing and querying.

    text -> clean (NFC, Đ) -> underthesea regex tokens -> CRF word segmentation
         -> words, each its syllables as written, normalised and folded (``Word``)

``searcher.text.terms`` turns words into index terms; this module only finds the words.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from os.path import dirname, join

from underthesea.pipeline.word_tokenize import regex_tokenize
from underthesea.pipeline.word_tokenize import __file__ as _word_tokenize_init

from .normalize import clean, fold, normalize_syllable, normalize_token, syllables

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


def _make_word(raw_syllables: list[str]) -> Word:
    return Word(
        tuple(raw_syllables),
        tuple(normalize_syllable(s) for s in raw_syllables),
        tuple(fold(s) for s in raw_syllables),
    )


def word_syllables(text: str) -> list[list[str]]:
    """The words of a text as lists of syllables as written (punctuation dropped), segmented by
    underthesea's CRF."""
    text = clean(text)
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
