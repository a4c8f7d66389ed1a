"""People named in an article, with the title the article gives them.

Patterns Vietnamese news uses, tried in order of reliability:
  honorific + Name           "đồng chí Trịnh Xuân Trường", "ông Abe Shuichi"
  Title + Name               "Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường"
  Title - Name               "Thống đốc tỉnh Nagano - Abe Shuichi"
  Name, Title / Name - Title "Hà Vĩ, Đại sứ Trung Quốc tại Việt Nam"
  surname + 2-3 words        "Ngô Minh Quế" (Vietnamese surname list)
A title runs from a title word over organisation words and capitalised names; the name is what
is left of the last capitalised run once known places are cut off its front. underthesea's NER
is not used: on these texts it merges places into names and tags Japanese names as places.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..data import word_list
from ..model import Official
from .gazetteer import COUNTRIES, KNOWN_BY_ALIAS
from .patterns import UPPER, every_mention, is_vietnamese_syllable, looks_foreign, mentions

SURNAMES = set(word_list("surnames"))
# Honorifics: dropped from the name, they only tell us a name follows.
_HONORIFICS = word_list("honorifics")
_WEAK_HONORIFICS = set(word_list("weak_honorifics"))
# Words that start a title. Prefixes ("nguyên", "Phó"...) may come before them.
_TITLE_HEADS = word_list("title_heads")
_TITLE_PREFIXES = set(word_list("title_prefixes"))
# Lower-case words and phrases that may continue a title ("Chủ tịch UBND tỉnh", "Ban Chấp hành
# Trung ương Đảng"). A title stops at the first word not listed here (a verb: "làm", "cho biết").
_TITLE_WORDS = set(word_list("title_words"))
_PLACE_TYPE_WORDS = set(word_list("place_type_words"))
# A name never contains these words; a capitalised run that does is an organisation.
_NOT_NAME_WORDS = set(word_list("not_name_words"))
# ...except as the first word when it is a surname, or inside a name when common as a given name.
_NAME_OK_INSIDE = set(word_list("name_ok_inside"))
# A capitalised run preceded by these words is a street, school or monument named after someone.
_NAMED_AFTER = set(word_list("named_after"))
# A house number before a name makes it a street's: "số 47 Phạm Văn Đồng", "- 198 Trần Quang Khải, Hà Nội" (not a year).
_HOUSE_NUMBER = re.compile(r"(?!(?:19|20)\d\d$)\d{1,4}[a-z]?(?:/\d+)*")
_BEFORE_HOUSE_NUMBER = frozenset({"số", "nhà", "-", "–", ",", ":"})  # "số 47", "số nhà 528", "- 198", "Address: 183"
# The words of ``named_after.txt`` that name a street or a crossing: the first of a list of streets ("các tuyến
# đường như Phạm Hùng, Trần Hưng Đạo, Nguyễn Trãi", "ga: Kim Mã, Cát Linh, Trần Hưng Đạo") makes the others streets.
_STREETS = frozenset({"đường", "phố", "đại lộ", "ga", "góc", "ngã ba", "ngã tư", "ngã năm", "ngã sáu", "nút giao",
                      "nút giao thông", "giao lộ", "vòng xoay", "cầu vượt"})
_LIST_OPENERS = frozenset({"như", ":", "gồm", "là"})  # "các tuyến đường như ...", "ga: ..."
_LIST_SEPARATORS = frozenset({",", "và"})
_ADDRESS_GOES_ON = frozenset({",", "(", ")", ";", "-", "–"})  # the ward, district or city after the street

# Lower-case particles of foreign names, read as part of the capitalised run around them.
_PARTICLES = frozenset(word_list("name_particles"))
_HYPHENED_PARTICLES = tuple(f" {p}-" for p in sorted(_PARTICLES))
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,/]\d+)*|[^\w\s]")
_UPPER_SET = set(UPPER)
# An initial inside a foreign name: "H." before the surname, or run into it ("V.Vnukov").
_INITIAL = re.compile(rf"[{UPPER}]\.(?:[{UPPER}][^\W\d_]+(?:-[^\W\d_]+)*)?$")
_APPOSED_TITLE_WORDS = 12  # words a title may run over before the comma of a person in apposition
_LIST_TITLE_SLACK = 6  # words a title of a "Name, Title; Name, Title" list may run past the title words


def _phrases(words) -> dict[str, list[list[str]]]:
    """Phrases as word lists keyed by their first word, longest first, so most tokens miss in one
    lookup and a hit compares one list slice per phrase."""
    table: dict[str, list[list[str]]] = {}
    for phrase in words:
        parts = phrase.split()
        table.setdefault(parts[0], []).append(parts)
    for phrases in table.values():
        phrases.sort(key=len, reverse=True)
    return table


_HONORIFIC_TABLE = _phrases(_HONORIFICS)
_HEAD_TABLE = _phrases(_TITLE_HEADS)
_TITLE_TABLE = _phrases(_TITLE_WORDS)
_PREFIX_TABLE = _phrases(_TITLE_PREFIXES)
_PLACE_TYPE_TABLE = _phrases(_PLACE_TYPE_WORDS)
# Lower-cased first words of honorifics and titles (prefixes included): only these need a look.
# Countries' short names that are also Vietnamese surnames ("Đại tá Hàn Mạnh Thắng", "Thái Văn ..."): before a
# Vietnamese given name they start a name, not a title's end.
_SURNAME_COUNTRIES = frozenset({"Hàn", "Thái"})
_COMPANY_NAMES = frozenset(alias for alias, entity in KNOWN_BY_ALIAS.items() if entity.kind == "org" and entity.country)
_PLURALS = frozenset({"các", "những", "nhiều", "mấy", "vài"})
# Kind words of a company in a title: the capitalised word after one is the company's name
# ("Chủ tịch Tập đoàn Alphabet", "Tổng Giám đốc Tập đoàn Samsung Lee Kun-hee").
_COMPANY_KINDS = frozenset({"tập đoàn", "công ty", "hãng", "ngân hàng"})
_BODY_KINDS = _COMPANY_KINDS | {"tổ chức"}  # "Tổ chức Unity Government tại Afghanistan": a body's name
# Words whose first, capitalised syllable is no name's ("Phu nhân", "Huân chương").
_COMPOUNDS = word_list("name_breaking_compounds")
_COMPOUND_TABLE = _phrases(c.lower() for c in _COMPOUNDS)
_COMPOUND_STARTS = frozenset(c.split()[0] for c in _COMPOUNDS)
_PHRASE_STARTS = set(_HONORIFIC_TABLE) | set(_HEAD_TABLE) | set(_PREFIX_TABLE)
# Countries whose name holds a lower-case word ("Liên bang Nga", "Cộng hòa Séc", "Hợp chúng quốc
# Hoa Kỳ"): inside a title they are one name, not a capitalised run cut at "bang" ("Tổng thống
# Liên bang Nga Vladimir Putin").
# A state form before a country's short name ("nước Cộng hòa Cuba", "Liên bang Đức") is read the same way.
_LOWER_CASED_COUNTRY_TABLE = _phrases([c.lower() for c in COUNTRIES if " " in c and any(w[0].islower() for w in c.split())]
                                      + ["cộng hòa", "cộng hoà", "liên bang", "hợp chúng quốc"])
# Every country's name of two words or more, read whole inside a title before the words of titles it holds
# ("Cộng hòa Nhân dân Trung Hoa": not "Cộng hòa" and "Nhân dân" of "Ủy ban Nhân dân").
_COUNTRY_NAME_TABLE = _phrases([c.lower() for c in COUNTRIES if " " in c])


@dataclass
class _Person:
    name: str
    titles: list[str] = field(default_factory=list)


def _tokenize(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, about twice as fast: no token spans whitespace, and a purely
    alphabetic piece between spaces is one token, so the regex only runs on the other pieces."""
    tokens: list[str] = []
    for piece in text.split():
        if piece.isalpha():
            tokens.append(piece)
        elif _INITIAL.match(piece):  # "Robert H. McCooey", "Konstantin V.Vnukov": the initial stays in the name
            tokens.append(piece)
        else:
            tokens += _TOKEN.findall(piece)
    return tokens


