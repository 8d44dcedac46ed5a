"""Attribution patterns driven by quotation marks and colons, on one spaCy Doc.

- `“This is fantastic!” Hartley beamed.`: a quotation no cue claimed, then a short
  `subject verb` clause (any verb is the cue);
- continuations: a quotation no cue claimed that carries on the previous direct quote;
- colon lead-ins (`Berg went even further: “…”`) and headline attributions at the start
  of a line (`Senator Diaz: Budget is "dead"`).
"""

from __future__ import annotations

import re
from functools import cache

from .quote_lexicon import hand_verbs, noun_rows
from .quote_marks import QuoteMark, quoted_title
from .quote_rules import (CONTINUATION_MIN_WORDS, Candidate, char_span, covers_share, cue_span, ids, token_table,
                          tokens_at, trim)
from .quote_subjects import find_subject, subject_span

(COLON_ID,) = ids(":")
MAX_CONTINUATION_BREAKS = 2  # paragraph breaks between a quote and its continuation
MAX_CONTINUATION_GAP = 600
MAX_BRIDGE = 120  # characters of the report's own words between it and a quotation going on with it
SENTENCE_END = re.compile(r"[.?!][”\"']*\s")  # characters of unquoted text between them
# a point after a title or an initial ("Mr. Hedge", "J. Price") does not end a sentence
NOT_SENTENCE_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|Prof|Rev)|\b[A-Z])\.\s")


def quotation_clause_candidates(doc, text: str, marks: list[QuoteMark], found: list[Candidate]) -> list[Candidate]:
    """A quotation no cue claimed, followed by a short clause "subject + verb" that ends
    the sentence (`“This is fantastic!” Hartley beamed.`): any verb works as the cue."""
    claimed = [(s, e) for c in found for s, e in c.content]
    claimed += [c.source for c in found if c.source]  # a quoted name inside a speaker ("the “Avatar” star")
    out = []
    for q in marks:
        if q.open_end or any(s <= q.start < e or s < q.end <= e for s, e in claimed) or not _opens_sentence(text, q):
            continue
        span = doc.char_span(q.end, min(len(text), q.end + 120), alignment_mode="expand")
        if span is None or not len(span):
            continue
        first = span[0]
        sent_end = first.sent.end
        tail = [t for t in doc[first.i:sent_end] if not t.is_space]
        words = [t for t in tail if not t.is_punct]
        if not words or "\n" in text[q.end:first.idx]:
            continue
        inverted = _inverted_tag(words)
        tag = None if inverted else _leading_tag(text, q, words)
        if len(words) > 8 and not inverted and tag is None:
            continue
        verbs = [tag] if tag is not None else [
            t for t in words if t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "ccomp", "conj")]
        if not verbs:
            continue
        verb = verbs[0]
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i >= first.i), None)
        if subject is None and tag is not None and tag.dep_ == "acl":
            subject = tag.head  # "“…!” the party's nominee, Ana Berg, tweeted Sunday after …"
        if subject is None:
            subject = _object_speaker(text, q, verb, words)
        if subject is None:
            continue
        source = trim(text, *char_span(doc, *subject_span(subject, verb)))
        out.append(Candidate(cue_span(verb), source, [(q.start, q.end)], "direct", f"{verb.lemma_}-after-quote",
                             subject.i, verb.i, [q]))
        claimed.append((q.start, q.end))
    return out


TAG_SUBJECT_WORDS = 4  # words of a speaker between a quotation and its tag verb, however long the sentence runs


