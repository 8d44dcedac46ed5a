"""Who speaks: the subject of a cue verb and the span of the speaker's phrase.

`find_subject` climbs from participles, conjoined and subordinate verbs to the verb
that has the subject ("…, adding …", "and said …", "reacted by stating"); `stray_subject`
finds a speaker the parser hung elsewhere (`“…,” added Lund.`, `Berg, head of the board,
wrote`); `subject_span` cuts the phrase at quotation marks that are not part of a quoted
name. Used by the cue-verb rules (`quote_rules.py`) and the patterns (`quote_patterns.py`).
"""

from __future__ import annotations

from .quote_lexicon import causative_verbs, control_nouns, hand_verbs, holder_verbs, vehicle_nouns

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLIMB = {"xcomp", "conj", "advcl", "ccomp", "pcomp"}
NOMINAL_CLIMB = {"dobj", "pobj", "prep", "attr", "acomp", "advmod", "npadvmod", "oprd"}
CUE_MODIFIERS = {"aux", "auxpass", "neg", "advmod"}
RAISING = {"seem", "appear"}
PASSIVE_ASKED = {"ask", "question", "press", "pressed"}  # "Asked about X, …" / "When pressed, …"


def subtree_span(tok) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def find_subject(verb, depth: int = 0):
    """The subject of the verb, or of the verb it hangs from ("…, adding …", "and said …")."""
    doc = verb.doc
    subjects = []
    for c in verb.children:
        if c.dep_ in SUBJECTS and c.lower_ != "there" and not (c.lower_ == "it" and verb.lemma_ in RAISING):
            lo, hi = sorted((c.i, verb.i))
            between = [t for t in doc[lo:hi] if quote_mark(t) and not _title_mark(t)]
            if not between or len(between) % 2 == 0 and c.i < verb.i and _paired(between):
                # a subject inside a quotation is a parse slip; a quoted title inside it is not
                subjects.append(c)
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for c in verb.children:  # passive with an agent: "was criticized by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "conj") and verb.head.i < verb.i and depth < 3:
        tag = _tag_between(verb)
        if tag is not None:
            return find_subject(tag, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        governor = noun_governor(noun)
        if depth < 3 and noun.dep_ in ("dobj", "pobj") and (noun.lemma_.casefold() in vehicle_nouns()
                                                          or noun.dep_ == "dobj" and governor.lemma_.casefold() in hand_verbs()):
            # "X issued a statement saying …", "X emailed supporters saying …": X speaks
            if governor.pos_ in ("VERB", "AUX") and governor.i != noun.i:
                found = find_subject(governor, depth + 1)
                if found is not None:
                    return found
        doer = _participle_doer(verb, noun, depth)
        if doer is None:
            doer = _issued_thing_doer(verb, noun, depth)
        if doer is not None:
            return doer
        return noun  # "the group backing the bill", "Ana Costa, saying …"
    if depth < 3 and verb.dep_ in ("acl", "relcl") and verb.tag_ == "VB" and verb.head.pos_ == "NOUN" \
            and verb.head.lower_ in control_nouns() and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "Lund's attempt to deflect …" (the owner), "Lund made an attempt to deflect …" (who made it)
        noun = verb.head
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        governor = noun_governor(noun)
        if noun.dep_ in ("dobj", "attr", "pobj") and governor.pos_ in ("VERB", "AUX") and governor.i != noun.i:
            return find_subject(governor, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.lemma_.casefold() in causative_verbs():
        # "the leak led Schultz to announce …": the one led speaks
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None:
            return obj
    if depth < 3 and verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head.i != verb.head.i:
        return find_subject(verb.head.head, depth + 1)  # "were more likely to say"
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "reacted by stating"
        return find_subject(verb.head.head, depth + 1)
    if (verb.tag_ == "VBN" or _asked_as_past(verb)) and verb.lemma_ in PASSIVE_ASKED and depth == 0 and not any(
            c.dep_ in ("auxpass", "aux") for c in verb.children):
        return None  # "Asked about X, Ryan said …": Ryan was asked; the asker goes unnamed
    if verb.dep_ in CLIMB and verb.head.i < verb.i and _name_after_quote(verb) is not None:
        return None  # `“We were wrong,” Ramos, 58, told AFP`: not the quotation's own subject (`stray_subject`)
    if depth < 3 and verb.dep_ == "acomp" and verb.lemma_ in holder_verbs() and verb.head.pos_ in ("VERB", "AUX"):
        return find_subject(verb.head, depth + 1)  # "Lund is convinced that …" read as a copula and an adjective
    if verb.dep_ == "conj" and _finite(verb):
        split = _split_subject(verb)
        if split is not None:
            return split
    if depth < 3 and verb.dep_ == "conj" and verb.tag_ in FINITE and not _finite(verb.head):
        partner = _finite_partner(verb)
        if partner is not None:
            return find_subject(partner, depth + 1)
    absolute = _absolute_subject(verb)
    if absolute is not None:
        return absolute
    nearer = _nearer_clause_subject(verb) if depth == 0 else None
    if nearer is not None:
        return nearer
    if depth < 3 and verb.dep_ in CLIMB and verb.head.i != verb.i:
        return find_subject(verb.head, depth + 1)
    if 0 < depth < 4 and verb.pos_ in ("NOUN", "ADJ", "ADV"):
        # reached from "… in denouncing", "… of blaming": the noun's owner, else the verb it hangs from
        # ("Lund has a long history of blaming …", "was the most aggressive in denouncing …")
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        x = verb
        for _ in range(4):
            if x.dep_ not in NOMINAL_CLIMB or x.head.i == x.i:
                break
            x = x.head
            if x.pos_ in ("VERB", "AUX"):
                found = find_subject(x, depth + 1)
                return None if found is None or found.lower_ in NOT_SPEAKERS else found  # "It is too soon to say …"
    return None


SPEND_VERBS = {"spend", "have", "take", "waste", "devote"}
PERSON_ENTS = ("PERSON", "ORG", "NORP", "GPE")


def _participle_doer(verb, noun, depth: int):
    """A participle the parser hung on a thing rather than on the person acting:
    `Lund made a third attempt to X, writing that …` (set off by a comma after an object),
    `Berg spent much of her speech defending X`, `Lund had a hard time vetoing X` (the object of
    spend/have/take): the subject of the verb that governs the noun."""
    if depth >= 3 or noun.pos_ != "NOUN" or noun.ent_type_ in PERSON_ENTS or noun.dep_ not in ("dobj", "pobj", "attr"):
        return None
    doc = verb.doc
    top = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj" else noun
    if doc[verb.i - 1].text == "," and verb.left_edge.i == verb.i:
        governor = noun_governor(noun)  # "made a third attempt to X, writing …"
    elif top.dep_ == "dobj" and top.head.lemma_ in SPEND_VERBS and verb.i > noun.i:
        governor = top.head  # "spent much of the speech defending …", "had a hard time vetoing …"
    else:
        return None
    if governor.pos_ not in ("VERB", "AUX") or governor.i > noun.i:
        return None
    found = find_subject(governor, depth + 1)
    return None if found is None or found.lower_ in ("it", "this", "there") else found


def _absolute_subject(verb):
    """A participle whose doer the parser left as an object before it: `… ended with Berg
    asking X` (the object of `with`), `has left many voters, including X, wondering Y` (the object
    of `leave`/`keep`)."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp") or verb.head.i > verb.i:
        return None
    doc = verb.doc
    obj = doc[verb.i - 1]
    while obj.head.i != obj.i and obj.head.i < verb.i and obj.dep_ != "pobj":
        obj = obj.head
    if obj.dep_ == "pobj" and obj.head.lower_ == "with" and obj.right_edge.i == verb.i - 1 and obj.pos_ in ("PROPN", "NOUN", "PRON"):
        return obj
    if verb.head.lemma_ in ("leave", "keep"):
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        gap = doc[obj.right_edge.i + 1:verb.i] if obj is not None else ()
        if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON") and all(t.is_punct for t in gap) and (
                not gap or any(t.text == "," for t in obj.subtree)):  # a comma only to close "…, including X,"
            return obj
    return None


def _name_after_quote(verb):
    """(start, end, head) of `Ramos, 58,` in `“We were wrong,” Ramos, 58, told AFP`: the parser hung
    the cue verb on the verb inside the quotation before it (as a conjunct or a clause of it); the
    speaker is the noun phrase between the closing mark and the cue verb."""
    doc = verb.doc
    sent = verb.sent
    k = verb.i
    while k - 1 > sent.start and doc[k - 1].head.i == verb.i and doc[k - 1].dep_ in CUE_MODIFIERS:
        k -= 1  # "Ramos later told"
    end = k
    while end - 1 > sent.start and doc[end - 1].text == ",":
        end -= 1
    c = next((j for j in range(end - 1, max(sent.start, end - MAX_STRAY) - 1, -1) if quote_mark(doc[j])), None)
    if c is None or c <= sent.start or doc[c - 1].text not in (",", "?", "!", ".", "—", "–") or not verb.head.i < c:
        return None
    start = c + 1
    if start < end and doc[start].text == ",":
        start += 1
    if start >= end:
        return None
    first = doc[start]
    if first.pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON") or first.lower_ in NOT_SPEAKERS \
            or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in doc[start:end]):
        return None
    return start, end, doc[start:end].root


def _tag_between(verb):
    """`“Too much hate,” she said, blaming X`: the parser hung the participle on a word inside the
    quotation before it; the speech tag between the closing mark and the participle (a verb with
    its own subject) is what the participle goes with."""
    doc = verb.doc
    sent = verb.sent
    for j in range(verb.i - 1, max(sent.start, verb.head.i), -1):
        if quote_mark(doc[j]):
            if doc[j - 1].text not in (",", "?", "!", ".", "—", "–"):
                return None
            return next((t for t in doc[j + 1:verb.i] if t.pos_ in ("VERB", "AUX") and t.tag_ in FINITE
                         and any(c.dep_ in SUBJECTS and c.i > j for c in t.children)), None)
    return None


def _quoted_subject(subject, verb) -> bool:
    """`“Meh,” wrote a reader`, `“…, Mr. President,” Cohen told him`: the parser took a word inside
    the quotation before the verb for its subject (an odd number of quotation marks between)."""
    if subject.i > verb.i:
        return False
    marks = [t for t in verb.doc[subject.i:verb.i] if quote_mark(t) and not _title_mark(t)]
    return len(marks) % 2 == 1


def _split_subject(verb):
    """`Lund backed the plan and Berg opposed it`, `Most said A and others have said B`: the parser
    joined the second subject to the first clause's object and left the second verb without one.
    The noun phrase after `and`/`but` right before the verb (a comma-set aside may sit between)."""
    doc = verb.doc
    k = verb.i
    while k - 1 > verb.head.i and doc[k - 1].head.i == verb.i and doc[k - 1].dep_ in CUE_MODIFIERS:
        k -= 1
    p = k - 1
    if doc[p].text == ",":  # "and Cruz, as he has in the past, opposed …"
        p = next((j for j in range(p - 1, max(verb.head.i, p - 12), -1) if doc[j].text == ","), None)
        if p is None:
            return None
        p -= 1
    t = doc[p]
    while t.dep_ not in ("conj", "ROOT") and t.head.i < verb.i and t.head.i != t.i and t.head.right_edge.i == p:
        t = t.head
    if t.dep_ != "conj" or t.pos_ not in ("PROPN", "NOUN", "PRON") or t.right_edge.i != p or t.head.dep_ in SUBJECTS \
            or t.left_edge.i < 1 or doc[t.left_edge.i - 1].lower_ not in ("and", "but") or t.head.i < verb.head.i:
        return None
    return t


def _finite(verb) -> bool:
    return verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE + ("MD",) for c in verb.children)


def _finite_partner(verb):
    """`Romney ran on his ability to jolt X and accused Y`, `Politicizing X, Trump cast the blame on Y,
    and emphasized Z`: a finite verb the parser joined to an infinitive or a participle goes with the
    nearest finite verb before it that has a subject (above it, or joined to the same word)."""
    head = verb.head
    options = [head] + list(head.ancestors) + [c for c in head.children if c.dep_ == "conj" and c.i < verb.i]
    options = [t for t in options if t.i < verb.i and t.pos_ in ("VERB", "AUX") and _finite(t)
               and any(c.dep_ in SUBJECTS for c in t.children)]
    return max(options, key=lambda t: t.i) if options else None


def _holder_passive(verb) -> bool:
    """`X is convinced that Y`, `X are split on whether Y`, `X were thrilled with Y`: the passive
    subject holds the view (no agent named; `holder` rows of `quote_nouns.tsv`)."""
    return verb.lemma_ in holder_verbs() and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children)


def _asked_as_past(verb) -> bool:
    """`Asked what X, Lund said …`, `When asked about X, …`: the tagger read the participle of a
    subjectless adverbial clause as a past tense."""
    return verb.tag_ == "VBD" and verb.dep_ == "advcl" and verb.head.i > verb.i


FINITE = ("VBD", "VBZ", "VBP")
OPENERS = (",", "—", "–", "-", "(")
NOT_SPEAKERS = {"who", "which", "that", "it", "this", "there"}
MAX_STRAY = 45  # tokens


def stray_subject(verb, marks=(), text: str = ""):
    """(start, end, head) tokens of a subject the parser did not hang on the finite cue verb:
    after it when a quotation that opens a sentence ends right before it (`“…,” added Lund.`,
    `“…,” said Ana Berg, a nurse.`), or before it when it has none (`Berg, a nurse from Vigo,
    said`, `In a letter to the board, Berg, its chair, wrote`). None when nothing fits."""
    sent = verb.sent
    fronted = _fronted_appos_subject(verb)
    if fronted is not None:
        return fronted
    after_quote = verb.i + 1 < sent.end and _quote_before(verb) is not None
    if verb.tag_ not in FINITE and not (after_quote and verb.tag_ == "VB" and verb.dep_ == "ROOT") \
            or verb.lemma_ in RAISING or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and not _quoted_subject(c, verb)
                                             for c in verb.children):
        return None  # (a bare "read" after a quotation is the past tense: "“…,” read the sign.")
    if after_quote:
        return _inverted_subject(verb, marks, text)
    if verb.dep_ != "ROOT":
        return _participle_root_subject(verb) or _name_after_quote(verb)
    return _subject_before(verb)


def _participle_root_subject(verb):
    """`Activists hoping to block X say …`, `Majorities of voters going to the polls say …`: the
    parser made the participle the root (with the subject) and hung the finite cue verb on it as a
    bare `dep`. The speaker is the subject phrase with its participle, up to the cue verb."""
    head = verb.head
    if verb.dep_ != "dep" or head.dep_ != "ROOT" or head.tag_ not in ("VBG", "VBN") or head.i > verb.i:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i), None)
    if subject is None or subject.lower_ in NOT_SPEAKERS or any(c.dep_ == "aux" or c.dep_ == "auxpass" for c in head.children):
        return None
    doc = verb.doc
    end = verb.i
    while end - 1 > head.i and (doc[end - 1].dep_ in CUE_MODIFIERS or doc[end - 1].is_punct):
        end -= 1
    if any(quote_mark(t) or t.text in (";", ":") for t in doc[subject.left_edge.i:end]):
        return None
    return subject.left_edge.i, end, subject


def _subject_before(verb):
    """`stray_subject` before the verb: a parenthesis-bearing noun phrase or a bare one."""
    doc = verb.doc
    sent = verb.sent
    # before the verb: skip its own adverbs, auxiliaries and time words, then a comma or dash closing a parenthesis
    k = verb.i
    left = {t.i for c in verb.children if c.i < verb.i and (c.dep_ in CUE_MODIFIERS or c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))
            for t in c.subtree}
    while k - 1 in left:
        k -= 1
    p = k - 1
    if p <= sent.start:
        return None
    if doc[p].text in (",", "—", "–", "-", ")"):
        end = p + 1 if doc[p].text == ")" else p
        for n in range(max(sent.start, p - MAX_STRAY), p):  # the leftmost noun phrase that opens a parenthesis and a clause
            tok = doc[n]
            if tok.pos_ not in ("PROPN", "NOUN", "PRON") or tok.lower_ in NOT_SPEAKERS or doc[n + 1].text not in OPENERS \
                    or n + 1 >= end or tok.ent_type_ in ("DATE", "TIME") or any(quote_mark(t) for t in doc[n:end]):
                continue
            start = n
            while start - 1 >= sent.start and doc[start - 1].dep_ in ("compound", "amod", "det", "poss", "case", "nmod", "nummod") \
                    and n in [a.i for a in doc[start - 1].ancestors]:
                start -= 1
            if _opens_phrase(doc, start, sent):
                return start, end, tok
        return None
    tok = doc[p]
    if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("pobj", "compound", "poss", "dobj") and tok.lower_ not in NOT_SPEAKERS \
            and tok.ent_type_ not in ("DATE", "TIME"):
        start = tok.left_edge.i
        if not _opens_phrase(doc, start, sent) or any(t.text in (",", "—", "–") or quote_mark(t) for t in doc[start:p]):
            return None
        return start, p + 1, tok
    return None


def whole_inverted_subject(verb, subject, marks, text):
    """The speaker phrase after a cue verb that follows a quotation (`_inverted_subject`) when it
    holds the parsed subject but reaches further (titles, names and appositions the parser cut)."""
    if subject.i < verb.i or subject.head.i != verb.i or subject.pos_ not in ("PROPN", "NOUN") or verb.tag_ not in FINITE \
            or _quote_before(verb) is None:
        return None
    found = _inverted_subject(verb, marks, text)
    if found is None or not found[0] <= subject.i < found[1]:
        return None
    s, e = subject_span(subject, verb)
    return found if found[1] > e or found[0] < s else None


def _quote_before(verb) -> int | None:
    """The token index of the quotation mark right before the verb, or right before a comma
    that is right before it (`“…” said X`, `“…,” said X`)."""
    doc, i = verb.doc, verb.i
    if i >= 1 and quote_mark(doc[i - 1]):
        return i - 1
    if i >= 2 and doc[i - 1].text == "," and quote_mark(doc[i - 2]):
        return i - 2
    return None


def noun_governor(noun):
    """The word a noun depends on, through its preposition when it is one's object
    ("issued a statement": issued; "in a statement": the word the phrase hangs on)."""
    return noun.head.head if noun.dep_ == "pobj" else noun.head


def _opens_phrase(doc, start: int, sent) -> bool:
    """Token `start` begins a clause-level phrase: the sentence start, or after a comma, dash,
    colon, line break, quotation mark or conjunction."""
    if start == sent.start:
        return True
    before = doc[start - 1]
    return before.text in (",", "—", "–", "-", "(", ":", ";") or "\n" in before.text or quote_mark(before) \
        or before.pos_ == "CCONJ"


def _inverted_subject(verb, marks, text):
    """`“…,” added Lund.`: the noun phrase after the verb, up to the sentence end or a participle
    (`said Berg, adding …`), when the quotation before it opens its sentence."""
    doc = verb.doc
    sent = verb.sent
    mark = doc[_quote_before(verb)]
    q = next((q for q in marks if q.start < mark.idx < q.end or q.end == mark.idx + len(mark.text)), None)
    if q is None or text[:q.start].rstrip()[-1:] not in ("", ".", "!", "?", ":", "”", '"', "'", "\n") and "\n" not in text[max(0, q.start - 3):q.start]:
        return None
    first = doc[verb.i + 1]
    if first.pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON") or first.lower_ in NOT_SPEAKERS:
        return None
    end = verb.i + 1
    while end < sent.end and end - verb.i <= MAX_STRAY:
        t = doc[end]
        if t.text in ("?", "!", ";", ":") or "\n" in t.text or t.text == "." and all(
                x.is_punct or x.is_space for x in doc[end + 1:sent.end]):  # not the point of "Capt."
            break
        if t.text == "," and end + 1 < sent.end and (doc[end + 1].tag_ in ("VBG", "VBN", "VBD", "VBZ") or quote_mark(doc[end + 1])):
            break
        if end > verb.i + 1 and t.head.i == verb.i and (t.dep_ in ("npadvmod", "advcl") or t.dep_ == "prep" and not any(
                g.dep_ == "pobj" and g.pos_ == "PROPN" for g in t.children)):
            break  # "said Lund in a statement", "said Lund on Monday"
        end += 1
    if end - verb.i > MAX_STRAY:
        return None
    head = doc[verb.i + 1:end].root
    if head.pos_ in ("VERB", "AUX"):
        head, end = _name_before_clause(verb, head, end)
    if head is None or head.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "DET"):
        return None
    return verb.i + 1, end, head


def _name_before_clause(verb, clause, end: int):
    """`“…,” said Ana Berg, half joking.` / `said Ana Berg, who chairs the board.`: the parser made
    the name the subject of the clause after it; the speaker is that name, up to its comma."""
    doc = verb.doc
    for c in doc[verb.i + 1:end]:
        if c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == verb.i + 1 and c.head.i == clause.i:
            e = next((t.i for t in doc[c.i + 1:end] if t.text == ","), end)
            if e < end and all(t.dep_ in ("compound", "amod", "det", "nummod", "punct", "poss", "case") or t.i == c.i
                               for t in doc[verb.i + 1:e]):
                return c, end if e + 1 < end and doc[e + 1].lower_ in ("who", "whose") else e  # a relative clause stays
    return None, end


def quote_mark(tok) -> bool:
    """A quotation mark token; not the apostrophe of a plural possessive ("Gates' work",
    "Sanders’ aides", which the tagger may call a closing quote but attaches as `case`)."""
    if not tok.is_quote or tok.tag_ == "POS" or tok.dep_ == "case":
        return False
    doc = tok.doc
    return not (tok.text in ("'", "’") and 0 < tok.i < len(doc) - 1 and not doc[tok.i - 1].whitespace_
                and doc[tok.i - 1].text[-1:] in ("s", "S") and tok.whitespace_ and doc[tok.i + 1].pos_ in ("NOUN", "ADJ"))


def _paired(marks) -> bool:
    """Quote-mark tokens that open and close in turn ("Smith, host of “The Show,” said")."""
    return all(a.text not in "”’" for a in marks[::2]) and all(b.text not in "“‘" for b in marks[1::2])


def _title_mark(tok) -> bool:
    """A quote mark of a title inside the subject ("author of “The Last Ferry,” said"):
    the quotation it belongs to opens right after a preposition."""
    doc = tok.doc
    return any(quote_mark(doc[i]) and doc[i - 1].pos_ == "ADP" for i in range(tok.i, max(0, tok.i - 12), -1))


MAX_TITLE = 8  # tokens inside a quoted name


def _title_quote(doc, i: int, lo: int, hi: int, before: bool = False) -> tuple[int, int] | None:
    """(opening, closing) mark tokens of a short quoted name in capitals ("“Going Viral,”",
    "“The Apprentice”") inside tokens [lo, hi): the mark at `i` opens it, or closes it when the
    name comes `before` the subject's head (then it may not end in a comma or stop)."""
    if before:
        close = i
        open_ = next((j for j in range(i - 1, max(lo, i - MAX_TITLE - 2) - 1, -1) if quote_mark(doc[j])), None)
    else:
        open_ = i
        close = next((j for j in range(i + 1, min(hi, i + MAX_TITLE + 2)) if quote_mark(doc[j])), None)
    if open_ is None or close is None or close - open_ < 2:
        return None
    words = [t for t in doc[open_ + 1:close] if t.is_alpha]
    if not words or not words[0].is_title and not words[0].is_upper:
        return None
    small = sum(1 for t in words if not (t.is_title or t.is_upper))
    if small * 3 > len(words) or before and doc[close - 1].text in (",", ".", "!", "?"):
        return None  # a sentence, or a quotation the parser hung before the name ("“It’s over,” Sam Bell said")
    return open_, close


def subject_span(subject, verb=None) -> tuple[int, int]:
    """Token range of the subject phrase, cut at quote marks around its head (the parser
    sometimes hangs a preceding quotation under the speaker's name), and before the cue
    `verb` when that is a participle on the subject ("the group backing the bill"); other
    modifiers stay ("the report published Tuesday")."""
    doc = subject.doc
    start, end = subtree_span(subject)
    lo, hi = start, end
    i = subject.i - 1
    while i >= lo:
        if quote_mark(doc[i]):
            title = _title_quote(doc, i, lo, hi, before=True)
            if title is None:
                start = i + 1
                break
            i = title[0]  # "the “Avatar” star", "The “No Comparison” ad": a quoted name stays
        i -= 1
    i = subject.i + 1
    while i < hi:
        if quote_mark(doc[i]):
            title = _title_quote(doc, i, lo, hi)
            if title is not None:
                i = title[1]  # "Sam Bell, a host of “The Late Show,” said"
            elif not doc[i - 1].pos_ == "ADP":  # "author of “Bitter Pill”" stays
                end = i
                break
        i += 1
    for c in subject.children:  # the participle itself when the subject is the noun it modifies
        if c.dep_ == "acl" and c.i > subject.i and c.left_edge.i < end and verb is not None and c.i == verb.i:
            end = c.left_edge.i
            while end > start + 1 and doc[end - 1].is_punct:
                end -= 1
    return start, end


def subject_range(subject, verb) -> tuple[int, int]:
    """`subject_span`, widened to the verb's other subjects before it: the parser splits
    "Ana Berg and Jo Park said" or "89% of X and 83% of Y endorse" into two subjects."""
    start, end = subject_span(subject, verb)
    if subject.head.i != verb.i or subject.i > verb.i:
        return start, end
    end = _company_aside(subject, verb, end)
    doc = verb.doc
    for c in sorted((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < start), key=lambda c: -c.i):
        s2, e2 = subject_span(c, verb)
        gap = [t.lower_ for t in doc[e2:start]]
        if c.pos_ not in ("PROPN", "NOUN", "NUM") or e2 > start or any(w not in (",", "and", "or", "&") for w in gap) \
                or any(quote_mark(t) for t in doc[s2:start]):
            break
        start = s2
    return start, end


def raised(verb, subject) -> bool:
    """"X is expected to …", "X seems to …": X belongs to the content, not the source."""
    return subject.head.i == verb.i and (subject.dep_ == "nsubjpass" or verb.lemma_ in RAISING)


def own_passive(verb, subject) -> bool:
    """The verb's own passive subject ("X was criticized by Y": the agent speaks), not the passive
    subject of a verb it hangs from ("X was sidelined after arguing …", "X is quoted as saying …":
    X speaks). Not through a to-infinitive: "X was allowed to deny …", "X is set to publish …" name
    no speaker more often than not."""
    if subject.dep_ != "nsubjpass" or subject.head.i == verb.i and (_has_not_is(verb) or _holder_passive(verb)):
        return False
    return subject.head.i == verb.i or verb.tag_ == "VBN" or verb.dep_ == "xcomp"


def _has_not_is(verb) -> bool:
    """"He's said he will run", "she's wanted to …": the parser read the `'s` of *has* as a
    passive *is*; a clause, object or infinitive after the participle shows the active verb."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in verb.children) and any(
        c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children) and not any(
        c.lower_ == "been" or c.dep_ == "expl" or c.lower_ in ("it", "there") for c in verb.children)


CURLY_BE = {"’s", "’re", "’m"}  # the lemmatiser keeps these as they are ("it’s", "they’re"), unlike "'s"


def lemma_of(tok) -> str:
    """The token's lemma, with `be` for a curly-apostrophe contraction of it ("it’s hard to
    say", "she’s confident that"): the straight-apostrophe form already gets `be`."""
    if tok.lower_ in CURLY_BE and tok.tag_ in ("VBZ", "VBP"):
        return "be"
    return tok.lemma_


THING_SUBJECTS = {"it", "this"}
# Word endings (and whole words) of nouns that name people or groups of them: `supporters`,
# `officials`, `democrats`, `residents`, `the campaign`, `the crowd`.
PERSON_ENDINGS = ("er", "or", "ist", "ian", "ee", "man", "men", "woman", "women", "people", "one", "ones", "dent",
                  "gent", "ant", "al", "crat", "ive", "nent", "ondent", "ituent", "umbent", "client", "parent", "patient",
                  "ally", "allies", "staff", "team", "group", "committee", "campaign", "party", "base", "crowd",
                  "audience", "public")


def person_noun(tok) -> bool:
    """A common noun that names people or a group of them, by its ending (singular or plural)."""
    word = tok.lemma_.casefold()
    return word.endswith(PERSON_ENDINGS) or tok.lower_.rstrip("s").endswith(PERSON_ENDINGS)


def _thing_subject(tok) -> bool:
    return tok.lower_ in THING_SUBJECTS or tok.pos_ == "NOUN" and not tok.ent_type_ and not person_noun(tok)

def _nearer_clause_subject(verb):
    """`The first clash came when protesters cut into her speech, shouting X`, `The criticism comes as
    Lund is relying on him, mentioning him in every speech`: a participle after a comma that the parser
    hung on the main verb whose subject is a thing, right after a clause of the main verb's with a
    subject of its own; the one in that nearer clause is doing the speaking."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.head.i > verb.i:
        return None
    doc = verb.doc
    comma = verb.left_edge.i - 1
    main = verb.head
    own = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if comma <= main.i or doc[comma].text != "," or own is None or not _thing_subject(own):
        return None
    x = doc[comma - 1]
    while x.i != main.i and not (x.pos_ in ("VERB", "AUX") and x.tag_ in FINITE + ("VBN", "VBG") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in x.children)):
        if x.head.i == x.i:
            return None
        x = x.head
    if x.i == main.i or main.i not in [a.i for a in x.ancestors]:
        return None
    near = next(c for c in x.children if c.dep_ in ("nsubj", "nsubjpass"))
    if near.lower_ in NOT_SPEAKERS or near.pos_ not in ("PROPN", "NOUN", "PRON") or _thing_subject(near) or near.i < own.i:
        return None
    return near


def _issued_thing_doer(verb, noun, depth: int):
    """`X released a website asking …`, `X opened the rally blasting Y`: a participle right after a
    singular thing that is the object of a verb speaks for that verb's subject."""
    if depth >= 3 or noun.tag_ != "NN" or noun.ent_type_ or noun.dep_ != "dobj" or verb.i != noun.i + 1:
        return None
    governor = noun.head
    if governor.pos_ not in ("VERB", "AUX") or governor.i > noun.i:
        return None
    found = find_subject(governor, depth + 1)
    return None if found is None or found.lower_ in NOT_SPEAKERS else found


COMPANY_PREPS = {"along", "together", "like", "including", "alongside"}


def _company_aside(subject, verb, end: int) -> int:
    """`Berg, along with a reporter, say …`, `Economists, like their rivals, say …`: a phrase set off
    by commas between the subject and its verb that the parser hung on the verb belongs to the
    speaker (the annotations include it)."""
    doc = verb.doc
    if end >= verb.i or doc[end].text != ",":
        return end
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == end + 1 and c.lower_ in COMPANY_PREPS), None)
    if prep is None:
        return end
    close = prep.right_edge.i + 1
    rest = [t for t in doc[close + 1:verb.i] if not (t.dep_ in CUE_MODIFIERS and t.head.i == verb.i)]
    if close >= verb.i or doc[close].text != "," or rest or any(quote_mark(t) for t in doc[end:close]):
        return end
    return close