def _match_phrase(lows: list[str], i: int, table) -> int:
    """Length of the longest phrase from ``table`` at ``i`` (case-insensitive), or 0."""
    candidates = table.get(lows[i]) if i < len(lows) else None
    if not candidates:
        return 0
    for phrase in candidates:
        if lows[i : i + len(phrase)] == phrase:
            return len(phrase)
    return 0


def _head_length(lows: list[str], caps: list[bool], i: int) -> int:
    """Length of the title head (prefixes included) starting at ``i``, or 0."""
    j = i
    while (n := _match_phrase(lows, j, _PREFIX_TABLE)) and j - i < 3:
        j += n
    n = _match_phrase(lows, j, _HEAD_TABLE)
    if not n:
        return 0
    if lows[j] == "trưởng" and n == 1 and not caps[j]:
        return 0
    return j + n - i


class _Tokens:
    """One chunk's tokens as parallel lists (far cheaper than an object per token), with where
    its honorifics and title heads are. Built once and read by both scanning passes."""

    def __init__(self, text: str):
        self.text = text
        self.texts = _tokenize(text)
        self.lows = lows = [t.lower() for t in self.texts]
        self.caps = caps = [t[0] in _UPPER_SET for t in self.texts]
        if not _PARTICLES.isdisjoint(lows) or any(p in text for p in _HYPHENED_PARTICLES):
            self._particles_join_names()  # most chunks hold no particle: two C-level tests skip the loop
        if not _COMPOUND_STARTS.isdisjoint(self.texts):
            for i, token in enumerate(self.texts[:-1]):  # "Phu nhân", "Huân chương": no name's syllable
                if token in _COMPOUND_STARTS and not caps[i + 1] and _match_phrase(lows, i, _COMPOUND_TABLE):
                    caps[i] = False
        phrase_starts = [i for i, low in enumerate(lows) if low in _PHRASE_STARTS]
        # token index -> length of the honorific / title head (prefixes included) starting there
        self.honorifics = {i: n for i in phrase_starts if (n := _match_phrase(lows, i, _HONORIFIC_TABLE))}
        # A title after a plural word names a group, not the person after it ("50 nhà lãnh đạo Arab",
        # "các Nhà lãnh đạo và Đối thoại cấp cao").
        self.heads = {i: n for i in phrase_starts if (n := _head_length(lows, caps, i))
                      and not (i > 0 and (lows[i - 1] in _PLURALS or lows[i - 1].isdigit()))}
        # Where a mention can start: an honorific, a title or a surname. A bare name not led by a
        # surname is only taken for someone already found (see _Scanner.scan).
        surnames = [i for i, text in enumerate(self.texts) if text in SURNAMES]
        self.mention_starts = sorted({*self.honorifics, *self.heads, *surnames})
        self._offsets: list[tuple[int, int]] | None = None

    def _particles_join_names(self) -> None:
        """Read a particle between capitalised words ("Staffan de Mistura", "Ursula von der
        Leyen") or hyphened before one ("Bashar al-Assad") as part of the capitalised run."""
        texts, lows, caps = self.texts, self.lows, self.caps
        for i in range(1, len(caps)):
            if caps[i] or not caps[i - 1]:
                continue
            if lows[i] in _PARTICLES and i + 1 < len(caps) and (
                    caps[i + 1] or (lows[i + 1] in _PARTICLES and i + 2 < len(caps) and caps[i + 2])):
                caps[i] = True
            elif "-" in texts[i]:
                particle, rest = texts[i].split("-", 1)
                if particle in _PARTICLES and rest[:1] in _UPPER_SET:
                    caps[i] = True

    def span(self, a: int, b: int) -> str:
        """The text from token ``a`` through token ``b - 1``. Character offsets are worked out on
        first use: most chunks never need them."""
        if self._offsets is None:
            self._offsets = [m.span() for m in _TOKEN.finditer(self.text)]
        return self.text[self._offsets[a][0] : self._offsets[b - 1][1]]


_VIETNAMESE_MIDDLE_NAMES = frozenset({"Thị", "Văn"})


def _lao_like(words: list[str]) -> bool:
    """Five syllables written apart, as the press writes a Lao name ("Khăm Sinh Phan Tha Vông"), read as a name
    only right after a title word or an honorific: no Vietnamese surname among the first two (a place, then a
    Vietnamese name: "Vân Hồ Lường Văn Huân"), no Vietnamese middle name, no foreign spelling or hyphen ("Thổ Nhĩ
    Kỹ Mevlut Cavusoglu", "Miss Global Beauty Queen Vietnam")."""
    return (len(words) == 5 and words[0] not in SURNAMES and words[1] not in SURNAMES
            and _VIETNAMESE_MIDDLE_NAMES.isdisjoint(words) and all("-" not in w and is_vietnamese_syllable(w) for w in words))


