"""Text and spelling normalisation: the one place that decides when two spellings are the same.

``clean`` applies to whole texts (every stage calls it: reader, extraction, analysis, query):
NFC, and the look-alike ``Ð`` (U+00D0, Icelandic eth) read as ``Đ``.

Two forms of every syllable reach the index:

- ``normalize_syllable``: lower case, NFC, ``Ð`` -> ``đ``, new -> old tone placement
  (``hoà`` -> ``hòa``, via underthesea's ``token_normalize``) and ``y`` -> ``i`` where the two are
  interchangeable (``sỹ``/``sĩ``, ``kỹ``/``kĩ``, ``lý``/``lí``). Accent-exact matching uses it.
- ``fold``: the normalised form without any diacritic (``đường`` -> ``duong``): the recall net for
  queries typed without accents.

Both are cached: a news archive has a vocabulary of a few tens of thousands of syllables, and these
functions run once per syllable occurrence at index time.
"""
from __future__ import annotations

import pickle
import re
import unicodedata
from functools import cache, lru_cache
from importlib.util import find_spec
from os.path import join

# A syllable (or number, or Latin word): what the index stores one position for.
SYLLABLE_RE = re.compile(r"\w+")

# Onsets after which a lone i/y vowel is one sound, spelled either way (sĩ/sỹ, quí/quý).
_IY_SYLLABLE = re.compile(
    r"^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|nh|ng|ngh|p|ph|qu|r|s|t|th|tr|v|x)([yýỳỷỹỵ])$"
)
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def clean(text: str) -> str:
    """NFC, with ``Ð``/``ð`` (U+00D0/U+00F0) read as ``Đ``/``đ``: macOS input arrives in NFD and
    some sites type the eth for the Vietnamese D with stroke."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


# underthesea's token-normalisation tables (its text_normalize data file).
_RULES_FILE = ("pipeline", "text_normalize", "tn_rules_2023_07_14.bin")
_LONGEST_MAPPED = 6  # underthesea leaves longer tokens as they are


def underthesea_file(*parts: str) -> str:
    """A data file inside the installed underthesea package, found without importing it."""
    return join(find_spec("underthesea").submodule_search_locations[0], *parts)


@cache
def _normalization_rules() -> tuple[dict[str, str], dict[str, str]] | None:
    """(character map, token map) read from underthesea's data file without importing the package,
    whose ``__init__`` loads every pipeline (0.4-0.6 s of a cold query); None if the file has
    moved (another underthesea version), and ``token_normalize`` itself is used."""
    try:
        with open(underthesea_file(*_RULES_FILE), "rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return None
    return data["character"], data["token"]


@lru_cache(maxsize=500_000)
def normalize_token(token: str) -> str:
    """underthesea's ``token_normalize`` (case kept), cached: it runs once per token.
    ``tests/test_terms.py`` checks that the tables read here give its answers."""
    rules = _normalization_rules()
    if rules is None:
        from underthesea.pipeline.text_normalize import token_normalize

        return token_normalize(token)
    if len(token) > _LONGEST_MAPPED:
        return token
    characters, tokens = rules
    token = unicodedata.normalize("NFC", token)
    for nonstandard, standard in characters.items():
        token = token.replace(nonstandard, standard)
    return tokens.get(token, token)


@lru_cache(maxsize=500_000)
def normalize_syllable(syllable: str) -> str:
    """The canonical accented spelling of one syllable, lower case. Cached: snippets check
    the spelling of every match of an accented query word."""
    text = unicodedata.normalize("NFC", syllable).lower()
    text = normalize_token(text)  # Ð -> Đ, tone placement (hoà -> hòa, thuỵ -> thụy)
    match = _IY_SYLLABLE.match(text)
    if match:
        text = match.group(1) + match.group(2).translate(_Y_TO_I)
    return text


@lru_cache(maxsize=500_000)
def fold(syllable: str) -> str:
    """The syllable without diacritics (``đường`` -> ``duong``), lower case."""
    decomposed = unicodedata.normalize("NFD", normalize_syllable(syllable))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def syllables(text: str) -> list[str]:
    """The syllables of a text, in order (punctuation dropped)."""
    return SYLLABLE_RE.findall(text)


# Vietnamese syllable: optional onset, vowel nucleus, optional coda. A token that does not fit
# is foreign ("Abe", "Shuichi", "Nagano", "Savannakhet"), which the extractors use as evidence.
VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_VN_SYLLABLE = re.compile(
    rf"(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)


def is_vietnamese_syllable(token: str) -> bool:
    return _VN_SYLLABLE.fullmatch(token.lower()) is not None
