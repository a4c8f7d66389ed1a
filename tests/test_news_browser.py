"""The results pages tried as a reader would, beyond the five seed pages: Debian's Chromium over
real HTTP on an index of the seed pages plus 2,052 real news articles (``conftest.news_index``),
on a desktop and a phone screen. What a page shows is checked against its JSON twin on the
same server, so the tests hold whatever the articles' extraction finds.

The journeys: who and when on a card, wire copies folded; a timeline of real years, with the
undated counted beside it, one Tab stop and arrow keys, months inside a year; a date range that
offers the articles of unknown year and says a bad date beside its box; newest first among
the articles that match as words; a readable article and the way back to the same search;
facet lists that ask the server, open one at a time and say "either"; a respelling shown at
once; offsets for programs; the first result within five Tab presses, focus kept on a filter."""
from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlparse

from conftest import BROWSER_MARKS, NEWS_COPIES, SCREENSHOTS, focused, tabs_until
from playwright.sync_api import expect

from searcher.text.normalize import fold

pytestmark = BROWSER_MARKS

PM_JAPAN = "Thủ tướng Nhật Bản"  # finds two of the three pairs of wire copies on page 1
FOLDED_COPY, SHOWN_COPY = "bm22450000", NEWS_COPIES["bm22450000"]  # the second ranks higher


def api(server, path: str, **params) -> dict:
    return server.get("/api" + path, **params).json()


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"news-{name}-{tab.screen}.png"))


