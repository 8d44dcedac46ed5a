"""What a story is mainly about: a story-level PLOVER type classifier.

A multinomial logistic regression (softmax) over the story's lowercased word unigrams and
bigrams, tf-idf weighted and L2-normalised, with the lead sentences counted more
(`LEAD_WEIGHTS`) and the first sentence's words also as separate lead features. The weights (`data/event_doctype.npz`) are trained in plain numpy by
`bench/events_doctype_train.py`; only the vocabulary, idf and weights are stored, never text.

The events stage uses the classifier for multi-sentence stories only: it puts an event of
the classified type first, or, when the patterns found none and the classifier is sure,
adds one document-level event (see `extract/events.py` and docs/events.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

MODEL = Path(__file__).resolve().parents[1] / "data" / "event_doctype.npz"
LEAD_WEIGHTS = (3.0, 2.0)  # first and second sentence; later sentences count 1
MIN_WORDS = 40  # shorter texts (a headline, a single sentence) say too little about a story
MIN_SENTENCES = 2
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]


def features(text: str) -> Counter:
    """Weighted counts of unigrams and bigrams (within a sentence) of the lowercased text,
    plus the first sentence's unigrams and bigrams again as lead features (`L:word`)."""
    out: Counter = Counter()
    for k, sent in enumerate(sentences(text)):
        weight = LEAD_WEIGHTS[k] if k < len(LEAD_WEIGHTS) else 1.0
        toks = _TOKEN.findall(sent.lower())
        for tok in toks:
            out[tok] += weight
        for a, b in zip(toks, toks[1:]):
            out[f"{a} {b}"] += weight
        if k == 0:  # the lead's words also as features of their own ("L:...")
            out.update(f"L:{t}" for t in toks)
            out.update(f"L:{a} {b}" for a, b in zip(toks, toks[1:]))
    return out


def is_story(text: str) -> bool:
    """Enough text to have a story-level type: several sentences and MIN_WORDS words."""
    return len(_TOKEN.findall(text.lower())) >= MIN_WORDS and len(sentences(text)) >= MIN_SENTENCES


def vectorise(counts: Counter, vocab: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and tf-idf values (sublinear tf, L2-normalised) of known features."""
    pairs = [(vocab[w], c) for w, c in counts.items() if w in vocab]
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    cols = np.fromiter((j for j, _ in pairs), dtype=np.int64, count=len(pairs))
    tf = np.fromiter((1.0 + math.log(c) for _, c in pairs), dtype=np.float32, count=len(pairs))
    vals = tf * idf[cols]
    return cols, vals / (float(np.linalg.norm(vals)) or 1.0)


@cache
def load_model(path: Path = MODEL) -> tuple[tuple[str, ...], dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """(types, vocabulary, idf, weights [features x types], bias); empty when the file is missing."""
    if not path.exists():
        return (), {}, np.zeros(0), np.zeros((0, 0)), np.zeros(0)
    with np.load(path, allow_pickle=False) as z:
        types = tuple(bytes(z["types"]).decode("utf-8").split("\n"))
        words = bytes(z["vocab"]).decode("utf-8").split("\n")
        idf = z["idf"].astype(np.float32)
        weights = z["weights"].astype(np.float32) * float(z["scale"])
        bias = z["bias"].astype(np.float32)
    return types, {w: i for i, w in enumerate(words)}, idf, weights, bias


def type_scores(text: str, *, require_story: bool = True) -> dict[str, float]:
    """P(type | story) for every PLOVER type; {} when the text is no story or there is no model."""
    types, vocab, idf, weights, bias = load_model()
    if not types or (require_story and not is_story(text)):
        return {}
    cols, vals = vectorise(features(text), vocab, idf)
    logits = bias + vals @ weights[cols]
    exp = np.exp(logits - logits.max())
    probs = exp / exp.sum()
    return {t: float(p) for t, p in zip(types, probs)}


def best_type(text: str, *, require_story: bool = True) -> tuple[str, float] | None:
    """The most probable type and its probability, or None."""
    scores = type_scores(text, require_story=require_story)
    if not scores:
        return None
    top = max(scores, key=scores.get)
    return top, scores[top]