class _Scanner:
    """One pass over one chunk of text; ``known`` are people found so far (for ambiguous runs)."""

    def __init__(self, tokens: _Tokens, places: set[str], known: set[str], strict: bool):
        self.tokens = tokens
        self.texts = tokens.texts
        self.lows = tokens.lows
        self.caps = tokens.caps
        self.places = places
        self.known = known
        # A bare name starts with a surname or with the first word of someone already found.
        self.known_first_words = {name.split(" ", 1)[0] for name in known}
        self.strict = strict  # first pass: only unambiguous contexts
        self.found: list[tuple[str, str | None]] = []

    # --- names -------------------------------------------------------------------------
    def _cap_run(self, i: int, limit: int = 8) -> int:
        caps = self.caps
        j = i
        while j < len(caps) and caps[j] and j - i < limit:
            j += 1
        return j

    def _valid_name(self, words: list[str], *, context: bool) -> bool:
        if not words or len(words) > (6 if any(w in _PARTICLES for w in words) else 4):
            return False  # "Mohamed bin Zayed Al Nahyan": particles make a foreign name longer
        name = " ".join(words)
        if name in self.places:
            return False
        for k, w in enumerate(words):
            if w in _NOT_NAME_WORDS and not (k == 0 and w in SURNAMES) and not (k > 0 and w in _NAME_OK_INSIDE):
                return False
            if w.isupper() and len(w) > 1 and not (len(w) == 2 and w[1] == "."):  # acronyms (UBND, JICA), not initials
                return False
            if not w.isupper() and sum(map(str.isupper, w.split("-")[0])) >= 3:  # a brand: "TPBank", "VNExpress"
                return False
        foreign = any(not is_vietnamese_syllable(w) for w in words)
        if len(words) == 1:
            return context and foreign
        if words[0] in SURNAMES and not foreign:
            return True
        return context

    def _lao_name(self, words: list[str]) -> bool:
        """A Lao name of five syllables (``_lao_like``), not a place or someone found elsewhere run into another
        name ("nghệ sĩ Trung Dân Diệp Lâm Anh")."""
        return _lao_like(words) and " ".join(words[:2]) not in self.places and \
            not any(" ".join(words[k:]) in self.known or " ".join(words[:k]) in self.known for k in range(1, 5))

    def _strip_places(self, words: list[str]) -> list[str]:
        """Drop a known place/country from the front: "Lào Cai Trịnh Xuân Trường"."""
        for cut in range(len(words) - 1, 0, -1):
            if " ".join(words[:cut]) in self.places:
                if cut == len(words) - 1 and " ".join(words[:cut]) in _COMPANY_NAMES:
                    return words  # "Đại tá Toyota Chikara": a surname that is also a company's name
                if cut == 1 and words[0] in _SURNAME_COUNTRIES and 3 <= len(words) <= 4 and \
                        all(map(is_vietnamese_syllable, words)):
                    return words  # "Đại tá Hàn Mạnh Thắng": a surname that is also a country's short name
                return words[cut:]
        return words

    def _name_from_run(self, words: list[str], after_place_type: bool) -> list[str] | None:
        """The person at the end of a title's last capitalised run, if any."""
        if " ".join(words) in self.places:
            return None
        for k in range(len(words)):
            if " ".join(words[k:]) in self.known:
                return words[k:]
        for k in range(len(words) - 1):  # "Đảng Công Minh Ngài Natsuo Yamaguchi"
            if words[k].lower() in ("ngài", "ông", "bà"):
                return words[k + 1 :] if self._valid_name(words[k + 1 :], context=True) else None
        for k in (3, 2):  # "người phát ngôn Điện Kremlin Dmitry Peskov": an institution named like a person, then one
            if len(words) > k and " ".join(words[:k]) in _NOT_PEOPLE:
                return words[k:] if self._valid_name(words[k:], context=True) else None
        while words and words[0].isupper() and len(words[0]) > 1:
            words = words[1:]
        stripped = self._strip_places(words)
        if stripped is not words:
            return stripped if self._valid_name(stripped, context=True) else None
        if words and words[0] not in SURNAMES:  # "Duma Nga Vyacheslav Volodin": the body ends at its country
            for k in range(len(words) - 3, 0, -1):
                if (words[k] in self.places or " ".join(words[k - 1 : k + 1]) in self.places) and \
                        self._valid_name(words[k + 1 :], context=True):
                    return words[k + 1 :]
        if words and not is_vietnamese_syllable(words[0]):
            # "Chủ tịch Vinalines Lê Anh Sơn", "TGĐ TPBank Nguyễn Hưng": a company's name, then a
            # Vietnamese name of two to four words
            for k in range(1, len(words) - 1):
                rest = words[k:]
                if rest[0] in SURNAMES and 2 <= len(rest) <= 4 and all(map(is_vietnamese_syllable, rest)):
                    return rest
        if after_place_type:
            for k in range(1, len(words) - 1):
                if words[k] in SURNAMES and 2 <= len(words) - k <= 4 and self._valid_name(words[k:], context=False):
                    return words[k:]
            if self.strict:
                return None
            if words and words[0] in SURNAMES and 3 <= len(words) <= 4 and self._valid_name(words, context=False):
                return words
            return None
        return words if self._valid_name(words, context=True) else None

    # --- titles ------------------------------------------------------------------------
    def _head_at(self, i: int) -> int:
        """Length of the title head (prefixes included) starting at ``i``, or 0."""
        return self.tokens.heads.get(i, 0)

    def _place_at(self, i: int) -> bool:
        """A known place (or a place-type word) starts at ``i``."""
        lows = self.lows
        if i >= len(lows):
            return False
        if lows[i] in _PLACE_TYPE_WORDS or _match_phrase(lows, i, _PLACE_TYPE_TABLE) \
                or _match_phrase(lows, i, _LOWER_CASED_COUNTRY_TABLE):  # "tại Liên bang Nga"
            return True
        words = self.texts[i : self._cap_run(i)]
        return any(" ".join(words[:k]) in self.places for k in range(len(words), 0, -1))

    def _title(self, i: int) -> tuple[int, int, int]:
        """Parse a title at ``i``. Returns (end of title, start of trailing free run, end)."""
        texts, lows, caps = self.texts, self.lows, self.caps
        j = i + self._head_at(i)
        run_start = j
        while j < len(texts):
            n = _match_phrase(lows, j, _TITLE_TABLE)
            if caps[j] and (c := _match_phrase(lows, j, _COUNTRY_NAME_TABLE)) > n:
                j += c  # "Chủ tịch nước Cộng hòa Nhân dân Trung Hoa Tập Cận Bình": the country (not the words
                run_start = j  # "Cộng hòa", "Nhân dân" of titles), then the person
                continue
            if lows[j] in ("bang", "tiểu") and not caps[j] and run_start + 1 < j and \
                    self._valid_name(texts[run_start:j], context=True) and looks_foreign(" ".join(texts[run_start:j])):
                break  # "Thượng nghị sĩ Patrick Leahy bang Vermont": the person, then the state they are from
            if n and not (caps[j] and n == 1):
                j += n
                run_start = j
                continue
            if caps[j]:
                if n := _match_phrase(lows, j, _LOWER_CASED_COUNTRY_TABLE):
                    j += n  # "Liên bang Nga Vladimir Putin": the country, then the person
                    run_start = j
                    continue
                j += 1
                continue
            next_cap = j + 1 < len(texts) and caps[j + 1]
            if lows[j] == "nước" and next_cap and (_match_phrase(lows, j + 1, _LOWER_CASED_COUNTRY_TABLE)
                                                  or texts[j + 1] in COUNTRIES or " ".join(texts[j + 1 : j + 3]) in COUNTRIES
                                                  or lows[j + 1] in ("chdcnd", "chxhcn", "chnd")):
                j += 1  # "Thủ tướng Chính phủ nước Cộng hòa Dân chủ Nhân dân Lào": the state's country
                continue
            if lows[j] in ("tại", "ở") and self._place_at(j + 1):  # "Đại sứ Nhật Bản tại Việt Nam"
                if j - run_start >= 2 and " ".join(lows[max(0, run_start - 2) : run_start]) not in _BODY_KINDS and \
                        self._valid_name(texts[run_start:j], context=True) and looks_foreign(" ".join(texts[run_start:j])):
                    break  # "thẩm phán liên bang James Robart ở thành phố Seattle": the person, then where they sit
                j += 1
                run_start = j
                continue
            if texts[j] in ("-", "–") and next_cap:  # "Việt Nam – Nhật Bản", "Nhật – Việt"
                words = texts[j + 1 : self._cap_run(j + 1)]
                cut = next((k for k in range(len(words), 0, -1) if " ".join(words[:k]) in self.places), 0)
                if cut:
                    j = j + 1 + cut
                    run_start = j
                    continue
                break
            if lows[j] == "và" and next_cap and not self._head_at(j + 1):  # "Thể thao và Du lịch"
                j += 1
                continue
            if texts[j] == "(" and next_cap:
                end = self._cap_run(j + 1)
                if end < len(texts) and texts[end] == ")":
                    if end - j > 2 and run_start < j and self._name_from_run(texts[run_start:j], False):
                        break  # "Bộ trưởng Bộ Văn hóa Trung Quốc Lạc Thụ Cương (Luo Shugang)": a name, then its gloss
                    j = end + 1
                    run_start = j
                    continue
                break
            if texts[j] in (",", ";") and (h := self._head_at(j + 1)):
                if run_start < j and self._name_from_run(texts[run_start:j], False):
                    break  # "Đại sứ Hoa Kỳ Ted Osius, Đại sứ ...": the first title already has its person
                j = j + 1 + h
                run_start = j
                continue
            break
        return j, run_start, j

    def _span(self, a: int, b: int) -> str:
        if b <= a:
            return ""
        return self.tokens.span(a, b).strip(" ,;-–")

    def _title_after_name(self, j: int) -> tuple[str | None, int]:
        """``, Title`` or `` - Title`` right after a name."""
        texts = self.texts
        if j < len(texts) and texts[j] in (",", "-", "–") and self._head_at(j + 1):
            end, run_start, _ = self._title(j + 1)
            # a trailing free run after the title belongs to it only if it is not a new person
            stop = end
            if run_start < end:
                words = texts[run_start:end]
                if self._name_from_run(words, False) and " ".join(words) not in self.places:
                    stop = run_start
            return self._span(j + 1, stop) or None, stop
        return None, j

    # --- scanning ----------------------------------------------------------------------
    def _record(self, words: list[str], title: str | None) -> None:
        while len(words) > 1 and words[0].lower() in ("ngài", "ông", "bà"):  # "- Ngài Natsuo Yamaguchi"
            words = words[1:]
        self.found.append((" ".join(words), title or None))

    def scan(self) -> list[tuple[str, str | None]]:
        starts = self.tokens.mention_starts
        if other_first_words := self.known_first_words - SURNAMES:  # "Abe Shuichi" found before
            texts = self.texts
            starts = sorted({*starts, *(i for i, text in enumerate(texts) if text in other_first_words)})
        resume = 0  # first token not yet consumed by a mention
        for i in starts:
            if i >= resume:
                resume = self._mention_at(i) or i + 1
        return self.found

    def _mention_at(self, i: int) -> int:
        """Record the person mentioned from token ``i`` on; the token after the mention, or 0."""
        lows, caps = self.lows, self.caps
        before = i - 1 if i > 0 and self.texts[i - 1] in ("“", '"', "‘") else i  # over an opening quote
        if before >= 2 and lows[before - 2] == "mang" and lows[before - 1] == "tên":
            return 0  # "Học viện Quốc phòng mang tên “Đại tướng Maximo Gómez”": a name given to a place
        hon = self.tokens.honorifics.get(i, 0)
        if hon and caps[i] and (place := self._place_named_from(i)):
            return place  # "Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu": a province, not "bà" and a name
        if hon and not (caps[i] and i > 0 and caps[i - 1] and self.tokens.honorifics.get(i - 1) != 1):
            # (an honorific repeated, "HLV HLV Darren Bazeley", is one)
            nxt = i + hon
            if nxt < len(lows) and self.texts[nxt] == ":":  # "các đồng chí: A, title; B, title"
                nxt += 1
            consumed = self._after_honorific(nxt, weak=" ".join(lows[i : i + hon]) in _WEAK_HONORIFICS)
            if consumed:
                return consumed
        # a capitalised word before the title is a name's, running on, unless it is the article opening the
        # sentence ("Một phụ tá của Putin, Yuri Ushakov, ...")
        if self._head_at(i) and not (i > 0 and caps[i - 1] and not self._head_at(i - 1) and lows[i - 1] != "một"):
            consumed = self._title_then_name(i)
            if consumed:
                return consumed
        if caps[i] and (i == 0 or not caps[i - 1]):
            return self._bare_name(i)
        return 0

    def _place_named_from(self, i: int) -> int:
        """The token after a place of two to five tokens starting at ``i``, or 0."""
        for n in range(5, 1, -1):
            if i + n <= len(self.texts) and " ".join(self.texts[i : i + n]) in self.places:
                return i + n
        return 0

    def _after_honorific(self, i: int, weak: bool) -> int:
        texts, caps = self.texts, self.caps
        if i >= len(texts):
            return 0
        if self._head_at(i):
            return self._title_then_name(i)
        if not caps[i]:
            return 0
        end = self._cap_run(i)
        # cut a run that ran into a title ("ông Nguyễn Văn A Phó Chủ tịch")
        for k in range(i + 1, end):
            if self._head_at(k):
                end = k
                break
        words = texts[i:end]
        if weak and len(words) < 2:
            return 0
        if not (self._valid_name(words, context=True) or self._lao_name(words)):
            return 0
        title, j = self._title_after_name(end)
        if title is not None and j < len(texts) and texts[j] != ";":
            # In a list "Name, Title; Name, Title; ..." a title runs to the semicolon, over words
            # no title list holds ("Bộ trưởng Bộ Công chính và Vận tải; ...").
            k = next((k for k in range(j, min(j + _LIST_TITLE_SLACK, len(texts)))
                      if texts[k] in (";", ".", "!", "?", ":", "(", '"', "“")), None)
            if k is not None and texts[k] == ";" and k + 1 < len(texts) and caps[k + 1]:
                title, j = self._span(end + 1, k), k
        self._record(words, title)
        if title is not None and j < len(texts) and texts[j] == ";" and j + 1 < len(texts) and caps[j + 1]:
            return self._after_honorific(j + 1, weak) or j + 1  # the next item of a list
        return j

    def _title_then_name(self, i: int) -> int:
        texts, lows, caps = self.texts, self.lows, self.caps
        end, run_start, _ = self._title(i)
        name = None
        title_end = end
        if run_start < end:
            words = texts[run_start:end]
            prev = lows[run_start - 1] if run_start > 0 else ""
            prev2 = " ".join(lows[max(run_start - 2, 0) : run_start])
            after_type = (prev in _PLACE_TYPE_WORDS and prev2 != "liên bang") or prev2 in _PLACE_TYPE_WORDS  # not "Tòa án Liên bang"
            if prev2 in _COMPANY_KINDS or prev in _COMPANY_KINDS:
                words = words[1:]  # "Chủ tịch Tập đoàn Alphabet": the word after the kind names the company
            name = self._name_from_run(words, after_type) if words else None
            if not name and run_start == i + self._head_at(i) and len(words) == 3 and words[0] in SURNAMES:
                name = words  # "Chủ tịch Hồ Chí Minh": right after the title word it is a person
            if not name and run_start == i + self._head_at(i) and self._lao_name(words):
                name = words  # "trung tá Khăm Sinh Phan Tha Vông": so is a Lao name of five syllables
            if name:
                title_end = end - len(name)
                while title_end > i + 1 and lows[title_end - 1] in ("ông", "ngài"):  # not "bà": "Hai Bà Trưng"
                    title_end -= 1  # "Đại sứ du lịch Nhật Bản Ông Takahashi Ayumi": the honorific is the name's
        if name is None and end + 1 < len(texts) and texts[end] in ("-", "–") and caps[end + 1]:
            stop = self._cap_run(end + 1)
            words = texts[end + 1 : stop]
            if self._valid_name(words, context=True):
                name, title_end, end = words, end, stop
        if not name:
            return self._name_in_apposition(i)
        self._record(name, self._span(i, title_end))
        return end

    def _name_in_apposition(self, i: int) -> int:
        """A title whose body is named in words a title does not hold, then the person between commas:
        "Người phát ngôn của tập đoàn dầu khí Chevron, Melissa Ritchie, cho biết". The title ends with
        the name of whom it is of (not a verb: "Tổng thống Philippines tiết lộ, Nur Misuari, thủ lĩnh
        ..."; nor a person, the first of a list), and the closing comma is followed by the sentence going
        on in lower case (not a list of places: "(Bạch Thông, Bắc Kạn)"). The title's own run stops at its first such word ("của"), so
        the person is found nowhere else. Scanning resumes inside the title, which may name someone."""
        texts, caps = self.texts, self.caps
        start = i + self._head_at(i)
        comma = next((k for k in range(start, min(start + _APPOSED_TITLE_WORDS, len(texts)))
                      if not texts[k][0].isalpha()), None)
        if comma is None or comma == start or texts[comma] != "," or not caps[comma - 1] \
                or comma + 1 >= len(texts) or not caps[comma + 1]:
            return 0
        end = self._cap_run(comma + 1)
        words = texts[comma + 1 : end]
        if end + 1 >= len(texts) or texts[end] != "," or caps[end + 1] or not texts[end + 1][0].isalpha() \
                or len(words) < 2 or not self._valid_name(words, context=True) \
                or not (words[0] in SURNAMES or looks_foreign(" ".join(words))):
            return 0
        before = comma - 1
        while before > start and caps[before - 1]:
            before -= 1
        if texts[before] in SURNAMES and self._valid_name(texts[before:comma], context=False):
            return 0  # "như đồng chí Vũ Huy Hoàng, Huỳnh Minh Chắc, ...": a list of people, not a title
        self._record(words, self._span(i, comma))
        return start

    def _named_after_before(self, dash: int) -> bool:
        """The capitalised run before the dash at ``dash`` is a street or place named after someone:
        the name after the dash is the next street of a crossing ("đường Trần Phú - Phạm Văn Đồng")."""
        k = dash
        while k > 0 and self.caps[k - 1]:
            k -= 1
        return 0 < k < dash and (self._named_after(k) or self._house_number(k - 1))

    def _named_after(self, i: int) -> bool:
        """The one to three words before ``i`` name a street, place or building named after someone ("đường",
        "nút giao thông", "ngã tư")."""
        return self._named_after_head(i) is not None

    def _named_after_head(self, i: int) -> str | None:
        """The longest of the one to three words before ``i`` that ``named_after.txt`` lists ("thành phố", not "phố")."""
        return next((head for n in (3, 2, 1) if i >= n and (head := " ".join(self.lows[i - n : i])) in _NAMED_AFTER),
                    None)

    def _listed_with_streets(self, i: int) -> bool:
        """The name at ``i`` is in a list whose first item is a street: "các tuyến đường như Phạm Hùng, Trần Hưng
        Đạo", "ga: Kim Mã, Cát Linh, Văn Miếu, Trần Hưng Đạo", "đường Võ Văn Ngân, Tô Ngọc Vân (quận Thủ Đức), Lê
        Văn Việt"."""
        lows, caps = self.lows, self.caps
        k = i
        for _ in range(8):
            opener = k - 1 if k >= 1 and lows[k - 1] in _LIST_OPENERS else k
            if self._named_after_head(opener) in _STREETS:  # the longest head: "thành phố Hà Nội" is a city
                return True
            if k < 2 or lows[k - 1] not in _LIST_SEPARATORS:
                return False
            j = k - 2
            if lows[j] == ")":  # the item before, with its district in brackets: "Tô Ngọc Vân (quận Thủ Đức),"
                j = next((b - 1 for b in range(j - 1, max(0, j - 10), -1) if lows[b] == "("), -1)
            if j < 1 or not caps[j]:
                return False
            k = j
            while k > 0 and caps[k - 1]:
                k -= 1
        return False

    def _house_number(self, j: int) -> bool:
        """Token ``j`` is a house number: a number after "số", a dash, a comma or a colon ("số 47", "- 198",
        "Address: 183"), not a district's ("quận 1", "Q.1") or a team's ("U23")."""
        return j >= 1 and bool(_HOUSE_NUMBER.fullmatch(self.lows[j])) and self.lows[j - 1] in _BEFORE_HOUSE_NUMBER

    def _bare_name(self, i: int) -> int:
        texts, lows = self.texts, self.lows
        if texts[i] not in SURNAMES and texts[i] not in self.known_first_words:
            return 0  # the cheap test first: most capitalised words start no name at all
        prev = lows[i - 1] if i > 0 else ""
        if self._named_after(i) or (prev in ("-", "–") and self._named_after_before(i - 1)) or \
                ((prev in _LIST_SEPARATORS or prev in _LIST_OPENERS) and self._listed_with_streets(i)):
            return 0
        end = self._cap_run(i, limit=4)
        if (self._house_number(i - 1) or prev == "," and i >= 3 and lows[i - 3] == "nhà" and self._house_number(i - 2)) \
                and (end == len(texts) or texts[end] in _ADDRESS_GOES_ON):
            return 0  # "số 4 Lương Hữu Khánh (quận 1", "số nhà 133, Trần Hưng Đạo, phường", not "chủ công số 16 Đinh Thị Thúy. Đây là ..."
        for k in range(i + 1, end):
            if self._head_at(k):
                end = k
                break
        words = texts[i:end]
        for k in range(len(words), 0, -1):  # someone already found in a clear context
            if " ".join(words[:k]) in self.known:
                title, j = self._title_after_name(i + k)
                self._record(words[:k], title)
                return j
        if words[0] not in SURNAMES:
            return 0
        title, j = self._title_after_name(end)
        if len(words) >= 3 and self._valid_name(words, context=False):
            self._record(words, title)
            return j
        if title and len(words) == 2 and self._valid_name(words, context=False):
            self._record(words, title)
            return j
        return 0


