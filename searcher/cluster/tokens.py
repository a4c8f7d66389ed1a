"""The project's index terms as whole Sphinx tokens, and a document's fields as token text.

A term (``hợp_tác``, ``hop tac``, ``nagano``) becomes one token: the pair joiner (a space)
becomes ``__``, and a character outside ``layout.CHARSET_TABLE`` (a hyphen, a Chinese
character) is written as its code point between two ``ǂ``, so Sphinx neither splits nor folds
what the analysis chain already decided.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.normalize import fold, syllables
from ..text.terms import PAIR_JOINER

ESCAPE = "ǂ"  # U+01C2: inside the charset, in no Vietnamese or Western word
PAIR = "__"
# Separates texts in the chain field, so a phrase cannot run from a title into a body.
TEXT_BREAK = ESCAPE * 2
_KEPT = re.compile(r"[0-9a-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


@lru_cache(maxsize=200_000)
def token(term: str) -> str:
    out = []
    for ch in term:
        if ch == PAIR_JOINER:
            out.append(PAIR)
        elif _KEPT.fullmatch(ch) and ch != ESCAPE:
            out.append(ch)
        else:
            out.append(f"{ESCAPE}{ord(ch):x}{ESCAPE}")
    return "".join(out)


def field_text(counts: dict[str, int]) -> str:
    """A field's terms, each repeated as often as it occurs (Sphinx counts them again)."""
    return " ".join(" ".join([token(term)] * count) for term, count in counts.items())


def chain_text(texts) -> str:
    """The folded syllables of each text in order, texts kept apart (``@chain "a b c"`` finds a
    phrase in any text)."""
    return f" {TEXT_BREAK} ".join(" ".join(token(fold(s)) for s in syllables(t))
                                  for t in texts if t)


def alone_token(syllable: str) -> str:
    """In the chain field of the articles where ``syllable`` stands as a word of its own
    (``feed.chain_markers``): what tells ``Lào`` from ``Lào Cai``."""
    return f"{ESCAPE}2{ESCAPE}{token(syllable)}"


def unaccented_token(syllable: str) -> str:
    """In the chain field of the articles where ``syllable`` (folded) is written without
    accents (``feed.chain_markers``): ``Nha`` of ``Nha Trang``, not ``nhà``."""
    return f"{ESCAPE}3{ESCAPE}{token(syllable)}"

# In every document's chain: a query of exclusions only (``-bóng``) matches it minus them.
ALL_TOKEN = f"{ESCAPE}0{ESCAPE}"
# In no document: a part of a query that can match nothing.
NO_TOKEN = f"{ESCAPE}1{ESCAPE}"
