"""Cue-verb rules: find attributions around the verbs of `lexicons/quote_verbs.tsv`.

Works on one spaCy Doc. Each cue verb looks for its content among its complements in
the order its frames list (a clause, a to-infinitive, a direct object, the object of
a preposition, an adjacent quotation), and for its source in its subject (climbing
to the governing verb for "…, saying", "and added", "reacted by stating"). Quotations
next to the cue clause (`“…,” she said, “…”`, `he said: “…”`) are its content.
Who speaks (subjects, speaker spans) is decided in `quote_subjects.py`, the word lists
are read in `quote_lexicon.py`, content spans are built in `quote_content.py`; other
patterns are in `quote_patterns.py` (according to, nouns, adjectives) and
`quote_quotations.py` (continuations, colons, headlines).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id

from .quote_content import ADDRESSEE_VERBS, content_root, content_tokens, own_predicate_owner
from .quote_lexicon import hand_frames, hand_verbs, verb_frames
from .quote_marks import QuoteMark, quoted_title
from .quote_agents import stray_agent
from .quote_subjects import (CUE_MODIFIERS, RAISING, SUBJECTS, find_subject, own_passive, quote_mark, raised,
                             stray_subject, subject_range, subject_span, subtree_span, whole_inverted_subject)

PUNCT_TRIM = " \t\n.,;:—–-"
CONTINUATION_MIN_WORDS = 4
MAX_GAP_CHARS = 80
PASSIVE_PREPS = {"as", "of", "with", "for"}  # "was described as X", "was accused of X": part of the content
SHORT_ANSWERS = {"so", "yes", "no"}


@dataclass
class Candidate:
    """One attribution found in a Doc; offsets are characters of the Doc's text."""

    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    kind: str
    rule: str
    source_head: int | None = None  # token index of the source's head word
    verb: int | None = None
    marks: list[QuoteMark] = field(default_factory=list)  # quotations in the content
    follows: "Candidate | None" = None  # for continuations: the candidate continued


OPEN_FRAMES = ("ccomp", "xcomp", "dobj", "pobj:*", "oprd", "acomp")


# -- token pre-filters (one attribute array per Doc instead of a Python object per token) --

TABLE_COLUMNS = (LEMMA, LOWER, POS, DEP, ORTH, HEAD)
_last_table: tuple = (None, None)  # (Doc, its table): the candidate finders of one Doc share it
_casefold_hits: dict[int, tuple[set, set]] = {}  # id of a word set -> (string hashes seen, those in it)
MAX_CASEFOLD_CACHE = 200_000


def token_table(doc) -> tuple[np.ndarray, np.ndarray]:
    """The Doc's LEMMA, LOWER, POS, DEP, ORTH hashes (uint64, one row per token) and the absolute
    index of each token's head."""
    last = _last_table
    if last[0] is doc:
        return last[1]
    table = doc.to_array(list(TABLE_COLUMNS))
    heads = table[:, 5].view(np.int64) + np.arange(len(doc), dtype=np.int64)  # HEAD comes relative
    globals()["_last_table"] = (doc, (table, heads))
    return table, heads


def ids(*strings: str) -> list[int]:
    return [get_string_id(s) for s in strings]


def uids(*strings: str) -> np.ndarray:
    return np.array(ids(*strings), dtype=np.uint64)


def casefold_in(doc, column: np.ndarray, words) -> np.ndarray:
    """Mask of the rows whose string (a hash in `column`) casefolds into `words` (a cached word set)."""
    seen, hits = _casefold_hits.setdefault(id(words), (set(), set()))
    if len(seen) > MAX_CASEFOLD_CACHE:
        seen.clear()
        hits.clear()
    unique = set(np.unique(column).tolist())
    new = unique - seen
    if new:
        strings = doc.vocab.strings
        hits.update(h for h in new if strings[h].casefold() in words)
        seen |= new
    found = unique & hits
    return np.isin(column, list(found)) if found else np.zeros(len(column), dtype=bool)


def tokens_at(doc, mask: np.ndarray):
    for i in np.flatnonzero(mask).tolist():
        yield doc[i]


# -- small helpers -------------------------------------------------------------


