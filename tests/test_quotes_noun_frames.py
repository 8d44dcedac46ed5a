"""Cue nouns with a to-infinitive or a that-clause (written for these tests)."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of


def test_quotes_owned_noun_with_to_infinitive():
    q = one("Mayor Lund's decision to close the old pier in winter surprised the ferry board.", "decision-noun")
    assert q.content[0].text == "to close the old pier in winter"
    assert q.speaker.text == "Mayor Lund"


def test_quotes_unowned_to_infinitive_noun_is_not_a_cue():
    assert not [q for q in quotes_of("A decision to close the old pier was made in winter.") if "decision-noun" in q.rule]


def test_quotes_noun_with_that_clause():
    q = one("Berg's assertion that the harbour fees would double angered the fishermen.", "assertion-noun")
    assert q.content[0].text == "that the harbour fees would double"
    assert q.speaker.text == "Berg"
