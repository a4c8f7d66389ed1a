"""The site in Debian's real Chromium (Playwright, sync API), over real HTTP on a real index of
the seed pages plus synthetic dated articles. Screenshots go to tests/screenshots/."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from web_fixtures import mixed_index, mixed_server  # noqa: F401 (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
NAGANO_TITLE = "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make chromium)")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open_tab(browser, **context_options):
    context = browser.new_context(locale="vi-VN", **context_options)
    tab = context.new_page()
    problems: list[str] = []
    # CSP violations, script errors and missing assets surface here; a clean page has none.
    # (An error page's own 4xx status is expected, so documents are left to the tests.)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: problems.append(f"console: {msg.text}")
           if msg.type == "error" and not msg.text.startswith("Failed to load resource") else None)
    tab.on("response", lambda response: problems.append(f"{response.status} {response.url}")
           if response.status >= 400 and response.request.resource_type != "document" else None)
    return context, tab, problems


@pytest.fixture
def tab(browser):
    context, tab, problems = _open_tab(browser, viewport={"width": 1280, "height": 900})
    yield tab
    context.close()
    assert problems == []


def query_of(tab) -> dict[str, list[str]]:
    return parse_qs(urlparse(tab.url).query)


def shown_total(tab) -> int:
    return int(tab.locator("[data-total]").get_attribute("data-total"))


def facet_box(tab, name: str, index: int):
    return tab.locator(f"#facet-list-{name} li").nth(index)


def partner_box(tab, name: str):
    value = json.dumps(name, ensure_ascii=False)  # a quoted CSS string
    return tab.locator(f"#facet-list-partner input[value={value}]")


def shot(tab, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_query_without_accents_finds_the_nagano_article(tab, mixed_server):
    tab.goto(mixed_server.base_url + "/")
    tab.fill("#q", "hop tac du lich nhat ban")
    tab.press("#q", "Enter")
    tab.wait_for_url(re.compile(r"/search\?q=hop\+tac\+du\+lich\+nhat\+ban"))
    expect(tab.get_by_role("link", name=NAGANO_TITLE)).to_be_visible()
    expect(tab.locator(".hit .snippet mark").first).to_be_visible()
    # The page shows the engine's ranking as is (test_web_http pins the ranking itself).
    api = mixed_server.get("/api/search", q="hop tac du lich nhat ban").json()
    assert tab.locator(".hit-title").all_inner_texts() == [hit["title"] for hit in api["hits"]]
    assert shown_total(tab) == api["total"]
    shot(tab, "search-desktop")


def test_partner_checkboxes_chips_and_clear_all(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai"))
    everything = shown_total(tab)
    first = facet_box(tab, "partner", 0)
    first_name = first.locator(".facet-value").inner_text()
    first_count = int(first.locator(".count").inner_text())

    # Locate boxes by value: the page reloads on ticking, so positional locators would drift.
    partner_box(tab, first_name).check()  # auto-submits (JS); the URL records the choice
    tab.wait_for_url(lambda url: "partner=" in url)
    assert query_of(tab)["partner"] == [first_name]
    assert shown_total(tab) == first_count < everything
    expect(tab.locator(".chip")).to_have_count(1)

    unticked = tab.locator("#facet-list-partner li").filter(has_not=tab.locator("input:checked"))
    second_name = unticked.first.locator(".facet-value").inner_text()
    partner_box(tab, second_name).check()
    tab.wait_for_url(lambda url: url.count("partner=") == 2)
    assert sorted(query_of(tab)["partner"]) == sorted([first_name, second_name])
    assert shown_total(tab) >= first_count, "a second partner widens (OR), never narrows"
    expect(tab.locator(".chip")).to_have_count(2)
    shot(tab, "partners-selected")

    tab.get_by_role("link", name=f"Bỏ lọc Đối tác: {first_name}").click()
    tab.wait_for_url(lambda url: url.count("partner=") == 1)
    assert query_of(tab)["partner"] == [second_name]

    tab.get_by_role("link", name="Xóa tất cả").click()
    tab.wait_for_url(lambda url: "partner=" not in url)
    assert shown_total(tab) == everything
    assert query_of(tab)["q"] == ["lao cai"]


def test_filters_work_without_javascript(browser, mixed_server):
    context, tab, problems = _open_tab(browser, java_script_enabled=False,
                                       viewport={"width": 1280, "height": 900})
    try:
        tab.goto(mixed_server.url("/search", q="lao cai"))
        box = facet_box(tab, "country", 0)
        country = box.locator(".facet-value").inner_text()
        count = int(box.locator(".count").inner_text())
        box.locator("input").check()
        assert "country=" not in tab.url, "without JS nothing happens until the button"
        tab.get_by_role("button", name="Áp dụng bộ lọc").click()
        tab.wait_for_url(lambda url: "country=" in url)
        assert query_of(tab)["country"] == [country]
        assert shown_total(tab) == count
    finally:
        context.close()
    assert problems == []


def test_year_bar_filters_by_that_year(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai"))
    bar = tab.get_by_role("link", name=re.compile(r"^2023: \d+ bài$"))
    count = int(bar.locator(".bar-count").inner_text())
    shot(tab, "timeline")
    bar.click()
    tab.wait_for_url(lambda url: "year=2023" in url)
    assert shown_total(tab) == count
    dates = tab.locator(".hit time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert len(dates) == count and all(d.startswith("2023-") for d in dates)
    expect(tab.locator(".bar-link.selected")).to_have_count(1)


def test_article_entity_links_and_history(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="nagano"))
    search_url = tab.url
    tab.get_by_role("link", name=NAGANO_TITLE).click()
    expect(tab.locator("h1")).to_have_text(NAGANO_TITLE)
    article_url = tab.url
    assert len(tab.locator(".body p").all()) >= 5
    shot(tab, "article-desktop", full_page=True)

    official = tab.locator(".entities a[href*='official=']").first
    name = official.inner_text()
    official.click()
    tab.wait_for_url(lambda url: "official=" in url)
    assert query_of(tab)["official"] == [name]
    expect(tab.get_by_role("link", name=NAGANO_TITLE)).to_be_visible()

    tab.go_back()
    assert tab.url == article_url
    expect(tab.locator("h1")).to_have_text(NAGANO_TITLE)
    tab.go_back()
    assert tab.url == search_url
    expect(tab.locator("#q")).to_have_value("nagano")


def test_keyboard_only_search(tab, mixed_server):
    tab.goto(mixed_server.base_url + "/")
    tab.keyboard.press("Tab")
    skip = tab.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0, "the skip link shows when focused"
    for _ in range(5):
        if tab.evaluate("document.activeElement.id") == "q":
            break
        tab.keyboard.press("Tab")
    expect(tab.locator("#q")).to_be_focused()
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    tab.keyboard.type("lao cai")
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: "q=lao+cai" in url)
    assert shown_total(tab) >= 5
    # Tab onward reaches the first result link; Enter opens it.
    for _ in range(15):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('.hit-title') !== null"):
            break
    title = tab.evaluate("document.activeElement.textContent")
    tab.keyboard.press("Enter")
    expect(tab.locator("h1")).to_have_text(title)


def test_official_list_filter_box_is_accent_insensitive(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai"))
    box = tab.locator("#facet-official .facet-filter")
    expect(box).to_be_visible()
    items = tab.locator("#facet-list-official li")
    total = items.count()
    box.fill("trinh")
    visible = tab.locator("#facet-list-official li:visible")
    assert 1 <= visible.count() < total
    assert all("Trịnh" in text for text in visible.all_inner_texts())
    box.press("Enter")  # must not submit the search form
    assert "official=" not in tab.url
    box.fill("")
    assert tab.locator("#facet-list-official li:visible").count() == total


@pytest.mark.parametrize("path", ["/search?q=lao+cai", "/article/000_f33226c30985bb77",
                                  "/search?q=lao+cai&partner=Kh%C3%B4ng+c%C3%B3", "/khong-co"])
def test_phone_viewport_has_no_horizontal_scroll(browser, mixed_server, path):
    context, tab, problems = _open_tab(browser, viewport={"width": 390, "height": 844},
                                       is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab.goto(mixed_server.base_url + path)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        if path == "/search?q=lao+cai":
            last_hit = tab.locator(".hit").last.bounding_box()
            filters = tab.locator("#filters").bounding_box()
            assert filters["y"] > last_hit["y"], "on a phone the filters come after the results"
        name = re.sub(r"\W+", "-", path.strip("/")).strip("-")[:40]
        shot(tab, f"phone-{name}", full_page=True)
    finally:
        context.close()
    assert problems == []
