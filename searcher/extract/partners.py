"""Foreign partners (localities, embassies, organisations) and their countries.

Vietnamese news names a foreign counterpart in a few fixed shapes: ``tỉnh X (Lào)``,
``thành phố X, tỉnh Y (Nhật Bản)``, ``Đại sứ quán X``, ``Tổng Lãnh sự quán X tại Y``,
``Hiệp hội ... Trung Quốc tại Việt Nam``, or a known acronym (JICA, KOICA, UNICEF...).
Explicit country markers win; then what the same article said earlier; then the data file.
A locality that looks Vietnamese and has no foreign marker is treated as Vietnamese.

A partner is a counterpart of the reported event: names are taken only from the sentences that
report it (see ``events``), not in passing ("của", "như", inside a longer name), and bodies of a
state (``Chính phủ Lào``, ``Thượng viện Nhật Bản``) count. A country is itself a partner when
the text presents it as the party ("thăm chính thức Liên bang Nga", "Bộ trưởng Thương mại
Canada", "Đại sứ Israel", "Phần Lan hỗ trợ"), unless one of its bodies or places is.

Beyond places and bodies named after their country, a body is foreign by its name: a kind word
and a name that cannot be Vietnamese ("Tập đoàn Sumitomo", "Đại học Wageningen"; Vietnamese brands
and company forms excluded, and only in an article with another foreign party), a company listed
as an example of those taking part ("các tập đoàn ... của Nhật Bản như: Canon, Panasonic"), an
abbreviation the article defines after a foreign body's name, and a body in a person's title
right before the name ("Chủ tịch Thượng viện Nhật Bản Date Chuichi").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import word_list
from ..facets import STATE_FORM
from ..model import Partner
from .gazetteer import (
    AMBIGUOUS_COUNTRY_WORDS,
    COUNTRIES,
    COUNTRY_PATTERN,
    KNOWN_BY_ALIAS,
    KNOWN_BY_CANONICAL,
    VIETNAM,
    VN_PLACES,
    VN_PROVINCES,
)
from ..text.normalize import fold, is_vietnamese_syllable
from .patterns import CAP, CAP_RUN, UPPER, first_letter_lookahead, looks_foreign


def whole_words(words) -> str:
    """An alternation of ``words``, longest first, each only as a whole word (not inside a longer
    word or a hyphenated name). Words are grouped under their first character, so the pattern
    opens with a literal character the engine can scan for instead of trying every word at
    every position; the look-behind includes that character for the same reason."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word)
    return "(?:" + "|".join(
        rf"{re.escape(first)}(?<![\w-]{re.escape(first)})(?:" + "|".join(re.escape(word[1:]) for word in group) + ")"
        for first, group in groups.items()
    ) + r")(?![\w-])"


_TYPES = (
    r"tỉnh bang|tiểu bang|khu tự trị dân tộc|khu tự trị|thành phố|thủ phủ|thủ đô|thị trấn|thị xã|đặc khu|tỉnh|châu|huyện|quận"
    r"|vùng|bang|xã|làng|TP\.?"
)
_TYPE = rf"(?<![Ll]iên\s)(?<![\w-])(?P<type>(?i:{_TYPES}))"
# "St." opens a place's name ("thành phố St. Petersburg", "St. Louis"): the run goes on after its full stop.
_PLACE_NAME = rf"(?:St\.[ \t]*)?{CAP_RUN}"
_LOCALITY = re.compile(rf"(?i:{first_letter_lookahead(_TYPES)}){_TYPE}\s+(?P<name>{_PLACE_NAME})")
_CHAIN_LINK = re.compile(rf",\s*(?P<type>(?i:{_TYPES}))\s+(?P<name>{_PLACE_NAME})")
_INDICATOR = re.compile(rf"(?:\s*\(\s*|\s*,\s*|\s+(?:của|thuộc)\s+){COUNTRY_PATTERN}")
_PAREN_COUNTRY = re.compile(rf"\(\s*{COUNTRY_PATTERN}\s*\)")  # searched first: it opens with "(", cheap to look for
_PAREN_NAME = re.compile(rf"(?P<name>{CAP_RUN})\s*\(\s*{COUNTRY_PATTERN}\s*\)")
_MISSIONS = "tổng lãnh sự quán|lãnh sự quán|đại sứ quán"
_EMBASSY = re.compile(
    rf"(?i:{first_letter_lookahead(_MISSIONS + '|ĐSQ|TLSQ')})(?P<kind>(?i:{_MISSIONS})|ĐSQ|TLSQ)\s+{COUNTRY_PATTERN}"
    rf"(?:\s+(?:tại|ở)\s+(?:(?i:thành phố|TP\.?)\s*)?(?P<place>{CAP_RUN}))?"
)
_MORE_COUNTRIES = re.compile(rf"(?:\s*,\s*|\s+và\s+){COUNTRY_PATTERN}(?:\s+(?:tại|ở)\s+(?P<place>{CAP_RUN}))?")
_ENVOYS = "tổng lãnh sự|đại sứ"
_ENVOY = re.compile(
    rf"(?i:{first_letter_lookahead(_ENVOYS)})(?P<kind>(?i:{_ENVOYS}))(?!\s+quán)(?:\s+(?i:đặc mệnh toàn quyền))?\s+{COUNTRY_PATTERN}"
    rf"(?:\s+(?:tại|ở)\s+(?:(?i:thành phố|TP\.?)\s*)?(?P<place>{CAP_RUN}))?"
)
# Heads that may be followed by lower-case words ("Tổ chức xúc tiến ...") and heads that must be
# followed by a capitalised word ("Viện trợ" is aid, not an institute).
# Bodies of a state, which the press writes in lower case too ("chính phủ Ba Lan", "quân đội
# Trung Quốc"): a government, parliament or army named after its country is one partner.
_STATE_BODY_HEADS = ("chính phủ", "quốc hội", "thượng viện", "hạ viện", "quân đội", "hải quân",
                     "cảnh sát biển", "duma")
_ORG_HEAD_LOOSE = "|".join([
    "Hiệp hội", "Cơ quan", "Tổ chức", "Ngân hàng", r"Phòng Thương mại(?: và Công nghiệp)?", "Liên minh",
    "Quân ủy Trung ương", "Quân ủy TƯ", "Hãng thông tấn", "Hội đồng Liên bang", "Tòa án", "Toà án",
    *(form for head in _STATE_BODY_HEADS for form in (head[0].upper() + head[1:], head))])
_ORG_HEAD_STRICT = r"Hội|Quỹ|Tập đoàn|Công ty|Viện|Học viện|Trường|Đại học|Trung tâm|Văn phòng|Bộ|Đảng|Hãng|Nhà nước|Chương trình|Câu lạc bộ|Đài truyền hình|Liên đoàn|Ủy ban|Uỷ ban"
_LOWER_WORD = r"[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
# Organisation named after its country: capitalised words (each may carry up to three lower-case
# syllables: "Cao đẳng", "Dân chủ", "Phát triển kinh tế", never a word that links two names such
# as "cùng") between a head word and the country.
# Nor a verb or particle of the sentence around the name ("Quốc hội tiếp Đoàn ...", "Liên minh Kinh
# tế Á-Âu gồm Nga", "IPU-137 do Nga đăng cai"): a name holds none.
_NOT_IN_NAME = ("cùng|với|cho|tại|từ|là|ở|do|gồm|đã|sẽ|được|đang|vừa|có|không|tiếp|đón|dẫn|đề|thăm|gặp|ký|trao"
                "|tặng|mời|nhận|đến|sang|tới|về|khi|thì|mà|để|như|hay|hoặc|trong|theo"
                # verbs a body is the subject of: "Chính phủ cảm ơn Chính phủ Đức" is no body's name
                "|cảm|hoan|khẳng|bày|nhấn|chúc|ủng|biết|mong|muốn|luôn|rất|cũng|nói")
_NAME_LOWER = rf"(?!(?:{_NOT_IN_NAME})(?![\w-])){_LOWER_WORD}"
_ORG = re.compile(
    rf"{first_letter_lookahead(_ORG_HEAD_LOOSE + '|' + _ORG_HEAD_STRICT)}(?<![\w-])(?P<org>(?:(?:{_ORG_HEAD_LOOSE})(?:\s+(?:{_NAME_LOWER}\s+){{0,3}})?|(?:{_ORG_HEAD_STRICT})\s+(?=[{UPPER}]))(?:{CAP}(?:\s+{_NAME_LOWER}){{0,3}}\s+){{0,5}}?{COUNTRY_PATTERN})(?P<tail>\s+tại\s+Việt Nam|\s+[-–]\s+Việt(?: Nam)?(?![\w-]))?"
)
# A ministry whose name lists its fields, as Japan's and Korea's do: "Bộ Thương mại, Công nghiệp và Năng
# lượng Hàn Quốc", "Bộ Y tế, Lao động và phúc lợi Nhật Bản" (``_ORG`` reads no comma inside a name).
_FIELD = rf"{CAP}(?:\s+{_NAME_LOWER}){{0,2}}"
# Fields after the first may be written in lower case ("Bộ Giáo dục, văn hóa, thể thao, khoa học và công
# nghệ Nhật Bản"), never a word that opens a plural or a person ("các doanh nghiệp Nhật Bản").
_LOWER_FIELD = rf"(?!(?:các|những|nhiều|một|mọi|mỗi|hai|ba|doanh|nhà|người|đại|lãnh|cán|phía|ông|bà|đoàn|quan|chính)(?![\w-])){_NAME_LOWER}(?:\s+{_NAME_LOWER}){{0,2}}"
_MINISTRY_LIST = re.compile(
    rf"(?<![\w-])Bộ\s+(?P<name>{_FIELD}(?:,\s+(?:{_FIELD}|{_LOWER_FIELD})){{1,5}}(?:,?\s+và\s+(?:{_FIELD}|{_LOWER_FIELD}))?)"
    rf"\s+(?P<of>của\s+)?{COUNTRY_PATTERN}")
_NOT_A_FIELD = re.compile(r"(?:Bộ|Ủy ban|Uỷ ban|Viện|Tổng cục|Cục|Vụ|UBND|Sở|Ban|Văn phòng|Đại sứ|Tổng|Phó|Thứ|Chủ|"
                          r"Giám đốc|Trưởng|Tư lệnh|Đô đốc|Thủ tướng|Tổng thống|Ngài|Ông|Bà)(?![\w-])")


