"""The corpus reader on the real seed pages, the benchmark dump, and broken files in tmp_path."""
from __future__ import annotations

import gzip
import itertools
import json
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import NEWS
from searcher.model import Article, ReadError
from searcher.ingest.reader import iter_articles, read_file
from searcher.text.normalize import clean

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
BENCHMARK = NEWS  # the shared news corpus (see conftest)
TEASER_ONLY_WORDS = ["Đại hội XIV", "VietGAP", "Tô Lâm", "Lương Cường"]
NAGANO_CAPTION = (
    "Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường làm việc với Thống đốc tỉnh Nagano - Abe Shuichi."
)


def split(results):
    results = list(results)
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, ReadError)]
    return articles, errors


def all_text(article: Article) -> str:
    return "\n".join([article.title, article.body, *article.captions])


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, errors = split(iter_articles([SEEDS]))
    assert errors == []
    return {article.id: article for article in articles}


# --- the real seed pages ------------------------------------------------------------------


def test_seed_titles_and_ids(seeds):
    assert sorted(seeds) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert seeds["000_f33226c30985bb77"].title == (
        "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano"
    )
    assert seeds["002_f763da09f12f948d"].title == (
        "Cuộc họp lần thứ 3 Nhóm Nghị sĩ hữu nghị Việt Nam – Nhật Bản"
    )
    assert seeds["003_c73675f240cb6c96"].title.endswith("Đại sứ quán Trung Quốc tại Việt Nam")
    for article in seeds.values():
        assert article.source == str(SEEDS / f"{article.id}.txt")
        assert article.body.startswith(("Sáng", "Chiều", "Đó là", "Nằm trong"))


def test_seeds_drop_teaser_block_image_names_and_footer(seeds):
    for article in seeds.values():
        text = all_text(article)
        for word in TEASER_ONLY_WORDS:
            assert word not in text, (article.id, word)
        for name in (".jpg", ".gif", ".JPG"):
            assert name not in text, (article.id, name)
        assert "fb yt zl tw" not in text
        assert "Có thể bạn quan tâm" not in text
        assert "Tin cùng chuyên mục" not in text


def test_seed_captions_are_kept_apart_from_body(seeds):
    nagano = seeds["000_f33226c30985bb77"]
    assert NAGANO_CAPTION in nagano.captions
    assert NAGANO_CAPTION not in nagano.body
    # Two image lines in a row share the caption that follows them.
    assert nagano.captions[-1].startswith("Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường và")
    assert len(nagano.captions) == 4
    # The last paragraph of the article is still body text.
    assert nagano.body.endswith("trong thời gian tới.")
    # Seed 001 has image/caption pairs with no blank line between them.
    kawaguchi = seeds["001_6ade50733b3a3fb3"]
    assert "Huyện Bảo Thắng tặng quà cho Đoàn công tác của thành phố Kawaguchi." in (
        kawaguchi.captions
    )
    assert "tặng quà" not in kawaguchi.body
    # Seed 003 ends with three image lines and no caption: nothing is invented.
    assert len(seeds["003_c73675f240cb6c96"].captions) == 3


def test_seed_body_paragraphs(seeds):
    for article in seeds.values():
        paragraphs = article.body.split("\n\n")
        assert len(paragraphs) >= 5
        assert all(p == p.strip() and "  " not in p and "\n" not in p for p in paragraphs)
        assert "\u00a0" not in article.body


# --- .txt pages in tmp_path ---------------------------------------------------------------


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_plain_title_and_body_file(tmp_path):
    write(tmp_path / "plain.txt", "\n\n  Tiêu   đề  \n\nĐoạn  một\ndòng tiếp.\n\n\nĐoạn hai.\n")
    [article] = read_file(tmp_path / "plain.txt")
    assert article.id == "plain"
    assert article.title == "Tiêu đề"
    assert article.body == "Đoạn một dòng tiếp.\n\nĐoạn hai."
    assert article.captions == []
    assert article.url is None and article.published is None


def test_nfd_input_and_eth_are_normalised(tmp_path):
    title = unicodedata.normalize("NFD", "Hợp tác Việt Nam – Nhật Bản")
    write(tmp_path / "nfd.txt", f"{title}\n\nÐoàn ðại biểu ðến thăm.\n")
    [article] = read_file(tmp_path / "nfd.txt")
    assert article.title == "Hợp tác Việt Nam – Nhật Bản"
    assert unicodedata.is_normalized("NFC", article.title)
    assert article.body == "Đoàn đại biểu đến thăm."
    assert clean("Ðà Nẵng") == "Đà Nẵng"


