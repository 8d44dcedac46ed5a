"""The quotes stage: who said what.

Finds every attribution in the article (direct quotes, reported speech, partial and
continued quotes, `according to`), with the speaker as written and the canonical
entity it refers to. The rules live in `quote_rules.py` (cue verbs; cue words as data in
`lexicons/quote_verbs.tsv` and `quote_nouns.tsv`, read by `quote_lexicon.py`),
`quote_subjects.py` (who speaks), `quote_content.py` (what is reported),
`quote_patterns.py` (other cues) and `quote_quotations.py` (continuations, colons);
quotation marks in `quote_marks.py`, speaker resolution in `quote_speakers.py`.
Attributions are univocal, as in PolNeAR: a cue inside a quotation or inside another
attribution's content is part of the outer speaker's words, not a quote of its own.

Each Quote's `rule` says which rule produced it, e.g. `quotes.rules.v1:say-ccomp+quote`.
"""

from __future__ import annotations

import re

from ..records import Extraction, Quote, Span
from .base import FunctionStage
from .quote_marks import find_quotes
from .quote_patterns import (according_candidates, adjective_candidates, adverb_candidates, copular_candidates,
                             in_source_candidates, light_verb_candidates, linking_candidates,
                             noun_candidates)
from .quote_headlines import headline_candidates
from .quote_idioms import put_it_candidates
from .quote_quotations import colon_candidates, continuation_candidates, quotation_clause_candidates
from .quote_rules import CONTINUATION_MIN_WORDS, Candidate, trim, verb_candidates
from .quote_sisters import split_sisters
from .quote_speakers import SpeakerIndex, resolve_speaker
from .quote_subjects import RAISING

NAME = "quotes.rules.v1"
YIELDING = ("in-source", "-adverb")  # rules that give way to any cue inside their content
OPEN_OUTER = {"colon-headline"}  # a speaker label over a whole answer: the cues inside it still count
LONG_ANSWER = 200  # characters
MARKUP = re.compile(r"<[^<>\n]{1,400}>")
EMBEDDED_POST = re.compile(r"<tweet\b[^<>]{0,400}>[^<]{0,1500}?(?:</tweet>|<tweet/>)")  # a post shown in the article


def extract_quotes(extraction: Extraction, doc) -> tuple[Quote, ...]:
    text = extraction.article.text
    candidates = find_attributions(doc, text=text)  # the Doc's text: doc.text would rebuild it
    index = SpeakerIndex(extraction.entities, text)
    quoted = [span for c in candidates for span in c.content]
    entity_of: dict[int, str | None] = {}
    out = []
    for c in candidates:
        if c.follows is not None and id(c.follows) in entity_of:
            entity = entity_of[id(c.follows)]
        else:
            entity = resolve_speaker(index, doc, c.source, c.source_head, quoted)
        entity_of[id(c)] = entity
        out.append(to_quote(c, text, entity))
    return tuple(out)


def find_attributions(doc, open_frames: bool = False, text: str | None = None) -> list[Candidate]:
    """All attributions in the Doc, in text order; continuations follow their quote. `text`
    is the Doc's text when the caller has it (`doc.text` joins every token again)."""
    text = doc.text if text is None else text
    marks = find_quotes(text)
    found = verb_candidates(doc, text, marks, open_frames)
    found += according_candidates(doc, text, marks) + colon_candidates(doc, text, marks) + noun_candidates(doc, text)
    found += adjective_candidates(doc, text) + copular_candidates(doc, text, marks) + in_source_candidates(doc, text)
    found += adverb_candidates(doc, text)
    found += linking_candidates(doc, text, {c.verb for c in found if c.verb is not None})
    found += put_it_candidates(doc, text, marks)
    light = light_verb_candidates(doc, text)
    if light:  # "voiced concern about X": the light-verb reading replaces the plain one
        taken = {c.verb for c in light}
        found = [c for c in found if c.verb is None or c.verb not in taken] + light
    found += quotation_clause_candidates(doc, text, marks, found)
    found += headline_candidates(doc, text, found)
    spoken = [(q.start, q.end) for q in marks if q.words(text) >= CONTINUATION_MIN_WORDS]
    markup = [m.span() for m in MARKUP.finditer(text)] if "<" in text else []  # embedded-post tags
    if markup:  # the words of an embedded post are its author's, not reports inside the article
        markup += [m.span() for m in EMBEDDED_POST.finditer(text)]
    found = [c for c in found if not (c.cue and (_inside(c.cue[0], spoken) or _inside(c.cue[0], markup)))]
    found = [c for c in found if not _unspoken(doc, c)]
    _no_impersonal_speaker(doc, found)
    found.sort(key=lambda c: c.content[0][0])
    # "In an interview, X said …": a document or poll only speaks where the clause has no cue of its own
    found = [c for c in found if not c.rule.endswith(YIELDING) or not any(
        o is not c and o.cue and _inside(o.cue[0], c.content) for o in found)]
    found = _raised_reports(doc, found)
    split_sisters(doc, found, text)
    _one_line_source(doc, found, text)
    _split_same_speaker(doc, found, text)
    _drop_connectives(found, text)
    _drop_lone_links(found, text)
    _abbreviation_points(found, text)
    found = _drop_nested(found)
    found = _drop_repeated(found)
    found = [c for c in found if not _ownerless_object(doc, c, text)]
    more = continuation_candidates(text, marks, found, doc)
    if more:
        found = [c for c in found if not (c.cue and any(_inside(c.cue[0], m.content) for m in more))]
    kept = {id(f) for f in found}
    for m in more:  # a colon lead-in (`follows` None) starts a report of its own that others may continue
        if m.follows is None or id(m.follows) in kept:
            kept.add(id(m))
            found.append(m)
    found.sort(key=lambda c: c.content[0][0])
    return _continuations_after(found)


