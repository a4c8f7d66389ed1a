"""Which backend a location names: an index directory (the embedded Whoosh index, the default)
or a SphinxQL cluster address (``sphinxql://host:port[,host:port...]``)."""
from __future__ import annotations

from pathlib import Path

from .cluster.layout import is_cluster_address


def open_searcher(location: str | Path):
    """A ``Searcher`` over the index directory, or a ``ClusterSearcher`` over the cluster;
    both answer ``search``, ``export``, ``article`` and ``doc_count`` alike."""
    if is_cluster_address(location):
        from .cluster.searcher import ClusterSearcher

        return ClusterSearcher(str(location))
    from .search import Searcher

    return Searcher(location)
