"""The article body as readable paragraphs (``searcher.text.paragraphs``): the author's breaks
kept, long one-line bodies cut between whole sentences, photo credits, captions and bylines set
apart. Pure: passages from the seed pages in corpus/ and Vietnamese news text written for the
tests in the style of the one-line bodies of scraped archives."""
from __future__ import annotations

import pytest

from searcher.text.paragraphs import (AUTHOR_PARAGRAPH_MAX_CHARS, CREDIT, MAX_CHARS,
                                      SHORT_CHARS, TEXT, Paragraph, paragraphs, sentences)

# corpus/000_f33226c30985bb77.txt, its first paragraphs.
NAGANO_OPENING = (
    "Sáng 22/4, Đoàn đại biểu tỉnh Lào Cai do đồng chí Trịnh Xuân Trường, Chủ tịch UBND tỉnh "
    "làm Trưởng đoàn đã đến thăm và làm việc tại tỉnh Nagano. Đây là hoạt động mở đầu cho chuyến "
    "thăm và làm việc tại Nhật Bản từ ngày 21 - 26/4 của Đoàn đại biểu tỉnh Lào Cai.")
NAGANO_SUBHEAD = "Chủ tịch UBND tỉnh Trịnh Xuân Trường làm việc với Thống đốc tỉnh Nagano"
NAGANO_THANKS = (
    "Tại buổi làm việc với ông Abe Shuichi, Thống đốc tỉnh Nagano, đồng chí Trịnh Xuân Trường, "
    "Chủ tịch UBND tỉnh Lào Cai đã cảm ơn sự đón tiếp nồng hậu của Thống đốc tỉnh Nagano dành "
    "cho Đoàn đại biểu tỉnh Lào Cai.")
# corpus/001_6ade50733b3a3fb3.txt
KAWAGUCHI_HOSTS = (
    "Tiếp và làm việc với Đoàn có các đồng chí: Ngô Minh Quế, Chủ tịch UBND huyện Bảo Thắng; "
    "Phạm Thanh Quang, Giám đốc Sở Ngoại vụ tỉnh; lãnh đạo các phòng, ban chuyên môn của Sở "
    "Ngoại vụ và huyện Bảo Thắng.")
KAWAGUCHI_WELCOME = (
    "Đồng chí Ngô Minh Quế, Chủ tịch UBND huyện Bảo Thắng chào mừng Đoàn công tác của thành phố "
    "Kawaguchi đến thăm và làm việc tại Bảo Thắng. Đồng thời nhấn mạnh đây là cơ hội tốt để thúc "
    "đẩy mối quan hệ hợp tác lâu dài giữa huyện Bảo Thắng và thành phố Kawaguchi.")
# corpus/003_c73675f240cb6c96.txt
EMBASSY_VISIT = (
    "Chiều 7/3, tại Thủ đô Hà Nội, đoàn công tác của tỉnh Lào Cai do đồng chí Trịnh Xuân Trường, "
    "Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh làm trưởng đoàn đã thăm và làm việc với Đại sứ quán Trung "
    "Quốc tại Việt Nam. Tham gia đoàn công tác có lãnh đạo một số sở, ngành của tỉnh.")
SEED_PASSAGES = [NAGANO_OPENING, NAGANO_THANKS, KAWAGUCHI_HOSTS, KAWAGUCHI_WELCOME, EMBASSY_VISIT]

