"""A parsed query as SphinxQL ``MATCH`` expressions over the project's tokens: the same tiers
as ``search.scoring`` (strict, loose, partial), written as boolean expressions.

What translates exactly: a word as its exact word term (typed with accents the archive holds)
or its folded syllables standing together (pair terms), the recall net (its syllables
anywhere), phrases of any length (the ``chain`` field holds each text's folded syllables in
order), ``OR`` and alternative spellings, exclusions, function words left optional, and partial
matching (each minimal set of content words covering ``MIN_COVERAGE`` of the query's weight).
The rules that compare two terms' counts in an article (a one-syllable word standing as a word
of its own, ``Lào`` and not only ``Lào Cai``; a syllable written without accents) read markers
worked out when the article was fed (``feed.chain_markers``). What does not translate: scoring
(Sphinx's expression ranker stands in for the project's BM25F and its boosts), and a word typed
with accents that the segmenter split in an article, which the embedded engine finds spelled so
in the stored text of its best few such articles (``_Scorer.split_as_typed``): here those match
loosely.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Callable

from ..search import ranking
from ..search.query import Item, ParsedQuery, is_function_word
from ..text.normalize import fold
from ..text.segment import Word
from ..text.terms import exact_word_term, folded_word_term, pair_terms
from .layout import CHAIN_FIELD
from .tokens import ALL_TOKEN, NO_TOKEN, alone_token, token, unaccented_token

# Partial matching weighs the heaviest this many words: the OR of every minimal covering set
# grows fast (a 13-word question took 12 s at 10 words, 0.4-0.6 s at 6; the judged set's
# nDCG@10 0.788 at 10, 0.787 at 6). Lighter words beyond them count for nothing.
MAX_UNITS = 6


def any_of(parts: list[str]) -> str:
    parts = list(dict.fromkeys(parts))
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def all_of(parts: list[str]) -> str:
    parts = list(dict.fromkeys(parts))
    return parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")"


def weighted(tokens: list[str], factor: float) -> list[str]:
    """Tokens with Sphinx's keyword IDF modifier (``word^0.33``): the ranker's IDF sums carry it."""
    return tokens if factor == 1 else [f"{t}^{factor:.4g}" for t in tokens]


def without(expression: str, excluded: list[str]) -> str:
    return expression if not excluded else f"({expression} -{any_of(excluded)})"


@dataclass
class Unit:
    """A content word (or a phrase, or a group of alternatives) and its weight in coverage."""

    expression: str  # where it matches (the recall net included)
    weight: float


@dataclass
class Plan:
    strict: str  # every content word as a word
    complete: str  # every content word, some only as scattered syllables
    partial: str | None  # at least MIN_COVERAGE of the query's weight (None: not allowed)
    soft: bool  # a long question: no tiers, complete and partial are one set
    # neighbouring query words standing side by side, in either order: they add to the score
    # (``PROXIMITY_BOOST``), not to the matches
    nearby: str | None = None


class Translator:
    """``exists(expression)``: does any article match it; ``doc_frequency(token)``: in how many
    articles; ``size``: the archive's articles (the inputs of IDF)."""

    def __init__(self, exists: Callable[[str], bool], doc_frequency: Callable[[str], int],
                 size: int):
        self.exists = exists
        self.doc_frequency = doc_frequency
        self.size = size
        self.only_function_words = False

    def rarity(self, folded_term: str) -> float:
        """As ``scoring._Scorer.rarity``: IDF, nothing for a term the archive lacks."""
        df = self.doc_frequency(token(folded_term))
        return math.log(max(self.size, 1) / (df + 1)) + 1 if df else 0.0

    @staticmethod
    def asked(parsed: ParsedQuery) -> list[str]:
        """The expressions ``plan`` will ask ``exists`` or ``doc_frequency`` about (so that
        they can be counted in one batch first)."""
        words = [w for group in parsed.groups for item in group for w in item.words]
        return [e for w in words for e in (all_of([token(s) for s in w.normalized]),
                                           token(folded_word_term(w)),
                                           *(token(s) for s in w.folded))]

    def word(self, word: Word, recall_net: bool = True, alone: bool = True) -> tuple[str, str]:
        """(strict, match) of one query word (``scoring._Scorer.word``); ``alone``: a word of
        one syllable is strict only where it stands as a word of its own."""
        exact = all_of([token(s) for s in word.normalized])
        trust_accents = word.accented and self.exists(exact)
        if len(word.folded) == 1:  # strict where it stands as a word of its own (``Lào``, not
            # only ``Lào Cai``); an exclusion (``-bóng``) leaves out every occurrence
            syllable = word.normalized[0] if trust_accents else word.folded[0]
            strict = all_of([token(syllable), alone_token(syllable)]) \
                if alone and recall_net else token(syllable)
            return strict, token(syllable)
        together = all_of([any_of([token(t) for t in pair_terms(a, b)])
                           for a, b in zip(word.folded, word.folded[1:])])
        if len(word.folded) > 2:
            together = any_of([together, token(folded_word_term(word))])
        strict = token(exact_word_term(word)) if trust_accents else together
        return strict, any_of([strict, exact]) if recall_net else strict

    def phrase(self, item: Item) -> str:
        """The whole chain in one text (``chain``), and its neighbouring syllables' pair terms,
        which the chain implies: they match nothing more, but give the ranker keywords (the
        chain field weighs nothing). Another spelling of a name typed in a foreign one (``Úc``
        for ``Australia``) weighs ``ranking.ALTERNATIVE_BOOST``, as in the engine."""
        folded = [s for w in item.words for s in w.folded]
        # another spelling of a name typed in a foreign one, on the typed one's scale
        factor = ranking.ALTERNATIVE_BOOST if item.other_spelling else 1.0
        if len(folded) == 1:
            found = all_of(weighted([token(folded[0])], factor))
        else:
            found = all_of([f'(@{CHAIN_FIELD} "{" ".join(token(s) for s in folded)}")',
                            *[any_of(weighted([token(t) for t in pair_terms(a, b)], factor))
                              for a, b in zip(folded, folded[1:])]])
        if item.spelled:  # as written (``Nha Trang``, not ``Nhà Trắng``): its syllables
            # without accents as such, its accented ones as the word they make
            found = all_of([found, *[self.written(w) for w in item.words]])
        return found

    def written(self, word: Word) -> str:
        """Where ``word`` is written as typed, accents or their absence (``_Scorer.written``);
        its accented syllables as the word they make where the archive has it (the scattered
        syllables, ``tiên`` of ``đầu tiên``, would add to the score)."""
        parts = [unaccented_token(s) for s in word.normalized if s == fold(s)]
        accented = [token(s) for s in word.normalized if s != fold(s)]
        whole = token(exact_word_term(word))
        if accented and len(word.normalized) > 1 and self.exists(whole):
            accented = [whole]
        return all_of(parts + accented)

    def item(self, item: Item) -> tuple[str, str, list[Unit]]:
        """(strict, complete, coverage units) of a run of words or a phrase."""
        if item.phrase:
            found = self.phrase(item)
            weight = max(self.rarity(s) for w in item.words for s in w.folded)
            short = item.alternative and sum(len(w.folded) for w in item.words) == 1
            return NO_TOKEN if short else found, found, [Unit(found, weight)]
        content = [w for w in item.words if not is_function_word(w)]
        if not content and self.only_function_words:
            content = item.words
        if not content:
            return ALL_TOKEN, ALL_TOKEN, []
        # beside other words of the query, a syllable may be part of the name they spell out
        # (``Phúc Nguyễn Xuân``: the engine then does not count that name as another one)
        words = [self.word(w, alone=len(item.words) == 1) for w in content]
        units = [Unit(match, self.rarity(folded_word_term(w)))
                 for w, (_, match) in zip(content, words)]
        return all_of([s for s, _ in words]), all_of([m for _, m in words]), units

    def excluded(self, item: Item) -> str:
        if item.phrase:
            return self.phrase(item)
        return any_of([self.word(w, recall_net=False)[0] for w in item.words])

    def plan(self, parsed: ParsedQuery) -> Plan | None:
        """The query's tiers as expressions; None when it has no words (browsing)."""
        self.only_function_words = all(is_function_word(w) for w in parsed.positive_words)
        stricts, completes, excluded, units = [], [], [], []
        unit_count = 0
        for group in parsed.groups:
            if len(group) == 1 and group[0].negated:
                excluded.append(self.excluded(group[0]))
                continue
            items = [self.item(item) for item in group if not item.negated]
            stricts.append(any_of([s for s, _, _ in items]))
            completes.append(any_of([c for _, c, _ in items]))
            unit_count += min(len(u) for _, _, u in items)  # a phrase is one unit
            if len(items) == 1:
                units += items[0][2]
            else:  # alternatives: one unit, as heavy as the lightest
                weights = [sum(u.weight for u in its) for _, _, its in items]
                units.append(Unit(completes[-1], min(weights)))
        if not stricts:
            if not parsed.groups:
                return None
            everything = without(ALL_TOKEN, excluded)
            return Plan(everything, everything, None, False)
        strict = without(all_of(stricts), excluded)
        complete = without(all_of(completes), excluded)
        partial = None
        if unit_count >= ranking.MIN_PARTIAL_UNITS:
            partial = self._covering(units, excluded)
        words = parsed.positive_words
        nearby = [token(t) for a, b in zip(words, words[1:])
                  for first, second in ((a.folded[-1], b.folded[0]), (b.folded[-1], a.folded[0]))
                  for t in pair_terms(first, second)]
        return Plan(strict, complete, partial, unit_count >= ranking.SOFT_UNITS,
                    any_of(nearby) if nearby else None)

    @staticmethod
    def _covering(units: list[Unit], excluded: list[str]) -> str | None:
        """Documents matching words that carry at least ``MIN_COVERAGE`` of the weight: the
        OR of every minimal such set of words."""
        units = sorted((u for u in units if u.weight > 0), key=lambda u: -u.weight)[:MAX_UNITS]
        total = sum(u.weight for u in units)
        if not units:
            return None
        need = ranking.MIN_COVERAGE * total - 1e-9
        minimal: list[tuple[int, ...]] = []
        for size in range(1, len(units) + 1):
            for chosen in combinations(range(len(units)), size):
                if sum(units[i].weight for i in chosen) >= need and \
                        not any(set(m) <= set(chosen) for m in minimal):
                    minimal.append(chosen)
        return without(any_of([all_of([units[i].expression for i in m]) for m in minimal]),
                       excluded)
