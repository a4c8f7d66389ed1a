"""Suggestions as you type in Debian's real Chromium (Playwright), over real HTTP on the mixed
index (the seed pages plus the synthetic articles: ``conftest.mixed_index``): the header box's
combobox from the keyboard and the mouse, the facet filter boxes, a phone, and no JavaScript."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from conftest import BROWSER_MARKS, open_tab
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
NAGANO_TITLE = "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano"
# "lao cai" matches all twelve articles; their officials are 21, of which the page lists 10
# (three with several articles, then alphabetically): Yamagishi Yoshiaki is not among them.
HIDDEN_OFFICIAL = "Yamagishi Yoshiaki"


def listbox_of(tab, box):
    return tab.locator("#" + box.get_attribute("aria-controls"))


def options_of(tab, box):
    return listbox_of(tab, box).get_by_role("option")


def path_of(tab) -> str:
    return unquote(urlparse(tab.url).path)


def shot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_keyboard_only_to_a_partner_page(tab, mixed_server):
    tab.goto(mixed_server.base_url + "/")
    box = tab.locator("#q")
    box.focus()
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    tab.keyboard.type("nagano")
    options = options_of(tab, box)
    expect(options.first).to_contain_text("tỉnh Nagano")
    expect(options.first).to_contain_text("Đối tác")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") is None, "nothing chosen before the arrows"
    shot(tab, "suggest-desktop")

    tab.keyboard.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    expect(box).to_be_focused()  # the focus stays in the box (aria-activedescendant)
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/partner/"))
    assert path_of(tab) == "/partner/tỉnh Nagano"
    expect(tab.locator("h1")).to_have_text("tỉnh Nagano")


def test_aria_structure_arrows_and_escape(tab, mixed_server):
    tab.goto(mixed_server.base_url + "/")
    box = tab.locator("#q")
    box.focus()
    tab.keyboard.type("nhat b")
    listbox = listbox_of(tab, box)
    options = options_of(tab, box)
    expect(options.first).to_be_visible()
    assert listbox.get_attribute("role") == "listbox" and listbox.get_attribute("aria-label")
    count = options.count()
    assert count >= 3
    ids = [options.nth(i).get_attribute("id") for i in range(count)]
    assert all(ids) and len(set(ids)) == count
    kinds = listbox.inner_text()
    assert "Quốc gia" in kinds and "Đối tác" in kinds and "Từ khóa" in kinds

    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == ids[1]
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("ArrowUp")  # from the first, up wraps to the last
    assert box.get_attribute("aria-activedescendant") == ids[-1]
    assert [options.nth(i).get_attribute("aria-selected") for i in range(count)].count("true") == 1

    tab.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    expect(box).to_have_value("nhat b")  # Escape closes the list, it keeps the text
    expect(box).to_be_focused()

    tab.keyboard.press("ArrowDown")  # the arrows open it again
    expect(listbox).to_be_visible()
    tab.keyboard.press("Tab")  # Tab leaves the box, as anywhere else
    expect(listbox).to_be_hidden()
    expect(box).not_to_be_focused()


def test_word_completion_searches_and_alias_click_opens_its_page(tab, mixed_server):
    tab.goto(mixed_server.base_url + "/")
    box = tab.locator("#q")
    box.fill("hop ta")
    word = options_of(tab, box).filter(has_text="Từ khóa").first
    expect(word).to_contain_text("hợp tác")
    word.click()
    tab.wait_for_url(re.compile(r"/search\?"))
    assert parse_qs(urlparse(tab.url).query)["q"] == ["hợp tác"]
    expect(tab.get_by_role("link", name=NAGANO_TITLE)).to_be_visible()

    box = tab.locator("#q")
    box.fill("yunnan")
    option = options_of(tab, box).first
    expect(option).to_contain_text("Yunnan → tỉnh Vân Nam")
    option.click()
    tab.wait_for_url(re.compile(r"/partner/"))
    assert path_of(tab) == "/partner/tỉnh Vân Nam"


def test_typing_is_debounced_into_one_request(tab, mixed_server):
    asked: list[str] = []
    tab.on("request", lambda request: asked.append(request.url)
           if "/api/suggest" in request.url else None)
    tab.goto(mixed_server.base_url + "/")
    tab.locator("#q").focus()
    tab.keyboard.type("nagano", delay=30)  # faster than the debounce
    expect(options_of(tab, tab.locator("#q")).first).to_contain_text("tỉnh Nagano")
    assert len(asked) == 1 and "q=nagano" in asked[0]


def test_facet_filter_box_finds_and_applies_a_value_not_listed(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai"))
    listed = tab.locator("#facet-list-official input[type=checkbox]")
    values = [listed.nth(i).get_attribute("value") for i in range(listed.count())]
    assert len(values) == 10 and HIDDEN_OFFICIAL not in values
    box = tab.locator("#facet-official .facet-filter")
    box.focus()
    tab.keyboard.type("yamag")
    option = options_of(tab, box).first
    expect(option).to_contain_text(HIDDEN_OFFICIAL)
    expect(option).to_contain_text("1 bài trong kho")
    shot(tab, "suggest-facet-filter")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")
    tab.wait_for_url(lambda url: "official=" in url)
    query = parse_qs(urlparse(tab.url).query)
    assert query["official"] == [HIDDEN_OFFICIAL] and query["q"] == ["lao cai"]
    expect(tab.locator(f"#facet-list-official input[value='{HIDDEN_OFFICIAL}']")).to_be_checked()
    assert tab.locator("[data-total]").get_attribute("data-total") == "1"


def test_facet_filter_box_leaves_out_values_already_listed(tab, mixed_server):
    tab.goto(mixed_server.url("/search", q="lao cai"))
    box = tab.locator("#facet-official .facet-filter")
    box.fill("kishida")  # Kishida Fumio is listed: the list filters to it, no popup
    expect(tab.locator("#facet-list-official li:visible")).to_have_count(1)
    tab.wait_for_timeout(500)
    expect(listbox_of(tab, box)).to_be_hidden()


def test_phone_popup_fits_the_screen(browser, mixed_server):
    context, tab, problems = open_tab(browser, viewport={"width": 390, "height": 844},
                                       is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        tab.goto(mixed_server.url("/search", q="lao cai"))
        box = tab.locator("#q")
        box.fill("nhat")
        listbox = listbox_of(tab, box)
        expect(listbox.get_by_role("option").first).to_be_visible()
        frame = listbox.bounding_box()
        assert frame["x"] >= 0 and frame["x"] + frame["width"] <= 390
        assert frame["y"] >= 0 and frame["y"] + frame["height"] <= 844
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        shot(tab, "suggest-phone")
        listbox.get_by_role("option").first.tap()
        tab.wait_for_url(re.compile(r"/(country|partner|official)/"))
    finally:
        context.close()
    assert problems == []


def test_search_works_without_javascript(browser, mixed_server):
    context, tab, problems = open_tab(browser, java_script_enabled=False,
                                       viewport={"width": 1280, "height": 900})
    try:
        tab.goto(mixed_server.base_url + "/")
        box = tab.locator("#q")
        assert box.get_attribute("role") is None, "no combobox without its script"
        box.fill("nagano")
        box.press("Enter")
        tab.wait_for_url(re.compile(r"/search\?q=nagano"))
        expect(tab.get_by_role("link", name=NAGANO_TITLE)).to_be_visible()
        expect(tab.locator(".suggest-list")).to_have_count(0)
    finally:
        context.close()
    assert problems == []
