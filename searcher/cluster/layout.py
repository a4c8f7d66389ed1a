"""Where the shards are and how each ``searchd`` is configured.

Every shard runs one ``searchd`` with a real-time index of its own documents (``articles``), a
replicated table of facet values (``facet_values``), and a distributed index (``everything``)
over its own shard and every other one as agents: a client can ask any live shard for the whole
archive, and a shard that is down is reported as a warning, not an error.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..store.schema import TEXT_FIELDS
from ..facets import FACETS

SCHEME = "sphinxql"
SHARD_INDEX = "articles"
VALUES_INDEX = "facet_values"
DISTRIBUTED_INDEX = "everything"
# The fields of a document: the project's text fields as analysed tokens, then ``chain`` (each
# text's folded syllables in order, for phrases of any length).
CHAIN_FIELD = "chain"
FIELDS = (*TEXT_FIELDS, CHAIN_FIELD)
# Each text field's length in tokens, per article: the ranker normalises a field's hits by its
# own length, as the embedded engine's BM25 does (a title match is not weighed by the body).
LENGTH_ATTRIBUTES = {name: f"{name}_length" for name in TEXT_FIELDS}
# The project's tokens only hold these characters (``tokens.token`` escapes any other), and
# Sphinx keeps them as they are: no case folding, nothing split.
CHARSET_TABLE = "0..9, a..z, _, U+C0..U+D6, U+D8..U+F6, U+F8..U+24F, U+1E00..U+1EFF"
MAX_MATCHES = 100_000  # the most documents one query ranks and pages through
API_PORT_OFFSET = 1000  # each shard's agent (binary API) port: its SphinxQL port + this


@dataclass(frozen=True)
class Shard:
    host: str
    port: int  # SphinxQL (MySQL protocol)

    @property
    def api_port(self) -> int:
        return self.port + API_PORT_OFFSET

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def is_cluster_address(location: str | Path) -> bool:
    return str(location).startswith(f"{SCHEME}://")


def parse_address(address: str) -> tuple[Shard, ...]:
    """``sphinxql://host:port[,host:port...]`` -> the shards, in order (an article's shard is
    chosen by a hash of its id modulo their number, so the order is part of the layout)."""
    parts = urlsplit(address)
    if parts.scheme != SCHEME or not parts.netloc:
        raise ValueError(f"not a cluster address: {address!r} (expected {SCHEME}://host:port[,host:port...])")
    shards = []
    for item in parts.netloc.split(","):
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"not host:port in the cluster address: {item!r}")
        shards.append(Shard(host, int(port)))
    return tuple(shards)


def address(shards) -> str:
    return f"{SCHEME}://" + ",".join(str(s) for s in shards)


def shard_config(shards: tuple[Shard, ...], number: int, directory: Path) -> str:
    """The ``searchd`` configuration of shard ``number``, its files under ``directory``."""
    shard = shards[number]
    home = directory / f"shard{number}"
    fields = "\n".join(f"    rt_field = {name}" for name in FIELDS)
    multi = "\n".join(f"    rt_attr_multi_64 = {facet.name}" for facet in FACETS)
    lengths = "\n".join(f"    rt_attr_uint = {name}" for name in LENGTH_ATTRIBUTES.values())
    agents = "\n".join(f"    agent = {s.host}:{s.api_port}:{SHARD_INDEX}"
                       for i, s in enumerate(shards) if i != number)
    return f"""# shard {number} of {len(shards)}: written by `searcher cluster-config`
index {SHARD_INDEX}
{{
    type = rt
    path = {home}/{SHARD_INDEX}
{fields}
    rt_attr_string = doc_id
    rt_attr_string = fingerprint
    rt_attr_string = source
    rt_attr_string = data
{multi}
    rt_attr_uint = date_key
{lengths}
    charset_table = {CHARSET_TABLE}
    index_field_lengths = 1
    dict = keywords
    rt_mem_limit = 256M
}}

index {VALUES_INDEX}
{{
    type = rt
    path = {home}/{VALUES_INDEX}
    rt_field = label
    rt_attr_string = facet_name
    rt_attr_string = facet_value
    charset_table = {CHARSET_TABLE}
}}

index {DISTRIBUTED_INDEX}
{{
    type = distributed
    local = {SHARD_INDEX}
{agents}
    agent_connect_timeout = 300
    agent_query_timeout = 10000
}}

searchd
{{
    listen = {shard.host}:{shard.port}:mysql41
    listen = {shard.host}:{shard.api_port}
    log = {home}/searchd.log
    query_log = {home}/query.log
    pid_file = {home}/searchd.pid
    binlog_path = {home}
    workers = threads
    max_packet_size = 32M
    collation_server = utf8_general_ci
}}
"""


def write_configs(shards: tuple[Shard, ...], directory: str | Path) -> list[Path]:
    """One configuration file per shard (``shardN.conf``) plus each shard's data folder."""
    directory = Path(directory).resolve()
    written = []
    for number in range(len(shards)):
        (directory / f"shard{number}").mkdir(parents=True, exist_ok=True)
        path = directory / f"shard{number}.conf"
        path.write_text(shard_config(shards, number, directory), encoding="utf-8")
        written.append(path)
    return written


def local_shards(count: int, first_port: int = 9306, host: str = "127.0.0.1") -> tuple[Shard, ...]:
    return tuple(Shard(host, first_port + i) for i in range(count))
