"""The cluster backend on a real two-shard Sphinx cluster (Debian's ``searchd``, started here on
loopback ports): the seed pages plus the 2,052 news articles of ``news_index``, indexed through
``searcher index --backend``, answer like the embedded index; a shard that is down makes a
partial answer with a warning, never an error; an incremental run reaches the cluster.

The tests run in file order: the last two change the cluster (an update, then a shard killed).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SEARCHER, run

SEARCHD = shutil.which("searchd")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SEARCHD is None, reason="SKIPPED cluster tests: needs Sphinx's searchd "
                       "(Debian package `sphinxsearch`: run `make sphinx`)"),
]

# Words, accent-less words, phrases, exclusions, OR, facet filters and dates: every query of
# this mix must match the same articles, and count the same facet values, on both backends.
# One-syllable words that also begin or end longer names or common words (``Lào`` and ``Lào
# Cai``, ``Nhật`` and ``cập nhật``) match strictly only where they stand alone, on both backends.
# (Not ``Pháp``, ``Ý`` or ``Hà``: of the many common words and people's names holding them, the
# embedded engine looks up the 20 most frequent, ``ranking.MAX_INSIDE_WORDS``; the cluster's
# feed counts every one in the article.)
SAME_ANSWERS = [
    ("hợp tác", {}), ("hop tac", {}), ("du lịch", {}), ("du lich", {}), ("hợp tác du lịch", {}),
    ("hop tac du lich nhat ban", {}), ("Nhật Bản", {}), ("nhat ban", {}), ("Trung Quốc", {}),
    ("trung quoc", {}), ("Hoa Kỳ", {}), ("Liên hợp quốc", {}), ("kinh tế", {}), ("xuất khẩu", {}),
    ("xuat khau gao", {}), ("Biển Đông", {}), ("bien dong", {}), ("thủ tướng", {}),
    ("hội đàm", {}), ("hoi dam", {}), ("tổng thống", {}), ("Donald Trump", {}), ("trump", {}),
    ("Nagano", {}), ("Lào Cai", {}), ("lao cai", {}), ("đại sứ quán", {}), ("ngoại giao", {}),
    ('"Thủ tướng Nguyễn Xuân Phúc"', {}), ('"hợp tác kinh tế"', {}), ('"Liên minh châu Âu"', {}),
    ('"bien dong"', {}), ('"Nguyễn Xuân Phúc"', {}), ('"xuất khẩu gạo"', {}),
    ("du lịch -Nhật Bản", {}), ("hợp tác -kinh tế", {}), ('kinh tế -"Trung Quốc"', {}),
    ("xuất khẩu -gạo", {}), ('hop tac -"nhat ban"', {}),
    ('"Nhật Bản" OR "Hàn Quốc"', {}), ("Nagano OR Saitama", {}), ('"Biển Đông" OR "Trường Sa"', {}),
    ("những chuyến thăm của thủ tướng tới nhật bản", {}),
    ("tình hình kinh tế của trung quốc năm 2017", {}),
    ("hợp tác", {"country": ["Nhật Bản"]}), ("kinh tế", {"year": ["2017"]}),
    ("", {"country": ["Trung Quốc"]}), ("hợp tác", {"partner": ["tỉnh Nagano"]}),
    ("Việt Nam", {"country": ["Hoa Kỳ", "Nga"]}), ("đầu tư", {"official": ["Donald Trump"]}),
    ("kinh tế", {"from": "2017-01-01", "to": "2017-03-31"}),
    ("Lào", {}), ("Nhật", {}), ("Nga", {}),
    ("hợp tác", {"from": "2017-02", "to": "2017-02", "undated": True}),
]


def _free_base_port() -> int:
    """A port P with P, P+1 (SphinxQL) and P+1000, P+1001 (agents) all free."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base > 60000:
            continue
        try:
            for port in (base, base + 1, base + 1000, base + 1001):
                with socket.socket() as check:
                    check.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free ports for the cluster")


