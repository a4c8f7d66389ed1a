"""Search behaviour a user notices: what is found, in which order, and how it is marked."""
from __future__ import annotations

import html
import unicodedata

import numpy as np
import pytest

from conftest import SEED_IDS, build_index, run
from searcher import SearchError, SearchParams

NAGANO, KAWAGUCHI, PARLIAMENT, EMBASSY, HONGHA = SEED_IDS


def ids(searcher, text, **kwargs):
    """Every article found, near-identical ones too (several test articles share a filler body)."""
    kwargs.setdefault("fold", False)
    return [hit.id for hit in searcher.search(SearchParams(q=text, limit=50, **kwargs)).hits]


# -- the seed pages ------------------------------------------------------------------------------

def test_place_name_without_accents_finds_every_seed_page(seed_searcher):
    assert sorted(ids(seed_searcher, "lao cai")) == SEED_IDS


@pytest.mark.parametrize("text", ["Đại hội XIV", "VietGAP", '"Tô Lâm"', '"Lương Cường"'])
def test_teaser_block_is_not_searchable(seed_searcher, text):
    assert ids(seed_searcher, text) == []


def test_nfd_query_equals_its_nfc_twin(seed_searcher):
    nfc = "hợp tác du lịch Nhật Bản"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    first = seed_searcher.search(SearchParams(q=nfc))
    second = seed_searcher.search(SearchParams(q=nfd))
    assert [(h.id, h.score) for h in first.hits] == \
        [(h.id, h.score) for h in second.hits]
    assert first.total > 0


def test_i_y_variant_finds_the_other_spelling(seed_searcher):
    # The pages write "Nghị sĩ"; a user types "nghị sỹ".
    found = ids(seed_searcher, "nghị sỹ")
    assert set(found) == {NAGANO, PARLIAMENT}
    assert found == ids(seed_searcher, "nghị sĩ")


def test_query_without_accents_finds_the_official(seed_searcher):
    found = ids(seed_searcher, "trinh xuan truong")
    assert {NAGANO, EMBASSY, HONGHA} <= set(found[:4])
    assert KAWAGUCHI not in found


def test_no_accent_topic_query_ranks_the_nagano_visit_among_the_best(seed_searcher):
    result = seed_searcher.search(SearchParams(q="hop tac du lich nhat ban", limit=50))
    found = [h.id for h in result.hits]
    assert NAGANO in found[:2]
    # no Japan there: hợp tác and du lịch are too common to make it a partial match
    assert EMBASSY not in found


def test_quoted_phrase_is_exact_but_accent_tolerant(seed_searcher):
    assert ids(seed_searcher, '"Đại sứ quán Trung Quốc"') == [EMBASSY]
    assert ids(seed_searcher, '"dai su quan trung quoc"') == [EMBASSY]
    assert ids(seed_searcher, '"Trung Quốc Đại sứ quán"') == []


def test_minus_excludes_and_or_widens(seed_searcher):
    assert ids(seed_searcher, "nagano") == [NAGANO]
    assert ids(seed_searcher, "kawaguchi") == [KAWAGUCHI]
    assert sorted(ids(seed_searcher, "nagano OR kawaguchi")) == sorted([NAGANO, KAWAGUCHI])
    assert NAGANO not in ids(seed_searcher, "lao cai -nagano")
    assert len(ids(seed_searcher, "lao cai -nagano")) == 4
    assert EMBASSY not in ids(seed_searcher, 'lao cai -"đại sứ quán"')


# What a broken query is searched as (search/query.py): its plain words, the broken syntax
# dropped; a query left with no word at all is the empty query.
BROKEN_SYNTAX = [
    ('"lao cai', "lao cai", SEED_IDS),  # unbalanced quote
    ('du "lịch', "du lịch", [NAGANO, PARLIAMENT, EMBASSY, HONGHA]),
    ("lao cai AND", "lao cai", SEED_IDS),  # AND is not an operator: dropped
    ("OR nagano", "nagano", [NAGANO]),  # OR with nothing before it
    ("nagano OR", "nagano", [NAGANO]),  # ... or nothing after it
    ("nagano AND OR -", "nagano", [NAGANO]),
    ("(lao cai)", "lao cai", SEED_IDS),
    ("lao*", "lao", SEED_IDS),
]


@pytest.mark.parametrize("text, plain, expected", BROKEN_SYNTAX)
def test_broken_syntax_is_searched_as_plain_words(seed_searcher, text, plain, expected):
    broken = seed_searcher.search(SearchParams(q=text, limit=50))
    words = seed_searcher.search(SearchParams(q=plain, limit=50))
    assert sorted(h.id for h in broken.hits) == sorted(expected)
    assert [(h.id, h.score) for h in broken.hits] == [(h.id, h.score) for h in words.hits]


