"""The Whoosh schema, and field types that take terms analysed in worker processes.

Analysis (segmentation above all) is the expensive part of indexing, so it runs in worker
processes; the single Whoosh writer in the main process only receives term counts
(``searcher.store.whoosh_internals.BulkWriter`` takes them in bulk).
"""
from __future__ import annotations

import json
import sys

from whoosh import columns, fields, formats
from whoosh.system import pack_uint
from whoosh.util.text import utf8encode

from ..facets import DATE_RANGE, FACETS
from ..text.fingerprint import HASHES

# Whoosh pickles the field types into the index's TOC by module path; indexes written before the
# package took its current layout name this module ``searcher.schema``, and must still open
# (to be searched, or rebuilt when their schema differs).
sys.modules.setdefault("searcher.schema", sys.modules[__name__])

# "lead": the summary and first paragraph again, so what an article opens with weighs more
TEXT_FIELDS = ("title", "lead", "captions", "body")
# Which analysis and extraction code built each document (``searcher check`` counts the others).
ANALYSIS_FIELD = "analysis"
# Each article's body fingerprint and headline key (``store.docvalues.pack_copy_keys``), computed
# with its analysis and kept in the analysis cache: a commit or a merge reads them from this
# column instead of fingerprinting every stored body again.
COPY_KEYS_FIELD = "copy_keys"
COPY_KEYS_BYTES = HASHES * 4 + 8
# What a near-identical article folded under a hit shows (title, link, dates): a few hundred
# bytes read from a column, instead of its whole stored article inflated (fifty of them a page
# where every article has copies).
CARD_FIELD = "card"


class AnalysedText(fields.TEXT):
    """A text field whose value is already analysed: a ``term -> count`` dict.

    Frequencies only, no positions: phrases and proximity are answered by bigram terms."""

    def __init__(self, field_boost: float = 1.0):
        super().__init__(phrase=False, field_boost=field_boost)

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        for term, freq in value.items():
            yield utf8encode(term)[0], freq, freq * boost, pack_uint(freq)


class Tags(fields.KEYWORD):
    """An exact, multi-valued field (facet values); the value is a list of strings.

    Membership only (KEYWORD's own Frequency format expects a frequency with each posting, and
    merging segments reads it back)."""

    def __init__(self):
        super().__init__(lowercase=False, commas=True, scorable=False)
        self.format = formats.Existence()

    def index(self, value, **kwargs):
        for tag in set(value):
            yield utf8encode(tag)[0], 1, 1.0, b""


def analysis_identity() -> str:
    """A short name for the analysis and extraction code of this checkout."""
    import hashlib

    from ..extract import EXTRACTION_ID
    from ..text.terms import analysis_id

    return hashlib.sha1(f"{analysis_id()} {EXTRACTION_ID}".encode()).hexdigest()[:16]


def schema_changed(old: fields.Schema, new: fields.Schema) -> bool:
    """Would documents analysed for ``new`` not fit an index built with ``old``?"""
    if set(old.names()) != set(new.names()):
        return True
    return any(type(old[n]) is not type(new[n]) or
               type(old[n].format) is not type(new[n].format) for n in new.names())


def build_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        fingerprint=fields.ID(sortable=True),  # content hash: unchanged articles are skipped
        source=fields.ID(sortable=True),  # input file, so a file that fails to read keeps its docs
        # one of a few values in a whole segment: kept once, each document refers to it
        **{ANALYSIS_FIELD: fields.ID(sortable=columns.RefBytesColumn())},
        **{name: AnalysedText() for name in TEXT_FIELDS},
        **{facet.name: Tags() for facet in FACETS},
        # YYYYMMDD; MMDD if the year is unknown; 0 without a date
        **{DATE_RANGE.field: fields.NUMERIC(numtype=int, bits=32, sortable=True)},
        data=fields.STORED(),  # everything a result or article page shows
        **{COPY_KEYS_FIELD: fields.COLUMN(columns.FixedBytesColumn(COPY_KEYS_BYTES))},
        **{CARD_FIELD: fields.COLUMN(columns.VarBytesColumn())},
    )


def pack_card(title: str, url: str | None, date: str | None, published: str | None) -> bytes:
    """An article's ``CARD_FIELD`` value."""
    return json.dumps([title, url, date, published], ensure_ascii=False).encode()


def unpack_card(value: bytes) -> dict:
    """``{"title", "url", "date", "published"}`` of a ``CARD_FIELD`` value."""
    return dict(zip(("title", "url", "date", "published"), json.loads(value)))
