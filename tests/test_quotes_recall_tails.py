"""Object lists and conditions the parser cut off a content (helper h23)."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_object_list_hung_elsewhere_stays_in_the_object():
    q = one("A trial is set for June in the Ohio suit, which challenges cuts in weekend voting, limits on mail "
            "ballots and the new photo ID rule.", "challenge-dobj")
    assert q.content[0].text == "cuts in weekend voting, limits on mail ballots and the new photo ID rule"


def test_quotes_condition_of_a_pledge_is_part_of_it():
    q = one("Lund made a speech and pledged to cut the harbour fee unless the council raises the ferry tax.",
            "pledge-xcomp")
    assert q.content[0].text == "to cut the harbour fee unless the council raises the ferry tax"


def test_quotes_capitalised_clause_after_a_colon_spells_out_the_report():
    q = one("The harbour master's deputy, Ana Berg, argued that her boss was not to be taken seriously: His threats "
            "were the bluster of a showman, but also a warning.", "argue-ccomp")
    assert q.content[0].text.endswith(": His threats were the bluster of a showman, but also a warning")
