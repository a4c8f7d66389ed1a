"""``ClusterSearcher``: ``Searcher``'s search, export and article lookup over a SphinxQL cluster.

The query is parsed by the project's own parser and translated (``translate``); the cluster
matches, ranks and counts; result cards are built by the project's own snippet code from the
stored text of the page's hits. Tiers work as in the embedded engine: the strict tier alone
when it holds ``ENOUGH_STRICT`` articles, else the looser tiers after it, each queried on its
own so that they stay in order. A shard that does not answer makes the answer partial, said in
``SearchResult.warnings``, never an error.
"""
from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator
from functools import lru_cache

from ..facets import FACETS, FIRST_PLAUSIBLE_YEAR, last_plausible_year
from ..search import ranking
from ..search import query as query_builder
from ..search.params import SearchError, SearchParams, parse_date_bound, validate
from ..search.explore import Overview, iso_date
from ..search.results import ArticleRecord, FacetValue, Hit, SearchResult
from ..search.scoring import LOOSE, PARTIAL, STRICT
from ..search.facet_counts import top_values
from ..search.searcher import ArticleNotFound, hit_from, query_needles, record_from
from ..search.writing import stored_share, weight_of_share
from ..text.normalize import fold, syllables
from ..text.terms import WORD_JOINER
from .client import Cluster, doc_number, quote, value_number
from .layout import LENGTH_ATTRIBUTES, MAX_MATCHES, VALUES_INDEX
from .tokens import token
from .translate import Plan, Translator, any_of

PARTIAL_WARNING = "kết quả thiếu một phần"
STATS_SECONDS = 10.0  # how long term statistics and parses are reused (an index run may change them)
COUNT_BATCH = 64  # match counts asked in one round trip
MAX_COUNTS = 100_000  # counts kept between refreshes
JOINED = 4  # the longest run of syllables a query's words are looked up as
MAX_FACET_GROUPS = 5000  # facet values counted per facet (then ranked here, ties by name)
EXPORT_BATCH = 500
# The embedded engine's field weights (x10: Sphinx takes integers); the chain field only matches.
FIELD_WEIGHT = {name: round(boost * 10) for name, boost in ranking.FIELD_BOOSTS.items()}
FIELD_WEIGHTS = ",".join(f"{name}={weight}" for name, weight in FIELD_WEIGHT.items()) + ",chain=0"
assert len(set(FIELD_WEIGHT.values())) == len(FIELD_WEIGHT), "the ranker tells fields apart by weight"
SCORE_SCALE = 1000  # WEIGHT() is an integer: the expression's score times this


def ranker(averages: dict[str, float], coordination: bool = False) -> str:
    """BM25F as Sphinx's expression ranker can say it: per field, the matched keywords' IDF
    plus one (the engine's ``log(N/df) + 1``: a common word still counts) times a saturated
    count of their hits, weighted by field; each field's hits normalised by its own length
    against the archive's average (``averages``), as the engine's BM25 does. An expression
    cannot name the field it is summing over, only read its weight, so the weights (all
    different) pick the length. Sphinx 2.2's own bm25f() needs field lengths, which its
    real-time indexes do not keep.
    ``coordination``: a long question, where no word is required, also weighs each field by
    how many of the query's keywords it matched (the engine's coverage squared)."""
    fields = list(LENGTH_ATTRIBUTES)
    ratio = f"{LENGTH_ATTRIBUTES[fields[-1]]}/{averages[fields[-1]]:.4f}"
    for name in reversed(fields[:-1]):
        ratio = f"if(user_weight=={FIELD_WEIGHT[name]},{LENGTH_ATTRIBUTES[name]}/{averages[name]:.4f},{ratio})"
    k1, b = ranking.K1, ranking.B
    weight = "(sum_idf+word_count)" + ("*word_count" if coordination else "")
    return (f"ranker=expr('{SCORE_SCALE}*sum(user_weight*{weight}*hit_count/(hit_count+"
            f"{k1}*word_count*(1-{b}+{b}*{ratio})))'), idf='plain,tfidf_unnormalized', "
            f"field_weights=({FIELD_WEIGHTS})")


