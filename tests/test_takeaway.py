"""Results to take away, over real HTTP and the real command on real indexes: CSV and JSON Lines
downloads of every match, the Atom feed of a search, the OpenSearch description, and
`searcher query --format csv|jsonl`. Each is checked against what `/api/search` says."""
from __future__ import annotations

import csv
import html
import io
import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import feedparser
import pytest

from conftest import build_index, run, serve_index

BOM = "\ufeff"
NAGANO_TITLE = "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano"
COLUMNS = ["id", "title", "date", "date_source", "year", "published", "url", "partners", "countries", "officials",
           "snippet"]
# Searches of the mixed index (seed pages + conftest.SYNTHETIC_ARTICLES) and how they narrow.
SEARCHES = [
    {"q": "lao cai"},  # all twelve articles
    {"q": "lao cai", "partner": "tỉnh Nagano"},
    {"q": "lao cai", "year": "2023"},
    {"partner": "tỉnh Vân Nam"},  # a filter alone
    {"q": "hợp tác", "from": "2022-01-01", "to": "31/12/2023"},
]


def api_ids(server, **params) -> list[str]:
    """Every hit of the search, page by page as a client of the API walks it."""
    ids, page = [], 1
    while True:
        result = server.get("/api/search", limit=5, page=page, **params).json()
        ids += [hit["id"] for hit in result["hits"]]
        if page >= result["pages"]:
            return ids
        page += 1


def csv_rows(text: str) -> list[dict]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):], newline="")))


def plain(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", snippet))


# --- CSV and JSON Lines -------------------------------------------------------------------

@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: urlencode(p))
def test_csv_holds_every_match_of_the_search_in_its_order(mixed_server, params):
    reply = mixed_server.get("/search.csv", **params)
    assert reply.status == 200, reply.text[:300]
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="searcher-')
    rows = csv_rows(reply.text)
    assert [row["id"] for row in rows] == api_ids(mixed_server, **params)
    assert len(rows) == mixed_server.get("/api/search", **params).json()["total"]


def test_csv_cells_are_what_the_search_shows_in_plain_text(mixed_server):
    rows = csv_rows(mixed_server.get("/search.csv", q="lao cai").text)
    hits = mixed_server.get("/api/search", q="lao cai", limit=100).json()["hits"]
    assert list(rows[0]) == COLUMNS + ["page_url"]
    assert NAGANO_TITLE in [row["title"] for row in rows]
    for row, hit in zip(rows, hits, strict=True):
        assert row["title"] == hit["title"]  # Vietnamese intact
        assert row["date"] == (hit["date"] or "") and row["year"] == str(hit["year"] or "")
        assert row["date_source"] == (hit["date_source"] or "")
        assert row["partners"] == "; ".join(p["name"] for p in hit["partners"])
        assert row["countries"] == "; ".join(hit["countries"])
        assert row["officials"] == "; ".join(o["name"] for o in hit["officials"])
        # Plain text around the query words (exports may pick an earlier passage than the page).
        assert "<" not in row["snippet"] and "&amp;" not in row["snippet"]
        assert "lào cai" in row["snippet"].casefold()
    # the source's publication date beside the event's (the synthetic records carry one)
    assert {row["id"]: row["published"] for row in rows}["syn_2023_nagano"] == "2023-09-20"
    nagano = next(row for row in rows if row["title"] == NAGANO_TITLE)
    # its counterparts (labels of benchmarks/labelled): the province and its assembly
    assert nagano["partners"] == "tỉnh Nagano; Hội đồng Nghị sĩ tỉnh Nagano"
    assert nagano["page_url"] == mixed_server.url(f"/article/{nagano['id']}")
    assert NAGANO_TITLE in mixed_server.get(nagano["page_url"][len(mixed_server.base_url):]).text


