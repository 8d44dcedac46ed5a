"""Quotation slips: titles in the speech tag, colon lead-ins, mixed curly marks (fixtures written for these tests)."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of

from dateline.extract.quote_marks import find_quotes


def test_quotes_title_in_speech_tag_is_not_content():
    q = one("''The pier is a fraud,'' Lund said by telephone on the station's ''Meet the Mayor.'' "
            "''He never checks the tide tables before he speaks about the ferry.''", "say-")
    assert [c.text for c in q.content] == ["''The pier is a fraud,''"]


def test_quotes_title_before_speaker_is_not_content():
    q = one("On the harbour channel’s “Sunday Evening Report,” Rep. Ana Lund said the mayor's “plans” "
            "and “costs” were never checked before the pier was built.", "say-")
    assert all("Sunday Evening" not in c.text for c in q.content)


def test_quotes_title_after_speech_tag_does_not_continue():
    found = quotes_of("''The pier is a fraud,'' Lund told a crowd of 200 at the harbour on Tuesday after she walked "
                      "on to ''Rise of the Tide.'' ''And we will finish the ferry line before the winter storms.''")
    assert not any("Rise of the Tide" in c.text for q in found for c in q.content)


def test_quotes_colon_lead_in_beats_quoted_owner():
    q = one("Berg said that “the ferry will run on time and the pier will be ready.” Asked which pier was "
            "her favourite, she hedged: “Whichever one I am standing on today.”", "colon-lead")
    assert q.speaker.text == "she" and q.content[0].text == "“Whichever one I am standing on today.”"


def test_quotes_colon_lead_in_subject_of_joined_verb():
    q = one("“We will open the pier in May,” Berg said.\n\nThe crowd cheered. Berg gestured as if to stop "
            "the noise, then stepped forward and grinned: “Let us finish it before the summer.”", "colon-lead")
    assert q.speaker.text == "Berg"


def test_quote_marks_mixed_curly_styles():
    text = "\n\n”The pier stays open,” said Ana Lund. She asked for a “quick look“ at it."
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert spans == ["”The pier stays open,”", "“quick look“"]


def test_quotes_manner_after_opening_quotation_is_not_content():
    q = one("“Nice turnout for a rainy day,” Berg said with a shrug.", "+quote")
    assert [c.text for c in q.content] == ["“Nice turnout for a rainy day,”"]


def test_quotes_inverted_tag_with_long_speaker():
    q = one("“What a day!” beamed Ana Berg of Tromsø, who drove four hours from the coast "
            "to see the new pier open on Sunday.", "-after-quote")
    assert q.content[0].text == "“What a day!”" and q.speaker.text.startswith("Ana Berg")
