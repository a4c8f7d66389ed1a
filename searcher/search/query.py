"""From what a user types to a parsed query (scoring.py matches and ranks it).

Syntax: words, ``"quoted phrase"``, ``-word`` / ``-"phrase"`` to exclude, ``OR`` between two
items. A typo never becomes a syntax error: an unbalanced quote is read as plain words, and
operators standing alone (a lone ``-``, ``AND``, ``OR``) are dropped; a query left with no words
at all is refused as empty (with a filter, it browses).

Words are segmented with the same chain as the index (``du lịch`` is one word); runs typed
without accents are regrouped by the archive's own vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..data import word_list
from . import aliases
from ..text.normalize import clean, fold, is_vietnamese_syllable, syllables
from ..text.segment import Word, plain_syllables, segment
from ..text.terms import word_term

_ITEM_RE = re.compile(r'-?"[^"]*"|\S+')

FUNCTION_WORDS = frozenset(word_list("function_words"))
# Typed without accents, a function word is recognised by its folded form only where that form
# is not also a common content word (``la`` is là or lá, ``tai`` tại or tài): multi-syllable
# function words, and these.
_FOLDED_FUNCTION_WORDS = frozenset(
    [" ".join(fold(s) for s in w.split()) for w in FUNCTION_WORDS if " " in w]
    + word_list("folded_function_words"))


def is_function_word(word: Word) -> bool:
    """A Vietnamese function word (``của``, ``những``, ``như thế nào``): a query word that need
    not match and earns little score."""
    if " ".join(word.normalized) in FUNCTION_WORDS:
        return True
    return not word.accented and " ".join(word.folded) in _FOLDED_FUNCTION_WORDS


@dataclass
class Item:
    """One unit of the query: a run of words or a phrase, possibly negated."""

    words: list[Word]
    phrase: bool = False
    negated: bool = False
    typed: list[str] = field(default_factory=list)  # the tokens as typed, punctuation kept
    alternative: bool = False  # another spelling of the group's first item, not typed
    spelled: bool = False  # a name as the archive writes it: its accents, or their absence, count
    # another spelling of a name typed in a foreign one ("Úc" for "Australia"), as opposed to
    # a reading of a run typed without spaces or the name written out in full around the
    # spelling typed ("Formosa Hà Tĩnh" for "Formosa"): scored on the typed spelling's scale
    other_spelling: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Item]] = field(default_factory=list)  # AND of groups, OR within a group

    @property
    def positive_words(self) -> list[Word]:
        return [w for g in self.groups for it in g
                if not it.negated and not it.alternative for w in it.words]

    @property
    def is_empty(self) -> bool:
        return not self.positive_words


def parse(text: str, is_word: Callable[[str], bool] | None = None) -> ParsedQuery:
    """Parse a query; ``is_word`` (is this folded ``a_b`` a word of the index?) lets runs typed
    without accents, which underthesea segments poorly, be grouped by the archive's own words."""
    text = clean(text).strip()
    if text.count('"') % 2:
        text = text.replace('"', " ")  # unbalanced quote: plain words
    groups: list[list[Item]] = []
    join_next = False
    tokens = _ITEM_RE.findall(text)
    i = 0
    while i < len(tokens):
        raw = tokens[i]
        if not join_next and _is_plain_token(raw) and (spelled := _respelled(tokens, i, is_word)):
            group, taken = spelled
            groups.append(group)
            i += taken
            continue
        i += 1
        if raw in ("OR", "AND"):
            join_next = raw == "OR" and bool(groups)
            continue
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        phrase = body.startswith('"')
        if negated and not phrase:
            words, taken = _negated_word(body, tokens[i:], is_word)
            i += taken
        else:
            words = _segment(body.strip('"'), is_word)
        if not words:
            continue
        item = Item(words, phrase=phrase, negated=negated, typed=[body])
        if join_next and not negated and not any(i.negated for i in groups[-1]):
            groups[-1].append(item)
        elif not negated and not phrase and groups and _is_plain(groups[-1]):
            groups[-1][0].words.extend(words)  # adjacent plain words: one run, segmented below
            groups[-1][0].typed.append(body)
        else:
            groups.append([item])
        join_next = False
    for group in groups:
        for item in group:
            if not item.phrase and len(item.words) > 1:
                # as typed: "phòng, ban" is two words, not the word "phòng ban"
                item.words = _segment(" ".join(item.typed), is_word)
            if is_word is not None:
                item.words = regroup(item.words, is_word)
                if not item.phrase:
                    item.words = dictionary_words(item.words)
    return ParsedQuery(groups)


