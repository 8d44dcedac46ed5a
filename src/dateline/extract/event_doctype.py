"""What a story is mainly about, as PLOVER type probabilities from its words.

A small naive Bayes word model (`lexicons/event_doctype_words.tsv`, trained by
`bench/events_doctype_train.py`) scores the story's words. The events stage uses the
scores only to choose which of the events it found comes first (the story's main event);
it never creates an event from them, so every event keeps its evidence and rule.
"""

from __future__ import annotations

import math
import re
from functools import cache

from ..lexicons import lexicon_lines

STOPWORDS = frozenset(
    "the a an of to in and or for on at by with from as is was were be been are has have had that this it its "
    "their his her they he she said says will would which who not but also after over than more about into "
    "could can may up out new one two first last year years".split())
MIN_WORDS = 40  # shorter texts (a headline, a single sentence) say too little about a story


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in STOPWORDS]


@cache
def load_model() -> tuple[tuple[str, ...], tuple[float, ...], dict[str, tuple[float, ...]]]:
    """(types, log priors, word -> log P(word | type)); empty when the file is missing."""
    try:
        lines = lexicon_lines("event_doctype_words.tsv")
    except FileNotFoundError:
        return (), (), {}
    header = lines[0].split("\t")
    types = tuple(header[1:])
    table = {}
    priors: tuple[float, ...] = tuple(0.0 for _ in types)
    for line in lines[1:]:
        cols = line.split("\t")
        values = tuple(float(x) for x in cols[1:])
        if cols[0] == "PRIOR":
            priors = values
        else:
            table[cols[0]] = values
    return types, priors, table


def type_scores(text: str) -> dict[str, float]:
    """P(type | words) for a story; {} when the text is too short or there is no model."""
    types, priors, table = load_model()
    ws = set(words(text))
    if not types or len(ws) < MIN_WORDS:
        return {}
    logits = list(priors)
    for w in ws:
        row = table.get(w)
        if row:
            logits = [a + b for a, b in zip(logits, row)]
    top = max(logits)
    exp = [math.exp(x - top) for x in logits]
    total = sum(exp)
    return {t: e / total for t, e in zip(types, exp)}


def best_type(text: str) -> str | None:
    scores = type_scores(text)
    return max(scores, key=scores.get) if scores else None
