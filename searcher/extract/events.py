"""Where an article says what happened: its sentences, and which of them report the event.

A partner is a counterpart of the reported event, not every foreign name in the text. Vietnamese
news reports the event in its headline, its lead (the summary and the first sentences of the body)
and in sentences built on a verb of meeting, visiting, signing or giving ("tiếp", "hội đàm",
"thăm", "làm việc với", "ký kết", "tài trợ"...); history, background and world news around it
name places and bodies that took no part. ``event_spans`` finds the sentences of the first kind
in a text; partners are taken from those only (``searcher.extract.event_spans`` applies it to
an article's fields).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..data import word_list
from .partners import whole_words
from .patterns import UPPER

# Sentence ends: ".", "!", "?" or "…" (closing quotes/brackets may follow), then space, then what
# may open a sentence. A period after one capital letter ("V. Putin", "Robert H. McCooey") or an
# abbreviation ("TP. Hồ Chí Minh", "St. Petersburg") ends no sentence.
_END = re.compile(rf"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(\[]?[{UPPER}\d])")
_ABBREVIATIONS = frozenset("TP Tp St Mr Mrs Ms Dr TS ThS PGS GS Th Jr Sr No tr Ths".split())
# Sentences of the body read as its lead, after the headline and the summary.
LEAD_SENTENCES = 2
_EVENT_WORDS = word_list("event_verbs")
_NOT_EVENT_WORDS = word_list("not_event_phrases")


def _phrase_pattern(phrases) -> re.Pattern:
    """Whole-word alternation of lower-case ``phrases``, run on lower-cased text (far faster
    than a case-insensitive pattern), grouped under first letters (see ``whole_words``)."""
    return re.compile(whole_words({p.lower() for p in phrases}))


_EVENT = _phrase_pattern(_EVENT_WORDS)
_NOT_EVENT = _phrase_pattern(_NOT_EVENT_WORDS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, the spaces after it included (never cut
    inside "V. Putin" or "TP. Hồ Chí Minh")."""
    spans, start = [], 0
    for match in _END.finditer(text):
        end = match.start()
        if text[end] == ".":  # the word before the period: an initial or an abbreviation?
            window = text[max(start, end - 6) : end].split()
            word = window[-1].lstrip("(\"“") if window else ""
            if (len(word) == 1 and word.isupper()) or word in _ABBREVIATIONS:
                continue
        spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def split_sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends (never inside "V. Putin" or "TP. Hồ Chí Minh")."""
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def _event_positions(text: str) -> list[int]:
    """Where ``text`` holds a verb of the event (not inside "tiếp tục", "thư ký"...)."""
    lower = text.lower()  # same length: Vietnamese letters lower-case one to one
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    positions = []
    for match in _EVENT.finditer(lower):
        a, b = match.span()
        if not any(n.start() < b and a < n.end() for n in _NOT_EVENT.finditer(lower, max(0, a - 8), b + 8)):
            positions.append(a)
    return positions


# not in a range of years ("2016-2020"); the digits first, so the engine scans for them
_YEAR = re.compile(r"(?:19|20)\d\d(?<![\d.-]\d{4})(?![\d/.-]\d)")


def event_spans(text: str, lead: int = 0, past: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text`` that report the event: its first ``lead``
    sentences, and those holding a verb of the event, unless every year they name is one of the
    ``past`` years (a past exchange recalled). One scan of the whole text finds the verbs."""
    spans = sentence_spans(text)
    keep = set(range(min(lead, len(spans))))
    if len(keep) < len(spans):
        positions = _event_positions(text)
        if positions:
            starts = [a for a, _ in spans]
            keep.update(bisect_right(starts, p) - 1 for p in positions)
    if past:
        keep = {number for number in keep if number < lead or not _dated_in_the_past(text, spans[number], past)}
    return [span for number, span in enumerate(spans) if number in keep]


def _dated_in_the_past(text: str, span: tuple[int, int], past: frozenset[str]) -> bool:
    years = _YEAR.findall(text, *span)
    return bool(years) and all(year in past for year in years)
