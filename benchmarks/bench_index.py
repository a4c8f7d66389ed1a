"""Index build speed and scale, measured through the real ``searcher index`` command.

For each size N: the first N articles of vnnews-2017 are written as JSONL into a scratch
directory and indexed from scratch by ``searcher index DIR --index IXDIR`` in a subprocess
(wall time, articles/s, CPU of the whole process tree, peak summed RSS, index size); then
underthesea ``word_tokenize`` alone segments the same title + summary + body with a Pool of as
many processes as the indexer uses (the floor: segmentation is the bulk of the work); then the
unchanged corpus is indexed again. The largest size is built with its last ``--add`` articles
held back, which are then added to the finished index. At the full corpus size that index is
kept as /tmp/bench/full-index for the query and serve benchmarks.

    .venv/bin/python benchmarks/bench_index.py [--sizes 1000,10000,34870] [--rounds 1]
        [--add 100] [--workdir /tmp/bench] [--no-segmentation] [--profile N]

``--profile N`` instead runs the indexer in-process with one worker on the first N articles
under cProfile (so the analysis shows up beside the writer) and prints where the time goes.

``--cache`` instead measures the analysis cache on the seeds plus every ``--step``-th corpus
article (``slice.py``; step 12: 2,906 articles): per round, side by side, a first build with a
cold cache (into an empty index directory; ``--also-no-cache``: and one with ``--no-cache``
before it) and a ``--rebuild`` with the cache warm; the median of ``--rounds`` runs of each,
the ratio of the warm rebuild to the first build, and the cache file's size. A warm rebuild
that analysed anything (the analysis code changed between the runs) is left out, and said.

    .venv/bin/python benchmarks/bench_index.py --cache [--rounds 3] [--step 12] [--also-no-cache]
"""
from __future__ import annotations

import argparse
import cProfile
import fcntl
import io
import json
import multiprocessing
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (CORPUS_SIZE, SEARCHER_BIN, WORKDIR, command_line, dir_size,  # noqa: E402
                    load_average, parse_sizes, print_table, read_records, run_measured,
                    save_results, write_jsonl)
from slice import OLD_STEP, slice_paths  # noqa: E402

from searcher.store.analysis_cache import FILE_NAME as CACHE_FILE, last_run  # noqa: E402


def _segment_article(record: dict) -> int:
    from underthesea import word_tokenize

    text = "\n".join(part for part in (record["title"], record["summary"], record["body"]) if part)
    return len(word_tokenize(text))


def _warm_underthesea(_=None) -> None:
    from underthesea import word_tokenize

    word_tokenize("Việt Nam")


def time_segmentation(records: list[dict], processes: int) -> dict:
    """underthesea word_tokenize over every article, Pool(processes); the pool starts warm."""
    load_before = load_average()
    ctx = multiprocessing.get_context("fork")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with ctx.Pool(processes, initializer=_warm_underthesea) as pool:
        pool.map(_warm_underthesea, range(processes))  # model loaded before the clock starts
        start = time.perf_counter()
        words = sum(pool.imap_unordered(_segment_article, records, chunksize=8))
        wall = time.perf_counter() - start
        pool.close()
        pool.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"articles": len(records), "processes": processes, "wall_s": round(wall, 2),
            "cpu_s_incl_model_load": round(cpu, 1), "words": words,
            "articles_per_s": round(len(records) / wall, 1),
            "load_before": load_before, "load_after": load_average()}


def index_run(corpus_dir: Path, index_dir: Path, label: str, articles: int,
              options: tuple[str, ...] = ()) -> dict:
    result = run_measured([str(SEARCHER_BIN), "index", str(corpus_dir), "--index", str(index_dir),
                           *options])
    if result.returncode != 0:
        raise SystemExit(f"{label}: searcher index failed ({result.returncode}): {result.stderr}")
    cache = index_dir / CACHE_FILE
    cache_size = cache.stat().st_size if cache.exists() else 0
    row = {"step": label, "articles": articles, "wall_s": result.wall_s,
           "articles_per_s": round(articles / result.wall_s, 1) if articles else None,
           "cpu_s": result.cpu_s, "cpu_cores_used": round(result.cpu_s / result.wall_s, 2),
           "max_single_rss_mb": result.max_single_rss_mb, **result.tree,
           "index_mb": round((dir_size(index_dir) - cache_size) / 2**20, 1),
           "cache_mb": round(cache_size / 2**20, 1), "report": result.stdout,
           "command": result.command, "load_before": result.load_before,
           "load_after": result.load_after}
    print(f"  {label}: {result.wall_s} s ({row['report']}); load {result.load_after}", flush=True)
    return row


