"""Read the corpus: scraped ``.txt`` pages (with optional ``.json`` sidecars) and JSONL(.gz) dumps.

Every input becomes either an :class:`Article` holding clean text only (no image file names,
captions kept apart, no "related news" teaser block, no social footer) or a :class:`ReadError`
naming the file (and line) that could not be used, so one bad input never stops a whole run.
Files are streamed: a 120 MB ``.jsonl.gz`` is read line by line, never loaded whole.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, ReadError
from ..text.normalize import clean
from .stamps import lift_stamp

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")
SIDECAR_SUFFIX = ".json"


_IMAGE_LINE = re.compile(r"[\w\-.+~%() ]{1,200}\.(?:jpe?g|png|gif|webp|bmp|svg)", re.IGNORECASE)
_TEASER_MARKERS = frozenset(
    {"có thể bạn quan tâm", "tin cùng chuyên mục", "tin liên quan", "bài liên quan", "xem thêm"}
)
_SOCIAL_TOKENS = frozenset(
    {"fb", "yt", "zl", "tw", "facebook", "youtube", "zalo", "twitter", "tiktok", "instagram",
     "linkedin", "rss", "email", "print"}
)
# Bytes that never occur in text files (everything below 0x20 except \t \n \f \r, plus DEL).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0c\r") + b"\x7f"
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_RATIO = 0.05
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class UnchangedFile:
    """A file ``iter_articles`` did not read: its ``unchanged`` said the caller has it whole."""

    path: str


def iter_articles(paths: Iterable[str | Path], unchanged: Callable[[Path], bool] | None = None
                  ) -> Iterator[Article | ReadError | UnchangedFile]:
    """Yield articles (and read errors) from files and directories, directories walked sorted.
    A file for which ``unchanged(path)`` is true is not read: an ``UnchangedFile`` stands for it."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _iter_directory(path, unchanged)
        elif path.exists():
            yield from _read_unless_unchanged(path, unchanged)
        else:
            yield ReadError(source=str(path), message="no such file or directory")


def _read_unless_unchanged(path: Path, unchanged: Callable[[Path], bool] | None
                           ) -> Iterator[Article | ReadError | UnchangedFile]:
    if unchanged is not None and unchanged(path):
        yield UnchangedFile(str(path))
    else:
        yield from read_file(path)


def file_digest(path: str | Path) -> str | None:
    """A hash of everything an input file's articles are read from (a page's sidecar too), or
    None if it cannot be read: two runs that see the same digest read the same articles."""
    path = Path(path)
    digest = hashlib.blake2b(digest_size=20)
    try:
        for part in (path, path.with_suffix(SIDECAR_SUFFIX) if path.suffix == ".txt" else None):
            if part is None or (part is not path and not part.is_file()):
                continue
            digest.update(part.name.encode())
            with open(part, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def read_file(path: str | Path) -> Iterator[Article | ReadError]:
    """Yield the articles of one ``.txt``, ``.jsonl`` or ``.jsonl.gz`` file."""
    path = Path(path)
    name = path.name.lower()
    if path.is_dir():
        yield ReadError(source=str(path), message="is a directory, not a file")
    elif name.endswith(".jsonl.gz"):
        yield from _read_jsonl(path, compressed=True)
    elif name.endswith(".jsonl"):
        yield from _read_jsonl(path, compressed=False)
    elif name.endswith(".txt"):
        yield from _read_txt(path)
    else:
        yield ReadError(
            source=str(path),
            message="unsupported file type (expected " + ", ".join(SUPPORTED_SUFFIXES) + ")",
        )


def _iter_directory(root: Path, unchanged: Callable[[Path], bool] | None = None
                    ) -> Iterator[Article | ReadError | UnchangedFile]:
    """Walk ``root`` recursively, skipping hidden entries; sidecars are read with their .txt."""
    found: list[Path] = []
    walk_errors: list[ReadError] = []

    def report(error: OSError) -> None:
        walk_errors.append(ReadError(source=str(error.filename), message=_os_message(error)))

    for folder, dirnames, filenames in os.walk(root, onerror=report):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if not filename.startswith(".") and filename.lower().endswith(SUPPORTED_SUFFIXES):
                found.append(Path(folder, filename))
    yield from walk_errors
    for path in sorted(found):
        yield from _read_unless_unchanged(path, unchanged)


# --- .txt pages --------------------------------------------------------------------------


def _read_txt(path: Path) -> Iterator[Article | ReadError]:
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(source=str(path), message=_os_message(error))
        return
    text, problem = _decode_text_file(data)
    if problem:
        yield ReadError(source=str(path), message=problem)
        return
    lines, stamp = lift_stamp(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), _is_teaser_marker)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        yield ReadError(source=str(path), message="empty file")
        return
    title = _collapse(lines[first])
    if _is_furniture(title):
        yield ReadError(source=str(path), message=f"no title line (first line is {title!r})")
        return
    paragraphs, captions = _parse_body(lines[first + 1 :], line_is_paragraph=False)
    url = published = None
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    if sidecar.is_file():
        metadata, problems = _read_sidecar(sidecar)
        for problem in problems:
            yield ReadError(source=str(sidecar), message=problem)
        url, published = metadata.get("url"), metadata.get("published")
    yield Article(
        id=path.name[: -len(".txt")],
        title=title,
        body="\n\n".join(paragraphs),
        captions=captions,
        url=url,
        **_publication(published, stamp),
        source=str(path),
    )


