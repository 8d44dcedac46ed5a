"""What a cue verb reports: the content span its frame points at.

`content_root` picks the complement a frame names (a clause, a to-infinitive, an object,
the object of a preposition); `content_tokens` grows it into the token ranges of the
content, repairing the parser's usual slips: a reported clause's tail hung on the cue verb
(run on to the sentence end), a second report of the same speaker hung inside the first
(`said X and insisted that Y`: cut before it, and `own_predicate_owner` gives it the same
speaker), a fronted relative word (`what he called X`), a conjunction left dangling, a list
after a colon. Used by the cue-verb rules in `quote_rules.py`.
"""

from __future__ import annotations

from .quote_lexicon import hand_verbs, verb_frames
from .quote_subjects import RAISING, SUBJECTS, quote_mark, raised, subject_span, subtree_span

SUBJECT_SLIPS = ("dobj", "npadvmod")  # what the parser calls a reported clause's subject when it misses it
RUN_ON_FRAMES = ("ccomp", "dobj", "xcomp", "oprd")  # and pobj:*: contents that run on to the sentence end
MAX_RUN_ON = 40  # words: a longer tail after the parsed content is more likely a new thought
# "portrayed X as Y", "charged X with Y", "warned X against Y": the object is what the phrase is about
PREDICATIVE_PREPS = ("pobj:as", "pobj:with", "pobj:against")
REFLEXIVE = {"herself", "himself", "themselves", "itself", "myself", "ourselves", "yourself"}


def content_root(verb, frames, subject):
    """(content root token, extra cue tokens, frame) for the first frame present."""
    children = list(verb.children)
    for frame in frames:
        if frame == "ccomp":
            comps = [c for c in children if c.dep_ == "ccomp" and (subject is None or c.i != subject.i)]
            right = [c for c in comps if c.i > verb.i]
            if right and "xcomp" in frames and any(c.dep_ == "xcomp" and verb.i < c.i < right[0].i for c in children):
                continue  # "hoping to avoid X …, Y": the infinitive right after the verb is the report
            if comps and not right and _object_after(verb, frames, subject) and not _quoted(comps[-1], verb):
                continue  # "the more voters fear the candidate …": the clause before is not the report
            if comps:
                return (right or comps)[-1 if not right else 0], [], frame
            hung = clause_on_phrase(verb)
            if hung is not None:
                return hung, [], frame
        elif frame == "xcomp":
            for c in children:
                if c.dep_ == "xcomp" and c.i > verb.i:
                    return c, [], frame
        elif frame in ("dobj", "oprd", "acomp"):
            for c in children:
                if c.dep_ == frame and c.i > verb.i and (subject is None or c.i != subject.i):
                    return c, [], frame
        elif frame.startswith("pobj:"):
            prep = frame[5:]
            for c in children:
                if c.dep_ in ("prep", "prt") and (c.lower_ == prep or prep == "*") and c.i > verb.i:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if objs and _duration(c, objs[0]):
                        continue  # "has known him for decades": how long, not what
                    if objs:
                        if _saying_participle(objs[0]) or _cue_gerund(objs[0], c):
                            return None, [], ""  # "began by saying X", "ended by slamming X": left to the gerund
                        return objs[0], [c], f"pobj:{c.lower_}"
                # "calling for the party to act": parsed as a clause marked by the preposition
                if c.dep_ in ("advcl", "ccomp") and c.i > verb.i:
                    mark = next((g for g in c.children if g.dep_ == "mark" and g.i == verb.i + 1
                                 and (g.lower_ == prep or prep == "*")), None)
                    if mark is not None:
                        if mark.lower_ in COMPLEMENTISERS:  # "asked if X": the clause, `if` and all, is the content
                            return c, [], f"pobj:{mark.lower_}"
                        return c, [mark], f"pobj:{mark.lower_}"
    if "dobj" in frames and verb.dep_ == "relcl":
        rel = relative_object(verb)
        if rel is not None:
            return rel, [], "dobj"
    return _adverbial_slip(verb, frames)


