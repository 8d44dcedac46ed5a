"""Event types from words: lexicon look-ups for triggers, and how framing verbs change them.

Verb and noun patterns live in `lexicons/event_*.tsv`. A *trigger* is a token that names
an event (a verb such as "detained", a noun such as "talks"). A *frame* verb governs
another event and changes its type: "threatened to cut ties" is THREATEN, "agreed to
withdraw" is CONCEDE, "refused to meet" is REJECT (see `compose`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_rows, lexicon_set

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
YIELDING = frozenset({"CONCEDE", "RETREAT"})
HOSTILE = frozenset({"THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# The CAMEO code each composed type gets when the frame decides it.
FRAME_CAMEO = {"AGREE": "030", "CONCEDE": "080", "THREATEN": "130", "REJECT": "120", "REQUEST": "100"}

# What a threatened action is, as a THREATEN mode (PLOVER's modes for THREATEN).
THREAT_MODE = {"SANCTION": "relations", "COERCE": "restrict", "ASSAULT": "violence", "MOBILIZE": "violence",
               "PROTEST": "restrict"}
COERCE_THREAT_MODE = {"arrest": "arrest", "deport": "expel"}
# What a request or a refusal is about, as a REQUEST/REJECT mode.
ASK_MODE = {"AID": "assist", "COOPERATE": "assist", "CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield",
            "AGREE": "change", "SUPPORT": "change"}


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word means: its PLOVER type, mode and CAMEO code, and the pattern."""

    type: str
    mode: str | None
    cameo: str
    pattern: str


def _rows(name: str) -> dict[str, Sense]:
    table: dict[str, Sense] = {}
    for row in lexicon_rows(name):
        pattern, type_, mode, cameo = row[:4]
        table[pattern.casefold()] = Sense(type_, None if mode == "-" else mode, cameo, pattern)
    return table


@cache
def verb_senses() -> dict[str, Sense]:
    return _rows("event_verbs.tsv")


@cache
def verb_heads() -> dict[str, list[tuple[str, Sense]]]:
    """Verb lemma -> [(second word or "", sense)], two-word patterns first."""
    out: dict[str, list[tuple[str, Sense]]] = {}
    for pattern, sense in verb_senses().items():
        head, _, extra = pattern.partition(" ")
        out.setdefault(head, []).append((extra, sense))
    for senses in out.values():
        senses.sort(key=lambda x: x[0] == "")
    return out


@cache
def noun_senses() -> dict[str, Sense]:
    return _rows("event_nouns.tsv")


@cache
def light_verbs() -> frozenset[str]:
    return lexicon_set("event_light_verbs.txt")


@cache
def frames() -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma, frame in lexicon_rows("event_frames.tsv"):
        out.setdefault(lemma.casefold(), frame)
    return out


def _near_lemmas(tok) -> set[str]:
    """Lemmas of a verb's particles, objects and prepositional objects (for two-word patterns)."""
    out = set()
    for child in tok.children:
        if child.dep_ in ("prt", "dobj", "prep", "attr", "oprd", "acomp", "nsubjpass", "advmod", "compound", "dative"):
            out.add(child.lemma_.casefold())
            out.add(child.text.casefold())
            if child.dep_ == "prep":
                out.update(g.lemma_.casefold() for g in child.children if g.dep_ == "pobj")
            if child.dep_ == "dobj":
                out.update(g.lemma_.casefold() for g in child.children if g.dep_ in ("compound", "amod"))
                out.update(g.lemma_.casefold() for p in child.children if p.dep_ == "prep"
                           for g in p.children if g.dep_ == "pobj")
    return out


@dataclass(frozen=True, slots=True)
class Word:
    """What the look-ups make of one (lemma, text, tag): computed once per distinct word."""

    forms: tuple[str, ...]  # `lemmas`
    frame: str | None  # `frame_of`
    light: bool  # `is_light`
    verb_options: list | None  # `verb_heads()` entry of the first form that has one
    maybe_noun: bool  # False when `noun_sense` cannot find a sense whatever the children


_words: dict[tuple[int, int, int], Word] = {}
MAX_WORDS = 100_000


def word(tok) -> Word:
    key = (tok.lemma, tok.orth, tok.tag)
    found = _words.get(key)
    if found is None:
        if len(_words) >= MAX_WORDS:
            _words.clear()
        forms = _lemmas(tok)
        heads, table = verb_heads(), frames()
        lemma, text = forms[0], forms[1]
        nouns = noun_senses()
        maybe_noun = (" " in lemma or not lemma or lemma in noun_last_words() or lemma in nouns or text in nouns
                      or lemma in GENERIC_NOUNS)
        found = _words[key] = Word(forms, next((table[f] for f in forms if f in table), None),
                                   any(f in light_verbs() for f in forms),
                                   next((heads[f] for f in forms if f in heads), None), maybe_noun)
    return found