# Where a person named in full is no official of the reported event: the sender of greetings
# passed on ("chuyển lời thăm hỏi của Tổng Bí thư Nguyễn Phú Trọng ... đến", "lời thăm hỏi của Tổng
# thống Joko Widodo"), someone invited to come later ("trân trọng mời Tổng thống ... sang thăm"), a
# visit recalled with its date ("chuyến thăm Trung Quốc của Tổng Bí thư Nguyễn Phú Trọng (01/2017)"),
# the late ("cố Quốc vương Norodom Sihanouk") and private people given with their age ("Nguyễn Duy
# Khánh (26 tuổi, ...)").
_GREETINGS_BEFORE = re.compile(r"(?:lời (?:thăm hỏi|chào|chúc)|(?<!lời )mời)(?:(?!\b(?:đến|tới)\b)[^.!?;])*$")
_LATE_BEFORE = re.compile(r"(?<!\w)cố\s+(?:Quốc vương|Nhà vua|Hoàng đế|Chủ tịch|Tổng Bí thư|Thủ tướng|Tổng thống"
                          r"|Đại tướng|lãnh tụ|nhà lãnh đạo)[^,.;!?]{0,40}$")
_RECALLED_AFTER = re.compile(r"\s*\((?:tháng\s*)?\d{1,2}\s*/\s*\d{4}\)|\s*\(\d{1,3}\s+tuổi|\s*\(sinh năm"
                             r"|[^.;!?()\n]{0,120}?\s\((?:tháng\s*)?\d{1,2}\s*/\s*\d{1,4}\)\s*[;,.]")


