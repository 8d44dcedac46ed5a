"""Cue verbs outside the lexicons, gated by a learned score.

The lexicon rules (`quote_rules.py`) only try the verbs and frames of `quote_verbs.tsv`
and `quote_verbs_learned.tsv`. This module tries every other verb with a subject and a
complement (a clause, an infinitive, an object, a prepositional object: the first of
`quote_rules.OPEN_FRAMES` it has; a lexicon verb only in a frame its row lacks), with the
same content-span code as the rules, and keeps a candidate only where no rule claims the
place already (its verb is not a cue, its cue is in no content, its content meets no
other) and a small logistic regression over readable features (lemma, frame, lemma and
frame, kind of subject, tense, modality, negation, the verb's dependency, the shape of the
complement, the head words of the complement) gives it a probability of at least
THRESHOLD of being a right attribution (content and speaker). Weights live in
`data/quote_verbs_scored.json` (feature name -> weight; no text), written by
`bench/quotes_verbs_scored_train.py`. Each quote it adds is named `scored-<lemma>-<frame>`.
`DATELINE_QUOTE_SCORED=0` turns it off (the trainer needs the rules alone).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import IDX

from .quote_lexicon import verb_frames
from .quote_rules import OPEN_FRAMES, Candidate, verb_candidates
from .quote_weights import bucket, read_weights, score, switched_on

WEIGHTS = Path(__file__).resolve().parents[1] / "data" / "quote_verbs_scored.json"
# Chosen end to end, 5-fold out of fold on training articles 0-699 (0.3-0.75 tried): the
# largest content-overlap gain whose exact-content cost stays under 0.001 F1.
THRESHOLD = 0.5
COMPLEMENTS = ("ccomp", "xcomp", "dobj", "prep", "oprd", "acomp")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OPENERS = {"that", "to", "whether", "if", "how", "what", "why", "when", "who", "for", "about", "on", "the", "a", "an"}
PERSONAL = {"i", "we", "you", "he", "she", "they"}
RECORD: list | None = None  # the trainer's collector: (doc, candidates, features) per call
_model: dict | None = None


def enabled() -> bool:
    return switched_on("DATELINE_QUOTE_SCORED")


def load_model() -> dict:
    global _model
    if _model is None:
        _model = read_weights(WEIGHTS, -30.0)
    return _model


def frame_of(doc, c: Candidate) -> str:
    """The frame part of the rule (`ccomp`, `pobj:about`, `dobj+quote` …)."""
    return c.rule[len(doc[c.verb].lemma_) + 1:]


def _claimed(c: Candidate, spans: np.ndarray, cues: np.ndarray) -> bool:
    """Its cue in another content, another cue or content in its content."""
    if c.cue and np.any((spans[:, 0] <= c.cue[0]) & (c.cue[0] < spans[:, 1])):
        return True
    return any(np.any((s <= cues) & (cues < e)) or np.any((spans[:, 0] < e) & (s < spans[:, 1]))
               for s, e in c.content)


def open_candidates(doc, text: str, marks, found: list[Candidate]) -> list[Candidate]:
    """Every verb's first frame, where the lexicon rules did not find it and claim nothing there."""
    taken = {c.verb for c in found if c.verb is not None}
    frames_of = verb_frames()
    spans = np.array([p for o in found for p in o.content] or [(0, 0)], dtype=np.int64).reshape(-1, 2)
    cues = np.array([o.cue[0] for o in found if o.cue], dtype=np.int64)
    # a verb inside another content is claimed (its cue or its content meets that content)
    starts = doc.to_array([IDX]).ravel()
    inside = ((spans[:, :1] <= starts) & (starts < spans[:, 1:])).any(axis=0)
    tokens = [t for t in doc if t.pos_ == "VERB" and t.i not in taken and not inside[t.i]
              and any(ch.dep_ in COMPLEMENTS and ch.i > t.i for ch in t.children)]
    if not tokens:
        return []
    out = []
    for c in verb_candidates(doc, text, marks, open_frames=True, tokens=tokens):
        if c.source is None or c.verb is None:
            continue
        frame = frame_of(doc, c)
        base = frame.split("+")[0]
        if not (base in OPEN_FRAMES or base.startswith("pobj:")):
            continue  # passive, interrupted, fronted …: the lexicon's own readings
        if base in frames_of.get(doc[c.verb].lemma_.casefold(), ()):
            continue
        if _claimed(c, spans, cues):
            continue
        out.append(c)
    return out


