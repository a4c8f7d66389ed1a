"""Extraction: when the reported event happened, with which foreign partners, who took part.

Public API: ``extract(article) -> Extraction``. Called once per article in indexer worker
processes, so everything heavy (data file, regexes) is built at import time and the per-article
work is a few regex passes and one token scan; no NER model (see ``extract_people``).
"""
from __future__ import annotations

import re

from ..data import data_file
from ..identity import code_identity
from ..model import Article, Extraction, Official, Partner
from ..text.normalize import clean, is_vietnamese_syllable
from .dates import extract_date
from . import events
from .events import LEAD_SENTENCES, split_sentences
from .gazetteer import (AMBIGUOUS_COUNTRY_WORDS, COUNTRIES, COUNTRY_PATTERN, GAZETTEER_FINGERPRINT, KNOWN_BY_ALIAS,
                        OTHER_PLACES, VIETNAM, VN_ALL_PLACES)
from .partners import (_COUNTRY_WORD_COMPOUNDS, _NEXT_WORD, _foreign_word, _vietnamese_brand, extract_partners,
                       known_place_names, listed_participants, styled, whole_words)
from .people import SURNAMES, extract_people
from .patterns import CAP_RUN, UPPER, every_mention, looks_foreign, mentions, strip_credits

__all__ = ["EXTRACTION_ID", "extract", "extract_date"]

# Changes with this package's code, the gazetteer and the word lists: articles are re-extracted.
EXTRACTION_ID = code_identity(__package__, GAZETTEER_FINGERPRINT, *(
    entry.read_text(encoding="utf-8")
    for entry in sorted(data_file("lexicon").iterdir(), key=lambda e: e.name)))


# A link to another article, its headline in square brackets inside the body ("[Ngoại trưởng Kishida: Nhật Bản ủng
# hộ Việt Nam toàn diện]", "[Tổng thống Pháp Emmanuel Macron gặp thủ lĩnh phe đối lập Syria]"): no part of this
# article, so neither its people nor its places and dates are this article's. An editor's note in brackets ("đề nghị
# Thượng tướng - Bộ trưởng [Thượng tướng Tô Lâm - PV], quan tâm chỉ đạo") is part of the text.
_RELATED_LINK = re.compile(rf"\[(?![^\[\]\n]*?[-–]\s*(?:PV|BT|ND|NV|BBT)\s*\])[{UPPER}\d][^\[\]\n]{{9,200}}\]")


def _without_links(text: str) -> str:
    return _RELATED_LINK.sub(" ", text) if "[" in text else text


def _texts(article: Article) -> tuple[str, list[str], list[str]]:
    """Title, body paragraphs and captions, cleaned, without photo credits, bylines and links to other articles."""
    paragraphs = article.body.split("\n\n")
    body = [strip_credits(_without_links(clean(p)), trailing=False) for p in paragraphs[:-1]]
    body.append(strip_credits(_without_links(clean(paragraphs[-1])), trailing=True))
    return clean(article.title or ""), body, [strip_credits(clean(c), trailing=True) for c in article.captions]


def _chunks(article: Article, texts: tuple[str, list[str], list[str]] | None = None) -> list[str]:
    """Title, summary, body and captions as separate texts (no pattern may run across them),
    without photo credits and bylines. The summary may be the only field naming a party ("...
    theo lời mời của Thủ tướng Chính phủ Nguyễn Xuân Phúc")."""
    title, body, captions = texts or _texts(article)
    summary = clean(article.summary or "")
    if summary and body and body[0].startswith(summary[:80]):
        summary = ""  # repeated as the first paragraph: read once
    return [c for c in [title, summary, *body, *captions] if c.strip()]


# Names that are never people, so "Tổng Thư ký Liên Hợp Quốc Antonio Guterres" splits cleanly.
_STATIC_PLACES = (VN_ALL_PLACES | OTHER_PLACES | set(COUNTRIES) | set(KNOWN_BY_ALIAS)
                  | {"Việt", "Nhật", "Trung", "Hàn", "Thái", "Xô", "Liên Hợp Quốc", "Liên Hiệp Quốc"})


# A Vietnamese party to the reported event, named where the article says what happened (title,
# summary, first sentences of the body): a Vietnamese place or the country, or a body of its
# state. World news, sport and car reviews name none, and their foreign places are not partners.
# Seas and regions are matched too, so "Bình Dương" is not read inside "Thái Bình Dương"; a state
# body followed by a foreign country or "nước này" is that country's ("Bộ Ngoại giao Đức"), and
# "giờ Việt Nam", "giờ Hà Nội" are time zones ("2h00 sáng ngày 4/7 theo giờ Hà Nội" in world news), and a national
# team ("Đội tuyển bóng chuyền nữ Việt Nam", "U23 Việt Nam") is no party either.
_TIME_ZONES = {"giờ Việt Nam", "giờ Hà Nội"}
_STATE_BODIES = {"Thủ tướng Chính phủ", "Chủ tịch nước", "Tổng Bí thư", "Quốc hội", "Bộ Ngoại giao", "UBND"}
_VIETNAMESE_PARTY = re.compile(whole_words(VN_ALL_PLACES | _STATE_BODIES | {
    "Việt", "VN", "TP.HCM", "TPHCM", "nước ta", *_TIME_ZONES}))
_SEAS_AND_REGIONS = re.compile("|".join(re.escape(p) for p in sorted(OTHER_PLACES, key=len, reverse=True)))
_SEA_FIRST_WORDS = tuple(sorted({p.split()[0] for p in OTHER_PLACES}))  # most leads name no sea: skip the sub
_COUNTRY_THEN_NAME = re.compile(r"\s+(?:nước\s+)?(?P<country>" + whole_words(set(COUNTRIES)) + ")")
_MARKET_BEFORE = re.compile(r"(?<![\w-])(?:thị trường|người tiêu dùng|khách hàng|khách|người dùng|cầu thủ|hãng xe tại"
                            r"|bán tại|bán ở|có mặt tại|giảm giá tại|ra mắt tại|phân phối tại|lãnh thổ)\s+$")
_PAPER_BEFORE = re.compile(r"(?<![\w-])[Bb]áo\s+$")
# (a community of them, "cộng đồng người Việt", "Tổng hội người Việt Nam tại Lào", is a party)
_NATIONALS_BEFORE = re.compile(r"(?<![\w-])(?<!cộng đồng )(?<!hội )(?:người|công dân|quốc tịch|gốc|[Cc]huyên gia|[Hh]ọc giả)"
                               r"\s+$")
