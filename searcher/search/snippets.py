"""The best passage of an article for a query, with the matched words marked.

Works on the stored text with a plain syllable scan (no segmentation at query time): each query
word is a sequence of folded syllables, found wherever those syllables stand in a row, so
multi-syllable words, accent-less queries and spelling variants are marked as whole words.
When the user typed accents and the exact spelling occurs in the text, only it is marked.
"""
from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from ..text.normalize import SYLLABLE_RE, fold, normalize_syllable
from ..text.segment import Word
from .ranking import COVERAGE_WEIGHT, EARLIER_TIE_BREAK, MATCHES_CAP, SCANNED_TEXTS, SNIPPET_CHARS
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+")


@dataclass(frozen=True)
class Needle:
    """One thing to find and mark: a word or phrase as folded (and exact) syllables."""

    folded: tuple[str, ...]
    exact: tuple[str, ...] | None  # set when the user typed accents
    # Not found whole, mark its syllables where they stand alone (a word the text spells
    # apart); not for a run of query words, whose words are needles of their own.
    scatter: bool = True


def needles_for(runs: list[list[Word]], phrases: list[list[Word]]) -> list[Needle]:
    """Needles for runs of query words (each word, and the whole run) and for quoted phrases."""
    result = [Needle(w.folded, w.normalized if w.accented else None) for run in runs for w in run]
    for phrase, scatter in [(p, True) for p in phrases] + [(r, False) for r in runs if len(r) > 1]:
        folded = tuple(s for w in phrase for s in w.folded)
        exact = tuple(s for w in phrase for s in w.normalized)
        result.append(Needle(folded, exact if exact != folded else None, scatter))
    return result


def _find(needle: Needle, folded: tuple[str, ...], spelled) -> list[tuple[int, int]]:
    """Syllable index ranges where the needle occurs; exact-spelling ones if there are any
    (``spelled(i)``: syllable ``i`` as written, looked at only where the folded ones match)."""
    n, first = len(needle.folded), needle.folded[0]
    hits, i = [], -1
    while True:  # tuple.index scans in C: most syllables are not the needle's first
        try:
            i = folded.index(first, i + 1)
        except ValueError:
            break
        if folded[i:i + n] == needle.folded:
            hits.append((i, i + n))
    if needle.exact:
        exact_hits = [(i, j) for i, j in hits
                      if tuple(normalize_syllable(spelled(k)) for k in range(i, j)) == needle.exact]
        if exact_hits:
            return exact_hits
    return hits


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans sorted, overlaps dropped (longest first), neighbours one space apart joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            continue
        if merged and start - merged[-1][1] <= 1 and not text[merged[-1][1]:start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in _merged(spans, text):
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def highlight(text: str, needles: list[Needle]) -> str:
    """The whole text, HTML-escaped, with every match marked (for short texts: titles)."""
    return _marked(text, _match_spans(text, needles)[0])


_MARK_RE = re.compile(r"<mark>(.*?)</mark>", re.S)


def plain_with_marks(fragment: str) -> tuple[str, list[list[int]]]:
    """A marked fragment (``snippet``, ``highlight``: escaped HTML, matches in ``<mark>``) as
    plain text and the ``[start, end)`` character offsets of its marked spans, for programs that
    draw their own highlighting (the JSON) or none (exports)."""
    pieces: list[str] = []
    marks: list[list[int]] = []
    length, last = 0, 0
    for match in _MARK_RE.finditer(fragment):
        before = html.unescape(fragment[last:match.start()])
        marked = html.unescape(match.group(1))
        pieces += [before, marked]
        length += len(before)
        marks.append([length, length + len(marked)])
        length += len(marked)
        last = match.end()
    pieces.append(html.unescape(fragment[last:]))
    return "".join(pieces), marks


def written(text: str, folded: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """Where the text has these folded syllables standing in a row (character offset) and how
    it writes them (``("nhat", "ban")`` -> ``[(120, ("Nhật", "Bản")), ...]``)."""
    syllables, starts, ends = _scan(text)
    return [(starts[i], tuple(text[starts[k]:ends[k]] for k in range(i, j)))
            for i, j in _find(Needle(folded, None), syllables, None)]


@lru_cache(maxsize=SCANNED_TEXTS)
def _scan(text: str) -> tuple[tuple[str, ...], array, array]:
    """A text's folded syllables with their character offsets. Query-independent, and half a
    served search's time for the ten hits' bodies: kept for the texts seen last (the folded
    strings are shared through ``fold``'s cache, so a text costs about 30 KB)."""
    starts, ends, folded = array("I"), array("I"), []
    for match in SYLLABLE_RE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        folded.append(fold(match.group()))
    return tuple(folded), starts, ends


def _match_spans(text: str, needles: list[Needle]) -> tuple[list[tuple[int, int]], list[int]]:
    """Character spans of matches, and which needle each belongs to."""
    folded, starts, ends = _scan(text)

    def spelled(i: int) -> str:
        return text[starts[i]:ends[i]]

    spans, owners = [], []
    for k, needle in enumerate(needles):
        found = _find(needle, folded, spelled)
        if not found and len(needle.folded) > 1 and needle.scatter:
            for at, syllable in enumerate(needle.folded):  # as typed, accents and all
                exact = (needle.exact[at],) if needle.exact else None
                found += _find(Needle((syllable,), exact), folded, spelled)
        for i, j in found:
            spans.append((starts[i], ends[j - 1]))
            owners.append(k)
    return spans, owners


def snippet(text: str, needles: list[Needle], size: int = SNIPPET_CHARS) -> str:
    """The passage of about ``size`` characters that covers the most distinct query words."""
    if not text:
        return ""
    spans, owners = _match_spans(text, needles)
    if not spans:
        return html.escape(_shorten(text, 0, size))
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    best, best_score = (0, min(size, len(text))), -1.0
    for a in range(len(bounds) - 1):
        start = bounds[a]
        end = start + size
        inside = [(owners[k], spans[k]) for k in range(len(spans))
                  if spans[k][0] >= start and spans[k][1] <= end]
        distinct = {o for o, _ in inside}
        coverage = sum(len(needles[o].folded) for o in distinct)  # a whole run counts per syllable
        score = coverage * COVERAGE_WEIGHT + min(len(inside), MATCHES_CAP) - a * EARLIER_TIE_BREAK
        if score > best_score:
            best, best_score = (start, end), score
    start, end = best
    passage_spans = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    passage = text[start:end + 1]  # one more character: is the end inside a word?
    cut = _word_boundary(passage, size)
    passage_spans = [(s, e) for s, e in passage_spans if e <= cut]
    body = _marked(passage[:cut], passage_spans)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + cut < len(text) else ""
    return prefix + body.strip() + suffix


def _word_boundary(passage: str, size: int) -> int:
    """Where to cut a passage of up to ``size + 1`` characters: at its end if it fits, else at
    the last space within ``size`` (a word is never cut in two unless it is half the passage)."""
    if len(passage) <= size:
        return len(passage)
    cut = passage.rfind(" ", 0, size + 1)
    return cut if cut > size // 2 else size


def _shorten(text: str, start: int, size: int) -> str:
    passage = text[start:start + size + 1]
    cut = _word_boundary(passage, size)
    return passage[:cut].strip() + (" …" if start + cut < len(text) else "")
