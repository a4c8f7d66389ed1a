"""The archive at a glance, a profile of one partner, country or official, and the articles
related to one article: counts over a set of documents, without a query.

A profile counts the *other* facets over the entity's own articles (conjunctive), unlike a
search's disjunctive counts: "who took part in meetings with tỉnh Nagano" is a question about
those articles only.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..facets import BY_NAME, FACETS, FIRST_PLAUSIBLE_YEAR, STATE_FORM, Facet, last_plausible_year
from ..text.normalize import clean, fold, syllables
from ..text.terms import pair_terms
from .aliases import key as name_key, spelled_key, spelling_classes
from .facet_counts import FacetColumn
from .results import FacetValue, Hit, _Serialisable

# Words that only say what kind of place or body a partner is ("tỉnh Nagano" is "Nagano").
UNIT_WORDS = ("tỉnh", "thành phố", "bang", "châu", "quận", "huyện", "vùng", "thủ đô", "đặc khu",
              "khu tự trị")
RELATED_WEIGHTS = {"partner": 1.0, "official": 0.8, "words": 1.5}
RELATED_PHRASES = 6  # the title's rarest two-syllable words: its "distinctive words"
COMMON_SHARE = 0.05  # a pair in more than this share of the archive says little


@dataclass
class Overview(_Serialisable):
    """An archive or an entity at a glance."""

    total: int
    first_date: str | None  # the earliest and latest plausible full dates, ISO
    last_date: str | None
    years: list[FacetValue]  # plausible years, chronological
    undated: int  # articles with no plausible year
    months: list[FacetValue]  # "YYYY-MM" of the selected year, when one is selected
    facets: dict[str, list[FacetValue]]  # the top values of each tag facet
    latest: list[Hit]  # newest first


@dataclass
class Profile(Overview):
    """A partner's, country's or official's page."""

    facet: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Related(Hit):
    reasons: list[str] = field(default_factory=list)  # "cùng đối tác: tỉnh Nagano"


def plausible(keys: np.ndarray) -> np.ndarray:
    """Which YYYYMMDD date keys (0 or YYYY or MMDD when partial) carry a believable full date."""
    years = keys // 10000
    return (keys > 9999) & (years >= FIRST_PLAUSIBLE_YEAR) & (years <= last_plausible_year())


def iso_date(key: int) -> str:
    return f"{key // 10000:04d}-{key // 100 % 100:02d}-{key % 100:02d}"


def summarise(gen, mask: np.ndarray, facet_limit: int, year: str | None = None,
              leave_out: tuple[str, str] | None = None) -> dict:
    """The ``Overview`` fields (but ``latest``) for the documents in ``mask``; ``leave_out``
    (facet, value) is the entity itself, not listed among its own companions."""
    keys = gen.date_keys
    dated = mask & plausible(keys)
    dated_keys = keys[dated]
    years = dated_keys // 10000
    counts = np.bincount(years - FIRST_PLAUSIBLE_YEAR) if len(years) else np.zeros(0, int)
    year_values = [FacetValue(str(FIRST_PLAUSIBLE_YEAR + i), int(c), str(FIRST_PLAUSIBLE_YEAR + i) == year)
                   for i, c in enumerate(counts) if c]
    facets = {}
    for facet in FACETS:
        if facet.has_histogram:
            continue
        column: FacetColumn = gen.facets[facet.name]
        counts_by_value = column.counts(mask)
        if leave_out and leave_out[0] == facet.name and leave_out[1] in column.index:
            counts_by_value[column.index[leave_out[1]]] = 0
        facets[facet.name] = column.ranked(counts_by_value, [], facet_limit)
    return dict(total=int(mask.sum()),
                first_date=iso_date(int(dated_keys.min())) if len(dated_keys) else None,
                last_date=iso_date(int(dated_keys.max())) if len(dated_keys) else None,
                years=year_values, undated=int(mask.sum() - dated.sum()),
                months=months(gen, mask, [year] if year else []),
                facets=facets)


