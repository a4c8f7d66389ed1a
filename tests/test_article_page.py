"""Article pages over real HTTP: the body as paragraphs (the same in the page and its JSON twin),
photo credits set apart, and a "←" link back to the exact page of results the article was opened
from, which only ever leads to this site's own pages."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import CORPUS, NEWS, build_index, index_news, serve_index

NAGANO_ID = "000_f33226c30985bb77"
NAGANO = "tỉnh Nagano"

# A one-line body as scraped archives store it (written for the tests): fifteen sentences, a
# photo's caption and credit in the middle, the reporter's name at the end.
SENTENCES = [
    "Ngày 12/7/2017, đoàn công tác tỉnh Lào Cai do đồng chí Đặng Xuân Phong, Bí thư Tỉnh ủy, làm "
    "trưởng đoàn đã đến thăm và làm việc tại tỉnh Vân Nam (Trung Quốc).",
    "Hai bên đánh giá cao kết quả hợp tác trong thời gian qua, nhất là trong các lĩnh vực thương "
    "mại, du lịch và quản lý biên giới.",
    "Kim ngạch xuất nhập khẩu qua các cửa khẩu của tỉnh Lào Cai năm 2016 đạt hơn 2,5 tỷ USD, "
    "tăng 12% so với năm trước.",
    "Phía Vân Nam đề nghị hai bên sớm hoàn thành thủ tục nâng cấp cặp cửa khẩu Bản Vược – Bá Sái.",
    "Đồng chí Đặng Xuân Phong khẳng định tỉnh Lào Cai luôn coi trọng quan hệ hữu nghị với các "
    "địa phương của Trung Quốc.",
    "Theo kế hoạch, tuyến đường sắt Hà Nội – Lào Cai – Côn Minh sẽ được nghiên cứu nâng cấp "
    "trong giai đoạn 2018 - 2025.",
    "Hai bên thống nhất tăng cường trao đổi đoàn các cấp, phối hợp tổ chức hội chợ thương mại "
    "quốc tế Việt – Trung hằng năm.",
    "Ngành du lịch hai tỉnh sẽ xây dựng các tour kết nối Sa Pa với Hà Khẩu và Mông Tự.",
    "Về nông nghiệp, hai bên nhất trí hợp tác phòng chống dịch bệnh cây trồng, vật nuôi vùng "
    "biên giới.",
    "Đoàn cũng đã đến thăm khu hợp tác kinh tế qua biên giới Hà Khẩu.",
    "Tại đây, đoàn được nghe giới thiệu về quy hoạch khu thương mại và kho vận.",
    "Lãnh đạo châu Hồng Hà mong muốn doanh nghiệp Lào Cai tham gia đầu tư vào khu hợp tác.",
    "Đồng chí Đặng Xuân Phong cảm ơn sự đón tiếp chu đáo của tỉnh Vân Nam.",
    "Hai bên đã ký biên bản ghi nhớ về hợp tác trong năm 2017 và 2018.",
    "Chuyến thăm góp phần làm sâu sắc thêm quan hệ láng giềng hữu nghị giữa hai địa phương.",
]
CAPTION = "Quang cảnh buổi hội đàm. Ảnh: Quang Tuấn/TTXVN"
BYLINE = "Hoàng Anh"
LONG_BODY = " ".join([*SENTENCES[:6], CAPTION, *SENTENCES[6:], BYLINE])
LONG_RECORD = {"id": "long_vannam", "title": "Lào Cai và tỉnh Vân Nam bàn hợp tác biên giới",
               "summary": "Đoàn công tác tỉnh Lào Cai thăm tỉnh Vân Nam.", "body": LONG_BODY}


# The Nagano seed page as a site that prints its stamp under the headline gives it.
NAGANO_TITLE, NAGANO_TEXT = (CORPUS / f"{NAGANO_ID}.txt").read_text(encoding="utf-8").split("\n", 1)
STAMPED_RECORD = {"id": "stamped_nagano", "title": NAGANO_TITLE,
                  "body": "Thứ Bảy, 23/04/2016 09:30:00 (GMT+7)\n" + NAGANO_TEXT}
# Seed 001's lead without its time phrase ("vào tối 28/11"), under a stamp: no event date but the publication's.
UNDATED_RECORD = {"id": "undated_kawaguchi", "title": "Tìm kiếm cơ hội hợp tác giữa thành phố Kawaguchi và huyện Bảo Thắng",
                  "body": "08:12 29-11-2016 | Thời sự\nĐó là mục đích chuyến thăm và làm việc tại huyện Bảo Thắng của "
                          "Đoàn công tác của thành phố Kawaguchi, tỉnh Saitama (Nhật Bản)."}
# bm22643509, "Phó Chủ tịch Quốc hội Uông Chu Lưu thăm Hàn Quốc": the National Assembly of Korea receives the
# delegation, which also visits Samsung's seat "tại thành phố Suwon, thủ phủ của tỉnh Gyeonggy": Suwon is only
# where Samsung is.
SUWON_ID = "bm22643509"


def section(page: str, heading: str) -> list[str]:
    """The names listed under an aside's heading of the article page."""
    part = re.search(rf"<h2>{heading}</h2>(.*?)</section>", page, re.S)
    return [html.unescape(name) for name in re.findall(r"<li><a [^>]*>([^<]+)</a>", part.group(1))] if part else []


