"""The year and month charts: bars as links, heights as CSS classes (the CSP bans inline styles).

Only plausible years get a bar (``Facet.is_plausible``); articles of unknown year are counted
beside the chart, not drawn as one tall "?" bar. Years before the last ``CHART_YEARS`` share one
"≤ year" bar, so labels stay whole and the newest years stay on screen. Heights follow the
square root of the counts, so a quiet year beside a busy one still shows.
"""
from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from typing import Callable

from flask import url_for

from searcher import BY_NAME, FacetValue

CHART_YEARS = 12
STEPS = 20  # bar heights in 5% steps: classes h0..h20 in style.css
YEAR = BY_NAME["year"]


def bars(values: list[FacetValue], href: Callable[[str, bool], str]) -> list[dict]:
    """Bars for years ("2017"), the years up to one ("..2008") or months ("2017-05");
    ``href(value, selected)`` is where a bar leads."""
    years = [v for v in values if len(v.value) == 4]
    if len(years) > CHART_YEARS:
        kept = years[-(CHART_YEARS - 1):]
        older = sum(v.count for v in years[:-(CHART_YEARS - 1)])
        values = [FacetValue(f"..{int(kept[0].value) - 1}", older), *kept]
    peak = math.sqrt(max((v.count for v in values), default=0))
    chart = []
    for v in values:
        if v.value.startswith(".."):
            label, aria = f"≤{v.value[2:]}", f"Đến hết năm {v.value[2:]}"
        elif len(v.value) == 7:
            year, month = v.value.split("-")
            label, aria = f"T{int(month)}", f"Tháng {int(month)}/{year}"
        else:
            label, aria = v.value, f"Năm {v.value}"
        # A year's first two digits can hide on a phone ("2017" -> "17"; see style.css).
        prefix, century, label = (label[:-4], label[-4:-2], label[-2:]) if label[-4:].isdigit() \
            else ("", "", label)
        chart.append({"value": v.value, "count": v.count, "selected": v.selected,
                      "href": href(v.value, v.selected), "prefix": prefix, "century": century,
                      "label": label, "aria": aria,
                      "step": max(1, round(math.sqrt(v.count) * STEPS / peak)) if v.count else 0})
    return chart


def plausible_years(values: list[FacetValue]) -> tuple[list[FacetValue], int]:
    """The year facet's plausible years, and how many articles have no (believable) year."""
    kept = [v for v in values if YEAR.is_plausible(v.value)]
    return kept, sum(v.count for v in values) - sum(v.count for v in kept)


def for_search(state, result) -> dict:
    """The search page's charts: years of the matches (a bar toggles its year; "≤ year" sets the
    end date), their count of unknown year, and the months of a single chosen year."""
    def year_href(value: str, selected: bool) -> str:
        if value.startswith(".."):
            return replace(state, date_to=value[2:], page=1).url()
        return state.without(YEAR.name, value) if selected else state.only(YEAR.name, value)

    def month_href(value: str, selected: bool) -> str:
        return replace(state, date_from=value, date_to=value, page=1).url()

    years, undated = plausible_years(result.histogram)
    # The count beside the chart lists as many: no year, or one no one can believe.
    unbelieved = [v.value for v in result.histogram if not YEAR.is_plausible(v.value) and v.count]
    # The date boxes' examples are in the matches' latest year: a 2017 archive is not shown "2023".
    return {"bars": bars(years, year_href), "undated": undated,
            "example_year": max((int(v.value) for v in years if v.count), default=date.today().year),
            "unknown_url": state.only(YEAR.name, *unbelieved) if unbelieved else None,
            "month_bars": bars(result.months, month_href)}


def for_archive(years: list[FacetValue], **filters) -> list[dict]:
    """Year bars that open a search of the year (with ``filters``, e.g. a partner's name)."""
    def href(value: str, selected: bool) -> str:
        if value.startswith(".."):
            return url_for("search", **filters, to=value[2:])
        return url_for("search", **filters, year=value)

    return bars(years, href)
