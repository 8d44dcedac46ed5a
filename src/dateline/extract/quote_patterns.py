"""Attribution patterns other than cue verbs, on one spaCy Doc.

- `according to X`: X is the source of the clause the phrase hangs from;
- noun cues from `lexicons/quote_nouns.tsv` (`his criticism of X`, `her claim that X`);
- hearsay adverbs (`X is reportedly spending …`): the clause, with no source named;
- stance adjectives, copulas (`her answer was that …`), light verbs (`voiced concern about X`),
  sources of a document or poll (`in a statement`, `in a new poll`).

Patterns driven by quotation marks (continuations, colon lead-ins and headlines, `“…,”
X beamed`) are in `quote_quotations.py`.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from spacy.symbols import ADJ, AUX, NOUN, VERB

from ..lexicons import lexicon_rows
from .quote_content import _gerund_tail as gerund_tail
from .quote_lexicon import hand_verbs, noun_rows, verb_frames
from .quote_marks import QuoteMark
from .quote_rules import (Candidate, casefold_in, char_span, cue_span, cut_span, ids, token_table, tokens_at, trim,
                          uids)
from .quote_subjects import find_subject, lemma_of, noun_governor, subject_span, subtree_span

ACOMP_ID, PREP_ID = ids("acomp", "prep")
BE_ID, IN_ID, ACCORDING_ID = ids("be", "in", "according")



@cache
def noun_cues() -> dict[str, frozenset[str]]:
    """Noun -> the prepositions (or "that") introducing its content."""
    return {row[1].casefold(): frozenset(p.strip() for p in row[2].split(","))
            for row in lexicon_rows("quote_nouns.tsv") if row[0] == "noun" and len(row) > 2}


@cache
def adjective_cues() -> dict[str, frozenset[str]]:
    """Adjective -> the prepositions (or "that", "to") introducing its content ("critical of X")."""
    return {row[1].casefold(): frozenset(p.strip() for p in row[2].split(","))
            for row in lexicon_rows("quote_nouns.tsv") if row[0] == "adj" and len(row) > 2}


def adjective_complement(adj, preps):
    """(root, preposition) of a stance adjective's complement after it: the object of a
    preposition its lexicon row allows (`critical of X`), a `that` clause or a `to` infinitive
    when the row has `that`/`to` (preposition None). `preps` None allows any (learning the list)."""
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ == "prep" and (preps is None or c.lower_ in preps):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj, c
        if c.dep_ in ("ccomp", "xcomp") and (preps is None or ("that" if c.dep_ == "ccomp" else "to") in preps):
            return c, None
    return None, None


def adjective_candidates(doc, text: str, open_words: bool = False) -> list[Candidate]:
    """Stances with a predicate adjective: "Republicans have been critical of X", "voters
    are optimistic that X", "she is eager to X". `open_words` tries every adjective
    (used only to learn the list from annotated data)."""
    cues = adjective_cues()
    out = []
    table, _ = token_table(doc)
    for adj in tokens_at(doc, (table[:, 2] == ADJ) & (table[:, 3] == ACOMP_ID)):
        if adj.pos_ != "ADJ" or adj.dep_ != "acomp" or lemma_of(adj.head) not in ("be", "become", "remain", "seem", "appear", "sound", "feel", "grow"):
            continue
        preps = cues.get(adj.lemma_.casefold()) or cues.get(adj.lower_)
        if preps is None and not open_words:
            continue
        root, prep = adjective_complement(adj, preps)
        extra = [prep] if prep is not None else []
        if root is None or reporting_infinitive(root):
            continue
        verb = adj.head
        subject = find_subject(verb)
        if subject is None or subject.lower_ in ("it", "this", "that", "there"):
            continue
        s, e = subtree_span(root)
        for c in sorted((c for c in adj.children if c.i > root.i and c.left_edge.i >= e), key=lambda c: c.i):
            if c.dep_ != "prep" or c.left_edge.i > e:  # "tired of a party with few wins": the parse split it
                break
            e = c.right_edge.i + 1
        e = gerund_tail(verb, root, e, verb.sent.end)  # "was optimistic about the party winning X"
        content = trim(text, *char_span(doc, s, e))
        if content[1] <= content[0]:
            continue
        last = extra[0] if extra and extra[0].i == adj.i + 1 else adj
        cue = (cue_span(verb)[0], char_span(doc, last.i, last.i + 1)[1])
        source = trim(text, *char_span(doc, *subject_span(subject, verb)))
        out.append(Candidate(cue, source, [content], "indirect", f"{adj.lower_}-adj", subject.i, verb.i))
    return out


def reporting_infinitive(root) -> bool:
    """"quick to point out that X", "eager to argue that X": the infinitive is a cue verb with a
    complement of its own; its report (speaker found through the adjective) is the attribution."""
    return root.dep_ == "xcomp" and root.pos_ == "VERB" and root.lemma_.casefold() in verb_frames() and any(
        c.dep_ in ("ccomp", "dobj") for c in root.children)


@cache
def copular_nouns() -> frozenset[str]:
    """Nouns that, as the subject of "be", announce a content: "the idea is that X"."""
    return frozenset(w.strip().casefold() for row in lexicon_rows("quote_nouns.tsv") if row[0] == "copula"
                     for w in row[1].split(","))


def copular_candidates(doc, text: str, marks: list[QuoteMark]) -> list[Candidate]:
    """"The idea is that X", "Rubio's answer was that X", "the key question is whether X",
    "her slogan is “…”": the noun's possessor (if any) is the source."""
    nouns = copular_nouns()
    out = []
    table, _ = token_table(doc)
    for verb in tokens_at(doc, table[:, 0] == BE_ID):
        if verb.lemma_ != "be":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subject is None or subject.lemma_.casefold() not in nouns and subject.lower_ not in nouns:
            continue
        root = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("ccomp", "attr", "xcomp")
                     and (c.dep_ != "attr" or _quoted(c, marks))), None)
        if root is None or root.dep_ == "ccomp" and not any(
                g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in root.children):
            continue
        content = trim(text, *char_span(doc, *subtree_span(root)))
        if content[1] <= content[0]:
            continue
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        first = owner.right_edge.i + 1 if owner is not None else subject.left_edge.i
        while first < subject.i and doc[first].dep_ in ("case", "det"):
            first += 1
        cue = (doc[first].idx, cue_span(verb)[1])
        source, head = None, None
        if owner is not None:
            source = trim(text, *char_span(doc, *subtree_span(owner)))
            while source[1] - source[0] > 2 and text[source[1] - 2:source[1]] in ("’s", "'s"):
                source = (source[0], source[1] - 2)
            head = owner.i
        out.append(Candidate(cue, source, [content], "indirect", f"{subject.lower_}-copula", head, verb.i))
    return out