def _a_ministry_list(match: re.Match) -> bool:
    """The fields are a ministry's, not a list of bodies or people ("Bộ Ngoại giao, Bộ Công Thương ...",
    "Bộ Công an Tô Lâm, Bộ trưởng ...")."""
    if COUNTRIES[match.group("country")] == VIETNAM:
        return False
    fields = re.split(r",\s+|\s+và\s+", match.group("name"))
    return not any(_NOT_A_FIELD.match(field) or field in COUNTRIES or field in _VIETNAMESE_PLACES
                   or field.split()[0] in ("Việt", "Hà", "Nhật", "Hàn", "Trung") for field in fields)


# A body named for what it deals with: "Cơ quan Liên bang về hợp tác kỹ thuật quân sự Nga", "Ủy ban Nhà nước
# về hàng không dân dụng của Campuchia" (``_ORG`` reads no "về" inside a name, as it mostly links a name
# to a topic in a sentence). A capitalised word must come before "về".
_BODY_ABOUT = re.compile(
    rf"(?<![\w-])(?P<body>(?:Cơ quan|Ủy ban|Uỷ ban|Hội đồng|Viện|Trung tâm|Quỹ)\s+{CAP}(?:\s+{_NAME_LOWER}){{0,2}}"
    rf"\s+về(?:\s+{_NAME_LOWER}){{1,7}}?)\s+(?P<of>của\s+)?{COUNTRY_PATTERN}")


_ORG_BAD_SECOND = {"nghị", "thảo", "chợ", "trưởng", "đội", "phim", "đạo", "viên", "hợp", "sinh", "trình", "đàm", "các", "những", "này", "đó"}
# A long name of a body of a country, whose words the press writes mostly in lower case ("Trường đào tạo tư pháp
# Italy", "Ủy ban Xúc tiến thương mại quốc tế Trung Quốc", "Ngân hàng Phát triển kinh tế quốc tế Nga"), which
# ``_ORG`` (at most three lower-case words in a row, none right after most heads) leaves: a head, then up to eleven
# words of either case, then the country. Never a title ("Bộ trưởng") or a meeting ("Hội nghị") after the head, nor a
# word linking two phrases ("của", "và") inside.
_BODY_WORD_LOWER = rf"(?!(?:{_NOT_IN_NAME}|của|và)(?![\w-])){_LOWER_WORD}"
_NOT_SECOND = "|".join(_ORG_BAD_SECOND)
_LONG_ORG = re.compile(
    rf"{first_letter_lookahead(_ORG_HEAD_LOOSE + '|' + _ORG_HEAD_STRICT)}(?<![\w-])(?P<org>(?:{_ORG_HEAD_LOOSE}|{_ORG_HEAD_STRICT})"
    rf"\s+(?!(?:{_NOT_SECOND})(?![\w-]))(?:{_BODY_WORD_LOWER}|{CAP})(?:\s+(?:{_BODY_WORD_LOWER}|{CAP})){{0,10}}?"
    rf"\s+{COUNTRY_PATTERN})(?P<tail>\s+tại\s+Việt Nam|\s+[-–]\s+Việt(?: Nam)?(?![\w-]))?")
# A body in a person's title, alone or after another ("Chủ tịch Hội đồng Nhà nước và Hội đồng Bộ trưởng Cuba"): a
# post, partner only through the rules for titles.
_TITLE_THEN_BODY = re.compile(r"(?<![\w-])(?:Chủ tịch|Tổng thống|Thủ tướng|Bộ trưởng|Thứ trưởng|Giám đốc|Tổng Giám đốc"
                              r"|Tổng Thư ký|Tổng thư ký|Chủ nhiệm|Thống đốc|Trưởng ban|Viện trưởng|Hiệu trưởng)"
                              r"\s+(?:[^,.;:!?\n]{0,60}\s+và\s+)?$")


_LONG_NAME_CHARS = 120  # eleven words and a head
_COUNTRY_WORDS = re.compile(whole_words(COUNTRIES))


def _long_bodies(chunk: str, spans: list[tuple[int, int]]):
    """The matches of ``_LONG_ORG`` in ``spans`` of ``chunk`` that end at a foreign country: looked for only in the words
    right before each country named (heads are common words, countries rare: scanning from every head cost a fifth of
    the extraction)."""
    for a, b in spans:
        for country in _COUNTRY_WORDS.finditer(chunk, a, b):
            if COUNTRIES[country.group()] == VIETNAM:
                continue
            for match in _LONG_ORG.finditer(chunk, max(a, country.start() - _LONG_NAME_CHARS), min(b, country.end() + 16)):
                if match.end("country") == country.end():
                    yield match
                    break


def _a_long_body_name(chunk: str, match: re.Match) -> bool:
    """``match`` of ``_LONG_ORG`` names a body: not one registered in Việt Nam ("Công ty TNHH ..."), nor a post in
    a title (see above)."""
    if _VIETNAMESE_COMPANY_WORDS.intersection(match.group("org").split()):
        return False
    return not _TITLE_THEN_BODY.search(chunk, max(0, match.start() - 90), match.start())


_KNOWN_ORGS = re.compile(whole_words(a for a, e in KNOWN_BY_ALIAS.items() if e.kind == "org"))
# The place right after "... Việt Nam tại" hosts a Vietnamese body: not a partner.
_VN_MISSION_BEFORE = re.compile(r"Việt Nam\s+(?:tại|ở)\s+$")
# Names a capitalised run may have swallowed the next words after ("Nagano Abe Shuichi").
_VIETNAMESE_PLACES = VN_PROVINCES | VN_PLACES
# Vietnamese short names stop a run too ("TP HCM Thí sinh ..." is "TP HCM", then a new sentence).
_KNOWN_NAMES = frozenset(KNOWN_BY_ALIAS) | _VIETNAMESE_PLACES | frozenset(COUNTRIES) | {
    "HCM", "TP.HCM", "TPHCM", "ĐBSCL", "TT-Huế", "BR-VT"}


def _folded_name(name: str) -> str:
    """``name`` without accents, a final "c" read as "k" ("Đắc Lắk" is "Đắk Lắk": the press writes both)."""
    return " ".join(re.sub(r"c$", "k", fold(word)) for word in name.split())


# A province written with another accent, vowel mark or final consonant ("tỉnh Đắk Lăk", "tỉnh Đăk Nông", "tỉnh
# Đắc Lắk") is the Vietnamese province: no foreign place has a Vietnamese province's letters.
_FOLDED_PROVINCES = frozenset(_folded_name(name) for name in VN_PROVINCES)


def _a_vietnamese_province(name: str) -> bool:
    """``name`` spells a Vietnamese province, or two joined by a dash ("Đắk Lắk-Đắk Nông")."""
    return all(_folded_name(part) in _FOLDED_PROVINCES for part in _DASH.split(name))
