"""Reference data for extraction: CLDR country names and the partners gazetteer.

Loaded once per process (module import), so worker processes pay for it once, not per article.
Country names come from CLDR via Babel so they match the standard Vietnamese spelling; the
gazetteer ``partners.tsv`` adds aliases, known foreign localities/organisations and Vietnamese
places (which are never partners). People extend the TSV, not this code: the file named by
``$SEARCHER_PARTNERS`` (``searcher index`` sets it to ``PATH/partners.tsv`` when the corpus
folder has one, as ``corpus/`` does), else the copy packaged in ``searcher/data``.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass

import babel

from ..data import gazetteer_text
from ..text.normalize import clean

VIETNAM = "Việt Nam"

# CLDR codes that are not countries (EU, UN, pseudo-locales, "unknown region", Antarctica...).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "XK"}


@dataclass(frozen=True)
class KnownEntity:
    name: str  # canonical
    kind: str  # "locality" or "org"
    country: str | None


_SPECIAL_REGIONS = {"Đặc khu Hành chính Hồng Kông, Trung Quốc": "Hồng Kông",
                    "Đặc khu Hành chính Macao, Trung Quốc": "Macao"}


def _cldr_countries() -> dict[str, str]:
    """Every spelling -> canonical CLDR Vietnamese country name."""
    names: dict[str, str] = {}
    for code, name in babel.Locale("vi").territories.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        full = clean(name)
        # The name the press prints: "Myanmar (Miến Điện)" is "Myanmar" (the data file adds "Miến Điện"), the
        # "Đặc khu Hành chính Hồng Kông, Trung Quốc" is "Hồng Kông".
        name = _SPECIAL_REGIONS.get(full, full.split(" (")[0])
        names[full] = name
        names[name] = name
    return names


# Words of a state's form, which the press writes in lower case as often as not ("nước Cộng hòa nhân dân Trung
# Hoa", "Chính phủ nước Cộng hòa dân chủ nhân dân Lào"), and "hòa" written "hoà".
_STATE_FORM_WORDS = ("Dân chủ", "Nhân dân", "Xã hội", "Chủ nghĩa", "Liên bang")


def _press_spellings(alias: str) -> set[str]:
    """The spellings of ``alias`` with the words of a state's form in lower case, "hòa" as "hoà"."""
    if not alias.startswith("Cộng hòa "):
        return set()
    lower = alias
    for words in _STATE_FORM_WORDS:
        lower = lower.replace(words, words.lower())
    return {form for spelling in (alias, lower) for form in (spelling, spelling.replace("hòa", "hoà"))}


def _load(text: str):
    countries = _cldr_countries()
    by_canonical: dict[str, KnownEntity] = {}
    by_alias: dict[str, KnownEntity] = {}
    vn_provinces: set[str] = set()
    vn_places: set[str] = set()
    other_places: set[str] = set()
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    for row in rows:
        kind = row["kind"].strip()
        name = clean(row["name"].strip())
        aliases = [clean(a.strip()) for a in (row.get("aliases") or "").split("|") if a.strip()]
        if kind == "country_alias":
            canonical = countries.get(name, name)
            countries.setdefault(name, canonical)  # "Australia": CLDR's Vietnamese name is "Úc"
            for alias in aliases:
                countries[alias] = canonical
                for spelling in _press_spellings(alias):
                    countries.setdefault(spelling, canonical)
        elif kind in ("locality", "org"):
            country = clean(row["country"].strip()) or None
            if country:
                country = countries.get(country, country)
            entity = KnownEntity(name, kind, country)
            by_canonical[name] = entity
            for alias in [name, *aliases]:
                by_alias.setdefault(alias, entity)
        elif kind == "vn_province":
            vn_provinces.add(name)
        elif kind == "vn_place":
            vn_places.add(name)
        elif kind == "other_place":
            other_places.add(name)
    return countries, by_canonical, by_alias, vn_provinces, vn_places, other_places


_GAZETTEER = gazetteer_text()
COUNTRIES, KNOWN_BY_CANONICAL, KNOWN_BY_ALIAS, VN_PROVINCES, VN_PLACES, OTHER_PLACES = _load(_GAZETTEER)
# Changes whenever the gazetteer does, so the indexer re-extracts articles after an edit.
GAZETTEER_FINGERPRINT = hashlib.sha256(_GAZETTEER.encode("utf-8")).hexdigest()[:16]
VN_ALL_PLACES = VN_PROVINCES | VN_PLACES | {VIETNAM}

# Single-syllable country words that are also common Vietnamese words or given names
# ("Anh", "Đức", "Nga", "Mỹ"...): trusted only where the context makes them a country.
AMBIGUOUS_COUNTRY_WORDS = {c for c in COUNTRIES if " " not in c and len(c) <= 4} | {"Nhật", "Hàn", "Trung"}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A country name: optional "nước" and state-form prefix, then a CLDR name or alias, not
# followed by another capitalised word ("Lào" in "Lào Cai" is not Laos).
# A state form written before a country's short name ("Vương quốc Hà Lan", "Cộng hòa Italy") is the
# same country; forms the data file lists in full ("Vương quốc Campuchia") match as themselves first, so
# a body keeps the canonical name ("Quốc hội Campuchia" for "Quốc hội Vương quốc Campuchia").
_STATE_FORM = r"(?:(?:Vương quốc|Cộng hòa|Cộng hoà|Liên bang|Hợp chúng quốc|Đại công quốc|Công quốc)\s+)"
COUNTRY_PATTERN = (
    r"(?:nước\s+)?" + _STATE_FORM + r"??(?P<country>" + _alternation(COUNTRIES) + r")(?![\w-])(?!\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])"
)

