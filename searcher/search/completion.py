"""Suggestions while a query is typed: partners, officials and countries whose names (or another
spelling of them) start with what was typed, and title words that complete its last word.

Matching is accent-less and case-insensitive, at any word boundary of a name (``xuan phuc`` finds
``Nguyễn Xuân Phúc``), with the unit word optional (``nagano`` is ``tỉnh Nagano``) and through
the alias tables (``Yunnan`` is ``tỉnh Vân Nam``). Each generation gets its tables on first use
(``gen._completion_index``): sorted keys, so a prefix is a ``bisect`` range, ranked with NumPy.
At 35k articles the names take about half a second to tabulate, the title words of one initial
letter a tenth or two; every suggestion after that a few milliseconds.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import numpy as np

from ..text.normalize import SYLLABLE_RE, clean, fold
from ..text.terms import PAIR_JOINER, WORD_JOINER
from .aliases import key as spelling_key, spelled_key, spelling_classes
from .explore import without_unit
from .results import _Serialisable

ENTITY_KINDS = ("partner", "official", "country")  # the facets whose values have pages
WORD = "word"
KINDS = (*ENTITY_KINDS, WORD)
MIN_CHARS = 2
MAX_CHARS = 100
MAX_WORD_SYLLABLES = 4  # the longest compound the typed tail is completed into
MIN_PAIR_TITLES = 2  # two syllables seen together once only are no evidence of a phrase
_AFTER_ALL = "\U0010ffff"  # sorts after every character: ``prefix + _AFTER_ALL`` ends its range


@dataclass
class Suggestion(_Serialisable):
    kind: str  # "partner" | "official" | "country" | "word"
    value: str  # as the archive spells it: "tỉnh Nagano", "hợp tác"
    count: int  # articles with the value; for a word, titles holding it
    matched: str | None = None  # the other spelling typed ("Yunnan"), if the match was one
    query: str = ""  # the search box's text once the suggestion is taken


class _Sorted:
    """Keys in sorted order, so the keys starting with a prefix are one ``bisect`` range."""

    def __init__(self, keys: list[str]):
        self.keys = keys

    def span(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.keys, prefix), bisect_left(self.keys, prefix + _AFTER_ALL)


class _Counted(_Sorted):
    """Keys with a count each (titles holding a word or a pair)."""

    def __init__(self, counts: dict[str, int]):
        super().__init__(sorted(counts))
        self.count = np.array([counts[k] for k in self.keys], dtype=np.int64)

    def index(self, key: str) -> int | None:
        i = bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else None

    def most_frequent(self, prefix: str, limit: int) -> list[int]:
        """The indexes of the ``limit`` most frequent keys starting with ``prefix``."""
        low, high = self.span(prefix)
        counts = self.count[low:high]
        best = np.argpartition(-counts, limit)[:limit] if len(counts) > limit \
            else np.arange(len(counts))
        return [low + int(i) for i in best[np.argsort(-counts[best], kind="stable")]]


class _Entities(_Sorted):
    """Each entity once per word it can be typed from: key ``xuan phuc`` for the second word of
    Nguyễn Xuân Phúc, marked as starting the name when it is the first word (after any unit
    word: ``nagano`` starts ``tỉnh Nagano``); and the entities' other spellings."""

    def __init__(self, gen, kinds: tuple[str, ...]):
        self.names: list[tuple[str, str, int]] = []  # (kind, value, articles)
        by_name: dict[str, list[int]] = {}  # folded name, with and without unit -> entities
        rows: list[tuple[str, int, bool]] = []
        for kind in kinds:
            column = gen.facets[kind]
            counts = np.bincount(column.ids, minlength=len(column.values))
            for value, count in zip(column.values, counts):
                entity = len(self.names)
                self.names.append((kind, value, int(count)))
                words = spelling_key(value)
                first = len(words) - len(spelling_key(without_unit(value)))  # "tỉnh": 1
                rows += [(" ".join(words[i:]), entity, i in (0, first)) for i in range(len(words))]
                for name in {" ".join(words), " ".join(words[first:])}:
                    by_name.setdefault(name, []).append(entity)
        rows.sort(key=itemgetter(0))
        super().__init__([key for key, _, _ in rows])
        self.entity = np.array([entity for _, entity, _ in rows], dtype=np.int64)
        self.at_start = np.array([start for _, _, start in rows], dtype=bool)
        self.count = np.array([count for _, _, count in self.names], dtype=np.int64)
        self.aliases = _Aliases(by_name, self.names)

    def best(self, prefix: str, limit: int) -> list[tuple[int, bool]]:
        """(entity, starts with it) of the best ``limit`` entities with a word starting with
        ``prefix``: those whose name starts with it first, then by articles."""
        low, high = self.span(prefix)
        entities = self.entity[low:high]
        at_start = self.at_start[low:high]
        found: dict[int, bool] = {}
        for i in np.lexsort((-self.count[entities], ~at_start)):
            found.setdefault(int(entities[i]), bool(at_start[i]))
            if len(found) == limit:
                break
        return list(found.items())


