"""Load on the real ``searcher serve``: concurrent keep-alive clients against /api/search.

Starts the real command on a free loopback port over an index (by default one built here over
the seed pages + the first 2,000 articles of the news corpus, in a temporary directory), then
runs ``--clients`` threads, each with its own keep-alive connection, sending the fixed query mix
(benchmarks/queries_mix.json, with page 2, date sort and date-range variants) for ``--seconds``.
Reports errors (anything but a 200 with a JSON body), throughput and latency percentiles, with
the server's CPU and memory; writes benchmarks/out/load.json.

The clients run in this process and share the machine with the server: on a small machine the
figures measure both, and the load average before and after says how busy it was otherwise.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--clients 20] [--index DIR]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (NEWS_CORPUS, OUT_DIR, REPO, SEARCHER_BIN, TreeMonitor,  # noqa: E402
                    command_line, load_average, percentile, print_table, read_records,
                    write_jsonl)

MIX = Path(__file__).resolve().parent / "queries_mix.json"
FACETS = ("partner", "country", "official", "year")
DEFAULT_RECORDS = 2_000
# Request variants layered on the mix, so paging, date sorting and date filters are exercised.
VARIANTS = (
    ("first page", {}),
    ("page 2", {"page": "2"}),
    ("sort by date", {"sort": "date"}),
    ("date range", {"from": "2017-01-01", "to": "2017-06-30"}),
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_default_index(workdir: Path, records: int) -> tuple[Path, float]:
    """Seeds + the first ``records`` corpus articles, indexed by the real CLI; (dir, seconds)."""
    corpus = write_jsonl(read_records(0, records), workdir / f"news-{records}.jsonl")
    index_dir = workdir / "index"
    started = time.perf_counter()
    subprocess.run([str(SEARCHER_BIN), "index", str(REPO / "corpus"), str(corpus),
                    "--index", str(index_dir)], check=True, stdout=subprocess.DEVNULL)
    return index_dir, time.perf_counter() - started


def request_mix() -> list[tuple[str, str]]:
    """(kind, path) for every query of the mix under every variant."""
    out = []
    for entry in json.loads(MIX.read_text(encoding="utf-8"))["queries"]:
        pairs = [("q", entry["q"])] if entry["q"] else []
        pairs += [(f, v) for f in FACETS for v in entry.get(f, [])]
        for variant, extra in VARIANTS:
            query = urllib.parse.urlencode(pairs + list(extra.items()))
            out.append((f"{entry['kind']} / {variant}", f"/api/search?{query}"))
    return out


class Client(threading.Thread):
    """One user on a keep-alive connection, sending requests back to back until the deadline."""

    def __init__(self, number: int, port: int, mix: list[tuple[str, str]], deadline: float):
        super().__init__(daemon=True)
        self.rng = random.Random(number)
        self.port, self.mix, self.deadline = port, mix, deadline
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while time.perf_counter() < self.deadline:
            kind, path = self.rng.choice(self.mix)
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200 or "total" not in json.loads(body):
                    self.errors.append(f"{response.status} {path}")
                else:
                    self.latencies[kind].append(elapsed)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc} ({path})")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.close()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 300) -> float:
    """Seconds until /healthz answers 200 (the index is open and its caches built)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"load: `searcher serve` exited with status {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit("load: `searcher serve` did not answer /healthz in time")


def summarise(latencies: list[float], seconds: float) -> dict:
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(ms),
        "req_per_s": round(len(ms) / seconds, 1),
        "p50_ms": round(percentile(ms, 50), 1) if ms else None,
        "p95_ms": round(percentile(ms, 95), 1) if ms else None,
        "p99_ms": round(percentile(ms, 99), 1) if ms else None,
        "max_ms": round(max(ms), 1) if ms else None,
    }


def run_load(index_dir: Path, seconds: float, clients: int, threads: int) -> dict:
    port = free_port()
    argv = [str(SEARCHER_BIN), "serve", "--index", str(index_dir), "--port", str(port),
            "--threads", str(threads)]
    # The server's stderr goes to a file: waitress logs a warning per queued request under load,
    # and an unread pipe fills up and stalls the server (seen as 60 s client timeouts).
    server_log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=server_log, text=True)
    try:
        startup = wait_until_up(port, server)
        mix = request_mix()
        for _, path in mix[::8]:  # warm the page cache and the searcher
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            connection.getresponse().read()
        load_before = load_average()
        monitor = TreeMonitor(server.pid, interval=0.5).start()
        started = time.perf_counter()
        workers = [Client(n, port, mix, started + seconds) for n in range(clients)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        monitor.stop()
        load_after = load_average()
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.seek(0)
        server_stderr = server_log.read()
        server_log.close()

    by_kind: dict[str, list[float]] = defaultdict(list)  # query kind, and request variant
    everything: list[float] = []
    for worker in workers:
        for label, values in worker.latencies.items():
            kind, variant = label.split(" / ")
            by_kind[kind].extend(values)
            by_kind[f"({variant})"].extend(values)
            everything.extend(values)
    errors = [e for worker in workers for e in worker.errors]
    return {
        "index": str(index_dir),
        "server_command": " ".join(argv),
        "clients": clients,
        "server_threads": threads,
        "seconds": round(elapsed, 1),
        "server_startup_s": round(startup, 2),
        "errors": len(errors),
        "error_samples": errors[:10],
        "server_tracebacks": server_stderr.count("Traceback"),
        "overall": summarise(everything, elapsed),
        "by_kind": {kind: summarise(values, elapsed) for kind, values in sorted(by_kind.items())},
        "server_process": monitor.summary(),
        "load_before": load_before,
        "load_after": load_after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="an existing index (default: build one)")
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS,
                        help="corpus articles in the default index (default 2000)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8, help="server threads (serve's default)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="searcher-load-") as workdir:
        build_seconds = None
        if args.index:
            index_dir = args.index
        else:
            if not NEWS_CORPUS.exists():
                raise SystemExit(f"load: {NEWS_CORPUS} not found; pass --index DIR")
            print(f"building an index over the seeds + {args.records} articles…", file=sys.stderr)
            index_dir, build_seconds = build_default_index(Path(workdir), args.records)
        result = run_load(index_dir, args.seconds, args.clients, args.threads)
    result = {"command": command_line(), "machine_cores": os.cpu_count(),
              "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "index_build_s": round(build_seconds, 1) if build_seconds else None, **result}

    rows = [{"kind": kind, **figures} for kind, figures in result["by_kind"].items()]
    rows.append({"kind": "ALL", **result["overall"]})
    print_table(rows, ["kind", "requests", "req_per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms"])
    server = result["server_process"]
    print(f"\nerrors: {result['errors']}  server tracebacks: {result['server_tracebacks']}  "
          f"clients: {args.clients}  server threads: {args.threads}  seconds: {result['seconds']}")
    print(f"server: peak RSS {server.get('peak_main_rss_mb')} MB, "
          f"mean {server.get('mean_tree_cores')} cores; machine cores {os.cpu_count()}, "
          f"load {result['load_before']} -> {result['load_after']}")
    for sample in result["error_samples"]:
        print(f"  error: {sample}")
    print(f"command: {result['command']}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = OUT_DIR / "load.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {out}")
    return 1 if result["errors"] or result["server_tracebacks"] else 0


if __name__ == "__main__":
    sys.exit(main())
