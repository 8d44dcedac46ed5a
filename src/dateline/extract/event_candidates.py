"""Event candidates from the dependency parse of one sentence.

Verbal events ("Putin criticized ..."), framed events ("threatened to cut ties",
"agreed to withdraw"), light-verb nominals ("held talks", "staged a strike"), nominal
events with an actor attached ("China's detention of ...", "a boycott ... by the U.S."),
and passives ("X was arrested by police"). Each candidate carries the tokens that head
its source and target phrases; `event_actors` turns those into coded actors.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.attrs import DEP, LEMMA, ORTH, POS, TAG
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB, ccomp

from .event_types import (MAX_WORDS, Sense, compose, frame_of, future_type, is_light, noun_sense, refusal_type,
                          verb_sense, word)

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
    salience: float = 0.0
    tokens: set = field(default_factory=set)  # token indices the event covers (evidence)
    reciprocal: bool = False  # "X met Y": both are actors, no recipient (PLOVER)


CONTENT_POS = frozenset({VERB, AUX, ADJ, NOUN, PROPN})  # the only parts of speech that can start a candidate
_COLUMNS = [LEMMA, ORTH, TAG, POS, DEP]
_last_content: tuple = (None, [])  # (Doc, its starting token indices): shared by the Doc's sentences
_may_start: dict[tuple[int, int, int, int], bool] = {}  # (lemma, orth, tag, pos) -> can start a candidate


def _content_tokens(doc) -> list[int]:
    """Indices of the tokens that can start a candidate, in order. A word with no frame, no
    verb or noun sense and no light-verb use starts none whatever its parse, so it is decided
    once per distinct word from the Doc's arrays, without a Token object per word."""
    last = _last_content
    if last[0] is doc:
        return last[1]
    found = []
    if len(doc):
        cache = _may_start
        if len(cache) >= MAX_WORDS:  # bounded like event_types' word cache
            cache.clear()
        for i, (lemma, orth, tag, pos, dep) in enumerate(doc.to_array(_COLUMNS).tolist()):
            if pos not in CONTENT_POS:
                continue
            if dep == ccomp:  # a verb reported by "said" can be an event without a sense of its own
                found.append(i)
                continue
            key = (lemma, orth, tag, pos)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = _can_start(doc[i])
            if hit:
                found.append(i)
    globals()["_last_content"] = (doc, found)
    return found


def _can_start(tok) -> bool:
    if tok.pos == ADJ:
        return tok.lower_ in ADJ_FRAMES
    w = word(tok)
    return w.frame is not None or bool(w.verb_options) or w.light or w.maybe_noun