def features(doc, text: str, c: Candidate) -> list[str]:
    verb = doc[c.verb]
    lemma = verb.lemma_.casefold()
    frame = frame_of(doc, c)
    base = frame.split("+")[0]
    kids = list(verb.children)
    f = [f"l={lemma}", f"f={base}", f"lf={lemma}|{base}", f"tag={verb.tag_}", f"dep={verb.dep_}",
         f"fdep={base}|{verb.dep_}"]
    if "+quote" in frame:
        f.append("quote")
    if any(k.dep_ == "neg" for k in kids):
        f.append("neg")
    modal = next((k.lower_ for k in kids if k.tag_ == "MD"), None)
    if modal:
        f.append(f"modal={modal}")
    if any(k.dep_ == "aux" and k.lemma_ == "have" for k in kids):
        f.append("perfect")
    if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl"):
        f.append(f"hpos={verb.head.pos_}")
        f.append(f"hl={verb.head.lemma_.casefold()}")
    subj = doc[c.source_head] if c.source_head is not None else None
    if subj is not None:
        kind = subj.lower_ if subj.lower_ in PERSONAL or subj.pos_ == "PRON" else (subj.ent_type_ or subj.pos_)
        who = "p" if kind in PERSONAL or kind in ("PERSON", "ORG", "NORP", "GPE") else "o"
        f += [f"s={kind}", f"fs={base}|{kind}", f"ls={lemma}|{who}"]
        f.append(f"s_len={bucket(c.source[1] - c.source[0], (8, 20, 40))}")
        if subj.i > verb.i:
            f.append("s_after")
    s, e = c.content[0]
    words = text[s:e].split()
    first = words[0].casefold() if words else ""
    f.append(f"c_first={first if first in OPENERS else 'other'}")
    f.append(f"fc={base}|{first if first in OPENERS else 'other'}")
    n = sum(len(text[a:b].split()) for a, b in c.content)
    f.append(f"c_len={bucket(n, (2, 4, 7, 12, 20, 35))}")
    f.append(f"kind={c.kind}")
    if len(c.content) > 1:
        f.append("pieces")
    if verb.i == verb.sent.root.i:
        f.append("root")
    if c.marks:
        f.append("marks")
    root = _complement(verb, base)
    if root is not None:
        rl = root.lemma_.casefold()
        f += [f"r={rl}", f"lr={lemma}|{rl}", f"rpos={root.pos_}"]
        f += [f"rp={k.lower_}" for k in root.children if k.dep_ == "prep" and k.i > root.i][:1]
        det = next((k for k in root.children if k.dep_ in ("det", "poss") and k.i < root.i), None)
        f.append(f"rdet={'none' if det is None else det.dep_ if det.dep_ == 'poss' else det.lower_}")
    f += [f"vp={k.lower_}" for k in kids if k.dep_ == "prep" and k.i > verb.i and k is not root][:2]
    if any(k.dep_ == "advmod" and k.i < verb.i for k in kids):
        f.append("advmod_before")
    return f


def _complement(verb, base: str):
    """The head word of the complement the frame names."""
    for k in verb.children:
        if k.i <= verb.i:
            continue
        if base.startswith("pobj:") and k.dep_ in ("prep", "prt"):
            obj = next((g for g in k.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
        elif k.dep_ == base:
            return k
    return None


def scored_candidates(doc, text: str, marks, found: list[Candidate], model: dict | None = None,
                      threshold: float | None = None) -> list[Candidate]:
    """The open candidates the model finds likely, renamed `scored-<lemma>-<frame>`."""
    if not enabled() and RECORD is None:
        return []
    cands = open_candidates(doc, text, marks, found)
    feats = [features(doc, text, c) for c in cands]
    if RECORD is not None:
        RECORD.append((doc, cands, feats))
        return []
    model = load_model() if model is None else model
    threshold = THRESHOLD if threshold is None else threshold
    out = []
    for c, f in zip(cands, feats):
        if score(f, model) >= threshold:
            c.rule = f"scored-{c.rule}"
            out.append(c)
    return out
