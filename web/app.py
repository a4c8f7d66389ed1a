"""Flask app factory for the searcher web site.

Views only translate HTTP to searcher's public API (``Searcher.search`` and
``Searcher.article``) and back, so the pages, the JSON twins and the CLI always agree.
The URL carries all state: every search, filter and page is a plain GET link.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from flask import Flask, Response, g, jsonify, render_template, request, url_for
from werkzeug.exceptions import (BadRequest, HTTPException, NotFound, ServiceUnavailable,
                                 default_exceptions)

from searcher import (BY_NAME, DATE_RANGE, FACETS, ArticleNotFound, Searcher, SearchError,
                      SearchParams)

log = logging.getLogger(__name__)

HISTOGRAM_FACET = next(facet for facet in FACETS if facet.has_histogram)  # the timeline
DEFAULT_LIMIT = 10
DEFAULT_FACET_LIMIT = 10
MORE_FACET_LIMIT = 50
MAX_NUMBER_DIGITS = 9  # page, limit and facet_limit: no archive has a billion pages

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# Limits for the waitress server `searcher serve` runs: the site only takes short GET requests,
# so a huge URL, header block or body is refused at once (431 / 413) instead of being buffered.
SERVER_LIMITS = {
    "max_request_header_size": 32 * 1024,
    "max_request_body_size": 16 * 1024,
}

ERROR_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    404: "Không tìm thấy trang bạn yêu cầu.",
    405: "Phương thức này không được hỗ trợ: trang chỉ nhận yêu cầu GET.",
    413: "Yêu cầu quá lớn.",
    500: "Máy chủ gặp lỗi ngoài dự kiến. Vui lòng thử lại sau.",
    503: "Chỉ mục tìm kiếm chưa sẵn sàng. Hãy chạy `searcher index` rồi thử lại.",
}


@dataclass(frozen=True)
class SearchState:
    """What the user asked for, as read from the URL; renders itself back into URLs."""

    q: str = ""
    # facet name -> ticked values; facets with none are left out
    selections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = DEFAULT_LIMIT
    facet_limit: int = DEFAULT_FACET_LIMIT

    def selected(self, name: str) -> tuple[str, ...]:
        return dict(self.selections).get(name, ())

    def _with_selected(self, name: str, values: tuple[str, ...]) -> tuple:
        chosen = {**dict(self.selections), name: values}
        return tuple((f.name, chosen[f.name]) for f in FACETS if chosen.get(f.name))

    @property
    def filters(self) -> list[tuple[str, str]]:
        """Every active filter as (name, value): the removable chips."""
        chips = [(name, value) for name, values in self.selections for value in values]
        chips += [(name, value) for name, value in (("from", self.date_from), ("to", self.date_to)) if value]
        return chips

    @classmethod
    def from_args(cls, args) -> "SearchState":
        """Read the query string; empty values count as absent, non-numbers are a 400."""
        def values(name: str) -> tuple[str, ...]:
            seen: list[str] = []
            for value in args.getlist(name):
                value = value.strip()
                if value and value not in seen:
                    seen.append(value)
            return tuple(seen)

        def single(name: str) -> str | None:
            value = args.get(name, "").strip()
            return value or None

        return cls(
            q=args.get("q", "").strip(),
            selections=tuple((f.name, values(f.name)) for f in FACETS if values(f.name)),
            date_from=single("from"),
            date_to=single("to"),
            sort=single("sort") or "relevance",
            page=_positive_int(args, "page", 1, "Số trang"),
            limit=_positive_int(args, "limit", DEFAULT_LIMIT, "Số kết quả mỗi trang"),
            facet_limit=_positive_int(args, "facet_limit", DEFAULT_FACET_LIMIT, "Số giá trị mỗi bộ lọc"),
        )

    def params(self) -> SearchParams:
        return SearchParams(
            q=self.q, selections={name: list(values) for name, values in self.selections},
            date_from=self.date_from, date_to=self.date_to, sort=self.sort,
            page=self.page, limit=self.limit, facet_limit=self.facet_limit,
        )

    @property
    def has_filters(self) -> bool:
        return bool(self.filters)

    def query_pairs(self) -> list[tuple[str, str]]:
        """The state as query-string pairs, leaving out defaults so links stay short."""
        pairs: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        for name, values in self.selections:
            pairs += [(name, value) for value in values]
        if self.date_from:
            pairs.append(("from", self.date_from))
        if self.date_to:
            pairs.append(("to", self.date_to))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.limit != DEFAULT_LIMIT:
            pairs.append(("limit", str(self.limit)))
        if self.facet_limit != DEFAULT_FACET_LIMIT:
            pairs.append(("facet_limit", str(self.facet_limit)))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, endpoint: str = "search") -> str:
        query = urlencode(self.query_pairs())
        return url_for(endpoint) + (f"?{query}" if query else "")

    # Links the page offers; each starts again from page 1 except paging itself.
    def with_page(self, page: int) -> str:
        return replace(self, page=page).url()

    def with_sort(self, sort: str) -> str:
        return replace(self, sort=sort, page=1).url()

    def with_facet_limit(self, facet_limit: int) -> str:
        return replace(self, facet_limit=facet_limit, page=1).url()

    def toggled(self, name: str, value: str) -> str:
        current = self.selected(name)
        chosen = tuple(v for v in current if v != value) if value in current else current + (value,)
        return replace(self, page=1, selections=self._with_selected(name, chosen)).url()

    def only(self, name: str, value: str) -> str:
        return replace(self, page=1, selections=self._with_selected(name, (value,))).url()

    def without(self, name: str, value: str) -> str:
        if name == "from":
            return replace(self, date_from=None, page=1).url()
        if name == "to":
            return replace(self, date_to=None, page=1).url()
        kept = tuple(v for v in self.selected(name) if v != value)
        return replace(self, page=1, selections=self._with_selected(name, kept)).url()

    def without_filters(self) -> str:
        return SearchState(q=self.q, sort=self.sort, limit=self.limit).url()

    def with_query(self, q: str) -> str:
        return replace(self, q=q, page=1).url()


def _positive_int(args, name: str, default: int, label: str) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadRequest(f"{label} phải là một số nguyên dương (nhận được “{raw[:40]}”).")
    if len(raw) > MAX_NUMBER_DIGITS:  # int() refuses 4,300+ digits with a ValueError: a 500
        raise BadRequest(f"{label} quá lớn (nhận được “{raw[:40]}…”).")
    return int(raw)


class SearcherHolder:
    """Opens the index on first use and keeps trying until one exists, so the site can
    start before the first `searcher index` and /healthz can say 503 meanwhile."""

    def __init__(self, index_dir, searcher: Searcher | None = None) -> None:
        self.index_dir = index_dir
        self._searcher = searcher
        self._lock = threading.Lock()
        self.problem: str | None = None  # why the index cannot be opened yet

    def get(self) -> Searcher | None:
        if self._searcher is None:
            with self._lock:
                if self._searcher is None:
                    try:
                        self._searcher = Searcher(self.index_dir)
                        self.problem = None
                    except SearchError as exc:
                        if str(exc) != self.problem:
                            log.warning("index not available at %s: %s", self.index_dir, exc)
                        self.problem = str(exc)
        return self._searcher

    def require(self) -> Searcher:
        searcher = self.get()
        if searcher is None:
            raise ServiceUnavailable(ERROR_MESSAGES[503])
        return searcher


def create_app(index_dir, searcher: Searcher | None = None) -> Flask:
    """Build the site over the index in ``index_dir`` (read-only: no route changes it), using
    ``searcher`` if the caller has already opened it."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=SERVER_LIMITS["max_request_body_size"], DEBUG=False)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    holder = SearcherHolder(index_dir, searcher)
    app.extensions["searcher"] = holder

    app.jinja_env.filters["vn_date"] = vn_date
    app.jinja_env.globals.update(FACETS=FACETS, HISTOGRAM_FACET=HISTOGRAM_FACET,
                                 DEFAULT_LIMIT=DEFAULT_LIMIT,
                                 DEFAULT_FACET_LIMIT=DEFAULT_FACET_LIMIT,
                                 MORE_FACET_LIMIT=MORE_FACET_LIMIT, filter_label=filter_label)

    def route(rule: str, **options):
        # GET (and the implied HEAD) only; no automatic OPTIONS either.
        return app.route(rule, methods=["GET"], provide_automatic_options=False, **options)

    def run_search(state: SearchState):
        try:
            return holder.require().search(state.params())
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc

    @route("/")
    @route("/search")
    def search():
        state = g.search_state = SearchState.from_args(request.args)
        if not state.q and not state.filters:
            # Nothing asked yet (the engine wants a query or a filter): the landing page.
            searcher = holder.get()
            return render_template("home.html", state=state,
                                   documents=searcher.doc_count if searcher else None)
        result = run_search(state)
        return render_template("search.html", state=state, res=result,
                               json_url=state.url("api_search"), bars=histogram_bars(result))

    @route("/api/search")
    def api_search():
        return jsonify(run_search(SearchState.from_args(request.args)).to_dict())

    def load_article(doc_id: str):
        try:
            return holder.require().article(doc_id)
        except ArticleNotFound as exc:
            raise NotFound(f"Không có bài viết nào với mã “{doc_id[:80]}”.") from exc

    @route("/article/<path:doc_id>")
    def article(doc_id: str):
        art = load_article(doc_id)
        paragraphs = [p.strip() for p in (art.body or "").split("\n\n") if p.strip()]
        return render_template("article.html", art=art, paragraphs=paragraphs,
                               json_url=url_for("api_article", doc_id=doc_id))

    @route("/api/article/<path:doc_id>")
    def api_article(doc_id: str):
        return jsonify(load_article(doc_id).to_dict())

    @route("/healthz")
    def healthz():
        searcher = holder.get()
        if searcher is None:
            return jsonify({"status": "unavailable", "error": ERROR_MESSAGES[503],
                            "reason": holder.problem}), 503
        documents = searcher.doc_count  # also picks up (or fails to open) a new generation
        if searcher.problem:
            return jsonify({"status": "degraded", "documents": documents,
                            "reason": searcher.problem, "worker": os.getpid()})
        return jsonify({"status": "ok", "documents": documents, "worker": os.getpid()})

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500, exc.description, exc.get_response().headers)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        log.exception("unhandled error on %s", request.path)
        return error_response(500, None, {})

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app


