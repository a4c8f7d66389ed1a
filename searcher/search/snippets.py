"""The best passage of an article for a query, with the matched words marked.

Works on the stored text without segmentation at query time: each query word is a sequence of
folded syllables, found wherever those syllables stand in a row, so multi-syllable words,
accent-less queries and spelling variants are marked as whole words. When the user typed
accents and the exact spelling occurs in the text, only it is marked.

Finding them is one regular expression per query word, run in C over the text with each Latin
letter read as its base letter (``folded_letters``: one NumPy lookup per text, the same length,
so a match's offsets are the text's); each candidate is then checked syllable by syllable with
``fold``, the one definition of a folded syllable. Folding every syllable of every body in
Python was half the time of a served search; a pattern holding a class of every accented form
per letter took 5-13 ms to compile, paid by every query word a process had not seen.
"""
from __future__ import annotations

import bisect
import html
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from ..text.normalize import SYLLABLE_RE, fold, normalize_syllable
from ..text.segment import Word
from .ranking import COVERAGE_WEIGHT, MATCHES_CAP, SNIPPET_CHARS
# A window may start at each match's end: punctuation and a space, or line breaks. Written to
# start with one character class, which the scanner skips ahead to (three times faster than
# the plain alternation ``[.!?…:;]\s+|\n+``, same matches).
_SENTENCE_END = re.compile(r"[.!?…:;\n](?:(?<=\n)\n*|(?<!\n)\s+)")


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


@cache
def _base_letters() -> np.ndarray:
    """Code point -> the code point ``folded_letters`` reads it as: a Latin letter in either case
    as the base letter it folds to (``Ắ`` -> ``a``, ``đ`` -> ``d``), ``y`` as ``i`` (``fold``
    turns ``y`` into ``i`` in some syllables: ``sỹ`` -> ``si``), anything else as itself."""
    table = np.arange(sys.maxunicode + 1, dtype=np.uint32)
    for code in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code).lower())
                       if not unicodedata.combining(c)).replace("đ", "d")
        if len(base) == 1 and "a" <= base <= "z":
            for char in {chr(code), chr(code).lower(), chr(code).upper()}:
                if len(char) == 1:  # not "ẖ".upper(), a letter and a combining mark
                    table[ord(char)] = ord("i" if base == "y" else base)
    return table


def folded_letters(text: str) -> str:
    """The text with every Latin letter read as its base letter (``_base_letters``), one
    character for one: ``Hà Nội`` -> ``ha noi``. A lone surrogate (text decoded with
    ``surrogateescape``) is one character too."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _base_letters()[codes].tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=4096)
def _pattern(folded: tuple[str, ...]) -> re.Pattern:
    """Every way ``folded_letters`` can read these folded syllables in a row (and some the text
    does not write so, which ``_find`` weeds out): anything but a word character between them."""

    def letter(char: str) -> str:
        char = "i" if char == "y" else char
        if "a" <= char <= "z":
            return char
        return re.escape(char) if char.lower() == char.upper() else \
            f"[{re.escape(char.lower())}{re.escape(char.upper())}]"

    # No assertion before the first letter: a pattern that starts with a letter is scanned for
    # fast; whether the match starts a word is checked after.
    return re.compile(r"\W+".join("".join(map(letter, syllable)) for syllable in folded) +
                      r"(?!\w)")


def _find(needle: Needle, text: str, letters: str | None = None) -> list[tuple[int, int]]:
    """Character spans where the needle occurs as whole syllables; exact-spelling ones if
    there are any. ``letters``: the text's ``folded_letters``, if a caller has them."""
    hits, exact_hits = [], []
    for match in _pattern(needle.folded).finditer(
            folded_letters(text) if letters is None else letters):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # the end of a longer word
        folded, exact = _reading(text[start:match.end()])
        if folded != needle.folded:
            continue
        hits.append(match.span())
        if needle.exact and exact == needle.exact:
            exact_hits.append(match.span())
    return exact_hits or hits


@lru_cache(maxsize=65536)
def _reading(written: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A matched stretch of text as folded and as exact syllables (a page's ten bodies match
    the same few spellings over and over)."""
    found = SYLLABLE_RE.findall(written)
    return tuple(map(fold, found)), tuple(map(normalize_syllable, found))


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
    return [(start, tuple(SYLLABLE_RE.findall(text, start, end)))
            for start, end in _find(Needle(folded, None), text)]


def _match_spans(text: str, needles: list[Needle]) -> tuple[list[tuple[int, int]], list[int]]:
    """Character spans of matches in text order, and which needle each belongs to."""
    found = []
    letters = folded_letters(text)
    for k, needle in enumerate(needles):
        spans = _find(needle, text, letters)
        if not spans and len(needle.folded) > 1 and needle.scatter:
            for at, syllable in enumerate(needle.folded):  # as typed, accents and all
                exact = (needle.exact[at],) if needle.exact else None
                spans += _find(Needle((syllable,), exact), text, letters)
        found += [(span, k) for span in spans]
    found.sort()
    return [span for span, _ in found], [k for _, k in found]


def snippet(text: str, needles: list[Needle], size: int = SNIPPET_CHARS) -> str:
    """The passage of about ``size`` characters that covers the most distinct query words."""
    if not text:
        return ""
    spans, owners = _match_spans(text, needles)
    if not spans:
        return html.escape(_shorten(text, 0, size))
    starts = [start for start, _ in spans]
    # Windows start at sentence starts; only those within a window's length before a match can
    # hold one, so sentences are looked for from there on.
    first_bound = max(0, starts[0] - size - 1)
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text, first_bound, starts[-1] + 1))]
    best, best_score = (0, min(size, len(text))), -1
    for start in bounds:
        end = start + size
        first, last = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
        inside = [k for k in range(first, last) if spans[k][1] <= end]
        distinct = {owners[k] for k in inside}
        coverage = sum(len(needles[o].folded) for o in distinct)  # a whole run counts per syllable
        score = coverage * COVERAGE_WEIGHT + min(len(inside), MATCHES_CAP)
        if score > best_score:  # of two equal windows, the earlier one
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
