"""Content edges: an object or infinitive content stops before what happened next ("and"/"but" + a
finite verb coordinated with the cue verb); a fragment stops at a sentence end the parser missed before
a quotation with its own cue; a closing aside in parentheses is left out; a lone connective before an
interrupting cue is dropped; a content ending inside its own quotation keeps the closing mark."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_object_content_stops_before_a_second_predicate_in_another_tense():
    q = one("The council has endorsed Berg for harbour master and approved a new budget for the ferries.",
            "endorse-dobj")
    assert [c.text for c in q.content] == ["Berg for harbour master"]


def test_quotes_object_content_of_a_subordinate_cue_stops_before_a_second_predicate():
    q = one("The governor, who praised the new ferry schedule and toured the harbour, spoke for an hour.",
            "praise-dobj")
    assert [c.text for c in q.content] == ["the new ferry schedule"]


def test_quotes_object_content_stops_before_a_new_clause_after_a_comma():
    q = one("Lund also rejected the plan, and the council postponed the vote.", "reject-dobj")
    assert [c.text for c in q.content] == ["the plan"]



def test_quotes_interrupted_report_stops_before_the_next_sentences_quotation():
    q = one("The answer, the adviser said, was simple. ''Just put the money in a fund,'' she said.",
            "say-interrupted")
    assert [c.text for c in q.content] == ["The answer", "was simple"]


def test_quotes_content_stops_before_the_writers_closing_aside():
    q = one("The mayor hopes to open the new pier before the summer season (the harbour board has not yet "
            "approved the plan).", "hop-xcomp")
    assert [c.text for c in q.content] == ["to open the new pier before the summer season"]


def test_quotes_lone_connective_before_an_interrupting_cue_is_dropped():
    q = one("In contrast, the harbour master said, the ferry crews want a longer season.", "say-interrupted")
    assert [c.text for c in q.content] == ["the ferry crews want a longer season"]


def test_quotes_content_ending_in_its_own_quotation_keeps_the_closing_mark():
    q = one("The mayor expressed confidence that the pier would be \"ready by the summer.\"",
            "express-confidence-light")
    assert [c.text for c in q.content] == ["that the pier would be \"ready by the summer.\""]
