"""Attribution patterns other than cue verbs, on one spaCy Doc.

- `according to X`: X is the source of the clause the phrase hangs from;
- headline attributions at the start of a line (`Senator Diaz: Budget is "dead"`);
- noun cues from `lexicons/quote_nouns.tsv` (`his criticism of X`, `her claim that X`);
- hearsay adverbs (`X is reportedly spending …`): the clause, with no source named;
- continuations: a quotation no cue claimed that carries on the previous direct quote.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon_rows
from .quote_marks import QuoteMark
import numpy as np
from spacy.symbols import ADJ, AUX, NOUN, VERB

from .quote_lexicon import noun_rows, verb_frames
from .quote_rules import (CONTINUATION_MIN_WORDS, Candidate, casefold_in, char_span, covers_share, cue_span, cut_span, ids,
                          token_table, tokens_at, trim, uids)
from .quote_subjects import find_subject, subject_span, subtree_span

ACOMP_ID, PREP_ID = ids("acomp", "prep")
BE_ID, IN_ID, ACCORDING_ID, COLON_ID = ids("be", "in", "according", ":")

MAX_CONTINUATION_BREAKS = 2  # paragraph breaks between a quote and its continuation
MAX_CONTINUATION_GAP = 600
SENTENCE_END = re.compile(r"[.?!][”\"']*\s")  # characters of unquoted text between them


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


def adjective_candidates(doc, text: str, open_words: bool = False) -> list[Candidate]:
    """Stances with a predicate adjective: "Republicans have been critical of X", "voters
    are optimistic that X", "she is eager to X". `open_words` tries every adjective
    (used only to learn the list from annotated data)."""
    cues = adjective_cues()
    out = []
    table, _ = token_table(doc)
    for adj in tokens_at(doc, (table[:, 2] == ADJ) & (table[:, 3] == ACOMP_ID)):
        if adj.pos_ != "ADJ" or adj.dep_ != "acomp" or adj.head.lemma_ not in ("be", "become", "remain", "seem", "appear", "sound", "feel", "grow"):
            continue
        preps = cues.get(adj.lemma_.casefold()) or cues.get(adj.lower_)
        if preps is None and not open_words:
            continue
        root, extra = None, []
        for c in adj.children:
            if c.i < adj.i:
                continue
            if c.dep_ == "prep" and (preps is None or c.lower_ in preps):
                obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    root, extra = obj, [c]
                    break
            if c.dep_ in ("ccomp", "xcomp") and (preps is None or ("that" if c.dep_ == "ccomp" else "to") in preps):
                root = c
                break
        if root is None:
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
        content = trim(text, *char_span(doc, s, e))
        if content[1] <= content[0]:
            continue
        last = extra[0] if extra and extra[0].i == adj.i + 1 else adj
        cue = (cue_span(verb)[0], char_span(doc, last.i, last.i + 1)[1])
        source = trim(text, *char_span(doc, *subject_span(subject, verb)))
        out.append(Candidate(cue, source, [content], "indirect", f"{adj.lower_}-adj", subject.i, verb.i))
    return out


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


def light_verb_candidates(doc, text: str) -> list[Candidate]:
    """"Obama made the case that X", "she voiced concern about X", "he made clear X"."""
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
        if obj is None:
            continue
        root, cue_end = None, obj.i
        for c in obj.children:  # "the case that X", "concern about X"
            if c.i > obj.i and (c.dep_ in ("acl", "ccomp") or c.dep_ == "prep" and c.lower_ != "in"
                                or c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)):
                pobj = c if c.dep_ != "prep" else next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    root, cue_end = pobj, (c.i if c.dep_ == "prep" else obj.i)
                    break
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


@cache
def _noun_cue_ids() -> np.ndarray:
    return uids(*noun_cues())


def noun_candidates(doc, text: str) -> list[Candidate]:
    """"his criticism of X", "Trump's claim that X": the possessor said X."""
    cues = noun_cues()
    out = []
    table, _ = token_table(doc)
    for noun in tokens_at(doc, (table[:, 2] == NOUN) & np.isin(table[:, 1], _noun_cue_ids())):
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
        if content_root is None or owner is None and extra:  # "the claim that X" may stand alone; "criticism of X" not
            continue
        s, e = subtree_span(content_root)
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
        out.append(Candidate(cue, source if source[1] > source[0] else None, [content], "indirect",
                             f"{noun.lower_}-noun", owner.i, None))
    return out


def _noun_speaker(noun):
    """Who voiced an ownerless cue noun: "a claim by X", "X made the claim that …"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "PRON", "NOUN"):
                return obj
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
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
        if obj is None or obj.lemma_.casefold() not in nouns or head.pos_ not in ("VERB", "AUX") \
                or head.lemma_.casefold() in frames or obj.right_edge.i + 1 >= len(doc) \
                or doc[obj.right_edge.i + 1].text != ",":
            continue
        sent = prep.sent
        content = trim(text, *char_span(doc, obj.right_edge.i + 1, sent.end))
        if content[1] - content[0] < 10:
            continue
        source = trim(text, *char_span(doc, prep.i + 1, obj.right_edge.i + 1))
        out.append(Candidate(char_span(doc, prep.i, prep.i + 1), source, [content], "indirect", "in-source",
                             obj.i, None))
    return out


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


