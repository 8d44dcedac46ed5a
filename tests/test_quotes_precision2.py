"""Precision filters, second pass: a passive cue whose content is only a relative `that`,
on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def test_quotes_relative_that_of_a_passive_is_not_a_report():
    # "a plan that was rejected by the council": the clause describes the plan, nobody's words
    text = "The harbour board revived a ferry plan that was rejected by the council in May."
    assert not [q for q in quotes_of(text) if q.rule.endswith("-passive")
                and [c.text for c in q.content] == ["that"]]
    # a passive with a named subject stays
    q = [q for q in quotes_of("The ferry plan was rejected by the council in May.") if q.rule.endswith("reject-passive")]
    assert q and q[0].content[0].text == "The ferry plan"


def test_quotes_short_report_inside_a_long_answer_is_the_answerers():
    # under a speaker label, a long answer keeps its longer nested reports but not a short one
    text = ("Harbour talks\n\nBERG: Well, the harbour needs work, and the ferry crews have waited far too long "
            "for a decision on the new pier. They want safe berths. We have asked the ministry again and again "
            "to fund the repairs before the winter storms arrive on the coast.")
    rules = [q.rule.split(":")[1] for q in quotes_of(text)]
    assert "colon-headline" in rules and "ask-xcomp" in rules
    assert "want-dobj" not in rules
