"""searcher: full-text search with facets for archives of Vietnamese news about foreign relations.

The pipeline, one package a stage:

    ingest (read & clean pages) -> text (normalise, segment, index terms) -> extract (date,
    partners, officials) -> store (schema, indexer, Whoosh writer) -> search (parse, rank, facet,
    highlight) -> cli (the ``searcher`` command) and web/ (the Flask site)

This module is the public API: the CLI and ``web/`` import only the names in ``__all__``. They
load on first use, so ``import searcher`` stays cheap for a command that needs only a part.
"""
from __future__ import annotations

from importlib import import_module

_HOMES = {
    "Article": "model", "Extraction": "model", "ReadError": "model",
    "vn_date": "model", "date_label": "model",
    "Facet": "facets", "FACETS": "facets", "FACET_NAMES": "facets", "BY_NAME": "facets",
    "DATE_RANGE": "facets", "UNKNOWN_YEAR": "facets",
    "Searcher": "search", "SearchParams": "search", "SearchResult": "search", "Hit": "search",
    "FacetValue": "search", "ArticleRecord": "search", "SearchError": "search",
    "ArticleNotFound": "search", "IndexUnavailable": "search", "DateError": "search",
    "index_paths": "store.indexer", "IndexReport": "store.indexer", "IndexError_": "store.indexer",
    "check_index": "store.health", "IndexHealth": "store.health",
    "iter_articles": "ingest.reader",
    "extract_article": "extract:extract",  # not "extract": that is the subpackage's name
    "csv_lines": "export", "jsonl_lines": "export",
    "checked_export": "export",
    "open_searcher": "backend", "index_cluster": "cluster.feed",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'searcher' has no attribute {name!r}")
    module, _, attribute = home.partition(":")
    value = getattr(import_module(f".{module}", __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
