"""Helpers shared by the speed-and-scale benchmarks: corpus slices, process-tree sampling, output.

The corpus is third-party text: slices are written to a scratch directory (``/tmp/bench`` by
default) at run time, never into the repository. Memory and CPU are read from ``/proc`` (Linux),
so the benchmarks need nothing beyond the project's own dependencies.
"""
from __future__ import annotations

import gzip
import json
import os
import resource
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_paths import news_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NEWS_CORPUS = news_corpus()  # $SEARCHER_CORPORA or ../shared/corpora (see corpus_paths.py)
CORPUS_SIZE = 34_870
WORKDIR = Path("/tmp/bench")
FULL_INDEX = WORKDIR / "full-index"
OUT_DIR = Path(__file__).resolve().parent / "out"
SEARCHER_BIN = REPO / ".venv" / "bin" / "searcher"
_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


def command_line() -> str:
    """The exact command that produced a result (printed with every table)."""
    return " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])


def parse_sizes(text: str) -> list[int]:
    sizes = [int(s) for s in text.split(",") if s.strip()]
    if not sizes or any(not 1 <= n <= CORPUS_SIZE for n in sizes):
        raise SystemExit(f"--sizes: give numbers from 1 to {CORPUS_SIZE}, e.g. 1000,10000,{CORPUS_SIZE}")
    return sorted(set(sizes))


def read_records(start: int, stop: int, corpus: Path = NEWS_CORPUS) -> list[dict]:
    """Records ``start``..``stop-1`` of the corpus (line order), as ``{id,title,summary,body}``."""
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= stop:
                break
            if number >= start:
                record = json.loads(line)
                out.append({k: record.get(k) or "" for k in ("id", "title", "summary", "body")})
    return out


def write_jsonl(records: list[dict], path: Path) -> Path:
    """Write records as one JSONL file (only if it is not already there with that many lines)."""
    if path.exists() and sum(1 for _ in path.open(encoding="utf-8")) == len(records):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def load_average() -> str:
    """``uptime``'s three load averages: other engineers share this machine."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


# -- process tree sampling ---------------------------------------------------------------------

def _stat(pid: int) -> tuple[int, int, int, int] | None:
    """(ppid, cpu ticks user+system, rss bytes, anonymous rss bytes) of a live process, or None.

    Whoosh mmaps its segment files: pages of the index it touched count in RSS but are shared,
    reclaimable page cache; the anonymous part is the process's own memory.
    """
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
        statm = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) "
    resident, shared = int(statm[1]) * _PAGE, int(statm[2]) * _PAGE
    return int(fields[1]), int(fields[11]) + int(fields[12]), resident, resident - shared


def memory_mb(pid: int) -> dict:
    """Current and peak RSS of one process, and its anonymous / file-backed parts, in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return {key: round(int(status[key].split()[0]) / 1024, 1)
            for key in ("VmRSS", "VmHWM", "RssAnon", "RssFile")}


def _system_busy() -> tuple[int, int]:
    """(busy ticks, total ticks) of the whole machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _tree(root: int) -> dict[int, tuple[int, int, int]]:
    """pid -> (cpu ticks, rss, anonymous rss) for root and all its descendants."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st:
                stats[int(entry)] = st
    tree, frontier = {}, [root]
    while frontier:
        pid = frontier.pop()
        if pid in stats and pid not in tree:
            tree[pid] = stats[pid][1:]
            frontier += [p for p, st in stats.items() if st[0] == pid]
    return tree


