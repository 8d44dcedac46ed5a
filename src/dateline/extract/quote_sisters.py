"""Sister reports the parser hung inside another report's content.

"Berg said the plan was wrong, and accused the council of …", "Berg has called on X to cut Y
and proposed Z", "Berg said the vote “is over,” referring to …": the second verb shares the
speaker of the first, but the parser joined it to a verb inside the first report's content, so
its own subject search finds a word of that content (or nothing) and the first report runs on
over it. PolNeAR annotates two attributions with the same source. The signs of the slip: a
finite verb joined by `and`/`but` to a verb of another form (a past tense joined to a present or
a bare infinitive), or a subjectless participle after a comma or after a quotation closed on a
comma. The report that governs it (for a finite verb, one whose verb has the same form) lends its
speaker, and every report whose content held it ends before its clause.
"""

from __future__ import annotations

from .quote_filters import inside
from .quote_rules import Candidate, trim
from .quote_subjects import quote_mark

PAST = {"VBD", "VBN"}
LINKS = {"and", "but"}


def _form(tag: str) -> str:
    return "past" if tag in PAST else tag


def _sister_start(verb) -> int | None:
    """Token index where the sister clause starts (its `and`, with a comma before it), or None
    when the verb is not a misattached sister."""
    doc = verb.doc
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.left_edge.i > 1 and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        before = doc[verb.left_edge.i - 1]
        if before.text in (",", "—", "–"):
            return before.i
        if quote_mark(before) and doc[before.i - 1].text == ",":  # "… wrapped up by June,” referring to …"
            return verb.left_edge.i
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBZ", "VBN") or _form(verb.head.tag_) == _form(verb.tag_):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    i = verb.left_edge.i if verb.left_edge.i < verb.i else verb.i
    if i == 0 or doc[i - 1].lower_ not in LINKS:
        return None
    i -= 1
    if i > 0 and doc[i - 1].text == ",":
        i -= 1
    return i


def split_sisters(doc, found: list[Candidate], text: str) -> None:
    """Give each misattached sister the speaker of the report governing it and cut that report
    (and any other report whose content held the sister's cue) before the sister's clause."""
    for c in found:
        if c.verb is None or not c.cue:
            continue
        verb = doc[c.verb]
        start = _sister_start(verb)
        if start is None:
            continue
        cut = doc[start].idx
        holders = [o for o in found if o is not c and o.cue and o.verb is not None and o.source is not None
                   and inside(c.cue[0], o.content) and not inside(o.source[0], o.content) and o.content[0][0] < cut]
        owner = [o for o in holders if (verb.tag_ == "VBG" or _form(doc[o.verb].tag_) == _form(verb.tag_))
                 and doc[o.verb].is_ancestor(verb)]
        if not owner or any(cs < cut for cs, _ in c.content):
            continue
        o = min(owner, key=lambda o: o.content[0][0])
        c.source, c.source_head = o.source, o.source_head
        c.rule += "+sister"
        for h in holders:
            _cut_before(h, c.cue[0], cut, text)


def split_same_speaker(doc, found: list[Candidate], text: str) -> None:
    """"X said that A, noting that B": the participle's cue sits inside the content of
    "said", but its speaker is found outside it (the same X), so B is a second
    attribution, not part of A. Cut the outer content before the inner cue's clause."""
    for c in found:
        if c.verb is None or not c.cue or c.source is None:
            continue
        verb = doc[c.verb]
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "conj") or verb.i == 0 or doc[verb.left_edge.i - 1].text not in (",", "—", "–"):
            continue
        for o in found:
            if o is c or not o.cue or not inside(c.cue[0], o.content) or inside(c.source[0], o.content):
                continue
            start = doc[verb.left_edge.i].idx if verb.left_edge.i < verb.i else c.cue[0]
            fragment_start = next(s for s, e in o.content if s <= c.cue[0] < e)
            if any(fragment_start <= cs < start for cs, _ in c.content):
                continue
            if _cut_before(o, c.cue[0], start, text):
                o.rule += "+split"


def _cut_before(holder: Candidate, at: int, cut: int, text: str) -> bool:
    """End the holder's content before `cut`, in the fragment holding position `at`, dropping the
    fragments after it; False (nothing changed) when the cut would leave that fragment empty."""
    k = next(i for i, (s, e) in enumerate(holder.content) if s <= at < e)
    s, _ = holder.content[k]
    if cut <= s:
        return False
    s2, e2 = trim(text, s, cut)
    if e2 - s2 < 2:
        return False
    holder.content = holder.content[:k] + [(s2, e2)]
    return True