# Written for the tests: a one-line body as scraped archives store it, a photo with its caption
# and credit in the middle of the text and the reporter's name at the end.
VISIT_SENTENCES = [
    "Ngày 12/7/2017, Bộ trưởng Ngoại giao Phạm Bình Minh đã có cuộc hội đàm với Ngoại trưởng "
    "Nhật Bản tại Hà Nội.",
    "Hai bên đánh giá cao những bước phát triển của quan hệ Đối tác chiến lược sâu rộng Việt "
    "Nam – Nhật Bản trong thời gian qua, nhất là trong các lĩnh vực kinh tế, thương mại và đầu tư.",
    "Theo số liệu của Bộ Kế hoạch và Đầu tư, kim ngạch thương mại hai chiều năm 2016 đạt "
    "khoảng 29,2 tỷ USD, tăng 3,5% so với năm trước.",
    "Phía Nhật Bản cho biết sẽ tiếp tục hỗ trợ Việt Nam phát triển nguồn nhân lực, trong đó có "
    "1.500 suất học bổng cho cán bộ, sinh viên các tỉnh miền núi phía Bắc.",
    "Bộ trưởng Phạm Bình Minh đề nghị hai bên sớm triển khai các dự án hạ tầng giao thông tại "
    "TP. Hồ Chí Minh và Hà Nội, đặc biệt là các tuyến đường sắt đô thị.",
    "“Việt Nam luôn coi Nhật Bản là đối tác hàng đầu, tin cậy và lâu dài”, Bộ trưởng nhấn mạnh.",
    "Hai bên cũng trao đổi về tình hình khu vực và quốc tế cùng quan tâm.",
    "PGS.TS. Nguyễn Văn Hùng, Viện Nghiên cứu Đông Bắc Á, nhận định chuyến thăm góp phần làm "
    "sâu sắc hơn nữa quan hệ giữa hai nước.",
    "Theo ông, trong những năm tới, hợp tác về nông nghiệp công nghệ cao và du lịch sẽ là "
    "những điểm sáng mới.",
    "Ông cho biết thêm, nhiều doanh nghiệp Nhật Bản đã đến tìm hiểu cơ hội đầu tư tại Lào Cai, "
    "Yên Bái và các tỉnh Tây Bắc… Tuy nhiên, hạ tầng còn là điểm nghẽn.",
    "Cũng trong ngày, Ngoại trưởng Nhật Bản đã đến chào Thủ tướng Chính phủ Nguyễn Xuân Phúc.",
    "Thủ tướng đề nghị Nhật Bản tiếp tục cung cấp vốn vay ODA ưu đãi cho các dự án trọng điểm.",
    "Dự kiến, hai bên sẽ ký kết thêm nhiều văn kiện hợp tác trong chuyến thăm cấp cao sắp tới.",
]
CAPTION = "Bộ trưởng Phạm Bình Minh và Ngoại trưởng Nhật Bản tại buổi hội đàm."
CREDIT_LINE = "Ảnh: Văn Điệp/TTXVN"
BYLINE = "Thu Phương (theo TTXVN)"


def one_line_visit() -> str:
    first, rest = VISIT_SENTENCES[:5], VISIT_SENTENCES[5:]
    return " ".join([*first, CAPTION, CREDIT_LINE, *rest, BYLINE])


def kinds(result: list[Paragraph]) -> list[str]:
    return [p.kind for p in result]


def squeezed(text: str) -> str:
    return " ".join(text.split())


# --- the author's paragraphs ----------------------------------------------------------------

def test_blank_lines_and_line_breaks_are_the_authors_paragraphs():
    body = "\n\n".join([NAGANO_OPENING, NAGANO_SUBHEAD, NAGANO_THANKS])
    assert paragraphs(body) == [Paragraph(NAGANO_OPENING), Paragraph(NAGANO_SUBHEAD),
                                Paragraph(NAGANO_THANKS)]
    # one paragraph a line (JSONL exports), stray spaces and empty lines ignored
    body = f"  {KAWAGUCHI_HOSTS} \n\n\n{KAWAGUCHI_WELCOME}\n   \n{EMBASSY_VISIT}\n"
    assert [p.text for p in paragraphs(body)] == [KAWAGUCHI_HOSTS, KAWAGUCHI_WELCOME, EMBASSY_VISIT]


def test_a_long_paragraph_of_the_author_is_kept_whole():
    long_paragraph = " ".join(SEED_PASSAGES[:4])
    assert MAX_CHARS < len(long_paragraph) <= AUTHOR_PARAGRAPH_MAX_CHARS
    body = f"{long_paragraph}\n\n{EMBASSY_VISIT}"
    assert [p.text for p in paragraphs(body)] == [long_paragraph, EMBASSY_VISIT]


