"""underthesea's word-segmentation CRF, read from its own model files and run in NumPy.

underthesea's ``CRFFeaturizer`` writes 43 attribute strings per token, which its ``CRFTagger``
then looks up again: three quarters of an article's segmentation went into making and passing
those strings, and loading the tagger took 0.15 s of a cold query. Here every feature template
keeps a table of its own values, a token's score is gathered from the tables a template at a
time, and Viterbi runs on the sums. The tags are underthesea's: the features, the order the
weights are added in and the tie-breaking are its (``tests/test_segmentation_crf.py`` compares
them on corpus articles).
"""
from __future__ import annotations

import pickle
import re
from os.path import join

import numpy as np

from ..ragged import ranges

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?")
_INT32 = re.compile(r"[+-]?[0-9]+")
_DROPPED_WEIGHT = 1e-10  # underthesea's loader keeps no state weight this small
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])


def _strings(data: bytes, start: int, count: int) -> list[str]:
    """A CRFsuite string table (CQDB) in id order, read from its backward links as underthesea
    does: empty links skipped, repeated strings kept once. Every entry is ``id, size, key + NUL``:
    the keys are gathered with their NULs in one array and split once."""
    raw = np.frombuffer(data, np.uint8)
    bwd_size, bwd_offset = np.frombuffer(data, "<u4", 2, start + 16).tolist()
    offsets = np.frombuffer(data, "<u4", min(count, bwd_size), start + bwd_offset)
    at = start + offsets[offsets != 0].astype(np.int64)
    keys = raw[ranges(at + 8, _u32_at(raw, at + 4))].tobytes().decode("utf-8", "replace")
    keys = keys.split("\0")[:-1]
    if len(keys) != len(at):
        raise ValueError("a CRFsuite string holds a NUL")
    return list(dict.fromkeys(keys))