def _adverbial_slip(verb, frames):
    """A complement the parser hung on the cue verb as an adverbial clause: "sought on Wednesday to
    ease X", "looked to make inroads" (the verb's to-infinitive), "asked the students if X", "asked
    whether X" (the question). Not after an object ("used the money to buy X": a purpose), nor after
    a passive or a particle ("was hired to fix X", "showed up to hear X")."""
    children = list(verb.children)
    if any(c.dep_ in ("dobj", "dative") and c.i > verb.i for c in children) and "pobj:if" not in frames:
        return None, [], ""
    for c in children:
        if c.dep_ != "advcl" or c.i < verb.i:
            continue
        marks = [g for g in c.children if g.dep_ == "mark" and g.i < c.i]
        if "xcomp" in frames and not marks and c.tag_ == "VB" and not any(
                g.dep_ in ("auxpass", "prt") for g in children) and any(
                g.dep_ == "aux" and g.lower_ == "to" and g.i == c.left_edge.i for g in c.children):
            return c, [], "xcomp"
        if marks and (marks[0].lower_ == "whether" and "ccomp" in frames or f"pobj:{marks[0].lower_}" in frames
                      and marks[0].lower_ in COMPLEMENTISERS) and marks[0].i == c.left_edge.i:
            return c, [], f"pobj:{marks[0].lower_}"
    return None, [], ""


COMPLEMENTISERS = ("if", "whether")


def _quoted(clause, verb) -> bool:
    """A quotation mark in the clause before the verb or between them ("“…,” she told X")."""
    return any(quote_mark(t) or "''" in t.text for t in clause.doc[clause.left_edge.i:verb.i])


