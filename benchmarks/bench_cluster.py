"""The cluster backend beside the embedded index (issue 18), on the same machine and corpus.

    .venv/bin/python benchmarks/bench_cluster.py --index DIR [--corpus PATH ...]
        [--workdir /tmp/bench-cluster] [--rounds 3] [--dask-sample 1000] [--skip-feed]
        [--cache-from DIR2 | --dask-feed]

``DIR`` is an embedded index of the corpus (built by ``searcher index``); its analysis cache
(or that of ``--cache-from``) feeds the cluster, as a re-index of a cluster from a warm cache
would. Three measures:

1. **feed**: a local two-shard cluster (``local_cluster.py``) fed by ``index_cluster`` from the
   analysis cache (the cluster's own cost: building rows, SphinxQL inserts); articles a second.
2. **analysis**: ``--dask-sample`` articles of the corpus analysed without a cache, by the
   local pool of two processes and by a two-worker dask ``LocalCluster``, one after the other
   (segmentation is the cost a dask cluster of many machines spreads).
3. **search**: the 64-query mix (top 10, snippets, every facet counted) as ``/api/search``
   requests, one at a time, to ``searcher serve --index DIR`` and to ``searcher serve --backend
   sphinxql://...`` (one worker each, one server at a time); p50 and p95 per round, the median
   of ``--rounds``, once each shard's disk chunks are merged into one (``settle``).
"""
from __future__ import annotations

import argparse
import json
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_query import load_mix  # noqa: E402
from bench_serve import free_port, get  # noqa: E402
from common import percentile, save_results  # noqa: E402
from local_cluster import local_cluster  # noqa: E402

from searcher import FACET_NAMES, index_cluster, index_paths  # noqa: E402
from searcher.cluster.client import Cluster  # noqa: E402
from searcher.cluster.feed import disk_chunks  # noqa: E402
from searcher.cluster.layout import SHARD_INDEX  # noqa: E402

SEARCHER = Path(sys.executable).parent / "searcher"


def feed(corpus: list[Path], state: Path, address: str, dask: str | None = None) -> dict:
    started = time.perf_counter()
    report = index_cluster(corpus, address, state, dask=dask)
    seconds = time.perf_counter() - started
    written = report.added + report.updated
    print(f"feed: {report.summary()} in {seconds:.0f} s "
          f"({written / seconds:.0f} articles/s; reused {report.reused}, analysed {report.analysed})")
    return {"seconds": seconds, "written": written, "reused": report.reused, "dask": bool(dask),
            "analysed": report.analysed, "articles_per_second": written / seconds}


def cold_feed(corpus: list[Path], state: Path, address: str) -> dict:
    """The feed with every article analysed on a two-worker dask ``LocalCluster`` (an empty cache
    in ``state``; copies of an article already analysed in the run come from it)."""
    from distributed import LocalCluster

    shutil.rmtree(state, ignore_errors=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        return feed(corpus, state, address, cluster.scheduler_address)


def analysis(corpus: list[Path], sample: int) -> dict:
    """The first ``sample`` articles analysed by the local pool, then by a dask LocalCluster."""
    from distributed import LocalCluster

    from searcher import iter_articles
    from searcher.model import Article

    records = []
    for item in iter_articles(corpus):
        if isinstance(item, Article):
            records.append({"id": item.id, "title": item.title, "summary": item.summary or "",
                            "body": item.body})
            if len(records) == sample:
                break
    figures = {}
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "sample.jsonl"
        source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                          encoding="utf-8")
        started = time.perf_counter()
        index_paths([source], Path(work) / "local", cache=False, workers=2)
        figures["local_pool_seconds"] = time.perf_counter() - started
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            started = time.perf_counter()
            index_paths([source], Path(work) / "dask", cache=False,
                        dask=cluster.scheduler_address)
            figures["dask_seconds"] = time.perf_counter() - started
    figures["articles"] = len(records)
    figures["dask_over_local"] = figures["dask_seconds"] / figures["local_pool_seconds"]
    print(f"analysis of {len(records)} articles: local pool {figures['local_pool_seconds']:.1f} s, "
          f"dask LocalCluster {figures['dask_seconds']:.1f} s "
          f"(ratio {figures['dask_over_local']:.2f})")
    return figures