@cache
def noun_last_words() -> frozenset[str]:
    """The last words of the multi-word noun patterns ("hunger strike" -> "strike")."""
    return frozenset(p.rsplit(" ", 1)[1] for p in noun_senses() if " " in p)


def lemmas(tok) -> tuple[str, ...]:
    """The lemma, then guesses for when the lemmatizer errs ("staged" -> "stag")."""
    return word(tok).forms


def _lemmas(tok) -> tuple[str, ...]:
    lemma, text = tok.lemma_.casefold(), tok.text.casefold()
    out = [lemma, text]
    if tok.tag_ in ("VBD", "VBN") and text.endswith("ed"):
        out += [text[:-1], text[:-2]]
    elif tok.tag_ == "VBZ" and text.endswith("s"):
        out += [text[:-1]]
    elif tok.tag_ == "VBG" and text.endswith("ing"):
        out += [text[:-3] + "e", text[:-3]]
    return tuple(out)


def is_light(tok) -> bool:
    return word(tok).light


def verb_sense(tok) -> Sense | None:
    """The sense of a verb token, trying two-word patterns first."""
    options = word(tok).verb_options
    if not options:
        return None
    near = None
    for extra, sense in options:
        if not extra:
            return sense
        near = near if near is not None else _near_lemmas(tok)
        if extra in near:
            return sense
    return None


GENERIC_NOUNS = frozenset({"effort", "mission", "campaign", "plan", "program", "programme", "drive", "bid", "move",
                           "attempt", "initiative", "process", "operation"})


def noun_sense(tok) -> Sense | None:
    w = word(tok)
    if not w.maybe_noun:
        return None
    lemma = w.forms[0]
    for child in tok.children:  # "hunger strike", "air strike", "war games"
        if child.dep_ in ("compound", "amod"):
            sense = noun_senses().get(f"{child.lemma_.casefold()} {lemma}")
            if sense:
                return sense
    sense = noun_senses().get(lemma) or noun_senses().get(tok.text.casefold())
    if sense is None and lemma in GENERIC_NOUNS:  # "a mediation effort", "a peace mission"
        for child in tok.children:
            if child.dep_ == "compound":
                sense = noun_senses().get(child.lemma_.casefold())
                if sense:
                    return sense
    return sense


def frame_of(tok) -> str | None:
    return word(tok).frame


def compose(frame: str, inner: Sense | None, outer: Sense | None) -> tuple[str, str | None, str] | None:
    """Type, mode and CAMEO code of a framed event, or None when the frame adds nothing.

    `inner` is the governed event (may be None: "agreed that ..." with no coded event),
    `outer` the frame verb's own sense when it has one ("agree" is AGREE on its own).
    """
    t = inner.type if inner else None
    if frame == "INTENT":
        if t in YIELDING:  # CAMEO 035 "express intent to yield" maps to AGREE
            return "AGREE", None, "035"
        if t in HOSTILE:
            return "THREATEN", _threat_mode(inner), "130"
        if t in ("REJECT", "REQUEST", "ACCUSE"):
            return inner.type, inner.mode, inner.cameo
        return "AGREE", None, "030"
    if frame == "THREAT":
        return "THREATEN", _threat_mode(inner) if inner else None, "130"
    if frame == "REFUSE":
        return "REJECT", ASK_MODE.get(t or ""), "120"
    if frame == "DEMAND":
        return "REQUEST", ASK_MODE.get(t or ""), "100"
    if frame == "PASS" and inner:
        return inner.type, inner.mode, inner.cameo
    if outer:
        return outer.type, outer.mode, outer.cameo
    return None


def _threat_mode(inner: Sense | None) -> str | None:
    if inner is None:
        return None
    if inner.type == "COERCE":
        return COERCE_THREAT_MODE.get(inner.mode or "", "restrict")
    if inner.type == "SANCTION" and inner.mode == "expel":
        return "expel"
    return THREAT_MODE.get(inner.type)


def future_type(sense: Sense) -> tuple[str, str | None, str]:
    """A promised or planned event ("will give", "plans to impose"), per PLOVER's rules."""
    if sense.type in ("COOPERATE", "AID", "SUPPORT"):
        return "AGREE", None, "030"
    if sense.type == "RETREAT":  # a promised release or withdrawal: CAMEO 035, AGREE
        return "AGREE", None, "035"
    if sense.type in ("SANCTION", "COERCE", "ASSAULT", "PROTEST"):
        return "THREATEN", _threat_mode(sense), "130"
    return sense.type, sense.mode, sense.cameo


def refusal_type(sense: Sense) -> tuple[str, str | None, str] | None:
    """A negated cooperative act ("would not meet the demands") is a refusal."""
    if sense.type in COOPERATIVE | YIELDING:
        return "REJECT", ASK_MODE.get(sense.type), "120"
    return None