def test_image_lines_and_teaser_variants(tmp_path):
    page = (
        "Tiêu đề\n\nMở đầu.\n\nẢnh 01.JPEG\nphoto_2.webp\nChú thích chung.\n\n"
        "Giữa bài.\n\nlast.png\n\n  xem   THÊM \n\nTin khác không thuộc bài.\n"
    )
    write(tmp_path / "page.txt", page)
    [article] = read_file(tmp_path / "page.txt")
    assert article.body == "Mở đầu.\n\nGiữa bài."
    assert article.captions == ["Chú thích chung."]


def test_social_footer_without_teaser_block_is_dropped(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề\n\nNội dung.\n\nFB  YT zl tw\n\nfacebook zalo\n")
    [article] = read_file(tmp_path / "a.txt")
    assert article.body == "Nội dung."


def test_sentence_mentioning_an_image_is_kept(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề\n\nTệp ảnh.jpg, theo tác giả, bị lỗi.\n")
    [article] = read_file(tmp_path / "a.txt")
    assert article.body == "Tệp ảnh.jpg, theo tác giả, bị lỗi."


def test_sidecar_metadata(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề\n\nNội dung.\n")
    write(tmp_path / "a.json", json.dumps({"url": "https://x.vn/a", "published": "2024-04-22"}))
    articles, errors = split(iter_articles([tmp_path]))
    assert errors == []
    [article] = articles
    assert article.url == "https://x.vn/a"
    assert article.published == "2024-04-22"


def test_bad_sidecar_is_reported_and_article_still_read(tmp_path):
    write(tmp_path / "a.txt", "Tiêu đề\n\nNội dung.\n")
    write(tmp_path / "a.json", '{"url": "https://x.vn/a",')
    articles, errors = split(iter_articles([tmp_path]))
    assert [a.title for a in articles] == ["Tiêu đề"]
    assert articles[0].url is None
    [error] = errors
    assert error.source == str(tmp_path / "a.json")
    assert "invalid JSON" in error.message


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"  \n\t\n \n", "empty file"),
        ("Tiêu chí Hà Giang\n\nThân bài.\n".encode("latin-1"), "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 20, "binary file"),
        (b"Title\n\n" + b"text " * 4000 + b"\x00", "binary file"),
        (b"nagano.jpg\nChu thich.\n", "no title line"),
        ("Có thể bạn quan tâm\n\nTin khác\n".encode(), "no title line"),
    ],
)
def test_broken_txt_is_reported_by_name_and_good_files_still_read(tmp_path, content, message):
    write(tmp_path / "bad.txt", content)
    write(tmp_path / "good.txt", "Tiêu đề\n\nNội dung.\n")
    articles, errors = split(iter_articles([tmp_path]))
    assert [a.id for a in articles] == ["good"]
    [error] = errors
    assert error.source == str(tmp_path / "bad.txt")
    assert error.message.startswith(message)
    assert str(tmp_path / "bad.txt") in str(error)


def test_utf8_bom_is_tolerated(tmp_path):
    write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + "Tiêu đề\r\n\r\nNội dung.\r\n".encode())
    [article] = read_file(tmp_path / "bom.txt")
    assert article.title == "Tiêu đề"
    assert article.body == "Nội dung."


def test_directory_walk_is_recursive_sorted_and_skips_non_articles(tmp_path):
    write(tmp_path / "b.txt", "B\n\nb.")
    write(tmp_path / "sub" / "a.txt", "A\n\na.")
    write(tmp_path / "a.txt", "A0\n\na0.")
    write(tmp_path / "README.md", "# Corpus\n")
    write(tmp_path / ".hidden.txt", "Hidden\n\nx.")
    write(tmp_path / ".git" / "c.txt", "Hidden\n\nx.")
    write(tmp_path / "notes.csv", "a,b\n")
    missing = tmp_path / "missing.txt"
    articles, errors = split(iter_articles([tmp_path, missing]))
    assert [a.title for a in articles] == ["A0", "B", "A"]
    [error] = errors
    assert error.source == str(missing) and "no such file" in error.message


def test_large_file_reads_in_linear_time(tmp_path):
    paragraph = "Đoàn đại biểu tỉnh Lào Cai thăm và làm việc tại tỉnh Nagano, Nhật Bản. " * 10
    write(tmp_path / "big.txt", "Tiêu đề\n\n" + f"{paragraph}\n\nảnh.jpg\nChú thích.\n\n" * 25_000)
    assert (tmp_path / "big.txt").stat().st_size > 20_000_000
    started = time.perf_counter()
    [article] = read_file(tmp_path / "big.txt")
    assert time.perf_counter() - started < 15
    assert len(article.captions) == 25_000
    assert article.body.count("\n\n") == 24_999