@pytest.mark.parametrize("text", ["-", "AND OR", '"', "---", '""', "- -", '-""', "(", "*"])
def test_broken_syntax_without_a_word_is_the_empty_query(seed_searcher, text):
    with pytest.raises(SearchError, match="Hãy nhập từ khóa"):
        seed_searcher.search(SearchParams(q=text))
    # With a filter it browses what the filter selects, as an empty query does.
    browse = seed_searcher.search(SearchParams(q=text, selections={"partner": ["tỉnh Nagano"]}))
    assert [h.id for h in browse.hits] == [NAGANO]


def test_unbalanced_quote_searches_the_words(seed_searcher):
    assert ids(seed_searcher, 'nagano "du lịch') == [NAGANO]


def test_empty_query_gets_a_clear_message(seed_searcher):
    with pytest.raises(SearchError, match="từ khóa"):
        seed_searcher.search(SearchParams(q="   "))


@pytest.mark.parametrize("params", [
    SearchParams(q="x" * 501), SearchParams(q="lao", sort="newest"), SearchParams(q="lao", page=0),
    SearchParams(q="lao", limit=0), SearchParams(q="lao", date_from="2024-13-01"),
    SearchParams(q="lao", date_from="2025", date_to="2024"),
])
def test_invalid_parameters_are_refused_with_a_reason(seed_searcher, params):
    with pytest.raises(SearchError):
        seed_searcher.search(params)


def test_snippet_marks_whole_words_found_through_variants(seed_searcher):
    hits = seed_searcher.search(SearchParams(q="nghi sy")).hits
    assert hits and all("<mark>Nghị sĩ</mark>" in h.snippet or "<mark>nghị sĩ</mark>" in h.snippet
                        for h in hits)
    lao = seed_searcher.search(SearchParams(q="lao cai")).hits[0].snippet
    assert "<mark>Lào Cai</mark>" in lao


def test_page_beyond_the_end_is_empty_not_an_error(seed_searcher):
    result = seed_searcher.search(SearchParams(q="lao cai", page=9))
    assert result.total == 5 and result.hits == [] and result.pages == 1


def test_pagination_walks_through_every_hit_once(seed_searcher):
    seen = [h.id for p in (1, 2, 3)
            for h in seed_searcher.search(SearchParams(q="lao cai", limit=2, page=p)).hits]
    assert sorted(seen) == SEED_IDS
    assert seen == ids(seed_searcher, "lao cai")


def test_did_you_mean_respells_an_unknown_word(seed_searcher):
    result = seed_searcher.search(SearchParams(q="kawaguci", correct=False))
    assert result.total == 0
    assert result.suggestion == "Kawaguchi"  # as the archive writes it


# -- ranking and matching on one small real index ----------------------------------------------
# Each test owns a few articles with ids of its own, and queries words that no other test's
# articles contain (not even as scattered syllables), so every expected list is exact.

FILLER = " ".join(["Các đại biểu đã trao đổi ý kiến về nhiều vấn đề của địa phương."] * 12)


def _doc(doc_id, title, body, published=None):
    record = {"id": doc_id, "title": title, "body": body}
    if published:
        record["published"] = published
    return record


