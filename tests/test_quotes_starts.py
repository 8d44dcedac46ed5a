"""Where contents start: complementisers parsed as clause marks, saying-participles after a preposition."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def test_quotes_asked_if_keeps_if_in_content():
    texts = ["Asked if she would run again, the mayor smiled and left the hall.",
             "Asked if he had read the report, the minister shook his head.",
             "The captain was asked if the ferry would sail on Monday."]
    starts = [c.text for t in texts for q in quotes_of(t) for c in q.content if "ask" in q.rule]
    assert starts and all(s.startswith("if ") for s in starts), starts


def test_quotes_began_by_saying_leaves_content_to_saying():
    texts = ["The mayor began by saying that the pier would open in May.",
             "She followed that by saying that the ferry fares would fall next year."]
    for t in texts:
        found = quotes_of(t)
        contents = [c.text for q in found for c in q.content]
        assert contents and not any(c.startswith("saying") for c in contents), [(q.rule, [c.text for c in q.content]) for q in found]
        assert any(c.startswith("that the") for c in contents)


def test_quotes_began_by_cue_gerund_leaves_content_to_gerund():
    found = quotes_of("The mayor began by praising the harbour staff for their work on the new pier.")
    assert not any(q.rule.endswith("-pobj:by") for q in found), [(q.rule, [c.text for c in q.content]) for q in found]
    assert any(q.cue.text.endswith("praising") for q in found), [(q.rule, q.cue.text) for q in found]
