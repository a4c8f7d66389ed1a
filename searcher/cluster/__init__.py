"""The cluster backend: the same search over a sharded SphinxQL cluster (Sphinx 2.2 here,
Manticore in production) instead of the embedded Whoosh index.

    layout (searchd configurations, the address) -> tokens (the project's terms as whole
    tokens) -> client (one connection per shard) -> feed (index runs into the shards) ->
    translate (a parsed query as MATCH expressions) -> searcher (``ClusterSearcher``)

Documents reach the cluster already analysed by the project's own chain, so both backends
match the same terms; the cluster only stores, matches, ranks and counts.
"""
