"""The ``searcher`` command: index, query, inspect, check, serve.

Failures end with one readable line on stderr and a non-zero status: 2 for a request that cannot
run (bad arguments, no index, locked index), 1 when an index run skipped some inputs.
"""
from __future__ import annotations

import argparse
import dataclasses
import html
import importlib
import json
import os
import re
import sys
import types
from pathlib import Path

from .facets import FACETS
from .model import date_label

DEFAULT_INDEX = "index"
DEFAULT_CORPUS = "corpus"
EXPORTS = ("csv", "jsonl")  # --format values that write every match, not one page


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        self.exit(2, f"searcher: {message} (see `searcher {self.prog.split()[-1]} --help`)\n"
                  if " " in self.prog else f"searcher: {message} (see `searcher --help`)\n")


def _fail(message: str, status: int = 2):
    print(f"searcher: {message}", file=sys.stderr)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="searcher", description="Full-text search for Vietnamese news archives.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    index = commands.add_parser("index", help="build or update the index from article files")
    index.add_argument("paths", nargs="*", default=[DEFAULT_CORPUS], metavar="PATH")
    index.add_argument("--index", default=DEFAULT_INDEX, metavar="DIR")
    index.add_argument("--rebuild", action="store_true", help="re-analyse every article")
    index.add_argument("--lock-timeout", type=float, default=30.0, metavar="SECONDS",
                       help="how long to wait for another indexing run (default 30)")
    index.add_argument("--workers", type=int, default=None, help="analysis processes (default: cores)")
    index.add_argument("--buffer-mb", type=float, default=None, metavar="MB",
                       help="postings held in memory before they are spilled to a scratch "
                            "file (default 64)")
    index.add_argument("--no-cache", action="store_true",
                       help="analyse every article, neither reading nor writing the analysis "
                            "cache (DIR/analysis-cache.sqlite)")
    index.add_argument("--dask", metavar="ADDRESS",
                       help="analyse on a dask.distributed cluster (tcp://SCHEDULER:8786) "
                            "instead of local worker processes")
    index.add_argument("--backend", metavar="URL", help=BACKEND_HELP + " (DIR then holds only "
                       "the analysis cache)")

    query = commands.add_parser("query", help="search the index")
    query.add_argument("text", nargs="*", metavar="TEXT",
                       help="the query; '-' reads one query a line from stdin and answers each "
                            "as one JSON line (the index opened once)")
    query.add_argument("--index", default=DEFAULT_INDEX, metavar="DIR")
    query.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    query.add_argument("--limit", type=int, default=10)
    query.add_argument("--page", type=int, default=1)
    query.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    for facet in FACETS:
        query.add_argument(f"--{facet.name}", action="append", default=[],
                           metavar=facet.name.upper(), help=f"{facet.help} (repeat: any of them)")
    query.add_argument("--from", dest="date_from", metavar="DATE",
                       help="YYYY[-MM[-DD]] or DD/MM/YYYY, MM/YYYY")
    query.add_argument("--to", dest="date_to", metavar="DATE",
                       help="YYYY[-MM[-DD]] or DD/MM/YYYY, MM/YYYY")
    query.add_argument("--facet-limit", type=int, default=10, metavar="N")
    query.add_argument("--undated", action="store_true",
                       help="with --from/--to: also articles of unknown year whose day and "
                            "month fall in the range")
    query.add_argument("--all-copies", action="store_true",
                       help="list near-identical articles (wire copies) one by one instead of "
                            "folding them under the first")
    query.add_argument("--exact", action="store_true",
                       help="search TEXT as typed, even when it finds nothing and a respelling "
                            "would (the respelling is then only suggested)")
    query.add_argument("--format", choices=["text", "json", *EXPORTS], default="text",
                       help="text (default), json (one object: the page of results), csv or "
                            "jsonl (every match, one per row or line; --limit and --page ignored)")
    query.add_argument("--json", dest="format", action="store_const", const="json",
                       help="print one JSON object (same as --format json)")

    inspect = commands.add_parser("inspect", help="show what the reader and analysis make of files")
    inspect.add_argument("paths", nargs="+", metavar="PATH")
    inspect.add_argument("--json", action="store_true")

    check = commands.add_parser("check", help="verify that an index is whole and current")
    check.add_argument("--index", default=DEFAULT_INDEX, metavar="DIR")
    check.add_argument("--deep", action="store_true",
                       help="also read every term's postings (minutes on a large index)")
    check.add_argument("--json", action="store_true", help="print one JSON object")

    serve = commands.add_parser("serve", help="serve the web interface")
    serve.add_argument("--index", default=DEFAULT_INDEX, metavar="DIR")
    serve.add_argument("--backend", metavar="URL", help=BACKEND_HELP)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: one per core)")
    serve.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")

    cluster = commands.add_parser("cluster-config",
                                  help="write the searchd configurations of a SphinxQL cluster")
    cluster.add_argument("--shards", type=int, default=2, metavar="N")
    cluster.add_argument("--dir", required=True, metavar="DIR",
                         help="where the configurations and each shard's data go")
    cluster.add_argument("--host", default="127.0.0.1")
    cluster.add_argument("--port", type=int, default=9306,
                         help="the first shard's SphinxQL port (the next shards count up; each "
                              "shard's agent port is its SphinxQL port + 1000)")
    return parser


