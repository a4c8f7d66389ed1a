"""The event date of an article: its dateline, with the year from the dateline or from the
publication metadata; never a stray year from elsewhere in the text."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..model import Article
from ..text.normalize import clean

# The dateline: a time-of-day word or "ngày", then day/month (optionally /year).
_TIME_WORD = r"(?:rạng sáng|sáng sớm|chiều tối|tối muộn|nửa đêm|đêm|sáng|trưa|chiều|tối|ngày|hôm|vào)"
_DAY_MONTH = (
    r"(?P<day>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<month>\d{1,2})(?:\s*(?P=sep)\s*(?P<year>\d{4}))?(?![\d/.-]\d)"
    r"|(?P<day2>\d{1,2})\s+tháng\s+(?P<month2>\d{1,2})(?:\s*(?:năm|,)\s*(?P<year2>\d{4}))?(?!\d)"
)
_DATELINE = re.compile(
    rf"(?<!\w)(?i:{_TIME_WORD})(?:\s+(?i:nay|qua|mai))?(?:\s*\(|\s+(?i:thứ\s+\w+|chủ nhật),?)?\s*(?:{_DAY_MONTH})"
)
_LEAD_CHARS = 700
_FUTURE_SLACK = timedelta(days=7)  # a dateline a few days after publication is an announcement


def _lead(article: Article) -> str:
    first = article.body.split("\n\n", 1)[0]
    return first[:_LEAD_CHARS]


def _valid(day: int, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year else 2024, month)[1]  # 2024: leap, so 29/2 passes


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published.strip()[:10])
    except ValueError:
        return None


def extract_date(article: Article) -> tuple[str | None, int | None]:
    """Event date from the dateline near the start. The year comes from the dateline itself when
    it states one, else from publication metadata, else stays unknown: stray numbers like
    "(2023)" or "năm 2025" elsewhere in the text are never used, a wrong year is worse than none.
    Without a dateline, the publication date stands in."""
    lead = clean(_lead(article))
    for match in _DATELINE.finditer(lead):
        day = int(match.group("day") or match.group("day2"))
        month = int(match.group("month") or match.group("month2"))
        stated = match.group("year") or match.group("year2")
        year = int(stated) if stated else None
        if not _valid(day, month, year):
            continue
        if year is None and (published := _published(article)):
            year = published.year
            if _valid(day, month, year) and date(year, month, day) > published + _FUTURE_SLACK:
                year -= 1  # "31/12" in an article published on 2 January
            if not _valid(day, month, year):
                year = None
        if year is None:
            return f"--{month:02d}-{day:02d}", None
        return f"{year:04d}-{month:02d}-{day:02d}", year
    published = _published(article)  # no dateline: the article's own date is the best we know
    return (published.isoformat(), published.year) if published else (None, None)