def _continuations_after(found: list[Candidate]) -> list[Candidate]:
    """Each continuation right after the quote it continues (text order otherwise), so that
    joining a continuation to the nearest quote of its speaker (`as_attributions`) finds that
    quote and not a participle of the same speaker in between ("“…,” Berg said, referring to
    the vote. “…”": the second quotation goes on the first, not on `referring to`)."""
    tails: dict[int, list[Candidate]] = {}
    for c in found:
        if c.follows is not None:
            tails.setdefault(id(c.follows), []).append(c)
    if not tails:
        return found
    out: list[Candidate] = []
    for c in found:
        if c.follows is None:
            out.append(c)
            out += tails.get(id(c), [])
    return out


def _unspoken(doc, c: Candidate) -> bool:
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
    return head.lemma_ == "be" and any(k.dep_ in ("nsubj", "expl") and k.lower_ == "it" for k in head.children)


def _no_impersonal_speaker(doc, found: list[Candidate]) -> None:
    """Drop the empty `it` of "it is easy to see …" as a speaker (the writer's stance)."""
    for c in found:
        if c.verb is not None and c.source is not None and _impersonal(doc[c.verb]) \
                and c.source_head is not None and doc[c.source_head].lower_ == "it":
            c.source, c.source_head = None, None


def _raised_reports(doc, found: list[Candidate]) -> list[Candidate]:
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


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


def _one_line_source(doc, found: list[Candidate], text: str) -> None:
    """A speaker phrase never runs over a line break: a list number, a headline or a byline line
    the parser joined to the name on the next line ("3\nAna Berg", "Budget Talks\nJo Lund") is
    cut off, keeping the last line when it starts with a capital, else the line with the head word."""
    for c in found:
        if c.source is None or "\n" not in text[c.source[0]:c.source[1]].strip():
            continue
        s, e = c.source
        last = text.rfind("\n", s, e) + 1
        rest = text[last:e].lstrip(" \xa0-–—•*")
        at = e - 1 if rest[:1].isupper() or c.source_head is None or not s <= doc[c.source_head].idx < e \
            else doc[c.source_head].idx
        cut_s = text.rfind("\n", s, at) + 1 or s
        cut_e = text.find("\n", at, e)
        s2, e2 = trim(text, max(s, cut_s), e if cut_e < 0 else cut_e)
        while s2 < e2 and not text[s2].isalnum() and text[s2] not in "\"“'‘":
            s2 += 1  # "-Ana Berg": a list dash
        if e2 > s2:
            c.source = (s2, e2)


def _split_same_speaker(doc, found: list[Candidate], text: str) -> None:
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
            if o is c or not o.cue or not _inside(c.cue[0], o.content) or _inside(c.source[0], o.content):
                continue
            start = doc[verb.left_edge.i].idx if verb.left_edge.i < verb.i else c.cue[0]
            k = next(i for i, (s, e) in enumerate(o.content) if s <= c.cue[0] < e)
            s, e = o.content[k]
            if start <= s or any(cs < start for cs, _ in c.content if cs >= s):
                continue
            s2, e2 = trim(text, s, start)
            if e2 - s2 < 2:
                continue
            o.content = o.content[:k] + [(s2, e2)]
            o.rule += "+split"


