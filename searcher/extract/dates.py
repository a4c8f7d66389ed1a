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
# A range ("14-16/8", "từ ngày 11 - 15/5", "3 và 4/12", "5 đến ngày 8/9") starts the event on its
# first day; it is tried before a single day, which would read "14-16" as day 14 of month 16. A day
# and month may be joined by an en dash, as some sites print them ("Ngày 15 – 5").
_DAY_MONTH = (
    r"(?P<day3>\d{1,2})\s*(?:[-–]|và|đến(?:\s+ngày)?)\s*\d{1,2}\s*(?P<sep3>[/.-])\s*(?P<month3>\d{1,2})"
    r"(?:\s*(?P=sep3)\s*(?P<year3>\d{4}))?(?![\d/.-]\d)"
    r"|(?P<day>\d{1,2})\s*(?P<sep>[/.–-])\s*(?P<month>\d{1,2})(?:\s*(?P=sep)\s*(?P<year>\d{4}))?(?![\d/.-]\d)"
    r"|(?P<day2>\d{1,2})\s+tháng\s+(?P<month2>\d{1,2})(?:\s*(?:năm|,)\s*(?P<year2>\d{4}))?(?!\d)"
)
# Between the time word and the date: "nay", "qua", "hôm nay", "ngày hôm nay,", "thứ Năm,", "(".
_BETWEEN = r"(?:(?:\s+|\s*,\s*)(?i:ngày|hôm|nay|qua|mai|thứ\s+\w+|chủ nhật))*,?(?:\s*\(|\s*)"
_DATELINE = re.compile(rf"(?<!\w)(?i:{_TIME_WORD}){_BETWEEN}(?:{_DAY_MONTH})")
_LEAD_CHARS = 700
_FUTURE_SLACK = timedelta(days=7)  # a dateline a few days after publication is an announcement


# A photo's caption run into the text, the sentence before its credit in brackets: "Đặc phái viên ... phát biểu tại
# cuộc họp báo ở Geneva, Thụy Sĩ ngày 19/5. (Nguồn: AFP/TTXVN)" dates the photo, not the reported event.
_CREDIT = re.compile(r"\((?:Ảnh|Nguồn)\s*:[^()]*\)")


def _without_captions(text: str) -> str:
    """``text`` without each sentence that a photo credit follows, nor the credit."""
    kept, last = [], 0
    for credit in _CREDIT.finditer(text):
        caption = text[last : credit.start()].rstrip().rstrip(".!?")
        start = last + max(caption.rfind(end) for end in ".!?\n") + 1
        kept.append(text[last:start])
        last = credit.end()
    return " ".join(kept) + " " + text[last:] if kept else text


def _lead(article: Article) -> str:
    """The summary (news sites put the dateline there) and the first paragraph, without photo captions."""
    first = article.body.split("\n\n", 1)[0]
    lead = "\n\n".join(filter(None, [(article.summary or "")[:_LEAD_CHARS], first[:_LEAD_CHARS]]))
    return _without_captions(lead) if "(" in lead else lead


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


# A sentence's end: a stop and a space before a word, a quote or a bracket, or a line's end; not the stop of an
# abbreviation or an initial ("TP. Hồ Chí Minh", "PV. Hà", "ông H. Nguyễn"), which would cut the dateline's sentence.
_SENTENCE_BREAK = re.compile(r"(?<![A-ZĐ][A-ZĐ])(?<!\b[A-ZĐ])[.!?]\s+(?=[\w“\"(])|\n")


# A document's number right before its date ("Nghị định số 59/2015/NĐ-CP ngày 18/6/2015", "Thông tư
# 28/2009/TT-BGDĐT ban hành ngày 21-10-2009"): the date the document was signed, not the reported event.
_DOCUMENT_BEFORE = re.compile(r"\d+/(?:\d{4}/)?[A-ZĐ][\w-]*(?:\s+\S+){0,2}\s+$")


def _in_first_sentence(lead: str, at: int) -> bool:
    """Is ``at`` in the first sentence of the summary or of the first paragraph? A dateline opens the report ("Sáng
    22/4/2017, ...", "Theo PV TTXVN tại Rome, chiều 8/6/2017, ..."); a full date further on recalls an earlier event
    ("Trước đó, ngày 9/11/1996, ...", "Nghị định số 59/2015/NĐ-CP ngày 18/6/2015") or announces a later one."""
    part = lead.rfind("\n\n", 0, at)
    return _SENTENCE_BREAK.search(lead, part + 2 if part >= 0 else 0, at + 1) is None  # (+1: the word after a stop)


def _stated(match: re.Match) -> str | None:
    return match.group("year") or match.group("year2") or match.group("year3")


def extract_date(article: Article) -> tuple[str | None, int | None, str | None]:
    """Event date, its year, and where the date came from (``Extraction.date_source``).

    The dateline near the start gives the day and month; the year comes from the dateline itself
    when it states one, else from the publication date, else stays unknown: stray numbers like
    "(2023)" or "năm 2025" elsewhere in the text are never used, a wrong year is worse than none.
    Without a dateline, the publication date stands in. (A full date in the lead with no time word
    before it is no stand-in: in the news corpus it is an anniversary, a birthday or a deadline
    as often as the event.)"""
    lead = clean(_lead(article))
    matches = list(_DATELINE.finditer(lead))
    stated_years = [int(y) for m in matches if (y := _stated(m))]
    published = _published(article)
    # A date stated with a year older than another dateline's, or than the publication, is a
    # past event recalled ("ngày 30/4/1975"), not the one reported.
    newest = max(stated_years + ([published.year] if published else []), default=None)
    for match in matches:
        day = int(match.group("day") or match.group("day2") or match.group("day3"))
        month = int(match.group("month") or match.group("month2") or match.group("month3"))
        stated = _stated(match)
        year = int(stated) if stated else None
        if not _valid(day, month, year) or (year and newest and year < newest - 1):
            continue
        if year and (not _in_first_sentence(lead, match.start())
                     or _DOCUMENT_BEFORE.search(lead, max(0, match.start() - 40), match.start())):
            year = None  # "Trước đó, ngày 9/11/1996", "Nghị định số 59/2015/NĐ-CP ngày 18/6/2015": not the event's year
        if year is None and published:
            year = published.year
            if _valid(day, month, year) and date(year, month, day) > published + _FUTURE_SLACK:
                year -= 1  # "31/12" in an article published on 2 January
            if not _valid(day, month, year):
                year = None
        if year is None:
            return f"--{month:02d}-{day:02d}", None, "dateline"
        return f"{year:04d}-{month:02d}-{day:02d}", year, "dateline"
    # no date in the lead: the article's own date is the best we know
    if published:
        return published.isoformat(), published.year, article.published_from or "metadata"
    return None, None, None
