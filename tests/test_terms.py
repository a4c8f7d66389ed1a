"""The contract between index terms and query terms (searcher/text/terms.py).

A query asks the index for terms; each must be one that indexing the same text wrote, or the
query silently matches nothing. Checked on real article sentences, typed with and without
accents, by recording every term the scorer asks for while it evaluates the query."""
from __future__ import annotations

import pytest

from conftest import CORPUS, write_jsonl
from searcher.ingest.reader import iter_articles
from searcher.search import query as query_builder
from searcher.search import scoring
from searcher.search.generation import Generation
from searcher.store.indexer import index_paths
from searcher.text.normalize import fold
from searcher.text.terms import index_terms, index_terms_with_prefix, pair_terms

SEED_SENTENCES = [
    sentence.strip()
    for article in iter_articles([CORPUS]) if hasattr(article, "body")
    for sentence in article.body.split(".")[:3]
    if len(sentence.split()) >= 6
][:12]


class _RecordingScorer(scoring._Scorer):
    """The real scorer, noting which terms it asks for: single terms, and the pairs of terms of
    which one is enough (``pair_terms``: a pair across words, or a two-syllable word)."""

    asked: set[str]
    asked_pairs: set[tuple[str, str]]

    def __init__(self, arrays, *checks):
        super().__init__(arrays, *checks)
        self._in_pair = False

    def term(self, term):
        if not self._in_pair:
            type(self).asked.add(term)
        return super().term(term)

    def reversed_pair(self, a, b):
        """The other order is asked on purpose: indexing the text need not have written it."""
        self._in_pair = True
        try:
            return self.pair(b.folded[-1], a.folded[0])
        finally:
            self._in_pair = False

    def across(self, a, b):
        """One of a pair's two terms, asked alone: a word split where the other is missing."""
        return self._asked_as_pair(a, b, super().across)

    def pair(self, a, b):
        return self._asked_as_pair(a, b, super().pair)

    def _asked_as_pair(self, a, b, ask):
        if not self._in_pair:
            type(self).asked_pairs.add(pair_terms(a, b))
        self._in_pair = True
        try:
            return ask(a, b)
        finally:
            self._in_pair = False


@pytest.fixture(scope="module")
def generation(tmp_path_factory):
    from whoosh import index as whoosh_index

    base = tmp_path_factory.mktemp("terms")
    corpus = base / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "sentences.jsonl", [
        {"id": f"s{i}", "title": f"Câu {i}", "body": text} for i, text in enumerate(SEED_SENTENCES)])
    report = index_paths([corpus], base / "index")
    assert report.added == len(SEED_SENTENCES), report.errors
    return Generation(whoosh_index.open_dir(str(base / "index")))


def test_the_seed_pages_give_enough_sentences():
    assert len(SEED_SENTENCES) >= 10


@pytest.mark.parametrize("accents", [True, False], ids=["accented", "accentless"])
def test_every_term_a_query_asks_for_was_written_by_indexing_the_same_text(
        generation, monkeypatch, accents):
    monkeypatch.setattr(scoring, "_Scorer", _RecordingScorer)
    for text in SEED_SENTENCES:
        query = text if accents else " ".join(fold(w) for w in text.split())
        written = set(index_terms(text))
        _RecordingScorer.asked, _RecordingScorer.asked_pairs = set(), set()
        parsed = query_builder.parse(query, generation.is_term)
        # other spellings of a name (Nagano -> Nagano Ken) are asked for on purpose
        parsed.groups = [[item for item in group if not item.alternative]
                         for group in parsed.groups]
        evaluation = scoring.evaluate(parsed, generation.arrays)
        assert evaluation is not None and evaluation.matched.any(), query
        missing = _RecordingScorer.asked - written
        assert not missing, (query, sorted(missing))
        unpaired = [p for p in _RecordingScorer.asked_pairs if not written & set(p)]
        assert not unpaired, (query, unpaired)
        assert _RecordingScorer.asked_pairs, "a sentence of six words asks for neighbouring pairs"


def test_a_two_syllable_word_stands_for_its_pair_and_longer_words_write_pairs():
    terms = index_terms("Hợp tác du lịch với Nguyễn Xuân Phúc")
    assert {"hợp_tác", "hop_tac", "du_lịch", "du_lich", "hợp", "hop"} <= set(terms)
    assert "hop tac" not in terms  # the folded word says it
    assert "tac du" in terms  # across a word boundary
    assert "nguyen xuan" in terms and "xuan phuc" in terms  # inside a three-syllable word


