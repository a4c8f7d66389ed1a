"""Names typed in another language or script, and the Vietnamese spellings they stand for.

``Japan``, ``Nhật`` and ``日本`` are one country; ``Yunnan`` is ``Vân Nam``; ``Xi Jinping`` is
``Tập Cận Bình``. Spelling classes come from CLDR country names in the languages of ``LOCALES`` (Babel),
the gazetteer's country aliases and partner spellings, and ``searcher/data/aliases.tsv`` (with
ISO 3166-2 subdivision names from pycountry). A query naming one spelling that Vietnamese text
would not use (a syllable no Vietnamese word has) also searches the class's other spellings.
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import os
import pickle
import re
import unicodedata
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import babel
import numpy as np

from ..cache import cached
from ..data import data_file, gazetteer_text
from ..text.normalize import (VOWELS, clean, fold, is_vietnamese_syllable, normalize_syllable,
                              syllables, underthesea_file)

# Languages whose country names are searched: those of the partners and of the press.
LOCALES = ("en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja", "ko", "lo", "th", "km", "id", "ms")
MAX_ALIAS_SYLLABLES = 4
MAX_SPELLINGS = 6  # alternatives searched for one name
_SUBDIVISION_WORDS = {"sheng", "shi", "zizhiqu", "province", "prefecture", "special",
                      "administrative", "region", "municipality", "autonomous"}


def key(text: str) -> tuple[str, ...]:
    """A spelling's folded syllables: how typed text is compared with it."""
    return tuple(fold(s) for s in syllables(clean(text)))


def spelled_key(text: str) -> tuple[str, ...]:
    """A spelling's normalised syllables, accents kept: ``Vân Nam`` and ``Văn Nam`` share a
    ``key`` but are two names."""
    return tuple(normalize_syllable(s) for s in syllables(clean(text)))


def _babel_country_names() -> list[list[str]]:
    classes: dict[str, list[str]] = {}
    vietnamese = babel.Locale("vi").territories
    for code, name in vietnamese.items():
        if len(code) == 2 and code.isalpha():
            classes[code] = [name.split(" (")[0], name]
    for locale in LOCALES:
        names = babel.Locale.parse(locale).territories
        for code, spellings in classes.items():
            if code in names:
                spellings.append(names[code])
    return list(classes.values())


def _tsv_rows(text: str) -> list[dict]:
    """The rows of a data file in the gazetteer's format (tab-separated, ``#`` comments)."""
    return list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                               delimiter="\t"))


def _names(row: dict) -> list[str]:
    """A row's name and its ``|``-separated aliases."""
    return [n.strip() for n in [row["name"], *(row.get("aliases") or "").split("|")] if n.strip()]


@lru_cache(maxsize=1)
def _gazetteer_rows() -> list[dict]:
    return _tsv_rows(gazetteer_text())


def _gazetteer_classes() -> list[list[str]]:
    return [_names(row) for row in _gazetteer_rows()
            if row["kind"] in ("country_alias", "locality", "org")]


@lru_cache(maxsize=1)
def _table_classes() -> list[list[str]]:
    import pycountry  # 13 ms: only queries naming a foreign spelling need it

    classes = []
    for row in _tsv_rows(data_file("aliases.tsv").read_text(encoding="utf-8")):
        names = _names(row)
        code = (row.get("iso") or "").strip()
        subdivision = pycountry.subdivisions.get(code=code) if code else None
        if subdivision is not None:
            words = subdivision.name.split()
            names.append(" ".join(w for w in words if w.lower() not in _SUBDIVISION_WORDS))
        classes.append(names)
    return classes


@lru_cache(maxsize=1)
def spelling_classes() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded spelling -> every spelling of the same name (shortest first); built once per
    version of the data and code it comes from (``searcher.cache``)."""
    return cached("spelling-classes", _classes_fingerprint(), _build_spelling_classes)


def _classes_fingerprint() -> str:
    """What the classes are built from: this module, the gazetteer, aliases.tsv, Babel's CLDR
    and the installed pycountry (by its files' modification time: importing it takes 0.1 s)."""
    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), gazetteer_text().encode(),
                 data_file("aliases.tsv").read_bytes(), babel.__version__.encode(),
                 str(os.stat(find_spec("pycountry").origin).st_mtime_ns).encode()):
        digest.update(part + b"\0")
    return digest.hexdigest()[:16]


