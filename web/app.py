"""Flask app factory for the searcher web site.

Views only translate HTTP to searcher's public API (``Searcher.search`` and
``Searcher.article``) and back, so the pages, the JSON twins and the CLI always agree.
The URL carries all state: every search, filter and page is a plain GET link.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import replace
from urllib.parse import quote, unquote, urlsplit

import orjson
from flask import Flask, Response, g, jsonify, redirect, render_template, request, url_for
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import (BadRequest, HTTPException, NotFound, ServiceUnavailable,
                                 default_exceptions)

from searcher import (BY_NAME, DATE_RANGE, FACETS, ArticleNotFound, DateError, Searcher,
                      SearchError, open_searcher, vn_date)

from . import charts, explore, suggestions, takeaway
from .state import DEFAULT_FACET_LIMIT, DEFAULT_LIMIT, SearchState

log = logging.getLogger(__name__)

RELATED_ARTICLES = 5
DATE_FIELDS = {"from": "date_from", "to": "date_to"}  # URL name -> SearchState field
MAX_BACK_URL = 2000  # the longest ``back`` an article page links to (a search's URL)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; "  # suggest.js asks /api/suggest
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
    503: "Chỉ mục tìm kiếm chưa sẵn sàng. Hãy chạy `searcher index` (hoặc khởi động cụm máy chủ "
         "tìm kiếm, nếu trang tìm qua cụm) rồi thử lại.",
}


class OrjsonProvider(DefaultJSONProvider):
    """Flask's JSON written by orjson, which encodes the records (dataclasses) themselves, in C:
    a search's JSON twin in 0.04 ms instead of 0.6 ms for ``to_dict`` and ``json.dumps``, on a
    request of about 7. UTF-8 as it is, keys in the records' order, like the CLI's ``--json``."""

    def dumps(self, obj, **kwargs) -> str:
        return orjson.dumps(obj, default=self.default).decode()

    def loads(self, s, **kwargs):
        return orjson.loads(s)

    def response(self, *args, **kwargs) -> Response:
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(orjson.dumps(obj, default=self.default),
                                         mimetype=self.mimetype)


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
                        self._searcher = open_searcher(self.index_dir)
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
    app.json = OrjsonProvider(app)
    holder = SearcherHolder(index_dir, searcher)
    app.extensions["searcher"] = holder

    app.jinja_env.filters["vn_date"] = vn_date
    app.jinja_env.filters["vn_stamp"] = vn_stamp
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["host"] = host
    app.jinja_env.globals["year_bars_of"] = charts.for_archive
    app.jinja_env.globals.update(FACETS=FACETS,
                                 DEFAULT_LIMIT=DEFAULT_LIMIT,
                                 DEFAULT_FACET_LIMIT=DEFAULT_FACET_LIMIT,
                                 filter_label=filter_label,
                                 PUBLISHED_FROM=PUBLISHED_FROM)

    def route(rule: str, **options):
        # GET (and the implied HEAD) only; no automatic OPTIONS either.
        return app.route(rule, methods=["GET"], provide_automatic_options=False, **options)

    def run_search(state: SearchState):
        try:
            return holder.require().search(state.params())
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc

    def respelled(state: SearchState, result) -> SearchState | None:
        """The state with each ticked value as the index spells it, when the search read one typed another way
        ("partner=nagano" is "tỉnh Nagano"): the page then links, ticks and removes the value it filtered by."""
        chosen = tuple((name, tuple(result.filters.get(name) or values)) for name, values in state.selections)
        return replace(state, selections=chosen) if chosen != state.selections else None

    @route("/")
    @route("/search")
    def search():
        state = g.search_state = SearchState.from_args(request.args)
        if not state.q and not state.filters:
            # Nothing asked yet: the archive at a glance (or why there is none yet).
            if holder.get() is None:
                return render_template("home.html", state=state, overview=None)
            return render_template("home.html", state=state,
                                   overview=app.extensions["home_overview"](),
                                   json_url=url_for("api_overview"))
        try:
            result, date_problem = holder.require().search(state.params()), None
        except DateError as exc:
            # Said beside the date box; the results are those of the search without that date.
            date_problem = {"bound": exc.bound, "message": str(exc),
                            "typed": state.date_from if exc.bound == "from" else state.date_to}
            state = g.search_state = replace(state, **{DATE_FIELDS[exc.bound]: None})
            result = run_search(state)
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc
        if date_problem is None and (canonical := respelled(state, result)) is not None:
            return redirect(canonical.url("search"), code=302)
        page = render_template("search.html", state=state, res=result, date_problem=date_problem,
                               json_url=state.url("api_search"), **charts.for_search(state, result))
        return (page, 400) if date_problem else page

    @route("/api/search")
    def api_search():
        state = SearchState.from_args(request.args)
        result = run_search(state)
        if (canonical := respelled(state, result)) is not None:
            return redirect(canonical.url("api_search"), code=302)
        return jsonify(result)

    def load_article(doc_id: str):
        try:
            return holder.require().article(doc_id)
        except ArticleNotFound as exc:
            raise NotFound(f"Không có bài viết nào với mã “{doc_id[:80]}”.") from exc

    def back_link(target: str | None) -> dict:
        """Where an article page's "←" leads: the page of results it was opened from (result
        cards add it as ``back``: a search or an entity page), else home. Only this site's
        paths are taken, so the link can never lead elsewhere (``//evil``, ``http:``,
        ``javascript:``, ``/\\evil``). ``target``: what its related articles carry on."""
        home = {"href": url_for("search"), "label": "Trang chủ", "target": None}
        if not target or not target.startswith("/") or len(target) > MAX_BACK_URL:
            return home
        parts = urlsplit(target)
        path = unquote(parts.path)
        segments = path.split("/")
        if parts.scheme or parts.netloc or parts.fragment or ".." in segments \
                or "\\" in target + path or not (target + path).isprintable():
            return home
        if path == "/search" and parts.query:
            label = "Quay lại kết quả tìm kiếm"
        elif segments[1] in explore.ENTITY_HEADINGS and len(segments) > 2 and segments[2]:
            label = f"Quay lại trang {'/'.join(segments[2:])}"
        else:
            return home
        href = quote(path) + (f"?{parts.query}" if parts.query else "")
        return {"href": href, "label": label, "target": target}

    @route("/article/<path:doc_id>")
    def article(doc_id: str):
        art = load_article(doc_id)
        return render_template("article.html", art=art, back=back_link(request.args.get("back")),
                               related=holder.require().related(doc_id, RELATED_ARTICLES),
                               json_url=url_for("api_article", doc_id=doc_id))

    @route("/api/article/<path:doc_id>")
    def api_article(doc_id: str):
        record = load_article(doc_id).to_dict()
        related = holder.require().related(doc_id, RELATED_ARTICLES)
        return jsonify({**record, "related": [r.to_dict() for r in related]})

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

    # Pages of their own modules: each adds its routes with the same ``route`` and ``holder``.
    for module in (explore, takeaway, suggestions):
        module.register(app, holder, route)

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


def filter_label(name: str, value: str) -> str:
    """A chip's text: the facet's (or date bound's) label and the value as people read it."""
    facet = BY_NAME.get(name)
    if facet is None:
        return f"{DATE_RANGE.label(name)}: {value}"
    return f"{facet.label}: {facet.display(value)}"


# Where an article's publication date came from (``Article.published_from``), as its page says it. When
# the event date is that date (``date_source``), the page says the article gives no event date.
PUBLISHED_FROM = {"stamp": "in trên trang", "metadata": "theo dữ liệu nguồn"}


def vn_stamp(value: str) -> str:
    """A publication date and time as Vietnamese readers write it: '2023-07-14T09:30:00+07:00' ->
    '14/07/2023 09:30'."""
    day, _, time = value.partition("T")
    return f"{vn_date(day)} {time[:5]}" if time else vn_date(day)


def host(url: str) -> str:
    """Where an article was published, as a card shows it: "baoquocte.vn"."""
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


def number(value: int) -> str:
    """34870 -> '34.870', as Vietnamese write numbers (HTML only; JSON keeps plain numbers)."""
    return f"{value:,}".replace(",", ".")