def char_span(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.[A-Z]\.|\b(?:Jr|Sr|Inc|Corp|Ltd|Co)\.)$")


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Strip spaces and clause punctuation from both ends (a closing quote mark stays)."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-" or text[s] == "(" and ")" not in text[s:e]):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in PUNCT_TRIM or text[e - 1] == ")" and "(" not in text[s:e]):
        if text[e - 1] == "." and ABBREVIATION_END.search(text, max(s, e - 12), e):
            break  # "… entering the U.S.": the abbreviation keeps its point
        e -= 1
    return s, e


def cue_span(verb, extra: list | None = None) -> tuple[int, int]:
    """The verb with the auxiliaries, negation and adverbs right before it, plus `extra` tokens."""
    doc = verb.doc
    start = verb.i
    left = {c.i for c in verb.children if c.dep_ in CUE_MODIFIERS and c.i < verb.i}
    while start - 1 in left:
        start -= 1
    end = verb.i + 1
    for t in extra or []:
        if t.i == end:
            end += 1
    return char_span(doc, start, end)


# -- the rules -----------------------------------------------------------------


def _clause_tokens(verb, subject, extra) -> tuple[int, int]:
    """Token range of the cue clause: subject, verb and its modifiers, not the content."""
    idx = [verb.i] + [t.i for t in extra]
    if subject is not None and subject.head.i == verb.i:
        s, e = subject_span(subject, verb)
        idx += [s, e - 1]
    for c in verb.children:
        if c.dep_ in CUE_MODIFIERS and (c.i < verb.i or c.n_lefts + c.n_rights == 0) or c.dep_ in ("dative", "npadvmod") or c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "to", "of"):
            s, e = subtree_span(c)
            idx += [s, e - 1]
        if c.dep_ == "dobj" and verb.lemma_ in ADDRESSEE_VERBS:  # "told the board that X": the one spoken to
            s, e = subtree_span(c)
            idx += [s, e - 1]
    return min(idx), max(idx) + 1


def _fronted_piece(text, doc, clause, verb, adjacent, marks):
    """"In other words, she said, “the pier is finished”", "If it rains, he said, “we stay”":
    the words before an interrupting cue clause open what is said when the quotation after
    it goes on with the same sentence (it starts in lower case)."""
    a, b = clause
    sent = verb.sent
    if a - sent.start < 1 or doc[a - 1].text not in (",", "—", "–") or not all(q.start >= doc[b - 1].idx for q in adjacent):
        return None
    first = text[adjacent[0].start:adjacent[0].end].lstrip("“”\"'‘’„«» ")
    if not first[:1].islower():  # the quotation goes on with the sentence: "…, he said, “could be …”"
        return None
    s0, e0 = doc[sent.start].idx, doc[a - 1].idx
    if any(q.start < e0 and q.end > s0 for q in marks):
        return None
    fs, fe = trim(text, s0, e0)
    return (fs, fe) if fe > fs else None


RELATIVES = {"who", "which", "that", "whom"}
# participles that open a list or an example, not a second act of the speaker ("…, she said,
# including X and Y"): the side after the cue clause stays part of the report
LIST_PARTICIPLES = {"including", "excluding", "involving", "regarding", "concerning"}


def _interrupted_pieces(doc, sent, clause, head, tail):
    """The two sides of a report interrupted by its cue clause, unless the side after it is
    a participle of the cue verb ("…, he said, adding that …", "…, she said, citing a poll"):
    then the report is the side before it only."""
    b = clause[1]
    first = next((t for t in doc[b + 1:sent.end] if not (t.is_punct or t.is_space)), None)
    if first is not None and first.tag_ == "VBG" and first.lower_ not in LIST_PARTICIPLES:
        return [head]
    return [head, tail]


