"""Judging packets for the pooled set: Markdown files for human-like judges, outside the repo.

    .venv/bin/python benchmarks/judged/make_packets.py [--workdir /tmp/relevance2] [--batches 7]
    .venv/bin/python benchmarks/judged/make_packets.py --round engine-v3 [--workdir ...]

Reads queries.json and pool.json, and the pooled articles' text from the step-3 slice in the
work dir (through the project's reader; the text never enters the repository). Writes
``WORKDIR/packets/batch_NN.md`` (a query's documents stay in one batch; batches are balanced by
document count; documents are shuffled per query with a seed of the query id and the rankers
that found them are not shown) and ``batch_NN.template.json`` with every grade set to null.
Judges write ``WORKDIR/grades/batch_NN.json`` = ``{query_id: {doc_id: grade}}``; merge them with
merge_grades.py.

Each document shows its title, summary, the first ~400 characters of its body and up to four
keyword-in-context excerpts around the query's words, matched accent-insensitively (for
foreign_name and run_together queries also around the Vietnamese forms in aliases.json); exclusion
queries also say how often the excluded word occurs (with its accents, any case).

With ``--second QIDS`` the packets hold the whole pools of those queries, with nothing of the first
judgments shown, for an independent second judge (``agreement.py``); they go to ``WORKDIR/second/``.

With ``--round NAME`` (a later judging round, see add_round.py) a packet holds only the pooled
documents from ``NAME`` that judgments.json does not grade yet, and each query first lists the
earlier rounds' grades with titles (relevant ones first) so that judges can calibrate; the files
are named ``batch_rNN_MM`` after the round's number (``--round engine-v3`` -> ``batch_r3_MM``).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))
sys.path.append(str(BENCH.parent))

from rankers import DEFAULT_WORKDIR, article_text, fold, read_articles  # noqa: E402
from slice import DEFAULT_STEP, slice_paths  # noqa: E402

QUERIES = HERE / "queries.json"
POOL = HERE / "pool.json"
JUDGMENTS = HERE / "judgments.json"
CALIBRATION_RELEVANT = 12  # earlier grades shown per query: up to this many 2s and 1s,
CALIBRATION_IRRELEVANT = 8  # and this many 0s
GUIDELINES = "benchmarks/judged/GUIDELINES.md"
LEAD_CHARS = 400
SUMMARY_CHARS = 220
KWIC_CHARS = 160
KWIC_MAX = 4

# Vietnamese (or other written) forms a foreign_name / run_together query refers to, by query id.
ALIASES = HERE / "aliases.json"
# Function words not worth an excerpt on their own.
STOP = set(fold(" ".join("""các của với cho về những được và là ở tại trong từ tới đến sang
    khỏi giữa dưới thời năm người đi làm việc mới này đó một có không the và hay""".split())).split())


COMMON: dict[str, float] = {}  # folded word -> share of the pooled documents containing it
COMMON_SHARE = 0.15


def fold_aligned(text: str) -> str:
    """Lower-cased accent-folded text of exactly the same length as ``text``."""
    out = []
    for ch in text:
        f = fold(ch).lower()
        out.append(f if len(f) == 1 else ch.lower())
    return "".join(out)


def query_terms(query: dict) -> tuple[list[str], list[str]]:
    """(folded terms to show in context, excluded words as typed)."""
    text = unicodedata.normalize("NFC", query["q"]).replace("\u00d0", "Đ")
    # A minus binds to the rest of the query here ("Hàn Quốc -bóng đá" excludes "bóng đá"), as
    # the engine binds it to a whole word; every exclusion in queries.json comes last.
    kept, *excluded = re.split(r"(?:^|\s)-(?=\S)", text)
    excluded = [e.replace('"', " ").strip() for e in excluded if e.strip()]
    kept = kept.replace('"', " ")
    words = [w for w in re.findall(r"[\w-]+", fold(kept).lower()) if w]
    terms = [" ".join(words)] if len(words) > 1 else []
    forms = json.loads(ALIASES.read_text(encoding="utf-8")).get(query["id"], {}).get("forms", [])
    terms += [fold(form).lower() for form in forms]
    content = [w for w in words if w not in STOP and (len(w) > 1 or len(words) == 1)]
    terms += [f"{a} {b}" for a, b in zip(words, words[1:]) if a in content and b in content]
    if len(content) > 2:  # long queries: single words only where they say something
        content = [w for w in content if COMMON.get(w, 0) < COMMON_SHARE]
    terms += content
    if query["kind"] == "exclusion":
        terms += [fold(w).lower() for w in excluded]
    return list(dict.fromkeys(terms)), excluded


def excerpts(text: str, terms: list[str], skip_until: int) -> list[str]:
    """Up to KWIC_MAX excerpts of ``text`` around ``terms`` after ``skip_until``.

    ``terms`` come in priority order (whole query, Vietnamese forms, word pairs, single words):
    first one excerpt for each of the earliest terms that occur, then further occurrences.
    """
    folded = fold_aligned(text)
    spans: list[tuple[int, int]] = []

    def free(start: int) -> bool:
        return all(abs(start - s) >= KWIC_CHARS for s, _ in spans)

    patterns = [re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)") for term in terms]
    for pattern in patterns:  # one excerpt per term first, for coverage
        if len(spans) >= KWIC_MAX:
            break
        match = next((m for m in pattern.finditer(folded, skip_until) if free(m.start())), None)
        if match:
            spans.append((match.start(), match.end()))
    for pattern in patterns:  # then fill up with further occurrences
        for match in pattern.finditer(folded, skip_until):
            if len(spans) >= KWIC_MAX:
                break
            if free(match.start()):
                spans.append((match.start(), match.end()))
    out = []
    for start, end in sorted(spans):
        left = max(skip_until, start - KWIC_CHARS // 2)
        right = min(len(text), end + KWIC_CHARS // 2)
        snippet = text[left:start] + "**" + text[start:end] + "**" + text[end:right]
        out.append(("…" if left > 0 else "") + " ".join(snippet.split())
                   + ("…" if right < len(text) else ""))
    return out


def contains_word(text: str, word: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, flags=re.IGNORECASE))


def doc_entry(number: int, article, query: dict) -> str:
    terms, excluded = query_terms(query)
    title, _ = article_text(article)
    summary = " ".join((article.summary or "").split())
    body = "\n\n".join(filter(None, [article.body, *article.captions]))
    lead = " ".join(body[:LEAD_CHARS].split())
    lines = [f"### {number}. `{article.id}`", f"**Title:** {title}"]
    if summary:
        lines.append(f"**Summary:** {summary[:SUMMARY_CHARS]}{'…' if len(summary) > SUMMARY_CHARS else ''}")
    lines.append(f"**Lead:** {lead}{'…' if len(body) > LEAD_CHARS else ''}")
    if excluded:
        whole = "\n".join([title, article.summary or "", body])
        flags = ", ".join(f"'{w}' ×{contains_word(whole, w)}" for w in excluded)
        lines.append(f"**Excluded word occurs:** {flags}")
    hits = excerpts(body, terms, LEAD_CHARS)
    if hits:
        lines.append("**In context:**")
        lines += [f"- {hit}" for hit in hits]
    else:
        lines.append("**In context:** (no further occurrence of the query words after the lead)")
    return "\n".join(lines)


def balance(queries: list[dict], pool: dict, batches: int) -> list[list[dict]]:
    """Greedy: largest pools first, each to the batch with fewest docs (and not over-full)."""
    cap = -(-len(queries) // batches) + 1
    bins: list[list[dict]] = [[] for _ in range(batches)]
    load = [0] * batches
    for query in sorted(queries, key=lambda q: (-len(pool[q["id"]]), q["id"])):
        choice = min((i for i in range(batches) if len(bins[i]) < cap), key=lambda i: (load[i], i))
        bins[choice].append(query)
        load[choice] += len(pool[query["id"]])
    return [sorted(b, key=lambda q: q["id"]) for b in bins]


def calibration(query: dict, earlier: dict[str, int], articles: dict) -> str:
    """The earlier rounds' grades of this query with titles: relevant ones first, some 0s."""
    ranked = sorted(earlier.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ([kv for kv in ranked if kv[1] > 0][:CALIBRATION_RELEVANT]
             + [kv for kv in ranked if kv[1] == 0][:CALIBRATION_IRRELEVANT])
    counts = {g: sum(1 for v in earlier.values() if v == g) for g in (2, 1, 0)}
    lines = [f"**Earlier grades** ({counts[2]}× 2, {counts[1]}× 1, {counts[0]}× 0; showing "
             f"{len(shown)}):"]
    for doc_id, grade in shown:
        title = article_text(articles[doc_id])[0] if doc_id in articles else "?"
        lines.append(f"- {grade} `{doc_id}` {title}")
    return "\n".join(lines) + "\n"


def header(number: int, batch: list[dict], pool: dict, name: str = "", grades_dir: str = "") -> str:
    docs = sum(len(pool[q["id"]]) for q in batch)
    name = name or f"batch_{number:02d}"
    return f"""# Judging packet {name}: {len(batch)} queries, {docs} documents

Read the guidelines first: `{GUIDELINES}` in the repository (grades, and rules per query kind).

Grades: **2** = the article is about it, **1** = covers it substantially, **0** = passing mention,
list item, only in boilerplate, or not about it at all. Judge the intent, not the words.

Write your grades as JSON to `{grades_dir}/{name}.json`, one grade for
EVERY document listed here (a template with nulls is `{name}.template.json` next to
this file):

```json
{{"q001": {{"bm21234567": 2, "bm21234999": 0}}, "q002": {{"...": 1}}}}
```

Documents are shuffled; which system found them is deliberately not shown. The excerpts mark
query words in **bold**, matched without accents (so a bold word may be a false match, e.g.
`bien dong` = biến động, not Biển Đông): read them.

Queries in this batch: {", ".join(q["id"] for q in batch)}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--round", help="only the ungraded pooled documents of this provenance "
                        "(a later round), with the earlier grades shown for calibration")
    parser.add_argument("--second", metavar="QIDS", help="a second judge's packets (see agreement.py): the whole "
                        "pools of these comma-separated queries, no earlier grades, in WORKDIR/second/")
    args = parser.parse_args(argv)

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    pool = json.loads(POOL.read_text(encoding="utf-8"))
    earlier: dict[str, dict[str, int]] = {}
    prefix = "batch"
    if args.round:
        earlier = {q["id"]: q["judgments"] for q in json.loads(JUDGMENTS.read_text(encoding="utf-8"))}
        pool = {q: {d: who for d, who in docs.items()
                    if args.round in who and d not in earlier.get(q, {})}
                for q, docs in pool.items()}
        pool = {q: docs for q, docs in pool.items() if docs}
        queries = [q for q in queries if q["id"] in pool]
        digits = re.findall(r"\d+", args.round)
        prefix = f"batch_r{digits[-1] if digits else args.round}"
    if args.second:
        chosen = set(args.second.split(","))
        queries = [q for q in queries if q["id"] in chosen]
        pool = {q: docs for q, docs in pool.items() if q in chosen}
        prefix = "second"
    wanted = {doc_id for docs in pool.values() for doc_id in docs}
    wanted |= {doc_id for q in pool for doc_id in earlier.get(q, {})}
    articles = {a.id: a for a in read_articles(slice_paths(args.workdir, DEFAULT_STEP)) if a.id in wanted}
    lost = wanted - set(articles)
    if lost:
        sys.exit(f"make_packets: {len(lost)} pooled docs are not in the slice (e.g. {sorted(lost)[0]})")

    counts: dict[str, int] = {}
    for article in articles.values():
        for word in set(re.findall(r"\w+", fold(" ".join(article_text(article))).lower())):
            counts[word] = counts.get(word, 0) + 1
    COMMON.update({word: n / len(articles) for word, n in counts.items()})

    base = args.workdir / "second" if args.second else args.workdir
    out_dir, grades_dir = base / "packets", base / "grades"
    out_dir.mkdir(parents=True, exist_ok=True)
    grades_dir.mkdir(exist_ok=True)
    manifest, longest = {}, 0
    for number, batch in enumerate(balance(queries, pool, args.batches), start=1):
        name = f"{prefix}_{number:02d}"
        parts, template = [header(number, batch, pool, name, str(grades_dir))], {}
        for query in batch:
            doc_ids = sorted(pool[query["id"]])
            random.Random(query["id"]).shuffle(doc_ids)
            parts.append(f"\n---\n\n## {query['id']} [{query['kind']}] `{query['q']}`\n\n"
                         f"**Intent:** {query['intent']}\n")
            if args.round:
                parts.append(calibration(query, earlier.get(query["id"], {}), articles))
            parts.append(f"{len(doc_ids)} documents to grade.\n")
            for i, doc_id in enumerate(doc_ids, start=1):
                entry = doc_entry(i, articles[doc_id], query)
                longest = max(longest, len(entry))
                parts.append(entry + "\n")
            template[query["id"]] = {doc_id: None for doc_id in doc_ids}
        (out_dir / f"{name}.md").write_text("\n".join(parts), encoding="utf-8")
        (out_dir / f"{name}.template.json").write_text(json.dumps(template, indent=1) + "\n")
        manifest[name] = [q["id"] for q in batch]
        docs = sum(len(pool[q["id"]]) for q in batch)
        print(f"{out_dir / name}.md: {len(batch)} queries, {docs} docs")
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"longest document entry: {longest} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
