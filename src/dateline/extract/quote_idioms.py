"""Fixed reporting phrases whose verb is not a cue on its own: `as X put it, "…"`,
`X put it this way: "…"`. The verb `put` is far too common to enter the cue lexicon, but
with the object `it` under an `as` clause or before a colon it always introduces what the
subject said: the quotation right after the clause, or else the clause the `as` phrase
belongs to (`As the editor put it, the port is broke`).
"""

from __future__ import annotations

from .quote_marks import QuoteMark
from .quote_rules import Candidate, char_span, ids, token_table, tokens_at, trim
from .quote_subjects import find_subject, subject_span

(PUT_ID,) = ids("put")
FIRST_PERSON = {"i", "we", "me", "us", "you", "let"}


def put_it_candidates(doc, text: str, marks: list[QuoteMark]) -> list[Candidate]:
    out = []
    table, _ = token_table(doc)
    for verb in tokens_at(doc, table[:, 0] == PUT_ID):
        it = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "it" and c.i > verb.i), None)
        if it is None:
            continue
        subject = find_subject(verb)
        if subject is None or subject.lower_ in FIRST_PERSON or subject.i > verb.i:
            continue
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        end = verb.right_edge.i + 1
        colon = end < len(doc) and doc[end].text == ":" or doc[end - 1].text == ":"
        if not (as_clause or colon):
            continue
        after = char_span(doc, end - 1, end)[1]
        quote = next((q for q in marks if q.start >= after and not text[after:q.start].strip(" ,:\n")), None)
        if quote is not None:
            content = (quote.start, quote.end)
            in_marks = [quote]
            kind = "direct"
        elif as_clause and verb.head.i > verb.i and end < verb.sent.end:
            content = trim(text, *char_span(doc, end, min(verb.head.right_edge.i + 1, verb.sent.end)))
            in_marks, kind = [], "indirect"
        else:
            continue
        if content[1] - content[0] < 10:
            continue
        source = trim(text, *char_span(doc, *subject_span(subject, verb)))
        cue = char_span(doc, verb.i, it.i + 1)
        out.append(Candidate(cue, source, [content], kind, "put-it", subject.i, None, in_marks))
    return out
