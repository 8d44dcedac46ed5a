"""Stance adjectives and nouns the plain rules of `quote_patterns.py` do not reach.

- a lexicon adjective after the noun it describes ("Republicans, wary of X, …", "officials
  angry about X"), joined to a predicate adjective ("are confident in X and skeptical about Y"),
  in a clause of its own (", confident that X", "made me wary of X");
- `in X's view` / `in X's opinion`: X holds the clause the phrase hangs on;
- `won the endorsement of X`: X backs the subject;
- an owned cue noun whose clause comes after a time phrase or `not` ("Lund's statement on
  Monday that X", "Berg's decision not to run");
- a cue verb the tagger read as a noun ("The candidate plans to …", "The Lund campaign projects that X");
- `X has been a fierce critic of Y` (agent nouns after `be`).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from spacy.symbols import ADJ, NOUN, PROPN

from .quote_lexicon import hand_verbs, verb_frames
from .quote_patterns import adjective_complement, adjective_cues, noun_cue_ids, noun_cues, reporting_infinitive
from .quote_rules import Candidate, char_span, ids, token_table, tokens_at, trim, uids
from .quote_subjects import find_subject, lemma_of, person_noun, subject_span, subtree_span

VIEW_NOUNS = frozenset(("view", "opinion", "estimation"))


def _animate(tok, depth: int = 0) -> bool:
    """A word that can hold a stance: a name, a person pronoun, a person or group noun
    (`supporters`, `officials`, `Democrats`), or `a number of` such."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "which", "what", "something", "anything", "nothing")
    if tok.pos_ != "NOUN":
        return False
    if person_noun(tok):
        return True
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return depth == 0 and obj is not None and _animate(obj, 1)


_ADJ_DEPS = np.array(ids("amod", "conj", "advcl", "ccomp"), dtype=np.uint64)
_VERBISH_DEPS = np.array(ids("ROOT", "ccomp", "conj"), dtype=np.uint64)
_NOUN_POS = np.array([NOUN, PROPN], dtype=np.uint64)


@cache
def _view_ids() -> np.ndarray:
    return uids(*VIEW_NOUNS)


@cache
def _backing_ids() -> np.ndarray:
    return uids(*BACKING_NOUNS)


def attributive_adjective_candidates(doc, text: str) -> list[Candidate]:
    """"Republicans, concerned about X, …", "state officials angry about X": the noun holds
    the stance; "are confident in X and openly skeptical about Y": the second adjective's
    holder is the first one's subject."""
    cues = adjective_cues()
    out = []
    table, _ = token_table(doc)
    for adj in tokens_at(doc, (table[:, 2] == ADJ) & np.isin(table[:, 3], _ADJ_DEPS)):
        if adj.pos_ != "ADJ" or adj.dep_ not in ("amod", "conj", "advcl", "ccomp"):
            continue
        preps = cues.get(adj.lemma_.casefold()) or cues.get(adj.lower_)
        if preps is None:
            continue
        head = adj.head
        if adj.dep_ == "amod":
            if head.i > adj.i or not _animate(head):
                continue
            root, prep = adjective_complement(adj, preps)
            if root is None:
                continue
            first = head.left_edge.i
            last = adj.left_edge.i
            while last > first and doc[last - 1].is_punct:
                last -= 1
            source = trim(text, *char_span(doc, first, last))
            source_head = head.i
            cue_start = adj.i
            rule = f"{adj.lower_}-adj-after"
        elif adj.dep_ in ("advcl", "ccomp"):
            # ", confident that X" after a clause; "many of them skeptical about X"; "made me wary of X"
            own = next((c for c in adj.children if c.dep_ == "nsubj"), None)
            if head.pos_ not in ("VERB", "AUX") or adj.dep_ == "ccomp" and own is None:
                continue
            root, prep = adjective_complement(adj, preps)
            holder = own if own is not None else (find_subject(head) if head.i < adj.i else None)
            if root is None or holder is None or holder.lower_ in ("it", "this", "that", "there", "which"):
                continue
            span = subtree_span(holder) if own is not None else subject_span(holder, head)
            source = trim(text, *char_span(doc, *span))
            source_head = holder.i
            cue_start = adj.i
            rule = f"{adj.lower_}-adj-{adj.dep_}"
        else:
            if head.pos_ != "ADJ" or head.dep_ != "acomp" or head.i > adj.i:
                continue
            root, prep = adjective_complement(adj, preps)
            if root is None:
                continue
            subject = find_subject(head.head)
            if subject is None or subject.lower_ in ("it", "this", "that", "there"):
                continue
            source = trim(text, *char_span(doc, *subject_span(subject, head.head)))
            source_head = subject.i
            cue_start = adj.i
            rule = f"{adj.lower_}-adj-conj"
        if reporting_infinitive(root):  # "eager to argue that X": the inner verb's report
            continue
        content = trim(text, *char_span(doc, *subtree_span(root)))
        if content[1] <= content[0] or source[1] <= source[0]:
            continue
        last = prep if prep is not None and prep.i == adj.i + 1 else adj
        cue = (doc[cue_start].idx, char_span(doc, last.i, last.i + 1)[1])
        out.append(Candidate(cue, source, [content], "indirect", rule, source_head, None))
    return out