SMALL_ARTICLES = [
    # minus binds to a whole word
    _doc("qatar-football", "Qatar và bóng đá", "Đội tuyển bóng đá Qatar thắng trận."),
    _doc("qatar-gas", "Qatar xuất khẩu khí đốt", "Qatar ký hợp đồng khí đốt; bóng dáng mùa đông."),
    _doc("qatar-stone", "Qatar khai thác đá", "Mỏ đá ở Qatar."),
    # spelling variants
    _doc("variant-old", "Tin một", "Giữ gìn văn hoá, kĩ thuật canh tác, nhà thuỵ sĩ học và lí luận."),
    _doc("variant-new", "Tin hai", "Giữ gìn văn hóa, kỹ thuật canh tác, nhà thụy sĩ học và lý luận."),
    _doc("variant-none", "Tin ba", "Một bài không liên quan."),
    # Đ look-alike
    _doc("d-stroke", "Tin", "Ðà Nẵng đón đoàn khách."),
    # a word against its syllables scattered
    _doc("du-scattered", "Tin một", f"Ông du về quê. {FILLER} Lịch làm việc đã xong."),
    _doc("du-word", "Tin hai", f"Phát triển du lịch bền vững. {FILLER}"),
    # typed accents
    _doc("duong-road", "Đường mới", "Con đường mới. Đường đẹp. Làm đường, sửa đường."),
    _doc("duong-ocean", "Biển", "Hợp tác khu vực Thái Bình Dương."),
    _doc("bao-storm", "Bão số 3 đổ bộ", "Cơn bão số 3 đổ bộ vào miền Trung."),
    _doc("bao-press", "Báo chí đưa tin", "Tờ báo đưa tin về bảo hiểm và bao bì."),
    # proximity
    _doc("kinhte-apart", "Tin một", f"Hai bên ký kết hợp tác. {FILLER} Ngành kinh tế tăng trưởng."),
    _doc("kinhte-together", "Tin hai", f"{FILLER} Hai bên bàn về hợp tác kinh tế."),
    # title boost
    _doc("nagano-body", "Tin tổng hợp", f"{FILLER} Đoàn đến tỉnh Nagano. {FILLER}"),
    _doc("nagano-title", "Đoàn công tác thăm tỉnh Nagano", f"{FILLER} Đoàn đến tỉnh Nagano. {FILLER}"),
    # dates
    _doc("date-old", "Hợp tác với Nhật Bản", "Hợp tác với Nhật Bản.", "2019-03-01"),
    _doc("date-new", "Tin khác", "Có nhắc đến hợp tác với Nhật Bản.", "2024-05-02"),
    _doc("date-mid", "Tin nữa", "Hợp tác Nhật Bản.", "2021-07-09"),
    # markup
    _doc("markup", "Tin", "Mã <script>alert(1)</script> hợp tác thương mại."),
    # one story under one headline, written up twice
    _doc("headline-a", "Hai tỉnh ký biên bản trồng lúa gạo",
         "Sáng nay hai tỉnh đã ký biên bản về trồng lúa gạo chất lượng cao."),
    _doc("headline-b", "Hai tỉnh ký biên bản trồng lúa gạo",
         "Biên bản về lúa gạo được lãnh đạo hai tỉnh ký tại hội nghị chiều qua."),
]
# A scraped page (.txt): image file names are followed by their captions, kept apart from the body.
CAPTION_PAGE = """Lãnh đạo hai tỉnh gặp gỡ

Sáng nay lãnh đạo hai tỉnh đã gặp gỡ và trao đổi về kế hoạch năm tới.

trong-cay.jpg
Lãnh đạo hai tỉnh trồng cây lưu niệm bên bờ suối.

Hai bên thống nhất sẽ gặp lại vào cuối năm.
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """One real index over every test's articles (plus the caption page), shared by the module."""
    work = tmp_path_factory.mktemp("small")
    (work / "corpus").mkdir()
    (work / "corpus" / "caption-page.txt").write_text(CAPTION_PAGE, encoding="utf-8")
    return build_index(work, SMALL_ARTICLES)


def test_every_small_article_is_indexed_once(small):
    assert small.doc_count == len(SMALL_ARTICLES) + 1
    assert len({d["id"] for d in SMALL_ARTICLES}) == len(SMALL_ARTICLES)


def test_minus_binds_to_the_whole_word_it_starts(small):
    assert sorted(ids(small, "Qatar -bóng đá")) == ["qatar-gas", "qatar-stone"]
    assert sorted(ids(small, "qatar -bong da")) == ["qatar-gas", "qatar-stone"]
    assert ids(small, "Qatar -bóng") == ["qatar-stone"]


def test_spelling_variants_match_each_other(small):
    for text in ("văn hoá", "văn hóa", "kĩ thuật", "kỹ thuật", "thuỵ", "thụy", "lí luận",
                 "lý luận", "van hoa", "ky thuat"):
        assert sorted(ids(small, text)) == ["variant-new", "variant-old"], text


def test_d_with_stroke_lookalike_is_d(small):
    assert ids(small, "Đà Nẵng") == ["d-stroke"]
    assert ids(small, "da nang") == ["d-stroke"]


def test_a_word_beats_its_syllables_scattered(small):
    assert ids(small, "du lịch") == ["du-word", "du-scattered"]
    assert ids(small, "du lich") == ["du-word", "du-scattered"]


def test_accented_query_ranks_exact_accents_above_folded_matches(small):
    assert ids(small, "dương")[0] == "duong-ocean"
    assert ids(small, "đường")[0] == "duong-road"
    assert sorted(ids(small, "duong")) == ["duong-ocean", "duong-road"]