# Also the one greetings are sent to ("chuyển lời thăm hỏi và chúc sức khỏe tới Quốc vương Norodom
# Sihamoni"; not "chuyển tới Chủ tịch nước ... lời thăm hỏi", who receives them in person), a former
# leader whose time is recalled ("dưới thời Tổng thống tiền nhiệm Barack Obama") and one welcomed to come
# later ("hoan nghênh Thủ tướng Canada Justin Trudeau sang thăm Việt Nam và dự Tuần lễ cấp cao APEC", "hy vọng Tổng
# thống Moon Jae-in có thể tới thăm Việt Nam").
_GREETED_BEFORE = re.compile(r"lời (?:thăm hỏi|chào|chúc)[^.!?;]{0,60}?(?:tới|đến)\s+[^.!?;,]{0,60}$")
_ERA_BEFORE = re.compile(r"(?<!\w)thời\s+(?:[^.!?;,]{0,30}\s)?(?:tiền nhiệm|cựu)\s+[^.!?;,]{0,40}$|(?<!\w)tiền nhiệm\s+$")
_WELCOMED_AROUND = re.compile(r"(?<!\w)(?:hoan nghênh|hy vọng|hi vọng|mong muốn|mong)\s+[^.!?;,]{0,60}$")
_TO_COME_AFTER = re.compile(r"\s*(?:và [Pp]hu nhân\s+)?(?:sẽ\s+|có thể\s+|sớm\s+)*(?:sang|đến|tới)\s+thăm")
# ... and the one a visitor will report to at home ("sẽ báo cáo Tổng thống Joko Widodo ... đề nghị của Việt Nam").
_REPORTED_TO_BEFORE = re.compile(r"(?<!\w)sẽ\s+(?:báo cáo|trình|chuyển)(?:\s+lại)?(?:\s+(?:với|lên|tới))?\s+[^.!?;,]{0,50}$")


