"""Stance adjectives after their noun, `in X's view`, backing nouns, cue nouns whose complement
the parse hung elsewhere, and cue verbs read as nouns; on sentences written for these tests."""

from __future__ import annotations

import pytest

from test_quotes_rules import one

# (rule part, sentence, speaker, cue or None when any cue will do, first content fragment)
CASES = {
    "adjective after its noun": (
        "-adj-after", "The union officials, angry about the quota cuts, walked out of the meeting.",
        "The union officials", "angry about", "the quota cuts"),
    "adjective joined to a predicate adjective": (
        "-adj-conj", "The council members are confident in the plan and openly skeptical about the budget.",
        "The council members", "skeptical about", "the budget"),
    "in someone's view": (
        "-in-view", "In their view, the council could win the vote if Berg stays out of the race.",
        "their", "view", "the council could win the vote if Berg stays out of the race"),
    "backing noun speaks for its of-object": (
        "-backing", "The bill had the support of most harbour councillors.",
        "most harbour councillors", "the support of", "The bill"),
    "cue noun with a negated infinitive": (
        "-noun-detached", "Lund's decision not to close the pier pleased the fishermen.",
        "Lund", None, "not to close the pier"),
    "cue noun clause after a time phrase": (
        "-noun-detached", "The jab was aimed at Berg's statement earlier this year that fishermen should pay more.",
        "Berg", "statement", "that fishermen should pay more"),
    "cue verb tagged as a noun": (
        "-noun-verb", "Lund brags that's good news for the harbour.",
        "Lund", "brags", "that's good news for the harbour"),
    "critique is a cue noun": (
        "critique-noun", "Anna Berg's critique of the ferry plan drew applause.",
        "Anna Berg", None, "the ferry plan"),
    "agent noun after be": (
        "-agent", "Mayor Lund has been a fierce critic of the ferry plan.",
        "Mayor Lund", "fierce critic of", "the ferry plan"),
    "adjective clause after the main clause": (
        "-adj-advcl", "The union leaders left the meeting early, confident that the vote would pass.",
        "The union leaders", "confident", "that the vote would pass"),
    "adjective with its own subject": (
        "-adj-ccomp", "The long delays made me wary of the new ferry.",
        "me", "wary of", "the new ferry"),
}


@pytest.mark.parametrize("rule, text, speaker, cue, content", CASES.values(), ids=CASES.keys())
def test_stance_reports(rule, text, speaker, cue, content):
    q = one(text, rule)
    assert q.speaker.text == speaker
    assert cue is None or q.cue.text == cue
    assert q.content[0].text == content