def _clause_after_quote(doc, clause, marks, verb, subject) -> tuple[int, int]:
    """The cue clause starts after a quotation that the parser hung on the verb as a modifier
    ("“Honestly,” he continued, “…”", "“To date,” she said, “…”"): that quotation is the
    first fragment of what is said, not part of the clause."""
    a, b = clause
    if a >= verb.i:
        return clause
    start = doc[a].idx
    stop = doc[subject_span(subject, verb)[0]].idx if subject is not None and subject.i < verb.i else verb.idx
    inside = [q for q in marks if q.start <= start < q.end <= stop]
    if not inside:
        return clause
    end = max(q.end for q in inside)
    i = a
    while i < verb.i and (doc[i].idx < end or doc[i].is_punct or doc[i].is_space):
        i += 1
    return (i, b) if i <= verb.i else clause


def _adjacent_marks(text, doc, marks, clause, verb) -> list[QuoteMark]:
    """Quotations ending right before the cue clause or starting right after it."""
    cs, ce = char_span(doc, *clause)
    sent = verb.sent
    out = []
    for q in marks:
        if q.end <= cs and cs - q.end <= 3 and not text[q.end:cs].strip(" ,—–-"):
            out.append(q)
        elif q.start >= ce and q.start - ce <= 3 and text[ce:q.start].strip() in (",", ":", "", "—", "–"):
            if text[ce:q.start].strip() == "" and q.start > sent.end_char:
                continue
            out.append(q)
        elif ce <= q.start and q.start - ce <= MAX_GAP_CHARS and text[ce:q.start].rstrip().endswith(":") \
                and "\n" not in text[ce:q.start] and q.start <= sent.end_char + 2:
            out.append(q)
        elif ce <= q.start and text[ce:q.start].strip() == ":":  # block quote in the next paragraph
            out.append(q)
    return out


def _topic_dropped(content, frame, adjacent, clause_start):
    """`“…,” Lund said with a shrug` / `asked about the plan`: after a quotation that opens the
    sentence, the verb's `with`/`about` object is the manner or the topic, not more of the quote."""
    if frame in ("pobj:with", "pobj:about") and all(q.end <= clause_start for q in adjacent):
        return [p for p in content if p[1] <= clause_start]
    return content


def _title_piece(text: str, marks, piece) -> bool:
    """A content piece that is only a quoted title (`said on the station's “Harbour Hour.”`, parsed as
    the verb's clause): part of the cue's circumstances, not what was said."""
    return any(q.start <= piece[0] and piece[1] <= q.end and quoted_title(text, q) for q in marks)


def _quoted_phrase_before(text: str, q: QuoteMark, verb) -> bool:
    """A quotation set off by a comma right before ", saying that X" / ", adding that X" (a
    title, a slogan, a word someone used): it ends the clause the participle hangs on,
    and the participle's own report follows it."""
    if verb.tag_ != "VBG":
        return False
    return q.last_point(text) == "," or text[q.end:verb.idx].lstrip().startswith(",")


def _closes_sentence(text: str, q: QuoteMark) -> bool:
    inner = text[q.start:q.end].rstrip("”\"' ")
    return inner.endswith((".", "?", "!"))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _extend_to_marks(spans, marks):
    """Grow content spans that cut into a quotation to the whole quotation."""
    out = []
    for s, e in spans:
        for q in marks:
            if q.start < s < q.end:
                s = q.start
            if q.start < e < q.end:
                e = q.end
        out.append((s, e))
    return _merge(out)


def _has_that_clause(verb) -> bool:
    """Any verb with a subject and a "that"/"whether" clause after it attributes that clause."""
    if verb.lemma_ in ("be", "have", "do", "get"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "this", "there") for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(g.dep_ == "mark" and g.lower_ in ("that", "whether")
                                                           for g in c.children) for c in verb.children)


