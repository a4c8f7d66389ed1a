"""Match and rank a parsed query over the index arrays (BM25F with Vietnamese-aware alternatives).

Each word matches, best first: its accent-exact form (when the user typed accents; see
``_Scorer.word``), its folded form, its syllables standing together (folded pairs: a different
segmentation), and, as the recall net, its syllables anywhere in the document. Scores add up
across the alternatives that match and across fields, weighted; words of one query item are
ANDed, ``OR`` unites items, ``-`` excludes. Neighbouring query words found side by side, in
either order, earn a proximity bonus.

Function words (``của``, ``những``; see ``query.is_function_word``) need not match and earn
little. Documents fall into tiers, ranked tier first, score second:

- strict: every content word matched as a word;
- loose: every content word matched, some only through the scattered-syllables net;
- partial: for queries of three content words or more, most of them matched (coordination, as
  Elasticsearch's ``minimum_should_match``; each word weighs its IDF), ranked by how much.

The result set is the strict tier when it holds ``ENOUGH_STRICT`` documents (then found without
reading the recall net's postings: ``evaluate``); otherwise the loose tier joins, and the partial
one too when even that is short. So totals and facet counts describe the query, not the recall
net (``Evaluation.level`` says which tiers are in). Questions of ``SOFT_UNITS`` content words or
more have no tiers: score times coverage squared, so a generic word (``tình hình``) the relevant
articles lack does not keep them out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text.normalize import fold, is_vietnamese_syllable
from ..text.segment import Word
from ..text.terms import WORD_JOINER, exact_word_term, folded_word_term, pair_terms
from . import aliases
from .postings import IndexArrays, Subset
from .query import Item, ParsedQuery, is_function_word
from .writing import weight_of_share
from . import ranking  # read at call time, so benchmarks/tune.py can try other values

STRICT, LOOSE, PARTIAL = "strict", "loose", "partial"
# Above this share of the archive, a query's candidates are scored in the archive's own arrays
# (renumbering them would cost more than it saves).
SUBSET_BELOW = 0.5


@dataclass
class Evaluation:
    scores: np.ndarray  # float32 per docnum
    matched: np.ndarray  # bool per docnum: the result set (the tiers ``level`` names)
    rank: np.ndarray  # float32 per docnum: the tier, ranked before the score (higher first)
    level: str  # STRICT, LOOSE or PARTIAL: the lowest tier with documents in the result set
    # documents matching every content word (strict or loose); of the strict tier evaluated
    # alone (``evaluate``), those found: at least ``ENOUGH_STRICT``
    complete: int
    support: np.ndarray | None = None  # sorted docnums outside which every value is 0 (None: any)

    @classmethod
    def spread(cls, size: int, docs: np.ndarray, scores: np.ndarray, matched: np.ndarray,
               rank: np.ndarray, level: str, complete: int) -> "Evaluation":
        """An evaluation over ``size`` documents from its values at ``docs`` (0 elsewhere)."""
        whole = cls(np.zeros(size, dtype=np.float32), np.zeros(size, dtype=bool),
                    np.zeros(size, dtype=np.float32), level, complete, docs)
        whole.scores[docs], whole.matched[docs], whole.rank[docs] = scores, matched, rank
        return whole


@dataclass
class _Match:
    """One query unit's scores and tiers, per document."""

    score: np.ndarray
    strict: np.ndarray  # every content word matched as a word
    complete: np.ndarray  # every content word matched (the recall net allowed)
    coverage: np.ndarray  # float32: the share of the content words' weight matched
    weight: float  # the content words' weight (rarity): "gạo" counts more than "tình hình"


