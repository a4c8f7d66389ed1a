"""Memory of a running ``searcher serve`` with an index loaded, after warm queries over HTTP.

Starts the real command on a free local port, waits for /healthz (which opens the index and
builds the facet caches), reads RSS, sends the query mix through /search (HTML) and /api/search
``--rounds`` times, and reads RSS again (VmRSS now, VmHWM the peak) before stopping the server.

    .venv/bin/python benchmarks/bench_serve_memory.py [--sizes 34870] [--rounds 2] [--index DIR]
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_query import load_mix  # noqa: E402
from common import (CORPUS_SIZE, FULL_INDEX, SEARCHER_BIN, WORKDIR, command_line,  # noqa: E402
                    load_average, memory_mb, percentile, print_table, save_results)

FACETS = ("partner", "country", "official", "year")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def query_string(entry: dict) -> str:
    pairs = [("q", entry["q"])] + [(f, v) for f in FACETS for v in entry.get(f, [])]
    return urllib.parse.urlencode(pairs)


def bench_serve(index_dir: Path, mix: list[dict], rounds: int) -> dict:
    port = free_port()
    argv = [str(SEARCHER_BIN), "serve", "--index", str(index_dir), "--host", "127.0.0.1",
            "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    load_before = load_average()
    start = time.perf_counter()
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        listening_rss = None
        while True:
            if server.poll() is not None:
                raise SystemExit(f"searcher serve exited: {server.stderr.read()[-500:]}")
            try:
                listening_rss = listening_rss or memory_mb(server.pid)["VmRSS"]
                status, body = get(f"{base}/healthz")
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                listening_rss = None
            time.sleep(0.2)
        ready_s = time.perf_counter() - start
        documents = json.loads(body)["documents"]
        after_open = memory_mb(server.pid)
        latencies = []
        for _ in range(rounds):
            for entry in mix:
                for path in ("/search", "/api/search"):
                    t0 = time.perf_counter()
                    status, _ = get(f"{base}{path}?{query_string(entry)}")
                    latencies.append((time.perf_counter() - t0) * 1000)
                    if status != 200:
                        raise SystemExit(f"{path}?{query_string(entry)} answered {status}")
        after_queries = memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"index": str(index_dir), "documents": documents, "ready_s": round(ready_s, 2),
            "rss_listening_mb": listening_rss, "rss_after_open_mb": after_open["VmRSS"],
            "rss_after_queries_mb": after_queries["VmRSS"], "peak_rss_mb": after_queries["VmHWM"],
            "anon_rss_after_queries_mb": after_queries["RssAnon"],
            "file_rss_after_queries_mb": after_queries["RssFile"],
            "requests": len(latencies), "http_p50_ms": round(percentile(latencies, 50), 1),
            "http_p95_ms": round(percentile(latencies, 95), 1),
            "http_mean_ms": round(statistics.fmean(latencies), 1),
            "command": " ".join(argv), "load_before": load_before, "load_after": load_average()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=str(CORPUS_SIZE))
    parser.add_argument("--index", type=Path, help="one index directory instead of --sizes")
    parser.add_argument("--rounds", type=int, default=2, help="passes of the query mix")
    args = parser.parse_args()
    mix = load_mix()
    if args.index:
        indexes = [args.index]
    else:
        indexes = [FULL_INDEX if int(n) == CORPUS_SIZE else WORKDIR / f"index-{n}"
                   for n in args.sizes.split(",")]
    print(f"# {command_line()}\n# load at start {load_average()}", flush=True)
    rows = [bench_serve(ix, mix, args.rounds) for ix in indexes]
    print_table(rows, ["documents", "ready_s", "rss_listening_mb", "rss_after_open_mb",
                       "rss_after_queries_mb", "peak_rss_mb", "anon_rss_after_queries_mb",
                       "file_rss_after_queries_mb", "requests", "http_p50_ms",
                       "http_p95_ms", "load_after"])
    for row in rows:
        print(f"server: {row['command']}")
    path = save_results("serve", {"runs": rows})
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
