"""Event candidates from the dependency parse of one sentence.

Verbal events ("Putin criticized ..."), framed events ("threatened to cut ties",
"agreed to withdraw"), light-verb nominals ("held talks", "staged a strike"), nominal
events with an actor attached ("China's detention of ...", "a boycott ... by the U.S."),
and passives ("X was arrested by police"). Each candidate carries the tokens that head
its source and target phrases; `event_actors` turns those into coded actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .event_types import Sense, compose, frame_of, future_type, light_verbs, noun_sense, refusal_type, verb_sense

FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
MAYBE_AUX = frozenset({"may", "might", "could", "can"})
MUST_AUX = frozenset({"must", "should", "ought"})
TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "into", "toward", "towards", "from", "in", "for",
                          "over", "upon", "of"})
NOUN_TARGET_PREPS = frozenset({"of", "against", "on", "with", "to", "toward", "towards", "into", "along"})
ADJ_FRAMES = frozenset({"willing", "ready", "prepared", "committed", "determined", "eager"})


@dataclass
class Candidate:
    trigger: object  # spaCy Token naming the event
    type: str
    mode: str | None
    cameo: str
    rule: str
    sources: list = field(default_factory=list)  # head tokens
    targets: list = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    salience: float = 0.5
    tokens: set = field(default_factory=set)  # token indices the event covers (evidence)


def sentence_candidates(sent) -> list[Candidate]:
    out: list[Candidate] = []
    used: set[int] = set()
    for tok in sent:
        if tok.i in used:
            continue
        cand = None
        if tok.pos_ in ("VERB", "AUX", "ADJ") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            cand = verb_candidate(tok, used)
        if cand is None and tok.pos_ in ("NOUN", "PROPN"):
            cand = noun_candidate(tok)
        if cand is not None:
            used.update(cand.tokens)
            out.append(cand)
    return out


# --- verbs ------------------------------------------------------------------
def _subjects(tok) -> list:
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return [c]
    if tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head.i != tok.i:
        if tok.dep_ == "xcomp":  # "urged Israel to stop": object control
            obj = [c for c in tok.head.children if c.dep_ in ("dobj",) and c.pos_ in ("PROPN", "NOUN")]
            if obj and frame_of(tok.head) == "DEMAND":
                return obj
        if tok.dep_ == "advcl" and not any(c.dep_ == "mark" for c in tok.children):
            return _subjects(tok.head) if tok.tag_ in ("VBG",) else []
        return _subjects(tok.head) if tok.dep_ != "advcl" else []
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "a camp attacked by ..." handled as passive
        return []
    return []


def _agent(tok) -> list:
    for c in tok.children:
        if c.dep_ == "agent":
            return [g for g in c.children if g.dep_ == "pobj"]
    return []


def _passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")


def _objects(tok) -> list:
    """Target heads of a verb: objects first, then prepositional objects."""
    direct, preps = [], []
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd"):
            direct.append(c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            preps.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ == "with" and False:
            pass
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        direct.append(tok.head)
    return direct + preps


def _inner(tok):
    """The event a frame verb governs: its clausal complement, or "to" + gerund."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
    for c in tok.children:
        if c.dep_ == "acomp":
            inner = _inner(c)
            if inner is not None:
                return inner
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "on", "for"):
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return g
    return None