_DIRECTION_BEFORE = re.compile(r"(?<![\w-])(?:hướng|phía)\s+$")
_COUNTRY_OF_DIRECTION = re.compile(rf"\s+(?:của\s+)?(?:nước\s+)?{COUNTRY_PATTERN}")
_TEAM_BEFORE = re.compile(r"(?<![\w-])(?i:đội tuyển|tuyển|đội|ĐT|U-?\d{2})(?:\s+[^\s.,;:!?]+){0,3}\s+$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w&'’-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w&'’-]*)")
_ELECTION_BEFORE = re.compile(r"(?<![\w-])bầu cử\s+$")
_PLACE_NAMES = VN_ALL_PLACES - {VIETNAM}  # places, not the country: "Mỹ, Singapore, Việt Nam, Trung Quốc" lists countries
_PLACE_OF_COUNTRY = re.compile(rf"(?:\s*,\s*(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|bang)\s+{CAP_RUN})*"
                               rf"\s*(?:,\s*|\(\s*|\s+(?:của|thuộc)\s+)(?:(?:phía|miền)\s+\w+\s+(?:của\s+)?)?{COUNTRY_PATTERN}")
_FOREIGN_AFTER = re.compile(rf"\s*(?:\(|này|(?:của\s+)?nước\s+này|{COUNTRY_PATTERN})")


_LEAD_CHARS = 1500  # enough for the body's first sentences, without splitting the whole body


def _lead(article: Article, texts: tuple[str, list[str], list[str]] | None = None) -> str:
    """Title, summary and the body's first sentences: where an article says what happened."""
    title, body, _ = texts or _texts(article)
    first = split_sentences(body[0][:_LEAD_CHARS])[:LEAD_SENTENCES] if body else []
    return "\n".join([title, clean(article.summary or ""), *first])


# A foreign country right before a name is the end of the person's title: "Chủ tịch Trung Quốc Tập Cận Bình".
# Short names that are also words or given names ("Pháp" of "Bộ Tư Pháp") are not read.
_FOREIGN_COUNTRY_BEFORE = re.compile(
    "(?:" + whole_words(set(COUNTRIES) - AMBIGUOUS_COUNTRY_WORDS - {VIETNAM}) + r")[ \t]+$")


def _vietnamese_official(official: Official, text: str) -> bool:
    """A person in office with a Vietnamese name and no foreign country in the title
    ("Thủ tướng Nguyễn Xuân Phúc", not "Chủ tịch Trung Quốc Tập Cận Bình"), nor anywhere right before the
    name in ``text``: the leaders of China are named with Vietnamese syllables, and the article may give
    "Chủ tịch" first and "Chủ tịch Trung Quốc" later."""
    words = official.name.split()
    return (bool(official.title) and len(words) >= 2 and words[0] in SURNAMES
            and not looks_foreign(official.name)
            and not any(country != VIETNAM for country in _countries_in(official.title))
            and not any(_FOREIGN_COUNTRY_BEFORE.search(text, max(0, at - 24), at) for at in mentions(text, official.name)))


