"""Agents of passive cues that the parser hung somewhere other than on the verb."""

from __future__ import annotations

AGENT_PATH = {"prep", "pobj", "dobj", "oprd", "attr", "npadvmod", "advmod"}
NOT_AGENT_ENTS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
NOT_AGENT_NOUNS = {"time", "end", "margin", "vote", "way", "phone", "telephone", "email", "mail", "hand", "far",
                   "default", "design", "mistake", "accident", "chance", "force", "name", "law", "proxy", "wire"}


def stray_agent(verb, text: str, content):
    """`X has been called "a sham" by Ana Berg`, `X was declared the winner in Y by the networks`,
    `X was seen as a victory by some in the party`: a passive cue with no agent of its own whose
    `by` phrase the parser hung on its object, predicate or another phrase of the clause. The first
    `by` after the verb, at most three links below it through noun and preposition phrases (not
    through another verb), with a noun phrase that is no date, number or manner (`by phone`,
    `by the end of the year`, `by a wide margin`). Returns (source, head index, content without it)."""
    from .quote_rules import char_span, trim  # the rules module imports this one

    doc = verb.doc
    for tok in doc[verb.i + 1:verb.sent.end]:
        if tok.lower_ != "by":
            continue
        if tok.dep_ != "prep":
            return None, None, content
        x, hops = tok, 0
        while x.i != verb.i and hops <= 3 and x.dep_ in AGENT_PATH and x.pos_ not in ("VERB", "AUX"):
            x, hops = x.head, hops + 1
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if x.i != verb.i or hops > 3 or obj is None or obj.tag_ == "VBG" or obj.ent_type_ in NOT_AGENT_ENTS \
                or obj.lemma_.casefold() in NOT_AGENT_NOUNS or obj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ"):
            return None, None, content
        end = obj.right_edge.i + 1
        for c in list(tok.children) + list(obj.children):
            if c.i >= end and (c.dep_ == "conj" and c.lower_ == "by" or c.dep_ == "appos"):
                end = c.right_edge.i + 1  # "by X and by Y", "by the minister, Ana Berg"
        if end < verb.sent.end - 1 and doc[end].text == ",":
            appos = next((t for t in doc[end + 1:verb.sent.end] if t.dep_ == "appos" and t.pos_ == "PROPN"
                          and t.left_edge.i == end + 1 and t.head.i < end), None)
            if appos is not None:
                end = appos.right_edge.i + 1  # an apposed name the parser hung higher up
        ss, se = trim(text, *char_span(doc, obj.left_edge.i, end))
        if se <= ss:
            return None, None, content
        by = tok.idx
        kept = []
        for s, e in content:
            for a, b in ((s, min(e, by)), (max(s, se), e)):
                if b > a:
                    kept.append(trim(text, a, b))
        return (ss, se), obj.i, [(a, b) for a, b in kept if b > a]
    return None, None, content
