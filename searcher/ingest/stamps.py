"""Publication stamps as news pages print them under the headline or at the end of the text.

A scraped page often carries its own date and time on a line of its own: ``Thứ Sáu, 14/07/2023
09:30:00 (GMT+7)``, ``08:12 03-10-2021 | Thời sự``, ``Cập nhật lúc 10:05, Thứ tư, 12/04/2023``.
It is page furniture, not text of the article (no reader searches for it, and its numbers would
date the event): the reader lifts it out of the body and keeps it as the publication date.
"""
from __future__ import annotations

import re
from datetime import date

# "Cập nhật lúc", "Ngày đăng:", "Đăng ngày", "Xuất bản:", "Thời gian đăng:"
_LABEL = r"(?:(?:ngày\s+)?(?:cập\s+nhật|đăng|xuất\s+bản|đăng\s+tải)|thời\s+gian(?:\s+đăng)?)(?:\s+(?:lúc|ngày|vào))?\s*:?"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN|T[2-7])"
_DATE = (r"(?:(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"
         r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2}))")


def _time(tag: str) -> str:
    return (rf"(?P<hour{tag}>\d{{1,2}})\s*[:hH]\s*(?P<minute{tag}>\d{{2}})(?::(?P<second{tag}>\d{{2}}))?"
            rf"(?:\s*(?P<half{tag}>AM|PM|SA|CH))?")


_ZONE = r"\(?\s*(?:GMT|UTC)\s*\+\s*0?7(?::?00)?\s*\)?"
_SEP = r"\s*[,|-]?\s*"
# The whole line: an optional label, a time, a weekday, the date, a time, the zone, and after a bar the
# site's section or source ("08:12 03-10-2021 | Thời sự"). Nothing else: a line with words of its own
# ("Thể thao Việt Nam | 11:02 06/02/2017", a related article's credit) is text.
_STAMP = re.compile(
    rf"(?:{_LABEL}\s*)?(?:{_time('1')}{_SEP})?(?:{_WEEKDAY}{_SEP})?(?:ngày\s+)?{_DATE}"
    rf"(?:{_SEP}(?:lúc\s+)?{_time('2')})?(?P<zone>\s*{_ZONE})?(?:\s*\|[^|]{{0,60}})?",
    re.IGNORECASE)
_MAX_CHARS = 120
# Where pages print it: among the first lines after the headline, or the last ones of the text.
_LINES_FROM_START = 3
_LINES_FROM_END = 2


def read_stamp(line: str) -> str | None:
    """The ISO date and time (``2023-07-14T09:30:00+07:00``, ``2021-10-03T08:12``, ``2023-04-12``) a
    stamp line gives, or None when ``line`` is not a stamp alone or names no real day."""
    line = line.strip()
    if len(line) > _MAX_CHARS or not (match := _STAMP.fullmatch(line)):
        return None
    year, month, day = (int(match.group(g) or match.group(f"iso_{g}")) for g in ("year", "month", "day"))
    try:
        day_stamp = date(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= date.today().year + 1:
        return None
    stamp = day_stamp.isoformat()
    tag = "1" if match.group("hour1") else "2" if match.group("hour2") else None
    if tag:
        hour, minute = int(match.group(f"hour{tag}")), int(match.group(f"minute{tag}"))
        half = (match.group(f"half{tag}") or "").upper()
        if half in ("PM", "CH") and hour < 12:
            hour += 12
        elif half in ("AM", "SA") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
        stamp += f"T{hour:02d}:{minute:02d}"
        if match.group(f"second{tag}"):
            stamp += f":{match.group(f'second{tag}')}"
        if match.group("zone"):
            stamp += "+07:00"
    return stamp


def lift_stamp(lines: list[str], is_end) -> tuple[list[str], str | None]:
    """``lines`` without the page's publication stamp, and the stamp (see ``read_stamp``).

    The stamp is looked for among the first non-empty lines and the last ones before the line
    ``is_end`` says ends the text (the "related news" block, whose headlines carry their own
    stamps); every line that is a stamp there is dropped, the first one found is kept."""
    end = next((i for i, line in enumerate(lines) if is_end(line.strip())), len(lines))
    filled = [i for i in range(end) if lines[i].strip()]
    places = filled[:_LINES_FROM_START] + [i for i in filled[-_LINES_FROM_END:] if i not in filled[:_LINES_FROM_START]]
    found: dict[int, str] = {}
    for i in places:
        if (stamp := read_stamp(lines[i])) is not None:
            found[i] = stamp
    if not found:
        return lines, None
    return [line for i, line in enumerate(lines) if i not in found], found[min(found)]
