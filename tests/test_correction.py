"""A misspelt query: searched as its respelling at once when it finds nothing, offered as a link
when it finds little, written as the archive writes it, and searchable as typed (``exact``);
and the plain-text twins of snippets and titles with the offsets of their marked words. On real
indexes (the seed pages, and a small one of its own), through the engine, HTTP and the command."""
from __future__ import annotations

import json
import re
from urllib.parse import unquote_plus

import pytest

from conftest import SEED_IDS, LiveServer, build_index, run
from searcher import SearchParams
from searcher.search.snippets import plain_with_marks
from searcher.text.normalize import fold, syllables

NAGANO, KAWAGUCHI, PARLIAMENT, EMBASSY, HONGHA = SEED_IDS


def search(searcher, q: str, **kwargs):
    return searcher.search(SearchParams(q=q, **kwargs))


# -- a query that finds nothing: its respelling's results at once -------------------------------

def test_a_misspelt_query_that_finds_nothing_shows_the_respelling_at_once(seed_searcher):
    result = search(seed_searcher, "nagana")
    assert (result.corrected_from, result.query) == ("nagana", "Nagano")
    assert [hit.id for hit in result.hits] == [NAGANO] and result.total == 1
    assert result.suggestion is None
    assert "<mark>Nagano</mark>" in result.hits[0].snippet


def test_the_exact_search_finds_nothing_and_only_suggests(seed_searcher):
    result = search(seed_searcher, "nagana", correct=False)
    assert (result.total, result.hits, result.corrected_from) == (0, [], None)
    assert (result.query, result.suggestion) == ("nagana", "Nagano")


def test_a_query_that_finds_something_is_left_alone(seed_searcher):
    for q in ("hợp tác du lịch", "nagano", "trinh xuan truong"):
        result = search(seed_searcher, q)
        assert (result.query, result.corrected_from, result.suggestion) == (q, None, None)
        assert result.total > 0


@pytest.mark.parametrize("typed, written", [
    ("hop tac nhatt ban", "hợp tác Nhật Bản"),  # accents and capitals of the archive
    ("Hop tac nhatt ban", "Hợp tác Nhật Bản"),  # a capital typed stays
    ("hợp tác nhatt bản", "hợp tác Nhật bản"),  # syllables typed with accents stay as typed
    ("lao caii", "Lào Cai"),
    ("dai su quann", "Đại sứ quán"),
])
def test_the_respelling_is_written_as_the_archive_writes_it(seed_searcher, typed, written):
    result = search(seed_searcher, typed)
    assert (result.corrected_from, result.query) == (typed, written)
    assert result.total > 0


def test_the_page_shows_the_respelled_results_and_links_the_exact_search(seed_server):
    page = seed_server.get("/search", q="nagana")
    assert page.status == 200
    assert 'Đã hiển thị kết quả cho <b>Nagano</b>' in page.text
    exact = re.search(r'<a href="([^"]+)">Tìm chính xác “nagana”</a>', page.text)
    assert exact and exact.group(1) == "/search?q=nagana&amp;exact=1"
    assert f'href="/article/{NAGANO}' in page.text
    assert "Có phải bạn muốn tìm" not in page.text

    as_typed = seed_server.get("/search", q="nagana", exact="1")
    assert 'data-total="0"' in as_typed.text and "Đã hiển thị kết quả" not in as_typed.text
    assert 'Có phải bạn muốn tìm: <a href="/search?q=Nagano">Nagano</a>?' in as_typed.text


def test_the_json_says_what_was_corrected(seed_server):
    corrected = seed_server.get("/api/search", q="nagana").json()
    assert (corrected["query"], corrected["corrected_from"]) == ("Nagano", "nagana")
    assert corrected["total"] == 1 and corrected["hits"][0]["id"] == NAGANO
    as_typed = seed_server.get("/api/search", q="nagana", exact="1").json()
    assert (as_typed["total"], as_typed["corrected_from"], as_typed["suggestion"]) == \
        (0, None, "Nagano")
    plain = seed_server.get("/api/search", q="lao cai").json()
    assert plain["corrected_from"] is None and plain["query"] == "lao cai"