def in_view_candidates(doc, text: str) -> list[Candidate]:
    """"In Lund's view, the plan will fail": Lund holds the clause the phrase hangs on."""
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, np.isin(table[:, 1], _view_ids())):
        if noun.lower_ not in VIEW_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "in":
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        prep = noun.head
        verb = prep.head
        if owner is None or verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "prep" for c in noun.children):
            continue
        before = doc[prep.i - 1] if prep.i > prep.sent.start else None
        after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if not (before is None or before.is_punct or after is not None and after.is_punct):
            continue  # "believed in her judgment": not the set-off phrase
        s, e = subtree_span(verb)
        ps, pe = prep.left_edge.i, prep.right_edge.i + 1
        pieces = []
        for a, b in ((s, ps), (pe, e)):
            span = trim(text, *char_span(doc, a, b))
            if span[1] > span[0] and any(not t.is_punct for t in doc[a:b]):
                pieces.append(span)
        if not pieces:
            continue
        source = trim(text, *char_span(doc, *subtree_span(owner)))
        while source[1] - source[0] > 2 and text[source[1] - 2:source[1]] in ("’s", "'s"):
            source = (source[0], source[1] - 2)
        cue = char_span(doc, noun.i, noun.i + 1)
        out.append(Candidate(cue, source, pieces, "indirect", f"{noun.lower_}-in-view", owner.i, None))
    return out


BACKING_NOUNS = frozenset(("endorsement", "endorsements", "support", "backing", "blessing"))
GAINING_VERBS = frozenset(("win", "secure", "earn", "receive", "snag", "pick", "have", "draw", "get", "land", "gain",
                           "garner", "collect", "rack", "capture", "attract"))


def backing_candidates(doc, text: str) -> list[Candidate]:
    """"Cruz won the endorsement of X", "the bill has the backing of X": X backs the subject
    (the annotations take the subject as the content and the `of` object as the source)."""
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, (table[:, 2] == NOUN) & np.isin(table[:, 1], _backing_ids())):
        if noun.lower_ not in BACKING_NOUNS or noun.dep_ != "dobj" or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if verb.pos_ != "VERB" or verb.lemma_.casefold() not in GAINING_VERBS or any(
                c.dep_ == "poss" for c in noun.children):
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None or not _animate(obj):
            continue
        subject = find_subject(verb)
        if subject is None or subject.lower_ in ("it", "this", "that", "there"):
            continue
        content = trim(text, *char_span(doc, *subject_span(subject, verb)))
        source = trim(text, *char_span(doc, *subject_span(obj)))
        if content[1] <= content[0] or source[1] <= source[0]:
            continue
        first = noun.left_edge.i if noun.left_edge.dep_ == "det" else noun.i
        cue = (doc[first].idx, char_span(doc, of.i, of.i + 1)[1])
        out.append(Candidate(cue, source, [content], "indirect", f"{noun.lower_}-backing", obj.i, None))
    return out


