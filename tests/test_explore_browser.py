"""The home page, the entity pages and related articles in Debian's Chromium, on desktop and
phone widths, over the mixed index (the seed pages plus synthetic articles dated 2021-2024)."""
from __future__ import annotations

from conftest import (BROWSER_MARKS, SCREEN_SIZES, SCREENSHOTS, SYNTHETIC_NEWEST_FIRST,
                      open_tab)
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS
NAGANO = "tỉnh Nagano"
TRUONG = "Trịnh Xuân Trường"


def total(tab) -> int:
    return int(tab.locator("[data-total]").first.get_attribute("data-total"))


def fits_the_width(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{tab.screen}.png"), full_page=True)


def test_home_page_shows_the_archive_and_every_value_filters(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.base_url + "/")
    assert total(tab) == 12
    assert fits_the_width(tab)
    shot(tab, "home")
    newest = tab.locator(".hits .hit-title a").first
    assert newest.get_attribute("href").endswith(SYNTHETIC_NEWEST_FIRST[0])

    bar = tab.get_by_role("link", name="Năm 2023: 3 bài")
    bar.click()
    tab.wait_for_url(lambda url: "year=2023" in url)
    assert total(tab) == 3

    tab.go_back()
    tab.locator(".value-list").get_by_role("link", name=NAGANO, exact=True).click()
    expect(tab.locator("h1")).to_have_text(NAGANO)
    assert total(tab) == 4


def test_partner_page_leads_to_the_people_and_back_into_search(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.url("/partner/Nagano"))  # another spelling: the same page
    expect(tab.locator("h1")).to_have_text(NAGANO)
    assert fits_the_width(tab)
    shot(tab, "partner")
    dates = tab.locator(".hit time[datetime]").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and len(dates) == 3

    tab.locator(".companions a", has_text=TRUONG).click()
    expect(tab.locator("h1")).to_have_text(TRUONG)
    shot(tab, "official")
    # (the province, not its assembly "Hội đồng Nghị sĩ tỉnh Nagano", also a counterpart)
    met = tab.locator(".companions li").filter(has=tab.get_by_role("link", name=NAGANO, exact=True))
    expect(met.locator(".count")).to_have_text("3")

    tab.get_by_role("link", name="Tìm và lọc trong các bài này").click()
    tab.wait_for_url(lambda url: "official=" in url)
    assert total(tab) == 7
    expect(tab.locator(".chip")).to_have_count(1)


def test_keyboard_reaches_the_articles_of_an_entity_page(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport=SCREEN_SIZES["desktop"])
    try:
        tab.goto(mixed_server.url(f"/partner/{NAGANO}"))
        for presses in range(1, 30):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.closest('.hit-title') !== null"):
                break
        assert presses <= 12, f"{presses} Tab presses to the first article"
        title = tab.evaluate("document.activeElement.textContent")
        tab.keyboard.press("Enter")
        expect(tab.locator("h1")).to_have_text(title)
    finally:
        context.close()
    assert problems == []


def test_article_page_shows_related_articles_with_the_reason(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.url("/article/syn_2023_nagano"))
    related = tab.locator(".related .hit")
    expect(related.first).to_be_visible()
    reasons = tab.locator(".related .reasons").all_inner_texts()
    assert any(f"cùng đối tác: {NAGANO}" in reason for reason in reasons), reasons
    assert fits_the_width(tab)