def _quoted(tok, marks: list[QuoteMark]) -> bool:
    s, e = char_span(tok.doc, *subtree_span(tok))
    return any(q.start <= s + 1 and e - 1 <= q.end for q in marks)


@cache
def light_verbs() -> dict[str, frozenset[str]]:
    """Verb lemma -> object nouns that turn it into a cue ("make the case", "voice concern")."""
    return {row[1].casefold(): frozenset(n.strip() for n in row[2].split(","))
            for row in lexicon_rows("quote_nouns.tsv") if row[0] == "light" and len(row) > 2}


def light_verb_candidates(doc, text: str, plain=frozenset()) -> list[Candidate]:
    """"Obama made the case that X", "she voiced concern about X", "he made clear X". `plain`:
    the verbs (token indices) that have a reading of their own as a cue with an object."""
    lights = light_verbs()
    out = []
    table, _ = token_table(doc)
    verbs = np.isin(table[:, 2], (VERB, AUX))
    for verb in tokens_at(doc, verbs & casefold_in(doc, table[:, 0], lights) if verbs.any() else verbs):
        nouns = lights.get(verb.lemma_.casefold()) if verb.pos_ in ("VERB", "AUX") else None
        if not nouns:
            continue
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "ccomp", "oprd", "acomp", "advmod")
                    and c.i > verb.i and c.lower_ in nouns), None)
        if obj is None or verb.i in plain and _owned_stance(obj):
            continue
        root, cue_end = None, obj.i
        for c in obj.children:  # "the case that X", "concern about X"
            if c.i > obj.i and (c.dep_ in ("acl", "ccomp") or c.dep_ == "prep" and c.lower_ != "in"
                                or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)):
                pobj = c if c.dep_ != "prep" else next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    root, cue_end = pobj, (c.i if c.dep_ == "prep" else obj.i)
                    break
        if root is not None and root.head.lower_ == "to" and root.head.dep_ == "prep":
            clause = _clause_after(verb, obj, root)  # "made the case to voters that X": X, not the voters
            if clause is not None:
                root, cue_end = clause, obj.i
        if root is None:  # "made clear that X": the clause hangs on the verb
            root = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > obj.i), None)
        if root is None:
            continue
        content = trim(text, *char_span(doc, *subtree_span(root)))
        if content[1] <= content[0]:
            continue
        cue = (cue_span(verb)[0], char_span(doc, cue_end, cue_end + 1)[1])
        subject = find_subject(verb)
        source = trim(text, *char_span(doc, *subject_span(subject, verb))) if subject is not None else None
        out.append(Candidate(cue, source, [content], "indirect", f"{verb.lemma_}-{obj.lower_}-light",
                             subject.i if subject is not None else None, verb.i))
    return out


