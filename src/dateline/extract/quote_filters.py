"""Which candidates stay: text that reports nobody, one attribution per cue, no report nested
in another's content, no two reports of the same words, and short ownerless objects. Run on the
candidates of every rule (`quotes.find_attributions`).
"""

from __future__ import annotations

from .quote_rules import Candidate
from .quote_subjects import RAISING, lemma_of


def inside(pos: int, spans) -> bool:
    """The character position falls in one of the (start, end) spans."""
    return any(s <= pos < e for s, e in spans)


def unspoken(doc, c: Candidate) -> bool:
    """Cue-verb candidates that report nobody: "That said, …" (a discourse marker), and a
    bare base-form verb with an object and no speaker to be found ("See the results here",
    "Do support X"): instructions and headline fragments, rarely annotated. A `to`
    infinitive without a found speaker stays: its speaker is often just out of the parse's reach."""
    if c.verb is None:
        return False
    verb = doc[c.verb]
    if _discourse_said(verb):
        return True
    return c.source is None and verb.tag_ == "VB" and c.rule.endswith("-dobj") and not any(
        k.dep_ == "aux" and k.lower_ == "to" for k in verb.children)


def _discourse_said(verb) -> bool:
    """"That said, …" at the start of a sentence: a discourse marker, not a report."""
    doc = verb.doc
    return (verb.lemma_ == "say" and verb.i >= 1 and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ","
            and doc[verb.i - 1].lower_ in ("that", "this") and doc[verb.i - 1].is_sent_start)


def _impersonal(verb) -> bool:
    """"It is easy to see why …", "it's fair to say …", "it is worth noting …": the writer's
    own stance under an empty `it`, no speaker."""
    if verb.dep_ not in ("xcomp", "pcomp", "ccomp") or not (verb.tag_ == "VBG" or any(
            k.dep_ == "aux" and k.lower_ == "to" for k in verb.children)):
        return False
    head = verb.head
    if head.pos_ == "ADJ" and head.dep_ == "acomp":  # "it is worth noting": the verb hangs from the adjective
        head = head.head
    elif not any(k.dep_ in ("acomp", "advmod") and k.i < verb.i for k in head.children):
        return False
    return lemma_of(head) == "be" and any(k.dep_ in ("nsubj", "expl") and k.lower_ == "it" for k in head.children)


def no_impersonal_speaker(doc, found: list[Candidate]) -> None:
    """Drop the empty `it` of "it is easy to see …" as a speaker (the writer's stance)."""
    for c in found:
        if c.verb is not None and c.source is not None and _impersonal(doc[c.verb]) \
                and c.source_head is not None and doc[c.source_head].lower_ == "it":
            c.source, c.source_head = None, None


DEMONSTRATIVES = frozenset({"this", "that"})


def no_demonstrative_speaker(doc, found: list[Candidate]) -> None:
    """Drop a bare demonstrative as the speaker ("That suggests …", "This means …"): it stands
    for a fact or a situation told before, and the annotations give such reports no source (or
    one found elsewhere) far more often than the pronoun. A relative `that` (tagged WDT) and a
    demonstrative with a noun ("that report") stay."""
    for c in found:
        h = c.source_head
        if h is None or c.source is None or c.source[1] - c.source[0] != len(doc[h].text):
            continue
        tok = doc[h]
        if tok.lower_ in DEMONSTRATIVES and tok.tag_ == "DT" and tok.dep_ in ("nsubj", "nsubjpass"):
            c.source, c.source_head = None, None


def raised_reports(doc, found: list[Candidate]) -> list[Candidate]:
    """"X seemed to mock Y", "the data appear to show that Z": when the `to` infinitive under
    `seem`/`appear` is a cue verb with a report of its own that carries most of what seems
    (not "seems to be relishing the fight"), that report (speaker X, content its object or
    clause) replaces the seeming."""
    inner = {c.verb: c for c in found if c.verb is not None and c.content}
    drop = set()
    for c in found:
        if c.verb is None or not c.rule.endswith("-xcomp") or doc[c.verb].lemma_ not in RAISING:
            continue
        for k in doc[c.verb].children:
            o = inner.get(k.i) if k.dep_ == "xcomp" else None
            if o is not None and 2 * sum(e - s for s, e in o.content) >= c.content[-1][1] - c.content[-1][0]:
                drop.add(id(c))
    return [c for c in found if id(c) not in drop] if drop else found