TIME_WORDS = frozenset(("on", "in", "at", "earlier", "later", "last", "this", "that", "next", "past", "recent",
                        "during",
                        "the", "week", "month", "year", "day", "weekend", "morning", "night", "afternoon", "evening",
                        "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "summer", "spring", "fall", "winter", "again", "not", "never"))


def detached_complement_candidates(doc, text: str) -> list[Candidate]:
    """An owned cue noun whose `that` clause or infinitive the parse hung elsewhere because a
    time phrase or a negation comes first ("Lund's statement on Monday that X", "Berg's pledge
    last month to cut Y", "his decision not to run"): the clause right after those words."""
    cues = noun_cues()
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, (table[:, 2] == NOUN) & np.isin(table[:, 1], noun_cue_ids())):
        preps = cues.get(noun.lower_)
        if preps is None or not ("that" in preps or "to" in preps):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or any(c.i > noun.i and (
                c.dep_ == "prep" and c.lower_ in preps or c.dep_ in ("acl", "ccomp", "relcl")
                and c.left_edge.i == noun.i + 1 and c.left_edge.lower_ != "not") for c in noun.children):
            continue
        j, end = noun.i + 1, min(noun.i + 6, noun.sent.end - 1)
        while j < end and (doc[j].lower_ in TIME_WORDS and doc[j].lower_ not in ("that", "not")
                           or doc[j].ent_type_ in ("DATE", "TIME")):
            j += 1
        if j == noun.i + 1 and doc[j].lower_ != "not" or j >= len(doc):
            continue  # nothing skipped: the ordinary noun rule's place
        root = None
        if doc[j].lower_ == "that" and doc[j].dep_ == "mark" and "that" in preps:
            root = doc[j].head
        elif "to" in preps and doc[j].lower_ in ("to", "not"):
            k = j + 1 if doc[j].lower_ == "not" else j
            if doc[k].lower_ == "to" and doc[k].dep_ == "aux":
                root = doc[k].head
        if root is None or root.pos_ not in ("VERB", "AUX") or root.left_edge.i != j \
                or root.lemma_.casefold() in hand_verbs():
            continue
        content = trim(text, *char_span(doc, *subtree_span(root)))
        source = trim(text, *char_span(doc, *subtree_span(owner)))
        while source[1] - source[0] > 2 and text[source[1] - 2:source[1]] in ("’s", "'s"):
            source = (source[0], source[1] - 2)
        if content[1] <= content[0] or source[1] <= source[0]:
            continue
        out.append(Candidate(char_span(doc, noun.i, noun.i + 1), source, [content], "indirect",
                             f"{noun.lower_}-noun-detached", owner.i, None))
    return out


def _verb_lemma(tok) -> str | None:
    """The lexicon verb a word tagged as a noun spells ("plans", "demands", "claims")."""
    frames = verb_frames()
    low = tok.lower_
    for form in (low, low[:-1] if low.endswith("s") else None, low[:-2] if low.endswith("es") else None):
        if form and form in frames:
            return form
    return None


def noun_tagged_verb_candidates(doc, text: str) -> list[Candidate]:
    """A cue verb the tagger read as a noun, with a subject before it and a complement after it
    in one of the verb's frames ("The candidate plans to be back …", "Trump claims he's worth …"),
    or, at the root, with the subject parsed as its modifiers ("The Sanders campaign projects
    that X", "Trump predicts that X"): the subject said the complement."""
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, np.isin(table[:, 2], _NOUN_POS) & np.isin(table[:, 3], _VERBISH_DEPS)):
        if noun.dep_ not in ("ROOT", "ccomp", "conj") or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = _verb_lemma(noun)
        if lemma is None:
            continue
        frames = verb_frames()[lemma]
        subject = next((c for c in noun.children if c.dep_ == "nsubj" and c.i < noun.i), None)
        if subject is not None:
            if subject.lower_ in ("it", "this", "that", "there") or any(
                    c.dep_ in ("det", "poss", "amod", "compound") and c.i < noun.i for c in noun.children):
                continue
            source = trim(text, *char_span(doc, *subject_span(subject)))
            head = subject.i
        else:
            left = [c for c in noun.children if c.i < noun.i]
            if noun.dep_ != "ROOT" or noun.tag_ != "NNS" or not left or left[0].left_edge.i != noun.sent.start \
                    or not any(c.dep_ in ("compound", "poss") and (c.pos_ == "PROPN" or c.ent_type_ or c.is_title)
                               for c in left) or any(
                    c.dep_ not in ("compound", "poss", "det", "amod", "nummod", "punct") for c in left):
                continue
            source = trim(text, *char_span(doc, noun.sent.start, noun.i))
            head = left[-1].i
        root = None
        for c in noun.children:
            if c.i < noun.i:
                continue
            frame = {"relcl": "ccomp", "acl": "ccomp"}.get(c.dep_, c.dep_) if c.dep_ != "prep" else f"pobj:{c.lower_}"
            if frame in frames and (c.dep_ not in ("relcl", "acl")
                                    or c.left_edge.i == noun.i + 1 and c.left_edge.lower_ == "that"):
                root = c if c.dep_ != "prep" else next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                break
        if root is None:
            continue
        content = trim(text, *char_span(doc, *subtree_span(root)))
        if content[1] <= content[0] or source[1] <= source[0]:
            continue
        out.append(Candidate(char_span(doc, noun.i, noun.i + 1), source, [content], "indirect",
                             f"{lemma}-noun-verb", head, None))
    return out



