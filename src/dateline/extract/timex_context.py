"""Reading tense for the times stage: which way `Friday` or `June` points.

`Context.tense` finds the verb a time expression modifies in the spaCy parse and says
whether its clause is past, present or future; a few cues in the text just before the
expression (`as soon as`, `extended to`) override the parse.
"""

from __future__ import annotations

import re
from datetime import date

# "could" and "can" are left out: "could not be reached Friday" is past.
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "may", "might", "should", "must"})
FUTURE_HEADS = frozenset({"plan", "expect", "schedule", "set", "due", "intend", "hope", "want", "agree", "prepare",
                          "aim", "go", "vow", "promise", "seek", "propose", "threaten", "try", "decide", "need"})
PAST_AUX = frozenset({"has", "have", "had", "did", "was", "were"})
REPORTING = frozenset({"say", "tell", "report", "announce", "add", "write", "note", "confirm"})
SCHEDULING = frozenset({"schedule", "slate", "plan", "due", "expect"})
_OPEN_END = re.compile(r"(?:\b(?:to|until|till|through|by|before|effective|from)|as\s+(?:soon|early|late)\s+as)\s+$", re.I)
_SOON = re.compile(r"as\s+(?:soon|early)\s+as\s+$", re.I)


class Context:
    """What normalisers read besides the match: the publication date and the parse."""

    def __init__(self, text: str, dct: date | None, doc=None):
        self.text = text
        self.dct = dct
        self.doc = doc

    def token(self, start: int, end: int):
        if self.doc is None:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None for the clause the expression sits in."""
        before = self.text[max(0, start - 20) : start]
        if _SOON.search(before):
            return "future"
        if _OPEN_END.search(before):
            return None  # a deadline or an end point: no tense of its own
        tok = self.token(start, end)
        if tok is None:
            return None
        # Climb from the expression to the verb it modifies. Reached through a noun phrase
        # ("payable Dec. 1", "the Jan. 14 deadline") only a future verb counts ("talks on
        # Friday will mark"): a past one says little about the date inside the phrase.
        via_noun = subject = False
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            head = tok.head
            if head.pos_ not in ("VERB", "AUX", "ADP") and not (start <= head.idx < end):
                via_noun, subject = True, head.dep_ in ("nsubj", "nsubjpass")
            tok = head
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        tense = self._verb_tense(tok)
        if via_noun:
            return tense if tense == "future" and subject else None
        return tense

    @staticmethod
    def _verb_tense(tok) -> str | None:
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & FUTURE_AUX or "going" in lowers:
            return "future"
        if tok.lemma_ in SCHEDULING:
            return "future"
        if lowers & PAST_AUX or tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if "to" in lowers and tok.head is not tok:
            head = tok.head
            if head.lemma_ in FUTURE_HEADS or head.lower_ in FUTURE_AUX or head.lemma_ == "be":
                return "future"
        if tok.tag_ == "VBG" and lowers & {"is", "are", "am"}:
            return "future"
        if tok.tag_ in ("VBZ", "VBP"):
            return None if tok.lemma_ in REPORTING else "present"
        if tok.tag_ == "VBN":
            return "past"
        return None

    def sentence(self, start: int, end: int) -> str:
        """The sentence around a span (or a window of text without a parse)."""
        tok = self.token(start, end)
        if tok is not None:
            return tok.sent.text
        return self.text[max(0, start - 150) : end + 150]