# ... and those thanked for their support over the years ("sự ủng hộ, giúp đỡ quý báu mà Quốc vương Norodom Sihanouk,
# Quốc vương Norodom Sihamoni, các nhà lãnh đạo Campuchia ... đã dành cho nhân dân Việt Nam"), or a monarch under
# whose reign a country thrives ("dưới sự trị vì anh minh của Quốc vương Norodom Sihamoni").
_THANKED_BEFORE = re.compile(r"(?:ủng hộ|giúp đỡ|tình cảm)[^.!?;]{0,60}?\smà\s[^.!?;]{0,100}$")
_GIVEN_AFTER = re.compile(r"[^.!?;]{0,200}?\s(?:đã|từng)\s+(?:dành|dành cho|giành cho)\s")
_REIGN_BEFORE = re.compile(r"(?<!\w)dưới\s+(?:sự|thời)\s+(?:trị vì|cai trị)[^.!?;,]{0,30}$")


def _in_passing(text: str, name: str) -> bool:
    """Every mention of ``name`` in ``text`` is in passing (see above); False when there is none."""
    def passing(at: int) -> bool:
        before = text[max(0, at - 160) : at]
        return bool(_GREETINGS_BEFORE.search(before) or _LATE_BEFORE.search(before)
                    or _RECALLED_AFTER.match(text, at + len(name)) or _GREETED_BEFORE.search(before)
                    or _ERA_BEFORE.search(before[-60:])
                    or (_WELCOMED_AROUND.search(before[-80:]) and _TO_COME_AFTER.match(text, at + len(name)))
                    or _REPORTED_TO_BEFORE.search(before[-70:])
                    or (_THANKED_BEFORE.search(before) and _GIVEN_AFTER.match(text, at + len(name)))
                    or _REIGN_BEFORE.search(before[-60:]))
    return every_mention(text, name, passing)


# A warship named after a commander ("tàu khu trục Đô đốc Essen", "tàu sân bay \"Đô đốc Kuznetsov\"", "hạm
# tên lửa Đô đốc Essen"): no person, wherever the article names it again ("Đô đốc Grigorovich" alone).
# Not the ship's commander: "chỉ huy tàu khu trục Chuẩn Đô đốc Bryce Benson".
_SHIP_BEFORE = re.compile(r"(?<!\w)(?<!huy )(?<!trưởng )(?:tàu|hạm)(?:\s+(?!Chuẩn|Phó)[^\s.,;:!?\"“]+){0,4}\s+[\"“]?(?:Đô đốc|Đại Đô đốc|Đại tướng|Nguyên soái"
                          r"|Thống chế)\s+$")


def _a_ship(text: str, name: str) -> bool:
    return any(_SHIP_BEFORE.search(text, max(0, at - 60), at) for at in mentions(text, name))


# A body's kind word before a name ("CLB Chelsea", "đội Arsenal", "CĐV Real", "mạng xã hội Facebook", "Ngân hàng
# Sacombank").
_BODY_BEFORE = re.compile(r"(?:CLB|[Cc]âu lạc bộ|[Đđ]ội(?: bóng| tuyển)?|CĐV|[Nn]gân hàng|[Hh]ãng|[Tt]ập đoàn|[Cc]ông ty"
                          r"|[Mm]ạng xã hội)\s+$")


# A body's name before the abbreviation it defines, in the same sentence ("Cục Dự trữ Liên bang Mỹ (Fed)").
_BODY_NAMED_BEFORE = re.compile(r"(?:Cục|Bộ|Viện|Quỹ|Hiệp hội|Ủy ban|Uỷ ban|Đảng|Liên đoàn|Sở|Tổng công ty|Tổ chức"
                                r"|Ngân hàng|Tập đoàn|Công ty|Hãng|Cơ quan|Liên minh|Phong trào|Trung tâm|Hội đồng)"
                                r"\s[^.!?;()]*$")