def _owned_stance(obj) -> bool:
    """"expressed their support for X": a possessor on the noun makes the whole phrase what was
    expressed (the plain verb reading, where the verb has one), not a light verb whose content is X."""
    return any(c.dep_ == "poss" for c in obj.children)


def _clause_after(verb, obj, addressee):
    """A `that` clause after the addressee of a light verb, hung on the verb, on its object or
    (a parse slip) on the addressee ("made it clear to the board that X", "make his case to
    delegates that X")."""
    for c in list(obj.children) + list(verb.children) + list(addressee.children):
        if c.i > addressee.i and c.dep_ in ("ccomp", "acl", "advcl", "relcl") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return c
    return None


@cache
def noun_cue_ids() -> np.ndarray:
    return uids(*noun_cues())


def noun_candidates(doc, text: str) -> list[Candidate]:
    """"his criticism of X", "Trump's claim that X": the possessor said X."""
    cues = noun_cues()
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, (table[:, 2] == NOUN) & np.isin(table[:, 1], noun_cue_ids())):
        if noun.pos_ != "NOUN" or noun.lower_ not in cues:
            continue
        preps = cues[noun.lower_]
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        content_root, extra = None, []
        for c in noun.children:
            if c.i < noun.i:
                continue
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    content_root, extra = obj, [c]
                    break
            if c.dep_ in ("acl", "ccomp") and "that" in preps and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
                content_root = c
                break
            if _to_clause(c, noun) and "to" in preps and c.lemma_.casefold() not in hand_verbs():
                # "her pledge to cut taxes": owned only; "her refusal to comment": the verb's own rule
                content_root, extra = c, [c]
                break
        if content_root is None or owner is None and extra:  # "the claim that X" may stand alone; "criticism of X" not
            continue
        s, e = subtree_span(content_root)
        e = _noun_tail(noun, content_root, e)
        content = trim(text, *char_span(doc, s, e))
        if content[1] <= content[0]:
            continue
        cue = char_span(doc, noun.i, noun.i + 1 + len(extra)) if extra and extra[0].i == noun.i + 1 else char_span(doc, noun.i, noun.i + 1)
        if owner is None:
            speaker = _noun_speaker(noun)
            source = trim(text, *char_span(doc, *subject_span(speaker))) if speaker is not None else None
            out.append(Candidate(cue, source, [content], "indirect", f"{noun.lower_}-noun-unowned",
                                 speaker.i if speaker is not None else None, None))
            continue
        os_, oe = subtree_span(owner)
        source = trim(text, *char_span(doc, os_, oe))
        while source[1] > source[0] and text[source[1] - 1] in "’'s" and text[source[1] - 2:source[1]] in ("’s", "'s"):
            source = (source[0], source[1] - 2)
        doer = _object_owner_subject(noun, owner)
        if doer is not None:  # "X stepped up his attacks on Y": X speaks, the verb is part of the cue
            source = trim(text, *char_span(doc, *subject_span(doer, noun.head)))
            owner = doer
        out.append(Candidate(cue, source if source[1] > source[0] else None, [content], "indirect",
                             f"{noun.lower_}-noun", owner.i, None))
    return out