def test_typed_accents_are_trusted_and_a_mistyped_accent_still_finds(small):
    assert ids(small, "bão") == ["bao-storm"]  # not drowned by báo, bảo, bao
    assert sorted(ids(small, "bao")) == ["bao-press", "bao-storm"]
    assert sorted(ids(small, "bâo")) == ["bao-press", "bao-storm"]  # no such spelling: folded


def test_words_standing_together_rank_above_scattered_ones(small):
    assert ids(small, "hop tac kinh te") == ["kinhte-together", "kinhte-apart"]


def test_title_match_ranks_above_body_match(small):
    assert ids(small, "nagano") == ["nagano-title", "nagano-body"]


def test_sort_by_date_puts_newest_first(small):
    assert ids(small, "nhat ban", sort="date") == ["date-new", "date-mid", "date-old"]


def test_markup_in_text_is_escaped_in_snippets(small):
    [hit] = small.search(SearchParams(q="thương mại")).hits
    assert hit.id == "markup"
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>thương mại</mark>" in hit.snippet


# -- snippets: which passage, where it is cut, what is marked ----------------------------------

def snippet_for(query: str, text: str) -> str:
    """The snippet of ``text`` for ``query``, with needles made as the Searcher makes them."""
    from searcher.search.query import parse
    from searcher.search.snippets import needles_for, snippet

    groups = parse(query).groups
    needles = needles_for([i.words for g in groups for i in g if not i.negated and not i.phrase],
                          [i.words for g in groups for i in g if i.phrase and not i.negated])
    return snippet(text, needles)


def plain(snippet_html: str) -> str:
    """The snippet's text as a reader sees it: marks dropped, entities decoded, no ellipses."""
    text = html.unescape(snippet_html.replace("<mark>", "").replace("</mark>", ""))
    return text.removeprefix("… ").removesuffix(" …")


SNIPPET_FILLER = " ".join(f"Câu thứ {n} nói về việc khác của địa phương." for n in range(12))


def test_snippet_is_the_passage_covering_the_most_distinct_query_words():
    repeated = "Quán cà phê, cà phê rang và cà phê sữa."  # one query word, three times
    covering = "Hai bên bàn về du lịch và cà phê."  # both query words, once each
    text = f"{repeated} {SNIPPET_FILLER} {covering} {SNIPPET_FILLER}"
    snippet = snippet_for("du lịch cà phê", text)
    assert "<mark>du lịch</mark> và <mark>cà phê</mark>" in snippet
    assert "Quán" not in snippet, "not the passage that repeats one word"
    assert snippet.startswith("… ") and snippet.endswith(" …")


def test_snippet_of_equal_passages_is_the_earlier_one():
    text = f"Quán cà phê mở cửa. {SNIPPET_FILLER} Quán cà phê đóng cửa. {SNIPPET_FILLER}"
    snippet = snippet_for("cà phê", text)
    assert snippet.startswith("Quán <mark>cà phê</mark> mở cửa.") and snippet.endswith(" …")


def test_snippet_marks_the_query_words_not_other_syllables_that_fold_the_same():
    # The whole run "thủ tướng nhật bản" is not in the text: its words are marked where they
    # stand, not the loose syllables Tương (lai), thứ, Nhất that fold like them.
    text = ("Thủ tướng thăm chính thức Nhật Bản và dự Hội nghị Tương lai châu Á lần thứ 23. "
            "Ảnh: Thống Nhất/TTXVN")
    snippet = snippet_for("Thủ tướng Nhật Bản", text)
    assert snippet.count("<mark>") == 2, snippet
    assert "<mark>Thủ tướng</mark>" in snippet and "<mark>Nhật Bản</mark>" in snippet
    # A word the text spells apart still has its syllables marked, as typed.
    assert snippet_for("Tương lai xa", "Nói về tương, về lai.").count("<mark>") == 2


def test_snippet_marks_letters_of_any_latin_alphabet_and_of_others_in_either_case():
    """Foreign names keep their letters: typed plainly they are found as written (``Škoda``,
    ``Müller``, ``Ñíguez``), and letters outside the Latin alphabet match in either case."""
    text = "Ông Müller của hãng Škoda gặp Saúl Ñíguez; báo ПРАВДА và Правда đưa tin."
    assert snippet_for("Skoda Muller", text).count("<mark>") == 2
    assert "<mark>Ñíguez</mark>" in snippet_for("niguez", text)
    assert snippet_for("правда", text).count("<mark>") == 2
    # text decoded with surrogateescape keeps its odd byte as one character, offsets intact
    assert "<mark>Škoda</mark>" in snippet_for("skoda", "Byte \udcff lạ; hãng Škoda.")


