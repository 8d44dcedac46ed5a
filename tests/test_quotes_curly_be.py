"""A curly-apostrophe contraction of `be` reads as `be` (optional change), on sentences
written for these tests."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def test_quotes_curly_contraction_of_be_carries_a_stance_adjective():
    found = [q for q in quotes_of("She’s confident that the ferry will run again in May.") if "confident-adj" in q.rule]
    assert found and found[0].speaker.text == "She"
    assert found[0].content[0].text == "that the ferry will run again in May"