def _leading_tag(text: str, q: QuoteMark, words):
    """`“…,” Weiner said in May on a podcast, when …`: a quotation closed on a comma, a question
    or an exclamation mark, then a short subject and a finite verb: the verb is the quotation's tag
    however long the rest of the sentence runs (the words after it are the circumstances)."""
    if q.last_point(text) not in (",", "?", "!"):
        return None
    for n, verb in enumerate(words[1:2 * TAG_SUBJECT_WORDS + 1], 1):
        if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") and verb.dep_ == "acl" and verb.head.dep_ == "ROOT" \
                and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            # the parser hung the tag verb on the speaker's name (a reduced relative)
            return verb if verb.head.left_edge.i == words[0].i and verb.head.i < verb.i else None
        if n <= TAG_SUBJECT_WORDS and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ") and verb.dep_ in (
                "ROOT", "parataxis", "ccomp", "conj"):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.left_edge.i == words[0].i and subject.i < verb.i:
                return verb
            return None
    return None


def _object_speaker(text: str, q: QuoteMark, verb, words):
    """`“…,” opined the Daily Herald.`: a verb right after the quotation whose speaker the parser
    read as its object; the object is the speaker when it ends the sentence and the quotation
    closed on a comma, a question or an exclamation mark."""
    if verb.i != words[0].i or verb.tag_ != "VBD" or q.last_point(text) not in (",", "?", "!"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ not in ("PROPN", "NOUN") or obj.right_edge.i != words[-1].i:
        return None
    return obj


def _inverted_tag(words) -> bool:
    """`“…!” beamed Ana Berg of Tromsø, who …`: a verb right after the quotation with its subject
    after it is a speech tag however long the speaker's description runs."""
    verb = words[0]
    return verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ") and any(
        c.dep_ == "nsubj" and c.i > verb.i and c.pos_ == "PROPN" for c in verb.children)


def _opens_sentence(text: str, q: QuoteMark) -> bool:
    """The quotation starts a sentence or a line: not a title or a scare-quoted phrase
    inside one (`through this “night vision” I began …`)."""
    before = text[max(0, q.start - 200):q.start]
    stripped = before.rstrip()
    return not stripped or "\n" in before[len(stripped):] or stripped[-1] in ".!?:;”\"'’"


def continuation_candidates(text: str, marks: list[QuoteMark], found: list[Candidate], doc) -> list[Candidate]:
    """Quotations no cue claimed that carry on the attribution just before them (in the
    same paragraph or the next ones, nothing else attributed in between); they inherit
    its speaker. A run of such paragraphs all continue the same quote."""
    claimed = [(s, e) for c in found for s, e in c.content]
    ordered = sorted(found, key=lambda c: c.content[0][0])
    reach = {id(c): c.content[-1][1] for c in ordered}  # where each attribution (with continuations) ends
    cues = frozenset(c.verb for c in found if c.verb is not None)
    out = []
    for q in marks:
        short = q.words(text) < CONTINUATION_MIN_WORDS
        if any(s <= q.start < e or s < q.end <= e for s, e in claimed):
            continue
        if quoted_title(text, q):  # "… Lund told a crowd after she walked on to “Rise of the Tide.”"
            continue
        prev = [c for c in ordered if reach[id(c)] <= q.start]
        if not prev:
            continue
        c = max(prev, key=lambda c: (reach[id(c)], c.content[0][0]))  # a tie: the report that starts later
        if short and not _short_follow_up(text, q, c, reach):
            continue
        lead = _early_lead(doc, text, q, reach[id(c)], claimed, cues)
        if lead is not None:  # "“…,” Berg said. Asked X, she hedged: “…”": a report of its own
            ordered.append(lead)
            reach[id(lead)] = q.end
            out.append(lead)
            continue
        quoted = _quoted_owner(text, q, c, prev, reach)
        if quoted is not None:  # "“…,” X said in a talk that showed Y. “…”": X goes on, not the talk
            out.append(Candidate(None, quoted.source, [(q.start, q.end)], "continuation", "continuation",
                                 quoted.source_head, None, [q], follows=quoted))
            reach[id(quoted)] = q.end
            continue
        end = reach[id(c)]
        between = text[end:q.start]
        if any(end <= s < q.start for s, _ in claimed) or between.count("\n\n") + (
                between.count("\n") if "\n\n" not in between else 0) > MAX_CONTINUATION_BREAKS:
            continue
        if len(between) > MAX_CONTINUATION_GAP:
            continue
        lead = _lead_in(doc, text, q, end, cues)
        if lead is not None:  # "… Romney tweeted in response:" + quotation: a new report, not more of the last one
            ordered.append(lead)
            reach[id(lead)] = q.end
            out.append(lead)
            continue
        if _narrated_paragraph(between):
            continue
        if _apart(c, between):
            continue
        out.append(Candidate(None, c.source, [_bridged(doc, text, q, end)], "continuation", "continuation",
                             c.source_head, None, [q], follows=c))
        reach[id(c)] = q.end
    return out