BACKEND_HELP = ("search a SphinxQL cluster instead of the index directory: "
                "sphinxql://HOST:PORT[,HOST:PORT...]")
GAZETTEER_NAME = "partners.tsv"


def cmd_index(args) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        return _fail(f"no such file or directory: {missing[0]}")
    gazetteers = [Path(p) / GAZETTEER_NAME for p in args.paths if (Path(p) / GAZETTEER_NAME).is_file()]
    if gazetteers and "SEARCHER_PARTNERS" not in os.environ:
        os.environ["SEARCHER_PARTNERS"] = str(gazetteers[0])  # read when extraction loads
    from . import IndexError_, SearchError, index_cluster, index_paths
    try:
        if args.backend:
            report = index_cluster(args.paths, args.backend, args.index, rebuild=args.rebuild,
                                   workers=args.workers, cache=not args.no_cache, dask=args.dask)
        else:
            report = index_paths(args.paths, args.index, rebuild=args.rebuild,
                                 progress=sys.stderr.isatty(), lock_timeout=args.lock_timeout,
                                 workers=args.workers, cache=not args.no_cache,
                                 buffer_mb=args.buffer_mb, dask=args.dask)
    except (IndexError_, SearchError) as exc:
        return _fail(str(exc))
    for note in report.notes:
        print(f"searcher: {note}", file=sys.stderr)
    for error in report.errors:
        print(f"searcher: skipped {error}", file=sys.stderr)
    print(report.summary())
    return 1 if report.errors else 0


def cmd_query(args) -> int:
    from . import SearchError, open_searcher

    batch = args.text == ["-"]
    if batch and args.format in EXPORTS:
        return _fail(f"--format {args.format} exports one query's matches; '-' answers each "
                     "query of stdin as a JSON line")
    try:
        searcher = open_searcher(args.backend or args.index)
        if batch:
            return _answer_each_line(searcher, args)
        params = _search_params(args, " ".join(args.text))
        if args.format in EXPORTS:
            return write_export(args.format, searcher.export(params))
        result = searcher.search(params)
    except SearchError as exc:
        return _fail(str(exc))
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(render_text(result, color=sys.stdout.isatty()))
    return 0


def _search_params(args, text: str):
    from . import SearchParams

    # An export has every match: --page and --limit do not apply, so they cannot be refused.
    paging = {} if args.format in EXPORTS else {"page": args.page, "limit": args.limit}
    return SearchParams(
        q=text, selections={facet.name: getattr(args, facet.name) for facet in FACETS},
        date_from=args.date_from, date_to=args.date_to, sort=args.sort,
        facet_limit=args.facet_limit, correct=not args.exact,
        undated=args.undated, fold=not args.all_copies, **paging)


def _answer_each_line(searcher, args) -> int:
    """One JSON line per line of stdin, in order, so a script pays for opening the index once.
    A query that cannot be answered gets ``{"query": ..., "error": ...}`` and the exit status 1;
    the lines after it are still answered."""
    from . import SearchError

    status = 0
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        try:
            answer = searcher.search(_search_params(args, text)).to_dict()
        except SearchError as exc:
            answer, status = {"query": text, "error": str(exc)}, 1
        print(json.dumps(answer, ensure_ascii=False), flush=True)
    return status


