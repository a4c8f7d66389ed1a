"""The index's Whoosh codec: compact term dictionary and posting lists.

Whoosh's W3 codec spends about 120 bytes on every term before its first posting (a hash-table
row with two 12-byte slots, an 8-byte ordered-index entry, a 30-byte term info, and in the
postings file a header, a block length and two pickles) and 15-20 bytes on each posting (a
pickled float weight, a 4-byte frequency and the id). A news archive's terms are mostly rare
(names, syllable pairs: two thirds occur in one article), so the 35k-article index was 6.7x its
text. This codec keeps Whoosh's reader and writer interfaces (merges, Whoosh's own searcher and
``SegmentWriter`` work unchanged) and stores:

- **terms** sorted, front-coded in blocks of ``BLOCK`` entries, with the first key of each block
  in an index read at open (a lookup: a binary search, then one block decoded);
- **term info** as variable-length integers: document frequency, total count and highest count
  (unless every count is 1), shortest and longest field length (Whoosh's length bytes, once
  when they are the same), and where the postings are;
- **postings**: the gaps between document numbers, then the counts (left out when every count
  is 1). A list of a few postings is kept inside its term info as variable-length integers
  (``INLINE_BYTES``), so a rare term costs one dictionary entry and nothing else; a longer one
  goes to the postings file bit-packed (``pack_run``: 0.55 of the varints' bytes);
- **stored fields** compressed one document at a time as W3 does, but with a zlib preset
  dictionary taken from the segment's first documents and kept with the segment: an
  article of a few kilobytes shares its field names, its opening phrases and the extraction's
  structure with the others, which plain zlib cannot see (stored text 0.46 -> 0.32 of its size).

Weights are not stored: a posting's weight is its count times the field's boost, which is what
Whoosh's ``Existence`` and ``Frequency`` formats (the only ones this codec takes) compute.
"""
from __future__ import annotations

import struct
import zlib
from array import array
from bisect import bisect_right
from functools import lru_cache
from operator import lt
from pickle import dumps, loads

import numpy as np
from whoosh import columns
from whoosh.codec import base
from whoosh.codec.whoosh3 import STORED_COLUMN, W3Codec, W3PerDocReader, W3PerDocWriter
from whoosh.formats import Existence, Frequency
from whoosh.matching import ListMatcher
from whoosh.reading import TermInfo, TermNotFound
from whoosh.system import pack_uint, pack_ushort, unpack_ushort
from whoosh.util.numeric import _length_byte_cache, byte_to_length, length_to_byte

from ..ragged import ranges

BLOCK = 16  # dictionary entries per front-coded block
INLINE_BYTES = 24  # posting data up to this size lives in the term info
_NUMPY_FROM = 48  # lists at least this long are coded with NumPy, shorter ones in Python
# Lists shorter than this are bit-packed in batches (``pack_runs``), longer ones one by one.
BATCH_POSTINGS = 1024
_MISSING_FIELD = 65535
# A term info starts with the document frequency and two flags: the postings are inline; every
# count is 1 (then the total and the highest count, which follow otherwise, are left out). From
# format 3 (``CompactCodec.postings_format``) a third: the shortest and the longest field length
# are the same byte, written once (every term of one document: 1.3 M of the 35k index's 2.3 M).
_INLINE, _ONES, _SAME_LENGTH = 2, 1, 4


def _flag_bits(format_: int) -> int:
    return 3 if format_ >= 3 else 2
_TRAILER = struct.Struct("<QQQ8s")  # index position, blocks, extras position, magic
_MAGIC = b"SRCHTDX1"


class CodecError(RuntimeError):
    """A field this codec cannot store, or a file it did not write."""


# Variable-length integers (LEB128: seven bits a byte, the high bit set on all but the last).

def encode_varints(values) -> bytes:
    """Non-negative integers, each in as few bytes as it needs."""
    if len(values) >= _NUMPY_FROM:
        return _encode_varints_np(np.asarray(values, dtype=np.uint64))
    out = bytearray()
    for value in values:
        while value >= 0x80:
            out.append((value & 0x7F) | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out)


def _varint(value: int) -> bytes:
    """One non-negative integer's varint (a table lookup for the small ones most are)."""
    return _SMALL_VARINTS[value] if value < _SMALL else encode_varints((value,))


_SMALL = 1 << 14  # values of one and two varint bytes (made directly: every process imports this)
_SMALL_VARINTS = [bytes((value,)) for value in range(0x80)] + [
    bytes((value & 0x7F | 0x80, value >> 7)) for value in range(0x80, _SMALL)]


def _encode_varints_np(values: np.ndarray) -> bytes:
    values = np.asarray(values, dtype=np.int64)
    return _encode_tokens(values, np.zeros(len(values), dtype=bool))[0]


def _encode_tokens(tokens: np.ndarray, raw: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Non-negative integers end to end, each a varint, or a byte as it is where ``raw``; and
    where each ends in the bytes."""
    sizes = np.where(raw, 1, _varint_sizes(tokens))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for k in range(int(sizes.max()) if len(sizes) else 0):
        more = sizes > k
        chunk = (tokens[more] >> (7 * k)) & 0x7F
        chunk |= np.where(sizes[more] > k + 1, 0x80, 0)
        out[starts[more] + k] = np.where(raw[more], tokens[more], chunk)
    return out.tobytes(), ends


def decode_varints(data: bytes) -> np.ndarray:
    """Every integer in ``data``, as int64."""
    raw = np.frombuffer(data, dtype=np.uint8)
    last = raw < 0x80
    if last.all():
        return raw.astype(np.int64)
    ends = np.flatnonzero(last)
    starts = np.empty(len(ends), dtype=np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    owner = np.repeat(np.arange(len(ends)), ends - starts + 1)
    shift = ((np.arange(len(raw)) - starts[owner]) * 7).astype(np.uint64)
    parts = (raw & 0x7F).astype(np.uint64) << shift
    return np.add.reduceat(parts, starts).astype(np.int64)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The integer at ``pos`` and the position after it."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def encode_postings(docnums, counts) -> bytes:
    """A posting list's data: document-number gaps, then the counts unless all are 1."""
    if len(docnums) >= _NUMPY_FROM:
        ids = np.asarray(docnums, dtype=np.int64)
        gaps = np.diff(ids, prepend=0)
        data = _encode_varints_np(gaps.astype(np.uint64))
        counts = np.asarray(counts, dtype=np.uint64)
        return data if (counts == 1).all() else data + _encode_varints_np(counts)
    if len(docnums) == 1:  # most terms: a word one article uses
        data = encode_varints((docnums[0],))
        return data if counts[0] == 1 else data + encode_varints((counts[0],))
    previous, gaps = 0, []
    for docnum in docnums:
        gaps.append(docnum - previous)
        previous = docnum
    data = encode_varints(gaps)
    return data if all(c == 1 for c in counts) else data + encode_varints(counts)


def decode_postings(data: bytes, df: int) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, counts) of a posting list of ``df`` postings, as int64 arrays."""
    values = decode_varints(data)
    docnums = np.cumsum(values[:df])
    counts = values[df:] if len(values) > df else np.ones(df, dtype=np.int64)
    return docnums, counts


def decode_postings_list(data: bytes, df: int) -> tuple[list[int], list[int]]:
    """``decode_postings`` as lists, without NumPy's per-call cost for the many short lists a
    merge or Whoosh's own matchers read."""
    if df >= _NUMPY_FROM:
        docnums, counts = decode_postings(data, df)
        return docnums.tolist(), counts.tolist()
    values, pos, end = [], 0, len(data)
    while pos < end:
        value, pos = _read_varint(data, pos)
        values.append(value)
    docnums, total = [], 0
    for gap in values[:df]:
        total += gap
        docnums.append(total)
    return docnums, (values[df:] if len(values) > df else [1] * df)