def test_json_numbers_are_plain_numbers(seed_server):
    result = seed_server.get("/api/search", q="lao cai").json()
    assert type(result["total"]) is int and type(result["pages"]) is int
    counts = [entry["count"] for facet in result["facets"].values() for entry in facet]
    assert counts and all(type(count) is int for count in counts)


# -- a small index of its own: names and near-misses --------------------------------------------

PHUC = "Thủ tướng Nguyễn Xuân Phúc"
NAME_ARTICLES = [
    # the name, in three articles
    ("phuc-1", f"{PHUC} tiếp Đại sứ Nhật Bản", f"Chiều 3/5, {PHUC} tiếp Đại sứ Nhật Bản."),
    ("phuc-2", f"{PHUC} thăm tỉnh Quảng Ninh", f"Sáng 4/5, {PHUC} thăm và làm việc tại tỉnh."),
    ("phuc-3", f"{PHUC} dự hội nghị xúc tiến đầu tư", f"{PHUC} phát biểu tại hội nghị."),
    # "phụ", "phú" and "phút" in more articles: the nearest most frequent syllables to "phuk"
    ("phu-1", "Hội Phụ nữ tỉnh Phú Thọ", "Hội Phụ nữ tỉnh Phú Thọ họp trong 30 phút."),
    ("phu-2", "Phụ nữ Phú Yên khởi nghiệp", "Chị em phụ nữ Phú Yên phụ trách dự án 15 phút."),
    ("phu-3", "Tỉnh Phú Yên xúc tiến du lịch", "Phó Chủ tịch phụ trách du lịch nói trong 10 phút."),
    ("phu-4", "Phú Quốc đón khách quốc tế", "Phú Quốc đón khách; mỗi chuyến bay chậm vài phút."),
    ("phu-5", "Phụ huynh và nhà trường", "Phụ huynh họp với nhà trường trong 45 phút."),
    # a typo the archive shares ("Bảnn"), in one article; the right spelling in four
    ("bann", "Hợp tác với Nhật Bảnn", "Tỉnh mở rộng hợp tác với Nhật Bảnn về nông nghiệp."),
    *[(f"japan-{n}", f"Hợp tác với Nhật Bản về {topic}",
       f"Tỉnh đẩy mạnh hợp tác với Nhật Bản về {topic}.")
      for n, topic in enumerate(["giáo dục", "y tế", "lao động", "môi trường"])],
]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A Searcher over NAME_ARTICLES (its index directory: ``small.index_dir``)."""
    return build_index(tmp_path_factory.mktemp("correction"),
                       [{"id": doc_id, "title": title, "body": body}
                        for doc_id, title, body in NAME_ARTICLES])


def test_a_misspelt_name_becomes_the_name_the_archive_knows(small):
    # Nearest and most frequent, "phuk" would be "phu" (five articles, and "phut" five) rather
    # than "phuc" (three); beside "xuan" it is "phuc".
    assert search(small, "phu").total > search(small, "phuc").total
    result = search(small, "Nguyen Xuan Phuk")
    assert (result.corrected_from, result.query) == ("Nguyen Xuan Phuk", "Nguyễn Xuân Phúc")
    assert {hit.id for hit in result.hits} == {"phuc-1", "phuc-2", "phuc-3"}
    lower = search(small, "thu tuong nguyen xuan phuk")
    assert lower.query == PHUC and lower.total == 3


def test_a_near_miss_that_finds_a_little_keeps_the_link(small):
    result = search(small, "hop tac nhat bann")
    assert [hit.id for hit in result.hits] == ["bann"]  # the article with the typo
    assert result.corrected_from is None and result.query == "hop tac nhat bann"
    assert result.suggestion == "hợp tác Nhật Bản"
    assert {hit.id for hit in search(small, result.suggestion).hits} == \
        {f"japan-{n}" for n in range(4)}
    server = LiveServer(small.index_dir)
    try:
        page = server.get("/search", q="hop tac nhat bann")
        assert 'data-total="1"' in page.text and "Đã hiển thị kết quả" not in page.text
        link = re.search(r'Có phải bạn muốn tìm: <a href="([^"]+)">([^<]+)</a>\?', page.text)
        assert link and link.group(2) == "hợp tác Nhật Bản"
        assert unquote_plus(link.group(1)) == "/search?q=hợp tác Nhật Bản"
    finally:
        server.close()


# -- plain text and the offsets of the marked words ---------------------------------------------

def test_plain_with_marks_unescapes_and_counts_characters_of_the_text():
    fragment = "… Việt &amp; <mark>Nhật Bản</mark> &quot;x&quot; <mark>&lt;b&gt;</mark>"
    text, marks = plain_with_marks(fragment)
    assert text == '… Việt & Nhật Bản "x" <b>'
    assert [text[start:end] for start, end in marks] == ["Nhật Bản", "<b>"]


def folded_syllables(text: str) -> set[str]:
    return {fold(s) for s in syllables(text)}


@pytest.mark.parametrize("q", ["lao cai", "hợp tác du lịch", "đoàn đại biểu", "Trịnh Xuân Trường",
                               '"Đại sứ quán Trung Quốc"', "nghị sỹ", "hop tac nhat ban"])
def test_snippet_and_title_marks_point_at_the_query_words(seed_searcher, q):
    words = folded_syllables(q)
    marked = 0
    for hit in search(seed_searcher, q, limit=50).hits:
        assert hit.snippet_text == plain_with_marks(hit.snippet)[0]
        assert len(hit.snippet_marks) == hit.snippet.count("<mark>")
        assert len(hit.title_marks) == hit.title_html.count("<mark>")
        for text, marks in ((hit.snippet_text, hit.snippet_marks), (hit.title, hit.title_marks)):
            for start, end in marks:
                assert 0 <= start < end <= len(text)
                assert folded_syllables(text[start:end]) <= words, (q, text[start:end])
            marked += len(marks)
    assert marked > 0


def test_api_hits_carry_plain_snippets_and_offsets(seed_server):
    for hit in seed_server.get("/api/search", q="hop tac du lich").json()["hits"]:
        assert "<mark>" in hit["snippet"] and "<" not in hit["snippet_text"]
        assert hit["snippet_marks"] and all(len(mark) == 2 for mark in hit["snippet_marks"])
        for start, end in hit["snippet_marks"]:
            assert folded_syllables(hit["snippet_text"][start:end]) <= {"hop", "tac", "du", "lich"}


# -- the command ---------------------------------------------------------------------------------

def test_cli_shows_the_respelled_results_and_exact_searches_as_typed(seed_index):
    corrected = run("query", "nagana", "--index", seed_index)
    assert corrected.returncode == 0, corrected.stderr
    assert corrected.stdout.startswith('1 kết quả cho "Nagano"')
    assert 'Đã hiển thị kết quả cho "Nagano" (tìm chính xác "nagana": thêm --exact)' \
        in corrected.stdout
    as_typed = run("query", "nagana", "--index", seed_index, "--exact", "--json")
    assert as_typed.returncode == 0, as_typed.stderr
    payload = json.loads(as_typed.stdout)
    assert (payload["total"], payload["corrected_from"], payload["suggestion"]) == \
        (0, None, "Nagano")


def test_a_download_of_a_corrected_search_holds_what_the_page_showed(seed_server):
    shown = seed_server.get("/api/search", q="nagana").json()
    assert shown["corrected_from"] == "nagana" and shown["total"] > 0
    rows = seed_server.get("/search.jsonl", q="nagana").text.splitlines()
    assert [json.loads(row)["id"] for row in rows] == [hit["id"] for hit in shown["hits"]]
    assert seed_server.get("/search.jsonl", q="nagana", exact="1").text.strip() == ""
