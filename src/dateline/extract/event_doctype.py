"""What a story is mainly about: a story-level PLOVER type classifier.

A multinomial logistic regression (softmax) over three blocks of tf-idf features, each
L2-normalised on its own (so the lead counts as much as the whole story):

- `W:` the story's word unigrams,
- `A:` the unigrams and bigrams of the lead sentence,
- `B:` the unigrams and bigrams of the first two sentences.

Capitalised words inside a sentence (names of people, countries, cities, parties) become
one placeholder, `_name_`: a story's type does not depend on which country or person it
names, and a classifier that learns names learns the accidents of its training stories.

The weights (`data/event_doctype.npz`) are trained in plain numpy by
`bench/events_doctype_train.py`, class-balanced, with L2 strength and epochs chosen by
cross-validation; only the vocabulary, idf and weights are stored, never text.

The events stage uses the classifier for multi-sentence stories only: it puts an event of
the classified type first, or, when the patterns found none, adds one document-level
event read from the lead (see `extract/events.py` and docs/events.md).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

MODEL = Path(__file__).resolve().parents[1] / "data" / "event_doctype.npz"
BLOCKS = ("W", "A", "B")  # whole story (unigrams), lead sentence, first two sentences
NAME = "_name_"  # placeholder for a capitalised word inside a sentence
MIN_WORDS = 40  # shorter texts (a headline, a single sentence) say too little about a story
MIN_SENTENCES = 2
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE_END.split(text)) if s]


def tokens(sentence: str) -> list[str]:
    """Lowercased words; a capitalised word that does not open the sentence is `NAME`."""
    words = _WORD.findall(sentence.replace("’", "'"))
    return [w.lower() if k == 0 or not w[0].isupper() else NAME for k, w in enumerate(words)]


def features(text: str, sents: list[str] | None = None) -> Counter:
    """Counts of the story's features: `W:word` over the whole text, `A:` and `B:` words and
    bigrams (within a sentence) of the lead sentence and of the first two sentences."""
    words: list[str] = []
    lead: list[str] = []
    for k, sent in enumerate(sentences(text) if sents is None else sents):
        toks = tokens(sent)
        words += toks
        if k < 2:
            grams = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
            lead += grams
            if k == 0:
                out = Counter(["A:" + g for g in grams])
    if not words:
        return Counter()
    out.update(Counter(["W:" + t for t in words]))
    out.update(Counter(["B:" + g for g in lead]))
    return out


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_story(text: str, sents: list[str] | None = None) -> bool:
    """Enough text to have a story-level type: several sentences and MIN_WORDS words."""
    if word_count(text) < MIN_WORDS:
        return False
    return len(sentences(text) if sents is None else sents) >= MIN_SENTENCES


def block_of(feature: str) -> int:
    return BLOCKS.index(feature.split(":", 1)[0])


def vectorise(counts: Counter, vocab: dict[str, int], idf: np.ndarray,
              blocks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and tf-idf values (sublinear tf) of known features, L2-normalised
    within each block (`blocks[j]` is feature j's block; None: one block)."""
    get = vocab.get
    cols = np.fromiter(map(get, counts, itertools.repeat(-1)), dtype=np.int64, count=len(counts))
    known = cols >= 0
    if not known.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))[known]
    cols = cols[known]
    vals = (1.0 + np.log(tf)) * idf[cols]  # sublinear tf x idf
    if blocks is None:
        return cols, vals / (float(np.linalg.norm(vals)) or 1.0)
    blk = blocks[cols]
    norms = np.sqrt(np.bincount(blk, weights=vals * vals, minlength=len(BLOCKS))).astype(np.float32)
    return cols, vals / np.where(norms > 0, norms, 1.0)[blk]


@cache
def load_model(path: Path = MODEL):
    """(types, vocabulary, idf, weights [features x types], bias, blocks); empty when the file is missing."""
    if not path.exists():
        return (), {}, np.zeros(0), np.zeros((0, 0)), np.zeros(0), np.zeros(0, dtype=np.int64)
    with np.load(path, allow_pickle=False) as z:
        types = tuple(bytes(z["types"]).decode("utf-8").split("\n"))
        words = bytes(z["vocab"]).decode("utf-8").split("\n")
        idf = z["idf"].astype(np.float32)
        weights = z["weights"].astype(np.float32) * float(z["scale"])
        bias = z["bias"].astype(np.float32)
    blocks = np.fromiter((block_of(w) for w in words), dtype=np.int64, count=len(words))
    return types, {w: i for i, w in enumerate(words)}, idf, weights, bias, blocks


def read_story(text: str, *, require_story: bool = True) -> tuple[dict[str, float], float]:
    """(P(type | story) for every PLOVER type, share of the story's words the classifier
    knows); ({}, 0.0) when the text is no story or there is no model.

    The share of known words says whether the story is like the ones the classifier was
    trained on (news of state and political actors): sport or showbusiness stories use many
    words it has never seen, and its readings of them are not to be trusted."""
    types, vocab, idf, weights, bias, blocks = load_model()
    if not types:
        return {}, 0.0
    sents = sentences(text)
    if require_story and not is_story(text, sents):
        return {}, 0.0
    counts = features(text, sents)
    cols, vals = vectorise(counts, vocab, idf, blocks)
    logits = bias + vals @ weights[cols]
    exp = np.exp(logits - logits.max())
    probs = exp / exp.sum()
    whole = {w: c for w, c in counts.items() if w.startswith("W:")}
    known = sum(c for w, c in whole.items() if w in vocab) / (sum(whole.values()) or 1)
    return {t: float(p) for t, p in zip(types, probs)}, float(known)


def type_scores(text: str, *, require_story: bool = True) -> dict[str, float]:
    """P(type | story) for every PLOVER type; {} when the text is no story or there is no model."""
    return read_story(text, require_story=require_story)[0]


def best_type(text: str, *, require_story: bool = True) -> tuple[str, float] | None:
    """The most probable type and its probability, or None."""
    scores = type_scores(text, require_story=require_story)
    if not scores:
        return None
    top = max(scores, key=scores.get)
    return top, scores[top]
