"""Search: parse the query (``query``), match and rank it (``scoring`` over ``postings``, with the
numbers in ``ranking``), filter and count facets (``facet_counts``), page, highlight
(``snippets``) and suggest respellings (``spelling``), over one index ``generation``."""
from .params import DateError, SearchError, SearchParams
from .results import ArticleRecord, FacetValue, Hit, SearchResult
from .searcher import ArticleNotFound, IndexUnavailable, Searcher

__all__ = ["ArticleNotFound", "DateError", "ArticleRecord", "FacetValue", "Hit", "IndexUnavailable",
           "SearchError", "SearchParams", "SearchResult", "Searcher"]
