"""Extraction: when the reported event happened, with which foreign partners, who took part.

Public API: ``extract(article) -> Extraction``. Called once per article in indexer worker
processes, so everything heavy (data file, regexes) is built at import time and the per-article
work is a few regex passes and one token scan; no NER model (see ``extract_people``).
"""
from __future__ import annotations

import re

from ..data import data_file
from ..identity import code_identity
from ..model import Article, Extraction
from ..text.normalize import clean
from .dates import extract_date
from .gazetteer import (AMBIGUOUS_COUNTRY_WORDS, COUNTRIES, GAZETTEER_FINGERPRINT, KNOWN_BY_ALIAS,
                        OTHER_PLACES, VIETNAM, VN_ALL_PLACES)
from .partners import extract_partners, known_place_names, whole_words
from .people import extract_people
from .patterns import strip_credits

__all__ = ["EXTRACTION_ID", "extract", "extract_date"]

# Changes with this package's code, the gazetteer and the word lists: articles are re-extracted.
EXTRACTION_ID = code_identity(__package__, GAZETTEER_FINGERPRINT, *(
    entry.read_text(encoding="utf-8")
    for entry in sorted(data_file("lexicon").iterdir(), key=lambda e: e.name)))


def _chunks(article: Article) -> list[str]:
    """Title, body and captions as separate texts (no pattern may run across them), without
    photo credits and bylines."""
    chunks = [clean(article.title or "")]
    chunks.extend(strip_credits(clean(p), trailing=False) for p in article.body.split("\n\n")[:-1])
    last = article.body.split("\n\n")[-1]
    chunks.append(strip_credits(clean(last), trailing=True))
    chunks.extend(strip_credits(clean(c), trailing=True) for c in article.captions)
    return [c for c in chunks if c.strip()]


# Names that are never people, so "Tổng Thư ký Liên Hợp Quốc Antonio Guterres" splits cleanly.
_STATIC_PLACES = (VN_ALL_PLACES | OTHER_PLACES | set(COUNTRIES) | set(KNOWN_BY_ALIAS)
                  | {"Việt", "Nhật", "Trung", "Hàn", "Thái", "Xô", "Liên Hợp Quốc", "Liên Hiệp Quốc"})


# A Vietnamese party to the reported event, named where the article says what happened (title,
# summary, first paragraph): a Vietnamese place or the country, or a body of its state. World
# news, sport and car reviews name none, and their foreign places are not partners.
_VIETNAMESE_PARTY = re.compile(whole_words(VN_ALL_PLACES | {
    "Việt", "VN", "TP.HCM", "TPHCM", "Thủ tướng Chính phủ", "Chủ tịch nước", "Tổng Bí thư",
    "Quốc hội", "Bộ Ngoại giao", "UBND"}))


def has_vietnamese_party(article: Article) -> bool:
    lead = "\n".join([article.title or "", article.summary or "", article.body.split("\n\n", 1)[0]])
    return _VIETNAMESE_PARTY.search(clean(lead)) is not None


def extract(article: Article) -> Extraction:
    chunks = _chunks(article)
    event_date, year = extract_date(article)
    named_here = known_place_names(chunks)
    places = (_STATIC_PLACES | named_here) if named_here else _STATIC_PLACES  # most add none
    officials = extract_people(chunks, places)
    if not has_vietnamese_party(article):  # a partner is a counterpart of a Vietnamese party
        return Extraction(date=event_date, year=year, officials=officials)
    partners = extract_partners(chunks, {o.name for o in officials})
    return Extraction(date=event_date, year=year, partners=partners,
                      countries=event_countries(article, partners, officials), officials=officials)


_VIETNAMESE_PLACE = re.compile(whole_words(VN_ALL_PLACES - {VIETNAM}))  # "Lào" in "Lào Cai"
_COUNTRY_NAMES = {**{name: name for name in COUNTRIES.values()}, **COUNTRIES}  # spelling -> name
_ANY_COUNTRY = re.compile(whole_words(set(_COUNTRY_NAMES)))
# In a headline, short names that are also words or names ("Anh", "Đức", "Trung", "Áo") are not read.
_HEADLINE_COUNTRY = re.compile(whole_words(set(_COUNTRY_NAMES) - AMBIGUOUS_COUNTRY_WORDS))


def event_countries(article: Article, partners, officials) -> list[str]:
    """The countries the reported event involves: its partners' countries, the countries in the
    titles of the people taking part (``Thủ tướng Nhật Bản``: Japan took part even when no body
    of it is named), and the countries the headline names (``Hai Thủ tướng Việt Nam, Nhật Bản
    hội đàm``)."""
    found = [p.country for p in partners if p.country]
    found += [_COUNTRY_NAMES[m.group()] for o in officials
              for m in _ANY_COUNTRY.finditer(_VIETNAMESE_PLACE.sub(" ", o.title or ""))]
    headline = _VIETNAMESE_PLACE.sub(" ", clean(article.title or ""))
    found += [_COUNTRY_NAMES[m.group()] for m in _HEADLINE_COUNTRY.finditer(headline)]
    return [c for c in dict.fromkeys(found) if c != VIETNAM]