def relative_object(verb):
    """", which she defended", ", which he has preached for years": the relative `which` of a
    comma-set clause is the object of the cue verb, and PolNeAR marks it as the content (a `that`
    of a restrictive clause is marked far less consistently)."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i and c.lower_ == "which"), None)


def _object_after(verb, frames, subject) -> bool:
    """The verb has an object or infinitive of one of its frames after it: that is what it
    reports, rather than a clause before it that the parser hung on it as a complement."""
    return any(c.i > verb.i and c.dep_ in ("dobj", "xcomp") and c.dep_ in frames
               and (subject is None or c.i != subject.i) for c in verb.children)


SAYING = {"say", "add", "argue", "insist", "claim", "note", "warn", "write", "explain", "declare", "state"}


def _as_predicate(clause) -> bool:
    """"see Trump as most likely to win" parsed with "as most likely …" as an adverbial clause:
    a subjectless, non-finite `as` phrase after the object says what the object is taken for."""
    return clause.left_edge.lower_ == "as" and clause.tag_ not in ("VBD", "VBZ", "VBP", "MD") and not any(
        g.dep_ in ("nsubj", "nsubjpass", "expl") for g in clause.children)


def _cue_gerund(tok, prep) -> bool:
    """`began by slamming X`, `followed up by lamenting X`: a gerund after `by` that is itself a
    cue verb reports what is said; the phrase before it only orders the speech."""
    return prep.lower_ == "by" and tok.dep_ == "pcomp" and tok.tag_ == "VBG" \
        and tok.lemma_.casefold() in verb_frames()


def _saying_participle(tok) -> bool:
    """A bare participle of a saying verb with its clause ("began by saying X", "pivoted to
    arguing that X"): the participle is the cue of X, the phrase before it is not a second one."""
    return tok.tag_ == "VBG" and tok.lemma_.casefold() in SAYING and any(
        c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)


PHRASE_PREPS = {"in", "on", "at", "during", "following", "after", "before", "for", "over"}


def clause_on_phrase(verb):
    """The reported clause the parser hung on the noun of a phrase after the cue verb ("said in
    a statement that X", "predicted at the debate that X", "said for the first time that X"):
    a clause opened by `that` with its own subject and complement, not a relative clause."""
    if any(c.dep_ == "ccomp" for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i or prep.lower_ not in PHRASE_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            for clause in noun.children:
                first = clause.left_edge
                if clause.dep_ not in ("acl", "relcl") or first.lower_ != "that" or first.i <= noun.i:
                    continue
                if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") and g.i != first.i for g in clause.children):
                    continue
                if first.dep_ in ("mark", "advmod") or any(
                        g.dep_ in ("dobj", "attr", "ccomp", "xcomp", "oprd", "acomp") and g.i != first.i
                        for g in clause.children):
                    return clause
    return None


SUBORDINATORS = {"because", "when", "after", "before", "while", "if", "since", "as", "although", "though",
                 "until", "unless", "whereas", "once"}


def subordinate(clause) -> bool:
    """A clause opened by "because", "when", … or a bare participle: circumstances, not content."""
    if clause.tag_ == "VBG" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in clause.children):
        return True
    return any(g.dep_ in ("mark", "advmod") and g.lower_ in SUBORDINATORS and g.i < clause.i for g in clause.children)


def content_tokens(verb, root, frame, subject, text: str | None = None) -> list[tuple[int, int]]:
    """Token ranges of the content a frame points at, clipped to the verb's sentence."""
    s, e = subtree_span(root)
    pieces = []
    if root.i > verb.i:
        for c in verb.children:  # "said X, but that Y" / "said X, but Y would …": coordinated content
            if c.dep_ == "conj" and c.i >= e and (c.lemma_.casefold() not in verb_frames() or _that_clause(c)) and any(
                    g.dep_ in ("mark", "nsubj", "nsubjpass") or g.dep_ == "aux" and g.tag_ == "MD" for g in c.children):
                e = c.right_edge.i + 1
        if frame in ("dobj", "oprd") or frame.startswith("pobj:"):
            # "accused X of Y", "endorsed X for president": the verb phrase runs on
            for c in sorted((c for c in verb.children if c.i > root.i), key=lambda c: c.i):
                if c.left_edge.i > e:
                    break
                if c.dep_ in ("advcl", "ccomp", "xcomp") and c.left_edge.i == e and (
                        not subordinate(c) or _as_predicate(c)):
                    pass  # "decried the calls to ban X", "cited the vote as a sign he is unfit": parse slips
                elif _list_comma(c):
                    pass  # "cited attacks in recent years, including X": the examples belong to the object
                elif c.dep_ in ("cc", "conj", "punct", "advcl", "parataxis", "ccomp", "relcl"):
                    break
                e = c.right_edge.i + 1
        if frame == "ccomp":  # "said they're fine with however it plays out": a second clause the parser split off
            e = max([e] + [c.right_edge.i + 1 for c in verb.children if c.dep_ == "ccomp" and c.i > root.i])
        if frame == "ccomp" and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in root.children):
            # "said about half of X reflected Y" parsed with "about half of X" as the verb's object:
            # the clause's subject is part of what is said
            lead = [c for c in verb.children if verb.i < c.i < root.i and c.dep_ in SUBJECT_SLIPS]
            if lead:
                s = min(c.left_edge.i for c in lead)
        if frame in PREDICATIVE_PREPS:  # "portrayed the mayor as a bully", "charged him with fraud"
            for c in verb.children:
                if c.dep_ == "dobj" and verb.i < c.i < root.i and c.lemma_.casefold() not in REFLEXIVE:
                    s = c.left_edge.i
        if frame == "oprd":  # "called the plan a sham": the object is part of what is said
            for c in verb.children:
                if c.dep_ == "dobj" and verb.i < c.i < root.i:
                    s = c.left_edge.i
        if frame == "xcomp":  # "urged the party to ...": the object is part of what is urged
            for c in verb.children:
                if c.dep_ in ("dobj", "dative") and verb.i < c.i < root.i:
                    s = c.left_edge.i
            if subject is not None and raised(verb, subject) and not _addressee(verb, subject):
                pieces.append(subject_span(subject))  # "X is expected to ...": X is in the content
        elif subject is not None and subject.dep_ == "nsubjpass" and subject.head.i == verb.i and frame != "ccomp" \
                and not _addressee(verb, subject):
            pieces.append(subject_span(subject))  # "X was described as Y", "X was accused of Y": X too
        pieces += _seeming_subject(verb, frame, subject)
        if frame == "dobj":
            e = _object_as_subject(verb, root, e)
    sent = verb.sent
    if (frame in RUN_ON_FRAMES or frame.startswith("pobj:")) and root.i > verb.i:
        e = _run_on(verb, frame, e)
    s, e = max(s, sent.start), min(e, sent.end)
    if root.i > verb.i:
        e = _own_predicate_cut(verb, root, e)
        if frame in NEXT_ACTION_FRAMES or frame.startswith("pobj:"):
            e = _next_action(verb, root, e)
        if frame == "dobj" or frame.startswith("pobj:"):
            e = _broken_list(verb, e, sent.end)
            e = _wh_conjunct(verb.doc, e, sent.end)
            e = _gerund_tail(verb, root, e, sent.end)
        if frame == "ccomp":
            e = _that_conjunct(verb.doc, e, sent.end)
        e = _dangling_conjunction(verb, e, sent.end)
        e = _colon_elaboration(verb, e, text, capital=frame == "ccomp")
    # never across a line break: a headline or byline line glued to the sentence
    doc = verb.doc
    if s < e and (text is None or "\n" in text[doc[s].idx:doc[e].idx if e < len(doc) else len(text)]):
        newlines = doc[s:e]
    else:
        newlines = ()  # the common case, checked on the characters: no token to visit
    for tok in newlines:
        if "\n" in tok.text_with_ws:
            i = tok.i
            if i < root.i:
                s = i + 1
            elif i >= root.i:
                e = i + 1
                break
    pieces.append((s, e))
    wh = _fronted_object(verb, root, frame, subject)
    if wh is not None:
        pieces.append((wh.i, wh.i + 1))
    return [(a, b) for a, b in pieces if b > a]


