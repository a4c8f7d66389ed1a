"""Ranking capabilities on real article text: the seed pages plus a few articles of the shared
news corpus (by id; the corpus is read from ../shared/corpora or $SEARCHER_CORPORA). Each test
fails without the capability it names (see searcher/search/scoring.py, query.py, aliases.py)."""
from __future__ import annotations

import pytest

from conftest import NEWS, SEED_IDS, index_news
NAGANO, EMBASSY = "000_f33226c30985bb77", "003_c73675f240cb6c96"
VIETNAM_ONLY = "bm21472243"  # U23 Malaysia: "Việt Nam" ten times, never "Nam" alone
SOUTH_ALONE = "bm21471926"  # Saigon gateways: "phía Nam" (the south), no "Việt Nam"
SHINZO_ABE = "bm21472218"  # "Thủ tướng Nhật Bản Shinzo Abe"
ARTICLES = {VIETNAM_ONLY, SOUTH_ALONE, SHINZO_ABE}

pytestmark = pytest.mark.skipif(
    not NEWS.exists(), reason=f"SKIPPED ranking tests on corpus articles: {NEWS} is missing "
                              "(set SEARCHER_CORPORA to the folder holding vnnews-2017.jsonl.gz)")


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    searcher = index_news(tmp_path_factory.mktemp("ranking"),
                          lambda _, record: record["id"] in ARTICLES)
    assert searcher.doc_count == len(ARTICLES) + len(SEED_IDS)
    return searcher


def search(searcher, q):
    from searcher import SearchParams

    return searcher.search(SearchParams(q=q, limit=20))


def ids(searcher, q):
    return [h.id for h in search(searcher, q).hits]


def test_function_words_need_not_match(searcher):
    result = search(searcher, "tỉnh Nagano như thế nào")  # the Nagano page never says "như thế nào"
    assert result.hits[0].id == NAGANO
    assert result.matching == "strict"  # not a partial match for lack of a function word


def test_a_long_query_whose_words_do_not_all_match_ranks_by_how_many_do(searcher):
    result = search(searcher, "hợp tác du lịch Nagano Kyoto Osaka")  # no article has all six
    assert result.hits and result.hits[0].id == NAGANO
    assert result.matching == "partial"


def test_a_short_word_inside_a_longer_name_ranks_below_the_word_standing_alone(searcher):
    found = ids(searcher, "Nam")
    assert found.index(SOUTH_ALONE) < found.index(VIETNAM_ONLY)


def test_a_place_typed_run_together_finds_it(searcher):
    assert set(ids(searcher, "laocai")) == set(ids(searcher, "lào cai")) != set()


def test_names_in_english_or_pinyin_find_their_vietnamese_spelling(searcher):
    assert NAGANO in ids(searcher, "Japan")  # the page says Nhật Bản
    assert EMBASSY in ids(searcher, "China")  # Trung Quốc
    assert EMBASSY in ids(searcher, "Yunnan")  # Vân Nam


def test_a_name_typed_in_the_other_order_earns_the_together_bonus(searcher):
    def score(q):
        return next(h.score for h in search(searcher, q).hits if h.id == SHINZO_ABE)

    # the archive writes "Shinzo Abe"; typed the other way round, the two words standing
    # together still count for more than the two words apart
    assert score("Abe Shinzo") > score("Abe") + score("Shinzo") + 0.5


def test_a_long_quoted_phrase_matches_the_whole_chain_not_only_its_pairs(searcher):
    # the Nagano page has "hội đồng" and "đồng chí" but never "hội đồng chí"
    assert ids(searcher, '"hội đồng chí"') == []
    assert NAGANO in ids(searcher, '"đoàn đại biểu tỉnh"')


def test_totals_count_the_strict_tier_when_it_is_enough(searcher, monkeypatch):
    from searcher.search import ranking

    monkeypatch.setattr(ranking, "ENOUGH_STRICT", 3)  # "enough" for a nine-article archive
    loose = search(searcher, "hop tac")  # họp ... công tác: the syllables apart, elsewhere
    together = search(searcher, '"hop tac"')
    assert together.total >= 3
    assert loose.matching == "strict" and loose.total == together.total