def bench_size(n: int, args, largest: bool) -> tuple[list[dict], dict | None]:
    held_back = args.add if largest and n > args.add else 0
    records = read_records(0, n)
    corpus_dir = args.workdir / f"corpus-{n}"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    write_jsonl(records[:n - held_back], corpus_dir / "part-1.jsonl")
    final_dir = args.workdir / ("full-index" if n == CORPUS_SIZE else f"index-{n}")
    index_dir = final_dir.with_name(final_dir.name + ".building")
    rows = []
    for round_no in range(args.rounds):
        shutil.rmtree(index_dir, ignore_errors=True)
        rows.append(index_run(corpus_dir, index_dir, f"build {n - held_back}", n - held_back))
        rows[-1]["round"] = round_no + 1
    builds = rows[:]
    if args.rounds > 1:  # keep the median round as the figure
        builds.sort(key=lambda r: r["wall_s"])
        median = dict(builds[len(builds) // 2])
        median["rounds_wall_s"] = [r["wall_s"] for r in rows]
        rows = [median]
    seg = None
    if not args.no_segmentation:
        seg = time_segmentation(records[:n - held_back], processes=os.cpu_count() or 1)
        seg["build_over_segmentation"] = round(rows[0]["wall_s"] / seg["wall_s"], 2)
        # CPU seconds are less sensitive than wall time to other work on the machine
        seg["build_cpu_over_segmentation_cpu"] = round(rows[0]["cpu_s"] / seg["cpu_s_incl_model_load"], 2)
        print(f"  segmentation {seg['articles']}: {seg['wall_s']} s; load {seg['load_after']}",
              flush=True)
    if held_back:
        write_jsonl(records[n - held_back:], corpus_dir / "part-2.jsonl")
        rows.append(index_run(corpus_dir, index_dir, f"add {held_back}", held_back))
    rows.append(index_run(corpus_dir, index_dir, f"re-index unchanged {n}", 0))
    rows[-1]["share_of_build"] = round(rows[-1]["wall_s"] / rows[0]["wall_s"], 3)
    shutil.rmtree(final_dir, ignore_errors=True)
    index_dir.rename(final_dir)
    for row in rows:
        row["size"] = n
        row["index_dir"] = str(final_dir)
    return rows, seg


NO_CACHE_STEP = ("first build, --no-cache", ("--no-cache",), True)
CACHE_STEPS = (("first build, cold cache", (), True),  # into an empty index directory
               ("--rebuild, warm cache", ("--rebuild",), False))


def bench_cache(args) -> None:
    """First builds and warm-cache rebuilds of a corpus slice, side by side (see module doc)."""
    paths = slice_paths(args.workdir, args.step)
    corpus_dir = paths[0].parent
    articles = sum(1 for _ in paths[0].open(encoding="utf-8")) + len(paths) - 1
    text_bytes = sum(len((r.get(k) or "").encode()) for r in map(json.loads, paths[0].open(
        encoding="utf-8")) for k in ("title", "summary", "body"))
    text_bytes += sum(p.stat().st_size for p in paths[1:])
    index_dir = args.workdir / f"cache-index-{args.step}"
    print(f"# {command_line()}\n# {articles} articles ({text_bytes / 1e6:.1f} MB of text), "
          f"{corpus_dir}; load at start {load_average()}", flush=True)
    steps = (NO_CACHE_STEP, *CACHE_STEPS) if args.also_no_cache else CACHE_STEPS
    rows = []
    for round_no in range(1, args.rounds + 1):
        for label, options, fresh in steps:
            if fresh:
                shutil.rmtree(index_dir, ignore_errors=True)
            row = index_run(corpus_dir, index_dir, label, articles, options)
            row["round"] = round_no
            row["cache_run"] = last_run(index_dir) if "--no-cache" not in options else None
            if fresh is False and row["cache_run"]["analysed"]:
                row["note"] = (f"analysed {row['cache_run']['analysed']}: the analysis code "
                               f"changed between the runs; not a warm rebuild")
                print(f"  ! {row['note']}", flush=True)
            rows.append(row)
        save_results("index-cache", {"runs": rows})
    summary = []
    for label, _, _ in steps:
        runs = [r for r in rows if r["step"] == label and "note" not in r]
        walls = sorted(r["wall_s"] for r in runs)
        cpus = sorted(r["cpu_s"] for r in runs)
        summary.append({"step": label, "runs": len(runs), "wall_s": [r["wall_s"] for r in runs],
                        "median_wall_s": walls[len(walls) // 2] if walls else None,
                        "median_cpu_s": cpus[len(cpus) // 2] if cpus else None,
                        "index_mb": runs[-1]["index_mb"] if runs else None,
                        "cache_mb": runs[-1]["cache_mb"] if runs else None})
    by_step = {row["step"]: row for row in summary}
    cold, warm = by_step[CACHE_STEPS[0][0]], by_step[CACHE_STEPS[1][0]]
    plain = by_step.get(NO_CACHE_STEP[0], {})
    for row in summary:
        for key, first in (("of_no_cache_build", plain), ("of_cold_cache_build", cold)):
            if row["median_wall_s"] and first.get("median_wall_s"):
                row[key] = round(row["median_wall_s"] / first["median_wall_s"], 3)
                row[key.replace("of_", "cpu_of_")] = round(
                    row["median_cpu_s"] / first["median_cpu_s"], 3)
    print()
    print_table(summary, ["step", "runs", "wall_s", "median_wall_s", "median_cpu_s",
                          "of_no_cache_build", "of_cold_cache_build", "cpu_of_cold_cache_build",
                          "index_mb", "cache_mb"])
    # Each round's runs are side by side: their ratio is what other load on the host changes least.
    rounds = {}
    for row in rows:
        rounds.setdefault(row["round"], {})[row["step"]] = row
    per_round = [round(r[warm["step"]]["wall_s"] / r[cold["step"]]["wall_s"], 3)
                 for r in rounds.values() if "note" not in r[warm["step"]]]
    warm["per_round_of_cold_cache_build"] = per_round
    print(f"\nper round, warm rebuild / first build (cold cache): {per_round}")
    cache_size = (index_dir / CACHE_FILE).stat().st_size
    print(f"warm rebuild / first build (cold cache): {warm.get('of_cold_cache_build')} "
          f"(CPU {warm.get('cpu_of_cold_cache_build')}); / first build --no-cache: "
          f"{warm.get('of_no_cache_build')}; cache file "
          f"{cache_size / 2**20:.1f} MB = {cache_size / text_bytes:.2f}x the text")
    path = save_results("index-cache", {"articles": articles, "text_bytes": text_bytes,
                                         "cache_bytes": cache_size, "runs": rows,
                                         "summary": summary})
    print(f"results: {path}")


def profile_build(n: int, workdir: Path, top: int = 35) -> None:
    """cProfile of index_paths with one worker: analysis and writer in one profile."""
    from searcher import index_paths

    corpus = write_jsonl(read_records(0, n), workdir / f"profile-{n}" / "part-1.jsonl")
    with tempfile.TemporaryDirectory(dir=workdir) as ix:
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        report = index_paths([corpus.parent], ix, workers=1)
        profiler.disable()
        wall = time.perf_counter() - start
    print(f"# {command_line()}\n# {n} articles, one process, {wall:.1f} s ({report.summary()}); "
          f"load {load_average()}")
    for key in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(key).print_stats(top)
        print(f"\n## by {key}\n" + buffer.getvalue()[buffer.getvalue().find("   ncalls"):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"1000,10000,{CORPUS_SIZE}")
    parser.add_argument("--rounds", type=int, default=1, help="builds per size (median kept)")
    parser.add_argument("--add", type=int, default=100, help="articles held back, then added")
    parser.add_argument("--workdir", type=Path, default=WORKDIR)
    parser.add_argument("--no-segmentation", action="store_true")
    parser.add_argument("--profile", type=int, metavar="N")
    parser.add_argument("--cache", action="store_true",
                        help="first build against --rebuild with a warm analysis cache")
    parser.add_argument("--also-no-cache", action="store_true",
                        help="with --cache: also a first build with --no-cache each round")
    parser.add_argument("--step", type=int, default=OLD_STEP,
                        help="with --cache: every Nth corpus article (default 12: 2,906)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    lock = (args.workdir / ".bench_index.lock").open("w")
    try:  # two runs in one workdir would delete each other's corpus slices and indexes
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit(f"another bench_index.py run is using {args.workdir} (--workdir DIR)")
    if args.profile:
        profile_build(args.profile, args.workdir)
        return
    if args.cache:
        bench_cache(args)
        return
    sizes = parse_sizes(args.sizes)
    print(f"# {command_line()}\n# load at start {load_average()}", flush=True)
    all_rows, segs = [], []
    for n in sizes:
        rows, seg = bench_size(n, args, largest=n == sizes[-1])
        all_rows += rows
        if seg:
            seg["size"] = n
            segs.append(seg)
        save_results("index", {"builds": all_rows, "segmentation": segs})
    print()
    print_table(all_rows, ["step", "wall_s", "articles_per_s", "cpu_cores_used",
                           "main_alone_before_workers_s", "main_alone_after_workers_s",
                           "share_of_time_both_cores_busy", "main_cpu_s", "cpu_s",
                           "peak_tree_rss_mb", "peak_tree_anon_rss_mb", "peak_main_rss_mb", "index_mb",
                           "mean_machine_cores", "load_after"])
    if segs:
        print()
        print_table(segs, ["size", "articles", "processes", "wall_s", "cpu_s_incl_model_load",
                           "articles_per_s", "build_over_segmentation",
                           "build_cpu_over_segmentation_cpu", "load_after"])
    path = save_results("index", {"builds": all_rows, "segmentation": segs})
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
