"""searcher.text.crf is underthesea's word-segmentation CRF run in NumPy: its tags must be the
ones underthesea's own featurizer and tagger give, on whole articles (the tables filled from
the model's attribute list) and on query-length texts (attributes found in the model's hash
tables), or index and queries would split words differently from every earlier index."""
from __future__ import annotations

import gzip
import json
from itertools import islice
from os.path import dirname, join

import pytest

from conftest import CORPUS, NEWS
from searcher.ingest.reader import iter_articles
from searcher.text import crf
from searcher.text.normalize import clean, normalize_token, underthesea_file
from searcher.text.segment import _MODEL, _regex_tokens


def _token_lists(texts):
    return [[normalize_token(t) for t in _regex_tokens(clean(text))] for text in texts]


def _articles() -> list[str]:
    """The seed pages, and every 97th of the news corpus's first 20,000 articles when it is here."""
    texts = [f"{a.title}\n{getattr(a, 'body', '')}" for a in iter_articles([CORPUS])]
    if NEWS.exists():
        with gzip.open(NEWS, "rt", encoding="utf-8") as lines:
            for line in islice(lines, 0, 20_000, 97):
                record = json.loads(line)
                texts.append("\n".join(record.get(k) or "" for k in ("title", "summary", "body")))
    return texts


@pytest.fixture(scope="module")
def underthesea_tags():
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    from underthesea.pipeline import word_tokenize

    tagger = FastCRFSequenceTagger()
    tagger.load(join(dirname(word_tokenize.__file__), "models", "ws_crf_vlsp2013_20230727"))
    return lambda tokens: tagger.predict([[token] for token in tokens])


def test_whole_articles_are_tagged_as_underthesea_tags_them(underthesea_tags):
    model = crf.SegmentationCrf(underthesea_file(*_MODEL))
    articles = _token_lists(_articles())
    assert sum(map(len, articles)) > 3_000
    for tokens in articles:
        assert model.tag(tokens) == underthesea_tags(tokens)
    assert model._complete


def test_query_length_texts_are_tagged_as_underthesea_tags_them(underthesea_tags):
    """Pieces of the articles, from one token to twelve, tagged by a model that has only looked
    attributes up in the hash tables (its tables never filled), as a fresh query process does."""
    for tokens in _token_lists(_articles()[:40]):
        model = crf.SegmentationCrf(underthesea_file(*_MODEL))
        pieces = [tokens[start:start + 1 + start % 12] for start in range(0, len(tokens), 41)][:8]
        for piece in pieces:
            assert model.tag(piece) == underthesea_tags(piece)
        assert not model._complete


def test_every_attribute_is_found_in_the_model_hash_tables():
    model = crf.SegmentationCrf(underthesea_file(*_MODEL))
    names = crf._strings(model._data, model._attributes_at, model._num_attributes)
    assert len(names) > 50_000
    for number in range(0, len(names), 7):
        assert crf._find(model._data, model._attributes_at, names[number]) == number
    assert crf._find(model._data, model._attributes_at, "T[0]=không có từ này") is None