def _a_body(name: str, text: str) -> bool:
    """Is a one-word name the article's word for a body: a known company, the abbreviation it
    defines ("Ngân hàng TMCP Sài Gòn Thương Tín (Sacombank)", "Cục Dự trữ Liên bang Mỹ (Fed)"; not
    a person's name glossed, "Abdel Fattah al-Sisi (Xi-xi)"), or a name after a body's kind word?
    Found alone after a title ("Quyền Tổng giám đốc Sacombank", "Chủ tịch Fed", "cựu cầu thủ
    Chelsea"), it is the title's body, not a person."""
    return name in _COMPANY_NAMES or any(
        _BODY_BEFORE.search(text[max(0, at - 20):at]) or (
            text.startswith(f"({name})", at - 1) and _BODY_NAMED_BEFORE.search(text[max(0, at - 120):at - 1]))
        for at in mentions(text, name))


def extract_people(chunks: list[str], places: set[str]) -> list[Official]:
    """Everyone named, one entry per person, with the fullest title the article gives them;
    not those named only in passing (``_in_passing``), nor ships named after someone, nor a
    body's one-word name (``_a_body``)."""
    officials = _extract_people(chunks, places)
    text = "\n".join(chunks)
    officials = [o for o in officials if " " in o.name or not _a_body(o.name, text)]
    if "Đô đốc" in text or "Đại tướng" in text or "Nguyên soái" in text or "Thống chế" in text:
        officials = [o for o in officials if not _a_ship(text, o.name)]
    if not any(word in text for word in ("lời", "mời", "cố ", "tuổi", "/", "sinh năm", "hoan nghênh", "tiền nhiệm",
                                         "vọng", "mong", "sẽ ", " mà ", "trị vì")):
        return officials
    return [o for o in officials if " " not in o.name or not _in_passing(text, o.name)]


def _extract_people(chunks: list[str], places: set[str]) -> list[Official]:
    """Everyone named, one entry per person, with the fullest title the article gives them."""
    tokenized = [_Tokens(chunk) for chunk in chunks]
    known: set[str] = set()
    for tokens in tokenized:  # pass 1: clear contexts only, to resolve "tỉnh Trịnh Xuân Trường"
        known.update(name for name, _ in _Scanner(tokens, places, set(), strict=True).scan())
    people: dict[str, _Person] = {}
    for tokens in tokenized:
        for name, title in _Scanner(tokens, places, known, strict=False).scan():
            person = people.setdefault(name, _Person(name))
            if title:
                person.titles.append(title)
    return _merge(people, "\n".join(chunks), places)


_NOT_PEOPLE = set(word_list("not_people"))
_CLAUSE_OPENERS = set(word_list("clause_openers"))
# Clause openers that are no given name ("Sáng", "Hiện", "Tiền" are: "Vũ Xuân Sáng", "Trần Văn Hiện").
_OPENERS_NO_NAME = _CLAUSE_OPENERS & {"Sau", "Trong", "Khi", "Bà", "Ông", "Và", "Với", "Tại", "Trước", "Ngoài", "Nhưng",
                                      "Đã", "Sẽ", "Cũng", "Vừa", "Hôm", "Ngày", "Chiều", "Tối", "Là", "Nhiều"}
# Country names of two words or more inside a "name" ("Đoàn Việt Nam", "Lào-Việt Nam") mark a
# delegation or a pair of countries, not a person.
_COUNTRY_INSIDE = re.compile(r"(?<!\w)(?:Việt Nam|Nhật Bản|Trung Quốc|Hàn Quốc|Hoa Kỳ|Liên bang Nga)(?!\w)")


# Countries written in one syllable inside compounds ("Nhóm Nghị sỹ hữu nghị Nhật-Việt").
_COUNTRY_SHORT_NAMES = frozenset({"Việt", "Nhật", "Trung", "Hàn", "Lào", "Nga", "Mỹ", "Pháp", "Đức", "Anh", "Úc", "Thái",
                                  "Cuba", "Ấn"})


def _initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "."


def _initials_kept(words: list[str]) -> list[str]:
    """A name keeps an initial between a given name and a foreign surname ("George W. Bush",
    "George H. W. Bush"; after a foreign given name, any surname: "Dolly M. Gee") or run into the
    surname at its end ("Konstantin V.Vnukov"); elsewhere the
    initial ends the name as a letter ("anh T. Sau đó" -> "T", "Nguyễn A. H" -> "Nguyễn A"), and
    a word run into an initial before more words is a league's or a brand's ("V.League")."""
    k = 0
    while k < len(words):
        word = words[k]
        if _initial(word):
            j = k
            while j < len(words) and _initial(words[j]):
                j += 1
            surname = words[j] if j < len(words) else ""
            if k == 0 or len(surname) < 2 or (is_vietnamese_syllable(surname)
                                              and all(map(is_vietnamese_syllable, words[:k]))):
                return words[:k] + [word[0]]
            k = j
        elif word[1:2] == "." and k + 1 < len(words):
            return words[k + 1:]
        k += 1
    return words


def _cleaned(name: str) -> str | None:
    """The name without a leading "và" or a trailing clause opener after a foreign name ("Scott
    Loach Sau" -> "Scott Loach"); None for what is no person (one letter, an institution, a
    delegation or a pair of countries)."""
    words = name.split()
    if words and words[0] == "và":
        words = words[1:]
    if "và" in words:  # a title's "X và Y" ran over the name: "Heng Samrin và Phu nhân dẫn đầu"
        words = words[: words.index("và")]
    if len(words) >= 2 and words[-1] in _CLAUSE_OPENERS and (len(words) >= 3 or not words[-1].isascii()) and \
            (len(words) >= 4 or any(not is_vietnamese_syllable(w) for w in words[:-1])):
        words = words[:-1]  # "Nguyễn Xuân Phúc Ngày 5/6 ...": a Vietnamese name runs to three words; "Neuer Nhiều
        # ..." (two words only when the second can be no foreign name: "Tommy Cho" stays)
    words = _initials_kept(words)
    name = " ".join(words)
    if len(name) <= 1 or name in _NOT_PEOPLE or _COUNTRY_INSIDE.search(name):
        return None
    if set(re.split(r"[\s–-]+", name)) <= _COUNTRY_SHORT_NAMES:  # "Nhật-Việt", "Việt - Nga": a pair of countries
        return None
    if len(words) > 1 and f"{words[0]} {words[1]}".lower() == "tập đoàn":  # "Tập Đoàn Dầu khí": a company
        return None
    return name


def _folded(name: str) -> str:
    """A foreign name without accents or case ("Rául Castro" and "Raul Castro" are one)."""
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)).casefold()