# People named as the press (journalists, photographers, authors: never officials, GUIDELINES.md) or, in a
# report of a Vietnamese-foreign event, as experts commenting on it ("Giáo sư Alexander Vuving (Trung tâm
# ...) cho biết", "Học giả Ngô Di Lân ... nhận định", "Ông Murray Hiebert (Cố vấn cao cấp, ...)"), unless
# the lead names them.
def _kinds_of_people(kinds: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(the kind opening a title, the kind a few words before a name, the kind in brackets after it)."""
    return (re.compile(rf"(?:{kinds})(?![\w-])"),
            re.compile(rf"(?<![\w-])(?:{kinds})(?![\w-])(?:\s+[^\s.,;:!?()]+){{0,3}}\s+$"),
            re.compile(rf"\s*[(,]\s*(?:{kinds})(?![\w-])"))


_PRESS = _kinds_of_people(r"nhà báo|phóng viên|Phóng viên|PV|biên tập viên|tác giả|Tác giả|nhiếp ảnh gia|Nhiếp ảnh gia")
_EXPERTS = _kinds_of_people(
    r"Giáo sư|giáo sư|GS\.?|PGS\.?|Học giả|học giả|[Cc]huyên gia|[Nn]hà nghiên cứu|[Nn]hà phân tích|[Nn]hà bình luận"
    r"|[Cc]ố vấn cao cấp|[Nn]hà khoa học")


# ... and entertainers at an event with a foreign party ("Hoa hậu Việt Nam 2016 Đỗ Mỹ Linh", "ca sĩ Duy Khoa" named
# image ambassadors at a UNFPA event): its guests, not officials, unless the lead names them (showbiz news, with no
# foreign party, is about them).
_PERFORMERS = _kinds_of_people(r"[Cc]a sĩ|[Cc]a sỹ|[Dd]iễn viên|[Hh]oa hậu|[Áá] hậu|[Nn]gười mẫu|MC|[Dd]anh hài")


def _named_as(official: Official, kinds: tuple[re.Pattern, re.Pattern, re.Pattern], text: str) -> bool:
    """Every mention of the person in full comes right after one of ``kinds`` (and a few words), or with
    it in brackets after the name; or their title is one of them."""
    opening, before, after = kinds
    if official.title and opening.match(official.title):
        return True
    return " " in official.name and every_mention(text, official.name, lambda at: bool(
        before.search(text, max(0, at - 50), at) or after.match(text, at + len(official.name))))


# Below the lead, a visit named as a thing, with whose it was ("chuyến thăm Việt Nam của nguyên Tổng Thư ký ...
# Nikai Toshihiro", "chuyến thăm Mỹ của Thủ tướng ..."), or a phone call between leaders ("cuộc điện đàm giữa Thủ
# tướng ... và Tổng thống Donald Trump") recalls or announces another exchange than the one reported: its people are
# not the event's. (Meetings named so are often the reported ones: "đã có các cuộc gặp Chủ tịch ... của Tập đoàn P&G".)
_ANOTHER_EXCHANGE = re.compile(r"(?:(?:chuyến thăm|chuyến công du)(?:[^.;!?:]{0,60}?\s|\s)của\s"
                               r"|cuộc điện đàm(?:[^.;!?:]{0,40}?\s|\s)(?:giữa|với)\s)"
                               r"(?:[^.;!?:]{0,80}?\s(?:và|với)\s)?(?:(?!\s(?:tại|đến|tới|sang|ở|đã|sẽ|là|phát biểu|cho biết)\s)"
                               r"[^.;!?:]){0,120}$")  # up to the person: a title, no verb ("... đến Đà Nẵng Phát biểu ...")


def _of_another_exchange(official: Official, text: str) -> bool:
    """Every mention of the official in full is in a visit or talks named as a thing (see above)."""
    return " " in official.name and every_mention(
        text, official.name, lambda at: bool(_ANOTHER_EXCHANGE.search(text, max(0, at - 200), at)))


def has_vietnamese_party(article: Article, officials: list[Official] = (),
                         texts: tuple[str, list[str], list[str]] | None = None, lead: str | None = None) -> bool:
    """The lead names a Vietnamese party: a place or the country, a body of its state, or one
    of the article's Vietnamese officials."""
    lead = _lead(article, texts) if lead is None else lead
    if any(word in lead for word in _SEA_FIRST_WORDS):
        lead = _SEAS_AND_REGIONS.sub(" ", lead)
    for match in _VIETNAMESE_PARTY.finditer(lead):
        name = match.group()
        if name in _TIME_ZONES:
            continue
        if name in (VIETNAM, "VN") and _TEAM_BEFORE.search(lead, max(0, match.start() - 40), match.start()):
            continue
        if _PAPER_BEFORE.search(lead, max(0, match.start() - 6), match.start()):
            continue  # "Báo Hà Tĩnh điện tử tổng hợp các tin tức": a paper named after its province, no party
        if name == VIETNAM and (brand := _WORD_BEFORE.search(lead, max(0, match.start() - 30), match.start())) and \
                _foreign_word(brand.group(1)):
            continue  # "Toyota Việt Nam", "Samsung Việt Nam": a foreign company's subsidiary counts as foreign
        if name in (VIETNAM, "Việt") and _MARKET_BEFORE.search(lead, max(0, match.start() - 24), match.start()):
            continue  # "giảm giá xe nhập khẩu tại Việt Nam", "hút khách Việt": a market, not a party
        if name in (VIETNAM, "Việt") and _NATIONALS_BEFORE.search(lead, max(0, match.start() - 24), match.start()):
            continue  # "nghi phạm người Việt Nam Đoàn Thị Hương", "Chuyên gia Việt Nam nhận định gì?": people, no party
        if name == "Tây Bắc" and (_DIRECTION_BEFORE.search(lead, max(0, match.start() - 8), match.start()) or (
                (country := _COUNTRY_OF_DIRECTION.match(lead, match.end())) and COUNTRIES[country.group("country")] != VIETNAM)):
            continue  # "bay theo hướng Tây Bắc", "phía Tây Bắc thủ đô Paris", "Manchester Tây Bắc nước Anh": a direction
        if name in _PLACE_NAMES and (marked := _PLACE_OF_COUNTRY.match(lead, match.end())) and \
                COUNTRIES[marked.group("country")] != VIETNAM:
            continue  # "thành phố Tế Nguyên (tỉnh Hà Nam, Trung Quốc)": China's Henan, not Hà Nam province
        if name in _STATE_BODIES and (after := _FOREIGN_AFTER.match(lead, match.end())) and \
                (after.groupdict().get("country") or "") != VIETNAM:
            continue
        if name in _STATE_BODIES and ((after := _WORD_AFTER.match(lead, match.end())) and _foreign_word(after.group(1))
                                      or _ELECTION_BEFORE.search(lead, max(0, match.start() - 10), match.start())):
            continue  # "Quốc hội Scotland", "cuộc bầu cử Quốc hội" of a country named before: another state's
        if name in _STATE_BODIES and (after := _COUNTRY_THEN_NAME.match(lead, match.end())) and \
                COUNTRIES[after.group("country")] != VIETNAM and \
                not _VIETNAMESE_PARTY.match(lead, after.start("country")):
            continue  # "Bộ Ngoại giao Triều Tiên Bà Choe Son-Hui": a person after the country, not "Lào Cai"
        return True
    named = [o for o in officials if o.name in lead]
    text = "\n".join(_chunks(article, texts)) if named else ""
    return any(_vietnamese_official(o, text) for o in named)


# Car, motorbike and phone news: a lead about goods and their market (a launch, prices, sales, a
# model, a recall) that reports no exchange between parties. The makers it names ("Toyota Việt
# Nam giảm giá ...", "Honda ra thêm 10 mẫu xe mới ở Việt Nam") are no counterparts.
def _words(*words: str) -> re.Pattern:
    """Whole words, in lower case or capitalised (a case-sensitive pattern the engine scans for fast)."""
    return re.compile(whole_words({form for word in words for form in (word, word[0].upper() + word[1:])}))


_GOODS = _words("ô tô", "ôtô", "xe", "xe hơi", "xe máy", "mô tô", "môtô", "xe tay ga", "xe côn tay", "mẫu xe", "dòng xe",
                "hãng xe", "smartphone", "điện thoại", "máy tính bảng", "laptop", "tivi")
_MARKET = _words("giá", "giảm giá", "tăng giá", "ra mắt", "trình làng", "bán", "bán ra", "doanh số", "triệu hồi", "bảo hành",
                 "thị phần", "phiên bản", "mẫu")
# Verbs and bodies of an exchange, in lower case as mid-sentence ("Tiếp nối ...", "liên tiếp", "Tập đoàn",
# "trao đổi" are none).
_EXCHANGE = re.compile(r"(?<![\w-])(?<!liên )(?<!kế )(?<!trực )(?:tiếp(?! tục| nối| theo| cận| thị| xúc với khách)"
                       r"|thăm|hội đàm|hội kiến|làm việc với|ký|ký kết|hợp tác|tài trợ|viện trợ|tặng|trao(?! đổi)"
                       r"|đầu tư|[Đđ]ại sứ|(?<![Tt]ập )đoàn|Đoàn|ghi nhớ|đối tác|hội nghị|hội thảo|diễn đàn|xúc tiến"
                       r"|chuyển giao|bàn giao)(?![\w-])")


# ... and, for ``reports_an_exchange``, the wider words of any exchange between parties, in any case: meeting, aid,
# relations, a ceremony, a delegation, a trade fair, a joint patrol, "giữa" two parties ("Gặp xã giao giữa lãnh đạo tỉnh Lào Cai ... và lãnh đạo
# châu Hồng Hà", "Ngân hàng Thế giới hỗ trợ Việt Nam", "Kỷ niệm ngày Quốc khánh Liên bang Nga", "Khai mạc Hội thảo lý
# luận ... giữa Đảng Cộng sản Việt Nam và Đảng Cộng sản Trung Quốc").
_ANY_EXCHANGE = re.compile(r"(?<![\w-])(?i:gặp|gặp gỡ|gặp mặt|hỗ trợ|trợ giúp|giúp đỡ|quan hệ|hữu nghị|họp|hội nghị|kỷ niệm"
                           r"|quốc khánh|giao lưu|đối thoại|điện đàm|chúc mừng|phối hợp|hợp tác|liên kết|đón|thỏa thuận"
                           r"|thoả thuận|hiệp định|tuyên bố chung|đàm phán|cam kết|phê duyệt|trao đổi|đối tác|đại sứ|lãnh sự"
                           r"|ngoại giao|đoàn|giữa|hội thảo|diễn đàn|hội đàm|hội kiến|làm việc|thăm|ký kết|ghi nhớ|tài trợ"
                           r"|viện trợ|tặng|trao tặng|xúc tiến|chuyển giao|bàn giao|đầu tư|hội chợ|triển lãm|liên hoan"
                           r"|tham gia|tham dự|song phương|đa phương|tuần tra chung)(?![\w-])")


def reports_an_exchange(lead: str) -> bool:
    """The lead uses a word of an exchange between parties. One that uses none (a heat wave "kỷ lục ... tại tỉnh
    Vân Nam", a flu strain spreading in southern China, a Formosa plant's explosion) reports no exchange: the
    foreign places and bodies it names are mentions, no counterparts (issue 12's "attached to articles that
    mention Yunnan only in passing")."""
    return bool(_EXCHANGE.search(lead) or _ANY_EXCHANGE.search(lead))


_APPRAISAL = re.compile(r"đánh $")  # "đánh giá" is no price


def about_goods(lead: str) -> bool:
    """The lead reports goods on a market, not an exchange between parties."""
    return bool(_GOODS.search(lead) and any(not _APPRAISAL.match(lead, max(0, m.start() - 5), m.start())
                                            for m in _MARKET.finditer(lead))) and not _EXCHANGE.search(lead)


# Sport news (GUIDELINES: a `mention` article): a lead that speaks of matches, teams, coaches and tournaments, two of
# these words at least ("U23 Việt Nam thắng đậm U23 Malaysia", "trận giao hữu giữa CLB Gangwon FC và tuyển TP.HCM");
# the foreign clubs, cities and countries it names are no counterparts.
_SPORT = re.compile(r"(?<![\w-])(?:SEA Games|ASIAD|Olympic|World Cup|AFF Cup|AFF Suzuki Cup|V-League|V\.League|Bundesliga"
                    r"|Premier League|Ngoại hạng Anh|Champions League|futsal|Futsal|U-?\d\d|ĐTQG|HLV|CLB|VFF|HCV|HCB|HCĐ"
                    r"|(?i:đội tuyển|bóng đá|bóng chuyền|quần vợt|cầu thủ|tiền đạo|thủ môn|tiền vệ|hậu vệ|huấn luyện viên"
                    r"|trận đấu|trận giao hữu|bàn thắng|ghi bàn|vòng loại|vòng bảng|chung kết|bán kết|tứ kết|huy chương"
                    r"|vận động viên|võ sĩ|võ sư|giải vô địch))(?![\w-])")


# ... unless diplomats or state leaders play or meet in it ("Giao lưu bóng đá các Đại sứ quán ASEAN tại Ấn Độ").
_DIPLOMACY = re.compile(r"(?<![\w-])(?:[Đđ]ại sứ|[Ll]ãnh sự|[Nn]goại giao|Bộ trưởng|Thủ tướng|Chủ tịch nước|Tổng thống)(?![\w-])")


def about_sport(lead: str) -> bool:
    """The lead reports sport (see above)."""
    first = _SPORT.search(lead)
    return bool(first and _SPORT.search(lead, first.end())) and not _DIPLOMACY.search(lead)


def extract(article: Article) -> Extraction:
    texts = _texts(article)
    chunks = _chunks(article, texts)
    event_date, year, date_source = extract_date(article)
    named_here = known_place_names(chunks)
    places = (_STATIC_PLACES | named_here) if named_here else _STATIC_PLACES  # most add none
    officials = extract_people(chunks, places)
    whole = "\n".join(chunks)
    officials = [o for o in officials if not _named_as(o, _PRESS, whole)]
    lead = _lead(article, texts)
    if not has_vietnamese_party(article, officials, texts, lead) or about_goods(lead) or about_sport(lead):
        return Extraction(date=event_date, year=year, date_source=date_source, officials=officials)  # a partner is a counterpart of a Vietnamese party
    officials = [o for o in officials if o.name in lead or not (_named_as(o, _EXPERTS, whole) or _of_another_exchange(o, whole))]
    texts_of_partners, spans = event_spans(article, texts)
    partners = found = extract_partners(texts_of_partners, {o.name for o in officials}, spans)
    text = "\n".join(texts_of_partners)
    if not reports_an_exchange(lead):  # "nắng nóng kỷ lục ... tỉnh Vân Nam": named, in no exchange
        return Extraction(date=event_date, year=year, date_source=date_source, mentioned=_only_mentioned(found, []),
                          officials=officials, countries=event_countries(article, [], officials, lead, text))
    partners = _parties_of_the_lead(partners, lead, text, officials)
    if any(_NEWS_OUTLET.match(p.name) for p in partners):
        partners = _not_sources(partners, text)
    partners = [p for p in partners if not _only_where(p, text)]
    partners += _bodies_of_foreign_officials(officials, partners, text)
    if "trưởng" in text or "Thống đốc" in text or "Thủ hiến" in text:
        partners += _places_of_leaders_met(partners, text)
    partners = [Partner(styled(p.name), p.country) for p in _not_countries_of_other_partners(partners)]
    if partners:  # an event with a foreign party: its entertainers are guests (see above)
        officials = [o for o in officials if o.name in lead or not _named_as(o, _PERFORMERS, whole)]
    partners += _states_of_leaders_met(officials, partners, lead, text)
    return Extraction(date=event_date, year=year, date_source=date_source, partners=partners,
                      mentioned=_only_mentioned(found, partners), officials=officials,
                      countries=event_countries(article, partners, officials, lead, text))


def _only_mentioned(found, partners) -> list[Partner]:
    """The foreign parties the report names that the rules above did not take as counterparts (a venue,
    the background, another exchange), but not a counterpart's own country ("Nhật Bản" beside "tỉnh
    Nagano"): the article page lists them apart, as named in the text."""
    taken = {p.name for p in partners} | {p.country for p in partners if p.country}
    mentioned: dict[str, Partner] = {}
    for partner in found:
        name = styled(partner.name)
        if name not in taken:
            mentioned.setdefault(name, Partner(name, partner.country, "mentioned"))
    return list(mentioned.values())


# Every spelling of a known body ("Liên hợp quốc": "LHQ", "Liên Hợp Quốc"), to find it in a lead.
_SPELLINGS: dict[str, set[str]] = {}
for _alias, _entity in KNOWN_BY_ALIAS.items():
    _SPELLINGS.setdefault(_entity.name, {_entity.name}).add(_alias)


def _bare(name: str) -> str:
    """A place's name without its kind word ("tỉnh Nagano" -> "Nagano")."""
    words = name.split()
    while len(words) > 1 and words[0][0].islower():
        words.pop(0)
    return " ".join(words)


# A verb of meeting and the words of a title before a name: "tiếp Giám đốc điều hành Diễn đàn
# Kinh tế Thế giới (WEF)" names a party wherever it is.
_MET_BEFORE = re.compile(r"(?<![\w-])(?:tiếp(?! tục)|đón|hội kiến|hội đàm với|làm việc với|gặp|gặp gỡ|thăm|ký với"
                         r"|ký kết với)\s+(?:[^\s.,;:!?]+\s+){0,5}$")
# ... or right before a verb of signing or giving it is the subject of: "Thủ tướng ... đã cùng Đại diện Ngân
# hàng Thế giới ký Bản ghi nhớ", "JICA tài trợ".
_SIGNS_AFTER = re.compile(r"\s+(?:(?:đã|vừa|sẽ|cùng|đồng)\s+)*(?:ký|ký kết|trao tặng|trao|tặng|tài trợ|viện trợ)(?![\w-])")


def _met(partner, text: str) -> bool:
    """The text names ``partner`` right after a verb of meeting (and a title), or as the one who signs or
    gives."""
    for spelling in _SPELLINGS.get(partner.name, (partner.name,)):
        at = text.find(spelling)
        while at >= 0:
            if _MET_BEFORE.search(text, max(0, at - 60), at) or _SIGNS_AFTER.match(text, at + len(spelling)):
                return True
            at = text.find(spelling, at + len(spelling))
    return False


def _parties_of_the_lead(partners, lead: str, text: str = "", officials=()):
    """The partners the lead allows: the lead (headline, summary, first sentences) names the
    event's parties, so a partner found only further down is one of them when the lead names it
    or its country ("thăm tỉnh Aichi" later in a report of a visit to Japan), when a verb of
    meeting leads to it ("tiếp Giám đốc điều hành Diễn đàn Kinh tế Thế giới"), or when it is in the
    title of a person taking part ("đã tiếp ... như ..., Giám đốc khu vực Ngân hàng HSBC Doreen Steidle");
    not a body of another country or an international body the lead never names ("Liên minh châu Âu",
    "KOICA", "Liên hợp quốc" in the background of a bilateral meeting)."""
    lead_countries = {_COUNTRY_NAMES[m.group()] for m in _ANY_COUNTRY.finditer(_VIETNAMESE_PLACE.sub(" ", lead))}
    kept = [p for p in partners if p.country in lead_countries or any(
        spelling in lead for spelling in _SPELLINGS.get(p.name, (p.name,))) or _bare(p.name) in lead]
    lead_countries |= {p.country for p in kept if p.country}  # "tỉnh Nagano" in the lead: Japan is a party
    titled = [o for o in officials if o.title]
    listed = listed_participants(text) if any(p.name == p.country for p in partners) else set()
    return [p for p in partners if p in kept or p.country in lead_countries or _met(p, text)
            or any(p.name in o.title and _takes_part(o, lead, text) for o in titled)
            or p.name == p.country and p.country in listed]  # "Tham dự ... có các quốc gia đối tác gồm Australia, ..."


# A news agency, paper or broadcaster quoted as the source of what an article reports ("Hãng tin Jiji
# đăng tải bài viết ...", "theo hãng thông tấn Yonhap") takes no part in it; one that visits, is met
# or signs ("Hãng thông tấn Tân Hoa xã thăm Báo Nhân Dân", "tiếp Xã trưởng Tân Hoa xã") does.
_NEWS_OUTLET = re.compile(r"(?i:hãng tin|hãng thông tấn|thông tấn xã|báo|tờ|tạp chí|đài truyền hình|đài phát thanh"
                          r"|kênh truyền hình|kênh)\s|(?:Tân Hoa xã|Tân Hoa Xã)$")
_SOURCE_BEFORE = re.compile(r"(?<![\w-])(?i:theo|dẫn|trích|trên|của)\s+$")
_SOURCE_AFTER = re.compile(r"\s*(?:,\s*)?(?:(?:cũng|còn|đã|vừa|ngày \d{1,2}/\d{1,2})\s+)*(?:đăng tải|đăng|đưa tin|loan tin"
                           r"|dẫn lời|dẫn nguồn|trích dẫn|trích lời|cho biết|cho hay|viết|bình luận|nhận định|tiết lộ|có bài"
                           r"|phát đi|công bố|nhấn mạnh|đánh giá)(?![\w-])")


def _quoted_source(partner, text: str) -> bool:
    """Every mention of ``partner`` (any spelling, or its name after the kind word) in ``text`` is a
    news outlet cited as a source; False when none is found."""
    head = _NEWS_OUTLET.match(partner.name)
    bare = partner.name[head.end():] if head and head.end() < len(partner.name) else None
    return _at_every_mention(text, {*_SPELLINGS.get(partner.name, (partner.name,)), *([bare] if bare else [])},
                             lambda at, end: bool(_SOURCE_BEFORE.search(text, max(0, at - 8), at)
                                                  or _SOURCE_AFTER.match(text, end)))


def _at_every_mention(text: str, spellings, holds, *, whole_words: bool = False) -> bool:
    """``holds(at, end)`` at every occurrence of any of ``spellings`` in ``text`` (only those standing as whole words
    when ``whole_words``): False as soon as it gives False; else True when it gave True at one at least (an occurrence
    where it gives None does not count)."""
    found = False
    for spelling in spellings:
        at = text.find(spelling)
        while at >= 0:
            end = at + len(spelling)
            if whole_words and (at and text[at - 1].isalnum() or text[end : end + 1].isalnum()):
                at = text.find(spelling, at + 1)
                continue
            verdict = holds(at, end)
            if verdict is False:
                return False
            found = found or verdict is True
            at = text.find(spelling, end)
    return found


# Where something happens is no party to it ("nằm ở thành phố Puskin", "Hội nghị ... tại tỉnh Attapeu, Lào vào
# tháng 9"), nor is a place the Vietnamese side only goes to, leaves or tours ("chuyến thăm chính thức tới TP
# Annapolis", "rời thành phố Saint Petersburg", GUIDELINES.md): a place is a party when named otherwise, as its
# authorities act ("Thống đốc tỉnh Nagano", "Thị trưởng Rotterdam", "lãnh đạo bang Hamburg") or it does ("Milan sẵn
# sàng hợp tác").
_VENUE = re.compile(r"(?<![\w-])(?:tại|ở)\s+(?:(?i:thủ phủ|thủ đô)\s+)?"
                    r"(?:(?i:thành phố|tp\.?|tỉnh|bang|tiểu bang|châu|vùng|quận|huyện)\s+"
                    r"|(?:[a-zđà-ỹ]+\s+){1,3})?$")  # or a place named in a venue's: "ở nhà thi đấu Manchester"
_CAPITAL_BEFORE = re.compile(r"(?<![\w-])(?i:thủ đô)\s+$")
_PLACE_KINDS = r"(?i:thành phố|tp\.?|tỉnh|bang|tiểu bang|thủ đô|thủ phủ|châu|vùng|quận|huyện)"
_TOURED_BEFORE = re.compile(rf"(?<![\w-])(?:(?<!bốc )thăm|đến|tới|sang|rời|tham quan|khảo sát)"
                            rf"(?:\s+(?:và|chính thức|hữu nghị|cấp nhà nước|làm việc|thực tế))*\s+(?:{_PLACE_KINDS}\s+)?$")
# A body named as the seat a meeting is held in ("tại Trụ sở Quốc hội Nhật Bản, Thủ tướng ... đã hội kiến với Chủ
# tịch Thượng viện") is a venue, as a parliament's seat is (GUIDELINES.md).
_SEAT_BEFORE = re.compile(r"(?<![\w-])(?:tại|ở)\s+(?i:trụ sở|tòa nhà|toà nhà)(?:\s+(?:chính|của))*\s+$")
# A place's name inside a body's ("Câu lạc bộ Quốc tế Annapolis") names the body.
_BODY_NAME_BEFORE = re.compile(r"(?<![\w-])(?:Câu lạc bộ|Hiệp hội|Hội|Học viện|Viện|Trường|Đại học|Trung tâm|Công ty"
                               r"|Tập đoàn|Ngân hàng|Quỹ|Tổ chức|Cơ quan|Sở|Cảng|Sân bay|Bảo tàng|Nhà hát)"
                               r"(?:\s+(?!(?:tại|ở|của|với|và|cho|từ)\s)[^\s.,;:!?()]+){0,4}\s+$")
# Nor is an end of a road, railway or air route ("đường cao tốc Hà Nội - Viêng Chăn (Lào)", "hướng tuyến Viêng Chăn -
# Pacxan", "hướng kết nối từ Viêng Chăn đến Hà Nội"): the place after a dash of one, or right after its word (and
# "từ") with a dash or "đến" after the place.
_ROUTE = (r"(?<![\w-])(?:đường|tuyến|cao tốc|đường sắt|đường bộ|đường bay|chuyến bay|quốc lộ|hành lang|lộ trình"
          r"|kết nối|nối)")
_ROUTE_END_BEFORE = re.compile(rf"{_ROUTE}(?:\s+[^\s.,;:!?()]+){{1,6}}?\s*[-–]\s*$")
_ROUTE_START_BEFORE = re.compile(rf"{_ROUTE}(?:\s+từ)?\s+$")
_DASH_AFTER = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?(?:[-–]|đến|tới)\s*[A-ZĐ]")


def _a_route_end(text: str, at: int, end: int) -> bool:
    """The place named from ``at`` to ``end`` is an end of a route (see above)."""
    return bool(_ROUTE_END_BEFORE.search(text, max(0, at - 60), at)
                or (_ROUTE_START_BEFORE.search(text, max(0, at - 16), at) and _DASH_AFTER.match(text, end)))


def _only_where(partner, text: str) -> bool:
    """Every mention of ``partner`` in ``text`` names where something happens: for a place, a venue, a place
    toured or a route's end (see above), or it is inside a body's name; for a body, the seat a meeting is held
    in (see ``_SEAT_BEFORE``). A body named otherwise takes part: "làm việc với Thủ tướng tại Bộ Ngoại giao Hoa
    Kỳ" is hosted by the ministry, whose minister takes part."""
    place = partner.name[:1].islower()  # a place has a lower-case kind word: "thành phố Puskin", "tỉnh Attapeu"

    def where(at: int, end: int) -> bool | None:
        if place and _BODY_NAME_BEFORE.search(text, max(0, at - 50), at):
            return None  # inside a body's name: neither way
        # "rời thủ đô Bắc Kinh": a capital is named as where the visit is, as in ``partners``;
        # "cao tốc Hà Nội - Viêng Chăn": a route's end
        return bool(_SEAT_BEFORE.search(text, max(0, at - 24), at) or place and (
            _CAPITAL_BEFORE.search(text, max(0, at - 12), at) or _a_route_end(text, at, end)
            or _VENUE.search(text, max(0, at - 40), at) or _TOURED_BEFORE.search(text, max(0, at - 50), at)))

    spellings = {*_SPELLINGS.get(partner.name, (partner.name,)), *([_bare(partner.name)] if place else [])}
    return _at_every_mention(text, spellings, where, whole_words=True)


# The body a foreign official heads, named without its country in the official's title: "Chủ tịch Tập
# đoàn Canon" (Mitarai Fijio), "Chủ tịch Đảng Công Minh - Ngài Natsuo Yamaguchi". Its country is the
# one country of the other partners, when there is one.
_BODY_AT_TITLE_END = re.compile(r"(?<![\w-])(?P<body>(?:Tập đoàn|Công ty|Hãng|Đảng|Ngân hàng|Đại học|Học viện|Quỹ|Hiệp hội"
                                r"|Liên đoàn|Tổ chức)\s+(?:[A-ZĐ][\w&.-]*)(?:\s+[A-ZĐ][\w&.-]*){0,3})$")
_LOWER_AFTER = re.compile(r"\s+[a-zđà-ỹ]")


def _bodies_of_foreign_officials(officials, partners, text: str):
    have = {p.name for p in partners}
    countries = {p.country for p in partners if p.country}
    found = []
    for official in officials:
        if not official.title or not looks_foreign(official.name):
            continue
        match = _BODY_AT_TITLE_END.search(official.title)
        if not match:
            continue
        body = match.group("body")
        words = body.split()[2:] if not body.startswith(("Đảng", "Hãng", "Quỹ")) else body.split()[1:]
        if not body.startswith("Đảng") and (not any(map(_foreign_word, words)) or _vietnamese_brand(words)):
            continue  # "Tập đoàn TH", "Công ty Vina...": Vietnamese; a foreign official's party is foreign
        at = text.find(body)
        if at < 0 or _LOWER_AFTER.match(text, at + len(body)) or "Việt" in body or any(
                body in name or name in body for name in have) or _countries_in(body):
            continue  # "Đảng Dân" of "Đảng Dân tiến" is cut short; a body named with its country is found already
        have.add(body)
        found.append(Partner(body, next(iter(countries)) if len(countries) == 1 else None))
    return found


# The place whose head the Vietnamese side meets is a counterpart: "làm việc với Thị trưởng Rotterdam",
# "tiếp Thống đốc bang Victoria ...".
_LEADER_OF_PLACE_MET = re.compile(
    r"(?<![\w-])(?:tiếp(?! tục)|đón|hội kiến|hội đàm với|làm việc với|gặp|gặp gỡ|điện đàm với|tiếp xúc với)\s+"
    r"(?:(?:ông|bà|ngài|Ngài)\s+)?(?:Phó\s+)?(?:Thị trưởng|Thống đốc|Thủ hiến|Tỉnh trưởng)(?:\s+thứ nhất)?\s+(?:của\s+)?"
    r"(?:(?P<kind>thành phố|TP\.?|thủ đô|bang|tỉnh|vùng)\s+)?(?P<name>" + CAP_RUN + ")")


def _places_of_leaders_met(partners, text: str):
    have = {p.name for p in partners} | {_bare(p.name) for p in partners}
    found = []
    for match in _LEADER_OF_PLACE_MET.finditer(text):
        words = match.group("name").split()
        entity = next((KNOWN_BY_ALIAS[" ".join(words[:n])] for n in range(len(words), 0, -1)
                       if " ".join(words[:n]) in KNOWN_BY_ALIAS), None)
        if entity is None or entity.kind != "locality" or entity.country in (None, VIETNAM) or \
                entity.name in have or _bare(entity.name) in have:
            continue
        have.add(entity.name)
        found.append(Partner(entity.name, entity.country))
    return found


# A state's leader: the title is an office and the state's name alone ("Tổng thống Mỹ", "Hoàng hậu Hà Lan",
# "Tổng thống Cộng hòa Indonesia"); "Chủ tịch Quốc hội Cuba" and "Thủ tướng Chính phủ Hoàng gia Campuchia" name a
# body, found by ``_bodies_of_foreign_officials``.
_STATE_LEADER = re.compile(r"(?:Phó\s+)?(?:Tổng thống|Thủ tướng|Chủ tịch nước|Chủ tịch|Quốc vương|Nhà vua|Nữ hoàng"
                           r"|Hoàng hậu|Thái tử|Ngoại trưởng)\s+(?:nước\s+)?(?:(?:Cộng hòa|Cộng hoà|Liên bang|Vương quốc"
                           r"|Hợp chúng quốc|CHLB)\s+)?(?P<country>.+)")


def _states_of_leaders_met(officials, partners, lead: str, text: str) -> list[Partner]:
    """The countries whose leaders take part and no body or place of which does: the state is then
    the counterpart (GUIDELINES.md: "with no body of it taking part, the country itself is the party";
    "Hoàng hậu Hà Lan Máxima đã đến thăm ... Lâm Đồng", "hội đàm với Tổng thống Mỹ Donald Trump"). The
    leader is named in a sentence with a Vietnamese official: world news names leaders at every turn
    (the British Prime Minister on the Manchester bombing, the US President on his own policies)."""
    have = {p.country for p in partners if p.country}
    leaders = [(official, country) for official in officials
               if (leader := _STATE_LEADER.fullmatch(official.title or ""))
               and (country := _COUNTRY_NAMES.get(leader.group("country"))) not in have and country not in (None, VIETNAM)]
    if not leaders:  # most articles: the hosts and sentences below are not needed
        return []
    hosts = [o.name for o in officials if _vietnamese_official(o, text)]
    sentences = split_sentences(text)
    found = []
    for official, country in leaders:
        if country not in have and _takes_part(official, lead, text) and any(
                official.name in sentence and any(host in sentence for host in hosts) for sentence in sentences):
            have.add(country)
            found.append(Partner(country, country))
    return found


def _not_countries_of_other_partners(partners):
    """The partners without a country any other partner belongs to: once a body or place of a country is a
    party ("Bộ Ngoại giao Liên bang Nga" on a state visit to Russia), the country is only one of the event
    (GUIDELINES.md); with no body of it taking part, the country itself is the party."""
    of_bodies = {p.country for p in partners if p.country and p.name != p.country}
    return [p for p in partners if p.name != p.country or p.country not in of_bodies]


def _not_sources(partners, text: str):
    return [p for p in partners if not _NEWS_OUTLET.match(p.name) or not _quoted_source(p, text)]


def event_spans(article: Article, texts: tuple[str, list[str], list[str]]) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The title, summary, body paragraphs and captions, and for each the (start, end) of its
    sentences that report the event. The headline, the summary and the body's first sentences
    always report it (they say what happened); any other sentence when it is built on a verb of
    meeting, visiting, signing or giving."""
    title, body, captions = texts
    summary = clean(article.summary or "")
    chunks = [title, summary, *body, *captions]
    spans = [[(0, len(title))], [(0, len(summary))]]
    past = _past_years(chunks)
    spans += [events.event_spans(paragraph, LEAD_SENTENCES if number == 0 else 0, past)
              for number, paragraph in enumerate(body)]
    spans += [events.event_spans(caption, 0, past) for caption in captions]
    return chunks, spans


# not in a range of years ("2016-2020"); the digits first, so the engine scans for them
_YEAR = re.compile(r"(?:19|20)\d\d(?<![\d.-]\d{4})(?![\d/.-]\d)")
_DATED_YEAR = re.compile(r"(?:\d{1,2}\s*/\s*|tháng\s+\d{1,2}\s*(?:/\s*|năm\s+))((?:19|20)\d\d)(?!\d)")


def _past_years(chunks: list[str]) -> frozenset[str]:
    """Years older than the article's own: older than the newest year the article writes inside a
    date ("ngày 24/5/2017", "tháng 6/2017"), or, with no such date, than the newest year it names.
    A sentence dated with these only recalls the past ("Từ năm 2006 đến nay, Lào Cai tiếp nhận 14 dự
    án ... thông qua tổ chức JICA")."""
    text = "\n".join(chunks)
    years = set(_YEAR.findall(text))
    if len(years) < 2:
        return frozenset()
    dated = [int(y) for y in _DATED_YEAR.findall(text)]
    newest = max(dated) if dated else max(map(int, years))
    return frozenset(y for y in years if int(y) < newest)


_VIETNAMESE_PLACE = re.compile(whole_words(VN_ALL_PLACES - {VIETNAM}))  # "Lào" in "Lào Cai"
_COUNTRY_NAMES = {**{name: name for name in COUNTRIES.values()}, **COUNTRIES}  # spelling -> name
_ANY_COUNTRY = re.compile(whole_words(set(_COUNTRY_NAMES)))
# In a headline, short names that are also words or names ("Anh", "Đức", "Trung", "Áo") are not read.
_HEADLINE_COUNTRY = re.compile(whole_words(set(_COUNTRY_NAMES) - AMBIGUOUS_COUNTRY_WORDS))


_VENUE_BEFORE = re.compile(r"(?<![\w-])(?:tại|ở)\s+$")
_VIET_BEFORE = re.compile(r"(?<![\w-])Việt\s*[-–]?\s*$")
# A country in a headline that names people, a team, goods or a paper of it, not the state as a party:
# "Xe chở người Trung Quốc lao xuống vực", "U23 Việt Nam thắng đậm U23 Malaysia", "Báo Nga: ...",
# "hàng Trung Quốc".
_NOT_THE_STATE_BEFORE = re.compile(r"(?<![\w-])(?:người|công dân|du khách|khách|U\d{2}|tuyển|ĐT|đội|CLB|báo|Báo|báo chí"
                                   r"|Báo chí|truyền thông|hàng|hàng hóa|sản phẩm|xe)\s+$")


def _countries_in(text: str) -> list[str]:
    """The countries a title names, Vietnamese places cut out first ("Lào" in "Lào Cai"), and
    not where a post is ("tại Ấn Độ")."""
    text = _VIETNAMESE_PLACE.sub(" ", text)
    return [_COUNTRY_NAMES[m.group()] for m in _ANY_COUNTRY.finditer(text)
            if not _VENUE_BEFORE.search(text, 0, m.start())  # "Đại sứ Việt Nam tại Ấn Độ": a post, not a party
            and not _VIET_BEFORE.search(text, max(0, m.start() - 8), m.start())  # "Bệnh viện Việt Đức": a joint name
            and not ((after := _NEXT_WORD.match(text, m.end()))  # "Vụ trưởng Vụ Pháp chế": a word, no country
                     and after.group(1).lower() in _COUNTRY_WORD_COMPOUNDS.get(m.group(), ()))]


def _takes_part(official: Official, lead: str, text: str) -> bool:
    """The official is named in the lead, or in a sentence whose verb of meeting comes before the name
    ("tiếp Đại sứ Nhật Bản ...", "đã gặp Chủ tịch ... Tập đoàn P&G (Mỹ) Magesvaran Surajan; Phó Chủ tịch
    Tập đoàn Shire (Ireland) Linda Seah; ..."): one taking part, whose country is one of the event."""
    last = official.name.rsplit(" ", 1)[-1]
    if official.name in lead or (len(last) > 3 and not is_vietnamese_syllable(last) and last in lead):
        return True
    for at in mentions(text, official.name):
        start = max(text.rfind(end, 0, at) for end in ".!?\n") + 1
        if _MEETING_VERB.search(text, start, at):  # "Thủ tướng đã gặp A (Mỹ) X; B (Ireland) Y; ..."
            return True
    return False


_MEETING_VERB = re.compile(r"(?<![\w-])(?:tiếp(?! tục)|đón|hội kiến|hội đàm|làm việc với|gặp|thăm|điện đàm|tọa đàm"
                           r"|trao đổi với|chào xã giao|tiếp xúc|ký)(?![\w-])")


def event_countries(article: Article, partners, officials, lead: str | None = None, text: str | None = None) -> list[str]:
    """The countries the reported event involves: its partners' countries, the countries in the
    titles of the people taking part (``Thủ tướng Nhật Bản``: Japan took part even when no body
    of it is named), and the countries the headline names (``Hai Thủ tướng Việt Nam, Nhật Bản
    hội đàm``)."""
    found = [p.country for p in partners if p.country]
    lead = _lead(article) if lead is None else lead
    text = "\n".join(event_spans(article, _texts(article))[0]) if text is None else text
    found += [country for o in officials if o.title and _takes_part(o, lead, text) for country in _countries_in(o.title)]
    headline = _VIETNAMESE_PLACE.sub(" ", clean(article.title or "")) if _EXCHANGE.search(lead) else ""
    found += [_COUNTRY_NAMES[m.group()] for m in _HEADLINE_COUNTRY.finditer(headline)
              if not _VENUE_BEFORE.search(headline, 0, m.start())  # "... tại Ấn Độ": where, not who
              and not _NOT_THE_STATE_BEFORE.search(headline, max(0, m.start() - 16), m.start())]
    return [c for c in dict.fromkeys(found) if c != VIETNAM]
