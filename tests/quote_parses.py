"""Hand-written parses for quotes tests: reproducing a parser slip needs a Doc whose heads and
labels are given, not parsed. Rows are (word, head, dep, tag, pos, lemma[, space after])."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.quote_rules import verb_candidates
from dateline.nlp import load_nlp


def built(rows):
    """A Doc from rows; without a space flag, a space follows every word but one before `.` or `,`."""
    words = [r[0] for r in rows]
    spaces = [r[6] if len(r) > 6 else i + 1 < len(words) and words[i + 1] not in (".", ",")
              for i, r in enumerate(rows)]
    heads, deps, tags, pos, lemmas = ([r[k] for r in rows] for k in range(1, 6))
    return Doc(load_nlp().vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos,
               lemmas=lemmas, sent_starts=[True] + [False] * (len(rows) - 1))


def contents(doc, lemma):
    """(rule, content texts) of the first verb-cue candidate of `lemma` in the Doc."""
    found = [c for c in verb_candidates(doc, doc.text, []) if c.rule.startswith(lemma + "-")]
    assert found, [c.rule for c in verb_candidates(doc, doc.text, [])]
    return found[0].rule, [doc.text[s:e] for s, e in found[0].content]