def _modality(tok) -> tuple[bool, bool, bool, bool]:
    """(future, maybe, must, negated) from the verb's auxiliaries and negation."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    neg = any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children)
    going = any(c.lower_ == "going" for c in tok.children)
    return bool(aux & FUTURE_AUX) or going, bool(aux & MAYBE_AUX), bool(aux & MUST_AUX), neg


def _own_sense(tok) -> tuple[Sense | None, object]:
    """Sense of a verb on its own; for a light verb, the sense of its event-noun object."""
    if tok.lemma_.casefold() in light_verbs():
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                sense = noun_sense(c)
                if sense:
                    return sense, c
    return verb_sense(tok), None


def verb_candidate(tok, used: set[int]) -> Candidate | None:
    frame = frame_of(tok)
    if tok.pos_ == "ADJ":
        if tok.lower_ not in ADJ_FRAMES or tok.dep_ != "acomp":
            return None
        frame = "INTENT"
    if frame == "REPORT" and not verb_sense(tok):
        return None
    sense, noun = _own_sense(tok) if tok.pos_ != "ADJ" else (None, None)
    inner_tok = _inner(tok) if frame and frame != "REPORT" else None
    inner = verb_candidate(inner_tok, used) if inner_tok is not None and inner_tok.i not in used else None
    future, maybe, must, neg = _modality(tok)
    anchor = tok.head if tok.pos_ == "ADJ" else tok
    if tok.pos_ == "ADJ":
        f2, m2, _, n2 = _modality(anchor)
        future, maybe, neg = future or f2, maybe or m2, neg or n2
    cand: Candidate | None = None
    if frame and frame not in ("REPORT",) and (inner is not None or frame in ("INTENT",) and tok.pos_ == "ADJ"):
        inner_sense = Sense(inner.type, inner.mode, inner.cameo, "") if inner else None
        composed = compose(frame, inner_sense, sense)
        if composed is None:
            return None
        type_, mode, cameo = composed
        cand = Candidate(tok, type_, mode, cameo, f"frame-{frame.lower()}:{tok.lemma_}+{inner.rule if inner else '-'}")
        cand.sources = _subjects(anchor)
        if inner is not None:
            cand.tokens |= inner.tokens
            cand.hypothetical = frame in ("INTENT", "THREAT") or inner.hypothetical
            own = [t for t in _objects(tok) if t.i != inner.trigger.i and t.dep_ != "attr"]
            if frame in ("DEMAND", "THREAT") and inner.sources and inner.trigger.dep_ == "ccomp":
                cand.targets = inner.sources + inner.targets
            else:
                cand.targets = own + inner.targets if frame == "INTENT" else inner.targets + own
            if frame == "DEMAND":
                cand.targets = [t for t in own if t.dep_ == "dobj"] + cand.targets
        else:
            cand.targets = _objects(tok)
        cand.salience = 0.1
    elif sense is not None:
        type_, mode, cameo = sense.type, sense.mode, sense.cameo
        rule = f"verb:{sense.pattern}" if noun is None else f"light:{tok.lemma_}+{sense.pattern}"
        cand = Candidate(tok, type_, mode, cameo, rule)
        if _passive(tok):
            cand.sources = _agent(tok)
            cand.targets = [c for c in tok.children if c.dep_ == "nsubjpass"] + [
                t for t in _objects(tok) if t.dep_ != "nsubjpass"]
            if tok.dep_ == "acl":
                cand.targets = [tok.head]
        else:
            cand.sources = _subjects(tok)
            cand.targets = [t for t in _objects(tok) if noun is None or t.i != noun.i]
            if noun is not None:
                cand.targets += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in NOUN_TARGET_PREPS
                                 for g in p.children if g.dep_ == "pobj"]
                cand.tokens.add(noun.i)
        if future and not maybe:
            cand.type, cand.mode, cand.cameo = future_type(sense)
            cand.hypothetical = cand.type != sense.type or sense.type in ("THREATEN",)
            if cand.type != sense.type:
                cand.rule += ">future"
        elif maybe:
            cand.hypothetical = True
            if sense.type in ("SANCTION", "COERCE", "ASSAULT", "PROTEST"):
                cand.type, cand.mode, cand.cameo = future_type(sense)
                cand.rule += ">maybe"
        if must and tok.dep_ == "ccomp" and frame_of(tok.head) == "REPORT":
            # "Russia said that Sudan must return the helicopter": a demand by the speaker
            cand.type, cand.mode, cand.cameo = "REQUEST", None, "100"
            cand.targets = cand.sources + cand.targets
            cand.sources = _subjects(tok.head)
            cand.rule += ">must"
    elif tok.dep_ == "ccomp" and frame_of(tok.head) == "REPORT" and _modality(tok)[2]:
        cand = Candidate(tok, "REQUEST", None, "100", "report-must", sources=_subjects(tok.head),
                         targets=_subjects(tok) + _objects(tok))
    if cand is None:
        return None
    if neg:
        flipped = refusal_type(Sense(cand.type, cand.mode, cand.cameo, "")) if not cand.rule.startswith(
            "frame-refuse") else None
        if flipped:
            cand.type, cand.mode, cand.cameo = flipped
            cand.rule += ">negated"
        else:
            cand.negated = True
    cand.tokens |= {tok.i, anchor.i}
    cand.salience += _salience(anchor)
    return cand


def _salience(tok) -> float:
    """Higher for the main clause (or the clause a reporting verb introduces)."""
    depth = 0
    t = tok
    while t.dep_ != "ROOT" and t.head.i != t.i:
        if t.dep_ in ("conj", "xcomp", "parataxis"):
            pass
        elif t.dep_ == "ccomp" and (frame_of(t.head) == "REPORT" or t.head.lemma_ in ("be",)):
            pass
        else:
            depth += 1
        t = t.head
    return 0.8 if depth == 0 else 0.55 if depth == 1 else 0.4


# --- nouns -----------------------------------------------------------------
def noun_candidate(tok) -> Candidate | None:
    sense = noun_sense(tok)
    if sense is None:
        return None
    sources, targets = [], []
    for c in tok.children:
        if c.dep_ == "poss":
            sources.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            sources.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS:
            targets.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
            sources.append(c)
    if not sources:
        return None
    cand = Candidate(tok, sense.type, sense.mode, sense.cameo, f"noun:{sense.pattern}", sources=sources,
                     targets=targets, salience=0.6)
    cand.tokens.add(tok.i)
    return cand