def _build_spelling_classes() -> dict[tuple[str, ...], tuple[str, ...]]:
    merged: dict[tuple[str, ...], set[str]] = {}
    for names in _babel_country_names() + _gazetteer_classes() + _table_classes():
        spellings = {clean(n) for n in names}
        for existing in {key(n) for n in spellings} & merged.keys():
            spellings |= merged[existing]
        for spelling in spellings:
            if 0 < len(key(spelling)) <= MAX_ALIAS_SYLLABLES:
                merged[key(spelling)] = spellings
    return {k: tuple(sorted(v, key=lambda s: (len(s), s))) for k, v in merged.items()}


def _foreign(words: tuple[str, ...]) -> bool:
    """Typed in a spelling Vietnamese text would not use: some syllable is not Vietnamese."""
    return any(not is_vietnamese_syllable(w) for w in words)


def other_spellings(typed: list[str]) -> list[str]:
    """The Vietnamese (and other) spellings of a name typed in a foreign spelling, else []."""
    folded = key(" ".join(typed))
    if not folded or not _foreign(folded):
        return []
    spellings = spelling_classes().get(folded, ())
    others = [s for s in spellings if key(s) != folded]
    return sorted(others, key=lambda s: (_foreign(key(s)), len(s)))[:MAX_SPELLINGS]


def holds(spelling: str, typed: list[str]) -> bool:
    """Does ``spelling`` hold the typed words in a row (``Formosa Hà Tĩnh`` holds ``Formosa``):
    the name written out in full, not another spelling of it?"""
    whole, part = key(spelling), key(" ".join(typed))
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


_SPLIT_PIECE = re.compile(r"[a-z]+")
LATIN_PIECE = 4  # a piece that is no Vietnamese syllable must be a known word this long


def split_run_together(token: str, is_word) -> list[str] | None:
    """Syllables the archive knows for an accent-less run typed without spaces (``laocai`` ->
    ``lao cai``, ``hochiminh`` -> ``ho chi minh``, ``vietnamairlines`` -> ``vietnam airlines``):
    the split with the most neighbouring pairs that are words of the archive, then the fewest
    pieces. None if the token is no such run."""
    token = token.lower()
    if not _SPLIT_PIECE.fullmatch(token) or len(token) < 4:
        return None

    @lru_cache(maxsize=None)
    def splits(start: int) -> list[tuple[str, ...]]:
        if start == len(token):
            return [()]
        found = []
        for end in range(start + 1, min(len(token), start + 12) + 1):
            piece = token[start:end]
            if (is_vietnamese_syllable(piece) or len(piece) >= LATIN_PIECE) and is_word(piece):
                found += [(piece, *rest) for rest in splits(end)]
        return found[:64]

    candidates = [s for s in splits(0) if len(s) >= 2]
    if not candidates:
        return None

    def quality(pieces: tuple[str, ...]) -> tuple[int, int]:
        pairs = sum(is_word(f"{a}_{b}") for a, b in zip(pieces, pieces[1:]))
        return pairs, -len(pieces)

    best = max(candidates, key=quality)
    latin_words = all(len(p) >= LATIN_PIECE and not is_vietnamese_syllable(p) for p in best)
    return list(best) if quality(best)[0] > 0 or latin_words else None


@lru_cache(maxsize=1)
def _place_spellings() -> dict[tuple[str, ...], str]:
    """Folded syllables -> how the gazetteer writes that name (places of Việt Nam included)."""
    spellings: dict[tuple[str, ...], str] = {}
    for row in _gazetteer_rows():
        for name in _names(row):
            if all(is_vietnamese_syllable(fold(s)) for s in syllables(clean(name))):
                spellings.setdefault(key(name), clean(name))
    return spellings


def place_spelling(pieces: list[str]) -> str | None:
    """The gazetteer's spelling of a name typed as these accent-less syllables (``nha trang``
    -> ``Nha Trang``, ``hai phong`` -> ``Hải Phòng``), or None."""
    return _place_spellings().get(tuple(pieces))


