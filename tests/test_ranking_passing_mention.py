"""A quoted phrase named in passing, on real article text: the seed pages plus a few articles of
the shared news corpus (by id; read from ../shared/corpora or $SEARCHER_CORPORA). The test fails
without the capability it names (searcher/search/scoring.py ``mentioned_in_passing``: a phrase
once in the body, neither in the title nor in the lead, keeps ``PASSING_MENTION_SHARE`` of its
score)."""
from __future__ import annotations

import pytest

from conftest import NEWS, index_news_articles, ranked_ids

# Japan's Prime Minister: the phrase in the lead, or twice
ABE_ELECTION = "bm22666717"  # "Đảng Dân chủ Tự do (LDP) của Thủ tướng Nhật Bản đã phải nhận ..."
ABE_POLLS = "bm22719273"  # "... tỷ lệ tín nhiệm Thủ tướng Nhật Bản Shinzo Abe đã giảm ..."
# Vietnam's Prime Minister, "Thủ tướng Nhật Bản Shinzo Abe" once, deep in the body
PHUC_ARRIVES = "bm22453279"  # "Thủ tướng Nguyễn Xuân Phúc đã đến Nhật Bản"
PHUC_JETRO = "bm21481303"  # "Thủ tướng hoan nghênh chương trình vận động đầu tư lớn của Nhật Bản"
ARTICLES = {ABE_ELECTION, ABE_POLLS, PHUC_ARRIVES, PHUC_JETRO}

pytestmark = pytest.mark.skipif(
    not NEWS.exists(), reason=f"SKIPPED passing-mention ranking tests on corpus articles: {NEWS} "
                              "is missing (set SEARCHER_CORPORA to the folder holding it)")


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return index_news_articles(tmp_path_factory, "passing-mention", ARTICLES)


def test_a_quoted_phrase_named_once_in_passing_ranks_below_articles_about_it(searcher):
    # the words "Thủ tướng" and "Nhật Bản" fill the articles on Vietnam's Prime Minister in
    # Japan, which name Japan's Prime Minister once, in passing: they outranked the articles
    # on him (without the rule both came first, the article on his party's defeat last)
    found = ranked_ids(searcher, '"thủ tướng Nhật Bản"')
    assert max(found.index(ABE_ELECTION), found.index(ABE_POLLS)) < \
        min(found.index(PHUC_ARRIVES), found.index(PHUC_JETRO))