def _path(entry: dict) -> str:
    pairs = [("q", entry["q"])] + [(f, v) for f in FACET_NAMES for v in entry.get(f, [])]
    return "/api/search?" + urlencode(pairs)


def latency(location: list[str], rounds: int) -> dict:
    """p50/p95 of the mix through one ``searcher serve`` (one worker), median of the rounds."""
    port = free_port()
    server = subprocess.Popen([str(SEARCHER), "serve", *location, "--port", str(port),
                               "--workers", "1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"the server over {location} did not start")
            time.sleep(0.5)
        paths = [_path(entry) for entry in load_mix()]
        for path in paths:  # warm: parse caches, the OS's page cache
            get(port, path)
        p50s, p95s = [], []
        for _ in range(rounds):
            times = []
            for path in paths:
                started = time.perf_counter()
                status, _ = get(port, path)
                times.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
            p50s.append(percentile(times, 50))
            p95s.append(percentile(times, 95))
        return {"p50_ms": statistics.median(p50s), "p95_ms": statistics.median(p95s),
                "rounds_p50": p50s, "rounds_p95": p95s}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def settle(address: str, poll: float = 10.0) -> dict:
    """Merge each shard's disk chunks into one and wait until they are: Sphinx 2.2's ``OPTIMIZE
    INDEX`` runs in the background (an index run only starts it), and a search over a shard still
    merging shares the cores with the merge. Returns the chunks found and the seconds waited."""
    cluster = Cluster(address)
    started = time.perf_counter()
    try:
        def chunks() -> list[int]:
            return [disk_chunks(cluster, shard) for shard in range(len(cluster.shards))]
        found = chunks()
        for shard, count in enumerate(found):
            if count > 1:
                cluster.run(shard, [f"OPTIMIZE INDEX {SHARD_INDEX}"])
        while max(chunks()) > 1:
            time.sleep(poll)
    finally:
        cluster.close()
    return {"disk_chunks_before": found, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, nargs="+",
                        default=[HERE.parent / "corpus",
                                 HERE.parent.parent / "shared" / "corpora" / "vnnews-2017.jsonl.gz"])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-cluster"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dask-sample", type=int, default=1000)
    parser.add_argument("--skip-feed", action="store_true", help="the cluster is already fed")
    parser.add_argument("--dask-feed", action="store_true",
                        help="feed from an empty analysis cache, analysing on a dask LocalCluster")
    parser.add_argument("--cache-from", type=Path,
                        help="the index directory whose analysis cache feeds the cluster (default --index)")
    args = parser.parse_args()
    if shutil.which("searchd") is None:
        raise SystemExit("needs Sphinx's searchd: apt-get install sphinxsearch")
    payload = {"corpus": [str(p) for p in args.corpus], "index": str(args.index)}
    with local_cluster(args.workdir / "cluster") as address:
        if args.dask_feed:
            payload["feed"] = cold_feed(args.corpus, args.workdir / "state", address)
        elif not args.skip_feed:
            payload["feed"] = feed(args.corpus, args.cache_from or args.index, address)
        payload["settle"] = settle(address)
        print(f"shards' disk chunks {payload['settle']['disk_chunks_before']} merged into one "
              f"each in {payload['settle']['seconds']} s")
        payload["search"] = {}
        for name, location in (("embedded", ["--index", str(args.index)]),
                               ("cluster", ["--backend", address])):
            payload["search"][name] = latency(location, args.rounds)
            figures = payload["search"][name]
            print(f"search through {name}: p50 {figures['p50_ms']:.1f} ms, "
                  f"p95 {figures['p95_ms']:.1f} ms (rounds p50 "
                  f"{', '.join(f'{v:.1f}' for v in figures['rounds_p50'])})")
    if args.dask_sample:
        payload["analysis"] = analysis(args.corpus, args.dask_sample)
    print(f"written to {save_results('bench_cluster', payload)}")


if __name__ == "__main__":
    main()