@pytest.mark.parametrize("match", [True, False], ids=["passage", "no-match"])
def test_snippet_is_cut_at_a_word_boundary_and_marked_as_cut(match):
    from searcher.search.ranking import SNIPPET_CHARS

    words = " ".join(f"chữ{n}" for n in range(200))  # no sentence end: one long passage
    for pad in range(8):  # the cut falls at every position within a word
        text = f"{'Cà phê' if match else 'Trà'} {'ô' * pad} {words}"
        snippet = snippet_for("cà phê", text)
        shown = plain(snippet)
        assert snippet.startswith("<mark>Cà phê</mark> " if match else "Trà ")
        assert snippet.endswith(" …")
        assert SNIPPET_CHARS // 2 < len(shown) <= SNIPPET_CHARS
        assert text.startswith(shown) and text[len(shown)] == " ", f"cut inside a word: {shown[-12:]!r}"


def test_snippet_of_a_short_text_is_whole_without_ellipses():
    text = "Quán cà phê đón đoàn khách Lào Cai."
    assert snippet_for("cà phê", text) == "Quán <mark>cà phê</mark> đón đoàn khách Lào Cai."


def test_snippet_of_a_match_in_the_last_sentence_has_only_a_leading_ellipsis():
    text = f"{SNIPPET_FILLER} Cuối cùng đoàn ghé quán cà phê."
    snippet = snippet_for("cà phê", text)
    assert snippet.startswith("… ") and not snippet.endswith("…")
    assert snippet.endswith("đoàn ghé quán <mark>cà phê</mark>.")
    assert text.endswith(plain(snippet))


def test_snippet_without_a_match_is_the_start_of_the_text_unmarked():
    text = f"{SNIPPET_FILLER} {SNIPPET_FILLER}"
    snippet = snippet_for("cà phê", text)
    assert "<mark>" not in snippet and snippet.endswith(" …")
    assert text.startswith(plain(snippet))


def test_typed_accents_mark_only_the_exact_spelling_when_it_occurs():
    text = "Tờ báo đưa tin về cơn bão và bao bì."
    assert snippet_for("bão", text) == "Tờ báo đưa tin về cơn <mark>bão</mark> và bao bì."
    assert snippet_for("bao", text) == \
        "Tờ <mark>báo</mark> đưa tin về cơn <mark>bão</mark> và <mark>bao</mark> bì."
    # No such spelling in the text: every folded match is marked.
    assert snippet_for("bâo", text) == snippet_for("bao", text)


def test_hit_snippet_falls_back_to_the_caption_when_the_body_has_no_match(small):
    [hit] = small.search(SearchParams(q="trồng cây")).hits
    assert hit.id == "caption-page"
    assert hit.snippet == "Lãnh đạo hai tỉnh <mark>trồng cây</mark> lưu niệm bên bờ suối."


def test_hit_snippet_is_the_body_start_when_only_the_title_matches(small):
    [hit] = small.search(SearchParams(q="gặp gỡ")).hits
    assert hit.id == "caption-page"
    assert "gặp gỡ" in hit.title_html and "<mark>" in hit.title_html
    assert hit.snippet.startswith("Sáng nay lãnh đạo hai tỉnh đã <mark>gặp gỡ</mark>")


def test_newest_first_keeps_articles_holding_every_word_first(mixed_index):
    from searcher import Searcher

    searcher = Searcher(mixed_index)
    query = "du lịch nông nghiệp Nagano"
    by_date = searcher.search(SearchParams(q=query, sort="date"))
    # syn_2024_nagano (the newest) is about investors, not tourism: it lacks "du lịch" and
    # only fills in after the two articles holding every word, however new it is.
    ids = [hit.id for hit in by_date.hits]
    assert set(ids[:2]) == {"syn_2023_nagano", SEED_IDS[0]}
    assert ids.index("syn_2024_nagano") > 1
    assert ids[0] == "syn_2023_nagano"  # a full date before a day-month without a year
    assert by_date.total == searcher.search(SearchParams(q=query)).total


# -- near-identical articles -------------------------------------------------------------------

def test_near_identical_articles_fold_under_the_best_placed_one(small):
    result = small.search(SearchParams(q="nagano"))
    assert (result.total, result.folded, result.pages) == (2, 1, 1)
    [hit] = result.hits
    assert hit.id == "nagano-title" and hit.copy_count == 1
    assert [copy.id for copy in hit.copies] == ["nagano-body"]
    assert ids(small, "nagano") == ["nagano-title", "nagano-body"]  # listed one by one on request
    # A story keeps its headline when a site rewrites its body.
    [story] = small.search(SearchParams(q="lúa gạo")).hits
    assert [copy.id for copy in story.copies] == ["headline-b"]
    # Bodies that share a long filler but report different things are different articles.
    apart = small.search(SearchParams(q="kinh tế"))
    assert apart.folded == 0 and {h.id for h in apart.hits} >= {"kinhte-apart", "kinhte-together"}