def _wait_for(port: int, up: bool = True, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    raise AssertionError(f"searchd on port {port} did not {'start' if up else 'stop'}")


class Shards:
    def __init__(self, base: Path, port: int, count: int = 2):
        self.configs = [base / f"shard{i}.conf" for i in range(count)]
        self.ports = [port + i for i in range(count)]
        self.address = "sphinxql://" + ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def start(self, number: int) -> None:
        subprocess.run([SEARCHD, "--config", str(self.configs[number])], check=True,
                       capture_output=True, timeout=30)
        _wait_for(self.ports[number])

    def kill(self, number: int) -> None:
        pid_file = self.configs[number].parent / f"shard{number}" / "searchd.pid"
        os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
        _wait_for(self.ports[number], up=False)

    def stop(self) -> None:
        for number, config in enumerate(self.configs):
            subprocess.run([SEARCHD, "--config", str(config), "--stopwait"],
                           capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def cluster(news_index, tmp_path_factory):
    """Two shards configured by ``searcher cluster-config`` and fed by ``searcher index
    --backend`` from a copy of the news corpus (the analysis cache of ``news_index`` copied
    beside it, so the articles are not segmented again)."""
    base = tmp_path_factory.mktemp("cluster")
    shards = Shards(base / "conf", _free_base_port())
    made = run("cluster-config", "--shards", "2", "--dir", base / "conf",
               "--port", shards.ports[0])
    assert made.returncode == 0, made.stderr
    corpus = base / "corpus"
    shutil.copytree(news_index.parent / "corpus", corpus)
    state = base / "state"
    state.mkdir()
    for cache in news_index.glob("analysis-cache.sqlite*"):
        shutil.copy(cache, state / cache.name)
    try:
        for number in range(2):
            shards.start(number)
        fed = run("index", corpus, "--backend", shards.address, "--index", state)
        assert fed.returncode == 0, fed.stderr
        from searcher import Searcher

        shards.size = Searcher(news_index).doc_count
        assert f"added {shards.size}," in fed.stdout, fed.stdout
        shards.corpus, shards.state = corpus, state
        yield shards
    finally:
        shards.stop()


def _answers(searcher, q: str, options: dict):
    from searcher import SearchParams
    from searcher.search.params import MAX_FACET_LIMIT

    selections = {k: v for k, v in options.items() if k not in ("from", "to", "undated")}
    params = SearchParams(q=q, selections=selections, date_from=options.get("from"),
                          date_to=options.get("to"), undated=options.get("undated", False),
                          correct=False, facet_limit=MAX_FACET_LIMIT)
    result = searcher.search(params)
    facets = {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()}
    return {h.id for h in searcher.export(params)}, result.total, facets, result.undated_in_range


def test_the_cluster_matches_and_counts_as_the_embedded_index(cluster, news_index, monkeypatch):
    from searcher import Searcher, open_searcher
    from searcher.search import ranking

    # The one matching rule that does not translate: the embedded engine reads in the stored
    # text of a few articles whether a word the segmenter split there is the word as typed
    # (``_Scorer.split_as_typed``); the cluster counts those articles as loose matches.
    monkeypatch.setattr(ranking, "SPLIT_WORD_CHECKS", 0)
    embedded, remote = Searcher(news_index), open_searcher(cluster.address)
    differences = []
    for q, options in SAME_ANSWERS:
        ids, total, facets, undated = _answers(embedded, q, options)
        ids_c, total_c, facets_c, undated_c = _answers(remote, q, options)
        assert total > 0, f"{q!r} {options} finds nothing: the mix would prove nothing"
        if (ids, total, facets, undated) != (ids_c, total_c, facets_c, undated_c):
            differences.append(f"{q!r} {options}: total {total} vs {total_c}, "
                               f"{len(ids - ids_c)} only embedded, {len(ids_c - ids)} only on the "
                               f"cluster, facets differ: {[n for n in facets if facets[n] != facets_c.get(n)]}")
    assert not differences, "\n".join(differences)
    assert len(SAME_ANSWERS) >= 40


# Queries whose embedded ranking the cluster's expression ranker should follow: foreign names
# with other spellings, names in either order, words, a long question.
RANKED_ALIKE = ["North Korea", "Japan", "Trump Donald", "Nhật Bản", "hợp tác kinh tế",
                "tên lửa", "Bộ Ngoại giao", "xuất khẩu", "quan hệ giữa nga và mỹ dưới thời "
                "tổng thống trump", "những chuyến thăm của thủ tướng tới nhật bản"]


def test_the_cluster_ranks_the_first_page_as_the_embedded_index_does(cluster, news_index):
    """Sphinx ranks by an expression, not by the engine's code: it mirrors the engine's BM25
    (each field's length, IDF plus one, coordination only for long questions), so that most of
    the embedded engine's first page is the cluster's first page too."""
    from searcher import SearchParams, Searcher, open_searcher

    embedded, remote = Searcher(news_index), open_searcher(cluster.address)
    shares = []
    for q in RANKED_ALIKE:
        mine = [h.id for h in embedded.search(SearchParams(q=q, limit=10)).hits]
        theirs = [h.id for h in remote.search(SearchParams(q=q, limit=10)).hits]
        assert len(mine) == 10, q
        shares.append(len(set(mine) & set(theirs)) / len(mine))
    # 0.81 of the first page shared; 0.64 with the ranker that normalised every field by the
    # body's length, used plain IDF and coordinated every query
    assert sum(shares) / len(shares) >= 0.75, shares


# One-syllable names that are also common words or parts of people's names, lower-cased alike
CAPITALISED = ["Anh", "Đức", "Pháp", "Nga", "Trung"]


def test_the_cluster_reads_how_a_capitalised_word_is_written_as_the_embedded_index_does(
        cluster, news_index, monkeypatch):
    """``Anh`` (the UK) is one lower-cased term with the pronoun ``anh`` and the ``Anh`` of
    ``Tuấn Anh``: both backends read the stored text of the best articles where it stands alone
    and rank those that write it as a name of its own first, so their first pages agree."""
    from searcher import SearchParams, Searcher, open_searcher
    from searcher.cluster.searcher import ClusterSearcher

    embedded, remote = Searcher(news_index), open_searcher(cluster.address)

    def shared() -> list[float]:
        shares = []
        for q in CAPITALISED:
            mine = {h.id for h in embedded.search(SearchParams(q=q, limit=10)).hits}
            theirs = {h.id for h in remote.search(SearchParams(q=q, limit=10)).hits}
            shares.append(len(mine & theirs) / len(mine))
        return shares

    read = shared()
    page = [h.id for h in remote.search(SearchParams(q="Anh", limit=10)).hits]
    assert [h.id for h in remote.export(SearchParams(q="Anh"))][:10] == page  # a list taken away
    monkeypatch.setattr(ClusterSearcher, "_capitalised_word", staticmethod(lambda *_: None))
    unread = shared()
    assert sum(read) / len(read) >= 0.8 and sum(read) > sum(unread) + 0.5, (read, unread)


def test_the_command_line_and_the_site_search_the_cluster(cluster):
    found = run("query", "Nagano", "--backend", cluster.address, "--json")
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["hits"][0]["id"] == "000_f33226c30985bb77"
    assert result["hits"][0]["snippet"].count("<mark>") >= 1
    assert {"tỉnh Nagano"} <= {p["value"] for p in result["facets"]["partner"]}
    article = run("query", '"Lào Cai" Nagano', "--backend", cluster.address, "--format", "jsonl")
    assert article.returncode == 0 and "000_f33226c30985bb77" in article.stdout
    wrong = run("query", "Nagano", "--backend", "sphinxql://127.0.0.1:1")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1, wrong.stderr


def test_an_incremental_run_updates_and_removes_articles_on_the_cluster(cluster):
    from searcher import ArticleNotFound, SearchParams, open_searcher

    seeds = sorted(cluster.corpus.glob("*.txt"))
    changed, removed = seeds[1], seeds[4]
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "Lào Cai", "Lào Cai Zanzibarô", 1), encoding="utf-8")
    removed.unlink()
    fed = run("index", cluster.corpus, "--backend", cluster.address, "--index", cluster.state)
    assert fed.returncode == 0, fed.stderr
    assert "added 0, updated 1," in fed.stdout and "removed 1" in fed.stdout, fed.stdout
    remote = open_searcher(cluster.address)
    assert [h.id for h in remote.search(SearchParams(q="Zanzibarô")).hits] == [changed.stem]
    with pytest.raises(ArticleNotFound):
        remote.article(removed.stem)
    assert remote.doc_count == cluster.size - 1


