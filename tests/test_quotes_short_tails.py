"""Contents the parser cut short at the cue: a question clause joined to the object, a gerund
phrase whose subject is the object."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_object_and_question_clause_is_one_content():
    q = one("She opened the meeting by talking about her work abroad and what she learned from the fishermen.",
            "talk-pobj:about")
    assert q.content[0].text == "her work abroad and what she learned from the fishermen"


def test_quotes_object_before_a_gerund_is_its_subject():
    q = one("She bragged about her brother building the old bridge.", "brag-pobj:about")
    assert q.content[0].text == "her brother building the old bridge"


def test_quotes_second_that_clause_hung_off_the_cue_phrase():
    q = one("Her aides are quick to point out that she has won the last two votes, and that polls show she "
            "remains the first choice of most voters.", "point-ccomp")
    assert q.content[0].text == ("that she has won the last two votes, and that polls show she remains the first "
                                 "choice of most voters")


def test_quotes_stance_adjective_object_before_a_gerund():
    q = one("He was critical of the ministry cutting the ferry budget.", "critical-adj")
    assert q.content[0].text == "the ministry cutting the ferry budget"