def sentence_candidates(sent) -> list[Candidate]:
    out: list[Candidate] = []
    used: set[int] = set()
    doc = sent.doc
    content = _content_tokens(doc)  # the only parts of speech that count
    for i in content[bisect_left(content, sent.start):bisect_left(content, sent.end)]:
        tok = doc[i]
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
    """Heads of the subject: the verb's own, else the one it shares with the verb it hangs on."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj"):
            return [c]
    if tok.head.i == tok.i:
        return []
    if tok.dep_ == "xcomp":
        obj = [c for c in tok.head.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")]
        if obj and frame_of(tok.head) == "DEMAND":  # "urged Israel to stop": object control
            return obj
        return _subjects(tok.head)
    if tok.dep_ in ("conj", "acomp"):
        return _subjects(tok.head)
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ == "mark" for c in tok.children):
        return _subjects(tok.head)  # "..., killing 50": the participle shares the subject
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
        if c.dep_ == "dative" and c.pos_ == "ADP":  # "providing photographs to Macedonia"
            preps.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("dobj", "dative", "nsubjpass", "attr", "oprd"):
            direct.append(c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            # "demonstrated in Kirkuk": a place after "in" is where, not whom
            preps.extend(g for g in c.children if g.dep_ == "pobj")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        direct.append(tok.head)
    return [t for t in direct + preps if t.ent_type_ not in NOT_ACTORS]


NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


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
    aux, neg, going = set(), False, False
    for c in tok.children:
        dep, lower = c.dep_, c.lower_
        if dep in ("aux", "auxpass"):
            aux.add(lower)
        neg = neg or dep == "neg" or lower == "never"
        going = going or lower == "going"
    return bool(aux & FUTURE_AUX) or going, bool(aux & MAYBE_AUX), bool(aux & MUST_AUX), neg


QUANTITY_NOUNS = frozenset({"day", "week", "month", "round", "series", "wave", "spate", "string", "number"})


def _own_sense(tok) -> tuple[Sense | None, object]:
    """Sense of a verb on its own; for a light verb, the sense of its event-noun object.

    A two-word verb pattern ("lodge protest") wins over the light-verb reading.
    """
    sense = verb_sense(tok)
    if sense is not None and " " in sense.pattern:
        return sense, None
    if is_light(tok):
        for c in tok.children:
            objs = [c] if c.dep_ in ("dobj", "nsubjpass") else []
            if c.dep_ == "prep" and c.lower_ in ("in", "into", "for"):  # "engaged in", "gathered for a rally"
                objs = [g for g in c.children if g.dep_ == "pobj"]
            for obj in objs:
                if obj.lemma_.casefold() in QUANTITY_NOUNS:  # "ten days of war games"
                    obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                                for g in p.children if g.dep_ == "pobj"), obj)
                noun = noun_sense(obj)
                if noun:
                    return noun, obj
    return sense, None


PURPOSE_VERBS = frozenset({"intend", "plan", "design", "mean", "expect", "schedule", "set"})
RECIPROCAL_CAMEO = frozenset({"040", "041", "046"})  # meet, talk, phone, negotiate: no host, no recipient
HOST_CAMEO = "043"  # host, welcome, receive: the visitor is PLOVER's source


def verb_candidate(tok, used: set[int]) -> Candidate | None:
    if tok.dep_ == "amod":  # "Jordan's visiting King"
        return None
    if tok.pos_ == "ADJ":
        if tok.lower_ not in ADJ_FRAMES or tok.dep_ != "acomp":
            return None
    else:
        w = word(tok)
        if w.frame is None and not w.verb_options and not w.light and not (
                tok.dep_ == "ccomp" and frame_of(tok.head) == "REPORT"):
            return None  # no frame and no sense: none of the rules below can make an event
    frame = frame_of(tok)
    if frame == "INTENT" and tok.lemma_.casefold() in PURPOSE_VERBS and _passive(tok):
        frame = "PASS"  # "the talks are intended to help": a purpose, not anyone's promise
    if tok.pos_ == "ADJ":
        if tok.lower_ not in ADJ_FRAMES or tok.dep_ != "acomp":
            return None
        frame = "INTENT"
    sense, noun = _own_sense(tok) if tok.pos_ != "ADJ" else (None, None)
    if sense is not None and sense.type == "-":  # "held a news conference": no event
        return None
    if frame == "REPORT" and noun is None and not (sense and " " in sense.pattern):
        return None
    if tok.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children) and noun is None:
        return None  # "..., a rights group charged": an attribution, not an event of its own
    inner_tok = _inner(tok) if frame and frame != "REPORT" else None
    if inner_tok is not None and frame_of(inner_tok) == "REPORT" and not verb_sense(inner_tok):
        return None  # "refused to say", "declined to comment": no event
    inner = verb_candidate(inner_tok, used) if inner_tok is not None and inner_tok.i not in used else None
    if inner is None and inner_tok is not None and frame in ("DEMAND", "THREAT", "REFUSE", "INTENT", "PASS"):
        inner = _bare(inner_tok)
    framed = frame and frame != "REPORT" and (inner is not None or frame == "INTENT" and tok.pos_ == "ADJ")
    if not framed and sense is None and not (tok.dep_ == "ccomp" and frame_of(tok.head) == "REPORT"):
        return None  # no branch below can make an event (saves reading the modality)
    future, maybe, must, neg = _modality(tok)
    anchor = tok.head if tok.pos_ == "ADJ" else tok
    if tok.pos_ == "ADJ":
        f2, m2, must2, n2 = _modality(anchor)
        future, maybe, must, neg = future or f2, maybe or m2, must or must2, neg or n2
    cand: Candidate | None = None
    if frame and frame not in ("REPORT",) and (inner is not None or frame in ("INTENT",) and tok.pos_ == "ADJ"):
        inner_sense = Sense(inner.type, inner.mode, inner.cameo, "") if inner and inner.type else None
        composed = compose(frame, inner_sense, sense)
        if composed is None:
            return None
        type_, mode, cameo = composed
        cand = Candidate(tok, type_, mode, cameo, f"frame-{frame.lower()}:{tok.lemma_}+{inner.rule if inner else '-'}")
        if inner is not None and not inner.type and sense is not None and frame == "PASS":
            cand.type, cand.mode, cand.cameo = sense.type, sense.mode, sense.cameo
        cand.sources = _subjects(anchor) or [c for c in anchor.children if c.dep_ == "nsubjpass"]
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
            cand.targets = [t for t in cand.targets if t not in cand.sources]
        else:
            cand.targets = _objects(tok)
        cand.salience = 0.1
    elif sense is not None:
        type_, mode, cameo = sense.type, sense.mode, sense.cameo
        if type_ == "SANCTION" and noun is None and not any(c.dep_ in ("dobj", "nsubjpass", "prt")
                                                            for c in tok.children):
            return None  # "talks ended", "the meeting was halted"... need what was ended
        rule = f"verb:{sense.pattern}" if noun is None else f"light:{tok.lemma_}+{sense.pattern}"
        cand = Candidate(tok, type_, mode, cameo, rule)
        if _passive(tok) and (noun is None or _agent(tok)):
            cand.sources = _agent(tok)
            cand.targets = [c for c in tok.children if c.dep_ == "nsubjpass"] + [
                t for t in _objects(tok) if t.dep_ != "nsubjpass"]
            if tok.dep_ == "acl":
                cand.targets = [tok.head]
        else:
            cand.sources = _subjects(tok) or [c for c in tok.children if c.dep_ == "nsubjpass"]
            cand.targets = [t for t in _objects(tok) if (noun is None or t.i != noun.i) and t not in cand.sources]
            if noun is not None:
                cand.targets += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in NOUN_TARGET_PREPS
                                 for g in p.children if g.dep_ == "pobj"]
                cand.tokens.add(noun.i)
                cand.tokens.update(c.i for c in noun.children if c.dep_ in ("acl", "relcl"))
        cand.tokens.update(c.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and noun_sense(c))
        if sense.cameo == HOST_CAMEO:  # "hosted X", "gave X a warm welcome": X is the visitor
            cand.sources, cand.targets = cand.targets[:1], cand.sources
        elif sense.cameo in RECIPROCAL_CAMEO and noun is None and not _passive(tok):
            cand.reciprocal = True
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
    elif tok.dep_ == "ccomp" and frame_of(tok.head) == "REPORT" and _modality(tok)[2]:
        cand = Candidate(tok, "REQUEST", None, "100", "report-must", sources=_subjects(tok.head),
                         targets=_subjects(tok) + _objects(tok))
    if cand is None:
        return None
    if must and anchor.dep_ == "ccomp" and frame_of(anchor.head) == "REPORT" and cand.type != "REQUEST":
        # "Russia said that Sudan must return the helicopter": a demand by the speaker
        cand.type, cand.mode, cand.cameo = "REQUEST", None, "100"
        cand.targets = cand.sources + cand.targets
        cand.sources = _subjects(anchor.head)
        cand.rule += ">must"
        cand.reciprocal = False
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


def _bare(tok) -> Candidate | None:
    """A governed clause with no event word of its own: only its arguments count."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    cand = Candidate(tok, "", None, "", "-", sources=_subjects(tok), targets=_objects(tok))
    cand.tokens.add(tok.i)
    return cand