# --- JSONL --------------------------------------------------------------------------------


RECORDS = [
    {"id": "a1", "title": "Tiêu đề A", "summary": "Tóm tắt.", "body": "Đoạn một.\nĐoạn hai."},
    {"id": 42, "title": "Tiêu đề B", "body": "Thân bài.", "url": "https://x.vn/b",
     "published": "2017-02-06"},
]


def jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_jsonl_records(tmp_path):
    path = write(tmp_path / "news.jsonl", "\n" + jsonl(RECORDS))
    articles, errors = split(read_file(path))
    assert errors == []
    first, second = articles
    assert (first.id, first.title, first.summary) == ("a1", "Tiêu đề A", "Tóm tắt.")
    assert first.body == "Đoạn một.\n\nĐoạn hai."
    assert first.source == f"{path}:2"
    assert second.id == "42"
    assert (second.url, second.published, second.summary) == ("https://x.vn/b", "2017-02-06", None)
    assert second.source == f"{path}:3"


def test_jsonl_body_is_cleaned_like_a_page(tmp_path):
    body = unicodedata.normalize(
        "NFD", "Mở đầu.\nnagano.jpg\nChú thích ảnh.\nÐoạn sau.\nTin liên quan\nTin khác.\nfb yt zl tw"
    )
    path = write(tmp_path / "n.jsonl", jsonl([{"id": "x", "title": "T", "body": body}]))
    [article] = read_file(path)
    assert article.body == "Mở đầu.\n\nĐoạn sau."
    assert article.captions == ["Chú thích ảnh."]


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "title": "T"}', "body"),
        ('{"id": "x", "title": 5, "body": "b"}', "title"),
        ('{"id": true, "title": "T", "body": "b"}', "id"),
        ('{"id": "x", "title": "  ", "body": "b"}', "empty id or title"),
    ],
)
def test_bad_jsonl_line_is_reported_with_line_and_rest_still_read(tmp_path, line, message):
    path = write(tmp_path / "n.jsonl", jsonl(RECORDS[:1]) + line + "\n" + jsonl(RECORDS[1:]))
    articles, errors = split(read_file(path))
    assert [a.id for a in articles] == ["a1", "42"]
    [error] = errors
    assert (error.source, error.line) == (str(path), 2)
    assert message in error.message
    assert str(error).startswith(f"{path}:2: ")


def test_jsonl_line_not_utf8(tmp_path):
    bad = '{"id": "x", "title": "Hà Giang", "body": "b"}\n'.encode("latin-1")
    path = write(tmp_path / "n.jsonl", jsonl(RECORDS[:1]).encode() + bad + jsonl(RECORDS[1:]).encode())
    articles, errors = split(read_file(path))
    assert [a.id for a in articles] == ["a1", "42"]
    assert [(e.line, e.message) for e in errors] == [(2, "not UTF-8 text")]


def test_jsonl_optional_field_of_wrong_type_is_reported_but_article_kept(tmp_path):
    path = write(tmp_path / "n.jsonl", jsonl([{**RECORDS[0], "url": 7}]))
    articles, errors = split(read_file(path))
    assert [a.id for a in articles] == ["a1"] and articles[0].url is None
    assert [(e.line, "url" in e.message) for e in errors] == [(1, True)]