def _lead_subject(verb):
    """The subject of a colon lead-in's verb; for a verb joined to an earlier one (`Lund stood up
    and shouted:`) that verb's, and for a verb the parser hung on a name (`Ana Berg, the mayor,
    tweeted:` as a reduced relative) the name."""
    subject, v = find_subject(verb), verb
    while subject is None and v.dep_ in ("conj", "dep") and v.head.pos_ == "VERB" and v.head.i < v.i:
        v = v.head
        subject = find_subject(v)
    if subject is None and verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.tag_ in ("VBD", "VBN"):
        subject = verb.head
    return subject


def _early_lead(doc, text: str, q: QuoteMark, end: int, claimed, cues=frozenset()) -> Candidate | None:
    """A colon lead-in right before the quotation, found before the quotation is handed to the
    quote whose words surround it (`_quoted_owner`), with the same limits as a continuation."""
    between = text[end:q.start]
    if any(end <= s < q.start for s, _ in claimed) or len(between) > MAX_CONTINUATION_GAP:
        return None
    return _lead_in(doc, text, q, end, cues)


def _bridged(doc, text: str, q: QuoteMark, end: int) -> tuple[int, int]:
    """A quotation that goes on with the sentence of the report before it ("said the plan was
    “late” and had cost “far too much”"): the words in between are part of the report too,
    unless they end a sentence, break a line or hold a cue verb ("…,” Berg said. “…”")."""
    between = text[end:q.start]
    if not between.strip() or "\n" in between or _sentence_ends(between + " ") or len(between) > MAX_BRIDGE:
        return q.start, q.end
    span = doc.char_span(end, q.start, alignment_mode="contract")
    if span is None or any(t.pos_ in ("VERB", "AUX") and t.lemma_.casefold() in hand_verbs() for t in span):
        return q.start, q.end
    return end, q.end  # from the report's end: the two read as one stretch


def _apart(last: Candidate, between: str) -> bool:
    """A quotation two paragraph breaks or more after a quoted report is rarely more of it:
    the paragraphs in between have moved on (kept out as a continuation; a quotation right
    after an indirect report is left alone, the annotations join those as often as not)."""
    return bool(last.marks) and (between.count("\n\n") or between.count("\n")) >= 2


def _narrated_paragraph(between: str) -> bool:
    """A quotation in a later paragraph that opens with the writer's own words ("\n\nThe
    pier sits beside the old terminal, once “…”"): it belongs to that paragraph's sentence,
    not to the quote before the break (a colon lead-in is handled by `_lead_in`)."""
    if "\n" not in between:
        return False
    lead = between[between.rfind("\n") + 1:].strip()
    return len(lead.split()) >= 2 and not lead.endswith(":")


LEAD_DASH = re.compile(r"\s[-–—]+\s*([^-–—\n]{2,60})$")  # "Headline of a digest item - Ana Berg:"