def test_a_hit_lists_its_first_copies_and_counts_them_all(tmp_path):
    """A wire story carried by eight sites is one hit; its copies are counted in full and the
    first ``MAX_COPIES`` listed under it, each with its own site's headline, link and dates
    (read from a column of their own, not the stored article), and all eight come back one by
    one on request."""
    from searcher.search.searcher import MAX_COPIES

    story = f"Sáng 1{{}}/3, đoàn công tác tỉnh Nagano đến thăm và làm việc. {FILLER}"
    searcher = build_index(tmp_path, [
        {**_doc(f"wire-{i}", f"Đoàn Nagano thăm tỉnh (bản tin {i})", story.format(i),
                published=f"2024-03-1{i}T08:00:00"), "url": f"https://tin{i}.example.vn/nagano"}
        for i in range(8)])
    result = searcher.search(SearchParams(q="Nagano"))
    [hit] = result.hits
    assert (result.total, result.folded, hit.copy_count) == (8, 7, 7)
    assert len(hit.copies) == MAX_COPIES < 7
    assert len({hit.id, *(copy.id for copy in hit.copies)}) == MAX_COPIES + 1
    for copy in hit.copies:
        page = searcher.article(copy.id)
        assert (copy.title, copy.url, copy.date, copy.published) == (
            page.title, page.url, page.date, page.published)
        assert copy.title.endswith(f"(bản tin {copy.id[-1]})") and copy.date.endswith(
            f"-03-1{copy.id[-1]}")
    assert len(searcher.search(SearchParams(q="Nagano", fold=False)).hits) == 8
    shown = run("query", "Nagano", "--index", tmp_path / "index")  # the command line says so
    assert shown.returncode == 0 and "+ 7 bài tương tự: " in shown.stdout
    assert f" và {7 - MAX_COPIES} bài khác" in shown.stdout


def test_an_index_from_before_the_card_column_lists_copies_from_the_stored_articles(
        tmp_path, monkeypatch):
    """An index written by older code, without the column of copies' titles and links, is
    searched as before (its copies read from their stored articles) until it is rebuilt."""
    from searcher.store import indexer, schema

    def without_card():
        older = schema.build_schema()
        older.remove(schema.CARD_FIELD)
        return older

    original = indexer.document
    monkeypatch.setattr(indexer, "build_schema", without_card)
    monkeypatch.setattr(indexer, "document", lambda *args, **kwargs: {
        k: v for k, v in original(*args, **kwargs).items() if k != schema.CARD_FIELD})
    story = f"Đoàn công tác tỉnh Nagano đến thăm và làm việc. {FILLER}"
    searcher = build_index(tmp_path, [
        {**_doc(f"wire-{i}", f"Đoàn Nagano thăm tỉnh ({i})", story), "url": f"https://t{i}.vn/a"}
        for i in range(3)])
    assert schema.CARD_FIELD not in searcher._current().reader.schema
    [hit] = searcher.search(SearchParams(q="Nagano")).hits
    assert sorted((c.title, c.url) for c in hit.copies) == sorted(
        (f"Đoàn Nagano thăm tỉnh ({i})", f"https://t{i}.vn/a") for i in range(3)
        if f"wire-{i}" != hit.id)


def test_a_query_asked_again_answers_as_the_first_time_from_a_compact_cache(seed_searcher):
    """Turning a page or ticking a filter re-asks a query; its scores come from the cache,
    which keeps only the documents a query touches (a whole array per query filled it at
    348,700 articles), and what a caller does with one answer's arrays cannot change the next."""
    from searcher.search.generation import _Kept

    gen = seed_searcher._current()
    parsed = gen.parse("Nagano")
    first = gen.evaluate(parsed)
    again = gen.evaluate(parsed)
    assert again is not first and again.level == first.level and again.complete == first.complete
    for name in ("scores", "matched", "rank"):
        assert np.array_equal(getattr(again, name), getattr(first, name))
    kept = gen._evaluations[repr(parsed)]
    assert isinstance(kept, _Kept) and len(kept.docs) == np.count_nonzero(
        first.matched | (first.scores != 0) | (first.rank != 0)) < len(first.scores)
    again.scores[:] = -1
    assert np.array_equal(gen.evaluate(parsed).scores, first.scores)
    page_one = seed_searcher.search(SearchParams(q="tỉnh", limit=2))
    page_two = seed_searcher.search(SearchParams(q="tỉnh", limit=2, page=2))  # from the cache
    assert page_two.hits and not {h.id for h in page_one.hits} & {h.id for h in page_two.hits}
    assert page_two.total == page_one.total


