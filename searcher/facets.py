"""The facets: one registry that the schema, the indexer, search, the CLI and the web all read.

A facet is a multi-valued tag field filled from an article's extraction. Within a facet, ticked
values are ORed; across facets they are ANDed; counts are disjunctive (each facet is counted
over the matches of every *other* facet's selection). Adding a facet ("topic", "source") is one
entry here plus the extractor that fills its ``Extraction`` attribute.

The date range (``from``/``to``) is not a tag facet: it filters on each article's date key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from .data import word_list
from .model import Extraction
from .text.normalize import fold, is_vietnamese_syllable, normalize_syllable

TAG = "tag"  # values ranked by count
YEAR = "year"  # also a chronological histogram, with a bucket for articles of unknown year

UNKNOWN_YEAR = "unknown"
UNKNOWN_YEAR_LABEL = "Không rõ năm"
# Years a news archive's articles can be dated to: earlier years found in the text are birth
# years, history or typos (1012, 1907), and a future year is a misreading.
FIRST_PLAUSIBLE_YEAR = 1990


def last_plausible_year() -> int:
    """No article is dated in the future: a later year is a typo or an event announced ahead."""
    return date.today().year


# A republic's or a kingdom's form between a body and its country ("Quốc hội Cộng hòa Cuba", "Quốc hội nước Cộng hòa
# Liên bang Myanmar", "Thượng viện CH Haiti"): a partner is one value without it, so extraction writes the value so and
# a typed name is read so. "Liên bang" alone is a body's own word ("Hội đồng Liên bang Đức").
STATE_FORM = r"(?:nước\s+)?(?:Cộng hòa|Cộng hoà|CH|Vương quốc|Hợp chúng quốc)(?:\s+Liên bang)?"


@dataclass(frozen=True)
class Facet:
    name: str  # index field, URL parameter, CLI option (--NAME), key of SearchParams.selections
    label: str  # shown on the page
    kind: str  # TAG or YEAR
    stored: str  # the Extraction attribute (and result key) that holds the article's values
    values: Callable[[Extraction], list[str]]  # the values an article is indexed under
    help: str  # the CLI option's help
    # values -> the value each is one with across the archive (see ``same_official``);
    # given the facet's values and their article counts
    same: Callable[[Sequence[str], Sequence[int]], dict[str, str]] | None = None

    @property
    def has_histogram(self) -> bool:
        return self.kind == YEAR

    def is_unknown(self, value) -> bool:
        """Is this the bucket of articles whose value is not known (the year facet's)?"""
        return self.kind == YEAR and str(value) == UNKNOWN_YEAR

    def display(self, value) -> str:
        """A value as people read it (the unknown-year bucket has words, not a code)."""
        return UNKNOWN_YEAR_LABEL if self.is_unknown(value) else str(value)

    def is_plausible(self, value) -> bool:
        """Is this a year an article of the archive can carry (see FIRST_PLAUSIBLE_YEAR)?"""
        text = str(value)
        return self.kind == YEAR and text.isdigit() and \
            FIRST_PLAUSIBLE_YEAR <= int(text) <= last_plausible_year()

    def chronological_key(self, value: str) -> tuple[bool, str]:
        """Histogram order: years ascending, the unknown bucket last."""
        return self.is_unknown(value), value


# A surname alone ("Trump", "V.Putin", "Assad"; "Moon" for a Korean name written surname first) is
# the full name it ends (begins) in the archive's other articles when that person's spellings
# ("Sergei Lavrov", "Sergey Lavrov") hold this share of them, at least SAME_PERSON_ARTICLES, and
# at least 1/SURNAME_ALONE_RATIO of the articles that name the surname alone. "Clinton" stays
# apart (Hillary 59, Bill 34 at 34,870 articles), as do a name a few articles give and a given
# name or a club used alone ("Harry" is not "Debbie Harry", nor "Chelsea" "Rời Chelsea").
SAME_PERSON_SHARE = 0.8
SAME_PERSON_ARTICLES = 5
SURNAME_ALONE_RATIO = 2
_INITIAL_AND_SURNAME = re.compile(r"(\w)\.\s*(\w[\w'-]*)")
_SURNAME_PARTICLE = re.compile(r"(?:al|Al|el|El)-(?=\w)")  # "Bashar al-Assad": "Assad"


def _one_person(name: str, other: str) -> bool:
    """Are two full names with one surname one person's spellings: one ends the other ("Tayyip
    Erdogan", "Recep Tayyip Erdogan"), or their first names begin alike ("Sergei", "Sergey")? A
    Korean name, surname first, is one person's only when whole ("Kim Jong-un" is not "Kim
    Jong-nam")."""
    words, others = name.split(), other.split()
    shared = min(len(words), len(others))
    return words[-shared:] == others[-shared:] or (
        "-" not in words[-1] + others[-1] and words[0][:3].lower() == others[0][:3].lower())


def _family_and_given(name: str) -> bool:
    """Does a two-word Vietnamese name begin with a common family name ("Đỗ Mười", "Trần Anh")? It
    is then a person's whole name, not the middle and given name of a longer one."""
    from .store.docvalues import SURNAMES  # the family names nine in ten people bear

    return normalize_syllable(name.split()[0].lower()) in SURNAMES


def full_names_of_surnames(values: Sequence[str], counts: Sequence[int]) -> dict[str, str]:
    """Officials named by surname alone in an article -> the full name the archive gives them.

    Extraction folds "Trump" into "Donald Trump" within an article; an article that names him
    only "Trump" (132 at 34,870 articles) made a second facet value, so filtering by the full
    name missed it. A Vietnamese is called by middle and given name ("HLV Hữu Thắng", 251
    articles: "Nguyễn Hữu Thắng", 164), the full name beginning with a family name; a Vietnamese
    syllable alone is no person's name to extraction."""
    surnames = set(word_list("surnames"))
    owners: dict[str, list[tuple[str, int]]] = {}
    pairs = []  # (two words, its articles): a Vietnamese given name, or an initial and a surname
    for value, count in zip(values, counts):
        if not count or " " not in value:
            continue
        words = value.split()
        if len(words) == 2:
            pairs.append((value, count))
        keys = {words[-1], _SURNAME_PARTICLE.sub("", words[-1])} if "-" in words[-1] else {words[-1]}
        if len(words) == 2 and "-" in words[1]:  # "Moon Jae-in", "Kim Jong-un"
            keys.add(words[0])
        if len(words) > 2 and words[0] in surnames:  # "Nguyễn Hữu Thắng"
            keys.add(" ".join(words[-2:]))
        for key in keys:
            owners.setdefault(key, []).append((value, count))
    # only the values that some full name may hold are read closely (most are full names)
    alone = [(value, count) for value, count in zip(values, counts) if count and " " not in value]
    alone += [(value, count) for value, count in pairs if _INITIAL_AND_SURNAME.fullmatch(value) or (
        value in owners and all(map(is_vietnamese_syllable, value.split())) and not _family_and_given(value))]
    merged = {}
    for value, articles in alone:
        initial = _INITIAL_AND_SURNAME.fullmatch(value)
        surname, first = (initial.group(2), initial.group(1)) if initial else (value, "")  # or a given name
        names = [(name, count) for name, count in owners.get(surname, ())
                 if name.startswith(first) and name != value]
        if names:
            best = max(names, key=lambda item: (item[1], item[0]))[0]
            spelt = sum(count for name, count in names if _one_person(name, best))
            if spelt >= max(SAME_PERSON_ARTICLES, SAME_PERSON_SHARE * sum(c for _, c in names),
                            articles / SURNAME_ALONE_RATIO):
                merged[value] = best
    return merged


# Spellings of one full name: the same letters but for case, hyphens, dots and apostrophes ("Kim Jong Un",
# "Kim Jong-un"; "George W.Bush"), a foreign name's accents ("François Hollande", "Recep Tayyip Erdoğan") or one
# letter of a long word of a foreign name ("Sergey Kislyak", "Sergei Kislyak"; "Nicki Haley"). A Vietnamese
# name keeps its accents (Nguyễn Văn Thanh and Nguyễn Văn Thành are two people), as does an anonymised one
# ("Nguyễn Thị D", "Nguyễn Thị Đ"); a short word is a name of its own ("Kim Jong-il" is not "Kim Jong-un", nor
# "Kim Song-il" "Kim Jong-il").
_SPELLING_MARKS = re.compile(r"[\s.\-'’]+")
_LONG_WORD = 5


def _spelling_key(name: str) -> tuple[str, bool]:
    """(the name's letters as compared, whether it is foreign: a word of three letters or more that is no
    Vietnamese syllable)."""
    words = _SPELLING_MARKS.sub(" ", name.lower()).split()
    foreign = any(len(word) > 2 and not is_vietnamese_syllable(word) for word in words)
    return " ".join(map(fold, words) if foreign else words), foreign


def spellings_of_one_name(values: Sequence[str], counts: Sequence[int]) -> dict[str, str]:
    """Names of more than one word that are spellings of one name (see above) -> the spelling the
    archive gives most often: a person's, or a partner's ("tỉnh Bôlykhamxay", "tỉnh Bôlykhămxay";
    "Bộ Phát triển kinh tế Nga", "Bộ Phát triển Kinh tế Nga")."""
    groups: dict[str, list[tuple[int, str]]] = {}
    foreign: set[str] = set()
    for value, count in zip(values, counts):
        if count and " " in value:
            key, is_foreign = _spelling_key(value)
            groups.setdefault(key, []).append((count, value))
            if is_foreign:
                foreign.add(key)
    parent = {key: key for key in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    # one letter apart in a long word: keys alike but at one position, grouped under a wildcard there
    by_pattern: dict[str, list[str]] = {}
    for key in foreign:
        start = 0
        for word in key.split(" "):
            if len(word) >= _LONG_WORD:
                for at in range(start, start + len(word)):
                    by_pattern.setdefault(key[:at] + "\0" + key[at + 1:], []).append(key)
            start += len(word) + 1
    for keys in by_pattern.values():
        for other in keys[1:]:
            parent[root(other)] = root(keys[0])
    merged_groups: dict[str, list[tuple[int, str]]] = {}
    for key, members in groups.items():
        merged_groups.setdefault(root(key), []).extend(members)
    merged = {}
    for members in merged_groups.values():
        if len(members) > 1:
            best = max(members)[1]
            merged.update({value: best for _, value in members if value != best})
    return merged


def same_official(values: Sequence[str], counts: Sequence[int]) -> dict[str, str]:
    """One person, one value: spellings of one full name merge into the commonest
    (``spellings_of_one_name``), then a surname alone into the full name (``full_names_of_surnames``)."""
    spelled = spellings_of_one_name(values, counts)
    totals: dict[str, int] = {}
    for value, count in zip(values, counts):
        if count:
            name = spelled.get(value, value)
            totals[name] = totals.get(name, 0) + count
    full = full_names_of_surnames(list(totals), list(totals.values()))
    return {**{value: full.get(name, name) for value, name in spelled.items()}, **full}


FACETS: tuple[Facet, ...] = (
    Facet("partner", "Đối tác", TAG, "partners", lambda x: [p.name for p in x.partners],
          "only articles with this partner", same=spellings_of_one_name),
    Facet("country", "Quốc gia", TAG, "countries", lambda x: list(x.countries),
          "only articles with a partner from this country"),
    Facet("official", "Lãnh đạo", TAG, "officials", lambda x: [o.name for o in x.officials],
          "only articles naming this official", same=same_official),
    Facet("year", "Năm", YEAR, "year", lambda x: [str(x.year) if x.year else UNKNOWN_YEAR],
          f"only articles of this year ({UNKNOWN_YEAR!r}: year not known)"),
)
FACET_NAMES: tuple[str, ...] = tuple(f.name for f in FACETS)
BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}


@dataclass(frozen=True)
class DateRange:
    """The ``from``/``to`` filter: bounds on the index's date key (full dates only)."""

    field: str = "date_key"
    labels: tuple[tuple[str, str], ...] = (("from", "Từ ngày"), ("to", "Đến ngày"))

    def label(self, bound: str) -> str:
        return dict(self.labels)[bound]


DATE_RANGE = DateRange()
