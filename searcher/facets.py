"""The facets: one registry that the schema, the indexer, search, the CLI and the web all read.

A facet is a multi-valued tag field filled from an article's extraction. Within a facet, ticked
values are ORed; across facets they are ANDed; counts are disjunctive (each facet is counted
over the matches of every *other* facet's selection). Adding a facet ("topic", "source") is one
entry here plus the extractor that fills its ``Extraction`` attribute.

The date range (``from``/``to``) is not a tag facet: it filters on each article's date key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from .model import Extraction

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


FACETS: tuple[Facet, ...] = (
    Facet("partner", "Đối tác", TAG, "partners", lambda x: [p.name for p in x.partners],
          "only articles with this partner"),
    Facet("country", "Quốc gia", TAG, "countries", lambda x: list(x.countries),
          "only articles with a partner from this country"),
    Facet("official", "Lãnh đạo", TAG, "officials", lambda x: [o.name for o in x.officials],
          "only articles naming this official"),
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
