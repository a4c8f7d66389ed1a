"""Data files that ship with the package: the default partner gazetteer and extraction's word
lists. Read through ``importlib.resources`` so an installed (non-editable) package finds them."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PARTNERS_ENV = "SEARCHER_PARTNERS"


def data_file(name: str):
    """A packaged data file (a ``Traversable``: read it with ``read_text``/``read_bytes``)."""
    return resources.files(__name__).joinpath(name)


def word_list(name: str) -> list[str]:
    """The entries of ``lexicon/NAME.txt``: one per line, blank lines and ``#`` comments skipped."""
    lines = data_file(f"lexicon/{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def gazetteer_text() -> str:
    """The partners gazetteer in use: the file named by ``$SEARCHER_PARTNERS`` (``searcher
    index`` sets it to ``PATH/partners.tsv`` when the corpus folder has one), else the copy
    packaged here. Here, not in ``extract``, so a query reads it without loading extraction."""
    override = os.environ.get(PARTNERS_ENV)
    if override:
        return Path(override).read_text(encoding="utf-8")
    return data_file("partners.tsv").read_text(encoding="utf-8")
