"""What a search asks for, and the checks that turn a bad request into one clear message."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..facets import BY_NAME, FACET_NAMES

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_FACET_LIMIT = 1000
SORTS = ("relevance", "date")


class SearchError(ValueError):
    """A request the engine cannot answer as asked; the message says why, for the user."""


class DateError(SearchError):
    """A date bound that cannot be read (or ends before the other begins): ``bound`` is
    ``"from"`` or ``"to"``, so a page can say it beside that box and show the rest."""

    def __init__(self, message: str, bound: str):
        super().__init__(message)
        self.bound = bound


@dataclass
class SearchParams:
    q: str = ""
    # facet name -> ticked values (OR within a facet, AND across facets); see searcher.facets
    selections: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = 10
    facet_limit: int = 10
    # A query that finds nothing is searched as its respelling (``SearchResult.corrected_from``);
    # False searches it as typed, the respelling only offered as ``suggestion``.
    correct: bool = True
    # With a date range: also the articles whose day and month fall in it but whose year is
    # not known (``SearchResult.undated_in_range`` counts them when they are left out).
    undated: bool = False
    # Near-identical articles (wire copies) shown once, at the best-placed one, the others
    # listed under it (``Hit.copies``); False lists every article on its own.
    fold: bool = True

    def selected(self, facet: str) -> list[str]:
        """The facet's ticked values, each once, in the order given."""
        return list(dict.fromkeys(self.selections.get(facet, ())))

    def all_selected(self) -> dict[str, list[str]]:
        """Every facet's ticked values (an empty list when none)."""
        return {name: self.selected(name) for name in FACET_NAMES}

    @property
    def has_filters(self) -> bool:
        return any(self.selections.values()) or bool(self.date_from or self.date_to)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# As Vietnamese write dates: day/month/year (31/05/2017, 31-5-2017, 31.05.2017) or month/year.
_DAY_FIRST_RE = re.compile(r"^(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})$")


def parse_date_bound(text: str | None, upper: bool) -> int | None:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``MM/YYYY`` as a YYYYMMDD key
    (upper bounds round up)."""
    if text is None or not text.strip():
        return None
    if match := _DATE_RE.match(text.strip()):
        year, month, day = int(match[1]), match[2], match[3]
    elif match := _DAY_FIRST_RE.match(text.strip()):
        year, month, day = int(match[3]), match[2], match[1]
    else:
        raise SearchError(f"Ngày không hợp lệ: {text!r} (dùng dạng 31/05/2017, 05/2017, 2017 "
                          f"hoặc 2017-05-31)")
    month_n = int(month) if month else (12 if upper else 1)
    try:
        if day:
            day_n = int(day)
        elif upper:
            day_n = (date(year + month_n // 12, month_n % 12 + 1, 1) - date(year, month_n, 1)).days
        else:
            day_n = 1
        date(year, month_n, day_n)
    except ValueError:
        raise SearchError(f"Ngày không hợp lệ: {text!r}") from None
    return year * 10000 + month_n * 100 + day_n


def validate(params: SearchParams) -> None:
    if len(params.q) > MAX_QUERY_CHARS:
        raise SearchError(f"Câu tìm kiếm quá dài (tối đa {MAX_QUERY_CHARS} ký tự).")
    unknown = [name for name in params.selections if name not in BY_NAME]
    if unknown:
        raise SearchError(f"Không có bộ lọc {unknown[0]!r} (có: {', '.join(FACET_NAMES)}).")
    if params.sort not in SORTS:
        raise SearchError(f"Cách sắp xếp không hợp lệ: {params.sort!r} (relevance hoặc date).")
    if params.page < 1:
        raise SearchError("Số trang phải từ 1 trở lên.")
    if not 1 <= params.limit <= MAX_LIMIT:
        raise SearchError(f"Số kết quả mỗi trang phải từ 1 đến {MAX_LIMIT}.")
    if not 1 <= params.facet_limit <= MAX_FACET_LIMIT:
        raise SearchError(f"Số giá trị mỗi bộ lọc phải từ 1 đến {MAX_FACET_LIMIT}.")
    bounds = {}
    for bound, text, upper in (("from", params.date_from, False), ("to", params.date_to, True)):
        try:
            bounds[bound] = parse_date_bound(text, upper=upper)
        except SearchError as exc:
            raise DateError(str(exc), bound) from None
    if bounds["from"] and bounds["to"] and bounds["from"] > bounds["to"]:
        raise DateError("Ngày bắt đầu phải trước ngày kết thúc.", "to")
