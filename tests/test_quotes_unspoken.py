"""Candidates that report nobody (precision fixes), on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def rules(text: str):
    return [(q.rule, q.cue.text if q.cue else None, q.speaker.text if q.speaker else None) for q in quotes_of(text)]


def test_quotes_that_said_is_a_discourse_marker():
    found = rules("That said, a loss in the harbour ward would hurt the mayor badly.")
    assert not [r for r in found if r[1] == "said"], found


def test_quotes_that_said_after_a_noun_still_reports():
    found = rules("Fishermen carried banners that said, “Save the old harbour.”")
    assert [r for r in found if r[1] == "said"], found


def test_quotes_impersonal_it_is_not_a_speaker():
    for text, cue in (("It is easy to see why the harbour board wants a second pier.", "to see"),
                      ("It is fair to say that the new pier will cost more than planned.", "to say")):
        found = [q for q in quotes_of(text) if q.cue is not None and q.cue.text == cue]
        assert found, rules(text)
        assert all(q.speaker is None for q in found), rules(text)


def test_quotes_it_with_a_referent_keeps_its_speaker():
    found = rules("The council met on Monday, and it said the new pier would open in May.")
    assert ("it" in [r[2] for r in found if r[1] == "said"]), found


def test_quotes_no_reports_inside_an_embedded_post():
    text = ("The harbour master answered on social media.\n\n"
            "<tweet tweet-author=\"@harbourlund\" tweet-date=\"May 1, 2016\">Mayor Lund says the new pier will open "
            "to ferries next spring, and we agree.<tweet/>.\n\n"
            "The council said the timetable would be published on Friday.")
    found = rules(text)
    assert not [r for r in found if r[1] in ("says", "agree")], found
    assert [r for r in found if r[1] == "said"], found


def test_quotes_instruction_with_an_object_reports_nobody():
    found = rules("See the full ferry timetable for the new pier here.")
    assert not [r for r in found if r[1] == "See"], found