def _to_clause(clause, noun) -> bool:
    """A to-infinitive right after a cue noun ("his call to ban X")."""
    return clause.dep_ in ("acl", "relcl") and clause.pos_ in ("VERB", "AUX") and clause.left_edge.i == noun.i + 1 \
        and clause.left_edge.lower_ == "to" and clause.left_edge.dep_ == "aux"


def _noun_tail(noun, root, e: int) -> int:
    """A phrase the parse hung on the cue noun right after its content belongs to the content
    ("her criticism of X's vote in favor of Y", "calls for X to do Y")."""
    for c in sorted((c for c in noun.children if c.i > root.i), key=lambda c: c.i):
        if c.left_edge.i != e or c.dep_ not in ("prep", "acl", "advcl", "xcomp"):
            break
        e = c.right_edge.i + 1
    return e


def _object_owner_subject(noun, owner):
    """The subject of the verb whose object is a cue noun owned by a personal pronoun ("Lund
    stepped up her attacks on X", "they toned down their criticism"): the one the pronoun
    stands for, whom the annotations name as the source; also a plural noun ("both parents
    stepped up their criticism") and a noun in an `in` phrase ("were unsparing in their
    criticism"); None for other subjects ("the wins solidify her argument", "which shapes her view")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ in ("ADJ", "VERB"):
        verb = verb.head.head if verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp" else verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
    elif noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    if owner.lower_ not in ("his", "her", "their"):
        return None
    subject = find_subject(verb)
    if subject is None or subject.i > verb.i or not (subject.pos_ == "PROPN" or subject.tag_ == "NNS" or subject.lower_ in (
            "he", "she", "they") or subject.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None
    return subject


def _noun_speaker(noun):
    """Who voiced an ownerless cue noun: "a claim by X", "X made the claim that …"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "PRON", "NOUN"):
                return obj
    governor = noun_governor(noun)
    if noun.dep_ in ("dobj", "pobj") and governor.pos_ in ("VERB", "AUX") and governor.i != noun.i:
        return find_subject(governor)
    return None


@cache
def source_nouns() -> frozenset[str]:
    """Nouns naming a source document or event: "In a new poll, X leads"."""
    return frozenset(w.strip().casefold() for row in lexicon_rows("quote_nouns.tsv") if row[0] == "in-source"
                     for w in row[1].split(","))


def in_source_candidates(doc, text: str) -> list[Candidate]:
    """"In a CNN poll, Clinton held a lead": the poll is the source of the clause, when
    that clause has no cue of its own (then the cue verb's rule applies instead)."""
    nouns = source_nouns()
    frames = verb_frames()
    out = []
    table, _ = token_table(doc)
    for prep in tokens_at(doc, (table[:, 1] == IN_ID) & (table[:, 3] == PREP_ID)):
        if prep.lower_ != "in" or prep.dep_ != "prep" or prep.i != prep.sent.start:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        head = prep.head
        shared = head.lemma_.casefold() in frames and _poll_share(head)
        if obj is None or obj.lemma_.casefold() not in nouns or head.pos_ not in ("VERB", "AUX") \
                or head.lemma_.casefold() in frames and not shared or obj.right_edge.i + 1 >= len(doc) \
                or doc[obj.right_edge.i + 1].text != ",":
            continue
        sent = prep.sent
        content = trim(text, *char_span(doc, obj.right_edge.i + 1, sent.end))
        if content[1] - content[0] < 10:
            continue
        source = trim(text, *char_span(doc, prep.i + 1, obj.right_edge.i + 1))
        out.append(Candidate(char_span(doc, prep.i, prep.i + 1), source, [content], "indirect",
                             "in-source-share" if shared else "in-source", obj.i, None))
    return out