@lru_cache(maxsize=1)
def _name_neighbours() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Folded syllable -> (syllables standing before it in place names, syllables standing after
    it): ``nam`` -> ({viet, quang, van, dong...}, {dinh, phi, a...}). Cached per user like the
    spelling classes (from the same sources): building it loads pycountry, a third of a
    one-word command-line query."""
    return cached("name-neighbours", _classes_fingerprint(), _build_name_neighbours)


def _build_name_neighbours() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    names = [n for row in _gazetteer_rows() for n in _names(row)]
    names += [n for spellings in _table_classes() for n in spellings]
    names += [n.split(" (")[0] for n in babel.Locale("vi").territories.values()]
    for name in names:
        proper = [fold(s) for s in syllables(clean(name)) if s[:1].isupper()]
        for k, syllable in enumerate(proper):  # "Nam" in "Đông Nam Á" too
            if k:
                before.setdefault(syllable, set()).add(proper[k - 1])
            if k + 1 < len(proper):
                after.setdefault(syllable, set()).add(proper[k + 1])
    return {s: (frozenset(before.get(s, ())), frozenset(after.get(s, ())))
            for s in before.keys() | after.keys()}


@lru_cache(maxsize=4_096)
def name_neighbours(folded: str) -> tuple[frozenset[str], frozenset[str]]:
    """The syllables next to which ``folded`` is part of a longer place name (see above), except
    the longer names of the same place: ``Nhật Bản`` is Japan as much as ``Nhật`` is, ``Hàn
    Quốc`` Korea as much as ``Hàn``; only ``Đông Nam Á`` is another place than ``Nam``."""
    before, after = _name_neighbours().get(folded, (frozenset(), frozenset()))
    own_before, own_after = set(), set()
    for name in spelling_classes().get((folded,), ()):
        proper = [fold(s) for s in syllables(clean(name)) if s[:1].isupper()]
        for k, syllable in enumerate(proper):
            if syllable == folded:
                own_before.update(proper[k - 1:k])
                own_after.update(proper[k + 1:k + 2])
    return before - own_before, after - own_after


_DICTIONARY = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727", "dictionary.bin")
MAX_COMPOUND_SYLLABLES = 4


def _read_dictionary() -> tuple[np.ndarray, str]:
    """The words of underthesea's dictionary of 2 to 4 Vietnamese syllables, as index word terms
    (normalised syllables joined: ``pháp_luật``): their hashes, sorted, which answer whether a
    run of syllables is a word, and the words one a line. Unpickling the 60,000 words as a set
    took 20-60 ms of every cold query; these two load in 3 ms."""
    with open(underthesea_file(*_DICTIONARY), "rb") as handle:
        words = pickle.load(handle)
    terms = set()
    for word in words:
        parts = word.split()
        if 2 <= len(parts) <= MAX_COMPOUND_SYLLABLES and \
                all(is_vietnamese_syllable(fold(p)) for p in parts):
            terms.add("_".join(normalize_syllable(p) for p in parts))
    hashes = np.sort(np.array([_term_hash(t) for t in terms], dtype=np.uint64))
    return hashes, "\n".join(sorted(terms))


def _term_hash(term: str) -> int:
    """64 bits of a word term's BLAKE2 digest: the same in every process (``hash`` is not);
    60,000 words collide with another run of syllables once in 3 * 10^14 lookups."""
    return int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "little")


@lru_cache(maxsize=1)
def _dictionary_fingerprint() -> str:
    """What the tables derived from the dictionary depend on: this module and underthesea."""
    return hashlib.sha256(Path(__file__).read_bytes()
                          + version("underthesea").encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _dictionary() -> tuple[np.ndarray, str]:
    return cached("dictionary-words", _dictionary_fingerprint(), _read_dictionary)


@lru_cache(maxsize=65_536)
def is_dictionary_word(normalized: tuple[str, ...]) -> bool:
    """Is this run of normalised syllables (2 to 4) a word of underthesea's dictionary?"""
    hashes = _dictionary()[0]
    key = np.uint64(_term_hash("_".join(normalized)))
    at = int(np.searchsorted(hashes, key))
    return at < len(hashes) and hashes[at] == key


