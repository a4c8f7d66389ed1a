"""From what a user types to a Whoosh query.

Syntax: words, ``"quoted phrase"``, ``-word`` / ``-"phrase"`` to exclude, ``OR`` between two
items. Anything that does not parse (unbalanced quote, lone ``-``, ``AND OR``) is searched as
plain words: a search box must never answer a typo with an error.

Words are segmented with the same chain as the index (``du lịch`` is one word). Each word matches,
best first: its accent-exact form, its folded form, its syllables as a phrase (a different
segmentation), and, as the recall net, its syllables anywhere in the document.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from whoosh import query as q

from .analysis import WORD_JOINER, Word, segment
from .schema import TEXT_FIELDS

# BM25F-style field weights: a match in the title says more than one in the body.
FIELD_BOOSTS = {"title": 2.0, "captions": 1.3, "body": 1.0}
EXACT_BOOST = 2.0  # accent-exact over folded, when the user typed accents
FOLDED_BOOST = 0.3  # ...and a folded-only match of an accented word (đường for dương) ranks low
SCATTERED_BOOST = 0.15  # a word's syllables found apart: the recall net ranks low
PROXIMITY_BOOST = 1.5  # query words standing together
PROXIMITY_SLOP = 3  # "near": up to two other syllables between them

_ITEM_RE = re.compile(r'-?"[^"]*"|\S+')


@dataclass
class Item:
    """One unit of the query: a run of words or a phrase, possibly negated."""

    words: list[Word]
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Item]] = field(default_factory=list)  # AND of groups, OR within a group

    @property
    def positive_words(self) -> list[Word]:
        return [w for g in self.groups for it in g if not it.negated for w in it.words]

    @property
    def is_empty(self) -> bool:
        return not self.positive_words


def clean_query(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ").strip()


def parse(text: str, is_word: Callable[[str], bool] | None = None) -> ParsedQuery:
    """Parse a query; ``is_word`` (is this folded ``a_b`` a word of the index?) lets runs typed
    without accents, which underthesea segments poorly, be grouped by the archive's own words."""
    text = clean_query(text)
    if text.count('"') % 2:
        text = text.replace('"', " ")  # unbalanced quote: plain words
    groups: list[list[Item]] = []
    join_next = False
    for raw in _ITEM_RE.findall(text):
        if raw in ("OR", "AND"):
            join_next = raw == "OR" and bool(groups)
            continue
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        phrase = body.startswith('"')
        words = segment(body.strip('"'))
        if not words:
            continue
        item = Item(words, phrase=phrase, negated=negated)
        if join_next and not negated and not any(i.negated for i in groups[-1]):
            groups[-1].append(item)
        elif not negated and not phrase and groups and _is_plain(groups[-1]):
            groups[-1][0].words.extend(words)  # adjacent plain words: one run, segmented below
        else:
            groups.append([item])
        join_next = False
    for group in groups:
        for item in group:
            if not item.phrase and len(item.words) > 1:
                item.words = segment(" ".join(" ".join(w.raw) for w in item.words))
            if is_word is not None:
                item.words = regroup(item.words, is_word)
    return ParsedQuery(groups)


MAX_WORD_SYLLABLES = 4


def regroup(words: list[Word], is_word: Callable[[str], bool]) -> list[Word]:
    """Join syllables typed without accents into the longest words the index knows.

    underthesea segments accent-less text poorly (``trinh xuan | truong``), so such runs are
    regrouped greedily against the archive's own vocabulary (``trinh_xuan_truong``). Words typed
    with accents keep the segmenter's judgement: it saw the accents.
    """
    syllables: list[Word | None] = []  # None marks an accented word, kept as segmented
    kept: list[Word] = []
    for word in words:
        if word.accented:
            syllables.append(None)
            kept.append(word)
        else:
            syllables.extend(Word((r,), (n,), (f,))
                             for r, n, f in zip(word.raw, word.normalized, word.folded))
    out: list[Word] = []
    accented = iter(kept)
    i = 0
    while i < len(syllables):
        if syllables[i] is None:
            out.append(next(accented))
            i += 1
            continue
        j = i + 1
        for end in range(min(len(syllables), i + MAX_WORD_SYLLABLES), i + 1, -1):
            run = syllables[i:end]
            if None not in run and is_word(WORD_JOINER.join(w.folded[0] for w in run)):
                j = end
                break
        run = syllables[i:j]
        out.append(run[0] if len(run) == 1 else Word(
            tuple(w.raw[0] for w in run), tuple(w.normalized[0] for w in run),
            tuple(w.folded[0] for w in run)))
        i = j
    return out


