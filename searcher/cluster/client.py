"""Connections to the shards: writes go to one shard's own index, searches to the distributed
index of the first shard that answers; a shard that is down becomes a warning.

pymysql speaks SphinxQL (the MySQL protocol); one connection per shard and thread.
"""
from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

import pymysql
from pymysql.constants import CLIENT

from ..search.params import SearchError
from ..search.searcher import IndexUnavailable
from .layout import DISTRIBUTED_INDEX, Shard, parse_address

CONNECT_TIMEOUT = 2.0  # seconds; a shard that does not answer is skipped, never waited for
READ_TIMEOUT = 30.0
_ID_MASK = (1 << 63) - 1


class ClusterUnavailable(IndexUnavailable):
    """No shard of the cluster answers (like a missing index: the site waits for it)."""

    def __init__(self, message: str):
        super().__init__(message, missing=True)


def doc_number(doc_id: str) -> int:
    """An article's document id in the cluster: 63 bits of a hash of its id (never 0)."""
    return int.from_bytes(hashlib.sha1(doc_id.encode("utf-8")).digest()[:8], "big") & _ID_MASK or 1


def value_number(facet: str, value: str) -> int:
    """A facet value's id (the multi-valued attributes hold these; ``facet_values`` names them)."""
    return int.from_bytes(hashlib.sha1(f"{facet}\0{value}".encode("utf-8")).digest()[:8],
                          "big") & _ID_MASK or 1


@dataclass
class Answer:
    """The result sets of one batch of statements, and what went wrong on the way (a shard
    that did not answer)."""

    results: list[list[tuple]]
    warnings: list[str] = field(default_factory=list)


def quote(text: str) -> str:
    """A SphinxQL string literal."""
    return "'" + pymysql.converters.escape_string(text) + "'"


class Cluster:
    def __init__(self, address: str):
        try:
            self.shards: tuple[Shard, ...] = parse_address(address)
        except ValueError as exc:
            raise SearchError(str(exc)) from None
        self.address = address
        self._local = threading.local()

    def shard_of(self, number: int) -> int:
        return number % len(self.shards)

    def connection(self, shard: int) -> pymysql.Connection:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = {}
        connection = connections.get(shard)
        if connection is None or not connection.open:
            host = self.shards[shard]
            connection = connections[shard] = pymysql.connect(
                host=host.host, port=host.port, charset="utf8", autocommit=True,
                connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT,
                write_timeout=READ_TIMEOUT, client_flag=CLIENT.MULTI_STATEMENTS)
        return connection

    def _drop(self, shard: int) -> None:
        connection = getattr(self._local, "connections", {}).pop(shard, None)
        if connection is not None:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 -- already broken
                pass

    def run(self, shard: int, statements: list[str]) -> list[list[tuple]]:
        """Statements on one shard, in one batch; their result sets in order."""
        connection = self.connection(shard)
        try:
            with connection.cursor() as cursor:
                cursor.execute(";\n".join(statements))
                results = [list(cursor.fetchall())]
                while cursor.nextset():
                    results.append(list(cursor.fetchall()))
            return results
        except pymysql.err.MySQLError:
            self._drop(shard)  # a batch cut short leaves the connection mid-answer
            raise

    def search(self, statements: list[str]) -> Answer:
        """Statements over the distributed index (``{everything}`` in them names it) on the
        first shard that answers; agents that fail are reported in ``warnings``."""
        text = [s.replace("{everything}", DISTRIBUTED_INDEX) for s in statements]
        down = []
        for shard in range(len(self.shards)):
            try:
                results = self.run(shard, text + ["SHOW META"])
            except pymysql.err.MySQLError as exc:
                if _is_query_error(exc):
                    raise SearchError(f"the cluster refused a query: {exc.args[-1]}") from None
                down.append(str(self.shards[shard]))
                continue
            meta = results.pop()
            warnings = [f"shard {s} is not answering" for s in down]
            warnings += [value for name, value in meta if name == "warning"]
            return Answer(results, warnings)
        raise ClusterUnavailable(f"no shard of the cluster answers ({', '.join(down)})")

    def close(self) -> None:
        for shard in list(getattr(self._local, "connections", {})):
            self._drop(shard)


def _is_query_error(exc: Exception) -> bool:
    """A refused statement (syntax, unknown index) rather than a shard that is down."""
    code = exc.args[0] if exc.args else None
    return isinstance(code, int) and code not in (2003, 2006, 2013, 2014)