def dictionary_words(words: list[Word]) -> list[Word]:
    """Runs of words typed with accents, re-cut into common words where the segmenter made a
    word no dictionary knows and the same syllables make as many words that it does, with
    fewer left over alone: ``thủy | sản_xuất_khẩu`` (a slip of the CRF, which saw no context) is
    ``thủy_sản | xuất_khẩu``. Names the dictionary lacks (``Tô Lâm``) stay whole: cutting them
    makes more words."""
    out: list[Word] = []
    run: list[Word] = []
    for word in [*(piece for w in words for piece in _foreign_apart(w)), None]:
        if word is not None and word.accented:
            run.append(word)
            continue
        if run:
            out.extend(_recut(run))
            run = []
        if word is not None:
            out.append(word)
    return out


def _foreign_apart(word: Word) -> list[Word]:
    """A word typed with accents that the segmenter joined to a foreign token (``năm_apec``,
    ``hồi_giáo_is``: the CRF saw no context) is cut where the syllables turn foreign: no
    dictionary word holds an acronym, and the articles write ``Nhà nước Hồi giáo (IS)``."""
    if not word.accented or len(word.folded) < 2 or aliases.is_dictionary_word(word.normalized):
        return [word]
    vietnamese = [is_vietnamese_syllable(f) for f in word.folded]
    cuts = [i for i in range(1, len(vietnamese)) if vietnamese[i] != vietnamese[i - 1]]
    bounds = list(zip([0, *cuts], [*cuts, len(vietnamese)]))
    return [Word(word.raw[a:b], word.normalized[a:b], word.folded[a:b]) for a, b in bounds]


def _recut(run: list[Word]) -> list[Word]:
    if all(len(w.normalized) == 1 or aliases.is_dictionary_word(w.normalized) for w in run):
        return run
    syllables = [Word((r,), (n,), (f,)) for w in run
                 for r, n, f in zip(w.raw, w.normalized, w.folded)]
    best: dict[int, tuple[int, int, list[list[Word]]]] = {0: (0, 0, [])}
    for end in range(1, len(syllables) + 1):
        options = []
        for start in range(max(0, end - MAX_WORD_SYLLABLES), end):
            piece = syllables[start:end]
            if start in best and (len(piece) == 1 or aliases.is_dictionary_word(
                    tuple(w.normalized[0] for w in piece))):
                count, alone, cut = best[start]
                options.append((count + 1, alone + (len(piece) == 1), cut + [piece]))
        best[end] = min(options, key=lambda option: option[:2])
    count, alone, cut = best[len(syllables)]
    if count <= len(run) and alone < sum(len(w.normalized) == 1 for w in run):
        return [_joined(piece) for piece in cut]
    return run


MAX_WORD_SYLLABLES = 4


def _segment(text: str, is_word: Callable[[str], bool] | None,
             alternative: bool = False) -> list[Word]:
    """The words of query text. underthesea's import and CRF are most of a cold query's time,
    and two kinds of text do without them: plain accent-less letters, regrouped by the archive's
    own words (``regroup``) whatever the CRF said; and another spelling of a name (an
    ``alternative`` phrase), which is matched syllable by syllable and takes no part in the
    word-by-word proximity bonus, so its grouping is never used."""
    if is_word is not None and (words := plain_syllables(text, accented=alternative)) is not None:
        return words
    return segment(text)


def _is_plain_token(token: str) -> bool:
    return token not in ("OR", "AND") and not token.startswith(("-", '"'))