SHARES = frozenset({"percent", "%", "majority", "plurality", "half", "third", "quarter"})


def _poll_share(verb) -> bool:
    """"In a CNN poll, 40 percent of voters said X": a share of those polled speaks only through
    the poll, which is the source of the whole clause (share, verb and what they said); that
    report does not give way to the verb inside it, and the verb's own report nests in it."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.casefold() in SHARES for c in verb.children)


@cache
def hearsay_adverbs() -> frozenset[str]:
    """Adverbs that mark the clause as someone's report: "X reportedly spent …"."""
    return noun_rows("adverb")


@cache
def _hearsay_ids() -> np.ndarray:
    return uids(*hearsay_adverbs())


def adverb_candidates(doc, text: str) -> list[Candidate]:
    """"The group is reportedly spending $1 million": the clause around the adverb is attributed,
    with no source named."""
    out = []
    table, _ = token_table(doc)
    for adv in tokens_at(doc, np.isin(table[:, 1], _hearsay_ids())):
        head = adv.head
        if adv.dep_ != "advmod" or head.pos_ not in ("VERB", "AUX") or head.i == adv.i \
                or head.lemma_.casefold() in verb_frames():  # "reportedly said": the verb's own rule
            continue
        sent = adv.sent
        s, e = subtree_span(head)
        s, e = max(s, sent.start), min(e, sent.end)
        while s < adv.i and (doc[s].dep_ in ("mark", "cc", "punct") or doc[s].lower_ in ("with", "while")):
            s += 1
        span = char_span(doc, s, e)
        hole = char_span(doc, adv.i, adv.i + 1)
        pieces = [trim(text, a, b) for a, b in cut_span(span, hole)]
        pieces = [(a, b) for a, b in pieces if b - a > 1]
        if len(pieces) == 2 and pieces[1][1] - pieces[0][0] > 10:
            out.append(Candidate(hole, None, pieces, "indirect", f"{adv.lower_}-adverb", None, None))
    return out


def according_candidates(doc, text: str, marks: list[QuoteMark] = ()) -> list[Candidate]:
    out = []
    table, _ = token_table(doc)
    for tok in tokens_at(doc, table[:, 1] == ACCORDING_ID):
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        source = trim(text, *char_span(doc, obj.left_edge.i, _according_source_end(tok, to, obj)))
        cue = char_span(doc, tok.i, to.i + 1)
        head = tok.head
        while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        sent = tok.sent
        s, e = subtree_span(head) if head.sent == sent else (sent.start, sent.end)
        phrase_start, phrase_end = subtree_span(tok)
        if phrase_start == sent.start or all(t.is_punct or t.is_space for t in doc[phrase_end:sent.end]):
            s, e = sent.start, sent.end  # "…, according to X." / "According to X, …": the whole sentence
        elif _source_tail(tok, head, phrase_start, phrase_end):
            # "A, according to sources who spoke to X but were not authorized …": the parse hung the
            # clause on a verb of the source's own relative clause; the tail describes the source
            s, e = sent.start, phrase_start
            source = (source[0], trim(text, *char_span(doc, phrase_end, sent.end))[1])
        span = char_span(doc, s, e)
        hole = char_span(doc, *subtree_span(tok))
        pieces = [trim(text, a, b) for a, b in cut_span(span, hole)]
        pieces = [(a, b) for a, b in pieces if b - a > 1]
        if pieces and marks:
            pieces = _whole_quotations(text, pieces, marks, hole)
        if pieces:
            out.append(Candidate(cue, source, pieces, "indirect", "according-to", obj.i, None))
    return out