def test_nothing_is_empty():
    assert paragraphs("") == [] and paragraphs(" \n\n \n") == []
    assert paragraphs("Hà Nội") == [Paragraph("Hà Nội")]  # a one-line body is text, not a byline


# --- one-line bodies: whole sentences, a few at a time --------------------------------------

def test_a_long_body_without_breaks_becomes_paragraphs_of_whole_sentences():
    body = " ".join(SEED_PASSAGES + VISIT_SENTENCES)
    result = paragraphs(body)
    assert kinds(result) == [TEXT] * len(result) and len(result) >= 4
    assert " ".join(p.text for p in result) == body  # nothing lost, nothing moved
    for paragraph, following in zip(result, result[1:]):  # cut between sentences only
        assert paragraph.text.endswith((".", "…", "”", "?", "!")), paragraph.text[-40:]
        assert following.text[0].isupper() or following.text[0] in "“\"", following.text[:40]
    sizes = [len(p.text) for p in result]
    assert max(sizes) <= MAX_CHARS + SHORT_CHARS and sum(sizes) / len(sizes) >= 350, sizes


def test_a_short_body_stays_one_paragraph():
    assert paragraphs(EMBASSY_VISIT) == [Paragraph(EMBASSY_VISIT)]


def test_a_numbered_item_starts_a_paragraph():
    items = [f"{n}. {sentence}" for n, sentence in enumerate(VISIT_SENTENCES[:3], start=1)]
    body = " ".join([VISIT_SENTENCES[3], *items, VISIT_SENTENCES[4]])
    texts = [p.text for p in paragraphs(body)]
    assert texts[1].startswith("1. Ngày 12/7/2017") and texts[2].startswith("2. Hai bên")
    assert texts[3].startswith("3. Theo số liệu") and texts[3].endswith("đường sắt đô thị.")


@pytest.mark.parametrize("text", [
    "Đoàn đã làm việc tại TP. Hồ Chí Minh và TP.HCM trong hai ngày.",
    "Phát biểu của PGS.TS. Nguyễn Văn Hùng và Th.S Lê Thu Hà được đánh giá cao.",
    "Hiệp định được ký với Hoa Kỳ (U.S.) vào ngày 12.7.2017 tại Hà Nội.",
    "Có 1.500 suất học bổng, tăng 3,5% so với năm trước, gồm ngoại ngữ, tin học... và kỹ năng.",
    "Ông Nguyễn V. A. cho biết đoàn sẽ đến Lào Cai.",
])
def test_abbreviations_numbers_and_dates_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_sentences_end_after_closing_quotes_and_brackets():
    text = ("Ông nói: “Hai bên sẽ hợp tác.” Sau đó đoàn lên đường. Ông hỏi: “Bao giờ?” "
            "Chưa có câu trả lời (theo kế hoạch ban đầu.) Đoàn về nước… Kết thúc./. Trung Hiếu")
    assert sentences(text) == [
        "Ông nói: “Hai bên sẽ hợp tác.”", "Sau đó đoàn lên đường.", "Ông hỏi: “Bao giờ?”",
        "Chưa có câu trả lời (theo kế hoạch ban đầu.)", "Đoàn về nước…", "Kết thúc./.",
        "Trung Hiếu"]


# --- photo credits, captions and bylines -----------------------------------------------------

def test_a_photo_credit_and_its_caption_are_set_apart_and_the_byline_too():
    result = paragraphs(one_line_visit())
    credits = [p.text for p in result if p.kind == CREDIT]
    assert credits == [f"{CAPTION} {CREDIT_LINE}", BYLINE]
    assert result[-1] == Paragraph(BYLINE, CREDIT)
    caption_at = kinds(result).index(CREDIT)
    assert result[caption_at - 1].text.endswith("các tuyến đường sắt đô thị.")
    assert result[caption_at + 1].text.startswith("“Việt Nam luôn coi Nhật Bản")
    assert squeezed(" ".join(p.text for p in result)) == squeezed(one_line_visit())