def months(gen, mask: np.ndarray, years: list[str]) -> list[FacetValue]:
    """Articles per month of the year, when exactly one (plausible) year is chosen."""
    if len(years) != 1 or not years[0].isdigit():
        return []
    keys = gen.date_keys[mask & plausible(gen.date_keys)]
    in_year = keys[keys // 10000 == int(years[0])]
    counts = np.bincount(in_year // 100 % 100, minlength=13)
    return [FacetValue(f"{years[0]}-{m:02d}", int(counts[m])) for m in range(1, 13)]


def newest_first(gen, mask: np.ndarray, limit: int, start: int = 0) -> np.ndarray:
    """Docnums of ``mask``, plausible dates newest first, then the rest by index order."""
    docs = np.flatnonzero(mask)
    keys = np.where(plausible(gen.date_keys[docs]), gen.date_keys[docs], 0)
    return docs[np.lexsort((docs, -keys))[start:start + limit]]


def without_unit(value: str) -> str:
    """The name without the word for its kind of place or body ("tỉnh Nagano" -> "Nagano")."""
    lowered = value.casefold()
    for unit in UNIT_WORDS:
        if lowered.startswith(unit + " ") and len(value) > len(unit) + 1:
            return value[len(unit) + 1:]
    return value


_STATE_FORM = re.compile(rf"\s{fold(STATE_FORM)}\s+(?=\S)")  # read on the typed name folded, accents or none


class NameIndex:
    """A facet's values by the ways people type them: accent-less, any case, without the unit
    word ("nagano" for "tỉnh Nagano"), and any spelling of the same name ("Yunnan")."""

    def __init__(self, column: FacetColumn):
        self.column = column
        self._by_key: dict[tuple[str, ...], str] | None = None

    def _keys(self) -> dict[tuple[str, ...], str]:
        if self._by_key is None:
            by_key: dict[tuple[str, ...], str] = {}
            counts = np.bincount(self.column.ids, minlength=len(self.column.values))
            # The most frequent value wins a shared spelling.
            for i in np.argsort(-counts, kind="stable"):
                value = self.column.values[i]
                for spelling in (value, without_unit(value)):
                    by_key.setdefault(name_key(spelling), value)
            for merged, value in self.column.merged.items():  # "trump": Donald Trump
                by_key.setdefault(name_key(merged), value)
            self._by_key = by_key
        return self._by_key

    def resolve(self, typed: str) -> str | None:
        """The facet value ``typed`` names, or None. A body written with its republic's or kingdom's form ("Quốc hội
        Cộng hòa Cuba", as older indexes and links name it) is the body without it ("Quốc hội Cuba")."""
        if typed in self.column.index:
            return typed
        found = self._resolve(typed)
        if found is None and (bare := _STATE_FORM.sub(" ", folded := fold(typed))) != folded:
            found = self._resolve(bare)
        return found

    def _resolve(self, typed: str) -> str | None:
        keys = self._keys()
        typed_key = name_key(typed)
        if typed_key in keys:
            return keys[typed_key]
        for spelling in spelling_classes().get(typed_key, ()):
            value = keys.get(name_key(spelling))
            # accents count here: "Vân Nam" (Yunnan) is not the official "Văn Nam"
            if value is not None and spelled_key(spelling) in {
                    spelled_key(value), spelled_key(without_unit(value))}:
                return value
        return None

    def aliases(self, value: str) -> list[str]:
        """Other spellings of the value that the alias tables know, and the values merged into it
        ("Trump" for Donald Trump)."""
        spellings = spelling_classes().get(name_key(without_unit(value)), ())
        return [s for s in spellings if name_key(s) not in (name_key(value),
                                                             name_key(without_unit(value)))] + \
            sorted(merged for merged, into in self.column.merged.items() if into == value)


def related_scores(gen, docnum: int, words_scores: np.ndarray) -> tuple[np.ndarray, dict]:
    """A score per document for sharing this article's partners, officials (rarer counts more)
    and words (``words_scores``: see ``title_scores``), and per facet the shared values' masks."""
    data = gen.stored(docnum)
    total = np.zeros(gen.arrays.size, dtype=np.float32)
    shared: dict[str, list[tuple[str, np.ndarray]]] = {}
    live_count = max(1, gen.doc_count)
    for name, stored, weight in (("partner", "partners", RELATED_WEIGHTS["partner"]),
                                 ("official", "officials", RELATED_WEIGHTS["official"])):
        column = gen.facets[name]
        for value in dict.fromkeys(item["name"] for item in data[stored]):
            mask = column.mask([value], gen.arrays.size)
            frequency = int(mask.sum())
            if frequency <= 1:
                continue
            total += mask * weight * math.log(1 + live_count / frequency)
            shared.setdefault(name, []).append((value, mask))
    if words_scores.max() > 0:
        best = np.partition(words_scores, -2)[-2] if len(words_scores) > 1 else words_scores.max()
        total += RELATED_WEIGHTS["words"] * math.log(1 + live_count) * \
            np.minimum(words_scores / max(float(best), 1e-9), 1.0)
    total[docnum] = 0
    total[~gen.arrays.live] = 0
    return total, shared


def title_scores(gen, title: str) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
    """How much each document shares the title's most distinctive two-syllable words ("Hồng
    Hà", "xã giao", "nông nghiệp"): BM25 of the rarest few in titles and bodies, and each
    word as written with its documents. Cheaper than a search for the whole title, whose common
    words have long posting lists."""
    written = syllables(clean(title))
    folded = [fold(s) for s in written]
    ceiling = max(2, int(gen.doc_count * COMMON_SHARE))
    pairs = {}
    for i in range(len(folded) - 1):
        # only pairs the archive writes as one word ("xã_giao", "hồng_hà"), not "tỉnh Lào"
        term = pair_terms(folded[i], folded[i + 1])[1]
        frequency = gen.reader.doc_frequency("body", term)
        if term not in pairs and 2 <= frequency <= ceiling and term.replace("_", "").isalpha():
            pairs[term] = (frequency, f"{written[i]} {written[i + 1]}")
    scores = np.zeros(gen.arrays.size, dtype=np.float32)
    phrases = []
    for term, (_, text) in sorted(pairs.items(), key=lambda item: item[1][0])[:RELATED_PHRASES]:
        found = []
        for text_field in ("title", "body"):
            docs, term_scores = gen.arrays.term_scores(text_field, term)
            scores[docs] += term_scores
            found.append(docs)
        phrases.append((text, np.concatenate(found)))
    return scores, phrases


def reasons(shared: dict, docnum: int, phrases: list[tuple[str, np.ndarray]]) -> list[str]:
    """Why an article is related, in the page's words."""
    found = []
    for name, values in shared.items():
        names = [value for value, mask in values if mask[docnum]]
        if names:
            found.append(f"cùng {BY_NAME[name].label.lower()}: {', '.join(names[:3])}")
    words = [text for text, docs in phrases if docnum in docs]
    if words:
        found.append(f"cùng nói về: {', '.join(words[:3])}")
    return found


def entity_facet(name: str) -> Facet | None:
    facet = BY_NAME.get(name)
    return facet if facet is not None and not facet.has_histogram else None