def test_download_is_named_after_the_search(mixed_server):
    disposition = mixed_server.get("/search.csv", q="Lào Cai", partner="tỉnh Nagano").headers[
        "Content-Disposition"]
    assert disposition == ('attachment; filename="searcher-lao-cai-tinh-nagano.csv"; '
                           "filename*=UTF-8''searcher-l%C3%A0o-cai-t%E1%BB%89nh-nagano.csv")
    jsonl = mixed_server.get("/search.jsonl", year="2023").headers["Content-Disposition"]
    assert 'filename="searcher-2023.jsonl"' in jsonl


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: urlencode(p))
def test_jsonl_holds_every_match_one_object_a_line(mixed_server, params):
    reply = mixed_server.get("/search.jsonl", **params)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in reply.text.splitlines()]
    assert [r["id"] for r in records] == api_ids(mixed_server, **params)
    assert set(records[0]) == set(COLUMNS) | {"page_url"}


def test_jsonl_keeps_lists_and_vietnamese_as_they_are(mixed_server):
    text = mixed_server.get("/search.jsonl", q="nagano", sort="date").text
    assert "tỉnh Nagano" in text  # not \u-escaped
    records = [json.loads(line) for line in text.splitlines()]
    hits = mixed_server.get("/api/search", q="nagano", sort="date", limit=100).json()["hits"]
    assert [(r["title"], r["partners"], r["year"]) for r in records] == \
        [(h["title"], [p["name"] for p in h["partners"]], h["year"]) for h in hits]


def test_filters_narrow_the_export_as_they_narrow_the_search(mixed_server):
    everything = csv_rows(mixed_server.get("/search.csv", q="lao cai").text)
    nagano = csv_rows(mixed_server.get("/search.csv", q="lao cai", partner="tỉnh Nagano").text)
    year = csv_rows(mixed_server.get("/search.csv", q="lao cai", year="2023").text)
    assert len(nagano) < len(everything) and len(year) < len(everything)
    assert all("tỉnh Nagano" in row["partners"].split("; ") for row in nagano)
    assert {row["year"] for row in year} == {"2023"}


@pytest.mark.parametrize("path", ["/search.csv", "/search.jsonl", "/search.atom"])
@pytest.mark.parametrize("params", [{"q": "lao cai", "from": "31/02/2023"}, {"q": "  "},
                                    {"q": "lao cai", "page": "x"}])
def test_a_bad_request_is_a_400_page_not_a_broken_file(mixed_server, path, params):
    reply = mixed_server.get(path, **params)
    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in reply.headers
    assert "Lỗi 400" in reply.text and not reply.text.startswith(BOM)
    assert mixed_server.get("/api/search", **params).json()["error"] in html.unescape(reply.text)


def test_an_export_without_matches_is_just_the_header(mixed_server):
    reply = mixed_server.get("/search.csv", q="lao cai", partner="Không có")
    assert reply.status == 200
    assert csv_rows(reply.text) == [] and reply.text.startswith(BOM + "id,title,")
    assert mixed_server.get("/search.jsonl", q="lao cai", partner="Không có").text == ""


# --- the Atom feed --------------------------------------------------------------------------

def test_atom_feed_lists_the_newest_matches_with_links_to_their_pages(mixed_server):
    reply = mixed_server.get("/search.atom", q="lao cai")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(reply.text)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "searcher: lao cai"
    newest = mixed_server.get("/api/search", q="lao cai", sort="date", limit=50).json()["hits"]
    assert [entry.title for entry in feed.entries] == [hit["title"] for hit in newest]
    dated = [entry.updated for entry, hit in zip(feed.entries, newest) if hit["date"][:1] != "-"]
    assert dated == sorted(dated, reverse=True) and len(dated) == 7  # the synthetic articles
    assert feed.feed.updated == dated[0] == "2024-04-22T00:00:00Z"
    for entry, hit in zip(feed.entries, newest):
        assert entry.link == entry.id == mixed_server.url(f"/article/{hit['id']}")
        assert entry.summary == plain(hit["snippet"])
        assert [tag.term for tag in entry.get("tags", [])] == [p["name"] for p in hit["partners"]]
        assert mixed_server.get(entry.link[len(mixed_server.base_url):]).status == 200


