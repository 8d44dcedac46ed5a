"""Speaker choice for pronoun speakers, on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_bare_demonstrative_is_no_speaker():
    q = one("The ferry fares rose twice last winter. That suggests the harbour board needs more money.", "suggest")
    assert q.speaker is None
    assert q.content[0].text.startswith("the harbour board needs more money")


def test_quotes_demonstrative_with_noun_keeps_speaker():
    q = one("That report suggests the harbour board needs more money.", "suggest")
    assert q.speaker is not None and q.speaker.text == "That report"


def test_quotes_relative_that_keeps_speaker():
    q = one("Lund founded a group that backs the new pier.", "back")
    assert q.speaker is not None and q.speaker.text == "that"
