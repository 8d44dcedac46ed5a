"""A learned keep/drop check over the quotes stage's own attributions.

The rules stay the producer and the explanation of every quote; this module only scores
each finished attribution (a quote with the continuations that join it) with a small
logistic regression over readable features (the rule, the cue word, the kind of speaker,
negation and modality of the cue, content length, the content's head word, quotation marks, place in the article,
overlap with other attributions …) and drops those the model finds unlikely to be a
report. Weights live in `data/quote_keep.json` (feature name -> weight; no text), written
by `bench/quotes_keep_train.py` from the training split. `DATELINE_QUOTE_KEEP=0` turns the
check off (the training script needs the unfiltered attributions).
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

import numpy as np
from spacy.attrs import HEAD, IDX, IS_PUNCT, IS_QUOTE, LENGTH, LOWER, POS, SENT_START
from spacy.parts_of_speech import AUX, VERB

from .quote_weights import bucket, read_weights, score, switched_on

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "quote_keep.json"
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "that", "which", "who", "this", "these", "those",
            "one", "some", "others", "many", "both", "all", "there"}
# Drop an attribution whose probability of being right is below this. Chosen by 5-fold
# out-of-fold content-overlap F1 on training articles 0-699 (0.25-0.45 tried; 0.3 best, with
# attribution F1 up too): dropping a set helps overlap F1 only while fewer than ~40% of it is right.
THRESHOLD = 0.3
FIRST_PERSON = ("i", "we", "my", "our", "me", "us")
_model: dict | None = None


def enabled() -> bool:
    return switched_on("DATELINE_QUOTE_KEEP")


def load_model() -> dict:
    """{'bias': float, 'weights': {feature: weight}} (read once)."""
    global _model
    if _model is None:
        _model = read_weights(WEIGHTS, 0.0)
    return _model


def groups(candidates) -> list[list[int]]:
    """Indices of each attribution: a quote and the continuations that follow it."""
    out: list[list[int]] = []
    head_of: dict[int, int] = {}
    for i, c in enumerate(candidates):
        if c.follows is not None and id(c.follows) in head_of:
            g = head_of[id(c.follows)]
            out[g].append(i)
            head_of[id(c)] = g
        else:
            head_of[id(c)] = len(out)
            out.append([i])
    return out


def _token_at(starts: list[int], char: int) -> int:
    return max(0, bisect_right(starts, char) - 1)


def features(doc, text: str, candidates, groups_: list[list[int]]) -> list[list[str]]:
    """Feature names of each attribution (a group of candidates, its head first)."""
    if not groups_:
        return []
    arr = doc.to_array([IDX, LENGTH, POS, LOWER, SENT_START, IS_QUOTE, HEAD, IS_PUNCT])
    starts = arr[:, 0].tolist()
    # running counts: how many verbs / first-person words / quotation marks before each token
    verbish = np.concatenate(([0], np.cumsum(np.isin(arr[:, 2], (VERB, AUX))))).tolist()
    first_person = np.concatenate(([0], np.cumsum(np.isin(arr[:, 3], [doc.vocab.strings[w] for w in FIRST_PERSON])))).tolist()
    quote_tok = np.concatenate(([0], np.cumsum(arr[:, 5] == 1))).tolist()
    sent_starts = np.flatnonzero(arr[:, 4] == 1).tolist()
    head = (np.arange(len(arr)) + arr[:, 6].astype(np.int64)).tolist()  # HEAD is a relative offset
    punct = (arr[:, 7] == 1).tolist()
    n_chars = max(1, len(text))
    heads = [candidates[g[0]] for g in groups_]
    spans = [[s for i in g for s in candidates[i].content] for g in groups_]
    inside_other, over_other, holds_cue = _around(heads, spans)
    content_starts = [h.content[0][0] for h in heads]
    content_heads = _content_heads(starts, head, punct, [h.content[0] for h in heads])
    first_break = text.find("\n")
    doc_f = ["doc_quotes=%d" % bucket(sum(text.count(q) for q in '"“”'), (1, 5, 11, 21, 41))]
    out = []
    for k, (g, c) in enumerate(zip(groups_, heads)):
        rule = c.rule
        f = ["rule=" + rule, "kind=" + c.kind] + doc_f
        base = rule.split("-", 1)
        fam = base[1] if len(base) > 1 else base[0]
        f.append("fam=" + fam.replace("+quote", ""))
        if "+quote" in rule:
            f.append("rule+quote")
        cue_tok = _cue_token(doc, c, starts)
        f += _cue_features(cue_tok, fam)
        f += _speaker_features(doc, text, c, starts, fam)
        words = sum(len(text[s:e].split()) for s, e in spans[k])
        f.append("cwords=%d" % bucket(words, (2, 3, 4, 6, 9, 15, 25, 40)))
        f.append("fam*cwords=%s|%d" % (fam, bucket(words, (3, 6, 12, 25))))
        f.append("frags=%d" % min(3, len(spans[k])))
        if len(g) > 1:
            f.append("contins")
        if c.marks:
            f.append("marks")
        a, b = _token_at(starts, spans[k][0][0]), _token_at(starts, spans[k][-1][1] - 1) + 1
        if verbish[b] == verbish[a]:
            f.append("c_noverb")
        if first_person[b] > first_person[a]:
            f.append("c_first_person")
        first = text[spans[k][0][0]:spans[k][0][1]]
        if first[:1] in "\"“'‘":
            f.append("c_open_quote")
        if first.rstrip()[-1:] in "?":
            f.append("c_question")
        ct = doc[a]
        f.append("c_first=" + ct.pos_)
        f += _head_features(doc, content_heads[k], cue_tok.lemma_.lower() if cue_tok is not None else "none")
        if ct.lower_ in ("that", "whether", "if", "to", "about", "of", "for", "on", "how", "why", "what"):
            f.append("c_word=" + ct.lower_)
        pos = spans[k][0][0]
        f.append("pos=%d" % bucket(int(10 * pos / n_chars), (1, 2, 4, 7)))
        if first_break < 0 or pos < first_break:
            f.append("first_line")
        si = bisect_right(sent_starts, a) - 1
        s0 = sent_starts[si] if si >= 0 else 0
        s1 = sent_starts[si + 1] if si + 1 < len(sent_starts) else len(starts)
        f.append("sent_len=%d" % bucket(s1 - s0, (8, 15, 25, 40)))
        if quote_tok[s1] > quote_tok[s0]:
            f.append("sent_quoted")
        if cue_tok is not None and not (s0 <= cue_tok.i < s1):
            f.append("cue_other_sent")
        sent_start_char, sent_end_char = starts[s0], starts[s1 - 1] + int(arr[s1 - 1, 1])
        if inside_other[k]:
            f.append("cue_in_other")
        if holds_cue[k]:
            f.append("holds_cue")
        if over_other[k]:
            f.append("overlaps_other")
        same = sum(1 for x in content_starts if sent_start_char <= x < sent_end_char)
        f.append("same_sent=%d" % min(3, same))
        f.append("n_art=%d" % bucket(len(heads), (5, 10, 20, 40)))
        out.append(f)
    return out


def _cue_token(doc, c, starts: list[int]):
    """The cue's verb, or the token at the start of its cue words; None without a cue."""
    if c.verb is not None:
        return doc[c.verb]
    if c.cue:
        return doc[_token_at(starts, c.cue[0])]
    return None