# Queries of every kind the ranking treats apart: accents trusted, mistyped or absent, words
# run together, names in another script or either order, one-syllable names, phrases short and
# long, exclusions, OR, function words, a question, a word the archive lacks.
EVERY_KIND = ["hợp tác du lịch Nhật Bản", "hop tac du lich nhat ban", "hà nôi", "laocai",
              "Japan", "Xi Jinping", "Shinzo Abe", "Nam", "Anh", "Đức", "bão",
              '"Việt Nam"', '"giá vàng hôm nay"', "bóng đá -Arsenal", '"Hà Nội" -mưa',
              "Messi OR Ronaldo", "của các", "những chuyến thăm của thủ tướng tới nhật bản",
              "Thủ tướng Nguyễn Xuân Phúc", "xyzzyq", "Nagano OR của"]


def test_a_query_is_scored_over_the_articles_it_can_match_with_the_archives_own_values(
        news_index, monkeypatch):
    """At ten times the archive, arrays as long as the archive made a query's arithmetic cost
    its size: a query is scored over the documents its words can match (renumbered), and its
    scores, tiers, result set and counts are exactly those of scoring the whole archive."""
    from searcher import Searcher
    from searcher.search import scoring

    gen = Searcher(news_index)._current()
    smaller = 0
    for q in EVERY_KIND:
        parsed = gen.parse(q)
        monkeypatch.setattr(scoring, "SUBSET_BELOW", 0.0)  # every query over the whole archive
        whole = scoring.evaluate(parsed, gen.arrays, gen.verify_phrase, gen.proper_share)
        monkeypatch.setattr(scoring, "SUBSET_BELOW", 1.01)  # every query over its candidates
        subset = scoring.evaluate(parsed, gen.arrays, gen.verify_phrase, gen.proper_share)
        assert (whole is None) == (subset is None), q
        if whole is None:
            continue
        for name in ("scores", "matched", "rank"):
            assert np.array_equal(getattr(whole, name), getattr(subset, name)), (q, name)
        assert (whole.level, whole.complete) == (subset.level, subset.complete), q
        candidates = scoring.candidates(parsed, gen.arrays)
        assert candidates is None or not (whole.matched & ~np.isin(
            np.arange(gen.arrays.size), candidates)).any(), q
        smaller += candidates is not None and len(candidates) < gen.arrays.size // 2
    assert smaller > len(EVERY_KIND) // 2  # most queries can match a small part of the archive


def test_split_words_are_read_only_where_the_bonus_could_lift_an_article_to_the_first_page(
        news_index, monkeypatch):
    """A word typed with accents that the segmenter split in some articles is checked in their
    stored text; an article whose bonus could not lift it among the word's first page is not
    read, and the first page is the one reading them all gives."""
    from searcher import SearchParams, Searcher
    from searcher.search import ranking

    words = ["hòa giải", "giáo dục", "bóng đá", "thời tiết", "chứng khoán", "kinh tế", "hợp tác",
             "đầu tư", "xe máy", "chính phủ"]
    pages, reads = {}, {}
    for reach in (10**9, 10):
        monkeypatch.setattr(ranking, "SPLIT_WORD_REACH", reach)
        searcher = Searcher(news_index)
        gen = searcher._current()
        checked = []
        verify = gen.verify_phrase
        monkeypatch.setattr(gen, "verify_phrase",
                            lambda docnums, *args: checked.append(len(docnums)) or verify(docnums, *args))
        pages[reach] = [[h.id for h in searcher.search(SearchParams(q=w, limit=10)).hits]
                        for w in words]
        reads[reach] = sum(checked)
    assert pages[10] == pages[10**9]
    assert 0 < reads[10] < reads[10**9] // 2