def card_ids(tab) -> list[str]:
    hrefs = tab.locator(".hits > .hit > .hit-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return [urlparse(href).path.rsplit("/", 1)[-1] for href in hrefs]


def fits_width(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# -- cards ---------------------------------------------------------------------------------------

def test_a_wire_copy_is_folded_under_its_twin_and_listed_one_by_one_on_request(sized_tab, news_server):
    tab = sized_tab
    twin = api(news_server, "/search", q=PM_JAPAN)
    assert twin["folded"] >= 1
    assert twin["pages"] == -(-(twin["total"] - twin["folded"]) // 10)  # pages of what is listed
    tab.goto(news_server.url("/search", q=PM_JAPAN))
    expect(tab.locator(".summary .folded")).to_contain_text(f"{twin['folded']} bài gần trùng")
    assert SHOWN_COPY in card_ids(tab) and FOLDED_COPY not in card_ids(tab)
    card = tab.locator(".hit", has=tab.locator(f".hit-title a[href*='{SHOWN_COPY}']"))
    copies = card.locator("details.copies")
    expect(copies.locator("summary")).to_have_text("1 bài tương tự")
    expect(copies.locator(f"a[href*='{FOLDED_COPY}']")).to_be_hidden()
    copies.locator("summary").click()
    expect(copies.locator(f"a[href*='{FOLDED_COPY}']")).to_be_visible()
    assert fits_width(tab)
    shot(tab, "folded")
    # The pages count what they list: the folded copy is on none of them.
    for page in range(2, twin["pages"] + 1):
        assert FOLDED_COPY not in [h["id"] for h in api(news_server, "/search", q=PM_JAPAN,
                                                         page=page)["hits"]]
    tab.locator(".copies-toggle a").click()
    tab.wait_for_url(lambda url: "copies=all" in url)
    assert FOLDED_COPY in card_ids(tab) + [h["id"] for page in range(2, 4) for h in api(
        news_server, "/search", q=PM_JAPAN, copies="all", page=page)["hits"]]
    expect(tab.locator("details.copies")).to_have_count(0)


def test_a_card_says_when_and_who_took_part(sized_tab, news_server):
    tab = sized_tab
    hit = next(h for h in api(news_server, "/search", q=PM_JAPAN)["hits"] if h["id"] == SHOWN_COPY)
    tab.goto(news_server.url("/search", q=PM_JAPAN))
    card = tab.locator(".hit", has=tab.locator(f".hit-title a[href*='{SHOWN_COPY}']"))
    month, day = hit["date"][2:].split("-")  # "--06-04": a day and month of unknown year
    expect(card.locator(".meta time")).to_have_text(f"{day}/{month}, năm chưa rõ")
    first = hit["officials"][0]
    expect(card.locator(".officials")).to_contain_text(f"{first['name']} ({first['title']})")
    expect(card.locator(".officials a").first).to_have_attribute("href", re.compile(r"^/official/"))


# -- the timeline --------------------------------------------------------------------------------

def test_the_timeline_draws_only_real_years_with_whole_labels_and_counts_the_rest(sized_tab, news_server):
    tab = sized_tab
    twin = api(news_server, "/search", q="Việt Nam")
    tab.goto(news_server.url("/search", q="Việt Nam"))
    bars = tab.locator(".timeline a.bar-link")
    labels = bars.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    years = [int(re.search(r"(\d{4})", label)[1]) for label in labels]
    assert years == sorted(years) and len(years) >= 2  # a 2017 crawl: its articles' own years, 2016 and 2017, and more
    assert all(1990 <= y <= date.today().year for y in years)
    # Years before 1990 (a birth year, a war) found in the text exist but are not drawn.
    assert any(int(v["value"]) < 1990 for v in twin["histogram"] if v["value"].isdigit())
    undated = sum(v["count"] for v in twin["histogram"]
                  if not (v["value"].isdigit() and 1990 <= int(v["value"]) <= date.today().year))
    expect(tab.locator(".undated").first).to_contain_text(f"{undated} bài chưa rõ năm")
    clipped = tab.locator(".timeline .bar-label").evaluate_all(
        "els => els.filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).length")
    assert clipped == 0 and fits_width(tab)
    shot(tab, "timeline")
    tab.locator(".undated a").first.click()  # lists as many as it counts
    tab.wait_for_url(lambda url: "year=" in url)
    assert int(tab.locator("[data-total]").get_attribute("data-total")) == undated


def test_the_timeline_is_one_tab_stop_and_a_year_opens_its_months(sized_tab, news_server):
    tab = sized_tab
    tab.goto(news_server.url("/search", q="Việt Nam"))
    tab.focus("#q")
    tabs_until(tab, "el.classList.contains('bar-link')")
    newest = focused(tab, "el.getAttribute('aria-label')")
    tab.keyboard.press("ArrowLeft")
    assert focused(tab, "el.getAttribute('aria-label')") != newest
    tab.keyboard.press("ArrowRight")
    assert focused(tab, "el.getAttribute('aria-label')") == newest
    tab.keyboard.press("Tab")
    assert not focused(tab, "el.classList.contains('bar-link')"), "one Tab leaves the chart"
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")  # the newest year
    tab.wait_for_url(lambda url: "year=" in url)
    year = parse_qs(urlparse(tab.url).query)["year"][0]
    assert newest.startswith(f"Năm {year}")
    months = tab.locator(".timeline").nth(1).locator("a.bar-link")
    expect(months.first).to_have_attribute("aria-label", re.compile(rf"Tháng \d+/{year}"))


# -- dates ---------------------------------------------------------------------------------------

def test_a_date_range_offers_the_articles_whose_year_is_unknown(sized_tab, news_server):
    tab = sized_tab
    june = {"q": "Việt Nam", "from": "01/06/2017", "to": "30/06/2017"}
    twin = api(news_server, "/search", **june)
    assert twin["undated_in_range"] > twin["total"]  # this archive rarely says the year
    tab.goto(news_server.url("/search", **june))
    note = tab.locator("[data-undated]")
    expect(note).to_contain_text(f"{twin['undated_in_range']} bài")
    note.get_by_role("link").click()
    tab.wait_for_url(lambda url: "undated=1" in url)
    total = int(tab.locator("[data-total]").get_attribute("data-total"))
    assert total == twin["total"] + twin["undated_in_range"]
    for when in tab.locator(".hits > .hit .meta time").all_inner_texts():
        day, month = (int(n) for n in when.split(",")[0].split("/")[:2])
        assert month == 6 and 1 <= day <= 30, when
    expect(tab.locator(".hits > .hit .meta time", has_text="năm chưa rõ").first).to_be_visible()
    shot(tab, "date-range")


def test_a_bad_date_is_said_beside_its_box_and_the_results_stay(sized_tab, news_server):
    tab = sized_tab
    response = tab.goto(news_server.url("/search", q="Việt Nam", to="31/02/2017"))
    assert response.status == 400  # for programs; a reader sees the results without that date
    box = tab.locator("input[name=to]")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(tab.locator("#date-problem")).to_contain_text("31/02/2017")
    assert tab.locator(".hits > .hit").count() == 10


# -- order ---------------------------------------------------------------------------------------

def date_order(hits: list[dict]) -> bool:
    """Newest first by date key (a day and month of unknown year after full dates), unknown last."""
    keys = [(h["date"] or "").replace("--", "0000-") for h in hits]
    dated = [k for k in keys if k]
    return dated == sorted(dated, reverse=True) and keys[:len(dated)] == dated


def test_newest_first_lists_the_articles_holding_the_words_first(sized_tab, news_server):
    tab = sized_tab
    query = "hợp tác Lào Cai"
    twin = api(news_server, "/search", q=query, sort="date", limit=30)
    assert twin["matching"] == "loose"  # looser matches fill in: they must come after
    holds = []  # does the article hold every word of the query, as words?
    for hit in twin["hits"]:
        article = api(news_server, f"/article/{hit['id']}")
        text = fold(" ".join([article["title"], article["summary"] or "", article["body"]]).lower())
        holds.append("hop tac" in text and "lao cai" in text)
    assert holds == sorted(holds, reverse=True) and True in holds and False in holds
    strict = holds.count(True)
    assert date_order(twin["hits"][:strict]) and date_order(twin["hits"][strict:])
    tab.goto(news_server.url("/search", q=query, sort="date"))
    expect(tab.locator(".sort [aria-current]")).to_have_text("Mới nhất")
    assert card_ids(tab) == [h["id"] for h in twin["hits"][:10]]


# -- the article ---------------------------------------------------------------------------------

def test_an_article_reads_in_paragraphs_and_leads_back_to_the_same_search(sized_tab, news_server):
    tab = sized_tab
    search = news_server.url("/search", q=PM_JAPAN, official="Nguyễn Xuân Phúc")
    tab.goto(search)
    tab.locator(f".hit-title a[href*='{SHOWN_COPY}']").click()
    tab.wait_for_url(lambda url: f"/article/{SHOWN_COPY}" in url)
    article = api(news_server, f"/article/{SHOWN_COPY}")
    texts = [p for p in article["paragraphs"] if p["kind"] == "text"]
    expect(tab.locator(".body p:not(.credit)")).to_have_count(len(texts))
    assert len(texts) >= 3
    expect(tab.locator(".body p.credit").first).to_be_visible()
    assert fits_width(tab)
    shot(tab, "article")
    tab.locator(".back a").click()
    tab.wait_for_url(lambda url: "/search" in url)
    assert parse_qs(urlparse(tab.url).query) == {"q": [PM_JAPAN], "official": ["Nguyễn Xuân Phúc"]}
    expect(tab.locator("#facet-list-official input[value='Nguyễn Xuân Phúc']")).to_be_checked()


# -- facet lists ---------------------------------------------------------------------------------

def test_the_filter_box_finds_a_value_beyond_the_list_typed_without_accents(tab, news_server):
    officials = api(news_server, "/search", q="Việt Nam", facet_limit=100)["facets"]["official"]
    hidden = next(v["value"] for v in officials[10:]
                  if len(v["value"].split()) == 3 and fold(v["value"]) != v["value"])
    tab.goto(news_server.url("/search", q="Việt Nam"))
    box = tab.locator("#facet-official .facet-filter")
    box.focus()
    tab.keyboard.type(fold(hidden).lower())
    option = tab.locator(f"#{box.get_attribute('aria-controls')} [role=option]", has_text=hidden)
    expect(option.first).to_be_visible()
    option.first.click()
    tab.wait_for_url(lambda url: "official=" in url)
    assert parse_qs(urlparse(tab.url).query)["official"] == [hidden]


def test_more_opens_one_facet_and_two_ticks_say_either(sized_tab, news_server):
    tab = sized_tab
    tab.goto(news_server.url("/search", q="Việt Nam"))
    tab.locator("#facet-partner a.more").click()
    tab.wait_for_url(lambda url: "more=partner" in url)
    assert tab.locator("#facet-list-partner li").count() > 10
    assert tab.locator("#facet-list-official li").count() <= 10
    assert tab.locator("#facet-list-country li").count() <= 10
    partners = api(news_server, "/search", q="Việt Nam")["facets"]["partner"]
    tab.goto(news_server.url("/search", q="Việt Nam", partner=[p["value"] for p in partners[:2]]))
    expect(tab.locator("#facet-partner legend .or-hint")).to_have_text("(một trong các giá trị đã chọn)")
    total = int(tab.locator("[data-total]").get_attribute("data-total"))
    assert total >= max(p["count"] for p in partners[:2])  # either, not both


# -- correction and programs ---------------------------------------------------------------------

def test_a_misspelt_query_shows_the_respelled_results_at_once(sized_tab, news_server):
    tab = sized_tab
    tab.goto(news_server.url("/search", q="hop tac nhatt ban"))
    expect(tab.locator(".corrected")).to_contain_text("Đã hiển thị kết quả cho")
    expect(tab.locator(".corrected b")).to_have_text("hợp tác Nhật Bản")  # as the archive writes it
    assert tab.locator(".hits > .hit").count() == 10
    tab.locator(".corrected a").click()  # and the query as typed, on request
    tab.wait_for_url(lambda url: "exact=1" in url)
    expect(tab.locator(".corrected")).to_have_count(0)
    expect(tab.locator("#q")).to_have_value("hop tac nhatt ban")
    expect(tab.locator(".suggestion a")).to_have_text("hợp tác Nhật Bản")


def test_programs_get_plain_snippets_with_offsets_and_people_get_formatted_numbers(tab, news_server):
    twin = api(news_server, "/search", q="hợp tác Nhật Bản")
    for hit in twin["hits"]:
        assert "<" not in hit["snippet_text"] and "&quot;" not in hit["snippet_text"]
        marked = [fold(hit["snippet_text"][start:end].lower()) for start, end in hit["snippet_marks"]]
        assert marked and set(" ".join(marked).split()) <= {"hop", "tac", "nhat", "ban"}, marked
    tab.goto(news_server.base_url + "/")
    size = api(news_server, "/overview")["total"]
    assert size > 2000
    expect(tab.locator("body")).to_contain_text(f"{size:,}".replace(",", "."))


# -- keyboard ------------------------------------------------------------------------------------

def test_the_first_result_is_within_five_tab_presses_and_a_filter_keeps_focus(sized_tab, news_server):
    tab = sized_tab
    tab.goto(news_server.url("/search", q="Việt Nam"))
    tab.focus("#q")
    assert tabs_until(tab, "el.closest('.hit-title') !== null") <= 5
    tab.keyboard.press("Shift+Tab")
    tab.goto(tab.url)
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # the second skip link: past the results to the filters
    assert focused(tab, "el.textContent") == "Đến bộ lọc"
    tab.keyboard.press("Enter")
    expect(tab.locator("#filters")).to_be_focused()
    country = tab.locator("#facet-list-country input").first
    value = country.get_attribute("value")
    country.focus()
    tab.keyboard.press("Space")
    tab.wait_for_url(lambda url: "country=" in url)
    tab.wait_for_load_state()
    expect(tab.locator(f"#facet-list-country input[value='{value}']")).to_be_focused()
    expect(tab.locator(f"#facet-list-country input[value='{value}']")).to_be_checked()
