"""The times stage: find time expressions and normalise them TimeML-style (TIMEX3).

Candidates come from compiled regexes over the article text (`timex_grammar`, patterns
in `lexicons/time_patterns.tsv`); each is normalised against the publication date with
the verb tense read from the spaCy parse (`timex_normalise`). Without a publication
date, relative expressions keep X placeholders (`XXXX-XX-XX`, `XXXX-WXX-5`) rather
than a guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Extraction, Span, TimeExpr
from .base import FunctionStage
from .timex_grammar import find_candidates
from .timex_normalise import Context, normalise

NAME = "times.rules.v1"


def times_in_text(text: str, published=None, doc=None) -> Iterator[TimeExpr]:
    """Time expressions of `text`, anchored on `published` (a date or None)."""
    ctx = Context(text, published, doc)
    for cand in find_candidates(text):
        surface = text[cand.start : cand.end]
        try:
            result = normalise(cand.rule, surface, cand.start, cand.end, ctx)
        except (ValueError, OverflowError):  # a date past the calendar's range: not a time we can place
            continue
        if result is None:
            continue
        kind, value = result
        yield TimeExpr(Span(cand.start, cand.end, surface), kind, value, f"{NAME}:{cand.rule}")


def extract_times(extraction: Extraction, doc) -> Iterator[TimeExpr]:
    article = extraction.article
    return times_in_text(article.text, article.published, doc)


STAGE = FunctionStage(NAME, (), "times", extract_times)
