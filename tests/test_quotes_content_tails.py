"""Content tails the cue-verb rules used to cut short, on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_second_that_clause_after_but_stays_in_the_report():
    q = one("Mayor Ana Lund said the harbour would reopen in May, but that she would not support a new toll "
            "on the ferries.", "say-ccomp")
    assert q.content[0].text == ("the harbour would reopen in May, but that she would not support a new toll "
                                 "on the ferries")


def test_quotes_interrupted_report_keeps_an_including_tail():
    q = one("The pier will stay closed until spring, the harbour board said, including the old ferry ramp "
            "and the fuel dock.", "-interrupted")
    assert [c.text for c in q.content] == ["The pier will stay closed until spring",
                                           "including the old ferry ramp and the fuel dock"]


def test_quotes_object_keeps_its_including_examples():
    q = one("Lund, who chairs the harbour board, cited several accidents at the pier last year, including a "
            "collision between two ferries.", "cite-dobj")
    assert q.content[0].text == "several accidents at the pier last year, including a collision between two ferries"


def test_quotes_long_tail_hung_on_the_cue_verb_runs_on():
    q = one("Lund praised the harbour board for its work on the pier over the last three years, with special "
            "thanks to the divers of the coast guard and the engineers of the city who had checked every beam, "
            "bolt and plank of the old ramp.", "praise-dobj")
    assert q.content[0].text.endswith("bolt and plank of the old ramp")


def test_quotes_for_a_stretch_of_time_is_not_a_content():
    from test_quotes_rules import quotes_of
    assert not [q for q in quotes_of("Lund has known the harbour master for decades.") if q.rule.endswith("for")]