def test_atom_feed_keeps_the_filters_and_ignores_sort_and_paging(mixed_server):
    feed = feedparser.parse(mixed_server.get("/search.atom", q="lao cai", partner="tỉnh Nagano",
                                             sort="relevance", page=3, limit=1).text)
    assert feed.bozo == 0
    assert feed.feed.title == "searcher: lao cai (Đối tác: tỉnh Nagano)"
    assert [entry.title for entry in feed.entries] == [
        "Tỉnh Nagano giới thiệu nhà đầu tư nông nghiệp cho Lào Cai",
        "Lào Cai và tỉnh Nagano hợp tác phát triển du lịch nông nghiệp",
        "Tỉnh Nagano trao học bổng cho sinh viên Lào Cai",
        NAGANO_TITLE,  # its year is unknown: last, dated as the feed
    ]
    assert feed.entries[-1].updated == feed.feed.updated == "2024-04-22T00:00:00Z"
    assert all("tỉnh Nagano" in [tag.term for tag in entry.tags] for entry in feed.entries)
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link.startswith(mixed_server.url("/search.atom")) and "sort=date" in self_link


# --- OpenSearch and the page's links --------------------------------------------------------

def test_opensearch_description_points_at_search_suggestions_and_feed(mixed_server):
    reply = mixed_server.get("/opensearch.xml")
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/opensearchdescription+xml")
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    root = ET.fromstring(reply.text.encode("utf-8"))
    assert root.tag == "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription"
    assert root.findtext("os:ShortName", namespaces=ns) == "searcher"
    assert root.findtext("os:InputEncoding", namespaces=ns) == "UTF-8"
    assert root.findtext("os:Description", namespaces=ns)
    templates = {url.get("type"): url.get("template") for url in root.findall("os:Url", ns)}
    base = mixed_server.base_url
    assert templates["text/html"] == f"{base}/search?q={{searchTerms}}"
    assert templates["application/x-suggestions+json"] == \
        f"{base}/api/suggest?q={{searchTerms}}&format=opensearch"
    assert templates["application/atom+xml"] == f"{base}/search.atom?q={{searchTerms}}"
    search = templates["text/html"].replace("{searchTerms}", "lao+cai")
    assert mixed_server.get(search[len(base):]).status == 200


def test_search_page_links_its_exports_feed_and_opensearch(mixed_server):
    page = mixed_server.get("/search", q="lao cai", partner="tỉnh Nagano", page=1).text
    query = "q=lao+cai&amp;partner=t%E1%BB%89nh+Nagano"
    for path, text in [("/search.csv", "Tải CSV"), ("/search.jsonl", "Tải JSON Lines"),
                       ("/search.atom", "Theo dõi (Atom)")]:
        assert re.search(rf'<a href="{re.escape(f"{path}?{query}")}"[^>]*>{re.escape(text)}</a>', page)
    assert (f'<link rel="alternate" type="application/atom+xml" title="searcher: lao cai '
            f'(Đối tác: tỉnh Nagano)" href="/search.atom?{query}">') in page
    assert ('<link rel="search" type="application/opensearchdescription+xml" title="searcher" '
            'href="/opensearch.xml">') in mixed_server.get("/").text


# --- the command line -----------------------------------------------------------------------

