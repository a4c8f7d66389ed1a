"""Index runs into the cluster: the local indexer's plan and analysis (workers, analysis cache),
then each document written to its shard, already analysed.

What the cluster holds is read back from it (every article's id, fingerprint and source), so
an incremental run adds, replaces and deletes by id exactly as the local indexer does; the
analysis cache and nothing else lives in the local ``state_dir``.
"""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..facets import FACETS
from ..identity import modules_identity
from ..store import analysis_cache
from ..store.indexer import (CACHE_IDENTITY, IndexError_, IndexReport, PARALLEL_THRESHOLD,
                             analysed_documents, plan_run, source_file)
from ..search import aliases
from ..store.docvalues import SURNAMES
from ..store.schema import TEXT_FIELDS
from ..text.normalize import fold, is_vietnamese_syllable
from ..text.terms import PAIR_JOINER, WORD_JOINER, pair_terms
from .client import Cluster, doc_number, quote, value_number
from .layout import CHAIN_FIELD, LENGTH_ATTRIBUTES, SHARD_INDEX, VALUES_INDEX
from .tokens import (ALL_TOKEN, TEXT_BREAK, alone_token, chain_text, field_text,
                     unaccented_token)

BATCH = 100  # documents per REPLACE statement
# A shard's real-time index writes a disk chunk each time its RAM chunk fills (rt_mem_limit) and
# Sphinx does not merge them by itself: every search reads every chunk. At 348,700 articles
# the shards held 17-18 chunks each (p50 183 ms); merged into one, 118 ms. A run that leaves
# more than this many asks the shard to merge them (``OPTIMIZE INDEX``).
MAX_DISK_CHUNKS = 4
# The rows a run replaces or deletes stay in the chunks, killed, until they are merged, and
# Sphinx 2.2 still counts them in every keyword's document frequency: after a run that wrote
# every article of the judged slice again, common words' IDF fell near 0 and nDCG@10 from 0.80
# to 0.71. A run that rewrote more than this share of the archive writes out the RAM chunk and
# merges (nDCG@10 back to 0.80).
MAX_REWRITTEN_SHARE = 0.05
READ_BATCH = 5000  # rows per page when reading what the cluster holds
# What the feed writes besides the analysis (the token text, the chain markers and the lists
# they read): stored with each article's fingerprint, so a run after it changed re-feeds all.
FEED_ID = modules_identity("searcher.cluster.feed", "searcher.cluster.tokens",
                           "searcher.search.aliases")
_COLUMNS = ("id", *TEXT_FIELDS, CHAIN_FIELD, "doc_id", "fingerprint", "source", "data",
            *(facet.name for facet in FACETS), "date_key", *LENGTH_ATTRIBUTES.values())


def indexed(cluster: Cluster) -> dict[str, tuple[str, str]]:
    """doc id -> (fingerprint, source) of every article the cluster holds, shard by shard (no
    fingerprint where another feed wrote it: the article is written again)."""
    found: dict[str, tuple[str, str]] = {}
    for shard in range(len(cluster.shards)):
        last = 0
        while True:
            rows = cluster.run(shard, [
                f"SELECT id, doc_id, fingerprint, source FROM {SHARD_INDEX} WHERE id > {last} "
                f"ORDER BY id ASC LIMIT {READ_BATCH} OPTION max_matches={READ_BATCH}"])[0]
            for _, doc_id, stored, source in rows:
                print_, _, feed = stored.partition(" ")
                found[doc_id] = (print_ if feed == FEED_ID else "", source)
            if len(rows) < READ_BATCH:
                break
            last = rows[-1][0]
    return found


@lru_cache(maxsize=200_000)
def _syllable_facts(term: str) -> tuple[str, tuple[str, ...], bool, bool]:
    """(folded, the pair terms of the longer place names holding it, whether its occurrences
    inside common words count, whether a name could hold its spelling without accents)."""
    folded = fold(term)
    before, after = aliases.name_neighbours(folded)
    pairs = tuple(t for b in before for t in pair_terms(b, folded)) + \
        tuple(t for a in after for t in pair_terms(folded, a))
    return (folded, pairs, is_vietnamese_syllable(folded),
            term == folded and bool(pairs or aliases.compounds(term)))


