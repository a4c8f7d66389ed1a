"""Suggestions as you type: ``/api/suggest?q=...`` over ``Searcher.suggest``, each with the page
it opens (an entity's page, or the search for a completed query). ``format=opensearch`` answers
in the OpenSearch suggestions form browsers read; ``facet=`` asks for one facet's values only
(the filter boxes beside the results)."""
from __future__ import annotations

import json

from flask import Response, jsonify, request, url_for
from werkzeug.exceptions import BadRequest

from .explore import ENTITY_FACETS
from .state import positive_int

DEFAULT_SUGGESTIONS = 8
MAX_SUGGESTIONS = 20
SUGGESTION_FACETS = tuple(ENTITY_FACETS.split(","))
OPENSEARCH_SUGGESTIONS = "application/x-suggestions+json"


def register(app, holder, route) -> None:
    @route("/api/suggest")
    def api_suggest():
        q = request.args.get("q", "")
        limit = positive_int(request.args, "limit", DEFAULT_SUGGESTIONS, "Số gợi ý")
        if not 1 <= limit <= MAX_SUGGESTIONS:
            raise BadRequest(f"Số gợi ý phải từ 1 đến {MAX_SUGGESTIONS} (nhận được {limit}).")
        facet = request.args.get("facet", "").strip()
        if facet and facet not in SUGGESTION_FACETS:
            raise BadRequest(f"Không gợi ý được cho bộ lọc “{facet[:40]}” "
                             f"(có: {', '.join(SUGGESTION_FACETS)}).")
        suggestions = holder.require().suggest(q, limit, (facet,) if facet else None)
        if request.args.get("format") == "opensearch":
            # Names only: a name that is both a country and a partner is offered once.
            texts = list(dict.fromkeys(s.query for s in suggestions))
            body = json.dumps([q, texts], ensure_ascii=False)
            return Response(body, content_type=f"{OPENSEARCH_SUGGESTIONS}; charset=utf-8")
        return jsonify({"query": q, "suggestions": [
            {**s.to_dict(), "url": _page_of(s)} for s in suggestions]})


def _page_of(suggestion) -> str:
    """Where taking the suggestion leads: the entity's page, or the completed search."""
    if suggestion.kind in SUGGESTION_FACETS:
        return url_for("entity", facet=suggestion.kind, name=suggestion.value)
    return url_for("search", q=suggestion.query)