def _cue_features(cue_tok, fam: str) -> list[str]:
    """The cue word: lemma (alone and with the frame family), tag, dependency, negation,
    modal, passive, `to`, a subordinator, and the word it hangs from."""
    if cue_tok is None:
        return ["nocue"]
    lemma = cue_tok.lemma_.lower()
    f = ["lem=" + lemma, "fam*lem=%s|%s" % (fam, lemma), "cuetag=" + cue_tok.tag_, "cuedep=" + cue_tok.dep_]
    kids = list(cue_tok.children)
    if any(t.dep_ == "neg" for t in kids):
        f.append("neg")
    mods = [t.lower_ for t in kids if t.tag_ == "MD"]
    if mods:
        f.append("modal")
        f.append("modal=" + mods[0])
    if any(t.dep_ == "auxpass" for t in kids):
        f.append("passive")
    if cue_tok.head is not cue_tok:
        f.append("cuehead=" + cue_tok.head.pos_)
    if any(t.dep_ == "aux" and t.lower_ == "to" for t in kids):
        f.append("cue_inf")
    if cue_tok.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"):
        f.append("cuehead_lem=" + cue_tok.head.lemma_.lower())
    marks_ = [t.lower_ for t in kids if t.dep_ == "mark"]
    if marks_:
        f.append("cuemark=" + marks_[0])
    return f