AGENT_NOUNS = frozenset(("critic", "critics", "supporter", "supporters", "opponent", "opponents", "proponent",
                         "proponents", "advocate", "advocates", "defender", "defenders", "champion", "champions",
                         "backer", "backers", "foe", "foes", "detractor", "detractors", "fan", "fans"))


def agent_noun_candidates(doc, text: str) -> list[Candidate]:
    """"Lund has been a fierce critic of the plan", "Berg remains a supporter of X": the subject
    holds the stance; not the first person, who speaks inside a quotation. (An apposition, "Berg,
    a supporter of X, …", was right 2 times in 7 and is left out.)"""
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, (table[:, 2] == NOUN) & np.isin(table[:, 1], _agent_ids())):
        if noun.lower_ not in AGENT_NOUNS or noun.dep_ != "attr":
            continue
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i), None)
        obj = next((g for g in of.children if g.dep_ in ("pobj", "pcomp")), None) if of is not None else None
        verb = noun.head
        if obj is None or lemma_of(verb) not in ("be", "become", "remain") or any(c.dep_ == "neg" for c in verb.children):
            continue
        holder = find_subject(verb)
        if holder is None or holder.lower_ in ("i", "we", "you", "it", "this", "that", "there", "who", "which"):
            continue
        source = trim(text, *char_span(doc, *subject_span(holder, verb)))
        content = trim(text, *char_span(doc, *subtree_span(obj)))
        if content[1] <= content[0] or source[1] <= source[0]:
            continue
        start = noun.i
        while start > noun.left_edge.i and doc[start - 1].dep_ in ("amod", "advmod", "compound") \
                and doc[start - 1].head.i in (noun.i, start):
            start -= 1
        cue = (doc[start].idx, char_span(doc, of.i, of.i + 1)[1])
        out.append(Candidate(cue, source, [content], "indirect", f"{noun.lower_}-agent", holder.i, None))
    return out


@cache
def _agent_ids() -> np.ndarray:
    return uids(*AGENT_NOUNS)


HOLDER_PRONOUNS = frozenset(("him", "her", "them", "me", "us", "anyone", "everyone"))


def to_holder_candidates(doc, text: str) -> list[Candidate]:
    """"To Lund, the pier is a waste": a sentence opened by `To` + a person and a comma gives
    that person's view of the rest of the sentence."""
    out = []
    for sent in doc.sents:
        prep = sent[0]
        if prep.lower_ != "to" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        holder = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if holder is None or not (holder.lower_ in HOLDER_PRONOUNS
                                  or holder.pos_ == "PROPN" and holder.ent_type_ in ("PERSON", "ORG")):
            continue
        end = holder.right_edge.i + 1
        if end >= sent.end or doc[end].text != ",":
            continue
        content = trim(text, *char_span(doc, end + 1, sent.end))
        if content[1] - content[0] < 10:
            continue
        source = trim(text, *char_span(doc, prep.i + 1, end))
        out.append(Candidate(char_span(doc, prep.i, prep.i + 1), source, [content], "indirect", "to-holder",
                             holder.i, None))
    return out