def error_response(status: int, description: str | None, headers) -> Response:
    """One error shape per audience: JSON `{"error": ...}` for the API, a page for people."""
    default = ERROR_MESSAGES.get(status, ERROR_MESSAGES[500] if status >= 500 else ERROR_MESSAGES[400])
    # Werkzeug's own English descriptions are replaced; our messages are Vietnamese.
    message = description if description and not _is_werkzeug_default(status, description) else default
    if request.path.startswith("/api/") or request.path == "/healthz":
        response = jsonify({"error": message})
    else:
        # A rejected search keeps its words in the box, ready to be fixed.
        response = Response(render_template("error.html", status=status, message=message,
                                            heading=ERROR_MESSAGES.get(status, default),
                                            state=g.get("search_state")),
                            content_type="text/html; charset=utf-8")
    response.status_code = status
    if "Allow" in headers:
        response.headers["Allow"] = headers["Allow"]
    return response


def _is_werkzeug_default(status: int, description: str) -> bool:
    cls = default_exceptions.get(status)
    return cls is not None and description == cls.description


def vn_date(value: str | None) -> str:
    """'2024-04-22' -> '22/04/2024'; '--04-22' (year unknown) -> '22/04'."""
    if not value:
        return ""
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        return f"{day}/{month}"
    parts = value[:10].split("-")
    return "/".join(reversed(parts))


def filter_label(name: str, value: str) -> str:
    """A chip's text: the facet's (or date bound's) label and the value as people read it."""
    facet = BY_NAME.get(name)
    if facet is None:
        return f"{DATE_RANGE.label(name)}: {value}"
    return f"{facet.label}: {facet.display(value)}"


def histogram_bars(result) -> list[dict]:
    """Bar heights as 5% steps, so the chart needs CSS classes only (the CSP bans inline styles)."""
    bars = result.histogram
    peak = max((bar.count for bar in bars), default=0)
    return [
        {"value": bar.value, "count": bar.count, "selected": bar.selected,
         "step": max(1, round(bar.count * 20 / peak)) if bar.count and peak else 0}
        for bar in bars
    ]
