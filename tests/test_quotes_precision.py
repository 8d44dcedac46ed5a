"""Predictions that report nobody or repeat another report (precision filters), on
sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def test_quotes_same_words_reported_once():
    # `says` and `statement` both take the that-clause: one attribution, from the verb
    found = quotes_of("The port authority says in a statement that the ferry fees will rise next year.")
    assert [q.rule.split(":")[1] for q in found] == ["say-ccomp"]
    assert found[0].content[0].text == "that the ferry fees will rise next year"


def test_quotes_ownerless_purpose_object_is_not_a_report():
    # a `to` infinitive with a short object and nobody to say it: a purpose, not an attribution
    assert not quotes_of("There are better ways to express your anger at the council.")
    assert not quotes_of("The festival is designed to promote the old harbour district.")
    # with a speaker the same frame stays
    q = [q for q in quotes_of("Volunteers gathered on Sunday to support the lifeboat crew.") if "support" in q.rule][0]
    assert q.speaker.text == "Volunteers" and q.content[0].text == "the lifeboat crew"
