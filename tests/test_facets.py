"""Facets: counted per query, OR within a facet, AND across facets, filterable from the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED_IDS, build_index, run
from searcher import BY_NAME, FacetValue, SearchError, SearchParams

NAGANO, KAWAGUCHI, PARLIAMENT, EMBASSY, HONGHA = SEED_IDS

ARTICLES = [
    {"id": "nagano-2023", "published": "2023-04-25", "title": "Lào Cai làm việc với tỉnh Nagano",
     "body": "Sáng 22/4, đoàn tỉnh Lào Cai làm việc với tỉnh Nagano (Nhật Bản) về hợp tác du lịch."},
    {"id": "nagano-2024", "published": "2024-05-10", "title": "Tỉnh Nagano thăm Lào Cai",
     "body": "Chiều 8/5, đoàn tỉnh Nagano (Nhật Bản) sang thăm Lào Cai, bàn hợp tác nông nghiệp."},
    {"id": "yunnan-2024", "published": "2024-09-03", "title": "Hợp tác với tỉnh Vân Nam",
     "body": "Sáng 2/9, lãnh đạo tỉnh Lào Cai gặp lãnh đạo tỉnh Vân Nam (Trung Quốc) về du lịch."},
    {"id": "laos-2022", "published": "2022-11-20", "title": "Đoàn tỉnh Savannakhet thăm Lào Cai",
     "body": "Ngày 18/11, đoàn tỉnh Savannakhet (Lào) đến Lào Cai trao đổi về giáo dục."},
    {"id": "undated", "title": "Hợp tác du lịch vùng biên",
     "body": "Tỉnh Lào Cai đẩy mạnh hợp tác du lịch với tỉnh Vân Nam (Trung Quốc)."},
]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("facets"), ARTICLES)


def facet(result, name):
    return {v.value: v.count for v in result.facets[name]}


def search(searcher, q="", date_from=None, date_to=None, facet_limit=10, **selections):
    return searcher.search(SearchParams(q=q, selections=selections, date_from=date_from,
                                        date_to=date_to, facet_limit=facet_limit))


def test_every_search_counts_all_four_facets(searcher):
    result = search(searcher, q="lao cai")
    assert result.total == 5
    assert facet(result, "partner") == {"tỉnh Nagano": 2, "tỉnh Vân Nam": 2, "tỉnh Savannakhet": 1}
    assert facet(result, "country") == {"Nhật Bản": 2, "Trung Quốc": 2, "Lào": 1}
    assert facet(result, "year") == {"2024": 2, "2023": 1, "2022": 1, "unknown": 1}
    assert [v.value for v in result.facets["partner"]][:2] == ["tỉnh Nagano", "tỉnh Vân Nam"]


def test_counts_follow_the_query(searcher):
    result = search(searcher, q="du lich")
    assert result.total == 3
    assert facet(result, "partner") == {"tỉnh Nagano": 1, "tỉnh Vân Nam": 2}


def test_values_of_one_facet_are_or_and_keep_their_own_counts(searcher):
    one = search(searcher, q="lao cai", partner=["tỉnh Nagano"])
    assert one.total == 2
    assert facet(one, "partner")["tỉnh Vân Nam"] == 2  # disjunctive: what ticking it would add
    assert facet(one, "country") == {"Nhật Bản": 2}
    two = search(searcher, q="lao cai", partner=["tỉnh Nagano", "tỉnh Vân Nam"])
    assert two.total == 4
    selected = {v.value for v in two.facets["partner"] if v.selected}
    assert selected == {"tỉnh Nagano", "tỉnh Vân Nam"}


def test_different_facets_are_and(searcher):
    result = search(searcher, q="lao cai", partner=["tỉnh Nagano", "tỉnh Vân Nam"], year=["2024"])
    assert sorted(h.id for h in result.hits) == ["nagano-2024", "yunnan-2024"]
    assert facet(result, "year") == {"2024": 2, "2023": 1, "unknown": 1}


def test_unknown_year_is_a_bucket_you_can_filter_on(searcher):
    result = search(searcher, q="lao cai", year=["unknown"])
    assert [h.id for h in result.hits] == ["undated"]


def test_date_range_filters_on_full_dates(searcher):
    result = search(searcher, q="lao cai", date_from="2023-01-01", date_to="2024-06")
    assert sorted(h.id for h in result.hits) == ["nagano-2023", "nagano-2024"]
    assert facet(search(searcher, q="lao cai", date_from="2024"), "year") == {"2024": 2}


@pytest.mark.parametrize("date_from, date_to", [
    ("01/01/2023", "30/06/2024"), ("1-1-2023", "06/2024"), ("01.01.2023", "6/2024")])
def test_date_range_accepts_dates_as_vietnamese_write_them(searcher, date_from, date_to):
    """Day first, as in "31/05/2017", or month and year: the same range as ISO dates."""
    result = search(searcher, q="lao cai", date_from=date_from, date_to=date_to)
    assert sorted(h.id for h in result.hits) == ["nagano-2023", "nagano-2024"]


@pytest.mark.parametrize("bad", ["31/02/2024", "13/2024", "2024/05/31"])
def test_impossible_day_first_dates_are_refused(searcher, bad):
    with pytest.raises(SearchError, match="Ngày không hợp lệ"):
        search(searcher, q="lao cai", date_from=bad)


def test_empty_query_with_a_filter_browses_newest_first(searcher):
    result = search(searcher, country=["Trung Quốc"])
    assert [h.id for h in result.hits] == ["yunnan-2024", "undated"]


def test_hits_carry_their_extracted_fields(searcher):
    hit = search(searcher, q="savannakhet").hits[0]
    assert hit.date == "2022-11-18" and hit.year == 2022
    assert hit.partners == [{"name": "tỉnh Savannakhet", "country": "Lào", "role": "counterpart"}]
    assert hit.countries == ["Lào"]


def test_an_unknown_facet_value_finds_nothing_but_still_shows_the_selection(searcher):
    result = search(searcher, q="lao cai", partner=["tỉnh Không Có"])
    assert result.total == 0
    assert FacetValue("tỉnh Không Có", 0, True) in result.facets["partner"]


def test_facet_limit_caps_the_values_returned(searcher):
    result = search(searcher, q="lao cai", facet_limit=1)
    assert [v.value for v in result.facets["partner"]] == ["tỉnh Nagano"]


def test_seed_partner_filter_and_histogram(seed_searcher):
    result = seed_searcher.search(SearchParams(selections={"partner": ["tỉnh Nagano"]}))
    assert [h.id for h in result.hits] == [NAGANO]
    assert facet(result, "official")["Abe Shuichi"] == 1
    assert result.histogram == [FacetValue("unknown", 1)]


@pytest.mark.slow
def test_cli_filters_are_repeatable_and_json_facets_have_the_documented_shape(seed_index):
    result = run("query", "--index", seed_index, "--partner", "tỉnh Nagano",
                 "--partner", "Đại sứ quán Trung Quốc", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert sorted(h["id"] for h in payload["hits"]) == sorted([NAGANO, EMBASSY])
    assert set(payload["facets"]) == {"partner", "country", "official", "year"}
    for values in payload["facets"].values():
        assert all(set(v) == {"value", "count", "selected"} for v in values)
    text = run("query", "trinh xuan truong", "--index", seed_index, "--official", "Hà Vĩ")
    assert text.returncode == 0 and "Bộ lọc:" in text.stdout and "*Hà Vĩ" in text.stdout


@pytest.mark.parametrize("date_from, date_to, dated, undated", [
    # the seed pages are dated by day and month only: 000 22/04, 002 03/06, 001 28/11, 004 16/01
    ("2023-04-01", "2023-06-30", {"syn_2023_vannam"}, {"000_f33226c30985bb77", "002_f763da09f12f948d"}),
    ("01/11/2023", "28/02/2024", {"syn_2023_gyeonggi", "syn_2024_vannam"},  # across a new year
     {"001_6ade50733b3a3fb3", "004_a94f6f6cfb8fd38e"}),
])
def test_a_date_range_offers_the_articles_of_unknown_year_in_its_days(mixed_index, date_from,
                                                                      date_to, dated, undated):
    from searcher import Searcher

    searcher = Searcher(mixed_index)
    params = SearchParams(q="lao cai", date_from=date_from, date_to=date_to, limit=50)
    strict = searcher.search(params)
    assert {hit.id for hit in strict.hits} == dated
    assert strict.undated_in_range == len(undated), "counted, not shown"
    params.undated = True
    wider = searcher.search(params)
    assert {hit.id for hit in wider.hits} == dated | undated
    assert wider.total == len(dated) + len(undated)
    # a whole year takes every article of unknown year
    params.date_from, params.date_to = "2023", "2023"
    assert searcher.search(params).total == 3 + 5


@pytest.mark.parametrize("query", ["Nhật Bản", "Trần Đại Quang", "hợp tác kinh tế", "bão"])
def test_facet_counts_of_a_query_count_its_articles(news_index, query):
    """A facet's counts are the articles of the results holding each value: counted over the
    (document, value) pairs of the results' documents, which a commit writes in document
    order, not by testing every pair of the archive."""
    from collections import Counter

    from searcher import Searcher
    from searcher.search.facet_counts import SPARSE_POOL

    searcher = Searcher(news_index)
    gen = searcher._current()
    assert all(column._in_doc_order for column in gen.facets.values())
    result = searcher.search(SearchParams(q=query, facet_limit=500, fold=False))
    assert result.total * SPARSE_POOL < max(len(c.docs) for c in gen.facets.values())
    articles = list(searcher.export(SearchParams(q=query)))
    countries = Counter(c for a in articles for c in set(a.countries))
    # an official the article names by surname alone is counted under his full name (``Facet.same``)
    same = gen.facets["official"].merged
    officials = Counter(o for a in articles for o in {same.get(p["name"], p["name"]) for p in a.officials})
    assert {v.value: v.count for v in result.facets["country"]} == dict(countries)
    assert {v.value: v.count for v in result.facets["official"]} == dict(officials)
    years = {v.value: v.count for v in result.histogram}
    assert sum(years.values()) == len(articles)  # a year, or "unknown", for every article
    assert {v: c for v, c in years.items() if v.isdigit()} == \
        dict(Counter(str(a.year) for a in articles if a.year))


def _news_archive(tmp_path_factory, name: str, ids: set[str]):
    """An index of these articles of the shared news corpus, or a loud skip when it is missing."""
    from conftest import NEWS, index_news_articles

    if not NEWS.exists():
        pytest.skip(f"SKIPPED: the news corpus {NEWS} is missing (set SEARCHER_CORPORA)")
    return index_news_articles(tmp_path_factory, name, ids)


def test_a_partner_filtered_by_its_name_with_the_republic_s_form_is_the_one_value(tmp_path_factory):
    """bm22517194 names "Quốc hội của Chính quyền Nhân dân nước Cộng hòa Cuba" and "Quốc hội Cuba": one value,
    "Quốc hội Cuba"; a filter or a link written "Quốc hội Cộng hòa Cuba" (as older indexes named it) finds it."""
    archive = _news_archive(tmp_path_factory, "cuba", {"bm22517194"})
    result = archive.search(SearchParams(q="", selections={"partner": ["Quốc hội Cộng hòa Cuba"]}))
    assert result.total == 1 and result.hits[0].id == "bm22517194"
    assert result.filters["partner"] == ["Quốc hội Cuba"]
    assert archive.resolve("partner", "quoc hoi nuoc cong hoa cuba") == "Quốc hội Cuba"


def test_an_official_named_by_surname_alone_is_the_full_name_the_archive_gives_him(tmp_path_factory):
    """bm21481116 ("Tổng thống Trump 'gây hấn' với truyền thông") never writes "Donald Trump";
    five other articles do. Filtering by "Donald Trump" finds it too, the facet has one value, and
    "Trump" typed in a filter or a link is that value. "Clinton" alone (bm21494374, Hillary)
    stays apart: the archive gives "Bill Clinton" in three articles, too few to say."""
    full = {"bm22477928", "bm22329348", "bm22247381", "bm22267318", "bm21479372"}
    archive = _news_archive(tmp_path_factory, "trump", full | {"bm21481116", "bm21494374"})
    alone = {o["name"] for o in archive.article("bm21481116").officials}
    assert "Trump" in alone and "Donald Trump" not in alone  # what the article itself gives
    found = archive.search(SearchParams(q="", selections={"official": ["Donald Trump"]}, limit=20,
                                            facet_limit=100))
    assert {h.id for h in found.hits} == full | {"bm21481116", "bm21494374"}
    officials = facet(found, "official")
    assert officials["Donald Trump"] == 7 and "Trump" not in officials
    assert officials["Clinton"] == 1 and officials["Bill Clinton"] == 3
    by_surname = archive.search(SearchParams(q="", selections={"official": ["Trump"]}, limit=20))
    assert by_surname.filters["official"] == ["Donald Trump"] and by_surname.total == 7
    assert archive.resolve("official", "trump") == "Donald Trump"
    assert "Trump" in archive.profile("official", "Donald Trump").aliases  # shown on his page
    # the commit saved the merges (a search process reads them), as a search would work them out
    from searcher.search.facet_counts import FacetColumn
    from searcher.store import docvalues

    gen = archive._current()
    saved = docvalues.read_merges(gen._storage, gen.reader.generation())
    worked_out = FacetColumn(BY_NAME["official"], gen._columns.facets["official"], gen.arrays.live)
    assert saved["official"] == worked_out.merged == gen.facets["official"].merged
    assert saved["official"]["Trump"] == "Donald Trump"
    # a damaged file is worked out again, not an error
    from searcher import Searcher

    index_dir = Path(gen._storage.folder)
    (index_dir / docvalues.MERGES_FILE.format(generation=gen.reader.generation())).write_bytes(b"\x00{not json")
    reopened = Searcher(index_dir).search(SearchParams(q="", selections={"official": ["Trump"]}))
    assert reopened.total == 7 and reopened.filters["official"] == ["Donald Trump"]
    assert archive.resolve("official", "Clinton") == "Clinton"


def test_an_official_written_two_ways_is_one_value(tmp_path_factory):
    """bm21491502 writes "Kim Jong Un", bm21472528 "Kim Jong-un", bm21491793 "Sergey Lavrov" and
    bm21472979 "Sergei Lavrov": the facet has one value for each man, in the spelling the archive
    gives most, and filtering by either spelling finds both articles."""
    archive = _news_archive(tmp_path_factory, "spellings",
                                  {"bm21491502", "bm21472528", "bm21472612", "bm21491793", "bm21472979",
                                   "bm21474115"})
    assert "Kim Jong Un" in {o["name"] for o in archive.article("bm21491502").officials}
    both = archive.search(SearchParams(q="", selections={"official": ["Kim Jong-un", "Sergei Lavrov"]},
                                       facet_limit=200))
    assert both.total == 6
    officials = facet(both, "official")  # counted over every article (the facet's own selection aside)
    assert officials["Kim Jong-un"] == 3 and "Kim Jong Un" not in officials
    assert officials["Sergei Lavrov"] == 3 and "Sergey Lavrov" not in officials
    for typed in ("Kim Jong Un", "kim jong-un"):
        found = archive.search(SearchParams(q="", selections={"official": [typed]}))
        assert found.filters["official"] == ["Kim Jong-un"] and found.total == 3, typed


def test_a_partner_written_two_ways_is_one_value(tmp_path_factory):
    """Laos' Bolikhamxay province is "tỉnh Bôlykhămxay" in bm22568398, "tỉnh Bôlykhamxay" in bm22598879,
    both and "tỉnh Bôlykhămxây" in bm22569542; Russia's ministry is "Bộ Phát triển kinh tế Nga" in
    bm22652339 and "Bộ Phát triển Kinh tế Nga" in bm22334525 and bm22649701: one value each, in the spelling most
    articles give, and a filter by any spelling finds them all."""
    archive = _news_archive(tmp_path_factory, "partner-spellings",
                                  {"bm22568398", "bm22598879", "bm22569542", "bm22652339", "bm22334525",
                                   "bm22649701"})
    assert "tỉnh Bôlykhamxay" in {p["name"] for p in archive.article("bm22598879").partners}
    found = archive.search(SearchParams(q="", selections={"partner": ["tỉnh Bôlykhamxay"]}, facet_limit=100))
    assert found.filters["partner"] == ["tỉnh Bôlykhămxay"] and found.total == 3
    partners = facet(found, "partner")
    assert partners["tỉnh Bôlykhămxay"] == 3 and partners["Bộ Phát triển Kinh tế Nga"] == 3
    assert not {"tỉnh Bôlykhamxay", "tỉnh Bôlykhămxây", "Bộ Phát triển kinh tế Nga"} & set(partners)


def test_spellings_of_one_name_are_merged_and_other_names_are_not():
    """The official facet's values and article counts of the 34,870-article archive: case, hyphens
    and a foreign name's accents are spellings ("Kim Jong Un", "François Hollande"), as is one letter
    of a long word ("Sergey", "Nicki Haley"); a short word is a name of its own ("Kim Jong-il", "Kim
    Song-il"), a Vietnamese name's accents make another person ("Nguyễn Văn Thành"), and anonymised
    people stay apart ("Nguyễn Thị D"). A surname alone then joins the full name ("Lavrov")."""
    from searcher.facets import same_official

    archive = {"Kim Jong-un": 179, "Kim Jong Un": 40, "Kim Jong-Un": 2, "Kim Jong-il": 8, "Kim Jong Il": 2,
               "Kim Song-il": 1, "Sergei Lavrov": 85, "Sergey Lavrov": 36, "Lavrov": 5,
               "Francois Hollande": 28, "François Hollande": 2, "Nikki Haley": 29, "Nicki Haley": 1,
               "Nguyễn Văn Thanh": 29, "Nguyễn Văn Thành": 22, "Nguyễn Thị D": 1, "Nguyễn Thị Đ": 1,
               "Toni Pulis": 1, "Tony Pulis": 2}
    assert same_official(list(archive), list(archive.values())) == {
        "Kim Jong Un": "Kim Jong-un", "Kim Jong-Un": "Kim Jong-un", "Kim Jong Il": "Kim Jong-il",
        "Sergey Lavrov": "Sergei Lavrov", "Lavrov": "Sergei Lavrov", "François Hollande": "Francois Hollande",
        "Nicki Haley": "Nikki Haley"}


def test_a_surname_alone_is_merged_only_where_the_archive_says_whose_it_is():
    """The official facet's values and article counts of the 34,870-article archive: a surname is
    the one person its full names spell ("Lavrov": Sergei 85 and Sergey 36 are one man; "Assad":
    "Bashar al-Assad"), never one of two people ("Clinton"), a Korean surname of several people
    ("Kim"), nor a given name or a club used alone more than the full name ("Harry", "Chelsea").
    A Vietnamese called by middle and given name ("HLV Hữu Thắng") is the full name that holds it,
    when one person does ("Tiến Dũng" is four ministers and footballers), and not when the two
    words are a family and a given name ("Đỗ Mười", the former General Secretary); a foreign full
    name is not merged into a longer one ("Điện Kremlin Dmitry Peskov", an extraction's slip)."""
    from searcher.facets import full_names_of_surnames

    archive = {"Lavrov": 5, "Sergei Lavrov": 85, "Sergey Lavrov": 36, "Sergrei Lavrov": 1,
               "Assad": 50, "Bashar al-Assad": 95, "Bashar Assad": 7, "Bashar Al Assad": 2,
               "Clinton": 23, "Hillary Clinton": 57, "Bill Clinton": 34, "Hilary Clinton": 2,
               "Kim": 6, "Kim Jong-un": 178, "Kim Jong-nam": 51, "Kim Jong-il": 12,
               "Harry": 9, "Debbie Harry": 1, "Chelsea": 32, "Rời Chelsea": 1,
               "V.Putin": 5, "Putin": 77, "Vladimir Putin": 358, "Vladmir Putin": 1,
               "Hữu Thắng": 251, "Nguyễn Hữu Thắng": 164, "Đặng Hữu Thắng": 3,
               "Tiến Dũng": 18, "Mai Tiến Dũng": 69, "Bùi Tiến Dũng": 53, "Đinh Tiến Dũng": 33,
               "Thu Minh": 29, "Đức Team Thu Minh": 1,
               "Dmitry Peskov": 35, "Điện Kremlin Dmitry Peskov": 22,
               "Đỗ Mười": 2, "Lê Đỗ Mười": 6}
    assert full_names_of_surnames(list(archive), list(archive.values())) == {
        "Lavrov": "Sergei Lavrov", "Assad": "Bashar al-Assad", "V.Putin": "Vladimir Putin",
        "Putin": "Vladimir Putin", "Hữu Thắng": "Nguyễn Hữu Thắng"}