def test_jsonl_gz_is_streamed(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\ufeff" + jsonl(RECORDS))
    articles, errors = split(iter_articles([tmp_path]))
    assert errors == []
    assert [a.id for a in articles] == ["a1", "42"]
    assert articles[1].source == f"{path}:2"


def test_invalid_and_truncated_gzip_are_reported(tmp_path):
    write(tmp_path / "plain.jsonl.gz", jsonl(RECORDS))  # not gzip at all
    whole = gzip.compress(jsonl(RECORDS * 2000).encode())
    write(tmp_path / "truncated.jsonl.gz", whole[: len(whole) // 2])
    articles, errors = split(iter_articles([tmp_path]))
    assert articles, "records before the damage are still read"
    assert {e.source for e in errors} == {
        str(tmp_path / "plain.jsonl.gz"), str(tmp_path / "truncated.jsonl.gz")
    }
    assert all("gzip" in e.message for e in errors)
    truncated = next(e for e in errors if e.source.endswith("truncated.jsonl.gz"))
    assert truncated.line == len(articles) + 1


def test_unsupported_file_given_explicitly(tmp_path):
    path = write(tmp_path / "notes.csv", "a,b\n")
    [error] = iter_articles([path])
    assert isinstance(error, ReadError) and "unsupported file type" in error.message


@pytest.mark.skipif(not BENCHMARK.exists(),
                    reason=f"needs the shared news corpus {BENCHMARK}, which is missing "
                           "(set SEARCHER_CORPORA to the folder holding vnnews-2017.jsonl.gz)")
def test_benchmark_corpus_first_records_read_cleanly():
    results = list(itertools.islice(iter_articles([BENCHMARK]), 100))
    articles, errors = split(results)
    assert errors == []
    assert len(articles) == 100
    assert len({a.id for a in articles}) == 100
    assert all(a.title and len(a.body) > 100 and a.summary for a in articles)
    assert all(unicodedata.is_normalized("NFC", a.body) for a in articles)


# --- publication stamps ------------------------------------------------------------------------

# Stamps in the shapes news sites print them under the headline.
STAMPS = {
    "Thứ Sáu, 14/07/2023 09:30:00 (GMT+7)": "2023-07-14T09:30:00+07:00",
    "08:12 03-10-2021 | Thời sự": "2021-10-03T08:12",
    "Cập nhật lúc 10:05, Thứ tư, 12/04/2023": "2023-04-12T10:05",
    "Thứ bảy, 5/3/2024, 10:05 (GMT+7)": "2024-03-05T10:05+07:00",
}
NAGANO_PAGE = SEEDS / "000_f33226c30985bb77.txt"


def stamped_page(tmp_path: Path, stamp: str) -> Path:
    """The Nagano seed page as a site that prints its stamp under the headline would give it."""
    title, rest = NAGANO_PAGE.read_text(encoding="utf-8").split("\n", 1)
    return write(tmp_path / NAGANO_PAGE.name, f"{title}\n{stamp}\n{rest}")


@pytest.mark.parametrize("stamp", STAMPS)
def test_a_stamp_under_the_headline_is_the_publication_date_and_no_text(tmp_path, stamp):
    [article] = read_file(stamped_page(tmp_path, stamp))
    [plain] = read_file(NAGANO_PAGE)
    assert (article.published, article.published_from) == (STAMPS[stamp], "stamp")
    assert article.body == plain.body and article.title == plain.title
    assert (plain.published, plain.published_from) == (None, None)


def test_metadata_outranks_the_page_s_stamp_which_still_leaves_the_text(tmp_path):
    page = stamped_page(tmp_path, "Thứ Sáu, 14/07/2023 09:30:00 (GMT+7)")
    write(page.with_suffix(".json"), json.dumps({"published": "2023-07-15"}))
    [article] = read_file(page)
    assert (article.published, article.published_from) == ("2023-07-15", "metadata")
    assert "14/07/2023" not in article.body


def test_a_jsonl_body_s_closing_stamp_is_lifted_but_a_related_headline_s_is_not(tmp_path):
    """The corpus's sport pages end a related headline with its site and time ("Minh Tuấn - Thể Thao Việt
    Nam | 07:27 08/02/2017"): words of their own, so text, not this page's stamp; after "Tin liên quan"
    every stamp is another article's."""
    lines = NAGANO_PAGE.read_text(encoding="utf-8").split("\n")[2:]
    teaser = lines.index("Có thể bạn quan tâm")
    text, related_block = lines[:teaser], lines[teaser:]
    credit = "Minh Tuấn - Thể Thao Việt Nam | 07:27 08/02/2017"
    records = [
        {"id": "stamped", "title": "Lào Cai thăm Nagano", "body": "\n".join([*text, "22/04/2016 18:05", *related_block])},
        {"id": "credit", "title": "Lào Cai thăm Nagano", "body": "\n".join([*text, credit, *related_block])},
        {"id": "related", "title": "Lào Cai thăm Nagano",
         "body": "\n".join([*text, related_block[0], "22/04/2016 18:05", *related_block[1:]])},
    ]
    stamped, with_credit, related = read_file(write(tmp_path / "news.jsonl", jsonl(records)))
    assert (stamped.published, stamped.published_from) == ("2016-04-22T18:05", "stamp")
    assert "18:05" not in stamped.body
    assert with_credit.published is None and with_credit.body.endswith(credit)
    assert related.published is None