def _publication(metadata: str | None, stamp: str | None) -> dict:
    """``published`` and ``published_from``: the metadata's date, else the page's own stamp."""
    if metadata:
        return {"published": metadata, "published_from": "metadata"}
    return {"published": stamp, "published_from": "stamp" if stamp else None}


def _decode_text_file(data: bytes) -> tuple[str, str | None]:
    """Return (clean text, None) or ("", why the bytes are not a usable text file)."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    if not data.strip():
        return "", "empty file"
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in data or _control_ratio(sample) > _BINARY_CONTROL_RATIO:
        return "", "binary file"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return "", f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
    return clean(text), None


def _control_ratio(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 1)


def _read_sidecar(path: Path) -> tuple[dict[str, str], list[str]]:
    """Return the url/published strings a sidecar gives, and messages for what was unusable."""
    try:
        raw = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        return {}, [_os_message(error)]
    except UnicodeDecodeError:
        return {}, ["not UTF-8 text; metadata ignored"]
    except json.JSONDecodeError as error:
        return {}, [f"invalid JSON ({error.msg} at line {error.lineno}); metadata ignored"]
    if not isinstance(raw, dict):
        return {}, ["not a JSON object; metadata ignored"]
    return _optional_strings(raw, ("url", "published"))


# --- JSONL -------------------------------------------------------------------------------


def _read_jsonl(path: Path, compressed: bool) -> Iterator[Article | ReadError]:
    line_number = 0
    try:
        stream = gzip.open(path, "rb") if compressed else open(path, "rb")
    except OSError as error:
        yield ReadError(source=str(path), message=_os_message(error))
        return
    with stream:
        try:
            for line_number, raw in enumerate(stream, start=1):
                if line_number == 1 and raw.startswith(_UTF8_BOM):
                    raw = raw[len(_UTF8_BOM) :]
                if raw.strip():
                    yield from _parse_record(raw, path, line_number)
        except (OSError, EOFError, zlib.error) as error:
            yield ReadError(
                source=str(path),
                message=f"corrupt or truncated gzip data ({error})" if compressed
                else _os_message(error),
                line=line_number + 1 if line_number else None,
            )


def _parse_record(raw: bytes, path: Path, line: int) -> Iterator[Article | ReadError]:
    def error(message: str) -> ReadError:
        return ReadError(source=str(path), message=message, line=line)

    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        yield error("not UTF-8 text")
        return
    except json.JSONDecodeError as problem:
        yield error(f"not valid JSON ({problem.msg} at column {problem.colno})")
        return
    if not isinstance(record, dict):
        yield error(f"expected a JSON object, got {type(record).__name__}")
        return
    record_id = record.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    missing = [key for key in ("title", "body") if not isinstance(record.get(key), str)]
    if not isinstance(record_id, str):
        missing.insert(0, "id")
    if missing:
        yield error("missing or non-string field(s): " + ", ".join(missing))
        return
    title = _collapse(clean(record["title"]))
    if not record_id.strip() or not title:
        yield error("empty id or title")
        return
    optional, problems = _optional_strings(record, ("summary", "url", "published"))
    for problem in problems:
        yield error(problem)
    body = clean(record["body"]).replace("\r\n", "\n").replace("\r", "\n")
    # JSONL bodies either separate paragraphs by blank lines or put one paragraph on each line.
    one_per_line = not re.search(r"\n[ \t]*\n", body)
    lines, stamp = lift_stamp(body.split("\n"), _is_teaser_marker)
    paragraphs, captions = _parse_body(lines, line_is_paragraph=one_per_line)
    summary = _collapse(optional["summary"]) if "summary" in optional else None
    yield Article(
        id=clean(record_id.strip()),
        title=title,
        body="\n\n".join(paragraphs),
        captions=captions,
        summary=summary or None,
        url=optional.get("url"),
        **_publication(optional.get("published"), stamp),
        source=f"{path}:{line}",
    )


def _optional_strings(record: dict, keys: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Keep the non-empty string values of ``keys``; a value of another type is reported."""
    values: dict[str, str] = {}
    problems: list[str] = []
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            if value.strip():
                values[key] = clean(value.strip())
        elif value is not None:
            problems.append(f"field {key!r} is not a string; ignored")
    return values, problems


