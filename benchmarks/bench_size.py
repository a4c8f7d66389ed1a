"""Index size against the text it holds, with two anchors built from the same articles in the
same run: SQLite FTS5 (``unicode61 remove_diacritics 2``, content stored) and tantivy (default
tokenizer, positions, title and body stored). Neither anchor is a dependency of the package:
``pip install -e '.[bench]'`` brings tantivy; SQLite comes with Python.

Text is the UTF-8 of every article's title, summary, captions and body. The engine's index is an
existing directory (``--index``, e.g. a run of ``searcher index`` over the same corpus); the
analysis cache beside it is reported apart, as it is not needed to search.

    .venv/bin/python benchmarks/bench_size.py --index DIR [--corpus FILE.jsonl ...]
        [--workdir /tmp/bench/size] [--no-anchors]

The engine's index is also listed by part: each part of its segments (the files inside a
compound ``.seg``, named by what follows the segment's id: ``pdx`` postings, ``tdx`` term
dictionary, ``_stored.col`` stored articles, ``<field>.col`` columns) and the files beside them.

The corpus defaults to vnnews-2017 plus the seed pages (what ``corpus/`` and the shared corpus
make together), read through the engine's own reader.
"""
from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import command_line, dir_size, save_results  # noqa: E402
from corpus_paths import news_corpus  # noqa: E402

from searcher.ingest.reader import iter_articles  # noqa: E402
from searcher.model import Article  # noqa: E402
from searcher.store.analysis_cache import FILE_NAME as CACHE_FILE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def articles(paths: list[Path]) -> list[Article]:
    return [a for a in iter_articles(paths) if isinstance(a, Article)]


def text_bytes(docs: list[Article]) -> int:
    return sum(len("\n".join([a.title, a.summary or "", *a.captions, a.body]).encode())
               for a in docs)


def build_fts5(docs: list[Article], path: Path) -> int:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, summary, body, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)",
                    ((a.id, a.title, a.summary or "", "\n".join([*a.captions, a.body]))
                     for a in docs))
    con.commit()
    con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    con.commit()
    con.execute("VACUUM")
    con.close()
    return path.stat().st_size


def build_tantivy(docs: list[Article], folder: Path) -> int:
    import tantivy

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True)
    builder.add_text_field("body", stored=True)
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for a in docs:
        writer.add_document(tantivy.Document(
            id=a.id, title=a.title, body="\n".join([a.summary or "", *a.captions, a.body])))
    writer.commit()
    writer.wait_merging_threads()
    return dir_size(folder)


def components(index: Path) -> dict[str, int]:
    """Bytes of each part of the index (summed over its segments), largest first."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    parts: dict[str, int] = {}

    def add(name: str, size: int) -> None:
        if name.startswith("MAIN_") and "." in name:  # MAIN_<segment id>.<part>
            name = name.split(".", 1)[1]
        elif name.startswith("_MAIN_"):  # _MAIN_<generation>.toc
            name = "toc"
        elif name.startswith(("copies-", "files-")):  # <what>-<generation>.<ext>
            name = name.split("-")[0]
        parts[name] = parts.get(name, 0) + size

    storage = FileStorage(str(index))
    for path in sorted(index.iterdir()):
        if not path.is_file() or path.name == CACHE_FILE:
            continue
        if path.suffix == ".seg":
            compound = CompoundStorage(storage.open_file(path.name))
            for inner in compound.list():
                add(inner, compound.file_length(inner))
            add("seg (compound file's own table)", path.stat().st_size -
                sum(compound.file_length(inner) for inner in compound.list()))
        else:
            add(path.name, path.stat().st_size)
    return dict(sorted(parts.items(), key=lambda item: -item[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, nargs="*",
                        default=[ROOT / "corpus", news_corpus()])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench/size"))
    parser.add_argument("--no-anchors", action="store_true",
                        help="the engine's index only (no FTS5 or tantivy build)")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    docs = articles(args.corpus)
    text = text_bytes(docs)
    cache = args.index / CACHE_FILE
    cache_size = cache.stat().st_size if cache.exists() else 0
    sizes = {"engine": dir_size(args.index) - cache_size}
    timings = {}
    anchors = () if args.no_anchors else (
        ("sqlite fts5", lambda: build_fts5(docs, args.workdir / "fts5.db")),
        ("tantivy", lambda: build_tantivy(docs, args.workdir / "tantivy")))
    for name, build in anchors:
        start = time.perf_counter()
        sizes[name] = build()
        timings[name] = round(time.perf_counter() - start, 1)
    print(f"{len(docs):,} articles, {text / 1e6:.1f} MB of UTF-8 text")
    print(f"{'index':14s} {'MB':>8s} {'x text':>7s}  build s")
    for name, size in sizes.items():
        print(f"{name:14s} {size / 1e6:8.1f} {size / text:7.2f}  {timings.get(name, '')}")
    print(f"(analysis cache beside the engine's index, not needed to search: {cache_size / 1e6:.1f} MB)")
    parts = components(args.index)
    print("the engine's index by part:")
    for name, size in parts.items():
        if size >= 1000:
            print(f"  {name:36s} {size / 1e6:8.2f} MB")
    save_results("size", {"command": command_line(), "articles": len(docs), "text_bytes": text,
                          "sizes": sizes, "build_s": timings, "analysis_cache_bytes": cache_size,
                          "parts": parts})
    return 0


if __name__ == "__main__":
    sys.exit(main())