def verb_candidates(doc, text: str, marks: list[QuoteMark], open_frames: bool = False,
                    tokens=None) -> list[Candidate]:
    """Attributions around cue verbs. `open_frames` tries every verb with every frame
    (used only to learn which verbs and frames the annotations support, and by
    `quote_verbs_scored.py`), or only the `tokens` given."""
    frames_of = verb_frames()
    out = []
    mark_starts = [q.start for q in marks]  # marks come sorted by start
    for verb in (tokens if tokens is not None else doc if open_frames else _cue_verbs(doc, frames_of)):
        if verb.pos_ not in ("VERB", "AUX") and verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB") \
                and not verbal_noun(verb):
            continue
        frames = frames_of.get(verb.lemma_.casefold())
        if not frames and _has_that_clause(verb):
            frames = ("ccomp",)
        hand = hand_frames().get(verb.lemma_.casefold()) if open_frames else None
        if hand:  # learning: a hand verb's own frames first, then every other frame
            frames = hand + tuple(f for f in OPEN_FRAMES if f not in hand)
        if open_frames and not frames and verb.pos_ == "VERB":
            frames = OPEN_FRAMES
        if not frames or verb.dep_ in ("amod", "compound", "acl") and verb.tag_ == "VBN":
            continue
        owner = own_predicate_owner(verb)
        subject = find_subject(verb if owner is None else owner)
        stray = stray_subject(verb, marks, text) if subject is None else whole_inverted_subject(verb, subject, marks, text)
        if stray is not None and subject is not None:
            subject = None  # "“…,” said Army Capt. Ana Berg, a ferry pilot.": the whole phrase, not the parse's subtree
        root, extra, frame = content_root(verb, frames, subject if stray is None else stray[2])
        clause = _clause_tokens(verb, subject, extra)
        if stray is not None and stray[0] < clause[0]:
            clause = (stray[0], clause[1])  # the stray speaker before the verb is part of the cue clause
        clause = _clause_after_quote(doc, clause, marks, verb, subject)
        content: list[tuple[int, int]] = []
        rule = frame
        if root is not None:
            for s, e in content_tokens(verb, root, frame, subject, text):
                cs, ce = trim(text, *char_span(doc, s, e))
                if ce > cs:
                    content.append((cs, ce))
            content = [p for p in content if not _title_piece(text, marks, p)]
        # quotations next to the clause: always for "“…,” she said", and after the verb
        # only when no reported clause follows it already
        if "quote" in frames or frame == "ccomp" or stray is not None and stray[0] == verb.i + 1:
            after_ok = root is None or root.i < verb.i
            cs = char_span(doc, *clause)[0]
            adjacent = [q for q in _adjacent_marks(text, doc, marks, clause, verb) if after_ok or q.end <= cs
                        and not _closes_sentence(text, q) and not _quoted_phrase_before(text, q, verb)]
            adjacent = [q for q in adjacent if not quoted_title(text, q)]  # "on the station's “Harbour Hour”"
            # "“… .” She noted that X": X is hers, the quote is not
            if adjacent:
                content = _topic_dropped(content, frame, adjacent, cs)
                content += [(q.start, q.end) for q in adjacent]
                rule = rule + "+quote" if rule else "quote"
                front = _fronted_piece(text, doc, clause, verb, adjacent, marks) if (
                    subject is not None and subject.head.i == verb.i or stray is not None) else None
                if front is not None:
                    content.append(front)
                    rule += "+front"
        if not content and verb.lemma_ == "say":  # "half said so", "75 percent said yes"
            short = next((c for c in verb.children if c.i == verb.i + 1 and c.lower_ in SHORT_ANSWERS), None)
            if short is not None:
                content, rule = [char_span(doc, short.i, short.i + 1)], "short"
        if not content and verb.dep_ == "advcl" and verb.head.i > verb.i and "ccomp" in frames \
                and verb.lemma_.casefold() in hand_verbs() and any(
                c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
            # "As the Post reported, X …": the main clause is the report
            a, b = verb.right_edge.i + 1, min(verb.head.right_edge.i + 1, verb.sent.end)
            own = _own_complement(verb)
            if own is not None:  # "As the judge read her ruling, …": the object is what is read
                a, b = subtree_span(own)
            cs, ce = trim(text, *char_span(doc, a, b)) if b > a else (0, 0)
            if ce - cs > 10 or own is not None and ce > cs:
                content, rule = [(cs, ce)], "as-clause" if own is None else "as-object"
                if not any(c.dep_ in SUBJECTS for c in verb.children):
                    subject = None  # "As reported by X": the agent, below
        if not content and "fronted" in frames and subject is not None and verb.i > subject.i:
            # "…, the minister said." parsed with the report as the main clause
            sent = verb.sent
            tail = [t for t in doc[clause[1]:sent.end] if not (t.is_punct or t.is_space)]
            if clause[0] - sent.start >= 3 and len(tail) <= 4 and doc[clause[0] - 1].text in (",", "—", "–"):
                cs, ce = trim(text, *char_span(doc, sent.start, clause[0]))
                if ce > cs:
                    content.append((cs, ce))
                    rule = "fronted"
        if not content and subject is not None and own_passive(verb, subject) and subject.i < verb.i \
                and verb.lemma_.casefold() in hand_verbs() and ("dobj" in frames or "oprd" in frames or any(
                    c.i > verb.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")
                    for c in verb.children)):
            # "Both attacks were claimed by the group", "He was described as X": the subject is the content
            pieces = [subject_span(subject)]
            rest = next((c for c in verb.children if c.i > verb.i and (c.dep_ in ("oprd", "xcomp")
                         or c.dep_ == "prep" and c.lower_ in PASSIVE_PREPS)), None)
            if rest is not None:
                pieces.append(subtree_span(rest))
            for a, b in pieces:
                cs, ce = trim(text, *char_span(doc, a, b))
                if ce > cs:
                    content.append((cs, ce))
            rule = "passive"
        if "ccomp" in frames and subject is not None and verb.i > subject.i and subject.lower_ not in RELATIVES:
            # "The plan, the minister said, will cost more": the report around the cue clause
            # (not "Lund, who backed the plan, will run": a relative clause interrupts nothing)
            sent = verb.sent
            a, b = _fronted_phrase_out(doc, clause, subject, verb) if root is None else clause
            if a - sent.start >= 2 and b < sent.end - 2 and doc[a - 1].text == "," and doc[b].text == "," \
                    and not marks_near(marks, doc, clause):
                head = trim(text, *char_span(doc, sent.start, a))
                tail = trim(text, *char_span(doc, b, sent.end))
                if head[1] > head[0] and tail[1] > tail[0] and not any(quote_mark(t) for t in doc[sent.start:a]):
                    content = _interrupted_pieces(doc, sent, clause, head, tail)
                    rule = "interrupted"
        if not content or root is not None and frame != "ccomp" and root.pos_ == "PRON" and root.n_lefts + root.n_rights == 0 \
                and len(content) == 1 and verb.lemma_ != "say" and content[0][1] - content[0][0] <= len(root.text) \
                and not _stance_pronoun(verb, root):
            continue  # "urged him", "thank you": an addressee, not a content
        cue = cue_span(verb, extra)
        content = _extend_to_marks(content, [q for q in marks if not (q.start <= cue[0] < q.end)])
        content = [piece for c in content for piece in cut_span(c, cue)]  # never swallow the cue
        if subject is not None:
            ss, se = char_span(doc, *subject_range(subject, verb))
            if any(s < doc[subject_span(subject, verb)[0]].idx and e > ss for s, e in content):
                ss, se = char_span(doc, *subject_span(subject, verb))  # "Or maybe Lund, Berg says": Lund is said
            if verb.lemma_ in RAISING:  # "X seems like Y", "X appears poised to …": nobody is quoted
                source, source_head = None, None
            elif not own_passive(verb, subject) and not (frame == "xcomp" and raised(verb, subject)):
                content = [piece for c in content for piece in cut_span(c, (ss, se))]
                source, source_head = trim(text, ss, se), subject.i
            else:
                source, source_head = _agent(verb, text)
                if source is None and own_passive(verb, subject):
                    source, source_head, content = stray_agent(verb, text, content)
        elif rule == "as-clause":
            source, source_head = _agent(verb, text)
        elif stray is not None:  # a subject the parser hung elsewhere (`stray_subject`)
            ss, se = char_span(doc, stray[0], stray[1])
            content = [piece for c in content for piece in cut_span(c, (ss, se))]
            source, source_head = trim(text, ss, se), stray[2].i
        else:
            source, source_head = None, None
        content = [trim(text, s, e) for s, e in content]
        content = [(s, e) for s, e in content if e > s]
        if not content:
            continue
        in_marks = [q for s, e in content for q in marks[bisect_left(mark_starts, s):bisect_left(mark_starts, e)]
                    if q.end <= e]
        kind = "direct" if in_marks and any(covers_share(q, content) >= 0.9 for q in in_marks) else (
            "partial" if in_marks else "indirect")
        out.append(Candidate(cue, source, content, kind, f"{verb.lemma_}-{rule}", source_head, verb.i, in_marks))
    return out


def _own_complement(verb):
    """"As the judge read her ruling, …", "as the council goes on weighing X, …": an `as` clause
    whose verb has a complement of its own (an object other than the one addressed, an
    infinitive) reports that complement, not the main clause after it."""
    return next((c for c in verb.children if c.i > verb.i and (
        c.dep_ == "xcomp" or c.dep_ == "dobj" and verb.lemma_ not in ADDRESSEE_VERBS)), None)


def verbal_noun(tok) -> bool:
    """A cue verb the tagger made a noun at the root of its sentence ("Lund claims she is ready",
    "the pilots plan to reopen X", "the figures point to X"): a subject before it, no
    determiner or modifier of a noun, and a complement after it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "ROOT" or (tok.is_title and tok.i > tok.sent.start):
        return False
    children = list(tok.children)
    return not any(c.dep_ in NOUN_MODIFIERS for c in children) \
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in children) \
        and any(c.i > tok.i and c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "acl") for c in children)


NOUN_MODIFIERS = ("det", "poss", "amod", "compound", "nummod")


def _cue_verbs(doc, frames_of):
    """The tokens that can be cue verbs: a lemma of the lexicon, or the head of a "that"/"whether"
    clause (`_has_that_clause`); a superset, the rules check the rest."""
    table, heads = token_table(doc)
    mask = casefold_in(doc, table[:, 0], frames_of)
    marks = np.flatnonzero((table[:, 3] == MARK_ID) & np.isin(table[:, 1], THAT_IDS))
    if len(marks):
        clauses = heads[marks]
        clauses = clauses[table[clauses, 3] == CCOMP_ID]
        mask[heads[clauses]] = True
    return tokens_at(doc, mask)


MARK_ID, CCOMP_ID = ids("mark", "ccomp")
THAT_IDS = uids("that", "whether")


OBJECT_PRONOUNS = {"him", "her", "them", "it", "me", "us", "what"}
GREETING_VERBS = {"thank", "congratulate", "greet", "welcome"}  # "thanked them": the one addressed


def _stance_pronoun(verb, root) -> bool:
    """"endorsed her", "agree with him", "what I talk about": a bare pronoun is what a stance or
    topic verb is about (PolNeAR annotates it); reflexives, quantifiers and the addressee of a
    speech verb ("urged him", "thank you") are not."""
    return (root.lower_ in OBJECT_PRONOUNS or root.i < verb.i and root.lower_ == "which" and root.dep_ == "dobj") \
        and verb.lemma_.casefold() not in ADDRESSEE_VERBS | GREETING_VERBS


def _fronted_phrase_out(doc, clause, subject, verb) -> tuple[int, int]:
    """"At times last year, people close to her said, X": a phrase set off by a comma before the
    subject that the parser hung on the cue verb opens the report, not the cue clause."""
    a, b = clause
    start = subject_span(subject, verb)[0] if subject.head.i == verb.i else subject.i
    if a < start and doc[start - 1].text == "," and start < verb.i:
        return start, b
    return a, b


def marks_near(marks, doc, clause) -> bool:
    """A quotation touching the cue clause (then the quotation rules handle it)."""
    cs, ce = char_span(doc, *clause)
    return any(q.end <= cs and cs - q.end <= 3 or q.start >= ce and q.start - ce <= 3 for q in marks)


def _agent(verb, text):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return trim(text, *char_span(verb.doc, *subtree_span(g))), g.i
    return None, None


def covers_share(q: QuoteMark, content) -> float:
    total = sum(e - s for s, e in content)
    return (q.end - q.start) / total if total else 0.0


def cut_span(span, hole):
    s, e = span
    hs, he = hole
    if he <= s or hs >= e:
        return [span]
    out = []
    if hs > s:
        out.append((s, hs))
    if he < e:
        out.append((he, e))
    return out