def _is_plain(group: list[Item]) -> bool:
    return len(group) == 1 and not group[0].phrase and not group[0].negated


def _across_fields(make) -> q.Query:
    return q.Or([make(f).with_boost(b) if b != 1 else make(f) for f, b in FIELD_BOOSTS.items()])


def _phrase_or_term(fieldname: str, terms: tuple[str, ...], slop: int = 1) -> q.Query:
    if len(terms) == 1:
        return q.Term(fieldname, terms[0])
    return q.Phrase(fieldname, list(terms), slop=slop)


def word_query(word: Word, recall_net: bool = True) -> q.Query:
    """How one word matches: exact word, folded word, syllable phrase, scattered syllables."""
    folded_boost = FOLDED_BOOST if word.accented else 1.0
    alternatives: list[q.Query] = []
    if len(word.folded) > 1:
        if word.accented:
            alternatives.append(_across_fields(lambda f: q.Term(f, word.term)).with_boost(EXACT_BOOST))
            alternatives.append(_across_fields(lambda f: q.Phrase(f, list(word.normalized))))
        alternatives.append(_across_fields(lambda f: q.Term(f, word.folded_term)).with_boost(folded_boost))
        alternatives.append(_across_fields(lambda f: q.Phrase(f, list(word.folded))).with_boost(folded_boost))
        if recall_net:  # typed accents are kept: scattered folded syllables would be noise
            scattered = q.And([_across_fields(lambda f, s=s: q.Term(f, s)) for s in word.normalized])
            alternatives.append(scattered.with_boost(SCATTERED_BOOST))
    else:
        if word.accented:
            alternatives.append(
                _across_fields(lambda f: q.Term(f, word.normalized[0])).with_boost(EXACT_BOOST))
        alternatives.append(_across_fields(lambda f: q.Term(f, word.folded[0])).with_boost(folded_boost))
    return q.Or(alternatives)


def phrase_query(words: list[Word]) -> q.Query:
    """A quoted phrase: syllables in order, accent-tolerant; the exact spelling ranks first."""
    folded = tuple(s for w in words for s in w.folded)
    normalized = tuple(s for w in words for s in w.normalized)
    alternatives = [_across_fields(lambda f: _phrase_or_term(f, folded, slop=1))]
    if normalized != folded:
        alternatives.append(
            _across_fields(lambda f: _phrase_or_term(f, normalized, slop=1)).with_boost(EXACT_BOOST))
    return q.Or(alternatives)


def _item_query(item: Item, recall_net: bool = True) -> q.Query:
    if item.phrase:
        return phrase_query(item.words)
    if item.negated:
        return q.Or([word_query(w, recall_net=False) for w in item.words])
    return q.And([word_query(w, recall_net) for w in item.words])


def _proximity_query(words: list[Word]) -> q.Query | None:
    """Optional boosts for neighbouring query words found near each other, pair by pair.

    Pairs join the last syllable of one word to the first of the next: within a word, its own
    phrase alternative already rewards adjacency, and a bonus there would lift documents that
    match the word only through the scattered-syllables net (``Xuân Trường`` for
    ``trinh xuan truong``)."""
    pairs = [_across_fields(lambda f, a=a, b=b: q.Phrase(f, [a.folded[-1], b.folded[0]],
                                                         slop=PROXIMITY_SLOP))
             for a, b in zip(words, words[1:])]
    if not pairs:
        return None
    return q.Or(pairs).with_boost(PROXIMITY_BOOST)


def uses_recall_net(parsed: ParsedQuery) -> bool:
    """Does any word of the query have a scattered-syllables alternative?"""
    return any(len(w.folded) > 1 for g in parsed.groups for i in g
               if not i.negated and not i.phrase for w in i.words)


def build(parsed: ParsedQuery, recall_net: bool = True) -> q.Query | None:
    """The Whoosh query: every group required, negated items excluded, proximity as a bonus.

    ``recall_net=False`` leaves out the scattered-syllables alternative: the documents it
    matches are the ones that really contain every word, which rank first."""
    required, excluded = [], []
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            excluded.append(_item_query(group[0]))
        else:
            parts = [_item_query(i, recall_net) for i in group if not i.negated]
            required.append(parts[0] if len(parts) == 1 else q.Or(parts))
    if not required:  # only exclusions: everything else (with filters, a browse)
        return q.AndNot(q.Every(), q.Or(excluded)) if excluded else None
    query: q.Query = required[0] if len(required) == 1 else q.And(required)
    proximity = _proximity_query(parsed.positive_words)
    if proximity is not None:
        query = q.AndMaybe(query, proximity)
    if excluded:
        query = q.AndNot(query, q.Or(excluded))
    return query
