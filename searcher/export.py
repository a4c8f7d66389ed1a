"""Search results to take away: every matching article as a CSV row or a JSON line, produced
one at a time from ``Searcher.export``. The web downloads and ``searcher query --format`` both
use these, so a file made on the site and one made in a terminal have the same columns."""
from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .search import Hit

# "date_source" says whether "date" is the event's (dateline) or stands in for it (the publication's: stamp,
# metadata), as the article page does.
FIELDS = ("id", "title", "date", "date_source", "year", "published", "url", "partners", "countries", "officials",
          "snippet")
PAGE_FIELD = "page_url"  # the article's page on the site, when there is a site to link to
LIST_SEPARATOR = "; "  # between the names of a multi-valued CSV cell
BOM = "\ufeff"  # without it Excel reads a UTF-8 CSV as the locale's code page: Vietnamese breaks
# A cell of article text a spreadsheet would run as a formula (OWASP "CSV injection"): the text
# is third-party, and "=HYPERLINK(...)" in a title must stay text in a report.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FREE_TEXT = ("title", "url", "partners", "countries", "officials", "snippet")

PageUrl = Callable[[str], str]  # article id -> its page's absolute URL


def row(hit: Hit, page_url: PageUrl | None = None) -> dict:
    """The article as plain values: names for partners and officials, text for the snippet."""
    values = {
        "id": hit.id, "title": hit.title, "date": hit.date, "date_source": hit.date_source, "year": hit.year,
        "published": hit.published, "url": hit.url,
        "partners": [partner["name"] for partner in hit.partners],
        "countries": list(hit.countries),
        "officials": [official["name"] for official in hit.officials],
        "snippet": hit.snippet_text,
    }
    if page_url is not None:
        values[PAGE_FIELD] = page_url(hit.id)
    return values


def checked_export(hits: Iterator[Hit]) -> Iterator[Hit]:
    """Run an export up to its first article, so that a bad request raises its ``SearchError``
    now, before a header line has been written, rather than in the middle of a download."""
    first = next(hits, None)
    return iter(()) if first is None else itertools.chain([first], hits)


class _Echo:
    """A file for ``csv.writer`` that hands each formatted line back instead of storing it."""

    @staticmethod
    def write(line: str) -> str:
        return line


def csv_lines(hits: Iterable[Hit], page_url: PageUrl | None = None) -> Iterator[str]:
    """A header line (after the BOM), then one line per article; lists joined by ``"; "``."""
    columns = FIELDS + ((PAGE_FIELD,) if page_url is not None else ())
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(columns)
    for hit in hits:
        values = row(hit, page_url)
        cells = {name: LIST_SEPARATOR.join(value) if isinstance(value, list) else value
                 for name, value in values.items()}
        yield writer.writerow([_as_text(value) if name in FREE_TEXT else value
                               for name, value in cells.items()])


def _as_text(value: str | None) -> str | None:
    """Text a spreadsheet would read as a formula, kept as text by a leading apostrophe."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def jsonl_lines(hits: Iterable[Hit], page_url: PageUrl | None = None) -> Iterator[str]:
    """One JSON object per article and line; lists stay lists."""
    for hit in hits:
        yield json.dumps(row(hit, page_url), ensure_ascii=False) + "\n"