CONNECTIVE = re.compile(r"(?:Still|Yet|However|Nevertheless|Nonetheless|Even so|Also|Meanwhile|Indeed|Moreover|"
                        r"Furthermore|In fact|In contrast|In particular|By contrast|In addition)\s*,\s+(?=\S)")


def _drop_connectives(found: list[Candidate], text: str) -> None:
    """A content that opens with a discourse connective and a comma ("Still, the pier will
    open", "In fact, few voters …"): the connective links the article's sentences, it is
    not part of what is reported. A fragment that is only the connective stays."""
    for c in found:
        s, e = c.content[0]
        m = CONNECTIVE.match(text, s, e)
        if m is not None and m.end() < e:
            c.content[0] = (m.end(), e)


LONE_LINK = re.compile(r"(?:But|And|Yet|Still|And yet|But still)\W{0,2}")


def _drop_lone_links(found: list[Candidate], text: str) -> None:
    """A first fragment that is only a sentence-opening conjunction before the cue clause ("But,
    she said, the pier is finished", "Still, he added, “…”"): it links the sentence to the one
    before, the report is the part after the cue."""
    for c in found:
        if len(c.content) > 1 and c.cue and c.content[0][1] <= c.cue[0] \
                and LONE_LINK.fullmatch(text, *c.content[0]):
            c.content = c.content[1:]


CONTENT_ABBREVIATION = re.compile(
    r"(?:\b[ap]\.m|\b(?:etc|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ill|Kan|Ky|Md|Mass|Mich|Minn|Miss|Mont|Neb"
    r"|Nev|Okla|Ore|Tenn|Tex|Vt|Wis|Wyo))$")


def _abbreviation_points(found: list[Candidate], text: str) -> None:
    """A content ending on a state or time abbreviation ("… in Eureka, Calif.",
    "… at 7 p.m.") keeps the abbreviation's point, which span trimming took for the
    sentence's full stop. Contents only: sources are annotated without the point."""
    for c in found:
        s, e = c.content[-1]
        if text[e:e + 1] == "." and CONTENT_ABBREVIATION.search(text, max(s, e - 8), e):
            c.content[-1] = (s, e + 1)


def _drop_nested(found: list[Candidate]) -> list[Candidate]:
    """One attribution per cue, and none whose cue sits inside another's content."""
    seen, unique = set(), []
    for c in found:
        if c.cue not in seen:
            seen.add(c.cue)
            unique.append(c)
    out = []
    hulls = [(min(s for s, _ in o.content), max(e for _, e in o.content), o) for o in unique]
    for c in unique:
        at = c.cue[0] if c.cue else None
        outer = [o for s, e, o in hulls if at is not None and s <= at < e and o is not c and _inside(at, o.content)
                 and not (o.rule in OPEN_OUTER and o.content[-1][1] - o.content[0][0] > LONG_ANSWER)]
        if any(not (o.cue and _inside(o.cue[0], c.content)) for o in outer):
            continue
        out.append(c)
    return out


REPEAT_SHARE = 0.9  # share of a content's characters that makes it the same words as another's


def _shared(a, b) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _drop_repeated(found: list[Candidate]) -> list[Candidate]:
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


def _ownerless_object(doc, c: Candidate, text: str) -> bool:
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


def to_quote(c: Candidate, text: str, entity: str | None) -> Quote:
    return Quote(
        content=tuple(Span.of(text, s, e) for s, e in c.content),
        kind=c.kind,
        speaker=Span.of(text, *c.source) if c.source else None,
        speaker_entity=entity,
        cue=Span.of(text, *c.cue) if c.cue else None,
        rule=f"{NAME}:{c.rule}",
    )


def as_attributions(quotes: tuple[Quote, ...]) -> list[Quote]:
    """One item per attribution, the way PolNeAR-style gold counts them: a continuation
    joins the content of the quote it continues (same speaker, nearest before it)."""
    out: list[Quote] = []
    for q in quotes:
        if q.kind == "continuation":
            for i in range(len(out) - 1, -1, -1):
                if out[i].speaker == q.speaker and out[i].speaker_entity == q.speaker_entity:
                    prev = out[i]
                    out[i] = Quote(prev.content + q.content, prev.kind, prev.speaker, prev.speaker_entity,
                                   prev.cue, prev.rule)
                    break
            else:
                out.append(q)
        else:
            out.append(q)
    return out


STAGE = FunctionStage(NAME, ("entities",), "quotes", extract_quotes)
