"""A body's fingerprint for finding near-identical articles (wire copies republished by several
sites, a story updated under a new id): MinHash over word shingles; and a headline's key, since
a wire story keeps its headline when a site rewrites its body.

Two articles whose sets of five-word runs overlap by Jaccard similarity *s* agree on each of the
``HASHES`` minimum hashes with probability *s*, so the share of equal positions estimates *s*
without comparing texts, and equal bands of ``ROWS`` positions find the candidate pairs in one
sort (locality-sensitive hashing). Computed once per article when its segment is committed.
"""
from __future__ import annotations

import hashlib
import zlib

import numpy as np

from .normalize import SYLLABLE_RE, clean

HASHES = 32  # minimum hashes per article: 128 bytes
ROWS = 4  # hashes per band: 8 bands find pairs of similarity 0.75 with probability 0.96
SHINGLE = 5  # words per shingle
MIN_SHINGLES = 12  # shorter bodies (a caption, a headline alone) get no fingerprint
NONE = np.uint32(0xFFFFFFFF)  # the fingerprint of a body too short to have one
HEADLINE_WORDS = 5  # shorter titles ("Thời tiết hôm nay") recur without being one story

_PRIME = (1 << 31) - 1  # Mersenne prime: universal hashing a*x+b mod p
_random = np.random.default_rng(20171)  # fixed: fingerprints must agree across processes and runs
_A = _random.integers(1, _PRIME, HASHES, dtype=np.int64)
_B = _random.integers(0, _PRIME, HASHES, dtype=np.int64)
_MIX = _random.integers(1, 1 << 63, ROWS, dtype=np.uint64) | np.uint64(1)  # odd multipliers


def fingerprint(body: str) -> np.ndarray:
    """``HASHES`` uint32 minimum hashes of the body's word shingles (all ``NONE`` when the
    body is too short to compare)."""
    words = SYLLABLE_RE.findall(clean(body).casefold())
    if len(words) < SHINGLE + MIN_SHINGLES - 1:
        return np.full(HASHES, NONE, dtype=np.uint32)
    shingles = np.unique(np.fromiter(
        (zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) & _PRIME
         for i in range(len(words) - SHINGLE + 1)), dtype=np.int64))
    # (a*x + b) mod p for every hash function and shingle; x, a < 2^31 so the product fits int64.
    hashed = (_A[:, None] * shingles[None, :] + _B[:, None]) % _PRIME
    return hashed.min(axis=1).astype(np.uint32)


def headline_key(title: str) -> int:
    """A title of ``HEADLINE_WORDS`` words or more as a number (0 for shorter ones): equal
    for the same words whatever their case and spacing."""
    words = SYLLABLE_RE.findall(clean(title).casefold())
    if len(words) < HEADLINE_WORDS:
        return 0
    # 64 bits: 32 would make two different headlines of a 35k archive collide one time in seven
    key = int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(), "big")
    return key or 1  # 0 means "no key"


_CHUNK = 65_536  # pairs compared at a time


def copies(fingerprints: np.ndarray, headlines: np.ndarray, live: np.ndarray,
           threshold: float = 0.6) -> np.ndarray:
    """For each document, the smallest document number of its group of near-identical
    documents (itself when it has none): pairs found by equal bands and kept when at least
    ``threshold`` of their hashes agree, and pairs with the same headline, grouped
    transitively. Deleted (not ``live``) documents stay alone, and so do those with neither a
    fingerprint nor a headline key."""
    size = len(fingerprints)
    usable = np.flatnonzero(live[:size] & (fingerprints[:, 0] != NONE))
    firsts, seconds = [], []
    bands = fingerprints[usable].astype(np.uint64).reshape(len(usable), HASHES // ROWS, ROWS)
    mixed = np.bitwise_xor.reduce(bands * _MIX, axis=2)  # a band's hashes as one key (collisions
    for band in range(HASHES // ROWS):                   # are weeded out by ``threshold`` below)
        order = np.argsort(mixed[:, band], kind="stable")
        same = np.flatnonzero(mixed[order[1:], band] == mixed[order[:-1], band])
        firsts.append(usable[order[same]])
        seconds.append(usable[order[same + 1]])
    # A pair found in several bands is compared once (an archive of many exact copies finds each
    # of its pairs in every band: 17 times the comparisons and their memory).
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    pairs = np.unique(np.minimum(a, b) * size + np.maximum(a, b))
    a, b = pairs // size, pairs % size
    agree = np.zeros(len(a), dtype=np.int64)
    for i in range(0, len(a), _CHUNK):  # bounded memory: a chunk's hashes at a time
        part = slice(i, i + _CHUNK)
        agree[part] = np.count_nonzero(fingerprints[a[part]] == fingerprints[b[part]], axis=1)
    a, b = a[agree >= threshold * HASHES], b[agree >= threshold * HASHES]
    titled = np.flatnonzero(live[:size] & (headlines != 0))
    order = titled[np.argsort(headlines[titled], kind="stable")]
    same = np.flatnonzero(headlines[order[1:]] == headlines[order[:-1]])
    a, b = np.concatenate([a, order[same]]), np.concatenate([b, order[same + 1]])
    group = np.arange(size, dtype=np.int64)
    while True:  # each pair takes the smaller group number of its two ends, until none changes
        low = np.minimum(group[a], group[b])
        before = group.copy()
        np.minimum.at(group, a, low)
        np.minimum.at(group, b, low)
        group = group[group]  # and every document its group's number (pointer jumping)
        if np.array_equal(group, before):
            return group
