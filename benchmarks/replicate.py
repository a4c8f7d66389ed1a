"""Ten times the archive: the vnnews-2017 corpus written ``--times`` times under new ids.

Copy k of article ``ID`` is ``ID-xk`` (copy 0 keeps its id), so the 34,870 articles make a
348,700-article corpus for the scale benchmarks (issue "Scale"). The text of every copy is the
same, so an index run with a warm analysis cache segments nothing new: what is measured is the
writer, the index and the searches at ten times the size. The output is generated on the fly and
never committed.

    .venv/bin/python benchmarks/replicate.py /tmp/big/corpus [--times 10]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_paths import news_corpus  # noqa: E402


def replicate(target: Path, times: int) -> tuple[Path, int]:
    """Write the replicated corpus as one JSONL file in ``target``; return it and its size."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"vnnews-2017-x{times}.jsonl"
    count = 0
    with gzip.open(news_corpus(), "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(times):
            for record in records:
                if copy:
                    record = {**record, "id": f"{record['id']}-x{copy}"}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return path, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args(argv)
    path, count = replicate(args.target, args.times)
    print(f"{count:,} articles in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