# verbs whose object is the one spoken to: "X was asked about Y", "X was urged to Y", "X was
# assured of Y": their passive subject is the addressee, not part of what is said
ADDRESSEE_VERBS = {"ask", "assure", "inform", "warn", "tell", "remind", "urge", "press", "advise", "brief"}


TIME_UNITS = {"year", "decade", "month", "week", "day", "hour", "minute", "time", "while", "age", "century"}


def _duration(prep, obj) -> bool:
    """`for` + a bare stretch of time ("for years", "for two decades", "for a long time")."""
    return prep.lower_ == "for" and obj.lemma_.casefold() in TIME_UNITS and all(
        g.dep_ in ("det", "nummod", "amod", "quantmod", "advmod", "compound") for g in obj.children)


def _list_comma(tok) -> bool:
    """A comma the parser hung on the cue verb right before an "including"/"such as" phrase
    that is hung on the cue verb too."""
    doc = tok.doc
    if tok.dep_ != "punct" or tok.text != "," or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    return nxt.head.i == tok.head.i and nxt.dep_ == "prep" and (
        nxt.lower_ == "including" or nxt.lower_ == "such" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "as")


LIST_START = ("DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PRP$")
MAX_LIST_TAIL = 25  # tokens


def _broken_list(verb, e: int, end: int) -> int:
    """An object that goes on as a list the parser hung elsewhere ("challenges X, Y and Z",
    "cited the fee, the noise and other worries"): after a comma, noun phrases joined by "and"/"or" with no
    verb up to the end of the sentence belong to the object."""
    doc = verb.doc
    if e + 1 >= end or doc[e].text != "," or doc[e + 1].tag_ not in LIST_START:
        return e
    stop = end
    while stop > e + 1 and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    tail = doc[e + 1:stop]
    if not 0 < len(tail) <= MAX_LIST_TAIL or any(t.tag_ in FINITE and not _relative(t) for t in tail) \
            or not any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in tail) \
            or any(t.text in (":", ";", "(", ")") for t in tail):
        return e
    return stop


WH_WORDS = {"how", "what", "why", "whether", "where", "who", "when"}


def _wh_conjunct(doc, e: int, end: int) -> int:
    """An object followed by "and"/"or" + a question clause the parser hung elsewhere ("talked
    about the border and how X", "discussed the cost and what Y"): the clause is a second topic."""
    if not (e + 2 < end and doc[e].dep_ == "cc" and doc[e].lower_ in ("and", "or")
            and doc[e + 1].lower_ in WH_WORDS and doc[e + 1].tag_ in ("WRB", "WP", "IN")):
        return e
    top = doc[e + 1]
    while top.head.i != top.i and e < top.head.i < end:
        top = top.head
    return max(e, min(top.right_edge.i + 1, end))