def test_a_run_after_the_feed_changed_writes_every_article_again(cluster, monkeypatch):
    """The cluster holds what the feed wrote besides the analysis (chain markers): a new feed
    must not leave the archive half in the old form."""
    from searcher import index_cluster
    from searcher.cluster import feed
    from searcher.cluster.client import Cluster

    gazetteer = cluster.corpus / "partners.tsv"
    if gazetteer.is_file():  # as the command line does
        monkeypatch.setenv("SEARCHER_PARTNERS", str(gazetteer))
    same = index_cluster([cluster.corpus], cluster.address, cluster.state)
    assert (same.added, same.updated, same.removed) == (0, 0, 0), same.summary()
    shards = Cluster(cluster.address)
    for shard in range(2):  # as in an archive larger than a RAM chunk: the rows on disk
        shards.run(shard, ["FLUSH RAMCHUNK articles"])
    monkeypatch.setattr(feed, "FEED_ID", "another feed")
    again = index_cluster([cluster.corpus], cluster.address, cluster.state)
    assert (again.added, again.updated) == (0, same.unchanged), again.summary()
    # the rows replaced must not stay in the ranking's statistics: a keyword's document
    # frequency (its IDF) counts each article once again, as before the run

    def frequency_and_matches(shard: int) -> tuple[int, int]:
        stats = shards.run(shard, ["CALL KEYWORDS('trump', 'articles', 1)"])[0]
        matches = shards.run(shard, ["SELECT COUNT(*) FROM articles WHERE MATCH('trump')"])[0]
        return int(stats[0][3]), int(matches[0][0])

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(
            f != m for f, m in map(frequency_and_matches, range(2))):
        time.sleep(0.5)
    for shard in range(2):
        frequency, matches = frequency_and_matches(shard)
        assert frequency == matches > 0, (shard, frequency, matches)


