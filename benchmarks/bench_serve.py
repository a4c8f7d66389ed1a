"""The real ``searcher serve`` under 20 concurrent clients, one worker against several, same run.

    .venv/bin/python benchmarks/bench_serve.py [--index DIR] [--workers 1,2] [--seconds 60]
        [--rounds 1]

For each worker count: start the command on a free port, time /healthz until it answers (the
index opened and warmed), wait until every worker has answered it, time the first search after
that, then run ``wrk`` (Debian's ``wrk``: a C load generator, so the clients cost little CPU
beside the server) with ``--clients`` keep-alive connections for ``--seconds``, cycling through
the fixed query mix
(benchmarks/queries_mix.json under the same variants as load.py: first page, page 2, date
order, a date range) on /api/search. Reports errors (socket errors and non-2xx answers),
throughput, latency percentiles (from wrk's own histogram), the server's memory (PSS summed
over its processes: shared pages counted once) and the throughput ratio to one worker.

``--rounds N`` runs the worker counts in turn N times (1, 2, 1, 2, ...) and gives each run's ratio
to the first count's runs just before and after it (their mean): the host's speed drifts, so a
ratio is taken between runs minutes apart, not between the first and the last; the median of
the rounds is printed.
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL_INDEX, SEARCHER_BIN, _tree, command_line, load_average  # noqa: E402
from load import request_mix  # noqa: E402

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("P95 %%d\\n", latency:percentile(95)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def pss_mb(root: int) -> float:
    """Proportional set size of a process and its children: each shared page counted once."""
    total = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def parse_wrk(text: str) -> dict:
    def seconds(value: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
        return float(number) * {"us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4}[unit]

    out = {"requests": int(re.search(r"(\d+) requests in", text).group(1)),
           "req_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", text, re.M)
        out[f"p{pct}_ms"] = round(seconds(match.group(1)), 1)
    out["p95_ms"] = round(int(re.search(r"^P95 (\d+)", text, re.M).group(1)) / 1000, 1)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    out["errors"] = (sum(map(int, errors.groups())) if errors else 0) + \
        (int(non2xx.group(1)) if non2xx else 0)
    return out


def run(index: Path, workers: int, threads: int | None, seconds: int, clients: int,
        paths_file: Path, paths: list[str]) -> dict:
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(SEARCHER_BIN), "serve", "--index", str(index), "--port",
                               str(port), "--workers", str(workers),
                               *(["--threads", str(threads)] if threads else [])],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit(f"serve --workers {workers} did not start")
        ready = time.perf_counter() - started
        # Wait for every worker: the first one ready would otherwise take all of wrk's
        # keep-alive connections, and the others would idle through the run.
        answered: set = set()
        while len(answered) < workers and time.perf_counter() - started < 600:
            answered.add(json.loads(get(port, "/healthz")[1])["worker"])
        first_started = time.perf_counter()
        get(port, paths[0])
        first_ms = (time.perf_counter() - first_started) * 1000
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(WRK_SCRIPT % paths_file)
        wrk = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency",
                              "--timeout", "30s", "-s", str(script), f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, check=True)
        memory = pss_mb(server.pid)
        result = {"workers": workers, "threads": threads or "default", "ready_s": round(ready, 1),
                  "first_query_ms": round(first_ms, 1), **parse_wrk(wrk.stdout),
                  "server_pss_mb": memory}
        script.unlink()
        return result
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=FULL_INDEX)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--threads", type=int, default=None,
                        help="threads per worker (default: searcher serve's)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench_serve: needs wrk (apt-get install wrk)")
    paths = [path for _, path in request_mix()]
    paths_file = Path(tempfile.mkstemp(suffix=".txt")[1])
    paths_file.write_text("\n".join(paths) + "\n")
    print(f"# {command_line()}; load {load_average()}; {len(paths)} request paths")
    counts = [int(w) for w in args.workers.split(",")]
    results = [run(args.index, count, args.threads, args.seconds, args.clients, paths_file, paths)
               for _ in range(args.rounds) for count in counts]
    if args.rounds > 1:  # the first count once more, so the last runs have a neighbour after
        results.append(run(args.index, counts[0], args.threads, args.seconds, args.clients,
                           paths_file, paths))
    firsts = [i for i, r in enumerate(results) if r["workers"] == counts[0]]
    columns = ["workers", "threads", "ready_s", "first_query_ms", "requests", "errors",
               "req_per_s", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "server_pss_mb"]
    print(" | ".join(columns) + f" | x {counts[0]} worker(s) beside it")
    ratios: dict[int, list[float]] = {}
    for i, r in enumerate(results):
        near = [j for j in firsts if j != i and abs(j - i) <= len(counts) - 1] or firsts[:1]
        base = sum(results[j]["req_per_s"] for j in near) / len(near)
        r["ratio"] = round(r["req_per_s"] / base, 2)
        ratios.setdefault(r["workers"], []).append(r["ratio"])
        print(" | ".join(str(r[c]) for c in columns) + f" | {r['ratio']:.2f}")
    for count, values in ratios.items():
        if count != counts[0]:
            print(f"# {count} workers: x {sorted(values)[len(values) // 2]:.2f} (median of "
                  f"{', '.join(f'{v:.2f}' for v in values)})")
    print(f"# load {load_average()}")
    print(json.dumps(results))
    paths_file.unlink()


if __name__ == "__main__":
    main()
