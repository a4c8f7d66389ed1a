"""Suggestions as you type: the engine (``Searcher.suggest``) on the seed index, and
``/api/suggest`` over real HTTP. The values are those the seed pages hold (corpus/): partners
tỉnh Nagano (page 000), tỉnh Vân Nam (003, 004), châu Hồng Hà (004); country Nhật Bản; the
official Trịnh Xuân Trường (four pages)."""
from __future__ import annotations

import json
from urllib.parse import quote, unquote, urlparse, parse_qs

import pytest

from conftest import build_index
from searcher import SearchParams

SUGGESTION_KEYS = {"kind", "value", "count", "matched", "url"}


def suggested(suggestions, kind: str) -> list[str]:
    return [s.value for s in suggestions if s.kind == kind]


def filtered_total(searcher, facet: str, value: str) -> int:
    return searcher.search(SearchParams(selections={facet: [value]})).total


# --- the engine -----------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["nag", "Nagano", "nagano", "NAGANO", "tỉnh nag", "tinh nagano"])
def test_partner_found_by_any_prefix_without_accents_or_unit(seed_searcher, typed):
    # The province first; the assembly of the province (its council) is a counterpart too
    assert suggested(seed_searcher.suggest(typed), "partner") == [
        "tỉnh Nagano", "Hội đồng Nghị sĩ tỉnh Nagano"]


@pytest.mark.parametrize("typed", ["trinh xuan", "Trịnh Xuân Tr", "xuan truong", "truong"])
def test_official_found_from_any_word_of_the_name(seed_searcher, typed):
    assert "Trịnh Xuân Trường" in suggested(seed_searcher.suggest(typed), "official")


@pytest.mark.parametrize("typed, kind, value", [
    ("Yunnan", "partner", "tỉnh Vân Nam"),
    ("yun", "partner", "tỉnh Vân Nam"),
    ("Honghe", "partner", "châu Hồng Hà"),
    ("Japan", "country", "Nhật Bản"),
    ("日本", "country", "Nhật Bản"),
])
def test_alias_finds_the_archive_spelling_and_says_which_it_matched(seed_searcher, typed, kind,
                                                                     value):
    found = next(s for s in seed_searcher.suggest(typed) if s.value == value)
    assert found.kind == kind
    assert found.matched is not None and found.matched.casefold().startswith(typed.casefold())


def test_direct_match_names_no_alias(seed_searcher):
    assert [(s.value, s.matched) for s in seed_searcher.suggest("van nam")
            if s.kind == "partner"] == [("tỉnh Vân Nam", None)]


@pytest.mark.parametrize("facet, value", [("partner", "tỉnh Vân Nam"), ("partner", "tỉnh Nagano"),
                                          ("country", "Nhật Bản"),
                                          ("official", "Trịnh Xuân Trường")])
def test_count_is_what_a_search_filtered_by_the_value_finds(seed_searcher, facet, value):
    typed = value.split()[-1]
    found = next(s for s in seed_searcher.suggest(typed) if s.value == value)
    assert found.count == filtered_total(seed_searcher, facet, value) > 0


def test_names_starting_with_the_text_come_before_names_containing_it(seed_searcher):
    # "nhat b": Nhật Bản (the country) starts so; partners only contain it (seed page 002 names
    # several Japanese bodies, so Japan itself is a country of its event, not a partner).
    entities = [s for s in seed_searcher.suggest("nhat b") if s.kind != "word"]
    assert [(s.kind, s.value) for s in entities[:1]] == [("country", "Nhật Bản")]
    rest = [s.value for s in entities[1:]]
    assert {"Đại sứ quán Nhật Bản", "Hiệp hội Doanh nghiệp Nhật Bản tại Việt Nam",
            "Trường Cao đẳng Sản nghiệp Nhật Bản"} <= set(rest)
    assert all("Nhật Bản" in value and not value.startswith("Nhật Bản") for value in rest)


def test_title_words_complete_the_last_word_with_accents(seed_searcher):
    words = [s for s in seed_searcher.suggest("hop ta") if s.kind == "word"]
    assert words and words[0].value == "hợp tác" and words[0].query == "hợp tác"
    assert words[0].count >= 1
    # The words typed before the completed one stay as typed.
    assert any(s.query == "tinh lào cai" for s in seed_searcher.suggest("tinh lao c"))


def test_limit_and_short_or_long_input(seed_searcher):
    assert len(seed_searcher.suggest("nhat b", limit=2)) == 2
    for typed in ("", " ", "n", "x" * 101):
        assert seed_searcher.suggest(typed) == []


def test_kinds_restrict_the_suggestions(seed_searcher):
    assert {s.kind for s in seed_searcher.suggest("nhat b", kinds=("partner",))} == {"partner"}


# --- the API --------------------------------------------------------------------------------