def body_paragraphs(page: str) -> list[tuple[str, str]]:
    """(kind, text) of each paragraph the page shows in the article's body."""
    body = re.search(r'<div class="body">(.*?)</div>', page, re.S).group(1)
    return [("credit" if css else "text", html.unescape(text))
            for css, text in re.findall(r'<p( class="credit")?>(.*?)</p>', body, re.S)]


def back_link(page: str) -> tuple[str, str]:
    """The article page's "←" link: (href, label)."""
    href, label = re.search(r'<p class="back"><a href="([^"]*)">← ([^<]*)</a>', page).groups()
    return html.unescape(href), html.unescape(label)


def article_links(page: str) -> list[str]:
    return [html.unescape(href)
            for href in re.findall(r'class="hit-title"><a href="([^"]+)"', page)]


@pytest.fixture(scope="module")
def long_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("long")
    build_index(base, [LONG_RECORD])
    yield from serve_index(base / "index")


@pytest.fixture(scope="module")
def stamped_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("stamped")
    build_index(base, [STAMPED_RECORD, UNDATED_RECORD])
    yield from serve_index(base / "index")


@pytest.fixture(scope="module")
def suwon_server(tmp_path_factory):
    if not NEWS.exists():
        pytest.skip(f"SKIPPED: the news corpus {NEWS} is missing (set SEARCHER_CORPORA)")
    base = tmp_path_factory.mktemp("suwon")
    index_news(base, lambda _, record: record["id"] == SUWON_ID).close()
    yield from serve_index(base / "index")


# --- where the date comes from, and who took part ------------------------------------------------

def test_the_page_says_when_it_was_published_and_where_the_event_date_comes_from(stamped_server, seed_server):
    record = stamped_server.get("/api/article/stamped_nagano").json()
    assert (record["date"], record["date_source"]) == ("2016-04-22", "dateline")
    assert (record["published"], record["published_from"]) == ("2016-04-23T09:30:00+07:00", "stamp")
    assert "23/04/2016" not in record["body"]
    page = html.unescape(stamped_server.get("/article/stamped_nagano").text)
    assert re.search(r'Ngày sự kiện: <time datetime="2016-04-22">22/04/2016</time>'
                     r'<span class="date-source">, theo dòng mở đầu bài báo</span>', page)
    assert re.search(r'Đăng: <time class="published"[^>]*>23/04/2016 09:30</time> '
                     r'<span class="date-source">\(in trên trang\)</span>', page)
    plain = html.unescape(seed_server.get(f"/article/{NAGANO_ID}").text)
    assert "22/04</time> (không rõ năm)" in plain and "Đăng:" not in plain


def test_a_publication_date_standing_in_for_the_event_s_says_so(stamped_server):
    record = stamped_server.get("/api/article/undated_kawaguchi").json()
    assert (record["date"], record["date_source"], record["published_from"]) == ("2016-11-29", "stamp", "stamp")
    page = html.unescape(stamped_server.get("/article/undated_kawaguchi").text)
    assert "Ngày sự kiện" not in page and "Bài không nêu ngày sự kiện" in page
    assert re.search(r'Đăng: <time class="published"[^>]*>29/11/2016 08:12</time> '
                     r'<span class="date-source">\(in trên trang\)</span>', page)
    cards = html.unescape(stamped_server.get("/search", q="kawaguchi").text)
    assert re.search(r'<span class="date-source"[^>]*>Đăng </span><time datetime="2016-11-29">29/11/2016</time>', cards)
    dated = html.unescape(stamped_server.get("/search", q="nagano").text)
    assert '<time datetime="2016-04-22">22/04/2016</time>' in dated and 'class="date-source"' not in dated


def test_the_page_sets_the_event_s_parties_apart_from_places_only_mentioned(suwon_server):
    record = suwon_server.get(f"/api/article/{SUWON_ID}").json()
    assert {"name": "Quốc hội Hàn Quốc", "country": "Hàn Quốc", "role": "counterpart"} in record["partners"]
    assert {"name": "thành phố Suwon", "country": "Hàn Quốc", "role": "mentioned"} in record["mentioned"]
    assert not {p["name"] for p in record["partners"]} & {p["name"] for p in record["mentioned"]}
    page = suwon_server.get(f"/article/{SUWON_ID}").text
    assert section(page, "Đối tác") == [p["name"] for p in record["partners"]]
    assert section(page, "Chỉ được nhắc đến") == [p["name"] for p in record["mentioned"]]
    assert suwon_server.get("/api/search", partner="Quốc hội Hàn Quốc").json()["total"] == 1
    assert suwon_server.get("/api/search", partner="thành phố Suwon").json()["total"] == 0


# --- paragraphs ------------------------------------------------------------------------------