def test_the_lead_is_read_from_the_bodys_segmentation_whole_words_at_its_cut():
    """An article's lead (its opening 600 characters) is indexed from the body's segmentation,
    not segmented again: the same terms as segmenting the lead alone, except that the word the
    cut falls in is whole, not a stump that matches nothing a reader types."""
    article = next(a for a in iter_articles([CORPUS]) if hasattr(a, "body") and len(a.body) > 900)
    body = article.body
    cut = next(space + 3 for space in range(600, 0, -1)  # two letters into a longer syllable
               if body[space] == " " and body[space + 1:].split()[0].isalpha()
               and len(body[space + 1:].split()[0]) >= 4)
    lead = body[:cut]
    body_terms, lead_terms = index_terms_with_prefix(body, lead)
    alone = index_terms(lead)
    stump = lead.rsplit(" ", 1)[1].lower()
    whole = body[cut - 2:].split()[0].strip(".,;:").lower()
    assert body_terms == index_terms(body)
    assert fold(whole) in lead_terms and set(lead_terms) <= set(body_terms)
    only_alone = set(alone) - set(lead_terms)  # the stump, alone or in a pair
    assert only_alone and all({stump, fold(stump)} & set(t.replace("_", " ").split())
                              for t in only_alone)
    assert len(set(lead_terms) - set(alone)) <= 8  # the rest of the lead is segmented alike


def test_token_normalisation_read_from_underthesea_tables_answers_as_underthesea_does():
    """Queries normalise tokens from underthesea's own tables without importing the package
    (its import is most of a cold query); every entry of its token table, in three cases, and
    every token of the seed pages must come out as ``token_normalize`` says."""
    import re

    from underthesea.pipeline.text_normalize import token_normalize
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    from searcher.text.normalize import _normalization_rules, normalize_token

    assert _normalization_rules() is not None, "underthesea's table moved: queries import it"
    tokens = {t for key in token_map for t in (key, key.lower(), key.upper(), key.title())}
    for article in iter_articles([CORPUS]):
        tokens.update(re.findall(r"\w+", getattr(article, "body", "")))
    assert len(tokens) > 3000
    assert [t for t in tokens if normalize_token(t) != token_normalize(t)] == []
    assert normalize_token("hoà") == "hòa" and normalize_token("qui") == "quy"


def test_a_query_typed_without_accents_does_not_load_underthesea(seed_index):
    """The command-line query of a new process: plain accent-less words are regrouped by the
    archive's own words, so neither underthesea's import nor its CRF is paid for."""
    import subprocess
    import sys

    code = ("import sys; from searcher import Searcher, SearchParams; "
            f"hits = Searcher({str(seed_index)!r}).search(SearchParams(q='hop tac du lich lao cai')).hits; "
            "print(len(hits), any(m.startswith('underthesea') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == [out.stdout.split()[0], "False"], out.stderr
    assert int(out.stdout.split()[0]) > 0


def test_articles_are_split_into_the_tokens_underthesea_gives():
    """Every seed page, whole, with its numbers, dates, abbreviations and punctuation."""
    from underthesea.pipeline.word_tokenize import regex_tokenize

    from searcher.text.normalize import clean
    from searcher.text.segment import _regex_tokens

    texts = [clean(f"{a.title}\n{getattr(a, 'body', '')}") for a in iter_articles([CORPUS])]
    assert sum(len(text) for text in texts) > 10_000
    for text in texts:
        assert _regex_tokens(text) == regex_tokenize.tokenize(text, use_token_normalize=False)


def test_articles_are_tokenised_without_loading_underthesea_s_other_pipelines():
    """An analysis worker (or a server process) needs underthesea's regex tokenizer only; the
    package's own import loads every pipeline (chunking, NER, POS tagging and their feature
    tables: about 75 MB of each process). In a new process the seed pages are tokenised with
    little memory, into underthesea's own tokens, and the package imported whole afterwards
    still works."""
    import subprocess
    import sys

    code = f"""
from searcher.ingest.reader import iter_articles
from searcher.text.normalize import clean
from searcher.text.segment import _regex_tokens

def resident_mb():
    status = open("/proc/self/status").read()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024

texts = [clean(a.title + "\\n" + getattr(a, "body", "")) for a in iter_articles([{str(CORPUS)!r}])]
before = resident_mb()
ours = [_regex_tokens(text) for text in texts]
print(round(resident_mb() - before))
import underthesea
from underthesea.pipeline.word_tokenize import regex_tokenize
print(sum(map(len, ours)), ours == [regex_tokenize.tokenize(t, use_token_normalize=False) for t in texts])
print(underthesea.word_tokenize("Hà Nội mùa thu")[0])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    grown, compared, first_word = out.stdout.splitlines()
    assert int(grown) < 40, f"tokenising the seed pages grew the process by {grown} MB"
    tokens, same = compared.split()
    assert int(tokens) > 2000 and same == "True"
    assert first_word == "Hà Nội"


def test_words_of_letters_are_split_on_spaces_as_underthesea_tokenizes_them():
    """The segmenter splits runs of letters between single spaces itself (a cold query need not
    import underthesea's tokenizer); on every such run of the seed pages it must agree."""
    import re

    from underthesea.pipeline.word_tokenize import regex_tokenize

    from searcher.text.normalize import clean
    from searcher.text.segment import _WORDS, _regex_tokens

    runs = [" ".join(piece.split()) for article in iter_articles([CORPUS])
            for piece in re.split(r"[^\w ]+|\d+", clean(getattr(article, "body", "")))]
    runs = [run for run in runs if run and _WORDS.fullmatch(run)]
    assert len(runs) > 300
    for run in runs:
        assert _regex_tokens(run) == regex_tokenize.tokenize(run, use_token_normalize=False)