def _lead_in(doc, text: str, q: QuoteMark, end: int, cues=frozenset()) -> Candidate | None:
    """A quotation right after unquoted text that ends in a colon ("Trump went even further:",
    "as Tom Ridge put it:", "Pollsters agree - Carl Bialik:"): its own attribution, the colon
    the cue, the speaker the name after a dash, else the subject of the last verb before the
    colon, else a short label line. None when no speaker is found. A lead-in ending in a comma
    is `_comma_lead`'s."""
    before = text[end:q.start].rstrip()
    if before.endswith(",") and len(before) >= 2:
        return _comma_lead(doc, text, q, end + len(before) - 1, cues)
    if not before.endswith(":") or len(before) < 2:
        return None
    pos = end + len(before) - 1
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:pos]
    source, head = None, None
    dash = LEAD_DASH.search(line)
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if dash and len(dash.group(1).split()) <= 5:
        source = trim(text, line_start + dash.start(1), line_start + dash.end(1))
    elif tok is not None and len(tok):
        colon = tok[0]
        sent_start = colon.sent.start
        while sent_start < colon.i and doc[sent_start].idx < line_start:  # the colon's line only
            sent_start += 1
        verbs = [t for t in doc[sent_start:colon.i] if t.pos_ == "VERB"]
        subject = _lead_subject(verbs[-1]) if verbs else None
        if subject is not None and subject.pos_ in ("PROPN", "PRON", "NOUN") and subject.i >= sent_start:
            source = trim(text, *char_span(doc, *subject_span(subject, verbs[-1])))
            head = subject.i
        elif not verbs and 1 <= len(line.split()) <= 5:
            source = trim(text, line_start, pos)
    if source is None or source[1] <= source[0] or text[source[0]:source[1]].lower() in ("here", "it", "this") \
            or any(ch in text[source[0]:source[1]] for ch in "\"“”<>"):  # markup, or a title in quotes
        return None
    return Candidate((pos, pos + 1), source, [(q.start, q.end)], "direct", "colon-lead", head, None, [q])


def _comma_lead(doc, text: str, q: QuoteMark, pos: int, cues) -> Candidate | None:
    """`Lund cracked, “…”` / `as she left, Berg called over her shoulder, “…”`: a quotation no cue
    claimed right after a clause that ends in a comma, whose last verb is finite, has a name or a
    personal pronoun as its subject and no object or clause of its own: the verb is the quotation's
    cue, its subject the speaker."""
    body = text[q.start:q.end].lstrip("“\"'‘ ")
    if not body[:1].isupper():
        return None
    tok = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if tok is None or not len(tok) or "\n" in text[tok[0].sent.start_char:pos]:
        return None
    comma = tok[0]
    verbs = [t for t in doc[comma.sent.start:comma.i] if t.pos_ == "VERB"]
    if not verbs:
        return None
    verb = verbs[-1]
    if verb.i in cues:  # "“A.” He added, “B.”": the verb already reports a quotation, B goes on with it
        return None
    if verb.tag_ not in ("VBD", "VBZ") or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd") and c.i < comma.i for c in verb.children):
        return None
    subject = find_subject(verb)
    if subject is None or not (subject.pos_ == "PROPN" or subject.tag_ == "PRP") or subject.i < comma.sent.start:
        return None  # a name or a personal pronoun: "Another advised, “…”" is too often a sign or a poster
    source = trim(text, *char_span(doc, *subject_span(subject, verb)))
    return Candidate(cue_span(verb), source, [(q.start, q.end)], "direct", "comma-lead", subject.i, verb.i, [q])


def _short_follow_up(text: str, q: QuoteMark, last: Candidate, reach: dict) -> bool:
    """A quotation of one to three words that is a sentence of its own right after a direct
    quote's sentence, in the same paragraph ("“…,” Berg said. “Big time.”"): it goes on with
    the quote; elsewhere a short quotation is more often a title or a scare quote."""
    if not last.marks or q.words(text) < 1:
        return False
    between = text[reach[id(last)]:q.start]
    if "\n" in between or not between.rstrip().endswith((".", "!", "?")):
        return False
    if _sentence_ends(between) != 1:
        return False
    return q.last_point(text) in (".", "!", "?")


def _sentence_ends(text: str) -> int:
    """Sentence ends in a stretch of unquoted text, not counting the point of a title or an initial."""
    return len(SENTENCE_END.findall(text)) - len(NOT_SENTENCE_END.findall(text))