class _Aliases(_Sorted):
    """The spellings of ``aliases.spelling_classes`` that name an entity, by folded key:
    ``yunnan`` -> tỉnh Vân Nam, shown as ``Yunnan``. An entity is named by a class only when
    spelt as one of its spellings, accents included (the official "Văn Nam" is not Yunnan)."""

    def __init__(self, by_name: dict[str, list[int]], names: list[tuple[str, str, int]]):
        self._names = names
        classes = spelling_classes()
        named: dict[tuple[str, ...], set[int]] = {}  # a class -> the entities it names
        for alias, spellings in classes.items():
            spelled = {spelled_key(spelling) for spelling in spellings}
            named.setdefault(spellings, set()).update(
                entity for entity in by_name.get(" ".join(alias), ())
                if spelled & self.spellings_of(entity))
        rows: list[tuple[str, int, str]] = []
        for spellings, entities in named.items():
            if not entities:
                continue
            for spelling in reversed(spellings):  # the shortest spelling of a key is shown
                alias = " ".join(spelling_key(spelling))
                rows += [(alias, entity, spelling) for entity in entities
                         if entity not in by_name.get(alias, ())]
        rows = sorted({(alias, entity): spelling for alias, entity, spelling in rows}.items())
        super().__init__([alias for (alias, _), _ in rows])
        self.rows = [(entity, spelling) for (_, entity), spelling in rows]

    def spellings_of(self, entity: int) -> set[tuple[str, ...]]:
        """The entity's name as spelt, with and without its unit word ("tỉnh")."""
        value = self._names[entity][1]
        return {spelled_key(value), spelled_key(without_unit(value))}

    def starting(self, prefix: str) -> list[tuple[int, str]]:
        """(entity, spelling) of the aliases starting with ``prefix``."""
        low, high = self.span(prefix)
        return self.rows[low:high]


class _Titles:
    """The title field's words and pairs of neighbouring syllables, by the first letter of
    their folded key: a letter's are read the first time a key starting with it is asked for
    (a walk of the whole lexicon takes seconds at 35k articles; one letter's, a fraction)."""

    def __init__(self, reader):
        self._reader = reader
        self._letters: dict[str, _TitleLetter] = {}

    def letter(self, first: str) -> "_TitleLetter":
        if first not in self._letters:
            self._letters[first] = _TitleLetter(self._reader, first)
        return self._letters[first]

    def spelling_of(self, folded: str) -> str:
        letter = self.letter(folded[0])
        i = letter.words.index(folded)
        return folded.replace(WORD_JOINER, " ") if i is None else letter.spelling[i]


class _TitleLetter:
    """The title words (compounds joined by ``_``) whose folded key starts with one letter, with
    the titles holding each and its most frequent spelling; and the pairs starting with it."""

    def __init__(self, reader, first: str):
        words: dict[str, int] = {}  # folded word -> titles with any spelling of it
        accented: dict[str, dict[str, int]] = {}  # folded word -> spelling -> titles
        pairs: dict[str, int] = {}
        for spelled_first in _spellings_of_letter().get(first, (first,)):
            for raw, info in reader.iter_prefix("title", spelled_first):
                term = raw.decode("utf-8")
                if PAIR_JOINER in term:
                    if info.doc_frequency() >= MIN_PAIR_TITLES:
                        pairs[term] = info.doc_frequency()
                    continue
                folded = term if term.isascii() else WORD_JOINER.join(
                    fold(s) for s in term.split(WORD_JOINER))
                if folded == term:
                    words[term] = info.doc_frequency()
                else:
                    accented.setdefault(folded, {})[term] = info.doc_frequency()
        self.words = _Counted(words)
        self.pairs = _Counted(pairs)
        self.spelling = [_spelling(k, words[k], accented.get(k, {})) for k in self.words.keys]