def _speaker_features(doc, text: str, c, starts: list[int], fam: str) -> list[str]:
    """The speaker: a pronoun by its word, anything else by part of speech, entity type,
    length and head noun (each with the frame family); or none."""
    if not c.source:
        return ["nospk", "fam*nospk=" + fam]
    stext = text[c.source[0]:c.source[1]]
    low = stext.lower().strip()
    if low in PRONOUNS:
        f = ["spk=" + low, "fam*spk=%s|%s" % (fam, low), "fam*spkkind=%s|pron" % fam]
    else:
        sh = doc[c.source_head] if c.source_head is not None else doc[_token_at(starts, c.source[0])]
        f = ["spkpos=" + sh.pos_, "spkent=" + (sh.ent_type_ or "none"),
             "spklen=%d" % bucket(len(stext.split()), (2, 3, 5, 9))]
        if sh.pos_ == "NOUN":
            f.append("spkhead=" + sh.lemma_.lower())
        f.append("fam*spkkind=%s|%s" % (fam, sh.ent_type_ or sh.pos_))
    if c.source[0] > c.content[0][0]:
        f.append("spk_after")
    return f


def _content_heads(starts: list[int], head: list[int], punct: list[bool], spans) -> list[int | None]:
    """For each (start, end) character span: the first non-punctuation token in it whose
    head lies outside it (or that is its sentence's root); `head` holds each token's head
    index and `punct` whether it is punctuation."""
    out: list[int | None] = []
    for s, e in spans:
        a, b = _token_at(starts, s), _token_at(starts, e - 1) + 1
        out.append(next((i for i in range(a, b) if not punct[i] and (head[i] == i or not a <= head[i] < b)), None))
    return out


def _head_features(doc, i: int | None, cue_lemma: str) -> list[str]:
    """The lemma of the content's head word (the object noun or clause verb: `re-election`,
    `nomination`, `incumbent` are seldom reports) alone and with the cue lemma."""
    if i is None:
        return []
    hl = doc[i].lemma_.lower()
    return ["chead=" + hl, "lem*chead=%s|%s" % (cue_lemma, hl)]


def _around(heads, spans) -> tuple[list[bool], list[bool], list[bool]]:
    """Per attribution: its cue lies inside another's content; its content overlaps
    another's; its content holds another's cue."""
    fs, fe, fj = np.array([(s, e, j) for j, sp in enumerate(spans) for s, e in sp], dtype=np.int64).T
    cue = np.array([h.cue[0] if h.cue else -1 for h in heads], dtype=np.int64)
    k = len(heads)
    own = np.arange(k)
    inside = ((fs[None, :] <= cue[:, None]) & (cue[:, None] < fe[None, :]) & (fj[None, :] != own[:, None])).any(1)
    pair = (fs[:, None] < fe[None, :]) & (fs[None, :] < fe[:, None]) & (fj[:, None] != fj[None, :])
    over = np.bincount(fj, weights=pair.any(1), minlength=k) > 0
    held = (fs[:, None] <= cue[None, :]) & (cue[None, :] < fe[:, None]) & (fj[:, None] != own[None, :])
    holds = np.bincount(fj, weights=held.any(1), minlength=k) > 0
    return inside.tolist(), over.tolist(), holds.tolist()


def keep(doc, text: str, candidates, model: dict | None = None, threshold: float = THRESHOLD) -> list:
    """The candidates of the attributions that score at least `threshold`."""
    if not candidates or (model is None and not enabled()):
        return candidates
    model = model or load_model()
    if not model["weights"]:
        return candidates
    gs = groups(candidates)
    drop: set[int] = set()
    for g, f in zip(gs, features(doc, text, candidates, gs)):
        if score(f, model) < threshold:
            drop.update(g)
    return [c for i, c in enumerate(candidates) if i not in drop] if drop else candidates