# Bit-packed posting lists (the codec's second postings format, ``CompactCodec.postings_format``
# 2), for the lists kept in the postings file. The document-number gaps, then the counts less one
# (left out when every count is 1), are each written as one run of fixed-width integers (a
# list's width: the one that makes its run smallest) with the few values wider than that as
# exceptions (Zukowski et al.'s "patched frame of reference"): their positions and high bits as
# varints after the run. The gaps of a frequent word take 3-6 bits where varints take 8, its
# counts 1-2 bits where varints take 8: on the 34,875-article corpus, 0.55 of the varints'
# bytes. A run of one width decodes with a few NumPy operations whatever its length.
_WIDTHS = np.arange(65, dtype=np.int64)
_POWERS = [np.left_shift(np.int64(1), np.arange(w, dtype=np.int64)) for w in range(58)]
# How a run is unpacked (the cheapest way measured for each): one of at most 8 bits a value, of at
# least _BYTES_FROM values, eight values (``width`` bytes) to a word; a shorter or wider
# one bit by bit, up to _UNPACK_BITS_UNTIL values; longer and wider, eight strided reads.
_BYTES_FROM = 64
_LANES_FROM = 16384  # ... and from this many, a word per group shifted once per lane (2x faster)
_UNPACK_BITS_UNTIL = 4096
_LANE_SHIFTS = [np.arange(8, dtype=np.uint64 if w > 4 else np.uint32) * w for w in range(9)]
_PYTHON_EXCEPTIONS = 16  # fewer exceptions are patched in one by one


def _bit_lengths(values: np.ndarray) -> np.ndarray:
    """Bits each value needs (0 for 0), for values below 2**53."""
    return np.frexp(values.astype(np.float64))[1].astype(np.int64)


def _varint_sizes(values: np.ndarray) -> np.ndarray:
    return 1 + (values >= 1 << 7) + (values >= 1 << 14) + (values >= 1 << 21) + (values >= 1 << 28)