def _one_letter_apart(a: str, b: str) -> bool:
    """``b`` is ``a`` with one letter added, dropped or changed ("Rutte"/"Rutter")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _same_foreign_name(a: str, b: str) -> bool:
    """Two spellings of one foreign person: the same letters once accents, case, spaces and
    hyphens go ("Maxima"/"Máxima", "Fran Cois-Philippe"/"Francois-Philippe"), the same words in
    another order ("Masaru Hashimoto"/"Hashimoto Masaru"), or one long word a letter apart with
    the others the same ("Engartiasto Lukita"/"Enggartiasto Lukita", "Mark Rutte"/"Mark Rutter")."""
    fa, fb = _folded(a), _folded(b)
    if fa.replace(" ", "").replace("-", "") == fb.replace(" ", "").replace("-", ""):
        return True
    wa, wb = fa.split(), fb.split()
    if len(wa) < 2 or len(wa) != len(wb):
        return False
    if sorted(wa) == sorted(wb):
        return True
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(differ) == 1 and min(map(len, differ[0])) >= 5 and _one_letter_apart(*differ[0])


def _without_place(name: str, places) -> str | None:
    """The name without a place of two words or more run into its front ("Hà Nội Nhiều chuyên gia
    ...", "TP. Hồ Chí Minh Nguyễn ...": a place, then the next words); None when what is left is no
    name (nothing, or one Vietnamese syllable). A country's name of one word is cut off a foreign
    name of two words or more ("Nga Natalia Veselnitskaya", "Mỹ Warren Buffett": the end of a title
    run into the name), not off a Vietnamese one ("Hàn Đức Long") nor a given name before an
    initial ("Chad P. Bown")."""
    words = name.split()
    if len(words) >= 3 and words[0] in COUNTRIES and not _initial(words[1]) and looks_foreign(" ".join(words[1:])):
        return " ".join(words[1:])
    for cut in range(len(words) - 1, 1, -1):
        if " ".join(words[:cut]) in places:
            rest = words[cut:]
            while len(rest) > 1 and rest[0].lower() in ("ông", "bà", "ngài"):  # "Hà Nội Ông Hùng"
                rest = rest[1:]
            if any(" ".join(rest[:k]) in places for k in range(1, len(rest) + 1)):
                return None  # "Châu Á Thái Bình Dương": places only
            if rest[0] in SURNAMES and len(rest) > 1 or any(len(w) > 2 and not is_vietnamese_syllable(w) for w in rest):
                return " ".join(rest)  # "Hà Nội Nguyễn Văn ...", "Hong Kong Li Jiahe"
            return None  # "Hà Nội Sân Thành", "Hà Nội Ông Hùng": the next words of the sentence
    return name


_INITIAL_SURNAME = re.compile(rf"([{UPPER}])\.\s*([{UPPER}][^\W\d_]+(?:-[^\W\d_]+)*)")


def _merge(people: dict[str, _Person], text: str = "", places=frozenset()) -> list[Official]:
    """Fold short mentions ("Trump", "ông Trường", "Leopoldo Cintra" for "Leopoldo Cintra
    Frías") and other spellings of a foreign name ("Raul Castro", "Rául Castro") into the full
    name they abbreviate or repeat, shown in the spelling ``text`` uses most."""
    cleaned: dict[str, _Person] = {}
    for person in people.values():
        name = _cleaned(person.name)
        if name is not None and " " in name:
            name = _without_place(name, places)
        if name is not None:
            cleaned.setdefault(name, _Person(name)).titles.extend(person.titles)
    people = {}
    foreign: list[_Person] = []  # the foreign names kept so far
    vietnamese: list[_Person] = []  # Vietnamese names of three words or more kept so far
    for name, person in cleaned.items():
        words = name.split()
        if all(map(is_vietnamese_syllable, words)):
            # "Nguyễn Thi Kim Ngân" is "Nguyễn Thị Kim Ngân" misprinted: in one article, a full
            # Vietnamese name with the same letters is the same person
            same = len(words) >= 3 and next((p for p in vietnamese if _folded(p.name) == _folded(name)), None)
            if not same:
                if len(words) >= 3:
                    vietnamese.append(person)
                people[name] = person
                continue
        else:
            same = next((p for p in foreign if _same_foreign_name(p.name, name)), None)
        if same:
            same.titles.extend(person.titles)
            if text.count(name) > text.count(same.name):  # the spelling the article uses most
                del people[same.name]
                same.name = name
                people[name] = same
            continue
        foreign.append(person)
        people[name] = person
    for person in list(people.values()):
        head, last = person.name.rsplit(" ", 1) if " " in person.name else ("", "")
        if head in people and is_vietnamese_syllable(last) and (
                head.count(" ") >= 2 or (" " in head and not all(map(is_vietnamese_syllable, head.split())))
                or last in _OPENERS_NO_NAME):
            # "Trần Đại Quang Chuyến thăm ...", "Kim Jong-un Vụ ám sát ...": a name found alone,
            # run into the next sentence's first word; so are "Lý Hải Sau ...", "Putin Trong ..." with
            # a word that opens a clause and is no given name
            people[head].titles.extend(person.titles)
            del people[person.name]
        elif len(words := person.name.split()) >= 4 and len(words) % 2 == 0 and \
                words[: len(words) // 2] == words[len(words) // 2 :] and (half := " ".join(words[: len(words) // 2])):
            # "Đan Trường Đan Trường": a name said twice (a caption run into the text), one person
            del people[person.name]
            people.setdefault(half, _Person(half)).titles.extend(person.titles)
    # "D.Trump" is a full name to the surname alone ("Trump") of the same article
    full = [p for p in people.values() if " " in p.name or _INITIAL_SURNAME.fullmatch(p.name)]
    result: list[_Person] = []
    for person in people.values():
        # a name that starts or ends one longer name is that person (one word: "Trump"; more,
        # when foreign: "Leopoldo Cintra"; Vietnamese two-word runs are often other people's)
        short = " " not in person.name or not all(map(is_vietnamese_syllable, person.name.split()))
        if not short and person.name.count(" ") == 1:
            # a Vietnamese surname and middle name alone are a name cut short ("ông Lý Khắc cường",
            # "Phạm Bình" for "Phạm Bình Minh"): people are called by their given name, not by these
            owners = [f for f in full if f.name.startswith(person.name + " ") and f.name.count(" ") == 2]
            if len(owners) == 1:
                owners[0].titles.extend(person.titles)
                continue
            # a middle and given name without the surname are the one full name they end ("HLV Hữu Thắng"
            # for "Nguyễn Hữu Thắng")
            owners = [f for f in full if f.name.endswith(" " + person.name)]
            if len(owners) == 1:
                owners[0].titles.extend(person.titles)
                continue
        if short and (initial := _INITIAL_SURNAME.fullmatch(person.name)):
            # "V.Putin", "D. Trump": the full name with that initial and surname
            owners = [f for f in full if f is not person and f.name.startswith(initial.group(1))
                      and f.name.rsplit(" ", 1)[-1] == initial.group(2)]
            if len(owners) == 1:
                owners[0].titles.extend(person.titles)
                continue
        if short:
            owners = [f for f in full if f is not person and
                      (f.name.endswith((" " + person.name, "." + person.name)) or f.name.startswith(person.name + " "))]
            if len(owners) == 1:
                owners[0].titles.extend(person.titles)
                continue
            if owners and " " not in person.name:
                continue
        result.append(person)
    # One word left alone is a person's only as a foreign name ("Putin", "Sneijder"): a Vietnamese
    # syllable or two letters alone are a word cut from a place or a phrase ("H.Phước Sơn" -> "Sơn",
    # "Đệ nhất phu nhân" -> "Đệ", "Tp").
    return [Official(p.name, max(p.titles, key=len) if p.titles else None) for p in result
            if " " in p.name or (len(p.name) > 2 and not is_vietnamese_syllable(p.name))]
