"""Sister reports hung inside another report's content, and speakers cut at a line break
(helper 19), on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_past_tense_sister_joined_to_an_inner_verb_is_its_own_report():
    text = ("Harbour party leader Ana Berg said the warning showed that the mayor did not know what he was "
            "talking about, and accused the council of putting words in his mouth.")
    said = one(text, "say-ccomp")
    assert said.content[0].text == "the warning showed that the mayor did not know what he was talking about"
    q = one(text, "accuse-dobj")
    assert q.speaker.text == "Harbour party leader Ana Berg" and q.content[0].text == "the council of putting words in his mouth"


def test_quotes_sister_after_a_relative_clause_takes_the_main_subject():
    text = ("The mayor has also called on the ministry to fund the ferry that serves the islands "
            "and proposed a new pier for the fishing fleet.")
    assert one(text, "call-pobj:on").content[0].text == "the ministry to fund the ferry that serves the islands"
    q = one(text, "propose-dobj")
    assert q.speaker.text == "The mayor" and q.content[0].text == "a new pier for the fishing fleet"


def test_quotes_participle_after_a_closing_quote_mark_is_the_reporters():
    text = "Lund said the talks “should be over by June,” referring to the party’s summer meeting in Vigo."
    assert one(text, "say-ccomp").content[0].text == "the talks “should be over by June,”"
    q = one(text, "refer-pobj:to")
    assert q.speaker.text == "Lund" and q.content[0].text == "the party’s summer meeting in Vigo"


def test_quotes_speaker_does_not_run_over_a_line_break():
    q = one("3\nAna Berg said the new pier would open in May.", "say-ccomp")
    assert q.speaker.text == "Ana Berg"
