"""The ``searcher`` command as a user runs it: real processes, real files."""
from __future__ import annotations

import json

import pytest

from conftest import CORPUS, SEED_IDS, SYNTHETIC_ARTICLES, SYNTHETIC_NEWEST_FIRST, LiveServer, run, write_jsonl


def test_query_json_is_exactly_one_object_with_the_documented_keys(seed_index):
    result = run("query", "hop tac du lich nhat ban", "--index", seed_index, "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"query", "total", "page", "hits", "facets", "suggestion"} <= payload.keys()
    assert payload["query"] == "hop tac du lich nhat ban" and payload["total"] >= 1
    assert {"id", "title", "date", "score", "snippet", "partners", "countries",
            "officials", "year"} <= payload["hits"][0].keys()


def test_query_text_output_lists_titles_and_marked_snippets(seed_index):
    result = run("query", "nagano", "--index", seed_index)
    assert result.returncode == 0
    assert "1 kết quả" in result.stdout
    assert "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano" in result.stdout
    assert "[Nagano]" in result.stdout


def test_a_filter_option_takes_a_partner_in_any_spelling(seed_index):
    """``--partner nagano`` is the partner "tỉnh Nagano", ``--partner Yunnan`` is "tỉnh Vân Nam": the filter finds the
    article, and the facet list ticks the value as the index spells it."""
    result = run("query", "--partner", "nagano", "--index", seed_index, "")
    assert result.returncode == 0, result.stderr
    assert "1 kết quả" in result.stdout and "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano" in result.stdout
    assert "*tỉnh Nagano (1)" in result.stdout
    payload = json.loads(run("query", "--partner", "Yunnan", "--index", seed_index, "--json", "").stdout)
    assert payload["filters"]["partner"] == ["tỉnh Vân Nam"] and payload["total"] == 1


def test_queries_read_from_stdin_are_answered_one_json_line_each_in_order(seed_index):
    """A script sends its queries on stdin and pays for opening the index once; each answer is
    the one the query gets alone, and a line that cannot be answered says why in its place."""
    import subprocess

    from conftest import SEARCHER

    queries = ["nagano", "", "hợp tác du lịch Nhật Bản", "hop tac du lich nhat ban"]
    batch = subprocess.run([str(SEARCHER), "query", "-", "--index", str(seed_index), "--limit", "3"],
                           input="".join(f"{q}\n" for q in queries), capture_output=True,
                           text=True, timeout=120)
    assert batch.returncode == 1, batch.stderr  # the empty line
    answers = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [a["query"] for a in answers] == queries
    assert "từ khóa" in answers[1]["error"]
    for text, answer in zip(queries, answers):
        if text:
            alone = json.loads(run("query", text, "--index", seed_index, "--limit", "3",
                                   "--json").stdout)
            assert answer["total"] == alone["total"] >= 1
            assert [h["id"] for h in answer["hits"]] == [h["id"] for h in alone["hits"]]
    refused = run("query", "-", "--index", seed_index, "--format", "csv")
    assert refused.returncode == 2 and "JSON line" in refused.stderr


def test_a_query_writes_all_its_output_before_the_process_ends(seed_index, tmp_path):
    """The command skips the interpreter's teardown once its output is out: every byte of a
    long answer still arrives, through a pipe and into a file."""
    import subprocess

    from conftest import SEARCHER

    piped = run("query", "tỉnh", "--index", seed_index, "--limit", "50", "--json")
    assert piped.returncode == 0 and len(json.loads(piped.stdout)["hits"]) >= 5
    with open(tmp_path / "answer.json", "w") as out:
        status = subprocess.run([str(SEARCHER), "query", "tỉnh", "--index", str(seed_index),
                                 "--limit", "50", "--json"], stdout=out, timeout=120).returncode
    assert status == 0
    assert json.loads((tmp_path / "answer.json").read_text()) == json.loads(piped.stdout)


def test_a_query_run_as_the_program_does_not_load_what_whoosh_imports_for_downloads(
        seed_index, tmp_path):
    """Whoosh imports urllib.request (with http.client, ssl and email) for a download helper;
    a query process gets a stand-in in its place (0.03-0.05 s of a cold query), and the helper
    still works when called."""
    import os
    import subprocess

    from conftest import SEARCHER

    traced = subprocess.run([str(SEARCHER), "query", "Nagano", "--index", str(seed_index), "--json"],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})
    assert traced.returncode == 0 and json.loads(traced.stdout)["total"] >= 1
    imported = {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines()}
    assert "whoosh.index" in imported and "whoosh.searching" in imported
    assert not imported & {"urllib.request", "http.client", "whoosh.lang.morph_en"}
    source = tmp_path / "source.txt"
    source.write_text("xin chào")
    script = ("import sys; from searcher import cli; cli._import_engine_without_unused_modules(); "
              "import whoosh.compat, whoosh.query.terms, urllib.request; "
              "whoosh.compat.urlretrieve(sys.argv[1], sys.argv[2]); "
              "print(sorted(whoosh.query.terms.variations('meeting')), urllib.request.urlopen.__module__)")
    helper = subprocess.run([str(SEARCHER.parent / "python"), "-c", script, source.as_uri(),
                             str(tmp_path / "copy.txt")], capture_output=True, text=True, timeout=120)
    assert helper.returncode == 0, helper.stderr
    assert (tmp_path / "copy.txt").read_text() == "xin chào"
    assert "'meetings'" in helper.stdout and helper.stdout.strip().endswith("urllib.request")