CONDITION_MARKS = frozenset({"if", "unless", "as", "after", "because", "when", "while", "until", "before", "since",
                             "though", "although", "once", "whether"})


HEDGE_MARKS = frozenset({"if", "unless", "until", "whether", "once"})


def _salience(tok) -> float:
    """Higher for the main clause (or the clause a reporting verb introduces)."""
    score = 0.8
    t = tok
    while t.dep_ != "ROOT" and t.head.i != t.i:
        dep, head = t.dep_, t.head
        to_aux = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        if dep in ("conj", "parataxis"):
            pass
        elif dep == "xcomp" and (frame_of(head) or not to_aux):
            pass
        elif dep == "ccomp":
            score *= 1.0 if frame_of(head) == "REPORT" or head.lemma_ == "be" else 0.85
        elif dep == "advcl":
            marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
            score *= 0.45 if marks & CONDITION_MARKS or to_aux or frame_of(t) == "REPORT" else 0.55
        elif dep in ("relcl", "acl"):
            score *= 0.5
        elif to_aux:
            score *= 0.45
        else:
            score *= 0.7
        t = head
    return score


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
    hedged = any(c.dep_ == "mark" and c.lower_ in HEDGE_MARKS for a in tok.ancestors for c in a.children
                 if a.dep_ == "advcl")
    cand = Candidate(tok, sense.type, sense.mode, sense.cameo, f"noun:{sense.pattern}", sources=sources,
                     targets=targets, salience=0.45 if hedged else 0.6)
    cand.tokens.add(tok.i)
    return cand