@pytest.mark.parametrize("credit, next_words", [
    ("Ảnh: TTXVN", "Năm nay, hai bên"),  # no full stop: the next sentence's capital ends it
    ("Ảnh: Thanh Tùng/TTXVN", "Tuy nhiên, hai bên"),
    ("Ảnh: Military Today", "Xe có cấu hình"),
    ("Ảnh: Matthew Swann.", "Theo Automotive News"),
    ("Ảnh: VGP/Quang Hiếu.", "Đón Thủ tướng"),
    ("Ảnh: TTXVN phát", "Thành phần Đoàn gồm"),
    ("Ảnh: HÀ HUY", "Sợi dây chuyền"),
])
def test_where_a_credit_ends_without_a_full_stop(credit, next_words):
    body = f"{EMBASSY_VISIT} Quang cảnh buổi làm việc. {credit} {next_words} được nhắc lại."
    result = paragraphs(body)
    assert result[1] == Paragraph(f"Quang cảnh buổi làm việc. {credit}", CREDIT)
    assert result[2].text.startswith(next_words)


def test_credits_in_brackets_take_their_caption():
    body = (f"{KAWAGUCHI_HOSTS} Người dân xếp hàng làm thủ tục tại cửa khẩu (Ảnh: Internet) "
            f"{KAWAGUCHI_WELCOME} Quang cảnh buổi lễ. (Ảnh: AFP/TTXVN) {EMBASSY_VISIT}")
    result = paragraphs(body)
    assert kinds(result) == [TEXT, CREDIT, TEXT, CREDIT, TEXT]
    assert result[1].text == "Người dân xếp hàng làm thủ tục tại cửa khẩu (Ảnh: Internet)"
    assert result[3].text == "Quang cảnh buổi lễ. (Ảnh: AFP/TTXVN)"
    assert result[4].text == EMBASSY_VISIT


def test_an_illustration_note_is_a_credit_without_taking_the_sentence_before():
    body = f"{KAWAGUCHI_HOSTS} Ảnh minh họa. Nguồn: Internet {KAWAGUCHI_WELCOME}"
    assert paragraphs(body) == [Paragraph(KAWAGUCHI_HOSTS),
                                Paragraph("Ảnh minh họa. Nguồn: Internet", CREDIT),
                                Paragraph(KAWAGUCHI_WELCOME)]


def test_a_caption_line_of_the_author_is_a_credit():
    body = f"{NAGANO_OPENING}\nĐoàn công tác tại tỉnh Nagano (Ảnh: Báo Lào Cai)\n{NAGANO_THANKS}"
    assert kinds(paragraphs(body)) == [TEXT, CREDIT, TEXT]
    body = f"{NAGANO_OPENING}\nẢnh: Báo Lào Cai\n{NAGANO_THANKS}"
    assert kinds(paragraphs(body)) == [TEXT, CREDIT, TEXT]


@pytest.mark.parametrize("byline", ["Theo VTV", "(Theo Reuters)", "Kim Tuyến", "Trung Hiếu/VOV.VN",
                                    "PGS.BS. Đào Ngọc Diễn", "Tin, ảnh: Phạm Duy Khương (TTXVN)"])
def test_the_closing_byline_is_set_apart(byline):
    result = paragraphs(f"{KAWAGUCHI_HOSTS} {KAWAGUCHI_WELCOME} {byline}")
    assert result == [Paragraph(f"{KAWAGUCHI_HOSTS} {KAWAGUCHI_WELCOME}"),
                      Paragraph(byline, CREDIT)]


@pytest.mark.parametrize("prose", [
    "Mưa lớn (ảnh hưởng của bão số 2) kéo dài đến tối.",
    "Dự án dùng nguồn vốn ODA (nguồn vốn vay ưu đãi) của Nhật Bản.",
    "Ảnh hưởng của thiên tai được khắc phục: đường đã thông xe.",
    "Ảnh cắt từ clip một vụ va chạm được chia sẻ nhiều trên mạng.",
])
def test_prose_about_photos_and_sources_is_text(prose):
    body = f"{KAWAGUCHI_HOSTS} {prose} {KAWAGUCHI_WELCOME}"
    assert paragraphs(body) == [Paragraph(body)]