def _best_width(bits: np.ndarray) -> int:
    """The width that makes a run of integers needing ``bits`` bits smallest (estimated: an
    exception costs its high bits' varint and about one byte of position)."""
    n, widest = len(bits), int(bits.max())
    if widest <= 1:
        return widest
    counts = np.bincount(bits, minlength=widest + 1)
    widths = _WIDTHS[:widest + 1]
    over = np.maximum(widths[None, :] - widths[:, None], 0)  # [w, b]: high bits of an exception
    cost = widths * n / 8 + ((over > 0) * (1 + -(-over // 7)) * counts[None, :]).sum(axis=1)
    return int(np.argmin(cost))


def pack_run(values) -> bytes:
    """Non-negative integers (below 2**32) as a fixed-width run with exceptions: the width (one
    byte), the run, the number of exceptions, and if any, the byte length of their varints and
    the varints (the gaps between their positions, then their high bits)."""
    values = np.asarray(values, dtype=np.int64)
    if not len(values):
        return bytes((0, 0))
    width = _best_width(_bit_lengths(values))
    low = values & ((1 << width) - 1)
    if width:
        bits = ((low[:, None] >> _WIDTHS[:width]) & 1).astype(np.uint8)
        run = np.packbits(bits.ravel(), bitorder="little").tobytes()
    else:
        run = b""
    where = np.flatnonzero(values >> width)
    if not len(where):
        return bytes((width,)) + run + b"\0"
    tail = encode_varints(np.concatenate([np.diff(where, prepend=0), values[where] >> width]).tolist())
    return bytes((width,)) + run + encode_varints([len(where), len(tail)]) + tail


_BATCH_WIDTHS = 33  # values below 2**32 need at most 32 bits
# [width, bits]: what a value needing ``bits`` costs as an exception of a run of ``width`` (as
# ``_best_width`` counts it), for every width and bit count at once.
_OVER = np.maximum(np.arange(_BATCH_WIDTHS)[None, :] - np.arange(_BATCH_WIDTHS)[:, None], 0)
_EXCEPTION_COST = ((_OVER > 0) * (1 + -(-_OVER // 7))).astype(np.int64)


def pack_runs(values: np.ndarray, lengths: np.ndarray) -> list[bytes]:
    """``pack_run`` of each of several non-empty lists held end to end in ``values`` (their
    ``lengths`` given), byte for byte, with NumPy calls for the whole batch instead of a dozen
    for each list: at commit most lists in the postings file are short (a name in a few dozen
    articles), and NumPy's cost per call was most of their encoding."""
    values = np.asarray(values, dtype=np.int64)
    lengths = np.asarray(lengths, dtype=np.int64)
    lists = len(lengths)
    starts = np.cumsum(lengths) - lengths
    owner = np.repeat(np.arange(lists), lengths)
    bits = _bit_lengths(values)
    widest = np.maximum.reduceat(bits, starts)
    counts = np.bincount(owner * _BATCH_WIDTHS + bits,
                         minlength=lists * _BATCH_WIDTHS).reshape(lists, _BATCH_WIDTHS)
    cost = np.arange(_BATCH_WIDTHS)[None, :] * lengths[:, None] / 8 + counts @ _EXCEPTION_COST.T
    cost[np.arange(_BATCH_WIDTHS)[None, :] > widest[:, None]] = np.inf  # _best_width's range
    width = np.where(widest <= 1, widest, np.argmin(cost, axis=1))
    value_width = width[owner]
    low = values & ((np.int64(1) << value_width) - 1)
    index_in_list = np.arange(len(values)) - starts[owner]
    # Lists are laid out by width, each padded with zeros to a multiple of eight values (eight
    # values of ``w`` bits are ``w`` whole bytes), so one unpacking into bits per width packs
    # every list of that width; a list's run is the start of its stretch.
    order = np.argsort(width, kind="stable")
    padded = ((lengths + 7) >> 3) << 3
    padded_start = np.empty(lists, dtype=np.int64)
    padded_start[order] = np.cumsum(padded[order]) - padded[order]
    laid_out = np.zeros(int(padded.sum()), dtype=np.int64)
    laid_out[padded_start[owner] + index_in_list] = low
    stretch_bytes = padded * width >> 3
    run_at = np.empty(lists, dtype=np.int64)
    run_at[order] = np.cumsum(stretch_bytes[order]) - stretch_bytes[order]
    run_bytes = (lengths * width + 7) >> 3
    chunks = []
    group_widths, group_first = np.unique(width[order], return_index=True)
    group_end = np.append(group_first[1:], lists)
    for w, first, end in zip(group_widths.tolist(), group_first.tolist(), group_end.tolist()):
        if w:
            start = padded_start[order[first]]
            stretch = laid_out[start:start + padded[order[first:end]].sum()]
            chunks.append(np.packbits(((stretch[:, None] >> _WIDTHS[:w]) & 1).astype(np.uint8)
                                      .ravel(), bitorder="little").tobytes())
    packed = b"".join(chunks)
    # Exceptions (values wider than their run): per list, the gaps between their positions and
    # then their high bits, as varints; every list's in one sequence, encoded at once.
    wide = np.flatnonzero((values >> value_width) != 0)
    wide_owner = owner[wide]
    excepted = np.bincount(wide_owner, minlength=lists)
    first_wide = np.cumsum(excepted) - excepted
    rank = np.arange(len(wide)) - first_wide[wide_owner]
    where = index_in_list[wide]
    gaps = np.where(rank == 0, where, where - np.concatenate([[0], where[:-1]]))
    sequence = np.empty(2 * len(wide), dtype=np.uint64)
    sequence[2 * first_wide[wide_owner] + rank] = gaps
    sequence[2 * first_wide[wide_owner] + excepted[wide_owner] + rank] = \
        values[wide] >> value_width[wide]
    tails = _encode_varints_np(sequence) if len(sequence) else b""
    sizes = _varint_sizes(sequence.astype(np.int64))
    has_tail = excepted > 0
    tail_bytes = np.zeros(lists, dtype=np.int64)
    if has_tail.any():
        tail_bytes[has_tail] = np.add.reduceat(sizes, 2 * first_wide[has_tail])
    out = []
    tail_at = 0
    for w, at, size, count, tail_size in zip(width.tolist(), run_at.tolist(),
                                             run_bytes.tolist(), excepted.tolist(),
                                             tail_bytes.tolist()):
        head = bytes((w,)) + packed[at:at + size]
        if not count:
            out.append(head + b"\0")
            continue
        out.append(head + encode_varints((count, tail_size)) + tails[tail_at:tail_at + tail_size])
        tail_at += tail_size
    return out


def encode_packed_postings_batch(pairs: np.ndarray, spans: list[tuple[int, int]]) -> list[bytes]:
    """``encode_packed_postings`` of several lists of (document, count) pairs, each the values
    ``pairs[start:end]`` of a ``(start, end)`` of ``spans``, with one ``pack_runs`` for every
    list's gaps and one for the counts."""
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    sizes = bounds[:, 1] - bounds[:, 0]
    lengths = sizes >> 1
    pairs = np.asarray(pairs)[ranges(bounds[:, 0], sizes)].astype(np.int64)
    docnums, counts = pairs[0::2], pairs[1::2]
    starts = np.cumsum(lengths) - lengths
    gaps = np.diff(docnums, prepend=0)
    gaps[starts] = docnums[starts]
    gap_runs = pack_runs(gaps, lengths)
    counted = np.maximum.reduceat(counts, starts) > 1
    if not counted.any():
        return gap_runs
    keep = np.repeat(counted, lengths)
    count_runs = iter(pack_runs(counts[keep] - 1, lengths[counted]))
    return [run + next(count_runs) if has_counts else run
            for run, has_counts in zip(gap_runs, counted.tolist())]


def unpack_run(data: bytes, n: int, pos: int = 0) -> tuple[np.ndarray, int]:
    """``n`` integers written by ``pack_run`` at ``pos`` of ``data``, and the position after
    them. The integers keep the type they were unpacked in (uint32 for a run of up to 4 bits,
    else a 64-bit type): the caller converts them once, as it needs."""
    width = data[pos]
    pos += 1
    size = (n * width + 7) >> 3
    if not width:
        values = np.zeros(n, dtype=np.int64)
    elif width <= 8 and n >= _LANES_FROM:
        groups = -(-n // 8)  # a group's ``width`` bytes read as one word, a lane at a time
        word = 4 if width <= 4 else 8
        buffer = np.zeros(groups * width + word, dtype=np.uint8)
        buffer[:size] = np.frombuffer(data, dtype=np.uint8, count=size, offset=pos)
        words = np.ndarray((groups,), dtype=f"<u{word}", buffer=buffer, strides=(width,)).copy()
        lanes = np.empty((groups, 8), dtype=words.dtype)
        for lane in range(8):
            np.right_shift(words, words.dtype.type(lane * width), out=lanes[:, lane])
        lanes &= words.dtype.type((1 << width) - 1)
        values = lanes.ravel()[:n]
    elif width <= 8 and n >= _BYTES_FROM:
        groups = -(-n // 8)
        flat = np.zeros(groups * width, dtype=np.uint8)
        flat[:size] = np.frombuffer(data, dtype=np.uint8, count=size, offset=pos)
        word = 4 if width <= 4 else 8  # 32 bits hold eight values of up to 4 bits
        rows = np.zeros((groups, word), dtype=np.uint8)
        rows[:, :width] = flat.reshape(groups, width)
        lanes = rows.view(f"<u{word}") >> _LANE_SHIFTS[width]
        lanes &= lanes.dtype.type((1 << width) - 1)
        values = lanes.ravel()[:n]
    elif n < _UNPACK_BITS_UNTIL:
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8, count=size, offset=pos),
                             count=n * width, bitorder="little")
        values = bits.reshape(n, width) @ _POWERS[width]
    else:
        groups = -(-n // 8)  # eight values take ``width`` bytes
        buffer = np.zeros(groups * width + 8, dtype=np.uint8)
        buffer[:size] = np.frombuffer(data, dtype=np.uint8, count=size, offset=pos)
        lanes = np.empty((groups, 8), dtype=np.uint64)
        for lane in range(8):  # value 8g + lane starts at byte g * width + lane * width // 8
            words = np.ndarray((groups,), dtype="<u8", buffer=buffer,
                               offset=(lane * width) >> 3, strides=(width,))
            np.right_shift(words, np.uint64((lane * width) & 7), out=lanes[:, lane])
        lanes &= np.uint64((1 << width) - 1)
        values = lanes.ravel()[:n]
    pos += size
    exceptions, pos = _read_varint(data, pos)
    if exceptions:
        length, pos = _read_varint(data, pos)
        if exceptions <= _PYTHON_EXCEPTIONS:
            at, where, at_byte = 0, [], pos
            for _ in range(exceptions):
                gap, at_byte = _read_varint(data, at_byte)
                at += gap
                where.append(at)
            for at in where:
                high, at_byte = _read_varint(data, at_byte)
                values[at] |= values.dtype.type(high << width)
        else:
            tail = decode_varints(data[pos:pos + length])
            values[np.cumsum(tail[:exceptions])] |= (tail[exceptions:] << width).astype(values.dtype)
        pos += length
    return values, pos


def encode_packed_postings(docnums, counts) -> bytes:
    """A posting list's data in the packed format: the document-number gaps, then the counts
    less one unless every count is 1."""
    ids = np.asarray(docnums, dtype=np.int64)
    data = pack_run(np.diff(ids, prepend=0))
    counts = np.asarray(counts, dtype=np.int64)
    return data if (counts == 1).all() else data + pack_run(counts - 1)


def decode_packed_postings(data: bytes, df: int) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, counts) of a packed posting list of ``df`` postings."""
    gaps, pos = unpack_run(data, df)
    if pos < len(data):
        counts = unpack_run(data, df, pos)[0].astype(np.int64)
        counts += 1
    else:
        counts = np.ones(df, dtype=np.int64)
    return np.cumsum(gaps, dtype=np.int64), counts


def decode_packed_postings_list(data: bytes, df: int) -> tuple[list[int], list[int]]:
    docnums, counts = decode_packed_postings(data, df)
    return docnums.tolist(), counts.tolist()


class CompactTermInfo(TermInfo):
    """Term statistics and where the postings are (inside, or an extent of the postings file)."""

    @classmethod
    def from_bytes(cls, data: bytes, format_: int = 1) -> "CompactTermInfo":
        head, pos = _read_varint(data, 0)
        bits = _flag_bits(format_)
        df, extra, top = head >> bits, 0, 0
        if not head & _ONES:
            extra, pos = _read_varint(data, pos)
            top, pos = _read_varint(data, pos)
        if bits == 3 and head & _SAME_LENGTH:
            shortest = longest = byte_to_length(data[pos])
            pos += 1
        else:
            shortest, longest = byte_to_length(data[pos]), byte_to_length(data[pos + 1])
            pos += 2
        info = cls(df + extra, df, shortest, longest, top + 1)
        if head & _INLINE:
            info.inline, info.offset, info.length = data[pos:], 0, 0
            return info
        info.inline = None
        info._minid, pos = _read_varint(data, pos)
        span, pos = _read_varint(data, pos)
        info._maxid = info._minid + span
        info.offset, pos = _read_varint(data, pos)
        info.length, pos = _read_varint(data, pos)
        return info

    @staticmethod
    def doc_frequency_of(data: bytes, format_: int = 1) -> int:
        return _read_varint(data, 0)[0] >> _flag_bits(format_)

    @staticmethod
    def weight_of(data: bytes, format_: int = 1) -> int:
        head, pos = _read_varint(data, 0)
        return (head >> _flag_bits(format_)) + (0 if head & _ONES else _read_varint(data, pos)[0])

    def data(self, postfile) -> bytes:
        return self.inline if self.inline is not None else postfile.get(self.offset, self.length)

    def _inline_ids(self) -> list[int]:
        return decode_postings_list(self.inline, self._df)[0]

    def min_id(self):
        return self._inline_ids()[0] if self.inline is not None else self._minid

    def max_id(self):
        return self._inline_ids()[-1] if self.inline is not None else self._maxid


def term_info_bytes(docnums, counts, data: bytes, min_length: int, max_length: int,
                    offset: int | None, format_: int = 1) -> bytes:
    """A term info row; ``offset`` None: ``data`` is inlined."""
    df = len(docnums)
    total, top = int(sum(counts)), int(max(counts))
    flags = (_INLINE if offset is None else 0) | (_ONES if top == 1 else 0)
    lengths = bytes((_length_byte(min_length), _length_byte(max_length)))
    if format_ >= 3 and lengths[0] == lengths[1]:
        flags |= _SAME_LENGTH
        lengths = lengths[:1]
    df <<= _flag_bits(format_)
    head = encode_varints([df | flags] if top == 1 else [df | flags, total - len(docnums), top - 1])
    if offset is None:
        return head + lengths + data
    first, last = int(docnums[0]), int(docnums[-1])
    return head + lengths + encode_varints([first, last - first, offset, len(data)])


_LENGTH_STEPS = np.array(_length_byte_cache)


def _length_bytes(lengths: np.ndarray) -> np.ndarray:
    """``length_to_byte`` of every length at once."""
    return np.where(lengths >= 106374, 255,
                    np.searchsorted(_LENGTH_STEPS, lengths, "left")).astype(np.int64)


_LENGTH_BYTES = _length_bytes(np.arange(1 << 14)).astype(np.uint8).tobytes()


def _length_byte(length: int) -> int:
    """Whoosh's ``length_to_byte``, read from a table for the lengths articles have."""
    return _LENGTH_BYTES[length] if length < len(_LENGTH_BYTES) else length_to_byte(length)


def _shared_prefix(first: bytes, second: bytes) -> int:
    """How many leading bytes two keys share: the highest differing bit of their XOR, one
    integer operation where a loop over the bytes ran once for each of the 1.5 M terms."""
    n = min(len(first), len(second))
    differ = int.from_bytes(first[:n], "big") ^ int.from_bytes(second[:n], "big")
    return n if not differ else n - 1 - (differ.bit_length() - 1) // 8


class TermDictionaryWriter:
    """Sorted keys with their values, front-coded in blocks; the blocks' first keys at the end."""

    def __init__(self, dbfile):
        self.dbfile = dbfile
        self.extras: dict = {}
        self._buffer = bytearray()
        self._written = 0
        self._previous = b""
        self._count = 0
        self._first_keys: list[bytes] = []
        self._block_starts = array("Q")

    def add(self, key: bytes, value: bytes) -> None:
        if self._count % BLOCK == 0:
            self._first_keys.append(key)
            self._block_starts.append(self._written + len(self._buffer))
            shared = 0
        else:
            if key <= self._previous:
                raise CodecError("terms must be added in ascending order")
            shared = _shared_prefix(self._previous, key)
        self._buffer += _varint(shared)
        self._buffer += _varint(len(key) - shared)
        self._buffer += key[shared:]
        self._buffer += _varint(len(value))
        self._buffer += value
        self._previous = key
        self._count += 1
        if len(self._buffer) >= 1 << 20:
            self._flush()

    def add_many(self, prefix: bytes, keys: list[bytes], values: bytes,
                 value_ends: np.ndarray) -> None:
        """``add`` of ``prefix + key`` for several keys in ascending order, their values end to
        end in ``values`` (the ``i``-th ending at ``value_ends[i]``): every entry of the batch
        (the shared prefix with the key before, the rest of the key, the value) is made with
        array operations, where ``add`` cost a dozen Python steps a key."""
        count = len(keys)
        if not count:
            return
        if (prefix + keys[0] <= self._previous and self._count) or not all(map(lt, keys, keys[1:])):
            raise CodecError("terms must be added in ascending order")
        lengths = np.fromiter(map(len, keys), dtype=np.int64, count=count) + len(prefix)
        previous = np.frombuffer(self._previous, dtype=np.uint8)
        blob = np.frombuffer(prefix + prefix.join(keys), dtype=np.uint8)
        key_ends = np.cumsum(lengths)
        key_starts = key_ends - lengths
        # The keys as rows (zero-padded), the one before them first: the shared prefix of two
        # neighbours is where their rows first differ, within the shorter key.
        width = max(int(lengths.max()), len(previous))
        rows = np.zeros((count + 1, width), dtype=np.uint8)
        rows[0, :len(previous)] = previous
        rows.ravel()[ranges(np.arange(1, count + 1) * width, lengths)] = blob
        differ = rows[1:] != rows[:-1]
        first_difference = np.where(differ.any(axis=1), differ.argmax(axis=1), width)
        shorter = np.minimum(lengths, np.append(len(previous), lengths[:-1]))
        block_first = (np.arange(self._count, self._count + count) % BLOCK) == 0
        shared = np.where(block_first, 0, np.minimum(first_difference, shorter))
        # Each entry as tokens: two varints, the key's rest as bytes, a varint, the value's bytes.
        value_lengths = np.diff(value_ends, prepend=0)
        rest = lengths - shared
        entry = 3 + rest + value_lengths
        at = np.cumsum(entry) - entry
        tokens = np.zeros(int(entry.sum()), dtype=np.int64)
        raw = np.ones(len(tokens), dtype=bool)
        for offset, column in ((0, shared), (1, rest), (2 + rest, value_lengths)):
            tokens[at + offset], raw[at + offset] = column, False
        tokens[ranges(at + 2, rest)] = blob[ranges(key_starts + shared, rest)]
        tokens[ranges(at + 3 + rest, value_lengths)] = \
            np.frombuffer(values, dtype=np.uint8)[ranges(value_ends - value_lengths, value_lengths)]
        data, token_ends = _encode_tokens(tokens, raw)
        entry_starts = token_ends[at] - _varint_sizes(shared)
        firsts = np.flatnonzero(block_first)
        base = self._written + len(self._buffer)
        self._block_starts.extend((entry_starts[firsts] + base).tolist())
        self._first_keys.extend(prefix + keys[i] for i in firsts.tolist())
        self._buffer += data
        self._previous = prefix + keys[-1]
        self._count += count
        if len(self._buffer) >= 1 << 20:
            self._flush()

    def _flush(self) -> None:
        self.dbfile.write(bytes(self._buffer))
        self._written += len(self._buffer)
        self._buffer.clear()

    def close(self) -> None:
        self._flush()
        index_at = self._written
        key_ends = array("I")
        end = 0
        for key in self._first_keys:
            end += len(key)
            key_ends.append(end)
        extras = dumps(self.extras, 4)
        for part in (self._block_starts.tobytes(), key_ends.tobytes(), b"".join(self._first_keys)):
            self.dbfile.write(part)
        extras_at = index_at + len(self._block_starts) * 8 + len(key_ends) * 4 + end
        self.dbfile.write(extras)
        self.dbfile.write(_TRAILER.pack(index_at, len(self._first_keys), extras_at, _MAGIC))
        self.dbfile.close()


class _FirstKeys:
    """The blocks' first keys as a sequence (for ``bisect``), cut from one bytes object when
    asked; every ``_SPARSE``-th one kept as bytes, so a search cuts only a few."""

    _SPARSE = 64

    def __init__(self, blob: bytes, ends: array):
        self._blob, self._ends = blob, ends
        self._sparse = [self[i] for i in range(0, len(ends), self._SPARSE)]

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> bytes:
        return self._blob[self._ends[i - 1] if i else 0:self._ends[i]]

    def block_of(self, key: bytes) -> int:
        """The last block whose first key is not above ``key`` (-1: none)."""
        j = bisect_right(self._sparse, key) - 1
        if j < 0:
            return -1
        lo = j * self._SPARSE
        return bisect_right(self, key, lo, min(lo + self._SPARSE, len(self))) - 1


_ENTRIES_KEPT = 4096  # per segment: a few hundred bytes each


class TermDictionary:
    """Reads what ``TermDictionaryWriter`` wrote."""

    def __init__(self, dbfile, length: int):
        self.dbfile = dbfile
        index_at, blocks, extras_at, magic = _TRAILER.unpack(
            dbfile.get(length - _TRAILER.size, _TRAILER.size))
        if magic != _MAGIC:
            raise CodecError("not a term dictionary of this codec")
        self._starts = array("Q", dbfile.get(index_at, blocks * 8))
        self._starts.append(index_at)  # where the last block ends
        ends = array("I", dbfile.get(index_at + blocks * 8, blocks * 4))
        blob_at = index_at + blocks * 12
        self._first_keys = _FirstKeys(dbfile.get(blob_at, ends[-1] if blocks else 0), ends)
        self.extras = loads(dbfile.get(extras_at, length - _TRAILER.size - extras_at))
        # A query asks for a term's entry two to four times (its rarity, whether a field has
        # it, its postings), each a block read and scan.
        self.get = lru_cache(maxsize=_ENTRIES_KEPT)(self._get)

    def _data(self, i: int) -> bytes:
        start = self._starts[i]
        return self.dbfile.get(start, self._starts[i + 1] - start)

    def _block(self, i: int):
        """(key, value) of block ``i``'s entries."""
        data = self._data(i)
        pos, key, end = 0, b"", len(data)
        while pos < end:
            shared, pos = _read_varint(data, pos)
            size, pos = _read_varint(data, pos)
            key = key[:shared] + data[pos:pos + size]
            pos += size
            size, pos = _read_varint(data, pos)
            yield key, data[pos:pos + size]
            pos += size

    def _get(self, key: bytes) -> bytes | None:
        """The value of ``key``, or None. The lookup every query term makes, so written out:
        lengths under 128 (nearly all) are read as one byte."""
        i = self._first_keys.block_of(key)
        if i < 0:
            return None
        data = self._data(i)
        pos, found, end = 0, b"", len(data)
        while pos < end:
            shared = data[pos]
            if shared < 0x80:
                pos += 1
            else:
                shared, pos = _read_varint(data, pos)
            size = data[pos]
            if size < 0x80:
                pos += 1
            else:
                size, pos = _read_varint(data, pos)
            found = found[:shared] + data[pos:pos + size]
            pos += size
            size = data[pos]
            if size < 0x80:
                pos += 1
            else:
                size, pos = _read_varint(data, pos)
            if found >= key:
                return data[pos:pos + size] if found == key else None
            pos += size
        return None

    def items_from(self, key: bytes = b""):
        """Every (key, value) from the first key not below ``key``, in order."""
        for block in range(max(self._first_keys.block_of(key), 0), len(self._first_keys)):
            for found, value in self._block(block):
                if found >= key:
                    yield found, value

    def close(self) -> None:
        self.dbfile.close()


class CountMatcher(ListMatcher):
    """Whoosh's list matcher over decoded postings; a posting's value is made from its count as
    the field's format encodes it (only merges and Whoosh's own scorers ask)."""

    def value(self):
        return self.encode(self._format, int(round(self.weight() / self._format.field_boost)))

    @staticmethod
    def encode(format_, count: int) -> bytes:
        """The value Whoosh's format keeps for a posting of ``count`` occurrences."""
        return b"" if isinstance(format_, Existence) else pack_uint(count)


class CompactTermsReader(base.TermsReader):
    def __init__(self, dbfile, length: int, postfile, postings_format: int = 1):
        self._dictionary = TermDictionary(dbfile, length)
        packed = postings_format >= 2
        self._version = postings_format
        self._decode = decode_packed_postings if packed else decode_postings
        self._decode_list = decode_packed_postings_list if packed else decode_postings_list
        self._fieldmap: dict[str, int] = self._dictionary.extras["fieldmap"]
        self._fieldunmap = {number: name for name, number in self._fieldmap.items()}
        self._postfile = postfile

    def _key(self, fieldname: str, tbytes: bytes) -> bytes:
        return pack_ushort(self._fieldmap.get(fieldname, _MISSING_FIELD)) + tbytes

    def _term(self, key: bytes) -> tuple[str, bytes]:
        return self._fieldunmap[unpack_ushort(key[:2])[0]], key[2:]

    def _value(self, fieldname: str, tbytes: bytes) -> bytes:
        value = self._dictionary.get(self._key(fieldname, tbytes))
        if value is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return value

    def __contains__(self, term) -> bool:
        return self._dictionary.get(self._key(*term)) is not None

    def indexed_field_names(self):
        return self._fieldmap.keys()

    def terms(self):
        return (self._term(key) for key, _ in self._dictionary.items_from())

    def terms_from(self, fieldname, prefix):
        return (self._term(key) for key, _ in self._dictionary.items_from(self._key(fieldname, prefix)))

    def items(self):
        return ((self._term(key), CompactTermInfo.from_bytes(value, self._version))
                for key, value in self._dictionary.items_from())

    def items_from(self, fieldname, prefix):
        return ((self._term(key), CompactTermInfo.from_bytes(value, self._version))
                for key, value in self._dictionary.items_from(self._key(fieldname, prefix)))

    def term_info(self, fieldname, tbytes):
        return CompactTermInfo.from_bytes(self._value(fieldname, tbytes), self._version)

    def frequency(self, fieldname, tbytes):
        value = self._dictionary.get(self._key(fieldname, tbytes))
        return 0 if value is None else CompactTermInfo.weight_of(value, self._version)

    def doc_frequency(self, fieldname, tbytes):
        value = self._dictionary.get(self._key(fieldname, tbytes))
        return 0 if value is None else CompactTermInfo.doc_frequency_of(value, self._version)

    def postings(self, fieldname: str, tbytes: bytes):
        """(document numbers, counts) as arrays, or None for a term not here."""
        value = self._dictionary.get(self._key(fieldname, tbytes))
        if value is None:
            return None
        info = CompactTermInfo.from_bytes(value, self._version)
        return self._decode_data(info)

    def field_postings(self, fieldname: str):
        """(term, document numbers, counts, shortest and longest field length) of every term of
        a field, in order (a merge reads a segment this way)."""
        prefix = self._key(fieldname, b"")
        for key, value in self._dictionary.items_from(prefix):
            if not key.startswith(prefix):
                return
            info = CompactTermInfo.from_bytes(value, self._version)
            docnums, counts = self._decode_data_list(info)
            yield key[2:], docnums, counts, info.min_length(), info.max_length()

    def _decode_data(self, info: CompactTermInfo) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings: inline ones are varints, the postings file's in the segment's
        format."""
        if info.inline is not None:
            return decode_postings(info.inline, info.doc_frequency())
        return self._decode(self._postfile.get(info.offset, info.length), info.doc_frequency())

    def _decode_data_list(self, info: CompactTermInfo) -> tuple[list[int], list[int]]:
        if info.inline is not None:
            return decode_postings_list(info.inline, info.doc_frequency())
        return self._decode_list(self._postfile.get(info.offset, info.length),
                                 info.doc_frequency())

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        info = self.term_info(fieldname, tbytes)
        docnums, counts = self._decode_data_list(info)
        boost = format_.field_boost
        return CountMatcher(docnums, [c * boost for c in counts], format=format_, scorer=scorer, term=(fieldname, tbytes),
                            terminfo=info)

    def cursor(self, fieldname, fieldobj):
        raise NotImplementedError("this codec has no term cursors (fuzzy automata)")

    def close(self):
        self._dictionary.close()
        self._postfile.close()


class CompactFieldWriter(base.FieldWriter):
    """Writes the term dictionary and postings of a new segment."""

    def __init__(self, codec: "CompactCodec", storage, segment):
        self._dictionary = TermDictionaryWriter(segment.create_file(storage, codec.TERMS_EXT))
        self._fieldmap: dict[str, int] = {}
        self._dictionary.extras["fieldmap"] = self._fieldmap
        self._postfile = segment.create_file(storage, codec.POSTS_EXT)
        self._encode = encode_packed_postings if codec.postings_format >= 2 else encode_postings
        self._version = codec.postings_format
        self._prefix = b""
        self._format = None
        self.is_closed = False

    def start_field(self, fieldname, fieldobj):
        if type(fieldobj.format) not in (Existence, Frequency):
            raise CodecError(f"field {fieldname!r}: only counts are stored, not "
                             f"{type(fieldobj.format).__name__} postings")
        number = self._fieldmap.setdefault(fieldname, len(self._fieldmap))
        self._prefix = pack_ushort(number)
        self._format = fieldobj.format

    def start_term(self, btext):
        self._btext = btext
        self._docnums, self._counts = array("I"), array("I")
        self._min_length, self._max_length = None, 0

    def add(self, docnum, weight, vbytes, length):
        self._docnums.append(docnum)
        self._counts.append(self._format.decode_frequency(vbytes) if vbytes else 1)
        if length is not None:
            if self._min_length is None or length < self._min_length:
                self._min_length = length
            self._max_length = max(self._max_length, length)

    def finish_term(self):
        self.write_term(self._btext, self._docnums, self._counts, self._min_length or 0,
                        self._max_length)

    def write_term(self, btext: bytes, docnums, counts, min_length: int, max_length: int) -> None:
        """One term's whole posting list (ascending document numbers, counts of at least 1)."""
        data, inline = self._inline_data(docnums, counts)
        if not inline and (data is None or self._encode is not encode_postings):
            data = self._encode(docnums, counts)
        self._add(self._prefix + btext, docnums, counts, min_length, max_length, data, inline)

    def write_terms(self, keys: list[bytes], frequency: np.ndarray, shortest: np.ndarray,
                    longest: np.ndarray, pairs: np.ndarray) -> None:
        """``write_term`` of several terms in key order, given column by column: their keys,
        posting counts (at least 1), shortest and longest field lengths, and every term's
        (document, count) pairs end to end (``pairs``, two values a posting).

        Every term info is made with array operations for the whole batch (its varints, flags
        and length bytes, and the postings of the lists short enough to be inline), and the
        short lists bound for the postings file are packed together
        (``encode_packed_postings_batch``): at commit most of the 1.5 M terms of the news corpus
        are a word of one or a few articles, and their Python calls one by one were most of
        the commit. Only the current format is written this way (the bulk writer's)."""
        if self._version < 3:
            raise CodecError("terms in batches are written in postings format 3 and later")
        df = frequency.astype(np.int64)
        terms = len(df)
        ends = np.cumsum(df)
        starts = ends - df
        values = np.asarray(pairs).reshape(-1, 2).astype(np.int64)
        docnums, counts = values[:, 0], values[:, 1]
        gaps = np.diff(docnums, prepend=0)
        gaps[starts] = docnums[starts]
        total, top = np.add.reduceat(counts, starts), np.maximum.reduceat(counts, starts)
        ones = top == 1
        counted = ~ones
        owner = np.repeat(np.arange(terms), df)
        data_bytes = np.add.reduceat(_varint_sizes(gaps), starts)
        data_bytes[counted] += np.add.reduceat(_varint_sizes(counts), starts)[counted]
        inline = (df <= INLINE_BYTES) & (data_bytes <= INLINE_BYTES)
        low, high = _length_bytes(shortest), _length_bytes(longest)
        same = low == high

        # The postings file: the lists too long to be inline, in term order.
        outside = np.flatnonzero(~inline)
        where = np.zeros(terms, dtype=np.int64)
        sizes = np.zeros(terms, dtype=np.int64)
        if len(outside):
            batched = outside[df[outside] < BATCH_POSTINGS]
            data: dict[int, bytes] = {}
            if len(batched):
                data.update(zip(batched.tolist(), encode_packed_postings_batch(
                    pairs, np.column_stack([2 * starts[batched], 2 * ends[batched]]).tolist())))
            for term in outside[df[outside] >= BATCH_POSTINGS].tolist():
                span = slice(int(starts[term]), int(ends[term]))
                data[term] = encode_packed_postings(docnums[span], counts[span])
            blobs = [data[term] for term in outside.tolist()]
            sizes[outside] = [len(blob) for blob in blobs]
            where[outside] = self._postfile.tell() + np.cumsum(sizes[outside]) - sizes[outside]
            self._postfile.write(b"".join(blobs))

        # Each term info as a row of tokens, varints and raw bytes: the document frequency and
        # flags; the total and highest count unless every count is 1; one or two length bytes;
        # then the inline postings (gaps, then counts unless all 1) or where the list is.
        flags = (df << 3) | np.where(inline, _INLINE, 0) | np.where(ones, _ONES, 0) \
            | np.where(same, _SAME_LENGTH, 0)
        width = 2 + 2 * counted + ~same + np.where(inline, df * (1 + counted), 4)
        at = np.cumsum(width) - width
        tokens = np.zeros(int(width.sum()), dtype=np.int64)
        raw = np.zeros(len(tokens), dtype=bool)
        tokens[at] = flags
        tokens[at[counted] + 1] = (total - df)[counted]
        tokens[at[counted] + 2] = (top - 1)[counted]
        at = at + 1 + 2 * counted
        tokens[at], raw[at] = low, True
        tokens[at[~same] + 1], raw[at[~same] + 1] = high[~same], True
        at = at + 1 + ~same
        posting_inline = inline[owner]
        place = (at - starts)[owner] + np.arange(len(docnums))
        tokens[place[posting_inline]] = gaps[posting_inline]
        with_counts = posting_inline & counted[owner]
        tokens[place[with_counts] + df[owner][with_counts]] = counts[with_counts]
        first = docnums[starts[outside]]
        for k, column in enumerate((first, docnums[ends[outside] - 1] - first, where[outside],
                                    sizes[outside])):
            tokens[at[outside] + k] = column
        blob, token_ends = _encode_tokens(tokens, raw)
        self._dictionary.add_many(self._prefix, keys, blob, token_ends[np.cumsum(width) - 1])

    @staticmethod
    def _inline_data(docnums, counts) -> tuple[bytes | None, bool]:
        """The varints of a short list and whether they fit in the term info (a list is
        inline when its varints fit ``INLINE_BYTES``: at least a byte a posting)."""
        data = encode_postings(docnums, counts) if len(docnums) <= INLINE_BYTES else None
        return data, data is not None and len(data) <= INLINE_BYTES

    def _add(self, key: bytes, docnums, counts, min_length: int, max_length: int,
             data: bytes, inline: bool) -> None:
        if inline:
            info = term_info_bytes(docnums, counts, data, min_length, max_length, None,
                                   self._version)
        else:
            info = term_info_bytes(docnums, counts, data, min_length, max_length,
                                   self._postfile.tell(), self._version)
            self._postfile.write(data)
        self._dictionary.add(key, info)

    def finish_field(self):
        self._format = None

    def close(self):
        self._dictionary.close()
        self._postfile.close()
        self.is_closed = True


class CompactCodec(W3Codec):
    """W3's segments, columns and stored fields, with this module's terms and postings.

    A segment keeps the codec that wrote it (pickled in the TOC), so the format of what it wrote
    is an attribute of the instance: ``postings_format`` 1, varints (segments written before the
    attribute existed read the class's default), 2, bit-packed (``pack_run``), 3, term infos
    with one length byte when both are the same."""

    TERMS_EXT = ".tdx"
    POSTS_EXT = ".pdx"
    postings_format = 1  # what a codec unpickled from an older TOC wrote
    POSTINGS_FORMAT = 3  # what a new codec writes

    def __init__(self, postings_format: int = POSTINGS_FORMAT):
        super().__init__(compression=0)
        self.postings_format = postings_format

    def field_writer(self, storage, segment):
        return CompactFieldWriter(self, storage, segment)

    def per_document_writer(self, storage, segment):
        return CompactPerDocWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return CompactPerDocReader(storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        raise NotImplementedError("postings are written by CompactFieldWriter")

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        raise NotImplementedError("postings are read by CompactTermsReader")

    def terms_reader(self, storage, segment):
        name = segment.make_filename(self.TERMS_EXT)
        return CompactTermsReader(storage.open_file(name), storage.file_length(name),
                                  segment.open_file(storage, self.POSTS_EXT), self.postings_format)


TRAIN_DOCUMENTS = 64  # the preset dictionary is made of the first documents of a segment
_SAMPLE_BYTES = 2048  # taken from the start of each (so the last 16 fill the dictionary)
_ZDICT_BYTES = 32768  # zlib's window: a longer dictionary is not used


class PresetDictionaryColumn(columns.VarBytesColumn):
    """Byte strings, each compressed with zlib and a preset dictionary."""

    def __init__(self, zdict: bytes, level: int = 6):
        super().__init__()
        self._zdict, self._level = zdict, level

    def writer(self, dbfile):
        return self.Writer(dbfile, zlib.compressobj(self._level, zdict=self._zdict))

    def reader(self, dbfile, basepos, length, doccount):
        return self.Reader(dbfile, basepos, length, doccount,
                           zlib.decompressobj(zdict=self._zdict))

    class Writer(columns.VarBytesColumn.Writer):
        def __init__(self, dbfile, primed):
            super().__init__(dbfile)
            self._primed = primed  # a compressor that has read the dictionary once

        def add(self, docnum, v):
            compressor = self._primed.copy()
            super().add(docnum, compressor.compress(v) + compressor.flush())

    class Reader(columns.VarBytesColumn.Reader):
        def __init__(self, dbfile, basepos, length, doccount, primed):
            super().__init__(dbfile, basepos, length, doccount)
            self._primed = primed

        def __getitem__(self, docnum):
            v = super().__getitem__(docnum)
            return self._primed.copy().decompress(v) if v else v

        def __iter__(self):
            for v in super().__iter__():
                yield self._primed.copy().decompress(v) if v else v


class CompactPerDocWriter(W3PerDocWriter):
    """W3's per-document writer; stored fields wait until ``TRAIN_DOCUMENTS`` documents have
    come, which make the preset dictionary, then all go through ``PresetDictionaryColumn`` (a
    segment of fewer documents is stored as W3 stores it)."""

    def __init__(self, codec, storage, segment):
        self._waiting: list[tuple[int, dict]] | None = []
        super().__init__(codec, storage, segment)

    def _create_column(self, fieldname, column):
        if fieldname == "_stored" and self._waiting is not None:
            return  # created once the dictionary is known
        super()._create_column(fieldname, column)

    def finish_doc(self):
        if self._waiting is not None and self._storedfields:
            self._waiting.append((self._docnum, dict(self._storedfields)))
            self._storedfields.clear()
            if len(self._waiting) >= TRAIN_DOCUMENTS:
                self._start_stored()
        super().finish_doc()

    def _start_stored(self) -> None:
        waiting, self._waiting = self._waiting, None
        samples = [dumps(fields, 2)[:_SAMPLE_BYTES] for _, fields in waiting]  # as PickleColumn
        zdict = b"".join(samples)[-_ZDICT_BYTES:]
        column = STORED_COLUMN
        if len(waiting) >= TRAIN_DOCUMENTS:  # a small segment: the dictionary would cost more
            # Kept with the segment in the TOC (as W3 keeps the field lengths' totals there): as
            # a column of one value, in a segment of 34,875 documents, it did not read back.
            self._segment.stored_dictionary = zdict
            column = columns.PickleColumn(PresetDictionaryColumn(zdict))
        super()._create_column("_stored", column)
        for docnum, fields in waiting:
            self._get_column("_stored").add(docnum, fields)

    def close(self):
        if self._indoc:
            self.finish_doc()
        if self._waiting is not None:
            self._start_stored()
        super().close()


class CompactPerDocReader(W3PerDocReader):
    def stored_fields(self, docnum):
        reader = self._readers.get("_stored")
        if reader is None:
            column = STORED_COLUMN
            zdict = getattr(self._segment, "stored_dictionary", None)
            if zdict:
                column = columns.PickleColumn(PresetDictionaryColumn(zdict))
            reader = self._readers["_stored"] = self.column_reader("_stored", column)
        return reader[docnum] or {}


def is_compact(ix) -> bool:
    """Was every segment of the index written with this codec?"""
    return all(isinstance(segment.codec(), CompactCodec) for segment in ix._segments())
