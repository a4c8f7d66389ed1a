"""An article body as paragraphs people can read, with photo credits and captions set apart.

Scraped news bodies often reach the archive as one line: the 34,870-article benchmark corpus
has no line break at all, so a long joint statement would show as a single paragraph, and its
captions ("Người biểu tình tại Bucharest. (Ảnh: AFP/TTXVN)"), credits ("Ảnh: Thanh Tùng/TTXVN")
and closing byline ("Thu Phương (theo Kyodo)") would run inside the text. This module
rebuilds a readable layout from the text alone:

- line breaks (blank or not) are the author's paragraphs and are kept;
- photo credits, with the short caption they close, and the byline ending the body become
  ``credit`` paragraphs;
- a long stretch of text is cut into paragraphs of a few whole sentences.

It is pure (a string in, a list out) and runs when an article is shown, never at index time,
so changing it needs no re-index.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TEXT, CREDIT = "text", "credit"

# Target size of a rebuilt paragraph: a few sentences, a comfortable read on a phone.
MIN_CHARS = 400
MAX_CHARS = 700
MAX_SENTENCES = 4
SHORT_CHARS = 200  # a run of sentences this short joins the paragraph before it
# An author's paragraph (the body has line breaks) stays whole up to this long; a longer one
# is a flattened page, cut like a body without breaks.
AUTHOR_PARAGRAPH_MAX_CHARS = 1200
# A sentence right before "Ảnh: ..." is that photo's caption when it is at most this long.
CAPTION_MAX_CHARS = 200
# The body's last sentence is a byline ("Kim Tuyến", "Theo VTV") when it is this short
# and has no closing punctuation.
BYLINE_MAX_CHARS = 60
BYLINE_MAX_WORDS = 8
# A credit's source ("Thanh Tùng/TTXVN") is a few words; longer is a description, cut here.
SOURCE_MAX_WORDS = 12


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = TEXT  # TEXT or CREDIT (a photo credit or caption, or the byline)


def paragraphs(body: str) -> list[Paragraph]:
    """The paragraphs of ``body`` in reading order (see the module docstring)."""
    blocks = [" ".join(line.split()) for line in body.splitlines()]
    blocks = [block for block in blocks if block]
    byline = _take_byline(blocks)
    keep_whole = AUTHOR_PARAGRAPH_MAX_CHARS if len(blocks) > 1 else MAX_CHARS
    result = [paragraph for block in blocks for paragraph in _block_paragraphs(block, keep_whole)]
    if byline:
        result.append(Paragraph(byline, CREDIT))
    return result


# --- sentences ----------------------------------------------------------------------------

# Closing punctuation ("./." ends many agency reports), then closing quotes and brackets.
_SENTENCE_END = re.compile(r"(?:\./\.|[.!?…]+)[\"'”’»)\]]*(?=\s)")
_OPENING_QUOTES = "\"“‘«"
_OPENERS = _OPENING_QUOTES + "'([-–—"
# Words that end in a full stop without ending a sentence: titles (TP. Hồ Chí Minh,
# PGS.TS. Nguyễn Văn A, Th.S), and the parts of dotted abbreviations.
_ABBREVIATIONS = frozenset({
    "TP", "Tp", "TS", "ThS", "Th", "PGS", "GS", "BS", "KS", "CN", "NCS", "NSND", "NSƯT", "NS",
    "ĐH", "TT", "TX", "CKI", "CKII", "BSCKI", "BSCKII", "Mr", "Mrs", "Ms", "Dr", "Prof", "St",
    "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "Gen", "Col", "Capt", "No", "vs", "tr", "Nxb",
})
_LIST_MARKER = re.compile(r"\d{1,2}[.)]")  # "2. Tuổi Hợi ..."


def sentences(text: str) -> list[str]:
    """Split one paragraph's text at sentence ends, never inside a sentence.

    A sentence ends at . ! ? … (or ./.), possibly followed by quotes or brackets, when the next
    word starts with a capital, a digit or an opening quote: "canxi... để" goes on, and
    "1.500", "12.7.2017" and "TP.HCM" hold no space to split at. Titles and initials ("TP.",
    "PGS.BS.", "U.S.") and list numbers ("2. Tuổi Hợi") are not ends.
    """
    found: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if not _starts_sentence(text[end.end():]):
            continue
        so_far = text[start:end.start()].strip()
        last_word = so_far.rsplit(None, 1)[-1] if so_far else ""
        # "TP. Hồ Chí Minh", "PGS.BS. Đào ..."; "2. Tuổi Hợi" (a list number opening a sentence)
        if end.group() == "." and (_is_abbreviation(last_word)
                                   or (so_far.isdigit() and len(so_far) <= 2)):
            continue
        found.append(text[start:end.end()].strip())
        start = end.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


def _starts_sentence(text: str) -> bool:
    first = text.lstrip().lstrip(_OPENERS).lstrip()[:1]
    return first.isupper() or first.isdigit()


def _is_abbreviation(word: str) -> bool:
    parts = word.lstrip(_OPENERS).split(".")
    return all(part in _ABBREVIATIONS or (len(part) == 1 and part.isupper()) for part in parts)


# --- photo credits and captions ---------------------------------------------------------

# "(Ảnh: AFP/TTXVN)", "(Ảnh minh họa)", "(Nguồn: CNET)", "(ảnh: Internet)"; "(ảnh hưởng" and
# "(nguồn vốn" are prose. A full stop right after belongs to the credit.
_PAREN_CREDIT = re.compile(
    r"\((?:Ảnh(?! hưởng)|ảnh\s*:|ảnh minh|Nguồn|nguồn\s*:|Photo|Video\s*:|Clip\s*:)"
    r"[^()]{0,80}\)\.?")
# "Ảnh: Thanh Tùng/TTXVN", "Nguồn ảnh: ...", "Tin, ảnh: ...", "Bài, Ảnh, Video: ...",
# "Ảnh minh họa: Internet": a label, a colon, then a source of a few words. ("Video: ..." alone
# describes a clip, at any length: it stays text.)
_CREDIT_WORD = r"(?:Tin|Bài|Ảnh|ảnh|Video|video|Clip|clip|Nguồn|nguồn)"
_LABELLED_CREDIT = re.compile(
    rf"(?<!\w)(?:Ảnh minh h(?:ọa|oạ)|Đồ họa|(?:Tin|Bài|Ảnh|Nguồn)"
    rf"(?:(?:,\s*|\s+và\s+|\s+){_CREDIT_WORD}){{0,2}})\s*:\s*")
# Credits with no source: "Ảnh minh họa.", "Ảnh cắt từ clip", "Ảnh chụp màn hình".
_BARE_CREDIT = re.compile(
    r"(?<!\w)Ảnh (?:minh h(?:ọa|oạ)|cắt (?:ra )?từ (?:clip|video)"
    r"|chụp (?:màn hình|từ (?:clip|video))|chỉ (?:có|mang) tính(?: chất)? minh h(?:ọa|oạ)"
    r"|internet|tư liệu)(?!\w)(?!\s*:)\.?")
# Words that open a new sentence rather than continue a credit's source ("Ảnh: Reuters Ông...").
_SENTENCE_OPENERS = frozenset({
    "Ông", "Bà", "Theo", "Trong", "Tuy", "Sau", "Khi", "Tại", "Các", "Những", "Đây", "Hiện",
    "Nhưng", "Ngày", "Sáng", "Chiều", "Tối", "Trước", "Với", "Để",
})


@dataclass(frozen=True)
class _Credit:
    start: int
    end: int
    takes_caption: bool  # the sentence before it is its photo's caption


def _credits(text: str) -> list[_Credit]:
    """Where the credits are in ``text``, in order, not overlapping."""
    found: list[_Credit] = []

    def add(start: int, end: int, takes_caption: bool) -> None:
        if all(end <= c.start or start >= c.end for c in found):
            found.append(_Credit(start, end, takes_caption))

    for match in _PAREN_CREDIT.finditer(text):
        add(match.start(), match.end(), takes_caption=True)
    for match in _LABELLED_CREDIT.finditer(text):
        end = _source_end(text, match.end())
        if end > match.end():
            # Only "Ảnh: X" and "Nguồn ảnh: X" follow the caption they credit; "Tin, ảnh: X" is
            # a byline and "Ảnh minh họa: X" its own caption.
            label = match.group().rstrip(": \t").casefold()
            add(match.start(), end, takes_caption=label in ("ảnh", "nguồn ảnh"))
    for match in _BARE_CREDIT.finditer(text):
        rest = text[match.end():]
        # "Ảnh cắt từ clip một vụ bạo lực học đường." is a caption's start, not a credit
        if match.group().endswith(".") or not rest.strip() or _starts_sentence(rest):
            add(match.start(), match.end(), takes_caption=False)
    return sorted(found, key=lambda credit: credit.start)


def _source_end(text: str, start: int) -> int:
    """Where the source named after a credit's label ends.

    The source is a few words ("Thanh Tùng/TTXVN", "Military Today"); the body goes on with no
    full stop in between ("Ảnh: TTXVN Năm nay, Công ty ..."), so the source ends at the first
    full stop, or before the first capitalised word followed by a lower-case one or a number
    (a new sentence), or before a word that opens sentences.
    """
    words = list(re.finditer(r"\S+", text[start:]))[:SOURCE_MAX_WORDS + 1]
    end = start
    for index, word in enumerate(words[:SOURCE_MAX_WORDS]):
        token = word.group()
        following = words[index + 1].group() if index + 1 < len(words) else ""
        if index:
            opens = token[0].isupper() and (following[:1].islower() or following[:1].isdigit())
            if opens or token in _SENTENCE_OPENERS or token[0] in _OPENING_QUOTES:
                break
        end = start + word.end()
        if _ends_source(token, following):
            break
    return end


def _ends_source(token: str, following: str) -> bool:
    """A full stop ("Swann.") closes a credit's source; so does an agency ("TTXVN", "AFP",
    "(TTXVN)", "Thanh Tùng/TTXVN", but not "VGP/Quang Hiếu"), unless lower-case words
    ("TTXVN phát", "CSGT cung cấp"), a name in capitals ("HÀ HUY") or a last word ("NBC
    News.") go on."""
    bare = token.strip("\"'“”‘’()[]")
    if _ends_with_full_stop(bare):
        return True
    goes_on = following[:1].islower() or _is_capitals(following) \
        or _ends_with_full_stop(following)
    return _is_capitals(bare.rsplit("/", 1)[-1]) and not goes_on


def _ends_with_full_stop(token: str) -> bool:
    return token.endswith((".", "!", "?")) and not _is_abbreviation(token[:-1])


def _is_capitals(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --- putting it together ----------------------------------------------------------------

def _take_byline(blocks: list[str]) -> str | None:
    """Remove the byline ending the body from ``blocks`` and return it, if there is one."""
    if not blocks:
        return None
    last = sentences(blocks[-1])
    if not _is_byline(last[-1]) or (len(last) == 1 and len(blocks) == 1):
        return None  # a body that is one short line is text, not a byline
    blocks[-1] = blocks[-1][: -len(last[-1])].rstrip()
    if not blocks[-1]:
        blocks.pop()
    return last[-1]


def _is_byline(sentence: str) -> bool:
    """"Kim Tuyến", "Thu Phương (theo Kyodo)", "Theo VTV", "Trung Hiếu/VOV.VN"."""
    if len(sentence) > BYLINE_MAX_CHARS or len(sentence.split()) > BYLINE_MAX_WORDS:
        return False
    if re.match(r"\(?(?:Theo|Nguồn)\b", sentence):
        return True
    return not sentence.endswith((".", "!", "?", "…", ":", ";", ",", '"', "”", "’"))


def _block_paragraphs(block: str, keep_whole: int) -> list[Paragraph]:
    """The paragraphs of one of the author's paragraphs: text (a run of text up to
    ``keep_whole`` characters long stays one paragraph), and credits with their captions."""
    pieces: list[Paragraph] = []
    position = 0
    for credit in _credits(block):
        before = sentences(block[position:credit.start])
        caption = ""
        if credit.takes_caption and before and len(before[-1]) <= CAPTION_MAX_CHARS:
            caption = before.pop() + " "
        text_before = _text_paragraphs(before, keep_whole)
        pieces.extend(text_before)
        text = caption + block[credit.start:credit.end].strip()
        if pieces and pieces[-1].kind == CREDIT and not (caption or text_before):
            # "Ảnh minh họa." then "Nguồn: Internet": one credit, not two
            pieces[-1] = Paragraph(f"{pieces[-1].text} {text}", CREDIT)
        else:
            pieces.append(Paragraph(text, CREDIT))
        position = credit.end
    pieces.extend(_text_paragraphs(sentences(block[position:]), keep_whole))
    return pieces


def _text_paragraphs(sentences_: list[str], keep_whole: int) -> list[Paragraph]:
    """Sentences as paragraphs: one when ``keep_whole`` characters or fewer, else a few at a
    time."""
    sentences_ = [s for s in sentences_ if any(c.isalnum() for c in s)]  # no stray "-" or "."
    if not sentences_:
        return []
    text = " ".join(sentences_)
    if len(text) <= keep_whole:
        return [Paragraph(text)]
    return [Paragraph(" ".join(group)) for group in _group(sentences_)]


def _group(sentences_: list[str]) -> list[list[str]]:
    """Runs of whole sentences of about MIN_CHARS..MAX_CHARS; a list item ("2. ...") starts a
    new one, and a short run left before an item or at the end joins the run before it."""
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0

    def close() -> None:
        if groups and size < SHORT_CHARS and not _LIST_MARKER.match(current[0]):
            groups[-1].extend(current)
        else:
            groups.append(current)

    for sentence in sentences_:
        enough_sentences = size >= MIN_CHARS and len(current) >= MAX_SENTENCES
        too_long = size >= SHORT_CHARS and size + len(sentence) > MAX_CHARS
        if current and (enough_sentences or too_long or _LIST_MARKER.match(sentence)):
            close()
            current, size = [], 0
        current.append(sentence)
        size += len(sentence) + 1
    close()
    return groups
