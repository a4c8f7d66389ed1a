"""How the writer wrote a one-syllable word: the case the index forgets.

The index lower-cases every syllable, so ``Anh`` (the United Kingdom) is one term with ``anh``
(a pronoun), ``Đức`` (Germany) with ``đức`` (virtue) and with the ``Đức`` of ``Đức Chinh`` or
``Lưu Đức Hoa``. A reader tells them apart by the letters around the word, and so can a check of
the stored text of the best candidates (``_Scorer.as_written``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..data import word_list
from ..text.normalize import fold, is_vietnamese_syllable, normalize_syllable
from . import ranking
from .aliases import own_place_words

# what may stand before a sentence's first word: a capital there says nothing
_SENTENCE_END = set(".!?:;\"'“”‘’()[]…\n")
_NEXT_TOKEN = re.compile(r" (\w+)")
_PREVIOUS_TOKEN = re.compile(r"(\w+) $")
# a dash between two capitalised names, spaced or not ("Hà Nội - Lào Cai", "Nội Bài–Lào Cai")
_DASH_BEFORE = re.compile(r"(?<!\w)[^\W\d_]\w*\s?[-–—]\s?$")
_DASH_AFTER = re.compile(r"\s?[-–—]\s?[^\W\d_]")


@lru_cache(maxsize=256)
def _occurrence(syllable: str) -> re.Pattern:
    """A syllable, or a name of several (``hải phòng``: any spaces between them), standing
    alone in text of any case."""
    body = r"\s+".join(re.escape(part) for part in syllable.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# what may stand before a place's name without making it part of another name: the kind of
# place ("tỉnh Quảng Ninh", "Thành phố Hải Phòng", "TP Cần Thơ")
_PLACE_TYPES = frozenset(fold(w.split()[-1]) for w in word_list("place_type_words")) | {"tp"}


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _joins(token: str, word_term: str, own_words: frozenset[str],
           spelled_out: frozenset[str]) -> bool:
    """Is ``token``, written beside the syllable, the other part of another name: a Vietnamese
    syllable with a capital (``Tuấn``, ``Chinh``; not ``Theresa``), the two not a longer name of
    the syllable's own place (``Nhật Bản``) nor words of the query?"""
    folded = fold(token.lower())
    return token[:1].isupper() and is_vietnamese_syllable(folded) \
        and word_term not in own_words and folded not in spelled_out


def _paired_by_a_dash(text: str, start: int, end: int) -> bool:
    """Is a name joined by a dash to another name (``cao tốc Hà Nội - Lào Cai``, ``Nội
    Bài–Lào Cai``: a road; ``Than Quảng Ninh - SHB Đà Nẵng``: a match)? The pair names the
    road or the match, not the place."""
    before = _DASH_BEFORE.search(text, max(0, start - 12), start)
    after = _DASH_AFTER.match(text, end)
    return bool(before and before.group()[0].isupper() or after and after.group()[-1].isupper())


def _in_a_longer_name(text: str, start: int, end: int) -> bool:
    """Does a name of several syllables stand at the end of another name: after a word with a
    capital that is not the kind of place (``Than Quảng Ninh``, ``SHB Đà Nẵng``, ``CĐV Hải
    Phòng``: a football club, its fans; not ``tỉnh Quảng Ninh`` nor ``TP Hải Phòng``), or
    joined by a dash to another name? A name opening a sentence stands alone."""
    if _paired_by_a_dash(text, start, end):
        return True
    before = _PREVIOUS_TOKEN.search(text, max(0, start - 12), start)
    return bool(before) and before.group(1)[:1].isupper() \
        and not _sentence_start(text, before.start()) \
        and fold(before.group(1).lower()) not in _PLACE_TYPES


def _in_a_name(text: str, start: int, end: int, syllable: str, own_words: frozenset[str],
               spelled_out: frozenset[str]) -> bool:
    if " " in syllable:
        return _in_a_longer_name(text, start, end)
    after = _NEXT_TOKEN.match(text, end)
    if after and _joins(after.group(1), f"{syllable}_{normalize_syllable(after.group(1))}",
                        own_words, spelled_out):
        return True
    before = _PREVIOUS_TOKEN.search(text, max(0, start - 12), start)
    return bool(before) and not _sentence_start(text, before.start()) and _joins(
        before.group(1), f"{normalize_syllable(before.group(1))}_{syllable}", own_words,
        spelled_out)


def proper_share(texts: list[str], syllable: str, own_words: frozenset[str] = frozenset(),
                 spelled_out: frozenset[str] = frozenset()) -> float:
    """The share of the occurrences of ``syllable`` (normalised, any case) that stand as a proper
    name of their own: capitalised, not joined by a space to another capitalised Vietnamese
    syllable (``Tuấn Anh``, ``Đức Chinh``, ``Bộ Tư Pháp``: a person's or a place's name) unless
    the two make one of ``own_words`` (``nhật_bản``: Japan's longer name) or the other syllable
    is one the query spells too (``spelled_out``, folded: ``Xuân`` for ``Phúc Nguyễn Xuân``, the
    name asked for). Lower-case occurrences (``anh em``, ``có đức``) are common words.
    Occurrences opening a sentence are not counted (a pronoun may open one too); a text without
    any other occurrence counts 1."""
    proper = other = 0
    for text in texts:
        for match in _occurrence(syllable).finditer(text):
            if not match.group()[:1].isupper():
                other += 1
            elif _sentence_start(text, match.start()):
                continue
            elif _in_a_name(text, match.start(), match.end(), syllable, own_words, spelled_out):
                other += 1
            else:
                proper += 1
    return proper / (proper + other) if proper + other else 1.0


def stored_share(data: dict, syllable: str, spelled_out: frozenset[str] = frozenset()) -> float:
    """``proper_share`` over an article's stored fields (``data``), with the longer names of the
    syllable's own place: what both backends read for a capitalised one-syllable query word."""
    return proper_share([data["title"], data["summary"] or "", data["body"], *data["captions"]],
                        syllable, own_place_words(fold(syllable)), spelled_out)


def weight_of_share(share, least: float | None = None):
    """What an article keeps of its score for a share of proper-name occurrences (a float or an
    array): all of it from ``PROPER_SHARE_ENOUGH`` on, ``least`` (``INSIDE_NAME_BOOST`` unless
    given) for none."""
    least = ranking.INSIDE_NAME_BOOST if least is None else least
    enough = np.minimum(1, share / ranking.PROPER_SHARE_ENOUGH)
    return least + (1 - least) * enough