def _gerund_tail(verb, root, e: int, end: int) -> int:
    """An object noun right before a gerund the parser hung on the cue verb or elsewhere ("pointed
    to the mayor endorsing X", "complained about the council's backing Y"): the noun is the
    gerund's subject and the gerund phrase is part of the content."""
    doc = verb.doc
    if not (e < end and e > root.i and doc[e].tag_ == "VBG" and not doc[e - 1].is_punct
            and doc[e - 1].tag_ in ("NN", "NNS", "NNP", "NNPS", "POS", "PRP")
            and doc[e].dep_ in ("advcl", "pcomp", "acl", "xcomp") and not _new_cue(doc[e], verb)):
        return e
    return min(doc[e].right_edge.i + 1, end)


def _that_conjunct(doc, e: int, end: int) -> int:
    """A `that` clause followed by "(,) and/but that …" the parser hung on a word above the cue verb
    ("are quick to point out that X, and that Y"): the second clause is reported too."""
    i = e + 1 if e < end and doc[e].text == "," else e
    if not (i + 2 < end and doc[i].lower_ in ("and", "but") and doc[i + 1].lower_ == "that" and doc[i + 1].dep_ == "mark"):
        return e
    return max(e, min(doc[i + 1].head.right_edge.i + 1, end))


def _relative(tok) -> bool:
    """A verb inside a relative clause ("…, which the council sold last year")."""
    while tok.dep_ in ("aux", "auxpass", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("relcl", "acl")


def _that_clause(clause) -> bool:
    """A conjunct opened by "that"/"whether" ("said X, but that he would not support Y"): a
    second reported clause even when its verb is itself a cue verb."""
    return any(g.dep_ == "mark" and g.lower_ in ("that", "whether") and g.i < clause.i for g in clause.children)


def _addressee(verb, subject) -> bool:
    return subject.dep_ == "nsubjpass" and verb.lemma_.casefold() in ADDRESSEE_VERBS


def _fronted_object(verb, root, frame, subject):
    """The relative or question word fronted from the content ("what he called X", "which
    she described as Y", "whom they named Z"): the rest of the content follows the verb."""
    if root.i < verb.i:
        return None
    for c in verb.children:
        if c.i < verb.i and c.tag_ in ("WP", "WDT") and c.dep_ in ("dobj", "nsubj", "attr", "oprd") \
                and (subject is None or c.i != subject.i):
            return c
    return None


def _new_cue(tok, verb) -> bool:
    """A cue verb in the tail after a content that starts a report of its own (so the content does
    not run on over it); a participle describing a noun ("with 13 percent supporting X") does not."""
    if tok.pos_ != "VERB" or tok.lemma_.casefold() not in hand_verbs():
        return False
    return not (tok.tag_ in ("VBG", "VBN") and tok.dep_ in ("acl", "amod") and tok.head.i != verb.i)


def _second_predicate(verb, e: int, end: int) -> int:
    """Where a run-on to the sentence end stops: before "and"/"but" + a verb the parser
    coordinated with the cue verb when that verb is a new clause (its own subject) or a second
    predicate of the speaker in the cue verb's tense form ("said X and ripped into Y", "was
    offered the job but turned it down"): what the speaker did next, not what was said."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "conj" or c.i < e or c.i >= end or c.pos_ not in ("VERB", "AUX"):
            continue
        cc = next((g for g in verb.children if g.dep_ == "cc" and e <= g.i < c.i), None)
        if cc is None or cc.lower_ not in ("and", "but"):
            continue
        if c.tag_ == verb.tag_ or any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
            cut = cc.i
            while cut > e and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
                cut -= 1
            return cut
    return end


FINITE = ("VBZ", "VBD", "VBP", "MD")


def _object_as_subject(verb, root, e: int) -> int:
    """"fear a longer season will tire the crews", "saying a new fee is hurting the fleet": the object of a
    verb that also takes a clause is the subject of a finite verb right after it, which the parser
    hung elsewhere (not the verb the cue clause itself hangs from: "noting X, said Y"); the
    content runs on to the end of that verb's clause."""
    doc = verb.doc
    if e >= verb.sent.end or "ccomp" not in verb_frames().get(verb.lemma_.casefold(), ()):
        return e
    t = doc[e]
    if t.tag_ not in FINITE or t.dep_ == "case" or doc[e - 1].is_punct:
        return e
    head = t.head if t.dep_ in ("aux", "auxpass") else t
    if head.i < e or head.pos_ not in ("VERB", "AUX") or head.i == verb.i or head.is_ancestor(verb) or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
        return e
    return min(head.right_edge.i + 1, verb.sent.end)


def _seeming_subject(verb, frame, subject) -> list[tuple[int, int]]:
    """"The plan seems like a dream", "it appeared to hold off the tide": what seems is said of the
    subject, so the subject is part of the content (the xcomp frame already adds a subject that
    `find_subject` knows; the `it` or `there` it skips is added here)."""
    if verb.lemma_ not in RAISING or frame == "ccomp" or frame == "xcomp" and subject is not None:
        return []
    own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < verb.i), None)
    return [subject_span(own)] if own is not None else []