def cli_total(index, *args) -> int:
    done = run("query", *args, "--index", index, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["total"]


@pytest.mark.parametrize("args", [["lao", "cai"], ["lao cai", "--partner", "tỉnh Nagano"],
                                  ["--year", "2023", "--limit", "1", "--page", "2"]])
def test_cli_csv_and_jsonl_write_every_match(mixed_index, args):
    total = cli_total(mixed_index, *args)
    as_csv = run("query", *args, "--index", mixed_index, "--format", "csv")
    assert as_csv.returncode == 0 and as_csv.stderr == ""
    rows = csv_rows(as_csv.stdout)
    assert len(rows) == total and list(rows[0]) == COLUMNS  # no site: no page_url
    as_jsonl = run("query", *args, "--index", mixed_index, "--format", "jsonl")
    assert as_jsonl.returncode == 0
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [r["id"] for r in records] == [row["id"] for row in rows]


def test_cli_csv_is_the_web_csv_without_the_page_column(mixed_server, mixed_index):
    web = csv_rows(mixed_server.get("/search.csv", q="lao cai", sort="date").text)
    cli = csv_rows(run("query", "lao cai", "--sort", "date", "--index", mixed_index,
                       "--format", "csv").stdout)
    assert [{k: v for k, v in row.items() if k != "page_url"} for row in web] == cli


@pytest.mark.parametrize("args", [["lao", "--format", "xml"], ["lao", "--format", "csv", "--from", "2023-13"],
                                  ["--format", "jsonl"]])
def test_cli_bad_export_request_is_one_line_and_status_2(mixed_index, args):
    done = run("query", *args, "--index", mixed_index)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith("searcher: ")


def test_cli_json_flag_and_text_format_still_work(mixed_index):
    assert cli_total(mixed_index, "lao cai") == 12
    assert run("query", "lao cai", "--index", mixed_index, "--format", "json").stdout == \
        run("query", "lao cai", "--index", mixed_index, "--json").stdout
    text = run("query", "lao cai", "--index", mixed_index, "--format", "text")
    assert text.returncode == 0 and text.stdout.startswith("12 kết quả")


# --- a large export is streamed ---------------------------------------------------------------

PARTNERS = [("tỉnh Nagano", "Nhật Bản"), ("tỉnh Vân Nam", "Trung Quốc"),
            ("tỉnh Gyeonggi", "Hàn Quốc")]
MANY = 450


@pytest.fixture(scope="module")
def many_server(tmp_path_factory):
    """Hundreds of dated articles, each naming one partner (as conftest's synthetic ones do)."""
    records = []
    for number in range(MANY):
        partner, country = PARTNERS[number % len(PARTNERS)]
        day, month, year = number % 28 + 1, number % 12 + 1, 2015 + number % 10
        records.append({
            "id": f"many_{number:04d}", "published": f"{year}-{month:02d}-{day:02d}",
            "title": f"Lào Cai và {partner} trao đổi đoàn lần thứ {number}",
            "body": f"Ngày {day}/{month}/{year}, đoàn công tác tỉnh Lào Cai làm việc với {partner} "
                    f"({country}) về hợp tác thương mại, du lịch và giáo dục, lần thứ {number}."})
    searcher = build_index(tmp_path_factory.mktemp("many"), records)
    yield from serve_index(searcher.index_dir)


@pytest.mark.slow
def test_a_large_export_is_streamed_in_chunks(many_server):
    request = urllib.request.Request(many_server.url("/search.csv", q="lao cai"))
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Transfer-Encoding"] == "chunked"
        assert response.headers["Content-Length"] is None
        text = response.read().decode("utf-8")
    total = many_server.get("/api/search", q="lao cai").json()["total"]
    assert total == MANY and len(csv_rows(text)) == MANY
    lines = many_server.get("/search.jsonl", partner="tỉnh Vân Nam").text.splitlines()
    assert len(lines) == MANY // len(PARTNERS)


@pytest.mark.slow
def test_feed_of_a_large_search_has_the_fifty_newest(many_server):
    feed = feedparser.parse(many_server.get("/search.atom", q="lao cai").text)
    assert feed.bozo == 0 and len(feed.entries) == 50
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    newest = csv_rows(many_server.get("/search.csv", q="lao cai", sort="date").text)[:50]
    assert [entry.id for entry in feed.entries] == [row["page_url"] for row in newest]


def test_article_text_cannot_become_a_spreadsheet_formula():
    """A title or name that starts like a formula stays text in the CSV a report opens."""
    from searcher import csv_lines
    from searcher.search import Hit

    hit = Hit(date="--06-04", year=None, partners=[{"name": "=1+1", "country": None}],
              countries=[], officials=[{"name": "@SUM(A1)", "title": None}],
              id="x1", title='=HYPERLINK("http://evil.example","Nhấn")', snippet_text="-2+3")
    [cells] = csv_rows("".join(csv_lines([hit])))
    assert cells["title"] == "'" + hit.title and cells["partners"] == "'=1+1"
    assert cells["officials"] == "'@SUM(A1)" and cells["snippet"] == "'-2+3"
    assert cells["date"] == "--06-04"  # the engine's own values are left as they are