def test_a_folded_word_with_its_spellings_postings_is_not_read_again(news_index, monkeypatch):
    """A word typed with accents asks for its spelling (``giáo_dục``) and its folded letters
    (``giao_duc``); where the archive writes it only so, the two lists are the same, and the
    folded one is not read: the same results, fewer lists decoded."""
    from searcher import SearchParams, Searcher
    from searcher.search import postings

    words = ["giáo dục", "bóng đá", "xe máy", "thời tiết", "hòa giải", "Hà Nội"]
    read, found = {}, {}
    for share in (False, True):
        if not share:
            monkeypatch.setattr(postings.IndexArrays, "same_postings", lambda *args: False)
        else:
            monkeypatch.undo()
        asked = []
        reader = postings.read_postings
        monkeypatch.setattr(postings, "read_postings",
                            lambda r, field, term, *a: asked.append(term) or reader(r, field, term, *a))
        searcher = Searcher(news_index)
        found[share] = [[(h.id, h.score) for h in searcher.search(SearchParams(q=w, limit=20)).hits]
                        for w in words]
        read[share] = asked
    assert found[True] == found[False]
    assert "giao_duc" in read[False] and "giao_duc" not in read[True]
    assert len(read[True]) < len(read[False])


def test_the_strict_tier_is_found_without_reading_the_syllables_of_its_words(
        news_index, monkeypatch):
    """``hợp tác`` is read as the word and its folded pairs; the syllables ``hợp`` and ``tác``,
    which only the recall net needs, have seven times its postings at 348,700 articles. When
    enough articles hold every word as a word, those lists are not read, and those articles
    come with the scores they have when the looser tiers are evaluated too."""
    from searcher import SearchParams, Searcher
    from searcher.search import postings, ranking

    queries = {"hợp tác": {"hợp", "tác"}, "giáo dục": {"giáo", "dục"},
               "kinh tế Trung Quốc": {"kinh", "tế", "trung", "quốc"}}
    reader = postings.read_postings
    pages, read = {}, {}
    default = ranking.ENOUGH_STRICT
    for enough in (default, 10**9):  # 10**9: the strict tier is never enough
        monkeypatch.setattr(ranking, "ENOUGH_STRICT", enough)
        asked = []
        monkeypatch.setattr(postings, "read_postings",
                            lambda r, field, term, *a: asked.append(term) or reader(r, field, term, *a))
        searcher = Searcher(news_index)
        for q in queries:
            result = searcher.search(SearchParams(q=q, limit=10))
            pages[enough, q] = [(h.id, h.score) for h in result.hits], result.matching, result.total
        read[enough] = set(asked)
    for q, syllables in queries.items():
        strict_page, matching, total = pages[default, q]
        full_page, full_matching, full_total = pages[10**9, q]
        assert matching == "strict" and full_matching == "loose" and total < full_total, q
        assert strict_page == full_page, q
        assert not syllables & read[default] and syllables <= read[10**9], q


def test_a_field_no_article_has_text_in_is_not_looked_up(synthetic_index, monkeypatch):
    """Articles read from JSONL have no photo captions: a query does not look its terms up in
    that field (a dictionary lookup per term), and finds what it found when it did."""
    from searcher import SearchParams, Searcher
    from searcher.search import postings

    found, fields = {}, {}
    for skip in (True, False):
        asked = []
        reader = postings.read_postings
        monkeypatch.setattr(postings, "read_postings",
                            lambda r, field, term, *a: asked.append(field) or reader(r, field, term, *a))
        searcher = Searcher(synthetic_index)
        if not skip:
            searcher._current().arrays._empty_fields = set()
        found[skip] = [[(h.id, h.score) for h in searcher.search(SearchParams(q=q)).hits]
                       for q in ("hợp tác", "Nagano", "du lich")]
        fields[skip] = set(asked)
        monkeypatch.undo()
    assert found[True] == found[False] and any(found[True])
    assert "captions" in fields[False] and "captions" not in fields[True] and "body" in fields[True]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_of_folded_results_follow_the_whole_order_without_sorting_it(news_index, sort):
    """Only as much of the order as a page needs is sorted; walking every page still shows
    the download's order with each group of near-identical articles once, at its first
    member, and the page count and folded count agree with it."""
    from searcher import Searcher

    searcher = Searcher(news_index)
    query = "Trần Đại Quang"
    whole = [hit.id for hit in searcher.export(SearchParams(q=query, sort=sort))]
    walked, copies, counts, page = [], set(), set(), 1
    while True:
        result = searcher.search(SearchParams(q=query, sort=sort, limit=3, page=page))
        if not result.hits:
            break
        walked += [hit.id for hit in result.hits]
        copies |= {copy.id for hit in result.hits for copy in hit.copies}
        counts.add((result.pages, result.folded))
        page += 1
    assert copies and len(whole) > 6
    assert walked == [doc for doc in whole if doc not in copies]
    folded = len(whole) - len(walked)
    assert counts == {(page - 1, folded)} and len(copies) == folded