def test_the_page_and_its_json_twin_show_the_same_paragraphs(seed_server):
    record = seed_server.get(f"/api/article/{NAGANO_ID}").json()
    assert record["paragraphs"] == [{"text": text, "kind": "text"}
                                    for text in record["body"].split("\n\n")]
    page = seed_server.get(f"/article/{NAGANO_ID}").text
    assert body_paragraphs(page) == [(p["kind"], p["text"]) for p in record["paragraphs"]]
    assert len(record["paragraphs"]) >= 10


def test_a_long_one_line_body_becomes_paragraphs_and_its_credits_captions(long_server):
    record = long_server.get("/api/article/long_vannam").json()
    assert "\n" not in record["body"]
    shown = body_paragraphs(long_server.get("/article/long_vannam").text)
    assert shown == [(p["kind"], p["text"]) for p in record["paragraphs"]]
    texts = [text for kind, text in shown if kind == "text"]
    assert len(texts) >= 3 and all(len(text) <= 900 for text in texts)
    assert [text for kind, text in shown if kind == "credit"] == [CAPTION, BYLINE]
    assert shown[-1] == ("credit", BYLINE)
    assert " ".join(text for _, text in shown) == LONG_BODY


# --- the way back ------------------------------------------------------------------------------

def test_a_result_leads_back_to_the_exact_search(mixed_server):
    search = mixed_server.get("/search", q="lao cai", partner=NAGANO, sort="date")
    first = article_links(search.text)[0]
    back = parse_qs(urlsplit(first).query)["back"][0]
    assert urlsplit(back).path == "/search"
    assert parse_qs(urlsplit(back).query) == {"q": ["lao cai"], "partner": [NAGANO],
                                              "sort": ["date"]}
    article = mixed_server.get(first)
    href, label = back_link(article.text)
    assert label == "Quay lại kết quả tìm kiếm"
    assert parse_qs(urlsplit(href).query) == parse_qs(urlsplit(back).query)
    again = mixed_server.get(href)
    assert article_links(again.text) == article_links(search.text)
    assert 'value="lao cai"' in again.text


def test_related_articles_keep_the_way_back(mixed_server):
    search = mixed_server.get("/search", q="nagano")
    article = mixed_server.get(article_links(search.text)[0])
    related = article_links(article.text)
    assert related, "the article page lists related articles"
    assert back_link(mixed_server.get(related[0]).text) == back_link(article.text)


def test_an_entity_page_is_returned_to(mixed_server):
    listing = mixed_server.get(f"/partner/{NAGANO}", year="2023")
    article = mixed_server.get(article_links(listing.text)[0])
    href, label = back_link(article.text)
    assert label == f"Quay lại trang {NAGANO}"
    assert mixed_server.get(href).text == listing.text


def test_from_the_home_page_the_way_back_is_home(mixed_server):
    first = article_links(mixed_server.get("/").text)[0]
    assert "back=" not in first, "no parameter needed: an article leads home by default"
    assert back_link(mixed_server.get(first).text) == ("/search", "Trang chủ")


def test_a_result_page_links_back_only_what_its_search_reads(mixed_server):
    page = mixed_server.get("/search", q="lao cai", page="2", limit="5", junk="<x>")
    back = parse_qs(urlsplit(article_links(page.text)[0]).query)["back"][0]
    assert parse_qs(urlsplit(back).query) == {"q": ["lao cai"], "page": ["2"], "limit": ["5"]}


def test_without_a_way_back_the_link_leads_home_and_the_address_stays_canonical(seed_server):
    page = seed_server.get(f"/article/{NAGANO_ID}")
    assert page.status == 200
    assert back_link(page.text) == ("/search", "Trang chủ")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page.text).group(1)
    assert canonical == seed_server.url(f"/article/{NAGANO_ID}")
    with_back = seed_server.get(f"/article/{NAGANO_ID}", back="/search?q=nagano")
    assert f'<link rel="canonical" href="{canonical}">' in with_back.text


@pytest.mark.parametrize("back", [
    "//evil.example/search", "///evil.example", "http://evil.example/search",
    "https:/search", "javascript:alert(1)", "JavaScript:alert(document.domain)//",
    "/\\evil.example", "\\\\evil.example", "/search\n//evil.example", "/search\t", " /search",
    "search?q=x", "/api/search?q=x", "/searchx?q=x", "/partner/../../evil", "/article/x",
    "/static/style.css", "/search#top", "/" + "a" * 3000, "data:text/html,<script>",
    "/%2F%2Fevil.example", "/partner/%2E%2E/%2E%2E/evil", "/%5Cevil.example", "/search",
])
def test_only_this_sites_result_pages_are_linked_back_to(seed_server, back):
    page = seed_server.get(f"/article/{NAGANO_ID}", back=back)
    assert page.status == 200
    assert back_link(page.text) == ("/search", "Trang chủ")
    assert "evil" not in page.text and "javascript:" not in page.text.lower()


def test_a_way_back_is_written_as_a_plain_link(seed_server):
    back = '/search?q="><script>alert(1)</script>'
    page = seed_server.get(f"/article/{NAGANO_ID}", back=back)
    href, label = back_link(page.text)
    assert label == "Quay lại kết quả tìm kiếm" and href == back
    assert "<script>alert" not in page.text