def write_export(fmt: str, hits) -> int:
    """Every match (``Searcher.export``) to stdout as UTF-8 CSV, with the BOM spreadsheets
    need, or JSON Lines, written as it is read. A bad request raises its ``SearchError``
    before anything is written."""
    from . import checked_export, csv_lines, jsonl_lines

    hits = checked_export(hits)
    out = sys.stdout.buffer
    for line in (csv_lines if fmt == "csv" else jsonl_lines)(hits):
        out.write(line.encode("utf-8"))
    out.flush()  # here, so a closed pipe is seen by main() and not at exit
    return 0


_MARK = re.compile(r"<mark>(.*?)</mark>")


def _plain(fragment: str, color: bool) -> str:
    marked = _MARK.sub(r"\033[1;33m\1\033[0m" if color else r"[\1]", fragment)
    return html.unescape(marked)


def render_text(result, color: bool = False) -> str:
    """A ``SearchResult`` as lines for a terminal."""
    about = f' cho "{result.query}"' if result.query.strip() else ""
    lines = [f'{result.total} kết quả{about} '
             f'(trang {result.page}/{result.pages}, sắp xếp: {result.sort})']
    lines += [f"! {warning}" for warning in result.warnings]
    if result.folded:
        lines.append(f"{result.folded} bài gần trùng được gộp dưới bài đầu tiên "
                     "(xem từng bài: --all-copies)")
    if result.matching != "strict":
        lines.append("Ít bài khớp đúng mọi từ khóa: có thêm các bài "
                      + ("khớp lỏng hơn (âm tiết rời nhau, tên viết gọn)"
                         if result.matching == "loose" else "chứa phần lớn từ khóa") + ", xếp sau.")
    if result.corrected_from:
        lines.append(f'Đã hiển thị kết quả cho "{result.query}" (tìm chính xác '
                     f'"{result.corrected_from}": thêm --exact)')
    if result.suggestion:
        lines.append(f'Có phải bạn muốn tìm: "{result.suggestion}"?')
    first = (result.page - 1) * result.limit
    for rank, hit in enumerate(result.hits, start=first + 1):
        meta = [date_label(hit.date, hit.date_source)]
        meta += [f'{p["name"]} ({p["country"]})' if p["country"] and p["country"] != p["name"] else p["name"]
                 for p in hit.partners]  # a country as the partner ("Hoa Kỳ") is not followed by itself
        lines += ["", f"{rank:>3}. {hit.title}", f"     {' · '.join(meta)} · {hit.id}",
                  f"     {_plain(hit.snippet, color)}"]
        if hit.copy_count:
            more = hit.copy_count - len(hit.copies)
            lines.append(f"     + {hit.copy_count} bài tương tự: "
                         + ", ".join(copy.id for copy in hit.copies)
                         + (f" và {more} bài khác" if more else ""))
    facets = [(facet, result.facets[facet.name]) for facet in FACETS if result.facets[facet.name]]
    if facets:
        lines += ["", "Bộ lọc:"]
        for facet, values in facets:
            shown = ", ".join(f'{"*" if v.selected else ""}{facet.display(v.value)} ({v.count})'
                              for v in values)
            lines.append(f"  {facet.name}: {shown}")
    return "\n".join(lines)


def cmd_inspect(args) -> int:
    from . import ReadError, extract_article, iter_articles

    records, failed = [], False
    for item in iter_articles(args.paths):
        if isinstance(item, ReadError):
            print(f"searcher: skipped {item}", file=sys.stderr)
            failed = True
            continue
        extraction = extract_article(item)
        records.append({
            "id": item.id, "title": item.title, "published": item.published,
            "published_from": item.published_from, **dataclasses.asdict(extraction),
            "captions": item.captions, "body": item.body,
        })
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for r in records:
            date = f"{r['date']} (from the {r['date_source']})" if r["date"] else "-"
            published = f"{r['published']} (from the {r['published_from']})" if r["published"] else "-"
            print(f"{r['id']}: {r['title']}\n  date: {date}\n  published: {published}"
                  f"\n  partners: {', '.join(p['name'] for p in r['partners']) or '-'}"
                  f"\n  mentioned: {', '.join(p['name'] for p in r['mentioned']) or '-'}"
                  f"\n  countries: {', '.join(r['countries']) or '-'}"
                  f"\n  officials: {', '.join(o['name'] for o in r['officials']) or '-'}"
                  f"\n  captions: {len(r['captions'])}, body: {len(r['body'])} chars")
    return 1 if failed else 0


