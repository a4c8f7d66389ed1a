"""How far two labellers agree on the labelled set, and so what an extraction figure can mean.

    .venv/bin/python benchmarks/labelled/agreement.py [--corpus PATH]

``second_labels.jsonl`` (next to this file) holds a second labeller's labels of some articles of
``labels.jsonl``, written by reading each article with GUIDELINES.md and nothing of the first labels
(see GUIDELINES.md, "A second labeller"). Each field is scored as ``extraction.py`` scores the engine
(the same name matching), with one labeller's label standing for the extraction and the other's for
the truth, both ways round; then the engine on the same articles against each labeller. A field
whose two labellers agree at F1 0.80 cannot show an extractor at 0.90: above the labellers'
agreement, a figure measures one labeller's reading.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import extraction  # noqa: E402
from extraction import Counts, load_articles, part_of, prf, score_article  # noqa: E402
from searcher.model import Extraction, Official, Partner  # noqa: E402

SECOND = HERE / "second_labels.jsonl"
FIELDS = (("partners", "partners (counterparts)"), ("countries", "countries"), ("officials", "officials"),
          ("date", "date (day-month)"))


def as_extraction(label: dict) -> Extraction:
    """A label read as an extraction: its counterparts, countries, officials and date."""
    return Extraction(date=label["date"],
                      partners=[Partner(p["name"], p.get("country")) for p in label["partners"]
                                if p["role"] == "counterpart"],
                      mentioned=[Partner(p["name"], p.get("country"), "mentioned") for p in label["partners"]
                                 if p["role"] != "counterpart"],
                      countries=list(label["countries"]),
                      officials=[Official(o["name"], o.get("title")) for o in label["officials"]])


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def shown(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def f1(counts: Counts, field: str) -> str:
    return shown(prf(*counts.fields[field])["f1"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=extraction.DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not SECOND.exists():
        print(f"agreement: {SECOND.name} is missing (see GUIDELINES.md, 'A second labeller')", file=sys.stderr)
        return 1
    if not args.corpus.exists():
        print(f"agreement: corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    firsts = {label["id"]: label for label in read(extraction.LABELS)}
    seconds = read(SECOND)
    unknown = [label["id"] for label in seconds if label["id"] not in firsts]
    if unknown:
        print(f"agreement: {SECOND.name} labels articles labels.jsonl does not: {', '.join(unknown)}", file=sys.stderr)
        return 1
    pairs = [(firsts[label["id"]], label) for label in seconds]
    articles = load_articles([first for first, _ in pairs], args.corpus)

    one_on_two, two_on_one, engine_on_one, engine_on_two = Counts(), Counts(), Counts(), Counts()
    kinds_agree = 0
    for first, second in pairs:
        article = articles[first["id"]]
        score_article(first, article, two_on_one, as_extraction(second))
        score_article(second, article, one_on_two, as_extraction(first))
        score_article(first, article, engine_on_one)
        score_article(second, article, engine_on_two)
        kinds_agree += first["kind"] == second["kind"]

    held = sum(part_of(first["id"]) == "held" for first, _ in pairs)
    relations = sum(first["kind"] == "relations" for first, _ in pairs)
    print(f"Two labellers on {len(pairs)} articles of the labelled set ({relations} relations by the first labeller, "
          f"{held} of the held part); the kind agrees on {kinds_agree}")
    print(f"{'field':<24}{'P 2|1':>7}{'R 2|1':>7}{'F1 2|1':>8}{'F1 1|2':>8}{'engine|1':>10}{'engine|2':>10}"
          f"   (tp/predicted/gold of 2|1)")
    for field, caption in FIELDS:
        s = prf(*two_on_one.fields[field])
        print(f"{caption:<24}{shown(s['precision']):>7}{shown(s['recall']):>7}{shown(s['f1']):>8}"
              f"{f1(one_on_two, field):>8}{f1(engine_on_one, field):>10}{f1(engine_on_two, field):>10}"
              f"   ({s['tp']}/{s['predicted']}/{s['gold']})")
    print("2|1: the second labeller scored against the first; 1|2 the other way; engine|N: the engine "
          "against labeller N")
    return 0


if __name__ == "__main__":
    sys.exit(main())
