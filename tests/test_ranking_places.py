"""Places typed run together (``quangninh``, ``haiphong``) on real article text: the seed pages
plus a few articles of the shared news corpus (by id; read from ../shared/corpora or
$SEARCHER_CORPORA). Each test fails without the capability it names (see
searcher/search/scoring.py ``scaled_by_share`` and writing.py)."""
from __future__ import annotations

import pytest

from conftest import NEWS, index_news_articles, ranked_ids

CLUB_FORMER_CHAMPION = "bm22573721"  # "Than Quảng Ninh chính thức thành cựu vương": the club
CLUB_ROUND_14 = "bm22598495"  # "Vòng 14 V.League: Than Quảng Ninh tự tin": the club
QN_TRAFFIC_POLICE = "bm21867683"  # "CSGT Quảng Ninh liên tiếp bắt hàng lậu": "tỉnh Quảng Ninh"
QN_TOURIST = "bm21472647"  # "Quảng Ninh: Du khách người Úc bất ngờ rơi xuống biển"
HP_FANS = "bm22661523"  # "CĐV Hải Phòng trêu ngươi Ban tổ chức": the club's fans
HP_BRIDGE = "bm22688293"  # "Hải Phòng khánh thành cầu do doanh nghiệp tặng": "TP Hải Phòng"
LC_EXPRESSWAY_FARES = "bm22589015"  # "phạt nặng ... gian lận vé trên cao tốc Nội Bài – Lào Cai"
LC_EXPRESSWAY_TYRE = "bm22656983"  # "xe khách nổ lốp trên cao tốc Nội Bài-Lào Cai": the road
LC_POLLUTION = "bm22437069"  # "Lào Cai: Gây ô nhiễm môi trường, Công ty ... bị phạt"
LC_VILLAS = "bm22368904"  # "ĐBQH lên tiếng về 'khu biệt thự quan chức' tại Lào Cai"
ARTICLES = {CLUB_FORMER_CHAMPION, CLUB_ROUND_14, QN_TRAFFIC_POLICE, QN_TOURIST, HP_FANS,
            HP_BRIDGE, LC_EXPRESSWAY_FARES, LC_EXPRESSWAY_TYRE, LC_POLLUTION, LC_VILLAS}

pytestmark = pytest.mark.skipif(
    not NEWS.exists(), reason=f"SKIPPED place ranking tests on corpus articles: {NEWS} is missing "
                              "(set SEARCHER_CORPORA to the folder holding vnnews-2017.jsonl.gz)")


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return index_news_articles(tmp_path_factory, "places", ARTICLES)


def test_a_place_typed_run_together_ranks_the_place_above_a_club_named_after_it(searcher):
    # "Than Quảng Ninh" (the football club) fills its articles with the place's letters; the
    # province's own news names "tỉnh Quảng Ninh"
    found = ranked_ids(searcher, "quangninh")
    assert set(found) >= {CLUB_FORMER_CHAMPION, CLUB_ROUND_14, QN_TRAFFIC_POLICE, QN_TOURIST}
    assert max(found.index(QN_TRAFFIC_POLICE), found.index(QN_TOURIST)) < \
        min(found.index(CLUB_FORMER_CHAMPION), found.index(CLUB_ROUND_14))


def test_a_place_after_an_abbreviation_is_a_club_but_after_tp_the_city(searcher):
    # "CĐV Hải Phòng" (the club's fans) is no city news; "TP Hải Phòng" is the city
    found = ranked_ids(searcher, "haiphong")
    assert found.index(HP_BRIDGE) < found.index(HP_FANS)


def test_a_place_joined_by_a_dash_to_another_names_a_road_not_the_place(searcher):
    # "cao tốc Nội Bài – Lào Cai" is the expressway: its fares and its accidents are no news of
    # the province, whose own articles say "tỉnh Lào Cai"
    found = ranked_ids(searcher, "laocai")
    assert set(found) >= {LC_EXPRESSWAY_FARES, LC_EXPRESSWAY_TYRE, LC_POLLUTION, LC_VILLAS}
    assert max(found.index(LC_POLLUTION), found.index(LC_VILLAS)) < \
        min(found.index(LC_EXPRESSWAY_FARES), found.index(LC_EXPRESSWAY_TYRE))
