"""Vietnamese text: normalisation (``normalize``), word segmentation (``segment``) and the index
terms both indexing and querying build from words (``terms``)."""