def _respelled(tokens: list[str], i: int, is_word) -> tuple[list[Item], int] | None:
    """A name typed in a foreign spelling (``Japan``, ``Xi Jinping``), or an accent-less run
    typed without spaces (``laocai``), starting at ``tokens[i]``: a group that searches it and
    its Vietnamese spellings, and how many tokens it took."""
    for n in range(aliases.MAX_ALIAS_SYLLABLES, 0, -1):
        typed = tokens[i:i + n]
        if len(typed) < n or not all(_is_plain_token(t) for t in typed):
            continue
        spellings = aliases.other_spellings(typed)
        if spellings:
            original = Item(_segment(" ".join(typed), is_word), typed=typed)
            return [original, *(Item(_segment(s, is_word, alternative=True), phrase=True,
                                     alternative=True, typed=[s],
                                     other_spelling=not aliases.holds(s, typed))
                                for s in spellings)], n
    if is_word is None:
        return None
    token = tokens[i].strip(".,;:!?()")
    pieces = aliases.split_run_together(token, is_word)
    if not pieces:
        return None
    spelling = aliases.place_spelling(pieces)
    if spelling is not None:  # a place run together: the name as it is written, accents and all
        split = Item(_segment(spelling, is_word, alternative=True), phrase=True, alternative=True,
                     typed=pieces, spelled=True)
    else:
        split = Item(_segment(" ".join(pieces), is_word), phrase=True, alternative=True,
                     typed=pieces)
    if not is_word(fold(token)):
        split.alternative = False  # the only reading
        return [split], 1
    if not is_word(word_term(pieces)) or is_vietnamese_syllable(fold(token)):
        # a word of the archive ("ngay", "hoang") that is no run of a known word, or a syllable
        # people type as one ("nguyen" is not "ngu yen", "xuan" not "xu an")
        return None
    return [Item(_segment(token, is_word), typed=[token]), split], 1


def _negated_word(body: str, following: list[str], is_word) -> tuple[list[Word], int]:
    """A minus binds to the whole word it starts: ``-bóng đá`` excludes the word ``bóng đá``, not
    every article with ``bóng``. Returns the words and how many following tokens they took."""
    run = []
    for token in following[:MAX_WORD_SYLLABLES - 1]:
        if token.startswith(("-", '"')) or token in ("OR", "AND"):
            break
        run.append(token)
    words = _segment(" ".join([body, *run]), is_word)
    if is_word is not None:
        words = regroup(words, is_word)
    if not words:
        return [], 0
    spanned, taken = len(syllables(body)), 0
    while spanned < len(words[0].raw) and taken < len(run):
        spanned += len(syllables(run[taken]))
        taken += 1
    if spanned != len(words[0].raw):  # the word does not end at a token boundary
        return _segment(body, is_word), 0
    return [words[0]], taken


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
            if None not in run and is_word(word_term([w.folded[0] for w in run])):
                j = end
                break
        out.append(_joined(syllables[i:j]))
        i = j
    return _join_accented_names(out, is_word)


def _joined(run: list[Word]) -> Word:
    """One word of the one-syllable words of ``run``."""
    if len(run) == 1:
        return run[0]
    return Word(tuple(w.raw[0] for w in run), tuple(w.normalized[0] for w in run),
                tuple(w.folded[0] for w in run))


def _join_accented_names(words: list[Word], is_word: Callable[[str], bool]) -> list[Word]:
    """Join one-syllable words typed with accents whose exact spelling together is a word of the
    archive: lower-case names the segmenter splits (``thuỵ điển`` -> ``thụy_điển``, Sweden;
    ``hoà bình`` -> ``hòa_bình``). The exact spelling cannot be another word (``thủy điện``).
    A country the archive's segmenter glued to its verb (``_glues_a_country``) stays apart."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        j = i + 1
        if len(words[i].raw) == 1 and words[i].accented:
            for end in range(min(len(words), i + MAX_WORD_SYLLABLES), i + 1, -1):
                run = words[i:end]
                if all(len(w.raw) == 1 for w in run) and \
                        is_word(word_term([w.normalized[0] for w in run])) and \
                        not _glues_a_country(run):
                    j = end
                    break
        out.append(_joined(words[i:j]))
        i = j
    return out


def _glues_a_country(run: list[Word]) -> bool:
    """A one-syllable country name (``Mỹ``, ``Anh``) and the word beside it that the archive
    holds as one word only because its segmenter glued them in some article (``mĩ_rút`` of
    "Triều Tiên yêu cầu Mỹ rút lực lượng", ``nước_anh``): not a longer name of a place (``Lào
    Cai``, ``Thụy Điển``) nor a dictionary word. Joined in the query, the country was asked for
    only beside that word, and "Anh rời khỏi Liên minh châu Âu" lost it."""
    folded = tuple(w.folded[0] for w in run)
    names = aliases.spelling_classes()
    if folded in names or aliases.is_dictionary_word(tuple(w.normalized[0] for w in run)):
        return False
    before_first, after_first = aliases.name_neighbours(folded[0])
    before_last, _ = aliases.name_neighbours(folded[-1])
    return (folded[:1] in names and folded[1] not in after_first) or \
        (folded[-1:] in names and folded[-2] not in before_last)


def _is_plain(group: list[Item]) -> bool:
    return len(group) == 1 and not group[0].phrase and not group[0].negated
