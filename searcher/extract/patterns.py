"""Shared text helpers for extraction: capitalised-word patterns and credit/byline removal."""
from __future__ import annotations

import re

from ..data import word_list
from ..text.normalize import is_vietnamese_syllable

# Every upper-case letter Vietnamese and Latin-script foreign names use (Python's re has no \p{Lu}).
UPPER = "".join(
    chr(c) for c in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)] if chr(c).isupper() and chr(c).isalpha()
)
CAP = rf"[{UPPER}][^\W_]*(?:[-'’][^\W_]+)*"
CAP_RUN = rf"{CAP}(?:[ \t]+{CAP})*"


def first_letter_lookahead(alternatives: str) -> str:
    """A lookahead for the first letters of an ``a|b|c`` alternation of words (case-insensitive
    where it is used so). Most positions fail it in one test, where the regex engine would
    otherwise try every alternative at every position."""
    return "(?=[" + "".join(sorted({re.escape(word[0]) for word in alternatives.split("|")})) + "])"


def looks_foreign(name: str) -> bool:
    """True when some word of the name cannot be a Vietnamese syllable."""
    return any(not is_vietnamese_syllable(word) for word in re.split(r"[\s-]+", name) if word)


# Photo credits and bylines: "Ảnh: X", "(Nguồn: AFP/TTXVN)", trailing "Theo X", a trailing
# author line after the last sentence. Their names are not people of the event.
_CREDIT_PAREN = re.compile(r"\((?:Ảnh|Nguồn|Ảnh minh họa|Ảnh minh hoạ|Video|Clip|Đồ họa)\b[^()]*\)")
_CREDIT_WORDS = "Ảnh|Nguồn ảnh|Nguồn|Video|Clip|Đồ họa|Bài và ảnh|Bài, ảnh|Bài/ảnh"
# A credit's names stop where a caption run into the text goes on with a person ("Ảnh: T.X Đại tá Stanfield Chien,
# Tổng Chỉ huy ...", "Ảnh: Reuters Ông Trump ..."): at an honorific or a title, which no photographer's name opens.
_CAPTION_PERSON = "|".join(re.escape(w) for w in sorted(
    {*word_list("title_heads"), "ông", "bà", "ngài", "đồng chí"}, key=len, reverse=True))
_CREDIT_INLINE = re.compile(
    rf"{first_letter_lookahead(_CREDIT_WORDS)}\b(?:{_CREDIT_WORDS})\s*:\s*(?:(?!(?i:phó\s+)?(?i:{_CAPTION_PERSON})(?![\w-])){CAP}\.?\s*){{1,4}}"
    rf"(?:[/-]\s*{CAP}\s*)*"
)
_TRAILING_BYLINE = re.compile(
    r"(?:(?<=[.!?…”\")])|(?<=\./\.))\s+(?:(?:Theo|theo|Nguồn)\s+)?[^.!?…]{0,80}$"
)
_BYLINE_LOWER_OK = set(word_list("byline_words"))  # lower-case words a byline may hold


def strip_credits(text: str, *, trailing: bool) -> str:
    """Remove photo credits and (when ``trailing``) a byline after the last sentence."""
    text = _CREDIT_PAREN.sub(" ", text)
    text = _CREDIT_INLINE.sub(" ", text)
    if trailing:
        # A byline holds no sentence end, so it can only start after the last one.
        match = _TRAILING_BYLINE.search(text, max(map(text.rfind, ".!?…")) + 1)
        if match:
            words = re.findall(r"[^\W\d_]+", match.group(0))
            if len(words) <= 10 and all(w[0].isupper() or w.lower() in _BYLINE_LOWER_OK for w in words):
                text = text[: match.start()]
    return text


def mentions(text: str, name: str):
    """Where ``name`` occurs in ``text``, left to right."""
    at = text.find(name)
    while at >= 0:
        yield at
        at = text.find(name, at + len(name))


def every_mention(text: str, name: str, holds) -> bool:
    """``holds(at)`` at every occurrence of ``name`` in ``text``; False when there is none."""
    found = False
    for at in mentions(text, name):
        if not holds(at):
            return False
        found = True
    return found
