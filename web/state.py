"""What the user asked for, read from the URL and written back into links: the URL is the state."""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from flask import url_for
from werkzeug.exceptions import BadRequest

from searcher import FACET_NAMES, FACETS, SearchParams

DEFAULT_LIMIT = 10
DEFAULT_FACET_LIMIT = 10
MORE_FACET_LIMIT = 50
MAX_NUMBER_DIGITS = 9  # page, limit and facet_limit: no archive has a billion pages


@dataclass(frozen=True)
class SearchState:
    """What the user asked for, as read from the URL; renders itself back into URLs."""

    q: str = ""
    # facet name -> ticked values; facets with none are left out
    selections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = DEFAULT_LIMIT
    facet_limit: int = DEFAULT_FACET_LIMIT
    more: str | None = None  # the one facet opened by "Xem thêm" (it shows MORE_FACET_LIMIT)
    exact: bool = False  # search q as typed, even when it finds nothing and a respelling would
    undated: bool = False  # a date range also takes articles of unknown year in its day-months
    all_copies: bool = False  # near-identical articles listed one by one, not folded

    def selected(self, name: str) -> tuple[str, ...]:
        return dict(self.selections).get(name, ())

    def _with_selected(self, name: str, values: tuple[str, ...]) -> tuple:
        chosen = {**dict(self.selections), name: values}
        return tuple((f.name, chosen[f.name]) for f in FACETS if chosen.get(f.name))

    @property
    def filters(self) -> list[tuple[str, str]]:
        """Every active filter as (name, value): the removable chips."""
        chips = [(name, value) for name, values in self.selections for value in values]
        chips += [(name, value) for name, value in (("from", self.date_from), ("to", self.date_to)) if value]
        return chips

    @classmethod
    def from_args(cls, args) -> "SearchState":
        """Read the query string; empty values count as absent, non-numbers are a 400."""
        def values(name: str) -> tuple[str, ...]:
            seen: list[str] = []
            for value in args.getlist(name):
                value = value.strip()
                if value and value not in seen:
                    seen.append(value)
            return tuple(seen)

        def single(name: str) -> str | None:
            value = args.get(name, "").strip()
            return value or None

        return cls(
            q=args.get("q", "").strip(),
            selections=tuple((f.name, values(f.name)) for f in FACETS if values(f.name)),
            date_from=single("from"),
            date_to=single("to"),
            sort=single("sort") or "relevance",
            page=positive_int(args, "page", 1, "Số trang"),
            limit=positive_int(args, "limit", DEFAULT_LIMIT, "Số kết quả mỗi trang"),
            facet_limit=positive_int(args, "facet_limit", DEFAULT_FACET_LIMIT, "Số giá trị mỗi bộ lọc"),
            more=single("more") if single("more") in FACET_NAMES else None,
            exact=single("exact") not in (None, "0"),
            undated=single("undated") not in (None, "0"),
            all_copies=single("copies") == "all",
        )

    def params(self) -> SearchParams:
        return SearchParams(
            q=self.q, selections={name: list(values) for name, values in self.selections},
            date_from=self.date_from, date_to=self.date_to, sort=self.sort,
            page=self.page, limit=self.limit,
            facet_limit=max(self.facet_limit, MORE_FACET_LIMIT) if self.more else self.facet_limit,
            correct=not self.exact, undated=self.undated, fold=not self.all_copies,
        )

    @property
    def has_filters(self) -> bool:
        return bool(self.filters)

    def query_pairs(self) -> list[tuple[str, str]]:
        """The state as query-string pairs, leaving out defaults so links stay short."""
        pairs: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        for name, values in self.selections:
            pairs += [(name, value) for value in values]
        if self.date_from:
            pairs.append(("from", self.date_from))
        if self.date_to:
            pairs.append(("to", self.date_to))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.limit != DEFAULT_LIMIT:
            pairs.append(("limit", str(self.limit)))
        if self.facet_limit != DEFAULT_FACET_LIMIT:
            pairs.append(("facet_limit", str(self.facet_limit)))
        if self.more:
            pairs.append(("more", self.more))
        if self.exact:
            pairs.append(("exact", "1"))
        if self.undated and (self.date_from or self.date_to):
            pairs.append(("undated", "1"))
        if self.all_copies:
            pairs.append(("copies", "all"))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, endpoint: str = "search") -> str:
        query = urlencode(self.query_pairs())
        return url_for(endpoint) + (f"?{query}" if query else "")

    # Links the page offers; each starts again from page 1 except paging itself.
    def with_page(self, page: int) -> str:
        return replace(self, page=page).url()

    def with_sort(self, sort: str) -> str:
        return replace(self, sort=sort, page=1).url()

    def with_more(self, name: str | None) -> str:
        """Open one facet's long list ("Xem thêm"), or close it (None)."""
        return replace(self, more=name).url() + (f"#facet-{name}" if name else "")

    def shown(self, name: str, values: list) -> list:
        """A facet's values to list: the long list for the facet opened, else the first
        ``facet_limit`` (and any ticked value further down)."""
        if name == self.more:
            return values
        return [v for i, v in enumerate(values) if i < self.facet_limit or v.selected]

    def toggled(self, name: str, value: str) -> str:
        current = self.selected(name)
        chosen = tuple(v for v in current if v != value) if value in current else current + (value,)
        return replace(self, page=1, selections=self._with_selected(name, chosen)).url()

    def only(self, name: str, *values: str) -> str:
        """These values of the facet ticked, its others not."""
        return replace(self, page=1, selections=self._with_selected(name, values)).url()

    def without(self, name: str, value: str) -> str:
        if name == "from":
            return replace(self, date_from=None, page=1).url()
        if name == "to":
            return replace(self, date_to=None, page=1).url()
        kept = tuple(v for v in self.selected(name) if v != value)
        return replace(self, page=1, selections=self._with_selected(name, kept)).url()

    def without_filters(self) -> str:
        return SearchState(q=self.q, sort=self.sort, limit=self.limit, exact=self.exact).url()

    def with_query(self, q: str) -> str:
        """Another query, corrected if it finds nothing (a new query is never ``exact``)."""
        return replace(self, q=q, page=1, exact=False).url()

    def with_undated(self, undated: bool) -> str:
        """The same date range, taking (or leaving out) articles of unknown year."""
        return replace(self, undated=undated, page=1).url()

    def with_all_copies(self, all_copies: bool) -> str:
        """The same search with near-identical articles listed one by one (or folded)."""
        return replace(self, all_copies=all_copies, page=1).url()

    def exactly(self, q: str) -> str:
        """This query searched as typed, not replaced by its respelling."""
        return replace(self, q=q, page=1, exact=True).url()


def positive_int(args, name: str, default: int, label: str) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadRequest(f"{label} phải là một số nguyên dương (nhận được “{raw[:40]}”).")
    if len(raw) > MAX_NUMBER_DIGITS:  # int() refuses 4,300+ digits with a ValueError: a 500
        raise BadRequest(f"{label} quá lớn (nhận được “{raw[:40]}…”).")
    return int(raw)
