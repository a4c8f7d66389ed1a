"""What a search and an article lookup return: typed records, serialised in one place.

The CLI's ``--json``, the web's JSON twins and the HTML pages all read these, so they agree.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache


class _Serialisable:
    def to_dict(self) -> dict:
        return _plain(self)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _plain(value):
    """``dataclasses.asdict`` without its deep copy of every leaf (a tenth of a served search):
    records become dicts; lists and dicts that hold no record (a hit's partners, its marks'
    offsets) are shared as they are, not rebuilt."""
    if isinstance(value, _Serialisable):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list) and value and isinstance(value[0], _Serialisable):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and any(isinstance(v, (list, _Serialisable)) for v in value.values()):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class FacetValue(_Serialisable):
    value: str
    count: int
    selected: bool = False


@dataclass
class ArticleFacts(_Serialisable):
    """What extraction found, as stored with the article."""

    date: str | None  # "YYYY-MM-DD", "--MM-DD" when the year is unknown, or None
    year: int | None
    partners: list[dict]  # the event's counterparts: {"name", "country", "role": "counterpart"}
    countries: list[str]
    officials: list[dict]  # {"name", "title"}
    published: str | None = None  # from the source's metadata (JSONL "published", sidecar) or the page's stamp
    published_from: str | None = None  # "metadata" or "stamp"
    date_source: str | None = None  # "dateline", "stamp" or "metadata" (``model.Extraction.date_source``)
    # foreign parties the report names that take no part: {"name", "country", "role": "mentioned"}
    mentioned: list[dict] = field(default_factory=list)


@dataclass
class Copy(_Serialisable):
    """A near-identical article folded under a hit (a wire copy on another site)."""

    id: str
    title: str
    url: str | None
    date: str | None
    published: str | None


@dataclass
class Hit(ArticleFacts):
    id: str = ""
    title: str = ""
    title_html: str = ""  # the title, HTML-escaped, query words in <mark>
    score: float | None = None  # None when browsing (no query words)
    url: str | None = None
    snippet: str = ""  # HTML: the best passage, escaped, query words in <mark>
    # The same as plain text, for programs: the snippet's and the title's marked spans as
    # [start, end) character offsets (``snippet_text[start:end]`` is a query word)
    snippet_text: str = ""
    snippet_marks: list[list[int]] = field(default_factory=list)
    title_marks: list[list[int]] = field(default_factory=list)
    # near-identical articles the search also matched, folded under this one (the first
    # ``MAX_COPIES``; ``copy_count`` says how many in all)
    copies: list[Copy] = field(default_factory=list)
    copy_count: int = 0


@dataclass
class ArticleRecord(ArticleFacts):
    id: str = ""
    title: str = ""
    url: str | None = None
    summary: str | None = None
    captions: list[str] = field(default_factory=list)
    body: str = ""
    # the body as the article page shows it: {"text", "kind"}, kind "text" or "credit" (a photo
    # credit or caption, or the byline), from searcher.text.paragraphs at lookup time
    paragraphs: list[dict] = field(default_factory=list)


@dataclass
class SearchResult(_Serialisable):
    query: str
    total: int
    page: int
    pages: int
    limit: int
    sort: str
    filters: dict  # facet name -> ticked values, plus "from" and "to"
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]  # by facet name, in registry order
    histogram: list[FacetValue]  # the year facet's values in chronological order
    suggestion: str | None  # "did you mean", when a respelling finds more
    # the query as typed, when it found nothing and these are the results of its respelling
    # (``query``); ``SearchParams.correct=False`` searches it as typed
    corrected_from: str | None = None
    # which documents the total counts: "strict" (every word as a word), "loose" (every word,
    # some only as scattered syllables) or "partial" (at least half the query's words)
    matching: str = "strict"
    # "YYYY-MM" -> articles, the twelve months of the year when exactly one year is ticked
    months: list[FacetValue] = field(default_factory=list)
    # with a date range: articles of unknown year whose day and month fall in it (included when
    # SearchParams.undated is set, else only counted)
    undated_in_range: int = 0
    # articles of ``total`` folded under a near-identical one (``SearchParams.fold``): the
    # pages list ``total - folded`` results
    folded: int = 0
    # what kept the answer from being whole: a shard of a cluster that did not answer (the
    # results and counts are those of the shards that did)
    warnings: list[str] = field(default_factory=list)


def facts(data: dict) -> dict:
    """The ``ArticleFacts`` fields of an article's stored data."""
    return {f.name: data.get(f.name, [] if f.default_factory is list else None) for f in dataclasses.fields(ArticleFacts)}
