"""Taking results away in Debian's real Chromium (Playwright) over real HTTP on the mixed index:
the download links of a filtered search, the feed a browser discovers in the page's head, and
the links on a phone. Every test here is marked ``browser``."""
from __future__ import annotations

import csv
import io

import pytest
from conftest import BROWSER_MARKS, open_tab
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS

BOM = "\ufeff"
NAGANO_COUNT = 4  # "lao cai" articles naming tỉnh Nagano (see tests/test_web_browser.py)


@pytest.fixture
def tab(browser):
    context, tab, problems = open_tab(browser, viewport={"width": 1280, "height": 900},
                                      accept_downloads=True)
    yield tab
    context.close()
    assert problems == []


def shown_total(tab) -> int:
    return int(tab.locator("[data-total]").get_attribute("data-total"))


def test_csv_link_of_a_filtered_search_downloads_every_shown_article(tab, mixed_server, tmp_path):
    tab.goto(mixed_server.url("/search", q="lao cai", partner="tỉnh Nagano", limit=2))
    total = shown_total(tab)
    assert total == NAGANO_COUNT and tab.locator(".hit").count() == 2  # more than one page
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Tải CSV").click()
    download = download_info.value
    assert download.suggested_filename == "searcher-lao-cai-tỉnh-nagano.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert text.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(text[len(BOM):], newline="")))
    assert len(rows) == total
    assert all("tỉnh Nagano" in row["partners"].split("; ") for row in rows)
    shown = tab.locator(".hit-title").all_inner_texts()
    assert [row["title"] for row in rows[:2]] == shown


def test_the_feed_is_announced_in_the_head(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai", year="2023"))
    feed = tab.locator('head link[rel="alternate"][type="application/atom+xml"]')
    expect(feed).to_have_count(1)
    assert feed.get_attribute("title") == "searcher: lao cai (Năm: 2023)"
    href = feed.get_attribute("href")
    assert href == tab.get_by_role("link", name="Theo dõi (Atom)").get_attribute("href")
    assert tab.request.get(mixed_server.base_url + href).headers["content-type"] == \
        "application/atom+xml; charset=utf-8"
    expect(tab.locator('head link[rel="search"]')).to_have_attribute("href", "/opensearch.xml")


def test_export_links_fit_a_phone_screen(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab.goto(mixed_server.url("/search", q="hợp tác du lịch", partner="tỉnh Nagano",
                                  **{"from": "01/01/2022"}))
        for name in ("Tải CSV", "Tải JSON Lines", "Theo dõi (Atom)"):
            link = tab.get_by_role("link", name=name)
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
    assert problems == []
