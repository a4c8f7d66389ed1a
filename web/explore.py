"""Pages that need no typing: the archive at a glance (the home page) and a page for every
partner, country and official, each with its JSON twin. They only call the public API:
``Searcher.overview``, ``Searcher.resolve`` and ``Searcher.profile``."""
from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import BadRequest, NotFound

from searcher import BY_NAME, ArticleNotFound, SearchError

ENTITY_FACETS = "partner,country,official"
ENTITY_RULE = f"<any({ENTITY_FACETS}):facet>/<path:name>"
HOME_LATEST = 10
PROFILE_LIMIT = 20
# Titles of the entity pages, by facet.
ENTITY_HEADINGS = {"partner": "Đối tác", "country": "Quốc gia", "official": "Lãnh đạo"}


def _year(args) -> str | None:
    year = args.get("year", "").strip()
    if year and not (year.isascii() and year.isdigit() and len(year) == 4):
        raise BadRequest(f"Năm phải có 4 chữ số (nhận được “{year[:20]}”).")
    return year or None


def _kept_args(args) -> dict:
    """The parameters an entity page understands, carried over to its redirect and JSON twin
    (anything else in the URL is dropped, not echoed back into the page)."""
    return {name: args[name] for name in ("year", "page") if args.get(name)}


def _page(args) -> int:
    raw = args.get("page", "").strip() or "1"
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) < 1:
        raise BadRequest(f"Số trang phải là một số nguyên dương (nhận được “{raw[:20]}”).")
    return int(raw)


def register(app, holder, route) -> None:
    def overview():
        return holder.require().overview(year=_year(request.args), latest=HOME_LATEST)

    @route("/api/overview")
    def api_overview():
        return jsonify(overview().to_dict())

    app.extensions["home_overview"] = overview  # the home page (app.search without a query)

    def profile(facet: str, name: str):
        """The entity's profile, or a redirect to its page when ``name`` is another spelling."""
        searcher = holder.require()
        try:
            canonical = searcher.resolve(facet, name)
        except SearchError as exc:
            raise BadRequest(str(exc)) from exc
        if canonical is None:
            raise NotFound(f"Không có {BY_NAME[facet].label.lower()} nào tên “{name[:80]}” "
                           "trong kho.")
        if canonical != name:
            return None, canonical
        try:
            return searcher.profile(facet, canonical, year=_year(request.args),
                                    page=_page(request.args), limit=PROFILE_LIMIT), canonical
        except ArticleNotFound as exc:  # the index changed between the two calls
            raise NotFound(f"Không có “{name[:80]}” trong kho.") from exc

    def moved(endpoint: str, facet: str, canonical: str):
        return redirect(url_for(endpoint, facet=facet, name=canonical, **_kept_args(request.args)),
                        code=302)

    @route(f"/{ENTITY_RULE}")
    def entity(facet: str, name: str):
        result, canonical = profile(facet, name)
        if result is None:
            return moved("entity", facet, canonical)
        page = _page(request.args)
        return render_template(
            "entity.html", profile=result, facet=BY_NAME[facet], heading=ENTITY_HEADINGS[facet],
            page=page, pages=max(1, -(-result.total // PROFILE_LIMIT)), limit=PROFILE_LIMIT,
            year=_year(request.args),
            json_url=url_for("api_entity", facet=facet, name=canonical,
                             **_kept_args(request.args)))

    @route(f"/api/{ENTITY_RULE}")
    def api_entity(facet: str, name: str):
        result, canonical = profile(facet, name)
        if result is None:
            return moved("api_entity", facet, canonical)
        return jsonify(result.to_dict())