def chain_markers(doc: dict) -> list[str]:
    """What the embedded engine works out from two terms' counts per article, which SphinxQL
    cannot compare, as tokens for the chain field (which weighs nothing in the ranking):
    - the syllables that stand as a word of their own (``search.scoring._Scorer.standalone``:
      more occurrences than inside longer place names, common words and people's names; ``Nam``
      not only in ``Việt Nam``), exact spellings (a query with accents) and folded ones (without:
      the unaccented spelling counted where a name could hold it);
    - the syllables written without accents (``Nha`` of ``Nha Trang``, not ``nhà``), which the
      index files under the same term as their accented spellings (``_Scorer.written``)."""
    counts = Counter()
    for name in TEXT_FIELDS:
        counts.update(doc[name])
    in_words = Counter()  # occurrences inside the article's common words and people's names
    accented = Counter()  # occurrences of a folded syllable's accented spellings
    for term, count in counts.items():
        if PAIR_JOINER in term:
            continue
        if WORD_JOINER in term:
            parts = term.split(WORD_JOINER)
            if parts[0] in SURNAMES:
                for part in set(parts[1:]):
                    in_words[part] += count
            if aliases.is_dictionary_word(tuple(parts)):
                for part in set(parts):
                    if term not in aliases.own_place_words(fold(part)):
                        in_words[part] += count
        else:
            folded = fold(term)
            if folded != term:
                accented[folded] += count
    markers = []
    for term, total in counts.items():
        if WORD_JOINER in term or PAIR_JOINER in term:
            continue
        folded, pairs, vietnamese, unaccented_counts = _syllable_facts(term)
        inside = sum(counts.get(t, 0) for t in pairs) if pairs else 0
        if vietnamese:
            inside += in_words[term]
        # the folded term also counts năm, nằm: the spelling without accents is the rest
        unaccented = total - accented[folded] if term == folded else 0
        if (unaccented if unaccented_counts else total) > inside:
            markers.append(alone_token(term))
        if unaccented > 0:
            markers.append(unaccented_token(term))
    return markers


def _row(doc: dict) -> str:
    data = doc["data"]
    values = [str(doc_number(doc["id"]))]
    values += [quote(field_text(doc[name])) for name in TEXT_FIELDS]
    texts = [data["title"], data.get("summary") or "", data["body"], *data["captions"]]
    markers = " ".join(chain_markers(doc))
    values.append(quote(f"{ALL_TOKEN} {chain_text(texts)} {TEXT_BREAK} {markers}"))
    values += [quote(doc["id"]), quote(f"{doc['fingerprint']} {FEED_ID}"), quote(doc["source"]),
               quote(json.dumps(data, ensure_ascii=False))]
    for facet in FACETS:
        values.append("(" + ",".join(str(value_number(facet.name, v))
                                     for v in sorted(set(doc[facet.name]))) + ")")
    values.append(str(doc["date_key"]))
    values += [str(sum(doc[name].values())) for name in LENGTH_ATTRIBUTES]  # length normalisation
    return "(" + ",".join(values) + ")"


class _Writer:
    """Rows buffered per shard and written in batches; facet values named on every shard."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.rows: dict[int, list[str]] = defaultdict(list)
        self.values: dict[int, tuple[str, str]] = {}
        self.named: set[int] = set()

    def add(self, doc: dict) -> None:
        shard = self.cluster.shard_of(doc_number(doc["id"]))
        self.rows[shard].append(_row(doc))
        for facet in FACETS:
            for value in doc[facet.name]:
                number = value_number(facet.name, value)
                if number not in self.named:
                    self.values[number] = (facet.name, value)
        if len(self.rows[shard]) >= BATCH:
            self._write(shard)

    def _write(self, shard: int) -> None:
        rows, self.rows[shard] = self.rows[shard], []
        if rows:
            self.cluster.run(shard, [f"REPLACE INTO {SHARD_INDEX} ({', '.join(_COLUMNS)}) "
                                     f"VALUES {', '.join(rows)}"])

    def delete(self, doc_ids: Iterable[str]) -> None:
        by_shard: dict[int, list[int]] = defaultdict(list)
        for doc_id in doc_ids:
            number = doc_number(doc_id)
            by_shard[self.cluster.shard_of(number)].append(number)
        for shard, numbers in by_shard.items():
            for start in range(0, len(numbers), BATCH):
                chunk = ",".join(map(str, numbers[start:start + BATCH]))
                self.cluster.run(shard, [f"DELETE FROM {SHARD_INDEX} WHERE id IN ({chunk})"])

    def finish(self) -> None:
        for shard in list(self.rows):
            self._write(shard)
        values = list(self.values.items())
        for start in range(0, len(values), BATCH):
            rows = ", ".join(f"({number}, '', {quote(facet)}, {quote(value)})"
                             for number, (facet, value) in values[start:start + BATCH])
            for shard in range(len(self.cluster.shards)):
                self.cluster.run(shard, [f"REPLACE INTO {VALUES_INDEX} (id, label, facet_name, facet_value) "
                                         f"VALUES {rows}"])
        self.named.update(self.values)
        self.values.clear()


def disk_chunks(cluster: Cluster, shard: int) -> int:
    """How many disk chunks the shard's real-time index holds (see ``MAX_DISK_CHUNKS``)."""
    status = dict(cluster.run(shard, [f"SHOW INDEX {SHARD_INDEX} STATUS"])[0])
    return int(status.get("disk_chunks", 0))


