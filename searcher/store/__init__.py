"""The index on disk: its Whoosh schema, the indexer that brings it in line with a corpus, and
the one module that touches Whoosh's private API (``whoosh_internals``)."""