def _fronted_appos_subject(verb):
    """`_appos_after_fronted_phrase` for an active root verb with no subject, finite or with a finite
    auxiliary (a passive one's subject is not its speaker: `In an interview with X, Lund was asked …`)."""
    if verb.dep_ != "ROOT" or verb.lemma_ in RAISING \
            or any(c.dep_ in SUBJECTS or c.dep_ in ("expl", "auxpass") for c in verb.children) \
            or not (verb.tag_ in FINITE or any(c.dep_ == "aux" and c.tag_ in FINITE + ("MD",) for c in verb.children)):
        return None
    k = verb.i
    left = {t.i for c in verb.children if c.i < verb.i and c.dep_ in CUE_MODIFIERS for t in c.subtree}
    while k - 1 in left:
        k -= 1
    return _appos_after_fronted_phrase(verb.doc, verb.sent, k)


def _appos_after_fronted_phrase(doc, sent, k: int):
    """`At the town hall, a young woman who had lived in Oslo asked Lund …`: the parser made the
    subject an apposition of the opening phrase's object; the noun phrase after the comma that ends
    right before the verb is the subject."""
    for tok in doc[sent.start:k]:
        if tok.dep_ == "appos" and tok.right_edge.i == k - 1 and tok.head.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN") \
                and tok.left_edge.i > sent.start and doc[tok.left_edge.i - 1].text == "," and tok.lower_ not in NOT_SPEAKERS:
            prep = tok.head.head
            if prep.dep_ == "prep" and prep.i == sent.start or prep.head.dep_ == "pobj" and prep.head.head.i == sent.start:
                if not any(quote_mark(t) for t in doc[tok.left_edge.i:k]):
                    return tok.left_edge.i, k, tok
    return None
