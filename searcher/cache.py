"""A per-user cache for what is derived from packaged data alone (no index involved), so a cold
process reads it instead of rebuilding it: the name-spelling classes take 0.3-1 s to build from
CLDR, the gazetteer and pycountry, and a pickle loads in milliseconds.

The folder is ``$SEARCHER_CACHE``, else ``$XDG_CACHE_HOME/searcher``, else ``~/.cache/searcher``.
Each entry is named by a fingerprint of everything it was built from; one that cannot be read
or written (a read-only home, a full disk) is simply rebuilt in memory.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    configured = os.environ.get("SEARCHER_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "searcher"


def cached(name: str, fingerprint: str, build: Callable[[], T]) -> T:
    """``build()``'s value, from the cache when an entry with this fingerprint is there."""
    folder = cache_dir()
    path = folder / f"{name}-{fingerprint}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 -- missing, unreadable or torn: rebuild
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for stale in folder.glob(f"{name}-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value