@pytest.mark.slow
def test_limit_page_and_sort_options(synthetic_index):
    first = json.loads(run("query", "lao cai", "--index", synthetic_index, "--json",
                           "--limit", "2").stdout)
    second = json.loads(run("query", "lao", "cai", "--index", synthetic_index, "--json",
                            "--limit", "2", "--page", "2").stdout)
    assert len(first["hits"]) == 2 and len(second["hits"]) == 2 and second["page"] == 2
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    by_date = run("query", "lao cai", "--index", synthetic_index, "--sort", "date", "--json")
    assert by_date.returncode == 0, by_date.stderr
    hits = json.loads(by_date.stdout)["hits"]
    # Every synthetic article mentions Lào Cai and carries its date: newest first.
    assert [h["id"] for h in hits] == SYNTHETIC_NEWEST_FIRST
    assert [h["date"] for h in hits] == sorted((a[1] for a in SYNTHETIC_ARTICLES), reverse=True)


@pytest.mark.parametrize("args, words", [
    (("query", "",), "từ khóa"),
    (("query", "lao", "--page", "0"), "trang"),
    (("query", "lao", "--page", "abc"), "invalid int"),
    (("query", "lao", "--from", "2024-02-30"), "Ngày không hợp lệ"),
    (("query", "lao", "--sort", "newest"), "invalid choice"),
])
def test_bad_query_input_exits_non_zero_with_one_readable_line(seed_index, args, words):
    result = run(*args, "--index", seed_index)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr


def test_query_without_an_index_says_so(tmp_path):
    result = run("query", "lao cai", "--index", tmp_path / "nothing")
    assert result.returncode == 2 and "searcher index" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_index_prints_a_summary_and_fails_on_bad_input(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text((CORPUS / f"{SEED_IDS[0]}.txt").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\xfd not utf-8")
    result = run("index", corpus, "--index", tmp_path / "index")
    assert result.returncode == 1
    assert "added 1, updated 0, unchanged 0, removed 0, failed 1" in result.stdout
    assert "bad.txt" in result.stderr and "Traceback" not in result.stderr
    again = run("index", corpus / "a.txt", "--index", tmp_path / "index")
    assert again.returncode == 0 and "unchanged 1" in again.stdout


def test_index_of_a_missing_path_is_refused(tmp_path):
    result = run("index", tmp_path / "missing", "--index", tmp_path / "index")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_inspect_json_shows_clean_text_and_the_documented_fields():
    result = run("inspect", CORPUS / f"{SEED_IDS[0]}.txt", "--json")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert {"id", "title", "date", "year", "partners", "countries", "officials", "captions",
            "body"} <= record.keys()
    assert record["id"] == SEED_IDS[0]
    assert "nagano.jpg" not in record["body"] and "Có thể bạn quan tâm" not in record["body"]
    assert any("Abe Shuichi" in c for c in record["captions"])


def test_result_dates_read_as_vietnamese_dates_and_say_when_the_year_is_unknown(tmp_path):
    corpus = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "no_year", "title": "Lào Cai tiếp đoàn tỉnh Vân Nam",
         "body": "Chiều 21/5, tại thành phố Lào Cai, lãnh đạo tỉnh Lào Cai đã tiếp đoàn công tác "
                 "tỉnh Vân Nam (Trung Quốc)."},
        {"id": "full_date", "title": "Lào Cai và tỉnh Vân Nam hội đàm",
         "body": "Ngày 3/4/2017, tỉnh Lào Cai hội đàm với tỉnh Vân Nam (Trung Quốc) về thương mại."},
    ])
    assert run("index", str(corpus), "--index", str(tmp_path / "ix")).returncode == 0
    result = run("query", "Vân Nam", "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "21/05, năm chưa rõ · " in result.stdout and "03/04/2017 · " in result.stdout
    assert "--05-21" not in result.stdout


def test_a_country_that_is_itself_the_partner_is_named_once_on_result_cards(tmp_path):
    """A state whose leader receives the Prime Minister is the partner ("Hoa Kỳ"); its card says "Hoa Kỳ",
    not "Hoa Kỳ (Hoa Kỳ)", in the terminal and on the web's results and article pages."""
    corpus = write_jsonl(tmp_path / "news.jsonl", [
        {"id": "white_house", "title": "Tổng thống Donald Trump tiếp Thủ tướng Nguyễn Xuân Phúc",
         "body": "Tổng thống Mỹ Donald Trump hôm 31/5 đã tiếp Thủ tướng Nguyễn Xuân Phúc tại Nhà Trắng. "
                 "Hai nhà lãnh đạo sau đó có buổi hội đàm."},
    ])
    assert run("index", str(corpus), "--index", str(tmp_path / "ix")).returncode == 0
    result = run("query", "Trump", "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert " · Hoa Kỳ · white_house" in result.stdout and "Hoa Kỳ (Hoa Kỳ)" not in result.stdout
    server = LiveServer(tmp_path / "ix")
    try:
        for page in (server.get("/search", q="Trump"), server.get("/article/white_house")):
            assert page.status == 200 and ">Hoa Kỳ</a>" in page.text
            assert "(Hoa Kỳ)" not in page.text
    finally:
        server.close()
