"""Results as a reader moves through them by keyboard, in Debian's Chromium over the mixed index
(the seed pages, whose dates have no year, plus synthetic articles dated 2021-2024)."""
from __future__ import annotations

from conftest import BROWSER_MARKS, SCREEN_SIZES, focused, open_tab, tabs_until
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS


def test_first_result_is_within_five_tab_presses_of_the_search_box(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.url("/search", q="lao cai"))
    tab.focus("#q")
    assert tabs_until(tab, "el.closest('.hit-title') !== null") <= 5


def test_the_year_chart_is_one_tab_stop_and_arrow_keys_move_along_it(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.url("/search", q="lao cai"))
    bars = tab.locator(".timeline a.bar-link")
    labels = bars.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert [label.split(":")[0] for label in labels] == ["Năm 2021", "Năm 2022", "Năm 2023", "Năm 2024"]
    tab.focus("#q")
    tabs_until(tab, "el.classList.contains('bar-link')")
    assert focused(tab, "el.getAttribute('aria-label')").startswith("Năm 2024")  # the newest
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowLeft")
    assert focused(tab, "el.getAttribute('aria-label')").startswith("Năm 2022")
    tab.keyboard.press("Tab")
    assert not focused(tab, "el.classList.contains('bar-link')"), "one Tab leaves the chart"
    # the seed pages have no year: counted beside the chart, not drawn as a bar
    expect(tab.locator(".undated")).to_contain_text("5 bài chưa rõ năm")


def test_focus_returns_to_the_box_just_ticked(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport=SCREEN_SIZES["desktop"])
    try:
        tab.goto(mixed_server.url("/search", q="lao cai"))
        box = tab.locator("#facet-list-partner input[value='tỉnh Nagano']")
        box.focus()
        tab.keyboard.press("Space")  # ticks it; the page reloads with the filter
        tab.wait_for_url(lambda url: "partner=" in url)
        tab.wait_for_load_state()
        expect(tab.locator("#facet-list-partner input[value='tỉnh Nagano']")).to_be_focused()
        tab.keyboard.press("Space")  # and unticks it again without hunting for it
        tab.wait_for_url(lambda url: "partner=" not in url)
        expect(tab.locator("#facet-list-partner input[value='tỉnh Nagano']")).to_be_focused()
    finally:
        context.close()
    assert problems == []


def test_browsing_without_words_says_it_is_newest_first(sized_tab, mixed_server):
    tab = sized_tab
    tab.goto(mixed_server.url("/search", country="Nhật Bản"))
    expect(tab.locator(".sort [aria-current]")).to_have_text("Mới nhất")
    expect(tab.locator(".sort a", has_text="Liên quan")).to_have_count(0)


def test_the_sort_links_are_one_tab_stop_too(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport=SCREEN_SIZES["desktop"])
    try:
        tab.goto(mixed_server.url("/search", q="lao cai"))
        tab.focus("#q")
        tabs_until(tab, "el.closest('nav.sort') !== null")
        assert focused(tab, "el.textContent") == "Liên quan"  # the current order
        tab.keyboard.press("ArrowRight")
        assert focused(tab, "el.textContent") == "Mới nhất"
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: "sort=date" in url)
        expect(tab.locator(".sort [aria-current]")).to_have_text("Mới nhất")
    finally:
        context.close()
    assert problems == []