def merge_chunks(cluster: Cluster, report: IndexReport) -> None:
    """Ask each shard holding more than ``MAX_DISK_CHUNKS`` disk chunks, or every shard after a
    run that rewrote more than ``MAX_REWRITTEN_SHARE`` of the archive, to merge its chunks."""
    archive = report.added + report.updated + report.unchanged
    rewritten = report.updated + report.removed > MAX_REWRITTEN_SHARE * max(archive, 1)
    for shard in range(len(cluster.shards)):
        chunks = disk_chunks(cluster, shard)
        if chunks > MAX_DISK_CHUNKS or rewritten:
            cluster.run(shard, [f"FLUSH RAMCHUNK {SHARD_INDEX}"])
            cluster.run(shard, [f"OPTIMIZE INDEX {SHARD_INDEX}"])
            why = (f"{chunks} disk chunks" if chunks > MAX_DISK_CHUNKS
                   else "the run replaced or removed many articles")
            report.notes.append(f"shard {shard + 1}: {why}, its chunks merged (OPTIMIZE INDEX)")


def add_missing_columns(cluster: Cluster, report: IndexReport) -> bool:
    """Shards made by an older ``cluster-config`` lack the newer attributes (each field's
    length): a real-time index takes them with ``ALTER TABLE``. Sphinx 2.2 then cannot merge
    the chunks written before with those written after ("attribute mismatch"), so the run
    empties the shards and writes every article again. Says whether it did."""
    added = False
    for shard in range(len(cluster.shards)):
        present = {row[0] for row in cluster.run(shard, [f"DESCRIBE {SHARD_INDEX}"])[0]}
        for column in LENGTH_ATTRIBUTES.values():
            if column not in present:
                cluster.run(shard, [f"ALTER TABLE {SHARD_INDEX} ADD COLUMN {column} INTEGER"])
                report.notes.append(f"shard {shard + 1}: column {column} added")
                added = True
    return added


def index_cluster(paths, address: str, state_dir: str | Path, rebuild: bool = False,
                  workers: int | None = None, cache: bool = True,
                  dask: str | None = None) -> IndexReport:
    """Bring the cluster at ``address`` in line with the articles under ``paths`` (the analysis
    cache kept in ``state_dir``; ``dask``: analyse on that dask.distributed scheduler's
    workers). A shard that cannot be written ends the run with
    ``IndexError_``; what was written stays (each statement is atomic on its shard)."""
    import pymysql

    cluster = Cluster(address)
    report = IndexReport()
    try:
        rebuild = add_missing_columns(cluster, report) or rebuild
        held = {} if rebuild else indexed(cluster)
        plan, seen = plan_run(paths, held, {}, report)
        failed = {source_file(error.source) for error in report.errors}
        gone = [doc_id for doc_id, (_, source) in held.items()
                if doc_id not in seen and source not in failed]
        writer = _Writer(cluster)
        if rebuild:
            for shard in range(len(cluster.shards)):
                cluster.run(shard, [f"TRUNCATE RTINDEX {SHARD_INDEX}"])
        store = None
        if cache and plan.todo:
            Path(state_dir).mkdir(parents=True, exist_ok=True)
            store = analysis_cache.AnalysisCache.open(Path(state_dir), CACHE_IDENTITY,
                                                      report.notes, writable=True)
        try:
            workers = workers or os.cpu_count() or 1
            if len(plan.todo) < PARALLEL_THRESHOLD:
                workers = 1
            for doc in analysed_documents(plan.articles(paths), workers, store, report, dask):
                if doc["id"] in held:
                    report.updated += 1
                else:
                    report.added += 1
                writer.add(doc)
            writer.finish()
            writer.delete(gone)
            report.removed += len(gone)
            merge_chunks(cluster, report)
            if store is not None:
                store.finish(None, {"analysed": report.analysed, "reused": report.reused})
        finally:
            if store is not None:
                store.close()
        return report
    except pymysql.err.MySQLError as exc:
        if exc.args and exc.args[0] in (2003, 2006, 2013):  # a shard down or gone mid-run
            raise IndexError_(f"a shard of the cluster {address} does not answer; what was "
                              f"written stays, and the next run completes it") from None
        raise IndexError_(f"the cluster {address} refused the run: {exc.args[-1]}") from None
    finally:
        cluster.close()
