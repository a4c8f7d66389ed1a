"""Results to take away: every article of a search as CSV or JSON Lines, its newest articles as
an Atom feed, and an OpenSearch description so browsers can add the site as a search engine.

The exports take the query string of ``/search`` and stream ``Searcher.export``: a download of
the whole archive never holds more than one batch of rows.
"""
from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import quote, urljoin

from flask import Response, request, stream_with_context, url_for
from werkzeug.exceptions import BadRequest

from searcher import SearchError, checked_export, csv_lines, jsonl_lines

from .state import DEFAULT_LIMIT, SearchState

FEED_ENTRIES = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
SLUG_CHARS = 60
FALLBACK_SLUG = "ket-qua"
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters XML 1.0 forbids; scraped text can hold them, and one would make the feed unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def register(app, holder, route) -> None:
    def described(state: SearchState) -> str:
        """The search in words, with the chips' labels: `lao cai (Đối tác: tỉnh Nagano)`."""
        filters = ", ".join(app.jinja_env.globals["filter_label"](name, value)
                            for name, value in state.filters)
        if state.q and filters:
            return f"{state.q} ({filters})"
        return state.q or filters

    def feed_title(state: SearchState) -> str:
        return f"searcher: {described(state)}"

    app.jinja_env.globals["feed_title"] = feed_title

    def article_url(doc_id: str) -> str:
        return url_for("article", doc_id=doc_id, _external=True)

    def download(lines_of, mimetype: str, extension: str) -> Response:
        state = SearchState.from_args(request.args)
        try:
            hits = checked_export(holder.require().export(state.params()))
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc
        response = Response(stream_with_context(lines_of(hits, article_url)), mimetype=mimetype)
        words = " ".join([state.q, *(value for _, value in state.filters)])
        response.headers["Content-Disposition"] = attachment(words, extension)
        return response

    @route("/search.csv")
    def search_csv():
        return download(csv_lines, "text/csv", "csv")

    @route("/search.jsonl")
    def search_jsonl():
        return download(jsonl_lines, "application/x-ndjson", "jsonl")

    @route("/search.atom")
    def search_atom():
        # The feed is the search's "newest first" page; its links say so. Like the exports it
        # lists every article, wire copies too: each is a new entry for a feed reader.
        state = replace(SearchState.from_args(request.args), sort="date", page=1,
                        limit=DEFAULT_LIMIT)
        try:
            result = holder.require().search(replace(state.params(), limit=FEED_ENTRIES,
                                                     fold=False))
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc
        feed = atom_feed(result.hits, title=feed_title(state),
                         self_url=urljoin(request.host_url, state.url("search_atom")),
                         page_url=urljoin(request.host_url, state.url("search")),
                         article_url=article_url)
        return Response(feed, content_type="application/atom+xml; charset=utf-8")

    @route("/opensearch.xml")
    def opensearch():
        terms = "?q={searchTerms}"
        return Response(opensearch_description(
            html=url_for("search", _external=True) + terms,
            # /api/suggest belongs to web/suggestions.py; its OpenSearch answer is asked by name.
            suggestions=request.url_root + "api/suggest" + terms + "&format=opensearch",
            atom=url_for("search_atom", _external=True) + terms,
            itself=url_for("opensearch", _external=True)),
            content_type="application/opensearchdescription+xml; charset=utf-8")


def attachment(words: str, extension: str) -> str:
    """``Content-Disposition`` naming the file after the search's words: an ASCII name for
    every client, the Vietnamese one (RFC 6266 ``filename*``) for those that read it."""
    words = re.sub(r"[^\w]+", "-", words.casefold()).strip("-")[:SLUG_CHARS].strip("-")
    unaccented = unicodedata.normalize("NFKD", words.replace("đ", "d"))
    ascii_words = re.sub(r"[^a-z0-9]+", "-", unaccented.encode("ascii", "ignore").decode())
    ascii_name = f"searcher-{ascii_words.strip('-') or FALLBACK_SLUG}.{extension}"
    name = f"searcher-{words or FALLBACK_SLUG}.{extension}"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def rfc3339(date: str | None, fallback: str) -> str:
    """An article's date as an Atom timestamp; ``fallback`` when the date is partial or absent."""
    return f"{date}T00:00:00Z" if date and FULL_DATE.match(date) else fallback


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    child = ET.SubElement(parent, tag, {k: NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        child.text = NOT_XML.sub("", text)
    return child


def atom_feed(hits, title: str, self_url: str, page_url: str, article_url) -> bytes:
    """An Atom 1.0 document of ``hits`` (newest first). Undated entries take the feed's time:
    its newest dated entry, else now, so the feed does not change on every fetch."""
    dated = [hit.date for hit in hits if hit.date and FULL_DATE.match(hit.date)]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    updated = rfc3339(max(dated), now) if dated else now
    feed = ET.Element("feed", xmlns=ATOM_NS, attrib={"xml:lang": "vi"})
    _element(feed, "id", self_url)
    _element(feed, "title", title)
    _element(feed, "updated", updated)
    _element(_element(feed, "author"), "name", "searcher")
    _element(feed, "generator", "searcher")
    _element(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _element(feed, "link", rel="alternate", type="text/html", href=page_url)
    for hit in hits:
        entry = _element(feed, "entry")
        link = article_url(hit.id)
        _element(entry, "id", link)
        _element(entry, "title", hit.title)
        _element(entry, "updated", rfc3339(hit.date, updated))
        _element(entry, "link", rel="alternate", type="text/html", href=link)
        if hit.url:
            _element(entry, "link", rel="via", href=hit.url)
        _element(entry, "summary", hit.snippet_text, type="text")
        for partner in hit.partners:
            _element(entry, "category", term=partner["name"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def opensearch_description(html: str, suggestions: str, atom: str, itself: str) -> bytes:
    """OpenSearch 1.1: lets a browser add the site to its search engines, with suggestions."""
    root = ET.Element("OpenSearchDescription", xmlns=OPENSEARCH_NS)
    _element(root, "ShortName", "searcher")
    _element(root, "Description", "Tìm kiếm tin tức đối ngoại, có dấu hoặc không dấu")
    _element(root, "InputEncoding", "UTF-8")
    _element(root, "OutputEncoding", "UTF-8")
    _element(root, "Language", "vi")
    _element(root, "Url", type="text/html", method="get", template=html)
    _element(root, "Url", type="application/x-suggestions+json", method="get", template=suggestions)
    _element(root, "Url", type="application/atom+xml", method="get", template=atom)
    _element(root, "Url", type="application/opensearchdescription+xml", rel="self",
             template=itself)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