def test_api_answers_accented_value_with_its_page(seed_server):
    reply = seed_server.get("/api/suggest", q="nagano")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("application/json")
    answer = reply.json()
    assert answer["query"] == "nagano"
    first = answer["suggestions"][0]
    assert SUGGESTION_KEYS <= set(first)
    assert (first["kind"], first["value"], first["matched"]) == ("partner", "tỉnh Nagano", None)
    assert unquote(first["url"]) == "/partner/tỉnh Nagano"
    page = seed_server.get(first["url"])
    assert page.status == 200 and "tỉnh Nagano" in page.text


def test_api_alias_and_count_match_the_filtered_search(seed_server):
    first = seed_server.get("/api/suggest", q="Yunnan").json()["suggestions"][0]
    assert (first["value"], first["matched"]) == ("tỉnh Vân Nam", "Yunnan")
    search = seed_server.get("/api/search", partner=first["value"]).json()
    assert first["count"] == search["total"] == 1  # seed page 004 (003 only mentions it)


def test_api_word_suggestion_opens_the_completed_search(seed_server):
    words = [s for s in seed_server.get("/api/suggest", q="hop ta").json()["suggestions"]
             if s["kind"] == "word"]
    assert words[0]["value"] == "hợp tác"
    url = urlparse(words[0]["url"])
    assert url.path == "/search" and parse_qs(url.query) == {"q": ["hợp tác"]}
    assert seed_server.get(words[0]["url"]).status == 200


def test_api_facet_restricts_to_one_kind(mixed_server):
    # "nhat" names a country (Nhật Bản) and partners (Đại sứ quán Nhật Bản...).
    everything = mixed_server.get("/api/suggest", q="nhat").json()["suggestions"]
    assert {"country", "partner"} <= {s["kind"] for s in everything}
    partners = mixed_server.get("/api/suggest", q="nhat", facet="partner").json()["suggestions"]
    assert partners and {s["kind"] for s in partners} == {"partner"}
    officials = mixed_server.get("/api/suggest", q="yamag", facet="official").json()
    assert [s["value"] for s in officials["suggestions"]] == ["Yamagishi Yoshiaki"]


def test_api_opensearch_format(seed_server):
    reply = seed_server.get("/api/suggest", q="japan", format="opensearch")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/x-suggestions+json")
    assert json.loads(reply.text) == ["japan", ["Nhật Bản"]]


@pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "abc"}, {"limit": "-3"},
                                    {"limit": "1" * 30}, {"limit": "21"}, {"facet": "year"}])
def test_api_bad_parameters_are_a_400_in_json(seed_server, params):
    reply = seed_server.get("/api/suggest", q="nagano", **params)
    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.json()["error"] and "Traceback" not in reply.text


@pytest.mark.parametrize("q", ["", "n", "   ", "x" * 101])
def test_api_empty_or_unusable_query_suggests_nothing(seed_server, q):
    reply = seed_server.get("/api/suggest", q=q)
    assert reply.status == 200
    assert reply.json() == {"query": q, "suggestions": []}


def test_api_limit(seed_server):
    assert len(seed_server.get("/api/suggest", q="nhat b", limit="2").json()["suggestions"]) == 2


def test_api_values_are_quoted_in_urls(seed_server):
    # A value with spaces and accents comes back as a working link.
    url = seed_server.get("/api/suggest", q="trinh xuan").json()["suggestions"][0]["url"]
    assert url == "/official/" + quote("Trịnh Xuân Trường")


def test_another_spelling_names_only_what_is_spelt_that_way(tmp_path):
    """"Yunnan" is tỉnh Vân Nam; an official spelt "Văn Nam" folds to the same letters but is
    someone else, and neither a suggestion nor his page may claim Yunnan for him."""
    searcher = build_index(tmp_path, [
        {"id": "van-nam", "title": "Tiếp Đại sứ Nhật Bản",
         "body": "Chiều 3/5/2017, tại Hà Nội, Thứ trưởng Bộ Ngoại giao Văn Nam đã tiếp Đại sứ "
                 "Nhật Bản Umeda Kunio."},
        {"id": "yunnan", "title": "Lào Cai hợp tác với tỉnh Vân Nam",
         "body": "Ngày 5/5/2017, lãnh đạo tỉnh Lào Cai hội đàm với lãnh đạo tỉnh Vân Nam "
                 "(Trung Quốc) về hợp tác thương mại."}])
    offered = {(s.kind, s.value) for s in searcher.suggest("yunn")}
    assert ("partner", "tỉnh Vân Nam") in offered
    assert ("official", "Văn Nam") not in offered
    assert searcher.resolve("partner", "Yunnan") == "tỉnh Vân Nam"
    assert searcher.resolve("official", "Yunnan") is None
    assert searcher.resolve("official", "van nam") == "Văn Nam"  # typed without accents: his