def _pss(pid: int) -> int:
    """Proportional set size in bytes (each shared page split among the processes mapping it),
    or 0 for a process gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class TreeSample:
    elapsed: float
    processes: int
    rss: int  # bytes, summed over the tree
    # The same counting each page shared by forked workers once: RSS counts the pages a worker
    # shares with its parent (its imports, forked) in both.
    pss: int
    anon_rss: int  # the same without file-backed pages (mmapped index files)
    main_rss: int
    tree_cores: float  # CPU cores the tree used since the previous sample
    machine_cores: float  # CPU cores the whole machine used (other engineers' work included)


PSS_EVERY = 8  # PSS is read at every PSS_EVERY-th sample (see TreeMonitor._run)


@dataclass
class TreeMonitor:
    """Samples a process tree every ``interval`` s: summed RSS and PSS, cores used, machine load."""

    pid: int
    interval: float = 0.25
    samples: list[TreeSample] = field(default_factory=list)
    main_cpu_ticks: int = 0

    def start(self) -> "TreeMonitor":
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        t0 = time.perf_counter()
        last_t, last_ticks, last_busy = t0, {}, _system_busy()
        while not self._stop.is_set():
            tree = _tree(self.pid)
            if not tree:
                break
            now, busy = time.perf_counter(), _system_busy()
            dt = max(now - last_t, 1e-6)
            used = sum(max(0, ticks - last_ticks.get(pid, ticks if last_ticks else 0))
                       for pid, (ticks, _, _) in tree.items())
            self.samples.append(TreeSample(
                elapsed=now - t0,
                processes=len(tree),
                rss=sum(rss for _, rss, _ in tree.values()),
                # PSS walks every page of each process (smaps_rollup): a quarter of a core
                # at every sample, taken from the run measured; every PSS_EVERY-th sample
                pss=sum(_pss(pid) for pid in tree) if len(self.samples) % PSS_EVERY == 0 else 0,
                anon_rss=sum(anon for _, _, anon in tree.values()),
                main_rss=tree.get(self.pid, (0, 0, 0))[1],
                tree_cores=used / _TICK / dt,
                machine_cores=(busy[0] - last_busy[0]) / max(1, busy[1] - last_busy[1]) * os.cpu_count(),
            ))
            self.main_cpu_ticks = tree.get(self.pid, (self.main_cpu_ticks, 0, 0))[0]
            last_t, last_ticks, last_busy = now, {p: t for p, (t, _, _) in tree.items()}, busy
            self._stop.wait(self.interval)

    def summary(self) -> dict:
        s = self.samples[1:] or self.samples
        if not s:
            return {}
        parallel = [x.elapsed for x in self.samples if x.processes > 1]
        phases = {}
        if parallel:  # the main process alone before the workers start and after they end
            phases = {"main_alone_before_workers_s": round(parallel[0], 1),
                      "main_alone_after_workers_s": round(self.samples[-1].elapsed - parallel[-1], 1)}
        return {
            **phases,
            "peak_tree_rss_mb": round(max(x.rss for x in s) / 2**20, 1),
            "peak_tree_anon_rss_mb": round(max(x.anon_rss for x in s) / 2**20, 1),
            "peak_tree_pss_mb": round(max(x.pss for x in s) / 2**20, 1),
            "peak_main_rss_mb": round(max(x.main_rss for x in s) / 2**20, 1),
            "max_processes": max(x.processes for x in s),
            "main_cpu_s": round(self.main_cpu_ticks / _TICK, 1),
            "mean_tree_cores": round(sum(x.tree_cores for x in s) / len(s), 2),
            "share_of_time_both_cores_busy": round(
                sum(1 for x in s if x.tree_cores >= 1.6) / len(s), 2),
            "mean_machine_cores": round(sum(x.machine_cores for x in s) / len(s), 2),
            "mean_other_cores": round(  # what other engineers' work took meanwhile
                sum(max(0.0, x.machine_cores - x.tree_cores) for x in s) / len(s), 2),
        }


@dataclass
class RunResult:
    command: str
    returncode: int
    wall_s: float
    cpu_s: float  # user + system of the process and every descendant it waited for
    max_single_rss_mb: float  # largest RSS of any one process in the tree (getrusage)
    stdout: str
    stderr: str
    tree: dict
    load_before: str
    load_after: str


def run_measured(argv: list[str], interval: float = 0.25, env: dict | None = None) -> RunResult:
    """Run a command to its end; wall time, CPU of the whole tree, peak summed RSS, load."""
    load_before = load_average()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)
    monitor = TreeMonitor(proc.pid, interval=interval).start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    monitor.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return RunResult(
        command=" ".join(shlex.quote(a) for a in argv), returncode=proc.returncode,
        wall_s=round(wall, 2), cpu_s=round(cpu, 1),
        max_single_rss_mb=round(after.ru_maxrss / 1024, 1), stdout=out.strip(),
        stderr=err.strip()[-2000:], tree=monitor.summary(),
        load_before=load_before, load_after=load_average())


# -- output --------------------------------------------------------------------------------------

def print_table(rows: list[dict], columns: list[str]) -> None:
    cells = [[str(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c)
              for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def save_results(name: str, payload: dict) -> Path:
    """Write ``benchmarks/out/NAME-<timestamp>.json`` and ``NAME-latest.json``."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    payload = {"command": command_line(), "machine_cores": os.cpu_count(),
               "finished": time.strftime("%Y-%m-%dT%H:%M:%S"), **payload}
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    path = OUT_DIR / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(text, encoding="utf-8")
    (OUT_DIR / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p50 of 50 values is the 25th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]
