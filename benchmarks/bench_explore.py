"""Page latency of the explore features: the home page, entity pages and article pages with
related articles, rendered by the real Flask app (in process, so the figures are the server's
work without the network), and a streamed CSV export of every match of a broad query. Also the
search pages of the query mix (``load.request_mix``: 64 queries, first page, page 2, date order,
a date range), with near-identical articles folded (the default) and listed one by one
(``copies=all``), side by side in the same rounds.

Pages: ``/``; the partner, country and official pages of the 20 most frequent values of each
and of 20 values drawn at random (seeded); 50 article pages (with related articles) drawn at
random; ``/api/suggest`` for the first 2-6 letters of the top names, typed without accents, and
ten common words. Each page is requested once to warm up, then ``--rounds`` times; p50 and p95 per kind
in each round, median of the rounds. The export is timed once, then streamed again under
``tracemalloc`` for the peak of Python's allocations: it must not grow with the rows.

    .venv/bin/python benchmarks/bench_explore.py [--index DIR] [--rounds 3] [--export-query Q]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (FULL_INDEX, command_line, load_average, percentile,  # noqa: E402
                    print_table, save_results)
from load import request_mix  # noqa: E402

from searcher import Searcher  # noqa: E402
from web import create_app  # noqa: E402

SAMPLE = 20
ARTICLES = 50
FOLDING = ("search (copies folded)", "search (copies=all)")  # the same pages, timed in pairs
TYPED_WORDS = ("hop tac", "hoi dam", "du lich", "dau tu", "thu tuong", "nhat ban", "lao c",
               "vien tro", "ky ket", "giao thuong")


def page_urls(searcher: Searcher, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    overview = searcher.overview(facet_limit=SAMPLE)
    urls: dict[str, list[str]] = {"home": ["/"]}
    for facet, values in overview.facets.items():
        top = [v.value for v in values]
        column = searcher._current().facets[facet].values  # noqa: SLF001 -- a benchmark's sample
        drawn = rng.sample(column, min(SAMPLE, len(column)))
        urls[facet] = [f"/{facet}/{quote(v)}" for v in dict.fromkeys(top + drawn)]
    ids = searcher._current().ids  # noqa: SLF001
    urls["article"] = [f"/article/{quote(ids[i])}"
                       for i in rng.sample(range(len(ids)), min(ARTICLES, len(ids)))]
    # What people type: the first 2-6 letters of names, without accents, and common words.
    names = [v.value for values in overview.facets.values() for v in values]
    typed = [fold_text(name)[:rng.randint(2, 6)] for name in names] + list(TYPED_WORDS)
    urls["suggest"] = [f"/api/suggest?q={quote(text)}" for text in dict.fromkeys(typed)]
    pages = [path.replace("/api/search?", "/search?") for _, path in request_mix()]
    urls[FOLDING[0]] = pages
    urls[FOLDING[1]] = [f"{path}&copies=all" for path in pages]
    return urls


def fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def time_pages(client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def time_alternating(client, first: list[str], second: list[str]) -> tuple[list[float], list[float]]:
    """Two lists of pages timed pair by pair, which one goes first alternating, so neither
    finds the other's texts in the caches more often."""
    times: tuple[list[float], list[float]] = ([], [])
    for n, pair in enumerate(zip(first, second)):
        for which in ((0, 1) if n % 2 else (1, 0)):
            times[which].extend(time_pages(client, [pair[which]]))
    return times


def stream_rows(client, query: str) -> int:
    response = client.get(f"/search.csv?q={quote(query)}", buffered=False)
    return sum(chunk.count(b"\n") for chunk in response.response) - 1  # minus the header


def time_export(client, query: str) -> dict:
    """Rows per second (untraced), then the peak of Python's allocations in a second, traced
    run (tracemalloc slows Python several times, so it does not time)."""
    start = time.perf_counter()
    rows = stream_rows(client, query)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    stream_rows(client, query)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"query": query, "rows": rows, "seconds": round(seconds, 2),
            "rows_per_s": round(rows / seconds), "peak_python_mb": round(peak / 2**20, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=FULL_INDEX)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--export-query", default="Việt Nam")
    args = parser.parse_args()

    searcher = Searcher(args.index)
    app = create_app(args.index, searcher)
    client = app.test_client()
    urls = page_urls(searcher)
    print(f"# {command_line()}\n# {searcher.doc_count} articles, load {load_average()}")
    first = time_pages(client, ["/"])[0]
    for kind_urls in urls.values():
        time_pages(client, kind_urls)  # warm up
    timed: dict[str, list[list[float]]] = {kind: [] for kind in urls}
    for _ in range(args.rounds):  # every kind in every round: side by side as the host drifts
        for kind, kind_urls in urls.items():
            if kind not in FOLDING:
                timed[kind].append(time_pages(client, kind_urls))
        for kind, times in zip(FOLDING, time_alternating(client, *(urls[k] for k in FOLDING))):
            timed[kind].append(times)
    rows = []
    for kind, kind_urls in urls.items():
        rounds = timed[kind]
        rows.append({"page": kind, "n": len(kind_urls),
                     "p50_ms": round(statistics.median(percentile(r, 50) for r in rounds), 1),
                     "p95_ms": round(statistics.median(percentile(r, 95) for r in rounds), 1),
                     "max_ms": round(max(max(r) for r in rounds), 1)})
    print_table(rows, ["page", "n", "p50_ms", "p95_ms", "max_ms"])
    print(f"first home page after opening the index: {first:.1f} ms")
    export = time_export(client, args.export_query)
    print(f"export: {export}")
    save_results("explore", {"command": command_line(), "documents": searcher.doc_count,
                             "pages": rows, "first_home_ms": round(first, 1), "export": export})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