# --- page layout shared by both formats ---------------------------------------------------


def _parse_body(lines: list[str], line_is_paragraph: bool) -> tuple[list[str], list[str]]:
    """Split body lines into paragraphs and image captions, stopping at the teaser block.

    A run of image-file-name lines is dropped; the lines right after it, up to the next blank
    line (or just the next line when every line is a paragraph), are its caption.
    """
    paragraphs: list[str] = []
    captions: list[str] = []
    block: list[str] = []
    after_image = in_caption = False

    def close_block() -> None:
        if block:
            paragraphs.append(" ".join(block))  # its lines are collapsed already
            block.clear()

    for raw in lines:
        line = _collapse(raw)
        if not line:
            close_block()
            after_image = in_caption = False
            continue
        if _is_teaser_marker(line):
            break
        if _is_social_footer(line):
            continue
        if _IMAGE_LINE.fullmatch(line):
            close_block()
            after_image, in_caption = True, False
            continue
        if after_image or in_caption:
            captions.append(line)
            after_image = False
            in_caption = not line_is_paragraph
            continue
        block.append(line)
        if line_is_paragraph:
            close_block()
    close_block()
    return paragraphs, captions


def _is_teaser_marker(line: str) -> bool:
    return len(line) < 30 and line.casefold() in _TEASER_MARKERS


def _is_social_footer(line: str) -> bool:
    first = line.split(None, 1)
    if not first or first[0].casefold() not in _SOCIAL_TOKENS:  # most lines: one short look
        return False
    tokens = line.casefold().split()
    return len(tokens) >= 2 and all(token in _SOCIAL_TOKENS for token in tokens)


def _is_furniture(line: str) -> bool:
    """True for lines that are page furniture and so can never be a title."""
    return bool(_IMAGE_LINE.fullmatch(line)) or _is_teaser_marker(line) or _is_social_footer(line)


def _collapse(text: str) -> str:
    """Collapse runs of whitespace (NBSP included) to one space and strip the ends."""
    return " ".join(text.split())


def _os_message(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