def cmd_check(args) -> int:
    """Exit 0 when the index is healthy; 2 with each problem and the remedy otherwise."""
    from . import check_index

    health = check_index(args.index, deep=args.deep)
    if args.json:
        print(json.dumps(health.to_dict(), ensure_ascii=False))
    elif health.healthy:
        print(f"{args.index}: healthy, {health.documents} articles in {health.segments} "
              f"segment(s), generation {health.generation}"
              + (f"; {health.stale} analysed by older code (`searcher index` updates them)"
                 if health.stale else "")
              + (f"; {health.unchecksummed} segment(s) written without a checksum "
                 f"(`searcher index --rebuild` adds them)" if health.unchecksummed else ""))
    else:
        for finding in health.findings:
            print(f"searcher: {args.index}: {finding}", file=sys.stderr)
        print(f"searcher: {args.index} is damaged; {health.to_dict()['remedy']}", file=sys.stderr)
    return 0 if health.healthy else 2


def cmd_serve(args) -> int:
    from web.server import serve

    from . import IndexUnavailable

    workers = args.workers or os.cpu_count() or 1

    location = args.backend or args.index

    def announce():
        print(f"searcher: serving {location} on http://{args.host}:{args.port} "
              f"({workers} worker process{'es' if workers > 1 else ''})", file=sys.stderr, flush=True)

    try:
        serve(location, args.host, args.port, workers, args.threads, on_ready=announce)
    except IndexUnavailable as exc:
        return _fail(str(exc))
    except OSError as exc:  # the port is taken, or the host unknown
        return _fail(f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc})")
    return 0


def cmd_cluster_config(args) -> int:
    from .cluster.layout import address, local_shards, write_configs

    if not 1 <= args.shards <= 64:
        return _fail("--shards must be between 1 and 64")
    shards = local_shards(args.shards, args.port, args.host)
    try:
        paths = write_configs(shards, args.dir)
    except OSError as exc:
        return _fail(f"cannot write to {args.dir} ({exc.strerror or exc})")
    for path in paths:
        print(f"searchd --config {path}")
    print(f"searcher index --backend {address(shards)}")
    return 0


COMMANDS = {"index": cmd_index, "query": cmd_query, "inspect": cmd_inspect, "check": cmd_check,
            "serve": cmd_serve, "cluster-config": cmd_cluster_config}


# Commands that only read: once their output is written, nothing is left to save.
READ_ONLY = {"query", "inspect", "check"}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if argv is None and args.command == "query":
        _import_engine_without_unused_modules()
    try:
        code = COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    if argv is None and args.command in READ_ONLY:
        _exit_now(code)
    return code


# Whoosh imports these at start-up for what a search never calls: a download helper
# (``whoosh.compat`` takes ``urlretrieve``, and ``urllib.request`` brings http.client, ssl and
# email: 0.03-0.05 s of a 0.8 s cold query) and English stemming variations.
_UNUSED_BY_SEARCHES = (("urllib.request", "urlretrieve"), ("whoosh.lang.morph_en", "variations"))


def _import_engine_without_unused_modules() -> None:
    """Import the engine and Whoosh with stand-ins for ``_UNUSED_BY_SEARCHES``; a stand-in's
    function imports the real module when called, and once the engine is in, any other import
    of those modules gets the real ones. Only for a query run as the program: the process ends
    with its output."""
    stand_ins = {name: _stand_in(name, attribute) for name, attribute in _UNUSED_BY_SEARCHES
                 if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import whoosh.searching  # noqa: F401 -- what opening an index imports

        from .search import searcher  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _stand_in(name: str, attribute: str) -> types.ModuleType:
    module = types.ModuleType(name, "a stand-in until first use (see cli._UNUSED_BY_SEARCHES)")

    def real(*args, **kwargs):
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)(*args, **kwargs)

    setattr(module, attribute, real)
    return module


def _exit_now(code: int) -> None:
    """End the process as soon as the output is out. Run as the command (arguments from the
    command line, not a caller's list), a read-only command skips the interpreter's teardown,
    which freed the index's arrays and every module one object at a time: 0.1-0.15 s of a
    0.8 s cold query."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # output piped into `head`: not an error
        code = 0
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
