"""Foreign partners (localities, embassies, organisations) and their countries.

Vietnamese news names a foreign counterpart in a few fixed shapes: ``tỉnh X (Lào)``,
``thành phố X, tỉnh Y (Nhật Bản)``, ``Đại sứ quán X``, ``Tổng Lãnh sự quán X tại Y``,
``Hiệp hội ... Trung Quốc tại Việt Nam``, or a known acronym (JICA, KOICA, UNICEF...).
Explicit country markers win; then what the same article said earlier; then the data file.
A locality that looks Vietnamese and has no foreign marker is treated as Vietnamese.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    r"tỉnh bang|tiểu bang|khu tự trị|thành phố|thủ phủ|thủ đô|thị trấn|thị xã|đặc khu|tỉnh|châu|huyện|quận"
    r"|vùng|bang|xã|làng|TP\.?"
)
_TYPE = rf"(?<![Ll]iên\s)(?<![\w-])(?P<type>(?i:{_TYPES}))"
_LOCALITY = re.compile(rf"(?i:{first_letter_lookahead(_TYPES)}){_TYPE}\s+(?P<name>{CAP_RUN})")
_CHAIN_LINK = re.compile(rf",\s*(?P<type>(?i:{_TYPES}))\s+(?P<name>{CAP_RUN})")
_INDICATOR = re.compile(rf"(?:\s*\(\s*|\s*,\s*|\s+(?:của|thuộc)\s+){COUNTRY_PATTERN}")
_PAREN_NAME = re.compile(rf"(?P<name>{CAP_RUN})\s*\(\s*{COUNTRY_PATTERN}\s*\)")
_MISSIONS = "tổng lãnh sự quán|lãnh sự quán|đại sứ quán"
_EMBASSY = re.compile(
    rf"(?i:{first_letter_lookahead(_MISSIONS + '|ĐSQ|TLSQ')})(?P<kind>(?i:{_MISSIONS})|ĐSQ|TLSQ)\s+{COUNTRY_PATTERN}"
    rf"(?:\s+(?:tại|ở)\s+(?:(?i:thành phố|TP\.?)\s*)?(?P<place>{CAP_RUN}))?"
)
_ENVOYS = "tổng lãnh sự|đại sứ"
_ENVOY = re.compile(
    rf"(?i:{first_letter_lookahead(_ENVOYS)})(?P<kind>(?i:{_ENVOYS}))(?!\s+quán)(?:\s+(?i:đặc mệnh toàn quyền))?\s+{COUNTRY_PATTERN}"
    rf"(?:\s+(?:tại|ở)\s+(?:(?i:thành phố|TP\.?)\s*)?(?P<place>{CAP_RUN}))?"
)
# Heads that may be followed by lower-case words ("Tổ chức xúc tiến ...") and heads that must be
# followed by a capitalised word ("Viện trợ" is aid, not an institute).
_ORG_HEAD_LOOSE = r"Hiệp hội|Cơ quan|Tổ chức|Ngân hàng|Phòng Thương mại(?: và Công nghiệp)?|Liên minh"
_ORG_HEAD_STRICT = r"Hội|Quỹ|Tập đoàn|Công ty|Viện|Trường|Đại học|Trung tâm|Văn phòng|Bộ|Đảng|Hãng"
_LOWER_WORD = r"[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
# Organisation named after its country: capitalised words (each may carry up to two lower-case
# syllables: "Cao đẳng", "Dân chủ") between a head word and the country.
_ORG = re.compile(
    rf"{first_letter_lookahead(_ORG_HEAD_LOOSE + '|' + _ORG_HEAD_STRICT)}(?<![\w-])(?P<org>(?:(?:{_ORG_HEAD_LOOSE})(?:\s+(?:{_LOWER_WORD}\s+){{0,3}})?|(?:{_ORG_HEAD_STRICT})\s+(?=[{UPPER}]))(?:{CAP}(?:\s+{_LOWER_WORD}){{0,2}}\s+){{0,5}}?{COUNTRY_PATTERN})(?P<tail>\s+tại\s+Việt Nam)?"
)
_ORG_BAD_SECOND = {"nghị", "thảo", "chợ", "trưởng", "đội", "phim", "đạo", "viên", "hợp", "sinh", "trình", "đàm", "các", "những", "này", "đó"}
_KNOWN_ORGS = re.compile(whole_words(a for a, e in KNOWN_BY_ALIAS.items() if e.kind == "org"))
# The place right after "... Việt Nam tại" hosts a Vietnamese body: not a partner.
_VN_MISSION_BEFORE = re.compile(r"Việt Nam\s+(?:tại|ở)\s+$")
# Names a capitalised run may have swallowed the next words after ("Nagano Abe Shuichi").
_KNOWN_NAMES = frozenset(KNOWN_BY_ALIAS) | VN_PROVINCES | VN_PLACES | frozenset(COUNTRIES)
# Administrative units that foreign news names with their country, and Vietnamese news with none:
# "huyện Đông Hưng (Trung Quốc)" against "huyện Krông Pắk", "xã Đăk Hring".
_VIETNAMESE_UNITS = {"huyện", "xã", "phường", "quận", "thị xã", "thị trấn", "làng"}
# Vietnamese places written short or run together, which look foreign to the syllable check.
_VIETNAMESE_SHORT_NAMES = {"HCM", "Hồ Chí Minh", "TP.HCM", "TPHCM", "HN", "ĐBSCL", "TT-Huế",
                           "BR-VT", "Bà Rịa-Vũng Tàu"}
_CONTINENTS = {"Á", "Âu", "Phi", "Mỹ", "Úc", "Đại Dương", "Nam Cực", "Á - Thái Bình Dương", "Mỹ Latinh", "Mỹ La-tinh"}
_DIRECTIONS = {"Đông", "Tây", "Nam", "Bắc", "Trung"}


@dataclass
class _Mention:
    type: str
    name: str
    country: str | None  # explicit marker, else None
    explicit: bool
    after_vietnamese_mission: bool = False  # "Tổng Lãnh sự quán Việt Nam tại thành phố X"


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
        if name.endswith(" " + person):
            return name[: -len(person) - 1]
    return name


def _after_vietnamese_mission(chunk: str, end: int) -> bool:
    """The text before ``end`` ends in "Việt Nam tại". Only the last "Việt Nam" can start that,
    so the pattern is tried there instead of searched for through the whole chunk."""
    start = chunk.rfind("Việt Nam", 0, end)
    return start >= 0 and _VN_MISSION_BEFORE.match(chunk, start, end) is not None


# known_place_names and extract_partners read the same chunks of an article: each pattern scan
# is cached per chunk so it runs once, not once per caller.
_CHUNK_CACHE = 256


@lru_cache(maxsize=_CHUNK_CACHE)
def _locality_chains(chunk: str) -> tuple[tuple[tuple[tuple[str, str], ...], str | None, bool], ...]:
    """Each ``type Name(, type Name)*`` chain as (its (type, name) links, the country marked after
    it, whether it follows "Việt Nam tại")."""
    chains = []
    for match in _LOCALITY.finditer(chunk):
        chain = [(match.group("type"), match.group("name"))]
        end = match.end()
        while len(chain) < 4 and (link := _CHAIN_LINK.match(chunk, end)):
            chain.append((link.group("type"), link.group("name")))
            end = link.end()
        indicator = _INDICATOR.match(chunk, end)
        marked = COUNTRIES[indicator.group("country")] if indicator else None
        chains.append((tuple(chain), marked, _after_vietnamese_mission(chunk, match.start())))
    return tuple(chains)


@lru_cache(maxsize=_CHUNK_CACHE)
def _paren_names(chunk: str) -> tuple[tuple[str, str, bool], ...]:
    """Each ``Name (country)`` as (name, country word, whether it follows "Việt Nam tại")."""
    if "(" not in chunk:  # the pattern would try every capitalised run for nothing
        return ()
    return tuple((match.group("name"), match.group("country"), _after_vietnamese_mission(chunk, match.start()))
                 for match in _PAREN_NAME.finditer(chunk))


def _localities(chunk: str, known: set[str], people: set[str]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for chain, marked, vn_mission in _locality_chains(chunk):
        for raw_type, raw_name in chain:
            name = _cut_at_known(raw_name, known, people)
            name, trailing = _split_trailing_country(name)
            country = marked or trailing
            mentions.append(_Mention(_canonical_type(raw_type), name, country, country is not None, vn_mission))
    return mentions


def _resolve(mention: _Mention, memory: dict[str, str]) -> tuple[str, str | None] | None:
    """(canonical name, country) for a foreign locality, or None for Vietnamese/unknown ones."""
    name = mention.name
    if name in _CONTINENTS or set(name.split()) <= _DIRECTIONS:
        return None
    typed = f"{mention.type} {name}"
    entity = KNOWN_BY_CANONICAL.get(typed)
    alias = KNOWN_BY_ALIAS.get(name)
    if alias and alias.kind != "locality":
        alias = None
    if not entity and alias and alias.name.startswith(mention.type + " "):
        entity = alias  # same kind of place under another spelling: use the data file's name
    canonical = entity.name if entity else typed
    if mention.type == "thủ đô":
        return None  # "tại thủ đô Tokyo": a capital is named as the venue, not as a counterpart
    if mention.explicit:
        country = mention.country
    elif name in memory:
        country = memory[name]
    elif name in VN_PROVINCES:
        return None
    elif entity:
        country = entity.country
    elif name in VN_PLACES:
        return None
    elif alias:
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


def known_place_names(chunks: list[str]) -> set[str]:
    """Bare place names the article itself marks with a country ("tỉnh Nagano (Nhật Bản)"),
    used to split "tỉnh Nagano Yamagishi Yoshiaki" into place and person."""
    names: set[str] = set()
    for chunk in chunks:
        names.update(name for name, _, _ in _paren_names(chunk))
        names.update(m.name for m in _localities(chunk, set(), set()) if m.explicit)
    return names


def extract_partners(chunks: list[str], people: set[str]) -> list[Partner]:
    """Foreign partners in order of first mention, one per canonical name."""
    known = _KNOWN_NAMES
    found: dict[str, str | None] = {}

    def add(name: str, country: str | None) -> None:
        if name not in found or (found[name] is None and country):
            found[name] = country

    unplaced: set[str] = set()  # foreign-looking localities whose country the text does not say
    memory: dict[str, str] = {}
    per_chunk = [_localities(chunk, known, people) for chunk in chunks]
    for mentions in per_chunk:
        for mention in mentions:
            if mention.explicit and mention.country:
                memory.setdefault(mention.name, mention.country)
    for chunk in chunks:
        for raw_name, word, _ in _paren_names(chunk):
            memory.setdefault(_cut_at_known(raw_name, known, people), COUNTRIES[word])

    for chunk, mentions in zip(chunks, per_chunk):
        taken: list[tuple[int, int]] = []
        for match in _KNOWN_ORGS.finditer(chunk):
            if any(p.startswith(match.group(0) + " ") for p in people):  # "Đại tá Toyota Chikara"
                continue
            entity = KNOWN_BY_ALIAS[match.group(0)]
            add(entity.name, entity.country)
            taken.append(match.span())
        for match in _EMBASSY.finditer(chunk):
            _add_mission(match, add, consulate="lãnh sự" in match.group("kind").lower() or match.group("kind") == "TLSQ")
            taken.append(match.span())
        for match in _ENVOY.finditer(chunk):
            _add_mission(match, add, consulate="lãnh sự" in match.group("kind").lower())
        for match in _ORG.finditer(chunk):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            _add_org(match, add)
        for mention in mentions:
            if mention.after_vietnamese_mission:
                continue
            resolved = _resolve(mention, memory)
            if resolved:
                add(*resolved)
                if resolved[1] is None:
                    unplaced.add(resolved[0])
        for raw_name, word, after_vn_mission in _paren_names(chunk):
            if after_vn_mission:
                continue
            name = _cut_at_known(raw_name, known, people)
            entity = KNOWN_BY_ALIAS.get(name)
            country = COUNTRIES[word]
            if entity and entity.kind == "locality" and country != VIETNAM:
                add(entity.name, country)

    # An article about one foreign country: its unplaced localities are in that country.
    countries = {c for c in found.values() if c}
    fill = next(iter(countries)) if len(countries) == 1 else None
    return [Partner(name, country or (fill if name in unplaced else None)) for name, country in found.items()]


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


def _add_org(match: re.Match, add) -> None:
    org = match.group("org")
    words = org.split()
    word = match.group("country")
    country = COUNTRIES[word]
    if country == VIETNAM or "Việt" in words[:-1] or words[1].lower() in _ORG_BAD_SECOND:
        return
    if word in AMBIGUOUS_COUNTRY_WORDS:
        before = org[: match.start("country") - match.start("org")].split()
        if not before or before[-1][0].isupper():  # "Công ty Minh Đức" is not German
            return
    name = org[: match.start("country") - match.start("org")] + country + (match.group("tail") or "")  # "Mỹ" -> "Hoa Kỳ"
    add(name, country)
