"""Frequent cue words: `support` with a gerund clause."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_support_takes_a_gerund_clause():
    q = one("Most of the delegates support raising the fee for ferry crossings.", "support-xcomp")
    assert q.cue.text == "support" and q.content[0].text == "raising the fee for ferry crossings"
    assert q.speaker.text == "Most of the delegates"

