"""Ragged pieces of flat arrays gathered or placed with one NumPy operation: the index writer's
postings and dictionary entries, the segmentation model's string table."""
from __future__ import annotations

import numpy as np


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``starts[i] + j`` for every ``j < lengths[i]``, the ranges end to end: the
    index array that gathers (or places) ragged pieces with one NumPy operation."""
    return np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