@cache
def _spellings_of_letter() -> dict[str, tuple[str, ...]]:
    """Folded letter -> the lower-case letters that fold to it (``d``: ``d``, ``đ``)."""
    spellings: dict[str, list[str]] = {}
    for code in (*range(ord("a"), ord("z") + 1), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        base = _without_accents(letter)
        if letter == letter.lower() and len(base) == 1 and base.isascii() and base.isalpha():
            spellings.setdefault(base, []).append(letter)
    return {base: tuple(letters) for base, letters in spellings.items()}


def _spelling(folded: str, titles: int, accented: dict[str, int]) -> str:
    """How to show a word: its most frequent accented spelling, unless titles spelling it
    without accents outnumber it (estimated: one title may hold several spellings)."""
    if not accented:
        return folded.replace(WORD_JOINER, " ")
    best = max(accented, key=lambda s: (accented[s], s))
    unaccented = titles - sum(accented.values())
    return (folded if unaccented > accented[best] else best).replace(WORD_JOINER, " ")


class _CompletionIndex:
    """A generation's tables, each built the first time a suggestion needs it."""

    def __init__(self, gen):
        self._gen = gen
        self._entities: dict[tuple[str, ...], _Entities] = {}
        self._titles: _Titles | None = None

    def entities(self, kinds: tuple[str, ...]) -> _Entities:
        if kinds not in self._entities:
            self._entities[kinds] = _Entities(self._gen, kinds)
        return self._entities[kinds]

    @property
    def titles(self) -> _Titles:
        if self._titles is None:
            self._titles = _Titles(self._gen.reader)
        return self._titles


def _completion_index(gen) -> _CompletionIndex:
    """Kept on the generation: it never changes, and a newer one gets tables of its own."""
    index = getattr(gen, "_completion_index", None)
    if index is None:
        index = gen._completion_index = _CompletionIndex(gen)
    return index


def complete(gen, text: str, limit: int = 8, kinds: tuple[str, ...] = KINDS) -> list[Suggestion]:
    """At most ``limit`` suggestions of the ``kinds`` asked for: entities whose name starts with
    ``text``, then words completing its last word, then entities with a later word starting
    with it. Words keep a third of the places when there are entities enough to fill them all."""
    text = clean(text).strip()
    if not MIN_CHARS <= len(text) <= MAX_CHARS or limit < 1:
        return []
    index = _completion_index(gen)
    entity_kinds = tuple(k for k in ENTITY_KINDS if k in kinds)
    entities = _entity_suggestions(index.entities(entity_kinds), text, limit) \
        if entity_kinds else []
    words = _word_suggestions(index.titles, text, limit) if WORD in kinds else []
    entities = entities[:limit - min(len(words), limit // 3)]
    words = words[:limit - len(entities)]
    return ([s for s, at_start in entities if at_start] + words +
            [s for s, at_start in entities if not at_start])


def _entity_suggestions(table: _Entities, text: str,
                        limit: int) -> list[tuple[Suggestion, bool]]:
    """(suggestion, whether the name starts with the text) for the best ``limit`` entities; a
    name matched only further in that another spelling starts is shown with that spelling."""
    prefixes = _typed_keys(SYLLABLE_RE.findall(text), " ")
    found: dict[int, tuple[bool, str | None]] = {}  # entity -> (at start, spelling matched)
    for prefix in prefixes:
        for entity, at_start in table.best(prefix, limit):
            if not found.get(entity, (False,))[0]:
                found[entity] = (at_start, None)
    for prefix in prefixes:
        for entity, spelling in table.aliases.starting(prefix):
            if not found.get(entity, (False,))[0]:
                found[entity] = (True, spelling)
    best = sorted(found, key=lambda e: (not found[e][0], -table.count[e], table.names[e][1]))
    suggestions = []
    for entity in best[:limit]:
        kind, value, count = table.names[entity]
        at_start, matched = found[entity]
        suggestions.append((Suggestion(kind, value, count, matched, value), at_start))
    return suggestions


def _word_suggestions(titles: _Titles, text: str, limit: int) -> list[Suggestion]:
    """Completions of the text's last word as titles spell them, the words before it kept as
    typed: compounds of the last few typed syllables first, longest first (``du l`` -> ``du
    lịch``), then syllables seen in titles after the one typed before (``hop t`` -> ``họp
    tại``), or any word when only one was typed; each group by titles."""
    if not text[-1].isalnum():
        return []
    typed = list(SYLLABLE_RE.finditer(text))
    syllables = [m.group() for m in typed]
    folded_text = spelling_key(text)
    found: dict[str, Suggestion] = {}

    def add(head: str, value: str, count: int) -> None:
        query = head + value
        if spelling_key(query) != folded_text:  # it must add something, not only accents
            found.setdefault(query.casefold(), Suggestion(WORD, value, count, None, query))

    for size in range(min(len(syllables), MAX_WORD_SYLLABLES), 1 if len(syllables) > 1 else 0, -1):
        head = text[:typed[-size].start()]
        for prefix in _typed_keys(syllables[-size:], WORD_JOINER):
            letter = titles.letter(prefix[0])
            for i in letter.words.most_frequent(prefix, limit):
                add(head, letter.spelling[i], int(letter.words.count[i]))
    if len(syllables) > 1:
        head, previous = text[:typed[-1].start()], fold(syllables[-2])
        pairs = titles.letter(previous[0]).pairs
        for prefix in _typed_keys(syllables[-1:], ""):
            for i in pairs.most_frequent(previous + PAIR_JOINER + prefix, limit):
                syllable = pairs.keys[i][len(previous) + len(PAIR_JOINER):]
                add(head, titles.spelling_of(syllable), int(pairs.count[i]))
    return list(found.values())[:limit]


def _typed_keys(typed: list[str], joiner: str) -> list[str]:
    """The folded keys typed syllables can stand for. The last may be unfinished, and ``fold``
    respells a lone ``y`` after some onsets as ``i`` (``sy`` -> ``si``), right for ``sỹ`` but
    not for the start of ``Syria``: both readings are tried, the one as typed first."""
    if not typed:
        return []
    head = [fold(s) for s in typed[:-1]]
    readings = dict.fromkeys((_without_accents(typed[-1]), fold(typed[-1])))
    return [joiner.join([*head, reading]) for reading in readings]


def _without_accents(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
