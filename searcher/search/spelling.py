"""Did you mean: respell a query's unknown syllables as the archive's known ones, in context, and
write the respelling the way the archive writes it.

Each unknown syllable becomes a known one an edit or two away. Among those, one that stands
beside its neighbours in the archive (``xuan phuc``: a word, a pair or a name of its articles) or
makes a name of the alias tables (``nagano``) wins over the merely nearest and most frequent
(``phu``). The respelling is shown with the accents and capitals of the articles it finds best
(``hợp tác Nhật Bản``, ``Nguyễn Xuân Phúc``); syllables typed with accents stay as typed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..text.normalize import clean, fold
from ..text.terms import pair_terms
from .aliases import spelling_classes
from .ranking import LONG_WORD
from .snippets import written

NEAREST = 50  # known syllables within reach considered for one unknown syllable
IN_CONTEXT = 12  # of those, the nearest and most frequent, checked against their neighbours
MIN_TOGETHER = 2  # articles in which a pair must stand for it to count as known (one: a typo)
RARE = 3  # a syllable in fewer articles may be a typo that some article shares
NAME_SYLLABLES = 3  # the longest name around a syllable looked up in the alias tables
WRITTEN_RUN = 4  # the longest run of syllables whose written form is looked up as one
EXAMPLES = 5  # the respelling's best articles, whose text shows how to write it
MAX_DOUBTFUL = 8  # a query with more unknown or rare syllables is not misspelt: foreign, noise
OPERATORS = ("OR", "AND")
_PIECE_RE = re.compile(r"\w+|\W+")


class Vocabulary:
    """The archive's accent-less syllables, the candidates for a respelling (stored with each
    segment at commit: ``store.docvalues``), and how many articles' bodies hold a term."""

    def __init__(self, words: list[str], doc_frequency):
        self._words = words
        self._near_lengths: dict[tuple[int, int], list[str]] = {}
        self.doc_frequency = lru_cache(maxsize=20_000)(doc_frequency)  # paging repeats them

    def _near_length(self, length: int, reach: int) -> list[str]:
        """The syllables no more than ``reach`` letters longer or shorter: no other can be that
        few edits away, and comparing only these is a third of the work."""
        key = (length, reach)
        if key not in self._near_lengths:
            self._near_lengths[key] = [w for w in self._words if abs(len(w) - length) <= reach]
        return self._near_lengths[key]

    def nearest(self, folded: str) -> list[tuple[str, int]]:
        """(syllable, edits) of the known syllables within one edit (two for long syllables),
        nearest first, then most frequent."""
        import rapidfuzz.process  # here: a query that needs no respelling skips its import
        from rapidfuzz.distance import Levenshtein

        reach = 2 if len(folded) >= LONG_WORD else 1
        matches = rapidfuzz.process.extract(folded, self._near_length(len(folded), reach),
                                            scorer=Levenshtein.distance, score_cutoff=reach,
                                            limit=NEAREST)
        return sorted(((word, edits) for word, edits, _ in matches),
                      key=lambda match: (match[1], -self.doc_frequency(match[0])))

    def together(self, first: str, second: str) -> int:
        """Articles in which the two syllables stand side by side, as a pair or as a word (an
        upper bound: one article can hold both)."""
        return sum(self.doc_frequency(term) for term in pair_terms(first, second))


@dataclass
class Respelling:
    """A query with its unknown syllables respelled: ``pieces`` as typed (syllables and what
    stands between them), ``folded`` each syllable's folded form, respelled where ``changed``."""

    pieces: list[str]
    folded: dict[int, str]  # piece index -> folded syllable (operators and punctuation left out)
    changed: set[int]

    @property
    def text(self) -> str:
        """What to search: the respelled syllables accent-less, the rest as typed."""
        return "".join(self.folded[i] if i in self.changed else piece
                       for i, piece in enumerate(self.pieces))

    def as_written(self, texts: list[str]) -> str:
        """The respelling as ``texts`` (the articles it finds best) most often write it, the
        longest runs of syllables first (``nhat ban`` -> ``Nhật Bản``, not ``nhất bạn``). A
        syllable typed with accents stays as typed, a capital typed stays a capital."""
        spellings: dict[int, str] = {}
        for run in _runs(self.pieces, self.folded):
            start = 0
            while start < len(run):
                length, form = _longest_written(texts, [self.folded[i] for i in run[start:]])
                spellings.update(zip(run[start:start + length], form))
                start += length
        return "".join(self._shown(i, spellings.get(i)) if i in self.folded else piece
                       for i, piece in enumerate(self.pieces))

    def _shown(self, i: int, spelling: str | None) -> str:
        """Syllable ``i`` as the articles write it (``spelling``), capitalised if typed so."""
        typed = self.pieces[i]
        if i not in self.changed and (spelling is None or typed.lower() != self.folded[i]):
            return typed  # not in the articles' text, or typed with accents
        spelling = spelling or self.folded[i]
        return spelling[:1].upper() + spelling[1:] if typed[:1].isupper() else spelling