def _run_on(verb, frame: str, e: int) -> int:
    """Where a content ends when the parser hung its tail on the cue verb: a main-clause cue runs
    to the sentence end (before a second predicate of the speaker), a subordinate cue clause
    ("…, insisting that X had enough delegates to …") to the end of its own phrase, unless another
    cue or a trailing participle starts the tail, it is longer than MAX_RUN_ON words, or (in a
    subordinate clause, for contents other than infinitives) it opens with a subordinator:
    "pledged to X unless Y" keeps the condition, "said that X, while Y" does not."""
    sent = verb.sent
    if verb.dep_ == "ROOT":
        if e >= sent.end:
            return e
        stop, subordinator_stops = _second_predicate(verb, e, sent.end), False
    else:
        if e > verb.right_edge.i:
            return e
        stop, subordinator_stops = verb.right_edge.i + 1, frame != "xcomp"
    rest = [t for t in verb.doc[e:stop] if not t.is_punct and not t.is_space]
    if rest and not any(_new_cue(t, verb) for t in rest) and rest[0].tag_ != "VBG" \
            and not (subordinator_stops and rest[0].lower_ in SUBORDINATORS) and len(rest) <= MAX_RUN_ON:
        return stop
    return e


def _own_predicate_cut(verb, root, e: int) -> int:
    """End of a content before "and <cue verb> …" that goes on with the speaker's own words.

    "said she regretted it and promised to stay out", "noted that X and asked whether Y":
    a subjectless cue verb coordinated with the content's head (or the cue verb), in the
    cue verb's own tense form, is a second report of the same speaker (its subject is
    found by `own_predicate_owner`), not part of what the first one says."""
    doc = verb.doc
    for t in doc[root.i + 1:e]:
        if t.dep_ != "conj" or t.pos_ not in ("VERB", "AUX") or t.tag_ != verb.tag_:
            continue
        if t.head.i not in (root.i, verb.i) or t.lemma_.casefold() not in hand_verbs():
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children):
            continue
        cc = doc[t.left_edge.i - 1] if t.left_edge.i > root.i else None
        if cc is None or cc.lower_ not in ("and", "but", "or") or _contrast_in_content(t, root, cc):
            continue
        cut = cc.i
        if cut - 1 > root.i and doc[cut - 1].text == ",":
            cut -= 1
        return cut
    return e


NEXT_ACTION_FRAMES = ("dobj", "oprd", "xcomp")
# what may stand between the conjunction and the verb: adverbs, auxiliaries, a short subject
NEXT_ACTION_GLUE = {"advmod", "aux", "auxpass", "neg", "nsubj", "nsubjpass", "expl", "det", "compound", "amod", "poss"}


