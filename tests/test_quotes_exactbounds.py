"""Exact content boundaries (helper 16), on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_run_on_stops_before_the_speakers_next_act():
    # "praised X and went back to Y": the run-on to the sentence end stops before a second
    # predicate of the speaker coordinated with the cue verb
    q = one("The harbour board praised the new ferry schedule and went straight back to its budget debate.",
            "praise-dobj")
    assert [c.text for c in q.content] == ["the new ferry schedule"]


def test_quotes_seeming_subject_is_content():
    q = one("The new schedule seems like a sensible compromise.", "seem-pobj")
    assert [c.text for c in q.content] == ["The new schedule", "a sensible compromise"]
    assert q.speaker is None


def test_quotes_seeming_it_is_content():
    q = one("It appeared to calm the fishermen for a while.", "appear-xcomp")
    assert [c.text for c in q.content] == ["It", "to calm the fishermen for a while"]


def test_quotes_lone_conjunction_before_interrupting_cue_is_dropped():
    q = one("But, the mayor said, the pier will not open before May.", "say-interrupted")
    assert [c.text for c in q.content] == ["the pier will not open before May"]
    q = one("Still, Lund added, the ferry will keep running.", "add-interrupted")
    assert [c.text for c in q.content] == ["the ferry will keep running"]