def respell(query: str, is_term, vocabulary: Vocabulary) -> Respelling | None:
    """The query with each unknown syllable (``is_term(folded)`` is false) replaced by the known
    one that fits best where it stands (``_fit``), or None when nothing changes. A rare syllable
    (in fewer than ``RARE`` articles: ``giaoo``, a typo the archive shares) is replaced too, but
    only by one that fits better than itself."""
    pieces = _PIECE_RE.findall(clean(query).strip())
    folded = {i: fold(piece) for i, piece in enumerate(pieces)
              if piece[0].isalnum() and piece not in OPERATORS}
    known = {i: is_term(syllable) for i, syllable in folded.items()}
    doubtful = [i for i in folded if not known[i] or vocabulary.doc_frequency(folded[i]) < RARE]
    if len(doubtful) > MAX_DOUBTFUL:
        return None
    options: dict[int, list[tuple[str, int]]] = {}
    for i in doubtful:
        nearest = vocabulary.nearest(folded[i])
        if known[i]:  # rare: it stays unless another fits better
            nearest = [(folded[i], 0)] + [option for option in nearest if option[0] != folded[i]]
        if nearest:
            options[i] = nearest
    chosen = dict(folded)
    for i, nearest in options.items():  # a first guess for each, so that neighbours have one
        chosen[i] = nearest[0][0]
    run_of = {i: run for run in _runs(pieces, folded) for i in run}
    for i, nearest in options.items():
        chosen[i] = max(nearest[:IN_CONTEXT],
                        key=lambda option: _fit(option, i, run_of[i], chosen, vocabulary))[0]
    changed = {i for i in options if chosen[i] != folded[i]}
    return Respelling(pieces, chosen, changed) if changed else None


def _fit(option: tuple[str, int], i: int, run: list[int], folded: dict[int, str],
         vocabulary: Vocabulary) -> tuple:
    """How well a candidate syllable fits at piece ``i``: known beside a neighbour (standing
    with it in the archive, or making a name with it) first; then fewer edits; then the more
    often beside its neighbours; then the more frequent."""
    syllable, edits = option
    k = run.index(i)
    around = [folded[j] for j in run]
    around[k] = syllable
    pairs = ([(around[k - 1], syllable)] if k else []) + \
        ([(syllable, around[k + 1])] if k + 1 < len(around) else [])
    together = sum(vocabulary.together(first, second) for first, second in pairs)
    known = together >= MIN_TOGETHER or _in_a_name(around, k)
    return known, -edits, together, vocabulary.doc_frequency(syllable)


def _in_a_name(syllables: list[str], k: int) -> bool:
    """Is syllable ``k``, alone or with its neighbours, a name of the alias tables (countries,
    the gazetteer's partners and places: ``nagano``, ``nhat ban``)?"""
    names = spelling_classes()
    return any(tuple(syllables[start:end]) in names
               for start in range(max(0, k - NAME_SYLLABLES + 1), k + 1)
               for end in range(k + 1, min(len(syllables), start + NAME_SYLLABLES) + 1))


def _runs(pieces: list[str], folded: dict[int, str]) -> list[list[int]]:
    """The syllables standing together: piece indexes of syllables with only spaces between."""
    runs: list[list[int]] = []
    for i in sorted(folded):
        if runs and runs[-1][-1] == i - 2 and not pieces[i - 1].strip():
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _longest_written(texts: list[str], syllables: list[str]) -> tuple[int, tuple[str, ...]]:
    """How many of the syllables, from the first, the texts write in a row (up to
    ``WRITTEN_RUN``), and how they most often write them: the accents of most occurrences, the
    capitals of most of those within a sentence (any word opens one with a capital); (1, ())
    when not even the first syllable is written (it is left as it is)."""
    for length in range(min(len(syllables), WRITTEN_RUN), 0, -1):
        found = [(text, start, form) for text in texts
                 for start, form in written(text, tuple(syllables[:length]))]
        if found:
            accents = Counter(_lower(form) for _, _, form in found).most_common(1)[0][0]
            found = [(text, start, form) for text, start, form in found if _lower(form) == accents]
            within = [form for text, start, form in found if not _opens_sentence(text, start)]
            return length, Counter(within or [form for _, _, form in found]).most_common(1)[0][0]
    return 1, ()


def _lower(form: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(syllable.lower() for syllable in form)


_OPENING = re.compile(r"(?:^|[.!?…:;\n])[\s\"'“‘(\[«–-]*$")


def _opens_sentence(text: str, start: int) -> bool:
    """Does the word at ``start`` open the text or a sentence (after quotes, brackets)?"""
    return _OPENING.search(text, max(0, start - 8), start) is not None