def _next_action(verb, root, e: int) -> int:
    """End of an object or infinitive content before "(,) and/but" + a finite verb the parser
    coordinated with the cue verb, with or without a subject of its own ("endorsed X for mayor and
    drafted Y", "urged the board to wait, but the board voted anyway"): what happened next is not
    part of what was said, whatever the verbs' tense forms (`_second_predicate` needs them to agree
    and only stops run-ons of main-clause cues). Not for `that` clauses, where the parser's
    coordination is right as often as not."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ != "conj" or not root.i < c.i < e or c.pos_ not in ("VERB", "AUX") or c.tag_ not in FINITE:
            continue
        cc = next((g for g in verb.children if g.dep_ == "cc" and root.i < g.i < c.i), None)
        if cc is None or cc.lower_ not in ("and", "but"):
            continue
        between = verb.doc[cc.i + 1:c.i]
        if not all(t.dep_ in NEXT_ACTION_GLUE for t in between):
            continue
        if any(t.dep_ in SUBJECTS for t in between) and doc[cc.i - 1].text != ",":
            continue  # "denied the reports and no bid came": one thing denied, not a new sentence part
        cut = cc.i
        while cut > root.i + 1 and (doc[cut - 1].is_punct or doc[cut - 1].is_space):
            cut -= 1
        return cut
    return e


def _contrast_in_content(t, root, cc) -> bool:
    """"said she backed the plan but feared its cost": a second verb joined by "but" to the
    reported clause's head goes on with what is reported (a contrast inside it), unless that
    verb is itself a verb of speech ("said X but added Y": a second report)."""
    return cc.lower_ == "but" and t.head.i == root.i and "quote" not in verb_frames().get(t.lemma_.casefold(), ())


def _dangling_conjunction(verb, e: int, end: int) -> int:
    """A content ending on "and"/"or"/"but" (the second conjunct hung elsewhere by the parser):
    take the phrase after it when it is not a new clause, else drop the conjunction."""
    doc = verb.doc
    if e >= end or e < 2 or doc[e - 1].lower_ not in ("and", "or", "but"):
        return e
    t = doc[e]
    while t.head.i != t.i and t.head.left_edge.i == e and t.head.i >= e:
        t = t.head
    stop = t.right_edge.i + 1
    if t.i == verb.i or t.is_punct or stop > end or stop - e > 40 or any(
            w.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in w.children) for w in doc[e:stop]):
        return e - 1  # a new clause follows: it is not part of this content
    return stop


def _colon_elaboration(verb, e: int, text: str | None, capital: bool = False) -> int:
    """A content right before a colon that goes on in lower case on the same line ("promotes
    a variety of ideas: conspiracies about X, doubts about Y"): the list or clause after the
    colon spells it out, up to the end of its sentence."""
    doc = verb.doc
    if e + 1 >= len(doc) or doc[e].text != ":" or "\n" in doc[e].whitespace_:
        return e
    nxt = doc[e + 1]
    if not (nxt.text[:1].islower() and nxt.is_alpha or capital and _capital_elaboration(nxt)):
        return e
    end = next((t.i for t in doc[e + 1:nxt.sent.end] if t.text in (".", "?", "!")), nxt.sent.end)
    while end > e + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if any("\n" in t.text_with_ws for t in doc[e:end - 1]):
        return e
    return end


def _capital_elaboration(nxt) -> bool:
    """After a colon, a capitalised clause or a figure that spells out what came before
    ("argued the pier had one flaw: The deck is too low", "than last year: 60 percent …")."""
    return nxt.is_alpha and nxt.text[:1].isupper() or nxt.like_num


def own_predicate_owner(verb):
    """The cue verb whose speaker also heads `verb` when `verb` is a subjectless "and <verb>"
    that the parser hung on the reported clause ("said X was wrong and called Y …")."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    h = verb.head
    if h.dep_ not in ("ccomp", "xcomp") or h.head.i >= h.i:
        return None
    cue = h.head
    if cue.tag_ != verb.tag_ or cue.lemma_.casefold() not in verb_frames():
        return None
    prev = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    if prev is None or prev.lower_ not in ("and", "but", "or"):
        return None
    return cue
