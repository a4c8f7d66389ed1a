"""Word segmentation, shared by indexing and querying.

    text -> clean (NFC, Đ) -> underthesea regex tokens -> CRF word segmentation
         -> words, each its syllables as written, normalised and folded (``Word``)

``searcher.text.terms`` turns words into index terms; this module only finds the words.
"""
from __future__ import annotations

import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import lru_cache
from os.path import join

from .crf import SegmentationCrf
from .normalize import (VOWELS, clean, fold, normalize_syllable, normalize_token, syllables,
                        underthesea_file)

_tagger = None
_LETTER = f"[A-Za-zĐđ{VOWELS}{VOWELS.upper()}]"
_WORDS = re.compile(f"{_LETTER}+(?: {_LETTER}+)*")


_MODEL = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")


def _crf_tagger() -> SegmentationCrf:
    """underthesea's word-segmentation CRF, loaded once per process.

    ``word_tokenize`` returns normalised strings, not positions in the input; tagging our own
    token list keeps every syllable tied to the text it came from.
    """
    global _tagger
    if _tagger is None:
        _tagger = SegmentationCrf(underthesea_file(*_MODEL))
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
    return _segmented(clean(text))[0]


def word_syllables_with_prefix(text: str, prefix: str) -> tuple[list[list[str]], int]:
    """The words of ``text`` and how many of them begin within ``prefix``, the text's opening
    (an article's lead opens its body): one segmentation serves both, where segmenting the
    prefix again cost a fifth of the body's."""
    return _segmented(clean(text), len(_regex_tokens(clean(prefix))) if prefix else 0)


def _segmented(text: str, prefix_tokens: int = 0) -> tuple[list[list[str]], int]:
    """The words of a cleaned text, and how many begin within its first ``prefix_tokens``
    regex tokens."""
    tokens = _regex_tokens(text)
    if not tokens:
        return [], 0
    tags = _crf_tagger().tag([normalize_token(t) for t in tokens])  # trained on normalised text
    words: list[list[str]] = []
    current: list[str] = []
    in_prefix = 0
    for position, (tag, token) in enumerate(zip(tags, tokens)):
        parts = _token_syllables(token)
        if not parts:  # punctuation ends a word
            if current:
                words.append(current)
                current = []
            continue
        if tag != "I-W" and current:
            words.append(current)
            current = []
        if not current and position < prefix_tokens:
            in_prefix = len(words) + 1
        current.extend(parts)
    if current:
        words.append(current)
    return words, in_prefix


def _regex_tokens(text: str) -> list[str]:
    """underthesea's regex tokens (its ``tokenize`` without token normalisation). Words of
    letters between single spaces (most queries) are split on the spaces, as its tokenizer does:
    importing it takes 0.6 s of a cold query. Other text goes through its own pattern, each
    match taken whole: every alternative of the pattern is one named group spanning the match,
    so asking each match for its dictionary of groups, as ``tokenize`` does, found the same
    strings at twice the cost (``tests/test_terms.py`` checks both on real text)."""
    if _WORDS.fullmatch(text):
        return text.split(" ")
    regex_tokenize = _regex_tokenize_module()
    text = regex_tokenize.normalize_characters_in_text(text)
    return [match.group() for match in regex_tokenize.patterns.finditer(text)]


_tokenizer_module = None
_tokenizer_import = threading.Lock()


def _regex_tokenize_module() -> types.ModuleType:
    """underthesea's ``regex_tokenize`` module, imported without running the ``__init__`` of
    ``underthesea`` and ``underthesea.pipeline``, which load every pipeline (chunking, NER, POS
    tagging and their feature tables): about 70 MB of every analysis worker and server
    process, and 0.4-0.6 s of a cold query, for a tokenizer that needs none of them. Stand-in
    packages take their place while it is imported and are removed after, so that code
    importing underthesea itself later (a test comparing with ``word_tokenize``) gets the whole
    package."""
    global _tokenizer_module
    with _tokenizer_import:
        if _tokenizer_module is not None:
            return _tokenizer_module
        if "underthesea" in sys.modules:  # imported whole already: nothing to save
            from underthesea.pipeline.word_tokenize import regex_tokenize
            _tokenizer_module = regex_tokenize
            return regex_tokenize
        root = underthesea_file()
        for name, path in (("underthesea", root), ("underthesea.pipeline", join(root, "pipeline"))):
            stand_in = types.ModuleType(name)
            stand_in.__path__ = [path]
            sys.modules[name] = stand_in
        try:
            # text_normalize first, as the package's own __init__ does (their imports are circular)
            import underthesea.pipeline.text_normalize  # noqa: F401
            from underthesea.pipeline.word_tokenize import regex_tokenize
        finally:
            for name in [n for n in sys.modules if n.split(".")[0] == "underthesea"]:
                del sys.modules[name]
        _tokenizer_module = regex_tokenize
        return regex_tokenize


def segment(text: str) -> list[Word]:
    """Split a text into words (punctuation dropped), using underthesea's segmenter."""
    return [_make_word(raw) for raw in word_syllables(text)]


_PLAIN_LETTERS = re.compile(r"[A-Za-z]+(?:\s+[A-Za-z]+)*")
# Vietnamese and ASCII letters between spaces and hyphens (``Na-ga-nô``, ``tỉnh Vân Nam``):
# text that underthesea's regex tokens cut only where ``syllables`` does.
_LATIN_RUNS = re.compile(f"{_LETTER}+(?:[\\s-]+{_LETTER}+)*")


def plain_syllables(text: str, accented: bool = False) -> list[Word] | None:
    """Each syllable its own word, without the CRF, for a caller to whom the grouping does not
    matter: ASCII letters and spaces only (``hop tac nhat ban``; the query parser regroups such
    syllables by the archive's own words), or with ``accented`` Vietnamese and ASCII letters,
    spaces and hyphens (another spelling of a name, matched syllable by syllable). None for any
    other text."""
    text = clean(text).strip()
    if not (_LATIN_RUNS if accented else _PLAIN_LETTERS).fullmatch(text):
        return None
    return [_make_word([syllable]) for syllable in syllables(text)]


@lru_cache(maxsize=200_000)
def _token_syllables(token: str) -> tuple[str, ...]:
    return tuple(syllables(token))