@lru_cache(maxsize=4_096)
def compounds(normalized: str) -> tuple[str, ...]:
    """The common words that hold the syllable ``normalized`` as one of theirs (word terms, as
    the index writes them): ``Pháp`` (France) is also a syllable of ``pháp luật`` and ``giải
    pháp``, ``Ý`` (Italy) of ``ý kiến``, ``Nhật`` of ``cập nhật``. The longer names of the
    syllable's own place (``Nhật Bản``, ``Hàn Quốc``) are not among them."""
    own = own_place_words(fold(normalized))
    return tuple(sorted(w for w in _words_by_syllable().get(normalized, ()) if w not in own))


@lru_cache(maxsize=100_000)
def own_place_words(folded: str) -> frozenset[str]:
    """The word terms of the longer names of the place a syllable names (``nhật_bản`` for
    ``nhat``): no other name than the syllable itself."""
    return frozenset("_".join(spelled_key(n)) for n in spelling_classes().get((folded,), ()))


@lru_cache(maxsize=1)
def _words_by_syllable() -> dict[str, tuple[str, ...]]:
    """The dictionary's words under each of their syllables (one pass, not one per syllable
    asked: an index run into the cluster asks about every syllable of the archive), kept in
    the cache folder: building it took 0.2-0.35 s of a process's first one-syllable query."""
    return cached("dictionary-syllables", _dictionary_fingerprint(), _build_words_by_syllable)


def _build_words_by_syllable() -> dict[str, tuple[str, ...]]:
    words: dict[str, set[str]] = {}
    for word in _dictionary()[1].split("\n"):
        for syllable in word.split("_"):
            words.setdefault(syllable, set()).add(word)
    return {syllable: tuple(found) for syllable, found in words.items()}


@lru_cache(maxsize=4_096)
def accented_variants(folded: str) -> tuple[str, ...]:
    """Every normalised spelling other than itself that folds to ``folded`` (``nam`` -> ``năm``,
    ``nằm``, ``nấm``...), so the occurrences of the unaccented spelling itself can be told from
    those of its accented variants, which the index files under the same folded term. Only
    spellings with at most one tone mark, in the index's normal form (``normalize_syllable``):
    no other can be an index term. Built as letters without tone (``u``/``ư``, ``d``/``đ``) and
    then one tone on one vowel, not as every accented letter at every place (``nguyen``: 128
    spellings to normalise instead of 1,728 to filter)."""
    bases = [sorted({_toneless(ch.lower()) for ch in _LETTER_CLASSES.get(c, c)}) for c in folded]
    variants = set()
    for letters in itertools.product(*bases):
        variants.add(normalize_syllable("".join(letters)))
        for i, letter in enumerate(letters):
            if fold(letter) in "aeiouy":
                for mark in _TONE_MARKS:
                    toned = unicodedata.normalize("NFC", letter + mark)
                    variants.add(normalize_syllable("".join((*letters[:i], toned, *letters[i + 1:]))))
    variants.discard(folded)
    return tuple(sorted(variants))


def _toneless(letter: str) -> str:
    """The letter without its tone mark (``ậ`` -> ``â``, ``đ`` stays)."""
    return unicodedata.normalize("NFC", "".join(
        mark for mark in unicodedata.normalize("NFD", letter) if mark not in _TONE_MARKS))


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave acute tilde hook dot


def _letter_classes() -> dict[str, str]:
    """Folded letter -> every lower- and upper-case letter that folds to it. ``i`` and ``y`` are
    one class: the normalised spelling writes ``sĩ`` where the text may say ``sỹ`` (``Mỹ``)."""
    variants: dict[str, set[str]] = {}
    for letter in VOWELS + "đ" + "abcdefghijklmnopqrstuvwxyz":
        for form in (letter, letter.upper()):
            variants.setdefault(fold(form), set()).add(form)
    variants["i"] = variants["y"] = variants["i"] | variants["y"]
    return {base: "".join(sorted(forms)) for base, forms in variants.items()}


_LETTER_CLASSES = _letter_classes()


def folded_sequence_pattern(folded: tuple[str, ...]) -> re.Pattern:
    """A regex for these folded syllables standing in a row in unfolded (NFC) text, with any
    accents and case (``("ha", "noi")`` matches ``Hà Nội``, ``hà-nội``)."""
    parts = ["".join(f"[{_LETTER_CLASSES[c]}]" if c in _LETTER_CLASSES else re.escape(c)
                     for c in syllable) for syllable in folded]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)")
