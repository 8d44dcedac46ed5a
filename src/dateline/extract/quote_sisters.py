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

The same holds for a report set against another by `while`/`though`/`although`/`whereas` with a
verb of speech (`Half said A, while a third said B`: `split_contrast`) and for a quotation that a
later cue of the sentence reports (`“A,” Berg said before adding: “B”`: `split_shared_quotations`);
a relative clause after a comma with its own subject and a verb of speech (`…, which the mayor
called a waste`) is a report of its own too (`split_relative`).
"""

from __future__ import annotations

from .quote_filters import inside
from .quote_lexicon import verb_frames
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
        if not owner:
            continue
        if any(cs < cut for cs, _ in c.content):
            after = [(cs, ce) for cs, ce in c.content if cs >= cut]
            if not after or verb.tag_ != "VBG":
                continue
            c.content = after  # "“…,” explaining, “…”": the quotation before it is the other report's
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


CONTRAST = {"while", "whereas", "though", "although"}


def split_contrast(doc, found: list[Candidate], text: str) -> None:
    """"Half said A, while a third said B", "X says A, though Y admits B": a report set against
    another by a contrast clause after a comma is a report of its own (its own subject and a
    verb of speech or thought, or one that reports a clause: "even though critics doubt that
    …"), not part of the first one's content, which the parser made hold it. Cut every report
    whose content held the contrast clause's cue before its comma. Other verbs in such a clause
    ("a poll found that half favored A, while a third favored B") go on with what is reported."""
    for c in found:
        if c.verb is None or not c.cue or c.source is None:
            continue
        verb = doc[c.verb]
        if verb.dep_ != "advcl" or not _speech(verb, c) or not any(
                g.dep_ in ("nsubj", "nsubjpass") for g in verb.children):
            continue
        first = doc[verb.left_edge.i]
        if first.lower_ not in CONTRAST and not (first.lower_ == "even" and doc[first.i + 1].lower_ in CONTRAST):
            continue
        if verb.head.i > verb.i:
            _drop_fronted_contrast(doc, found, c, verb, first, text)
            continue
        comma = doc[first.i - 1] if first.i > 0 else first
        if comma.text in (",", "—", "–", "-"):
            _cut_holders(found, c, comma.idx, text, "+contrast")


def _speech(verb, c: Candidate) -> bool:
    """A verb of speech or thought, or a report of a clause."""
    return _speech_verb(verb) or "-ccomp" in c.rule


def _speech_verb(verb) -> bool:
    """A verb of speech or thought: one whose lexicon row has the `quote` frame."""
    return "quote" in verb_frames().get(verb.lemma_.casefold(), ())


def _cut_holders(found: list[Candidate], c: Candidate, cut: int, text: str, mark: str) -> None:
    """End, before `cut`, every other report whose content holds both the cue and the speaker of
    `c` (the parser hung `c`'s clause inside it); `mark` is added to the rule of each one cut."""
    for o in found:
        if o is c or not o.cue or not inside(c.cue[0], o.content) or not inside(c.source[0], o.content):
            continue
        if _cut_before(o, c.cue[0], cut, text):
            o.rule += mark


def _drop_fronted_contrast(doc, found: list[Candidate], c: Candidate, verb, first, text: str) -> None:
    """"Though A say X, B say Y": a report whose content opens with the contrast clause starts
    after it (the clause and its comma)."""
    end = verb.right_edge.i + 1
    if end >= len(doc) or doc[end].text != ",":
        return
    start = doc[end].idx + 1
    for o in found:
        if o is c or not o.cue or not o.content or o.content[0][0] != first.idx or not inside(c.cue[0], o.content):
            continue
        s, e = o.content[0]
        s2, e2 = trim(text, start, e)
        if e2 - s2 >= 2:
            o.content[0] = (s2, e2)
            o.rule += "+contrast"


RELATIVE = {"which", "who", "whom", "that"}


def split_relative(doc, found: list[Candidate], text: str) -> None:
    """"The council backed the pier, which the mayor called a waste": a relative clause set off
    by a comma, with a subject of its own (not the relative word) and a verb of speech or thought,
    is the report of that subject about the antecedent, not more of what the first report says.
    Cut every report whose content held it before the comma. Without the comma, or with the
    relative word as subject (`…, who said …`), the clause stays in the content."""
    for c in found:
        if c.verb is None or not c.cue or c.source is None:
            continue
        verb = doc[c.verb]
        if verb.dep_ != "relcl" or not _speech_verb(verb) or not any(
                g.dep_ == "nsubj" and g.lower_ not in RELATIVE for g in verb.children):
            continue
        first = verb.left_edge.i
        if first > 0 and doc[first - 1].text == ",":
            _cut_holders(found, c, doc[first - 1].idx, text, "+relative")


def split_shared_quotations(found: list[Candidate]) -> None:
    """"“A,” Berg said before adding: “B.”": the report of `said` gathered both quotations of
    the sentence, but a later cue between them reports the second one. Each quotation goes to
    the nearest cue before it: the first report ends before that later cue."""
    for c in found:
        if len(c.content) < 2 or not c.cue:
            continue
        for o in found:
            if o is c or not o.cue or o.cue[0] < c.content[0][1] or o.cue[0] < c.cue[1]:
                continue
            later = [(s, e) for s, e in c.content if s >= o.cue[1]]
            if not later or not all(any(a <= s and e <= b for a, b in o.content) for s, e in later):
                continue
            kept = [(s, e) for s, e in c.content if e <= o.cue[0]]
            if kept and len(kept) + len(later) == len(c.content):
                c.content = kept
                c.rule += "+shared"
                break


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