def _according_source_end(tok, to, obj) -> int:
    """`According to cables at the time that were later released, …`: phrases the parser hung on
    `according` itself after its object still describe the source."""
    end = obj.right_edge.i + 1
    for c in tok.children:
        if c.i >= end and c.dep_ in ("prep", "relcl", "acl", "appos", "npadvmod") and not c.is_punct:
            end = c.right_edge.i + 1
    return end


def _source_tail(tok, head, phrase_start: int, phrase_end: int) -> bool:
    """`according to` after a comma hangs from a dependent verb to its right that has no
    subject: the words after the phrase go on describing the source."""
    doc = tok.doc
    if head.i < phrase_end or phrase_start == 0 or doc[phrase_start - 1].text != "," or head.i >= head.sent.end:
        return False
    return head.dep_ != "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children)


def _whole_quotations(text: str, pieces: list[tuple[int, int]], marks: list[QuoteMark], hole) -> list[tuple[int, int]]:
    """An `according to` content that cuts a quotation (`According to X, “A. B. C.”`, `…C,”
    Lund said, according to X`) takes all of it, and a quotation that ends right before the
    content (`“…” Lund said, according to X`) joins it."""
    s, e = pieces[0][0], pieces[-1][1]
    for q in marks:
        if q.open_end or hole[0] <= q.start < hole[1]:
            continue
        if s <= q.start < e < q.end:
            e = q.end
        elif q.start < s < q.end < e or q.end <= s and _speech_tag_after(text, q, s, hole):
            s = q.start
    if (s, e) == (pieces[0][0], pieces[-1][1]):
        return pieces
    return [(s, pieces[0][1])] + pieces[1:-1] + [(pieces[-1][0], e)] if len(pieces) > 1 else [(s, e)]


def _speech_tag_after(text: str, q: QuoteMark, s: int, hole) -> bool:
    """`“…,” Lund said, according to X`: the quotation ends in a comma, `?` or `!` and only a
    short speech tag stands between it and `according to`."""
    inner = text[q.inner(text)[0]:q.inner(text)[1]].rstrip()
    return (not text[q.end:s].strip() and "\n" not in text[q.end:s] and inner[-1:] in (",", "?", "!")
            and len(text[s:hole[0]].split()) <= 8)


LINKING_VERBS = {"seem", "appear"}  # "X seems unlikely"; `look`/`sound` were right too rarely
LINKING_DEPS = ("acomp", "oprd", "attr")


def linking_candidates(doc, text: str, taken: set) -> list[Candidate]:
    """"New Hampshire seems stable", "the race seems like a two-person contest": how a thing
    appears, with no one named as holding the view; the subject and the predicate are the content.
    Verbs in `taken` (already a cue of another rule) are left alone."""
    out = []
    table, _ = token_table(doc)
    for verb in tokens_at(doc, casefold_in(doc, table[:, 0], LINKING_VERBS)):
        if verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i
                        and c.lower_ not in ("it", "there", "this", "that") and c.tag_ not in ("WP", "WDT")), None)
        pred = next((c for c in verb.children if c.i > verb.i and (c.dep_ in LINKING_DEPS and c.pos_ in ("ADJ", "NOUN", "PROPN")
                     or c.dep_ == "prep" and c.lower_ == "like")), None)
        if subject is None or pred is None:
            continue
        if pred.dep_ == "prep":
            pred = next((g for g in pred.children if g.dep_ == "pobj"), None)
            if pred is None:
                continue
        pieces = [trim(text, *char_span(doc, *subject_span(subject, verb))),
                  trim(text, *char_span(doc, *subtree_span(pred)))]
        pieces = [p for p in pieces if p[1] > p[0]]
        if len(pieces) < 2:
            continue
        out.append(Candidate(cue_span(verb), None, pieces, "indirect", f"{verb.lemma_}-linking", None, verb.i))
    return out