def _quoted_owner(text: str, q: QuoteMark, last: Candidate, prev: list[Candidate], reach: dict) -> Candidate | None:
    """The direct quote a quotation carries on when the nearest attribution before it is
    an indirect one inside the same sentence as that direct quote's cue."""
    if last.marks or last.kind != "indirect":
        return None
    direct = [c for c in prev if c.marks and c.kind in ("direct", "partial") and c.content[0][0] < last.content[0][0]]
    if not direct:
        return None
    d = max(direct, key=lambda c: reach[id(c)])
    between = text[reach[id(d)]:q.start]
    inner = [c for c in prev if reach[id(d)] <= c.content[0][0] < q.start]
    if "\n" in between or _sentence_ends(between) > 1 or any(c.marks or c.kind != "indirect" for c in inner):
        return None
    return d


@cache
def label_nouns() -> frozenset[str]:
    """Newsroom labels before a colon ("Editor's note:", "Update:"): the paper's own text follows."""
    return noun_rows("label")


def _speaker_label(toks) -> bool:
    """A line label that can name a speaker: not a newsroom label (`label` rows of
    `quote_nouns.tsv`: "Editor's note", "Correction") and not a lead-in that opens with a
    preposition or an adverb ("For example:", "Among the votes:", "At issue:")."""
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words or words[0].pos_ in ("ADP", "ADV"):
        return False
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    return not nouns or nouns[-1].lower_ not in label_nouns()


def _name_label(doc, toks) -> bool:
    """A capitalised line label the tagger misread (`Issa:` as an adjective, `FALLIN:` as a
    number, `HUFFPOLLSTER:` as a verb) that names someone the article's entities know: its
    last word is a word of a person or organisation entity of the document."""
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not 1 <= len(words) <= 3 or not all(t.text[:1].isupper() for t in words):
        return False
    names = {w.casefold() for e in doc.ents if e.label_ in ("PERSON", "ORG") for w in e.text.split()}
    return words[-1].text.casefold() in names


def colon_candidates(doc, text: str, marks: list[QuoteMark]) -> list[Candidate]:
    """Headline-style attributions at the start of a line: `Senator Diaz: Budget is "dead"`."""
    out = []
    table, _ = token_table(doc)
    for tok in tokens_at(doc, table[:, 4] == COLON_ID):
        if tok.text != ":" or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        left = text[line_start:tok.idx]
        words = left.split()
        if not 1 <= len(words) <= 6 or any(ch in left for ch in "?!;:\"“”"):
            continue
        first = doc[tok.i - 1]
        while first.i > 0 and doc[first.i - 1].idx >= line_start:
            first = doc[first.i - 1]
        toks = doc[first.i:tok.i]
        if (any(t.pos_ in ("VERB", "AUX") for t in toks) or not any(t.pos_ in ("PROPN", "NOUN") for t in toks)) \
                and not _name_label(doc, toks):
            continue
        if len(left.strip()) == 1:
            continue  # an interview's "Q:" / "A:": the cues inside the answer carry the attributions
        if not _speaker_label(toks):
            continue
        line_end = text.find("\n", tok.idx)
        line_end = len(text) if line_end < 0 else line_end
        content = trim(text, tok.idx + 1, line_end)
        if content[0] >= content[1]:  # "Analyst Jo Park:" and the quotation below it
            block = next((q for q in marks if q.start >= line_end and not text[line_end:q.start].strip()), None)
            if block is None:
                continue
            content = (block.start, block.end)
        if len(text[content[0]:content[1]].split()) < 3:
            continue
        source = trim(text, line_start, tok.idx)
        in_marks = [q for q in marks if content[0] <= q.start and q.end <= content[1]]
        kind = "direct" if in_marks and covers_share(in_marks[0], [content]) >= 0.9 else "indirect"
        out.append(Candidate((tok.idx, tok.idx + 1), source, [content], kind, "colon-headline",
                             toks.root.i, None, in_marks))
    return out
