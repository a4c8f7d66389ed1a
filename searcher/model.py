"""The records that flow through the engine: reader -> extraction -> index -> search.

Plain dataclasses so every stage (and the worker processes that analyse articles) can
pickle them and the CLI and web can turn them into JSON with ``dataclasses.asdict``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One news article as read from the corpus: clean text only, no page furniture."""

    id: str
    title: str
    body: str  # paragraphs joined by "\n\n"; no image names, teaser block or footer
    captions: list[str] = field(default_factory=list)
    summary: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date ("2024-04-22" or a longer timestamp)
    # where ``published`` came from: "metadata" (a JSONL field, a sidecar) or "stamp" (the date and
    # time the page prints under its headline, see ``ingest.stamps``)
    published_from: str | None = None
    source: str = ""  # file path, with ":LINE" for a JSONL record


@dataclass
class ReadError:
    """An input the reader could not use; reported by name (and line) and skipped."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass
class Partner:
    name: str  # canonical, e.g. "tỉnh Nagano"
    country: str | None  # standard Vietnamese country name, e.g. "Nhật Bản"
    # "counterpart": a party of the reported event (the partner facet); "mentioned": named in the
    # report's text but not taking part (a venue, the background, another exchange)
    role: str = "counterpart"


@dataclass
class Official:
    name: str  # canonical, without honorifics, e.g. "Trịnh Xuân Trường"
    title: str | None  # as the article gives it, e.g. "Chủ tịch UBND tỉnh Lào Cai"


@dataclass
class Extraction:
    """What the article says about its event: when, with which partners, who took part."""

    date: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    year: int | None = None
    # where ``date`` came from: "dateline" (the time phrase opening the report: "Sáng 22/4"), or "stamp"
    # or "metadata" (the publication date standing in, as ``Article.published_from``); None without a date
    date_source: str | None = None
    partners: list[Partner] = field(default_factory=list)  # the counterparts
    mentioned: list[Partner] = field(default_factory=list)  # foreign parties named, not taking part
    countries: list[str] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)


def vn_date(value: str | None) -> str:
    """An event date as Vietnamese readers write it: '2024-04-22' -> '22/04/2024', '--04-22'
    (year unknown) -> '22/04'."""
    if not value:
        return ""
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        return f"{day}/{month}"
    return "/".join(reversed(value[:10].split("-")))


def date_label(value: str | None, source: str | None = None) -> str:
    """The date line of a result in plain text: says when the year or the date is not known
    (an ISO '--04-22' reads as a typo to most people), and when it is the publication's standing in
    for the event's (``source``: ``Extraction.date_source``)."""
    if not value:
        return "không rõ ngày"
    published = "đăng " if source in ("stamp", "metadata") else ""
    return published + vn_date(value) + (", năm chưa rõ" if value.startswith("--") else "")
