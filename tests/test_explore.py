"""The archive at a glance, entity pages and related articles, over real HTTP on the mixed index
(the five seed pages, no year in their dates, plus seven synthetic articles dated 2021-2024)."""
from __future__ import annotations

import html
import re
from urllib.parse import unquote, unquote_plus

import pytest
from conftest import SYNTHETIC_ARTICLES, SYNTHETIC_NEWEST_FIRST

NAGANO = "tỉnh Nagano"
TRUONG = "Trịnh Xuân Trường"  # Chủ tịch UBND tỉnh Lào Cai in several articles
YEARS = {"2021": 1, "2022": 1, "2023": 3, "2024": 2}  # the synthetic articles' dates
SEED_PAGES = 5


def search_total(server, **params) -> int:
    return server.get("/api/search", **params).json()["total"]


def links(page_text: str) -> list[str]:
    return [unquote_plus(html.unescape(href)) for href in re.findall(r'href="([^"]+)"', page_text)]


def test_overview_counts_the_whole_archive_by_year_and_lists_the_newest(mixed_server):
    overview = mixed_server.get("/api/overview").json()
    assert overview["total"] == len(SYNTHETIC_ARTICLES) + SEED_PAGES
    assert {y["value"]: y["count"] for y in overview["years"]} == YEARS
    assert overview["undated"] == SEED_PAGES  # the seed pages' dates have no year
    assert (overview["first_date"], overview["last_date"]) == ("2021-03-15", "2024-04-22")
    assert [hit["id"] for hit in overview["latest"][:len(SYNTHETIC_ARTICLES)]] == SYNTHETIC_NEWEST_FIRST
    partners = {v["value"]: v["count"] for v in overview["facets"]["partner"]}
    assert partners[NAGANO] == search_total(mixed_server, partner=NAGANO) == 4


def test_home_page_links_every_value_and_year_to_what_it_counts(mixed_server):
    page = mixed_server.get("/")
    assert page.status == 200
    assert 'data-total="12"' in page.text
    hrefs = links(page.text)
    assert f"/partner/{NAGANO}" in hrefs and f"/official/{TRUONG}" in hrefs
    assert "/country/Nhật Bản" in hrefs
    year_link = next(h for h in hrefs if h.endswith("year=2023"))
    assert search_total(mixed_server, year="2023") == YEARS["2023"]
    assert mixed_server.get(year_link).status == 200
    # the newest article is listed, linked to its page
    assert f"/article/{SYNTHETIC_NEWEST_FIRST[0]}" in hrefs


def test_partner_page_lists_its_articles_newest_first_and_who_took_part(mixed_server):
    profile = mixed_server.get(f"/api/partner/{NAGANO}").json()
    assert profile["name"] == NAGANO and profile["facet"] == "partner"
    assert profile["total"] == search_total(mixed_server, partner=NAGANO)
    dated = [hit["id"] for hit in profile["latest"] if hit["id"].startswith("syn_")]
    assert dated == ["syn_2024_nagano", "syn_2023_nagano", "syn_2022_nagano"]
    officials = {v["value"]: v["count"] for v in profile["facets"]["official"]}
    # counted over this partner's articles only, not the whole archive (7 articles name him)
    assert officials[TRUONG] == search_total(mixed_server, partner=NAGANO, official=TRUONG) == 3
    assert NAGANO not in {v["value"] for v in profile["facets"]["partner"]}
    assert {v["value"] for v in profile["facets"]["country"]} == {"Nhật Bản"}

    page = mixed_server.get(f"/partner/{NAGANO}")
    assert page.status == 200 and f'data-total="{profile["total"]}"' in page.text
    hrefs = links(page.text)
    assert f"/official/{TRUONG}" in hrefs
    assert f"/search?partner={NAGANO}" in hrefs  # back into faceted search
    assert f"/api/partner/{NAGANO}" in hrefs  # the JSON twin


def test_official_page_lists_the_partners_they_met(mixed_server):
    profile = mixed_server.get(f"/api/official/{TRUONG}").json()
    partners = {v["value"]: v["count"] for v in profile["facets"]["partner"]}
    # Vân Nam is a counterpart of one seed page (004; 003 only mentions it) and of synthetic ones
    assert partners[NAGANO] == 3 and partners["tỉnh Vân Nam"] == 2
    assert profile["total"] == search_total(mixed_server, official=TRUONG)


@pytest.mark.parametrize("facet, typed, canonical", [
    ("partner", "Nagano", NAGANO),  # without the unit word
    ("partner", "nagano", NAGANO),
    ("partner", "Yunnan", "tỉnh Vân Nam"),  # the pinyin name
    ("country", "Japan", "Nhật Bản"),  # the English name
    ("official", "trinh xuan truong", TRUONG),  # without accents
])
def test_another_spelling_leads_to_the_same_page(mixed_server, facet, typed, canonical):
    reply = mixed_server.get(f"/{facet}/{typed}", follow=False)
    assert reply.status == 302
    assert unquote(reply.headers["Location"]).endswith(f"/{facet}/{canonical}")
    api = mixed_server.get(f"/api/{facet}/{typed}", follow=False)
    assert api.status == 302 and unquote(api.headers["Location"]).endswith(f"/api/{facet}/{canonical}")


def test_unknown_entities_and_bad_parameters_get_a_clear_answer(mixed_server):
    missing = mixed_server.get("/partner/Atlantis")
    assert missing.status == 404 and "Atlantis" in missing.text
    assert mixed_server.get("/api/official/Không Có Ai").status == 404
    assert mixed_server.get("/year/2023").status == 404  # no page for years: the chart filters
    bad = mixed_server.get(f"/partner/{NAGANO}", page="x")
    assert bad.status == 400


def test_names_on_article_pages_lead_to_their_pages_and_related_articles_say_why(mixed_server):
    page = mixed_server.get("/article/syn_2023_nagano")
    hrefs = links(page.text)
    assert f"/partner/{NAGANO}" in hrefs and f"/official/{TRUONG}" in hrefs
    record = mixed_server.get("/api/article/syn_2023_nagano").json()
    related = {r["id"]: r["reasons"] for r in record["related"]}
    assert "syn_2023_nagano" not in related
    assert f"cùng đối tác: {NAGANO}" in related["syn_2022_nagano"]
    assert "Bài liên quan" in page.text and "/article/syn_2022_nagano" in hrefs


def test_one_chosen_year_shows_its_months_and_a_month_bar_filters_to_it(mixed_server):
    result = mixed_server.get("/api/search", q="lao cai", year="2023").json()
    months = {m["value"]: m["count"] for m in result["months"]}
    assert len(months) == 12
    assert {k: v for k, v in months.items() if v} == {"2023-05": 1, "2023-09": 1, "2023-11": 1}
    page = mixed_server.get("/search", q="lao cai", year="2023")
    september = next(h for h in links(page.text) if "from=2023-09" in h)
    assert "to=2023-09" in september
    assert search_total(mixed_server, q="lao cai", **{"from": "2023-09", "to": "2023-09"}) == 1
    assert mixed_server.get("/api/search", q="lao cai").json()["months"] == []  # no year chosen


def test_following_another_spelling_opens_the_page(mixed_server):
    page = mixed_server.get("/partner/Nagano")
    assert page.status == 200 and f"<h1 id=\"entity-heading\">{NAGANO}</h1>" in page.text