class _Scorer:
    """Scores for one query; a term's dense scores are computed once per query (a query word,
    its pairs and the proximity bonus ask for the same terms) and are read-only."""

    def __init__(self, arrays: IndexArrays, verify_phrase=None, proper_share=None):
        self.arrays = arrays
        self.size = arrays.size
        self._terms: dict[str, np.ndarray] = {}
        self.verify_phrase = verify_phrase  # (docnums, folded syllables) -> bool per docnum
        # (docnums, normalised syllable, the query's other syllables) -> share per docnum
        self.proper_share = proper_share
        self.only_function_words = False  # a query of function words only must match them
        self.recall_net = True  # words match as scattered syllables too (off: the strict tier)

    def zeros(self) -> np.ndarray:
        return np.zeros(self.size, dtype=np.float32)

    def term(self, term: str) -> np.ndarray:
        """Field-weighted BM25 of one term for every document (0 where absent)."""
        dense = self._terms.get(term)
        if dense is None:
            dense = self.zeros()
            for field, boost in ranking.FIELD_BOOSTS.items():
                docs, scores = self.arrays.term_scores(field, term)
                dense[docs] += boost * scores
            dense.flags.writeable = False
            self._terms[term] = dense
        return dense

    def pair(self, a: str, b: str) -> np.ndarray:
        """Scores where two folded syllables stand side by side: as a word or across words."""
        across, word = pair_terms(a, b)
        return self.term(across) + self.term(word)

    def across(self, a: str, b: str) -> np.ndarray:
        """Scores where two folded syllables stand side by side across two words (the segmenter
        split a word there) or inside a longer word: the first term of ``pair``."""
        return self.term(pair_terms(a, b)[0])

    def standalone(self, word: Word, exact: bool, neighbours: frozenset[str] = frozenset(),
                   in_words: bool = True) -> tuple[np.ndarray, np.ndarray] | None:
        """Where a one-syllable word stands as its own word, not only inside a longer place name
        it begins or ends (``Nam`` in ``Việt Nam``, ``Hà`` in ``Hà Nội``), a common word
        (``Pháp`` in ``pháp luật``, ``Nhật`` in ``cập nhật``) or a person's full name (``Đức``
        in ``Nguyễn Đức Chung``); None when it is part of none. The longer names of its own
        place (``Nhật Bản``) are no other name. Names the query itself spells out (``hòa`` next
        to ``bình``: ``neighbours``, the query's folded syllables beside it) are what the user
        asks for.
        Also returns the share of the word's occurrences spelled as typed (``Nam``, not ``năm``),
        which scales its score."""
        folded = word.folded[0]
        before, after = (side - neighbours for side in aliases.name_neighbours(folded))
        # the common words holding the syllable as typed ("pháp luật", "ý kiến", "cập nhật") and
        # people's full names ("Nguyễn Đức Chung"), as the segmenter wrote them; not for an
        # exclusion (``in_words`` off): "-bóng" leaves out "bóng đá" too
        words: list[str] = []
        # A foreign word ("Nagano") is in no Vietnamese word or given name: the dictionary and
        # the table of people's names (read once per index version) are not needed for it.
        if in_words and is_vietnamese_syllable(folded):
            words = [w for w in aliases.compounds(word.normalized[0]) if self.arrays.has_term(w)]
            if exact or not word.accented:
                words += self.arrays.person_names(word.normalized[0])
            words = [w for w in words if not {fold(s) for s in w.split(WORD_JOINER)} & neighbours]
        if len(words) > ranking.MAX_INSIDE_WORDS:  # the most frequent: the rare ones move little
            words = sorted(words, key=self.arrays.doc_frequency, reverse=True)[
                :ranking.MAX_INSIDE_WORDS]
        if not before and not after and not words:
            return None
        inside = np.zeros(self.size, dtype=np.float32)
        for pair in [pair_terms(b, folded) for b in before] + [pair_terms(folded, a) for a in after]:
            for term in pair:
                inside += self.arrays.frequencies(term)
        for term in words:
            inside += self.arrays.frequencies(term)
        total = self.arrays.frequencies(word.normalized[0] if exact else folded)
        typed = total
        if not exact:  # the folded term also counts năm, ảnh...: keep the spelling as typed
            typed = total - sum((self.arrays.frequencies(v) for v in
                                 aliases.accented_variants(folded) if self.arrays.has_term(v)),
                                np.zeros(self.size, dtype=np.float32))
        share = np.divide(typed, total, out=np.zeros(self.size, dtype=np.float32), where=total > 0)
        return typed > inside, share

    def as_written(self, word: Word, score: np.ndarray, alone: np.ndarray,
                   spelled_out: frozenset[str]) -> np.ndarray:
        """A one-syllable word typed with a capital (``Anh``, ``Đức``) asks for the proper name:
        the best ``MAX_CASE_CHECKS`` articles where it stands alone are scored by the share of
        its occurrences their writer wrote as a name of its own (``writing.proper_share``), not
        as a common word (``anh em``, ``có đức``) or inside a name (``Tuấn Anh``, ``Đức Chinh``),
        which the index, lower-cased, cannot tell; no share weighs less than a match inside a
        longer name."""
        return self.scaled_by_share(word.normalized[0], score, alone, spelled_out)

    def scaled_by_share(self, name: str, score: np.ndarray, alone: np.ndarray,
                        spelled_out: frozenset[str] = frozenset(),
                        least: float | None = None) -> np.ndarray:
        """``score`` with the best ``MAX_CASE_CHECKS`` articles of ``alone`` scaled by the share
        of ``name``'s occurrences written as a name of its own (``as_written``)."""
        candidates = np.flatnonzero(alone)
        if len(candidates) > ranking.MAX_CASE_CHECKS:
            candidates = candidates[np.argpartition(-score[candidates], ranking.MAX_CASE_CHECKS)[
                :ranking.MAX_CASE_CHECKS]]
        if self.proper_share is None or not len(candidates):
            return score
        factor = weight_of_share(self.proper_share(candidates, name, spelled_out), least)
        # the articles not checked, all below the checked ones, stay below them
        score = np.where(alone, score * factor.min(), score)
        score[candidates] *= factor / factor.min()
        return score

    def reversed_pair(self, a: Word, b: Word) -> np.ndarray:
        """Scores where word ``b`` stands right before word ``a`` (a name in the other order)."""
        return self.pair(b.folded[-1], a.folded[0])

    def together(self, syllables: tuple[str, ...]) -> np.ndarray:
        """Scores where every neighbouring pair of (folded) syllables stands together, else 0.

        For two syllables this is exactly a phrase; for more, pairs are checked, not the chain.
        """
        if len(syllables) == 1:
            return self.term(syllables[0])
        total = self.zeros()
        mask = np.ones(self.size, dtype=bool)
        for a, b in zip(syllables, syllables[1:]):
            scores = self.pair(a, b)
            mask &= scores > 0
            total += scores
        return np.where(mask, total, 0).astype(np.float32)

    def word(self, word: Word, recall_net: bool = True, neighbours: frozenset[str] = frozenset(),
             spelled_out: frozenset[str] = frozenset()
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(scores, strict mask, match mask) of one query word; ``neighbours``: the query's
        folded syllables beside it, ``spelled_out``: all its other ones (a name typed in either
        order, ``Phúc Nguyễn Xuân``).

        Typed accents are taken at their word (``trusts_accents``): an accented word matches its
        exact spelling as a word, and its folded forms (``hóa giải`` for ``hòa giải``) only
        where the stored text spells them as typed (the segmenter split the word there:
        ``split_as_typed``), unless the archive lacks that spelling altogether (a mistyped
        accent). So ``bão`` is not drowned by ``báo``, ``bảo`` and ``bao``.

        The recall net (its syllables anywhere, ``self.recall_net``) matches loosely, and scores
        only the documents where the word is not matched as a word: of a strict match it would
        weigh the syllables' other words (``hợp`` of ``hợp đồng``), and the strict tier alone is
        then scored without reading them (``evaluate``)."""
        trust_accents = self.trusts_accents(word)
        if len(word.folded) == 1:
            score = ranking.EXACT_BOOST * self.term(word.normalized[0]) if trust_accents \
                else self.term(word.folded[0])
            found = score > 0
            standing = self.standalone(word, trust_accents, neighbours, in_words=recall_net)
            if standing is None:
                return score, found, found
            alone, share = standing
            score = np.where(alone, score * share, ranking.INSIDE_NAME_BOOST * score)
            if word.raw[0][:1].isupper() and recall_net:
                score = self.as_written(word, score, found & alone, spelled_out)
            return score.astype(np.float32), found & alone, found
        folded_term, exact_term = folded_word_term(word), exact_word_term(word)
        if trust_accents and self.arrays.same_postings(folded_term, exact_term):
            self._terms.setdefault(folded_term, self.term(exact_term))  # the same lists
        folded = self.together(word.folded)  # holds the folded word term of two syllables
        if len(word.folded) > 2:
            folded = folded + self.term(folded_term)
        if trust_accents:
            exact = self.term(exact_term)
            written = exact > 0
            score = ranking.EXACT_BOOST * exact + \
                np.where(written, ranking.FOLDED_BOOST * folded, 0).astype(np.float32)
            across = np.logical_or.reduce([self.across(a, b) > 0
                                           for a, b in zip(word.folded, word.folded[1:])])
            spelled = self.split_as_typed(word, score, folded, ~written & across & (folded > 0))
            score = np.where(spelled, ranking.EXACT_BOOST * folded, score)
            strict = written | spelled
        else:
            score = folded
            strict = folded > 0
        matched = strict
        if recall_net and self.recall_net:
            parts = [self.term(s) for s in word.normalized]
            loose = np.logical_and.reduce([p > 0 for p in parts]) & ~strict
            score = score + np.where(loose, ranking.FOLDED_BOOST * folded
                                     + ranking.SCATTERED_BOOST * sum(parts), 0)
            matched = strict | loose
        return score.astype(np.float32), strict, matched

    def trusts_accents(self, word: Word) -> bool:
        """Are a word's typed accents taken at their word: does the archive hold its syllables,
        so spelled, together in some document? Known without reading them when it holds the
        word (``hợp_tác``)."""
        if not word.accented:
            return False
        if len(word.normalized) > 1 and self.arrays.has_term(exact_word_term(word)):
            return True
        return bool(np.logical_and.reduce([self.term(s) > 0 for s in word.normalized]).any())

    def split_as_typed(self, word: Word, score: np.ndarray, folded: np.ndarray,
                       unsegmented: np.ndarray) -> np.ndarray:
        """Where a word typed with accents that the segmenter split (``hòa | giải`` in "tiến
        trình hòa giải ở Syria": the CRF is not consistent) is the word as typed: the stored
        text spells it so, syllables in a row, standing alone. Those documents match it
        strictly and score as the exact word (``EXACT_BOOST``), not as its folded letters, which
        are also ``hóa giải`` (and ``hợp tác`` in "phối hợp tác chiến"). Read in the
        ``SPLIT_WORD_CHECKS`` of ``unsegmented`` where the folded word scores highest (a
        rescoring window: the cost of reading stored text stays the same however large the
        archive), and of those only where it could lift the document among the word's
        ``SPLIT_WORD_REACH`` best (``score``: the word's scores elsewhere)."""
        candidates = np.flatnonzero(unsegmented)
        spelled = np.zeros(self.size, dtype=bool)
        if self.verify_phrase is None or not len(candidates):
            return spelled
        if np.count_nonzero(score) > ranking.SPLIT_WORD_REACH:
            reach = np.partition(score, len(score) - ranking.SPLIT_WORD_REACH)[
                len(score) - ranking.SPLIT_WORD_REACH]
            candidates = candidates[ranking.EXACT_BOOST * folded[candidates] > reach]
            if not len(candidates):
                return spelled
        if len(candidates) > ranking.SPLIT_WORD_CHECKS:
            best = np.argsort(-folded[candidates], kind="stable")[:ranking.SPLIT_WORD_CHECKS]
            candidates = np.sort(candidates[best])
        spelled[candidates[self.verify_phrase(candidates, word.folded, word.normalized)]] = True
        return spelled

    def phrase(self, words: list[Word]) -> np.ndarray:
        """A quoted phrase: syllables together, accent-tolerant; the exact spelling ranks first
        (``exact_spelling``)."""
        folded = tuple(s for w in words for s in w.folded)
        normalized = tuple(s for w in words for s in w.normalized)
        score = self.together(folded)
        if len(folded) > 2 and self.verify_phrase is not None:  # pairs are not the whole chain
            candidates = np.flatnonzero(score)
            if len(candidates) <= ranking.MAX_PHRASE_CHECKS:
                score[candidates[~self.verify_phrase(candidates, folded)]] = 0
        if normalized != folded:
            score = score + np.where(score > 0, ranking.EXACT_BOOST * self.exact_spelling(words), 0)
        return score.astype(np.float32)

    def exact_spelling(self, words: list[Word]) -> np.ndarray:
        """Scores of a phrase's accented syllables as spelled, one share per syllable: where they
        stand together as the word (``Hà Nội`` as the word ``hà_nội``, not ``hà`` in a name and
        ``nội`` in ``nội dung``), or, for a word the index does not hold, wherever they occur."""
        exact = self.zeros()
        for word in words:
            accented = [s for s, f in zip(word.normalized, word.folded) if s != f]
            if not accented:
                continue
            whole = exact_word_term(word)
            if len(word.normalized) > 1 and self.arrays.has_term(whole):
                exact = exact + len(accented) * self.term(whole)
            else:
                exact = exact + sum(self.term(s) for s in accented)
        return exact

    def mentioned_in_passing(self, words: list[Word]) -> np.ndarray:
        """Where a phrase of several syllables occurs once in the body and neither in the title
        nor in the lead: named in passing, not what the article is about. Counted on its
        neighbouring pairs (the fewest occurrences of any)."""
        syllables = tuple(s for w in words for s in w.folded)
        if len(syllables) < 2:
            return np.zeros(self.size, dtype=bool)
        in_title = np.ones(self.size, dtype=bool)
        in_lead = np.ones(self.size, dtype=bool)
        in_body = np.full(self.size, np.inf, dtype=np.float32)
        for a, b in zip(syllables, syllables[1:]):
            title = np.zeros(self.size, dtype=bool)
            lead = np.zeros(self.size, dtype=bool)
            body = np.zeros(self.size, dtype=np.float32)
            for term in pair_terms(a, b):
                title[self.arrays.postings("title", term)[0]] = True
                lead[self.arrays.postings("lead", term)[0]] = True
                docs, counts = self.arrays.postings("body", term)
                body[docs] += counts
            in_title &= title
            in_lead &= lead
            in_body = np.minimum(in_body, body)
        return ~in_title & ~in_lead & (in_body <= 1)

    def written(self, words: list[Word]) -> np.ndarray:
        """Where each syllable of ``words`` occurs spelled as written: accents as written, and a
        syllable without accents (``Nha``) without them (not ``nhà``), which the index files
        under the same term as its accented spellings."""
        mask = np.ones(self.size, dtype=bool)
        for syllable in {s for w in words for s in w.normalized}:
            count = self.arrays.frequencies(syllable)
            if syllable == fold(syllable):
                count = count - sum((self.arrays.frequencies(v) for v in
                                     aliases.accented_variants(syllable) if self.arrays.has_term(v)),
                                    np.zeros(self.size, dtype=np.float32))
            mask &= count > 0
        return mask

    def item(self, item: Item) -> _Match:
        """A plain run (its content words ANDed, function words optional) or a quoted phrase."""
        if item.phrase:
            score = self.phrase(item.words)
            found = score > 0
            if not item.alternative or item.other_spelling:  # quoted, or a name's other spelling
                score = np.where(self.mentioned_in_passing(item.words),
                                 ranking.PASSING_MENTION_SHARE * score, score).astype(np.float32)
            if item.spelled:  # "Nha Trang" is not "Nhà Trắng": found as written first
                written = self.written(item.words)
                score = np.where(written, score, ranking.FOLDED_BOOST * score).astype(np.float32)
                found = found & written
                if len(item.words) == 1 and len(item.words[0].normalized) > 1:
                    # a place typed run together asks for the place, not a club or a company
                    # named after it ("Than Quảng Ninh", "SHB Đà Nẵng"; ``writing``)
                    score = self.scaled_by_share(" ".join(item.words[0].normalized), score,
                                                 found, least=ranking.PLACE_INSIDE_NAME_BOOST)
            weight = max(self.rarity(s) for s in {f for w in item.words for f in w.folded})
            # another spelling of one syllable ("Nhật" for Japan) is also "cập nhật": loose only
            short = item.alternative and sum(len(w.folded) for w in item.words) == 1
            strict = np.zeros(self.size, dtype=bool) if short else found
            return _Match(score, strict, found, found.astype(np.float32), weight)
        content = _content(item, self.only_function_words)
        score = self.zeros()
        strict = np.ones(self.size, dtype=bool)
        complete = np.ones(self.size, dtype=bool)
        hits = np.zeros(self.size, dtype=np.float32)
        weight = 0.0
        for i, word in enumerate(item.words):
            beside = frozenset(([item.words[i - 1].folded[-1]] if i else [])
                               + ([item.words[i + 1].folded[0]] if i + 1 < len(item.words) else []))
            others = frozenset(f for j, w in enumerate(item.words) if j != i for f in w.folded)
            s, st, m = self.word(word, neighbours=beside, spelled_out=others)
            if word in content:
                score += s
                strict &= st
                complete &= m
                rarity = self.rarity(folded_word_term(word))
                hits += rarity * m
                weight += rarity
            else:
                score += ranking.FUNCTION_WORD_BOOST * s
        coverage = hits / weight if weight else (hits > 0).astype(np.float32) if content \
            else np.ones(self.size, dtype=np.float32)
        return _Match(score, strict, complete, coverage, weight)

    def rarity(self, folded_term: str) -> float:
        """How much a word weighs in coverage: its IDF; nothing for a word the archive lacks
        (no article can match it, so it must not keep the others out)."""
        return self.arrays.idf(folded_term) if self.arrays.has_term(folded_term) else 0.0

    def excluded(self, item: Item) -> np.ndarray:
        if item.phrase:
            return self.phrase(item.words) > 0
        return np.logical_or.reduce([self.word(w, recall_net=False)[1] for w in item.words])


def evaluate(parsed: ParsedQuery, arrays: IndexArrays, verify_phrase=None,
             proper_share=None) -> Evaluation | None:
    """Scores, tiers and the result set; None when the query has no words (browse).

    ``verify_phrase(docnums, folded syllables)`` checks a long phrase's whole chain in the stored
    text (the index only knows neighbouring pairs); ``proper_share(docnums, syllable,
    the query's other syllables)`` reads there how a capitalised one-syllable word is written (``as_written``).

    The strict tier is tried first, over the documents holding every content word as a word
    (``candidates`` with ``strict``) and without the recall net: when it holds
    ``ENOUGH_STRICT`` documents it is the result set, and the syllables' own posting lists
    (``hợp`` and ``tác`` for ``hợp tác``: seven times the postings of the word at 348,700
    articles) are never read. Its documents score as when every tier is evaluated (the net
    scores only those it brings in), but for a word the segmenter split: the articles read for
    it (``split_as_typed``) are then chosen among these. Otherwise every tier is evaluated.

    Scored over the documents the query can match (``candidates``) when they are under
    ``SUBSET_BELOW`` of the archive: the same values, at the cost of the candidates."""
    if parsed.groups and _units(parsed) < ranking.SOFT_UNITS:
        docs = candidates(parsed, arrays, strict=True)
        if docs is not None and len(docs) >= ranking.ENOUGH_STRICT:
            strict = _evaluate_over(docs, parsed, arrays, verify_phrase, proper_share,
                                    recall_net=False)
            if strict.level == STRICT and np.count_nonzero(strict.matched) >= ranking.ENOUGH_STRICT:
                return strict
    return _evaluate_over(candidates(parsed, arrays), parsed, arrays, verify_phrase, proper_share)


def _evaluate_over(docs: np.ndarray | None, parsed: ParsedQuery, arrays: IndexArrays,
                   verify_phrase, proper_share, recall_net: bool = True) -> Evaluation | None:
    """``_evaluate`` over these documents (None: any), in a ``Subset`` when they are few."""
    if docs is None or len(docs) >= SUBSET_BELOW * arrays.size:
        return _evaluate(parsed, arrays, verify_phrase, proper_share, recall_net)
    local = _evaluate(parsed, Subset(arrays, docs), _on_archive(docs, verify_phrase),
                      _on_archive(docs, proper_share), recall_net)
    return Evaluation.spread(arrays.size, docs, local.scores, local.matched, local.rank,
                             local.level, local.complete)


def _units(parsed: ParsedQuery) -> int:
    """The query's content words (a phrase is one, a group of alternatives counts its fewest):
    from ``MIN_PARTIAL_UNITS`` on, most of them may match (partial); from ``SOFT_UNITS`` on,
    a question without tiers."""
    only_function_words = all(is_function_word(w) for w in parsed.positive_words)
    units = 0
    for group in parsed.groups:
        items = [item for item in group if not item.negated]
        if items:
            units += min(1 if item.phrase else len(_content(item, only_function_words))
                         for item in items)
    return units


def _content(item: Item, only_function_words: bool) -> list[Word]:
    """An item's words that must match: not its function words, unless the query is only
    those (``của các``: the words are the query)."""
    content = [w for w in item.words if not is_function_word(w)]
    return item.words if not content and only_function_words else content


def candidates(parsed: ParsedQuery, arrays: IndexArrays, strict: bool = False
               ) -> np.ndarray | None:
    """The documents (sorted docnums) where some positive item of the query can match, which
    hold every document ``_evaluate`` can score into the result set; None when that can be any
    document (a query of exclusions only, or an item of function words beside content words,
    which ``_Scorer.item`` lets match everywhere).

    A word matches only where its syllables all occur: as typed when it has accents the archive
    holds together somewhere (``_Scorer.word`` trusts them), else folded; a phrase only where each
    neighbouring pair of its folded syllables stands together (``_Scorer.together``).

    ``strict``: where every positive group can match strictly, read from word and pair terms
    only. A word matches strictly only where it occurs as a word: of one syllable, that syllable;
    of more, its folded syllables standing together, which every spelling of the word and every
    split the segmenter made of it hold (``_as_word``). Also every document holding a
    capitalised one-syllable word: the best of those where it stands alone are read for how it
    is written (``_Scorer.as_written``), and they must be the ones read when every tier is
    evaluated, or the same article would score otherwise."""
    only_function_words = all(is_function_word(w) for w in parsed.positive_words)
    found = np.full(arrays.size, strict)
    positive = False
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            continue
        items = [item for item in group if not item.negated]
        if not items:
            return None
        positive = True
        in_group = np.zeros(arrays.size, dtype=bool)
        for item in items:
            if item.phrase:
                in_group |= _phrase_present(arrays, tuple(s for w in item.words for s in w.folded))
                continue
            content = _content(item, only_function_words)
            if not content:
                return None
            if strict:
                in_group |= np.logical_and.reduce([_as_word(arrays, w) for w in content])
            else:
                in_group |= np.logical_or.reduce([_syllables_present(arrays, w) for w in content])
        found = found & in_group if strict else found | in_group
    if not positive:
        return None
    if strict:
        for word in parsed.positive_words:
            if len(word.folded) == 1 and word.raw[0][:1].isupper():
                found |= _as_word(arrays, word)
    return np.flatnonzero(found)


def _as_word(arrays: IndexArrays, word: Word) -> np.ndarray:
    """Where a query word can match strictly (``candidates``)."""
    if len(word.folded) > 1:
        whole = folded_word_term(word)
        if word.accented and arrays.same_postings(whole, exact_word_term(word)):
            whole = exact_word_term(word)  # the same lists, which scoring reads
        if len(word.folded) == 2:  # the pair standing across two words, or as the word
            return _in_any_field(arrays, pair_terms(*word.folded)[0]) | _in_any_field(arrays, whole)
        return _phrase_present(arrays, word.folded) | _in_any_field(arrays, whole)
    return _syllables_present(arrays, word)


def _syllables_present(arrays: IndexArrays, word: Word) -> np.ndarray:
    """Where a word's syllables all occur: as typed, or folded when the archive never holds
    them so together."""
    present = _present(arrays, word.normalized)
    return _present(arrays, word.folded) if word.accented and not present.any() else present


def _in_any_field(arrays: IndexArrays, term: str) -> np.ndarray:
    """Where a term occurs in a field ``_Scorer.term`` scores."""
    mask = np.zeros(arrays.size, dtype=bool)
    for field in ranking.FIELD_BOOSTS:
        mask[arrays.postings(field, term)[0]] = True
    return mask


def _present(arrays: IndexArrays, syllables: tuple[str, ...]) -> np.ndarray:
    """Where every one of these syllable terms occurs, in any field."""
    return np.logical_and.reduce([_in_any_field(arrays, s) for s in syllables])


def _phrase_present(arrays: IndexArrays, folded: tuple[str, ...]) -> np.ndarray:
    if len(folded) == 1:
        return _in_any_field(arrays, folded[0])
    return np.logical_and.reduce([_in_any_field(arrays, across) | _in_any_field(arrays, word)
                                  for across, word in (pair_terms(a, b)
                                                       for a, b in zip(folded, folded[1:]))])


def _on_archive(docs: np.ndarray, check):
    """A stored-text check (``verify_phrase``, ``proper_share``) called with a subset's
    document numbers."""
    if check is None:
        return None
    return lambda local, *args: check(docs[local], *args)


def _evaluate(parsed: ParsedQuery, arrays: IndexArrays | Subset, verify_phrase=None,
              proper_share=None, recall_net: bool = True) -> Evaluation | None:
    scorer = _Scorer(arrays, verify_phrase, proper_share)
    scorer.recall_net = recall_net
    scorer.only_function_words = all(is_function_word(w) for w in parsed.positive_words)
    score = scorer.zeros()
    strict = arrays.live.copy()
    complete = arrays.live.copy()
    allowed = arrays.live.copy()  # not excluded by a -word
    coverage = np.zeros(arrays.size, dtype=np.float32)
    groups = 0
    weight = 0.0
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            allowed &= ~scorer.excluded(group[0])
            continue
        matches = [scorer.item(item) for item in group if not item.negated]
        if any(item.alternative for item in group):  # one name, several spellings: the best,
            # each on the scale of the spelling typed (``ranking.ALTERNATIVE_BOOST``)
            kept = [item for item in group if not item.negated]
            score += np.maximum.reduce([m.score if not item.other_spelling
                                        else ranking.ALTERNATIVE_BOOST * m.score
                                        for item, m in zip(kept, matches)])
        else:  # typed "a OR b": each adds
            score += sum(m.score for m in matches)
        strict &= np.logical_or.reduce([m.strict for m in matches])
        complete &= np.logical_or.reduce([m.complete for m in matches])
        group_weight = min(m.weight for m in matches)
        coverage += group_weight * np.maximum.reduce([m.coverage for m in matches])
        weight += group_weight
        groups += 1
    if not groups:
        if not parsed.groups:
            return None
        return Evaluation(score, allowed, allowed.astype(np.float32), STRICT, int(allowed.sum()))
    units = _units(parsed)
    coverage /= max(weight, 1e-9)
    words = parsed.positive_words
    quoted = {id(w) for g in parsed.groups for item in g if item.phrase for w in item.words}
    for a, b in zip(words, words[1:]):  # names come in either order: "Abe Shinzo", "Shinzo Abe"
        together = scorer.pair(a.folded[-1], b.folded[0])
        if not (units < ranking.SOFT_UNITS and _heads_phrase(a) and _is_name(b)
                and not {id(a), id(b)} & quoted):
            # but a common word before a name ("Thủ tướng Nhật Bản") is a phrase in that order
            # only: "Nhật Bản. Thủ tướng Nguyễn Xuân Phúc" is two sentences
            reversed_ = scorer.reversed_pair(a, b)
            together = together + reversed_ if not _given_and_family_name(a, b) else \
                np.minimum(np.maximum(together, reversed_), ranking.NAME_TOGETHER_SHARE *
                           np.minimum(scorer.word(a)[0], scorer.word(b)[0]))
        score += ranking.PROXIMITY_BOOST * together
    strict &= allowed
    complete &= allowed
    partial = allowed & (coverage >= ranking.MIN_COVERAGE) & (score > 0) & (units >= ranking.MIN_PARTIAL_UNITS)
    if units >= ranking.SOFT_UNITS:
        # a long question: no word is required; the share of the query matched scales the score
        matched = complete | partial
        score = score * coverage ** ranking.COORDINATION_POWER
        rank = np.zeros(arrays.size, dtype=np.float32)
    else:
        if int(strict.sum()) >= ranking.ENOUGH_STRICT:
            matched = strict
        elif int(complete.sum()) >= ranking.ENOUGH_STRICT:
            matched = complete
        else:
            matched = complete | partial
        # strict 3, loose 2, partial: the share of the query matched (below 1)
        rank = np.where(strict, 3.0, np.where(complete, 2.0, coverage)).astype(np.float32)
    level = PARTIAL if (matched & ~complete).any() else LOOSE if (matched & ~strict).any() else STRICT
    return Evaluation(np.where(matched, score, 0).astype(np.float32), matched,
                      np.where(matched, rank, 0).astype(np.float32), level, int(complete.sum()))


def _heads_phrase(word: Word) -> bool:
    """A dictionary word of two syllables or more (``thủ tướng``, ``xuất khẩu``), not a function
    word. Vietnamese puts the head first: such a word before a name (``thủ tướng Nhật Bản``,
    ``_is_name``) is a phrase in that order only, where two names (``Abe Shinzo``) come in
    either and two common words often too (``xuất khẩu thủy sản``, ``thủy sản xuất khẩu``)."""
    return len(word.normalized) > 1 and not is_function_word(word) and \
        aliases.is_dictionary_word(word.normalized)


def _given_and_family_name(a: Word, b: Word) -> bool:
    """Two words typed with a capital that no dictionary holds (``Trump Donald``, ``Macron
    Emmanuel``, ``Tập Cận Bình``): a person's name, in either order. Standing together they
    say it is that person (not ``Abe`` and someone's ``Shinzo``), but the bonus, counted in the
    better order and capped at ``NAME_TOGETHER_SHARE`` of the rarer word's own score, does not
    grow with the full name written out at every turn: that is how short items name a man in
    passing ("Tổng thống Pháp Emmanuel Macron"), while articles about him say "Macron", "ông
    Macron"; and "Tổng thống Mỹ Donald Trump, Donald Trump Jr." (pairs are indexed across
    punctuation) earned it in both orders, so the son outranked the President."""
    return all(w.raw[0][:1].isupper() and not aliases.is_dictionary_word(w.normalized)
               for w in (a, b))


def _is_name(word: Word) -> bool:
    """Typed with a capital (``Nhật Bản``, ``Trump``), or a name the spelling table knows
    (``nhật bản``, ``nga``, ``syria``)."""
    return word.raw[0][:1].isupper() or tuple(word.folded) in aliases.spelling_classes()