OPEN_OUTER = {"colon-headline"}  # a speaker label over a whole answer: the cues inside it still count


LONG_ANSWER = 200  # characters


NESTED_SHORT_WORDS = 10  # inside a long answer, a report this short is still the answerer's words


def drop_nested(found: list[Candidate], text: str | None = None) -> list[Candidate]:
    """One attribution per cue, and none whose cue sits inside another's content. Inside a
    long answer under a speaker label the cues count, unless what they report is short
    (`_short_report`: "they want safe streets" within an interview answer)."""
    seen, unique = set(), []
    for c in found:
        if c.cue not in seen:
            seen.add(c.cue)
            unique.append(c)
    out = []
    hulls = [(min(s for s, _ in o.content), max(e for _, e in o.content), o) for o in unique]
    for c in unique:
        at = c.cue[0] if c.cue else None
        outer = [o for s, e, o in hulls if at is not None and s <= at < e and o is not c and inside(at, o.content)
                 and not (o.rule in OPEN_OUTER and o.content[-1][1] - o.content[0][0] > LONG_ANSWER
                          and not _short_report(c, o, text))]
        if any(not (o.cue and inside(o.cue[0], c.content)) for o in outer):
            continue
        out.append(c)
    return out


def _short_report(c: Candidate, outer: Candidate, text: str | None) -> bool:
    """A report of at most NESTED_SHORT_WORDS words lying wholly inside the outer content."""
    return text is not None and sum(len(text[s:e].split()) for s, e in c.content) <= NESTED_SHORT_WORDS \
        and all(any(a <= s and e <= b for a, b in outer.content) for s, e in c.content)


REPEAT_SHARE = 0.9  # share of a content's characters that makes it the same words as another's


def _shared(a, b) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def drop_repeated(found: list[Candidate]) -> list[Candidate]:
    """Two reports of the same words ("X said in a statement that …": `said` and
    `statement`; "X emailed “…”, saying"): PolNeAR gives each token one attribution, so when
    a candidate's content is (nearly) the content of one kept before it, only the first in
    text and rule order stays."""
    out: list[Candidate] = []
    for c in found:
        size = sum(e - s for s, e in c.content)
        if not any(size and (sh := _shared(c.content, o.content)) >= REPEAT_SHARE * size
                   and sh >= REPEAT_SHARE * sum(e - s for s, e in o.content) for o in out):
            out.append(c)
    return out


OWNERLESS_OBJECT_WORDS = 4  # a bare object this short, with no speaker found, is seldom a report


OWNERLESS_PURPOSE_WORDS = 8  # the same after a `to` infinitive ("ways to express X")


def ownerless_object(doc, c: Candidate, text: str) -> bool:
    """A verb with a short bare object and no speaker anywhere ("Declared Candidates" in a
    list, "ways to express your opposition", "designed to promote the rules"): a label, a
    purpose or a possibility, seldom annotated as an attribution. With a `to` infinitive
    the object may be a little longer."""
    if c.verb is None or c.source is not None or c.follows is not None or not c.rule.split("+")[0].endswith("-dobj"):
        return False
    words = sum(len(text[s:e].split()) for s, e in c.content)
    if words <= OWNERLESS_OBJECT_WORDS:
        return True
    return words <= OWNERLESS_PURPOSE_WORDS and any(k.dep_ == "aux" and k.lower_ == "to" for k in doc[c.verb].children)


def relative_passive(doc, c: Candidate, text: str) -> bool:
    """A passive cue whose content is only the relative `that` before it ("a plan that was
    rejected by the board", "details that were not reported"): the clause describes a thing the
    writer names, it does not give anyone's words. `which` stays: annotated often enough."""
    if c.verb is None or len(c.content) != 1 or not c.rule.split("+")[0].endswith("-passive"):
        return False
    s, e = c.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].lower_ == "that" and span[0].tag_ == "WDT"