# Units smaller than a province, which a chain names before the province they are in.
_SMALLER_UNITS = {"huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "làng", "thành phố"}
# Administrative units that foreign news names with their country, and Vietnamese news with none:
# "huyện Đông Hưng (Trung Quốc)" against "huyện Krông Pắk", "xã Đăk Hring".
_VIETNAMESE_UNITS = {"huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "làng"}
# Vietnamese places written short or run together, which look foreign to the syllable check.
_VIETNAMESE_SHORT_NAMES = {"HCM", "Hồ Chí Minh", "TP.HCM", "TPHCM", "HN", "ĐBSCL", "TT-Huế",
                           "BR-VT", "Bà Rịa-Vũng Tàu"}
_CONTINENTS = {"Á", "Âu", "Phi", "Mỹ", "Úc", "Đại Dương", "Nam Cực", "Á - Thái Bình Dương", "Mỹ Latinh", "Mỹ La-tinh",
               "Á-Thái Bình Dương", "Á-TBD", "Á - TBD", "Mekong", "Mê Kông", "Mê-kông"}  # "khu vực châu Á-TBD": Asia-Pacific, a region;
# "vùng Mekong", "tiểu vùng Mê Kông": a river's basin, a region of several countries
_DIRECTIONS = {"Đông", "Tây", "Nam", "Bắc", "Trung"}
_DASH = re.compile(r"\s*[-–]\s*")


@dataclass
class _Mention:
    type: str
    name: str
    country: str | None  # explicit marker, else None
    explicit: bool
    after_vietnamese_mission: bool = False  # "Tổng Lãnh sự quán Việt Nam tại thành phố X"
    start: int = 0  # where its chain starts in the chunk
    holds_another: bool = False  # named as where another place is (see ``_HOLDS_BEFORE``)


def _canonical_type(raw: str) -> str:
    raw = raw.lower().rstrip(".")
    return "thành phố" if raw == "tp" else raw


def _split_trailing_country(name: str) -> tuple[str, str | None]:
    """"Gangwon Hàn Quốc" -> ("Gangwon", "Hàn Quốc"); single ambiguous words are left alone."""
    words = name.split()
    for cut in range(1, len(words)):
        tail = " ".join(words[cut:])
        if tail in COUNTRIES and " " in tail:
            return " ".join(words[:cut]), COUNTRIES[tail]
    return name, None


def _cut_at_known(name: str, known: set[str], people: set[str]) -> str:
    """Cut a capitalised run that swallowed the next words ("Nagano Abe Shuichi" -> "Nagano")."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        if " ".join(words[:cut]) in known:
            return " ".join(words[:cut])
    for person in sorted(people, key=lambda p: (-len(p), p)):  # longest first: same every run
        at = (name + " ").find(" " + person + " ")  # at the end, or before the next sentence's first word run in
        if at > 0:  # ("thành phố Saint Peterburg Georgy Poltavchenko Cuộc gặp ...", a caption without its full stop)
            return name[:at]
    return name


def _cut_at_person(name: str, people: set[str]) -> str:
    """A place's name without the person it ran into: "bang Volker Bouffier" is no place, "thành
    phố Saint Peterburg Pontavchenko" holds the surname of Georgy Pontavchenko ("" when nothing is
    left)."""
    if name in people:
        return ""
    words = name.split()
    if len(words) > 1 and people:
        surnames = {person.rsplit(" ", 1)[-1] for person in people if " " in person}
        while len(words) > 1 and words[-1] in surnames:
            words.pop()
    return " ".join(words)


# Where someone lives is no party: "đối tượng Thạo Thay Vàng (SN 1983, trú tại bản Na Sa Cang, huyện Sầm Nưa, tỉnh
# Houphan, Lào)", "thường trú tại bản Khằm Nàng, Cụm Nàm Ngà, huyện Viêng Xay" (smugglers arrested in Việt Nam).
_RESIDENCE_BEFORE = re.compile(r"(?<![\w-])(?:trú|thường trú|tạm trú|cư trú|ngụ|quê|sinh sống)(?:\s+(?:tại|ở))?\s+"
                               r"(?:[^.;:!?()\n]{0,80}?,\s*)?$")


def _a_residence(chunk: str, start: int) -> bool:
    """The place (or chain of places) at ``start`` is where someone lives."""
    return any(word in chunk for word in ("trú", "ngụ", "quê", "sinh sống")) and \
        _RESIDENCE_BEFORE.search(chunk, max(0, start - 100), start) is not None


def _after_vietnamese_mission(chunk: str, end: int) -> bool:
    """The text before ``end`` ends in "Việt Nam tại". Only the last "Việt Nam" can start that,
    so the pattern is tried there instead of searched for through the whole chunk."""
    start = chunk.rfind("Việt Nam", 0, end)
    return start >= 0 and _VN_MISSION_BEFORE.match(chunk, start, end) is not None


# known_place_names and extract_partners read the same chunks of an article: each pattern scan
# is cached per chunk so it runs once, not once per caller.
_CHUNK_CACHE = 256


@lru_cache(maxsize=_CHUNK_CACHE)
def _locality_chains(chunk: str) -> tuple[tuple[tuple[tuple[str, str], ...], str | None, bool, int], ...]:
    """Each ``type Name(, type Name)*`` chain as (its (type, name) links, the country marked after
    it, whether it follows "Việt Nam tại", where it starts)."""
    chains, linked_until = [], 0
    for match in _LOCALITY.finditer(chunk):
        if match.start() < linked_until:
            continue  # a link of the chain before, read with it
        chain = [(match.group("type"), match.group("name"))]
        end = match.end()
        while len(chain) < 4 and (link := _CHAIN_LINK.match(chunk, end)):
            chain.append((link.group("type"), link.group("name")))
            end = link.end()
        if len(chain) == 1 and _PLURAL_BEFORE.search(chunk, max(0, match.start() - 6), match.start()):
            # "các tỉnh Hủa Phăn, Luông Pha Băng, Bò Kẹo và U Đôm Xay", "hai tỉnh Aichi và Kanagawa": the kind word
            # stands for each place of the list, up to a country or a place with its own kind word
            while len(chain) < 8 and (item := _LIST_ITEM_PLACE.match(chunk, end)) and \
                    item.group("name") not in COUNTRIES and not _LOCALITY.match(chunk, item.start("name")):
                chain.append((match.group("type"), item.group("name")))
                end = item.end()
        linked_until = end
        indicator = _INDICATOR.match(chunk, end)
        marked = COUNTRIES[indicator.group("country")] if indicator else None
        chains.append((tuple(chain), marked, _after_vietnamese_mission(chunk, match.start()), match.start()))
        if indicator and indicator.group().lstrip().startswith("("):
            # "hai thành phố Milan (Italy) và Kosice (Slovakia)": the kind word stands for each place of a
            # list whose items carry their country in brackets
            end = chunk.find(")", indicator.end()) + 1
            while end and (more := _NEXT_MARKED_PLACE.match(chunk, end)):
                chains.append((((match.group("type"), more.group("name")),), COUNTRIES[more.group("country")],
                               False, more.start("name")))
                end = more.end()
    return tuple(chains)


_PLURAL_BEFORE = re.compile(r"(?<![\w-])(?:các|hai|ba|bốn|năm|những)\s+$")
_LIST_ITEM_PLACE = re.compile(rf"(?:\s*,\s*(?:và\s+)?|\s+và\s+)(?P<name>{_PLACE_NAME})")
_NEXT_MARKED_PLACE = re.compile(rf"(?:\s*[,;]\s*|\s+và\s+)(?P<name>{_PLACE_NAME})\s*\(\s*{COUNTRY_PATTERN}\s*\)")


@lru_cache(maxsize=_CHUNK_CACHE)
def _paren_names(chunk: str) -> tuple[tuple[str, str, bool, int], ...]:
    """Each ``Name (country)`` as (name, country word, whether it follows "Việt Nam tại", where
    it starts)."""
    if "(" not in chunk or not _PAREN_COUNTRY.search(chunk):  # the pattern would try every capitalised run for nothing
        return ()
    return tuple((match.group("name"), match.group("country"), _after_vietnamese_mission(chunk, match.start()),
                  match.start()) for match in _PAREN_NAME.finditer(chunk))


# A place's name ends before an acronym run into it: "khu vực châu Á-Thái Bình Dương APEC" is the Asia-Pacific region.
_ACRONYM_AT_END = re.compile(r"(?<=\S) [A-Z]{2,}$")


# A place named as where another one is: the larger unit after a smaller one in a chain ("Chính quyền Thành
# phố Sakai, Tỉnh Osaka" is Sakai city, in Osaka prefecture), or after "thủ phủ (của)", "thành phố lớn thứ hai
# của" ("thành phố Suwon, thủ phủ của tỉnh Gyeonggy"), or "thuộc" right after a place's name ("Kofuku thuộc tỉnh
# Yamanashi"; "các doanh nghiệp thuộc tỉnh Nagano" name the province as theirs). It locates the party, it is none.
_UNIT_RANK = {"xã": 0, "làng": 0, "phường": 0, "thị trấn": 1, "thị xã": 1, "huyện": 1, "quận": 1, "thành phố": 2}
_HOLDS_BEFORE = re.compile(rf"(?:(?<![\w-])thủ phủ(?:\s+của)?|[{UPPER}][\w-]*\s+(?:thuộc|nằm (?:ở|tại|trong))"
                           r"|(?<![\w-])(?:thành phố|tỉnh|huyện|vùng)(?:\s+(?:lớn|nhất|thứ|hai|ba|tư))*\s+của)\s+$")


def _holds_the_previous(chain, number: int) -> bool:
    """Link ``number`` of a chain is a larger unit than the foreign place before it, which it holds."""
    (before_type, before_name), (raw_type, _) = chain[number - 1], chain[number]
    return (_UNIT_RANK.get(_canonical_type(raw_type), 3) > _UNIT_RANK.get(_canonical_type(before_type), 3)
            and before_name not in _VIETNAMESE_PLACES)


def _localities(chunk: str, known: set[str], people: set[str]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for chain, marked, vn_mission, start in _locality_chains(chunk):
        province = next((number for number, (raw_type, raw_name) in enumerate(chain)
                         if _canonical_type(raw_type) == "tỉnh" and _folded_name(raw_name) in _FOLDED_PROVINCES), None)
        located = _HOLDS_BEFORE.search(chunk, max(0, start - 40), start) is not None
        for number, (raw_type, raw_name) in enumerate(chain):
            if province is not None and not marked and number < province and _canonical_type(raw_type) in _SMALLER_UNITS:
                continue  # "huyện Sơn Đông, tỉnh Bắc Giang": a district of a Vietnamese province
            name = _ACRONYM_AT_END.sub("", _cut_at_person(_cut_at_known(raw_name, known, people), people))
            if not name:
                continue
            name, trailing = _split_trailing_country(name)
            country = marked or trailing
            if country and number < len(chain) - 1 and name in _VIETNAMESE_PLACES:
                country = None  # "UBND thành phố Hà Nội, tỉnh Saitama (Nhật Bản)": the mark is Saitama's
            holds = _holds_the_previous(chain, number) if number else located
            mentions.append(_Mention(_canonical_type(raw_type), name, country, country is not None, vn_mission, start, holds))
    return mentions


def _resolve(mention: _Mention, memory: dict[str, str], names_country=lambda country: True) -> tuple[str, str | None] | None:
    """(canonical name, country) for a foreign locality, or None for Vietnamese/unknown ones."""
    name = mention.name
    if name in _CONTINENTS or set(name.split()) <= _DIRECTIONS or len(name) == 1 or _DASH.split(name)[0] in _CONTINENTS:
        return None  # nor a letter ("UBND TP. N.Phan" ends in a byline) nor two regions ("châu Âu-ASEAN")
    typed = f"{mention.type} {name}"
    entity = KNOWN_BY_CANONICAL.get(typed)
    alias = KNOWN_BY_ALIAS.get(name)
    if alias and alias.kind != "locality":
        alias = None
    if not entity and alias and alias.name.lower().startswith(mention.type + " "):
        entity = alias  # same kind of place under another spelling: use the data file's name
    canonical = entity.name if entity else typed
    if mention.type == "thủ đô":
        return None  # "tại thủ đô Tokyo": a capital is named as the venue, not as a counterpart
    if mention.explicit:
        country = mention.country
    elif name in memory:
        country = memory[name]
    elif name in VN_PROVINCES or (not entity and _a_vietnamese_province(name)):
        return None
    elif entity and (mention.type not in _VIETNAMESE_UNITS or not entity.country or names_country(entity.country)):
        # a district of the data file is that country's only in an article naming the country:
        # "huyện Phú Ninh" is also a district of Quảng Nam
        country = entity.country
    elif entity or name in VN_PLACES:
        return None
    elif alias and mention.type not in ("xã", "phường"):  # "xã Sơn Đông, thành phố Bến Tre" is no Shandong
        country = alias.country
    elif mention.type in _VIETNAMESE_UNITS or name in _VIETNAMESE_SHORT_NAMES:
        return None  # a district or commune named without a country is Vietnamese (Đăk Hà, Ea Kar)
    elif looks_foreign(name):
        country = None
    else:
        return None
    if country == VIETNAM:
        return None
    return canonical, country


# Bodies named by a kind word and a foreign name: "Tập đoàn Sumitomo", "Công ty Dầu khí Mitsui",
# "Đại học Wageningen", "Công ty FrieslandCampina Việt Nam" (a foreign company's subsidiary is
# foreign). The name is read word by word after the kind word: Vietnamese words may come first
# ("quản lý cảng"), then a capitalised run holding a word that cannot be a Vietnamese syllable.
# Acronyms alone ("Tập đoàn TH", "Công ty TNHH") and Vietnamese brands ("Vinamilk") are not
# foreign; an acronym is when a country follows it ("Ngân hàng BTMU – Nhật Bản").
_BODY_HEAD = re.compile(whole_words(word_list("foreign_org_heads")))
_BODY_WORD = re.compile(r"[ \t]+([^\W_](?:[\w'’&.-]*[^\W_.])?)")
# Words that end a body's name: prepositions, conjunctions and verbs that follow a name.
_BODY_STOPS = frozenset("tại ở của với và cho là đã sẽ được đang vừa cùng từ về trong theo do như hay hoặc "
                        "này đó nhằm để khi thì có không đến sang".split())
_BODY_LINKS = frozenset({"of", "and", "&", "de", "for", "du", "der", "und"})
_SCHOOL_WORDS = frozenset({"học", "Trường", "trường", "viện"})  # Đại học, Trường (Đại học), Học viện, Bệnh viện
_BRANDS = word_list("vietnamese_brands")
_BRAND_PREFIXES = tuple(b[:-1].lower() for b in _BRANDS if b.endswith("*"))
_BRAND_NAMES = frozenset(b.lower() for b in _BRANDS if not b.endswith("*"))
_VIETNAMESE_COMPANY_WORDS = frozenset({"TNHH", "MTV", "CP", "Cổ", "cổ", "JSC"})  # "Công ty Cổ phần", "Công ty TNHH"
_DASH_COUNTRY = re.compile(rf"\s*[–—-]\s*{COUNTRY_PATTERN}")
# Words of Vietnamese place names that do not read as Vietnamese syllables ("Đăk" of "Đăk Nông").
_VN_PLACE_WORDS = frozenset(word for place in VN_PROVINCES | VN_PLACES for word in place.split())
_VENUE_WORD = re.compile(r"(?<![\w-])(?:tại|ở)\s+$")


def _foreign_word(word: str) -> bool:
    """A capitalised word with a part that cannot be a Vietnamese syllable and is not an acronym
    ("Sumitomo", "Tokyo-Mitsubishi"; not "Quốc-ASEAN", "TP.Trà")."""
    return word[0].isupper() and "." not in word and word not in _VN_PLACE_WORDS and word not in COUNTRIES and any(
        len(part) > 2 and not part.isupper() and looks_foreign(part) for part in re.split(r"[-'’]", word))


def _country_in(words: list[str]) -> bool:
    """Some run of ``words`` names a country ("Nhật Bản", "Lào")."""
    return any(" ".join(words[i:i + n]) in COUNTRIES for i in range(len(words)) for n in (1, 2, 3))


def _vietnamese_brand(words: list[str]) -> bool:
    joined = " ".join(words).lower()
    return joined in _BRAND_NAMES or any(
        w.lower() in _BRAND_NAMES or w.lower().startswith(_BRAND_PREFIXES) for w in words)


def _country_after(chunk: str, end: int) -> str | None:
    """The country marked right after a name: "(Nhật Bản)", ", Nhật Bản", "của Nhật Bản", "– Nhật Bản"."""
    marker = _INDICATOR.match(chunk, end) or _DASH_COUNTRY.match(chunk, end)
    return COUNTRIES[marker.group("country")] if marker else None


def _foreign_body(chunk: str, head: re.Match, people: set[str]) -> tuple[str, str | None, int] | None:
    """(name, country or None, end) of the foreign-named body whose kind word is ``head``."""
    if _VENUE_WORD.search(chunk, max(0, head.start() - 6), head.start()):
        return None  # "tại Trung tâm Thương mại AEON": a venue, not a party
    words: list[tuple[str, int]] = []
    pos, first = head.end(), None
    while len(words) < 12 and (w := _BODY_WORD.match(chunk, pos)):
        word = w.group(1)
        if first is None:
            if word in _BODY_STOPS or len(words) >= 8 or (not words and word in _ORG_BAD_SECOND):
                return None  # "Hội nghị", "Hội chợ" are meetings and fairs
            if _foreign_word(word) or (word.isupper() and len(word) > 1 and word.isalpha()):
                first = len(words)
        elif not (word[0].isupper() or word[0].isdigit() or word in _BODY_LINKS):
            break
        words.append((word, w.end()))
        pos = w.end()
    if first is None or _country_in([w for w, _ in words[:first]]):
        return None  # "Tổ chức Xúc tiến Thương mại Nhật Bản Hiroyuki Ishige": the body ends at its country
    if any(w == "Việt" for w, _ in words[: first + 1]) or words[first][0].startswith("Nam-"):
        return None  # "Hội hữu nghị Việt Nam-Belarus", "Bệnh viện Việt Nam-Cuba": Việt Nam's side, named first
    # The name runs from its first foreign word over capitalised words, up to a country.
    last = len(words)
    for i in range(first, len(words)):
        rest = [w for w, _ in words[i:]]
        country = next((" ".join(rest[:n]) for n in (3, 2, 1) if " ".join(rest[:n]) in COUNTRIES), None)
        if country and i > first:
            last = i + (len(country.split()) if COUNTRIES[country] == VIETNAM else 0)
            break
    while last > first and words[last - 1][0] in _BODY_LINKS:
        last -= 1
    names = [w for w, _ in words[first:last]]
    if not any(_foreign_word(w) for w in names):
        end = words[last - 1][1]
        if _country_after(chunk, end) in (None, VIETNAM):
            return None  # an acronym alone names a foreign body only with its country
    if _vietnamese_brand(names) or any(w in _VIETNAMESE_COMPANY_WORDS for w, _ in words[:last]):
        return None  # "Công ty Cổ phần Adpex", "Công ty TNHH ...": registered in Việt Nam
    bare = _cut_at_known(" ".join(names), _KNOWN_NAMES, people)
    if bare != " ".join(names):  # "Samsung Lee Jae-yong": the body's name stops before the person
        names = bare.split()
        last = first + len(names)
    end = words[last - 1][1]
    name = " ".join(w for w, _ in words[:last])
    if any(person in name for person in people):
        return None
    # known by its bare name ("Samsung") or, for a name too common alone, with its kind word ("Ngân hàng HSBC":
    # "HSBC cho biết" in market news quotes the bank's analysts)
    entity = KNOWN_BY_ALIAS.get(" ".join(names)) or KNOWN_BY_ALIAS.get(f"{head.group()} {' '.join(names)}")
    country = _country_after(chunk, end)
    if entity and entity.kind == "org" and first == 0:
        return entity.name, country or entity.country, end
    if country == VIETNAM:
        country = None
    if name.endswith(" Việt Nam") and head.group().split()[-1] in _SCHOOL_WORDS:
        return None  # "Đại học Fulbright Việt Nam": a Vietnamese school with a foreign name
    if country is None and (joined := next((w for w in names if "-" in w or "–" in w), None)):
        side = COUNTRIES.get(_DASH.split(joined)[0])  # "Hội hữu nghị Belarus-Việt Nam": Belarus's side, named first
        country = side if side != VIETNAM else None
    return f"{head.group()} {name}", country or (entity.country if entity else None), end


# Companies listed as examples of the companies that took part: "lãnh đạo các tập đoàn, thương
# hiệu hàng đầu của Nhật Bản ... như: Canon, Panasonic, Nipro Corporation, ...". Each item of the
# list is a capitalised name; foreign-looking ones (or known bodies) are partners, of the country
# named between the kind word and "như" when there is one.
_COMPANY_LIST = re.compile(
    r"(?<![\w-])(?i:các|những)\s+(?:tập đoàn|công ty|doanh nghiệp|hãng|thương hiệu|ngân hàng|nhà đầu tư)"
    r"(?![\w-])(?P<gap>[^.!?]{0,200}?)\s(?:như|gồm|bao gồm)\s*:?\s+")
# ... or met: a verb of meeting, then a list right after the kind word, "Thủ tướng đã tiếp chủ tịch Công ty ASG
# Carlos Gutierrez, lãnh đạo các tập đoàn Boeing, Murphy Oil, General Electrics" (the verb says they take part;
# "các hãng Toyota, Honda" in car news, "các công ty Nike, Universal Studios" under investigation, are not met).
_MET_COMPANY_LIST = re.compile(
    rf"(?<![\w-])(?:các|những)\s+(?:tập đoàn|công ty|doanh nghiệp|hãng)(?P<gap>(?:\s+(?:lớn|hàng đầu|của|{COUNTRY_PATTERN}))*)"
    rf"\s+(?=[{UPPER}])")
_MEETING_BEFORE = re.compile(r"(?<![\w-])(?:tiếp(?! tục)|gặp|gặp gỡ|làm việc với|hội kiến|hội đàm với|tiếp xúc với"
                             r"|thăm)(?![\w-])[^.!?;:]*$")
_LIST_ITEM = re.compile(rf"\s*(?P<item>{CAP}(?:[ \t]+(?:{CAP}|\d+|&))*)\s*(?P<sep>[,;]|\s+và\s+|…|\.\.\.|$)?")
_GAP_COUNTRY = re.compile(rf"(?<![\w-]){COUNTRY_PATTERN}")


def _listed_companies(chunk: str, start: int, end: int, people: set[str]):
    """(name, country, (start, end)) of each foreign company in the example lists of a span."""
    met = (m for m in _MET_COMPANY_LIST.finditer(chunk, start, end)
           if _MEETING_BEFORE.search(chunk, max(start, m.start() - 80), m.start()))
    for match in [*_COMPANY_LIST.finditer(chunk, start, end), *met]:
        countries = [COUNTRIES[m.group("country")] for m in _GAP_COUNTRY.finditer(match.group("gap"))]
        country = next((c for c in reversed(countries) if c != VIETNAM), None)
        pos = match.end()
        while item := _LIST_ITEM.match(chunk, pos, end):
            name = item.group("item")
            words = name.split()
            entity = KNOWN_BY_ALIAS.get(name)
            if (entity and entity.kind == "org") or (any(_foreign_word(w) for w in words) and not _vietnamese_brand(words)
                                                     and name not in people and name not in COUNTRIES):
                yield (entity.name if entity else name), country or (entity.country if entity else None), item.span("item")
            if not item.group("sep") or item.group("sep") in ("…", "..."):
                break
            pos = item.end()


# An abbreviation the article defines after a foreign body's name: "Hiệp hội Doanh nghiệp Hàn
# Quốc tại Việt Nam (KORCHAM)", "Ngân hàng Bank of Tokyo-Mitsubishi UFJ (BTMU)". Where the
# abbreviation stands alone later ("làm việc với KORCHAM", "Ngân hàng BTMU") it names the same
# body, one partner.
_COUNTRY_AT_END = re.compile(rf"(?<![\w-]){COUNTRY_PATTERN}(?:\s+tại\s+Việt Nam)?$")
_DEFINED = re.compile(r"[ \t]*\([ \t]*(?P<abbr>[A-Z][A-Z0-9&-]{1,11})[ \t]*\)")


def _abbreviations(chunks: list[str], people: set[str]) -> dict[str, tuple[str, str | None]]:
    """Abbreviation -> (the body's name, its country) for each foreign body defined in ``chunks``."""
    defined: dict[str, tuple[str, str | None]] = {}
    text = None
    for chunk in chunks:
        if "(" not in chunk:
            continue
        for paren in _DEFINED.finditer(chunk):
            abbr = paren.group("abbr")
            if abbr in defined or abbr in COUNTRIES:
                continue
            known = KNOWN_BY_ALIAS.get(abbr)
            if known is not None and known.kind != "org":
                continue
            if known is None:  # a definition matters where the abbreviation is used again
                text = text if text is not None else "\n".join(chunks)
                if text.count(abbr) < 2:
                    continue
            start = max(0, paren.start() - 160)
            named: list[tuple[str, str | None]] = []
            if _COUNTRY_AT_END.search(chunk, max(0, paren.start() - 40), paren.start()):
                for match in _ORG.finditer(chunk, start, paren.start()):
                    if match.end() == paren.start():
                        _add_org(match, lambda name, country: named.append((name, country)), chunk, people)
            if not named:
                for head in _BODY_HEAD.finditer(chunk, start, paren.start()):
                    body = _foreign_body(chunk, head, people)
                    if body and body[2] == paren.start():
                        named = [(body[0], body[1])]
            if named:
                defined[abbr] = named[-1]
    return defined


# A body named without its country, met on a visit abroad: "Trong khuôn khổ chuyến thăm chính thức Hoa Kỳ, ...
# Thủ tướng ... đã đến thăm Viện Di sản (Heritage Foundation)". Vietnamese news names the host's bodies bare when
# the lead says which one country the Vietnamese side visits; at home the bodies met bare are Vietnamese ("Đại sứ
# Nhật Bản làm việc với Bộ Ngoại giao"), so the rule holds only for a visit abroad.
_VISIT_ABROAD = re.compile(rf"(?<![\w-])(?:thăm|làm việc tại|công tác tại)\s+(?:(?:chính thức|cấp nhà nước|làm việc|tới|đến"
                           rf"|và làm việc|tại)\s+)*(?:(?:nước|Vương quốc|Cộng hòa|Liên bang)\s+)?{COUNTRY_PATTERN}")
_VISIT_LEAD_CHARS = 600
# ... a visit made, not one invited, hoped for or planned ("mong muốn được đón Thủ tướng ... sang thăm chính thức Nhật Bản")
_NOT_YET_BEFORE = re.compile(r"(?<![\w-])(?:mời|đón|mong|sẽ|dự kiến|chuẩn bị)(?![\w-])[^.!?;]{0,80}$")
_HOST_BODY_HEAD = r"(?P<head>Bộ|Cơ quan|Hội|Ủy ban|Uỷ ban|Viện|Quỹ|Trường Đại học|Đại học)(?![\w-])"
_HOST_BODY = re.compile(
    rf"(?<![\w-])(?:tiếp(?! tục)|hội kiến|hội đàm|làm việc|thăm|gặp|gặp gỡ|tiếp xúc)(?:\s+với)?\s+"
    rf"(?:(?:lãnh đạo|đại diện|Chủ tịch|Giám đốc|Bộ trưởng|Thứ trưởng)\s+)?{_HOST_BODY_HEAD}")
_NEXT_HOST_BODY = re.compile(rf"\s*,\s*(?:và\s+)?{_HOST_BODY_HEAD}")  # "làm việc với Bộ Nội vụ, Cơ quan ..."
_HOST_BODY_WORDS = 10  # "Cơ quan phát triển quốc tế", "Viện nghiên cứu ... Rikilt": long, mostly in lower case


def _host_body(chunk: str, head: re.Match) -> tuple[str, int] | None:
    """(name, end) of the body whose kind word ends ``head``: words up to a preposition, a verb or a comma,
    holding a capitalised word ("Bộ Nội vụ", "Viện Di sản"; not "Bộ này", "Hội nghị", "Hội đồng hai nước")."""
    words: list[str] = []
    pos = end = head.end()
    while len(words) < _HOST_BODY_WORDS and (w := _BODY_WORD.match(chunk, pos)):
        word = w.group(1)
        if word in _BODY_STOPS or re.fullmatch(_NOT_IN_NAME, word) or (not words and word in _ORG_BAD_SECOND):
            break
        words.append(word)
        pos = end = w.end()
    if _ORG.match(chunk, head.start("head")) or _MINISTRY_LIST.match(chunk, head.start("head")):
        return None  # named with its country further on ("Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản"): read there
    name = chunk[head.end(): end].strip()
    if not any(word[0].isupper() for word in words) or "Việt" in name or _COUNTRY_WORDS.search(name) or _country_after(chunk, end) is not None:
        return None  # no name, Việt Nam's own, or a country's body named in full (``_ORG`` reads it)
    return chunk[head.start("head"): end], end


def _visited_country(chunks: list[str]) -> str | None:
    """The one foreign country the lead (title, summary, first paragraph) says the Vietnamese side visits."""
    visited = {COUNTRIES[m.group("country")] for chunk in chunks[:3]
               for m in _VISIT_ABROAD.finditer(chunk[:_VISIT_LEAD_CHARS])
               if not _NOT_YET_BEFORE.search(chunk, max(0, m.start() - 120), m.start())} - {VIETNAM}
    return next(iter(visited)) if len(visited) == 1 else None


def _bodies_before_people(chunk: str, people: set[str], reported) -> list[re.Match]:
    """Bodies named after their country in a person's title, right before the person's name:
    "Chủ tịch Thượng viện Nhật Bản Date Chuichi", "Phó Cao ủy Chương trình Đồng bằng Hà Lan Hermen
    Borst" (``_ORG`` alone stops short of a country followed by a capitalised word, as "Lào" in
    "Lào Cai" is no country)."""
    found = []
    for person in people:
        at = chunk.find(" " + person)
        while at > 0:
            if reported(at) and _COUNTRY_AT_END.search(chunk, max(0, at - 40), at):
                found += [m for m in _ORG.finditer(chunk, max(0, at - 160), at) if m.end() == at]
            at = chunk.find(" " + person, at + 1)
    return found


def known_place_names(chunks: list[str]) -> set[str]:
    """Bare place names the article itself marks with a country ("tỉnh Nagano (Nhật Bản)") or names
    alone once and run into the next words elsewhere ("bang Rheinland-Pfalz" and "Phó Thủ hiến bang
    Rheinland-Pfalz Volker Wissing"), used to split "tỉnh Nagano Yamagishi Yoshiaki" into place and
    person."""
    names: set[str] = set()
    runs: set[str] = set()
    for chunk in chunks:
        names.update(name for name, _, _, _ in _paren_names(chunk))
        for mention in _localities(chunk, set(), set()):
            runs.add(mention.name)
            if mention.explicit:
                names.add(mention.name)
    if len(runs) > 1:
        names.update(run for run in runs if any(other.startswith(run + " ") for other in runs))
    return names


def extract_partners(chunks: list[str], people: set[str],
                     spans: list[list[tuple[int, int]]] | None = None) -> list[Partner]:
    """Foreign partners in order of first mention, one per canonical name. The whole ``chunks``
    tell which country a place is in; partners come from the parts of them that report the
    event, ``spans[i]`` of ``chunks[i]`` (see ``events``), or from everywhere when ``spans`` is
    None. A country presented as a party ("thăm chính thức Liên bang Nga") is a partner, even
    beside a body or place of it: which of those take part is settled later (``extract``)."""
    known = _KNOWN_NAMES
    found: dict[str, str | None] = {}
    # A foreign body defined with an abbreviation is named in full wherever the abbreviation
    # stands alone; one defined with a known abbreviation is named by the data file ("Tổ chức Xúc
    # tiến ngoại thương Nhật Bản (JETRO)" is JETRO).
    defined = _abbreviations(chunks, people)
    renamed = {name: KNOWN_BY_ALIAS[abbr].name for abbr, (name, _) in defined.items() if abbr in KNOWN_BY_ALIAS}
    defined = {abbr: body for abbr, body in defined.items() if abbr not in KNOWN_BY_ALIAS}
    abbreviations = re.compile(whole_words(defined)) if defined else None

    first_mention: dict[str, tuple[int, int]] = {}  # name -> (chunk, offset) where it is first named

    only_holding: set[str] = set()  # places named only as where another one is (see ``_HOLDS_BEFORE``)

    def add(name: str, country: str | None, at: tuple[int, int], holds: bool = False) -> None:
        name = renamed.get(name, name)
        if not holds:
            only_holding.discard(name)
        elif name not in found:
            only_holding.add(name)
        if name not in found or (found[name] is None and country):
            found[name] = country
        first_mention[name] = min(at, first_mention.get(name, at))

    def adder(at: tuple[int, int]):  # ``add`` for helpers that name a partner found at ``at``
        return lambda name, country: add(name, country, at)

    country_parties: dict[str, tuple[int, int]] = {}  # country -> (chunk, offset) where it is first a party

    def party(country: str, at: tuple[int, int]) -> None:
        country_parties[country] = min(at, country_parties.get(country, at))
    unplaced: set[str] = set()  # foreign-looking localities whose country the text does not say
    foreign_named: set[str] = set()  # bodies known foreign by their name's look alone
    memory: dict[str, str] = {}
    per_chunk = [_localities(chunk, known, people) for chunk in chunks]
    host = _visited_country(chunks)  # the country whose bodies met bare are its own (see ``_HOST_BODY``)

    def names_country(country: str) -> bool:  # the article names the country, in any spelling
        return any(country in chunk for chunk in chunks) or any(
            spelling in chunk for spelling, name in COUNTRIES.items() if name == country and spelling != country
            for chunk in chunks)
    for mentions in per_chunk:
        for mention in mentions:
            if mention.explicit and mention.country:
                memory.setdefault(mention.name, mention.country)
    for chunk in chunks:
        for raw_name, word, _, _ in _paren_names(chunk):
            memory.setdefault(_cut_at_known(raw_name, known, people), COUNTRIES[word])

    for number, (chunk, mentions) in enumerate(zip(chunks, per_chunk)):
        where = None if spans is None else spans[number]
        if where == []:
            continue

        def reported(position: int) -> bool:  # in a part of the chunk that reports the event
            return where is None or any(a <= position < b for a, b in where)

        def scan(pattern: re.Pattern):  # the pattern's matches inside the reporting parts only
            if where is None:
                yield from pattern.finditer(chunk)
            else:
                for a, b in where:
                    yield from pattern.finditer(chunk, a, b)

        bodies = [(head.start(), body) for head in scan(_BODY_HEAD) if (body := _foreign_body(chunk, head, people))]
        taken: list[tuple[int, int]] = []
        for match in scan(_KNOWN_ORGS):
            if any(s <= match.start() < body[2] and body[0] != KNOWN_BY_ALIAS[match.group(0)].name for s, body in bodies):
                continue  # "Công ty Dầu khí Mitsui" is not the known "Mitsui"
            if any(p.startswith(match.group(0) + " ") for p in people):  # "Đại tá Toyota Chikara"
                continue
            if _in_passing(chunk, match.start()):  # "Hội đồng Bảo an Liên hợp quốc", "như JICA hay ADB"
                continue
            if _after_vietnamese_mission(chunk, match.start()):  # "Phái đoàn Thường trực Việt Nam tại LHQ": its seat
                continue
            if _MAKE_BEFORE.search(chunk, max(0, match.start() - 16), match.start()) or \
                    _YEAR_AFTER.match(chunk, match.end()):  # "xe máy hiệu Honda", "Giải ... quốc gia Toyota 2017"
                continue
            if _LONGER_NAME_AFTER.match(chunk, match.end()):  # "Toyota Motor Corporation", "Đại tá Toyota Chikara"
                continue
            entity = KNOWN_BY_ALIAS[match.group(0)]
            add(entity.name, entity.country, (number, match.start()))
            taken.append(match.span())
        for match in scan(_EMBASSY):
            consulate = "lãnh sự" in match.group("kind").lower() or match.group("kind") == "TLSQ"
            _add_mission(match, adder((number, match.start())), consulate=consulate)
            taken.append(match.span())
            end = match.end()
            while not consulate and not match.group("place") and (more := _MORE_COUNTRIES.match(chunk, end)):
                _add_mission(more, adder((number, more.start("country"))), consulate=False)  # "ĐSQ Italy và Slovakia tại Hà Nội": two embassies
                taken.append(more.span())
                end = more.end()
        for match in scan(_ENVOY):
            if "lãnh sự" in match.group("kind").lower():
                _add_mission(match, adder((number, match.start())), consulate=True)
            elif (country := COUNTRIES[match.group("country")]) != VIETNAM:
                # "Đại sứ Israel tại Việt Nam": Israel is the party, not an embassy never named
                party(country, (number, match.start()))
        for position, country in _country_parties(chunk, [(0, len(chunk))] if where is None else where):
            party(country, (number, position))
        if " về " in chunk:
            for match in scan(_BODY_ABOUT):
                if (country := COUNTRIES[match.group("country")]) != VIETNAM and "Việt" not in match.group("body"):
                    add(f"{match.group('body')} {match.group('of') or ''}{country}", country, (number, match.start()))
                    taken.append(match.span())
        if "Bộ " in chunk and "," in chunk:
            for match in scan(_MINISTRY_LIST):
                if _a_ministry_list(match):
                    name = f"Bộ {match.group('name')} {match.group('of') or ''}{COUNTRIES[match.group('country')]}"
                    add(name, COUNTRIES[match.group("country")], (number, match.start()))
                    taken.append(match.span())
        for match in scan(_ORG):
            if any(s < match.end() and match.start() < e for s, e in taken) or (
                    COUNTRIES[match.group("country")] == VIETNAM and match.group("org").split()[0] in _COMPANY_HEADS):
                continue  # "Công ty FrieslandCampina Việt Nam", a foreign company's subsidiary, may be read as foreign-named
            if _GREETED_BEFORE.search(chunk, max(0, match.start() - 320), match.start()) or _no_body(chunk, match):
                taken.append(match.span())
                continue
            if match.group("org").startswith(_COURTS):
                continue  # "Đoàn Thị Hương sẽ ra Tòa án Malaysia": a court takes part through its judge (see below)
            _add_org(match, adder((number, match.start())), chunk, people)
            if not any(person in match.group("org") for person in people):  # rejected: "Bộ ... Nga Maksim
                taken.append(match.span())  # Oreshkin khẳng định phía Nga" leaves the body before the person free
        for match in _long_bodies(chunk, [(0, len(chunk))] if where is None else where):
            if not any(s < match.end() and match.start() < e for s, e in taken) and _a_long_body_name(chunk, match):
                _add_org(match, adder((number, match.start())), chunk, people)
                taken.append(match.span())
        if abbreviations is not None:
            for match in scan(abbreviations):
                if not any(s <= match.start() < e for s, e in taken):
                    add(*defined[match.group()], (number, match.start()))
                    taken.append(match.span())
        for match in _bodies_before_people(chunk, people, lambda position: True):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                _add_org(match, adder((number, match.start())), chunk, people)
                taken.append(match.span())
        if host is not None:
            for head in scan(_HOST_BODY):
                while head:
                    body = _host_body(chunk, head)
                    if body and not any(s < body[1] and head.start("head") < e for s, e in taken) \
                            and not any(s <= head.start("head") < e for s, (_, _, e) in bodies):
                        add(body[0], host, (number, head.start("head")))
                        taken.append((head.start("head"), body[1]))
                    head = _NEXT_HOST_BODY.match(chunk, body[1]) if body else None
        for start, (name, country, end) in bodies:
            if country is None and name.split()[0] not in _COMPANY_HEADS:
                country = host  # "Đại học Wageningen" on a visit to the Netherlands (a company met may be from anywhere)
            if not any(s < end and start < e for s, e in taken):
                add(name, country, (number, start))
                if country is None:
                    unplaced.add(name)
                    foreign_named.add(name)
        if "như" in chunk or "gồm" in chunk or "các " in chunk or "những " in chunk:
            for a, b in ([(0, len(chunk))] if where is None else where):
                for name, country, (start, _) in _listed_companies(chunk, a, b, people):
                    add(name, country, (number, start))
                    if country is None:
                        unplaced.add(name)
                        foreign_named.add(name)
        for mention in mentions:
            if mention.after_vietnamese_mission or not reported(mention.start) or _a_residence(chunk, mention.start):
                continue
            resolved = _resolve(mention, memory, names_country)
            if resolved:
                add(*resolved, (number, mention.start), mention.holds_another)
                if resolved[1] is None:
                    unplaced.add(resolved[0])
        holding = {m.name for m in mentions if m.holds_another} - {m.name for m in mentions if not m.holds_another}
        for raw_name, word, after_vn_mission, position in _paren_names(chunk):
            if after_vn_mission or not reported(position) or _a_residence(chunk, position):
                continue
            name = _cut_at_known(raw_name, known, people)
            entity = KNOWN_BY_ALIAS.get(name)
            country = COUNTRIES[word]
            if entity and entity.kind == "locality" and country != VIETNAM:
                add(entity.name, country, (number, position), name in holding)  # "thành phố Kofuku, tỉnh Yamanashi (Nhật Bản)"

    holders = {name: found.pop(name) for name in only_holding}  # their countries still place what they hold
    # Countries presented as parties: the caller drops those whose bodies or places take part (see
    # ``extract``), once it knows which of them do.
    for country, at in country_parties.items():
        if country not in found:
            found[country] = country
            first_mention[country] = at
    # In order of first mention: the patterns run kind by kind, and people (a set) in any order.
    found = dict(sorted(found.items(), key=lambda item: first_mention[item[0]]))

    # A body known foreign only by its name's look ("Công ty Hanovid") is a partner in an article
    # about another foreign party (a country, a body or place of one, an international body the data
    # file knows: "Diễn đàn Kinh tế Thế giới"): a Vietnamese company may carry such a name, and domestic
    # news names no other foreign party.
    if foreign_named and not any(c or name in KNOWN_BY_CANONICAL for name, c in found.items()):
        found = {name: c for name, c in found.items() if name not in foreign_named}
    # An article about one foreign country (a place that only holds another one says which): its unplaced localities
    # are in that country.
    countries = {c for c in [*found.values(), *holders.values()] if c}
    fill = next(iter(countries)) if len(countries) == 1 else None
    # One body, one value: "Quốc hội Cuba", "Quốc hội Cộng hòa Cuba" and "Quốc hội của Chính quyền
    # Nhân dân nước Cộng hòa Cuba" are one parliament, named in the fullest form the article gives
    # that is not a phrase ("... của ..."): "Hải quân Hoàng gia Australia", not "hải quân Australia".
    merged: dict[str, tuple[str, str | None]] = {}
    for name, country in found.items():
        key = _body_key(name, country).casefold()  # "... quốc gia Nga", "... Quốc gia Nga": one body
        if name[0].islower():  # "bang Hamburg", "thành phố Hamburg", "tiểu bang Maryland": one place, named as the
            key = " ".join(w for w in name.split() if not w[0].islower()).casefold()  # data file does, else as first
        if key not in merged:
            merged[key] = (name, country)
        elif name[0].islower():
            if name in KNOWN_BY_CANONICAL and merged[key][0] not in KNOWN_BY_CANONICAL:
                merged[key] = (name, merged[key][1] or country)
        elif len(name) > len(merged[key][0]) and " của " not in name:
            merged[key] = (name, merged[key][1] or country)
    # A company named short and in full ("Tập đoàn NYK", "Tập đoàn NYK Line") is one partner, in full.
    names = [name for name, _ in merged.values()]
    cut_short = {name for name in names if name.split()[0] in _COMPANY_HEADS and any(
        other.startswith(name + " ") and " và " not in other for other in names)}
    return [Partner(name, country or (fill if name in unplaced else None)) for name, country in merged.values()
            if name not in cut_short]


_COMPANY_HEADS = frozenset({"Tập", "Công", "Hãng", "Ngân"})  # Tập đoàn, Công ty, Hãng, Ngân hàng
# Kind words that name no company with the country alone ("Ngân hàng Nhật Bản" is the Bank of Japan).
_COMPANY_KINDS = frozenset({"Tập đoàn", "Công ty", "Hãng", "Tổng công ty"})


# The state form written between a body and its country ("Chính phủ Vương quốc Hà Lan", "Quốc hội
# nước Cộng hòa Cuba") and a mission's seat ("... Hoa Kỳ tại Việt Nam"): the same body without them.
# A party's name is left whole ("Đảng Cộng hòa Mỹ").
_STATE_FORMS = ("của", "nước", "Cộng hòa", "Cộng hoà", "Dân chủ Nhân dân", "Xã hội Chủ nghĩa", "Vương quốc",
                "Liên bang", "Hoàng gia", "Hợp chúng quốc", "Chính quyền Nhân dân", "CHDCND", "CHND", "CH", "LB")


# Việt Nam after a body's country: its seat ("Phòng Thương mại Hoa Kỳ tại Việt Nam", the same body as "Phòng Thương
# mại Hoa Kỳ"), or the other side of a friendship body ("Liên minh Nghị sĩ hữu nghị Nhật – Việt", one body with
# "... Nhật Bản – Việt Nam", none with "Liên minh Nghị sĩ hữu nghị Nhật Bản").
_VIETNAM_SIDE = re.compile(r"\s+(?:tại\s+Việt Nam|(?P<dash>[-–])\s+Việt(?: Nam)?)$")


# A body's kind word, then the first word of its own name in lower case ("Bộ ngoại giao Nga", "Ngân hàng xuất nhập khẩu
# Trung Quốc", "Hải quân hoàng gia Australia").
# (Atomic: "Hội đồng Tư pháp" is a council, not "Hội" and a lower-case "đồng".)
_LOWER_AFTER_HEAD = re.compile(rf"(?>Hội đồng|Trung tâm|Duma|Hãng tin|{_ORG_HEAD_LOOSE}|{_ORG_HEAD_STRICT})\s+(?=[a-zđà-ỹ])")


_CENTRAL = re.compile(r"(?<=\s)(?:TƯ|T\.Ư)(?=\s)")  # "Quân ủy TƯ Trung Quốc": "Trung ương" written short


def styled(name: str) -> str:
    """A body's name with the first word after its kind word capitalised and "TƯ" written out, as the press mostly
    writes it ("Bộ Ngoại giao Nga", "Quân ủy Trung ương Trung Quốc"): one facet value whichever way an article
    writes it."""
    name = _CENTRAL.sub("Trung ương", name)
    head = _LOWER_AFTER_HEAD.match(name)
    if head is None or " " not in name[head.end():] or name in KNOWN_BY_CANONICAL or \
            name[head.end():].split(" ", 1)[0] in _BODY_STOPS:  # "Quốc hội và Chính quyền Hoa Kỳ": two bodies
        return name  # "Hội hữu nghị" alone, or a name ending there: nothing to restyle
    return name[: head.end()] + name[head.end()].upper() + name[head.end() + 1:]


def _body_key(name: str, country: str | None) -> str:
    side = _VIETNAM_SIDE.search(name)
    if side:
        name = name[: side.start()]
    both_sides = " – Việt Nam" if side and side.group("dash") else ""
    words = name.split()
    short = next((n for n in (1, 2) if len(words) > n and COUNTRIES.get(" ".join(words[-n:])) == country), None)
    if short and country:  # "... Nhật" of "... Nhật – Việt" is "... Nhật Bản"
        name = " ".join(words[:-short] + [country])
    if not country or name == country or not name.endswith(" " + country) or name.startswith("Đảng "):
        return name + both_sides
    body = name[: -len(country) - 1]
    while (form := next((f for f in _STATE_FORMS if body.endswith(" " + f)), None)) is not None:
        body = body[: -len(form) - 1]
    return f"{body} {country}{both_sides}"


_CITY_SPELLINGS = {"Hồ Chí Minh": "TP Hồ Chí Minh", "HCM": "TP Hồ Chí Minh", "Sài Gòn": "TP Hồ Chí Minh"}


def _add_mission(match: re.Match, add, *, consulate: bool) -> None:
    country = COUNTRIES[match.group("country")]
    if country == VIETNAM:
        return
    place = match.group("place")
    if consulate and place and place not in COUNTRIES:
        place = _CITY_SPELLINGS.get(place, place)
        add(f"Tổng Lãnh sự quán {country} tại {place}", country)
    elif not consulate:
        add(f"Đại sứ quán {country}", country)


_STATE_BODY_START = re.compile("(?i:" + "|".join(_STATE_BODY_HEADS) + ")")
_REPEATED_WORD = re.compile(r"(?<!\S)(\w+) \1(?!\S)")


# Words that make a one-syllable country name a syllable of a common word: "Pháp luật", "Mỹ thuật", "Ý kiến".
_COUNTRY_WORD_COMPOUNDS = {
    "Pháp": {"luật", "lý", "chế", "quyền", "y", "nhân", "danh", "sư", "lệnh", "định", "trị"},
    "Mỹ": {"thuật", "phẩm", "nghệ", "quan", "học", "mãn", "nữ", "nhân"},
    "Ý": {"kiến", "nghĩa", "thức", "tưởng", "chí", "định", "muốn"},
    "Anh": {"hùng", "em", "chị", "ngữ", "văn"},
    "Đức": {"tin", "độ", "tính", "hạnh", "dục"},
    "Hàn": {"lâm", "gắn"},
    "Nhật": {"ký", "kí", "báo", "thực", "trình"},
}
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
# Short country names that end no Vietnamese name or word ("Bộ Công Thương Lào" is Laos's ministry), unlike "Đức",
# "Nga", "Pháp" ("Công ty Minh Đức", "Thúy Nga", "Bộ Tư Pháp").
_ENDS_NO_NAME = frozenset({"Lào"} | {word for word in AMBIGUOUS_COUNTRY_WORDS if not is_vietnamese_syllable(word)})


def _add_org(match: re.Match, add, chunk: str = "", people: set[str] = frozenset()) -> None:
    org = match.group("org")
    if any(person in org for person in people):  # "Đảng Cộng sản Nguyễn Phú Trọng tới Lào" ran over a person
        return
    words = org.split()
    word = match.group("country")
    country = COUNTRIES[word]
    state_body = _STATE_BODY_START.match(org) is not None  # "quân đội Trung Quốc": "đội" is part of the head
    kind = _ORG_START.match(org + " ")
    one_word_kind = kind is None or " " not in kind.group().strip()  # "Hội nghị" is no body, "Chương trình Đồng bằng" is
    if country == VIETNAM or "Việt" in words[:-1] or "VN" in words or (
            one_word_kind and words[1].lower() in _ORG_BAD_SECOND and not state_body):
        return
    if org[: match.start("country") - match.start("org")].strip() in _COMPANY_KINDS:
        return  # "Tập đoàn Hàn Quốc rót 1,2 tỷ USD": a company of the country, not named
    if word in AMBIGUOUS_COUNTRY_WORDS:
        before = org[: match.start("country") - match.start("org")].split()
        if not before or (before[-1][0].isupper() and word not in _ENDS_NO_NAME):  # "Công ty Minh Đức" is not German
            return
        following = _NEXT_WORD.match(chunk, match.end("country")) if chunk else None
        if following and following.group(1) in _COUNTRY_WORD_COMPOUNDS.get(word, ()):
            return  # "Ủy ban Pháp luật" is the law committee, not a French one
    if (state_body or org.startswith("Nhà nước")) and _inside_longer_name(chunk, match.start("org")):
        return  # "Học viện Hải quân Mỹ" is an academy, not the navy
    head = _REPEATED_WORD.sub(r"\1", org[: match.start("country") - match.start("org")])  # "biển biển"
    titles = list(_TITLE_INSIDE.finditer(head))
    if titles and _ORG_START.match(head, titles[-1].end()):
        head = head[titles[-1].end():]  # "Thượng viện kiêm Chủ tịch Quốc hội Myanmar": the body after the title
    head = _STATE_FORM_AT_END.sub(" ", head)  # "Quốc hội Cộng hòa Cuba" is "Quốc hội Cuba", one value however written
    if head.endswith(" nước ") and not head.endswith("Nhà nước "):  # "Chính phủ nước CHDCND Lào": the country is named once, canonically
        head = head[: -len("nước ")]
    tail = match.group("tail") or ""
    parts = [part.strip() + " " for part in head.split(" và ")]
    if len(parts) > 1 and parts[-1][:1].islower():
        # "Câu lạc bộ Quốc tế Annapolis và thăm Học viện Hải quân Mỹ": a new clause, whose
        # organisation starts at its head
        start = [m.start() for m in _ORG_START_ANYWHERE.finditer(parts[-1])]
        if not start:
            return
        parts = [parts[-1][start[0]:]]
    if head.endswith(" của "):  # "Tập đoàn ITEC của Nhật Bản": the country is the body's, not its name
        names = [parts[-1][: -len(" của ")].strip()]  # of the last body listed only
        if not _ORG_START.match(names[0] + " ") or _ORG_START.fullmatch(names[0] + " "):
            return  # "Hải quân của Australia" names no body
    else:
        # "Thượng viện, Quốc hội và Chính phủ Campuchia": each body of the list is a partner
        if len(parts) > 1 and not all(_ORG_START.match(part) for part in parts):
            parts = [head]  # "Bộ Bưu chính và Viễn thông Lào" is one ministry
        # "Mỹ" -> "Hoa Kỳ"; a friendship body named for both sides keeps the article's words ("Liên minh Nghị sĩ
        # hữu nghị Nhật – Việt": the Japanese side's league, named first)
        names = [part + (word if tail.lstrip()[:1] in ("-", "–") else country) + tail for part in parts]
    for name in names:
        add(name[0].upper() + name[1:], country)


_STATE_FORM_AT_END = re.compile(rf"\s{STATE_FORM}\s+$")  # see ``facets.STATE_FORM``
# A person's title inside a run of bodies' names ("Thượng viện và Chủ tịch Hạ viện Hà Lan").
_TITLE_INSIDE = re.compile(r"(?<=\s)(?:Phó\s+)?(?:Chủ tịch|Tổng thống|Thủ tướng|Bộ trưởng|Thứ trưởng|Đại sứ"
                           r"|Tổng Thư ký|Tổng thư ký|Chủ nhiệm|Giám đốc|Tổng Giám đốc|Thống đốc|Thị trưởng)\s+")
_ORG_START = re.compile(rf"(?:{_ORG_HEAD_LOOSE}|{_ORG_HEAD_STRICT})\s")
_ORG_START_ANYWHERE = re.compile(rf"(?<![\w-])(?:{_ORG_HEAD_LOOSE}|{_ORG_HEAD_STRICT})\s")


_PASSING_WORDS = frozenset(word_list("passing_mention_words"))
# A known name followed by more capitalised words is the start of another name, unless those
# words name a country ("UNICEF Việt Nam", "Samsung Việt Nam" are the same bodies).
_LONGER_NAME_AFTER = re.compile(rf"[ \t]+(?!{COUNTRY_PATTERN}|Việt)[{UPPER}]")

# A country presented as the party itself: visited, met through its head of state or minister,
# giving aid. Single-syllable names that are also words ("Đức", "Anh") count only after a word.
_BEFORE_COUNTRY = "|".join(re.escape(w) for w in sorted(word_list("country_party_before"), key=len, reverse=True))
_BEFORE_WORDS = frozenset(word_list("country_party_before"))
_TO_AT_END = re.compile(r"\s+(?:tới|đến|sang)$")  # "chuyến thăm cấp Nhà nước tới Trung Quốc"
_TITLES_BEFORE = "|".join(re.escape(w) for w in word_list("country_party_titles"))
_AFTER_COUNTRY = "|".join(re.escape(w) for w in word_list("country_party_after"))
_COUNTRY_PARTY = re.compile(rf"{first_letter_lookahead(_BEFORE_COUNTRY + '|' + _TITLES_BEFORE)}(?<![\w-])(?P<gap>(?:{_BEFORE_COUNTRY})(?:\s+(?:tới|đến|sang))?|(?:{_TITLES_BEFORE})(?:\s+(?!Bộ\b)[\w-]+){{1,4}}?)\s+{COUNTRY_PATTERN}")
# The verbs are looked for first (few), then a country right before each: a pattern opening
# with the country alternation would try it at every position of the text.
_ACTS = re.compile(rf"(?<![\w-])(?:{_AFTER_COUNTRY})(?![\w-])")
_COUNTRY_BEFORE_ACT = re.compile(rf"(?<![\w-]){COUNTRY_PATTERN}\s+(?:sẽ\s+|đã\s+|tiếp tục\s+)?$")


# A visit the Vietnamese side is back from is over: "ngay sau khi Thủ tướng trở về từ chuyến thăm
# chính thức Hoa Kỳ" reports a reception of someone else.
_BACK_FROM = re.compile(r"(?<![\w-])trở về từ\s+(?:chuyến\s+)?$")
# The next leg of a trip, in a sentence that opens with where the delegation has been: "Sau Italy, Đoàn đại biểu
# cấp cao Tòa án Nhân dân Tối cao Việt Nam có chuyến thăm chính thức Pháp", "Sau khi kết thúc chuyến thăm ..., " (the
# country inside the "Sau ..." clause is the one of the reported visit; "Sau lễ đón, hai bên hội đàm" names no place).
_NEXT_LEG = re.compile(r"(?:^|[.!?]\s+)Sau\s+(?:khi\s+(?:kết thúc|rời)\s|chuyến thăm\s|[A-ZĐ])[^,.;!?]{0,80},[^.;!?]*$")
def _ends_a_body(chunk: str, start: int, end: int) -> bool:
    """The country from ``start`` to ``end`` ends a body's name: in "Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản
    sẽ hỗ trợ" the ministry acts, not Japan (the ministry is the partner)."""
    return any(m.end() == end for pattern in (_ORG, _MINISTRY_LIST)
               for m in pattern.finditer(chunk, max(0, start - 120), end))


# The countries listed as taking part: "Tham dự PP17 tại Nha Trang có các quốc gia đối tác gồm Australia, Nhật Bản
# và Vương quốc Anh", "các nước tham gia gồm ...": each is a party of the event.
_PARTICIPANTS = re.compile(r"(?<![\w-])(?:(?i:tham dự|tham gia)[^.;:!?]{0,60}?\s(?:các|những)\s+(?:quốc gia|nước)"
                           r"(?:\s+(?:đối tác|thành viên))?|(?:các|những)\s+(?:quốc gia|nước)(?:\s+(?:đối tác|thành viên))?"
                           r"\s+(?:tham dự|tham gia))\s+(?:gồm|bao gồm|là)\s*:?\s+")
_LISTED_COUNTRY = re.compile(rf"{COUNTRY_PATTERN}(?P<sep>\s*,\s*|\s+và\s+)?")


def _participants(chunk: str, a: int, b: int):
    """(where, country word) of each country listed as taking part between ``a`` and ``b`` (see above)."""
    if "tham " not in chunk and "Tham " not in chunk or "gồm" not in chunk and " là " not in chunk:
        return
    for listed in _PARTICIPANTS.finditer(chunk, a, b):
        at = listed.end()
        while item := _LISTED_COUNTRY.match(chunk, at, b):
            yield item.start(), item.group("country")
            if not item.group("sep"):
                break
            at = item.end()


def listed_participants(text: str) -> set[str]:
    """The countries ``text`` lists as taking part: parties wherever the list is."""
    return {COUNTRIES[word] for _, word in _participants(text, 0, len(text))}


def _country_parties(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(where, country) of each country the ``spans`` of the chunk present as a party, in order."""
    found = []
    for a, b in spans:
        found += _participants(chunk, a, b)
        found += [(m.start(), m.group("country"))
                  for m in _COUNTRY_PARTY.finditer(chunk, a, b)  # "Bộ trưởng Nguyễn Đức Anh" is no Briton
                  if (m.group("country") not in AMBIGUOUS_COUNTRY_WORDS or _TO_AT_END.sub("", m.group("gap")) in _BEFORE_WORDS)
                  and not _BACK_FROM.search(chunk, max(0, m.start() - 20), m.start())
                  and not _NEXT_LEG.search(chunk, max(0, m.start() - 200), m.start())]
        for act in _ACTS.finditer(chunk, a, b):
            start = max(a, act.start() - 60)
            m = _COUNTRY_BEFORE_ACT.search(chunk[start : act.start()])
            if m and m.group("country") not in AMBIGUOUS_COUNTRY_WORDS and not _ends_a_body(chunk, start + m.start(), start + m.end("country")):
                found.append((start + m.start(), m.group("country")))
    found.sort()
    return [(at, COUNTRIES[word]) for at, word in found if COUNTRIES[word] != VIETNAM]


# A court is the venue of a trial far more often than a party; it is one in a judge's title, right before the name
# ("hội đàm với Chánh án Tòa án Liên bang Malaysia Md Raus Sharif", ``_bodies_before_people``).
_COURTS = ("Tòa án", "Toà án")


# Bodies greetings are sent to are no parties of the meeting where they are sent: "chuyển lời thăm hỏi ... đến Đại
# tướng Rául Castro và các đồng chí lãnh đạo Đảng, Nhà nước Cuba", "gửi lời thăm hỏi tới Quốc vương Norodom Sihamoni,
# ... cùng các vị Lãnh đạo Thượng viện, Quốc hội và Chính phủ Vương quốc Campuchia" (as their people are no officials,
# see ``people``); the list of those greeted may hold commas.
_GREETED_BEFORE = re.compile(r"lời (?:thăm hỏi|chào|chúc)[^.!?;]{0,160}?\s(?:tới|đến)\s[^.!?;]{0,160}$")


# "Nhà nước X" that names no body: a visit's level ("thăm cấp Nhà nước Trung Quốc") or the state beside the party
# ("hợp tác toàn diện với Đảng, Nhà nước Trung Quốc", "lãnh đạo Đảng, Nhà nước Cuba"); the country is the party.
_STATE_NOT_BODY_BEFORE = re.compile(r"(?<![\w-])(?:cấp|Đảng,|Đảng và|Đảng\s+và)\s+$", re.IGNORECASE)
# A party post held beside the post a leader acts in ("Ủy viên Bộ Chính trị Đảng Cộng sản Cuba, Chủ tịch Quốc hội
# Esteban Lazo", "Ủy viên T.Ư Đảng Cộng sản Trung Quốc, Xã trưởng Hãng thông tấn Tân Hoa xã"): the party is only named.
_PARTY_POST_BEFORE = re.compile(r"(?<![\w-])(?:Ủy viên|Uỷ viên|ủy viên|uỷ viên|Tổng Bí thư|Bí thư thứ nhất|Bí thư)"
                                r"(?:\s+(?:T\.Ư|TƯ|TW|Trung ương|BCH TƯ|Ban Chấp hành Trung ương|BCHTƯ))?\s+$")
_ANOTHER_POST_AFTER = re.compile(r",\s+(?:Phó\s+|Tổng\s+)?(?:Chủ tịch|Thủ tướng|Tổng thống|Bộ trưởng|Chủ nhiệm|Xã trưởng"
                                 r"|Trưởng|Bí thư|Giám đốc|Hiệu trưởng|Viện trưởng|Tư lệnh|Thống đốc)(?![\w-])")


def _no_body(chunk: str, match: re.Match) -> bool:
    """``match`` of ``_ORG`` names no partner: the state at a visit's level or beside the party, or a party in a
    leader's title whose other post is the one he acts in."""
    org, start = match.group("org"), match.start()
    if org.startswith("Nhà nước") and _STATE_NOT_BODY_BEFORE.search(chunk, max(0, start - 12), start):
        return True
    return (org.startswith(("Đảng", "Bộ Chính trị", "Ban Chấp hành")) and _PARTY_POST_BEFORE.search(chunk, max(0, start - 40), start)
            is not None and _ANOTHER_POST_AFTER.match(chunk, match.end()) is not None)


# A company named as the make of a thing ("1 xe máy (hiệu Honda 67)", "chiếc điện thoại nhãn hiệu Samsung",
# "máy tàu hiệu Mitsubishi", "mẫu xe Toyota") is no party to what the article reports.
_MAKE_BEFORE = re.compile(r"(?<![\w-])(?:hiệu|nhãn hiệu|nhãn mác|xe|xe máy|ô tô|ôtô|điện thoại|máy|mẫu|dòng)\s+$")
# ... or in the name of a product, a season or a tournament it sponsors, with its year: "giải bóng đá vô
# địch quốc gia Toyota 2017", "Trại hè bóng đá thiếu niên Toyota 2017".
_YEAR_AFTER = re.compile(r"[ \t]+(?:19|20)\d\d(?!\d)")


# A list of examples: "như" (or "như:") then names and commas only, up to the name.
_EXAMPLES_BEFORE = re.compile(r"(?<![\w-])như\s*:?\s+[^.;:!?]{0,80}$")


# A document named after a body: "Công ước Liên hợp quốc về Luật Biển năm 1982 (UNCLOS)", "Hiệp định Thương mại tự do
# Việt Nam - EU (EVFTA)". The body takes no part in what the article reports; the parties a document is between or
# with ("Hiệp định giữa Chính phủ Việt Nam và ...", "ký Thỏa thuận với JICA") do.
_DOCUMENT_BEFORE = re.compile(r"(?<![\w-])(?:Công ước|Hiệp định|Hiệp ước|Nghị định thư|Tuyên bố chung|Thỏa thuận|Thoả thuận"
                              r"|Hiến chương)(?:\s+(?!(?:giữa|với|và|cùng|của|tại|ký|được|cho)(?![\w-]))[^\s.,;:!?()]+){0,8}?"
                              r"\s*(?:[-–]\s*)?$")


def _in_passing(chunk: str, start: int) -> bool:
    """A name at ``start`` is mentioned in passing: after "của", "như", "trong"..., in a list
    of examples after "như", inside a longer name or a document's name."""
    before = chunk[max(0, start - 12) : start].split()
    if before and before[-1].rstrip(":") in _PASSING_WORDS:
        return True
    return _EXAMPLES_BEFORE.search(chunk, max(0, start - 100), start) is not None or _inside_longer_name(chunk, start) \
        or _DOCUMENT_BEFORE.search(chunk, max(0, start - 100), start) is not None


# Kind words of a school or council, whose name may hold a state body ("Học viện Hải quân Mỹ").
_SCHOOL_BEFORE = re.compile(r"(?<![\w-])(?i:học viện|viện|trường|đại học|hội đồng)\s+$")


def _inside_longer_name(chunk: str, start: int) -> bool:
    """The word before ``start`` continues a longer name ("Học viện Hải quân Mỹ", "Hội đồng Bảo
    an Liên hợp quốc"); the first word of a sentence does not."""
    if _SCHOOL_BEFORE.search(chunk, max(0, start - 12), start):
        return True
    before = chunk[:start].rstrip()
    if len(before) == len(chunk[:start]) or not before:
        return False  # no space before: the name opens the chunk or follows a bracket
    word = before.split()[-1]
    if not word[0].isupper() or before[-1] in ".!?:;,\"“(":
        return False
    previous = before[: -len(word)].rstrip()
    return bool(previous) and previous[-1] not in ".!?:\"“("