class ClusterSearcher:
    """Safe to share between threads (a connection per shard and thread)."""

    def __init__(self, address: str):
        self.address = address
        self.cluster = Cluster(address)
        self.problem: str | None = None
        self._lock = threading.Lock()
        self._fresh_until = 0.0
        self._size = 0
        self.doc_count  # fails now, clearly, if no shard answers

    # -- what the cluster holds ---------------------------------------------------------------

    @property
    def doc_count(self) -> int:
        answer = self.cluster.search(["SELECT COUNT(*) FROM {everything}"])
        self.problem = "; ".join(answer.warnings) or None
        rows = answer.results[0]
        return int(rows[0][0]) if rows else 0

    def _stats(self) -> None:
        """Term statistics and parses are kept for ``STATS_SECONDS``."""
        with self._lock:
            if time.monotonic() < self._fresh_until:
                return
            answer = self.cluster.search(["SELECT COUNT(*), " + ", ".join(
                f"AVG({attribute})" for attribute in LENGTH_ATTRIBUTES.values()) + " FROM {everything}"])
            self.problem = "; ".join(answer.warnings) or None
            rows = answer.results[0]
            self._size = int(rows[0][0]) if rows else 0
            averages = rows[0][1:] if rows else [None] * len(LENGTH_ATTRIBUTES)
            averages = {name: max(1.0, float(average or 1))
                        for name, average in zip(LENGTH_ATTRIBUTES, averages)}
            self._rankers = {soft: ranker(averages, coordination=soft) for soft in (False, True)}
            self._merged = self._archive_merges()
            self._counts: dict[str, int] = {}
            self._parse = lru_cache(maxsize=1024)(self._parse_text)
            self._fresh_until = time.monotonic() + STATS_SECONDS

    def _archive_merges(self) -> dict[str, dict[str, str]]:
        """Per facet that has them, its values one with another across the archive
        (``Facet.same``), from the archive's counts of its ``MAX_FACET_GROUPS`` commonest values."""
        same = [facet for facet in FACETS if facet.same is not None]
        if not same:
            return {}
        groups = self.cluster.search([_archive_counts(facet.name) for facet in same]).results
        names = self._names([value for rows in groups for value, _ in rows])
        merged = {}
        for facet, rows in zip(same, groups):
            counted = [(names[value], int(n)) for value, n in rows if value in names]
            merged[facet.name] = facet.same([v for v, _ in counted], [n for _, n in counted])
        return merged

    def _merge_counts(self, name: str, by_value: dict[str, int]) -> dict[str, int]:
        """A facet's counts with each merged value counted under the value it is one with (an
        article holds at most one of them: extraction folds a surname into the full name it
        gives)."""
        for value, into in self._merged.get(name, {}).items():
            if value in by_value:
                by_value[into] = by_value.get(into, 0) + by_value.pop(value)
        return by_value

    def _selected(self, params: SearchParams) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """(the ticked values, each merged one as the value it is one with; the values to filter
        on: those and every value merged into them)."""
        shown, filtered = {}, {}
        for name, values in params.all_selected().items():
            merged = self._merged.get(name, {})
            shown[name] = list(dict.fromkeys(merged.get(v, v) for v in values))
            filtered[name] = shown[name] + [v for v, into in merged.items() if into in shown[name]]
        return shown, filtered

    def _count(self, expressions: list[str]) -> dict[str, int]:
        """How many articles match each expression, asked in one batch (each query needs a few
        dozen such counts: a round trip each would cost more than the search)."""
        known = self._counts  # a refresh (another thread) swaps in a new dict
        found = {e: known[e] for e in expressions if e in known}
        wanted = [e for e in dict.fromkeys(expressions) if e not in found]
        for start in range(0, len(wanted), COUNT_BATCH):
            chunk = wanted[start:start + COUNT_BATCH]
            results = self.cluster.search([f"SELECT COUNT(*) FROM {{everything}} WHERE MATCH({quote(e)})"
                                           for e in chunk]).results
            for expression, rows in zip(chunk, results):
                found[expression] = known[expression] = int(rows[0][0]) if rows else 0
        if len(known) > MAX_COUNTS:
            known.clear()
        return found

    def _doc_frequency(self, expression: str) -> int:
        return self._count([expression])[expression]

    def _is_term(self, term: str) -> bool:
        return self._doc_frequency(token(term)) > 0

    def _parse_text(self, text: str):
        """``query.parse`` with the archive's words; the words it may ask about (each syllable
        and each run of up to ``JOINED`` syllables, folded and joined) counted beforehand."""
        folded = [fold(s) for s in syllables(text)]
        self._count([token(WORD_JOINER.join(folded[i:i + n]))
                     for n in range(1, JOINED + 1) for i in range(len(folded) - n + 1)])
        return query_builder.parse(text, self._is_term)

    def _translator(self) -> Translator:
        return Translator(lambda expression: self._doc_frequency(expression) > 0,
                          self._doc_frequency, self._size)

    # -- search -------------------------------------------------------------------------------

    def _planned(self, params: SearchParams):
        """(parsed query, its translation, the tiers to query, their level), the statistics
        they need counted in batches first."""
        validate(params)
        self._stats()
        parsed = self._parse(params.q)
        if parsed.is_empty and not params.has_filters:
            raise SearchError("Hãy nhập từ khóa tìm kiếm hoặc chọn một bộ lọc.")
        self._count(Translator.asked(parsed))
        plan = self._translator().plan(parsed)
        return (parsed, plan, *self._tiers(plan))

    @staticmethod
    def _ranked_by(tier: str | None, plan: Plan | None) -> str | None:
        """A tier's expression with the neighbouring-words bonus: it adds to the score, not
        to the matches (Sphinx 2.2's MAYBE matches like AND: written as "T | (T nearby)")."""
        return f"({tier} | ({tier} {plan.nearby}))" if tier and plan.nearby else tier

    def search(self, params: SearchParams) -> SearchResult:
        parsed, plan, tiers, level = self._planned(params)
        start, count = (params.page - 1) * params.limit, params.limit
        shown, selections = self._selected(params)
        wanted = min(start + count, MAX_MATCHES)
        capitalised = self._capitalised_word(parsed, plan, tiers, params)
        statements = []
        for number, tier in enumerate(tiers):
            rows_wanted = max(wanted, ranking.MAX_CASE_CHECKS) if capitalised and not number \
                else wanted
            statements += [self._select(self._ranked_by(tier, plan), params, selections,
                                        rows_wanted, plan), "SHOW META"]
        matched = any_of(tiers_union(tiers, plan)) if plan else None
        for facet in FACETS:
            statements.append(self._facet_select(facet.name, matched, params, selections))
        years = selections.get("year", [])
        months = len(years) == 1 and years[0].isdigit()
        if months:
            statements.append(self._months_select(int(years[0]), matched, params, selections))
        undated = bool(params.date_from or params.date_to)
        if undated:
            statements.append(self._undated_select(matched, params, selections))
        answer = self.cluster.search(statements)
        results = answer.results
        rows, total = [], 0
        for i in range(len(tiers)):
            tier_rows, meta = results[2 * i], dict(results[2 * i + 1])
            if capitalised and not i:
                tier_rows = self._as_written(tier_rows, capitalised)
            rows += tier_rows
            total += int(meta.get("total_found", 0))
        results = results[2 * len(tiers):]
        facet_rows = {facet.name: results[i] for i, facet in enumerate(FACETS)}
        results = results[len(facet_rows):]
        names = self._names([row[0] for rows_ in facet_rows.values() for row in rows_])
        facets, histogram = {}, []
        for facet in FACETS:
            by_value = self._merge_counts(facet.name, {names[row[0]]: int(row[1]) for row in
                                                        facet_rows[facet.name] if row[0] in names})
            facets[facet.name] = top_values(by_value, shown[facet.name], params.facet_limit)
            if facet.has_histogram:
                histogram = [FacetValue(v, by_value[v], v in shown[facet.name])
                             for v in sorted(by_value, key=facet.chronological_key)]
        month_values = []
        if months:
            by_month = {int(row[0]) % 100: int(row[1]) for row in results.pop(0)}  # (month, count[, in_range])
            month_values = [FacetValue(f"{years[0]}-{m:02d}", by_month.get(m, 0)) for m in range(1, 13)]
        undated_count = int(results.pop(0)[0][0]) if undated and results and results[0] else 0
        needles = query_needles(parsed)
        hits = [self._hit(row, needles, plan is not None) for row in rows[start:start + count]]
        warnings = [f"{PARTIAL_WARNING}: {w}" for w in answer.warnings]
        self.problem = "; ".join(answer.warnings) or None
        return SearchResult(
            query=params.q, total=total, page=params.page,
            pages=max(1, math.ceil(total / params.limit)), limit=params.limit, sort=params.sort,
            filters={**shown, "from": params.date_from, "to": params.date_to},
            hits=hits, facets=facets, histogram=histogram, suggestion=None,
            matching=level, months=month_values, undated_in_range=undated_count,
            warnings=warnings)

    @staticmethod
    def _capitalised_word(parsed, plan: Plan | None, tiers, params: SearchParams) -> str | None:
        """The syllable of a query that is one capitalised one-syllable word (``Anh``, ``Đức``),
        ranked by relevance from its strict tier: the engine reads how the writer wrote it
        (``_Scorer.as_written``). Within a longer query the engine weighs only that word's part
        of the score, which a row's one weight cannot: those queries keep Sphinx's order."""
        words = parsed.positive_words
        if plan is None or plan.soft or params.sort == "date" or tiers[0] != plan.strict \
                or len(words) != 1 or len(words[0].raw) != 1 or not words[0].raw[0][:1].isupper():
            return None
        return words[0].normalized[0]

    @staticmethod
    def _as_written(rows: list[tuple], syllable: str) -> list[tuple]:
        """The strict tier's best ``MAX_CASE_CHECKS`` rows reordered by the share of the
        syllable's occurrences their writer wrote as a name of its own, as the engine does;
        the rows after them stay after them."""
        checked, rest = rows[:ranking.MAX_CASE_CHECKS], rows[ranking.MAX_CASE_CHECKS:]
        weighed = [(*row[:3], row[3] * weight_of_share(stored_share(json.loads(row[2]), syllable)),
                    *row[4:]) for row in checked]
        return sorted(weighed, key=lambda row: (-row[3], row[0])) + rest

    def _tiers(self, plan: Plan | None) -> tuple[list[str | None], str]:
        """The expressions to query, in rank order, and which tiers are in (as ``Evaluation.level``)."""
        if plan is None:
            return [None], STRICT
        both = any_of([plan.complete, plan.partial]) if plan.partial else plan.complete
        counted = self._count([plan.strict, plan.complete, both])
        strict, complete, union = counted[plan.strict], counted[plan.complete], counted[both]
        if plan.soft:
            tiers = [any_of([plan.complete, plan.partial]) if plan.partial else plan.complete]
            return tiers, PARTIAL if union > complete else LOOSE if complete > strict else STRICT
        if strict >= ranking.ENOUGH_STRICT:
            return [plan.strict], STRICT
        tiers = [plan.strict, f"({plan.complete} -{plan.strict})"]
        if complete >= ranking.ENOUGH_STRICT or not plan.partial:
            return tiers, LOOSE if complete > strict else STRICT
        tiers.append(f"({plan.partial} -{plan.complete})")
        return tiers, PARTIAL if union > complete else LOOSE if complete > strict else STRICT

    @staticmethod
    def _filters(params: SearchParams, selections: dict, leave_out: str | None = None,
                 dates: bool = True) -> tuple[str, list[str]]:
        """(select expressions, WHERE conditions) of the facet selections and the date range."""
        where = [f"{name} IN ({','.join(str(value_number(name, v)) for v in values)})"
                 for name, values in selections.items() if values and name != leave_out]
        extra = ""
        low = parse_date_bound(params.date_from, upper=False)
        high = parse_date_bound(params.date_to, upper=True)
        if dates and (low or high):
            low, high = low or 0, high or 99_991_231
            condition = f"(date_key > 9999 AND date_key >= {low} AND date_key <= {high})"
            if params.undated:
                condition = f"({condition} OR {undated_condition(low, high)})"
            extra = f", {condition} AS in_range"
            where.append("in_range = 1")
        return extra, where

    def _select(self, tier: str | None, params: SearchParams, selections: dict, wanted: int,
                plan: Plan | None, offset: int = 0) -> str:
        """The rows ``offset`` to ``offset + wanted`` of one tier, in rank (or date) order."""
        extra, where = self._filters(params, selections)
        if tier is not None:
            where.insert(0, f"MATCH({quote(tier)})")
        order = "date_key DESC, id ASC" if params.sort == "date" or plan is None \
            else "WEIGHT() DESC, id ASC"
        return (f"SELECT id, doc_id, data, WEIGHT() AS score{extra} FROM {{everything}}"
                f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} "
                f"LIMIT {offset}, {max(wanted, 1)} OPTION {self._rankers[bool(plan and plan.soft)]}, "
                f"max_matches={max(offset + wanted, 1000)}")

    def _facet_select(self, name: str, matched: str | None, params: SearchParams,
                      selections: dict) -> str:
        extra, where = self._filters(params, selections, leave_out=name)
        if matched is not None:
            where.insert(0, f"MATCH({quote(matched)})")
        return (f"SELECT GROUPBY() AS value, COUNT(*) AS n{extra} FROM {{everything}}"
                f"{' WHERE ' + ' AND '.join(where) if where else ''} GROUP BY {name} "
                f"ORDER BY n DESC LIMIT {MAX_FACET_GROUPS} OPTION max_matches={MAX_FACET_GROUPS}")

    def _months_select(self, year: int, matched, params, selections) -> str:
        extra, where = self._filters(params, selections)
        if matched is not None:
            where.insert(0, f"MATCH({quote(matched)})")
        where += [f"date_key >= {year * 10000 + 101}", f"date_key <= {year * 10000 + 1231}"]
        return (f"SELECT IDIV(date_key, 100) AS month, COUNT(*) AS n{extra} FROM {{everything}} "
                f"WHERE {' AND '.join(where)} GROUP BY month LIMIT 12")

    def _undated_select(self, matched, params, selections) -> str:
        _, where = self._filters(params, selections, dates=False)
        low = parse_date_bound(params.date_from, upper=False) or 0
        high = parse_date_bound(params.date_to, upper=True) or 99_991_231
        if matched is not None:
            where.insert(0, f"MATCH({quote(matched)})")
        where.append("undated = 1")
        return (f"SELECT COUNT(*), {undated_condition(low, high)} AS undated FROM {{everything}} "
                f"WHERE {' AND '.join(where)}")

    def _names(self, numbers) -> dict[int, str]:
        """Facet value ids -> values, from the value table of the shard that answers."""
        numbers = sorted(set(numbers))
        names: dict[int, str] = {}
        for start in range(0, len(numbers), 1000):
            chunk = ",".join(map(str, numbers[start:start + 1000]))
            rows = self.cluster.search([f"SELECT id, facet_value FROM {VALUES_INDEX} WHERE id IN ({chunk}) "
                                        f"LIMIT 1000 OPTION max_matches=1000"]).results[0]
            names.update((int(number), value) for number, value in rows)
        return names

    @staticmethod
    def _hit(row: tuple, needles, has_words: bool) -> Hit:
        doc_id, data, score = row[1], json.loads(row[2]), row[3]
        return hit_from(doc_id, data, float(score) / SCORE_SCALE if has_words else None, needles)

    # -- take away and articles ----------------------------------------------------------------

    def export(self, params: SearchParams) -> Iterator[Hit]:
        """Every article the search matches, in its order (up to ``MAX_MATCHES`` a tier), a
        batch at a time: each tier is paged through with offsets, never read again."""
        parsed, plan, tiers, _ = self._planned(params)
        needles = query_needles(parsed)
        selections = self._selected(params)[1]
        capitalised = self._capitalised_word(parsed, plan, tiers, params)
        for number, tier in enumerate(tiers):
            for offset in range(0, MAX_MATCHES, EXPORT_BATCH):
                rows = self.cluster.search([self._select(
                    self._ranked_by(tier, plan), params, selections, EXPORT_BATCH,
                    plan, offset=offset)]).results[0]
                if capitalised and not number and not offset:  # in the order of the pages
                    rows = self._as_written(rows, capitalised)
                yield from (self._hit(row, needles, plan is not None) for row in rows)
                if len(rows) < EXPORT_BATCH:
                    break

    def article(self, doc_id: str) -> ArticleRecord:
        rows = self.cluster.search([f"SELECT id, data FROM {{everything}} WHERE id = {doc_number(doc_id)}"]).results[0]
        if not rows:
            raise ArticleNotFound(doc_id)
        return record_from(doc_id, json.loads(rows[0][1]))

    def close(self) -> None:
        self.cluster.close()

    def overview(self, year: str | None = None, latest: int = 10,
                 facet_limit: int = 10) -> Overview:
        """The whole archive at a glance (``Searcher.overview``)."""
        first, last = FIRST_PLAUSIBLE_YEAR * 10000 + 101, last_plausible_year() * 10000 + 1231
        plausible = f"date_key >= {first} AND date_key <= {last}"
        tags = [f for f in FACETS if not f.has_histogram]
        statements = [
            "SELECT COUNT(*) FROM {everything}",
            f"SELECT MIN(date_key), MAX(date_key), COUNT(*) FROM {{everything}} WHERE {plausible}",
            f"SELECT IDIV(date_key, 10000) AS y, COUNT(*) AS n FROM {{everything}} WHERE {plausible} "
            f"GROUP BY y ORDER BY y ASC LIMIT 200",
            *[_archive_counts(f.name) for f in tags],
            f"SELECT id, doc_id, data, WEIGHT() FROM {{everything}} WHERE {plausible} "
            f"ORDER BY date_key DESC, id ASC LIMIT {latest}",
        ]
        if year and year.isdigit():
            statements.append(f"SELECT IDIV(date_key, 100) AS month, COUNT(*) FROM {{everything}} "
                              f"WHERE date_key >= {int(year) * 10000 + 101} AND "
                              f"date_key <= {int(year) * 10000 + 1231} GROUP BY month LIMIT 12")
        results = self.cluster.search(statements).results
        total = int(results[0][0][0]) if results[0] else 0
        low, high, dated = results[1][0] if results[1] else (0, 0, 0)
        groups = results[3:3 + len(tags)]
        names = self._names([value for rows in groups for value, _ in rows])
        self._stats()  # the archive's merged values
        facets = {f.name: top_values(self._merge_counts(f.name, {names[v]: int(n) for v, n in rows if v in names}),
                                     [], facet_limit)
                  for f, rows in zip(tags, groups)}
        by_month = {int(m) % 100: int(n) for m, n in results[4 + len(tags)]} \
            if len(results) > 4 + len(tags) else {}
        return Overview(
            total=total,
            first_date=iso_date(int(low)) if dated else None,
            last_date=iso_date(int(high)) if dated else None,
            years=[FacetValue(str(y), int(n), str(y) == year) for y, n in results[2]],
            undated=total - int(dated),
            months=[FacetValue(f"{year}-{m:02d}", by_month.get(m, 0)) for m in range(1, 13)]
            if by_month or (year and year.isdigit()) else [],
            facets=facets,
            latest=[self._hit(row, (), False) for row in results[3 + len(tags)]])

    def suggest(self, text: str, limit: int = 8, kinds=None) -> list:
        """No completions: the tables of names they search live in the embedded index."""
        return []

    def related(self, doc_id: str, limit: int = 5) -> list:
        """No related articles (they are scored over the embedded index's columns)."""
        return []

    # -- what only the embedded index offers ----------------------------------------------------

    def _embedded_only(self, *args, **kwargs):
        raise SearchError("Trang này chỉ có với chỉ mục cục bộ, không có khi tìm qua cụm máy "
                          "chủ (not available over the cluster backend).")

    profile = resolve = _embedded_only


def _archive_counts(facet: str) -> str:
    """The archive's ``MAX_FACET_GROUPS`` commonest values of a facet, with their counts."""
    return (f"SELECT GROUPBY() AS value, COUNT(*) AS n FROM {{everything}} GROUP BY {facet} "
            f"ORDER BY n DESC LIMIT {MAX_FACET_GROUPS} OPTION max_matches={MAX_FACET_GROUPS}")


def tiers_union(tiers: list[str | None], plan: Plan) -> list[str]:
    """The expressions whose union is the result set (the tiers before each was made
    exclusive of the one above)."""
    if len(tiers) == 1:
        return [t for t in tiers if t is not None]
    return [plan.strict, plan.complete] + ([plan.partial] if len(tiers) > 2 else [])


def undated_condition(low: int, high: int) -> str:
    """``Searcher._undated_in`` as a SphinxQL expression (MMDD keys)."""
    undated = "(date_key >= 101 AND date_key <= 1231)"
    if high - low >= 10000:
        return undated
    first, last = low % 10000, high % 10000
    if first <= last:
        return f"({undated} AND date_key >= {first} AND date_key <= {last})"
    return f"({undated} AND (date_key >= {first} OR date_key <= {last}))"