def according_candidates(doc, text: str) -> list[Candidate]:
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
        source = trim(text, *char_span(doc, *subtree_span(obj)))
        cue = char_span(doc, tok.i, to.i + 1)
        head = tok.head
        while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        sent = tok.sent
        s, e = subtree_span(head) if head.sent == sent else (sent.start, sent.end)
        phrase_start, phrase_end = subtree_span(tok)
        if phrase_start == sent.start or all(t.is_punct or t.is_space for t in doc[phrase_end:sent.end]):
            s, e = sent.start, sent.end  # "…, according to X." / "According to X, …": the whole sentence
        span = char_span(doc, s, e)
        hole = char_span(doc, *subtree_span(tok))
        pieces = [trim(text, a, b) for a, b in cut_span(span, hole)]
        pieces = [(a, b) for a, b in pieces if b - a > 1]
        if pieces:
            out.append(Candidate(cue, source, pieces, "indirect", "according-to", obj.i, None))
    return out


def quotation_clause_candidates(doc, text: str, marks: list[QuoteMark], found: list[Candidate]) -> list[Candidate]:
    """A quotation no cue claimed, followed by a short clause "subject + verb" that ends
    the sentence (`“This is fantastic!” Hartley beamed.`): any verb works as the cue."""
    claimed = [(s, e) for c in found for s, e in c.content]
    claimed += [c.source for c in found if c.source]  # a quoted name inside a speaker ("the “Avatar” star")
    out = []
    for q in marks:
        if q.open_end or any(s <= q.start < e or s < q.end <= e for s, e in claimed):
            continue
        span = doc.char_span(q.end, min(len(text), q.end + 120), alignment_mode="expand")
        if span is None or not len(span):
            continue
        first = span[0]
        sent_end = first.sent.end
        tail = [t for t in doc[first.i:sent_end] if not t.is_space]
        words = [t for t in tail if not t.is_punct]
        if not words or len(words) > 8 or "\n" in text[q.end:first.idx]:
            continue
        verbs = [t for t in words if t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "ccomp", "conj")]
        if not verbs:
            continue
        verb = verbs[0]
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i >= first.i), None)
        if subject is None:
            continue
        source = trim(text, *char_span(doc, *subject_span(subject, verb)))
        out.append(Candidate(cue_span(verb), source, [(q.start, q.end)], "direct", f"{verb.lemma_}-after-quote",
                             subject.i, verb.i, [q]))
        claimed.append((q.start, q.end))
    return out


def continuation_candidates(text: str, marks: list[QuoteMark], found: list[Candidate]) -> list[Candidate]:
    """Quotations no cue claimed that carry on the attribution just before them (in the
    same paragraph or the next ones, nothing else attributed in between); they inherit
    its speaker. A run of such paragraphs all continue the same quote."""
    claimed = [(s, e) for c in found for s, e in c.content]
    ordered = sorted(found, key=lambda c: c.content[0][0])
    reach = {id(c): c.content[-1][1] for c in ordered}  # where each attribution (with continuations) ends
    out = []
    for q in marks:
        if q.words(text) < CONTINUATION_MIN_WORDS or any(s <= q.start < e or s < q.end <= e for s, e in claimed):
            continue
        prev = [c for c in ordered if reach[id(c)] <= q.start]
        if not prev:
            continue
        c = max(prev, key=lambda c: reach[id(c)])
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
        out.append(Candidate(None, c.source, [(q.start, q.end)], "continuation", "continuation",
                             c.source_head, None, [q], follows=c))
        reach[id(c)] = q.end
    return out


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
    if "\n" in between or len(SENTENCE_END.findall(between)) > 1 or any(c.marks or c.kind != "indirect" for c in inner):
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
        if any(t.pos_ in ("VERB", "AUX") for t in toks) or not any(t.pos_ in ("PROPN", "NOUN") for t in toks):
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