def test_shards_made_before_the_field_lengths_get_them_on_the_next_run(cluster, monkeypatch):
    """The ranker reads each field's length: shards configured by an older version lack those
    columns, and the next index run adds and fills them instead of failing."""
    from searcher import SearchParams, index_cluster, open_searcher
    from searcher.cluster import feed
    from searcher.cluster.client import Cluster

    shards = Cluster(cluster.address)
    for shard in range(2):
        shards.run(shard, ["ALTER TABLE articles DROP COLUMN title_length"])
    gazetteer = cluster.corpus / "partners.tsv"
    if gazetteer.is_file():
        monkeypatch.setenv("SEARCHER_PARTNERS", str(gazetteer))
    monkeypatch.setattr(feed, "FEED_ID", "the feed that brought the column")
    report = index_cluster([cluster.corpus], cluster.address, cluster.state)
    assert "shard 1: column title_length added" in report.notes, report.notes
    rows = shards.search(["SELECT MIN(title_length), MAX(title_length) FROM {everything}"]).results
    assert 0 < rows[0][0][0] <= rows[0][0][1]  # every article's title counted again
    remote = open_searcher(cluster.address)
    assert remote.doc_count == cluster.size - 1 and remote.search(SearchParams(q="Nagano")).hits

    # Sphinx 2.2 cannot merge chunks written before an ALTER with those after: the shards are
    # written afresh, so their chunks still merge (the next test piles some up)
    def disk_chunks() -> list[int]:
        return [int(dict(shards.run(n, ["SHOW INDEX articles STATUS"])[0])["disk_chunks"])
                for n in range(2)]
    for shard in range(2):
        shards.run(shard, ["FLUSH RAMCHUNK articles"])
        shards.run(shard, ["OPTIMIZE INDEX articles"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and max(disk_chunks()) > 1:
        time.sleep(0.5)
    assert max(disk_chunks()) <= 1


def test_an_index_run_merges_the_disk_chunks_a_shard_has_piled_up(cluster):
    """Sphinx never merges a real-time index's disk chunks by itself, and every search reads
    each of them: an index run that finds too many asks the shard to merge them."""
    from searcher import SearchParams, open_searcher
    from searcher.cluster.client import Cluster, doc_number
    from searcher.cluster.feed import MAX_DISK_CHUNKS

    shards = Cluster(cluster.address)

    def chunks() -> int:
        return int(dict(shards.run(0, ["SHOW INDEX articles STATUS"])[0])["disk_chunks"])

    strays = [name for name in (f"stray-{i}" for i in range(100))
              if shards.shard_of(doc_number(name)) == 0][:MAX_DISK_CHUNKS + 1]
    for name in strays:  # each flush writes what the RAM chunk holds as one more disk chunk
        shards.run(0, [f"REPLACE INTO articles (id, title, doc_id, fingerprint, source) VALUES "
                       f"({doc_number(name)}, 'x', '{name}', '', 'nowhere.txt')"])
        shards.run(0, ["FLUSH RAMCHUNK articles"])
    assert chunks() > MAX_DISK_CHUNKS
    remote = open_searcher(cluster.address)
    before = remote.search(SearchParams(q="hợp tác")).total
    fed = run("index", cluster.corpus, "--backend", cluster.address, "--index", cluster.state)
    assert fed.returncode == 0, fed.stderr
    assert f"removed {len(strays)}" in fed.stdout and "OPTIMIZE INDEX" in fed.stderr, fed.stderr
    deadline = time.monotonic() + 120
    while chunks() > 1 and time.monotonic() < deadline:  # merged in the background
        time.sleep(0.5)
    assert chunks() <= 1
    assert remote.search(SearchParams(q="hợp tác")).total == before


def test_a_shard_that_is_down_gives_partial_results_and_a_warning(cluster, tmp_path):
    from searcher import SearchParams, open_searcher

    remote = open_searcher(cluster.address)
    whole = remote.search(SearchParams(q="hợp tác")).total
    cluster.kill(1)
    try:
        partial = remote.search(SearchParams(q="hợp tác"))
        assert 0 < partial.total < whole and partial.warnings
        assert all(w.startswith("kết quả thiếu một phần") for w in partial.warnings)
        cli = run("query", "hợp tác", "--backend", cluster.address)
        assert cli.returncode == 0 and "kết quả thiếu một phần" in cli.stdout, cli.stderr
        port = _free_base_port()
        with (tmp_path / "serve.log").open("w") as log:
            server = subprocess.Popen([str(SEARCHER), "serve", "--backend", cluster.address,
                                       "--port", str(port), "--workers", "1"], stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_for(port, seconds=60)
            import urllib.request
            from urllib.parse import quote

            with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q={quote('hợp tác')}",
                                        timeout=30) as page:
                assert page.status == 200
                assert "kết quả thiếu một phần" in page.read().decode("utf-8")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q={quote('hợp tác')}",
                                        timeout=30) as api:
                body = json.loads(api.read())
                assert body["total"] == partial.total and body["warnings"]
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        cluster.start(1)
    restored = remote.search(SearchParams(q="hợp tác"))
    assert restored.total == whole and not restored.warnings