def _u32_at(raw: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The little-endian 32-bit integers starting at each of ``positions`` (not aligned)."""
    return sum(raw[positions + i].astype(np.int64) << (8 * i) for i in range(4))


class _Template:
    """One feature template, ``T[first]`` or ``T[first,last]``, with an optional function."""

    def __init__(self, syntax: str) -> None:
        match = _TEMPLATE.fullmatch(syntax)
        if match is None or match[3] not in _FUNCTIONS:
            raise ValueError(f"unsupported feature template {syntax!r}")
        self.first = int(match[1])
        self.width = int(match[2]) - self.first if match[2] is not None else 0
        if self.width < 0:
            raise ValueError(f"unsupported feature template {syntax!r}")
        self.function = match[3]


class _Group:
    """The templates reading the same runs of tokens through the same function (``T[-2]`` …
    ``T[2]``; ``T[-1,0].lower``, ``T[0,1].lower`` …): one lookup per run serves them all.
    ``weights[row, column]`` holds what a value adds through the column's template; row 0 adds
    nothing (a value the model never saw adds nothing, as an unknown attribute in underthesea)."""

    def __init__(self, width: int, function: str | None, labels: int) -> None:
        self.width = width
        self.function = function
        self.syntaxes: list[str] = []
        self.firsts: list[int] = []
        self.rows: dict[str, int] = {}
        self.weights = np.zeros((1, 0, labels))

    def values(self, runs: "_Runs") -> list[str]:
        """The values of the group's runs, by first position (before BOS and EOS)."""
        if self.function is None:
            return runs.texts(self.width)
        if self.function == "lower":
            return runs.lowered(self.width)
        return ["True", "False"]

    def row_ids(self, runs: "_Runs") -> tuple[np.ndarray, int]:
        """Every position's row id for the group's runs, padded with BOS rows before and EOS
        rows after, and the padding's length before."""
        rows = self.rows
        if self.function in (None, "lower"):
            ids = [rows.get(value, 0) for value in self.values(runs)]
        else:
            ids = np.where(runs.flags(self.width, self.function),
                           rows.get("True", 0), rows.get("False", 0))
        before = max(0, -min(self.firsts))
        after = runs.count + max(0, max(self.firsts)) + self.width
        padded = np.empty(before + len(ids) + after, np.int64)
        padded[:before] = rows.get("BOS", 0)
        padded[before:before + len(ids)] = ids
        padded[before + len(ids):] = rows.get("EOS", 0)
        return padded, before


class SegmentationCrf:
    """The model in ``directory`` (``features.bin``, ``dictionary.bin``, ``models.bin``).

    A query's few words look their attributes up in the model's own hash tables (CQDB), so a
    fresh process pays for reading the files only; once a process has tagged more than
    ``_LONG_TEXT`` tokens (an article, a server's first queries), every template's table is
    filled from the whole attribute list at once (0.1 s), after which a token costs one
    dictionary lookup per group."""

    def __init__(self, directory: str) -> None:
        with open(join(directory, "features.bin"), "rb") as handle:
            syntaxes = pickle.load(handle)
        with open(join(directory, "dictionary.bin"), "rb") as handle:
            self.dictionary: set[str] = pickle.load(handle)
        with open(join(directory, "models.bin"), "rb") as handle:
            self._data = data = handle.read()
        if data[:4] != b"lCRF":
            raise ValueError(f"{directory}: not a CRFsuite model")
        (num_features, num_labels, self._num_attributes, off_features, off_labels,
         self._attributes_at) = np.frombuffer(data, "<u4", 6, 16).tolist()
        self.labels = _strings(data, off_labels, num_labels)
        labels = len(self.labels)
        if labels != 2:  # B-W begins a word, I-W continues it
            raise ValueError(f"{directory}: a word-segmentation model has two labels, not {labels}")
        _check_ids(data, self._attributes_at, self._num_attributes)
        chunk_count = int(np.frombuffer(data, "<u4", 1, off_features + 8)[0])
        features = np.frombuffer(data, _FEATURE, chunk_count or num_features, off_features + 12)
        state = features[(features["type"] == 0) & (np.abs(features["weight"]) > _DROPPED_WEIGHT)]
        self._attribute_weights = np.zeros((self._num_attributes, labels))
        self._attribute_weights[state["source"], state["target"]] = state["weight"]
        transition = features[features["type"] == 1]
        self.transitions = np.zeros((labels, labels))
        self.transitions[transition["source"], transition["target"]] = transition["weight"]

        # The templates in their order (a token's weights are added in it, as underthesea
        # adds them), each as (its group, its column in the group's weights, its first offset).
        groups: dict[tuple[int, str | None], _Group] = {}
        self._templates: list[tuple[_Group, int, int]] = []
        for syntax in syntaxes:
            template = _Template(syntax)
            group = groups.setdefault((template.width, template.function),
                                      _Group(template.width, template.function, labels))
            self._templates.append((group, len(group.firsts), template.first))
            group.syntaxes.append(syntax)
            group.firsts.append(template.first)
        self._groups = list(groups.values())
        for group in self._groups:
            group.weights = np.zeros((1, len(group.firsts), labels))
        self._complete = False
        self._tokens_tagged = 0

    def tag(self, tokens: list[str]) -> list[str]:
        """The label of every token of one sequence (the text's normalised regex tokens)."""
        n = len(tokens)
        if not n:
            return []
        runs = _Runs(tokens, self.dictionary)
        if not self._complete:
            self._tokens_tagged += n
            if self._tokens_tagged > _LONG_TEXT:
                self._fill_every_table()
            else:
                for group in self._groups:
                    self._add_rows(group, group.values(runs) + ["BOS", "EOS"])
        padded = {id(group): group.row_ids(runs) for group in self._groups}
        scores = np.zeros((n, len(self.labels)))
        for group, column, first in self._templates:
            ids, before = padded[id(group)]
            scores += group.weights[ids[before + first:before + first + n], column]
        return [self.labels[label] for label in self._viterbi(scores.tolist())]

    def _add_rows(self, group: _Group, values: list[str]) -> None:
        """Rows for the values a group has not seen yet, each template's attribute found in
        the model's hash tables."""
        new = [value for value in dict.fromkeys(values) if value not in group.rows]
        if not new:
            return
        block = np.zeros((len(new), len(group.syntaxes), len(self.labels)))
        for row, value in enumerate(new):
            for column, syntax in enumerate(group.syntaxes):
                attribute = _find(self._data, self._attributes_at, f"{syntax}={value}")
                if attribute is not None:
                    block[row, column] = self._attribute_weights[attribute]
            group.rows[value] = len(group.weights) + row
        group.weights = np.concatenate([group.weights, block])

    def _fill_every_table(self) -> None:
        """Every template's table from the whole attribute list, as vectors where they can be."""
        attributes = _strings(self._data, self._attributes_at, self._num_attributes)
        weighted = np.flatnonzero(self._attribute_weights.any(axis=1))
        names = [attributes[a].partition("=") for a in weighted.tolist()]
        template_index = {group.syntaxes[column]: i
                          for i, (group, column, _) in enumerate(self._templates)}
        template_of = np.array([template_index.get(name[0], -1) for name in names])
        known = template_of >= 0
        weighted, template_of = weighted[known], template_of[known]
        values = [name[2] for name, keep in zip(names, known.tolist()) if keep]
        group_of = np.array([id(group) for group, _, _ in self._templates])[template_of]
        column_of = np.array([column for _, column, _ in self._templates])[template_of]
        for group in self._groups:
            members = np.flatnonzero(group_of == id(group))
            group_values = [values[i] for i in members.tolist()]
            group.rows = dict(zip(dict.fromkeys(group_values), range(1, len(group_values) + 1)))
            group.weights = np.zeros((len(group.rows) + 1,) + group.weights.shape[1:])
            rows = np.fromiter(map(group.rows.__getitem__, group_values), np.int64,
                               len(group_values))
            group.weights[rows, column_of[members]] = self._attribute_weights[weighted[members]]
        self._complete = True

    def _viterbi(self, scores: list[list[float]]) -> list[int]:
        """The best path of the two labels, ties going to the lower label id as underthesea's
        ``viterbi`` breaks them (a later label must score strictly more)."""
        (stay0, to1), (to0, stay1) = self.transitions.tolist()
        best0, best1 = scores[0]
        from1_into0 = bytearray(len(scores))  # at t: the label before is 1 on label 0's path
        from1_into1 = bytearray(len(scores))
        for t, (score0, score1) in enumerate(scores[1:], 1):
            kept, moved = best0 + stay0, best1 + to0
            if moved > kept:
                into0, from1_into0[t] = moved + score0, 1
            else:
                into0 = kept + score0
            moved, kept = best0 + to1, best1 + stay1
            if kept > moved:
                into1, from1_into1[t] = kept + score1, 1
            else:
                into1 = moved + score1
            best0, best1 = into0, into1
        label = 1 if best1 > best0 else 0
        path = [label]
        for t in range(len(scores) - 1, 0, -1):
            label = (from1_into1 if label else from1_into0)[t]
            path.append(label)
        return path[::-1]


class _Runs:
    """The runs of tokens of one sequence the templates read, as underthesea's featurizer writes
    them after ``T[...]=``: tokens joined by spaces, and ``lower``, ``isdigit``, ``istitle``,
    ``is_in_dict`` as its Rust code computes them. A run starting at position p serves every
    template whose first offset lands on p."""

    def __init__(self, tokens: list[str], dictionary: set[str]) -> None:
        self.count = len(tokens)
        self.dictionary = dictionary
        self._texts: dict[int, list[str]] = {0: tokens}
        self._lowered: dict[int, list[str]] = {}
        self._titles_of_tokens: np.ndarray | None = None

    def texts(self, width: int) -> list[str]:
        """Every run of ``width + 1`` tokens joined by spaces, by its first position."""
        if width not in self._texts:
            tokens = self._texts[0]
            self._texts[width] = [" ".join(tokens[i:i + width + 1])
                                  for i in range(self.count - width)]
        return self._texts[width]

    def lowered(self, width: int) -> list[str]:
        if width not in self._lowered:
            self._lowered[width] = [text.lower() for text in self.texts(width)]
        return self._lowered[width]

    def _titles(self, width: int) -> np.ndarray:
        """A run is title-like when each of its tokens is (its parts are the tokens' parts)."""
        if self._titles_of_tokens is None:
            self._titles_of_tokens = np.array(
                [_is_title(t) if " " in t else t[:1] == t[:1].upper() for t in self._texts[0]],
                bool)
        titles = self._titles_of_tokens
        runs = titles[:self.count - width].copy()
        for offset in range(1, width + 1):
            runs &= titles[offset:self.count - width + offset]
        return runs

    def flags(self, width: int, function: str) -> list[bool]:
        if function == "is_in_dict":
            dictionary = self.dictionary
            return [text in dictionary for text in self.lowered(width)]
        if function == "istitle":
            return self._titles(width)
        return [_is_int32(text) for text in self.texts(width)]


_FUNCTIONS = {None, "lower", "isdigit", "istitle", "is_in_dict"}
_LONG_TEXT = 100  # tokens: more than a query has, fewer than an article or a server's first queries


def _is_int32(text: str) -> bool:
    """Rust's ``text.parse::<i32>().is_ok()``."""
    return bool(_INT32.fullmatch(text)) and -2**31 <= int(text) < 2**31


def _is_title(text: str) -> bool:
    """underthesea's ``istitle``: every space-separated part begins with a character that
    upper-casing leaves as it is (digits and punctuation included)."""
    return all(part[:1] == part[:1].upper() for part in text.split(" "))


def _check_ids(data: bytes, start: int, count: int) -> None:
    """underthesea numbers attributes by their order in the backward links; the hash tables
    give each entry's stored id. They agree when every link is set and points at its own id."""
    bwd_size, bwd_offset = np.frombuffer(data, "<u4", 2, start + 16).tolist()
    offsets = np.frombuffer(data, "<u4", min(count, bwd_size), start + bwd_offset).astype(np.int64)
    stored = _u32_at(np.frombuffer(data, np.uint8), start + offsets)
    if not (offsets.all() and (stored == np.arange(len(offsets))).all()):
        raise ValueError("the CRF's attribute ids are not in link order")


def _find(data: bytes, start: int, key: str) -> int | None:
    """An attribute's id from a CRFsuite string table's hash tables (crfsuite's ``cqdb_to_id``:
    lookup3 of the key with its NUL, table ``hash % 256``, linear probing from
    ``(hash >> 8) % size``)."""
    encoded = key.encode() + b"\0"
    hashed = _hashlittle(encoded)
    table_at, size = np.frombuffer(data, "<u4", 2, start + 24 + 8 * (hashed % 256)).tolist()
    if not size:
        return None
    slot = (hashed >> 8) % size
    while True:
        bucket_hash, offset = np.frombuffer(data, "<u4", 2, start + table_at + 8 * slot).tolist()
        if not offset:
            return None
        if bucket_hash == hashed:
            at = start + offset
            length = int.from_bytes(data[at + 4:at + 8], "little")
            if data[at + 8:at + 8 + length] == encoded:
                return int.from_bytes(data[at:at + 4], "little")
        slot = (slot + 1) % size


_MASK = 0xFFFFFFFF


def _rotated(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & _MASK


def _hashlittle(key: bytes) -> int:
    """Bob Jenkins' lookup3 ``hashlittle`` with seed 0, as CRFsuite hashes its string tables:
    12-byte blocks mixed, the last 1-12 bytes (zero-padded) through the final mix."""
    a = b = c = (0xDEADBEEF + len(key)) & _MASK
    if not key:
        return c
    blocks = (len(key) - 1) // 12
    padded = key + bytes(12 * (blocks + 1) - len(key))
    for block in range(blocks + 1):
        at = 12 * block
        a = (a + int.from_bytes(padded[at:at + 4], "little")) & _MASK
        b = (b + int.from_bytes(padded[at + 4:at + 8], "little")) & _MASK
        c = (c + int.from_bytes(padded[at + 8:at + 12], "little")) & _MASK
        if block < blocks:
            a, b, c = _mixed(a, b, c)
    return _final(a, b, c)


def _mixed(a: int, b: int, c: int) -> tuple[int, int, int]:
    """lookup3's ``mix``."""
    a = ((a - c) & _MASK) ^ _rotated(c, 4)
    c = (c + b) & _MASK
    b = ((b - a) & _MASK) ^ _rotated(a, 6)
    a = (a + c) & _MASK
    c = ((c - b) & _MASK) ^ _rotated(b, 8)
    b = (b + a) & _MASK
    a = ((a - c) & _MASK) ^ _rotated(c, 16)
    c = (c + b) & _MASK
    b = ((b - a) & _MASK) ^ _rotated(a, 19)
    a = (a + c) & _MASK
    c = ((c - b) & _MASK) ^ _rotated(b, 4)
    b = (b + a) & _MASK
    return a, b, c


def _final(a: int, b: int, c: int) -> int:
    """lookup3's ``final``, of which ``c`` is the hash."""
    c = ((c ^ b) - _rotated(b, 14)) & _MASK
    a = ((a ^ c) - _rotated(c, 11)) & _MASK
    b = ((b ^ a) - _rotated(a, 25)) & _MASK
    c = ((c ^ b) - _rotated(b, 16)) & _MASK
    a = ((a ^ c) - _rotated(c, 4)) & _MASK
    b = ((b ^ a) - _rotated(a, 14)) & _MASK
    c = ((c ^ b) - _rotated(b, 24)) & _MASK
    return c
