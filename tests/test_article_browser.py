"""Article pages in Debian's Chromium (Playwright): the "←" link returns to the very search an
article was opened from, filters and all, and a long one-line body reads as paragraphs on a
phone without sideways scrolling. Screenshots go to tests/screenshots/."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import BROWSER_MARKS, SCREENSHOTS, build_index, open_tab, serve_index
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS

# A one-line body of fifteen sentences (written for the tests), with a photo's caption and
# credit after the fifth, as scraped archives store articles.
SENTENCES = [
    f"Ngày {day}/7/2017, đoàn công tác tỉnh Lào Cai đã làm việc với lãnh đạo tỉnh Vân Nam (Trung "
    f"Quốc) về nội dung hợp tác số {day}, trong đó có thương mại qua cửa khẩu, du lịch, giao "
    f"thông và quản lý biên giới, với sự tham gia của đại diện các sở, ngành hai bên."
    for day in range(1, 16)
]
CAPTION = "Quang cảnh buổi hội đàm. Ảnh: Quang Tuấn/TTXVN"
LONG_RECORD = {"id": "long_vannam", "title": "Lào Cai và tỉnh Vân Nam bàn hợp tác biên giới",
               "body": " ".join([*SENTENCES[:5], CAPTION, *SENTENCES[5:]])}


@pytest.fixture(scope="module")
def long_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("long-article")
    build_index(base, [LONG_RECORD])
    yield from serve_index(base / "index")


def query_of(tab) -> dict[str, list[str]]:
    return parse_qs(urlparse(tab.url).query)


def partner_box(tab, name: str):
    value = json.dumps(name, ensure_ascii=False)  # a quoted CSS string
    return tab.locator(f"#facet-list-partner input[value={value}]")


def test_the_back_link_returns_to_the_same_search_with_its_filter(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport={"width": 1280, "height": 900})
    try:
        tab.goto(mixed_server.url("/search", q="lao cai"))
        partner_box(tab, "tỉnh Nagano").check()  # auto-submits (JS)
        tab.wait_for_url(lambda url: "partner=" in url)
        search_query = query_of(tab)
        titles = tab.locator(".hit-title").all_inner_texts()

        tab.locator(".hit-title a").nth(1).click()
        expect(tab.locator("h1")).to_have_text(titles[1])
        back = tab.locator(".article .back a")
        expect(back).to_have_text("← Quay lại kết quả tìm kiếm")
        back.click()

        tab.wait_for_url(lambda url: urlparse(url).path == "/search")
        assert query_of(tab) == search_query == {"q": ["lao cai"], "partner": ["tỉnh Nagano"]}
        expect(tab.locator("#q")).to_have_value("lao cai")
        expect(partner_box(tab, "tỉnh Nagano")).to_be_checked()
        assert tab.locator(".hit-title").all_inner_texts() == titles
    finally:
        context.close()
    assert problems == []


def test_a_long_article_reads_as_paragraphs_on_a_phone(browser, long_server):
    context, tab, problems = open_tab(browser, viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab.goto(long_server.url("/article/long_vannam"))
        paragraphs = tab.locator(".body p:not(.credit)")
        assert paragraphs.count() >= 4
        credit = tab.locator(".body p.credit")
        expect(credit).to_have_text(CAPTION)
        # set apart: smaller and dimmer than the text around it
        sizes = [float(re.sub("px$", "", locator.evaluate("e => getComputedStyle(e).fontSize")))
                 for locator in (credit, paragraphs.first)]
        assert sizes[0] < sizes[1]
        widths = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"horizontal scroll: {widths}"
        expect(tab.locator(".article .back a")).to_have_text("← Trang chủ")
        SCREENSHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / "article-long-phone.png"), full_page=True)
    finally:
        context.close()
    assert problems == []
